"""Timeline summarization: which dates matter, and which sentences say what happened on them.

Two steps, both general for any news collection (Timeline17 and a dossier alike):

1. **Date ranking** (:func:`rank_dates`). Every day a sentence's time expression points at, and
   every publication day, is a candidate. A date is important when many *different* articles
   refer to it, especially articles published *later* (a date still cited weeks after is an
   event; a date only its own-day stories mention is news flow), when articles cluster on and
   just after it, and when the sentences that cite it are on the story's keywords. These counts
   are turned into features (:data:`FEATURES`) and scored by a weighted sum whose weights were
   chosen on Timeline17 (:mod:`storyline.tls.weights`; leave-one-topic-out in the evaluation);
   the features are normalised within the collection, so the weights transfer across sizes.
2. **Per-date summaries** (:func:`summarize`). For each chosen date the candidates are the
   sentences that mention the date plus the lead sentences of articles published that day or
   the day after (DATEWISE's "PM" candidate set). Sentences are TF-IDF vectors; the summary is
   picked greedily to be close to the date's centroid and to the story's keywords, with a
   redundancy cut (MMR) against what is already in the timeline.

Input is a sequence of :class:`DatedSentence`: text, document id, position, publication date
and the days its time expressions resolve to (see :func:`sentences_from_document`, which runs
:func:`storyline.timex.tag`). Output is a list of :class:`TimelineEntry`.

The dossier's timeline uses the same ranking to order and thin its events: :func:`rank_events`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ConfigError
from . import weights as _weights

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Event, TimeExpr

__all__ = [
    "DatedSentence", "TimelineEntry", "FEATURES", "DateModel", "date_features", "rank_dates",
    "summarize", "rank_events", "day_mentions", "sentences_from_document",
]

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DatedSentence:
    """One sentence with its document's publication date and the days it refers to.

    ``mentions`` holds the single days (``start_date == end_date``) of the sentence's time
    expressions; month or year references are too coarse to date an event and are left out.
    ``start``/``end`` are character offsets into the document text (-1 when unknown).
    """

    doc: str
    index: int
    text: str
    published: date
    mentions: tuple[date, ...] = ()
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class TimelineEntry:
    """One timeline date: its importance score and the chosen sentences."""

    date: date
    sentences: tuple[DatedSentence, ...]
    score: float = 0.0

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]


# ----------------------------------------------------------------------------- time expressions

def day_mentions(timexes: Iterable[TimeExpr]) -> tuple[date, ...]:
    """The distinct single days a sentence's time expressions resolve to, in text order."""
    out: list[date] = []
    for t in timexes:
        if t.type not in ("DATE", "TIME") or not t.start_date or t.start_date != t.end_date:
            continue
        if t.mod and t.mod not in ("APPROX", "EQUAL_OR_LESS", "EQUAL_OR_MORE"):
            continue  # "before May 3" does not date an event on May 3
        try:
            d = date.fromisoformat(t.start_date)
        except ValueError:
            continue
        if d not in out:
            out.append(d)
    return tuple(out)


def sentences_from_document(
    doc: str,
    text: str,
    spans: Sequence[tuple[int, int]],
    published: date,
    timexes: Sequence[TimeExpr] | None = None,
) -> list[DatedSentence]:
    """Split a tagged document into :class:`DatedSentence` records.

    ``spans`` are the sentences' character offsets in ``text``; ``timexes`` the document's time
    expressions (``None``: run :func:`storyline.timex.tag` with ``published`` as the DCT).
    """
    if timexes is None:
        from .. import timex

        timexes = timex.tag(text, published, doc_id=doc)
    by_sentence: dict[int, list] = defaultdict(list)
    starts = [s for s, _ in spans]
    for t in timexes:
        # sentence whose span contains the expression's start
        lo, hi = 0, len(spans) - 1
        idx = -1
        while lo <= hi:
            mid = (lo + hi) // 2
            if starts[mid] <= t.start:
                idx, lo = mid, mid + 1
            else:
                hi = mid - 1
        if idx >= 0 and t.start < spans[idx][1]:
            by_sentence[idx].append(t)
    return [
        DatedSentence(doc=doc, index=i, text=text[s:e], published=published,
                      mentions=day_mentions(by_sentence.get(i, ())), start=s, end=e)
        for i, (s, e) in enumerate(spans)
    ]


# ----------------------------------------------------------------------------- date ranking

