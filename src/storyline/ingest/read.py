"""Read articles from files, folders and globs into :class:`~storyline.records.RawDocument` records
(:func:`ingest`): find the files, read each in its format, apply the manifest, date what is undated.

Nothing here raises on a bad input: every unreadable file, bad JSON line or bad
manifest row becomes a :class:`~storyline.records.Rejection` with its path, line and reason, and the
rest of the build goes on.

Publication date precedence: manifest, then HTML/JSON metadata, then a dated line
in the text ("Last Updated on November 7, 2024 2:27 pm CET", "Published 3 March
2025"), then a date the file's path states (``.../2011-02-09/123.txt``,
``2011-02-09_slug.html``), which also wins over a later dateline in the text
(:func:`storyline.ingest.dates.undated_published`). Which one was used is recorded
in ``published_from``.

``http(s)://`` arguments (article pages, RSS/Atom feeds, sitemaps) are fetched by
:mod:`.fetch`; a URL that cannot be fetched is a rejection like an unreadable file.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

from ..records import RawDocument, Rejection, warning
from .dates import undated_published
from .fetch import Fetcher, is_url, read_urls
from .formats import Limits, read_file
from .manifest import MANIFEST_NAMES, Applier, read_manifest

SKIP_NAMES = frozenset({"readme.md", "readme.txt", "license", "license.txt", *MANIFEST_NAMES})


@dataclass
class IngestResult:
    documents: list[RawDocument] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    # every input this run looked at (arguments, files, manifests), as named in rejections: earlier
    # rejections of these are replaced by this run's verdict
    examined: set[str] = field(default_factory=set)
    # where each document and each rejected file was found on this machine (its ``source_key`` or
    # shown path -> the file's resolved path), and the resolved files and folders given: the build
    # keeps these in its store only (never in an export) to tell which stored documents and
    # rejections belong to inputs that are gone
    located: dict[str, str] = field(default_factory=dict)
    roots: list[Path] = field(default_factory=list)


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[Rejection]]:
    """Files, folders (recursively) and globs -> a sorted, de-duplicated file list. What cannot be
    walked is rejected with the reason: an unreadable folder, a dangling or looping symlink, a
    symlink that leads outside the folder it is in (never followed: a saved page must not pull in
    ``/etc/passwd``)."""
    files: list[Path] = []
    rejected: list[Rejection] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(_walk(p, rejected))
        elif p.is_file():
            files.append(p)
        else:
            matches = [Path(m) for m in sorted(glob.glob(str(raw), recursive=True))]
            base = _glob_base(p)
            kept = []
            for m in matches:  # a glob's symlinks obey the folder walk's rules
                refusal = _symlink_refusal(m, base.resolve()) if m.is_symlink() else None
                if refusal:
                    rejected.append(Rejection(_printable(str(m)), refusal))
                elif m.is_file():
                    kept.append(m)
            if not matches:
                reason = "dangling symlink" if p.is_symlink() else "no such file, folder or glob match"
                rejected.append(Rejection(_printable(_as_given(p)), reason))
            files.extend(kept)
    seen: dict[Path, Path] = {}
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen[key] = f
            unique.append(f)
        else:  # a symlink to a file of the input, or a file given twice: read once, and said so
            rejected.append(warning(_printable(str(f)), f"another name for {_printable(seen[key].name)}: read once"))
    return unique, rejected


def _walk(root: Path, rejected: list[Rejection]) -> list[Path]:

    inside = root.resolve()
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        rejected.append(Rejection(_printable(exc.filename or str(root)), f"cannot read folder: {exc.strerror or exc}"))

    for folder, dirs, names in os.walk(root, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in dirs:
            if (Path(folder) / d).is_symlink():
                rejected.append(Rejection(_printable(str(Path(folder) / d)),
                                          "symlink to a folder: not followed (give the folder itself as input)"))
        for name in sorted(names):
            f = Path(folder) / name
            if not _wanted(f):
                continue
            refusal = _symlink_refusal(f, inside) if f.is_symlink() else None
            if refusal:
                rejected.append(Rejection(_printable(str(f)), refusal))
            elif f.is_file():
                found.append(f)
    return found


def _symlink_refusal(f: Path, inside: Path) -> str | None:
    """Why the symlink ``f`` is not read (dangling, a loop, or leading outside the folder ``inside``
    that was given), else None."""
    try:
        target = f.resolve(strict=True)
    except FileNotFoundError:
        return "dangling symlink: its target does not exist"
    except (OSError, RuntimeError):
        return "symlink loop"
    if not target.is_relative_to(inside):
        return "symlink to a file outside the input folder: refused"
    return None


def _glob_base(pattern: Path) -> Path:
    """The folder a glob pattern searches: its leading parts without wildcards ("in/*.txt" -> "in")."""
    parts = []
    for part in pattern.parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def _as_given(p: Path) -> str:
    """A missing input as the dossier may record it: relative to the working folder when it lies
    inside it, else its last two parts; never a local absolute path (it is written to dossier.json
    and shown by the web app)."""
    if not p.is_absolute():
        return str(p)
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(Path(*p.parts[-2:])) if len(p.parts) > 2 else p.name


def _where(path: Path, follow: bool = False) -> str:
    """Where a file is on this machine, as text any store takes: its folder resolved and its own
    name kept (a symlink is where it is, not where it leads), or with ``follow`` (an input folder,
    which the walk enters through any link) resolved whole; bytes of names that are not UTF-8
    written as ``\\xNN`` (the same for a file and the folders above it, so one still lies under the
    other)."""
    where = path.resolve() if follow else path.absolute().parent.resolve() / path.name
    return os.fsencode(where).decode("utf-8", "backslashreplace")


def _printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogate escapes) show as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    return not name.startswith(".") and name not in SKIP_NAMES


def ingest(paths: Iterable[str | Path], manifest: Path | None = None, *, date_order: str = "auto",
           exclude: Iterable[Path] = (), fetcher: Fetcher | None = None, limits: Limits = Limits(),
           max_chars: int = 0) -> IngestResult:
    """Read every article under ``paths``; attach manifest metadata and publication dates.

    Manifests: ``manifest`` when given, else a ``manifest.csv``/``manifest.jsonl`` found in a folder
    given as input applies to the files under that folder. Files under ``exclude`` (the build's own
    output folder) are never read. A document's path is shown relative to the input it was found
    under, never as a local absolute path. URLs and :class:`~.fetch.Link` records are fetched
    by ``fetcher`` (default: a :class:`~.fetch.Fetcher` with the default settings)."""
    result = IngestResult()
    paths = list(paths)
    urls = [p for p in paths if is_url(p)]
    paths = [p for p in paths if not is_url(p)]
    files, rejected = expand(paths)
    roots = _folders([Path(p) for p in paths])
    # what could not be walked is named as its documents would be, never by a local absolute path
    for r in rejected:
        shown = _shown(Path(r.path), roots)
        result.rejected.append(replace(r, path=shown))
        result.located.setdefault(shown, _where(Path(r.path)))
    skip = [Path(e).resolve() for e in exclude]
    if skip:
        files = [f for f in files if not any(f.resolve().is_relative_to(e) for e in skip)]
    applier = Applier()
    manifests = [Path(manifest)] if manifest is not None else [
        Path(p) / name for p in paths if Path(p).is_dir() for name in MANIFEST_NAMES if (Path(p) / name).is_file()]
    for found in manifests:
        shown = _shown(found, roots)
        rows, problems = read_manifest(found, date_order)
        applier.add({k: replace(row, manifest=shown) for k, row in rows.items()})
        result.rejected.extend(replace(r, path=_reshown(r.path, str(found), shown)) for r in problems)
    manifest_paths = {m.resolve() for m in manifests}
    files = [f for f in files if f.resolve() not in manifest_paths]
    shown_as = {}
    for path in files:
        shown = shown_as[path] = _shown(path, roots)
        before = len(result.rejected)
        docs = read_file(path, result.rejected, limits)
        result.rejected[before:] = [replace(r, path=_reshown(r.path, str(path), shown)) for r in result.rejected[before:]]
        if len(result.rejected) > before:
            result.located.setdefault(shown, _where(path))
        # manifest rows match the file where it is (a row's path may name folders above the input
        # folder: `H1N1_bbc/InputDocs/...` for an input `.../H1N1_bbc/InputDocs`), not as shown
        docs = [applier.apply(replace(doc, path=_reshown(doc.path, str(path), shown)), located=doc.path)
                for doc in docs]
        if max_chars:
            docs = [part for doc in docs for part in split_long(doc, max_chars, result.rejected)]
        for doc in docs:
            if doc.published is None and (found := undated_published(doc.text, doc.path)):
                doc = replace(doc, published=found[0], published_from=found[1])
            result.documents.append(doc)
            result.located[doc.source_key] = _where(path)
    result.examined = {str(p) for p in paths} | {_shown(m, roots) for m in manifests} | set(shown_as.values())
    result.roots = [Path(_where(p, follow=p.is_dir())) for p in map(Path, paths) if p.is_dir() or p.is_file()]
    fetched_urls: list[str] = []
    if urls:
        fetched = read_urls(urls, fetcher)
        # a manifest row may name a page by its address (in `file` or `url`): the user's word on its
        # date, outlet or title outranks the page's
        result.documents.extend(applier.apply(doc) for doc in fetched.documents)
        result.rejected.extend(fetched.rejected)
        result.examined |= fetched.examined
        fetched_urls = [doc.path for doc in fetched.documents]
    result.rejected.extend(applier.unused([*(str(f) for f in files), *fetched_urls]))
    return result


def split_long(doc: RawDocument, max_chars: int, rejected: list[Rejection]) -> list[RawDocument]:
    """An article longer than ``max_chars`` as parts of at most that length, cut at paragraph breaks
    (else line breaks, else sentence ends, else spaces): a book-length file is read, not dropped, and
    no part costs the parser more than a long article does."""
    import re

    if len(doc.text) <= max_chars:
        return [doc]
    pieces, text = [], doc.text
    while len(text) > max_chars:
        window = text[:max_chars]
        cut = max_chars
        for pattern in (r"\n\s*\n", r"\n", r"[.!?][\"'”’)]*\s", r"\s"):
            ends = [m.end() for m in re.finditer(pattern, window) if m.end() > max_chars // 2]
            if ends:
                cut = ends[-1]
                break
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    pieces = [p for p in pieces if p.strip()]
    rejected.append(warning(doc.source_key, f"{len(doc.text):,} characters: split into {len(pieces)} parts at paragraph "
                                            f"breaks (setting max_article_chars)"))
    title = doc.title or None
    return [replace(doc, text=p, part=f"{doc.part + '/' if doc.part else ''}part{i}",
                    title=f"{title} (part {i} of {len(pieces)})" if title else None)
            for i, p in enumerate(pieces, 1)]


def _folders(roots: Sequence[Path]) -> list[tuple[Path, Path]]:
    """The absolute input folders, each with the name its files are shown under: the folder's name,
    with as many parent folders as tell it apart from the other absolute inputs' (three outlets'
    `InputDocs` folders are `H1N1_bbc/InputDocs`, `H1N1_guardian/InputDocs`...). Worked out once:
    a build given thousands of files names each in constant time."""
    absolute = list(dict.fromkeys(r for r in roots if r.is_absolute()))
    tails: Counter[tuple[str, ...]] = Counter(
        r.parts[-n:] for r in absolute for n in range(1, len(r.parts[1:]) + 1))
    out = []
    for root in absolute:
        if not root.is_dir():
            continue
        parts = root.parts[1:] or ("input",)
        # a tail only this root has (every root counts its own tails once)
        name = next((parts[-n:] for n in range(1, len(parts) + 1) if tails[parts[-n:]] <= 1), parts)
        out.append((root, Path(*name)))
    return out


def _shown(path: Path, folders: Sequence[tuple[Path, Path]]) -> str:
    """How a file is named in the dossier: as given when the input was a relative path; under an
    absolute input folder, the folder's name (:func:`_folders`) and the path inside it; an absolute
    file, its name."""
    if not path.is_absolute():
        return _printable(str(path))
    for root, name in folders:
        if path.is_relative_to(root):
            return _printable((name / path.relative_to(root)).as_posix())
    return _printable(path.name)


def _reshown(value: str, actual: str, shown: str) -> str:
    return shown + value[len(actual):] if value.startswith(actual) else value
