"""Article formats: one file's bytes -> raw documents (:func:`read_file`).

``.txt``; ``.html``/``.htm`` (trafilatura: main text and metadata); ``.json``/``.jsonl`` with
news-please field names (``maintext``, ``title``, ``date_publish``, ``url``, ``source_domain``) or
plain ones (``text``, ``title``, ``published``, ``url``, ``outlet``); ``.warc``/``.warc.gz``
(warcio); ``.gz`` of any of them. Bytes are decoded by :func:`decode`. A problem with the file, a
line or a record becomes a :class:`~storyline.records.Rejection`, never an exception.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Iterator

from ..errors import InputError, UnreadableError
from ..records import RawDocument, Rejection
from .dates import parse_date

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")

# field names, in order of preference
TEXT_FIELDS = ("maintext", "text", "body", "content", "article")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date_publish", "published", "date", "publish_date", "pubdate")
URL_FIELDS = ("url", "link")
OUTLET_FIELDS = ("outlet", "source_domain", "source", "site", "publisher")


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


def field_text(value) -> str | None:
    """A metadata field as text: stripped, None when empty or missing."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


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
        path=path, text=text, title=field_text(data.get("title")), outlet=field_text(data.get("sitename")),
        url=field_text(data.get("url")) or url, published=published,
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
        title=next((field_text(obj[f]) for f in TITLE_FIELDS if obj.get(f)), None),
        outlet=next((field_text(obj[f]) for f in OUTLET_FIELDS if obj.get(f)), None),
        url=next((field_text(obj[f]) for f in URL_FIELDS if obj.get(f)), None),
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
