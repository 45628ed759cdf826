"""``report.html``: one self-contained file (no external assets) with the timeline, the money
ledger, quotes, findings and every source with its evidence highlighted.

All article content goes through Jinja2's autoescaping: a ``<script>`` in an article is text.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..records import Dossier, excerpt
from .markdown import REPORTED_HEADING, REPORTED_NOTE, date_label, money, outlet_names, published_label, timeline_view

FILE_NAME = "report.html"
_ENV = jinja2.Environment(loader=jinja2.PackageLoader("storyline.export", "templates"),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True)
_ENV.filters["excerpt"] = excerpt


PRIORITY = {"event": 1, "amount": 2, "quote": 3}


def highlight_segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """Split ``text`` into (piece, kind) runs. Where spans overlap, the finer kind wins
    (a quote or an amount inside an event sentence keeps its own highlight)."""
    kinds: list[str | None] = [None] * len(text)
    for s, e, k in sorted(spans, key=lambda x: PRIORITY.get(x[2], 0)):
        for i in range(max(0, s), min(e, len(text))):
            kinds[i] = k
    out: list[tuple[str, str | None]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or kinds[i] != kinds[start]:
            out.append((text[start:i], kinds[start]))
            start = i
    return out


def render(dossier: Dossier) -> str:
    docs = {d.id: d for d in dossier.documents}
    names = {e.id: e.name for e in dossier.entities}
    spans: dict[str, list[tuple[int, int, str]]] = {d: [] for d in docs}
    for e in dossier.events:
        for ev in e.evidence:
            spans.setdefault(ev.doc, []).append((ev.start, ev.end, "event"))
    for a in dossier.amounts:
        spans.setdefault(a.doc, []).append((a.start, a.end, "amount"))
    for q in dossier.quotes:
        spans.setdefault(q.doc, []).append((q.start, q.end, "quote"))
    sources = [
        {"doc": d, "segments": highlight_segments(d.text, spans.get(d.id, []))}
        for d in dossier.documents
    ]
    template = _ENV.get_template("report.html.j2")
    return template.render(
        dossier=dossier, key=timeline_view(dossier), full=timeline_view(dossier, all_events=True),
        reported_heading=REPORTED_HEADING, reported_note=REPORTED_NOTE, docs=docs, names=names, sources=sources, date_label=date_label,
        outlets=lambda ids: outlet_names(ids, docs), money=money, published=published_label,
        title=dossier.meta.get("title") or "storyline dossier",
    )


def write(dossier: Dossier, out_dir: Path) -> Path:
    path = Path(out_dir) / FILE_NAME
    path.write_text(render(dossier), encoding="utf-8")
    return path
