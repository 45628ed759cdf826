"""Export a dossier: ``dossier.json``, ``timeline.md``, ``report.html``, TimelineJS JSON, tilse text.

``load`` reads a built dossier back (from the store, else ``dossier.json``);
``write`` dispatches on the format name. The JSON is the contract described by
``storyline/schema/dossier.schema.json``.
"""

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
}


def write(dossier: Dossier, fmt: str, dest: Path) -> Path:
    """Write ``dossier`` in format ``fmt`` into folder ``dest`` (or to the file ``dest``)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module, func = FORMATS[fmt].split(":")
    dest = Path(dest)
    folder = dest if dest.suffix == "" else dest.parent
    folder.mkdir(parents=True, exist_ok=True)
    path = getattr(importlib.import_module(module), func)(dossier, folder)
    if dest.suffix and Path(path) != dest:
        Path(path).replace(dest)
        return dest
    return Path(path)


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


def timeline_table(dossier: Dossier, limit: int = 0):
    """A rich Table of the timeline for the terminal."""
    from rich.table import Table

    from .markdown import date_label, outlet_names

    table = Table(title=f"Timeline: {len(dossier.events)} events from {len(dossier.documents)} articles",
                  show_lines=False, expand=True)
    table.add_column("date", style="bold cyan", no_wrap=True)
    table.add_column("event")
    table.add_column("sources", style="dim")
    events = dossier.events[:limit] if limit else dossier.events
    docs = {d.id: d for d in dossier.documents}
    for e in events:
        table.add_row(date_label(e.date), e.summary, ", ".join(outlet_names(e.sources, docs)))
    return table


def summary_json(entries) -> str:
    """Per-date summaries (:func:`storyline.tls.dossier.summarize_dossier`) as JSON: each day with its
    importance and sentences (document id, offsets into the document's cleaned text, text)."""
    return json.dumps([
        {"date": e.date.isoformat(), "score": round(e.score, 4),
         "sentences": [{"doc": s.doc, "start": s.start, "end": s.end, "text": s.text} for s in e.sentences]}
        for e in entries], ensure_ascii=False, indent=2)


def summary_table(dossier: Dossier, entries):
    """A rich Table of per-date summaries for the terminal, each sentence with its source."""
    from rich.table import Table

    from .markdown import outlet_names

    docs = {d.id: d for d in dossier.documents}
    table = Table(title=f"Timeline summary: {len(entries)} days from {len(dossier.documents)} articles",
                  show_lines=True, expand=True)
    table.add_column("date", style="bold cyan", no_wrap=True)
    table.add_column("what happened")
    table.add_column("source", style="dim")
    for e in entries:
        for i, s in enumerate(e.sentences):
            table.add_row(e.date.isoformat() if i == 0 else "", s.text, ", ".join(outlet_names([s.doc], docs)))
    return table
