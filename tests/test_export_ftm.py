"""The FollowTheMoney export (``dossier.ftm.json``), read back by the followthemoney library itself:
every line a valid entity of a known schema, every value valid for its property's type and already
in the library's clean form, every reference to an entity in the stream and of the schema the
property takes, and every derived entity proven by the articles it came from."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from followthemoney import model, registry

from storyline.export import ftm, write
from storyline.records import Entity, Relation, excerpt
from web_fixtures import IMG, evidence, make_dossier


def read_stream(path) -> list[dict]:
    """The stream's entities, each checked strictly against the FtM model (fails on the first fault)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for data in rows:
        assert set(data) == {"id", "schema", "properties"}, data
        schema = model.get(data["schema"])
        assert schema is not None, f"unknown schema {data['schema']!r}"
        assert not schema.abstract, data["schema"]
        for name, values in data["properties"].items():
            prop = schema.properties.get(name)
            assert prop is not None, f"{data['schema']} has no property {name!r}"
            assert not prop.stub, f"{data['schema']}.{name} is a reverse property"
            assert values and isinstance(values, list)
            for value in values:
                assert isinstance(value, str)
                assert prop.type.validate(value), f"{data['schema']}.{name}: {value!r} is not a valid {prop.type.name}"
                assert prop.type.clean_text(value) == value, f"{data['schema']}.{name}: {value!r} is not clean"
        # loading uncleaned runs every value through the library's cleaning: nothing may change
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.id == data["id"] and proxy.schema.name == data["schema"]
        assert {k: sorted(v) for k, v in proxy.to_dict()["properties"].items()} == \
               {k: sorted(v) for k, v in data["properties"].items()}
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    by_id = {r["id"]: r for r in rows}
    for data in rows:
        schema = model.get(data["schema"])
        for name, values in data["properties"].items():
            prop = schema.properties[name]
            if prop.type != registry.entity:
                continue
            for ref in values:
                assert ref in by_id, f"{data['schema']}.{name} -> {ref} is not in the stream"
                target = model.get(by_id[ref]["schema"])
                assert target.is_a(prop.range), f"{data['schema']}.{name} -> {target.name}, not a {prop.range.name}"
    return rows


def _stream(dossier, tmp_path) -> list[dict]:
    return read_stream(ftm.write(dossier, tmp_path))


def _one(rows, schema, **props) -> dict:
    found = [r for r in rows if r["schema"] == schema
             and all(v in r["properties"].get(k, []) for k, v in props.items())]
    assert len(found) == 1, (schema, props, found)
    return found[0]


@pytest.fixture
def rows(tmp_path):
    return _stream(make_dossier(), tmp_path)


def _article(rows, doc_id: str, dossier=None) -> dict:
    doc = (dossier or make_dossier()).document(doc_id)
    return _one(rows, "Article", publisher=doc.name, sourceUrl=doc.url)


def test_ftm_file_is_a_stream_of_valid_followthemoney_entities(tmp_path):
    path = write(make_dossier(), "ftm", tmp_path)
    assert path.name == "dossier.ftm.json"
    rows = read_stream(path)
    schemata = {r["schema"] for r in rows}
    assert {"Article", "Person", "Company", "Organization", "Event", "Payment", "Employment", "Ownership"} <= schemata


def test_every_entity_but_the_articles_is_proven_by_the_articles_it_came_from(rows):
    articles = {r["id"] for r in rows if r["schema"] == "Article"}
    assert len(articles) == len(make_dossier().documents)
    for r in rows:
        if r["schema"] != "Article":
            assert r["properties"].get("proof"), r
            assert set(r["properties"]["proof"]) <= articles
    contract = _one(rows, "Payment", recordId="amt_contract")
    assert contract["properties"]["proof"] == [_article(rows, "doc_chronicle")["id"]]
    chen = _one(rows, "Person", name="Maria Chen")
    # Chen's entity has no mention evidence: her proof is the articles of the events she takes part in
    assert set(chen["properties"]["proof"]) == {_article(rows, d)["id"] for d in ("doc_ledger", "doc_wire",
                                                                                  "doc_reprint", "doc_chronicle")}


