"""Cross-source findings: what is corroborated, what rests on one outlet, what conflicts.

Independence. A document that is a near-duplicate or syndicated copy of another
(``copies[doc] = original``) is the same source as its original; two documents of the same
outlet are one source too (an outlet repeating itself does not corroborate itself). A source is
named by its outlet (or its original document id when the outlet is unknown). Every finding whose
sources were collapsed says so in its summary ("copies counted once: b.txt = copy of a.txt"), and
:func:`storyline.reconcile.sources.copies_report` gives the one-line statement for the whole dossier.

Kinds:

* ``corroborated`` - an event reported by two or more independent sources; the evidence holds one
  sentence per source.
* ``single_source`` - a notable event with a named participant (leadership change, hire, deal,
  lawsuit, launch..., or a money event with a money amount) that only one source reports; never a
  generic ``statement``/``other`` sentence.
* ``conflict`` - reports of one fact that cannot both be true, the competing evidence side by side:
  money figures (from the ledger: :func:`storyline.reconcile.ledger.conflicts`), dates (time-tagger ranges
  of the same event that do not overlap) and who did what (the same exclusive act - an acquisition,
  a hire, a succession - with the same patient but different agents in independent sources).

``find`` takes the event mentions as an optional keyword: with them, date and who-did-what
conflicts use each mention's own time and roles; without them, dates are re-tagged from each
evidence sentence and who-did-what conflicts are not searched.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping, Sequence

from ..ingest.clean import original_of
from ..records import (
    Amount,
    Document,
    Entity,
    Event,
    EventMention,
    Evidence,
    Finding,
    content_id,
)
from . import ledger
from .sources import source_label, source_of

NOTABLE_TYPES = frozenset({"leadership_change", "hiring", "acquisition", "investment", "funding", "contract",
                           "legal", "launch", "election", "attack", "disaster"})
# types whose single-source report is worth flagging when it carries a money figure
MONEY_TYPES = frozenset({"investment", "funding", "acquisition", "contract", "business_result"})
# acts that have one agent for a given patient at a given time
EXCLUSIVE_TYPES = frozenset({"acquisition", "hiring", "leadership_change"})
# what can undergo each exclusive act: people are hired and replaced, organisations bought
PATIENT_TYPES = {"acquisition": frozenset({"ORG", "PRODUCT", "FAC"}), "hiring": frozenset({"PERSON"}),
                 "leadership_change": frozenset({"PERSON"})}
# events dated by a point or short range: two sources giving disjoint days disagree
DATED_TYPES = NOTABLE_TYPES | {"launch", "plan"}
MAX_DAYS_FOR_DATE_CONFLICT = 31  # only compare dates at least as precise as a month


def _copies_note(docs: Sequence[str], copies: Mapping[str, str], documents=None) -> str:
    pairs = sorted((d, original_of(d, copies)) for d in set(docs) if original_of(d, copies) != d)
    return (" (copies counted once: " + "; ".join(f"{source_label(d, documents)} = copy of {source_label(o, documents)}"
                                                  for d, o in pairs) + ")") if pairs else ""


def _by_source(evidence: Sequence[Evidence], documents, copies) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = defaultdict(list)
    # an original's own evidence first: a copy only speaks for its source when the original is silent
    for ev in sorted(evidence, key=lambda e: (original_of(e.doc, copies) != e.doc, e.doc, e.start, e.end)):
        out[source_of(ev.doc, documents, copies)].append(ev)
    return out


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _corroboration(events: Sequence[Event], documents, copies, money: frozenset[str]) -> list[Finding]:
    out = []
    for e in events:
        groups = _by_source(e.evidence, documents, copies)
        if len(groups) >= 2:
            evidence = tuple(groups[s][0] for s in sorted(groups))
            out.append(Finding(
                id=content_id("fnd", "corroborated", e.id),
                kind="corroborated",
                summary=f"{len(groups)} independent sources "
                        f"({', '.join(sorted(source_label(g, documents) for g in groups))}) report: "
                        f"{_short(e.summary)}{_copies_note(e.sources, copies, documents)}",
                events=(e.id,), amounts=e.amounts, sources=tuple(sorted({ev.doc for ev in evidence})),
                evidence=evidence))
        elif len(groups) == 1 and _notable(e, money):
            (source,) = groups
            out.append(Finding(
                id=content_id("fnd", "single_source", e.id),
                kind="single_source",
                summary=f"Only {source_label(source, documents)} reports ({e.type.replace('_', ' ')}): "
                        f"{_short(e.summary)}{_copies_note(e.sources, copies, documents)}",
                events=(e.id,), amounts=e.amounts, sources=(groups[source][0].doc,),
                evidence=(groups[source][0],)))
    return out


def _notable(e: Event, money: frozenset[str]) -> bool:
    """A claim worth flagging when one outlet alone makes it: a notable act (a leadership change,
    a deal, money, a lawsuit, a launch...) with someone named in it; never a generic statement."""
    if not e.entities:
        return False
    return e.type in NOTABLE_TYPES or (e.type in MONEY_TYPES and bool(money.intersection(e.amounts)))


def _days(value: str | None):
    from datetime import date

    try:
        return date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


def _ranges_from_mentions(e: Event, members: Sequence[EventMention]) -> list[tuple[str, int, int, str, Evidence]]:
    out = []
    for m in members:
        t = m.time
        if t is None or t.type != "DATE":
            continue
        lo, hi = _days(t.start_date), _days(t.end_date)
        if lo is None or hi is None or hi - lo > MAX_DAYS_FOR_DATE_CONFLICT:
            continue
        out.append((m.doc, lo, hi, t.value, Evidence(m.doc, m.start, m.end, m.text)))
    return out


def _ranges_from_text(e: Event, documents) -> list[tuple[str, int, int, str, Evidence]]:
    """Re-run the time tagger on each evidence sentence; sentences with exactly one date only."""
    from ..annotate import timex

    out = []
    for ev in e.evidence:
        d = documents.get(ev.doc)
        tags = [t for t in timex.tag(ev.text, d.published if d else None, doc_id=ev.doc) if t.type == "DATE"]
        if len(tags) != 1:
            continue
        lo, hi = _days(tags[0].start_date), _days(tags[0].end_date)
        if lo is None or hi is None or hi - lo > MAX_DAYS_FOR_DATE_CONFLICT:
            continue
        out.append((ev.doc, lo, hi, tags[0].value, ev))
    return out


def _date_conflicts(events, members_of, documents, copies) -> list[Finding]:
    out = []
    for e in events:
        if e.type not in DATED_TYPES:
            continue
        members = members_of.get(e.id)
        ranges = _ranges_from_mentions(e, members) if members else _ranges_from_text(e, documents)
        per_source: dict[str, list] = defaultdict(list)
        for r in ranges:
            per_source[source_of(r[0], documents, copies)].append(r)
        sources = sorted(per_source)
        seen = set()
        for i, sa in enumerate(sources):
            for sb in sources[i + 1:]:
                for a in per_source[sa]:
                    for b in per_source[sb]:
                        if a[1] <= b[2] and b[1] <= a[2]:
                            continue  # the two ranges overlap: compatible
                        key = (sa, sb, a[3], b[3])
                        if key in seen:
                            continue
                        seen.add(key)
                        out.append(Finding(
                            id=content_id("fnd", "conflict", "date", e.id, sa, sb, a[3], b[3]),
                            kind="conflict",
                            summary=f"Sources disagree on when it happened: {a[3]} ({sa}) vs {b[3]} ({sb}) - "
                                    f"{_short(e.summary, 120)}",
                            events=(e.id,), sources=(sa, sb), evidence=(a[4], b[4])))
    return out


def _who_conflicts(events, mentions, documents, copies, entities: Mapping[str, Entity]) -> list[Finding]:
    """Same exclusive act on the same patient, different agents, in independent sources. With
    ``entities`` known, the patient must be of a kind the act applies to (a person is hired, a
    company bought), and agents whose names share a word ("Gaddafi", "Muammar Gaddafi") may be
    one and the same, so they do not disagree."""
    names = {k: e.name for k, e in entities.items()}
    claims: dict[tuple[str, str], list[tuple[str, str, EventMention]]] = defaultdict(list)
    for m in mentions:
        if m.type not in EXCLUSIVE_TYPES:
            continue
        agents = sorted(p.entity for p in m.participants if p.role == "agent")
        patients = sorted(p.entity for p in m.participants if p.role == "patient"
                          if not entities or (p.entity in entities
                                              and entities[p.entity].type in PATIENT_TYPES[m.type]))
        for patient in patients:
            for agent in agents:
                if agent != patient:
                    claims[(m.type, patient)].append((agent, source_of(m.doc, documents, copies), m))
    out = []
    event_at: dict[tuple[str, int], set[str]] = defaultdict(set)  # (doc, start) of evidence -> events
    if claims:
        for e in events:
            for ev in e.evidence:
                event_at[(ev.doc, ev.start)].add(e.id)
    for (etype, patient), xs in sorted(claims.items()):
        xs = sorted(xs, key=lambda x: (x[0], x[1], x[2].doc, x[2].start))
        by_agent: dict[str, dict[str, EventMention]] = defaultdict(dict)
        for agent, source, m in xs:
            by_agent[agent].setdefault(source, m)
        agents = sorted(by_agent)
        for i, a in enumerate(agents):
            for b in agents[i + 1:]:
                if _may_be_one(names.get(a, ""), names.get(b, "")):
                    continue
                # a conflict needs two sources that each back only one side
                only_a = sorted(set(by_agent[a]) - set(by_agent[b]))
                only_b = sorted(set(by_agent[b]) - set(by_agent[a]))
                if not only_a or not only_b:
                    continue
                ma, mb = by_agent[a][only_a[0]], by_agent[b][only_b[0]]
                if ma.time and mb.time and ma.time.start_date and mb.time.start_date and not (
                        ma.time.start_date <= (mb.time.end_date or "") and mb.time.start_date <= (ma.time.end_date or "")):
                    continue  # different times: two different acts, not a contradiction
                evs = tuple(event_at.get((ma.doc, ma.start), set()) | event_at.get((mb.doc, mb.start), set()))
                out.append(Finding(
                    id=content_id("fnd", "conflict", "who", etype, patient, a, b),
                    kind="conflict",
                    summary=f"Sources disagree on who is behind the {etype.replace('_', ' ')} of "
                            f"{names.get(patient, patient)}: {names.get(a, a)} ({source_label(only_a[0], documents)}) "
                            f"vs {names.get(b, b)} ({source_label(only_b[0], documents)})",
                    events=tuple(sorted(set(evs))), sources=(only_a[0], only_b[0]),
                    evidence=(Evidence(ma.doc, ma.start, ma.end, ma.text), Evidence(mb.doc, mb.start, mb.end, mb.text))))
    return out


def _may_be_one(a: str, b: str) -> bool:
    """Two names that share a word may name one party (a surname, a shortened name)."""
    return bool({w.casefold() for w in a.split() if len(w) > 2} & {w.casefold() for w in b.split() if len(w) > 2})


def _money_conflicts(amounts, documents, copies) -> list[Finding]:
    # the ledger compares document pairs; a copy repeats its original's conflict: keep one per
    # (independent sources, figures) so a syndicated copy does not double a conflict
    by_amount = {a.id: a for a in amounts}
    kept: dict[tuple, Finding] = {}
    for f in sorted(ledger.conflicts(amounts, documents, copies), key=lambda f: f.id):
        figures = tuple(sorted((source_of(by_amount[i].doc, documents, copies), str(by_amount[i].low), str(by_amount[i].high))
                               for i in f.amounts if i in by_amount))
        kept.setdefault(figures or (f.id,), f)
    return list(kept.values())


def find(events: Sequence[Event], amounts: Sequence[Amount], documents: Mapping[str, Document],
         copies: Mapping[str, str], *, mentions: Sequence[EventMention] = (),
         entities: Mapping[str, Entity] | None = None) -> list[Finding]:
    """All findings, sorted by kind then id (independent of input order). ``entities`` (by id)
    name the parties in summaries and say what kind of thing each is."""
    events = sorted(events, key=lambda e: e.id)
    members_of: dict[str, list[EventMention]] = defaultdict(list)
    if mentions:
        by_span = defaultdict(list)
        for m in mentions:
            by_span[(m.doc, m.start, m.end)].append(m)
        for e in events:
            for ev in e.evidence:
                members_of[e.id].extend(m for m in by_span.get((ev.doc, ev.start, ev.end), ())
                                        if m.type == e.type)
    money = frozenset(a.id for a in amounts if a.kind == "money")
    out = _corroboration(events, documents, copies, money)
    out += _money_conflicts(sorted(amounts, key=lambda a: a.id), documents, copies)
    out += _date_conflicts(events, members_of, documents, copies)
    if mentions:
        out += _who_conflicts(events, sorted(mentions, key=lambda m: m.id), documents, copies, entities or {})
    unique = {f.id: f for f in out}
    order = {k: i for i, k in enumerate(("conflict", "single_source", "corroborated"))}
    return sorted(unique.values(), key=lambda f: (order[f.kind], f.id))


__all__ = ["find"]