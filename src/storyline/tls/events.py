"""A dossier's events ranked: :func:`key_ranking` (the key-event timeline a reader is shown) and
:func:`rank_events` (each event's ``score``).

:func:`key_ranking` is the Timeline17 method carried into the dossier: the days of the story are
ranked by the date model of :mod:`storyline.tls.dates` over *all* the story's dated sentences (how
many articles, and how much later, refer to each day), and the events are taken date by date, the
event that best says what the story says of that day first (:func:`day_fit`), so a timeline of ``n`` entries covers the ``n`` most
important dates before it gives any date a second entry. Events dated coarser than a day (a year,
a month, a season) are ranked by their support among the dates.

:func:`rank_events` scores each event from its own evidence only: each evidence sentence becomes a
:class:`~storyline.tls.sentences.DatedSentence` that mentions the event's day, and the number of
distinct sources adds a small bonus.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from ..annotate.textcache import by_text
from ..ingest.clean import AGE, SENTENCE_END, opens_with_post_stamp
from .dates import DateModel, coverage_span, rank_dates, spread_prefixes
from .sentences import DatedSentence
from .summarize import (_QUOTED, DEFAULT_PARAMS, SummaryParams, anaphoric, cut_off, day_candidates, first_person,
                        fit_vectors, furniture)
from .trim import calendar_word, ends_in_dateline, opens_in_a_bracket, trim_span, without_dates

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Event


# a coarse event's weight among the dates: half of its support, so a day that many articles cite
# comes first, and widely reported background ("in 2019") still reaches a short timeline
COARSE_WEIGHT = 0.5


def default_key_events(n_documents: int) -> int:
    """A reader-sized key timeline that grows slowly with the story: 16 entries for 5 articles, 40
    for 150, 46 for 300, at most 60."""
    return min(60, round(10 + 6 * math.log2(1 + n_documents / 5)))


def day_of(event: Event) -> date | None:
    """The day an event happened, when the text gives it to the day (a year or month is no day)."""
    d = event.date
    for v in (d.value, d.start if d.start and d.start == d.end else None):
        if v and len(v) >= 10 and v[:4].isdigit():
            try:
                return date.fromisoformat(v[:10])
            except ValueError:
                continue
    return None


def reports(ev: Event) -> int:
    """How many separate reports an event has: its sources, where a sentence printed word for word in
    several articles counts once (a sidebar, an editor's note or a paragraph a site repeats on every
    page is one report, not corroboration)."""
    if not ev.evidence:
        return len(set(ev.sources))
    return min(len(set(ev.sources)), len({" ".join(e.text.casefold().split()) for e in ev.evidence}))


def once_each(sentences: Sequence[DatedSentence]) -> list[DatedSentence]:
    """The story's sentences with a text printed word for word on many pages (a sidebar, a
    promotion, a paragraph a site repeats) kept once, where it was first published: one report,
    as in :func:`reports`, so it neither makes a day important nor fills a day's centroid."""
    seen: set[str] = set()
    out = []
    for s in sorted(sentences, key=lambda s: (s.published, s.doc, s.index)):
        key = " ".join(s.text.casefold().split())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _support(ev: Event, max_sources: int) -> float:
    """An event's separate reports on a log scale, 1 for the story's best-supported event."""
    return math.log1p(reports(ev)) / math.log1p(max_sources) if max_sources else 0.0


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
    days: dict[str, date | None] = {ev.id: day_of(ev) for ev in events}
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
    max_src = max((reports(ev) for ev in events), default=1) or 1
    scored = []
    for ev in events:
        d = days[ev.id]
        if d is None:
            scored.append((ev, 0.0))
            continue
        scored.append((ev, 0.8 * day_score.get(d, 0.0) + 0.2 * _support(ev, max_src)))
    return sorted(scored, key=lambda x: (-x[1], day_of(x[0]) or date.max, x[0].id))


# What a headline loses in front: a byline, a wire or web dateline, a live page's stamp or clock, a photo credit
# and the caption it ends (tls.trim). Attributions stay: who says it is part of what a reader is told.
HEADLINE_TRIM = ("byline", "dateline", "furniture", "caption", "clock")


@by_text
def headline_span(text: str) -> tuple[int, int]:
    """Offsets in ``text`` of the part a headline shows: ``text`` without the page furniture in
    front of it (:data:`HEADLINE_TRIM`)."""
    return trim_span(text, HEADLINE_TRIM, min_tokens=DEFAULT_PARAMS.min_tokens)


def headline(text: str) -> str:
    a, b = headline_span(text)
    return text[a:b]


