"""``csv/*.csv`` and ``storyline-csv.zip``: the dossier as flat tables a reporter opens in a spreadsheet.

One CSV per collection: ``events.csv``, ``amounts.csv``, ``quotes.csv``, ``findings.csv``,
``entities.csv``, ``relations.csv`` and ``documents.csv``, written into ``csv/`` and zipped together
into ``storyline-csv.zip`` (the path :func:`write` returns). Each row keeps the record's id and the
ids it links to beside readable columns (entity names, source names by :attr:`Document.name`, a
reader's date label), and the first evidence span (document, start, end, text) so every row can be
traced back to the article; ``documents.csv`` gives each article's metadata and length, never its
text.

Plain UTF-8, a header row, minimal quoting. A cell that a spreadsheet would run as a formula (one
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, as
OWASP advises against CSV injection; a plain negative number ("-3.5") is left as it is.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..records import Document, Dossier, Evidence
from .markdown import date_label, outlet_names

FOLDER = "csv"
ZIP_NAME = "storyline-csv.zip"
LIST_SEP = "; "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NEGATIVE_NUMBER = re.compile(r"-\d+(\.\d+)?([eE][-+]?\d+)?")
# a fixed time stamp for the zip's members, so the same dossier gives the same bytes
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

EVIDENCE_COLUMNS = ["evidence_doc", "evidence_start", "evidence_end", "evidence_text"]


def cell(value: Any) -> str:
    """``value`` as a spreadsheet cell: empty for None, yes/no for booleans, whole floats without
    ".0", and an apostrophe before anything a spreadsheet would read as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if text.startswith(FORMULA_START) and not NEGATIVE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _first_evidence(evidence: Sequence[Evidence]) -> list[Any]:
    if not evidence:
        return ["", "", "", ""]
    ev = evidence[0]
    return [ev.doc, ev.start, ev.end, ev.text]


class _Names:
    """Readable names for the ids a record links to."""

    def __init__(self, dossier: Dossier):
        self.docs: Mapping[str, Document] = {d.id: d for d in dossier.documents}
        self.entities = {e.id: e.name for e in dossier.entities}

    def entity(self, entity_id: str | None, fallback: str | None = None) -> str:
        if entity_id and entity_id in self.entities:
            return self.entities[entity_id]
        return fallback or ""

    def entity_list(self, ids: Iterable[str]) -> str:
        return LIST_SEP.join(self.entity(i, i) for i in ids)

    def doc(self, doc_id: str) -> str:
        d = self.docs.get(doc_id)
        return d.name if d else doc_id

    def sources(self, doc_ids: Sequence[str]) -> str:
        return LIST_SEP.join(outlet_names(doc_ids, self.docs))


def events(dossier: Dossier, names: _Names) -> list[list[Any]]:
    rows: list[list[Any]] = [["id", "date", "date_value", "date_start", "date_end", "summary", "type", "mood",
                              "key", "rank", "score", "entities", "entity_ids", "amount_ids", "sources",
                              "source_ids", "n_sources", *EVIDENCE_COLUMNS]]
    for e in dossier.events:
        rows.append([e.id, date_label(e.date), e.date.value, e.date.start, e.date.end, e.summary, e.type, e.mood,
                     e.key, e.rank, e.score, names.entity_list(e.entities), LIST_SEP.join(e.entities),
                     LIST_SEP.join(e.amounts), names.sources(e.sources), LIST_SEP.join(e.sources), len(e.sources),
                     *_first_evidence(e.evidence)])
    return rows


def amounts(dossier: Dossier, names: _Names) -> list[list[Any]]:
    rows: list[list[Any]] = [["id", "text", "kind", "currency", "unit", "low", "high", "qualifier", "per", "change",
                              "purpose", "measure", "cumulative", "payer", "payer_id", "payee", "payee_id", "time",
                              "event", "source", "doc", "start", "end"]]
    for a in dossier.amounts:
        rows.append([a.id, a.text, a.kind, a.currency, a.unit, a.low, a.high, a.qualifier, a.per, a.change,
                     a.purpose, a.measure, a.cumulative, names.entity(a.payer, a.payer_name), a.payer,
                     names.entity(a.payee, a.payee_name), a.payee, a.time, a.event, names.doc(a.doc), a.doc,
                     a.start, a.end])
    return rows


