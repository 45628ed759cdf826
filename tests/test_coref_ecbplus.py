"""ECB+ samples: the loader follows the standard setup, and clustering real news mentions
does not depend on the order the documents come in."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.reconcile.coref import cluster
from storyline.evaluate import coref as ev


@pytest.fixture(scope="module")
def topic36():
    corpus = ev.load(None, (36,))
    mentions, lemmas, gold = ev.to_event_mentions(corpus)
    return corpus, mentions, lemmas, gold


def test_standard_split_sizes_match_the_literature():
    # Barhom et al. 2019 / Cattan et al. 2021: 3808 train, 1245 dev, 1780 test event mentions
    assert [len(ev.load(None, t).mentions) for t in (ev.TRAIN_TOPICS, ev.DEV_TOPICS)] == [3808, 1245]


def test_loader_keeps_only_annotated_sentences_and_action_markables():
    corpus = ev.load(None, (36,))
    assert corpus.mentions
    assert all(m.tag.startswith(("ACTION_", "NEG_ACTION_")) for m in corpus.mentions)
    assert all(m.topic == 36 for m in corpus.mentions)
    cross = {m.cluster for m in corpus.mentions if not m.cluster.startswith(("SINGLETON_", "INTRA_"))}
    docs_per_cluster = {c: {m.doc for m in corpus.mentions if m.cluster == c} for c in cross}
    assert max(len(d) for d in docs_per_cluster.values()) > 1  # real cross-document chains


@pytest.mark.model
def test_ecbplus_mentions_slice_their_documents(topic36):
    corpus, mentions, _, _ = topic36
    for m in mentions:
        text = corpus.documents[m.doc].text
        assert text[m.start:m.end] == m.text
        assert text[m.trigger_start:m.trigger_end] == m.trigger


@pytest.mark.model
def test_model_beats_same_lemma_on_a_sample_topic(topic36):
    corpus, mentions, lemmas, gold = topic36
    ids = [m.id for m in mentions]
    key = ev._clusters(ids, gold)
    same = lambda d, t: t  # noqa: E731
    lemma = ev.scores(key, ev._clusters(ids, ev.lemma_baseline(mentions, lemmas, corpus, same)))["conll"]
    ours = ev.scores(key, ev._clusters(ids, ev.predict(mentions, corpus, same, ev.coref_mod.PairModel())))["conll"]
    assert ours > lemma


@pytest.mark.model
def test_cluster_finds_cross_document_events_in_a_topic(topic36):
    corpus, mentions, _, _ = topic36
    events = cluster(mentions, corpus.documents, {})
    assert sum(len(e.evidence) for e in events) >= len({(m.doc, m.start) for m in mentions})
    assert any(len(e.sources) >= 3 for e in events)


@pytest.mark.model
@settings(max_examples=6, deadline=None)
@given(st.randoms(use_true_random=False))
def test_ecbplus_result_does_not_depend_on_document_order(topic36, rnd):
    corpus, mentions, _, _ = topic36
    docs = sorted({m.doc for m in mentions})[:8]
    sample = [m for m in mentions if m.doc in docs]
    order = docs[:]
    rnd.shuffle(order)
    shuffled = sorted(sample, key=lambda m: (order.index(m.doc), -m.start))
    assert cluster(shuffled, corpus.documents, {}) == cluster(sample, corpus.documents, {})
