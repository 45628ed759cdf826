"""ECB+ cross-document entity coreference: MUC, B³, CEAF-e and CoNLL F1, beside published numbers.

Setting (the one of Barhom et al. 2019 and Cattan et al. 2021, with gold mentions): the split and
sentences of :mod:`storyline.evaluate.coref` (test topics 36-45, dev topics 2 5 12 18 21 23 34 35,
only the sentences of ``ECBplus_coreference_sentences.csv``); the gold entity mentions are every
markable that is not an event (``ACTION_*``, ``NEG_ACTION_*``) - human and non-human participants,
locations *and times* (``TIME_*``). Times are in because both papers' data scripts keep them:
Barhom et al.'s ``make_dataset.py`` reads every non-ACTION markable as an entity (classes HUM, NON,
LOC, TIM) and Cattan et al.'s ``get_ecb_data.py`` counts 2055 test entity mentions, 239 of them
times - the 2055 this loader finds. Scores without the times are reported beside. Gold clusters
come from ``CROSS_DOC_COREF`` (instance id) and ``INTRA_DOC_COREF`` chains as for events, every
other mention a singleton; within- and cross-document links are scored together over all
mentions, singletons included, by the scorer of :func:`storyline.evaluate.coref.scores`.

The system under test is :func:`storyline.reconcile.entities.reconcile`. Each gold mention becomes
a :class:`~storyline.records.Mention` whose text is the markable's tokens (first to last, as the
event harness cuts triggers) and whose label is the spaCy label its ECB+ tag maps to
(:data:`TAG_LABELS`): PER, GENERIC and bare HUMAN_PART -> PERSON; ORG and MET (a metonymic
participant, "Washington" for the government) -> ORG; GPE and LOC_GEO -> GPE; HUMAN_PART_FAC and
LOC_FAC -> FAC; LOC_OTHER -> LOC; vehicles and non-human participants -> PRODUCT; TIME_OF_THE_DAY
-> TIME, the other times -> DATE. ``reconcile`` runs once per block (gold topic, or predicted
document cluster) on the mentions whose label storyline keeps as an entity
(:data:`storyline.annotate.ENTITY_LABELS`: no DATE or TIME), with the block's document texts, as
the pipeline calls it. It indexes only name-like (capitalised) mentions; every other mention - the
times, nominals, and pronouns the product's recency rule
(:func:`storyline.reconcile.entities.pronoun_antecedent`, the rule that finds quote speakers)
leaves unresolved - gets one of these treatments, each a row of the report:

* first, whatever the fallback: a time joins the times the temporal tagger gives the same day
  (:func:`time_key`), and a relative pronoun ("who", "which") the mention it follows;
* ``singletons``: its own entity;
* ``head lemma in document``: one entity per head lemma within its document;
* ``head lemma in topic``: one entity per head lemma within its block (the baseline's rule).

Which one is "the storyline row" (the gate's) is chosen on the dev topics (best CoNLL F1 with gold
topics), never on test; all are reported. The head lemma is spaCy's lemma of the markable's
syntactic head (the first token whose head lies outside the markable), from
:func:`storyline.evaluate.coref.to_event_mentions`, lower-cased.

Baselines, same scorer: ``lemma (gold topics)``, mentions with the same head lemma within a gold
topic are one entity; ``lemma (predicted doc clusters)``, the same within the TF-IDF document
clusters of :func:`storyline.evaluate.coref.doc_clusters` (threshold tuned on dev by this
baseline's CoNLL F1), Barhom et al.'s Cluster+Lemma recipe.
"""

from __future__ import annotations

import csv
import datetime
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ..annotate import ENTITY_LABELS, timex
from ..errors import BenchmarkDataError
from ..records import Mention
from ..reconcile.entities import RELATIVE_PRONOUNS, EntityIndex, pronoun_antecedent, reconcile
from . import coref
from .coref import DEV_TOPICS, TEST_TOPICS, THRESHOLDS, Corpus, GoldMention, scores

EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
# ECB+ entity tag -> the spaCy label storyline's NER would give such a mention
TAG_LABELS: dict[str, str] = {
    "HUMAN_PART_PER": "PERSON", "HUMAN_PART_GENERIC": "PERSON", "HUMAN_PART": "PERSON",
    "HUMAN_PART_ORG": "ORG", "HUMAN_PART_MET": "ORG", "HUMAN_PART_GPE": "GPE", "HUMAN_PART_FAC": "FAC",
    "HUMAN_PART_VEH": "PRODUCT", "NON_HUMAN_PART": "PRODUCT", "NON_HUMAN_PART_GENERIC": "PRODUCT",
    "LOC_GEO": "GPE", "LOC_FAC": "FAC", "LOC_OTHER": "LOC",
    "TIME_DATE": "DATE", "TIME_OF_THE_DAY": "TIME", "TIME_DURATION": "DATE", "TIME_REPETITION": "DATE",
}
# what a mention reconcile() leaves out becomes (see the module docstring)
FALLBACKS: dict[str, str] = {
    "singletons": "others singletons",
    "document": "others by head lemma in document",
    "topic": "others by head lemma in topic",
}

# Published results in the same setting (gold mentions, ECB+ test topics 36-45, entity coreference,
# within+cross document, singletons included). Only a figure read in a published table may go in a
# field; the note says where. None is printed "n/a".
PUBLISHED: tuple[dict, ...] = (
    {"system": "Cluster+Lemma baseline", "source": "Barhom et al. 2019 (ACL, P19-1409)",
     "muc": None, "b3": None, "ceafe": None, "conll": None,
     "note": "the paper's entity table could not be read here; no figure verified"},
    {"system": "Barhom et al. 2019 joint model", "source": "Barhom et al. 2019 (ACL, P19-1409)",
     "muc": None, "b3": None, "ceafe": None, "conll": None,
     "note": "the paper's entity table could not be read here; no figure verified"},
    {"system": "Cattan et al. 2021 (gold mentions)", "source": "Cattan et al. 2021 (Findings of ACL)",
     "muc": None, "b3": None, "ceafe": None, "conll": None,
     "note": "its entity results on gold mentions could not be read here; no figure verified"},
    {"system": "Caciularu et al. 2021 (CDLM)", "source": "Caciularu et al. 2021 (Findings of EMNLP)",
     "muc": None, "b3": None, "ceafe": None, "conll": None,
     "note": "its entity results could not be read here; no figure verified"},
)


@dataclass(frozen=True)
class Split:
    """Gold entity mentions of some topics, as storyline Mentions, with head lemmas and gold ids."""

    corpus: Corpus
    mentions: list[Mention]
    lemmas: list[str]
    gold: list[str]

    @property
    def tags(self) -> list[str]:
        return [g.tag for g in self.corpus.mentions]


def _annotated_sentences(root: Path) -> set[tuple[str, int]]:
    with open(root / "ECBplus_coreference_sentences.csv", newline="", encoding="utf-8") as fh:
        return {(f"{row['Topic']}_{row['File']}.xml", int(row["Sentence Number"])) for row in csv.DictReader(fh)}


def entity_markables(path: Path, topic: int, annotated: set[tuple[str, int]]) -> list[GoldMention]:
    """The gold entity mentions of one ECB+ document, in the annotated sentences only."""
    tree = ET.parse(path).getroot()  # coref.load has parsed it already: well-formed
    name = path.name
    seen: Counter = Counter()
    where: dict[str, tuple[int, int]] = {}
    for tok in tree.iter("token"):
        sent = int(tok.get("sentence"))
        where[tok.get("t_id")] = (sent, seen[sent])
        seen[sent] += 1
    # cross-document instance ids first, then within-document chains, as for events
    chain: dict[str, str] = {}
    for kind in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
        for rel in tree.iter(kind):
            ident = rel.get("note") if kind == "CROSS_DOC_COREF" else f"INTRA_{name}_{rel.get('r_id')}"
            for src in rel.iter("source"):
                chain.setdefault(src.get("m_id"), ident)
    out = []
    for mk in tree.findall("Markables/*"):
        anchors = [where[a.get("t_id")] for a in mk.iter("token_anchor") if a.get("t_id") in where]
        if mk.tag.startswith(EVENT_TAGS) or not anchors:  # an event, or an instance (a relation's target)
            continue
        if mk.tag not in TAG_LABELS:
            raise BenchmarkDataError(f"{path}: markable m_id={mk.get('m_id')} has an unknown tag {mk.tag!r}")
        if (name, anchors[0][0]) in annotated:
            cluster = chain.get(mk.get("m_id"), f"SINGLETON_{name}_{mk.get('m_id')}")
            positions = tuple(sorted(pos for _, pos in anchors))
            out.append(GoldMention(topic, name, anchors[0][0], positions, cluster, mk.tag))
    return out


