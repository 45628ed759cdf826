"""Totals a reporter can trust: payments, running totals, rounds, shares, losses, growth and conflict."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from storyline.reconcile import ledger
from storyline.records import Amount, Document, content_id

DOCS = {
    "oct": Document(id="oct", path="oct.txt", text="x" * 200, outlet="Paper A", published=date(2024, 10, 18)),
    "nov": Document(id="nov", path="nov.txt", text="x" * 200, outlet="Paper B", published=date(2024, 11, 7)),
    "jan": Document(id="jan", path="jan.txt", text="x" * 200, outlet="Paper C", published=date(2025, 1, 24)),
    "apr": Document(id="apr", path="apr.txt", text="x" * 200, outlet="Paper D", published=date(2025, 4, 28)),
}
NAMES = {"ms": "Microsoft", "oai": "OpenAI", "thrive": "Thrive"}


def money(doc, text, low, high=None, *, measure="payment", payer="ms", payee="oai", time=None, qualifier="exact",
          purpose="investment", at=0):
    high = low if high is None and qualifier == "exact" else high
    return Amount(id=content_id("amt", doc, text, at), doc=doc, start=at, end=at + len(text), text=text,
                  kind="money", currency="USD", low=low, high=high, qualifier=qualifier, purpose=purpose,
                  payer=payer, payee=payee, payer_name=NAMES.get(payer), payee_name=NAMES.get(payee),
                  time=time, measure=measure, cumulative=measure == "running_total")


PAY_2019 = money("apr", "$1 billion", 1e9, time="2019")
PAY_2019_AGAIN = money("nov", "$1 billion", 1e9, time="2019", at=10)
PAY_2023 = money("apr", "$10 billion", 10e9, time="2023", at=20)
TOTAL_NOV = money("nov", "$13 billion", 13e9, measure="running_total", at=30)
TOTAL_JAN = money("jan", "over $14 billion", 14e9, None, measure="running_total", qualifier="more_than")


def _usd(amounts):
    (rel,) = [r for r in ledger.views(amounts, DOCS, NAMES)["relationships"]
              if (r["payer_name"], r["payee_name"]) == ("Microsoft", "OpenAI")]
    (t,) = rel["totals"]
    return t


def test_payments_add_up_once_each():
    t = _usd([PAY_2019, PAY_2019_AGAIN, PAY_2023])
    assert t["basis"] == "payments" and (t["low"], t["high"]) == (11e9, 11e9)
    assert t["payments"]["distinct"] == 2  # the 2019 billion told twice is one payment


def test_a_running_total_is_never_added_to_the_payments_it_includes():
    t = _usd([PAY_2019, PAY_2023, TOTAL_NOV, TOTAL_JAN])
    assert t["basis"] == "running_total"
    assert t["low"] == 14e9 and t["figure"] == "over $14 billion"  # the latest of equally supported totals
    assert t["range"] == {"low": 13e9, "high": None}  # what the outlets say, kept visible
    assert [h["text"] for h in t["history"]] == ["$13 billion", "over $14 billion"]
    assert t["payments"]["low"] == 11e9  # shown beside it, not summed into it (never 38 billion)


def test_an_undated_figure_larger_than_the_dated_payments_before_it_is_a_running_total():
    undated = replace(TOTAL_NOV, measure="payment", cumulative=False)
    (out,) = [a for a in ledger.running_totals([PAY_2019, PAY_2023, undated], DOCS) if a.id == undated.id]
    assert out.measure == "running_total"
    small = replace(undated, low=2e9, high=2e9)
    (kept,) = [a for a in ledger.running_totals([PAY_2019, PAY_2023, small], DOCS) if a.id == small.id]
    assert kept.measure == "payment"


def test_a_round_of_several_investors_is_nobodys_payment_and_a_share_joins_the_flow():
    whole = money("oct", "$6.6 billion", 6.6e9, measure="round", payer=None, purpose="funding_round", time="2024-10")
    share = money("jan", "$750 million", 7.5e8, measure="share", purpose="funding_round", at=40)
    v = ledger.views([PAY_2019, whole, share], DOCS, NAMES)
    (rel,) = v["relationships"]
    assert (rel["payer_name"], rel["payee_name"]) == ("Microsoft", "OpenAI")
    assert rel["totals"][0]["low"] == pytest.approx(1.75e9)  # $1 billion + Microsoft's $750 million share
    (fig,) = v["figures"]
    assert (fig["party_name"], fig["measure"], [r["text"] for r in fig["rows"]]) == ("OpenAI", "round", ["$6.6 billion"])


def test_losses_and_forecasts_are_figures_of_one_party_not_flows():
    loss = money("nov", "$5 billion", 5e9, measure="forecast", payer=None, purpose="loss", time="2024", at=50)
    v = ledger.views([PAY_2023, loss], DOCS, NAMES)
    assert [(r["payer_name"], r["payee_name"]) for r in v["relationships"]] == [("Microsoft", "OpenAI")]
    assert v["relationships"][0]["totals"][0]["low"] == 10e9
    assert [(f["party_name"], f["measure"]) for f in v["figures"]] == [("OpenAI", "forecast")]


def test_a_running_total_that_grew_is_growth_not_a_conflict():
    assert ledger.conflicts([TOTAL_NOV, TOTAL_JAN], DOCS) == []


def test_a_running_total_that_shrank_or_two_totals_of_one_moment_conflict():
    shrank = money("jan", "$9 billion", 9e9, measure="running_total", at=60)
    (f,) = ledger.conflicts([TOTAL_NOV, shrank], DOCS)
    assert "$13 billion" in f.summary and "$9 billion" in f.summary and "total" in f.summary
    docs = {**DOCS, "nov2": replace(DOCS["nov"], id="nov2", outlet="Paper E")}
    same_month = replace(shrank, id="amt_same_month", doc="nov2")  # $13bn and $9bn, both as of November
    assert len(ledger.conflicts([TOTAL_NOV, same_month], docs)) == 1


def test_payments_of_one_year_that_disagree_conflict_and_of_different_years_do_not():
    other = money("jan", "$13 billion", 13e9, time="2023", at=90)
    (f,) = ledger.conflicts([PAY_2023, other], DOCS)
    assert set(f.independent) == {"Paper C", "Paper D"}
    assert ledger.conflicts([PAY_2019, other], DOCS) == []
    undated = replace(other, time=None)
    assert ledger.conflicts([PAY_2023, undated], DOCS) == []  # an undated figure may be another payment


def test_a_one_sided_payment_takes_its_other_party_from_the_same_figure_elsewhere():
    one_sided = replace(PAY_2023, id="amt_one_sided", doc="nov", payee=None, payee_name=None)
    filled = {a.id: a for a in ledger.fill_parties([PAY_2023, one_sided])}
    assert filled["amt_one_sided"].payee == "oai"
    ambiguous = replace(PAY_2023, id="amt_other_payee", payee="thrive", payee_name="Thrive")
    filled = {a.id: a for a in ledger.fill_parties([PAY_2023, ambiguous, one_sided])}
    assert filled["amt_one_sided"].payee is None  # two candidates: left as told


@pytest.mark.parametrize("text,unit,incidental", [
    ("two giants", "giant", True), ("One thing", "thing", True), ("one of the sources", "source", True),
    ("five minutes", "minute", False), ("six years", "year", False), ("500 million users", "user", False),
    ("1,614 cases", "case", False),
])
def test_counts_that_are_no_quantity_stay_out_of_the_amounts(text, unit, incidental):
    a = Amount(id="amt_x", doc="d", start=0, end=len(text), text=text, kind="count", unit=unit, low=1.0, high=1.0)
    assert ledger.incidental(a) is incidental


def test_figures_without_a_currency_or_period_are_compared_beside_those_with_one():
    """A money figure the tagger gave no currency (or no period) groups apart without breaking the
    sort of the groups (a 142-article build crashed comparing None with 'USD')."""
    bare = replace(money("jan", "13 billion", 13e9, time="2023", at=90), currency=None)
    per_year = replace(money("oct", "$2 billion a year", 2e9, time="2023", at=50), per="year")
    assert ledger.conflicts([PAY_2023, bare, per_year], DOCS) == []


def test_a_running_total_with_only_an_upper_bound_gives_an_open_range():
    """'less than $2 billion so far' bounds the total from above only (a 1,461-article build crashed
    taking the lowest of no lower bounds)."""
    capped = replace(money("jan", "less than $2 billion", None, 2e9, measure="running_total", qualifier="less_than"),
                     low=None)
    t = _usd([capped])
    assert t["basis"] == "running_total" and t["range"]["low"] is None


def test_two_rounds_of_one_company_conflict_only_within_one_month():
    """BP raised $3.5 billion on October 1 and another sum in November: two rounds, not one told twice."""
    october = money("oct", "$3.5 billion", 3.5e9, measure="round", payer=None, payee="oai", time="2024-10-01")
    november = money("nov", "$10 billion", 10e9, measure="round", payer=None, payee="oai", time="2024-11-02", at=40)
    assert ledger.conflicts([october, november], DOCS) == []
    same_month = replace(november, time="2024-10-02")
    (f,) = ledger.conflicts([october, same_month], DOCS)
    assert set(f.independent) == {"Paper A", "Paper B"}
    assert ledger.conflicts([october, replace(november, time="2024")], DOCS) == []  # a year tells no month
