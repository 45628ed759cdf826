"""Speed of storyline's temporal tagger beside dateparser's ``search_dates`` on the same news texts.

    .venv/bin/python bench/bench_timex.py [--docs N] [--repeat R]

Texts: the TimeBank + AQUAINT articles of TempEval-3 (shared/benchmarks/tempeval3), each with
its publication date. Both tools get the same texts and the same reference date; we print
expressions found per second, documents per second, and the ratio, all measured in this run.
(dateparser finds fewer expressions -- no durations, sets or vague references -- so the
documents-per-second ratio is the fairer speed comparison; both are printed.)
"""

from __future__ import annotations

import argparse
import time
import warnings
from datetime import datetime

from storyline.evaluate.timex import load_tbaq
from storyline.paths import benchmark_dir
from storyline.annotate.timex import tag


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=40, help="articles to time dateparser on (it is slow)")
    ap.add_argument("--repeat", type=int, default=3, help="passes of storyline over all articles")
    args = ap.parse_args()

    docs = [(text, dct) for _, text, dct, _ in load_tbaq(benchmark_dir("tempeval3"))]
    chars = sum(len(t) for t, _ in docs)

    t0 = time.process_time()
    n_ours = 0
    for _ in range(args.repeat):
        n_ours = sum(len(tag(text, dct)) for text, dct in docs)
    ours_s = (time.process_time() - t0) / args.repeat
    ours_docs = len(docs) / ours_s
    ours_expr = n_ours / ours_s

    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed (pip install 'storyline[eval]'): only storyline's speed is shown")
        print(f"storyline: {len(docs)} docs ({chars:,} chars), {n_ours} expressions, {ours_s:.2f}s "
              f"-> {ours_docs:,.0f} docs/s, {ours_expr:,.0f} expressions/s")
        return

    sub = docs[: args.docs]
    sub_ours_t0 = time.process_time()
    reps = max(args.repeat, 5)  # the subset is small: average several passes
    for _ in range(reps):
        n_ours_sub = sum(len(tag(text, dct)) for text, dct in sub)
    sub_ours_s = (time.process_time() - sub_ours_t0) / reps
    search_dates("warm up on 5 March 2024", languages=["en"])
    t0 = time.process_time()
    n_dp = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text, dct in sub:
            base = datetime(dct.year, dct.month, dct.day) if dct else None
            found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base} if base else None)
            n_dp += len(found or [])
    dp_s = time.process_time() - t0

    print(f"texts: TimeBank+AQUAINT, {len(docs)} articles, {chars:,} characters")
    print(f"storyline timex  : all {len(docs)} docs in {ours_s:.3f}s (mean of {args.repeat}) -> "
          f"{ours_docs:,.1f} docs/s, {ours_expr:,.0f} expressions/s ({n_ours} expressions)")
    print(f"  same {len(sub)} docs as dateparser: {sub_ours_s:.3f}s (mean of {reps}), {n_ours_sub} expressions, "
          f"{n_ours_sub / sub_ours_s:,.0f} expressions/s")
    print(f"dateparser search_dates: {len(sub)} docs in {dp_s:.3f}s -> {len(sub) / dp_s:,.2f} docs/s, "
          f"{n_dp / dp_s:,.1f} expressions/s ({n_dp} dates)")
    print(f"ratio (storyline / dateparser): {(n_ours_sub / sub_ours_s) / (n_dp / dp_s):,.1f}x expressions/s, "
          f"{(len(sub) / sub_ours_s) / (len(sub) / dp_s):,.1f}x docs/s")


if __name__ == "__main__":
    main()
