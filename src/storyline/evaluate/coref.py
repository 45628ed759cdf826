"""ECB+ cross-document event coreference: MUC, B³, CEAF-e and CoNLL F1, beside published numbers.

Setup (Cybulska & Vossen 2015 split, as used by Barhom et al. 2019 and Cattan et al. 2021):
train topics 1-35 minus dev, dev topics 2 5 12 18 21 23 34 35, test topics 36-45; gold event
mentions (``ACTION_*`` and ``NEG_ACTION_*`` markables) in the sentences listed in
``ECBplus_coreference_sentences.csv``; gold clusters from ``CROSS_DOC_COREF`` (instance id) and
``INTRA_DOC_COREF`` chains, every other mention a singleton. Within- and cross-document links are
scored together over all test mentions, singletons included, as in those papers.

Systems, all scored by the same scorer (``scorch``, a reimplementation of the CoNLL reference
scorer tested against its test cases; ``tests/test_coref_metrics.py`` re-checks them):

* ``lemma (gold topics)``: mentions with the same head lemma within a gold topic are one event.
* ``lemma (predicted doc clusters)``: same, within document clusters found by TF-IDF
  agglomerative clustering (threshold tuned on dev) - Barhom et al.'s ``Cluster+Lemma`` recipe.
* ``storyline (gold topics)``: :func:`storyline.reconcile.coref.cluster` with a pair model fitted on the
  train topics, threshold tuned on dev, run per gold topic.
* ``storyline (predicted doc clusters)``: the same model, run per predicted document cluster.

Participants come from spaCy NER on each sentence; ECB+ has no publication dates, so no times.
"""

from __future__ import annotations

import csv
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from ..reconcile import coref as coref_mod
from ..errors import BenchmarkDataError, MissingExtraError
from ..reconcile.events import event_type
from ..records import Document, EventMention, Participant, content_id

# ECB+ has no topics 15 and 17 (they were dropped from ECB); the split is the usual one.
TRAIN_TOPICS = tuple(t for t in range(1, 36) if t not in (2, 5, 12, 15, 17, 18, 21, 23, 34, 35))
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
TEST_TOPICS = tuple(range(36, 46))
THRESHOLDS = tuple(round(x, 2) for x in np.arange(0.2, 0.86, 0.05))
PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "LAW"})

# Published results on the same setting (gold mentions, ECB+ test topics 36-45, within+cross
# document event coreference, singletons included). Each figure was checked against a published
# table (the note says which); a figure we could not check is None and printed as "n/a".
PUBLISHED: tuple[dict, ...] = (
    {"system": "Cluster+Lemma baseline", "source": "Barhom et al. 2019 (ACL, P19-1409)",
     "muc": None, "b3": 77.8, "ceafe": None, "conll": None,
     "note": "B3 R 71.7 / P 85.0 / F1 77.8 as tabulated by Min et al. 2024 (ACL), Table 5; "
             "its MUC, CEAF-e and CoNLL F1 were not verified here"},
    {"system": "Bugert et al. 2021 (feature-based)", "source": "Bugert et al. 2021 (Computational Linguistics 47(3))",
     "muc": 76.1, "b3": 76.2, "ceafe": 72.2, "conll": 74.8,
     "note": "as tabulated by Min et al. 2024 (ACL), Table 2"},
    {"system": "Barhom et al. 2019 joint model", "source": "Barhom et al. 2019 (ACL, P19-1409), Table 3",
     "muc": 80.9, "b3": 80.3, "ceafe": 77.3, "conll": 79.5,
     "note": "as tabulated by Min et al. 2024 (ACL), Table 2"},
    {"system": "Cattan et al. 2021 (gold mentions)", "source": "Cattan et al. 2021 (Findings of ACL)",
     "muc": 83.5, "b3": 82.4, "ceafe": 77.0, "conll": 81.0,
     "note": "as tabulated by Min et al. 2024 (ACL), Table 2"},
)


@dataclass(frozen=True)
class GoldMention:
    topic: int
    doc: str
    sentence: int
    tokens: tuple[int, ...]  # token positions in the sentence
    cluster: str
    tag: str


@dataclass
class Corpus:
    documents: dict[str, Document]
    sentences: dict[tuple[str, int], list[str]]
    mentions: list[GoldMention]


