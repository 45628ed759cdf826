"""Throughput: how much of a build is storyline's own work, beside its spaCy pipeline alone, same run.

    .venv/bin/python bench/bench_throughput.py                     # all 4,650 Timeline17 articles
    .venv/bin/python bench/bench_throughput.py --limit 400 --chunks 4
    .venv/bin/python bench/bench_throughput.py --bare              # also bare spaCy (senter + ner)

Target (issue 20): storyline's own stages (reading, cleaning, time, money, the store, reconcile,
export) take at most 25 % of the build. The build runs in one process (``workers=1``) and the
same spaCy pipeline it uses (tok2vec, tagger, parser, token attributes, NER) runs alone on the same
texts in the same process (the cleaned articles the build kept, read back from its store after
each chunk), on a separate copy of the model so that its caches (lexemes, lemmas,
token attributes) do not warm up the build's. Own work = build - spaCy alone. The build is also
timed stage by stage (``stages.py``), so the table says what each stage costs; spaCy's share of the
annotate stage is what is left of it after the stages storyline runs inside it.

``--bare`` also times bare spaCy (``en_core_web_sm`` with only ``senter`` and ``ner``: each embeds
its own tokens, so the shared ``tok2vec`` is not part of it), for the earlier target of a build
at 0.75x bare spaCy, which a pipeline with a parser cannot reach (``docs/throughput.md``).
The machines are shared and noisy, so only ratios measured in one run mean anything; the runs
alternate chunk by chunk so that load changes hit all alike.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from storyline import pipeline  # noqa: E402
from storyline.annotate import nlp  # noqa: E402
from storyline.paths import benchmark_dir  # noqa: E402
from storyline.settings import Settings  # noqa: E402
from storyline.store import Store  # noqa: E402
from stages import STAGES, timed  # noqa: E402

TARGET_OWN = 0.25
# the stage whose parts are told apart from spaCy's time
ANNOTATE = next(label for label, _module, name in STAGES if name == "_annotate_into")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="articles to use (0: all)")
    ap.add_argument("--chunks", type=int, default=5, help="alternate the runs over this many chunks")
    ap.add_argument("--bare", action="store_true", help="also time bare spaCy (senter + ner)")
    args = ap.parse_args()
    files = sorted(benchmark_dir("timeline17").glob("Data/*/InputDocs/*/*.txt"))
    random.Random(17).shuffle(files)
    if args.limit:
        files = files[: args.limit]
    nlp.load(mode="full")  # the build's model, loaded before timing
    alone = nlp.build(nlp.DEFAULT_MODEL, "full")
    bare = nlp.load(mode="fast") if args.bare else None
    settings = Settings(workers=1)
    out = Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    n = max(1, -(-len(files) // args.chunks))
    t_bare = t_alone = t_build = 0.0
    seen: set[str] = set()
    words = 0
    try:
        with timed() as spent:
            for i in range(0, len(files), n):
                t = time.perf_counter()
                pipeline.build(files[i : i + n], out, settings=settings, reconcile_now=i + n >= len(files))
                t_build += time.perf_counter() - t
                # spaCy alone on exactly the texts the build gave it: the cleaned articles it kept
                with Store(out) as store:
                    docs = store.documents()
                texts = [d.text for d in docs if d.id not in seen]
                seen.update(d.id for d in docs)
                words += sum(len(x.split()) for x in texts)
                t = time.perf_counter()
                for _ in alone.pipe(texts, batch_size=16):
                    pass
                t_alone += time.perf_counter() - t
                if bare is not None:
                    t = time.perf_counter()
                    for _ in bare.pipe(texts, batch_size=16):
                        pass
                    t_bare += time.perf_counter() - t
                print(f"  {min(i + n, len(files))}/{len(files)} articles: build {t_build:.1f}s, "
                      f"spaCy alone {t_alone:.1f}s" + (f", bare spaCy {t_bare:.1f}s" if bare else ""), flush=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"\n{len(files)} Timeline17 articles, {len(seen)} kept ({words:,} words after cleaning); build in one process\n")
    print(f"{'stage':<44} {'s':>8} {'of build':>9}")
    for label, s in spent.items():
        print(f"{label:<44} {s:>8.1f} {s / t_build:>9.1%}")
    # spaCy's share of the annotate stage: what is left of it after the parts storyline runs inside it
    annotate, inside, top = ANNOTATE, 0.0, None
    for label, *_ in STAGES:
        top = label if not label.startswith(" ") else top
        if label.startswith(" ") and top == annotate:
            inside += spent.get(label, 0.0)
    spacy_in_build = spent.get(annotate, 0.0) - inside
    print(f"{'  (left: spaCy inside the build)':<44} {spacy_in_build:>8.1f} {spacy_in_build / t_build:>9.1%}")
    other = t_build - sum(s for label, s in spent.items() if not label.startswith(" "))
    print(f"{'other (store open/close, stored texts read)':<44} {other:>8.1f} {other / t_build:>9.1%}")
    print(f"{'build, all stages':<44} {t_build:>8.1f} {1:>9.1%}")
    print(f"{'the same spaCy pipeline alone':<44} {t_alone:>8.1f} {t_alone / t_build:>9.1%}")
    own = t_build - t_alone
    print(f"\nstoryline's own work = build - spaCy alone: {own:.1f}s = {own / t_build:.1%} of the build "
          f"(target <= {TARGET_OWN:.0%}: {'met' if own / t_build <= TARGET_OWN else 'not met'})")
    print(f"build {len(files) / t_build:.2f} articles/s, {words / t_build:,.0f} words/s; "
          f"spaCy alone {len(seen) / t_alone:.2f} articles/s (of the {len(seen)} kept)")
    if bare is not None:
        print(f"ratio build / bare spaCy (senter+ner): {t_bare / t_build:.2f}x; "
              f"spaCy alone / bare: {t_bare / t_alone:.2f}x")


if __name__ == "__main__":
    main()