# A frame with nothing in it: "<someone> said on Wednesday." (the words said were cut off into the
# next sentence), a comment thread's "At 6:32 pm on 11 Jun 2009, <user> wrote".
# a time after the verb: "on Wednesday", "at 6:32 pm", "late on Friday" (names, figures, time words only)
_FRAME_TIME = (r"(?:\s+(?:on|at|in|late|early|earlier|later|this|last|yesterday|today|tonight|"
               r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
               r"(?:\s+(?:[A-Z0-9][\w.:]*|on|[ap]\.?m\.?|morning|afternoon|evening|night|week|month|year)){0,4})?")
_FRAME = re.compile(
    r"^(?:(?:At|On|In|By|Late|Early|Earlier|Later|Yesterday|Today|Tonight|Last)\b[^,\"“”]{0,40},\s*)?"
    r"[^,;:\"“”]{1,60}?\s(?:wrote|writes|said|says|added|adds|asked|asks|commented|posted|replied|reported)"
    # where it was said, with nothing said ("on its website", "in a statement"), with a time before or
    # after it ("said Wednesday on its website", "said on its website on Monday")
    + _FRAME_TIME + r"(?:\s+(?:on|in)\s+(?:its|his|her|their|a|an|the)\s+[\w-]+)?" + _FRAME_TIME
    + r"\s*[.:]?\s*$")
# A sentence that introduces what follows it and says nothing itself: it ends in a colon, a live
# page's bracketed stamp aside ("CNN's Ivan Watson describes the rapidly changing scene: (Update 4:23
# p.m. Cairo, 9:23 a.m. ET)").
_INTRODUCES = re.compile(r":\s*(?:\([^()]{0,80}\)\s*)?$")
# A page speaking to its reader, not reporting: "Watch CNN's interview with ...", "Click here",
# "Sayed K, thanks for your post.", "what do you say about ..." (the second person outside
# quotation marks: a comment thread, a transcript's question, a column's aside); or pointing at what
# it shows next: "Here is video of Gadhafi's comments ...", "Following are quotes from the speech".
_ADDRESS = re.compile(r"^(?:Watch|Click|Read|Follow|Share|Subscribe|Sign up|Join|Listen|View|Explore|Let me|Let us|"
                      r"Let's|Tell us|Send us|Check out|Here(?:'s|\u2019s|\s+is|\s+are)|(?:The\s+)?Following\s+(?:is|are)"
                      r"|Below\s+(?:is|are))\b|(?<![\w'\u2019-])(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself)"
                      r"(?:(?=['\u2019](?:re|ve|d|ll)\b)|(?![\w'\u2019-]))")
# A banner in capitals ("... THIS IS A RUSH TRANSCRIPT."): four words or more in a row; a live
# page's marker ("NEW: President Obama spoke ...", "UPDATE:"); a transcript's turn with a stage
# direction ("COOPER (voice-over): Sunday night, ..."); a template's placeholder in braces.
_BANNER = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]+){3,}\b|\b(?:NEW|UPDATED?|BREAKING|LATEST)\s*:"
                     r"|^[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,2}\s*\([^)]{1,30}\)\s*:"
                     # a page template's placeholder left in a comment: "praised the cause {Egyptian President}"
                     r"|\{[^{}]{0,60}\}")
# A wire headline block (:func:`~.trim.ends_in_dateline`) often opens with bullet points
# ("* Order for nasal spray vaccine * Company sees more orders LONDON, June 1 (Reuters) -").
_BULLET = re.compile(r"^\\?[*\u2022]\s")
# A news aggregator's list of links, each headline followed by its age and outlet ("Haiti Quake:
# Corpses Used In Aid Protest - 9 hrs ago Guardian."): other pages' titles, not sentences
_LINK_AGE = re.compile(r"\s(?:-|\u2013|\u2014)\s+" + AGE + r"\b", re.I)
# A broadcast schedule's line: "12.00noon-7.00 pm BBC RADIO 5 LIVE ...", "9:30-10am Newsnight"
_CLOCK = r"\d{1,2}(?:[.:]\d\d\s*(?:[ap]\.?m\.?|noon|midnight)?|\s*(?:[ap]\.?m\.?|noon|midnight))"
_CLOCK_RANGE = _CLOCK + r"\s*(?:-|\u2013|to)\s*" + _CLOCK + r"(?![\w.:])"
# or a programme's air times ("Broadcast on Saturdays at 11:30 GMT on BBC Radio 4, and weekdays on ...")
_SCHEDULE = re.compile(r"^(?:" + _CLOCK_RANGE + r"|(?:Broadcast|Airs|Aired|Repeated|Shown)\s+(?:on\s+)?"
                       r"(?:\w+days?|weekdays|weekends|daily)\b[^.]{0,40}?\bat\s+" + _CLOCK + ")", re.I)