def test_articles_carry_title_publisher_url_and_date_but_neither_text_nor_path(rows):
    dossier = make_dossier()
    ledger = _article(rows, "doc_ledger")["properties"]
    doc = dossier.document("doc_ledger")
    assert ledger["title"] == [doc.title] and ledger["publisher"] == ["The Ledger"]
    assert ledger["publishedAt"] == ["2024-03-12"] and ledger["sourceUrl"] == ["https://example.org/doc_ledger"]
    flat = json.dumps(rows)
    assert "articles/doc_ledger.txt" not in flat and "bodyText" not in flat
    assert "Subscribe to our newsletter" not in flat


def test_an_uncertain_publication_day_is_published_to_the_month(tmp_path):
    dossier = make_dossier()
    docs = tuple(replace(d, published_precision="month") if d.id == "doc_ledger" else d for d in dossier.documents)
    rows = _stream(replace(dossier, documents=docs), tmp_path)
    assert _article(rows, "doc_ledger")["properties"]["publishedAt"] == ["2024-03"]


def test_articles_without_a_web_address_name_no_local_path(tmp_path):
    d = make_dossier()
    docs = tuple(replace(doc, url="/home/me/articles/x.txt" if doc.id == "doc_wire" else doc.url)
                 for doc in d.documents)
    rows = _stream(replace(d, documents=docs), tmp_path)
    wire = _one(rows, "Article", publisher="Daily Wire Service")
    assert "sourceUrl" not in wire["properties"] and "/home/me" not in json.dumps(rows)


@pytest.mark.parametrize(("name", "schema"), [
    ("Maria Chen", "Person"),
    ("Northwind Robotics", "Company"),  # the asset of an investment
    ("Atlas Capital", "Organization"),
    ("Ohio Department of Transportation", "Organization"),
    ("Acme Holdings Ltd.", "Company"),  # a legal form in the name
])
def test_parties_take_the_schema_their_type_and_role_give(tmp_path, name, schema):
    d = make_dossier()
    acme = Entity("ent_acme", "Acme Holdings Ltd.", "ORG", (), 1, (evidence("doc_wire", "Atlas Capital"),))
    rows = _stream(replace(d, entities=d.entities + (acme,)), tmp_path)
    assert _one(rows, schema, name=name)


def test_places_and_unproven_entities_are_left_out_and_never_referenced(tmp_path):
    d = make_dossier()
    ohio = Entity("ent_ohio", "Ohio", "GPE", (), 2, (evidence("doc_ledger", "Ohio"),))
    ghost = Entity("ent_ghost", "Nobody Anywhere", "PERSON", (), 0)  # no mention, event, amount or relation
    events = tuple(replace(e, entities=e.entities + ("ent_ohio",)) if e.id == "ev_contract" else e
                   for e in d.events)
    rows = _stream(replace(d, entities=d.entities + (ohio, ghost), events=events), tmp_path)
    names = {n for r in rows for n in r["properties"].get("name", [])}
    assert "Ohio" not in names and "Nobody Anywhere" not in names
    contract = _one(rows, "Event", recordId="ev_contract")
    assert len(contract["properties"]["involved"]) == 2  # Northwind and the Ohio DOT; read_stream checks they exist


