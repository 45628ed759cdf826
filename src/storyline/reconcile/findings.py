"""Cross-source findings: what several outlets corroborate, what rests on one, what conflicts.

Findings are about the story's **happenings**, not about sentence pairs. The claims worth a finding
are the key events (``Event.key``) and the notable claims: money with a payer or payee, deals,
leadership changes, hires, legal acts, launches... that one of the event's reports says happened
(mood ``actual``), with a named party, stated in a sentence that is not page furniture.

A report backs a claim only when it tells **the same happening** (:func:`same_happening`): the
same kind of act (an ouster is not a hire; a payment of $1 billion is not one of $10 billion),
a time that can be the same, and a shared party (for a personnel act, the same person; for other
acts, a party the story does not name everywhere, or a matching money figure). Reports are looked
for in every event of the story, not only in the event the clustering made, so a happening that
coreference left in pieces ("Altman's brief ousting", "Altman was momentarily sacked", "the removal
of Sam Altman") is still one happening with each of its outlets.

Independence (:class:`storyline.reconcile.sources.Attribution`). Copies count as their original,
documents of one outlet as that outlet, and a report credited to an outlet ("according to the Wall
Street Journal"), or made by a document that rewrites one outlet's story, counts as that outlet:
two rewrites of one Wall Street Journal story are one independent source, and the finding says so.

Kinds:

* ``corroborated``: a claim two or more independent sources report; evidence holds one sentence per
  source.
* ``single_source``: a key event or a notable claim with a named party that one independent source
  alone reports, where no other outlet's text even loosely tells the same happening
  (:func:`echoes`); it names that source.
* ``conflict``: reports of one happening that cannot all be true: money figures (the ledger's
  :func:`storyline.reconcile.ledger.conflicts`; a running total that grew is not one), dates
  (reports of the same act whose days do not overlap) and who did what (the same exclusive act on
  the same patient by different agents).

Findings are ranked within their kind (``Finding.rank``): key events first in their timeline
order, then by the number of independent sources and the event's score.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from typing import Mapping, Sequence

from ..annotate.textcache import by_text
from ..annotate.timex.grammar import PATTERNS as DATE_PATTERNS
from ..annotate.timex.grammar import WEEKDAYS
from ..records import (
    Amount,
    Document,
    Entity,
    Event,
    EventMention,
    Evidence,
    Finding,
    Participant,
    content_id,
)
from ..tls.events import PLACE_SHARE, story_words, tells_story, uses_story_words
from ..tls.events import headline as tls_headline
from ..tls.events import states as tls_states
from ..tls.scorer import stems
from ..tls.summarize import _QUOTE, anaphoric, cut_off, first_person, furniture
from ..tls.trim import stamp_run, trim_text
from . import ledger
from .coref import trigger_stems
from .entities import PLACES
from .sources import Attribution, called_independent, of_unknown_outlet, outlet_entities, source_of

NOTABLE_TYPES = frozenset({"leadership_change", "hiring", "acquisition", "investment", "funding", "contract",
                           "legal", "launch", "election", "attack", "disaster", "death", "arrest"})
# types whose claim is notable when it carries a money figure with a party
MONEY_TYPES = frozenset({"investment", "funding", "acquisition", "contract", "business_result", "other"})
# acts that have one agent for a given patient at a given time
EXCLUSIVE_TYPES = frozenset({"acquisition", "hiring", "leadership_change"})
# what can undergo each exclusive act: people are hired and replaced, organisations bought
PATIENT_TYPES = {"acquisition": frozenset({"ORG", "PRODUCT", "FAC"}), "hiring": frozenset({"PERSON"}),
                 "leadership_change": frozenset({"PERSON"})}
MAX_DAYS_FOR_DATE_CONFLICT = 31  # only compare dates at least as precise as a month
DATE_SLACK_DAYS = 2  # days this close are not a disagreement (time zones, "overnight", reporting lag)
PUBLISHED_SLACK_DAYS = 1  # a page may tell the day after its stamp (time zones, a live page updated)
# acts too generic to be identified by who is named in them ("WHO said ..."): only a figure or the
# same agent and patient make two of them one happening
CORE_ROLES = frozenset({"agent", "patient", "recipient"})
GENERIC_ACTS = frozenset({"statement", "other", "plan", "forecast"})
PROSPECT_ACTS = frozenset({"plan", "forecast"})  # acts that tell what is to come
# a claim flagged as resting on one source names a party of the story: one named in at least this
# share of the documents (12 of 400), not only in a sidebar's
ON_STORY_SHARE = 0.03
# at most this many findings of each kind (single source, corroborated), the first in reading
# order; never fewer than the story's key events
MIN_PER_KIND = 10
# a last name written alone is the person of that name the story names this many times as often as
# any other ("Mubarak": Hosni, not Gamal)
SURNAME_MARGIN = 3
# a place named in this share of the documents is the story's setting ("Egypt" in the Egypt story)
SETTING_SHARE = 0.25
# a party that tells one happening from another: named in few of the story's documents
DISTINCT_SHARE = 0.02
DISTINCT_MIN_DOCS = 3
# a sentence of another source at least this similar (TF-IDF cosine) echoes a claim
ECHO_SIMILARITY = 0.25
# a report its event's clustering put with the claim corroborates it when this similar (TF-IDF cosine)
PARAPHRASE_SIMILARITY = 0.5
# a sentence this long, word for word in two sources' reports, is one report copied
COPY_MIN_WORDS = 8
# another outlet restates a claim (:meth:`_Story.restates`) in a sentence at least this like it
# (TF-IDF cosine), giving the same specifics; this like it, its act and wording alone will do
RESTATE_SIMILARITY = 0.5
RESTATE_CLOSE = 0.7
SPECIFIC_FROM = 10  # a figure this large that two sentences share is specific to a happening ("203", not "two")
_HEDGE = re.compile(r"\b(?:would|could|may|might|will|should|if|whether)\b|\?", re.I)
# ... and so does one that shares two of the claim's rare words (each in at most this share of the
# story's sentences, at least 2): "Roche ... stepping up production" in a long sentence about
# stockpiles, "a pig herd ... the Canadian Food Inspection Agency" after a headline run-on, whose
# cosine the rest of the sentence dilutes
ECHO_RARE_SHARE = 0.005
ECHO_RARE_WORDS = 2
# longer than this, a "sentence" is a run of headlines or a sidebar scraped with the page
MAX_SENTENCE_CHARS = 400
# two reports without times of their own tell one happening only if published this close
NEWS_CYCLE_DAYS = 14
# event types that read as one family of acts: money put in, a person's job changing hands
FAMILY = {"investment": "money", "funding": "money", "hiring": "personnel", "leadership_change": "personnel"}
# within personnel acts, what happened to the person (the model types "sacked" as hiring)
PERSONNEL_ACTS = {
    "removal": "oust ousting ouster ousted remove removal removed fire fired firing sack sacked sacking dismiss "
               "dismissed dismissal depart departure departed kick kicked resign resigned resignation quit quits "
               "step stepped stepping exit exited topple toppled resigning quitting",
    # (not "return": "returned from Mexico" is a trip)
    "return": "reinstate reinstated reinstatement rehire rehired restore restored",
    "hire": "hire hired hiring join joined joins appoint appointed appointment name named poach poached "
            "recruit recruited nominate nominated confirm confirmed elect elected succeed succeeded",
}
_PERSONNEL = {w: act for act, words in PERSONNEL_ACTS.items() for w in words.split()}
# personnel verbs whose subject acts on someone else (who is hired or ousted is their object) and
# personnel nouns (who is changed is the one they are *of*, else their possessor)
_PERSONNEL_ACTORS = frozenset(
    "oust ousted ousts remove removed removes fire fired fires sack sacked sacks dismiss dismissed dismisses "
    "topple toppled topples kick kicked kicks reinstate reinstated reinstates rehire rehired rehires restore "
    "restored restores hire hired hires appoint appointed appoints name named names poach poached poaches "
    "recruit recruited recruits nominate nominated nominates confirm confirmed confirms elect elected elects "
    "tap tapped taps".split())
_PERSONNEL_NOUNS = frozenset(
    "ouster ousting removal firing sacking dismissal departure resignation exit appointment hiring nomination "
    "reinstatement election confirmation".split())


# what a money figure's purpose says the act is, when the clause's own type says little ("paid
# $650 million to hire ...": a hire)
# deals are news when agreed, and told in the future tense then ("Acme will acquire Widget")
DEAL_ACTS = frozenset({"acquisition", "contract"})
PURPOSE_ACT = {"hiring": "personnel:hire", "acquisition": "acquisition", "investment": "money",
               "funding_round": "money", "contract": "contract"}


def _act(m: EventMention, figures: Sequence[Amount] = ()) -> str:
    if m.type in ("other", "statement") and figures:
        for f in figures:
            if f.purpose in PURPOSE_ACT:
                return PURPOSE_ACT[f.purpose]
    family = FAMILY.get(m.type, m.type)
    if family == "personnel":
        return "personnel:" + _personnel_act(m.trigger)
    return family


@by_text
def _personnel_word(trigger: str) -> str:
    """The word of a personnel trigger the personnel lists are read by: the trigger itself, a
    phrasal verb by its verb ("step down", "stepped aside", "kicked out": "step", "kicked")."""
    words = trigger.lower().split()
    return words[0] if len(words) > 1 else " ".join(words)


def _personnel_act(trigger: str) -> str:
    """What a personnel trigger does to the person (:data:`PERSONNEL_ACTS`), read by its word
    (:func:`_personnel_word`)."""
    word = _personnel_word(trigger)
    return _PERSONNEL.get(word, _PERSONNEL.get(word.rstrip("s"), "other"))


def _days(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


class _Story:
    """What the matching needs to know about the story, built once."""

    def __init__(self, events: Sequence[Event], mentions: Sequence[EventMention], amounts: Sequence[Amount],
                 documents: Mapping[str, Document], entities: Mapping[str, Entity], index=None, *,
                 trusted: bool = False, sentences: Sequence = ()):
        self.documents = documents
        self.index = index
        self.trusted = trusted  # the events' own reports are taken as told (no mentions to check them by)
        self.sentences = sentences  # the story's sentences (records.Sentence), for echoes
        self._tfidf = None
        self._terms: frozenset[str] | None = None
        self._terms_read = False
        self._sentences: list[EventMention] = []
        self.entities = entities
        self.outlets = outlet_entities(entities, documents)
        self.places = frozenset(eid for eid, ent in entities.items() if ent.type in PLACES)
        self._once: dict[tuple, object] = {}
        self.money = {a.id: a for a in amounts if a.kind == "money" and a.currency}
        self.money_in: dict[str, list[Amount]] = defaultdict(list)  # document -> its money figures
        for a in self.money.values():
            self.money_in[a.doc].append(a)
        self.counts = {a.id: a for a in amounts if a.kind == "count" and a.unit}
        docs_of: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            for p in m.participants:
                docs_of[p.entity].add(m.doc)
        n = max(len(documents), 1)
        self.of_story = {e for e, ds in docs_of.items() if len(ds) >= ON_STORY_SHARE * n}
        # the parties a claim must name (when it names anyone): the story's, its places among them
        # only those taking part in a tenth of the documents (tls.events.PLACE_SHARE)
        self.story_parties = {e for e in self.of_story if e not in self.places or len(docs_of[e]) >= PLACE_SHARE * n}
        self.distinct = {e for e, ds in docs_of.items() if len(ds) <= max(DISTINCT_MIN_DOCS, DISTINCT_SHARE * n)}
        # places that alone do not make a sentence naming strangers the story's (tls.events.tells_story):
        # all but its setting, the places a quarter of its documents name (Egypt, not Washington)
        self.side_places = frozenset(e for e in self.places if len(docs_of.get(e, ())) < SETTING_SHARE * n)
        by_span: dict[tuple, list[EventMention]] = defaultdict(list)
        for m in mentions:
            by_span[(m.doc, m.start, m.end)].append(m)
        self.members: dict[str, list[EventMention]] = {}
        self.event_of: dict[str, Event] = {}
        for e in events:
            ms = [m for ev in e.evidence for m in by_span.get((ev.doc, ev.start, ev.end), ())]
            self.members[e.id] = ms
            for m in ms:
                self.event_of.setdefault(m.id, e)
        self.mentions = list(mentions)
        self.in_sentence: dict[tuple[str, int], list[EventMention]] = defaultdict(list)
        self.carrying: dict[str, list[EventMention]] = defaultdict(list)  # amount id -> the mentions giving it
        for m in mentions:
            self.in_sentence[(m.doc, m.start)].append(m)
            for a in m.amounts:
                self.carrying[a].append(m)
        self.by_act: dict[str, list[EventMention]] = defaultdict(list)
        for m in mentions:
            self.by_act[self.act(m)].append(m)
            if self.figures(m) and self.act(m) != "money":
                self.by_act["money"].append(m)  # any act with a money figure can confirm a money claim

    # ------------------------------------------------------------------ candidate blocking
    # same_happening holds only for two mentions that share something: an entity both name (for
    # the act-based tests: identifies, _same_roles, _people), a person's last name one clause's
    # participant has and the other's sentence writes (_people by name), or a precise figure of
    # the same currency near the same value (_matching_figures). These indexes list, for an anchor,
    # every mention that shares one, so that a claim is compared with those and not with every
    # mention of its act (which grew as claims x mentions: minutes at 4,600 articles). Only
    # mentions that cannot match are skipped, in the order they had: the findings are the same.

    def _index(self) -> None:
        self._keys: dict[tuple, list[EventMention]] = defaultdict(list)
        self._always: dict[str, list[EventMention]] = defaultdict(list)  # names no index can hold
        self._position = {m.id: i for i, m in enumerate(self.mentions)}
        self._act_position = {act: {m.id: i for i, m in enumerate(ms)} for act, ms in self.by_act.items()}
        for m in self.mentions:
            act = self.act(m)
            keys = self._entity_keys(m, act)
            keys |= {("word", act, w) for w in _WORD.findall(m.text)}
            for p in self._persons(m):
                words = _last_names(self.entities[p])
                if any(not _WORD.fullmatch(w) for w in words):
                    self._always[act].append(m)
                keys |= {("person", act, w) for w in words}
            keys |= {("figure", *k) for k in self._figure_keys(m)}
            for k in keys:
                self._keys[k].append(m)

    def _entity_keys(self, m: EventMention, act: str) -> set[tuple]:
        """What the act-based tests need shared: an entity few documents name (identifies), a person
        (_people), an agent with its patient or recipient (_same_roles). Not any entity: one the
        whole story names would make every clause a candidate."""
        named = self.named(m)
        keys = {("entity", act, e) for e in named & self.distinct}
        keys |= {("entity", act, e) for e in named if self.entities.get(e) is not None
                 and self.entities[e].type == "PERSON"}
        agents = {p.entity for p in m.participants if p.entity and p.role == "agent"}
        patients = {p.entity for p in m.participants if p.entity and p.role in ("patient", "recipient")}
        keys |= {("roles", act, a, b) for a in agents for b in patients}
        return keys

    def _persons(self, m: EventMention) -> set[str]:
        """The people a clause may change (:func:`_people`): its core parties, and the one a
        personnel noun is *of* ("the removal of Sam Altman")."""
        return {e for e in {p.entity for p in m.participants if p.role in CORE_ROLES} | _undergoes(m)
                if self.entities.get(e) is not None and self.entities[e].type == "PERSON"}

    def _figure_keys(self, m: EventMention) -> set[tuple]:
        """(currency, rate, bucket) for each factor-of-two bucket a precise figure's range touches."""
        import math

        out = set()
        for a in self.figures(m):
            if not ledger.precise(a):
                continue
            out.add((a.currency, a.per, "all"))
            lo, hi = ledger.interval(_closed(a))
            if not (0 < lo <= hi < float("inf")):
                out.add((a.currency, a.per, "any"))
                continue
            for b in range(math.floor(math.log2(lo)) - 1, math.floor(math.log2(hi)) + 2):
                out.add((a.currency, a.per, b))
        return out

    def candidates(self, anchor: EventMention) -> set[str]:
        """Ids of the mentions that may tell ``anchor``'s happening (see above); a superset."""
        if not hasattr(self, "_keys"):
            self._index()
        act = self.act(anchor)
        keys = list(self._entity_keys(anchor, act))
        keys += [("word", act, w) for p in self._persons(anchor) for w in _last_names(self.entities[p])]
        keys += [("person", act, w) for w in _WORD.findall(anchor.text)]
        for currency, per, bucket in self._figure_keys(anchor):
            if bucket == "any":  # a figure no bucket holds could match any of its currency
                keys.append(("figure", currency, per, "all"))
            elif bucket != "all":
                keys += [("figure", currency, per, bucket), ("figure", currency, per, "any")]
        out = {m.id for k in keys for m in self._keys.get(k, ())}
        out |= {m.id for m in self._always.get(act, ())}
        if any(not _WORD.fullmatch(w) for p in self._persons(anchor) for w in _last_names(self.entities[p])):
            out |= {m.id for m in self.by_act.get(act, ())}
        return out

    def in_order(self, ids: set[str], act: str | None = None) -> list[EventMention]:
        """The mentions ``ids`` in the order of ``by_act[act]`` (of all mentions when None)."""
        if act is None:
            return sorted((self.mentions[self._position[i]] for i in ids), key=lambda m: self._position[m.id])
        where = self._act_position.get(act, {})
        ms = self.by_act.get(act, [])
        return [ms[j] for j in sorted(where[i] for i in ids if i in where)]

    def once(self, what: str, key, work):
        """``work()``, worked out once per ``(what, key)`` for this story: every claim asks what a
        mention is (its figures, parties, act, time span, names) of each of its candidates, and a
        mention is a candidate of many claims (millions of questions at thousands of articles)."""
        try:
            return self._once[what, key]
        except KeyError:
            out = self._once[what, key] = work()
            return out

    def parties(self, m: EventMention) -> frozenset[str]:
        """The entities a mention names as participants, and the payers and payees of its figures."""
        return self.once("parties", m.id, lambda: frozenset({p.entity for p in m.participants if p.entity} | {
            x for a in self.figures(m) for x in (a.payer, a.payee) if x}))

    def act(self, m: EventMention) -> str:
        return self.once("act", m.id, lambda: _act(m, self.figures(m)))

    def named(self, m: EventMention) -> frozenset[str]:
        """Every entity its sentence names (with an entity index), and its parties."""
        return self.once("named", m.id, lambda: self.parties(m) | (frozenset(
            eid for _m, eid in self.index.mentions_in(m.doc, m.start, m.end) if eid) if self.index is not None
            else frozenset()))

    def identifies(self, m: EventMention, other: EventMention, *, besides: frozenset[str] = frozenset()) -> bool:
        """The two clauses name enough in common to be about one happening: two parties few of
        the story's documents name, or one such party taking part in both clauses (a participant
        of each, not a name in passing). One country or one much-quoted official in common is not
        enough: "North Korea launched a satellite" is not "a portal launched in North Korea".
        ``besides``: parties that do not count (the one who appoints in two appointments)."""
        rare = (self.named(m) & self.named(other) & self.distinct) - besides
        if len(rare) >= 2:
            return True
        taking_part = rare & self.parties(m) & self.parties(other)
        if not taking_part:
            return False
        agents = [{p.entity for p in x.participants if p.role == "agent"} for x in (m, other)]
        return bool(self.not_mere_places(taking_part, agents[0] & agents[1]))

    def not_mere_places(self, entities, agents) -> set[str]:
        """``entities`` without the places among them that are not in ``agents``: a place ties two
        clauses only as the agent of both ("Egypt expelled ..." and "Egypt recalled ..."), not as
        where both happened."""
        return {e for e in entities if e not in self.places or e in agents}

    def surname_owner(self) -> dict[str, str]:
        """Last name -> the person it names when written alone: the PERSON entity with a longer
        name ending in it that the story names ``SURNAME_MARGIN`` times as often as any other."""
        if not hasattr(self, "_surname_owner"):
            by_name: dict[str, list[Entity]] = defaultdict(list)
            for e in self.entities.values():
                if e.type == "PERSON" and len(e.name.split()) > 1:
                    for last in _last_names(e):
                        by_name[last].append(e)
            self._surname_owner = {}
            for last, people in by_name.items():
                people.sort(key=lambda e: (-e.mentions, e.id))
                if len(people) == 1 or people[0].mentions >= SURNAME_MARGIN * max(people[1].mentions, 1):
                    self._surname_owner[last] = people[0].id
        return self._surname_owner

    def words(self) -> frozenset[str] | None:
        """The story's own words (:func:`storyline.tls.events.story_words`: "flu", "H1N1",
        "pandemic" in the swine flu story; None for too few documents to tell)."""
        if not self._terms_read:
            self._terms = story_words([d.text for d in self.documents.values()],
                                      [d.outlet for d in self.documents.values() if d.outlet])
            self._terms_read = True
        return self._terms

    def about_story(self, text: str) -> bool:
        """Whether a sentence uses one of the story's own words (:meth:`words`)."""
        return uses_story_words(text, self.words())

    def echoed(self, anchor: EventMention, sources: set[str], attribution: Attribution) -> bool:
        """Does a sentence of another independent source say much the same thing, at a time that can
        be the anchor's? (TF-IDF cosine of the two sentences at least ``ECHO_SIMILARITY``: "On April 29
        it raised its pandemic alert to 5" and "The WHO raised its swine flu pandemic alert to level
        five on 29 April".) A single-source flag is only raised where nothing echoes the claim."""
        vectorizer, matrix = self._vectors()
        if matrix is None:
            return False
        query = vectorizer.transform([anchor.text])
        sims = (matrix @ query.T).toarray().ravel()
        close = [i for i in sims.argsort()[::-1] if sims[i] >= ECHO_SIMILARITY]
        if not hasattr(self, "_df"):
            self._df = np.asarray((matrix > 0).sum(axis=0)).ravel()
        rare = [j for j in query.indices if self._df[j] <= max(2, ECHO_RARE_SHARE * matrix.shape[0])]
        if len(rare) >= ECHO_RARE_WORDS:
            shared = np.asarray((matrix[:, rare] > 0).sum(axis=1)).ravel()
            close += [i for i in np.flatnonzero(shared >= ECHO_RARE_WORDS) if sims[i] < ECHO_SIMILARITY]
        for i in close:
            m = self._sentences[i]
            if (attribution.source(_evidence(m)) not in sources and _overlap(self.span(m), self.span(anchor, claim=True))
                    and not self.competing(m, anchor)):
                return True
        return False

    def _vectors(self):
        """TF-IDF rows (L2-normalised) of every sentence of the story, and the fitted vectoriser."""
        if self._tfidf is None:
            from ..tls.summarize import fit_vectors

            firsts = {}
            for m in self.mentions:
                firsts.setdefault((m.doc, m.start), m)
            for sent in self.sentences:  # every sentence of the story, where the caller gives them
                firsts.setdefault((sent.doc, sent.start), EventMention(
                    id=f"sent:{sent.doc}:{sent.start}", doc=sent.doc, start=sent.start, end=sent.end, text=sent.text,
                    trigger="", trigger_start=sent.start, trigger_end=sent.start, type="other"))
            self._sentences = list(firsts.values())
            self._tfidf = (fit_vectors(self._sentences) if self._sentences else None) or (None, None)
        return self._tfidf

    def paraphrase(self, m: EventMention, anchor: EventMention) -> bool:
        """A report the event's clustering put with the anchor that says much the same thing (TF-IDF
        cosine at least ``PARAPHRASE_SIMILARITY``: "On 11 June, the World Health Organization
        declared a global flu pandemic" and "the World Health Organization declared a pandemic"),
        told as having happened, at a time that can be the anchor's, with no other tally or agent.
        What lets a generic act ("declared", "said"), which no party tells apart, be corroborated."""
        if m.mood != "actual" or not self.may_tell(m, anchor, self.span(anchor)):
            return False
        if _negated(m) != _negated(anchor):
            return False  # "Oil is no longer leaking into the Gulf" is not "Oil is continuing to leak"
        if _refers_back(m) or _refers_back(anchor):
            return False  # "banned such drilling": which drilling another sentence said
        vectorizer, matrix = self._vectors()
        if vectorizer is None:
            return False
        rows = vectorizer.transform([m.text, anchor.text])  # L2-normalised: the product is the cosine
        return float((rows[0] @ rows[1].T).toarray()[0, 0]) >= PARAPHRASE_SIMILARITY

    def may_tell(self, m: EventMention, anchor: EventMention, when: tuple[int, int] | None) -> bool:
        """Whether sentence ``m`` can tell the moment ``anchor`` tells, by what either gives: a whole
        sentence (not a run of headlines), a time that can be ``when``, no other tally, no competing
        agent, and no other figures ("four have died" and "two have died": another moment; both
        giving figures of at least ``SPECIFIC_FROM``, they share one)."""
        if (len(m.text) > MAX_SENTENCE_CHARS or not _overlap(self.span(m), when)
                or self.tallies_differ(m, anchor) or self.competing(m, anchor)):
            return False
        ours, theirs = _figures_of(m.text), _figures_of(anchor.text)
        if ours and theirs and not ours & theirs:
            return False
        return not _big_figures_differ(m, anchor)

    def restatements(self, anchors: Sequence[EventMention], attribution: Attribution) -> dict[str, list[EventMention]]:
        """For each anchor, the sentences of other independent sources that restate it
        (:meth:`restates`), one mention standing for each sentence. Both outlets must be known: two
        pages of unknown outlet restating each other may be one site repeating its own live
        updates (a story one broadcaster tells). The candidates are the sentences
        at least ``RESTATE_SIMILARITY`` like the anchor (TF-IDF cosine over the story's sentences,
        taken a block of anchors at a time so memory stays bounded)."""
        vectorizer, matrix = self._vectors()
        out: dict[str, list[EventMention]] = {}
        if matrix is None or not anchors:
            return out
        block = 128  # claims per sparse product: its rows hold every sentence sharing a word, so memory stays bounded
        for i in range(0, len(anchors), block):
            part = anchors[i:i + block]
            sims = (vectorizer.transform([a.text for a in part]) @ matrix.T).tocsr()
            sims.data[sims.data < RESTATE_SIMILARITY] = 0
            sims.eliminate_zeros()
            for row, anchor in enumerate(part):
                lo, hi = sims.indptr[row], sims.indptr[row + 1]
                if lo == hi:
                    continue
                cols, values = sims.indices[lo:hi], sims.data[lo:hi]
                source = attribution.source(_evidence(anchor))
                if of_unknown_outlet([source], attribution.documents):
                    continue
                found = []
                for j, v in sorted(zip(cols.tolist(), values.tolist()), key=lambda x: (-x[1], x[0])):
                    m = self._sentences[j]
                    other = attribution.source(_evidence(m))
                    if (other != source and not of_unknown_outlet([other], attribution.documents)
                            and self.restates(m, anchor, float(v))):
                        found.append(m)
                if found:
                    out[anchor.id] = found
        return out

    def restates(self, m: EventMention, anchor: EventMention, similarity: float) -> bool:
        """Does sentence ``m`` (a TF-IDF cosine of ``similarity`` from the anchor's) say what the
        anchor says, as a fact-checker comparing two outlets would accept? Whatever the event types
        (at size an act is often typed by a stray verb), it must

        * be a whole sentence about the story (:func:`_told`) stating something: where it holds
          event mentions, one told as having happened and none denied; where it holds none, no
          hedge ("would", "may", "if", a question) and no denial;
        * fall at a time that can be the anchor's, with no other tally, no competing agent, no
          other figures (both giving numbers, they share one) and no other places (both naming
          places, they share one: "26 have died there" of Egypt is not "26 have died in Mexico");
        * give the same specifics: two figures of at least ``SPECIFIC_FROM`` or any three in common
          ("70,893 cases ... 311 deaths"), or the anchor's act word (its trigger's stem: "died", "banned")
          with a count of the same thing, a party few of the story's documents name (a place only
          as the agent of both), or a wording at least ``RESTATE_CLOSE`` alike where one
          sentence's content words are all in the other ("A Washington state man with H1N1 died
          last week" in "Officials said a man in Washington state with H1N1 died last week"; "a
          man died in a hospital in Alberta" is not "a woman died in a hospital in Alberta"). A frame that only names the speaker ("Dr Besser told a
          news briefing") has no act; "Cases have also been confirmed in Costa Rica" is not
          "one died in Costa Rica". Nor is one who only speaks in both (:meth:`speakers`) such a party,
          unless they share a figure ("McNutt said ... 504,000 gallons")."""
        if not self.may_tell(m, anchor, self.span(anchor, claim=True)) or not _told(m, self):
            return False
        own = self.in_sentence.get((m.doc, m.start), ())
        if own:
            if not any(x.mood == "actual" for x in own) or any(x.mood == "negated" or _negated(x) for x in own):
                return False
            planned = [self.act(x) in PROSPECT_ACTS for x in own]
            if self.act(anchor) in PROSPECT_ACTS and not any(planned):
                return False
            if self.act(anchor) not in PROSPECT_ACTS and all(planned):
                return False  # a plan is restated by a plan, a happening by a happening: "the company
                # planned to double its collection to 20,000 barrels a day" is no "BP is capturing
                # 20,000 to 28,500 barrels"
        elif _HEDGE.search(m.text) or _NEGATION.search(m.text):
            return False
        if bool(_NEGATION.search(m.text)) != bool(_NEGATION.search(anchor.text)):
            return False
        ours, theirs = _numbers(m.text), _numbers(anchor.text)
        here, there = self.named(m) & self.places, self.named(anchor) & self.places
        if here and there and not here & there:
            return False
        given, claimed = ([a for a in self.sentence_money(x) if not self.set_apart(a)] for x in (m, anchor))
        if claimed and not self.same_money(given, claimed):
            return False  # a sum the claim gives must be given for the same act: "Feinberg took over the
            # claims process in August" is no "the facility has paid $1.45 billion in claims since it took over"
        if _set_apart_sum(self, self.sentence_money(m), self.sentence_money(anchor)):
            return False  # one sets apart the sum the other gives: "a fund separate from $20 billion"
        shared = {v for v in ours & theirs if not _year(v)}
        if len({v for v in shared if v >= SPECIFIC_FROM}) >= 2 or len(shared) >= 3:
            return True  # "70,893 cases ... 311 deaths"; "eight in New York, seven in California, two in Kansas"
        if not _acts_alike(m, anchor):
            return False
        counts = [[c for x in self.in_sentence.get((y.doc, y.start), ()) for c in (self.counts.get(a) for a in x.amounts)
                   if c is not None and c.unit] for y in (m, anchor)]
        same_count = any(c.unit.split()[-1] == d.unit.split()[-1] and ledger.precise(c) and ledger.precise(d)
                         and _within(c, d) for c in counts[0] for d in counts[1])  # "thousands of
        # barrels" is no count of 1,000 barrels
        agents = [{p.entity for x in self.in_sentence.get((y.doc, y.start), ()) for p in x.participants
                   if p.role == "agent"} for y in (m, anchor)]
        rare = self.not_mere_places(self.named(m) & self.named(anchor) & self.distinct, agents[0] & agents[1])
        if not any(v >= SPECIFIC_FROM for v in shared):
            rare -= self.speakers(m) | self.speakers(anchor)  # the same speaker on two things
        words = sorted((set(trigger_stems(m.text)), set(trigger_stems(anchor.text))), key=len)
        close = similarity >= RESTATE_CLOSE and words[0] <= words[1]  # one says all the other does
        return close or same_count or bool(rare)

    def speakers(self, m: EventMention) -> set[str]:
        """Who only speaks in a mention's sentence: the agents of its statements that take no other
        part in it. Two sentences of one spokeswoman ("Williams said the drilling mud was holding
        the oil down", "'We're aware of the request,' Williams said") say two things."""
        ms = self.in_sentence.get((m.doc, m.start), ())
        said = {p.entity for x in ms if x.type == "statement" for p in x.participants if p.role == "agent" and p.entity}
        return said - {p.entity for x in ms if x.type != "statement" for p in x.participants if p.entity}

    def competing(self, m: EventMention, other: EventMention) -> bool:
        """The same act by someone else in each sentence ("Google hired Suleyman", "Microsoft hired
        Suleyman"): a competing claim, not an echo."""
        def agents(x: EventMention) -> set[str]:
            return {p.entity for p in x.participants if p.role == "agent" and p.entity}

        same_sentence = [x for x in self.in_sentence.get((m.doc, m.start), ()) if self.act(x) == self.act(other)]
        return any(agents(x) and agents(other) and not agents(x) & agents(other) for x in same_sentence)

    def same_cycle(self, m: EventMention, other: EventMention) -> bool:
        """Two reports that can tell one happening by time: both give it a time of its own and the
        times overlap, or their documents were published within ``NEWS_CYCLE_DAYS`` of each other."""
        own = [x.time for x in (m, other) if x.time is not None and x.time.type == "DATE" and x.time.start_date]
        if len(own) == 2:
            return _overlap(self.span(m), self.span(other))
        a, b = self.documents.get(m.doc), self.documents.get(other.doc)
        return bool(a and b and a.published and b.published
                    and abs((a.published - b.published).days) <= NEWS_CYCLE_DAYS)

    def tallies_differ(self, m: EventMention, other: EventMention) -> bool:
        """Both clauses count the same unit ("people", "cases") and no two of their counts agree."""
        xs = [self.counts[a] for a in m.amounts if a in self.counts]
        ys = [self.counts[a] for a in other.amounts if a in self.counts]
        units = {x.unit for x in xs} & {y.unit for y in ys}
        return bool(units) and not any(x.unit == y.unit and ledger.compatible(x, y) for x in xs for y in ys)

    def figures(self, m: EventMention) -> tuple[Amount, ...]:
        return self.once("figures", m.id, lambda: tuple(self.money[a] for a in m.amounts if a in self.money))

    def own_figures(self, m: EventMention) -> list[Amount]:
        """The figures of ``m`` that are its own act's: of the sentence's mentions carrying a figure,
        the one whose trigger is nearest it. "It wanted to raise $10 billion from disposals, and
        billions more from ... bank loans": the $10 billion is the wished-for raise's, not the loans'."""
        return [a for a in self.figures(m) if any(x.id == m.id for x in self.owners(a)) and not self.set_apart(a)]

    def set_apart(self, a: Amount) -> bool:
        """A sum the sentence sets its own matter apart from (:data:`_SET_APART`): "The oil-spill
        fund is separate from $20 billion set aside by BP" tells of another fund, not of the $20 billion."""
        d = self.documents.get(a.doc)
        return d is not None and bool(d.text) and bool(_SET_APART.search(d.text[max(0, a.start - 40):a.start]))

    def owners(self, a: Amount) -> list[EventMention]:
        """The mentions giving a figure whose trigger is nearest it: the act it is told for."""
        carriers = self.carrying.get(a.id, ())
        near = min((_distance(x, a) for x in carriers), default=0)
        return [x for x in carriers if _distance(x, a) == near]

    def same_money(self, xs: Sequence[Amount], ys: Sequence[Amount], *, loose: bool = False) -> bool:
        """Whether two reports give the same figure (:func:`_matching_figures`) for the same act
        (:meth:`figure_acts`): "the man in charge of BP's $20 billion fund has been paid $3.35
        million" is no "BP has paid $20bn into the fund". A figure no clause or purpose tells the
        act of may be for any. ``loose`` (is there any other report at all?): the same figure as
        written, rounded ("$8 billion" and "$7.7 billion"), of any kind and act."""
        def agree(x: Amount, y: Amount) -> bool:
            acts = self.figure_acts(x), self.figure_acts(y)
            return loose or not all(acts) or bool(acts[0] & acts[1])

        return any(agree(x, y) for x, y in _matching_figures(xs, ys, loose=loose))

    def sentence_money(self, m: EventMention) -> list[Amount]:
        """The money figures a mention's sentence gives, whether or not a clause carries them."""
        return [a for a in self.money_in.get(m.doc, ()) if m.start <= a.start < m.end]

    def figure_acts(self, a: Amount) -> set[str]:
        """What a figure is for: the acts of the clauses it belongs to (:meth:`owners`), their act
        words, and the act its purpose names ("to partner with OpenAI, initially investing $1
        billion": a deal, and an investment as "Microsoft threw $1 billion into OpenAI" is)."""
        owners = self.owners(a)
        purpose = PURPOSE_ACT.get(a.purpose, a.purpose) if a.purpose != "valuation" else None  # what a
        # thing is worth is no act: "its market value fell to $25 billion" is no "assets worth $25-30bn"
        return ({self.act(x) for x in owners} - GENERIC_ACTS | {w for x in owners for w in trigger_stems(x.trigger)}
                | ({purpose} if purpose else set()))

    def span(self, m: EventMention, *, claim: bool = False) -> tuple[int, int] | None:
        """The days a mention's happening can fall on: its own time, else anything up to the day
        after its document's publication day (a page stamped in one time zone, or updated after
        its stamp, tells the next day's news: "Today President Mubarak resigns" on a page of the
        10th). Not the date of the event coreference put a report in: at size a cluster's date may
        come from another happening's report, and would keep this one from matching its own. A
        ``claim`` (the sentence a finding is about) and, where the mentions are the dossier's
        evidence (``trusted``), every mention is dated by its event's own date when it has none."""
        return self.once("span", (m.id, claim), lambda: self._span(m, claim))

    def _span(self, m: EventMention, claim: bool) -> tuple[int, int] | None:
        t = m.time
        if t is not None and t.type == "DATE" and t.start_date and t.end_date:
            lo, hi = _days(t.start_date), _days(t.end_date)
            if lo is not None and hi is not None:
                return lo, hi
        e = self.event_of.get(m.id)
        if (claim or self.trusted) and e is not None and e.date.own and e.date.start and e.date.end:
            lo, hi = _days(e.date.start), _days(e.date.end)
            if lo is not None and hi is not None:
                return lo, hi
        d = self.documents.get(m.doc)
        if d is not None and d.published:
            return date.min.toordinal(), d.published.toordinal() + PUBLISHED_SLACK_DAYS
        return None


NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w]|[.,]\d)|\b(" + "|".join(NUMBER_WORDS) + r")\b",
                     re.IGNORECASE)


def _figures_of(text: str) -> set[float]:
    """:func:`_numbers` of a sentence without its days of the month ("on 11 June", "June 11th",
    "Oct. 1": the time tagger's own date patterns): a date is no figure."""
    for name in ("mdy", "dmy"):  # a day cut short of a figure's digits ("June 2" of "June 20 million") stays
        text = DATE_PATTERNS[name].sub(lambda d: d.group(0) if d.string[d.end():d.end() + 1].isdigit() else " ",
                                       text)
    return _numbers(text)


NEGATION_WINDOW = 24  # characters before a trigger where a denial governs it
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer|no\s+more|n't|neither|nor|without)\b|n't\b", re.I)


def _big_figures_differ(m: EventMention, anchor: EventMention) -> bool:
    """Both sentences give figures of at least ``SPECIFIC_FROM`` (years aside) and share none: "a
    five-year swap widened 71 basis points to 173" is not "five-year swaps widened 19 basis points
    to 555". Small numbers such as "five-year" alone do not make two sentences one, nor does a day
    of the month set them apart (:func:`_figures_of`)."""
    big = [{v for v in _figures_of(x.text) if v >= SPECIFIC_FROM and not _year(v)} for x in (m, anchor)]
    return bool(big[0] and big[1] and not big[0] & big[1])