# A schedule: a broadcaster's listings ("7.00-10.30 pm BBC RADIO 5 LIVE Mark Pougatch presents ...", "At 8pm
# there's Premier League commentary of ..."), a day's planned briefings ("1:00 pm ET - White House
# briefing - ..."), a travel itinerary ("6 p.m. - Enjoy an evening drink ..."): what is on, not what
# happened, though each entry reads like a dated sentence. A live page's entries ("10.27 pm: DeGette
# wants to know ...") report what happened and are no schedule. Read across the nine Timeline17
# builds: 10 pages with three such entries or more (BBC radio listings in MJ, CNN's "on the radar" in
# Egypt, a travel page in Syria), no live page among them.
_ON_AT = re.compile(r"^(?:" + _CLOCK_RANGE
                    + r"|At\s+" + _CLOCK + r"\s*,?\s+there(?:'s|\u2019s|\s+is|\s+will\s+be)\b"
                    r"|" + _CLOCK + r"\s*(?:(?-i:[A-Z]{2,4})\s*)?[-\u2013]\s)", re.I)
SCHEDULE_MIN_ENTRIES = 3


def schedule_page(sentences: Iterable[str]) -> bool:
    """Whether a page is a schedule (:data:`SCHEDULE_MIN_ENTRIES` sentences or more open with the time
    something is on): its sentences tell no happening."""
    return sum(1 for t in sentences if _ON_AT.match(" ".join(t.split()))) >= SCHEDULE_MIN_ENTRIES


# Capitalised words that name no one: pronouns (and calendar words, :func:`~.trim.calendar_word`).
_PRONOUNS = frozenset("i he she it we they you his her its their our my your this that these those there".split())
_WORDS = re.compile(r"[^\W\d_][\w'’.-]*|\d")


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def names_something(text: str) -> bool:
    """Whether a sentence names someone, something or somewhere, or gives a figure: a digit (not of
    a year, a day of a month or a clock time), or a capitalised word that is not a pronoun, a
    calendar word or (first in the sentence) a common word. "She said it made her happy." names
    nothing: a fragment of someone else's story, not a happening a reader can place."""
    words = _WORDS.findall(without_dates(_QUOTED.sub(" ", text))) or _WORDS.findall(without_dates(text))
    stop = _stop_words()
    for i, w in enumerate(words):
        if w.isdigit():
            return True
        common = w.lower() in _PRONOUNS or calendar_word(w) or (i == 0 and w.lower() in stop)
        if w[0].isupper() and not common:
            return True
    return False


@by_text
def states(text: str, *, names: bool = True) -> bool:
    """Whether a sentence, without the furniture in front of it, states something: not a question,
    a caption, a title, a piece of a quotation (:func:`furniture`), a sentence in the first person
    (a reader's comment, a column: :func:`first_person`), an empty frame ("the WHO said on
    Wednesday.", "..., <user> wrote"), an introduction ending in a colon ("... describes the scene:"),
    a wire headline block ending in its dateline, a broadcast schedule's line ("12.00noon-7.00 pm BBC
    RADIO 5 LIVE ...", "Broadcast on Saturdays at 11:30 GMT ..."), a page speaking to its reader
    ("Watch the interview", "thanks for your post": an imperative of the web or the second person
    outside quotation marks), a banner in capitals, a template's placeholder in braces, an aggregator's
    list of links ("Corpses Used In Aid Protest - 9 hrs ago Guardian."), or (with
    ``names``) a sentence that names no one and gives no figure (:func:`names_something`). A
    headline block cut before its web dateline ("... peace plan BENGHAZI", :func:`~.trim.ends_in_dateline`)
    states nothing either, nor does a reader's post opening with its stamp
    (:func:`~storyline.ingest.clean.opens_with_post_stamp`)."""
    t = headline(" ".join(text.split()))
    return not (furniture(t) or first_person(t) or _FRAME.match(t) or _INTRODUCES.search(t) or ends_in_dateline(t)
                or opens_with_post_stamp(t)
                or _BULLET.match(t) or _SCHEDULE.match(t) or _LINK_AGE.search(t) or _ADDRESS.search(_QUOTED.sub(" ", t))
                or _BANNER.search(t) or (names and not names_something(t)))


def happening(ev: Event, published: Mapping[str, date] | None = None) -> bool:
    """Whether an event can stand on the key timeline: a real-world happening with a time of its own.

    It has a date of its own (:attr:`EventDate.own`), one of its mentions says it happened
    (``mood`` "actual": not a state, a plan, a forecast or a denial), that date does not begin after
    every source that reports it was published (a deadline or a projection, not an event), and one
    of its evidence sentences states it (:func:`states`: not a question, a reader comment, a caption,
    a title or a sentence in the first person)."""
    if not ev.date.own or ev.mood != "actual":
        return False
    reported = [published[s] for s in ev.sources if published and published.get(s)]
    if reported and ev.date.start and ev.date.start[:10] > max(reported).isoformat():
        return False  # ISO days compare as text
    texts = [e.text for e in ev.evidence] or [ev.summary]
    return any(states(t) for t in texts)


