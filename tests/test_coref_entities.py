"""ECB+ entity coreference harness: the loader reads entity markables and their chains, the tag
mapping gives storyline's labels, the clustering glue gives every mention one well-defined
cluster; on the real test topics the storyline row stays at or above its floor."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from storyline.annotate import ENTITY_LABELS
from storyline.errors import BenchmarkDataError
from storyline.evaluate import coref
from storyline.evaluate import coref_entities as ce
from storyline.records import Mention

FLOORS = json.loads((Path(coref.__file__).with_name("floors_coref.json")).read_text(encoding="utf-8"))

DOC_1 = """<Document doc_name="36_1ecb.xml">
<token t_id="1" sentence="0" number="0">Winston</token>
<token t_id="2" sentence="0" number="1">Blackmore</token>
<token t_id="3" sentence="0" number="2">was</token>
<token t_id="4" sentence="0" number="3">arrested</token>
<token t_id="5" sentence="0" number="4">Wednesday</token>
<token t_id="6" sentence="1" number="0">He</token>
<token t_id="7" sentence="1" number="1">denied</token>
<token t_id="8" sentence="1" number="2">the</token>
<token t_id="9" sentence="1" number="3">charges</token>
<token t_id="10" sentence="2" number="0">Police</token>
<token t_id="11" sentence="2" number="1">said</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="4"/></ACTION_OCCURRENCE>
<TIME_DATE m_id="3"><token_anchor t_id="5"/></TIME_DATE>
<HUMAN_PART_PER m_id="4"><token_anchor t_id="6"/></HUMAN_PART_PER>
<NON_HUMAN_PART m_id="5"><token_anchor t_id="8"/><token_anchor t_id="9"/></NON_HUMAN_PART>
<HUMAN_PART_ORG m_id="6"><token_anchor t_id="10"/></HUMAN_PART_ORG>
<HUMAN_PART_PER m_id="10" RELATED_TO="" TAG_DESCRIPTOR="t36_blackmore" instance_id="HUM1" />
<UNKNOWN_INSTANCE_TAG m_id="11" RELATED_TO="" TAG_DESCRIPTOR="t36_he" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="100" note="HUM1"><source m_id="1"/><target m_id="10"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="101"><source m_id="4"/><target m_id="11"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""

