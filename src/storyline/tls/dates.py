"""Date ranking: which days of a story matter (:func:`rank_dates`).

Every day a sentence's time expression points at, and every publication day, is a candidate. Its
counts (:data:`FEATURES`: how many different articles refer to it, how much later, how many
articles cluster on and just after it, how many citing sentences are on the story's keywords) are
log-scaled, normalised within the collection and scored by a :class:`DateModel` (the packaged
weights are :mod:`storyline.tls.weights`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from ..errors import ConfigError
from . import weights as _weights
from .sentences import DatedSentence, keyword_pattern

ONE_DAY = timedelta(days=1)


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
    kw = keyword_pattern(keywords)
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


# Temporal coverage: a long story's timeline is not one burst. The story's span (its coverage's
# publication days without stray pages, :func:`coverage_span`; without them, the best
# SPREAD_POOL x l candidate dates') is cut into periods: l x SPREAD_PERIODS of them, or one a year
# in a story of years, at most l x SPREAD_MAX_PERIODS. Periods shorter than SPREAD_MIN_DAYS (a story of
# weeks) leave the ranking to its bursts, or (``monthly``, the key-event timeline) become the calendar
# months where the span holds two months or more. A period with no chosen date takes its best date among
# those candidates if that scores at least SPREAD_SHARE of the l-th chosen date's score, in place of
# the weakest date of a period that holds several. (Periods of l/2 cost the one Timeline17 story of
# years, MJ 2009-2011, 0.029 AR1-F: its reference is a burst too; l/4 leave it unchanged.)
SPREAD_POOL = 3
SPREAD_PERIODS = 0.25
SPREAD_MAX_PERIODS = 0.5
SPREAD_MIN_DAYS = 30
SPREAD_SHARE = 0.5
# Stray pages: at most SPREAD_TRIM of the pages at each end are set aside, and only those cut off from
# the rest by a stretch with no page longer than STRAY_GAP_SHARE of the span that is left (a page
# published months after the story's last week, an old page the crawl picked up). Until 2026-12-06 the
# earliest and latest 5 % were set aside whatever their days: that cut a war's last two months,
# where the pages thin out but never stop (Libya, 38 of 773 pages: the capture of Sirte and the
# death of Gaddafi).
SPREAD_TRIM = 0.05
STRAY_GAP_SHARE = 0.1


def coverage_span(published: Iterable[date]) -> tuple[date, date] | None:
    """The days a story's coverage runs over: its documents' publication days, without stray pages
    at either end (:data:`STRAY_GAP_SHARE`, at most :data:`SPREAD_TRIM` of them at each end)."""
    days = sorted(published)
    if not days:
        return None
    most = int(len(days) * SPREAD_TRIM)
    lo, hi = 0, len(days) - 1
    # the innermost cut that qualifies: two stray pages of one day go together
    for cut in range(1, most + 1):
        if (days[cut] - days[cut - 1]).days > STRAY_GAP_SHARE * (days[hi] - days[cut]).days:
            lo = cut
    for cut in range(1, most + 1):
        end = len(days) - 1 - cut
        if (days[end + 1] - days[end]).days > STRAY_GAP_SHARE * (days[end] - days[lo]).days:
            hi = end
    return days[lo], days[hi]


def spread_prefixes(ranked: Sequence[tuple[date, float]], l: int,
                    span: tuple[date, date] | None = None, *, monthly: bool = False) -> list[tuple[date, float]]:
    """:func:`spread_dates` for ``l``, its first ``l`` dates ordered so that each shorter run of them
    from the top is itself spread over the span: the first ``m`` are what :func:`spread_dates` keeps
    of the first ``m + 1`` for ``m`` dates. A reader who asks for fewer entries than the key timeline
    holds (``--limit``) gets the story's span in fewer dates, not its busiest weeks: Libya's first 28
    key days were all before April of a war that ran to October."""
    spread = spread_dates(ranked, l, span, monthly=monthly)
    chosen, rest = spread[:l], spread[l:]
    dropped: list[tuple[date, float]] = []
    for m in range(len(chosen) - 1, 1, -1):
        kept = spread_dates(chosen, m, span, monthly=monthly)[:m]
        keep = {d for d, _ in kept}
        dropped.extend(x for x in chosen if x[0] not in keep)
        chosen = kept
    return chosen + dropped[::-1] + rest


def spread_dates(ranked: Sequence[tuple[date, float]], l: int,
                 span: tuple[date, date] | None = None, *, monthly: bool = False) -> list[tuple[date, float]]:
    """``ranked`` (most important first, as :func:`rank_dates` gives it) reordered so that its first
    ``l`` dates cover the story's span (``span``, first and last day; :data:`SPREAD_PERIODS` and the
    rest): the dates chosen, most important first, then the others in their order. Scores are
    unchanged. Written here because no timeline library selects dates for coverage (tilse scores
    timelines; news-tls ranks dates by counts or a classifier, with no coverage term).

    ``monthly``: periods shorter than :data:`SPREAD_MIN_DAYS` become the calendar months instead of
    leaving the ranking as it is (when the span holds two months' days or more). The key-event
    timeline asks for it: its reader-sized count (46 entries for 300 articles) over a story of a few
    months gives periods of days, and Libya's 54 key events had nothing after August. Calendar
    months, not stretches of 30 days from the first page: a reader counts a war's months as
    September and October (Libya's stretch from 21 August to 20 September held the fall of Tripoli,
    so September took no date). The summarizer's dates (the method route, ``l`` from a reference) keep
    the plain rule: there the monthly periods cost the 19 timelines 0.0002 AR2-F (LOTO 0.13125 /
    0.0429 / 0.5618 against 0.1312 / 0.0431 / 0.5616)."""
    ranked = list(ranked)
    if l < 2 or len(ranked) <= l:
        return ranked
    pool = ranked[: SPREAD_POOL * l]
    # the story's span: its coverage (:func:`coverage_span`) where known, else its candidates'; the
    # background it cites ("the 1989 Exxon Valdez spill") is no period of it
    lo, hi = span or coverage_span(d for d, _ in pool)
    span_days = (hi - lo).days + 1
    # a quarter of l periods, or one a year in a story of years, at most half of l
    periods = min(math.ceil(l * SPREAD_MAX_PERIODS), max(math.ceil(l * SPREAD_PERIODS), math.ceil(span_days / 365)))
    width = span_days / max(periods, 1)
    calendar = monthly and width < SPREAD_MIN_DAYS and span_days >= 2 * SPREAD_MIN_DAYS
    if calendar:  # many dates over a few months: a period a month
        periods = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    chosen = ranked[:l]
    floor = SPREAD_SHARE * chosen[-1][1]
    if periods < 2 or (width < SPREAD_MIN_DAYS and not calendar) or floor <= 0:
        return ranked  # a story of weeks, or no score to weigh a period's best date by

    def period(d: date) -> int | None:  # a date outside the span (background) is in no period
        if not lo <= d <= hi:
            return None
        if calendar:
            return (d.year - lo.year) * 12 + d.month - lo.month
        return min(periods - 1, int((d - lo).days // width))

    best: dict[int, tuple[date, float]] = {}
    for d, score in pool[l:]:
        if score >= floor and period(d) is not None:
            best.setdefault(period(d), (d, score))  # pool is in score order: the first is the best
    swapped = False
    for p, (d, score) in sorted(best.items(), key=lambda x: (-x[1][1], x[1][0])):
        held = Counter(period(c) for c, _ in chosen)
        if held[p]:
            continue
        crowded = [i for i, (c, _) in enumerate(chosen) if period(c) is not None and held[period(c)] > 1]
        if not crowded:
            break
        weakest = min(crowded, key=lambda i: (chosen[i][1], chosen[i][0]))
        chosen[weakest] = (d, score)
        swapped = True
    if not swapped:
        return ranked
    order = {d: i for i, (d, _) in enumerate(ranked)}
    chosen.sort(key=lambda x: order[x[0]])  # the ranking's own order, ties as it broke them
    taken = {d for d, _ in chosen}
    return chosen + [(d, s) for d, s in ranked if d not in taken]