# Background: what happened before the story's coverage began (the 2004 tsunami a quake story
# compares itself to, a reader's aside about 1958). It reaches the key timeline only as the story
# retells it: from separate reports in a hundredth of the story's documents (a story of up to 100
# articles may tell its background once, a bigger one needs more) and with a participant central to
# the story (named by the events of half its documents). The coverage begins where the earliest 2 %
# of the documents were published, so one stray early article does not open it. In the month
# before it the story is set off (a death two days before the first report): there an event is
# the story's own when its reports reach that hundredth, or when the documents whose sentences name
# its day do and a participant is named by a tenth of the story's documents (the stricter central
# participant there cost the Timeline17 MJ timeline events of the day of the death told with other
# participants; none at all let in the other stories a site's pages carry: a shooting in Tucson on
# an Egypt page).
BACKGROUND_REPORTS_SHARE = 0.01
CENTRAL_SHARE = 0.5
STORY_SHARE = 0.1  # in the month before the coverage: a participant named by a tenth of the documents
PARTY_SHARE = 0.02  # a party of the story (not a place) may head a key event: named by 2 % of the documents
PLACE_SHARE = 0.1  # a place is named in passing far more often than a party ("died in New York")
COVERAGE_QUANTILE = 0.02
LEAD_UP = timedelta(days=31)


# The story's own words: in at least this share of its documents, neither stop words nor these
# words that any news story uses. Under SIDEBAR_MIN_DOCS documents every word is the story's
# (too few documents to tell its words from any others).
STORY_TERM_SHARE = 0.5
SIDEBAR_MIN_DOCS = 20
GENERIC_NEWS_WORDS = frozenset(
    "said says say told tell according reported reports report people world new year years time week weeks day "
    "days today yesterday month months government public country countries state states united number officials "
    "official like just far news including million billion way need make come work did does home city data "
    "research likely percent president minister spokesman statement added asked set took going made".split())
_TERM = re.compile(r"[a-z][a-z0-9-]{2,}")


def story_words(texts: Sequence[str], outlets: Collection[str] = ()) -> frozenset[str] | None:
    """The words of a story's documents ``texts`` found in at least :data:`STORY_TERM_SHARE` of them
    ("flu", "h1n1", "pandemic" in the swine flu story; "microsoft", "openai" in the demo), less stop
    words, :data:`GENERIC_NEWS_WORDS` and the words of the ``outlets`` (an outlet's name is on all
    its pages, whatever their story). None under :data:`SIDEBAR_MIN_DOCS` documents."""
    if len(texts) < SIDEBAR_MIN_DOCS:
        return None
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    df: dict[str, int] = {}
    for t in texts:
        for w in set(_TERM.findall(t.lower())):
            df[w] = df.get(w, 0) + 1
    outlet_words = {w for o in outlets for w in _TERM.findall(o.lower())}
    return frozenset(w for w, k in df.items() if k >= STORY_TERM_SHARE * len(texts)
                     and w not in ENGLISH_STOP_WORDS and w not in GENERIC_NEWS_WORDS and w not in outlet_words)


def uses_story_words(text: str, words: frozenset[str] | None, at_least: int = 1) -> bool:
    """Whether ``text`` uses ``at_least`` of the story's words (:func:`story_words`; None: any text does)."""
    return words is None or len(words.intersection(_TERM.findall(text.lower()))) >= at_least


OFF_STORY_MAX_USES = 1  # a page that uses the story's words at most this many times is about something else


def off_story(text: str, words: frozenset[str] | None) -> bool:
    """Whether a page is about something else than its story: it uses the story's words
    (:func:`story_words`) at most :data:`OFF_STORY_MAX_USES` times in all. A crawl of an outlet's pages
    over a story's months carries its other pages: sport results, market reports, a fossil's
    unveiling, a Super Bowl preview (Timeline17's Syria folder holds 137 such of 654). Their sentences
    head no key event, whoever they name. None (a story too small for story words): no page is."""
    if words is None:
        return False
    return sum(1 for w in _TERM.findall(text.lower()) if w in words) <= OFF_STORY_MAX_USES


def story_entities(events: Sequence[Event], named: Mapping[str, Collection[str]] | None, n_documents: int,
                   share: float = STORY_SHARE) -> set[str]:
    """The story's participants: the entities that the events of at least ``share`` of its
    ``n_documents`` documents name (``named``: the entities each event's evidence names, else its
    participants)."""
    named = named or {}
    docs_of: dict[str, set[str]] = {}
    for ev in events:
        for ent in named.get(ev.id, ev.entities):
            docs_of.setdefault(ent, set()).update(ev.sources)
    return {ent for ent, docs in docs_of.items() if len(docs) >= share * n_documents}


