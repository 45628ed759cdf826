"""Cross-document event coreference: mentions of the same real event become one :class:`Event`.

Method (a mention-pair model plus agglomerative clustering, the classic recipe of Bejan &
Harabagiu 2010 / Cybulska & Vossen 2015, without neural encoders):

1. For every pair of mentions, features that need no external model:
   trigger stems equal / overlapping (Snowball stems), trigger character-trigram cosine,
   TF-IDF cosine of the two sentences and of the two documents, participant overlap (entity
   ids), time compatibility and time conflict (day ranges from the time tagger), same event
   type, same document, and two products (stems x document similarity, sentence x document
   similarity) that let a linear model say "same word, same story".
2. A logistic-regression pair scorer. The weights below were fitted on ECB+ training topics
   (1-35 minus the dev topics) by ``storyline.evaluate.coref`` and the merge threshold tuned on
   the dev topics, never on the test topics; ``storyline eval coref`` refits them and prints
   both, so they can be checked and refreshed.
3. Average-linkage agglomerative clustering on ``1 - p`` (SciPy), cut at ``1 - threshold``.

Everything is sorted first, so the result does not depend on the order of the input.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Mapping, Sequence

import numpy as np

from .errors import ConfigError
from .records import Document, Event, EventDate, EventMention, Evidence, content_id

FEATURES: tuple[str, ...] = (
    "same_doc", "stem_equal", "stem_overlap", "trigger_char", "sentence_cos", "document_cos",
    "participant_jaccard", "participant_shared", "time_compatible", "time_conflict", "same_type",
    "stem_x_doc", "sent_x_doc", "doc_entity_jaccard", "doc_cos_sq", "stem_x_doc_entity", "char_x_doc",
    "same_sentence", "window_cos", "number_shared", "window_x_doc", "same_type_same_roles",
)

# Fitted by `storyline eval coref` on ECB+ train topics (see module docstring); refreshed by hand
# from its "fitted weights" line. Order follows FEATURES. ECB+ has no publication dates, so the two
# time features never fire there: their weights are set by hand (+0.5 compatible; -3.0 per 30 days
# between disjoint dates, so a gap of days costs little and a gap of two months keeps reports apart),
# and the fit leaves them as they are. The same
# holds for ``same_type_same_roles`` (+3.0): the ECB+ evaluation gives participants no roles.
DEFAULT_WEIGHTS: tuple[float, ...] = (
    2.5748, -0.2319, 1.5589, 0.9751, 0.3243, 11.9353, -0.5238, 0.2997, 0.5, -3.0, 1.0686,
    3.245, -5.6391, 1.0368, -12.6643, -0.1006, 3.8757, 3.0356, 4.152, 0.2397, -3.4379, 3.0,
)
DEFAULT_INTERCEPT = -5.8544
DEFAULT_THRESHOLD = 0.45

MAX_GAP_DAYS = 60
STOP_TRIGGERS = frozenset({"be", "have", "do", "the", "a", "an", "of", "to", "in", "on", "up", "out", "down"})


@dataclass(frozen=True)
class PairModel:
    """A logistic pair scorer and the linkage threshold."""

    weights: tuple[float, ...] = DEFAULT_WEIGHTS
    intercept: float = DEFAULT_INTERCEPT
    threshold: float = DEFAULT_THRESHOLD

    def __post_init__(self):
        if len(self.weights) != len(FEATURES):
            raise ConfigError(f"coref pair model needs {len(FEATURES)} weights ({', '.join(FEATURES)}), "
                              f"got {len(self.weights)}")
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"coref threshold must be in (0, 1), got {self.threshold}")


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def trigger_stems(trigger: str) -> tuple[str, ...]:
    """Snowball stems of the content words of a trigger ("stepped down" -> ("step",))."""
    words = [w for w in "".join(ch.lower() if ch.isalnum() else " " for ch in trigger).split()]
    content = [w for w in words if w not in STOP_TRIGGERS] or words
    return tuple(_stemmer().stemWords(content))


def _canonical(doc: str, copies: Mapping[str, str]) -> str:
    seen = set()
    while doc in copies and copies[doc] != doc and doc not in seen:
        seen.add(doc)
        doc = copies[doc]
    return doc


def _days(value: str | None) -> float:
    if not value:
        return np.nan
    try:
        return float(date.fromisoformat(value[:10]).toordinal())
    except ValueError:
        return np.nan


def _tfidf_cos(texts: list[str], **kwargs) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(t.strip() for t in texts):
        return np.zeros((len(texts), len(texts)))
    try:
        mat = TfidfVectorizer(sublinear_tf=True, **kwargs).fit_transform(texts)
    except ValueError:  # empty vocabulary (only stop words)
        return np.zeros((len(texts), len(texts)))
    return np.asarray((mat @ mat.T).todense())


def pair_features(mentions: Sequence[EventMention], documents: Mapping[str, Document],
                  copies: Mapping[str, str] | None = None) -> np.ndarray:
    """An ``(n, n, len(FEATURES))`` array of pair features, in the order of ``mentions``."""
    copies = copies or {}
    n = len(mentions)
    feats = np.zeros((n, n, len(FEATURES)), dtype=np.float32)
    if n == 0:
        return feats
    docs = [_canonical(m.doc, copies) for m in mentions]
    doc_index = {d: i for i, d in enumerate(sorted(set(docs)))}
    di = np.array([doc_index[d] for d in docs])
    feats[..., 0] = di[:, None] == di[None, :]

    stems = [trigger_stems(m.trigger) for m in mentions]
    keys = {k: i for i, k in enumerate(sorted(set(stems)))}
    ki = np.array([keys[s] for s in stems])
    feats[..., 1] = ki[:, None] == ki[None, :]
    vocab = {s: i for i, s in enumerate(sorted({s for ss in stems for s in ss}))}
    bag = np.zeros((n, max(len(vocab), 1)))
    for r, ss in enumerate(stems):
        for s in ss:
            bag[r, vocab[s]] = 1.0
    feats[..., 2] = (bag @ bag.T) > 0
    feats[..., 3] = _tfidf_cos([m.trigger.lower() for m in mentions], analyzer="char_wb", ngram_range=(3, 3))
    feats[..., 4] = _tfidf_cos([m.text for m in mentions], stop_words="english")
    doc_texts = [documents[d].text if d in documents else "" for d in sorted(doc_index)]
    dcos = _tfidf_cos(doc_texts, stop_words="english", max_features=50000)
    feats[..., 5] = dcos[di[:, None], di[None, :]]

    ents = {e: i for i, e in enumerate(sorted({p.entity for m in mentions for p in m.participants}))}
    pm = np.zeros((n, max(len(ents), 1)))
    for r, m in enumerate(mentions):
        for p in m.participants:
            pm[r, ents[p.entity]] = 1.0
    inter = pm @ pm.T
    size = pm.sum(axis=1)
    union = size[:, None] + size[None, :] - inter
    feats[..., 6] = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    feats[..., 7] = inter > 0

    lo = np.array([_days(m.time.start_date) if m.time else np.nan for m in mentions])
    hi = np.array([_days(m.time.end_date) if m.time else np.nan for m in mentions])
    known = ~np.isnan(lo) & ~np.isnan(hi)
    both = known[:, None] & known[None, :]
    with np.errstate(invalid="ignore"):
        overlap = (lo[:, None] <= hi[None, :]) & (lo[None, :] <= hi[:, None])
    feats[..., 8] = both & overlap
    # disjoint dates: a gap of days may be one event misreported (findings flag it as a conflict),
    # a gap of months is another occurrence; the feature grows with the gap, capped at two months
    with np.errstate(invalid="ignore"):
        gap = np.maximum(lo[None, :] - hi[:, None], lo[:, None] - hi[None, :])
    feats[..., 9] = np.where(both & ~overlap, np.minimum(np.nan_to_num(gap), MAX_GAP_DAYS) / 30.0, 0.0)

    types = np.array([m.type for m in mentions])
    feats[..., 10] = (types[:, None] == types[None, :]) & (types[:, None] != "other")
    feats[..., 11] = feats[..., 2] * feats[..., 5]
    feats[..., 12] = feats[..., 4] * feats[..., 5]
    # names shared by the two whole documents (union of their mentions' participants)
    dm = np.zeros((len(doc_index), pm.shape[1]))
    for r, m in enumerate(mentions):
        dm[di[r]] = np.maximum(dm[di[r]], pm[r])
    dinter = dm @ dm.T
    dsize = dm.sum(axis=1)
    dunion = dsize[:, None] + dsize[None, :] - dinter
    djac = np.divide(dinter, dunion, out=np.zeros_like(dinter), where=dunion > 0)
    feats[..., 13] = djac[di[:, None], di[None, :]]
    feats[..., 14] = feats[..., 5] ** 2
    feats[..., 15] = feats[..., 2] * feats[..., 13]
    feats[..., 16] = feats[..., 3] * feats[..., 5]
    sent = np.array([m.start for m in mentions])
    feats[..., 17] = (sent[:, None] == sent[None, :]) & (di[:, None] == di[None, :])
    feats[..., 18] = _tfidf_cos([_window(m) for m in mentions], stop_words="english")
    nums = [frozenset(w for w in _NUM.findall(m.text)) for m in mentions]
    numv = {x: i for i, x in enumerate(sorted({x for s in nums for x in s}))}
    nm = np.zeros((n, max(len(numv), 1)))
    for r, s in enumerate(nums):
        for x in s:
            nm[r, numv[x]] = 1.0
    feats[..., 19] = (nm @ nm.T) > 0
    feats[..., 20] = feats[..., 18] * feats[..., 5]
    # same event type and the same entity in the same core role (agent, patient, recipient)
    roles = {k: i for i, k in enumerate(sorted({(p.entity, p.role) for m in mentions for p in m.participants
                                                 if p.role in CORE_ROLES}))}
    rm = np.zeros((n, max(len(roles), 1)))
    for r, m in enumerate(mentions):
        for p in m.participants:
            if p.role in CORE_ROLES:
                rm[r, roles[(p.entity, p.role)]] = 1.0
    feats[..., 21] = ((rm @ rm.T) > 0) & (feats[..., 10] > 0)
    return feats


CORE_ROLES = frozenset({"agent", "patient", "recipient"})


_NUM = re.compile(r"\d[\d.,]*")
WINDOW_CHARS = 60


def _window(m: EventMention) -> str:
    """The words around the trigger (arguments sit close to it)."""
    a = max(0, m.trigger_start - m.start - WINDOW_CHARS)
    b = min(len(m.text), m.trigger_end - m.start + WINDOW_CHARS)
    return m.text[a:b]


def pair_probabilities(feats: np.ndarray, model: PairModel) -> np.ndarray:
    z = feats @ np.asarray(model.weights) + model.intercept
    return 1.0 / (1.0 + np.exp(-z))


def cluster_labels(prob: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage clusters of a symmetric probability matrix; labels numbered by first member."""
    n = prob.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - (prob + prob.T) / 2.0, 0.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    raw = fcluster(linkage(squareform(dist, checks=False), method="average"), t=1.0 - threshold,
                   criterion="distance")
    renum: dict[int, int] = {}
    return [renum.setdefault(int(c), len(renum)) for c in raw]


