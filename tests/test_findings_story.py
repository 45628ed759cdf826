"""End to end on a hand-built four-outlet story: events, coreference, copies and findings."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from storyline.reconcile import coref, events, findings, ledger
from storyline.records import Document
from test_events_support import FakeEntities

TEXTS = {
    "wire": "Acme Corp agreed to buy Widget Inc for $2 billion on Monday, the companies said. "
            "Acme chief executive Jane Smith called the deal \"a perfect fit\".",
    "paper": "Acme Corp will acquire Widget Inc for $2.6 billion, the companies announced on Monday. "
             "Widget chief executive Tom Brown resigned on Tuesday.",
    "blog": "Acme Corp is buying Widget Inc for $2 billion. The deal was announced on Monday.",
    "copy": "Acme Corp agreed to buy Widget Inc for $2 billion on Monday, the companies said. "
            "Acme chief executive Jane Smith called the deal \"a perfect fit\".",
}
DOCS = {k: Document(id=k, path=k, text=v, outlet=k, published=date(2024, 5, 8)) for k, v in TEXTS.items()}
COPIES = {"copy": "wire"}


@pytest.fixture(scope="module")
def story():
    from storyline.annotate import annotate_one
    from storyline.annotate.nlp import load

    nlp = load()
    anns = [annotate_one(d, nlp(d.text)) for d in DOCS.values()]
    ents = FakeEntities([m for a in anns for m in a.mentions])
    mentions, amounts = [], []
    for a in anns:
        a = replace(a, amounts=tuple(ledger.assign(a, ents)))
        amounts += a.amounts
        mentions += events.extract(a, ents)
    return mentions, amounts


def _run(mentions, amounts):
    evs = coref.cluster(mentions, DOCS, COPIES)
    return evs, findings.find(evs, amounts, DOCS, COPIES, mentions=mentions)


@pytest.mark.model
def test_the_acquisition_is_one_event_reported_by_every_outlet(story):
    evs, _ = _run(*story)
    acq = [e for e in evs if e.type == "acquisition"]
    assert len(acq) == 1
    assert acq[0].sources == ("blog", "copy", "paper", "wire")
    assert acq[0].date.value == "2024-05-06"


@pytest.mark.model
def test_corroboration_counts_the_outlets_that_give_the_same_price_and_names_the_copy(story):
    """The paper tells the deal at $2.6 billion: it confirms the deal but not the claim's $2 billion,
    so it is no corroboration of it (its price is a conflict of its own, below)."""
    evs, fs = _run(*story)
    acq = next(e for e in evs if e.type == "acquisition")
    (f,) = [f for f in fs if f.kind == "corroborated" and f.events == (acq.id,)]
    assert f.sources == ("blog", "wire")
    assert "copy = copy of wire" in f.summary


@pytest.mark.model
def test_price_conflict_and_single_source_resignation(story):
    _, fs = _run(*story)
    money = [f for f in fs if f.kind == "conflict" and f.amounts]
    assert money and all("$2.6 billion" in f.summary for f in money)
    assert all({e.doc for e in f.evidence} & {"paper"} for f in money)
    singles = [f for f in fs if f.kind == "single_source"]
    assert any("resigned" in f.summary for f in singles)


@pytest.mark.model
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_story_does_not_depend_on_document_order(story, seed):
    mentions, amounts = story
    order = sorted(DOCS)
    random.Random(seed).shuffle(order)
    m2 = sorted(mentions, key=lambda m: (order.index(m.doc), m.start))
    a2 = sorted(amounts, key=lambda a: (order.index(a.doc), -a.start))
    assert _run(m2, a2) == _run(mentions, amounts)


def _every_match_is_a_candidate(story_obj, mentions):
    """Check that blocking offers every mention that tells the same happening; return how many pairs
    of two different mentions matched (so a test can ask that there were some to offer)."""
    pairs = 0
    for a in mentions:
        maybe = story_obj.candidates(a)
        for m in mentions:
            for loose in (False, True):
                if findings.same_happening(story_obj, m, a, loose=loose):
                    pairs += m.id != a.id
                    assert m.id in maybe, (a.text, m.text, loose)
    return pairs


@pytest.mark.model
def test_blocking_never_skips_a_mention_that_tells_the_same_happening(story):
    mentions, amounts = story
    evs = coref.cluster(mentions, DOCS, COPIES)
    _, _, _, s = findings._prepare(evs, amounts, DOCS, COPIES, mentions, {}, None, None, ())
    assert _every_match_is_a_candidate(s, s.mentions) > 0


@pytest.mark.model
def test_blocking_never_skips_a_match_in_the_demo(demo_build):
    # the demo's own event mentions, as its reconcile kept them (reconcile.memo), with its entities
    import json

    from storyline.reconcile import memo
    from storyline.store import Store

    out, result = demo_build
    with Store(out, read_only=True) as st:
        kept = [memo.Kept.from_dict(json.loads(x)) for x in st.kept().values()]
    mentions = [m for k in kept for m in k.mentions]
    amounts = [a for k in kept for a in k.amounts]
    entities = {e.id: e for e in result.dossier.entities}
    docs = {d.id: d for d in result.dossier.documents}
    _, _, _, s = findings._prepare(list(result.dossier.events), amounts, docs, {}, mentions, entities, None, None, ())
    assert len(mentions) > 50
    assert _every_match_is_a_candidate(s, s.mentions) > 10


@pytest.mark.model
def test_findings_and_coverage_from_one_reading_of_the_story_are_what_each_gives_alone(story):
    """A build reads the story once for both (:func:`findings.find_with_coverage`); the findings and
    the coverage are those :func:`findings.find` and :func:`findings.coverage` give on their own."""
    mentions, amounts = story
    evs = [replace(e, key=True, rank=i) for i, e in enumerate(coref.cluster(mentions, DOCS, COPIES), 1)]
    found, covered = findings.find_with_coverage(evs, amounts, DOCS, COPIES, mentions=mentions)
    assert found == findings.find(evs, amounts, DOCS, COPIES, mentions=mentions)
    assert covered == findings.coverage(evs, amounts, DOCS, COPIES, mentions=mentions)
    deal = next(r for r in covered["rows"] if r["headline"].startswith("Acme Corp agreed to buy"))
    # the copy stands for the wire; the paper's $2.6 billion is not the claim's $2 billion
    assert sorted(deal["cells"]) == ["blog", "wire"] and deal["missing"] == ["paper"]
    for cell in deal["cells"].values():
        assert TEXTS[cell["doc"]][cell["start"]:cell["end"]] == cell["text"]


def test_coverage_of_a_dossier_that_drops_events_points_only_at_events_it_keeps():
    covered = {"sources": [], "rows": [{"event": "k", "cells": {
        "a": {"doc": "d", "start": 0, "end": 3, "text": "abc", "event": "k"},
        "b": {"doc": "e", "start": 0, "end": 3, "text": "xyz", "event": "dropped"},
        "c": {"doc": "f", "start": 0, "end": 3, "text": "uvw", "event": "other"}}, "missing": []}]}
    cells = findings.without_events(covered, {"k", "other"})["rows"][0]["cells"]
    assert {k: c["event"] for k, c in cells.items()} == {"a": "k", "b": "k", "c": "other"}
    assert covered["rows"][0]["cells"]["b"]["event"] == "dropped"  # the input is left as it was
