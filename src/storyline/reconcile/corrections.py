"""Apply a user's corrections (``storyline correct``) to the reconciled entities, events and findings.

A reporter fixes what the rules got wrong: merges two entities the aliases missed
("Dr Murray" and "Conrad Murray"), splits one that joined two people, renames one, retypes
one ("Stargate" is not a person), or rejects an entity, an event or a finding. The
corrections live in their own file beside the store (``corrections.jsonl``), so they survive
every rebuild and ``add``; this stage re-applies them, in the order they were made, to what
the rules produce each time.

Ids are hashes of content and change when the story grows (an event that gains a report
becomes another cluster), so a correction finds its target again by id, else by the name it
had (or a unique alias), else, for events and findings, by the evidence it rested on. A
correction that no longer finds anything is reported as ``unmatched``, never dropped.

Why by hand: corrections over content-addressed records are specific to this data model;
no library holds such a log.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

from ..records import Correction, Entity, Event, Finding, Mention, content_id
from .entities import surface

OPS = {
    "entity": ("merge", "split", "rename", "retype", "reject"),
    "event": ("reject",),
    "finding": ("reject",),
}
# the entity types a user can give (spaCy's OntoNotes labels, as the rules produce)
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "LANGUAGE")


@dataclass(frozen=True)
class Outcome:
    """What one correction did in this build: ``applied`` or ``unmatched`` (and why)."""

    n: int
    status: str
    detail: str = ""


def active(corrections: Iterable[Correction]) -> list[Correction]:
    """The corrections in force: in order, without undo records and what they undid."""
    corrections = sorted(corrections, key=lambda c: c.n)
    undone = {c.undoes for c in corrections if c.op == "undo"}
    return [c for c in corrections if c.op != "undo" and c.n not in undone]


def _key(name: str) -> str:
    return " ".join(surface(name).split()).casefold()


def find_entity(entities: Mapping[str, Entity], ref: str, name: str = "") -> str | None:
    """The id of the entity ``ref`` (an id, a name or an alias) names, or that ``name`` names.

    A name or alias must be unambiguous: the entity called that, else the one entity
    carrying it as an alias."""
    if ref in entities:
        return ref
    for want in (ref, name):
        k = _key(want)
        if not k:
            continue
        named = sorted(e.id for e in entities.values() if _key(e.name) == k)
        if len(named) == 1:
            return named[0]
        if named:  # several entities of one name (a person and a place): the most mentioned
            return max(named, key=lambda i: (entities[i].mentions, i))
        carrying = sorted(e.id for e in entities.values() if k in {_key(a) for a in e.aliases})
        if len(carrying) == 1:
            return carrying[0]
    return None


def apply_to_entities(entities: Sequence[Entity], index: Mapping[tuple[str, int, int], str],
                      mentions: Sequence[Mention], corrections: Iterable[Correction]
                      ) -> tuple[list[Entity], dict[tuple[str, int, int], str], list[Outcome]]:
    """Entities and the mention -> entity map with the entity corrections applied, in order."""
    ents = {e.id: e for e in entities}
    idx = dict(index)
    text_of = {(m.doc, m.start, m.end): m for m in mentions}
    outcomes: list[Outcome] = []
    for c in active(corrections):
        if c.kind != "entity":
            continue
        eid = find_entity(ents, c.target, c.name)
        if eid is None:
            outcomes.append(Outcome(c.n, "unmatched", f"no entity {c.name or c.target!r} in this build"))
            continue
        e = ents[eid]
        if c.op == "rename":
            ents[eid] = replace(e, name=c.value, aliases=_aliases(e.aliases + (e.name,), c.value))
            outcomes.append(Outcome(c.n, "applied", f"{e.name} -> {c.value}"))
        elif c.op == "retype":
            ents[eid] = replace(e, type=c.value)
            outcomes.append(Outcome(c.n, "applied", f"{e.name}: {e.type} -> {c.value}"))
        elif c.op == "reject":
            del ents[eid]
            idx = {k: v for k, v in idx.items() if v != eid}
            outcomes.append(Outcome(c.n, "applied", f"{e.name} rejected"))
        elif c.op == "merge":
            merged, missing = [], []
            for ref, name in zip(c.others, c.other_names or ("",) * len(c.others)):
                oid = find_entity(ents, ref, name)
                if oid is None or oid == eid:
                    missing.append(name or ref)
                    continue
                o = ents.pop(oid)
                e = replace(e, aliases=_aliases(e.aliases + (o.name,) + o.aliases, e.name),
                            mentions=e.mentions + o.mentions)
                idx = {k: (eid if v == oid else v) for k, v in idx.items()}
                merged.append(o.name)
            ents[eid] = e
            status = "applied" if merged else "unmatched"
            detail = f"{', '.join(merged) or 'nothing'} merged into {e.name}"
            outcomes.append(Outcome(c.n, status, detail + (f"; not found: {', '.join(missing)}" if missing else "")))
        elif c.op == "split":
            want = _key(c.value)
            moved = sorted(k for k, v in idx.items() if v == eid and k in text_of and _key(text_of[k].text) == want)
            if not moved or len(moved) == e.mentions:
                outcomes.append(Outcome(c.n, "unmatched", f"{e.name} has no mentions written {c.value!r} to split off"
                                        if not moved else f"every mention of {e.name} is written {c.value!r}"))
                continue
            new_id = content_id("ent", "split", eid, want)
            labels = Counter(text_of[k].label for k in moved)
            forms = Counter(surface(text_of[k].text) for k in moved)
            name = max(forms, key=lambda f: (forms[f], f))
            ents[new_id] = Entity(id=new_id, name=name, type=labels.most_common(1)[0][0],
                                  aliases=_aliases(tuple(forms), name), mentions=len(moved))
            rest = Counter(surface(text_of[k].text) for k, v in idx.items() if v == eid and k in text_of
                           and _key(text_of[k].text) != want)
            ents[eid] = replace(e, aliases=_aliases(tuple(rest), e.name), mentions=e.mentions - len(moved))
            for k in moved:
                idx[k] = new_id
            outcomes.append(Outcome(c.n, "applied", f"{len(moved)} mentions written {name!r} split off {e.name}"))
    out = sorted(ents.values(), key=lambda e: (-e.mentions, e.name))
    return out, idx, outcomes


def _aliases(forms: Iterable[str], name: str) -> tuple[str, ...]:
    return tuple(sorted({f for f in forms if f and _key(f) != _key(name)}))


def _spans(evidence) -> set[tuple[str, int, int]]:
    return {(ev.doc, ev.start, ev.end) for ev in evidence}


def _matches(item: Event | Finding, c: Correction) -> bool:
    """The item is the one corrected: same id, else it rests on most of the same evidence."""
    if item.id == c.target:
        return True
    spans = {tuple(s) for s in c.spans}
    return bool(spans) and 2 * len(spans & _spans(item.evidence)) > len(spans)


def reject_items(items: Sequence, kind: str, corrections: Iterable[Correction]) -> tuple[list, list[Outcome]]:
    """``items`` (events or findings) without those a correction rejected."""
    rejecting = [c for c in active(corrections) if c.kind == kind and c.op == "reject"]
    if not rejecting:
        return list(items), []
    gone: set[str] = set()
    outcomes = []
    for c in rejecting:
        hit = [it.id for it in items if _matches(it, c)]
        gone.update(hit)
        outcomes.append(Outcome(c.n, "applied", f"{len(hit)} {kind}{'s' if len(hit) > 1 else ''} rejected") if hit else
                        Outcome(c.n, "unmatched", f"no {kind} {c.name or c.target!r} in this build"))
    return [it for it in items if it.id not in gone], outcomes


def describe(c: Correction) -> str:
    """One line a reporter reads: what the correction asks."""
    if c.op == "undo":
        return f"undo #{c.undoes}"
    name = c.name if len(c.name) <= 60 else c.name[:57].rstrip() + "..."
    what = f"{c.kind} {name!r}" if c.kind != "entity" else repr(name)
    if c.op == "merge":
        return f"merge {', '.join(repr(n) for n in c.other_names)} into {what}"
    if c.op == "split":
        return f"split {c.value!r} off {what}"
    if c.op == "rename":
        return f"rename {what} to {c.value!r}"
    if c.op == "retype":
        return f"retype {what} as {c.value}"
    return f"reject {what}"


def states(corrections: Sequence[Correction], outcomes: Sequence) -> list[tuple[Correction, str, str]]:
    """Each correction in order with its state (``applied``, ``unmatched``, ``undone``, ``pending``:
    recorded after the last build, or ``done`` for an undo record) and what it did or why not
    (``outcomes``: the dossier's ``meta["corrections"]``)."""
    undone = {c.undoes: c.n for c in corrections if c.op == "undo"}
    done = {o["n"]: o for o in outcomes if isinstance(o, dict) and "n" in o}
    out = []
    for c in sorted(corrections, key=lambda c: c.n):
        if c.op == "undo":
            out.append((c, "done", ""))
        elif c.n in undone:
            out.append((c, "undone", f"by #{undone[c.n]}"))
        elif c.n in done:
            out.append((c, done[c.n]["status"], done[c.n].get("detail", "")))
        else:
            out.append((c, "pending", "applies at the next build"))
    return out


def listing(corrections: Sequence[Correction], outcomes: Sequence) -> list[str]:
    """The corrections as lines a reporter reads, each with its state."""
    if not corrections:
        return ["no corrections"]
    return [f"#{c.n}  {c.at[:16].replace('T', ' ')}  {describe(c)}  "
            f"[{state}{(' ' if state == 'undone' else ': ') + detail if detail else ''}]"
            for c, state, detail in states(corrections, outcomes)]
