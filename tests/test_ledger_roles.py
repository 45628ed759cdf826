"""Ledger roles from the parse, and conflicts between reports of one running total (real model)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline import annotate
from storyline.reconcile import ledger
from storyline.reconcile.entities import EntityIndex
from storyline.records import Document

pytestmark = pytest.mark.model


def _assign(doc_id: str, text: str):
    doc = Document(id=doc_id, path=f"{doc_id}.txt", text=text, published=date(2025, 1, 24), outlet=doc_id)
    (ann,) = annotate.annotate_docs([doc])
    index = EntityIndex.build(list(ann.mentions))
    return doc, ledger.assign(ann, index), index


def test_the_company_refers_to_the_organisation_named_as_subject():
    text = ("Siemens was named a partner in the venture created by Nokia and Philips, even though "
            "the company had invested over $14 billion in Nokia.")
    _, amounts, index = _assign("a", text)
    (a,) = [x for x in amounts if x.kind == "money"]
    assert a.payer_name == "Siemens" and a.payee_name == "Nokia"
    assert a.qualifier == "more_than" and a.cumulative


def test_participle_clause_takes_the_subject_of_its_noun():
    _, amounts, _ = _assign("b", "Nokia, despite receiving a $13 billion investment from Siemens, wants more money.")
    (a,) = [x for x in amounts if x.kind == "money"]
    assert (a.payer_name, a.payee_name, a.purpose) == ("Siemens", "Nokia", "investment")


def test_common_nouns_are_not_parties():
    _, amounts, _ = _assign("c", "Discussions with several banks led to a $6.6 billion funding round.")
    (a,) = [x for x in amounts if x.kind == "money"]
    assert a.payer is None and a.payee is None and a.payee_name is None


def test_two_running_totals_that_cannot_both_hold_conflict():
    doc1, a1, _ = _assign("one", "Siemens has invested $13 billion in Nokia so far, the filing shows.")
    doc2, a2, _ = _assign("two", "Siemens has invested more than $14 billion in Nokia, people familiar said.")
    m1 = [x for x in a1 if x.kind == "money"]
    m2 = [x for x in a2 if x.kind == "money"]
    findings = ledger.conflicts(m1 + m2, {"one": doc1, "two": doc2}, {})
    assert len(findings) == 1 and findings[0].kind == "conflict"
    assert {e.doc for e in findings[0].evidence} == {"one", "two"}
    doc3, a3, _ = _assign("three", "Siemens has invested at least $13 billion in Nokia so far.")
    m3 = [x for x in a3 if x.kind == "money"]
    assert ledger.conflicts(m1 + m3, {"one": doc1, "three": doc3}, {}) == []


@pytest.mark.parametrize("text, payee", [
    # an acqui-hire pays the firm the people leave
    ("Siemens paid $650 million to hire Jan Kowalski and his team from Philips Electronics.", "Philips Electronics"),
    ("Amazon paid $400 million to hire David Luan and his staff from Adept Inc., giving them a new lab.", "Adept Inc"),
    # a place they leave is paid nothing
    ("Siemens paid $650 million to hire Jan Kowalski and his team from London last year.", None),
])
def test_money_paid_to_hire_people_away_from_a_company_goes_to_that_company(text, payee):
    _, amounts, _ = _assign("h", text)
    (a,) = [x for x in amounts if x.kind == "money"]
    assert (a.purpose, a.payee_name) == ("hiring", payee) and a.payer_name in ("Siemens", "Amazon")


@pytest.mark.parametrize("text, hire", [
    # paying money out is no salary, nor is a fund that compensates victims
    ("Jan Kowalski, who has paid out about $2 billion so far to 125,000 claimants, said he is working fast.", False),
    ("Siemens has set aside more than $20 billion to pay for damages and faces lawsuits.", False),
    ("Siemens agreed to finance a $20 billion compensation fund for the flood's victims.", False),
    # someone's pay is
    ("Kowalski's pay rose to $12 million last year, Siemens said.", True),
    ("Siemens paid $650 million to hire Jan Kowalski and his team from Philips Electronics.", True),
])
def test_pay_names_a_hire_only_as_a_salary(text, hire):
    _, amounts, _ = _assign("p", text)
    (a,) = [x for x in amounts if x.kind == "money"]
    assert (a.purpose == "hiring") is hire, a.purpose


@pytest.mark.parametrize("text", [
    "Siemens gave its chief executive a $30 million pay package last year.",
    "Siemens approved a $2 million compensation package for Jan Kowalski.",
])
def test_a_pay_package_is_a_hire(text):
    _, amounts, _ = _assign("q", text)
    (a,) = [x for x in amounts if x.kind == "money"]
    assert a.purpose == "hiring", a.purpose


@pytest.mark.parametrize("text, measure", [
    ("Nokia raised $6.6 billion from investors in October.", "round"),
    ("Nokia is pressing ahead with plans to raise $7 billion to $10 billion by selling assets.", "plan"),
    ("Nokia hopes to raise $2 billion in a new funding round.", "plan"),
    ("The sale takes Nokia most of the way toward its goal of raising $10 billion by selling assets.", "plan"),
    ("Nokia was accused of raising $10 billion from investors without a prospectus.", "round"),
])
def test_a_round_still_to_raise_is_a_plan(text, measure):
    _, amounts, _ = _assign("r", text)
    assert {x.measure for x in amounts if x.kind == "money"} == {measure}


def test_a_cue_in_a_clause_about_a_noun_names_no_purpose():
    _, amounts, _ = _assign("w", "Siemens agreed to set aside $100 million for workers who had lost jobs because of the ban.")
    (a,) = [x for x in amounts if x.kind == "money"]
    assert a.purpose != "loss" and a.measure != "loss"
    _, amounts, _ = _assign("l", "Siemens reported a loss of $100 million in the quarter.")
    (b,) = [x for x in amounts if x.kind == "money"]
    assert b.purpose == "loss"
