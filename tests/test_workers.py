"""All cores by default: a build annotated in several processes gives the same dossier, id for id,
as a one-process build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from storyline import pipeline
from storyline.paths import benchmark_dir
from storyline.settings import Settings

pytestmark = pytest.mark.model


def test_workers_follow_the_setting_and_the_size_of_the_build(monkeypatch):
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1, 2, 3})
    assert pipeline.workers_for(Settings(), 1000) == 4  # 0: every core
    assert pipeline.workers_for(Settings(workers=2), 1000) == 2
    assert pipeline.workers_for(Settings(workers=1), 1000) == 1
    assert pipeline.workers_for(Settings(), 5) == 1  # too few articles to start processes for
    assert pipeline.workers_for(Settings(), 2 * pipeline.MIN_DOCS_PER_WORKER) == 2


def test_a_build_on_two_processes_equals_a_one_process_build(tmp_path):
    files = sorted(benchmark_dir("timeline17").glob("Data/haiti_bbc/InputDocs/*/*.txt"))[:56]
    src = tmp_path / "in"
    for f in files:
        (src / f.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(f, src / f.parent.name / f.name)
    one = pipeline.build([src], tmp_path / "one", settings=Settings(workers=1))
    two = pipeline.build([src], tmp_path / "two", settings=Settings(workers=2))
    assert pipeline.workers_for(Settings(workers=2), len(two.dossier.documents)) == 2
    a, b = (json.loads((tmp_path / d / "dossier.json").read_text(encoding="utf-8")) for d in ("one", "two"))
    for d in (a, b):
        d["meta"]["settings"].pop("workers")
    assert len(a["events"]) > 100
    assert [e["id"] for e in a["events"]] == [e["id"] for e in b["events"]]
    assert a == b


def test_a_dossier_does_not_depend_on_the_interpreters_hash_seed(tmp_path):
    """Python salts string hashes per process, so a set's order changes from run to run: nothing a
    dossier shows may follow it. Here the sources of the coverage table tie on their label (six
    files of one name, in dated folders) and must still come in one order."""
    import os
    import subprocess
    import sys

    files = sorted(benchmark_dir("timeline17").glob("Data/haiti_bbc/InputDocs/*/*.txt"))[:6]
    src = tmp_path / "in"
    for i, f in enumerate(files):
        (src / f"2010-01-{13 + i}").mkdir(parents=True)
        shutil.copy(f, src / f"2010-01-{13 + i}" / "report.txt")
    out = {}
    for seed in ("1", "2", "3"):
        subprocess.run([sys.executable, "-m", "storyline.cli", "build", str(src), "--out", str(tmp_path / seed)],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        out[seed] = (tmp_path / seed / "dossier.json").read_text(encoding="utf-8")
    labels = [s["label"] for s in json.loads(out["1"])["meta"]["coverage"]["sources"]]
    assert labels.count("report.txt") >= 2
    assert out["1"] == out["2"] == out["3"]
