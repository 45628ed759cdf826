"""Who reports what: the rule that names an independent source, used by findings and the ledger alike.

A document that is a near-duplicate or syndicated copy of another (``copies[doc] = original``,
from :func:`storyline.ingest.clean.near_duplicates`) is the same source as its original, and two
documents of one outlet are one source. A source is keyed by its outlet, else by its original
document's id (:func:`source_of`), and named for a reader by :func:`source_label`.
"""

from __future__ import annotations

from typing import Mapping

from ..ingest.clean import original_of
from ..records import (
    Document,
)

__all__ = ["copies_report", "source_label", "source_of"]


def source_of(doc: str, documents: Mapping[str, Document], copies: Mapping[str, str]) -> str:
    """The independent source a document belongs to: its outlet, else its original's id."""
    original = original_of(doc, copies)
    d = documents.get(original) or documents.get(doc)
    return (d.outlet or original) if d else original


def source_label(key: str, documents: Mapping[str, Document] | None) -> str:
    """A source key (an outlet, or a document id) as a reader names it."""
    d = (documents or {}).get(key)
    return d.name if d else key


def copies_report(copies: Mapping[str, str], documents: Mapping[str, Document] | None = None) -> str:
    """One line naming the documents treated as copies, for the dossier's report."""
    pairs = sorted((d, original_of(d, copies)) for d in copies if original_of(d, copies) != d)
    if not pairs:
        return "No documents were treated as copies."
    return "Treated as copies (counted once for corroboration): " + "; ".join(
        f"{source_label(d, documents)} = copy of {source_label(o, documents)}" for d, o in pairs)
