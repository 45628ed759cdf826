"""Adding articles to a big dossier vs building it: `storyline add` of k articles, same run.

    .venv/bin/python bench/bench_incremental.py                    # 4,640 Timeline17 articles + 10
    .venv/bin/python bench/bench_incremental.py --articles 500 --add 10
    .venv/bin/python bench/bench_incremental.py --base /tmp/big    # a store built earlier by this bench

Builds N - k of the N articles (all 17 Timeline17 topics shuffled: a dossier of that size), adds the
last k with `pipeline.add`, and prints the add's time as a share of the full build, stage by stage.
It also reconciles the grown store once more from scratch (nothing reused), so the saving of the
incremental reconcile is measured in the same run. Machines here are shared and noisy: only the
ratios mean anything. With ``--base`` the N - k build is not redone (its folder is copied and its
full-build time read from ``bench-build.json`` there, written by an earlier run of this bench).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from storyline import pipeline  # noqa: E402
from storyline.paths import benchmark_dir  # noqa: E402
from storyline.store import Store  # noqa: E402
from stages import timed  # noqa: E402


def articles(n: int) -> list[Path]:
    files = sorted(benchmark_dir("timeline17").glob("Data/*/InputDocs/*/*.txt"))
    random.Random(17).shuffle(files)
    return files[:n] if n else files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=0, help="N: articles in the grown dossier (0: all 4,650)")
    ap.add_argument("--add", type=int, default=10, help="k: articles added")
    ap.add_argument("--base", type=Path, help="reuse the N - k build in this folder (made by --keep)")
    ap.add_argument("--keep", type=Path, help="keep the N - k build in this folder for later --base runs")
    args = ap.parse_args()
    files = articles(args.articles)
    base_files, new_files = files[: -args.add], files[-args.add:]
    tmp = Path(tempfile.mkdtemp(prefix="storyline-incremental-"))
    try:
        out = tmp / "dossier"
        if args.base:
            shutil.copytree(args.base, out)
            built = json.loads((args.base / "bench-build.json").read_text())
        else:
            with timed() as spent:
                t0 = time.perf_counter()
                pipeline.build(base_files, out)
                built = {"seconds": time.perf_counter() - t0, "stages": dict(spent), "articles": len(base_files)}
            (out / "bench-build.json").write_text(json.dumps(built))
            if args.keep:
                shutil.copytree(out, args.keep, dirs_exist_ok=True)
        with timed() as spent:
            t0 = time.perf_counter()
            result = pipeline.add(out, new_files)
            added = {"seconds": time.perf_counter() - t0, "stages": dict(spent)}
        with Store(out) as store:  # nothing reused
            store.clear_caches()
        with timed() as spent:
            t0 = time.perf_counter()
            pipeline.rebuild(out)
            scratch = {"seconds": time.perf_counter() - t0, "stages": dict(spent)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    n_docs = len(result.dossier.documents)
    print(f"dossier of {built['articles']} Timeline17 articles, then `add` of {len(new_files)} "
          f"({result.new} new) -> {n_docs} documents")
    print(f"{'stage':<42} {'full build s':>12} {'add s':>8} {'reconcile, nothing reused s':>28}")
    for label in built["stages"]:
        print(f"{label:<42} {built['stages'][label]:>12.1f} {added['stages'].get(label, 0):>8.1f} "
              f"{scratch['stages'].get(label, 0):>28.1f}")
    print(f"{'total':<42} {built['seconds']:>12.1f} {added['seconds']:>8.1f} {scratch['seconds']:>28.1f}")
    print(f"add / full build: {added['seconds'] / built['seconds']:.1%} (target <= 5%); "
          f"add's reconcile / reconcile with nothing reused: "
          f"{added['stages']['reconcile'] / scratch['stages']['reconcile']:.1%}")


if __name__ == "__main__":
    main()
