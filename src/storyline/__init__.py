"""storyline: a sourced dossier from a pile of news articles about one story.

:func:`build` turns article files into a :class:`Dossier` (the typed records of
:mod:`storyline.records`). The pipeline's stages are packages, in order: :mod:`storyline.ingest`
(reading and cleaning), :mod:`storyline.annotate` (one document at a time), :mod:`storyline.reconcile`
(the whole story), :mod:`storyline.tls` (which dates matter), then :mod:`storyline.store`,
:mod:`storyline.export`, :mod:`storyline.web` and :mod:`storyline.evaluate`;
:mod:`storyline.pipeline` runs them and :mod:`storyline.cli` is the command line.
"""

from __future__ import annotations

from ._version import __version__  # noqa: F401
from .records import (  # noqa: F401  (re-exported API)
    Amount, Document, Dossier, Entity, Event, EventDate, Evidence, Finding, Quote, TimeExpr,
)


def build(paths, out=None, **kwargs):
    """Build a dossier from article files/folders/globs; see :func:`storyline.pipeline.build`."""
    from .pipeline import build as _build

    return _build(paths, out=out, **kwargs)
