"""The timeline and per-date summaries as the terminal shows them: rich tables (``storyline timeline``)
and JSON (``storyline timeline --summary --json``), every sentence with its source.
"""

from __future__ import annotations

import json
import re

from ..records import Dossier

# C0 and C1 control characters (ESC starts terminal escape sequences), DEL, and the bidirectional
# overrides that reorder what a terminal shows; newline and tab stay
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: object) -> str:
    """Text from an article made safe to print on a terminal: no control sequences."""
    return _CONTROL.sub("", str(text))


def cell(text: object):
    """A rich cell that shows ``text`` literally: no control sequences, no rich markup ("[link=…]")."""
    from rich.text import Text

    return Text(plain(text))


def timeline_table(dossier: Dossier, limit: int = 0, all_events: bool = False):
    """A rich Table of the timeline for the terminal (:func:`storyline.export.markdown.timeline_view`):
    the key events (``limit``: the best ranked that many) in date order, or with ``all_events`` the
    full register; the events reported without a date of their own follow in a section of their own."""
    from rich.table import Table

    from .markdown import date_label, outlet_names, timeline_view

    view = timeline_view(dossier, all_events, limit)
    table = Table(title=cell("Timeline: " + view.caption()), show_lines=False, expand=True)
    table.add_column("date", style="bold cyan", no_wrap=True)
    table.add_column("event")
    table.add_column("sources", style="dim")
    docs = {d.id: d for d in dossier.documents}
    for i, e in enumerate(view.events):
        if i == len(view.dated) and view.dated:
            table.add_section()
        table.add_row(cell(date_label(e.date)), cell(e.summary), cell(", ".join(outlet_names(e.sources, docs))))
    return table


def summary_json(entries) -> str:
    """Per-date summaries (:func:`storyline.tls.dossier.summarize_dossier`) as JSON: each day with its
    importance and sentences (document id, offsets into the document's cleaned text, text)."""
    return json.dumps([
        {"date": e.date.isoformat(), "score": round(e.score, 4),
         "sentences": [{"doc": s.doc, "start": s.start, "end": s.end, "text": s.text} for s in e.sentences]}
        for e in entries], ensure_ascii=False, indent=2)


def summary_table(dossier: Dossier, entries):
    """A rich Table of per-date summaries for the terminal, each sentence with its source."""
    from rich.table import Table

    from .markdown import outlet_names

    docs = {d.id: d for d in dossier.documents}
    table = Table(title=f"Timeline summary: {len(entries)} days from {len(dossier.documents)} articles",
                  show_lines=True, expand=True)
    table.add_column("date", style="bold cyan", no_wrap=True)
    table.add_column("what happened")
    table.add_column("source", style="dim")
    for e in entries:
        for i, s in enumerate(e.sentences):
            table.add_row(e.date.isoformat() if i == 0 else "", cell(s.text), cell(", ".join(outlet_names([s.doc], docs))))
    return table