def load(data: Path | None, topics: Sequence[int], times: bool = True) -> Corpus:
    """The ECB+ documents of ``topics`` (tokens and texts as :func:`coref.load` reads them) with
    their gold entity mentions; ``times=False`` leaves out the ``TIME_*`` markables."""
    corpus = coref.load(data, topics)
    root = coref._root(data)
    annotated = _annotated_sentences(root)
    mentions = [m for t in topics for path in sorted((root / "ECB+" / str(t)).glob("*.xml"))
                for m in entity_markables(path, t, annotated) if times or not m.tag.startswith("TIME_")]
    return replace(corpus, mentions=mentions)


def prepare(corpus: Corpus, limit: int = 0) -> Split:
    """Mentions (text, offsets, mapped label), head lemmas and gold ids; ``limit`` keeps the first N documents."""
    if limit:
        first = set(sorted({m.doc for m in corpus.mentions})[:limit])
        corpus = replace(corpus, mentions=[m for m in corpus.mentions if m.doc in first])
    found, lemmas, gold = coref.to_event_mentions(corpus)
    mentions = [Mention(doc=e.doc, start=e.trigger_start, end=e.trigger_end, text=e.trigger,
                        label=TAG_LABELS[g.tag], sentence=g.sentence) for g, e in zip(corpus.mentions, found)]
    return Split(corpus, mentions, lemmas, gold)


TIME_LABELS = frozenset({"DATE", "TIME"})
RELATIVE_GAP = 4  # characters between a mention and the relative pronoun after it: ", who"
# ECB+ documents carry no publication date: time expressions are resolved against this one
# (any date serves: only whether two expressions resolve alike matters), and again a day later
REFERENCE = datetime.date(2009, 3, 4)


@lru_cache(maxsize=None)
def time_key(text: str) -> str | None:
    """What a time expression names, by storyline's temporal tagger: the TIMEX3 value of its
    longest expression cut to the day ("on Friday", "Friday evening" and "around 7 p.m. Friday"
    are one day), resolved against :data:`REFERENCE`; an expression whose day moves with the
    publication date ("yesterday", "this morning") is kept apart as a deictic value (the same in
    every report of one story, as reports of one happening are published together). None when
    the tagger finds no value ("the first time")."""
    values = []
    for dct in (REFERENCE, REFERENCE + datetime.timedelta(days=1)):
        found = [t for t in timex.tag(text, dct) if t.value]
        if not found:
            return None
        values.append(max(found, key=lambda t: (t.end - t.start, -t.start)).value)
    try:
        moved = (datetime.date.fromisoformat(values[1][:10]) - datetime.date.fromisoformat(values[0][:10])).days
    except ValueError:
        moved = 0
    return f"{'deictic ' if moved == 1 else ''}{values[0][:10]}"