def _set_apart_sum(story: _Story, xs: Sequence[Amount], ys: Sequence[Amount]) -> bool:
    """One report's figures set its matter apart from a sum (:meth:`_Story.set_apart`) the other's give."""
    for these, those in ((xs, ys), (ys, xs)):
        apart = [a for a in these if story.set_apart(a)]
        if apart and story.same_money(apart, [a for a in those if not story.set_apart(a)]):
            return True
    return False


def _own_sums(story: _Story, m: EventMention, anchor: EventMention) -> bool:
    """Both clauses give sums of their own act and none is the other's (:meth:`_Story.same_money`)."""
    xs, ys = story.own_figures(m), story.own_figures(anchor)
    return bool(xs and ys) and not story.same_money(xs, ys)


def _distance(m: EventMention, a: Amount) -> int:
    """Characters between a mention's trigger and a figure."""
    return min(abs(m.trigger_start - a.end), abs(a.start - m.trigger_end))


def _negated(m: EventMention) -> bool:
    """Whether the words just before a mention's trigger deny it ("is no longer leaking", "did not
    resign"); a denial elsewhere in the sentence ("..., and Mubarak said he will not run") is
    another clause's."""
    at = m.trigger_start - m.start
    return bool(_NEGATION.search(m.text[max(0, at - NEGATION_WINDOW):at])) if at > 0 else False


