"""``timeline.md``: the timeline as a reader expects a news timeline: date, what happened, who reports it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Mapping, Sequence

from ..records import Document, Dossier, EventDate, excerpt

FILE_NAME = "timeline.md"
SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "AU": "Autumn", "WI": "Winter"}
MODS = {"START": "Early", "MID": "Mid", "END": "Late"}


def _day(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def date_label(d: EventDate) -> str:
    """A reader's label for an event date: '2019', 'Summer 2024', 'October 2024', '18 October 2024'."""
    v = d.value
    if not v:
        if d.end and not d.start:
            return f"by {_day(d.end)}"
        return "undated"
    parts = v.split("-")
    try:
        if len(parts) == 1 and parts[0].isdigit():
            return parts[0]
        if len(parts) == 2 and parts[1] in SEASONS:
            return f"{SEASONS[parts[1]]} {parts[0]}"
        if len(parts) == 2 and parts[1].startswith("Q"):
            return f"{parts[1]} {parts[0]}"
        if len(parts) == 2 and parts[1].startswith("H"):
            return f"{parts[1]} {parts[0]}"
        if len(parts) == 2 and parts[1].isdigit():
            return f"{date(int(parts[0]), int(parts[1]), 1):%B %Y}"
        if len(parts) >= 3 and parts[1].isdigit():
            return _day("-".join(parts[:3])[:10])
    except ValueError:
        pass
    # references like PRESENT_REF, PAST_REF or 2024-W05: say what range they cover
    if d.start and d.end and d.start == d.end:
        return f"{'now, ' if v == 'PRESENT_REF' else ''}{_day(d.start)}"
    if d.start and d.end:
        return f"{_day(d.start)} – {_day(d.end)}"
    if d.end:
        return f"by {_day(d.end)}"
    if d.start:
        return f"from {_day(d.start)}"
    return v


def outlet_names(sources: Sequence[str], docs: Mapping[str, Document]) -> list[str]:
    names = []
    for s in sources:
        d = docs.get(s)
        name = d.name if d else s
        if name not in names:
            names.append(name)
    return names


def render(dossier: Dossier) -> str:
    docs = {d.id: d for d in dossier.documents}
    lines = ["# Timeline", "",
             f"{len(dossier.events)} events from {len(dossier.documents)} articles. "
             "Each entry gives the date as precisely as the sources do, what happened, and who reports it.", ""]
    year = None
    for e in dossier.events:
        y = (e.date.start or e.date.end or "")[:4] or "Undated"
        if y != year:
            if year is not None:
                lines.append("")
            year = y
            lines += [f"## {y}", ""]
        sources = "; ".join(outlet_names(e.sources, docs))
        badge = f" ({len(e.sources)} sources)" if len(e.sources) > 1 else ""
        lines.append(f"- **{date_label(e.date)}** — {excerpt(e.summary)} _{sources}{badge}_")
    lines.append("")
    return "\n".join(lines)


def write(dossier: Dossier, out_dir: Path) -> Path:
    path = Path(out_dir) / FILE_NAME
    path.write_text(render(dossier), encoding="utf-8")
    return path
