"""Ingest: read articles from files, folders and globs into :class:`RawDocument` records.

Formats: ``.txt``; ``.html``/``.htm`` (trafilatura: main text and metadata);
``.json``/``.jsonl`` with news-please field names (``maintext``, ``title``,
``date_publish``, ``url``, ``source_domain``) or plain ones (``text``, ``title``,
``published``, ``url``, ``outlet``); ``.warc``/``.warc.gz`` (warcio). A manifest
(CSV or JSONL) adds title, outlet, URL and publication date per file.

Nothing here raises on a bad input: every unreadable file, bad JSON line or bad
manifest row becomes a :class:`Rejection` with its path, line and reason, and the
rest of the build goes on.

Publication date precedence: manifest, then HTML/JSON metadata, then a dated line
in the text ("Last Updated on November 7, 2024 2:27 pm CET", "Published 3 March
2025"). Which one was used is recorded in ``published_from``.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError, ManifestError, UnreadableError
from .records import RawDocument, Rejection

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
SKIP_NAMES = frozenset({"readme.md", "readme.txt", "license", "license.txt", *MANIFEST_NAMES})

# field names, in order of preference
TEXT_FIELDS = ("maintext", "text", "body", "content", "article")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date_publish", "published", "date", "publish_date", "pubdate")
URL_FIELDS = ("url", "link")
OUTLET_FIELDS = ("outlet", "source_domain", "source", "site", "publisher")


@dataclass
class IngestResult:
    documents: list[RawDocument] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


@dataclass(frozen=True)
class ManifestRow:
    file: str
    line: int
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


# --------------------------------------------------------------------------- paths

def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[Rejection]]:
    """Files, folders (recursively) and globs -> a sorted, de-duplicated file list."""
    files: list[Path] = []
    rejected: list[Rejection] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(f for f in sorted(p.rglob("*")) if f.is_file() and _wanted(f))
        elif p.is_file():
            files.append(p)
        else:
            matches = [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))]
            matches = [m for m in matches if m.is_file()]
            if not matches:
                rejected.append(Rejection(str(raw), "no such file, folder or glob match"))
            files.extend(matches)
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, rejected


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    return not name.startswith(".") and name not in SKIP_NAMES


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for s in (".warc.gz", ".arc.gz"):
        if name.endswith(s):
            return s
    return path.suffix.lower()


# --------------------------------------------------------------------------- decoding

def decode(data: bytes, path: str) -> str:
    """Bytes -> text. UTF-8 (with or without BOM) and UTF-16 with a BOM are read as is;
    anything else is tried with charset detection and rejected when unsure."""
    if not data.strip():
        raise UnreadableError(path, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise UnreadableError(path, "binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Windows-1252 is by far the most common non-UTF-8 encoding of Western news
        # pages; accept it only when the result reads as text (letters, spaces and
        # punctuation), so random bytes are never passed off as an article.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and _reads_as_text(text):
            return text
        raise UnreadableError(
            path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) nor Windows-1252 text; "
            "re-save it as UTF-8"
        ) from None


def _reads_as_text(text: str) -> bool:
    import unicodedata

    ok = sum(1 for c in text if c.isalnum() or c.isspace() or unicodedata.category(c).startswith("P"))
    return ok / max(len(text), 1) > 0.95


# --------------------------------------------------------------------------- dates

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_DATELINE_CUE = re.compile(
    r"^\W*(?:last\s+)?(?:updated|published|posted|modified|date|first published|updated on|published on)\b",
    re.IGNORECASE,
)


def parse_date(value: object) -> date | None:
    """An ISO date or datetime (as found in metadata) -> date; None when it is not one."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def date_from_text(text: str) -> date | None:
    """A publication date stated on a short dateline ("Last Updated on November 7, 2024 2:27 pm CET").

    Only short lines that start with a publishing cue count, so a date inside the
    story is never mistaken for the publication date. The date itself is read by
    the time tagger (absolute dates need no anchor).
    """
    from . import timex

    lines = text.splitlines()
    candidates = lines[:8] + lines[-8:]
    for line in candidates:
        if len(line) > 120 or not _DATELINE_CUE.search(line):
            continue
        for t in timex.tag(line, None):
            if t.type in ("DATE", "TIME") and re.match(r"^\d{4}-\d{2}-\d{2}", t.value or ""):
                d = parse_date(t.value)
                if d:
                    return d
    return None


# --------------------------------------------------------------------------- manifest

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


