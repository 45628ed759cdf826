"""Cross-document event coreference: mentions of the same real event become one :class:`Event`.

Method (a mention-pair model plus agglomerative clustering, the classic recipe of Bejan &
Harabagiu 2010 / Cybulska & Vossen 2015, without neural encoders):

1. Candidate pairs by blocking (an inverted index on trigger stem / event type, crossed with
   participants and figures across documents; a sorted neighbourhood cuts big buckets), never
   pairs whose dates are months apart; across documents, reports that name their actors must
   share one, and role-less reports across dated articles must share a participant, a figure or a
   date (see ``candidate_pairs``). The work grows linearly with the input.
2. For each candidate pair, features that need no external model: trigger stems equal /
   overlapping (Snowball stems), trigger character-trigram cosine, TF-IDF cosine of the two
   sentences and of the two documents, participant overlap (entity ids), time compatibility and
   time conflict (day ranges from the time tagger), same event type, same document, and products
   (stems x document similarity, sentence x document similarity) that let a linear model say
   "same word, same story".
3. A logistic-regression pair scorer. The weights below were fitted on ECB+ training topics
   (1-35 minus the dev topics) by ``storyline.evaluate.coref`` and the merge threshold tuned on
   the dev topics, never on the test topics; ``storyline eval coref`` refits them and prints
   both, so they can be checked and refreshed.
4. Exact average linkage per connected component of the pairs above the threshold, never joining
   clusters whose dated members are months apart (``linkage_labels``).

Everything is sorted first, so the result does not depend on the order of the input.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Mapping, Sequence

import numpy as np
from networkx.utils import UnionFind

from ..annotate.textcache import by_text
from ..annotate.timex import grammar as G
from ..errors import ConfigError
from ..ingest.clean import original_of
from ..records import (
    Amount,
    Document,
    Event,
    EventDate,
    EventMention,
    Evidence,
    content_id,
    excerpt,
)
from ..tls.summarize import furniture
from .events import ACT_TYPES

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


@by_text  # a corpus repeats a few thousand trigger words
def trigger_stems(trigger: str) -> tuple[str, ...]:
    """Snowball stems of the content words of a trigger ("stepped down" -> ("step",))."""
    words = [w for w in "".join(ch.lower() if ch.isalnum() else " " for ch in trigger).split()]
    content = [w for w in words if w not in STOP_TRIGGERS] or words
    return tuple(_stemmer().stemWords(content))


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


def _rowdot(mat, i: np.ndarray, j: np.ndarray, chunk: int = 20_000) -> np.ndarray:
    """Row-wise dot products ``mat[i[k]] . mat[j[k]]`` of a sparse matrix, in chunks."""
    out = np.zeros(len(i), dtype=np.float64)
    for s in range(0, len(i), chunk):
        a, b = mat[i[s:s + chunk]], mat[j[s:s + chunk]]
        out[s:s + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


DOC_COS_DECIMALS = 7


def _block_dots(mat, a: np.ndarray, b: np.ndarray, block: int = 64) -> np.ndarray:
    """:func:`_rowdot` for long rows (whole documents, hundreds of words each): a block of distinct
    ``a`` rows at a time, multiplied with just the ``b`` rows it is paired with, then read off.
    A sparse product sums each shared word once, where the element-wise product of the two rows'
    copies (:func:`_rowdot`) builds and sums them pair by pair: 792,811 document pairs of the
    4,606-article Timeline17 store took 8 s that way, 1 s this way. Memory is bounded by
    ``block`` times the partners of a block (64 x 100,000 documents: 51 MB); the results differ from
    :func:`_rowdot` only in the order of the sum (last bits: the caller rounds them away,
    :data:`DOC_COS_DECIMALS`)."""
    out = np.zeros(len(a), dtype=np.float64)
    order = np.argsort(a, kind="stable")
    by_a = a[order]
    rows = np.unique(by_a)
    for s in range(0, len(rows), block):
        chunk = rows[s:s + block]
        sel = order[np.searchsorted(by_a, chunk[0]):np.searchsorted(by_a, chunk[-1], side="right")]
        need, col = np.unique(b[sel], return_inverse=True)
        dense = (mat[chunk] @ mat[need].T).toarray()
        out[sel] = dense[np.searchsorted(chunk, a[sel]), col]
    return out


def _tfidf(texts: list[str], **kwargs):
    """L2-normalised TF-IDF rows (a sparse matrix; all-zero rows when the vocabulary is empty)."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        return TfidfVectorizer(sublinear_tf=True, dtype=np.float64, **kwargs).fit_transform(texts).tocsr()
    except ValueError:  # empty vocabulary (only stop words)
        return csr_matrix((len(texts), 1))


def _incidence(rows: Sequence[Sequence], n: int):
    """A 0/1 sparse matrix with row r marking the items of ``rows[r]``."""
    from scipy.sparse import csr_matrix

    vocab = {x: k for k, x in enumerate(sorted({x for r in rows for x in r}))}
    ri = [r for r, xs in enumerate(rows) for _ in xs]
    ci = [vocab[x] for xs in rows for x in xs]
    return csr_matrix((np.ones(len(ri)), (ri, ci)), shape=(n, max(len(vocab), 1)))


@dataclass(frozen=True)
class _Table:
    """Per-mention columns the pair features read (computed once per input)."""

    di: np.ndarray
    sent: np.ndarray
    ki: np.ndarray
    stems: object
    chars: object
    sents: object
    docs: object
    parts: object
    doc_ents: object
    lo: np.ndarray
    hi: np.ndarray
    types: np.ndarray
    windows: object
    nums: object
    anchor_nums: object
    roles: object
    stem_lists: tuple
    anchor_lists: tuple
    money: np.ndarray  # each mention's money figure (:func:`money_figure`, NaN: none), for the cannot-link checks
    published: np.ndarray  # whether each mention's document has a publication date
    stated: np.ndarray  # whether each mention's time is a day its text states (:func:`_states_day`)
    ties: object = None  # participants without the story's protagonists, for the cross-document gate