def test_reports_of_one_payment_make_one_payment_with_the_low_bound_and_its_range_noted(rows):
    # $200 million (The Ledger) and "at least $150 million" (Daily Wire Service), Atlas -> Northwind in 2024
    funding = _one(rows, "Payment", recordId="amt_round")
    p = funding["properties"]
    assert sorted(p["recordId"]) == ["amt_atlas", "amt_round"]
    atlas, northwind = _one(rows, "Organization", name="Atlas Capital"), _one(rows, "Company", name="Northwind Robotics")
    assert p["payer"] == [atlas["id"]] and p["beneficiary"] == [northwind["id"]]
    assert p["amount"] == ["200000000"] and p["currency"] == ["USD"] and p["date"] == ["2024-03-12"]
    assert set(p["purpose"]) == {"funding round", "investment"}
    summary = p["summary"][0]
    assert "it raised $200 million in a funding round led by Atlas Capital" in summary
    assert "Atlas Capital invested at least $150 million" in summary and "(Daily Wire Service)" in summary
    assert len(p["proof"]) == 2


def test_a_ranged_or_open_figure_keeps_its_low_bound_and_says_so(tmp_path):
    d = make_dossier()
    ranged = replace(d.amounts[2], id="amt_range", text="$100-120 million", low=1e8, high=1.2e8, qualifier="range",
                     time="2019", event=None)
    open_ = replace(d.amounts[2], id="amt_open", time="2018", event=None)  # "at least $150 million"
    rows = _stream(replace(d, amounts=d.amounts + (ranged, open_)), tmp_path)
    p = _one(rows, "Payment", recordId="amt_range")["properties"]
    assert p["amount"] == ["100000000"] and p["date"] == ["2019"]
    assert p["summary"][0].endswith(
        "Reported as “$100-120 million” (USD 100 million to 120 million); the amount is the low bound.")
    p = _one(rows, "Payment", recordId="amt_open")["properties"]
    assert p["amount"] == ["150000000"] and p["summary"][0].endswith(
        "Reported as “at least $150 million” (at least USD 150 million); the amount is the low bound.")
    rate = _one(rows, "Payment", recordId="amt_contract")["properties"]
    assert rate["amount"] == ["45000000"] and rate["date"] == ["2024-08"]
    assert rate["summary"][0].endswith("Reported as “$45 million a year” (USD 45 million per year).")
    funding = _one(rows, "Payment", recordId="amt_round")["properties"]
    assert "Reported as" not in funding["summary"][0]  # $200 million: exact


@pytest.mark.parametrize("kind", ["running_total", "cumulative", "valuation", "forecast", "one_party"])
def test_money_that_is_not_a_payment_makes_no_payment(tmp_path, kind):
    d = make_dossier()
    base = replace(d.amounts[3], id="amt_x", low=9e8, high=9e8, time="2021", event=None)
    amount = {
        "running_total": replace(base, measure="running_total"),
        "cumulative": replace(base, cumulative=True),
        "valuation": replace(base, purpose="valuation"),
        "forecast": replace(base, measure="forecast"),
        "one_party": replace(base, payee=None),
    }[kind]
    rows = _stream(replace(d, amounts=d.amounts + (amount,)), tmp_path)
    assert not [r for r in rows if "amt_x" in r["properties"].get("recordId", [])]
    assert ftm.is_payment(amount) is False and ftm.is_payment(base) is True


def test_key_events_keep_their_dates_precision_parties_and_sources(rows):
    factory = _one(rows, "Event", recordId="ev_factory")["properties"]
    assert factory["startDate"] == ["2024-06-01"] and factory["endDate"] == ["2024-08-31"] and "date" not in factory
    assert factory["name"] == [excerpt("Northwind opens its Ohio factory")]  # shown as the timeline shows it
    assert "The factory opened in summer 2024, Maria Chen said. (Tech Chronicle)" in factory["summary"][0]
    assert _one(rows, "Event", recordId="ev_haddad")["properties"]["date"] == ["2024-01"]
    assert _one(rows, "Event", recordId="ev_hiring_2023")["properties"]["date"] == ["2023"]
    # no time of its own: not dated by the day it was reported
    listing = _one(rows, "Event", recordId="ev_listing")["properties"]
    assert not {"date", "startDate", "endDate"} & set(listing)
    funding = _one(rows, "Event", recordId="ev_funding")["properties"]
    assert len(funding["involved"]) == 3 and len(funding["proof"]) == 3