def story_parties(events: Sequence[Event], evidence_named: Mapping[str, Sequence[Collection[str]]],
                  n_documents: int, places: Collection[str] = frozenset(), share: float = PARTY_SHARE) -> set[str]:
    """The story's parties: the entities named in at least ``share`` of its ``n_documents``
    documents by their own sentences (``evidence_named``: the entities each evidence sentence of
    each event names), the ``places`` among them in :data:`PLACE_SHARE`. A sentence printed word for
    word on many pages counts for the first only (as in :func:`reports`): a sidebar beside every
    article of a story ("Giffords was shot in Tucson") does not make its people the story's."""
    first: dict[str, str] = {}
    docs_of: dict[str, set[str]] = {}
    for ev in events:
        for ev_named, e in zip(evidence_named.get(ev.id, ()), ev.evidence):
            key = " ".join(e.text.casefold().split())
            if first.setdefault(key, e.doc) != e.doc:
                continue
            for ent in ev_named:
                docs_of.setdefault(ent, set()).add(e.doc)
    return {ent for ent, docs in docs_of.items()
            if len(docs) >= (PLACE_SHARE if ent in places else share) * n_documents}


def tells_story(text: str, named: Collection[str], parties: Collection[str], words: frozenset[str] | None = None,
                outlets: Collection[str] = frozenset(), places: Collection[str] = frozenset()) -> bool:
    """Whether a sentence that ``named`` these entities is about the story: it names one of its
    ``parties``, or uses its ``words`` (:func:`story_words`: "a woman from Glasgow died of swine flu"
    names no one the flu story follows). A sentence that names no one is about the story only in its
    words ("Brent crude fell $4.10 a barrel" on a Syria page is not; "Thousands of protesters
    marched" on an Egypt page is); without story words (a small story) it is. The ``outlets`` it
    names are its sources, not parties, and a sentence naming only outlets is about them ("A version appeared on p15 of the
    Guardian"). A sidebar a news site prints beside every article of a story (Einstein's heirs
    suing over his image, a shooting in Tucson on an Egypt page) is not about the story.

    Where the sentence names people or organisations the story does not follow, a place of the
    story (``places``: the story's capital is named in every sidebar about it) does not make it the
    story's, and one of its words is not enough: "Washington intern Chandra Levy was killed", "A
    Wilkes-Barre jury ... in the trial of a former police chief" on pages about Egypt."""
    others = [x for x in named if x not in outlets]
    if named and not others:
        return False
    if not others:  # names no one: about the story only in the story's words
        return uses_story_words(text, words)
    strangers = any(x not in parties and x not in places for x in others)
    if any(x in parties and not (strangers and x in places) for x in others):
        return True
    return words is not None and uses_story_words(text, words, 2 if strangers else 1)


def told(ev: Event, evidence_named: Sequence[Collection[str]], parties: Collection[str],
         words: frozenset[str] | None = None, outlets: Collection[str] = frozenset(),
         done: Collection[tuple[str, int, int]] | None = None, apart: Collection[str] = frozenset(),
         times: Mapping[tuple[str, int, int], Collection[tuple[str, str]]] | None = None) -> list[int]:
    """Indices of the evidence sentences that can head ``ev`` on the key timeline: each states
    something (:func:`states`), is a whole sentence (:func:`cut_off`) and is about the story
    (:func:`tells_story`; ``evidence_named``: the entities each evidence sentence names,
    ``parties``: :func:`story_parties`). ``done``: the (document, start, end) spans of the mentions
    that say their act happened; when given, an event that happened is headed only by a sentence
    that says so ("Obama signed the bill on Friday", not "Obama is expected to sign it into law",
    which coreference joins to it as a report of the same act). ``apart``: documents whose sentences
    head nothing: schedules (:func:`schedule_page`) and pages about something else (:func:`off_story`).
    ``times``: the day ranges of the mentions each sentence (document, start, end) dates; a sentence
    whose every dated mention falls on another day than the event's heads nothing ("received 23
    wounded on Thursday" under an event of the Wednesday: a report coreference joined to it, not
    what happened that day)."""
    return [i for i, e in enumerate(ev.evidence)
            if e.doc not in apart and states(e.text) and not _piece(headline(" ".join(e.text.split())))
            and (done is None or ev.mood != "actual" or (e.doc, e.start, e.end) in done)
            and (times is None or _on_its_day(ev, times.get((e.doc, e.start, e.end), ())))
            and tells_story(e.text, evidence_named[i] if i < len(evidence_named) else (), parties, words, outlets)]


def _on_its_day(ev: Event, times: Collection[tuple[str, str]]) -> bool:
    """Whether a sentence whose mentions are dated ``times`` (ISO day ranges) can tell the event's
    day: it dates none, or one of its ranges meets the event's date (an undated event: any)."""
    if not times or not (ev.date.start and ev.date.end):
        return True
    return any(lo <= ev.date.end and ev.date.start <= hi for lo, hi in times)