def storyline_labels(mentions: Sequence[Mention], lemmas: Sequence[str], blocks: Sequence,
                     texts: Mapping[str, str] | None = None, fallback: str = "document") -> list[str]:
    """One cluster label per mention: the entity :func:`reconcile` gives it (run once per block
    on the block's mentions of a storyline entity label), else the ``fallback`` of
    :data:`FALLBACKS` - its own, or its head lemma within its document or within its block."""
    if fallback not in FALLBACKS:
        raise ValueError(f"unknown fallback {fallback!r}; choose one of {', '.join(FALLBACKS)}")
    by_block: dict = defaultdict(list)
    for i, block in enumerate(blocks):
        by_block[block].append(i)
    labels = [""] * len(mentions)
    for block, idx in by_block.items():
        pool = [mentions[i] for i in idx if mentions[i].label in ENTITY_LABELS]
        docs = {m.doc for m in pool}
        entities, index = reconcile(pool, texts={d: t for d, t in texts.items() if d in docs} if texts else None)
        names = EntityIndex(entities, index, pool)
        for i in idx:
            m = mentions[i]
            entity = index.get((m.doc, m.start, m.end)) if m.label in ENTITY_LABELS else None
            if entity is None:  # "he", "its": the product's recency rule (None for any other word)
                entity = pronoun_antecedent(m.text, m.start, m.doc, names)
            day = time_key(m.text) if m.label in TIME_LABELS and not entity else None
            if entity:
                labels[i] = f"{block}:entity:{entity}"
            elif day:
                labels[i] = f"{block}:time:{day}"
            elif fallback == "singletons":
                labels[i] = f"{block}:mention:{i}"
            elif fallback == "document":
                labels[i] = f"{block}:{m.doc}:{lemmas[i]}"
            else:
                labels[i] = f"{block}:lemma:{lemmas[i]}"
        # "a man who", "the Navy, which": a relative pronoun is the mention it follows, as spaCy's
        # parse attaches a relative clause to its noun (the quote speaker rule reads that attachment)
        ends = {(mentions[i].doc, mentions[i].end): i for i in idx}
        for i in sorted(idx, key=lambda i: (mentions[i].doc, mentions[i].start)):
            m = mentions[i]
            if m.text.lower() in RELATIVE_PRONOUNS:
                before = next((ends[(m.doc, end)] for end in range(m.start, m.start - RELATIVE_GAP - 1, -1)
                               if (m.doc, end) in ends and ends[(m.doc, end)] != i), None)
                if before is not None:
                    labels[i] = labels[before]
    return labels


def _blocks(split: Split, block_of: Callable[[str, int], object]) -> list:
    return [block_of(g.doc, g.topic) for g in split.corpus.mentions]


def _gold_topic(doc: str, topic: int) -> int:
    return topic


def _texts(split: Split) -> dict[str, str]:
    return {d: split.corpus.documents[d].text for d in {m.doc for m in split.mentions}}


def _score(split: Split, labels: Sequence[str], keep: Sequence[bool] | None = None) -> dict:
    ids = [i for i in range(len(labels)) if keep is None or keep[i]]
    return scores(coref._clusters(ids, [split.gold[i] for i in ids]), coref._clusters(ids, [labels[i] for i in ids]))


def system_labels(split: Split, block_of: Callable[[str, int], object]) -> dict[str, list[str]]:
    """Every system's labels on ``split``: the same-lemma baseline and storyline with each fallback."""
    blocks = _blocks(split, block_of)
    out = {"lemma": coref.lemma_baseline(split.mentions, split.lemmas, split.corpus, block_of)}
    texts = _texts(split)
    for name in FALLBACKS:
        out[name] = storyline_labels(split.mentions, split.lemmas, blocks, texts, name)
    return out


