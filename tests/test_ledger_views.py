"""Ledger views, totals and conflicts on hand-built amounts; roles from the real parse (model)."""

from dataclasses import replace

import pytest

from storyline.reconcile import ledger
from storyline.records import Amount, Document, content_id


def _doc(doc_id, text, outlet):
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, outlet=outlet)


def _amt(doc, text, needle, low, high, qualifier="exact", purpose="investment", payer="ent_ms", payee="ent_oai",
         time=None, per=None):
    start = text.index(needle)
    end = start + len(needle)
    return Amount(id=content_id("amt", doc, start, end, needle), doc=doc, start=start, end=end, text=needle,
                  kind="money", currency="USD", unit="dollar", low=low, high=high, qualifier=qualifier,
                  purpose=purpose, payer=payer, payee=payee, payer_name="Microsoft", payee_name="OpenAI", time=time,
                  per=per)


T1 = "Intro line. Microsoft has invested $13 billion in OpenAI. Other news."
T2 = "Microsoft has put at least $650 million into the lab. More."
T3 = "Microsoft has invested $10 billion in OpenAI, the paper said."
T4 = "Microsoft has invested $650 million in OpenAI."
DOCS = {"a": _doc("a", T1, "Reuters"), "b": _doc("b", T2, "FT"), "c": _doc("c", T3, "Verge"),
        "d": _doc("d", T4, "Wire")}


def test_views_group_by_relationship_with_sentence_evidence():
    a = _amt("a", T1, "$13 billion", 13e9, 13e9)
    v = ledger.views([a], DOCS, {"ent_ms": "Microsoft", "ent_oai": "OpenAI"})
    rel = v["relationships"][0]
    assert (rel["payer_name"], rel["payee_name"]) == ("Microsoft", "OpenAI")
    ev = rel["rows"][0]["evidence"]
    assert ev["text"] == "Microsoft has invested $13 billion in OpenAI."
    assert T1[ev["start"]:ev["end"]] == ev["text"]


@pytest.mark.parametrize("figures,low,high,qualifier", [
    ([(1e9, 1e9, "exact"), (2e9, 2e9, "exact")], 3e9, 3e9, "exact"),
    ([(1e9, None, "at_least"), (2e9, 2e9, "exact")], 3e9, None, "at_least"),
    ([(None, 1e9, "at_most"), (None, 2e9, "less_than")], None, 3e9, "at_most"),
    ([(1e9, 2e9, "range"), (1e9, 1e9, "exact")], 2e9, 3e9, "range"),
])
def test_totals_keep_bounds(figures, low, high, qualifier):
    amounts = [Amount(id=f"amt_{i}", doc="a", start=0, end=1, text="x", low=lo, high=hi, qualifier=q,
                      currency="USD") for i, (lo, hi, q) in enumerate(figures)]
    t = ledger.total(amounts)
    assert (t["low"], t["high"], t["qualifier"]) == (low, high, qualifier)


def test_same_figure_from_two_sources_counts_once_in_totals():
    a = _amt("a", T1, "$13 billion", 13e9, 13e9)
    c = _amt("c", T3, "$10 billion", 10e9, 10e9)
    c2 = _amt("d", T4, "$650 million", 13e9, 13e9)  # same figure as a, other source
    assert ledger.total([a, c, c2])["low"] == 23e9


def test_incompatible_reports_become_a_conflict_citing_both():
    """Two running totals ("has invested") as of the same time that cannot both hold."""
    a = replace(_amt("a", T1, "$13 billion", 13e9, 13e9), measure="running_total", cumulative=True)
    c = replace(_amt("c", T3, "$10 billion", 10e9, 10e9), measure="running_total", cumulative=True)
    (f,) = ledger.conflicts([a, c], DOCS, {})
    assert f.kind == "conflict" and set(f.amounts) == {a.id, c.id} and set(f.sources) == {"a", "c"}
    assert [e.doc for e in f.evidence] == ["a", "c"]
    assert all(DOCS[e.doc].text[e.start:e.end] == e.text for e in f.evidence)


@pytest.mark.parametrize("doc,text,needle,low,high,qualifier", [
    ("d", T4, "$650 million", 6.5e8, 6.5e8, "exact"),
    ("b", T2, "at least $650 million", 6.5e8, None, "at_least"),
])
def test_compatible_reports_do_not_conflict(doc, text, needle, low, high, qualifier):
    a = _amt("a", T1, "$13 billion", 13e9, 13e9) if qualifier == "at_least" else _amt("c", T3, "$10 billion", 6.5e8,
                                                                                         6.5e8)
    b = _amt(doc, text, needle, low, high, qualifier)
    assert ledger.conflicts([a, b], DOCS, {}) == []


def test_copies_count_as_one_source_and_differently_dated_figures_do_not_conflict():
    a = _amt("a", T1, "$13 billion", 13e9, 13e9)
    c = _amt("c", T3, "$10 billion", 10e9, 10e9)
    assert ledger.conflicts([a, c], DOCS, {"c": "a"}) == []
    a19 = _amt("a", T1, "$13 billion", 13e9, 13e9, time="2023")
    c23 = _amt("c", T3, "$10 billion", 10e9, 10e9, time="2019")
    assert ledger.conflicts([a19, c23], DOCS, {}) == []


class FakeEntities:
    NAMES = {"ent_ms": "Microsoft", "ent_oai": "OpenAI", "ent_amzn": "Amazon", "ent_anth": "Anthropic"}

    def __init__(self, text):
        self.text = text

    def entity_of(self, doc, start, end):
        span = self.text[start:end]
        for eid, name in self.NAMES.items():
            if name in span:
                return eid
        return None

    def name_of(self, entity_id):
        return self.NAMES[entity_id]


@pytest.mark.model
@pytest.mark.parametrize("sentence,purpose,payer,payee", [
    ("Microsoft invested $1 billion in OpenAI.", "investment", "ent_ms", "ent_oai"),
    ("OpenAI raised $6.6 billion from Microsoft.", "funding_round", "ent_ms", "ent_oai"),
    ("Amazon agreed to buy Anthropic for about $4 billion.", "acquisition", "ent_amzn", "ent_anth"),
])
def test_assign_reads_purpose_payer_and_payee_from_the_parse(sentence, purpose, payer, payee):
    from storyline import annotate
    from storyline.annotate import nlp

    doc = Document(id="d1", path="d1.txt", text=sentence)
    ann = annotate.annotate_one(doc, nlp.load(mode="full")(sentence), with_time=False)
    (a,) = [x for x in ledger.assign(ann, FakeEntities(sentence)) if x.kind == "money"]
    assert (a.purpose, a.payer, a.payee) == (purpose, payer, payee)
    assert sentence[a.start:a.end] == a.text
