"""Throughput: the whole storyline build vs bare spaCy (NER + sentence segmenter), same texts, same run.

    .venv/bin/python bench/bench_throughput.py            # all 4,650 Timeline17 articles
    .venv/bin/python bench/bench_throughput.py --limit 300

Prints articles/s and words/s for both and the ratio (pipeline / bare spaCy), plus
the spaCy part of the build alone (storyline's "full" pipeline: tok2vec, tagger,
parser, token attributes, NER) so the ratio can be split into model and the rest.
Bare spaCy is en_core_web_sm with only `senter` and `ner` enabled: each has its
own embedding layer, so the shared `tok2vec` (which feeds only the tagger and the
parser) is not part of it.
The machines are shared and noisy, so only ratios measured in one run mean
anything; the runs alternate in chunks so that load changes hit all alike.
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

from storyline.annotate import nlp
from storyline import pipeline  # noqa: E402
from storyline.paths import benchmark_dir  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="articles to use (0: all)")
    ap.add_argument("--chunks", type=int, default=5, help="alternate the runs over this many chunks")
    ap.add_argument("--no-split", action="store_true",
                    help="skip timing storyline's spaCy part on its own (saves a third of the time)")
    args = ap.parse_args()
    files = sorted(benchmark_dir("timeline17").glob("Data/*/InputDocs/*/*.txt"))
    random.Random(17).shuffle(files)
    if args.limit:
        files = files[: args.limit]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    words = sum(len(t.split()) for t in texts)
    bare = nlp.load(mode="fast")
    nlp.load(mode="full")  # the build's model, loaded before timing
    # the spaCy part on its own runs on a separate copy, so that its caches (lexemes, lemmas,
    # token attributes) do not warm up the build's
    full = None if args.no_split else nlp.build(nlp.DEFAULT_MODEL, "full")
    out = Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    n = max(1, len(files) // args.chunks)
    t_bare = t_pipe = t_full = 0.0
    try:
        for i in range(0, len(files), n):
            chunk_files, chunk_texts = files[i : i + n], texts[i : i + n]
            t = time.perf_counter()
            for _ in bare.pipe(chunk_texts, batch_size=16):
                pass
            t_bare += time.perf_counter() - t
            t = time.perf_counter()
            if full is not None:
                for _ in full.pipe(chunk_texts, batch_size=16):
                    pass
            t_full += time.perf_counter() - t
            t = time.perf_counter()
            last = i + n >= len(files)
            pipeline.build(chunk_files, out, reconcile_now=last)
            t_pipe += time.perf_counter() - t
            print(f"  {min(i + n, len(files))}/{len(files)} articles: bare {t_bare:.1f}s, "
                  + (f"storyline's spaCy {t_full:.1f}s, " if full is not None else "") + f"pipeline {t_pipe:.1f}s",
                  flush=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"\n{len(files)} Timeline17 articles, {words:,} words")
    rows = [("bare spaCy (senter+ner)", t_bare), *([("storyline's spaCy (parse+ner)", t_full)] if full else []),
            ("storyline build (everything)", t_pipe)]
    for name, t in rows:
        if t:
            print(f"{name:31s} {len(files) / t:8.2f} articles/s {words / t:10.0f} words/s")
    if full is not None:
        print(f"ratio spaCy part / bare spaCy:    {t_bare / t_full:.2f}x")
    print(f"ratio pipeline / bare spaCy:      {t_bare / t_pipe:.2f}x  (target >= 0.75x)")


if __name__ == "__main__":
    main()
