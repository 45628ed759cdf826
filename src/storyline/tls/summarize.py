"""Per-date summaries: which sentences say what happened on each chosen day (:func:`summarize`).

For each date the candidates are the sentences that mention it plus the lead sentences of articles
published that day or the day after, narrowed to those above the knee of their similarity to what
the mentions and the first reports share; page furniture is left out. Sentences are TF-IDF
vectors; the summary is picked greedily close to the date's centroid and on the story's keywords,
with a redundancy cut against what is already in the timeline, then trimmed
(:mod:`storyline.tls.trim`). The constants are :class:`SummaryParams`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..annotate.textcache import by_text
from ..errors import ConfigError
from .dates import ONE_DAY, DateModel, coverage_span, rank_dates, spread_dates
from .features import candidate_features
from .sentences import DatedSentence, TimelineEntry, keyword_pattern
from .trim import RULES as TRIM_RULES
from .trim import trim_sentences, trim_span

CENTROIDS = ("all", "sources", "keyword")


@dataclass(frozen=True)
class SummaryParams:
    """Constants of the per-date summarizer (:func:`summarize`).

    The defaults are the values chosen on Timeline17 (see docs/tls.md for which were chosen
    leave-one-topic-out and which by hand); every field is general for any news collection.
    """

    min_tokens: int = 5           # shorter sentences are fragments (datelines, captions)
    max_tokens: int = 60          # longer ones are run-ons or lists
    lead: int = 5                 # lead sentences of same/next-day articles that join a date's candidates
    pub_days: int = 1             # ... of articles published up to this many days after the date
    fallback_days: int = 2        # a day with no usable candidate tries lead sentences up to this many days later
    max_similarity: float = 0.5   # cosine above which a sentence repeats one already in the timeline
    keyword_bonus: float = 0.1    # added to the centroid similarity of sentences on the story's keywords
    mention_bonus: float = 0.0    # ... and of sentences that name the date themselves
    length_penalty: float = 0.005 # subtracted per token beyond target_tokens (reference sentences are short)
    target_tokens: int = 25
    recent_bonus: float = 0.0     # ... added for sentences published on the date or within recent_days after it
    recent_days: int = 2          #     (first reports say what happened; later ones add background)
    drop_quotes: bool = False     # leave out sentences with quotation marks (opinion, not event)
    drop_boilerplate: bool = True   # leave out questions, reader comments, photo credits and captions, web
    #                               datelines, cut-off teasers, titles
    centroid: str = "sources"     # what a day's sentences are scored against: "all" candidates' mean;
    #                               "sources": the mean of two means, the sentences naming the day and the
    #                               first reports published on it (each kind of evidence counts once, however
    #                               many sentences it has); "keyword": the mean of those on the story's keywords
    knee: bool = True             # keep only candidates above the knee of their similarity to the
    #                               terms shared by the mention and publication sets (DATEWISE's PM-Mean)
    objective: str = "sentence"   # "sentence": rank by own centroid similarity; "summary": CentroidOpt
    #                               (greedily add the sentence that makes the summary closest to the centroid)
    trim: tuple[str, ...] = ("dateline", "attribution", "adverbial", "furniture", "runon")
    #                               cut these (tls.trim.RULES) off the chosen sentences: a substring
    #                               with its offsets, never rewritten text
    trimmed_length: bool = True   # the length penalty counts the trimmed sentence (else the choice ignores trimming)
    drop_anaphora: bool = False   # leave out sentences opening with a pronoun ("He said", "They") that
    #                               needs the previous sentence to be understood
    drop_fragments: bool = True   # leave out pieces of a statement: unbalanced quotation marks (part of a
    #                               quote) and transcript turns ("BLITZER: ...")
    scorer: object = None         # a learned sentence scorer (tls.scorer.SentenceScorer): its prediction
    #                               replaces the centroid score (None: centroid similarity + bonuses)
    scorer_mix: float = 1.0       # gain = mix * prediction + (1 - mix) * (centroid similarity + bonuses)
    keep_days: bool = True        # a day whose every candidate repeats the timeline keeps its best one that is
    #                               not a verbatim repeat (else the day drops out and the next ranked day stands in)

    def __post_init__(self):
        if self.centroid not in CENTROIDS:
            raise ConfigError(f"centroid must be one of {', '.join(CENTROIDS)}, not {self.centroid!r}")
        if self.objective not in ("sentence", "summary"):
            raise ConfigError(f"objective must be 'sentence' or 'summary', not {self.objective!r}")
        if set(self.trim) - set(TRIM_RULES):
            raise ConfigError(f"unknown trim rules {sorted(set(self.trim) - set(TRIM_RULES))} "
                              f"(known: {', '.join(TRIM_RULES)})")
        if self.min_tokens > self.max_tokens or self.lead < 0 or self.pub_days < 0 or self.fallback_days < 0:
            raise ConfigError(f"inconsistent summary parameters: {self}")


DEFAULT_PARAMS = SummaryParams()

_QUOTE = re.compile(r"``|''|[\"\u201c\u201d]")
# Page furniture that news scraped from the web carries into its sentences; none of it states an
# event: questions (headlines, FAQ boxes, reader comments), "<name> wrote:" reader comments,
# photo/picture credits, "CITY | Wed Jun 2, 2010 2:39 pm EDT" page datelines, photo captions in the
# agencies' style (ending ", Tuesday, July 20, 2010." or "..., 2008, in Washington.") and teasers cut
# short ("... was caused by a failure of its cementi ... Coast Guard rescue"); titles (:func:`_heading`).
_BOILERPLATE = re.compile(
    r"\?\s*(?:''|\"|\u201d)?\s*$"
    r"|\bwrote\s*:"
    r"|^\s*(?:photograph|photo|picture|image)s?\s*:"
    r"|\|"
    r"|,\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*,\s*[A-Z][a-z]+\.?\s+\d{1,2}\s*,\s*\d{4}"
    r"\s*(?:,\s*in\s+[^,.]{1,40})?\s*\.?\s*$"
    r"|(?-i:\w \.\.\. [A-Z])",
    re.IGNORECASE,
)


def day_candidates(
    sentences: Sequence[DatedSentence], params: SummaryParams = DEFAULT_PARAMS
) -> tuple[dict[date, list[int]], dict[date, list[int]], dict[date, list[int]]]:
    """Per day: sentences that mention it; lead sentences (no day of their own) published on it or
    up to ``pub_days`` after; the same up to ``fallback_days`` after."""
    ment: dict[date, list[int]] = defaultdict(list)
    pub: dict[date, list[int]] = defaultdict(list)
    wide: dict[date, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        if s.mentions:
            for d in s.mentions:
                ment[d].append(i)
        elif s.index < params.lead:
            for back in range(max(params.pub_days, params.fallback_days) + 1):
                if back <= params.pub_days:
                    pub[s.published - back * ONE_DAY].append(i)
                if back <= params.fallback_days:
                    wide[s.published - back * ONE_DAY].append(i)
    return ment, pub, wide


_SPEAKER_TURN = re.compile(r"^\s*(?!(?:NEW|UPDATED?|BREAKING|EXCLUSIVE|ANALYSIS)\b)[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,2}\s*(?:,[^:]{0,60})?:\s")


# "It is", "It was", "It's" open a sentence with a dummy subject ("It was announced that ..."); "This
# was", "That is" point back like any other pronoun ("This was before the announcement that ...")
_ANAPHORA = re.compile(r"\s*(?:``\s*|\"\s*)?(?:He|She|They|This|That|These|Those|His|Her|Its|Their|It\b(?!\s*(?:'s|is|was)\b))\b")


def anaphoric(text: str) -> bool:
    """A sentence opening with a pronoun ("It sank two days later", "That pandemic killed ..."): its
    subject stands for something said before it (the ``drop_anaphora`` rule)."""
    return bool(_ANAPHORA.match(text))


def _fragment(text: str) -> bool:
    """True for a piece of a statement: a sentence that opens or closes a quotation it does not
    also close or open, or a transcript turn (``BLITZER: ...``, ``ZAKARIA, HOST: ...``)."""
    if text.count("``") != text.count("''") or text.count("\u201c") != text.count("\u201d"):
        return True
    return text.count('"') % 2 == 1 or bool(_SPEAKER_TURN.match(text))


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _heading(text: str) -> bool:
    """A title, not a sentence: no closing punctuation, and at least three of every four words of
    four letters or more capitalised ("Financial Frictions between Microsoft and OpenAI")."""
    if re.search(r"[.!?:;,\"'”’)]\s*$", text):
        return False
    long_words = [w for w in _WORD.findall(text) if len(w) >= 4]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)


_QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"|``.*?''")
# I, me, my, we, us, our as words; "I'm", "we've", "I'd" too (not "US" or "I-95"); and a reader's
# lower-case "i" between spaces
_FIRST_PERSON = re.compile(r"(?<![\w'\u2019])(?:I|[Mm]e|[Mm]y|[Mm]yself|[Ww]e|[Uu]s|[Oo]ur)"
                           r"(?:(?=['\u2019](?:m|ve|d|ll|re)\b)|(?![\w'\u2019-]))|(?:(?<=\s)|^)i(?=\s)")


_CUT = re.compile(r"^\s*(?:[a-z]|[-\u2013\u2014,;)]|\S*\s*-RRB-)|(?:\.\.\.|\u2026)\s*$")


@by_text
def cut_off(text: str) -> bool:
    """A piece of a sentence: one that starts in the middle ("both have recovered , U.S. health
    officials said"), after a closing bracket ("OL -RRB- sank 14 percent"), or trails off in an
    ellipsis (a teaser's "Provided Advance Warning of Mexican H1N1 ` Swine ...")."""
    return bool(_CUT.search(text))


@by_text
def first_person(text: str) -> bool:
    """A sentence in the first person outside quotation marks ("Yesterday I was watching TV"): a
    reader's comment, a column or a fragment of speech, not a report of what happened."""
    return bool(_FIRST_PERSON.search(_QUOTED.sub(" ", text)))



@by_text
def furniture(text: str) -> bool:
    """Not a statement of what happened: a question, a reader comment, a credit or caption, a web
    dateline, a cut-off teaser, a title, or a piece of a quotation (what the summarizer's
    ``drop_boilerplate`` and ``drop_fragments`` leave out)."""
    return bool(_BOILERPLATE.search(text) or _heading(text) or _fragment(text))


def _usable(text: str, params: SummaryParams) -> bool:
    n = len(text.split())
    if not params.min_tokens <= n <= params.max_tokens:
        return False
    if params.drop_boilerplate and (_BOILERPLATE.search(text) or _heading(text)):
        return False
    if params.drop_fragments and _fragment(text):
        return False
    if params.drop_anaphora and anaphoric(text):
        return False
    return not (params.drop_quotes and _QUOTE.search(text))


def knee_index(values: Sequence[float]) -> int:
    """Index of the knee of a descending curve: the point farthest from the chord first→last.

    The usual geometric knee (Kneedle-style without smoothing); a few lines of numpy, so no
    dependency for it.
    """
    y = np.asarray(values, dtype=float)
    n = len(y)
    if n < 3:
        return n - 1 if n else 0
    x = np.arange(n, dtype=float)
    line = np.array([x[-1] - x[0], y[-1] - y[0]])
    norm = np.linalg.norm(line)
    if norm == 0:
        return n - 1
    line /= norm
    vx, vy = x - x[0], y - y[0]
    along = vx * line[0] + vy * line[1]
    dist = np.hypot(vx - along * line[0], vy - along * line[1])
    return int(np.argmax(dist))


def _knee_filter(X, ment_idx: Sequence[int], pub_idx: Sequence[int]) -> list[int]:
    """Candidates close to what the day's mentions *and* its first reports share.

    The date's profile keeps the terms present in both the mention set and the publication
    set (mean of each); candidates whose cosine to it lies above the knee of the sorted
    similarities are kept (Gholipour Ghalandari & Ifrim 2020, DATEWISE "PM-Mean").
    """
    if not ment_idx or not pub_idx:
        return list(dict.fromkeys(list(ment_idx) + list(pub_idx)))
    c_m = np.asarray(X[np.asarray(ment_idx)].mean(axis=0)).ravel()
    c_p = np.asarray(X[np.asarray(pub_idx)].mean(axis=0)).ravel()
    profile = np.where((c_m > 0) & (c_p > 0), c_m + c_p, 0.0)
    idx = list(dict.fromkeys(list(ment_idx) + list(pub_idx)))
    if not profile.any():
        return idx
    sims = X[np.asarray(idx)] @ (profile / np.linalg.norm(profile))
    cut = np.sort(sims)[::-1][knee_index(np.sort(sims)[::-1])]
    kept = [i for i, v in zip(idx, sims) if v > 0 and v > cut]
    return kept or idx


def vectorize(sentences: Sequence[DatedSentence]):
    """L2-normalised TF-IDF rows (sublinear tf, English stop words) of the sentences, or None."""
    fitted = fit_vectors(sentences)
    return fitted[1] if fitted else None


def fit_vectors(sentences: Sequence[DatedSentence]):
    """:func:`vectorize`'s rows with the fitted TF-IDF model, to place other texts (``transform``
    them, then L2-normalise) in the same space; None when the sentences hold only stop words."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    vec = TfidfVectorizer(stop_words="english", lowercase=True, sublinear_tf=True, min_df=1)
    try:
        X = vec.fit_transform([s.text for s in sentences])
    except ValueError:  # only stop words
        return None
    return vec, normalize(X).tocsr()


def _centroid(X, rows: np.ndarray, groups: Sequence[np.ndarray]) -> np.ndarray:
    """Mean of ``X[rows]``; with ``groups`` (masks over ``rows``), the mean of the non-empty groups'
    means, so a group counts once however many rows it has."""
    parts = [g for g in groups if g.any()]
    if len(parts) < 2:
        return np.asarray(X[rows].mean(axis=0)).ravel()
    return np.mean([np.asarray(X[rows[g]].mean(axis=0)).ravel() for g in parts], axis=0)


def _prepare(X, idx: list[int], usable, has_kw, focus: bool, centroid_kind: str, mentions: set[int]):
    """A day's candidate rows, normalised centroid, similarities to it and usable pool (or None).

    ``mentions``: the rows that name the day (the others are first reports published on it)."""
    if not idx:
        return None
    idx_arr = np.asarray(idx)
    groups: list[np.ndarray] = []
    base = idx_arr
    if centroid_kind == "keyword" and focus and has_kw[idx_arr].any():
        base = idx_arr[has_kw[idx_arr]]
    elif centroid_kind == "sources":
        named = np.array([i in mentions for i in idx])
        groups = [named, ~named]
    centroid = _centroid(X, base, groups)
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return None
    centroid /= norm
    pool = [j for j, i in enumerate(idx) if usable[i] and (has_kw[i] or not focus)]
    if not pool:
        return None
    return idx_arr, centroid, X[idx_arr] @ centroid, pool


def summarize(
    sentences: Sequence[DatedSentence],
    l: int,
    k: int,
    *,
    keywords: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    model: DateModel | None = None,
    params: SummaryParams | None = None,
) -> list[TimelineEntry]:
    """A timeline of at most ``l`` dates with at most ``k`` sentences each, in date order.

    ``keywords`` focus the timeline (sentences must contain one when any candidate does);
    ``start``/``end`` bound the dates. Sentences are picked from ``sentences`` verbatim.
    """
    if l < 0 or k < 0:
        raise ConfigError(f"l and k must be >= 0 (got l={l}, k={k})")
    if not sentences or l == 0 or k == 0:
        return []
    ranked = rank_dates(sentences, keywords=keywords, start=start, end=end, model=model)
    X = vectorize(sentences)
    if X is None:
        return []
    return summarize_dates(sentences, ranked, X, l, k, keywords=keywords, params=params)


class _DayPools:
    """What :func:`summarize_dates` and the sentence scorer's training share: per-sentence flags
    computed once per collection, and each day's candidate pool (:meth:`pool`)."""

    def __init__(self, sentences: Sequence[DatedSentence], X, keywords, p: SummaryParams):
        self.sentences, self.X, self.p = sentences, X, p
        self.kw = keyword_pattern(keywords)
        self.texts = [s.text for s in sentences]
        self.ment, self.pub, self.wide = day_candidates(sentences, p)
        self.has_kw = np.array([bool(self.kw.search(t)) if self.kw else True for t in self.texts])
        self.usable = np.array([_usable(t, p) for t in self.texts])
        self.raw_tokens = np.array([len(t.split()) for t in self.texts])
        if p.trim:
            spans = [trim_span(t, p.trim, min_tokens=p.min_tokens) for t in self.texts]
            self.trimmed_tokens = np.array([len(t[a:b].split()) for t, (a, b) in zip(self.texts, spans)])
        else:
            self.trimmed_tokens = self.raw_tokens
        self.n_tokens = self.trimmed_tokens if p.trim and p.trimmed_length else self.raw_tokens
        self._extra = None

    def pool(self, d: date):
        """``(idx, idx_arr, centroid, sims, pool)`` of day ``d`` (None: no usable candidate).

        ``idx``: candidate rows; ``sims``: their cosine to the candidates' centroid; ``pool``:
        positions in ``idx`` that may be chosen."""
        p, ment, pub = self.p, self.ment, self.pub
        full = list(dict.fromkeys(ment.get(d, []) + pub.get(d, [])))
        # With the knee filter on, a day whose filtered set has no usable sentence falls back to
        # all its candidates (so the filter does not make a day drop out of the timeline).
        options = [_knee_filter(self.X, ment.get(d, []), pub.get(d, [])), full] if p.knee else [full]
        if p.fallback_days > p.pub_days:  # a day still without a sentence: later first reports
            options.append(list(dict.fromkeys(ment.get(d, []) + self.wide.get(d, []))))
        named = set(ment.get(d, []))
        for idx in options:
            prepared = _prepare(self.X, idx, self.usable, self.has_kw, self.kw is not None, p.centroid, named)
            if prepared is not None:
                return (idx, *prepared)
        return None

    def features(self, d: date, idx: Sequence[int], sims) -> np.ndarray:
        """The sentence scorer's feature rows (:data:`storyline.tls.scorer.FEATURES`) of ``idx``."""
        if self._extra is None:
            self._extra = _collection_extras(self)
        return candidate_features(self, d, idx, sims)

    def gain(self, d: date, idx: Sequence[int], sims) -> np.ndarray:
        """The selection score of each candidate: centroid similarity plus bonuses, or the
        learned sentence scorer (``params.scorer``, mixed with the former by ``scorer_mix``)."""
        p, sentences = self.p, self.sentences
        idx_arr = np.asarray(idx)
        mentions_d = np.array([d in sentences[i].mentions for i in idx])
        over = np.maximum(0, self.n_tokens[idx_arr] - p.target_tokens)
        recent = np.array([0 <= (sentences[i].published - d).days <= p.recent_days for i in idx])
        bonus = (p.keyword_bonus * self.has_kw[idx_arr] + p.mention_bonus * mentions_d + p.recent_bonus * recent
                 - p.length_penalty * over)
        base = sims + bonus
        if p.scorer is None:
            return base, bonus
        learned = p.scorer.predict(self.features(d, idx, sims))
        return p.scorer_mix * learned + (1.0 - p.scorer_mix) * base, bonus


def _collection_extras(day_pools: _DayPools) -> dict:
    """Collection-level inputs of the scorer's features: similarity to the collection centroid and
    keyword hits per sentence."""
    X = day_pools.X
    c = np.asarray(X.mean(axis=0)).ravel()
    n = np.linalg.norm(c)
    coll = X @ (c / n) if n else np.zeros(X.shape[0])
    kw = day_pools.kw
    hits = np.array([len(kw.findall(t)) if kw else 0 for t in day_pools.texts])
    return {"collection": np.asarray(coll).ravel(), "kw_hits": hits}


def _text_key(text: str) -> str:
    """What makes two sentences verbatim repeats: case and spacing do not count."""
    return " ".join(text.lower().split())


def summarize_dates(
    sentences: Sequence[DatedSentence],
    ranked: Sequence[tuple[date, float]],
    X,
    l: int,
    k: int,
    *,
    keywords: Sequence[str] | None = None,
    params: SummaryParams | None = None,
) -> list[TimelineEntry]:
    """Summaries for the first ``l`` of the ``ranked`` dates that have usable candidates, the dates
    chosen to cover the story's span (:func:`storyline.tls.dates.spread_dates`).

    ``X``: the sentences' L2-normalised vectors (:func:`vectorize`). Sentences are chosen as they
    are; ``params.trim`` then shortens the chosen ones (:mod:`storyline.tls.trim`). Split from
    :func:`summarize` so an evaluation can try several ``params`` on one ranking.
    """
    p = params or DEFAULT_PARAMS
    # the first l dates cover the story's span, not one burst
    ranked = spread_dates(ranked, l, coverage_span({s.doc: s.published for s in sentences}.values()))
    days = _DayPools(sentences, X, keywords, p)
    texts = days.texts
    chosen_rows: list[int] = []
    seen_text: set[str] = set()
    entries: list[TimelineEntry] = []
    for d, score in ranked:
        if len(entries) >= l:
            break
        prepared = days.pool(d)
        if prepared is None:
            continue
        idx, idx_arr, centroid, sims, pool = prepared
        gain, bonus = days.gain(d, idx, sims)
        picked: list[int] = []
        summary_vec = np.zeros_like(centroid)
        order = sorted(pool, key=lambda j: (-gain[j], idx[j]))
        remaining = list(order)
        while remaining and len(picked) < k:
            if p.objective == "summary" and picked:
                # CentroidOpt: the sentence whose addition brings the summary closest to the centroid
                cand = X[idx_arr[remaining]]
                sums = cand.toarray() + summary_vec
                norms = np.linalg.norm(sums, axis=1)
                norms[norms == 0] = 1.0
                g = (sums @ centroid) / norms + bonus[remaining]
                order = sorted(range(len(remaining)), key=lambda r: (-g[r], idx[remaining[r]]))
                j = remaining.pop(order[0])
            else:
                j = remaining.pop(0)
            i = idx[j]
            key = _text_key(texts[i])
            if key in seen_text:
                continue
            rows = chosen_rows + picked
            if rows and float((X[rows] @ X[i].T).max()) > p.max_similarity:
                continue
            picked.append(i)
            seen_text.add(key)
            summary_vec = summary_vec + X[i].toarray().ravel()
        if not picked and p.keep_days:  # every candidate repeats the timeline: keep the day's best new text
            j = next((j for j in order if _text_key(texts[idx[j]]) not in seen_text), None)
            if j is not None:
                picked.append(idx[j])
                seen_text.add(_text_key(texts[idx[j]]))
        if picked:
            chosen_rows.extend(picked)
            shown = trim_sentences([sentences[i] for i in picked], p.trim, min_tokens=p.min_tokens)
            entries.append(TimelineEntry(d, tuple(shown), score))
    entries.sort(key=lambda e: e.date)
    return entries
