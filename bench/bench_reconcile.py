"""Reconcile at growing size: seconds per article and peak memory per 1,000 articles, 500 -> 4,650.

    .venv/bin/python bench/bench_reconcile.py                       # annotates all 4,650 first
    .venv/bin/python bench/bench_reconcile.py --store /tmp/big      # a folder annotated earlier
    .venv/bin/python bench/bench_reconcile.py --sizes 500,1000 --store /tmp/big

The reconcile stage (entities, per-document roles, event coreference, key events, findings,
ledger, relations, storing the dossier) runs over every stored document, so it is what could
grow faster than the pile. This bench annotates the Timeline17 articles once (all 17 topics
shuffled: a dossier of that size), then for each size n keeps the first n documents in a copy of
the store and reconciles it from scratch (nothing reused) in a fresh process, which reports its
time and its peak resident memory above what the process held before reconcile began (the model
and the interpreter). Flat columns mean linear time and memory. Only ratios mean anything on
these shared machines: the sizes run one after another in one run.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from storyline import pipeline  # noqa: E402
from storyline.paths import benchmark_dir  # noqa: E402
from storyline.store import Store  # noqa: E402


def annotated(folder: Path) -> None:
    files = sorted(benchmark_dir("timeline17").glob("Data/*/InputDocs/*/*.txt"))
    random.Random(17).shuffle(files)
    pipeline.build(files, folder, reconcile_now=False)


def subset(src: Path, dest: Path, n: int) -> int:
    """A copy of the store ``src`` holding its first ``n`` documents (in a fixed shuffled order)."""
    shutil.copytree(src, dest)
    with Store(dest) as store:
        ids = sorted(store.known_ids())
        random.Random(20).shuffle(ids)
        drop = json.dumps(ids[n:])
        for table, col in (("documents", "id"), ("sentences", "doc"), ("annotations", "doc"), ("kept", "doc")):
            store.con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]')))",
                              [drop])
        store.con.execute("DELETE FROM items")
        store.con.execute("CHECKPOINT")
        return len(ids[:n])


def child(folder: Path) -> None:
    """Run in a fresh process: one reconcile from scratch; prints seconds and peak memory in MB."""
    from storyline.annotate import nlp

    nlp.load(nlp.DEFAULT_MODEL)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    pipeline.rebuild(folder)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "base_mb": before}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="a folder holding all Timeline17 articles annotated (made if missing)")
    ap.add_argument("--sizes", default="500,1000,2000,4650")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    tmp = Path(tempfile.mkdtemp(prefix="storyline-reconcile-"))
    try:
        store = args.store or tmp / "all"
        if not (store / "storyline.duckdb").exists():
            annotated(store)
        rows = []
        for n in (int(x) for x in args.sizes.split(",")):
            folder = tmp / f"n{n}"
            docs = subset(store, folder, n)
            out = subprocess.run([sys.executable, __file__, "--child", str(folder)], capture_output=True, text=True,
                                 check=True)
            rows.append((docs, json.loads(out.stdout.strip().splitlines()[-1])))
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'documents':>9} {'reconcile s':>11} {'ms/article':>10} {'peak MB':>8} {'above model MB':>14} "
          f"{'MB per 1,000':>12}")
    for docs, r in rows:
        above = r["peak_mb"] - r["base_mb"]
        print(f"{docs:>9} {r['seconds']:>11.1f} {1000 * r['seconds'] / docs:>10.1f} {r['peak_mb']:>8.0f} "
              f"{above:>14.0f} {1000 * above / docs:>12.0f}")
    first, last = rows[0], rows[-1]
    growth = (last[1]["seconds"] / last[0]) / (first[1]["seconds"] / first[0])
    print(f"time per article, {last[0]} vs {first[0]} documents: x{growth:.2f} (1.00 = linear)")


if __name__ == "__main__":
    main()
