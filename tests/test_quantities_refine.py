"""Unit nouns from the dependency parse (CQE-style): refine_units on hand-written sentences; ledger.refine."""

import pytest

from storyline.reconcile import ledger
from storyline.annotate.quantities import extract, refine_units
from storyline.records import Document


@pytest.fixture(scope="module")
def nlp():
    from storyline.annotate import nlp as nlp_mod

    return nlp_mod.load(mode="full")


def _refined(nlp, text):
    return refine_units(extract(text, "d", all_numbers=True), nlp(text))


def _unit_of(amounts, value):
    units = [a.unit for a in amounts if value in (a.low, a.high) or abs((a.low or 0) - value) < 1e-9]
    assert units, (value, amounts)
    return units[0]


@pytest.mark.model
@pytest.mark.parametrize("text,value,unit", [
    # the head noun the number modifies, with its adjective and compound modifiers, lemmatised
    ("The firm split the floor into three smaller offices.", 3.0, "small office"),
    ("Nine other directors resigned on Friday.", 9.0, "other director"),
    ("The ministry counted 2,400 Canadians among the passengers.", 2400.0, "canadian"),
    ("They opened 120 charging stations last year.", 120.0, "charging station"),
    ("The club has won five straight league titles.", 5.0, "straight league title"),
    ("The region lost the top four exporters.", 4.0, "top exporter"),
    # "one of the X": the noun reached through "of"
    ("It is one of the busiest container ports in Asia.", 1.0, "busy container port asia"),
    ("Two of the company's founders left.", 2.0, "company founder"),
    # a part shares the unit of the whole it is taken from
    ("So far it has raised 300 million of the 2 billion rupees it needs.", 3e8, "indian rupee"),
    # a unit borrowed from a neighbour yields to the noun the number counts
    ("He ran for 140 yards and 3 touchdowns.", 3.0, "touchdown"),
    # a fraction names what it is a share of, CQE-style
    ("Nearly two-thirds of the regional banks failed.", 2 / 3, "% regional bank"),
    ("One out of four Canadians voted.", 0.25, "% canadian"),
    # measurement nouns reached through "of" stay measurement units
    ("Add 1/4 of a cup of sugar.", 0.25, "cup"),
])
def test_refine_reads_the_counted_noun_from_the_parse(nlp, text, value, unit):
    assert _unit_of(_refined(nlp, text), value) == unit


@pytest.mark.model
@pytest.mark.parametrize("text,kept", [
    ("The delay of its own 787 Dreamliner hurt.", []),
    ("Its home at 358 El Brillo Way, Palm Beach, was sold.", []),
    ("the sp 500 rose 1.2% on the day.", [1.2]),
    ("Sales in 1988 reached $4 million.", [4e6]),
    ("The Nikkei 225 rose 2% to 38,000.", [2.0, 38000.0]),
])
def test_refine_drops_numbers_that_name_things(nlp, text, kept):
    assert [a.low for a in _refined(nlp, text)] == kept


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Microsoft invested $13 billion in OpenAI, about 49 percent of its profits.",
    "The 6.1-inch screen is one of the best displays, with 120Hz and 2,000 nits.",
    "Between 4,000 and 5,000 workers, including 1,200 new engineers, joined two- or three-year programmes.",
    "It weighs 3 kg and costs \u00a324 a month, or 19 cents a day.",
])
def test_refine_keeps_offsets_and_leaves_money_and_measures_alone(nlp, text):
    before = extract(text, "d", all_numbers=True)
    after = refine_units(before, nlp(text))
    assert all(text[a.start:a.end] == a.text for a in after)
    for b in before:
        if b.kind in ("money", "percent") or b.unit in ("kilogram", "inch", "hertz"):
            assert b in after


def test_refine_without_a_dependency_parse_changes_nothing():
    import spacy

    text = "Nine other directors resigned after the iPhone 11 launch."
    amounts = extract(text, "d", all_numbers=True)
    assert refine_units(amounts, None) == amounts
    assert refine_units(amounts, spacy.blank("en")(text)) == amounts


@pytest.mark.model
def test_ledger_refines_amounts_with_the_document_parse(nlp):
    from storyline import annotate

    text = "Acme hired 1,200 new engineers and 300 Germans for $40 million a year."
    ann = annotate.annotate_one(Document(id="d1", path="d1.txt", text=text), nlp(text), with_time=False)
    units = {a.text: a.unit for a in ledger.refine(ann)}
    assert units["1,200 new engineers"] == "new engineer"
    assert units["300 Germans"] == "german"  # the regex leaves capitalised nouns alone; the parse does not
    assert units["$40 million a year"] == "dollar per year"

    class NoEntities:
        def entity_of(self, doc, start, end):
            return None

    assigned = ledger.assign(ann, NoEntities())
    assert [a.text for a in assigned] == list(units)
    assert all(text[a.start:a.end] == a.text for a in assigned)