def _clean(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _manifest_row(rec: dict, line: int, path: str) -> ManifestRow:
    file = _clean(rec.get("file") or rec.get("path"))
    if not file:
        raise ManifestError(path, "row has no file name", line)
    published_raw = _clean(rec.get("published") or rec.get("date"))
    published = None
    if published_raw:
        published = parse_date(published_raw)
        if published is None or not re.match(r"^\d{4}-\d{2}-\d{2}", published_raw):
            raise ManifestError(path, f"'published' is not a date (YYYY-MM-DD): {published_raw!r}", line)
    url = _clean(rec.get("url"))
    if url and not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        raise ManifestError(path, f"'url' is not an absolute URL: {url!r}", line)
    return ManifestRow(file=file, line=line, title=_clean(rec.get("title")), outlet=_clean(rec.get("outlet")),
                       url=url, published=published)


def _apply_manifest(doc: RawDocument, manifest: dict[str, ManifestRow]) -> RawDocument:
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


# --------------------------------------------------------------------------- readers

def _read_text(path: Path, data: bytes) -> Iterator[RawDocument]:
    text = decode(data, str(path))
    yield RawDocument(path=str(path), text=text)


def _from_html(path: str, html: str, part: str | None = None, url: str | None = None) -> RawDocument:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        raise UnreadableError(path, f"HTML could not be parsed: {exc}") from None
    if result is None:
        raise UnreadableError(path, "no article text found in the HTML")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (data.get("text") or "").strip()
    if not text:
        raise UnreadableError(path, "no article text found in the HTML")
    published = parse_date(data.get("date"))
    return RawDocument(
        path=path, text=text, title=_clean(data.get("title")), outlet=_clean(data.get("sitename")),
        url=_clean(data.get("url")) or url, published=published,
        published_from="metadata" if published else None, part=part,
    )


def _read_html(path: Path, data: bytes) -> Iterator[RawDocument]:
    yield _from_html(str(path), decode(data, str(path)))


def _from_json_obj(path: str, obj: dict, part: str, line: int | None) -> RawDocument:
    if not isinstance(obj, dict):
        raise UnreadableError(path, "JSON value is not an object", line)
    text = next((obj[f] for f in TEXT_FIELDS if isinstance(obj.get(f), str) and obj[f].strip()), None)
    if text is None:
        raise UnreadableError(path, f"no article text (expected one of: {', '.join(TEXT_FIELDS)})", line)
    raw_date = next((obj[f] for f in DATE_FIELDS if obj.get(f)), None)
    published = parse_date(raw_date)
    if raw_date and published is None:
        raise UnreadableError(path, f"date is not ISO 8601: {raw_date!r}", line)
    return RawDocument(
        path=path, text=text,
        title=next((_clean(obj[f]) for f in TITLE_FIELDS if obj.get(f)), None),
        outlet=next((_clean(obj[f]) for f in OUTLET_FIELDS if obj.get(f)), None),
        url=next((_clean(obj[f]) for f in URL_FIELDS if obj.get(f)), None),
        published=published, published_from="metadata" if published else None, part=part,
    )


def _read_json(path: Path, data: bytes, rejected: list[Rejection]) -> Iterator[RawDocument]:
    text = decode(data, str(path))
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped[:1] in "[{":
        try:
            value = json.loads(text)
        except ValueError as exc:
            line = getattr(exc, "lineno", None)
            raise UnreadableError(str(path), f"bad JSON: {getattr(exc, 'msg', exc)}", line) from None
        items = value if isinstance(value, list) else [value]
        for i, obj in enumerate(items):
            try:
                yield _from_json_obj(str(path), obj, part=str(i), line=None)
            except InputError as exc:
                rejected.append(Rejection(str(path), f"item {i}: {exc.reason}"))
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            rejected.append(Rejection(str(path), f"bad JSON line: {getattr(exc, 'msg', exc)}", n))
            continue
        try:
            yield _from_json_obj(str(path), obj, part=f"L{n}", line=n)
        except InputError as exc:
            rejected.append(Rejection(str(path), exc.reason, n))


def _read_warc(path: Path, data: bytes, rejected: list[Rejection]) -> Iterator[RawDocument]:
    from warcio.archiveiterator import ArchiveIterator

    stream = io.BytesIO(data)
    try:
        for i, record in enumerate(ArchiveIterator(stream)):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            try:
                yield _from_html(str(path), decode(body, f"{path}#{uri}"), part=uri or f"record{i}", url=uri)
            except InputError as exc:
                rejected.append(Rejection(f"{path}#{uri or i}", exc.reason))
    except Exception as exc:  # warcio raises ArchiveLoadFailed and assorted errors on truncated archives
        raise UnreadableError(str(path), f"broken WARC archive: {exc}") from None


def read_file(path: Path, rejected: list[Rejection]) -> list[RawDocument]:
    """Read one file into raw documents; problems are appended to ``rejected``."""
    suffix = _suffix(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        rejected.append(Rejection(str(path), f"cannot read: {exc.strerror or exc}"))
        return []
    try:
        if suffix in WARC_SUFFIXES:
            return list(_read_warc(path, data, rejected))
        if suffix == ".gz":
            try:
                data = gzip.decompress(data)
            except OSError as exc:
                raise UnreadableError(str(path), f"broken gzip file: {exc}") from None
            path_inner = path.with_suffix("")
            suffix = _suffix(path_inner)
        if suffix in HTML_SUFFIXES:
            return list(_read_html(path, data))
        if suffix in JSON_SUFFIXES:
            return list(_read_json(path, data, rejected))
        if suffix in TEXT_SUFFIXES or suffix == "":
            return list(_read_text(path, data))
        # unknown suffix: accept it as text only if it decodes and does not look like markup
        head = data[:2048].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            return list(_read_html(path, data))
        return list(_read_text(path, data))
    except InputError as exc:
        rejected.append(Rejection(exc.path, exc.reason, exc.line))
        return []


def ingest(paths: Iterable[str | Path], manifest: Path | None = None) -> IngestResult:
    """Read every article under ``paths``; attach manifest metadata and publication dates."""
    result = IngestResult()
    files, rejected = expand(paths)
    result.rejected.extend(rejected)
    rows: dict[str, ManifestRow] = {}
    if manifest is not None:
        rows, bad = read_manifest(Path(manifest))
        result.rejected.extend(bad)
        manifest_path = Path(manifest).resolve()
        files = [f for f in files if f.resolve() != manifest_path]
    for path in files:
        for doc in read_file(path, result.rejected):
            doc = _apply_manifest(doc, rows)
            if doc.published is None:
                found = date_from_text(doc.text)
                if found:
                    doc = replace(doc, published=found, published_from="text")
            result.documents.append(doc)
    return result