def _root(data: Path | None) -> Path:
    if data is None:
        from ..paths import benchmark_dir

        data = benchmark_dir("ecbplus")
    data = Path(data)
    for cand in (data, data / "ECB+_LREC2014"):
        if (cand / "ECB+").is_dir() and (cand / "ECBplus_coreference_sentences.csv").is_file():
            return cand
    raise BenchmarkDataError(f"{data}: expected ECB+/<topic>/*.xml and ECBplus_coreference_sentences.csv "
                             "(the ECB+_LREC2014 folder)")


def load(data: Path | None, topics: Sequence[int]) -> Corpus:
    """Read the ECB+ documents of ``topics``: tokens, gold event mentions and clusters."""
    root = _root(data)
    keep: set[tuple[str, int]] = set()
    with open(root / "ECBplus_coreference_sentences.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            keep.add((f"{row['Topic']}_{row['File']}.xml", int(row["Sentence Number"])))
    documents: dict[str, Document] = {}
    sentences: dict[tuple[str, int], list[str]] = {}
    mentions: list[GoldMention] = []
    for topic in topics:
        folder = root / "ECB+" / str(topic)
        if not folder.is_dir():
            raise BenchmarkDataError(f"{folder}: ECB+ topic folder missing")
        for path in sorted(folder.glob("*.xml")):
            try:
                tree = ET.parse(path).getroot()
            except ET.ParseError as exc:
                raise BenchmarkDataError(f"{path}: not well-formed XML ({exc})") from exc
            name = path.name
            tok_pos: dict[str, tuple[int, int]] = {}
            sents: dict[int, list[str]] = defaultdict(list)
            for tok in tree.iter("token"):
                s = int(tok.get("sentence"))
                tok_pos[tok.get("t_id")] = (s, len(sents[s]))
                sents[s].append(tok.text or "")
            documents[name] = Document(id=name, path=str(path),
                                       text="\n".join(" ".join(sents[s]) for s in sorted(sents)))
            for s in sents:
                sentences[(name, s)] = sents[s]
            chain: dict[str, str] = {}
            for rel in tree.iter("CROSS_DOC_COREF"):
                for src in rel.iter("source"):
                    chain[src.get("m_id")] = rel.get("note")
            for rel in tree.iter("INTRA_DOC_COREF"):
                for src in rel.iter("source"):
                    chain.setdefault(src.get("m_id"), f"INTRA_{name}_{rel.get('r_id')}")
            markables = tree.find("Markables")
            for mk in markables if markables is not None else ():
                if not (mk.tag.startswith("ACTION_") or mk.tag.startswith("NEG_ACTION_")):
                    continue
                anchors = [tok_pos[a.get("t_id")] for a in mk.iter("token_anchor") if a.get("t_id") in tok_pos]
                if not anchors:
                    continue
                sent = anchors[0][0]
                if (name, sent) not in keep:
                    continue
                m_id = mk.get("m_id")
                cluster = chain.get(m_id, f"SINGLETON_{name}_{m_id}")
                mentions.append(GoldMention(topic, name, sent, tuple(sorted(p for _, p in anchors)), cluster, mk.tag))
    return Corpus(documents, sentences, mentions)


def _offsets(words: list[str]) -> list[int]:
    out, pos = [], 0
    for w in words:
        out.append(pos)
        pos += len(w) + 1
    return out


def to_event_mentions(corpus: Corpus) -> tuple[list[EventMention], list[str], list[str]]:
    """EventMentions for the gold mentions (participants from spaCy NER), their head lemmas and gold ids."""
    from spacy.tokens import Doc

    from ..annotate import nlp as nlp_mod

    nlp = nlp_mod.load()
    needed = sorted({(m.doc, m.sentence) for m in corpus.mentions})
    parsed = {}
    words_list = [corpus.sentences[k] for k in needed]
    for key, sdoc in zip(needed, nlp.pipe(Doc(nlp.vocab, words=w) for w in words_list)):
        parsed[key] = sdoc
    sent_start: dict[tuple[str, int], int] = {}
    for name in {k[0] for k in needed}:
        pos = 0
        for (doc, s) in sorted((k for k in corpus.sentences if k[0] == name), key=lambda k: k[1]):
            sent_start[(doc, s)] = pos
            pos += len(" ".join(corpus.sentences[(doc, s)])) + 1
    out, lemmas, gold = [], [], []
    for m in corpus.mentions:
        words = corpus.sentences[(m.doc, m.sentence)]
        sdoc = parsed[(m.doc, m.sentence)]
        base = sent_start[(m.doc, m.sentence)]
        offs = _offsets(words)
        lo, hi = m.tokens[0], m.tokens[-1]
        span = set(m.tokens)
        heads = [i for i in m.tokens if sdoc[i].head.i not in span or sdoc[i].head.i == i]
        head = heads[0] if heads else m.tokens[-1]
        lemma = sdoc[head].lemma_.lower()
        sent_text = " ".join(words)
        participants = tuple(Participant(name, "other") for name in sorted(
            {"ent:" + e.text.lower() for e in sdoc.ents if e.label_ in PARTICIPANT_LABELS}))
        t_start, t_end = base + offs[lo], base + offs[hi] + len(words[hi])
        text = corpus.documents[m.doc].text
        out.append(EventMention(
            id=content_id("evm", m.doc, t_start, t_end),
            doc=m.doc, start=base, end=base + len(sent_text), text=sent_text,
            trigger=text[t_start:t_end], trigger_start=t_start, trigger_end=t_end,
            type=event_type(lemma), participants=participants, sentence=m.sentence))
        lemmas.append(lemma)
        gold.append(m.cluster)
    return out, lemmas, gold


def scores(key: Sequence[set], response: Sequence[set]) -> dict:
    """MUC, B³, CEAF-e (R, P, F1 in percent) and CoNLL F1, via scorch."""
    try:
        from scorch import scores as sc
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingExtraError("eval", "scorch") from exc
    out = {}
    for name, fn in (("muc", sc.muc), ("b3", sc.b_cubed), ("ceafe", sc.ceaf_e)):
        r, p, f = fn(key, response)
        out[name] = {"r": round(100 * float(r), 2), "p": round(100 * float(p), 2), "f1": round(100 * float(f), 2)}
    out["conll"] = round((out["muc"]["f1"] + out["b3"]["f1"] + out["ceafe"]["f1"]) / 3, 2)
    return out


def _clusters(ids: Sequence[str], labels: Sequence[str]) -> list[set]:
    groups: dict[str, set] = defaultdict(set)
    for i, lab in zip(ids, labels):
        groups[lab].add(i)
    return [groups[k] for k in sorted(groups)]


def doc_clusters(corpus: Corpus, threshold: float) -> dict[str, int]:
    """Predicted topics: average-linkage clusters of the documents' TF-IDF vectors."""
    names = sorted(corpus.documents)
    sim = coref_mod._tfidf_cos([corpus.documents[n].text for n in names], stop_words="english")
    labels = coref_mod.cluster_labels(sim, threshold)
    return dict(zip(names, labels))


def _blocks(mentions: Sequence[EventMention], corpus: Corpus, block_of) -> dict:
    by_block: dict = defaultdict(list)
    topic = {m.doc: m.topic for m in corpus.mentions}
    for i, m in enumerate(mentions):
        by_block[block_of(m.doc, topic[m.doc])].append(i)
    return by_block


def block_probabilities(mentions, corpus, block_of, model) -> list[tuple]:
    """(block, mention indices in sorted order, scored candidate pairs) per block: the very
    candidates and probabilities :func:`storyline.reconcile.coref.cluster` uses."""
    out = []
    for block, idx in sorted(_blocks(mentions, corpus, block_of).items()):
        idx = sorted(idx, key=lambda i: coref_mod._sort_key(mentions[i]))
        out.append((block, idx, coref_mod.score_candidates([mentions[i] for i in idx], corpus.documents, {}, model)))
    return out


def labels_at(n: int, blocks: list[tuple], threshold: float) -> list[str]:
    labels = [""] * n
    for block, idx, scored in blocks:
        for i, lab in zip(idx, coref_mod.linkage_labels(len(idx), scored, threshold)[0]):
            labels[i] = f"{block}:{lab}"
    return labels


def predict(mentions, corpus, block_of, model) -> list[str]:
    return labels_at(len(mentions), block_probabilities(mentions, corpus, block_of, model), model.threshold)


def lemma_baseline(mentions, lemmas, corpus, block_of) -> list[str]:
    topic = {m.doc: m.topic for m in corpus.mentions}
    return [f"{block_of(m.doc, topic[m.doc])}:{lem}" for m, lem in zip(mentions, lemmas)]


def fit(mentions, gold, corpus) -> coref_mod.PairModel:
    """Logistic regression over the candidate mention pairs (``coref.candidate_pairs``) of the training topics."""
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    topic = {m.doc: m.topic for m in corpus.mentions}
    by_topic: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_topic[topic[m.doc]].append(i)
    for t in sorted(by_topic):
        idx = sorted(by_topic[t], key=lambda i: coref_mod._sort_key(mentions[i]))
        block = [mentions[i] for i in idx]
        table = coref_mod._table(block, corpus.documents, {})
        a, b = coref_mod.candidate_pairs(block, table, corpus.documents, {})
        g = np.array([gold[i] for i in idx])
        xs.append(coref_mod.sparse_pair_features(table, a, b))
        ys.append(g[a] == g[b])
    x = np.concatenate(xs)
    clf = LogisticRegression(C=1.0, max_iter=2000)
    clf.fit(x, np.concatenate(ys))
    # a feature that is always 0 in training (ECB+ has no normalised dates) keeps its prior weight
    prior = coref_mod.PairModel().weights
    weights = tuple(round(float(w), 4) if x[:, k].any() else prior[k] for k, w in enumerate(clf.coef_[0]))
    return coref_mod.PairModel(weights, round(float(clf.intercept_[0]), 4))


def _prepare(data, topics, limit=0):
    corpus = load(data, topics)
    if limit:
        docs = sorted({m.doc for m in corpus.mentions})[:limit]
        corpus.mentions = [m for m in corpus.mentions if m.doc in set(docs)]
    mentions, lemmas, gold = to_event_mentions(corpus)
    return corpus, mentions, lemmas, gold


def run(data: Path | None, limit: int = 0) -> dict:
    """Fit on train, tune on dev, score on test; ``limit`` keeps the first N test documents."""
    t0 = time.perf_counter()
    train = _prepare(data, TRAIN_TOPICS)
    dev = _prepare(data, DEV_TOPICS)
    test = _prepare(data, TEST_TOPICS, limit)
    fitted = fit(train[1], train[3], train[0])

    def gold_topic(doc, topic):
        return topic

    # threshold for mention clustering, tuned on dev with gold topics
    dev_blocks = block_probabilities(dev[1], dev[0], gold_topic, fitted)
    dev_ids = [m.id for m in dev[1]]
    dev_key = _clusters(dev_ids, dev[3])

    def conll_at(t):
        return scores(dev_key, _clusters(dev_ids, labels_at(len(dev_ids), dev_blocks, t)))["conll"]

    best_t = max(THRESHOLDS, key=lambda t: (conll_at(t), -t))
    model = replace(fitted, threshold=best_t)
    # threshold for document clustering (predicted topics), tuned on dev by the lemma baseline's CoNLL
    dev_corpus, dev_m, dev_l, dev_g = dev

    def lemma_dev(t):
        dc = doc_clusters(dev_corpus, t)
        ids = [m.id for m in dev_m]
        pred = lemma_baseline(dev_m, dev_l, dev_corpus, lambda d, _t: dc[d])
        return scores(_clusters(ids, dev_g), _clusters(ids, pred))["conll"]

    doc_t = max(THRESHOLDS, key=lambda t: (lemma_dev(t), -t))
    corpus, mentions, lemmas, gold = test
    dc = doc_clusters(corpus, doc_t)
    ids = [m.id for m in mentions]
    key = _clusters(ids, gold)
    systems = {
        "lemma (gold topics)": lemma_baseline(mentions, lemmas, corpus, gold_topic),
        "lemma (predicted doc clusters)": lemma_baseline(mentions, lemmas, corpus, lambda d, _t: dc[d]),
        "storyline (gold topics)": predict(mentions, corpus, gold_topic, model),
        "storyline (predicted doc clusters)": predict(mentions, corpus, lambda d, _t: dc[d], model),
        "storyline, shipped weights (gold topics)": predict(mentions, corpus, gold_topic, coref_mod.PairModel()),
    }
    results = {name: scores(key, _clusters(ids, labels)) for name, labels in systems.items()}
    return {
        "benchmark": "ECB+ (Cybulska & Vossen 2014), test topics 36-45, gold event mentions",
        "setting": "within+cross-document event coreference, singletons included, "
                   "coreference-annotated sentences only",
        "scorer": "scorch (CoNLL reference-scorer reimplementation)",
        "test_documents": len({m.doc for m in mentions}),
        "test_mentions": len(mentions),
        "gold_clusters": len(key),
        "limit": limit,
        "fitted_weights": dict(zip(coref_mod.FEATURES, model.weights)),
        "fitted_intercept": model.intercept,
        "threshold": best_t,
        "doc_cluster_threshold": doc_t,
        "predicted_doc_clusters": len(set(dc.values())),
        "systems": results,
        "published": list(PUBLISHED),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def run_shipped(data: Path | None = None) -> dict:
    """The quality gate's run: the shipped pair model (no refit, no tuning) and the same-lemma
    baseline, both per gold topic, on every ECB+ test topic. Much faster than :func:`run`."""
    corpus, mentions, lemmas, gold = _prepare(data, TEST_TOPICS)
    ids = [m.id for m in mentions]
    key = _clusters(ids, gold)

    def gold_topic(doc, topic):
        return topic

    return {
        "test_mentions": len(mentions),
        "lemma": scores(key, _clusters(ids, lemma_baseline(mentions, lemmas, corpus, gold_topic))),
        "storyline": scores(key, _clusters(ids, predict(mentions, corpus, gold_topic, coref_mod.PairModel()))),
    }


def report(result: dict) -> str:
    lines = [
        f"{result['benchmark']}",
        f"{result['setting']}; scorer: {result['scorer']}",
        f"{result['test_documents']} documents, {result['test_mentions']} mentions, "
        f"{result['gold_clusters']} gold clusters; threshold {result['threshold']} (tuned on dev); "
        f"{result['predicted_doc_clusters']} predicted document clusters",
        "",
        f"{'system':45} {'MUC R/P/F1':>20} {'B3 R/P/F1':>20} {'CEAF-e R/P/F1':>20} {'CoNLL':>7}",
    ]
    for name, s in result["systems"].items():
        cells = [f"{s[k]['r']:.1f}/{s[k]['p']:.1f}/{s[k]['f1']:.1f}" for k in ("muc", "b3", "ceafe")]
        lines.append(f"{name:45} {cells[0]:>20} {cells[1]:>20} {cells[2]:>20} {s['conll']:>7.2f}")
    lines.append("")
    lines.append("published (same setting; n/a = a figure we could not verify in a published table):")
    for p in result["published"]:
        cell = lambda v: "n/a" if v is None else f"{v:.1f}"  # noqa: E731
        lines.append(f"  {p['system']:43} MUC F1 {cell(p['muc']):>5}  B3 F1 {cell(p['b3']):>5}  "
                     f"CEAF-e F1 {cell(p['ceafe']):>5}  CoNLL {cell(p['conll']):>5}  [{p['source']}]")
        lines.append(f"  {'':43} ({p['note']})")
    sys_ = result["systems"]
    ours = sys_["storyline (gold topics)"]["conll"]
    lines.append("")
    lines.append(f"storyline vs same-lemma baseline (gold topics, same scorer): "
                 f"{ours - sys_['lemma (gold topics)']['conll']:+.2f} CoNLL F1")
    lines.append(f"storyline vs Cluster+Lemma (predicted doc clusters, same scorer): "
                 f"{ours - sys_['lemma (predicted doc clusters)']['conll']:+.2f} CoNLL F1")
    lines.append("fitted weights: " + ", ".join(f"{k}={v}" for k, v in result["fitted_weights"].items())
                 + f", intercept={result['fitted_intercept']}")
    lines.append(f"({result['seconds']} s)")
    return "\n".join(lines)


__all__ = ["load", "run", "run_shipped", "report", "scores", "fit", "predict", "lemma_baseline", "to_event_mentions"]
