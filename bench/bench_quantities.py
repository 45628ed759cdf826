"""Speed of the quantity extractor: the regex grammar (annotate stage) beside the parse refinement and the
spaCy parse it needs, on the same news sentences.

    .venv/bin/python bench/bench_quantities.py [--repeat R]

Texts: the 590 NewsQuant sentences (shared/benchmarks/newsquant-cqe). We print sentences per second for
``quantities.extract``, for ``refine_units`` given a ready parse, and for spaCy's "full" pipeline, and the ratios,
all measured in this run (CPU time). The parse dominates; the refinement itself is a small addition to it.
"""

from __future__ import annotations

import argparse
import time

from storyline.annotate import nlp, quantities
from storyline.evaluate.quantities import load


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="passes of the regex extractor and the refinement")
    args = ap.parse_args()
    texts = [item["text"] for item in load(None)]

    t0 = time.process_time()
    for _ in range(args.repeat):
        extracted = [quantities.extract(t, all_numbers=True) for t in texts]
    regex_s = (time.process_time() - t0) / args.repeat

    model = nlp.load(mode="full")
    t0 = time.process_time()
    docs = list(model.pipe(texts, batch_size=64))
    parse_s = time.process_time() - t0

    t0 = time.process_time()
    for _ in range(args.repeat):
        for amounts, doc in zip(extracted, docs):
            quantities.refine_units(amounts, doc)
    refine_s = (time.process_time() - t0) / args.repeat

    n = len(texts)
    print(f"{n} NewsQuant sentences")
    print(f"regex extract     {_rate(n, regex_s):10.0f} sentences/s")
    print(f"refine_units      {_rate(n, refine_s):10.0f} sentences/s (given the parse)")
    print(f"spaCy full parse  {_rate(n, parse_s):10.0f} sentences/s")
    print(f"regex is {parse_s / regex_s:.0f}x faster than the parse; refinement adds {100 * refine_s / parse_s:.1f}% "
          f"to the parse time")


if __name__ == "__main__":
    main()
