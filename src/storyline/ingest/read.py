"""Read articles from files, folders and globs into :class:`~storyline.records.RawDocument` records
(:func:`ingest`): find the files, read each in its format, apply the manifest, date what is undated.

Nothing here raises on a bad input: every unreadable file, bad JSON line or bad
manifest row becomes a :class:`~storyline.records.Rejection` with its path, line and reason, and the
rest of the build goes on.

Publication date precedence: manifest, then HTML/JSON metadata, then a dated line
in the text ("Last Updated on November 7, 2024 2:27 pm CET", "Published 3 March
2025"), then a date the file's path states (``.../2011-02-09/123.txt``,
``2011-02-09_slug.html``). Which one was used is recorded in ``published_from``.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from ..records import RawDocument, Rejection
from .dates import date_from_path, date_from_text
from .formats import read_file
from .manifest import MANIFEST_NAMES, ManifestRow, apply_manifest, read_manifest

SKIP_NAMES = frozenset({"readme.md", "readme.txt", "license", "license.txt", *MANIFEST_NAMES})


@dataclass
class IngestResult:
    documents: list[RawDocument] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


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
            doc = apply_manifest(doc, rows)
            if doc.published is None:
                found = date_from_text(doc.text)
                if found:
                    doc = replace(doc, published=found, published_from="text")
                elif found := date_from_path(doc.path):
                    doc = replace(doc, published=found, published_from="path")
            result.documents.append(doc)
    return result