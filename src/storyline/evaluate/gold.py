"""Hand-made gold files: the reader's answers that :mod:`.aliases` and :mod:`.findings` score against."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import ConfigError


def load_gold(folder: str | Path, name_or_path: str | Path) -> dict[str, Any]:
    """A gold file: a path, or the name of one of the JSON files in ``folder``."""
    path = Path(name_or_path)
    if not path.exists():
        path = Path(folder) / f"{name_or_path}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in Path(folder).glob("*.json")))
        raise ConfigError(f"no gold {str(name_or_path)!r}: give a JSON file or one of {known}")
    return json.loads(path.read_text(encoding="utf-8"))
