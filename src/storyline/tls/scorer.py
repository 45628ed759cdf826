"""A learned per-date sentence scorer: which of a day's candidates reads like a timeline entry.

The centroid rule of :func:`storyline.tls.summarize.summarize_dates` picks the sentence closest to what a
day's candidates say on average. A :class:`SentenceScorer` replaces that score with a prediction
of how much of the day's *reference* summary a candidate covers, from features that need no
reference (:data:`FEATURES`): similarities to the day's centroid, to the terms its mentions and
its first reports share, and to the whole collection; keyword hits; length raw and trimmed;
position in the article; whether it names the day or comes from the day's first reports; how
many other documents carry a near-identical sentence; publication lag; quotes and digits.

Training (:func:`training_rows`, :func:`fit`): for each reference date of a training timeline the
day's candidate pool is built exactly as at selection time, and each candidate is labelled with
its ROUGE-1 + ROUGE-2 F1 against that date's reference sentences (:func:`overlap_label`: Porter
stems, stop words removed; a fast stand-in for ROUGE-1.5.5, used for labels only). The model is
a linear regression on standardised features (ridge). The evaluation trains it
leave-one-topic-out (``storyline.evaluate.tls.scorer_loto``).

Status (round 4 of issue 6): measured on Timeline17 it did *not* beat the centroid rule, so it is
off by default (``SummaryParams.scorer=None``) and not among the settings the evaluation chooses
from; see docs/tls.md for the figures.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ConfigError
from .features import FEATURES, candidate_features
from .summarize import DEFAULT_PARAMS, _DayPools
from .trim import trim_span

if TYPE_CHECKING:  # pragma: no cover
    from .sentences import DatedSentence
    from .summarize import SummaryParams

__all__ = ["FEATURES", "SentenceScorer", "candidate_features", "fit", "overlap_label", "stems", "training_rows"]


@dataclass(frozen=True)
class SentenceScorer:
    """A linear scorer on standardised :data:`FEATURES`: ``((F - mean) / scale) @ coef + intercept``."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float = 0.0
    name: str = "custom"

    def __post_init__(self):
        if not len(self.mean) == len(self.scale) == len(self.coef) == len(FEATURES):
            raise ConfigError(f"sentence scorer needs {len(FEATURES)} means, scales and weights")

    def predict(self, F: np.ndarray) -> np.ndarray:
        F = np.asarray(F, dtype=float).reshape(-1, len(FEATURES))
        return ((F - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef) + self.intercept


# ----------------------------------------------------------------------------- labels and training

_STOP: frozenset[str] | None = None
_TOKEN = re.compile(r"[a-z0-9]+")


def stems(text: str) -> list[str]:
    """The Porter stems of a text's words and figures, stop words out (what timeline ROUGE counts)."""
    global _STOP
    import snowballstemmer
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    if _STOP is None:
        _STOP = frozenset(ENGLISH_STOP_WORDS)
    stem = snowballstemmer.stemmer("porter")
    return stem.stemWords([t for t in _TOKEN.findall(text.lower()) if t not in _STOP])


def _f1(a: Counter, b: Counter) -> float:
    hit = sum((a & b).values())
    if not hit:
        return 0.0
    p, r = hit / sum(a.values()), hit / sum(b.values())
    return 2 * p * r / (p + r)


# Timeline ROUGE is a ratio of sums over the whole timeline, so a sentence is worth its matches
# minus what its length costs: with F = 2H / (N_system + N_reference), adding h matches in n
# tokens changes F by about (2 / (N_s + N_r)) * (h - F/2 * n). F is taken at the level published
# systems reach on Timeline17 (DATEWISE: ROUGE-1 0.120, ROUGE-2 0.035).
GAIN_F1, GAIN_F2 = 0.120, 0.035


def overlap_label(text: str, reference: Sequence[str] | str, kind: str = "gain", weight: float = 1.0) -> float:
    """How much ``text`` adds to a timeline's ROUGE against ``reference`` (Porter stems, stop words out).

    ``kind="gain"``: unigram matches minus ``GAIN_F1 / 2`` per unigram plus bigram matches minus
    ``GAIN_F2 / 2`` per bigram (the marginal change of timeline-level ROUGE-1 + ROUGE-2 F, up to a
    factor); ``kind="f1"``: the sentence's own ROUGE-1 F1 + ROUGE-2 F1 (favours long sentences).
    ``weight`` scales the matches (the date-distance discount of a summary aligned to another day).
    """
    if kind not in ("gain", "f1"):
        raise ConfigError(f"label kind must be 'gain' or 'f1', not {kind!r}")
    ref = " ".join(reference) if not isinstance(reference, str) else reference
    a, b = stems(text), stems(ref)
    ua, ub, ba, bb = Counter(a), Counter(b), Counter(pairwise(a)), Counter(pairwise(b))
    if kind == "f1":
        return weight * (_f1(ua, ub) + _f1(ba, bb))
    return ((weight * sum((ua & ub).values()) - GAIN_F1 / 2 * len(a))
            + (weight * sum((ba & bb).values()) - GAIN_F2 / 2 * max(len(a) - 1, 0)))


def training_rows(
    sentences: Sequence[DatedSentence],
    X,
    reference: Mapping[date, Sequence[str]],
    *,
    keywords: Sequence[str] | None = None,
    params: SummaryParams | None = None,
    label: str = "gain",
    days: Sequence[date] | None = None,
) -> tuple[np.ndarray, np.ndarray, list[date]]:
    """Features, labels and days of every choosable candidate of ``days`` (default: the reference dates).

    The pool of a day is the one the summarizer would choose from (:func:`summarize_dates`); the
    label is :func:`overlap_label` of the candidate (trimmed as it would be shown) against the
    day's reference sentences. A day that is not a reference date (``days``: e.g. the dates a
    ranker would choose) is labelled against the nearest reference date with its matches weighted
    ``1 / (1 + distance in days)``, as timeline ROUGE aligns and discounts it. Days without a pool
    contribute nothing.
    """
    p = params or DEFAULT_PARAMS
    pools = _DayPools(sentences, X, keywords, p)
    refs = sorted(reference)
    feats, labels, which = [], [], []
    for d in sorted(set(days) if days is not None else refs):
        if not refs:
            break
        r = min(refs, key=lambda x: (abs((x - d).days), x))
        weight = 1.0 / (1 + abs((r - d).days))
        prepared = pools.pool(d)
        if prepared is None:
            continue
        idx, _, _, sims, pool = prepared
        F = pools.features(d, idx, sims)[pool]
        for j in pool:
            t = pools.texts[idx[j]]
            a, b = trim_span(t, p.trim, min_tokens=p.min_tokens) if p.trim else (0, len(t))
            labels.append(overlap_label(t[a:b], reference[r], label, weight))
            which.append(d)
        feats.append(F)
    F = np.vstack(feats) if feats else np.zeros((0, len(FEATURES)))
    return F, np.asarray(labels, dtype=float), which


def fit(
    parts: Iterable[tuple[np.ndarray, np.ndarray, Sequence]], *, alpha: float = 100.0, name: str = "ridge"
) -> SentenceScorer:
    """Ridge regression of labels on standardised features, labels centred per day.

    ``parts``: ``(F, y, days)`` from :func:`training_rows`, one per training timeline. Only the
    order of candidates within a day matters to the summarizer, so each day's mean label is
    subtracted first (days with easy references do not dominate).
    """
    Fs, ys = [], []
    for F, y, days in parts:
        if not len(y):
            continue
        days_arr = np.asarray([d.toordinal() for d in days])
        yc = np.array(y, dtype=float)
        for d in np.unique(days_arr):
            m = days_arr == d
            yc[m] -= yc[m].mean()
        Fs.append(F)
        ys.append(yc)
    if not Fs:
        raise ConfigError("no training rows for the sentence scorer")
    F = np.vstack(Fs)
    y = np.concatenate(ys)
    mean = F.mean(axis=0)
    scale = F.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (F - mean) / scale
    A = Z.T @ Z + alpha * np.eye(Z.shape[1])
    coef = np.linalg.solve(A, Z.T @ (y - y.mean()))
    return SentenceScorer(tuple(map(float, mean)), tuple(map(float, scale)), tuple(map(float, coef)),
                          float(y.mean()), name)