# a sentence that stops on a word that needs what follows it, with no stop after it: a conjunction,
# a preposition, an article, "that", or a verb of saying after "and" or "but" without what was said
# ("Twitter said it was blocked for the second day on Wednesday but added"; not "..., the BBC said",
# whose stop a page may have lost): the splitter cut it before a quotation,
# a list or a line break, and what it says is told elsewhere
_DANGLING = re.compile(r"\b(?:(?:and|but)\s+(?:also\s+)?(?:added|said|says|told|warned|explained|announced)|"
                       r"and|but|or|nor|that|the|an?|of|to|for|with|by|from|than|adding|saying)\s*[:,;\u2014-]*$",
                       re.I)


def _piece(text: str) -> bool:
    """A piece of a sentence (:func:`~.summarize.cut_off`), one that opens inside a bracket
    (:func:`~.trim.opens_in_a_bracket`), one that stops on a word that needs what follows
    (:data:`_DANGLING`), or a stub of a few words (:func:`_stub`). Asked here of what may head a key event only: the summarizer's
    ``cut_off``, which the method route measures, is left as it is, and its trimming already cuts
    an open bracket's tail where enough of the sentence follows."""
    return cut_off(text) or opens_in_a_bracket(text) or bool(_DANGLING.search(text.rstrip())) or _stub(text)


STUB_WORDS = 5


def _stub(text: str) -> bool:
    """A few words that do not close as a sentence: a subheading or a caption's line ("Mubarak spoke
    Thursday", a key event of Egypt's 10 February whose other report quotes the White House on the
    night after the speech), fewer than :data:`STUB_WORDS` words without a full stop."""
    return len(text.split()) < STUB_WORDS and not SENTENCE_END.search(text)


def lead(ev: Event, heads: Sequence[int], fit: Mapping[str, tuple[int, float]]) -> int | None:
    """The index of the evidence sentence that heads a key event: the one that best says what the
    story says of its day (:func:`day_fit`), else (dated coarser than a day) its clearest mention
    (the event's summary: coreference's choice, the one that states its date) when that may head
    it (``heads``, :func:`told`), else its first sentence that may."""
    if ev.id in fit:
        return fit[ev.id][0]
    return next((i for i in heads if ev.summary in ev.evidence[i].text), heads[0] if heads else None)


def coverage_begins(published: Mapping[str, date] | None) -> date | None:
    """The day the story's coverage begins: where the earliest :data:`COVERAGE_QUANTILE` of its
    documents were published (one stray early article does not open it)."""
    days = sorted(d for d in (published or {}).values() if d)
    return days[int(COVERAGE_QUANTILE * len(days))] if days else None


def retold_background(events: Sequence[Event], published: Mapping[str, date] | None,
                      named: Mapping[str, Collection[str]] | None = None,
                      sentences: Sequence[DatedSentence] = (),
                      head_named: Mapping[str, Collection[str]] | None = None) -> dict[str, bool]:
    """For each event dated wholly before the story's coverage began: whether the story retells it
    (see :data:`BACKGROUND_REPORTS_SHARE`). Events inside the coverage are not in the result.
    ``named``: the entities each event's evidence names (else its participants); ``sentences``:
    the story's dated sentences (which documents name each day); ``head_named``: the entities
    named by the sentences that may head each event (:func:`told`): where given, the participant
    central to the story must be named there, not only somewhere in the event's evidence (leave
    out an event whose heads name no one: "The last pandemic was in 1968" is judged by ``named``)."""
    named = named or {}
    begins = coverage_begins(published)
    if begins is None:
        return {}
    days = [d for d in (published or {}).values() if d]
    lead_up, begins = (begins - LEAD_UP).isoformat(), begins.isoformat()
    n_docs = len(days)
    central = story_entities(events, named, n_docs, CENTRAL_SHARE)
    of_story = story_entities(events, named, n_docs)
    need = math.ceil(BACKGROUND_REPORTS_SHARE * n_docs)

    def is_central(ev: Event, among: set[str] = central) -> bool:
        told_by = head_named[ev.id] if head_named is not None and ev.id in head_named else named.get(ev.id, ev.entities)
        return any(ent in among for ent in told_by)

    citing: dict[date, set[str]] = {}
    for s in sentences:
        for d in s.mentions:
            if d.isoformat() < begins:
                citing.setdefault(d, set()).add(s.doc)
    out = {}
    for ev in events:
        last = ev.date.end or ev.date.start
        if not (ev.date.own and last and last[:10] < begins):  # ISO days compare as text
            continue
        if last[:10] >= lead_up:
            day = day_of(ev)
            out[ev.id] = reports(ev) >= need or (day is not None and len(citing.get(day, ())) >= need
                                                 and is_central(ev, of_story))
        else:
            out[ev.id] = reports(ev) >= need and is_central(ev)
    return out


SUPPORT_WEIGHT = 1.0