# what the act is done to, said by pointing back: "banned such drilling", "ordered the same
# inspections", "such a ban", "a similar suit"
_TIME_NOUNS = r"(?:day|days|time|times|week|weeks|month|months|year|years|morning|evening|night|period)\b"
_BACK_AFTER = re.compile(r"^\W*(?:such(?!\s+as\b)|these(?!\s+days\b)|those(?!\s+(?:who|which|that|whose)\b)"
                         r"|the\s+same(?!\s+" + _TIME_NOUNS + r")|similar)\b", re.I)
_BACK_BEFORE = re.compile(r"\b(?:such(?:\s+an?)?|the\s+same|an?\s+similar|similar)\s*$", re.I)
BACK_WINDOW = 20  # characters after a trigger (and before it) where the pointing word stands


def _refers_back(m: EventMention) -> bool:
    """Whether a clause says what its act is done to only by pointing back to another sentence
    (:data:`_BACK_AFTER`, :data:`_BACK_BEFORE`): TF-IDF likeness cannot tell which thing it is."""
    lo, hi = m.trigger_start - m.start, m.trigger_end - m.start
    if not 0 <= lo < hi <= len(m.text):
        return False
    return bool(_BACK_AFTER.search(m.text[hi:hi + BACK_WINDOW])
                or _BACK_BEFORE.search(m.text[max(0, lo - BACK_WINDOW):lo]))


def _acts_alike(m: EventMention, anchor: EventMention) -> bool:
    """Whether ``m``'s sentence uses the anchor's act word (the Snowball stem of its trigger)."""
    return bool(set(trigger_stems(anchor.trigger)) & set(trigger_stems(m.text)))


def _year(v: float) -> bool:
    return v == int(v) and 1000 <= v <= 2100


def _numbers(text: str) -> set[float]:
    """The figures a sentence gives, written in digits or as a word up to twenty ("2,978",
    "four"); not digits inside a name ("H1N1", "G8"). Not :func:`storyline.annotate.quantities.extract`:
    it masks years as dates, and "the last pandemic, in 1968" is not "the one in 1957"."""
    return {float(d.replace(",", "")) if d else float(NUMBER_WORDS[w.lower()]) for d, w in _NUMBER.findall(text)}


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def _kind(a: Amount) -> str:
    measure = a.measure or "payment"
    return "payment" if measure in ("payment", "share") else measure


def _matching_figures(xs: Sequence[Amount], ys: Sequence[Amount], *,
                      loose: bool = False) -> list[tuple[Amount, Amount]]:
    """The pairs of figures by which two reports give the same figure: of the same kind (a payment is not a running total), in
    the same currency and rate, precise enough to tell ("tens of billions" confirms nothing),
    within rounding, between the same parties where both name them, for the same purpose where both
    say one ("$70 billion wiped from its market value" is no "$70 billion in claims"). ``loose``:
    of any kind, and rounded as written (:func:`storyline.reconcile.ledger.interval`)."""
    return [(x, y) for x in xs for y in ys
            if (loose or _kind(x) == _kind(y)) and x.currency == y.currency and x.per == y.per and ledger.precise(x)
            and ledger.precise(y) and _within(x, y, rounded=loose) and _same_side(x.payer, y.payer)
            and _same_side(x.payee, y.payee) and _same_side(x.purpose, y.purpose)]


def _within(x: Amount, y: Amount, *, rounded: bool = False) -> bool:
    """Whether two figures, read as written and open bounds closed, can be one value
    (:func:`storyline.reconcile.ledger.compatible`)."""
    return ledger.compatible(_closed(x), _closed(y), as_written=True, rounded=rounded)


OPEN_BOUND_FACTOR = 1.5  # "more than $200 million" confirms a figure up to half as large again, not $15 billion


def _closed(a: Amount) -> Amount:
    """An open-ended figure ("more than $200 million") closed at ``OPEN_BOUND_FACTOR`` times its
    bound, so that it confirms only figures near it."""
    if a.low is not None and a.high is None:
        return replace(a, high=a.low * OPEN_BOUND_FACTOR, qualifier="range")
    return a


def _same_side(a: str | None, b: str | None) -> bool:
    """A payer (or payee, or purpose) named on both sides is the same one."""
    return a is None or b is None or a == b


def _last_names(e: Entity) -> set[str]:
    """The last word of each of an entity's names written as a name ("Altman"), not a shouted
    heading ("BST MEXICO")."""
    return {n.split()[-1] for n in (e.name, *e.aliases)
            if n.split() and len(n.split()[-1]) > 2 and n.split()[-1].istitle()}


_WORD = re.compile(r"\w+")


def _named_in(story: _Story, person: str, text: str) -> bool:
    """Whether a sentence names a person (by the last word of any of their names: "Altman's
    brief departure" names Sam Altman though the parse gave the clause no participant)."""
    e = story.entities.get(person)
    if e is None:
        return False
    return any(re.search(r"\b" + re.escape(w) + r"\b", text) for w in _last_names(e))


def _undergoes(m: EventMention) -> set[str]:
    """Who a personnel clause changes (of any type: a cabinet resigns too): what it acts on; for a
    noun, the one it is *of* ("the removal of Sam Altman") or, without one, its possessor
    ("Altman's ouster"); for a verb that needs no one to act on, its subject ("Amin resigned").
    Never the one who acts on someone ("Mubarak appointed a vice president": Mubarak appoints;
    "the cabinet resigned at Mubarak's request": the cabinet goes). Empty when the parse gave the
    clause no such party."""
    roles: dict[str, set[str]] = defaultdict(set)
    for p in m.participants:
        if p.entity:
            roles[p.role].add(p.entity)
    if roles["patient"]:
        return roles["patient"]
    if _personnel_word(m.trigger) in _PERSONNEL_NOUNS:
        return roles["other"] or roles["agent"]
    return set() if _personnel_word(m.trigger) in _PERSONNEL_ACTORS else roles["agent"]


def _acting_on_another(m: EventMention) -> set[str]:
    """Who acts on someone else in a personnel clause: the subject of a verb such as "appoint" or
    "oust" (:data:`_PERSONNEL_ACTORS`), never the one it changes."""
    if _personnel_word(m.trigger) not in _PERSONNEL_ACTORS:
        return set()
    return {p.entity for p in m.participants if p.entity and p.role == "agent"}


NEAR_TRIGGER_WORDS = 4


def _near_trigger(m: EventMention, words: int = NEAR_TRIGGER_WORDS) -> str:
    """The words of a mention's text around its trigger (the whole text where the trigger is not in it)."""
    lo, hi = m.trigger_start - m.start, m.trigger_end - m.start
    if not 0 <= lo < hi <= len(m.text):
        return m.text
    return " ".join([*m.text[:lo].split()[-words:], m.text[lo:hi], *m.text[hi:].split()[:words]])


# a deal told in the future is news when agreed: "Acme will acquire Widget", "will also buy", "Acme
# is to buy Widget", "is set to buy", "announced it would sell"; not when weighed ("are considering
# buying", "may bid", "plans to buy", "the plan is to buy") or put on a condition ("would bid if
# ..."). Not the time tagger's future cues (annotate.timex: "plans to", "hopes to" are future too):
# a deal planned is not a deal announced.
_ANNOUNCED = re.compile(r"(?<!\bplan )(?<!\baim )(?<!\bgoal )(?<!\bidea )(?:\b(?:will|shall|would)|['\u2019]ll|"
                        r"\b(?:is|are|was|were|set) to)(?:\s+\w+ly|\s+also|\s+now|\s+soon)?\s*$", re.I)
_CONDITION = re.compile(r"\b(?:if|unless)\b", re.I)


def _announced(m: EventMention) -> bool:
    """Whether a deal told as a prospect is one announced: its trigger follows "will", "would",
    "is to", "set to" (:data:`_ANNOUNCED`) in a sentence without a condition, not a verb of weighing
    it or a modal of chance."""
    lo = m.trigger_start - m.start
    if not 0 <= lo <= len(m.text) or _CONDITION.search(m.text):
        return False
    return bool(_ANNOUNCED.search(" ".join(m.text[:lo].split()[-3:])))


def _people(story: _Story, m: EventMention, other: EventMention) -> set[str]:
    """People both personnel mentions change: a PERSON one clause changes (:func:`_undergoes`) and
    the other clause changes too or, where the parse gave that clause no one it changes, has as a
    party or names next to its trigger (by the last word of a name: "Altman's brief departure"; not
    "fires burn as people supporting President Mubarak clash ..."). A person written by the last
    name alone, which the entity index keeps apart, is the person of that last name ("Mubarak
    resigned" and "Hosni Mubarak's resignation")."""
    changed = {x.id: _undergoes(x) for x in (m, other)}

    def named(x: EventMention, person: str) -> bool:
        if changed[x.id]:
            return any(_one_person(story, person, q) for q in changed[x.id])
        if any(_one_person(story, person, q) for q in _acting_on_another(x)):
            return False  # "the committee he appointed": he appoints, he is not appointed
        return person in story.parties(x) or _named_in(story, person, _near_trigger(x))

    persons = {p for p in changed[m.id] | changed[other.id]
               if story.entities.get(p) is not None and story.entities[p].type == "PERSON"}
    return {p for p in persons if named(m, p) and named(other, p)}


def _one_person(story: _Story, p: str, q: str) -> bool:
    """The same entity, or one written as the last name alone of the other, where the story's
    other people of that name are rarely named beside it ("Mubarak" is Hosni Mubarak, named ten
    times as often as Gamal Mubarak; "Gamal Mubarak" and "Hosni Mubarak" are two people)."""
    if p == q:
        return True
    owner = story.surname_owner()
    return any(x in story.entities and owner.get(story.entities[x].name) == y for x, y in ((p, q), (q, p)))


def _change_others(story: _Story, m: EventMention, other: EventMention) -> bool:
    """Both personnel clauses say whom they change, and it is not one party ("the cabinet resigned
    at Smith's request" and "Smith resigned" name Smith in both, but change two parties)."""
    a, b = _undergoes(m), _undergoes(other)
    return bool(a and b) and not any(_one_person(story, p, q) for p in a for q in b)


def _changed(story: _Story, m: EventMention, anchor: EventMention, act: str) -> set[str]:
    """The people both personnel mentions change (:func:`_people`); in a hire, not the one who
    hires in both ("King Abdullah appointed Bakhit" and "King Abdullah chose to appoint him" may
    be two appointments)."""
    people = _people(story, m, anchor)
    return people - _hirer(m, anchor) if act == "personnel:hire" else people


def _hirer(m: EventMention, anchor: EventMention) -> frozenset[str]:
    """Who acts in both mentions (in a hire: the one who appoints)."""
    agents = [{p.entity for p in x.participants if p.entity and p.role == "agent"} for x in (m, anchor)]
    return frozenset(agents[0] & agents[1])


def _same_roles(story: _Story, m: EventMention, other: EventMention) -> bool:
    """The same agent acting on the same patient or recipient in both clauses, a place being no
    shared party ("Mubarak blamed the Brotherhood for the violence in Cairo" and "Protesters upset
    with Mubarak gathered in Times Square" share Mubarak and a city, not a happening)."""
    def roles(x: EventMention, wanted: tuple[str, ...]) -> set[str]:
        return {p.entity for p in x.participants if p.entity and p.role in wanted} - story.places

    return bool(roles(m, ("agent",)) & roles(other, ("agent",))) and bool(
        roles(m, ("patient", "recipient")) & roles(other, ("patient", "recipient")))


def _other_thing(story: _Story, m: EventMention, anchor: EventMention) -> bool:
    """The anchor names what its act is done to (a patient or recipient that is no place) and
    ``m``'s sentence names none of it but names another party the anchor's sentence does not (no
    outlet), a person for a person, else any other, places included, since the tagger's types of
    organisations and places are often crossed ("stock in Transocean" tagged a place); the price
    is a corroboration missed where a sentence names a place in passing:
    "Feldman sold his holdings in Exxon Mobil" and "among the assets he sold was stock in
    Transocean" are one seller's two sales, "Louisiana sued BP" and "Louisiana sued Halliburton"
    two suits."""
    def person(e: str) -> bool:
        return story.entities[e].type == "PERSON"

    objects = {p.entity for p in anchor.participants
               if p.entity and p.role in ("patient", "recipient") and p.entity in story.entities} - story.places
    theirs = story.named(m)
    if not objects or objects & theirs:
        return False
    others = theirs - story.named(anchor) - story.outlets  # "..., Reuters reported" names no other thing
    return any(person(e) == person(o) for e in others if e in story.entities for o in objects)


# which side of a transfer a trigger of events.TYPE_LEXICON's "acquisition" tells (Snowball stems of
# its words and their past forms): the seller's or the buyer's; "merge", "bid", "offer" tell neither
_TRANSFER_SIDE = {**dict.fromkeys(("sell", "sold", "sale", "divest", "divestitur", "spin"), "seller"),
                  **dict.fromkeys(("buy", "bought", "acquir", "acquisit", "purchas", "takeov", "buyout"), "buyer")}


