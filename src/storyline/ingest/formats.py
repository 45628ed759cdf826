"""Article formats: one file's bytes -> raw documents (:func:`read_file`).

``.txt``; ``.html``/``.htm`` (trafilatura: main text and metadata); ``.json``/``.jsonl`` with
news-please field names (``maintext``, ``title``, ``date_publish``, ``url``, ``source_domain``) or
plain ones (``text``, ``title``, ``published``, ``url``, ``outlet``); ``.warc``/``.warc.gz``
(warcio); ``.gz`` of any of them. Bytes are decoded by :func:`decode`. A problem with the file, a
line or a record becomes a :class:`~storyline.records.Rejection`, never an exception.
"""

from __future__ import annotations

import collections
import io
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from ..errors import InputError, UnreadableError
from ..records import RawDocument, Rejection, warning
from .dates import DateForm, parse_date, read_written_date

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


@dataclass(frozen=True)
class Limits:
    """What one input may cost (settings ``max_input_mb``, ``max_expansion_ratio``, ``max_json_depth``)."""

    max_bytes: int = 50 * 2**20
    max_expansion_ratio: int = 100
    max_json_depth: int = 64

    @property
    def max_expanded(self) -> int:
        return 4 * self.max_bytes


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for s in (".warc.gz", ".arc.gz"):
        if name.endswith(s):
            return s
    return path.suffix.lower()


# --------------------------------------------------------------------------- decoding

# what a file starts with when it is not an article (PDF gets its own message: it may come)
_BINARY_MAGIC = {b"%PDF-": "a PDF; PDF articles are not supported yet: save the article as HTML or text",
                 b"PK\x03\x04": "a ZIP archive", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                 b"GIF8": "a GIF image", b"\x7fELF": "a program", b"MZ": "a program", b"\x1f\x8b": "gzip data"}
_SURROGATE = __import__("re").compile("[\ud800-\udfff]")