def _sort_key(m: EventMention):
    return (m.doc, m.trigger_start, m.trigger_end, m.id)


def _date(members: Sequence[EventMention]) -> EventDate:
    times = [m.time for m in members if m.time is not None and m.time.start_date and m.time.end_date]
    if not times:
        return EventDate()

    def support(t):  # how many other members' times agree with t
        return sum(1 for u in times if u.start_date <= t.end_date and t.start_date <= u.end_date)

    def width(t):
        return _days(t.end_date) - _days(t.start_date)

    best = min(times, key=lambda t: (-support(t), width(t), t.value, t.doc, t.start))
    return EventDate(best.value, best.start_date, best.end_date)


def _clarity(m: EventMention) -> tuple:
    """Higher is clearer: named participants, a time, amounts, a readable length."""
    length = len(m.text)
    readable = 1 if 40 <= length <= 280 else 0
    quoted = 1 if any(q in m.text for q in ('"', "\u201c", "\u201d")) else 0
    return (len(m.participants) + (m.time is not None) + len(m.amounts) + readable - quoted,)


def build_events(members_by_cluster: Sequence[Sequence[EventMention]], prob_of=None) -> list[Event]:
    events = []
    for members in members_by_cluster:
        members = sorted(members, key=_sort_key)
        best = min(members, key=lambda m: (tuple(-x for x in _clarity(m)), _sort_key(m)))
        types = Counter(m.type for m in members if m.type != "other")
        etype = min(types, key=lambda t: (-types[t], t)) if types else "other"
        evidence, seen = [], set()
        for m in members:
            if (m.doc, m.start, m.end) not in seen:
                seen.add((m.doc, m.start, m.end))
                evidence.append(Evidence(m.doc, m.start, m.end, m.text))
        events.append(Event(
            id=content_id("evt", sorted(m.id for m in members)),
            date=_date(members),
            summary=best.text,
            type=etype,
            entities=tuple(sorted({p.entity for m in members for p in m.participants})),
            amounts=tuple(sorted({a for m in members for a in m.amounts})),
            sources=tuple(sorted({m.doc for m in members})),
            evidence=tuple(evidence),
            score=float(prob_of(members)) if prob_of else 1.0,
        ))
    return sorted(events, key=lambda e: (e.date.start or "9999", e.id))