def _transfer_sides(m: EventMention) -> frozenset[str]:
    """The side of a transfer a mention's trigger tells (:data:`_TRANSFER_SIDE`): {"seller"},
    {"buyer"}, or none for a merger, a bid or any other act."""
    return frozenset({_TRANSFER_SIDE.get(w) for w in trigger_stems(m.trigger)} - {None})


def _sides_swapped(m: EventMention, anchor: EventMention) -> bool:
    """Two transfers told from one side (two sales, two purchases) where a party acts in one and
    is acted on in the other, with no agent in common: "the fields being sold to Marubeni" and
    "Marubeni would sell interests in Vietnam" are two sales; "Apache bought BP's fields" and "BP
    sold fields to Apache" are one, told from either side."""
    sides = [_transfer_sides(x) for x in (m, anchor)]
    if not (sides[0] and sides[0] == sides[1]):
        return False
    roles = [({p.entity for p in x.participants if p.entity and p.role == "agent"},
              {p.entity for p in x.participants if p.entity and p.role in ("patient", "recipient")})
             for x in (m, anchor)]
    if roles[0][0] & roles[1][0]:
        return False
    return bool(roles[0][0] & roles[1][1] or roles[0][1] & roles[1][0])


def same_happening(story: _Story, m: EventMention, anchor: EventMention, *, loose: bool = False) -> bool:
    """Does mention ``m`` tell the happening ``anchor`` tells?

    Strict (corroboration): at a time that can be the anchor's, the same act - with money on
    both sides, the same precise figure of the same kind (a payment, a running total, a round) and
    a shared party, whatever the clause's grammar; for a personnel act, the same kind of change
    (removal, return, hire) to the same person; otherwise the same type of act with a shared party
    the story does not name everywhere (an untyped act by its word), with no sums of its own that
    differ - told as having happened (mood ``actual``; a deal also when announced,
    :func:`_announced`). ``loose`` (is
    there any other report at all?) also accepts a report that tells it as a plan, a state or a
    possibility, and a report without the figure."""
    if m.mood == "negated" or not _overlap(story.span(m), story.span(anchor, claim=True)):
        return False
    if len(m.text) > MAX_SENTENCE_CHARS:
        return False  # a run of headlines or a page's sidebar, not a sentence
    if story.tallies_differ(m, anchor):
        return False  # "killed 149" and "killed 159": two tallies, two moments
    if not loose and _set_apart_sum(story, story.figures(m), story.figures(anchor)):
        return False  # "the state's fund is separate from $20 billion set aside by Markit" is another fund
    act_m, act_a = story.act(m), story.act(anchor)
    told = loose or m.mood == "actual" or (act_a in DEAL_ACTS and m.mood == "possible" and _announced(m))
    if act_m == act_a and told:
        if act_a.startswith("personnel:"):
            hirer = _hirer(m, anchor) if act_a == "personnel:hire" else frozenset()
            # who appoints or ousts someone in either report identifies nothing: "the committee he
            # appointed" and "Sadat appointed Mubarak" share Mubarak, appointing in one, appointed in the other
            acting = hirer | _acting_on_another(m) | _acting_on_another(anchor)
            if (_changed(story, m, anchor, act_a) or (
                    story.identifies(m, anchor, besides=acting) and not _change_others(story, m, anchor))) and (
                    loose or act_a != "personnel:other"):
                return True
        elif act_a != "money" and (loose or not (_own_sums(story, m, anchor) or _other_thing(story, m, anchor)
                                                                  or _sides_swapped(m, anchor))) and (
                (act_a not in GENERIC_ACTS and story.identifies(m, anchor) and story.same_cycle(m, anchor))
                or (_same_roles(story, m, anchor) and (act_a not in GENERIC_ACTS or _acts_alike(m, anchor)))):
            return True  # the same act on a party the story does not name everywhere, or by the same
            # agent on the same patient, an untyped act by its word ("Obama wrested a guarantee from
            # BP" is no "Obama's cabinet met BP"), not done to another party (:func:`_other_thing`,
            # :func:`_sides_swapped`);
            # corroborating, with no sums of its own that differ
            # ("has lost one-third of its market value or about $67 billion" is no "has lost $74.4
            # billion": where they differ, a conflict of its own; "Fines of $15,000 to $25,000 are
            # possible" is no "MMS fined the companies an average of $18,000")
    pm, pa = story.parties(m), story.parties(anchor)
    fm, fa = (story.figures(m) if loose else story.own_figures(m)), story.figures(anchor)
    if fm and fa and (loose or m.mood == "actual" or (act_a in DEAL_ACTS and _announced(m))):
        # money told on both sides: the figure decides; a party named on both sides must be shared,
        # and where one side names none, both must say what the money is for or the other must tell
        # the anchor's act ("crude fell to $89.38"
        # is no "crude rose to $89.92"; "the firm of the man in charge of BP's $20 billion fund was
        # paid" is no "BP has paid $20bn into the fund")
        if not story.same_money(fm, fa, loose=loose):
            return False
        if (pm & pa) - story.places:
            return True  # a party both name ("US light crude fell", "US crude rose": a place is none)
        if pm and pa and not pm & pa:
            return False  # each names its own parties
        purposes = {x.purpose for x in fm if x.purpose} & {y.purpose for y in fa if y.purpose}
        return loose or bool(purposes) or _acts_alike(m, anchor)
    return False


# --------------------------------------------------------------------------- claims


def _claim(e: Event, story: _Story) -> bool:
    """A claim worth a finding: a key event, or a notable act with a named party that one of its
    reports says happened, stated in a sentence that is not page furniture."""
    if e.mood != "actual" or all(furniture(" ".join(ev.text.split())) or first_person(ev.text) for ev in e.evidence):
        return False
    if e.key:
        return True
    if not e.entities:
        return False
    money = any(story.money.get(a) is not None and (story.money[a].payer or story.money[a].payee)
                for a in e.amounts)
    return e.type in NOTABLE_TYPES or (e.type in MONEY_TYPES and money)


def _anchor(e: Event, story: _Story) -> EventMention | None:
    """The mention that states the event: the one in its headline sentence, else its first actual one."""
    ms = [m for m in story.members.get(e.id, []) if len(m.text) <= MAX_SENTENCE_CHARS] or story.members.get(e.id, [])
    head = [m for m in ms if e.summary and e.summary in m.text and m.type == e.type and m.mood == "actual"]
    actual = [m for m in ms if m.mood == "actual" and m.type == e.type] or [m for m in ms if m.mood == "actual"]
    return (head or actual or ms or [None])[0]


def _anchors(anchor: EventMention, story: _Story) -> list[EventMention]:
    """The anchor and the other notable acts its sentence says happened ("Microsoft paid $650
    million to hire Suleyman": the payment and the hire), each of which another report may tell."""
    same = [m for m in story.in_sentence.get((anchor.doc, anchor.start), ()) if m.id != anchor.id
            and m.mood == "actual" and (m.type in NOTABLE_TYPES or story.figures(m))]
    return [anchor, *same]


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _evidence(m: EventMention) -> Evidence:
    return Evidence(m.doc, m.start, m.end, m.text)


def _reports(story: _Story, anchor: EventMention, own: Sequence[EventMention], *, loose: bool,
             restated: Sequence[EventMention] = ()) -> list[EventMention]:
    """The anchor and every mention in the story that tells its happening or another act its
    sentence states (:func:`_anchors`), its own event's first, then the sentences of other outlets
    that restate it (``restated``, :meth:`_Story.restatements`)."""
    anchors = _anchors(anchor, story)
    maybe = set().union(*(story.candidates(a) for a in anchors))  # every other mention cannot match
    if loose:
        pool = story.in_order(maybe)
    else:
        pool = [m for a in anchors for act in (story.act(a), *(("money",) if story.figures(a) else ()))
                for m in story.in_order(maybe, act)]
    seen, out = set(), []
    own_ids = {m.id for m in own}
    for m in [anchor, *own, *pool]:
        if m.id in seen:
            continue
        seen.add(m.id)
        mine = m.id in own_ids  # a report its event's clustering holds
        if m is not anchor and not (story.trusted and mine) and not _reports_it(m):
            continue
        if m is not anchor and not loose and not story.trusted and _known_sum(story, m):
            continue  # "its $20 billion fund" refers to the fund, it does not report it set up
        if m is not anchor and not loose and cut_off(m.text) and not any(
                _acts_alike(m, a) or (story.act(m) == story.act(a) and story.act(a) not in GENERIC_ACTS)
                for a in anchors):
            continue  # a piece of a sentence ("profits cost over $1 billion more.") has lost what its
            # figure or party was told of; it confirms only the act it names ("the WHO declared a
            # pandemic.", "that the Exxon Valdez spilled into Prince William Sound")
        if (m is anchor or (story.trusted and mine) or any(same_happening(story, m, a, loose=loose) for a in anchors)
                or (mine and story.paraphrase(m, anchor))):
            out.append(m)
    taken = {m.id for m in out}
    return out + [m for m in restated if m.id not in taken]


# what stands before a figure that names a thing already known: a possessive ("BP Plc's $20-billion
# fund", "its $20 billion fund") or "the" opening the sentence or after a preposition ("out of the
# $20bn fund", "The $20 billion fund has paid ..."); not "set up the $20 billion fund", which tells the act
_KNOWN_BEFORE = re.compile(r"(?:(?:^|\b(?:of|from|into|in|on|for|to|by|with|under|at)\s+)the|\b(?:its|their|his|her)|\w's)\s*$",
                           re.I)
_KNOWN_GAP_WORDS = 2  # words a noun may stand after its figure ("$20bn BP escrow account")


_SET_APART = re.compile(r"\b(?:separate from|in addition to|on top of|apart from|aside from|besides|other than)"
                        r"(?:\s+(?:the|an?|some|about|nearly|almost|roughly))?\s*$", re.I)


def _known_sum(story: _Story, m: EventMention) -> bool:
    """A noun trigger that a money figure of the story (the quantity annotator's, in front of it)
    only names as a thing already known (:data:`_KNOWN_BEFORE`): "paid $201 million out of its $20
    billion fund", "the administrator of BP Plc's $20-billion fund encouraged claimants": the fund
    is referred to, not set up, and the sentence tells another act. Worked out once per mention."""
    return story.once("known sum", m.id, lambda: _refers_to_known_sum(story, m))


def _refers_to_known_sum(story: _Story, m: EventMention) -> bool:
    d = story.documents.get(m.doc)
    if d is None or not d.text:
        return False
    for a in story.money_in.get(m.doc, ()):
        if not (m.start <= a.start and a.end <= m.trigger_start):
            continue
        gap = d.text[a.end:m.trigger_start]
        gap = re.sub(r"^\s*\([^)]*\)", "", gap)  # a conversion after the figure: "$20bn (#13.5 bn) fund"
        if len(gap.replace("-", " ").split()) <= _KNOWN_GAP_WORDS and not re.search(r"[.,;:]", gap) \
                and _KNOWN_BEFORE.search(" ".join(d.text[m.start:a.start].split()[-4:])):
            return True
    return False


def _reports_it(m: EventMention) -> bool:
    """Whether a sentence can report a happening as evidence: it does not deny it (``mood``
    "negated"; "will acquire ..., the companies announced" does report the deal), is not cut after
    a title (:data:`_TITLE_END`; a piece such as "the World Health Organization declared a pandemic."
    still reports), and states
    something (:func:`storyline.tls.events.states`, names aside: not a question such as "Would
    elections happen immediately if Mubarak resigned?", a reader's comment or a page speaking to
    its reader)."""
    return m.mood != "negated" and _sentence_reports(m.text)


@by_text
def _sentence_reports(sentence: str) -> bool:
    """:func:`_reports_it` of a sentence's text, memoised: every claim asks it of its candidates,
    and the same sentences are candidates of many claims."""
    text = " ".join(sentence.split())
    return tls_states(text, names=False) and not _addressed(text) and not _TITLE_END.search(text)


# a sentence the splitter cut after a title that stands before a name ("the company announced that
# retired Coast Guard Adm." + "Thad Allen would ..."): the rest of what it says is in the next one
_TITLE_END = re.compile(r"\b(?:Adm|Amb|Atty|Brig|Capt|Cmdr|Col|Cpl|Det|Dr|Fr|Gens?|Gov|Lt|Maj|Mr|Mrs|Ms|Pres|Prof"
                        r"|Reps?|Rev|Sens?|Sgt|Supt)\.$")  # the abbreviated forms of entities.TITLES and HONORIFICS


# a question however punctuated ("Did she resign"), a plea to someone ("Please order all drillers
# to ..."), or a byline run into the text ("... for Gulf Coast By Steven Mufson and Juliet
# Eilperin Tuesday, January 11, 2011"): no report of a happening
_ASKS = re.compile(r"^(?:did|does|do|is|are|was|were|has|have|had|would|could|should)\s+"
                   r"(?:he|she|it|they|we|you|i|the|this|that|there|[A-Z]\w+)\b", re.I)
