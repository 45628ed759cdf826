"""Export: a built dossier in, files and terminal views out.

Formats (:func:`write`, by name): ``json`` (``dossier.json``, the contract described by
``storyline/schema/dossier.schema.json``; :mod:`.jsonfile`), ``md`` (``timeline.md``;
:mod:`.markdown`), ``html`` (``report.html``, one self-contained file; :mod:`.html`),
``timelinejs`` (TimelineJS JSON; :mod:`.timelinejs`), ``tilse`` (tilse/Timeline17 timeline text;
:mod:`.tilse`), ``coverage`` (``coverage.csv``: key events by independent sources; :mod:`.coverage`),
``dossier-md`` (``dossier.md``, the whole dossier; :mod:`.markdown`), ``csv`` (one CSV per collection and
a zip; :mod:`.tables`), ``ftm`` (FollowTheMoney entity stream; :mod:`.ftm`), ``gexf``/``graphml`` (the
entity graph; :mod:`.graph`) and ``annotations`` (W3C Web Annotation JSON-LD; :mod:`.annotations`). :func:`load` reads a built dossier back (from the store, else ``dossier.json``);
:mod:`.terminal` draws the timeline and per-date summaries for ``storyline timeline``.
"""

from .files import FORMATS, load, notes, write
from .terminal import summary_json, summary_table, timeline_table

__all__ = ["FORMATS", "load", "notes", "summary_json", "summary_table", "timeline_table", "write"]