def _table(mentions: Sequence[EventMention], documents: Mapping[str, Document], copies: Mapping[str, str],
           amounts: Mapping[str, Amount] | None = None) -> _Table:
    n = len(mentions)
    docs = [original_of(m.doc, copies) for m in mentions]
    doc_index = {d: i for i, d in enumerate(sorted(set(docs)))}
    di = np.array([doc_index[d] for d in docs])
    stems = [trigger_stems(m.trigger) for m in mentions]
    anchors = [sorted(_anchor_numbers(m.text)) for m in mentions]
    keys = {k: i for i, k in enumerate(sorted(set(stems)))}
    parts = _incidence([sorted({p.entity for p in m.participants}) for m in mentions], n)
    doc_rows: list[set] = [set() for _ in doc_index]
    for r, m in enumerate(mentions):
        doc_rows[di[r]].update(p.entity for p in m.participants)
    # the story's protagonists (in most of its documents) tie no two reports together
    df = Counter(e for row in doc_rows for e in row)
    common = {e for e, c in df.items() if len(doc_rows) >= PROTAGONIST_MIN_DOCS and c > PROTAGONIST_SHARE * len(doc_rows)}
    ties = _incidence([sorted({p.entity for p in m.participants} - common) for m in mentions], n)
    doc_texts = [documents[d].text if d in documents else "" for d in sorted(doc_index)]
    return _Table(
        di=di,
        # the sentence a mention sits in (clause mentions of one sentence share it)
        sent=np.array([m.sentence if m.sentence >= 0 else m.start for m in mentions]),
        ki=np.array([keys[s] for s in stems]),
        stems=_incidence(stems, n),
        chars=_tfidf([m.trigger.lower() for m in mentions], analyzer="char_wb", ngram_range=(3, 3)),
        sents=_tfidf([m.text for m in mentions], stop_words="english"),
        docs=_tfidf(doc_texts, stop_words="english", max_features=50000),
        parts=parts,
        ties=ties,
        doc_ents=_incidence([sorted(r) for r in doc_rows], len(doc_rows)),
        lo=np.array([_days(m.time.start_date) if m.time else np.nan for m in mentions]),
        hi=np.array([_days(m.time.end_date) if m.time else np.nan for m in mentions]),
        types=np.array([m.type for m in mentions]),
        windows=_tfidf([_window(m) for m in mentions], stop_words="english"),
        nums=_incidence([sorted(set(_NUM.findall(m.text))) for m in mentions], n),
        anchor_nums=_incidence(anchors, n),
        roles=_incidence([sorted({(p.entity, p.role) for p in m.participants if p.role in CORE_ROLES})
                          for m in mentions], n),
        stem_lists=tuple(stems),
        anchor_lists=tuple(anchors),
        money=np.array([money_figure(m, amounts or {}) for m in mentions], dtype=float),
        published=np.array([getattr(documents.get(d), "published", None) is not None for d in docs], dtype=bool),
        stated=np.array([_states_day(m) for m in mentions], dtype=bool),
    )


_STATED_DAY = re.compile(rf"{G.MONTH}\s+\d|\d\s+(?:of\s+)?{G.MONTH}")


def _states_day(m: EventMention) -> bool:
    """Whether a mention's time is one day written with its month ("October 12", "1 March"), not a
    day worked out from a weekday or "yesterday", which the time tagger may place a week off."""
    t = m.time
    return bool(t is not None and t.start_date and t.start_date == t.end_date and _STATED_DAY.search(t.text))


