"""Entity -> entity relations for the graph: who invested in, hired, acquired, sued, spoke about whom.

Three sources, each relation keeping every sentence that supports it:

* event mentions with an ``agent`` and a ``patient``/``recipient`` (``Microsoft invested in
  OpenAI`` -> Microsoft ``invested_in`` OpenAI), the relation named by the event type and, for
  legal events, by the trigger (``sue``/``lawsuit`` -> ``sued``);
* money in the ledger with a payer and a payee (``purpose`` names the relation);
* quotes: the speaker ``said_about`` every entity taking part in an event mentioned inside the
  quote, and the agent of a ``statement`` mention ``said_about`` its other participants, or
  ``spoke_to`` the one a telling verb addresses ("Blair told Sky News").

Relations are merged by (source, target, type); ids are content hashes of that key; a relation's
evidence is every sentence that supports it (its count weighs the graph's lines).

A relation is typed only where the pattern supports it: the two sides must be of types the
relation takes (one hires a person, invests in an organisation, a person or a country, never in a
continent; one elects a person), and ``said_about`` comes from quotes and from reporting verbs
("said", "told", "warned"), not from any verb typed a statement ("post").
"""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping, Sequence

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
# what each relation takes on each side (spaCy types); a type not listed takes any
ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SIDES = {
    "invested_in": (ACTORS, frozenset({"ORG", "PERSON", "GPE", "PRODUCT", "FAC"})),
    "funded": (ACTORS, frozenset({"ORG", "PERSON", "PRODUCT", "FAC", "EVENT"})),
    "acquired": (ACTORS, frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART"})),
    "hired": (ACTORS, frozenset({"PERSON"})),
    "contracted_with": (ACTORS, ACTORS),
    "elected": (ACTORS, frozenset({"PERSON"})),
    "sued": (ACTORS, ACTORS | {"PRODUCT"}),
    "legal_action_against": (ACTORS, ACTORS),
    "disputed_with": (ACTORS, ACTORS),
    "plans_with": (ACTORS, ACTORS | {"PRODUCT", "FAC", "EVENT"}),
    "attacked": (ACTORS, ACTORS | {"FAC", "LOC"}),
    "leadership_change": (frozenset({"PERSON"}), frozenset({"ORG", "GPE"})),
    # a place or a nationality named inside the speaker's phrase ("The Cairo bureau chief told ...",
    # "An Egyptian official said ...") is not the speaker
    "said_about": (frozenset({"PERSON", "ORG"}), None),
    "spoke_to": (frozenset({"PERSON", "ORG"}), frozenset({"PERSON", "ORG"})),
}
# a reporting verb whose object is the one spoken to ("told CNN"), not what was spoken about
ADDRESSING = ("tell", "told", "inform", "ask", "brief")
# the verbs that report what someone said (a statement mention's trigger must start so)
REPORTING = ("say", "said", "tell", "told", "state", "claim", "confirm", "note", "add", "argu", "warn",
             "announc", "describ", "accus", "prais", "critici", "call", "insist", "deni", "deny", "admit",
             "acknowledg", "suggest", "predict", "explain", "reveal", "testif", "complain", "urg")


def _relation_type(m: EventMention) -> str | None:
    if m.type == "legal" and m.trigger.lower().startswith(SUE_WORDS):
        return "sued"
    return BY_TYPE.get(m.type)


def derive(events: Sequence[Event], mentions: Sequence[EventMention], quotes: Sequence[Quote],
           amounts: Sequence[Amount], types: Mapping[str, str] | None = None, index=None) -> list[Relation]:
    """Relations between entities, sorted by id (independent of input order). ``types``: entity id
    -> type, for the sides each relation takes (without it, any); ``index`` (an
    :class:`~.entities.EntityIndex`): an event's two sides must both be named in its sentence (a
    pronoun resolved to the wrong antecedent, "They had several talks", makes no relation)."""
    types = types or {}

    def named(m: EventMention) -> set[str] | None:
        return None if index is None else {e for _, e in index.mentions_in(m.doc, m.start, m.end)}

    def fits(source: str, target: str, rtype: str) -> bool:
        src_ok, dst_ok = SIDES.get(rtype, (None, None))
        return ((src_ok is None or types.get(source, "") in src_ok or source not in types)
                and (dst_ok is None or types.get(target, "") in dst_ok or target not in types))

    event_of: dict[tuple, set[str]] = defaultdict(set)
    for e in events:
        for ev in e.evidence:
            event_of[(ev.doc, ev.start, ev.end, e.type)].add(e.id)
    acc: dict[tuple[str, str, str], tuple[set, set]] = defaultdict(lambda: (set(), set()))

    def add(source, target, rtype, evidence: Evidence, event_ids=()):
        if not source or not target or source == target or not rtype or not fits(source, target, rtype):
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
            if not m.trigger.lower().startswith(REPORTING):
                continue
            addressed = m.trigger.lower().startswith(ADDRESSING)
            here = named(m)
            for a in agents:
                for p in sorted(m.participants, key=lambda p: (p.entity, p.role)):
                    if p.role == "agent" or not (here is None or (a in here and p.entity in here)):
                        continue
                    to = addressed and p.role in ("patient", "recipient")
                    add(a, p.entity, "spoke_to" if to else "said_about", ev, eids)
            continue
        rtype = _relation_type(m)
        here = named(m)
        for a in agents:
            for t in targets:
                if here is None or (a in here and t in here):
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