def salience(fit: float, ev: Event) -> float:
    """How much an event of a day matters to that day: its ``fit`` (:func:`day_fit`) grown by its
    separate reports (:func:`reports`) on a log scale, ``fit * (1 + ln(1 + reports))``; a fit below
    zero (nothing of it can head it) is left as it is. Fits a hair apart do not decide a day: on
    Egypt's 11 February, Obama's reaction (2 reports, fit 0.038) had led Mubarak's resignation
    (17 reports, fit 0.035), and a 12-entry timeline left the resignation out. Support alone (the
    most reported event first) scored lower on the 19 Timeline17 timelines (docs/tls.md), and so did
    a weight of 2 on the logarithm."""
    return fit * (1.0 + SUPPORT_WEIGHT * math.log1p(reports(ev))) if fit > 0 else fit


REPEATS_OVERLAP = 0.6  # of the shorter headline's content words
_REPORTING = frozenset("said says told tells reported reports according added adds".split())  # every report's
_CONTENT = re.compile(r"[^\W_](?:[\w'’.,-]*[^\W_])?")  # a word or a figure ("200,000", "7.0")
REPEATS_MIN_WORDS = 5


def content_words(text: str) -> frozenset[str]:
    """The words and figures of ``text`` that say what happened: lower-cased, no stop words, no single
    letters, no dates (every event of a day says "Thursday")."""
    stop = _stop_words()
    return frozenset(w for x in _CONTENT.findall(without_dates(text)) if not calendar_word(x)
                     and len(w := x.lower()) > 1 and w not in stop and w not in _REPORTING)


def repeats(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two headlines of one day tell the same thing: at least :data:`REPEATS_OVERLAP` of the shorter
    one's content words (:func:`content_words`, :data:`REPEATS_MIN_WORDS` or more) are the other's."""
    short = min(len(a), len(b))
    return short >= REPEATS_MIN_WORDS and len(a & b) >= REPEATS_OVERLAP * short


def once_a_day(members: Sequence[Event], shown: Mapping[str, str] | None = None) -> list[Event]:
    """A day's events in their order, those that repeat an event before them (:func:`repeats`, on
    what each shows: ``shown``, its headline, else its summary) moved after the others: "On Thursday, the UN held a memorial service in the
    Haitian capital" and "Several hundred UN employees ... attended the memorial service within the
    UN compound in the Haitian capital" are one memorial that coreference left as two events; the
    day's next entry should tell something else. Nothing is dropped: the register keeps both."""
    kept: list[Event] = []
    later: list[Event] = []
    said: list[frozenset[str]] = []
    for ev in members:
        words = content_words((shown or {}).get(ev.id) or ev.summary or "")
        (later if any(repeats(words, w) for w in said) else kept).append(ev)
        said.append(words)
    return kept + later


