"""Entity -> entity relations for the graph: who invested in, hired, acquired, sued, spoke about whom.

Three sources, each relation keeping every sentence that supports it:

* event mentions with an ``agent`` and a ``patient``/``recipient`` (``Microsoft invested in
  OpenAI`` -> Microsoft ``invested_in`` OpenAI), the relation named by the event type and, for
  legal events, by the trigger (``sue``/``lawsuit`` -> ``sued``);
* money in the ledger with a payer and a payee (``purpose`` names the relation);
* quotes: the speaker ``said_about`` every entity taking part in an event mentioned inside the
  quote, and the agent of a ``statement`` mention ``said_about`` its other participants.

Relations are merged by (source, target, type); ids are content hashes of that key.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from ..records import Amount, Event, EventMention, Evidence, Quote, Relation, content_id

BY_TYPE = {
    "investment": "invested_in", "funding": "funded", "acquisition": "acquired", "hiring": "hired",
    "contract": "contracted_with", "leadership_change": "leadership_change", "dispute": "disputed_with",
    "legal": "legal_action_against", "launch": "launched", "attack": "attacked", "election": "elected",
    "plan": "plans_with",
}
BY_PURPOSE = {
    "investment": "invested_in", "funding_round": "funded", "contract": "contracted_with",
    "acquisition": "acquired", "hiring": "hired", "spending": "paid", "valuation": "valued",
}
SUE_WORDS = ("sue", "su", "lawsuit", "suit")


def _relation_type(m: EventMention) -> str | None:
    if m.type == "legal" and m.trigger.lower().startswith(SUE_WORDS):
        return "sued"
    return BY_TYPE.get(m.type)


def derive(events: Sequence[Event], mentions: Sequence[EventMention], quotes: Sequence[Quote],
           amounts: Sequence[Amount]) -> list[Relation]:
    """Relations between entities, sorted by id (independent of input order)."""
    event_of: dict[tuple, set[str]] = defaultdict(set)
    for e in events:
        for ev in e.evidence:
            event_of[(ev.doc, ev.start, ev.end, e.type)].add(e.id)
    acc: dict[tuple[str, str, str], tuple[set, set]] = defaultdict(lambda: (set(), set()))

    def add(source, target, rtype, evidence: Evidence, event_ids=()):
        if not source or not target or source == target or not rtype:
            return
        evs, eids = acc[(source, target, rtype)]
        evs.add(evidence)
        eids.update(event_ids)

    for m in sorted(mentions, key=lambda m: m.id):
        ev = Evidence(m.doc, m.start, m.end, m.text)
        eids = event_of.get((m.doc, m.start, m.end, m.type), ())
        agents = sorted(p.entity for p in m.participants if p.role == "agent")
        targets = sorted(p.entity for p in m.participants if p.role in ("patient", "recipient"))
        if m.type == "statement":
            others = sorted(p.entity for p in m.participants if p.role != "agent")
            for a in agents:
                for o in others:
                    add(a, o, "said_about", ev, eids)
            continue
        rtype = _relation_type(m)
        for a in agents:
            for t in targets:
                add(a, t, rtype, ev, eids)
    for a in sorted(amounts, key=lambda a: a.id):
        if a.payer and a.payee and a.purpose:
            add(a.payer, a.payee, BY_PURPOSE.get(a.purpose, "paid"), Evidence(a.doc, a.start, a.end, a.text))
    by_doc: dict[str, list[EventMention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    for q in sorted(quotes, key=lambda q: q.id):
        if not q.speaker:
            continue
        for m in by_doc.get(q.doc, ()):
            if q.start <= m.trigger_start and m.trigger_end <= q.end:
                for p in m.participants:
                    add(q.speaker, p.entity, "said_about", Evidence(q.doc, q.start, q.end, q.text),
                        event_of.get((m.doc, m.start, m.end, m.type), ()))
    out = []
    for (source, target, rtype), (evs, eids) in acc.items():
        out.append(Relation(
            id=content_id("rel", source, target, rtype), source=source, target=target, type=rtype,
            events=tuple(sorted(eids)),
            evidence=tuple(sorted(evs, key=lambda e: (e.doc, e.start, e.end, e.text)))))
    return sorted(out, key=lambda r: r.id)


__all__ = ["derive"]