DOC_2 = """<Document doc_name="36_2ecbplus.xml">
<token t_id="1" sentence="0" number="0">Blackmore</token>
<token t_id="2" sentence="0" number="1">was</token>
<token t_id="3" sentence="0" number="2">charged</token>
<token t_id="4" sentence="0" number="3">in</token>
<token t_id="5" sentence="0" number="4">Canada</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/></HUMAN_PART_PER>
<LOC_GEO m_id="2"><token_anchor t_id="5"/></LOC_GEO>
<HUMAN_PART_PER m_id="10" RELATED_TO="" TAG_DESCRIPTOR="t36_blackmore" instance_id="HUM1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="200" note="HUM1"><source m_id="1"/><target m_id="10"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""

SENTENCES = "Topic,File,Sentence Number\n36,1ecb,0\n36,1ecb,1\n36,2ecbplus,0\n"


@pytest.fixture
def tiny(tmp_path):
    """A two-document ECB+ folder: topic 36, sentence 2 of the first document not annotated."""
    folder = tmp_path / "ECB+" / "36"
    folder.mkdir(parents=True)
    (folder / "36_1ecb.xml").write_text(DOC_1, encoding="utf-8")
    (folder / "36_2ecbplus.xml").write_text(DOC_2, encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(SENTENCES, encoding="utf-8")
    return tmp_path


def _partition(labels):
    return {frozenset(i for i, lab in enumerate(labels) if lab == x) for x in labels}


def test_loader_keeps_entity_markables_of_annotated_sentences(tiny):
    corpus = ce.load(tiny, (36,))
    got = [(m.doc, m.sentence, m.tokens, m.tag) for m in corpus.mentions]
    assert got == [
        ("36_1ecb.xml", 0, (0, 1), "HUMAN_PART_PER"),
        ("36_1ecb.xml", 0, (4,), "TIME_DATE"),
        ("36_1ecb.xml", 1, (0,), "HUMAN_PART_PER"),
        ("36_1ecb.xml", 1, (2, 3), "NON_HUMAN_PART"),
        ("36_2ecbplus.xml", 0, (0,), "HUMAN_PART_PER"),
        ("36_2ecbplus.xml", 0, (4,), "LOC_GEO"),
    ]  # no event, no instance (relation target), nothing from the unannotated sentence 2
    assert set(corpus.documents) == {"36_1ecb.xml", "36_2ecbplus.xml"}


def test_loader_clusters_by_instance_id_and_chain_else_singleton(tiny):
    clusters = [m.cluster for m in ce.load(tiny, (36,)).mentions]
    assert clusters[0] == clusters[4] == "HUM1"  # "Winston Blackmore" and "Blackmore" across documents
    assert clusters[2] == "INTRA_36_1ecb.xml_101"
    assert clusters[3].startswith("SINGLETON_") and clusters[5].startswith("SINGLETON_")
    assert len(set(clusters)) == 5


def test_loader_can_leave_out_times(tiny):
    tags = [m.tag for m in ce.load(tiny, (36,), times=False).mentions]
    assert "TIME_DATE" not in tags and len(tags) == 5


def test_loader_rejects_an_unknown_entity_tag(tiny):
    path = tiny / "ECB+" / "36" / "36_2ecbplus.xml"
    path.write_text(DOC_2.replace("LOC_GEO", "LOC_MOON"), encoding="utf-8")
    with pytest.raises(BenchmarkDataError, match="LOC_MOON"):
        ce.load(tiny, (36,))


@pytest.mark.parametrize("tag,label", [
    ("HUMAN_PART_PER", "PERSON"), ("HUMAN_PART_ORG", "ORG"), ("HUMAN_PART_GPE", "GPE"), ("LOC_GEO", "GPE"),
    ("HUMAN_PART_FAC", "FAC"), ("LOC_FAC", "FAC"), ("LOC_OTHER", "LOC"), ("HUMAN_PART_VEH", "PRODUCT"),
    ("NON_HUMAN_PART", "PRODUCT"), ("TIME_DATE", "DATE"), ("TIME_OF_THE_DAY", "TIME"),
])
def test_ecbplus_tag_maps_to_spacy_label(tag, label):
    assert ce.TAG_LABELS[tag] == label


def test_only_times_map_outside_storyline_entity_labels():
    outside = {tag for tag, label in ce.TAG_LABELS.items() if label not in ENTITY_LABELS}
    assert outside == {tag for tag in ce.TAG_LABELS if tag.startswith("TIME_")}


def _m(doc, start, text, label="PERSON"):
    return Mention(doc=doc, start=start, end=start + len(text), text=text, label=label)


# two documents of one topic, a third document in another topic
MENTIONS = [
    _m("a", 0, "Winston Blackmore"), _m("a", 30, "leader"), _m("a", 40, "leader"), _m("a", 50, "Wednesday", "DATE"),
    _m("b", 0, "Blackmore"), _m("b", 20, "leader"), _m("b", 50, "Wednesday", "DATE"),
    _m("c", 0, "Blackmore"),
]
LEMMAS = ["blackmore", "leader", "leader", "wednesday", "blackmore", "leader", "wednesday", "blackmore"]
BLOCKS = [36, 36, 36, 36, 36, 36, 36, 37]


def test_names_join_across_documents_within_a_block_only():
    labels = ce.storyline_labels(MENTIONS, LEMMAS, BLOCKS, fallback="singletons")
    assert labels[0] == labels[4]  # "Blackmore" is Winston Blackmore
    assert labels[7] != labels[4]  # another topic: another block, another reconcile run


def test_singletons_fallback_gives_each_unindexed_mention_its_own_cluster():
    labels = ce.storyline_labels(MENTIONS, LEMMAS, BLOCKS, fallback="singletons")
    unindexed = [1, 2, 5]
    assert len({labels[i] for i in unindexed}) == len(unindexed)


@pytest.mark.parametrize("fallback", list(ce.FALLBACKS))
def test_times_join_by_the_day_the_tagger_gives_them_whatever_the_fallback(fallback):
    """Times never reach reconcile (no entity label): "on Friday", "Friday evening" and "around 7
    p.m. Friday" name one day; "yesterday" (its day moves with the publication date) is apart from
    every weekday and joins the other "yesterday"; "the first time" has no value: the fallback."""
    texts = ["on Friday", "Friday evening", "around 7 p.m. Friday", "yesterday", "Yesterday", "Thursday",
             "the first time", "in 2007"]
    mentions = [_m(d, 0, t, "TIME" if "evening" in t else "DATE") for d, t in zip("abcdefgh", texts)]
    lemmas = ["on", "evening", "around", "yesterday", "yesterday", "thursday", "time", "in"]
    labels = ce.storyline_labels(mentions, lemmas, [36] * len(texts), fallback=fallback)
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] == labels[4] and labels[3] not in {labels[0], labels[5]}
    assert len({labels[0], labels[5], labels[7], labels[6]}) == 4
    assert ce.time_key("the first time") is None and ce.time_key("in 2007") == "2007"
    assert ce.time_key("yesterday").startswith("deictic ")


def test_document_fallback_joins_same_head_lemma_within_a_document():
    labels = ce.storyline_labels(MENTIONS, LEMMAS, BLOCKS, fallback="document")
    assert labels[1] == labels[2] != labels[5]


def test_topic_fallback_joins_same_head_lemma_within_the_block():
    labels = ce.storyline_labels(MENTIONS, LEMMAS, BLOCKS, fallback="topic")
    assert labels[1] == labels[2] == labels[5]
    assert labels[3] == labels[6]
    assert labels[0] not in {labels[1], labels[3]}  # a name's entity and a lemma group stay apart


def test_a_pronoun_takes_the_latest_name_of_its_kind_before_it_and_else_falls_back():
    """The product's recency rule (the one that finds quote speakers): "he" the latest person named
    within reach before it, "its" the latest organisation; none before it, or too far: the fallback."""
    mentions = [_m("a", 0, "Winston Blackmore"), _m("a", 20, "Acme Corp", "ORG"), _m("a", 40, "he"),
                _m("a", 50, "its", "ORG"), _m("a", 2000, "he"), _m("b", 0, "he")]
    lemmas = ["blackmore", "corp", "he", "its", "he", "he"]
    labels = ce.storyline_labels(mentions, lemmas, [36] * 6, fallback="singletons")
    assert labels[2] == labels[0] and labels[3] == labels[1]
    assert labels[4] not in labels[:4] and labels[5] not in labels[:5]  # too far back; nobody before it


@pytest.mark.parametrize("fallback", list(ce.FALLBACKS))
def test_clusters_do_not_depend_on_mention_order(fallback):
    order = [5, 7, 0, 3, 1, 6, 4, 2]
    labels = ce.storyline_labels(MENTIONS, LEMMAS, BLOCKS, fallback=fallback)
    shuffled = ce.storyline_labels([MENTIONS[i] for i in order], [LEMMAS[i] for i in order],
                                   [BLOCKS[i] for i in order], fallback=fallback)
    back = [""] * len(order)
    for pos, i in enumerate(order):
        back[i] = shuffled[pos]
    assert _partition(back) == _partition(labels)


def test_unknown_fallback_is_rejected():
    with pytest.raises(ValueError, match="fallback"):
        ce.storyline_labels(MENTIONS, LEMMAS, BLOCKS, fallback="nearest")


def test_standard_split_sizes_match_the_literature():
    # Cattan et al. 2021's data statistics: 4758 train, 1476 dev, 2055 test entity mentions (239 test times)
    sizes = [len(ce.load(None, t).mentions) for t in (coref.TRAIN_TOPICS, ce.DEV_TOPICS, ce.TEST_TOPICS)]
    assert sizes == [4758, 1476, 2055]
    assert len(ce.load(None, ce.TEST_TOPICS, times=False).mentions) == 2055 - 239


@pytest.mark.model
def test_ecbplus_entity_mentions_slice_their_documents():
    split = ce.prepare(ce.load(None, (36,)))
    assert len(split.mentions) == len(split.lemmas) == len(split.gold)
    for m in split.mentions:
        assert split.corpus.documents[m.doc].text[m.start:m.end] == m.text
    cross = [g for g in split.gold if not g.startswith(("SINGLETON_", "INTRA_"))]
    assert any(cross.count(g) > 1 for g in cross)


@pytest.fixture(scope="module")
def result():
    return ce.run()


@pytest.mark.benchmark
@pytest.mark.model
def test_entity_harness_scores_the_whole_standard_test_set(result):
    assert (result["test_mentions"], result["time_mentions"], result["limit"]) == (2055, 239, 0)
    assert result["chosen_fallback"] in ce.FALLBACKS
    assert result["storyline"] in result["systems"]


@pytest.mark.benchmark
@pytest.mark.model
def test_entity_storyline_conll_at_or_above_floor(result):
    conll = result["systems"][result["storyline"]]["conll"]
    assert conll >= FLOORS["entity_storyline_conll"]
    assert conll - result["systems"]["lemma (gold topics)"]["conll"] >= FLOORS["entity_margin_over_lemma_conll"]


@pytest.mark.benchmark
@pytest.mark.model
def test_entity_baseline_is_scored_by_the_same_scorer(result):
    split = ce.prepare(ce.load(None, ce.TEST_TOPICS))
    ids = list(range(len(split.mentions)))
    lemma = coref.lemma_baseline(split.mentions, split.lemmas, split.corpus, lambda doc, topic: topic)
    expected = coref.scores(coref._clusters(ids, split.gold), coref._clusters(ids, lemma))
    assert result["systems"]["lemma (gold topics)"] == expected
    for a, b in combinations(result["systems"].values(), 2):
        assert set(a) == set(b) == {"muc", "b3", "ceafe", "conll"}


def test_a_relative_pronoun_is_the_mention_it_follows():
    """"Winston Blackmore, who" is Blackmore; "the leader who" joins the leader's lemma group; a "who"
    far from any mention, or one opening a sentence, falls back."""
    text = "Winston Blackmore, who led it. The leader who spoke. Later, who knows."
    at = text.index
    mentions = [_m("a", 0, "Winston Blackmore"), _m("a", at("who"), "who"), _m("a", at("leader"), "leader"),
                _m("a", at("who spoke"), "who"), _m("a", at("who knows"), "who")]
    lemmas = ["blackmore", "who", "leader", "who", "who"]
    labels = ce.storyline_labels(mentions, lemmas, [36] * 5, fallback="singletons")
    assert labels[1] == labels[0] and labels[3] == labels[2]
    assert labels[4] not in labels[:4]