FEATURES: tuple[str, ...] = (
    "sent_mentions",      # sentences that mention the date
    "doc_mentions",       # distinct documents that mention it
    "docs_after",         # ... published after the date (retrospective references)
    "docs_before",        # ... published before it (announcements, schedules)
    "docs_same_day",      # ... published on the date itself
    "far_after",          # ... published more than a week after the date
    "kw_mentions",        # mentioning sentences that contain a story keyword
    "lead_mentions",      # mentioning sentences among the first three of their article
    "pub_same",           # documents published on the date
    "pub_next",           # documents published the day after
    "pub_window",         # documents published within +-3 days
    "neighbour_mentions", # documents that mention a day within +-2 days
)


@dataclass(frozen=True)
class DateModel:
    """Weights over :data:`FEATURES` (log counts divided by the collection maximum, so in [0, 1]).

    ``link="linear"``: the score is the weighted mean ``X @ coef / sum(|coef|)`` (in [0, 1] for
    non-negative weights); ``link="logistic"``: ``sigmoid(X @ coef + intercept)``.
    """

    coef: tuple[float, ...]
    intercept: float = 0.0
    name: str = "custom"
    link: str = "linear"

    def __post_init__(self):
        if len(self.coef) != len(FEATURES):
            raise ConfigError(f"date model needs {len(FEATURES)} weights, got {len(self.coef)}")
        if self.link not in ("linear", "logistic"):
            raise ConfigError(f"date model link must be 'linear' or 'logistic', not {self.link!r}")
        if not any(self.coef):
            raise ConfigError("date model needs at least one non-zero weight")

    def score(self, X: np.ndarray) -> np.ndarray:
        w = np.asarray(self.coef, dtype=float)
        if self.link == "logistic":
            return 1.0 / (1.0 + np.exp(-(X @ w + self.intercept)))
        return (X @ w + self.intercept) / float(np.abs(w).sum())


def default_model() -> DateModel:
    """The packaged model: trained on all of Timeline17 (see ``storyline.evaluate.tls.train``)."""
    return DateModel(tuple(_weights.COEF), _weights.INTERCEPT, _weights.NAME, "linear")


def _in_range(d: date, start: date | None, end: date | None) -> bool:
    return (start is None or d >= start) and (end is None or d <= end)


def _keyword_re(keywords: Sequence[str] | None) -> re.Pattern | None:
    kws = [k.strip().lower() for k in keywords or () if k and k.strip()]
    if not kws:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in kws) + r")", re.I)


