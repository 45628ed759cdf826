"""Peak memory of a build of one long article, per megabyte of article (issue 19: no input may cost
unbounded memory).

One article of real news paragraphs (Timeline17 articles one after another, as
``bench_clean.corpus_text`` makes them) is built alone with ``storyline build`` for each size, in a
fresh process, and that process's peak resident memory is read from the kernel
(``getrusage(RUSAGE_CHILDREN)``). A build of a one-paragraph article, in the same run, gives the
fixed cost (Python, spaCy and its model); what is above it is the article's cost. Builds run with
``workers=1``: the peak of one process is what one worker needs.

Articles longer than ``max_article_chars`` are split at paragraph breaks into parts (a warning says
so) and annotated part by part, so the article's cost should stop growing past that size: the
bench runs each size with the default setting and with a quarter of it, and prints the MB above the
fixed cost and MB per article MB for both.

Run:
  .venv/bin/python bench/bench_memory.py                       # 0.25 0.5 1 2 MB
  .venv/bin/python bench/bench_memory.py --sizes 0.5 2 --data ../shared/benchmarks/timeline17/Data
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_clean import DEFAULT_DATA, corpus_text  # noqa: E402

from storyline.settings import Settings  # noqa: E402

SMALL = ("The council voted on Monday to approve the new budget, officials said after the meeting. "
         "Opponents said they would appeal.")


def build_peak_mb(text: str, max_chars: int, tmp: Path, tag: str) -> float:
    """Peak resident MB of a ``storyline build`` of ``text`` as one article, in a process of its own."""
    folder = tmp / f"in-{tag}"
    folder.mkdir()
    (folder / "article.txt").write_text(text, encoding="utf-8")
    settings = tmp / f"settings-{tag}.json"
    # one process: its own peak is the build's (a pool's workers would each hold a part)
    settings.write_text(json.dumps({"max_article_chars": max_chars, "workers": 1}), encoding="utf-8")
    code = ("import sys, resource, json; from pathlib import Path; from storyline import pipeline; "
            "from storyline.settings import Settings; "
            "s = Settings(**json.loads(Path(sys.argv[3]).read_text())); "
            "pipeline.build([sys.argv[1]], Path(sys.argv[2]), settings=s); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(folder), str(tmp / f"out-{tag}"), str(settings)],
                         capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"the build of a {len(text):,}-character article failed:\n{out.stderr[-2000:]}")
    return int(out.stdout.strip().splitlines()[-1]) / 1024  # ru_maxrss is in KB on Linux


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", nargs="+", type=float, default=[0.25, 0.5, 1, 2], help="article sizes in MB")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    default = Settings().max_article_chars
    limits = [default, default // 4]
    with tempfile.TemporaryDirectory(prefix="storyline-bench-memory-") as t:
        tmp = Path(t)
        base = build_peak_mb(SMALL, default, tmp, "base")
        print(f"fixed cost (a one-paragraph article): {base:,.0f} MB peak")
        print(f"{'article MB':>10} " + " ".join(f"{'max_article_chars ' + format(m, ','):>36}" for m in limits))
        print(f"{'':>10} " + " ".join(f"{'MB above fixed':>18}{'per article MB':>18}" for _ in limits))
        for mb in args.sizes:
            text = corpus_text(args.data, mb)
            cells = []
            for m in limits:
                above = build_peak_mb(text, m, tmp, f"{mb}-{m}") - base
                cells.append(f"{above:18,.0f}{above / mb:18,.0f}")
            print(f"{mb:10.2f} " + " ".join(cells), flush=True)
    print("\nPast max_article_chars the MB above the fixed cost should stop growing with the article "
          "(parts are annotated one at a time); below it they grow with the article.")


if __name__ == "__main__":
    main()