def run(data: Path | None = None, limit: int = 0) -> dict:
    """Choose the fallback and the document-clustering threshold on dev, score every row on test;
    ``limit`` keeps the first N test documents."""
    t0 = time.perf_counter()
    dev = prepare(load(data, DEV_TOPICS))
    test = prepare(load(data, TEST_TOPICS), limit)
    dev_rows = system_labels(dev, _gold_topic)
    dev_conll = {name: _score(dev, dev_rows[name])["conll"] for name in FALLBACKS}
    chosen = max(FALLBACKS, key=dev_conll.__getitem__)  # a tie goes to the first

    def lemma_dev(threshold: float) -> float:
        clusters = coref.doc_clusters(dev.corpus, threshold)
        labels = coref.lemma_baseline(dev.mentions, dev.lemmas, dev.corpus, lambda doc, _t: clusters[doc])
        return _score(dev, labels)["conll"]

    doc_t = max(THRESHOLDS, key=lambda t: (lemma_dev(t), -t))
    predicted = coref.doc_clusters(test.corpus, doc_t)
    by_topic = system_labels(test, _gold_topic)
    by_cluster = system_labels(test, lambda doc, _t: predicted[doc])
    rows = {"lemma (gold topics)": by_topic["lemma"], "lemma (predicted doc clusters)": by_cluster["lemma"]}
    for name, what in FALLBACKS.items():
        rows[f"storyline names, {what} (gold topics)"] = by_topic[name]
    rows[f"storyline names, {FALLBACKS[chosen]} (predicted doc clusters)"] = by_cluster[chosen]
    no_time = [not tag.startswith("TIME_") for tag in test.tags]
    return {
        "benchmark": "ECB+ (Cybulska & Vossen 2014), test topics 36-45, gold entity mentions",
        "setting": "within+cross-document entity coreference (participants, locations, times), "
                   "singletons included, coreference-annotated sentences only",
        "scorer": "scorch (CoNLL reference-scorer reimplementation)",
        "test_documents": len({m.doc for m in test.mentions}),
        "test_mentions": len(test.mentions),
        "time_mentions": no_time.count(False),
        "gold_clusters": len(set(test.gold)),
        "limit": limit,
        "dev_conll": dev_conll,
        "chosen_fallback": chosen,
        "storyline": f"storyline names, {FALLBACKS[chosen]} (gold topics)",
        "doc_cluster_threshold": doc_t,
        "predicted_doc_clusters": len(set(predicted.values())),
        "systems": {name: _score(test, labels) for name, labels in rows.items()},
        "without_times": {name: _score(test, rows[name], no_time)
                          for name in ("lemma (gold topics)", f"storyline names, {FALLBACKS[chosen]} (gold topics)")},
        "published": list(PUBLISHED),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _row(name: str, s: dict) -> str:
    cells = ["/".join(f"{s[metric][part]:.1f}" for part in ("r", "p", "f1")) for metric in ("muc", "b3", "ceafe")]
    return f"{name:72} " + " ".join(f"{c:>17}" for c in cells) + f" {s['conll']:>7.2f}"


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def report(result: dict) -> str:
    """The result of :func:`run` as a plain-text table."""
    head = f"{'system':72} {'MUC R/P/F1':>17} {'B3 R/P/F1':>17} {'CEAF-e R/P/F1':>17} {'CoNLL':>7}"
    lines = [
        result["benchmark"],
        f"{result['setting']}; scorer: {result['scorer']}",
        f"{result['test_documents']} documents, {result['test_mentions']} mentions ({result['time_mentions']} times), "
        f"{result['gold_clusters']} gold clusters; {result['predicted_doc_clusters']} predicted document clusters "
        f"(threshold {result['doc_cluster_threshold']}, tuned on dev)",
        "",
        head,
        *(_row(name, s) for name, s in result["systems"].items()),
        "",
        "without the TIME_* mentions (participants and locations only):",
        head,
        *(_row(name, s) for name, s in result["without_times"].items()),
        "",
        "dev CoNLL F1 of storyline's fallbacks (gold topics): "
        + ", ".join(f"{FALLBACKS[k]} {v:.2f}" for k, v in result["dev_conll"].items())
        + f"; the storyline row: {FALLBACKS[result['chosen_fallback']]}",
        "",
        "published (same setting; n/a = no figure verified in a published table):",
    ]
    for p in result["published"]:
        figures = "  ".join(f"{label} {_figure(p[key]):>5}" for key, label in
                            (("muc", "MUC F1"), ("b3", "B3 F1"), ("ceafe", "CEAF-e F1"), ("conll", "CoNLL")))
        lines += [f"  {p['system']:40} {figures}  [{p['source']}]", f"  {'':40} ({p['note']})"]
    systems = result["systems"]
    margin = systems[result["storyline"]]["conll"] - systems["lemma (gold topics)"]["conll"]
    lines += ["", f"{result['storyline']} vs same-lemma baseline (gold topics, same scorer): {margin:+.2f} CoNLL F1",
              f"({result['seconds']} s)"]
    return "\n".join(lines)


__all__ = ["FALLBACKS", "PUBLISHED", "TAG_LABELS", "Split", "entity_markables", "load", "prepare", "report", "run",
           "storyline_labels", "system_labels"]