def cluster(mentions: Sequence[EventMention], documents: Mapping[str, Document],
            copies: Mapping[str, str], *, model: PairModel | None = None) -> list[Event]:
    """Group event mentions into events (deterministic, independent of input order)."""
    model = model or PairModel()
    unique = {m.id: m for m in mentions}
    ordered = sorted(unique.values(), key=_sort_key)
    if not ordered:
        return []
    clusters: list[list[EventMention]] = []
    cohesion_of: dict[str, float] = {}
    for block in _blocks(ordered, documents, copies):
        prob = pair_probabilities(pair_features(block, documents, copies), model)
        groups: dict[int, list[int]] = {}
        for i, lab in enumerate(cluster_labels(prob, model.threshold)):
            groups.setdefault(lab, []).append(i)
        for idx in groups.values():
            members = [block[i] for i in idx]
            sub = prob[np.ix_(idx, idx)]
            cohesion = 1.0 if len(idx) < 2 else (sub.sum() - np.trace(sub)) / (len(idx) * (len(idx) - 1))
            cohesion_of[members[0].id] = round(float(cohesion), 6)
            clusters.append(members)
    return build_events(clusters, lambda members: cohesion_of[members[0].id])


MAX_BLOCK = 1500  # mentions scored together; bigger inputs are split by document similarity first
DOC_BLOCK_THRESHOLD = 0.05


def _blocks(ordered: list[EventMention], documents, copies) -> list[list[EventMention]]:
    """Split a large input into blocks of similar documents (memory is quadratic in a block)."""
    if len(ordered) <= MAX_BLOCK:
        return [ordered]
    docs = sorted({_canonical(m.doc, copies) for m in ordered})
    sim = _tfidf_cos([documents[d].text if d in documents else "" for d in docs], stop_words="english")
    label = dict(zip(docs, cluster_labels(sim, DOC_BLOCK_THRESHOLD)))
    by_label: dict[int, list[EventMention]] = {}
    for m in ordered:
        by_label.setdefault(label[_canonical(m.doc, copies)], []).append(m)
    out = []
    for lab in sorted(by_label):
        block = by_label[lab]
        # still too big: cut between documents, in document order (deterministic)
        while len(block) > MAX_BLOCK:
            cut = MAX_BLOCK
            while cut > 1 and block[cut].doc == block[cut - 1].doc:
                cut -= 1
            cut = cut if cut > 1 else MAX_BLOCK
            out.append(block[:cut])
            block = block[cut:]
        out.append(block)
    return out


__all__ = ["FEATURES", "PairModel", "cluster", "cluster_labels", "pair_features", "pair_probabilities",
           "trigger_stems"]
