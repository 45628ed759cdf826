"""Reconcile entity mentions into entities: vote types, merge aliases within and across documents.

The small English model labels the same name differently from sentence to
sentence ("OpenAI" as ORG, PERSON and GPE), so an entity's type is the vote of all
its mentions. Aliases are merged by rules that hold for news in general:

- case and punctuation variants, possessives ("OpenAi", "OpenAI's" -> OpenAI);
- corporate suffixes and descriptors ("Oracle Corp." -> Oracle, "Inflection AI" -> Inflection);
- initialisms of a multi-word organisation ("WSJ" -> Wall Street Journal), when unique;
- a lone surname or first name ("Altman") -> the full name it abbreviates
  ("Sam Altman"): first the one full name in the same document, else the one full
  name in the whole corpus. When several different people share that name
  (Sam Altman, Jack Altman) and the document does not say which, the short form
  stays its own entity: different people are never merged on a shared name.

Why by hand: spaCy's entity linker needs a knowledge base and trained weights we do
not have; coreferee/neuralcoref are unmaintained for spaCy 3.8. These rules are
small, explainable and measured by the tests.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..records import Entity, Mention, content_id

CORPORATE_SUFFIXES = (
    "incorporated", "inc", "corporation", "corp", "company", "co", "ltd", "limited", "llc", "plc", "ag", "sa",
    "gmbh", "nv", "bv", "holdings", "group", "& co",
)
# descriptors a company name often carries or drops ("Inflection AI" / "Inflection")
DESCRIPTORS = ("ai", "labs", "technologies", "technology", "systems", "international")
STOP_INITIAL = frozenset({"the", "of", "and", "&", "for", "a", "an"})
ORGLIKE = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
# when votes tie, the more specific type wins
TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART")

_TOKEN = re.compile(r"[^\W_]+(?:[-.'][^\W_]+)*|&", re.UNICODE)


def surface(text: str) -> str:
    """Normalised surface form: single spaces, straight apostrophes, no possessive or edge punctuation."""
    t = " ".join(text.replace("\u2019", "'").replace("\u00b4", "'").split())
    t = re.sub(r"'s?$", "", t)
    return t.strip(" .,;:!?\"'()[]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(surface(text).lower())


def org_key(text: str) -> str:
    """Lower-cased key with corporate suffixes and descriptors removed ("Oracle Corp." -> "oracle")."""
    toks = tokens(text)
    if toks and toks[0] == "the":
        toks = toks[1:]
    changed = True
    while changed and len(toks) > 1:
        changed = False
        joined = " ".join(toks)
        for suf in CORPORATE_SUFFIXES + DESCRIPTORS:
            if joined.endswith(" " + suf):
                toks = toks[: len(toks) - len(suf.split())]
                changed = True
                break
    return " ".join(t.strip(".") for t in toks)


def initials(text: str) -> str:
    return "".join(t[0] for t in tokens(text) if t not in STOP_INITIAL and t[0].isalpha())


@dataclass
class _Cluster:
    key: str
    mentions: list[Mention]

    def votes(self) -> Counter:
        return Counter(m.label for m in self.mentions)


def _vote(labels: Counter) -> str:
    best = max(labels.values())
    return next(t for t in TYPE_PRIORITY if labels.get(t, 0) == best) if any(
        labels.get(t, 0) == best for t in TYPE_PRIORITY) else labels.most_common(1)[0][0]


def _is_name_like(m: Mention) -> bool:
    s = surface(m.text)
    return bool(s) and any(c.isupper() for c in s) and len(tokens(s)) <= 6


def reconcile(mentions: Iterable[Mention]) -> tuple[list[Entity], dict[tuple[str, int, int], str]]:
    """Mentions of the whole corpus -> entities and a map (doc, start, end) -> entity id.

    The result does not depend on the order of ``mentions``.
    """
    ms = sorted((m for m in mentions if _is_name_like(m)), key=lambda m: (m.doc, m.start, m.end, m.label))
    # 1. group by normalised key (case, possessive, corporate suffix)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        groups[org_key(m.text)].append(m)
    clusters = {k: _Cluster(k, v) for k, v in groups.items() if k}
    types = {k: _vote(c.votes()) for k, c in clusters.items()}

    # 2. people: full names (two or more tokens) and the short names that abbreviate them
    full_people = sorted(k for k, t in types.items() if t == "PERSON" and len(k.split()) >= 2)
    by_part: dict[str, list[str]] = defaultdict(list)
    for k in full_people:
        parts = k.split()
        by_part[parts[-1]].append(k)
        by_part[parts[0]].append(k)
    docs_of = {k: {m.doc for m in clusters[k].mentions} for k in clusters}
    parent: dict[str, str] = {}
    # per-document resolution of short names (the same short name can be a different
    # person in another document); stored as (doc, short key) -> full key
    per_doc: dict[tuple[str, str], str] = {}
    for k in sorted(clusters):
        if len(k.split()) != 1 or k not in by_part:
            continue
        candidates = sorted(set(by_part[k]))
        # a single token voted ORG/GPE joins a person only if some mention of it was PERSON,
        # or, inside one document, when exactly one person there carries that name
        if types[k] != "PERSON" and clusters[k].votes().get("PERSON", 0) == 0:
            for doc in sorted(docs_of[k]):
                in_doc = [c for c in candidates if doc in docs_of[c]]
                if len(in_doc) == 1:
                    per_doc[(doc, k)] = in_doc[0]
            continue
        if len(candidates) == 1:
            parent[k] = candidates[0]
            continue
        for doc in sorted(docs_of[k]):
            in_doc = [c for c in candidates if doc in docs_of[c]]
            if len(in_doc) == 1:
                per_doc[(doc, k)] = in_doc[0]

    # 3. organisations: initialisms of a unique multi-word organisation
    multi_orgs = defaultdict(list)
    for k, t in types.items():
        if t in ORGLIKE and len(k.split()) >= 2:
            multi_orgs[initials(k)].append(k)
    for k in sorted(clusters):
        if k in parent or len(k.split()) != 1 or not (2 <= len(k) <= 6):
            continue
        raw = surface(clusters[k].mentions[0].text)
        if not raw.isupper():
            continue
        cands = sorted(set(multi_orgs.get(k, [])))
        if len(cands) == 1 and types[cands[0]] in ORGLIKE:
            parent[k] = cands[0]

    def root(k: str) -> str:
        while k in parent:
            k = parent[k]
        return k

    # 4. build entities
    members: dict[str, list[Mention]] = defaultdict(list)
    for k, c in clusters.items():
        for m in c.mentions:
            r = per_doc.get((m.doc, k)) or root(k)
            members[r].append(m)
    entities: list[Entity] = []
    index: dict[tuple[str, int, int], str] = {}
    for r in sorted(members):
        mm = members[r]
        etype = _vote(Counter(m.label for m in mm))
        if types.get(r) == "PERSON" and len(r.split()) >= 2:
            etype = "PERSON"
        name = _canonical(r, mm, etype)
        eid = content_id("ent", etype, r)
        aliases = sorted({surface(m.text) for m in mm} - {name})
        entities.append(Entity(id=eid, name=name, type=etype, aliases=tuple(aliases), mentions=len(mm)))
        for m in mm:
            index[(m.doc, m.start, m.end)] = eid
    entities.sort(key=lambda e: (-e.mentions, e.name))
    return entities, index


def _canonical(key: str, mentions: Sequence[Mention], etype: str) -> str:
    forms = Counter(surface(m.text) for m in mentions if org_key(m.text) == key)
    if not forms:
        forms = Counter(surface(m.text) for m in mentions)
    if etype in ORGLIKE:
        # prefer the form without suffix ("Oracle" over "Oracle Corp."), then the most frequent,
        # then the one with more capitals ("OpenAI" over "OpenAi")
        return max(forms, key=lambda f: (tokens(f) == key.split(), forms[f], sum(c.isupper() for c in f), -len(f)))
    return max(forms, key=lambda f: (forms[f], len(f), f))


class EntityIndex:
    """Look up which entity a span of a document mentions."""

    def __init__(self, entities: Sequence[Entity], index: dict[tuple[str, int, int], str],
                 mentions: Sequence[Mention] = ()):
        self.entities = {e.id: e for e in entities}
        self._by_doc: dict[str, list[tuple[int, int, str, Mention | None]]] = defaultdict(list)
        by_key = {(m.doc, m.start, m.end): m for m in mentions}
        for (doc, start, end), eid in index.items():
            self._by_doc[doc].append((start, end, eid, by_key.get((doc, start, end))))
        for rows in self._by_doc.values():
            rows.sort(key=lambda r: (r[0], r[1]))
        self._starts = {doc: [r[0] for r in rows] for doc, rows in self._by_doc.items()}

    @classmethod
    def build(cls, mentions: Sequence[Mention]) -> "EntityIndex":
        entities, index = reconcile(mentions)
        return cls(entities, index, mentions)

    def entity_of(self, doc: str, start: int, end: int) -> str | None:
        """The entity whose mention overlaps ``[start, end)`` most."""
        rows = self._by_doc.get(doc)
        if not rows:
            return None
        i = bisect_left(self._starts[doc], start)
        best, best_overlap = None, 0
        for j in range(max(0, i - 3), len(rows)):
            s, e, eid, _ = rows[j]
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = eid, overlap
        return best

    def mentions_in(self, doc: str, start: int, end: int) -> list[tuple[Mention, str]]:
        """Entity mentions inside ``[start, end)``, in text order, with their entity ids."""
        rows = self._by_doc.get(doc, [])
        i = bisect_left(self._starts.get(doc, []), start)
        out = []
        for s, e, eid, m in rows[i:]:
            if s >= end:
                break
            if e <= end and m is not None:
                out.append((m, eid))
        return out

    def name_of(self, entity_id: str) -> str:
        return self.entities[entity_id].name

    def type_of(self, entity_id: str) -> str:
        return self.entities[entity_id].type
