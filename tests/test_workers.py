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