def key_ranking(
    events: Sequence[Event],
    sentences: Sequence[DatedSentence],
    *,
    model: DateModel | None = None,
    published: Mapping[str, date] | None = None,
    fit: Mapping[str, float] | None = None,
    named: Mapping[str, Collection[str]] | None = None,
    heads: Mapping[str, Sequence[int]] | None = None,
    evidence_named: Mapping[str, Sequence[Collection[str]]] | None = None,
    key_events: int = 0,
    shown: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Rank (1 = first) of every event that is a happening with a time of its own
    (:func:`happening`; ``published``: each document's publication day), and if it happened before
    the story's coverage, one the story retells (:func:`retold_background`), by the importance of its
    date among ``sentences`` (the story's dated sentences), breadth first over dates.

    Within a date, the event that best says what the story says of that day, as widely as it is
    reported, comes first: the highest :func:`salience` (its ``fit``, :func:`day_fit`, the score the
    summarizer would give its best sentence for that day, grown by its separate reports), then more
    separate reports, more evidence, a higher ``score``. Without ``fit`` (or for an event it does
    not score), support alone orders a date's events.

    ``heads``: for each event, the evidence sentences that may head it (:func:`told`); an event
    with none (everything said of it is furniture, or about people the story does not follow) is
    not ranked. Events missing from ``heads`` are not checked. ``evidence_named``: the entities
    each evidence sentence names; without ``named``, an event names its participants and those; the
    ones its heads name are what :func:`retold_background` asks of background.

    An event dated only to a week, a month or a year that reaches into the coverage ("last week",
    "in February" in a story followed day by day) comes after every day and every piece of
    background: the days already tell it more exactly.

    An event whose headline (``shown``: each event's, else its summary) repeats one before it on its
    day comes after the day's others (:func:`once_a_day`).

    ``key_events``: how many events the reader is shown; the first that many days are chosen to
    cover the story's span (:func:`storyline.tls.dates.spread_prefixes`), not only its busiest
    weeks, and so does each shorter run of them from the top."""
    day_score = dict(rank_dates(sentences, model=model)) if sentences else {}
    max_src = max((reports(ev) for ev in events), default=1) or 1
    head_named = None
    if evidence_named is not None:
        if named is None:
            named = {ev.id: set(ev.entities).union(*evidence_named.get(ev.id, ())) for ev in events}
        if heads is not None:
            head_named = {ev.id: hn for ev in events
                          if (hn := set().union(*(evidence_named[ev.id][i] for i in heads.get(ev.id, ()))))}
    background = retold_background(events, published, named, sentences, head_named)
    begins = coverage_begins(published)
    groups: dict[object, list[Event]] = {}
    for ev in events:
        if not happening(ev, published) or not background.get(ev.id, True):
            continue
        if heads is not None and ev.id in heads and not heads[ev.id]:
            continue
        day = day_of(ev)
        groups.setdefault(day if day is not None else ("coarse", ev.date.value), []).append(ev)

    def _within_date(ev: Event) -> tuple:
        scored = ev.id in (fit or {})
        return (not scored, -salience((fit or {}).get(ev.id, 0.0), ev), -reports(ev), -len(ev.evidence),
                -ev.score, ev.id)

    for members in groups.values():
        members.sort(key=_within_date)
        members[:] = once_a_day(members, shown)

    def group_score(key) -> float:
        if isinstance(key, date):
            return day_score.get(key, 0.0)
        return COARSE_WEIGHT * _support(groups[key][0], max_src)

    def vague(key) -> bool:  # dated coarser than a day, inside the coverage
        last = groups[key][0].date.end or groups[key][0].date.start or ""
        return not isinstance(key, date) and begins is not None and last[:10] >= begins.isoformat()

    order = sorted(groups, key=lambda g: (-group_score(g), _within_date(groups[g][0])))
    if key_events:  # the days' slots in the order, filled in the order that covers the story's span
        slots = [i for i, g in enumerate(order) if isinstance(g, date)]
        spread = spread_prefixes([(order[i], group_score(order[i])) for i in slots], key_events,
                                 coverage_span(published.values()) if published else None, monthly=True)
        for i, (d, _) in zip(slots, spread):
            order[i] = d
    ranks: dict[str, int] = {}
    for tier in ([g for g in order if not vague(g)], [g for g in order if vague(g)]):
        for depth in range(max((len(groups[g]) for g in tier), default=0)):
            for g in tier:
                if depth < len(groups[g]):
                    ranks[groups[g][depth].id] = len(ranks) + 1
    return ranks


def day_fit(events: Sequence[Event], sentences: Sequence[DatedSentence],
            params: SummaryParams = DEFAULT_PARAMS,
            heads: Mapping[str, Sequence[int]] | None = None) -> dict[str, tuple[int, float]]:
    """For each event dated to a day: the index in its ``evidence`` of the sentence the summarizer
    (:mod:`storyline.tls.summarize`) would pick for that day, the choice made among the event's own
    evidence, and that sentence's score (how well the event says what the story says of its day).

    The day's candidates are the summarizer's (:func:`day_candidates`: the story's sentences that name
    the day, and the lead sentences of the articles published on it or the day after); its centroid
    is the mean of the two kinds' means, so each kind counts once. Evidence sentences are scored by
    their TF-IDF cosine to it, less ``params.length_penalty`` per token of the :func:`headline` past
    ``params.target_tokens``; what does not state (:func:`states`), is a piece of a sentence
    (:func:`cut_off`), opens with a pronoun (:func:`~.summarize.anaphoric`: "He was the
    administrator of a Facebook page" leaves the reader asking who) or, with ``heads``
    (:func:`told`), may not head the event only when nothing else is left.
    """
    from sklearn.preprocessing import normalize

    days = {ev.id: d for ev in events if ev.evidence and (d := day_of(ev)) is not None}
    fitted = fit_vectors(sentences) if days and sentences else None
    if fitted is None:
        return {}
    vec, X = fitted
    named, first, _ = day_candidates(sentences, params)
    centroids: dict[date, np.ndarray] = {}
    for d in set(days.values()):
        parts = [np.asarray(X[rows].mean(axis=0)).ravel() for rows in (named.get(d), first.get(d)) if rows]
        if parts:
            centroids[d] = np.mean(parts, axis=0)
    out: dict[str, tuple[int, float]] = {}
    for ev in events:
        d = days.get(ev.id)
        if d not in centroids:
            continue
        shown = [headline(" ".join(e.text.split())) for e in ev.evidence]
        sims = normalize(vec.transform(shown)) @ centroids[d]
        may_head = set(heads[ev.id]) if heads is not None and ev.id in heads else None

        def last_resort(i: int, t: str) -> bool:  # heads only when nothing else of the event can
            return cut_off(t) or anaphoric(t) or (i not in may_head if may_head is not None else not states(t))

        score = [float(sims[i]) - params.length_penalty * max(0, len(t.split()) - params.target_tokens)
                 - (2.0 if last_resort(i, t) else 0.0) for i, t in enumerate(shown)]
        best = max(range(len(shown)), key=lambda i: (score[i], -i))
        out[ev.id] = (best, score[best])
    return out