def test_only_the_key_events_are_exported_when_the_dossier_marks_them(tmp_path):
    d = make_dossier()
    events = tuple(replace(e, key=e.id in ("ev_funding", "ev_contract"), rank=1) for e in d.events)
    rows = _stream(replace(d, events=events), tmp_path)
    assert sorted(r["properties"]["recordId"][0] for r in rows if r["schema"] == "Event") == ["ev_contract",
                                                                                                "ev_funding"]
    assert all(r["properties"]["important"] == ["true"] for r in rows if r["schema"] == "Event")


def test_hiring_is_employment_and_investment_is_ownership_other_relations_are_not_interests(rows):
    northwind = _one(rows, "Company", name="Northwind Robotics")["id"]
    job = _one(rows, "Employment", recordId="rel_hired")["properties"]
    assert job["employer"] == [northwind]
    assert job["employee"] == [_one(rows, "Person", name="Omar Haddad")["id"]]
    assert job["date"] == ["2024-01"]
    stake = _one(rows, "Ownership", recordId="rel_invest")["properties"]
    assert stake["owner"] == [_one(rows, "Organization", name="Atlas Capital")["id"]]
    assert stake["asset"] == [northwind] and stake["ownershipType"] == ["investment"]
    assert len([r for r in rows if r["schema"] in ("Employment", "Ownership")]) == 2  # not contracted_with, said_about


def test_a_leadership_change_is_employment_of_the_person_by_the_organisation(tmp_path):
    d = make_dossier()
    rel = Relation("rel_lead", "ent_chen", "ent_northwind", "leadership_change", ("ev_factory",),
                   (evidence("doc_chronicle", "The factory opened in summer 2024, Maria Chen said."),))
    rows = _stream(replace(d, relations=d.relations + (rel,)), tmp_path)
    job = _one(rows, "Employment", recordId="rel_lead")["properties"]
    assert job["employer"] == [_one(rows, "Company", name="Northwind Robotics")["id"]]
    assert job["employee"] == [_one(rows, "Person", name="Maria Chen")["id"]]


def test_hostile_text_is_kept_as_data(rows):
    hostile = _one(rows, "Organization", name=IMG)
    assert hostile["properties"]["proof"] == [_one(rows, "Article", sourceUrl="https://example.org/doc_hostile")["id"]]


def test_ids_are_stable_and_independent_of_input_order(tmp_path):
    d = make_dossier()
    shuffled = replace(d, documents=d.documents[::-1], entities=d.entities[::-1], events=d.events[::-1],
                       amounts=d.amounts[::-1], relations=d.relations[::-1])
    texts = []
    for name, dossier in (("a", d), ("b", d), ("c", shuffled)):
        (tmp_path / name).mkdir()
        texts.append(ftm.write(dossier, tmp_path / name).read_text(encoding="utf-8"))
    assert texts[0] == texts[1] == texts[2]
    contract = _one([json.loads(x) for x in texts[0].splitlines()], "Payment", recordId="amt_contract")
    assert contract["id"] == model.make_entity("Payment").make_id("storyline", "amt_contract")


@pytest.mark.model
def test_the_demo_build_exports_a_valid_stream(demo_build, tmp_path):
    out, result = demo_build
    rows = read_stream(write(result.dossier, "ftm", tmp_path))
    schemata = {r["schema"] for r in rows}
    assert {"Article", "Person", "Event", "Payment"} <= schemata
    assert len([r for r in rows if r["schema"] == "Article"]) == len(result.dossier.documents)
    running = {a.id for a in result.dossier.amounts if a.measure == "running_total" or a.cumulative}
    exported = {i for r in rows if r["schema"] == "Payment" for i in r["properties"]["recordId"]}
    assert exported and not running & exported