def _jaccard(mat, i, j) -> np.ndarray:
    inter = _rowdot(mat, i, j)
    size = np.asarray(mat.sum(axis=1)).ravel()
    union = size[i] + size[j] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def sparse_pair_features(table: _Table, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """A ``(len(i), len(FEATURES))`` array: the features of the pairs ``(i[k], j[k])``."""
    t = table
    f = np.zeros((len(i), len(FEATURES)), dtype=np.float64)
    if len(i) == 0:
        return f
    di, dj = t.di[i], t.di[j]
    f[:, 0] = di == dj
    f[:, 1] = t.ki[i] == t.ki[j]
    f[:, 2] = _rowdot(t.stems, i, j) > 0
    f[:, 3] = _rowdot(t.chars, i, j)
    f[:, 4] = _rowdot(t.sents, i, j)
    # document-level features: once per distinct document pair (whole-document rows are long)
    nd = t.docs.shape[0]
    dcode, dpos = np.unique(np.minimum(di, dj) * nd + np.maximum(di, dj), return_inverse=True)
    da, db = dcode // nd, dcode % nd
    # rounded: average linkage turns on near-ties in big clusters, so a last-bit difference in how
    # the sum is taken (:func:`_block_dots`) must not move a merge
    f[:, 5] = np.round(_block_dots(t.docs, da, db), DOC_COS_DECIMALS)[dpos]
    f[:, 6] = _jaccard(t.parts, i, j)
    f[:, 7] = _rowdot(t.parts, i, j) > 0
    lo_i, hi_i, lo_j, hi_j = t.lo[i], t.hi[i], t.lo[j], t.hi[j]
    both = ~np.isnan(lo_i) & ~np.isnan(hi_i) & ~np.isnan(lo_j) & ~np.isnan(hi_j)
    with np.errstate(invalid="ignore"):
        overlap = (lo_i <= hi_j) & (lo_j <= hi_i)
        gap = np.maximum(lo_j - hi_i, lo_i - hi_j)
    f[:, 8] = both & overlap
    # disjoint dates: a gap of days may be one event misreported (findings flag it as a conflict),
    # a gap of months is another occurrence; the feature grows with the gap, capped at two months
    f[:, 9] = np.where(both & ~overlap, np.minimum(np.nan_to_num(gap), MAX_GAP_DAYS) / 30.0, 0.0)
    f[:, 10] = (t.types[i] == t.types[j]) & (t.types[i] != "other")
    f[:, 11] = f[:, 2] * f[:, 5]
    f[:, 12] = f[:, 4] * f[:, 5]
    f[:, 13] = _jaccard(t.doc_ents, da, db)[dpos]
    f[:, 14] = f[:, 5] ** 2
    f[:, 15] = f[:, 2] * f[:, 13]
    f[:, 16] = f[:, 3] * f[:, 5]
    f[:, 17] = (t.sent[i] == t.sent[j]) & (di == dj)
    f[:, 18] = _rowdot(t.windows, i, j)
    f[:, 19] = _rowdot(t.nums, i, j) > 0
    f[:, 20] = f[:, 18] * f[:, 5]
    # same event type and the same entity in the same core role (agent, patient, recipient)
    f[:, 21] = (_rowdot(t.roles, i, j) > 0) & (f[:, 10] > 0)
    return f


def pair_features(mentions: Sequence[EventMention], documents: Mapping[str, Document],
                  copies: Mapping[str, str] | None = None) -> np.ndarray:
    """An ``(n, n, len(FEATURES))`` array of the features of every pair, in the order of ``mentions``
    (for small inputs and model fitting; :func:`cluster` scores candidate pairs only)."""
    n = len(mentions)
    feats = np.zeros((n, n, len(FEATURES)), dtype=np.float32)
    if n < 2:
        return feats
    i, j = np.triu_indices(n, k=1)
    f = sparse_pair_features(_table(mentions, documents, copies or {}), i, j)
    feats[i, j] = f
    feats[j, i] = f
    return feats


CORE_ROLES = frozenset({"agent", "patient", "recipient"})


_NUM = re.compile(r"\d[\d.,]*")
_YEAR = re.compile(r"(1[89]|20)\d\d")


def _anchor_numbers(text: str) -> set[str]:
    """Numbers that can tie two reports to one happening (amounts, counts); years are time, which
    the time check already compares."""
    return {x.rstrip(".,") for x in _NUM.findall(text) if not _YEAR.fullmatch(x.rstrip(".,"))}
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
    """The time most of the members' times agree with, then the narrowest. An event told as having
    happened takes its time from the mentions that tell it so: the day of a plan or a near miss
    ("was on the verge of agreeing to invest ... in 2023") is not the day of the act it is joined to."""
    told = [m for m in members if m.mood == "actual"] or members
    times = [m.time for m in told if m.time is not None and m.time.start_date and m.time.end_date]
    if not times:
        return EventDate()

    def support(t):  # how many other members' times agree with t
        return sum(1 for u in times if u.start_date <= t.end_date and t.start_date <= u.end_date)

    def width(t):
        return _days(t.end_date) - _days(t.start_date)

    best = min(times, key=lambda t: (-support(t), width(t), t.value, t.doc, t.start))
    return EventDate(best.value, best.start_date, best.end_date)


def _clarity(m: EventMention, when: EventDate) -> tuple:
    """Sort key of a cluster's headline, clearest first: a statement (not page furniture) that reads
    on its own (not "…when Microsoft invested …", see :func:`records.excerpt`); then one that gives the
    event's own date (``when``); then named participants, a time, amounts, a readable length, no
    quotation, said to have happened."""
    text = " ".join(m.text.split())
    readable = 1 if 40 <= len(m.text) <= 280 else 0
    quoted = 1 if any(q in m.text for q in ('"', "\u201c", "\u201d")) else 0
    whole = 1 if excerpt(m.text) == text else 0  # reads on its own: no "…when ..."
    states = 0 if furniture(text) else 1  # not a question, caption, title or quote piece
    said_done = 1 if m.mood == "actual" else 0
    return (-(2 * states + whole), m.time is None or m.time.value != when.value,
            -(len(m.participants) + (m.time is not None) + len(m.amounts) + readable - quoted + said_done))


def build_events(members_by_cluster: Sequence[Sequence[EventMention]], prob_of=None) -> list[Event]:
    events = []
    for members in members_by_cluster:
        members = sorted(members, key=_sort_key)
        when = _date(members)
        best = min(members, key=lambda m: (_clarity(m, when), _sort_key(m)))
        etype = _most_common(Counter(m.type for m in members if m.type != "other"), "other")
        evidence, seen = [], set()
        for m in members:
            if (m.doc, m.start, m.end) not in seen:
                seen.add((m.doc, m.start, m.end))
                evidence.append(Evidence(m.doc, m.start, m.end, m.text))
        moods = Counter(m.mood for m in members)
        mood = "actual" if moods["actual"] else min(moods, key=lambda k: (-moods[k], k))
        events.append(Event(
            id=content_id("evt", sorted(m.id for m in members)),
            date=when,
            summary=best.text,
            type=etype,
            entities=tuple(sorted({p.entity for m in members for p in m.participants})),
            amounts=tuple(sorted({a for m in members for a in m.amounts})),
            sources=tuple(sorted({m.doc for m in members})),
            evidence=tuple(evidence),
            score=float(prob_of(members)) if prob_of else 1.0,
            mood=mood,
        ))
    return sorted(events, key=lambda e: (e.date.start or "9999", e.id))


def cluster(mentions: Sequence[EventMention], documents: Mapping[str, Document],
            copies: Mapping[str, str], *, model: PairModel | None = None,
            amounts: Mapping[str, Amount] | None = None) -> list[Event]:
    """Group event mentions into events (deterministic, independent of input order).

    ``amounts`` (id -> :class:`Amount`) gives the money figures of the mentions' clauses
    (``EventMention.amounts``): mentions whose figures are far apart stay apart (:data:`FIGURE_RATIO`)."""
    model = model or PairModel()
    unique = {m.id: m for m in mentions}
    ordered = sorted(unique.values(), key=_sort_key)
    if not ordered:
        return []
    labels, cohesion = cluster_mentions(ordered, documents, copies, model, amounts)
    groups: dict[int, list[EventMention]] = {}
    for m, lab in zip(ordered, labels):
        groups.setdefault(lab, []).append(m)
    joined = join_coarse(join_same_day(join_retold(list(groups.values()), amounts or {}), amounts or {}),
                         amounts or {})
    cohesion_of = {m.id: cohesion[lab] for lab, members in groups.items() for m in members}
    return build_events(joined, lambda members: float(np.mean([cohesion_of[m.id] for m in members])))


# Acts that count as one kind when one story reports the same happening with different words:
# "threw $1 billion into OpenAI" (investment) and "a $1 billion funding" (funding).
_FAMILY = {"funding": "investment"}


def join_coarse(groups: list[list[EventMention]], amounts: Mapping[str, Amount]) -> list[list[EventMention]]:
    """Join an event dated only coarsely ("in 2023", "last year", "in November 2023") to the one
    other event of the story it can be: an actual act of the same kind (or with the same money
    figure) whose date falls inside its own, sharing a participant or that figure, with no figure
    apart. Where two or more events qualify the coarse one stays alone: it could be any of them.

    The pair model joins mentions whose words and documents are alike; inside one story every
    document is alike, and a background line ("the removal of Sam Altman last year", "solidified in
    2023 when Microsoft invested an additional $10 billion") shares little wording with the report
    it recalls ("Altman's brief departure in November 2023", "dropped another $10 billion"). Time,
    participants, figures and kind are what tell such a line which happening it recalls.
    """
    info = []
    for members in groups:
        d = _date(members)
        types = Counter(_FAMILY.get(m.type, m.type) for m in members if m.type != "other")
        info.append({
            "lo": _days(d.start), "hi": _days(d.end),
            "kind": _most_common(types, "other"),
            "parts": {p.entity for m in members for p in m.participants},
            "fig": _group_figure(members, amounts),
            "actual": any(m.mood == "actual" for m in members),
        })
    usable = [k for k, x in enumerate(info) if x["actual"] and not np.isnan(x["lo"]) and not np.isnan(x["hi"])
              and x["kind"] in ACT_TYPES]
    by_kind: dict[str, list[int]] = {}
    by_fig: dict[float, list[int]] = {}
    for k in usable:
        by_kind.setdefault(info[k]["kind"], []).append(k)
        if not np.isnan(info[k]["fig"]):
            by_fig.setdefault(round(float(np.log10(info[k]["fig"])), 1), []).append(k)
    union = UnionFind(range(len(groups)))
    coarse = sorted((k for k in usable if info[k]["hi"] - info[k]["lo"] >= 1),
                    key=lambda k: (info[k]["lo"] - info[k]["hi"], k))  # widest first
    for c in coarse:
        x = info[c]
        near = set(by_kind.get(x["kind"], ()))
        if not np.isnan(x["fig"]):
            b = round(float(np.log10(x["fig"])), 1)
            near |= {k for step in (-0.1, 0.0, 0.1) for k in by_fig.get(round(b + step, 1), ())}
        found = set()
        for k in near:
            y = info[k]
            if k == c or not (x["lo"] <= y["lo"] and y["hi"] <= x["hi"]) or figures_apart(x["fig"], y["fig"]):
                continue
            same_figure = not np.isnan(x["fig"]) and not np.isnan(y["fig"])
            if same_figure or (y["kind"] == x["kind"] and x["parts"] & y["parts"]):
                found.add(union[k])
        found.discard(union[c])
        if len(found) == 1:
            union.union(c, found.pop())
    return _merged(groups, union)


def _merged(groups: list[list[EventMention]], union: UnionFind) -> list[list[EventMention]]:
    """The groups joined as ``union`` says, each joined group in the order of its first member."""
    joined: dict[int, list[EventMention]] = {}
    for k, members in enumerate(groups):
        joined.setdefault(union[k], []).extend(members)
    return list(joined.values())


# a sentence retold by another page with a word or two changed ("struck south of the capital,
# Port-au-Prince" / "struck south of Port-au-Prince"): this share of their words in common, and no
# name or number that only one of them has
RETOLD_JACCARD = 0.8
MAX_RETOLD_FORMS = 200  # distinct wordings in one bucket compared pair by pair (bounded work)
_TOKEN = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*")


def _retold_key(m: EventMention) -> tuple[tuple, frozenset[str]] | None:
    """(bucket key: trigger stems and the names and numbers, word set) of a mention's sentence for
    :func:`join_retold`; None for a sentence too short or too generic to tell one report from another."""
    words = _TOKEN.findall(m.text)
    marked = tuple(sorted({w for k, w in enumerate(words) if any(map(str.isdigit, w)) or (k and w[0].isupper())}))
    if len(words) < 8 or not marked:
        return None  # short or naming no one and no figure: many reports say it about different things
    return (trigger_stems(m.trigger), marked), frozenset(w.lower() for w in words)


def join_retold(groups: list[list[EventMention]], amounts: Mapping[str, Amount]) -> list[list[EventMention]]:
    """Join events that hold the same sentence about the same act: the same trigger in a sentence
    that another page prints word for word, or with a few words changed but no name or number
    different (:data:`RETOLD_JACCARD`), with dates and money figures that can be one happening.

    Inside one story the pair model scores a mention against a bounded neighbourhood of its bucket
    (linear work), and average linkage counts the pairs it did not score as 0: a page that reprints
    the story's most reported sentence could not join the big cluster holding it (the Haiti build
    had the quake on 12 January three times, one event with 18 sources and two with one). A retold
    sentence is the strongest evidence there is that two reports tell one happening."""
    where: dict[tuple, list[tuple[int, frozenset[str], EventMention]]] = {}
    for g, members in enumerate(groups):
        for m in members:
            key = _retold_key(m)
            if key is not None:
                where.setdefault(key[0], []).append((g, key[1], m))
    union = UnionFind(range(len(groups)))
    span = [(_days(d.start), _days(d.end)) for d in map(_date, groups)]
    figure = [_group_figure(members, amounts) for members in groups]

    def join(g: int, h: int, m: EventMention, n: EventMention) -> bool:
        a, b = union[g], union[h]
        if a == b:
            return True
        (a_lo, a_hi), (b_lo, b_hi) = span[a], span[b]
        if max(b_lo - a_hi, a_lo - b_hi) > 0 or _times_apart(m, n) or figures_apart(figure[a], figure[b]):
            return False  # NaN comparisons are False: an undated side is no conflict
        union.union(a, b)
        span[union[a]] = (np.fmax(span[a][0], span[b][0]), np.fmin(span[a][1], span[b][1]))
        figure[union[a]] = figure[a] if not np.isnan(figure[a]) else figure[b]
        return True

    for items in where.values():
        if len({g for g, _, _ in items}) < 2:
            continue
        # each wording's reports, in an order that does not depend on the groups' numbering; a report
        # joins the first earlier one it can be one happening with, else starts a happening of its own
        by_words: dict[frozenset[str], list[tuple[int, EventMention]]] = {}
        for g, words, m in sorted(items, key=lambda x: _sort_key(x[2])):
            reps = by_words.setdefault(words, [])
            if not any(join(h, g, n, m) for h, n in reps):
                reps.append((g, m))
        forms = sorted(by_words, key=lambda w: _sort_key(by_words[w][0][1]))
        if len(forms) > MAX_RETOLD_FORMS:
            continue  # a bucket this varied is no reprint: the word-for-word joins above suffice
        for x in range(len(forms)):
            for y in range(x + 1, len(forms)):
                a, b = forms[x], forms[y]
                if len(a & b) >= RETOLD_JACCARD * len(a | b):
                    for g, m in by_words[a]:
                        for h, n in by_words[b]:
                            join(g, h, m, n)
    return _merged(groups, union)


# Kinds that one day's count of the dead or hurt may be told under: "200,000 people were killed" with
# no killer named reads as an attack, "200,000 died in the quake" as a disaster; the same toll on
# the same day is the same deaths
_HARM = {"attack": "harm", "disaster": "harm"}

# the roles that say who did what to whom: an act's doer and what it was done to
_DOER, _DONE_TO = "agent", "patient"


def join_same_day(groups: list[list[EventMention]], amounts: Mapping[str, Amount]) -> list[list[EventMention]]:
    """Join events that report one act by one doer on one day: realised acts of the same kind
    (:data:`ACT_TYPES`), each dated to that very day, told with the same trigger word (a Snowball
    stem in common) and the same agent, where both name what the act was done to, a patient in
    common, and no money figures apart.

    The pair model weighs wording, and inside one story the reports of its biggest day are many and
    worded every way: average linkage over a bounded neighbourhood leaves them in several clusters
    (the Egypt build had Mubarak stepping down on 11 February as eight events: "Mubarak decided
    Friday to step down", "President Mubarak has stepped down", "stepped down yesterday", ...). One
    doer doing one kind of act with one word on one day is one happening as a reader counts them;
    where the doers or what they acted on differ ("NATO struck Tripoli", "NATO struck Brega") the
    events stay apart.

    So are acts of one kind on one day that give the same telling figure (:func:`telling_figures`:
    a magnitude, a toll, a count of a hundred or more; a toll told as an attack and as a disaster
    counts as one kind, :data:`_HARM`), unless they name different doers or what they were done to: Haiti's quake of 12 January was three events ("the 7.0 magnitude quake on
    12 January killed as many as 200,000 people", "As many as 200,000 people died in the 12 January
    earthquake", "The 7.0-magnitude quake ... struck south of the capital"), each worded its own
    way by eight outlets or more, and a disaster names no doer for the rule above."""
    info = []
    for members in groups:
        d = _date(members)
        kind = _most_common(Counter(_FAMILY.get(m.type, m.type) for m in members if m.mood == "actual"))
        day = d.start if d.start and d.start == d.end and len(d.start) == 10 else None
        acts = [m for m in members if m.mood == "actual" and _FAMILY.get(m.type, m.type) == kind]
        info.append({
            "day": day if kind in ACT_TYPES else None,
            "kind": kind,
            "stems": {s for m in acts for s in trigger_stems(m.trigger)},
            "doers": {p.entity for m in acts for p in m.participants if p.role == _DOER},
            "done_to": {p.entity for m in acts for p in m.participants if p.role == _DONE_TO},
            "fig": _group_figure(members, amounts),
            "figures": {f for m in acts for f in telling_figures(m.text)},
        })
    buckets: dict[tuple, list[int]] = {}
    for k, x in enumerate(info):
        if x["day"] is None:
            continue
        for stem in x["stems"]:
            for doer in x["doers"]:
                buckets.setdefault((x["day"], x["kind"], stem, doer), []).append(k)
        for figure in x["figures"]:
            buckets.setdefault((x["day"], _HARM.get(x["kind"], x["kind"]), "#", figure), []).append(k)
    # pairs in an order of their own (not the input's), each joined only when what the two joined
    # events already hold agrees: a report that names no place struck does not chain a quake in
    # Haiti to one in Chile through a magnitude they share
    key = [min(m.id for m in g) for g in groups]
    pairs = sorted({(a, b) if key[a] < key[b] else (b, a)
                    for members in buckets.values() for i, a in enumerate(members) for b in members[i + 1:]},
                   key=lambda ab: (key[ab[0]], key[ab[1]]))
    union = UnionFind(range(len(groups)))
    held = {k: (set(x["done_to"]), set(x["doers"])) for k, x in enumerate(info)}
    for a, b in pairs:
        ra, rb = union[a], union[b]
        if ra == rb or figures_apart(info[a]["fig"], info[b]["fig"]):
            continue
        (done_a, doers_a), (done_b, doers_b) = held[ra], held[rb]
        if (done_a and done_b and not done_a & done_b) or (doers_a and doers_b and not doers_a & doers_b):
            continue
        union.union(a, b)
        held[union[a]] = (done_a | done_b, doers_a | doers_b)
    return _merged(groups, union)


TELLING_FIGURE = 100


def telling_figures(text: str) -> set[str]:
    """The numbers of ``text`` that tell one happening from another of its day (:func:`_anchor_numbers`
    less the small counts that any two reports may share): one written with a decimal point ("7.0",
    "1.5 million") or of :data:`TELLING_FIGURE` or more ("200,000", "3,500")."""
    out = set()
    for x in _anchor_numbers(text):
        digits = x.replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        if "." in digits or value >= TELLING_FIGURE:
            out.add(digits)
    return out


def _times_apart(m: EventMention, n: EventMention) -> bool:
    a, b = m.time, n.time
    if a is None or b is None or not (a.start_date and a.end_date and b.start_date and b.end_date):
        return False
    return a.end_date < b.start_date or b.end_date < a.start_date


def cluster_mentions(ordered: Sequence[EventMention], documents: Mapping[str, Document],
                     copies: Mapping[str, str], model: PairModel,
                     amounts: Mapping[str, Amount] | None = None) -> tuple[list[int], dict[int, float]]:
    """Cluster labels of ``ordered`` (already sorted) and each cluster's mean pair probability."""
    scored = score_candidates(ordered, documents, copies, model, amounts)
    return linkage_labels(len(ordered), scored, model.threshold)


@dataclass(frozen=True)
class Scored:
    """Candidate pairs ``(i, j)`` with their probabilities, and the pairs that must stay apart."""

    i: np.ndarray
    j: np.ndarray
    p: np.ndarray
    lo: np.ndarray  # each mention's day range (NaN when undated), for cannot-link checks
    hi: np.ndarray
    money: np.ndarray  # each mention's money figure (NaN when it has none), for cannot-link checks
    doc: np.ndarray  # each mention's document (its index), for the within-document check
    stated: np.ndarray  # whether its time is a day its text states (:func:`_states_day`)


def score_candidates(ordered: Sequence[EventMention], documents: Mapping[str, Document],
                     copies: Mapping[str, str], model: PairModel,
                     amounts: Mapping[str, Amount] | None = None) -> Scored:
    table = _table(ordered, documents, copies, amounts)
    i, j = candidate_pairs(ordered, table, documents, copies)
    p = np.zeros(len(i))
    for s in range(0, len(i), FEATURE_CHUNK):  # bounded memory on big inputs
        p[s:s + FEATURE_CHUNK] = pair_probabilities(
            sparse_pair_features(table, i[s:s + FEATURE_CHUNK], j[s:s + FEATURE_CHUNK]), model)
    return Scored(i, j, p, table.lo, table.hi, table.money, table.di, table.stated)


FEATURE_CHUNK = 250_000


# Blocking (record-linkage style): a pair is scored only when the two mentions share a trigger
# meaning (a Snowball stem, or a typed event class) and their dates (when both have one) are at
# most MAX_GAP_DAYS apart. Across documents, mentions that name who did what (participants in
# a core role) must also share a participant (or, when only one side names its actors, a
# figure). Big buckets are cut with a sorted neighbourhood
# (by date, then document), so the work grows linearly with the input.
MAX_BUCKET = 60
NEIGHBOURS = 15
# an entity in more than this share of a story's documents (of at least PROTAGONIST_MIN_DOCS) is its
# protagonist: sharing it is no evidence that two reports tell one happening
PROTAGONIST_SHARE = 0.5
PROTAGONIST_MIN_DOCS = 10


def _keys(m: EventMention, stems: tuple[str, ...], numbers: Sequence[str], doc: str) -> tuple[list, list]:
    """(within-document keys, cross-document keys) of a mention."""
    meaning = [("s", s) for s in stems] + ([("t", m.type)] if m.type != "other" else [])
    anchors = [("e", p.entity) for p in m.participants] + [("n", x) for x in numbers]
    return sorted({(doc,) + k for k in meaning}), sorted(set(meaning) | {k + a for k in meaning for a in anchors})


def candidate_pairs(ordered: Sequence[EventMention], table: _Table, documents: Mapping[str, Document],
                    copies: Mapping[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs ``i < j`` worth scoring (see the blocking note above), without time, mood or money
    figure conflicts."""
    buckets: dict[tuple, list[int]] = {}
    for r, m in enumerate(ordered):
        within, across = _keys(m, table.stem_lists[r], table.anchor_lists[r], original_of(m.doc, copies))
        for k in within:
            buckets.setdefault(("w",) + k, []).append(r)
        for k in across:
            buckets.setdefault(("x",) + k, []).append(r)
    order_key = _neighbourhood_order(ordered, table, documents, copies)
    chunks = []
    for members in buckets.values():
        if len(members) < 2:
            continue
        idx = np.array(sorted(set(members), key=lambda r: order_key[r]))
        if len(idx) <= MAX_BUCKET:
            a, b = _all_pairs(len(idx))
        else:
            a = np.repeat(np.arange(len(idx)), NEIGHBOURS)
            b = a + np.tile(np.arange(1, NEIGHBOURS + 1), len(idx))
            keep = b < len(idx)
            a, b = a[keep], b[keep]
        x, y = idx[a], idx[b]
        chunks.append(np.stack([np.minimum(x, y), np.maximum(x, y)]))
    if not chunks:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    n = len(ordered)
    pairs = np.concatenate(chunks, axis=1).astype(np.int64)
    code = np.unique(pairs[0] * n + pairs[1])
    i, j = code // n, code % n
    keep = (~_time_conflict(table.lo, table.hi, i, j) & ~_mood_conflict(table.types, i, j)
            & ~figures_apart(table.money[i], table.money[j]))
    # across documents: two reports that both say who did what must share someone (different named
    # actors are different happenings, whatever the figures); when only one names its actors, a shared
    # participant or a shared figure must tie them; with no roles on either side (ECB+) nothing is asked
    core = np.asarray(table.roles.sum(axis=1)).ravel() > 0
    cross = table.di[i] != table.di[j]
    ask = cross & (core[i] | core[j])
    if ask.any():
        k = np.flatnonzero(ask)
        people = _rowdot(table.ties, i[k], j[k]) > 0
        figures = _rowdot(table.anchor_nums, i[k], j[k]) > 0
        both = core[i[k]] & core[j[k]]
        keep[k[~np.where(both, people, people | figures)]] = False
    # across dated documents with no roles on either side: the same word in two reports of one story
    # ("its GNP fell", "the regime fell", "18.3 inches fell") is no link without a participant, a
    # figure or dates of their own (compatible: conflicts are gone above) in common. Documents without
    # a publication date (ECB+) give their mentions no time, so nothing is asked of them, as above
    loose = cross & ~(core[i] | core[j]) & table.published[i] & table.published[j]
    if loose.any():
        k = np.flatnonzero(loose)
        anchored = ((_rowdot(table.ties, i[k], j[k]) > 0) | (_rowdot(table.anchor_nums, i[k], j[k]) > 0)
                    | (~np.isnan(table.lo[i[k]]) & ~np.isnan(table.lo[j[k]])))
        keep[k[~anchored]] = False
    # two statements are two happenings unless something says they are one: the same words (a lead
    # that sums up what a quote later gives in full, one wire story in two papers), or the same
    # speaker (a participant in the same core role) on one day both state (one briefing). A live page
    # or a wrap-up quotes a dozen people, a health secretary speaks every day of an outbreak, and a
    # page retells what its subject said weeks before beside what she says today: "said" in common,
    # with the page or the speaker in common, is no evidence (the pair model, fitted on ECB+, where a
    # page tells one happening, would join them all). ECB+ pages carry no date: nothing is asked of them.
    statements = ((table.types[i] == "statement") & (table.types[j] == "statement") & keep
                  & (cross | (table.sent[i] != table.sent[j])) & table.published[i] & table.published[j])
    if statements.any():
        k = np.flatnonzero(statements)
        a, b = i[k], j[k]
        with np.errstate(invalid="ignore"):
            one_day = (table.lo[a] <= table.hi[b]) & (table.lo[b] <= table.hi[a])  # False when undated
        speaker = _rowdot(table.roles, a, b) > 0
        same = (_rowdot(table.sents, a, b) >= STATEMENT_SAME_WORDS) | (speaker & one_day)
        keep[k[~same]] = False
    return i[keep], j[keep]


# two statements whose sentences' TF-IDF cosine reaches this say the same thing (one page or two)
STATEMENT_SAME_WORDS = 0.35


@lru_cache(maxsize=None)
def _all_pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.triu_indices(n, k=1)``, made once per bucket size (tens of thousands of buckets, at most
    ``MAX_BUCKET`` sizes); read-only, as the callers only index with them."""
    a, b = np.triu_indices(n, k=1)
    a.flags.writeable = b.flags.writeable = False
    return a, b


def _neighbourhood_order(ordered, table: _Table, documents, copies) -> list[tuple]:
    """Sort key for the sorted-neighbourhood cut: the mention's date (else its document's), then document."""
    out = []
    for r, m in enumerate(ordered):
        day = table.lo[r]
        if np.isnan(day):
            d = documents.get(original_of(m.doc, copies)) or documents.get(m.doc)
            day = float(d.published.toordinal()) if d is not None and d.published else 0.0
        out.append((day, table.di[r], r))
    return out


# A plan or a possibility ("Microsoft may invest", events.POSSIBILITY_MODALS) is not the act it
# names: a `plan` mention never joins a mention of a realised act (events.ACT_TYPES).
def _mood_conflict(types: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Pairs of a plan and a realised act: two happenings (one may never happen)."""
    plan = types == "plan"
    act = np.isin(types, list(ACT_TYPES))
    return (plan[i] & act[j]) | (act[i] & plan[j])


def _time_conflict(lo: np.ndarray, hi: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Pairs whose dates are both known and more than ``MAX_GAP_DAYS`` apart: two happenings."""
    with np.errstate(invalid="ignore"):
        gap = np.maximum(lo[j] - hi[i], lo[i] - hi[j])
    return np.nan_to_num(gap, nan=-1.0) > MAX_GAP_DAYS


def linkage_labels(n: int, scored: Scored, threshold: float) -> tuple[list[int], dict[int, float]]:
    """Average-linkage clustering over the scored pairs (unscored pairs count as probability 0),
    never joining two clusters that hold a time conflict; labels numbered by first member.

    Average linkage only joins clusters whose mean probability reaches the threshold, so it can
    only join inside a connected component of the pairs at or above it: each component is
    clustered on its own, with a heap over its pairs (exact UPGMA, linear memory)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    strong = scored.p >= threshold
    graph = coo_matrix((np.ones(int(strong.sum())), (scored.i[strong], scored.j[strong])), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    # each component's pairs, in pair order (grouped with one stable sort, not a loop over pairs)
    within = np.flatnonzero(comp[scored.i] == comp[scored.j])
    owner = comp[scored.i[within]]
    by_comp = np.argsort(owner, kind="stable")
    within, owner = within[by_comp], owner[by_comp]
    cuts = np.flatnonzero(np.diff(owner)) + 1
    root = list(range(n))
    sums: dict[int, float] = {}
    members_of = np.argsort(comp, kind="stable")
    member_cuts = np.searchsorted(comp[members_of], np.arange(comp.max() + 2 if n else 1))
    for ks in np.split(within, cuts) if len(within) else ():
        c = comp[scored.i[ks[0]]]
        members = members_of[member_cuts[c]:member_cuts[c + 1]]
        merged, inside = _upgma(members, scored, ks, threshold)
        for r, top in merged.items():
            root[r] = top
        sums.update(inside)
    renum: dict[int, int] = {}
    labels = [renum.setdefault(root[r], len(renum)) for r in range(n)]
    size = Counter(labels)
    cohesion = {}
    for top, lab in renum.items():
        k = size[lab]
        cohesion[lab] = 1.0 if k < 2 else round(float(sums.get(top, 0.0)) / (k * (k - 1) / 2), 6)
    return labels, cohesion


def _upgma(members: np.ndarray, scored: Scored, ks: np.ndarray, threshold: float):
    """Exact average linkage of one component; returns {member: cluster root} and root -> pair sum."""
    import heapq

    rows = members.tolist()  # plain ints and floats from here: numpy scalars cost a microsecond each
    size = dict.fromkeys(rows, 1)
    sim: dict[int, dict[int, float]] = {r: {} for r in rows}
    for a, b, p in zip(scored.i[ks].tolist(), scored.j[ks].tolist(), scored.p[ks].tolist()):
        sim[a][b] = sim[b][a] = p
    # the day range, money figure and document of each cluster's members that have a range or a
    # figure (for the cannot-link test)
    marks = {r: [(lo, hi, money, doc, said)] if not (math.isnan(lo) and math.isnan(money)) else []
             for r, lo, hi, money, doc, said in zip(rows, scored.lo[members].tolist(), scored.hi[members].tolist(),
                                                    scored.money[members].tolist(), scored.doc[members].tolist(),
                                                    scored.stated[members].tolist())}
    inside = dict.fromkeys(rows, 0.0)
    heap = [(-p, a, b) for a, nb in sim.items() for b, p in nb.items() if a < b and p >= threshold]
    heapq.heapify(heap)
    parent = {r: r for r in rows}
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in size or b not in size or b not in sim[a]:
            continue
        avg = sim[a][b] / (size[a] * size[b])
        if abs(avg + neg) > 1e-12 or avg < threshold:
            continue  # stale entry
        if _conflicting(marks[a], marks[b]):
            del sim[a][b], sim[b][a]
            continue
        # merge b into a (a < b: the root is the smallest member, so labels do not depend on order)
        inside[a] += inside.pop(b) + sim[a].pop(b)
        del sim[b][a]
        for c, p in sim.pop(b).items():
            sim[a][c] = sim[a].get(c, 0.0) + p
            sim[c][a] = sim[a][c]
            del sim[c][b]
        size[a] += size.pop(b)
        marks[a] += marks.pop(b)
        parent[b] = a
        for c, p in sim[a].items():
            avg_c = p / (size[a] * size[c])
            if avg_c >= threshold:
                heapq.heappush(heap, (-avg_c, min(a, c), max(a, c)))
    def top(r):
        while parent[r] != r:
            r = parent[r]
        return r
    return {r: top(r) for r in rows}, inside


# Reports of one happening may disagree on a money figure by rounding or a revision ("$13 billion"
# against "over $14 billion": the findings flag it), but not by more than about a quarter: "invested
# $1 billion" (2019) and "invested an additional $10 billion" (2023), or "provided $750 million" and
# "committed $1 billion", are different happenings even when the same two companies and the same
# verb are involved. The money-conflict findings come from the ledger, not from events, so they
# do not depend on this.
FIGURE_RATIO = 1.25


def money_figure(m: EventMention, amounts: Mapping[str, Amount]) -> float:
    """The money figure of a mention's clause nearest its trigger (NaN: none). The nearest figure is
    the one the verb acts on ("provide $750 million"); others in the clause are context ("in the
    $6.6 billion round")."""
    best = None
    for aid in m.amounts:
        a = amounts.get(aid)
        if a is None or a.kind != "money":
            continue
        v = a.high if a.high is not None else a.low
        if v is None or v <= 0:
            continue
        gap = max(a.start - m.trigger_end, m.trigger_start - a.end, 0)
        if best is None or (gap, a.start) < best[0]:
            best = ((gap, a.start), float(v))
    return best[1] if best else float("nan")


def _group_figure(members: Sequence[EventMention], amounts: Mapping[str, Amount]) -> float:
    """The money figure of a group of mentions: the median of its members' (:func:`money_figure`;
    NaN: none)."""
    figs = [f for f in (money_figure(m, amounts) for m in members) if not np.isnan(f)]
    return float(np.median(figs)) if figs else float("nan")


def _most_common(kinds: Counter, default=None):
    """The kind most members have, ties to the first name (``default`` when there is none)."""
    return min(kinds, key=lambda t: (-kinds[t], t)) if kinds else default


def figures_apart(x, y):
    """Both figures known (not NaN) and more than :data:`FIGURE_RATIO` apart; elementwise on arrays."""
    with np.errstate(invalid="ignore"):
        return np.fmax(x, y) > FIGURE_RATIO * np.fmin(x, y)


def _conflicting(xs: list, ys: list) -> bool:
    """Two clusters' members (day range, money figure, NaN when unknown; document; whether the day is
    stated) that cannot be one happening: dates more than ``MAX_GAP_DAYS`` apart, money figures more
    than ``FIGURE_RATIO`` apart, or two different days in one document (:func:`_other_day`)."""
    return any(max(lo2 - hi1, lo1 - hi2) > MAX_GAP_DAYS or figures_apart(m1, m2)
               or (d1 == d2 and _other_day(lo1, hi1, s1, lo2, hi2, s2))
               for lo1, hi1, m1, d1, s1 in xs for lo2, hi2, m2, d2, s2 in ys)


def _other_day(lo1: float, hi1: float, stated1: bool, lo2: float, hi2: float, stated2: bool) -> bool:
    """Two days one document writes out for two acts ("October 12", "October 17"): two happenings.
    Across documents a gap of days may be one happening misreported (the findings flag it); one
    writer who writes two days tells two: a page's chronology ("October 12 - fighters capture
    Mo'tassim", "October 17 - NTC forces celebrate the capture of Bani Walid") is two captures.
    Days worked out from weekdays or "yesterday" are left to the pair model: the time tagger may
    read one "Monday" a week off from another, and splitting by them cost the key timelines real
    happenings (docs/events.md)."""
    return stated1 and stated2 and lo1 == hi1 and lo2 == hi2 and lo1 != lo2


__all__ = ["FEATURES", "FIGURE_RATIO", "PairModel", "candidate_pairs", "cluster", "cluster_labels", "join_coarse", "join_retold",
           "cluster_mentions", "figures_apart", "linkage_labels", "money_figure", "pair_features",
           "pair_probabilities", "score_candidates", "sparse_pair_features", "trigger_stems"]
