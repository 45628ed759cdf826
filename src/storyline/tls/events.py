"""A dossier's events ranked by the importance of their dates (:func:`rank_events`).

Each event's evidence becomes a :class:`~storyline.tls.sentences.DatedSentence` that mentions the
event's day, so the date ranking of :mod:`storyline.tls.dates` counts how many documents, and how
much later, refer to it; the number of distinct sources adds a small bonus.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from .dates import DateModel, rank_dates
from .sentences import DatedSentence

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Event


def event_day(event: Event) -> date | None:
    """The single day an event is dated to (its value or range start, at day precision), else None."""
    for v in (event.date.start, event.date.value):
        if v and len(v) >= 10:
            try:
                return date.fromisoformat(v[:10])
            except ValueError:
                continue
    return None


def rank_events(
    events: Sequence[Event],
    documents: Sequence | None = None,
    *,
    keywords: Sequence[str] | None = None,
    model: DateModel | None = None,
) -> list[tuple[Event, float]]:
    """Order a dossier's events by the importance of their dates, then by their support.

    Each event's evidence becomes a :class:`DatedSentence` (its document's publication date
    from ``documents`` when given, else the latest day it reports) that mentions the event's day, so
    the date features count how many documents — and how much later — refer to each day. An
    event's score is its day's importance (from :func:`rank_dates`) plus a small bonus for the
    number of distinct sources, in [0, 1]. Events without a day-level date come last with score 0.
    Thin a timeline by keeping the first ``n`` and re-sorting them by date.
    """
    pub_of: dict[str, date] = {}
    for doc in documents or ():
        if getattr(doc, "published", None):
            pub_of[doc.id] = doc.published
    days: dict[str, date | None] = {ev.id: event_day(ev) for ev in events}
    # A document without a known publication date was published no earlier than the latest
    # day it reports (an estimate that does not depend on the order of the events).
    latest: dict[str, date] = {}
    for ev in events:
        d = days[ev.id]
        if d is not None:
            for src in {e.doc for e in ev.evidence} | set(ev.sources):
                latest[src] = max(latest.get(src, d), d)
    pub_of = {**latest, **pub_of}
    sents: list[DatedSentence] = []
    for ev in events:
        d = days[ev.id]
        if d is None:
            continue
        for ix, evd in enumerate(ev.evidence or ()):
            sents.append(DatedSentence(evd.doc, ix, evd.text, pub_of.get(evd.doc, d), (d,), evd.start, evd.end))
        if not ev.evidence:
            for src in ev.sources or (ev.id,):
                sents.append(DatedSentence(src, 0, ev.summary, pub_of.get(src, d), (d,)))
    day_score = dict(rank_dates(sents, keywords=keywords, model=model)) if sents else {}
    max_src = max((len(set(ev.sources)) for ev in events), default=1) or 1
    scored = []
    for ev in events:
        d = days[ev.id]
        if d is None:
            scored.append((ev, 0.0))
            continue
        support = math.log1p(len(set(ev.sources))) / math.log1p(max_src) if max_src else 0.0
        scored.append((ev, 0.8 * day_score.get(d, 0.0) + 0.2 * support))
    return sorted(scored, key=lambda x: (-x[1], event_day(x[0]) or date.max, x[0].id))
