"""Cleaning cost per megabyte, from 0.1 MB to 20 MB of one article (issue 19: cleaning linear in
article length).

Each article is made of real news paragraphs (Timeline17 articles, one after another, their lines
as they are on disk), so the cleaner sees what it sees in a build: prose, furniture, repeated
lines. Two paths are timed for every size, in one run:

- ``clean``: ``ingest.clean.clean`` on the whole article, unsplit (the cleaner's own cost curve);
- ``ingest``: what a build does with a file of that size: ``ingest.read.ingest`` (decoding, the
  split at ``max_article_chars``, dateline reading) and then ``clean`` of every part.

Prints seconds per MB for each size and its ratio to the smallest size's seconds per MB: a linear
cleaner keeps the ratio near 1 (a quadratic one doubles it with every doubling of the size).

Run:
  .venv/bin/python bench/bench_clean.py                       # 0.1 0.5 1 2 5 10 20 MB
  .venv/bin/python bench/bench_clean.py --sizes 0.1 1 4 --data ../shared/benchmarks/timeline17/Data
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from storyline.ingest import clean, read
from storyline.records import RawDocument

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "benchmarks" / "timeline17" / "Data"


def corpus_text(data: Path, megabytes: float) -> str:
    """At least ``megabytes`` of article text, Timeline17 articles one after another (repeated,
    with a counter line between rounds so paragraphs of later rounds are new text)."""
    files = sorted(data.glob("*/InputDocs/*/*"))
    if not files:
        sys.exit(f"no Timeline17 articles under {data}")
    want = int(megabytes * 1_000_000)
    parts, size, round_no = [], 0, 0
    while size < want:
        round_no += 1
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace")
            # later rounds differ in every paragraph, as a long real article's paragraphs do
            text = text if round_no == 1 else "\n".join(f"{line} (r{round_no})" if line.strip() else line
                                                        for line in text.splitlines())
            parts.append(text)
            size += len(text) + 2
            if size >= want:
                break
    return "\n\n".join(parts)[:want]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.5, 1, 2, 5, 10, 20], help="MB")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Timeline17 Data folder")
    parser.add_argument("--max-article-chars", type=int, default=1_000_000)
    args = parser.parse_args()

    biggest = corpus_text(args.data, max(args.sizes))
    # warm up: the lazy imports (NLTK's detokenizer, the time tagger for datelines) cost once
    clean.clean(RawDocument(path="warm.txt", text="Warm up . -LRB- x -RRB- `` a ''\nUpdated: 3 May 2020"), None)
    read.ingest([], max_chars=args.max_article_chars)
    print(f"{'MB':>6} {'clean s':>9} {'s/MB':>7} {'ratio':>6}   {'ingest+clean s':>14} {'s/MB':>7} {'ratio':>6}"
          f" {'parts':>5}")
    base: dict[str, float] = {}
    for mb in args.sizes:
        text = biggest[: int(mb * 1_000_000)]
        raw = RawDocument(path="bench.txt", text=text)
        whole = timed(lambda: clean.clean(raw, clean.line_counts([text])))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "article.txt"
            path.write_text(text, encoding="utf-8")
            found: list = []

            def through_ingest() -> None:
                result = read.ingest([path], max_chars=args.max_article_chars)
                corpus = clean.line_counts(d.text for d in result.documents)
                found[:] = [clean.clean(d, corpus) for d in result.documents]

            path_s = timed(through_ingest)
        per = {"clean": whole / mb, "ingest": path_s / mb}
        for key, value in per.items():
            base.setdefault(key, value)
        print(f"{mb:>6g} {whole:>9.2f} {per['clean']:>7.2f} {per['clean'] / base['clean']:>6.2f}   "
              f"{path_s:>14.2f} {per['ingest']:>7.2f} {per['ingest'] / base['ingest']:>6.2f} {len(found):>5}",
              flush=True)


if __name__ == "__main__":
    main()
