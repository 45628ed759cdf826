"""Manifests: a CSV or JSONL file that adds title, outlet, URL, publication date (and how exactly
it is known) per article file (:func:`read_manifest`, :class:`Applier`).

Loud and forgiving: an unknown column is reported with the columns a manifest can have and the
closest one; a field that cannot be read (a date nobody can parse, a URL that is not one) is
reported and dropped while the rest of its row is used; a row naming no file is rejected; a row
naming a file the build does not have, or the same file as an earlier row, is reported. Every
report carries the manifest's path and line (:class:`~storyline.records.Rejection`, severity
``rejected`` or ``warning``).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Iterable

from ..errors import InputError
from ..records import RawDocument, Rejection, warning
from .dates import PRECISIONS, DateForm, coarser, precision_from_note, read_written_date
from .fetch import is_url, url_key
from .formats import decode, field_text

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")

# column -> the other names people give it
COLUMNS: dict[str, tuple[str, ...]] = {
    "file": ("path", "filename", "file_name"),
    "title": ("headline",),
    "outlet": ("source", "publisher", "site", "site_name", "outlet_name"),
    "url": ("link", "canonical_url", "source_url"),
    "published": ("date", "published_at", "publication_date", "pubdate", "published_date", "date_published"),
    "precision": ("date_precision", "published_precision"),
    "note": ("notes", "comment", "comments", "date_note"),
}
_CANONICAL = {alias: name for name, aliases in COLUMNS.items() for alias in (name, *aliases)}


@dataclass(frozen=True)
class ManifestRow:
    file: str
    line: int
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    precision: str | None = None
    note: str | None = None
    manifest: str = ""


def _column(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", (name or "").strip().lower())


def _unknown_column(path: str, name: str, line: int) -> Rejection:
    close = difflib.get_close_matches(_column(name), list(_CANONICAL), n=1, cutoff=0.6)
    hint = f" (did you mean {_CANONICAL[close[0]]!r}?)" if close else ""
    return warning(path, f"unknown column {name!r}{hint}, ignored; a manifest's columns are "
                         f"{', '.join(COLUMNS)}", line)


def read_manifest(path: Path, date_order: str = "auto") -> tuple[dict[str, ManifestRow], list[Rejection]]:
    """Read a CSV or JSONL manifest: its rows by file name, and what was wrong in it."""
    rows: dict[str, ManifestRow] = {}
    problems: list[Rejection] = []
    where = str(path)
    try:
        text = decode(path.read_bytes(), where)
    except InputError as exc:
        return rows, [Rejection(where, exc.reason)]
    except OSError as exc:
        return rows, [Rejection(where, f"cannot read manifest: {exc.strerror or exc}")]
    records: list[tuple[int, dict]] = []
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        unknown: set[str] = set()
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError) as exc:
                problems.append(Rejection(where, f"bad manifest line: {str(exc)[:200]}", n))
                continue
            if not isinstance(obj, dict):
                problems.append(Rejection(where, "bad manifest line: not a JSON object", n))
                continue
            for key in obj:
                if _column(str(key)) not in _CANONICAL and key not in unknown:
                    unknown.add(key)
                    problems.append(_unknown_column(where, str(key), n))
            records.append((n, {_CANONICAL.get(_column(str(k)), "_"): v for k, v in obj.items()}))
    else:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if not header:
            return rows, [Rejection(where, "manifest is empty", 1)]
        names = [_CANONICAL.get(_column(h)) for h in header]
        for h, name in zip(header, names):
            if name is None and h.strip():
                problems.append(_unknown_column(where, h, 1))
        if "file" not in names:
            return rows, [*problems, Rejection(where, "manifest has no 'file' column (the article's file name)", 1)]
        line = 1
        for values in reader:
            n = reader.line_num  # the last physical line of this record (quoted fields may span lines)
            line = n
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                problems.append(warning(where, f"{len(values)} fields for {len(header)} columns; the extra ones "
                                               "are ignored", n))
            records.append((n, {name: v for name, v in zip(names, values) if name}))
    seen: dict[str, int] = {}
    for n, rec in records:
        row, bad = _manifest_row(rec, n, where, date_order)
        problems.extend(bad)
        if row is None:
            continue
        if row.file in seen:
            problems.append(warning(where, f"file {row.file!r} is already described on line {seen[row.file]}; "
                                           "this later row is used", n))
        seen[row.file] = n
        rows[row.file] = row
    return rows, problems


def _manifest_row(rec: dict, line: int, where: str, date_order: str) -> tuple[ManifestRow | None, list[Rejection]]:
    problems: list[Rejection] = []
    file = field_text(rec.get("file"))
    if not file:
        return None, [Rejection(where, "row names no file", line)]
    fields: dict = {"file": file.replace("\\", "/"), "line": line, "manifest": where}
    for name in ("title", "outlet", "note"):
        fields[name] = field_text(rec.get(name))
    url = field_text(rec.get("url"))
    if url and not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", url, re.IGNORECASE):
        problems.append(warning(where, f"'url' is not an absolute URL: {url!r}; the rest of the row is used", line))
        url = None
    fields["url"] = url
    precision = None
    if raw := field_text(rec.get("published")):
        try:
            fields["published"], precision = read_written_date(raw, date_order)
        except DateForm as exc:
            problems.append(warning(where, f"'published': {exc}; the rest of the row is used", line))
    if raw := field_text(rec.get("precision")):
        if raw.lower() in PRECISIONS:
            precision = coarser(precision, raw.lower())
        else:
            problems.append(warning(where, f"'precision' must be one of {', '.join(PRECISIONS)}, got {raw!r}", line))
    precision = coarser(precision, precision_from_note(fields["note"]))
    fields["precision"] = precision if precision != "day" else None
    return ManifestRow(**fields), problems


class Applier:
    """Applies manifests to documents and remembers which rows were used, so the rows that name a file
    the build does not have can be reported (:meth:`unused`)."""

    def __init__(self, rows: dict[str, ManifestRow] | None = None):
        self.rows: dict[str, ManifestRow] = dict(rows or {})
        self.used: set[tuple[str, str]] = set()
        self._by_url: dict[str, ManifestRow] | None = None  # rows by the page address they name

    def add(self, rows: dict[str, ManifestRow]) -> None:
        self.rows.update(rows)
        self._by_url = None

    def find(self, doc_path: str, url: str | None = None) -> ManifestRow | None:
        if is_url(doc_path):  # a fetched page: the row naming its address in `file` or `url`
            if self._by_url is None:
                self._by_url = {}
                for row in self.rows.values():
                    for address in (row.url, row.file):
                        if address and is_url(address):
                            self._by_url.setdefault(url_key(address), row)
            return next((self._by_url[k] for k in (url_key(doc_path), url and url_key(url)) if k in self._by_url), None)
        path = PurePosixPath(doc_path.replace("\\", "/"))
        row = self.rows.get(path.as_posix()) or self.rows.get(path.name)
        if row is None:
            for key, candidate in self.rows.items():
                if path.as_posix().endswith("/" + key.lstrip("./")):
                    return candidate
        return row

    def apply(self, doc: RawDocument, located: str | None = None) -> RawDocument:
        """``doc`` with its row's metadata; ``located``: where its file is, when ``doc.path`` shows it
        otherwise (rows are matched on both)."""
        row = (self.find(located) if located else None) or self.find(doc.path, doc.url)
        if row is None:
            return doc
        self.used.add((row.manifest, row.file))
        changes: dict = {}
        for name in ("title", "outlet", "url"):
            if getattr(row, name):
                changes[name] = getattr(row, name)
        if row.published:
            changes.update(published=row.published, published_from="manifest", published_precision=row.precision)
        elif row.precision and doc.published:
            changes["published_precision"] = coarser(doc.published_precision, row.precision)
        return replace(doc, **changes)

    def unused(self, files: Iterable[str]) -> list[Rejection]:
        """Warnings for rows no input matched, with the closest file name the build has."""
        files = list(files)
        # a row naming a file that was found but gave no document (empty, unreadable) is not unused:
        # that file's own rejection says why
        for f in files:
            row = self.find(f)
            if row is not None:
                self.used.add((row.manifest, row.file))
        names = sorted({f if is_url(f) else PurePosixPath(f.replace("\\", "/")).name for f in files})
        out = []
        for row in self.rows.values():
            if (row.manifest, row.file) in self.used:
                continue
            close = difflib.get_close_matches(row.file if is_url(row.file) else PurePosixPath(row.file).name,
                                              names, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            out.append(warning(row.manifest, f"no input file matches {row.file!r}{hint}; the row is unused",
                               row.line))
        return out


def apply_manifest(doc: RawDocument, manifest: dict[str, ManifestRow]) -> RawDocument:
    """``doc`` with the metadata of its row in ``manifest`` (unchanged when it has none)."""
    return Applier(manifest).apply(doc)