def quotes(dossier: Dossier, names: _Names) -> list[list[Any]]:
    rows: list[list[Any]] = [["id", "speaker", "speaker_id", "text", "said_at", "cue", "source", "doc", "start",
                              "end"]]
    for q in dossier.quotes:
        rows.append([q.id, names.entity(q.speaker, q.speaker_name), q.speaker, q.text, q.said_at, q.cue,
                     names.doc(q.doc), q.doc, q.start, q.end])
    return rows


def findings(dossier: Dossier, names: _Names) -> list[list[Any]]:
    rows: list[list[Any]] = [["id", "kind", "rank", "summary", "sources", "source_ids", "n_sources", "independent",
                              "n_independent", "event_ids", "amount_ids", *EVIDENCE_COLUMNS]]
    for f in dossier.findings:
        rows.append([f.id, f.kind, f.rank, f.summary, names.sources(f.sources), LIST_SEP.join(f.sources),
                     len(f.sources), LIST_SEP.join(f.independent), len(f.independent), LIST_SEP.join(f.events),
                     LIST_SEP.join(f.amounts), *_first_evidence(f.evidence)])
    return rows


def entities(dossier: Dossier, names: _Names) -> list[list[Any]]:
    rows: list[list[Any]] = [["id", "name", "type", "aliases", "mentions", "sources", "n_sources",
                              *EVIDENCE_COLUMNS]]
    for e in dossier.entities:
        docs = list(dict.fromkeys(ev.doc for ev in e.evidence))
        rows.append([e.id, e.name, e.type, LIST_SEP.join(e.aliases), e.mentions, names.sources(docs), len(docs),
                     *_first_evidence(e.evidence)])
    return rows


def relations(dossier: Dossier, names: _Names) -> list[list[Any]]:
    rows: list[list[Any]] = [["id", "source", "source_id", "type", "target", "target_id", "event_ids",
                              "n_evidence", *EVIDENCE_COLUMNS]]
    for r in dossier.relations:
        rows.append([r.id, names.entity(r.source, r.source), r.source, r.type, names.entity(r.target, r.target),
                     r.target, LIST_SEP.join(r.events), len(r.evidence), *_first_evidence(r.evidence)])
    return rows


def documents(dossier: Dossier, names: _Names) -> list[list[Any]]:
    rows: list[list[Any]] = [["id", "name", "title", "outlet", "url", "published", "published_precision",
                              "published_from", "path", "chars", "duplicate_of", "based_on", "cites"]]
    for d in dossier.documents:
        # the date as exactly as it is known ("2025-04" when the day is uncertain)
        rows.append([d.id, d.name, d.title, d.outlet, d.url, d.published_as_known,
                     (d.published_precision or "day") if d.published else None, d.published_from, d.path,
                     len(d.text), d.duplicate_of, d.based_on, LIST_SEP.join(d.cites)])
    return rows


# file stem -> rows of that table (header first)
TABLES: dict[str, Callable[[Dossier, _Names], list[list[Any]]]] = {
    "events": events, "amounts": amounts, "quotes": quotes, "findings": findings, "entities": entities,
    "relations": relations, "documents": documents,
}


def render(dossier: Dossier) -> dict[str, str]:
    """File name -> CSV text, one per table of :data:`TABLES`."""
    names = _Names(dossier)
    out = {}
    for stem, table in TABLES.items():
        buf = io.StringIO()
        csv.writer(buf, quoting=csv.QUOTE_MINIMAL).writerows([cell(v) for v in row] for row in table(dossier, names))
        out[f"{stem}.csv"] = buf.getvalue()
    return out


def write(dossier: Dossier, out_dir: Path) -> Path:
    folder = Path(out_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    files = render(dossier)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    path = Path(out_dir) / ZIP_NAME
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.external_attr = 0o644 << 16  # rw-r--r-- when unzipped
            zf.writestr(info, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return path