_PLEA = re.compile(r"^(?:please|kindly)\b", re.I)
_BYLINE = re.compile(r"\bBy (?:[A-Z][\w.'-]+ ){1,3}(?:and (?:[A-Z][\w.'-]+ ){1,3})?"
                     r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")

def _addressed(text: str) -> bool:
    """A question, a plea, a byline or a headline run into the page's time stamp (:data:`_ASKS`,
    :data:`_PLEA`, :data:`_BYLINE`, :func:`storyline.tls.trim.stamp_run`): what a page says to
    someone or about itself, not a report."""
    return bool(_ASKS.match(text) or _PLEA.match(text) or _BYLINE.search(text) or stamp_run(text))


def _evidence_mentions(events: Sequence[Event], amounts: Sequence[Amount],
                       documents: Mapping[str, Document]) -> list[EventMention]:
    """Without the mentions the events were clustered from, each evidence sentence stands for one:
    of its event's type, mood and parties, with the event's figures that lie in it, timed by the
    time tagger when the sentence holds exactly one date."""
    from ..annotate import timex

    by_id = {a.id: a for a in amounts}
    out = []
    for e in events:
        for ev in e.evidence:
            d = documents.get(ev.doc)
            dates = [t for t in timex.tag(ev.text, d.published if d else None, doc_id=ev.doc) if t.type == "DATE"]
            figures = tuple(a for a in e.amounts if a in by_id and by_id[a].doc == ev.doc
                            and ev.start <= by_id[a].start < ev.end)
            out.append(EventMention(
                id=content_id("evm", e.id, ev.doc, ev.start, ev.end), doc=ev.doc, start=ev.start, end=ev.end,
                text=ev.text, trigger=e.type, trigger_start=ev.start, trigger_end=ev.start, type=e.type,
                participants=tuple(Participant(x, "other") for x in e.entities), amounts=figures, mood=e.mood,
                time=dates[0] if len(dates) == 1 else None))
    return out


def _shown(anchor: EventMention, summary: str = "") -> str:
    """What a reader is shown of a claim whose anchor is ``anchor``: its event's headline
    (``summary``) where the anchor's sentence holds it, else the sentence without the page
    furniture in front (:func:`storyline.tls.events.headline`); spaces collapsed."""
    text, head = " ".join(anchor.text.split()), " ".join(summary.split())
    return head if head and head in text else " ".join(tls_headline(text).split())


def _told(anchor: EventMention, story: _Story, summary: str = "") -> bool:
    """Whether a sentence can carry a finding: it states something (:func:`storyline.tls.events.states`,
    names aside: not furniture, a reader's comment, a page speaking to its reader or an empty frame
    such as "the press secretary said Monday."; "The last pandemic killed around a million people"
    may name no one), is a whole sentence, and is about the story
    (:func:`storyline.tls.events.tells_story`, with the story's parties, words and outlets): what
    may head a key event, unlike a sidebar ("Giffords was shot in Tucson", "Petrovich, a former CNN
    executive, died Thursday"), and not cut short after a title (:data:`_TITLE_END`). It is judged
    as a reader is shown it: the event's ``summary`` where the sentence holds it ('" Follow The Post
    On: BP, 8 other companies sued by Justice Dept. over gulf oil spill The Justice Department sued
    BP ...' is shown as the suit), else the sentence without page furniture in front."""
    text = " ".join(anchor.text.split())
    shown = _shown(anchor, summary)
    return (tls_states(shown, names=False) and not _addressed(shown) and not cut_off(shown)
            and not _TITLE_END.search(text)
            and tells_story(text, story.named(anchor), story.story_parties, story.words(), story.outlets,
                            story.side_places))


def _restatable(e: Event, anchor: EventMention | None, story: _Story) -> bool:
    """Whether any happening's statement may be a claim because other outlets restate it: told as
    having happened, on the story (its words or a party it follows), naming a party or giving a
    figure (something to check: '"This figure is rising as activity increases," the company said'
    names neither), in a sentence that can carry a finding (:func:`_told`). Restatements need parsed
    mentions (not ``trusted`` evidence)."""
    return (not story.trusted and anchor is not None and e.mood == "actual" and anchor.mood == "actual"
            and not _negated(anchor) and (story.about_story(anchor.text) or bool(story.named(anchor) & story.of_story))
            and bool(story.named(anchor) or _numbers(anchor.text)) and _told(anchor, story))


def _claims_findings(events: Sequence[Event], story: _Story, attribution: Attribution) -> list[Finding]:
    # a claim: a key event or a notable act (:func:`_claim`), or any happening's statement that
    # another independent outlet restates (:meth:`_Story.restatements`: "The WHO has confirmed
    # 70,893 cases ... with 311 deaths" in Reuters and the BBC), which no act type need vouch for
    anchored = [(e, _anchor(e, story)) for e in events]
    restated = story.restatements([a for e, a in anchored if _restatable(e, a, story)], attribution)
    claims = [(e, a) for e, a in anchored if a is not None and (story.trusted or not _known_sum(story, a)) and (
        (_claim(e, story) and _told(a, story, e.summary)) or a.id in restated)]
    story_sources = {attribution.document_source(d) for d in story.documents}
    reports = {e.id: _reports(story, a, story.members.get(e.id, []), loose=False, restated=restated.get(a.id, ()))
               for e, a in claims}
    # one happening per group of claims that share a report
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(e.id for e, _a in claims)
    owner: dict[str, str] = {}
    for e, _a in claims:
        for m in reports[e.id]:
            graph.add_edge(owner.setdefault(m.id, e.id), e.id)
    claim_of = {e.id: (e, a) for e, a in claims}
    out = []
    told: dict[str, _Corroboration] = {}  # by its head event
    for component in sorted(nx.connected_components(graph), key=min):
        members = [claim_of[x] for x in component]
        # the group is told by its best event: a key event first (by rank), else the highest score
        members.sort(key=lambda ea: (not ea[0].key, ea[0].rank or 10**9, -ea[0].score, ea[0].id))
        head, anchor = members[0]
        # the head's own reports only: claims chain through shared reports ("Mubarak resigned" to
        # "his cabinet resigned" to "a party official resigned"), and the union of theirs would
        # cite another happening's sentences as evidence of this one
        ms = list({m.id: m for m in reports[head.id]}.values())
        by_source: dict[str, list[EventMention]] = defaultdict(list)
        # an original before its copies, the anchor first among equals
        for m in sorted(ms, key=lambda m: (m.doc in attribution.copies, m.id != anchor.id, m.doc, m.start)):
            by_source[attribution.source(_evidence(m))].append(m)
        by_source = _independent(by_source, attribution)
        # the events it tells: the head's and those of the group whose claim the head's reports hold
        # (the group chains through shared reports: "Mubarak resigned as head of his party" is no
        # event of "Mubarak stepped down as president" for sharing a "Mubarak resigned")
        reported = {m.id for m in ms}
        told_here = [e for e, a in members if e.id == head.id or a.id in reported]
        events_ids = tuple(sorted({e.id for e in told_here}))
        amounts = tuple(sorted({x for e in told_here for x in e.amounts if x in story.money}))  # its money
        # the claim is what its anchor's sentence says: the headline when it is that sentence's
        headline = _short(_shown(anchor, head.summary))
        why = attribution.why([_evidence(m) for m in ms])
        why = f" ({why})" if why else ""
        if len(by_source) >= 2 and len({source_of(m.doc, attribution.documents, attribution.copies)
                                        for ms_ in by_source.values() for m in ms_}) < 2:
            continue  # one outlet's documents, one of whose sentences credits another outlet ("told the
            # BBC's Panorama", "the Wall Street Journal reported") or which rewrites it, do not
            # corroborate themselves: the outlet relays the other's report, it does not confirm it
        if len(by_source) >= 2:
            if all(cut_off(m.text) or not _ENDED.search(m.text.strip()) for m in ms):
                continue  # pieces and lines cut short only ("The rig exploded on 20 April and since
                # then it's thought", "when a rig exploded on April 20"): no whole sentence to check
            if not head.key and not any(story.about_story(m.text) for m in ms):
                continue  # a sidebar several pages carry ("Giffords was shot in Tucson"), not the story
            headline, chosen = _agreed(headline, anchor, by_source)
            first = (chosen or anchor).id  # the sentence the headline is taken from is its outlet's evidence
            by_source = {src: sorted(ms, key=lambda m: m.id != first) for src, ms in by_source.items()}
            told[head.id] = _Corroboration(head, anchor, by_source, events_ids, amounts, headline)
            out.append((head, told[head.id].finding(attribution)))
            continue
        if len(story_sources) < 2:
            continue  # a story told by one outlet: "only it reports" says nothing
        if not (head.key or (_notable_alone(head, anchor, story) and _checkable_alone(head, anchor))):
            continue
        if not (story.named(anchor) & story.of_story) or not story.about_story(anchor.text):
            continue  # names nobody and nothing the story is about: a sidebar, another story on the page
        figures = [f for _e, a in members for f in story.figures(a)]
        if figures and not any(_kind(f) in ("payment", "round") and ledger.precise(f) for f in figures):
            continue  # where a running total stood, or a vague sum: the ledger's comparison, not a claim
        echoes = [m for m in _reports(story, anchor, (), loose=True) if attribution.source(_evidence(m)) not in by_source]
        if echoes or (not story.trusted and story.echoed(anchor, set(by_source), attribution)):
            continue  # another outlet tells something like it: not worth a "only X reports" flag
        if {attribution.source(ev) for e, _a in members for ev in e.evidence} - set(by_source):
            continue  # the dossier shows its event told by other outlets too: "only X" would contradict it
        if any(_names_outlet(m.text, attribution.documents.get(m.doc)) for m in by_source[next(iter(by_source))]):
            continue  # a sentence about its own outlet: a byline's biography, a credit
        (source,) = by_source
        docs = sorted({m.doc for m in by_source[source]})
        via = attribution.label(source)
        credit = ""
        if not any(attribution.label(d) == via for d in docs):
            how = ("rewriting its story" if all(attribution.based_on.get(d) == source for d in docs)
                   else "citing it")
            credit = f" ({_docs_label(docs, attribution)}, {how})"
        out.append((head, Finding(
            id=content_id("fnd", "single_source", head.id),
            kind="single_source",
            summary=f"Only {via} reports{credit}: {headline}{why}",
            events=events_ids, amounts=amounts, sources=tuple(docs),
            evidence=(_evidence(by_source[source][0]),), independent=(source,))))
    ranked = _ranked(_one_per_happening(out, told, story, attribution))
    cap = max(MIN_PER_KIND, sum(1 for e in events if e.key))
    return [f for f in ranked if f.rank <= cap]


# how much of a corroboration's headline every other outlet must say for it to stand, and how much
# more another outlet's sentence must be confirmed to head it instead (share of content words)
AGREED_SHARE = 2 / 3
AGREED_GAIN = 0.15
AGREED_MIN_WORDS = 6  # "11 workers are killed." is confirmed by all, and says too little to head
# a sentence opening a subordinate clause with no main clause after it cannot head alone: "When the
# US president wrung an agreement from BP executives to put $20bn into a fund."
_SUBORDINATE_ONLY = re.compile(r"^(?:when|while|after|before|as|because|although|though|if|since|until|where)\b[^,;:]*$", re.I)
_ENDED = re.compile(r"[.!?][\"'\u201d\u2019)]*$")  # a whole sentence, not a run of headlines without a stop


def _agreed(headline: str, anchor: EventMention,
            by_source: Mapping[str, Sequence[EventMention]]) -> tuple[str, EventMention | None]:
    """The claim of a corroboration is what its outlets agree on. Where the anchor's sentence says
    much that some outlet does not ("The trouble broke out after the government ordered the
    slaughter of all pigs in Egypt ..." beside "Egypt ordered the slaughter of all pigs in the
    country"), the sentence of another outlet that every other outlet confirms best heads it instead:
    one that reports (:func:`_reports_it`), is whole (ends with a stop), stands alone (no opening
    pronoun, :func:`storyline.tls.summarize.anaphoric`: "This was before the announcement that ...",
    nor a lone subordinate clause), opens with no quotation (what someone said) and says enough.
    An anchor's line without a closing stop gives way to any such sentence. Returns the headline and
    the report it was taken from (None: the anchor's own)."""
    said = {src: frozenset().union(*(stems(m.text) for m in ms)) for src, ms in by_source.items()}

    def support(text: str, own: str) -> float:
        words = frozenset(stems(text))
        others = [w for src, w in said.items() if src != own]
        return min(len(words & w) / len(words) for w in others) if words and others else 0.0

    def alone(m: EventMention) -> EventMention:  # "And Egypt ordered ..." heads as "Egypt ordered ..."
        text = trim_text(" ".join(m.text.split()), ("connective",))
        return replace(m, text=text[:1].upper() + text[1:])

    own = next((src for src, ms in by_source.items() if any(m.id == anchor.id for m in ms)), None)
    current = support(headline, own) if own is not None else 1.0
    if not _ENDED.search(anchor.text.strip()):
        current = 0.0  # a line without a stop ("The flu has spread to 30 U.S. states and infected 226
        # people", a heading or a run cut short) heads only where no other outlet's whole sentence can
    if current >= AGREED_SHARE:
        return headline, None
    best = max(((support(x.text, src), len(set(stems(x.text))), x) for src, ms in by_source.items()
                for x in map(alone, ms) if len(set(stems(x.text))) >= AGREED_MIN_WORDS and not anaphoric(x.text)
                and not _SUBORDINATE_ONLY.match(x.text) and not _QUOTE.match(x.text.lstrip())
                and _ENDED.search(x.text) and _reports_it(x)
                and not cut_off(tls_headline(x.text))), key=lambda c: (c[0], c[1]), default=None)
    if best is None or best[0] < current + AGREED_GAIN:
        return headline, None
    chosen = next(m for ms in by_source.values() for m in ms if m.id == best[2].id)
    return _short(tls_headline(best[2].text)), chosen


@dataclass(frozen=True)
class _Corroboration:
    """A claim several sources report: its head event and anchor, the reports by source (copies
    counted once), the events and money of its group, and what the finding says it is."""

    head: Event
    anchor: EventMention
    by_source: Mapping[str, Sequence[EventMention]]
    events: tuple[str, ...]
    amounts: tuple[str, ...]
    headline: str

    def finding(self, attribution: Attribution) -> Finding:
        """The ``corroborated`` finding: one report per source as its evidence, and how the
        documents came to count as fewer sources (:meth:`Attribution.why`)."""
        evidence = tuple(_evidence(self.by_source[s][0]) for s in sorted(self.by_source))
        why = attribution.why([_evidence(m) for ms in self.by_source.values() for m in ms], named=True)
        return Finding(
            id=content_id("fnd", "corroborated", self.head.id), kind="corroborated",
            summary=f"{_sources_said(sorted(self.by_source), attribution)} report: {self.headline}"
                    + (f" ({why})" if why else ""),
            events=self.events, amounts=self.amounts, sources=tuple(sorted({ev.doc for ev in evidence})),
            evidence=evidence, independent=tuple(sorted(self.by_source)))


def _one_per_happening(out: list[tuple[Event, Finding]], told: Mapping[str, _Corroboration], story: _Story,
                       attribution: Attribution) -> list[tuple[Event, Finding]]:
    """Corroborations whose claims tell one happening in other words become one finding listing
    every source: "The rig exploded on 20 April, killing 11 workers", "Eleven workers were killed
    when the Deepwater Horizon blew up on 20 April" and "The spill began after an April 20 explosion
    that killed 11 workers" are one explosion, not three findings. Two claims are one when their
    sentences are paraphrases (:meth:`_Story.paraphrase`: TF-IDF cosine, a time that can be one, the
    same figures, no other agent) of the same act. The merged finding is told by its best claim
    (key first, by rank) and cites one report per source."""
    import networkx as nx

    heads = [(e, f) for e, f in out if f.kind == "corroborated" and e.id in told]
    if len(heads) < 2:
        return out
    vectorizer, _ = story._vectors()
    if vectorizer is None:
        return out
    anchors = [told[e.id].anchor for e, _f in heads]
    rows = vectorizer.transform([a.text for a in anchors])
    sims = (rows @ rows.T).tocoo()
    graph = nx.Graph()
    graph.add_nodes_from(range(len(heads)))
    for i, j, v in zip(sims.row, sims.col, sims.data):
        if i < j and v >= PARAPHRASE_SIMILARITY and story.act(anchors[i]) == story.act(anchors[j]) \
                and story.paraphrase(anchors[i], anchors[j]):
            graph.add_edge(int(i), int(j))
    merged: dict[str, tuple[Event, Finding]] = {}
    gone: set[str] = set()
    for component in nx.connected_components(graph):
        if len(component) < 2:
            continue
        group = sorted(component, key=lambda k: (not heads[k][0].key, heads[k][0].rank or 10**9,
                                                 -len(heads[k][1].independent), heads[k][0].id))
        parts = [told[heads[k][0].id] for k in group]
        by_source: dict[str, list[EventMention]] = {}
        for part in parts:
            for src, ms in part.by_source.items():
                by_source.setdefault(src, []).extend(ms)
        whole = replace(parts[0], by_source=_independent(by_source, attribution),
                        events=tuple(sorted({x for p in parts for x in p.events})),
                        amounts=tuple(sorted({x for p in parts for x in p.amounts})))
        merged[heads[group[0]][1].id] = (whole.head, whole.finding(attribution))
        gone.update(heads[k][1].id for k in group[1:])
    return [merged.get(f.id, (e, f)) for e, f in out if f.id not in gone]


def _independent(by_source: dict[str, list[EventMention]],
                 attribution: Attribution) -> dict[str, list[EventMention]]:
    """A claim's reports by the independent sources a reader should count: each document under one
    source (:func:`_one_source_per_document`), then sources carrying one sentence word for word as
    one (:func:`_one_per_copy`)."""
    return _one_per_copy(_one_source_per_document(by_source, attribution))


def _one_source_per_document(by_source: dict[str, list[EventMention]],
                             attribution: Attribution) -> dict[str, list[EventMention]]:
    """Each document stands for one source in a finding. A page one of whose reports credits an
    outlet ("31 were killed, hospital authorities told CNN") and another does not ("31 were killed,
    according to officials") relays that outlet's report: all its reports count under the outlet
    it credits, so it is never counted both as a source of its own and among the documents citing
    that outlet."""
    sources: dict[str, set[str]] = defaultdict(set)
    for source, ms in by_source.items():
        for m in ms:
            sources[m.doc].add(source)
    moved = {doc: min(found - {attribution.document_source(doc)} or found)
             for doc, found in sources.items() if len(found) > 1}
    if not moved:
        return by_source
    out: dict[str, list[EventMention]] = {}
    for source, ms in by_source.items():
        for m in ms:
            out.setdefault(moved.get(m.doc, source), []).append(m)
    return out


def _one_per_copy(by_source: dict[str, list[EventMention]]) -> dict[str, list[EventMention]]:
    """Sources whose reports carry one sentence word for word (at least ``COPY_MIN_WORDS`` words;
    the dateline or stamp in front and the punctuation aside: "CNN)--Algerian President ..." is
    "Algerian President ...") tell one piece of reporting, copied: a wire story syndicated, a live
    blog's entry repeated on each update's page. A sentence cut short, with no stop at its end, is
    the sentence it begins (a chronology's "Mar 1 - Clinton is warning that Libya could descend into
    civil war" beside the same line ending "... if Gaddafi refuses to quit."); a whole sentence that
    another goes on from ("The rig exploded on April 20, killing 11 workers." and "..., officials
    said.") may be two outlets' own words. Each group of sources so linked counts as one, under its
    first source."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(by_source)
    carried: dict[str, str] = {}  # a sentence -> the first source that carries it
    cut_short: set[str] = set()
    for source in sorted(by_source):
        for m in by_source[source]:
            shown = tls_headline(m.text)
            words = _WORD.findall(shown.lower())
            if len(words) >= COPY_MIN_WORDS:
                text = " ".join(words)
                graph.add_edge(carried.setdefault(text, source), source)
                if not _ENDED.search(shown.strip()):
                    cut_short.add(text)
    texts = sorted(carried)  # whatever begins with a sentence sorts right after it
    for i, short in enumerate(texts):
        if short not in cut_short:
            continue
        for longer in itertools.takewhile(lambda t: t.startswith(short), itertools.islice(texts, i + 1, None)):
            if longer.startswith(short + " "):
                graph.add_edge(carried[short], carried[longer])
    out: dict[str, list[EventMention]] = {}
    for group in nx.connected_components(graph):
        members = sorted(group)
        out[members[0]] = [m for s in members for m in by_source[s]]
    return out


def _sources_said(sources: Sequence[str], attribution: Attribution) -> str:
    """How many sources report a claim, as a reader should take it: "3 independent sources (BBC,
    Reuters, The Guardian)"; a document whose outlet is not known may come from any of the others'
    outlets, so documents of unknown outlet are counted apart and the sources not called
    independent: "49 sources (CNN, Reuters and 47 documents of unknown outlet)", "2 sources (CNN
    and 1 document of unknown outlet)" (:func:`storyline.reconcile.sources.sources_word`)."""
    unknown = of_unknown_outlet(sources, attribution.documents)
    if called_independent(len(sources), len(unknown)):
        return f"{len(sources)} independent sources ({', '.join(attribution.label(s) for s in sources)})"
    known = [attribution.label(s) for s in sources if s not in unknown]
    docs = "document" if len(unknown) == 1 else "documents"
    return f"{len(sources)} sources ({', '.join(known)}{' and ' if known else ''}{len(unknown)} {docs} of unknown outlet)"


