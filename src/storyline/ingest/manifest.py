"""Manifests: a CSV or JSONL file that adds title, outlet, URL and publication date per article
file (:func:`read_manifest`, :func:`apply_manifest`). Bad rows are rejected with their line number.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..errors import InputError, ManifestError
from ..records import RawDocument, Rejection
from .dates import parse_date
from .formats import decode, field_text

MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")


@dataclass(frozen=True)
class ManifestRow:
    file: str
    line: int
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


def read_manifest(path: Path) -> tuple[dict[str, ManifestRow], list[Rejection]]:
    """Read a CSV or JSONL manifest. Bad rows are rejected with their line number."""
    rows: dict[str, ManifestRow] = {}
    rejected: list[Rejection] = []
    try:
        text = decode(path.read_bytes(), str(path))
    except InputError as exc:
        return rows, [Rejection(str(path), exc.reason)]
    except OSError as exc:
        return rows, [Rejection(str(path), f"cannot read manifest: {exc.strerror}")]
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("not a JSON object")
                records.append((n, obj))
            except ValueError as exc:
                rejected.append(Rejection(str(path), f"bad manifest line: {exc}", n))
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "file" not in [f.strip().lower() for f in reader.fieldnames]:
            return rows, [Rejection(str(path), "manifest has no 'file' column", 1)]
        records = [(reader.line_num, {(k or "").strip().lower(): v for k, v in r.items()}) for r in reader]
        # DictReader.line_num is read lazily; recompute: header is line 1, rows follow
        records = [(i + 2, r) for i, (_, r) in enumerate(records)]
    for n, rec in records:
        try:
            row = _manifest_row(rec, n, str(path))
        except ManifestError as exc:
            rejected.append(Rejection(str(path), exc.reason, n))
            continue
        rows[row.file] = row
    return rows, rejected


def _manifest_row(rec: dict, line: int, path: str) -> ManifestRow:
    file = field_text(rec.get("file") or rec.get("path"))
    if not file:
        raise ManifestError(path, "row has no file name", line)
    published_raw = field_text(rec.get("published") or rec.get("date"))
    published = None
    if published_raw:
        published = parse_date(published_raw)
        if published is None or not re.match(r"^\d{4}-\d{2}-\d{2}", published_raw):
            raise ManifestError(path, f"'published' is not a date (YYYY-MM-DD): {published_raw!r}", line)
    url = field_text(rec.get("url"))
    if url and not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        raise ManifestError(path, f"'url' is not an absolute URL: {url!r}", line)
    return ManifestRow(file=file, line=line, title=field_text(rec.get("title")), outlet=field_text(rec.get("outlet")),
                       url=url, published=published)


def apply_manifest(doc: RawDocument, manifest: dict[str, ManifestRow]) -> RawDocument:
    path = Path(doc.path)
    row = manifest.get(path.name) or manifest.get(str(path)) or manifest.get(path.as_posix())
    if row is None:
        for key, candidate in manifest.items():
            if path.as_posix().endswith("/" + key.lstrip("./")):
                row = candidate
                break
    if row is None:
        return doc
    changes: dict = {}
    if row.title:
        changes["title"] = row.title
    if row.outlet:
        changes["outlet"] = row.outlet
    if row.url:
        changes["url"] = row.url
    if row.published:
        changes["published"] = row.published
        changes["published_from"] = "manifest"
    return replace(doc, **changes)
