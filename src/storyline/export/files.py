"""Write a dossier in a named format (:func:`write`, dispatching on :data:`FORMATS`) and read a built
dossier back (:func:`load`: from the store, else ``dossier.json``)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from ..errors import ConfigError, StoreError
from ..records import Dossier, from_jsonable

# format -> "module:function"; each function is (dossier, out_dir) -> Path
FORMATS: dict[str, str] = {
    "json": "storyline.export.jsonfile:write",
    "md": "storyline.export.markdown:write",
    "html": "storyline.export.html:write",
    "timelinejs": "storyline.export.timelinejs:write",
    "tilse": "storyline.export.tilse:write",
    "coverage": "storyline.export.coverage:write",
    "dossier-md": "storyline.export.markdown:write_dossier",
    "csv": "storyline.export.tables:write",
    "ftm": "storyline.export.ftm:write",
    "gexf": "storyline.export.graph:write_gexf",
    "graphml": "storyline.export.graph:write_graphml",
    "annotations": "storyline.export.annotations:write",
}


def write(dossier: Dossier, fmt: str, dest: Path) -> Path:
    """Write ``dossier`` in format ``fmt`` into folder ``dest`` (or to the file ``dest``: a path with
    a suffix that is not an existing folder; ``--out build/v1.2`` is a folder once it exists)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module, func = FORMATS[fmt].split(":")
    dest = Path(dest)
    to_file = bool(dest.suffix) and not dest.is_dir()
    folder = dest.parent if to_file else dest
    folder.mkdir(parents=True, exist_ok=True)
    path = getattr(importlib.import_module(module), func)(dossier, folder)
    if to_file and Path(path) != dest:
        Path(path).replace(dest)
        return dest
    return Path(path)


def notes(dossier: Dossier, fmt: str) -> list[str]:
    """What a reader of the ``fmt`` export should know that the file cannot say (a format's module
    may define ``note(dossier) -> str | None``: the tilse format holds days only)."""
    module = importlib.import_module(FORMATS[fmt].split(":")[0])
    note = getattr(module, "note", None)
    said = note(dossier) if note else None
    return [said] if said else []


def load(out: Path) -> Dossier:
    """The dossier built into folder ``out``."""
    from ..store import STORE_NAME, Store

    out = Path(out)
    if (out / STORE_NAME).exists():
        try:
            with Store(out, read_only=True) as store:
                return store.dossier()
        except StoreError:
            if not (out / "dossier.json").exists():
                raise
    path = out / "dossier.json"
    if not path.exists():
        raise StoreError(f"no dossier in {out}: run `storyline build ... --out {out}` first")
    return from_jsonable(Dossier, json.loads(path.read_text(encoding="utf-8")))