def date_features(
    sentences: Sequence[DatedSentence],
    *,
    keywords: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[list[date], np.ndarray]:
    """Candidate dates in [start, end] and their feature matrix (rows follow :data:`FEATURES`).

    Counts are ``log1p``-scaled and divided by the column maximum within the collection.
    """
    kw = _keyword_re(keywords)
    sent_m: Counter = Counter()
    kw_m: Counter = Counter()
    lead_m: Counter = Counter()
    doc_dates: dict[str, set[date]] = defaultdict(set)
    doc_pub: dict[str, date] = {}
    for s in sentences:
        doc_pub.setdefault(s.doc, s.published)
        if not s.mentions:
            continue
        has_kw = bool(kw.search(s.text)) if kw else True
        for d in s.mentions:
            if not _in_range(d, start, end):
                continue
            sent_m[d] += 1
            kw_m[d] += has_kw
            lead_m[d] += s.index < 3
            doc_dates[s.doc].add(d)
    doc_m: Counter = Counter()
    after: Counter = Counter()
    before: Counter = Counter()
    same: Counter = Counter()
    far: Counter = Counter()
    for doc, ds in doc_dates.items():
        pub = doc_pub[doc]
        for d in ds:
            doc_m[d] += 1
            if pub > d:
                after[d] += 1
                far[d] += (pub - d).days > 7
            elif pub < d:
                before[d] += 1
            else:
                same[d] += 1
    pub_count = Counter(p for p in doc_pub.values())
    candidates = set(sent_m) | {p for p in pub_count if _in_range(p, start, end)}
    dates = sorted(candidates)
    rows = []
    for d in dates:
        window = sum(pub_count.get(d + k * ONE_DAY, 0) for k in range(-3, 4))
        neigh = sum(doc_m.get(d + k * ONE_DAY, 0) for k in (-2, -1, 1, 2))
        rows.append([
            sent_m[d], doc_m[d], after[d], before[d], same[d], far[d], kw_m[d], lead_m[d],
            pub_count.get(d, 0), pub_count.get(d + ONE_DAY, 0), window, neigh,
        ])
    X = np.log1p(np.asarray(rows, dtype=float)) if rows else np.zeros((0, len(FEATURES)))
    if len(X):
        mx = X.max(axis=0)
        X = X / np.where(mx > 0, mx, 1.0)
    return dates, X


def rank_dates(
    sentences: Sequence[DatedSentence],
    *,
    keywords: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    model: DateModel | None = None,
) -> list[tuple[date, float]]:
    """Candidate dates with their importance (0..1), most important first (ties: earlier first)."""
    dates, X = date_features(sentences, keywords=keywords, start=start, end=end)
    if not dates:
        return []
    scores = (model or default_model()).score(X)
    order = sorted(range(len(dates)), key=lambda i: (-scores[i], dates[i]))
    return [(dates[i], float(scores[i])) for i in order]


# ----------------------------------------------------------------------------- per-date summaries

MIN_TOKENS = 5
MAX_TOKENS = 60
LEAD_SENTENCES = 5        # lead sentences of same/next-day articles that join a date's candidates
MAX_SIMILARITY = 0.5      # cosine above which a sentence repeats one already in the timeline
KEYWORD_BONUS = 0.1       # added to the centroid similarity of sentences on the story's keywords
MENTION_BONUS = 0.05      # ... and of sentences that name the date themselves
LENGTH_PENALTY = 0.005    # subtracted per token beyond TARGET_TOKENS (reference sentences are short)
TARGET_TOKENS = 25


def _candidates(sentences: Sequence[DatedSentence]) -> tuple[dict[date, list[int]], dict[date, list[int]]]:
    ment: dict[date, list[int]] = defaultdict(list)
    pub: dict[date, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        if s.mentions:
            for d in s.mentions:
                ment[d].append(i)
        elif s.index < LEAD_SENTENCES:
            pub[s.published].append(i)
            pub[s.published - ONE_DAY].append(i)
    return ment, pub


def _usable(text: str) -> bool:
    n = len(text.split())
    return MIN_TOKENS <= n <= MAX_TOKENS


def summarize(
    sentences: Sequence[DatedSentence],
    l: int,
    k: int,
    *,
    keywords: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    model: DateModel | None = None,
) -> list[TimelineEntry]:
    """A timeline of at most ``l`` dates with at most ``k`` sentences each, in date order.

    ``keywords`` focus the timeline (sentences must contain one when any candidate does);
    ``start``/``end`` bound the dates. Sentences are picked from ``sentences`` verbatim.
    """
    if l < 0 or k < 0:
        raise ConfigError(f"l and k must be >= 0 (got l={l}, k={k})")
    if not sentences or l == 0 or k == 0:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    ranked = rank_dates(sentences, keywords=keywords, start=start, end=end, model=model)
    kw = _keyword_re(keywords)
    texts = [s.text for s in sentences]
    vec = TfidfVectorizer(stop_words="english", lowercase=True, sublinear_tf=True, min_df=1)
    try:
        X = vec.fit_transform(texts)
    except ValueError:  # only stop words
        return []
    X = normalize(X).tocsr()
    ment, pub = _candidates(sentences)
    has_kw = np.array([bool(kw.search(t)) if kw else True for t in texts])
    usable = np.array([_usable(t) for t in texts])
    chosen_rows: list[int] = []
    seen_text: set[str] = set()
    entries: list[TimelineEntry] = []
    for d, score in ranked:
        if len(entries) >= l:
            break
        idx = list(dict.fromkeys(ment.get(d, []) + pub.get(d, [])))
        if not idx:
            continue
        idx_arr = np.asarray(idx)
        centroid = np.asarray(X[idx_arr].mean(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        if norm == 0:
            continue
        centroid /= norm
        sims = X[idx_arr] @ centroid
        pool = [j for j, i in enumerate(idx) if usable[i]]
        if kw is not None:
            focused = [j for j in pool if has_kw[idx[j]]]
            pool = focused or []
        if not pool:
            continue
        mentions_d = np.array([d in sentences[i].mentions for i in idx])
        over = np.array([max(0, len(texts[i].split()) - TARGET_TOKENS) for i in idx])
        gain = sims + KEYWORD_BONUS * has_kw[idx_arr] + MENTION_BONUS * mentions_d - LENGTH_PENALTY * over
        picked: list[int] = []
        for j in sorted(pool, key=lambda j: (-gain[j], idx[j])):
            if len(picked) >= k:
                break
            i = idx[j]
            key = " ".join(texts[i].lower().split())
            if key in seen_text:
                continue
            rows = chosen_rows + picked
            if rows and float((X[rows] @ X[i].T).max()) > MAX_SIMILARITY:
                continue
            picked.append(i)
            seen_text.add(key)
        if picked:
            chosen_rows.extend(picked)
            entries.append(TimelineEntry(d, tuple(sentences[i] for i in picked), score))
    entries.sort(key=lambda e: e.date)
    return entries


# ----------------------------------------------------------------------------- dossier events

def _event_day(event: Event) -> date | None:
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
    days: dict[str, date | None] = {ev.id: _event_day(ev) for ev in events}
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
    return sorted(scored, key=lambda x: (-x[1], _event_day(x[0]) or date.max, x[0].id))
