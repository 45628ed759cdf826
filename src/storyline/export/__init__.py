"""Export: a built dossier in, files and terminal views out.

Formats (:func:`write`, by name): ``json`` (``dossier.json``, the contract described by
``storyline/schema/dossier.schema.json``; :mod:`.jsonfile`), ``md`` (``timeline.md``;
:mod:`.markdown`), ``html`` (``report.html``, one self-contained file; :mod:`.html`),
``timelinejs`` (TimelineJS JSON; :mod:`.timelinejs`), ``tilse`` (tilse/Timeline17 timeline text;
:mod:`.tilse`) and ``coverage`` (``coverage.csv``: key events by independent sources; :mod:`.coverage`). :func:`load` reads a built dossier back (from the store, else ``dossier.json``);
:mod:`.terminal` draws the timeline and per-date summaries for ``storyline timeline``.
"""

from .files import FORMATS, load, write
from .terminal import summary_json, summary_table, timeline_table

__all__ = ["FORMATS", "load", "summary_json", "summary_table", "timeline_table", "write"]
