"""storyline.web.data: the views every page and JSON twin show, built from hand-made dossiers."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.web import data as wd
from web_fixtures import IMG, SCRIPT, make_dossier, write_dossier


@pytest.fixture(scope="module")
def northwind(tmp_path_factory) -> wd.DossierData:
    return wd.load_dossier(write_dossier(tmp_path_factory.mktemp("web") / "northwind"))


@pytest.mark.parametrize(("date", "precision"), [
    ({"value": "2024-03-12", "start": "2024-03-12", "end": "2024-03-12"}, "day"),
    ({"value": "2024-03-12T14:27", "start": "2024-03-12", "end": "2024-03-12"}, "day"),
    ({"value": "2024-W05", "start": "2024-01-29", "end": "2024-02-04"}, "week"),
    ({"value": "2024-01", "start": "2024-01-01", "end": "2024-01-31"}, "month"),
    ({"value": "2024-SU", "start": "2024-06-01", "end": "2024-08-31"}, "season"),
    ({"value": "2024-Q3", "start": "2024-07-01", "end": "2024-09-30"}, "quarter"),
    ({"value": "2023", "start": "2023-01-01", "end": "2023-12-31"}, "year"),
    ({"value": "201X", "start": "2010-01-01", "end": "2019-12-31"}, "decade"),
    ({"value": None, "start": "2024-02-01", "end": "2024-02-20"}, "range"),
    ({"value": None, "start": "2024-02-01", "end": "2024-02-01"}, "day"),
    ({"value": "XXXX-XX-XX", "start": None, "end": None}, "undated"),
    ({"value": "2024", "start": None, "end": None}, "undated"),
    ({}, "undated"),
])
def test_date_precision_follows_timex_value_then_range(date, precision):
    assert wd.date_precision(date) == precision


@pytest.mark.parametrize(("amount", "shown"), [
    ({"kind": "money", "currency": "USD", "low": 2e8, "high": 2e8, "qualifier": "exact"}, "$200 million"),
    ({"kind": "money", "currency": "USD", "low": 1.5e8, "high": None, "qualifier": "at_least"}, "at least $150 million"),
    ({"kind": "money", "currency": "USD", "low": 1e9, "high": 2e9, "qualifier": "range"}, "$1 billion – $2 billion"),
    ({"kind": "money", "currency": "USD", "low": 37.5e9, "high": 37.5e9, "qualifier": "exact", "per": "year"},
     "$37.5 billion / year"),
    ({"kind": "money", "currency": "EUR", "low": 3e6, "high": 3e6, "qualifier": "about"}, "about €3 million"),
    ({"kind": "money", "currency": "CHF", "low": 5e5, "high": 5e5, "qualifier": "exact"}, "CHF 500,000"),
    ({"kind": "money", "currency": "USD", "low": None, "high": 1e6, "qualifier": "exact"}, "up to $1 million"),
    ({"kind": "percent", "low": 49, "high": 49, "qualifier": "exact"}, "49%"),
    ({"kind": "count", "unit": "engineers", "low": 150, "high": 150, "qualifier": "more_than"}, "more than 150 engineers"),
    ({"kind": "money", "low": None, "high": None, "qualifier": "vague", "text": "billions"}, "billions"),
])
def test_format_amount_shows_qualifier_value_and_rate(amount, shown):
    assert wd.format_amount(amount) == shown


def test_duplicates_and_same_outlet_do_not_count_as_independent_sources(northwind):
    funding = next(e for e in northwind.timeline()["events"] if e["id"] == "ev_funding")
    assert set(funding["sources"]) == {"doc_ledger", "doc_wire", "doc_reprint"}
    assert funding["n_sources"] == 2  # the reprint is a duplicate of The Ledger's article
    assert funding["sources_word"] == "independent sources"


def test_several_documents_of_unknown_outlet_are_not_called_independent(northwind):
    assert northwind._source_count(["outlet:the ledger", "doc:a", "doc:b"]) == {
        "n_sources": 3, "sources_word": "sources, 2 of unknown outlet"}
    # one page of unknown outlet may be The Ledger's own
    assert northwind._source_count(["outlet:the ledger", "doc:a"])["sources_word"] == "sources, 1 of unknown outlet"
    assert northwind._source_count(["outlet:the ledger", "outlet:wire"])["sources_word"] == "independent sources"


def test_timeline_is_in_date_order_with_undated_last(northwind):
    events = northwind.timeline()["events"]
    dated = [e["start"] for e in events if e["start"]]
    assert dated == sorted(dated)
    assert events[-1]["precision"] == "undated"


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, {"ev_hiring_2023", "ev_haddad", "ev_funding", "ev_factory", "ev_contract", "ev_hostile", "ev_listing"}),
    ({"entity": "ent_haddad"}, {"ev_haddad", "ev_listing"}),
    ({"type": "hiring"}, {"ev_hiring_2023", "ev_haddad"}),
    ({"source": "tech chronicle"}, {"ev_factory", "ev_contract", "ev_listing"}),
    ({"source": "doc_wire"}, {"ev_haddad", "ev_funding"}),
    ({"entity": "ent_northwind", "type": "contract"}, {"ev_contract"}),
    ({"entity": "ent_nobody"}, set()),
])
def test_timeline_filters_by_entity_type_and_source(northwind, filters, expected):
    out = northwind.timeline(**filters)
    assert {e["id"] for e in out["events"]} == expected
    assert out["count"] == len(expected) and out["total"] == 7
    assert set(out["entities"]) == {k for e in out["events"] for k in e["entities"]}


def test_timeline_facets_list_every_entity_type_and_outlet(northwind):
    facets = northwind.timeline(type="hiring")["facets"]  # facets do not shrink with the filter
    assert {f["value"] for f in facets["types"]} == {"hiring", "funding", "construction", "contract", "layoff", "other"}
    assert {f["value"] for f in facets["sources"]} == {"The Ledger", "Daily Wire Service", "Tech Chronicle", IMG}
    assert facets["entities"][0]["id"] == "ent_northwind"


def test_events_in_a_conflict_finding_are_flagged(northwind):
    flagged = {e["id"] for e in northwind.timeline()["events"] if e["conflict"]}
    assert flagged == {"ev_funding"}


@pytest.mark.parametrize(("sort", "order", "first"), [
    ("value", "desc", "amt_valuation"),
    ("value", "asc", "amt_contract"),
    ("payer", "desc", "amt_contract"),  # ODOT before Atlas; the valuation has no payer and goes last
    ("source", "desc", "amt_round"),  # The Ledger (first of its two, the sort is stable)
    ("time", "asc", "amt_round"),
])
def test_amounts_sort_with_missing_values_last(northwind, sort, order, first):
    rows = northwind.amounts(sort=sort, order=order)["amounts"]
    assert rows[0]["id"] == first
    assert len(rows) == 4


def test_money_page_holds_money_and_keeps_counts_apart(northwind):
    """Counts ("150 engineers") are quantities of their own, never rows of the money ledger."""
    data = northwind.amounts()
    assert {a["kind"] for a in data["amounts"]} == {"money"}
    assert {q["id"] for q in data["quantities"]} == {"amt_engineers", "amt_layoffs"}


def test_amounts_in_a_conflict_are_highlighted(northwind):
    ledger = northwind.amounts()
    assert {a["id"] for a in ledger["amounts"] if a["conflict"]} == {"amt_round", "amt_atlas"}
    assert ledger["conflicts"] == 2
    row = next(a for a in ledger["amounts"] if a["id"] == "amt_contract")
    assert (row["per"], row["payer_label"], row["payee_label"]) == ("year", "Ohio Department of Transportation",
                                                                    "Northwind Robotics")


@pytest.mark.parametrize(("sort", "order"), [("nope", "desc"), ("value", "up")])
def test_amounts_refuse_unknown_sort(northwind, sort, order):
    with pytest.raises(wd.BadRequest):
        northwind.amounts(sort=sort, order=order)


def test_quotes_are_grouped_by_speaker_with_unattributed_names_kept(northwind):
    speakers = northwind.quotes()["speakers"]
    names = {s["name"] for s in speakers}
    assert {"Maria Chen", "Julia Brandt", IMG} <= names
    chen = next(s for s in speakers if s["speaker"] == "ent_chen")
    assert chen["quotes"][0]["outlet"] == "The Ledger" and chen["quotes"][0]["date"] == "2024-03-12"


def test_findings_put_each_sources_evidence_side_by_side(northwind):
    out = northwind.findings()
    assert out["counts"] == {"conflict": 1, "corroborated": 1, "single_source": 2}
    conflict = out["findings"]["conflict"][0]
    assert [c["outlet"] for c in conflict["columns"]] == ["The Ledger", "Daily Wire Service"]
    assert [a["display"] for a in conflict["amounts"]] == ["$200 million", "at least $150 million"]


def test_document_segments_rebuild_the_text_and_mark_evidence(northwind):
    doc = northwind.document("doc_ledger")
    text = make_dossier().document("doc_ledger").text
    assert "".join(s["text"] for s in doc["segments"]) == text
    marked = [s for s in doc["segments"] if "amount" in s["kinds"]]
    assert [s["text"] for s in marked] == ["$200 million", "about $2 billion", "150 engineers"]
    assert doc["removed"] == [{"text": "Subscribe to our newsletter", "reason": "boilerplate", "line": 12}]
    assert doc["offset_mismatches"] == 0


@pytest.mark.parametrize("doc_id", ["../dossier.json", "..", "a/b", "doc_ledger/../x", "", ".hidden", "x" * 200,
                                    "doc%2F..", "doc\x00"])
def test_document_ids_that_could_reach_the_filesystem_are_refused(northwind, doc_id):
    with pytest.raises(wd.BadRequest):
        northwind.document(doc_id)


def test_unknown_document_is_not_found(northwind):
    with pytest.raises(wd.NotFound):
        northwind.document("doc_missing")


def test_javascript_urls_never_become_links():
    assert wd.safe_url("javascript:alert(1)") is None
    assert wd.safe_url(" https://example.org/a ") == "https://example.org/a"
    assert wd.safe_url("data:text/html,<script>") is None


@pytest.mark.parametrize(("query", "first_doc", "linked"), [
    ("hired engineers", "doc_ledger", {"ev_hiring_2023"}),
    ("contracts Ohio transportation", "doc_chronicle", {"ev_contract"}),
    ("INVESTED", "doc_wire", {"ev_funding"}),
])
def test_search_ranks_sentences_and_links_overlapping_events(northwind, query, first_doc, linked):
    out = northwind.search(query)
    assert out["results"], query
    top = out["results"][0]
    assert top["doc"] == first_doc
    assert {e["id"] for e in top["events"]} == linked
    assert any(s["hit"] for s in top["segments"])
    assert "".join(s["text"] for s in top["segments"]) == top["text"]
    scores = [r["score"] for r in out["results"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("query", ["", "   ", "the of and", "zzzqqq"])
def test_search_without_matching_terms_returns_nothing(northwind, query):
    assert northwind.search(query)["results"] == []


def test_search_uses_the_stores_sentences_when_present(tmp_path):
    folder = write_dossier(tmp_path / "withstore")
    con = duckdb.connect(str(folder / "storyline.duckdb"))
    con.execute('CREATE TABLE sentences (doc VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR)')
    con.execute("INSERT INTO sentences VALUES ('doc_wire', 0, 0, 112, ?), ('doc_gone', 0, 0, 5, 'Atlas')",
                [make_dossier().document("doc_wire").text[:112]])
    con.close()
    loaded = wd.load_dossier(folder)
    assert loaded.sentences_from == "store"
    assert [s["doc"] for s in loaded.sentences] == ["doc_wire"]  # sentences of unknown documents are dropped
    assert loaded.search("Atlas")["results"][0]["events"][0]["id"] == "ev_funding"


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"'A1")), max_size=80))
@settings(max_examples=150, deadline=None)
def test_split_sentences_offsets_slice_to_the_sentence(text):
    for s in wd.split_sentences("d", text):
        assert text[s["start"]:s["end"]] == s["text"]
        assert s["text"] == s["text"].strip() and s["text"]


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60),
                                                st.sampled_from(["evidence", "amount", "quote"])), max_size=6))
@settings(max_examples=150, deadline=None)
def test_segments_concatenate_back_to_the_text(text, raw_spans):
    spans = [(min(a, b), max(a, b), k, f"r{i}") for i, (a, b, k) in enumerate(raw_spans)
             if min(a, b) < max(a, b) <= len(text)]
    pieces = wd.segment(text, spans)
    assert "".join(p["text"] for p in pieces) == text
    for s, e, kind, ref in spans:  # every covered character is inside a piece that lists the span
        pos = 0
        for p in pieces:
            if pos < e and pos + len(p["text"]) > s:
                assert kind in p["kinds"] and ref in p["refs"]
            pos += len(p["text"])


def test_loading_a_folder_without_a_dossier_says_what_to_do(tmp_path):
    from storyline.errors import ConfigError

    with pytest.raises(ConfigError, match="storyline build"):
        wd.load_dossier(tmp_path)


def test_several_dossiers_get_unique_slugs(tmp_path):
    a = write_dossier(tmp_path / "x" / "story")
    b = write_dossier(tmp_path / "y" / "story")
    lib = wd.Library.load([a, b])
    assert list(lib.dossiers) == ["story", "story-2"]
    assert lib.get(None).slug == "story"
    with pytest.raises(wd.NotFound):
        lib.get("other")


def test_hostile_strings_pass_through_data_unchanged(northwind):
    # escaping is the templates' and scripts' job; the data keeps the article's text exactly
    doc = northwind.document("doc_hostile")
    assert doc["document"]["title"].startswith(SCRIPT)
    assert doc["document"]["outlet"] == IMG


def test_a_large_register_is_drawn_key_events_first_and_listed_whole(tmp_path):
    import json
    from dataclasses import replace

    from storyline.records import to_jsonable
    from web_fixtures import synthetic_dossier

    big = synthetic_dossier(1000)
    keyed = {e.id: i + 1 for i, e in enumerate(big.events[-5:])}
    big = replace(big, events=tuple(replace(e, rank=keyed.get(e.id, 0), key=e.id in keyed) for e in big.events))
    (tmp_path / "dossier.json").write_text(json.dumps(to_jsonable(big)))
    d = wd.load_dossier(tmp_path)
    key_view = d.timeline()
    assert key_view["view"] == "key" and key_view["count"] == 5 and set(key_view["drawn"]) == set(keyed)
    full = d.timeline(all=True)
    assert full["count"] == 1000 and len(full["drawn"]) == wd.MAX_DRAWN
    assert full["drawn"][:5] == sorted(keyed, key=keyed.get)  # key events first, by rank


def _placed(start, end=None, reported=None):
    precision = "day" if start and (end or start) == start else "range" if start else "reported"
    return {"start": start, "end": end or start, "reported": reported, "precision": precision}


def test_the_timeline_opens_on_the_story_not_on_a_stray_date_s_centuries():
    weeks = [_placed(f"2011-01-{d:02d}") for d in range(20, 31)] + [_placed(f"2011-02-{d:02d}") for d in range(1, 12)]
    stray = [_placed("1000-01-01", "1009-12-31"), _placed("1954-01-01", "1954-12-31")]
    assert wd.open_window(weeks + stray) == ["2011-01-20", "2011-02-11"]
    # a year-long range in the story does not stretch its weeks
    assert wd.open_window(weeks + [_placed("2011-01-01", "2011-12-31")]) == ["2011-01-20", "2011-02-11"]
    # background years close to the story are taken in, and the window ends where its last event ends
    story = [_placed("2018-06-21", "2018-09-22"), _placed("2019-01-01", "2019-12-31"), _placed("2023-11-01", "2023-11-30"),
             _placed("2024-06-21", "2024-09-22"), _placed("2025-02-01", "2025-02-28"), _placed(None, None, "2025-04-28")]
    assert wd.open_window(story) == ["2018-06-21", "2025-04-28"]
    assert wd.open_window([_placed(None)]) is None


def _node(i, weight, mentions=1):
    return {"id": f"e{i}", "name": f"Entity {i}", "type": "ORG", "aliases": [], "mentions": mentions,
            "events": 0, "weight": weight}


def _edge(a, b, n_evidence=1, label="said about"):
    return {"id": f"r{a}-{b}-{label}", "source": f"e{a}", "target": f"e{b}", "label": label,
            "evidence": [{"doc": "d", "start": 0, "end": 1, "text": "x"}] * n_evidence}


@pytest.mark.parametrize(("docs", "n"), [(5, 16), (100, 30), (300, 36), (100_000, 40)])
def test_the_graph_grows_slowly_with_the_story(docs, n):
    assert wd.graph_size(docs) == n


def test_the_graph_draws_the_most_evidenced_entities_each_with_a_line():
    """A 2,000-entity story draws at most graph_size entities: the most evidenced, each linked to
    another drawn one; an entity whose only relation leads outside the drawn set is not drawn."""
    nodes = [_node(i, weight=2000 - i) for i in range(2000)]
    edges = [_edge(i, i + 1, n_evidence=3) for i in range(0, 60, 2)] + [_edge(1, 1500), _edge(0, 2, label="met")]
    central = wd.central_entities(nodes, edges, n_documents=300)
    assert len(central) <= wd.graph_size(300) and central[0] == "e0"
    assert "e1500" not in central
    linked = {x for e in edges if e["source"] in central and e["target"] in central for x in (e["source"], e["target"])}
    assert set(central) == linked
    links = wd.links_between(central, edges)
    (pair,) = [k for k in links if (k["source"], k["target"]) == ("e0", "e1")]
    assert pair["evidence"] == 3 and pair["labels"] == ["said about"]
    assert all(k["source"] in central and k["target"] in central for k in links)


def test_entity_graph_json_marks_the_central_entities(northwind):
    g = northwind.entity_graph()
    assert g["central"] and set(g["central"]) <= {n["id"] for n in g["nodes"]}
    assert all("weight" in n for n in g["nodes"])
    by_pair = {(k["source"], k["target"]) for k in g["central_links"]}
    assert all(tuple(sorted((e["source"], e["target"]))) in by_pair for e in g["edges"]
               if e["source"] in g["central"] and e["target"] in g["central"] and e["source"] != e["target"])


def test_a_source_has_one_name_in_the_web_app_and_the_exports(tmp_path):
    """Outlet, else the web site's host, else the title, else the file name: the same label on the
    web pages and in documents.csv, whatever a document lacks."""
    import csv
    from dataclasses import replace

    from storyline.export import tables

    dossier = make_dossier()
    kinds = [dict(outlet="The Ledger"), dict(outlet=None, url="https://www.example.org/a"),
             dict(outlet=None, url=None, title="A plain title"), dict(outlet=None, url=None, title=None)]
    docs = tuple(replace(d, **kw) for d, kw in zip(dossier.documents, kinds)) + dossier.documents[len(kinds):]
    dossier = replace(dossier, documents=docs)
    web = wd.load_dossier(write_dossier(tmp_path / "web", dossier))
    tables.write(dossier, tmp_path / "csv")
    with open(tmp_path / "csv" / tables.FOLDER / "documents.csv", encoding="utf-8", newline="") as f:
        in_csv = {row["id"]: row["name"] for row in csv.DictReader(f)}
    names = [web.doc_meta(d.id)["outlet"] for d in docs[:4]]
    assert names == ["The Ledger", "example.org", "A plain title", docs[3].path.rsplit("/", 1)[-1]]
    assert all(in_csv[d.id] == web.doc_meta(d.id)["outlet"] == d.name for d in docs)
