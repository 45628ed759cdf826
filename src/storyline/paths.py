"""Where storyline finds the shared benchmark data and its own packaged files."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import BenchmarkDataError

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent


def shared_dir() -> Path:
    """The ``shared/`` folder: ``$STORYLINE_SHARED``, else ``../shared`` beside the repo."""
    env = os.environ.get("STORYLINE_SHARED")
    candidates = [Path(env)] if env else []
    candidates += [REPO_DIR.parent / "shared", Path.cwd().parent / "shared"]
    for c in candidates:
        if (c / "benchmarks").is_dir():
            return c.resolve()
    raise BenchmarkDataError(
        "cannot find the shared benchmark folder: set STORYLINE_SHARED to the folder that holds benchmarks/"
    )


def benchmark_dir(name: str) -> Path:
    """``shared/benchmarks/<name>``, checked to exist."""
    path = shared_dir() / "benchmarks" / name
    if not path.is_dir():
        raise BenchmarkDataError(f"benchmark data not found: {path}")
    return path
