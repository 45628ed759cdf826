"""storyline: a sourced dossier from a pile of news articles about one story."""

from __future__ import annotations

__version__ = "0.1.0"

from .records import (  # noqa: F401  (re-exported API)
    Amount, Document, Dossier, Entity, Event, EventDate, Evidence, Finding, Quote, TimeExpr,
)


def build(paths, out=None, **kwargs):
    """Build a dossier from article files/folders/globs; see :func:`storyline.pipeline.build`."""
    from .pipeline import build as _build

    return _build(paths, out=out, **kwargs)
