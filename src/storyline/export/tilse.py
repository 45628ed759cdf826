"""``timeline.tilse.txt``: the dossier's timeline in the tilse / Timeline17 text format.

One block per day: the ``YYYY-MM-DD`` line, one event summary per line, then 32 dashes — the
format tilse's ``evaluate-timelines`` and the T17/Crisis references use, so a dossier timeline
can be scored against a reference. It holds the dossier's default timeline, the key events
(:attr:`Event.key`; a dossier that marks none gives its whole register). Only events dated to a
single day fit the format; events known only to the month or year are left out. Within a day,
events follow their key rank.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..records import Dossier
from ..tls.timeline_text import format_timeline

FILE_NAME = "timeline.tilse.txt"


def _day(ev) -> date | None:
    start, end = ev.date.start, ev.date.end
    if start and (end is None or end == start):
        try:
            return date.fromisoformat(start[:10]) if len(start) >= 10 else None
        except ValueError:
            return None
    v = ev.date.value or ""
    if len(v) == 10:
        try:
            return date.fromisoformat(v)
        except ValueError:
            return None
    return None


def _days(dossier: Dossier) -> tuple[dict[date, list[str]], int]:
    """The timeline's day-dated entries by day, in key rank order, and how many entries the
    timeline shows in all (dated and reported)."""
    from .markdown import rank_order, timeline_view

    view = timeline_view(dossier)
    timeline: dict[date, list[str]] = {}
    for ev in sorted(view.dated, key=rank_order):
        d = _day(ev)
        if d is not None and ev.summary.strip():
            timeline.setdefault(d, []).append(ev.summary)
    return timeline, len(view.dated) + len(view.reported)


def render(dossier: Dossier) -> str:
    """The tilse text of ``dossier``'s day-dated key events."""
    return format_timeline(_days(dossier)[0])


def note(dossier: Dossier) -> str | None:
    """Why the file holds fewer entries than the timeline shows: its key events dated coarser than a
    day (a year, a month, a season) or reported without a date of their own, which the format,
    one ``YYYY-MM-DD`` line per day, cannot hold."""
    timeline, shown = _days(dossier)
    days = sum(map(len, timeline.values()))
    if days == shown:
        return None
    left = shown - days
    return (f"{FILE_NAME} holds {days} of the timeline's {shown} entries: the other {left} "
            f"{'is' if left == 1 else 'are'} dated coarser than a day or reported without a date of "
            "their own, and the format holds days only")


def write(dossier: Dossier, out_dir: Path) -> Path:
    """Write ``timeline.tilse.txt`` into ``out_dir`` and return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAME
    path.write_text(render(dossier), encoding="utf-8")
    return path
