"""``timeline.md``: the timeline as a reader expects a news timeline: date, what happened, who reports it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Mapping, Sequence

from ..reconcile.sources import independent_of
from ..records import Document, Dossier, Event, EventDate, excerpt

FILE_NAME = "timeline.md"
SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "AU": "Autumn", "WI": "Winter"}
MODS = {"START": "Early", "MID": "Mid", "END": "Late"}
REPORTED_HEADING = "Reported, without a date of their own"
REPORTED_NOTE = ("The articles give these no time: each is listed by the day it was first reported, which is when "
                 "it was known, not when it happened.")


def _day(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def date_label(d: EventDate) -> str:
    """A reader's label for an event date: '2019', 'Summer 2024', 'October 2024', '18 October 2024'."""
    v = d.value
    if not v:
        if d.end and not d.start:
            return f"reported by {_day(d.end)}"
        return "undated"
    if v == "PRESENT_REF" and d.start and d.start == d.end:
        return f"as of {_day(d.start)}"
    parts = v.split("-")
    try:
        if len(parts) == 1 and parts[0].isdigit():
            # TIMEX3 decades and centuries: "195" the 1950s, "19" the 1900s
            return {4: parts[0], 3: f"{parts[0]}0s", 2: f"{parts[0]}00s"}.get(len(parts[0]), parts[0])
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
        return _day(d.start)
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


@dataclass(frozen=True)
class TimelineView:
    """What a timeline shows (:func:`timeline_view`): the ``dated`` events in the dossier's date
    order, then those ``reported`` without a time of their own (:attr:`EventDate.own`), earliest
    report first; ``total`` counts the dossier's events, so a selection can say what it left out."""

    dated: list[Event]
    reported: list[Event]
    total: int
    total_dated: int
    documents: int

    @property
    def events(self) -> list[Event]:
        return self.dated + self.reported

    @property
    def selection(self) -> bool:
        """Whether this is the key events, not the whole register."""
        return len(self.events) < self.total

    def caption(self) -> str:
        if self.selection:
            return (f"The {len(self.events)} key events of {self.documents} articles, chosen from {self.total} "
                    f"({self.total_dated} dated, {self.total - self.total_dated} reported without a date of their "
                    "own; all of them: storyline timeline DIR --all, or dossier.json).")
        return (f"{len(self.dated)} dated events and {len(self.reported)} reported without a date of their own, "
                f"from {self.documents} articles.")


def timeline_view(dossier: Dossier, all_events: bool = False) -> TimelineView:
    """The dossier's key events (:attr:`Event.key`), or with ``all_events`` its whole register; a
    dossier that marks no key event (built before key events, or made by hand) shows its register."""
    shown = [e for e in dossier.events if e.key] if not all_events else []
    shown = shown or list(dossier.events)
    reported = sorted((e for e in shown if not e.date.own),
                      key=lambda e: (e.date.end or e.date.start or "9999", -e.score, e.id))
    return TimelineView(dated=[e for e in shown if e.date.own], reported=reported, total=len(dossier.events),
                        total_dated=sum(e.date.own for e in dossier.events), documents=len(dossier.documents))


def _line(e: Event, docs: Mapping[str, Document]) -> str:
    sources = "; ".join(outlet_names(e.sources, docs))
    n = len({independent_of(s, docs) for s in e.sources})
    if len(e.sources) > 1:
        badge = (f" ({n} independent sources)" if n == len(e.sources) else
                 f" ({len(e.sources)} documents, {n} independent source{'s' if n != 1 else ''})")
    else:
        badge = ""
    return f"- **{date_label(e.date)}** — {excerpt(e.summary)} _{sources}{badge}_"


def render(dossier: Dossier, all_events: bool = False) -> str:
    """``timeline.md``: the key events by year (``all_events``: the full register, dated events by
    year, then those reported without a date of their own)."""
    docs = {d.id: d for d in dossier.documents}
    view = timeline_view(dossier, all_events)
    lines = ["# Timeline", "", view.caption() + " Each entry gives the date as precisely as the sources do, "
             "what happened, and who reports it.", ""]
    year = None
    for e in view.dated:
        y = (e.date.start or e.date.end or "")[:4]
        if y != year:
            if year is not None:
                lines.append("")
            year = y
            lines += [f"## {y}", ""]
        lines.append(_line(e, docs))
    if view.reported:
        if view.dated:
            lines.append("")
        lines += [f"## {REPORTED_HEADING}", "", REPORTED_NOTE, ""]
        lines += [_line(e, docs) for e in view.reported]
    lines.append("")
    return "\n".join(lines)


def write(dossier: Dossier, out_dir: Path) -> Path:
    path = Path(out_dir) / FILE_NAME
    path.write_text(render(dossier), encoding="utf-8")
    return path
