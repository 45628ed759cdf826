"""``timeline.timelinejs.json``: the dossier's events for the TimelineJS3 viewer (Knight Lab).

TimelineJS3 reads ``{"title": slide, "events": [slide, ...]}`` where a slide has
``start_date``/``end_date`` (``{"year", "month", "day"}``; only ``year`` is required),
``text`` (``{"headline", "text"}``, HTML allowed), ``group`` and ``unique_id``. Dates keep the
precision the event has: a month-level event gets no ``day``, a range gets an ``end_date``.
It holds the dossier's default timeline, the key events (:attr:`Event.key`; a dossier that marks
none gives its whole register); events without a time of their own cannot be placed on a timeline
and are left out. Events are written in date order, and within a date by their key rank.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from ..records import Dossier, Event, EventDate, excerpt

FILE_NAME = "timeline.timelinejs.json"
HEADLINE_CHARS = 90
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _parts(iso: str | None) -> dict[str, int] | None:
    if not iso:
        return None
    m = _VALUE.match(iso)
    if not m:
        return None
    out = {"year": int(m[1])}
    if m[2]:
        out["month"] = int(m[2])
    if m[3]:
        out["day"] = int(m[3])
    return out


def slide_dates(d: EventDate) -> tuple[dict[str, int], dict[str, int] | None] | None:
    """TimelineJS ``start_date`` and ``end_date`` (or None) for an event date; None if undatable."""
    value = _parts(d.value)
    start, end = _parts(d.start), _parts(d.end)
    if value and d.value and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d.value):
        return value, None  # a plain year, month or day: show it at that precision
    if start and end and start != end:
        return start, end
    if start:
        return start, None
    return (value, None) if value else None


def _headline(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= HEADLINE_CHARS:
        return text
    cut = text[:HEADLINE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _sort_key(start: dict[str, int]) -> tuple[int, int, int]:
    return start["year"], start.get("month", 0), start.get("day", 0)


def render(dossier: Dossier) -> dict[str, Any]:
    """The TimelineJS3 document for ``dossier``."""
    from .markdown import timeline_view

    docs = {d.id: d for d in dossier.documents}
    slides: list[tuple[tuple, int, dict[str, Any]]] = []
    for ev in timeline_view(dossier).dated:
        dates = slide_dates(ev.date)
        if dates is None:
            continue
        start, end = dates
        slides.append((_sort_key(start), ev.rank or 1 << 30, _slide(ev, start, end, docs)))
    slides.sort(key=lambda x: (x[0], x[1]))
    title = dossier.meta.get("title") or "Timeline"
    n_docs = len(dossier.documents)
    return {
        "title": {"text": {"headline": html.escape(str(title)),
                           "text": f"{len(slides)} dated events from {n_docs} article{'s' * (n_docs != 1)}"}},
        "events": [s for _, _, s in slides],
    }


def _slide(ev: Event, start: dict[str, int], end: dict[str, int] | None, docs) -> dict[str, Any]:
    outlets = []
    for src in ev.sources:
        doc = docs.get(src)
        name = doc.name if doc else src
        if name and name not in outlets:
            outlets.append(name)
    body = f"<p>{html.escape(excerpt(ev.summary))}</p>"
    if outlets:
        body += "<p><small>Sources: " + html.escape(", ".join(outlets)) + "</small></p>"
    slide: dict[str, Any] = {
        "start_date": start,
        "text": {"headline": html.escape(_headline(excerpt(ev.summary))), "text": body},
        "group": ev.type,
        "unique_id": ev.id,
    }
    if end:
        slide["end_date"] = end
    return slide


def write(dossier: Dossier, out_dir: Path) -> Path:
    """Write ``timeline.timelinejs.json`` into ``out_dir`` and return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAME
    path.write_text(json.dumps(render(dossier), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


__all__ = ["FILE_NAME", "render", "slide_dates", "write"]
