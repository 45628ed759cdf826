"""Shared fixtures. The demo build runs once per session (it loads the real spaCy model)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "msft-openai"


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory):
    """The demo corpus built once into a temporary folder: (out folder, BuildResult)."""
    from storyline import pipeline

    out = tmp_path_factory.mktemp("demo")
    result = pipeline.build([DEMO], out, manifest=DEMO / "manifest.csv")
    return out, result


@pytest.fixture
def demo_copy(tmp_path) -> Path:
    """A writable copy of the demo articles and manifest."""
    dest = tmp_path / "articles"
    shutil.copytree(DEMO, dest)
    for p in dest.iterdir():
        p.chmod(0o644)
    return dest