def _names_outlet(text: str, document: Document | None) -> bool:
    """Whether a sentence names its own document's outlet ("She joined Reuters in London in 1990")."""
    if document is None or not document.outlet:
        return False
    name = re.sub(r"^the\s+", "", document.outlet.strip(), flags=re.I)
    return bool(name) and re.search(r"\b" + re.escape(name) + r"\b", text) is not None


def _docs_label(docs: Sequence[str], attribution: Attribution) -> str:
    names = sorted({attribution.label(d) for d in docs})
    return " and ".join(names)


def _notable_alone(e: Event, anchor: EventMention, story: _Story) -> bool:
    """A claim one outlet alone makes is worth flagging when it is a notable act with both sides
    named, or money with a payer or payee."""
    if story.trusted:  # no parsed roles to check: a notable type with someone named
        return e.type in NOTABLE_TYPES or any(f.payer or f.payee for f in story.figures(anchor))
    figures = story.figures(anchor)
    if figures:  # money paid or raised; a running total is the ledger's business
        return any((f.payer or f.payee) and _kind(f) in ("payment", "round") and ledger.precise(f) for f in figures)
    if story.act(anchor).startswith("personnel:") and (
            _people(story, anchor, anchor) or (not story.entities and story.parties(anchor))):
        return True  # a named person hired, ousted or reinstated (any party, where no entity types are known)
    roles = {p.role for p in anchor.participants if p.entity}
    return e.type in NOTABLE_TYPES and "agent" in roles and bool(roles & {"patient", "recipient"})


def _checkable_alone(e: Event, anchor: EventMention) -> bool:
    """A claim worth "only X reports" when it is no key event: told with its subject named, as news
    (no time of its own: reported by its page's day) or dated to a month or closer. One whose
    subject is a pronoun ("He has fought the rebels and NATO to a standstill") or that the text
    places only in a year or a decade (background: "In the '90s, ... Egypt was fighting ...",
    "America threaten war with Iran" read as 2011) gives a fact-checker nothing to look for."""
    if anaphoric(" ".join(anchor.text.split())):
        return False
    if not (e.date.value or "")[:1].isdigit():
        return True  # no time of its own ("reported by", "now"): news of its page's day
    if not e.date.own:
        return False  # a decade or a century ("199", "20")
    if not (e.date.start and e.date.end):
        return True
    return _days(e.date.end) - _days(e.date.start) <= MAX_DAYS_FOR_DATE_CONFLICT  # a month or closer, not a year


def _ranked(pairs: list[tuple[Event, Finding]]) -> list[Finding]:
    pairs.sort(key=lambda ef: (not ef[0].key, ef[0].rank or 10**9, -len(ef[1].independent), -ef[0].score, ef[1].id))
    out, seen = [], defaultdict(int)
    for _e, f in pairs:
        seen[f.kind] += 1
        out.append(replace(f, rank=seen[f.kind]))
    return out


# --------------------------------------------------------------------------- conflicts


def _date_conflicts(events: Sequence[Event], story: _Story, attribution: Attribution) -> list[Finding]:
    """Reports of one act (same happening but for the time) whose days, each known to the month or
    better, cannot overlap, from independent sources. The claim passes :func:`_told`, each report
    :func:`_reports_it`, and two reports neither of which is the claim's must tell the same act as
    each other too."""
    out = []
    for e in events:
        if not _claim(e, story):
            continue
        anchor = _anchor(e, story)
        if anchor is None or not _told(anchor, story, e.summary):
            continue
        ranges = []
        for m in story.members.get(e.id, []):
            t = m.time
            if t is None or t.type != "DATE" or m.mood != "actual" or not (t.value or "")[:4].isdigit():
                continue  # a date of its own ("PRESENT_REF" is the day of writing, not of the act)
            lo, hi = _days(t.start_date), _days(t.end_date)
            if lo is None or hi is None or hi - lo > MAX_DAYS_FOR_DATE_CONFLICT:
                continue
            if m is not anchor and not (_reports_it(m) and _same_but_time(story, m, anchor)):
                continue
            tolerance = _tolerance(t, hi - lo + 1)
            document = story.documents.get(m.doc)
            if document is not None and _REPORTED_ON.search(document.text[max(0, t.start - 60):t.start]):
                lo = -math.inf  # the day it was reported: the act was then done, on that day or before
            ranges.append((attribution.source(_evidence(m)), lo, hi, t.value, m, tolerance, _weeks_meant(t)))
        seen = set()
        for i, a in enumerate(ranges):
            for b in ranges[i + 1:]:
                slack = max(a[5], b[5])
                if a[0] == b[0] or any(a[1] + x <= b[2] + y + slack and b[1] + y <= a[2] + x + slack
                                       for x in a[6] for y in b[6]):
                    continue  # the same source, or days that can be one (a death on Monday, reported Tuesday)
                if anchor not in (a[4], b[4]) and not _same_but_time(story, a[4], b[4]):
                    continue  # each tells the anchor's act, not necessarily one another's
                key = tuple(sorted(((a[0], a[3]), (b[0], b[3]))))
                if key in seen:
                    continue
                seen.add(key)
                out.append(Finding(
                    id=content_id("fnd", "conflict", "date", e.id, *key),
                    kind="conflict",
                    summary=f"Sources disagree on when it happened: {a[3]} ({attribution.label(a[0])}) vs "
                            f"{b[3]} ({attribution.label(b[0])}) - {_short(e.summary, 120)}",
                    events=(e.id,), sources=tuple(sorted({a[4].doc, b[4].doc})),
                    evidence=(_evidence(a[4]), _evidence(b[4])), independent=tuple(sorted({a[0], b[0]}))))
    return out


# A time that dates the report of an act, not the act ("... have been released, Keller said Monday",
# "the newspaper reported Friday", "told reporters on Tuesday"): the parse gives it to the act where
# the act's own clause has no time, and two such bounds (reported Friday, reported Monday) are no
# disagreement about when it happened.
_REPORTED_ON = re.compile(r"\b(?:said|says|reported|reports|told|announced|announces|confirmed|confirms|added|"
                          r"stated|wrote|revealed|disclosed)\s+(?:[\w'-]+\s+){0,3}?"
                          r"(?:(?:on|late|early|earlier|later)\s+)?$", re.I)


