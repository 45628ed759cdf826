"""Where spaCy's time goes: each en_core_web_sm component timed on its own, as a multiple of
bare spaCy (senter + ner) on the same Timeline17 texts, in one run.

    .venv/bin/python bench/bench_components.py --limit 200

The whole storyline build cannot be faster than the spaCy components it runs; this prints
that floor. Components that read another's output (the tagger and parser read tok2vec; the
attribute ruler reads tags and the parse) are timed on Docs that already carry it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from storyline.annotate import nlp  # noqa: E402
from storyline.paths import benchmark_dir  # noqa: E402
from storyline.annotate.token_attrs import TokenAttributes  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200, help="articles to use")
    ap.add_argument("--rounds", type=int, default=2, help="time every component this many times (alternating)")
    args = ap.parse_args()
    import spacy
    from spacy.tokens import Doc

    files = sorted(benchmark_dir("timeline17").glob("Data/*/InputDocs/*/*.txt"))
    random.Random(17).shuffle(files)
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files[: args.limit]]
    model = spacy.load(nlp.DEFAULT_MODEL)
    fast = TokenAttributes(model.get_pipe("attribute_ruler"), model.get_pipe("lemmatizer"))
    order = ["senter", "ner", "tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "token_attributes"]
    spent = dict.fromkeys(order, 0.0)
    for _ in range(args.rounds):
        docs = [model.make_doc(t) for t in texts]
        parsed: list[bytes] = []  # the Docs once tagged and parsed, before any attributes are set
        for name in order:
            if name == "attribute_ruler":
                parsed = [d.to_bytes(exclude=["tensor"]) for d in docs]
            if name == "senter":
                batch = [model.make_doc(t) for t in texts]  # senter sets sentence starts: own Docs
            elif name == "token_attributes":
                batch = [Doc(model.vocab).from_bytes(b) for b in parsed]
            else:
                batch = docs
            proc = fast if name == "token_attributes" else model.get_pipe(name)
            t = time.perf_counter()
            if hasattr(proc, "pipe"):
                for _d in proc.pipe(batch, batch_size=16):
                    pass
            else:
                for d in batch:
                    proc(d)
            spent[name] += time.perf_counter() - t
    bare = spent["senter"] + spent["ner"]
    words = sum(len(t.split()) for t in texts) * args.rounds
    print(f"{len(texts)} Timeline17 articles x {args.rounds} rounds; bare spaCy (senter+ner) = 1.00")
    for name in order:
        print(f"  {name:17s} {spent[name] / bare:6.2f} x bare   ({words / spent[name]:9.0f} words/s)")
    parse = spent["tok2vec"] + spent["tagger"] + spent["parser"]
    ours = parse + spent["token_attributes"] + spent["ner"]
    print(f"storyline's spaCy part (tok2vec+tagger+parser+token_attributes+ner): {ours / bare:.2f} x bare"
          f" -> at most {bare / ours:.2f}x bare throughput before any of storyline's own work")
    print(f"the same with spaCy's attribute_ruler+lemmatizer: "
          f"{(parse + spent['attribute_ruler'] + spent['lemmatizer'] + spent['ner']) / bare:.2f} x bare")


if __name__ == "__main__":
    main()
