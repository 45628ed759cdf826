"""What the learned sentence scorer sees of a day's candidate (:func:`candidate_features`).

Feature rows (:data:`FEATURES`) need no reference summary: similarities to the day's centroid, to
the terms its mentions and first reports share, and to the whole collection; keyword hits; length
raw and trimmed; position in the article; whether it names the day or comes from the day's first
reports; how many other documents carry a near-identical sentence; publication lag; quotes and
digits. :mod:`storyline.tls.summarize` computes them for a day's pool, :mod:`storyline.tls.scorer`
trains on them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date

import numpy as np

FEATURES: tuple[str, ...] = (
    "sim_centroid",     # cosine to the centroid of the day's candidates
    "sim_rank",         # 1 for the most central candidate of the day, 0 for the least
    "sim_profile",      # cosine to the terms the day's mentions and first reports share
    "sim_collection",   # cosine to the centroid of the whole collection (background, not news)
    "keyword",          # holds a story keyword
    "keyword_hits",     # log1p of the number of keyword hits
    "tokens",           # tokens / 25
    "tokens_trimmed",   # tokens after trimming / 25
    "over_target",      # tokens after trimming beyond 25, / 25
    "position",         # log1p of the sentence's index in its article
    "lead",             # among the first three sentences of its article
    "names_day",        # one of its time expressions is the day
    "other_days",       # log1p of the other days it names
    "lag",              # publication minus the day, signed log1p of days
    "first_reports",    # published on the day or up to two days after
    "support",          # log1p of other documents with a near-identical candidate (cosine > 0.6)
    "quotes",           # holds quotation marks
    "digits",           # log1p of digit groups
    "capitals",         # share of capitalised tokens (names)
    "pool",             # log1p of the day's candidates
)
TARGET_TOKENS = 25
SUPPORT_COSINE = 0.6

_QUOTE = re.compile(r"``|''|[\"\u201c\u201d]")
_DIGITS = re.compile(r"\d+")


def candidate_features(days, d: date, idx: Sequence[int], sims) -> np.ndarray:
    """Feature rows (:data:`FEATURES`) of the candidates ``idx`` of day ``d``.

    ``days``: the summarizer's per-collection context (``storyline.tls.summarize._DayPools``); ``sims``:
    the candidates' cosine to their centroid. Deterministic: a function of the inputs only.
    """
    idx_arr = np.asarray(idx)
    n = len(idx_arr)
    sents = days.sentences
    X = days.X
    extra = days._extra
    sims = np.asarray(sims, dtype=float).ravel()
    order = np.argsort(-sims, kind="stable")
    rank = np.empty(n)
    rank[order] = 1.0 - np.arange(n) / max(n - 1, 1)
    ment = days.ment.get(d, [])
    pub = days.pub.get(d, [])
    profile_sims = np.zeros(n)
    if ment and pub:
        c_m = np.asarray(X[np.asarray(ment)].mean(axis=0)).ravel()
        c_p = np.asarray(X[np.asarray(pub)].mean(axis=0)).ravel()
        prof = np.where((c_m > 0) & (c_p > 0), c_m + c_p, 0.0)
        if prof.any():
            profile_sims = np.asarray(X[idx_arr] @ (prof / np.linalg.norm(prof))).ravel()
    rows = X[idx_arr]
    near = (rows @ rows.T).toarray() > SUPPORT_COSINE
    docs = np.array([sents[i].doc for i in idx_arr])
    support = np.array([len(set(docs[near[j]]) - {docs[j]}) for j in range(n)])
    raw = days.raw_tokens[idx_arr].astype(float)
    trimmed = days.trimmed_tokens[idx_arr].astype(float)
    out = np.zeros((n, len(FEATURES)))
    for j, i in enumerate(idx_arr):
        s = sents[i]
        text = s.text
        toks = text.split()
        lag = (s.published - d).days
        out[j] = (
            sims[j], rank[j], profile_sims[j], extra["collection"][i],
            float(days.has_kw[i]), math.log1p(extra["kw_hits"][i]),
            raw[j] / TARGET_TOKENS, trimmed[j] / TARGET_TOKENS,
            max(0.0, trimmed[j] - TARGET_TOKENS) / TARGET_TOKENS,
            math.log1p(s.index), float(s.index < 3),
            float(d in s.mentions), math.log1p(len([m for m in s.mentions if m != d])),
            math.copysign(math.log1p(abs(lag)), lag), float(0 <= lag <= 2),
            math.log1p(support[j]), float(bool(_QUOTE.search(text))),
            math.log1p(len(_DIGITS.findall(text))),
            sum(t[:1].isupper() for t in toks) / max(len(toks), 1),
            math.log1p(n),
        )
    return out
