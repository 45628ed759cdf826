"""Dask as a user runs it: a real ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1, a
build pointed at ``scheduler=tcp://...``, one worker killed mid-build. No document may be lost or
written twice, and the dossier must be the one a one-process build gives, id for id."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline import pipeline
from storyline.paths import benchmark_dir
from storyline.settings import Settings
from storyline.store import Store

pytestmark = pytest.mark.model

DASK = Path(sys.executable).with_name("dask")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_workers(address: str, n: int, timeout: float = 120) -> None:
    from dask.distributed import Client

    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(n, timeout=timeout)


@pytest.fixture()
def cluster(tmp_path):
    """A scheduler and two single-threaded workers, each its own process, on loopback."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (tmp_path / "dask.log").open("w")
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=log, stderr=subprocess.STDOUT)]
    time.sleep(1)
    for i in range(2):
        procs.append(subprocess.Popen([str(DASK), "worker", address, "--host", "127.0.0.1", "--nworkers", "1",
                                       "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", f"w{i}",
                                       "--local-directory", str(tmp_path / f"w{i}")],
                                      stdout=log, stderr=subprocess.STDOUT))
    try:
        _wait_for_workers(address, 2)
        yield address, procs
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        log.close()


def _corpus(tmp_path: Path, n: int) -> Path:
    files = sorted(benchmark_dir("timeline17").glob("Data/haiti_bbc/InputDocs/*/*.txt"))[:n]
    src = tmp_path / "in"
    for f in files:
        (src / f.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(f, src / f.parent.name / f.name)
    return src


def _worker_pids(address: str) -> list[int]:
    from dask.distributed import Client

    with Client(address) as client:
        return sorted(client.run(os.getpid).values())


def test_a_worker_killed_mid_build_loses_and_duplicates_nothing(tmp_path, cluster, monkeypatch):
    address, _procs = cluster
    src = _corpus(tmp_path, 30)
    one = pipeline.build([src], tmp_path / "one", settings=Settings(workers=1))

    victims = _worker_pids(address)
    assert len(victims) == 2
    written: list[str] = []
    real_put = Store.put_annotated

    def put_and_kill(self, batch):
        # after the first batch is stored, kill one worker process with SIGKILL: its batches in
        # flight must run again elsewhere
        if batch and not written:
            os.kill(victims[0], signal.SIGKILL)
        written.extend(row[0].id for row in batch)
        return real_put(self, batch)

    monkeypatch.setattr(Store, "put_annotated", put_and_kill)
    monkeypatch.setattr(pipeline, "STORE_EVERY_DOCS", 2)  # written as batches come back, mid-build
    dask_build = pipeline.build([src], tmp_path / "dask", settings=Settings(scheduler=address, batch_size=2))
    assert len(written) == len(set(written)) == len(one.dossier.documents)  # none lost, none twice
    assert _worker_pids(address) == [victims[1]]  # the killed worker did die

    a, b = (json.loads((tmp_path / d / "dossier.json").read_text(encoding="utf-8")) for d in ("one", "dask"))
    for d in (a, b):
        for key in ("workers", "scheduler", "batch_size"):
            d["meta"]["settings"].pop(key, None)
    assert len(dask_build.dossier.documents) == len(one.dossier.documents) == 29 and len(a["events"]) > 50
    assert [e["id"] for e in a["events"]] == [e["id"] for e in b["events"]]
    assert a == b