def decode(data: bytes, path: str, notes: list[str] | None = None) -> str:
    """Bytes -> text. UTF-32 and UTF-16 by their BOM or, without one, by the pattern of NUL bytes
    ASCII text leaves in them; UTF-8 (with or without BOM); Windows-1252 when the whole reads as text;
    UTF-8 with a few Windows-1252 bytes in it is repaired (the repair is appended to ``notes``).
    Anything else, and binaries (PDF, images, archives), are rejected with the reason."""
    if not data.strip():
        raise UnreadableError(path, "empty file")
    for bom, codec in ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return _text_only(data[len(bom):].decode(codec), path)
            except UnicodeDecodeError:
                raise UnreadableError(path, f"starts with a {codec.upper()} byte-order mark but is not "
                                            f"{codec.upper()} text") from None
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnreadableError(path, f"binary file ({what}), not an article")
    if codec := _bomless_wide(data[:4096]):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = ""
        sample = text[:2048]
        # words: many different characters and spaces between them, as any article has
        if len(set(sample)) > 12 and sum(c.isspace() for c in sample) * 30 >= len(sample) and _reads_as_text(sample):
            return _text_only(text, path)
    if b"\x00" in data[:4096]:
        raise UnreadableError(path, "binary file (contains NUL bytes), not an article")
    try:
        return _text_only(data.decode("utf-8-sig"), path)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # UTF-8 with stray Windows-1252 bytes (a pasted quote, a copied name, a paragraph pasted from an
    # older page): keep the UTF-8 and read only the bytes that are not UTF-8 as Windows-1252, when the
    # UTF-8 part is real: a few stray bytes beside any UTF-8 character, or many beside many (one in
    # twenty; a Windows-1252 file makes a valid UTF-8 pair only by accident, "Ã©" in a name). Read
    # whole as Windows-1252, such a file's UTF-8 became mojibake ("Ã©" for "é") without a word.
    text = data.decode("utf-8", errors="storyline-cp1252")
    stray = _count_stray(data)
    wide = sum(1 for c in data.decode("utf-8", "ignore") if ord(c) > 0x7F)
    if stray and wide and (stray <= max(3, len(data) // 200) or wide * 20 >= stray):
        if notes is not None:
            notes.append(f"mixed encodings: {stray} byte{'s' if stray != 1 else ''} that are not UTF-8 read as "
                         "Windows-1252")
        return _text_only(text, path)
    # Windows-1252 is by far the most common non-UTF-8 encoding of Western news pages; accept it
    # only when the result reads as text, so random bytes are never passed off as an article
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _reads_as_text(text):
        return _text_only(text, path)
    raise UnreadableError(
        path, f"not valid UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}) nor Windows-1252 text; "
        "re-save it as UTF-8"
    )


def _stray_as_cp1252(err: UnicodeDecodeError):
    return err.object[err.start:err.end].decode("cp1252", errors="replace"), err.end


__import__("codecs").register_error("storyline-cp1252", _stray_as_cp1252)


def _count_stray(data: bytes) -> int:
    count = 0

    def handler(err: UnicodeDecodeError):
        nonlocal count
        count += err.end - err.start
        return "", err.end

    import codecs

    codecs.register_error("storyline-count", handler)
    data.decode("utf-8", errors="storyline-count")
    return count


def _bomless_wide(head: bytes) -> str | None:
    """UTF-32/UTF-16 without a byte-order mark, told by where ASCII text leaves its NUL bytes."""
    n = len(head) - len(head) % 4
    if n < 16:
        return None
    head = head[:n]
    if head[1::4].count(0) == n // 4 and head[2::4].count(0) == n // 4 and head[3::4].count(0) > n // 5:
        return "utf-32-le"
    if head[0::4].count(0) > n // 5 and head[1::4].count(0) == n // 4 and head[2::4].count(0) == n // 4:
        return "utf-32-be"
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if odd > n // 4 and even < n // 50:
        return "utf-16-le"
    if even > n // 4 and odd < n // 50:
        return "utf-16-be"
    return None


def _text_only(text: str, path: str) -> str:
    """Decoded text with what no article holds taken out: NUL characters (a text file with a stray NUL
    past its first 4 KB) and unpaired surrogates; a text that is mostly control characters is rejected."""
    text = _SURROGATE.sub("\ufffd", text.replace("\x00", ""))
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 20):
        raise UnreadableError(path, "binary file (mostly control characters), not an article")
    return text


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

def _read_text(path: Path, data: bytes, notes: list[str] | None = None) -> Iterator[RawDocument]:
    text = decode(data, str(path), notes)
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
    # not trafilatura's date: with its extensive search htmldate guesses from the text ("a bare 2023"
    # becomes 2023-01-01); only a date the markup or the URL states is a publication date
    published = stated_date(html, url)
    return RawDocument(
        path=path, text=text, title=field_text(data.get("title")), outlet=field_text(data.get("sitename")),
        url=field_text(data.get("url")) or url, published=published,
        published_from="metadata" if published else None, part=part,
    )


def stated_date(page: str, url: str | None = None):
    """The publication date the page's markup (meta tags, JSON-LD, ``<time>``) or its URL states."""
    from htmldate import find_date

    try:
        return parse_date(find_date(page, extensive_search=False, original_date=True, url=url))
    except Exception:  # htmldate raises assorted parser errors on broken markup
        return None


def _read_html(path: Path, data: bytes, notes: list[str] | None = None) -> Iterator[RawDocument]:
    yield _from_html(str(path), decode(data, str(path), notes))


def _from_json_obj(path: str, obj: dict, part: str, line: int | None) -> RawDocument:
    if not isinstance(obj, dict):
        raise UnreadableError(path, "JSON value is not an object", line)
    text = next((obj[f] for f in TEXT_FIELDS if isinstance(obj.get(f), str) and obj[f].strip()), None)
    if text is None:
        raise UnreadableError(path, f"no article text (expected one of: {', '.join(TEXT_FIELDS)})", line)
    raw_date = next((obj[f] for f in DATE_FIELDS if obj.get(f)), None)
    published = parse_date(raw_date)
    if raw_date and published is None:
        try:
            published, _ = read_written_date(raw_date)
        except DateForm:
            published = None  # the article is kept undated; the build reports what undated costs
    return RawDocument(
        path=path, text=text,
        title=next((field_text(obj[f]) for f in TITLE_FIELDS if obj.get(f)), None),
        outlet=next((field_text(obj[f]) for f in OUTLET_FIELDS if obj.get(f)), None),
        url=next((field_text(obj[f]) for f in URL_FIELDS if obj.get(f)), None),
        published=published, published_from="metadata" if published else None, part=part,
    )


def _json_depth(text: str) -> int:
    """How deep a JSON text nests, without parsing it (strings skipped), so a file nested a thousand
    deep is rejected before the parser recurses."""
    import re

    depth = deepest = 0
    for ch in re.sub(r'"(?:[^"\\]|\\.)*"', "", text):
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _read_json(path: Path, data: bytes, rejected: list[Rejection], limits: Limits = Limits(),
               notes: list[str] | None = None) -> Iterator[RawDocument]:
    text = decode(data, str(path), notes)
    stripped = text.lstrip()
    if (depth := _json_depth(text)) > limits.max_json_depth:
        raise UnreadableError(str(path), f"JSON nested {depth} deep, the limit is {limits.max_json_depth} "
                                         "(setting max_json_depth)")
    if path.suffix.lower() == ".json" and stripped[:1] in "[{":
        try:
            value = json.loads(text)
        except ValueError as exc:
            line = getattr(exc, "lineno", None)
            raise UnreadableError(str(path), f"bad JSON: {getattr(exc, 'msg', exc)}", line) from None
        items = value if isinstance(value, list) else [value]
        if not items:
            raise UnreadableError(str(path), "an empty JSON list: no articles")
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


def _warc_whole(path: Path, data: bytes, limits: Limits) -> tuple[bytes, int, bool]:
    """The WARC's uncompressed bytes, where its last whole record ends, and whether it is cut off.
    warcio reads a truncated archive without complaint and drops the records past the cut; here the
    cut is found first, from the gzip members' end markers and each record's declared
    ``Content-Length`` (hand-written: no library reports it)."""
    cut = False
    if data[:2] == b"\x1f\x8b":
        data, cut = _inflate(path, data, limits)
    if not data.startswith(b"WARC/"):
        return data, len(data), cut  # not a WARC at all: warcio says so
    pos = whole = 0
    while pos < len(data):
        head_end = data.find(b"\r\n\r\n", pos)
        m = re.search(rb"(?im)^content-length:\s*(\d+)", data[pos:head_end]) if head_end > 0 else None
        if not data.startswith(b"WARC/", pos) or m is None or head_end + 4 + int(m.group(1)) > len(data):
            return data, whole, True
        pos = head_end + 4 + int(m.group(1))
        while data[pos : pos + 2] == b"\r\n":
            pos += 2
        whole = pos
    return data, whole, cut


def _read_warc(path: Path, data: bytes, rejected: list[Rejection], limits: Limits = Limits()) -> Iterator[RawDocument]:
    """The archive's HTML responses as articles (and plain-text responses as text); an archive that
    gives none says what its records were, so it is not lost without a reason."""
    from warcio.archiveiterator import ArchiveIterator

    data, whole, cut = _warc_whole(path, data, limits)
    if not data.lstrip().startswith((b"WARC/", b"filedesc://")):
        raise UnreadableError(str(path), "not a WARC archive: it does not start with a WARC record header")
    if cut:
        n = len(re.findall(rb"(?m)^WARC/\d", data[:whole]))
        rejected.append(Rejection(str(path), f"truncated WARC archive: {n} whole record{'s' if n != 1 else ''} read, "
                                             "what follows the cut is lost"))
        data = data[:whole]
    stream = io.BytesIO(data)
    kinds: collections.Counter[str] = collections.Counter()
    read = refused = 0
    try:
        for i, record in enumerate(ArchiveIterator(stream)):
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            media = ctype.split(";")[0].strip().lower() or "no type"
            kinds[f"{record.rec_type} {media}" if record.rec_type == "response" else record.rec_type] += 1
            if record.rec_type != "response" or not ("html" in media or media == "text/plain"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{path}#{uri or i}"
            try:
                body = record.content_stream().read()
                if "html" in media:
                    doc = _from_html(str(path), decode(body, where), part=uri or f"record{i}", url=uri)
                else:  # decode keeps text only (no NULs, no lone surrogates), as for a .txt file
                    doc = RawDocument(path=str(path), text=decode(body, where), url=field_text(uri),
                                      part=uri or f"record{i}")
                read += 1
                yield doc
            except InputError as exc:
                refused += 1
                rejected.append(Rejection(where, exc.reason))
    except Exception as exc:  # warcio raises ArchiveLoadFailed and assorted errors on truncated archives
        raise UnreadableError(str(path), f"broken WARC archive: {exc}") from None
    if not read and not cut and not refused:
        seen = ", ".join(f"{n} {k}" for k, n in kinds.most_common(5)) or "no records"
        raise UnreadableError(str(path), f"no HTML or plain-text response in the WARC archive ({seen})")


def read_file(path: Path, rejected: list[Rejection], limits: Limits = Limits()) -> list[RawDocument]:
    """Read one file into raw documents; problems are appended to ``rejected``. Never raises: an
    error no reader foresaw rejects the file with its type and message."""
    suffix = _suffix(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            rejected.append(Rejection(str(path), f"too large: {size / 2**20:.1f} MB, the limit is "
                                                 f"{limits.max_bytes / 2**20:.0f} MB (setting max_input_mb)"))
            return []
        data = path.read_bytes()
    except OSError as exc:
        rejected.append(Rejection(str(path), f"cannot read: {exc.strerror or exc}"))
        return []
    notes: list[str] = []
    try:
        docs = _read_bytes(path, suffix, data, rejected, limits, notes)
    except InputError as exc:
        rejected.append(Rejection(exc.path, exc.reason, exc.line))
        return []
    except RecursionError:
        rejected.append(Rejection(str(path), "nested too deeply to read"))
        return []
    except MemoryError:
        rejected.append(Rejection(str(path), "not enough memory to read it"))
        return []
    except Exception as exc:  # a reader's library failing on input it did not expect: reject, go on
        rejected.append(Rejection(str(path), f"cannot read: {type(exc).__name__}: {str(exc)[:200]}"))
        return []
    rejected.extend(warning(str(path), note) for note in dict.fromkeys(notes))
    return [_sane(d) for d in docs]


def _sane(doc: RawDocument) -> RawDocument:
    """Unpaired surrogates (JSON text can carry "\\ud800") cannot be stored or printed: U+FFFD."""
    fields = {k: _SURROGATE.sub("\ufffd", v) for k in ("text", "title", "outlet", "url", "part")
              if isinstance(v := getattr(doc, k), str) and _SURROGATE.search(v)}
    return replace(doc, **fields) if fields else doc


class Overflow(ValueError):
    """Gzip data that expands past the ceiling it was given."""


def inflate(data: bytes, ceiling: int) -> tuple[bytes, bool]:
    """Every gzip member of ``data`` decompressed (``gzip -c a b > c`` makes one file of several),
    at most ``ceiling`` bytes (:class:`Overflow` past it, so a small file or response cannot expand
    into gigabytes: a "zip bomb"), and whether the data ends cut off (a truncated member, or bytes
    after the last member that are not one); ``zlib.error`` when even the first member is broken.
    zlib, not :mod:`gzip`: the standard module has no ceiling and cannot say where a cut is. Used
    for files (:func:`_inflate`) and for HTTP bodies (:mod:`.fetch`)."""
    import zlib

    out: list[bytes] = []
    size, rest = 0, data
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = d.decompress(rest, ceiling + 1 - size)
        except zlib.error:
            if not out:
                raise
            return b"".join(out), True
        out.append(chunk)
        size += len(chunk)
        if size > ceiling:
            raise Overflow(ceiling)
        if not d.eof:
            return b"".join(out), True
        rest = d.unused_data.lstrip(b"\x00")
    return b"".join(out), False


def _inflate(path: Path, data: bytes, limits: Limits) -> tuple[bytes, bool]:
    """A gzip file's content (:func:`inflate`) within the file limits, its errors as rejections."""
    import zlib

    ceiling = min(limits.max_expanded, max(len(data) * limits.max_expansion_ratio, 2**20))
    try:
        return inflate(data, ceiling)
    except zlib.error as exc:
        raise UnreadableError(str(path), f"broken gzip file: {exc}") from None
    except Overflow:
        raise UnreadableError(str(path), f"expands to more than {ceiling / 2**20:.0f} MB from "
                                         f"{len(data) / 2**10:.0f} KB (settings max_expansion_ratio, max_input_mb)") from None


def _gunzip(path: Path, data: bytes, limits: Limits) -> bytes:
    """A ``.gz`` file's content, all its members; a cut-off file is rejected (one article, half read)."""
    out, cut = _inflate(path, data, limits)
    if cut:
        raise UnreadableError(str(path), "broken gzip file: truncated")
    return out


def _read_bytes(path: Path, suffix: str, data: bytes, rejected: list[Rejection], limits: Limits,
                notes: list[str]) -> list[RawDocument]:
    if suffix in WARC_SUFFIXES:
        return list(_read_warc(path, data, rejected, limits))
    if suffix == ".gz":
        data = _gunzip(path, data, limits)
        path_inner = path.with_suffix("")
        suffix = _suffix(path_inner)
    if suffix in HTML_SUFFIXES:
        return list(_read_html(path, data, notes))
    if suffix in JSON_SUFFIXES:
        return list(_read_json(path, data, rejected, limits, notes))
    if suffix in TEXT_SUFFIXES or suffix == "":
        return list(_read_text(path, data, notes))
    # unknown suffix: accept it as text only if it decodes and does not look like markup
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return list(_read_html(path, data, notes))
    return list(_read_text(path, data, notes))
