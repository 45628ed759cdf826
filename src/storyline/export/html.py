"""``report.html``: one self-contained file (no external assets) with the timeline, the money
ledger, quotes, findings and every source with its evidence highlighted.

All article content goes through Jinja2's autoescaping: a ``<script>`` in an article is text.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..records import Dossier
from .markdown import date_label, outlet_names

FILE_NAME = "report.html"
_ENV = jinja2.Environment(loader=jinja2.PackageLoader("storyline.export", "templates"),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True)


def highlight_segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """Split ``text`` into (piece, kind) segments; pieces inside a span get its kind.
    Overlapping spans are merged; the first kind wins."""
    spans = sorted((s, e, k) for s, e, k in spans if 0 <= s < e <= len(text))
    merged: list[list] = []
    for s, e, k in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e, k])
    out, pos = [], 0
    for s, e, k in merged:
        if s > pos:
            out.append((text[pos:s], None))
        out.append((text[s:e], k))
        pos = e
    if pos < len(text):
        out.append((text[pos:], None))
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
        {"doc": d, "segments": highlight_segments(d.text, [s for s in spans.get(d.id, []) if s[2] != "event"]
                                                 + [s for s in spans.get(d.id, []) if s[2] == "event"])}
        for d in dossier.documents
    ]
    template = _ENV.get_template("report.html.j2")
    return template.render(
        dossier=dossier, docs=docs, names=names, sources=sources, date_label=date_label,
        outlets=lambda ids: outlet_names(ids, docs),
        title=dossier.meta.get("title") or "storyline dossier",
    )


def write(dossier: Dossier, out_dir: Path) -> Path:
    path = Path(out_dir) / FILE_NAME
    path.write_text(render(dossier), encoding="utf-8")
    return path
