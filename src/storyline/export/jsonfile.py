"""``dossier.json``: the contract, validated against ``schema/dossier.schema.json`` in tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..records import Dossier, to_jsonable

FILE_NAME = "dossier.json"


def dumps(dossier: Dossier) -> str:
    return json.dumps(to_jsonable(dossier), ensure_ascii=False, indent=1, sort_keys=False)


def write(dossier: Dossier, out_dir: Path) -> Path:
    """Write atomically (temp file + rename), so a reader never sees half a file."""
    path = Path(out_dir) / FILE_NAME
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(dumps(dossier), encoding="utf-8")
    os.replace(tmp, path)
    return path