def _weeks_meant(t) -> tuple[int, ...]:
    """Day shifts a date may be read with: a weekday named alone ("his resignation on Friday") tells
    the day of the week, and which week only from the tense and the day of writing, which a page
    updated for days after its stamp gets wrong; the same weekday a week either side is as likely
    meant. Any other date is read as it stands."""
    words = re.findall(r"[a-z]+", re.sub(r"['\u2019]s\b", "", t.text.lower()))  # "Friday's announcement"
    alone = bool(words) and words[-1] in WEEKDAYS and all(w in WEEKDAYS or w in ("on", "this") for w in words)
    return (0, -7, 7) if t.anchor is not None and alone else (0,)


def _tolerance(t, width: int) -> int:
    """Days by which another date may miss this one and still tell the same day: a couple of days
    (time zones, reporting lag), or the expression's own width when it is a rough count back from
    the day of writing ("two weeks ago", "last month") or said to be approximate."""
    rough = t.mod == "APPROX" or (t.anchor is not None and width > 1)
    return max(DATE_SLACK_DAYS, width if rough else 0)


def _same_but_time(story: _Story, m: EventMention, anchor: EventMention) -> bool:
    """Two reports of one event (clustered together) that tell the same act about the same parties,
    whatever their times (what two dates can disagree about): the same kind of act, the same figure
    or tally where both give one, the same person for a personnel act, else parties enough in
    common to tell one happening (:meth:`_Story.identifies`) or the same agent and patient."""
    if m.mood != "actual" or story.act(m) != story.act(anchor) or story.tallies_differ(m, anchor):
        return False
    fm, fa = story.figures(m), story.figures(anchor)
    if fm and fa:
        return bool(_matching_figures(fm, fa))
    if story.trusted:
        return True  # the event's own reports, taken as told
    if story.act(anchor).startswith("personnel:"):
        return bool(_changed(story, m, anchor, story.act(anchor)))  # not the one who names both
    return story.act(anchor) not in GENERIC_ACTS and (story.identifies(m, anchor) or _same_roles(story, m, anchor))


def _who_conflicts(events, mentions, story: _Story, attribution: Attribution) -> list[Finding]:
    """Same exclusive act on the same patient, different agents, in independent sources. The
    patient must be of a kind the act applies to (a person is hired, a company bought), and agents
    whose names share a word ("Gaddafi", "Muammar Gaddafi") may be one and the same."""
    entities = story.entities
    names = {k: e.name for k, e in entities.items()}
    claims: dict[tuple[str, str, str], list[tuple[str, str, EventMention]]] = defaultdict(list)
    for m in mentions:
        if m.type not in EXCLUSIVE_TYPES or m.mood != "actual":
            continue
        agents = sorted(p.entity for p in m.participants if p.role == "agent")
        patients = sorted(p.entity for p in m.participants if p.role == "patient"
                          if not entities or (p.entity in entities
                                              and entities[p.entity].type in PATIENT_TYPES[m.type]))
        # the side of a transfer its trigger tells: a seller and a buyer of one thing are two
        # parties of one act, not rival claims about who did it ("someone sold BP policies",
        # "speculators rushed to buy protection against a BP default")
        side = "/".join(sorted(_transfer_sides(m)))
        for patient in patients:
            for agent in agents:
                if agent != patient:
                    claims[(_act(m), side, patient)].append((agent, attribution.source(_evidence(m)), m))
    out = []
    for (act, _side, patient), xs in sorted(claims.items()):
        if act.endswith(":other"):
            continue  # a personnel verb that names no hire, removal or return ("left him without a role")
        xs = sorted(xs, key=lambda x: (x[0], x[1], x[2].doc, x[2].start))
        by_agent: dict[str, dict[str, EventMention]] = defaultdict(dict)
        for agent, source, m in xs:
            by_agent[agent].setdefault(source, m)
        agents = sorted(by_agent)
        for i, a in enumerate(agents):
            for b in agents[i + 1:]:
                if _may_be_one(names.get(a, ""), names.get(b, "")):
                    continue
                # a sentence that names the other side too relates the two, it does not deny one ("hired
                # by promoters AEG Live, at Jackson's request" against "hired by Jackson")
                only_a = [s for s in sorted(set(by_agent[a]) - set(by_agent[b])) if b not in story.named(by_agent[a][s])]
                only_b = [s for s in sorted(set(by_agent[b]) - set(by_agent[a])) if a not in story.named(by_agent[b][s])]
                if not only_a or not only_b:
                    continue  # a conflict needs two sources that each back only one side
                ma, mb = by_agent[a][only_a[0]], by_agent[b][only_b[0]]
                if not (_overlap(story.span(ma), story.span(mb)) and story.same_cycle(ma, mb)):
                    continue  # at different times (undated, months apart: "sold BP policies" in May, "BP's
                    # stake is being bought" in November): two different acts, not a contradiction
                if not (_reports_it(ma) and _reports_it(mb)):
                    continue  # a question or a plea asserts no one
                evs = tuple(sorted({e.id for m in (ma, mb) if (e := story.event_of.get(m.id))}))
                kind = act.split(":")[-1].replace("_", " ")
                out.append(Finding(
                    id=content_id("fnd", "conflict", "who", act, patient, a, b),
                    kind="conflict",
                    summary=f"Sources disagree on who is behind the {kind} of {names.get(patient, patient)}: "
                            f"{names.get(a, a)} ({attribution.label(only_a[0])}) vs "
                            f"{names.get(b, b)} ({attribution.label(only_b[0])})",
                    events=evs, sources=tuple(sorted({ma.doc, mb.doc})),
                    evidence=(_evidence(ma), _evidence(mb)), independent=(only_a[0], only_b[0])))
    return out


def _may_be_one(a: str, b: str) -> bool:
    """Two names that share a word may name one party (a surname, a shortened name)."""
    return bool({w.casefold() for w in a.split() if len(w) > 2} & {w.casefold() for w in b.split() if len(w) > 2})


def _money_conflicts(amounts, documents, attribution: Attribution) -> list[Finding]:
    # a copy or a rewrite repeats its original's figure: keep one conflict per (sources, figures)
    by_amount = {a.id: a for a in amounts}
    kept: dict[tuple, Finding] = {}
    for f in sorted(ledger.conflicts(amounts, documents, attribution=attribution), key=lambda f: f.id):
        figures = tuple(sorted((attribution.source(Evidence(by_amount[i].doc, by_amount[i].start, by_amount[i].end, "")),
                                str(by_amount[i].low), str(by_amount[i].high)) for i in f.amounts if i in by_amount))
        kept.setdefault(figures or (f.id,), f)
    return list(kept.values())


def _prepare(events, amounts, documents, copies, mentions, entities, attribution, index, sentences):
    """What :func:`find` and :func:`coverage` work on, independent of input order: who each report
    stands for, the events and amounts sorted, and the :class:`_Story` (without mentions, one per
    evidence sentence, taken as told)."""
    attribution = attribution or Attribution.build(documents, copies)
    events = sorted(events, key=lambda e: e.id)
    amounts = sorted(amounts, key=lambda a: a.id)
    trusted = not mentions
    mentions = _evidence_mentions(events, amounts, documents) if trusted else sorted(mentions, key=lambda m: m.id)
    story = _Story(events, mentions, amounts, documents, entities or {}, index, trusted=trusted, sentences=sentences)
    return attribution, events, amounts, story


def find(events: Sequence[Event], amounts: Sequence[Amount], documents: Mapping[str, Document],
         copies: Mapping[str, str], *, mentions: Sequence[EventMention] = (),
         entities: Mapping[str, Entity] | None = None, attribution: Attribution | None = None,
         index=None, sentences: Sequence = ()) -> list[Finding]:
    """All findings: conflicts, then single-source claims, then corroborated ones, each kind in its
    reading order (``rank``); independent of input order. ``mentions``: the event mentions the
    events were clustered from (without them, claims are matched within their own events only);
    ``entities`` (by id) name the parties and say what kind of thing each is; ``attribution``:
    who each report stands for (built from ``documents`` and ``copies`` when not given); ``index``:
    the story's :class:`storyline.reconcile.entities.EntityIndex`, so a report's sentence counts
    every entity it names, not only its clause's parsed participants; ``sentences``: the story's
    sentences (:class:`storyline.records.Sentence`), so an echo is looked for in every sentence, not
    only in those that report an event."""
    return _findings(*_prepare(events, amounts, documents, copies, mentions, entities, attribution, index, sentences))


def find_with_coverage(events: Sequence[Event], amounts: Sequence[Amount], documents: Mapping[str, Document],
                       copies: Mapping[str, str], *, mentions: Sequence[EventMention] = (),
                       entities: Mapping[str, Entity] | None = None, attribution: Attribution | None = None,
                       index=None, sentences: Sequence = ()) -> tuple[list[Finding], dict]:
    """:func:`find` and :func:`coverage` of the same events from one reading of the story: the
    :class:`_Story`, its candidate index and what it has worked out about each mention are built
    once (at thousands of articles, building them is most of what coverage costs)."""
    prepared = _prepare(events, amounts, documents, copies, mentions, entities, attribution, index, sentences)
    return _findings(*prepared), _coverage(prepared[0], prepared[1], documents, prepared[3])


def _findings(attribution: Attribution, events: Sequence[Event], amounts: Sequence[Amount],
              story: _Story) -> list[Finding]:
    documents = story.documents
    claims = _claims_findings(events, story, attribution)
    conflicts = _money_conflicts(amounts, documents, attribution) + _date_conflicts(events, story, attribution)
    if not story.trusted:  # who did what needs parsed roles
        conflicts += _who_conflicts(events, story.mentions, story, attribution)
    unique = {f.id: f for f in sorted(conflicts, key=lambda f: f.id)}
    conflicts = [replace(f, rank=i) for i, f in enumerate(unique.values(), 1)]
    order = {k: i for i, k in enumerate(("conflict", "single_source", "corroborated"))}
    return sorted(conflicts + claims, key=lambda f: (order[f.kind], f.rank, f.id))


def _when(e: Event) -> str:
    from ..export.markdown import date_label

    return date_label(e.date)


def coverage(events: Sequence[Event], amounts: Sequence[Amount], documents: Mapping[str, Document],
             copies: Mapping[str, str], *, mentions: Sequence[EventMention] = (),
             entities: Mapping[str, Entity] | None = None, attribution: Attribution | None = None,
             index=None, sentences: Sequence = ()) -> dict:
    """Who reported what: for each key event (in date order), the independent sources that tell
    it (:func:`same_happening`, as for corroboration) with one evidence sentence each, and the
    story's independent sources that do not - what news aggregators call a blindspot.

    ``{"sources": [{"key", "label", "documents"}], "rows": [{"event", "date", "when", "headline",
    "cells": {source key: {doc, start, end, text, event}}, "missing": [source keys]}]}`` (a cell's
    ``event``: the event whose evidence holds that sentence). ``sentences``: the story's sentences, as
    for :func:`find` (a report its event's clustering holds is matched by TF-IDF over them): with
    the same arguments, this is the coverage :func:`find_with_coverage` gives a build."""
    attribution, events, _amounts, story = _prepare(events, amounts, documents, copies, mentions, entities,
                                                    attribution, index, sentences)
    return _coverage(attribution, events, documents, story)


def _coverage(attribution: Attribution, events: Sequence[Event], documents: Mapping[str, Document],
              story: _Story) -> dict:
    docs_of: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(documents):
        docs_of[attribution.document_source(doc_id)].append(doc_id)
    rows = []
    for e in sorted((e for e in events if e.key), key=lambda e: (e.date.start or e.date.end or "9999", e.rank, e.id)):
        anchor = _anchor(e, story)
        reports = _reports(story, anchor, story.members.get(e.id, []), loose=False) if anchor else []
        cells: dict[str, dict] = {}
        for m in sorted(reports, key=lambda m: (m.doc in attribution.copies, m.id != anchor.id, m.doc, m.start)):
            told_in = story.event_of.get(m.id)
            cells.setdefault(attribution.source(_evidence(m)), {
                "doc": m.doc, "start": m.start, "end": m.end, "text": m.text,
                "event": told_in.id if told_in is not None else e.id})
        rows.append({"event": e.id, "date": e.date.value, "when": _when(e), "headline": _short(e.summary),
                     "cells": {k: cells[k] for k in sorted(cells)},
                     "missing": sorted(set(docs_of) - set(cells))})
    keys = sorted(set(docs_of) | {k for r in rows for k in r["cells"]},
                  key=lambda k: (-sum(k in r["cells"] for r in rows), attribution.label(k), k))
    return {"sources": [{"key": k, "label": attribution.label(k), "documents": docs_of.get(k, [])} for k in keys],
            "rows": rows}


def without_events(covered: dict, kept: set[str]) -> dict:
    """:func:`coverage` for a dossier that keeps only the events ``kept`` (``timeline_max_events``):
    a cell whose sentence is evidence of an event not kept points at its row's event instead."""
    rows = [{**row, "cells": {k: {**cell, "event": cell["event"] if cell["event"] in kept else row["event"]}
                              for k, cell in row["cells"].items()}} for row in covered["rows"]]
    return {**covered, "rows": rows}


__all__ = ["coverage", "find", "find_with_coverage", "same_happening", "without_events"]
