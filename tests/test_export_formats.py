"""The spreadsheet, graph and annotation exports, each read back by its own consumer: the csv module,
networkx's GEXF and GraphML readers, and a JSON schema of the W3C Web Annotation model."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from datetime import date
from dataclasses import replace
from itertools import combinations

import networkx as nx
import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.export import annotations, graph, tables, write
from storyline.records import Amount, Document, Dossier, Entity, Event, EventDate, Evidence, Finding, Quote, Relation

T1 = ('@Acme paid Widgets $5 billion on 3 March 2024. "We are thrilled," said Jane Roe. '
      "Acme and Widgets signed a contract.")
T2 = "-Acme and Widgets sealed the deal, according to Wire. Acme paid Widgets again."


def _ev(doc: str, text: str, part: str, nth: int = 0) -> Evidence:
    """The evidence span of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Evidence(doc, start, start + len(part), part)


def _dossier() -> Dossier:
    """Two articles with cells a spreadsheet would run as formulas, parallel relations and shared events."""
    d1 = Document("doc_1", "a.txt", T1, title="Deal", outlet='=HYPERLINK("http://evil.example","x")',
                  published=date(2024, 3, 4), published_from="manifest")
    d2 = Document("doc_2", "b.txt", T2, url="https://www.example.com/deal", published=date(2024, 3, 5))
    s1 = _ev("doc_1", T1, "@Acme paid Widgets $5 billion on 3 March 2024.")
    s3 = _ev("doc_1", T1, "Acme and Widgets signed a contract.")
    t1 = _ev("doc_2", T2, "-Acme and Widgets sealed the deal, according to Wire.")
    t2 = _ev("doc_2", T2, "Acme paid Widgets again.")
    entities = (
        Entity("ent_acme", "@Acme", "ORG", aliases=("+Acme Corp", "Acme"), mentions=4,
               evidence=(_ev("doc_1", T1, "@Acme"), _ev("doc_1", T1, "Acme", 1), _ev("doc_2", T2, "Acme"),
                         _ev("doc_2", T2, "Acme", 1))),
        Entity("ent_widgets", "Widgets", "ORG", mentions=2,
               evidence=(_ev("doc_1", T1, "Widgets"), _ev("doc_2", T2, "Widgets"))),
        Entity("ent_jane", "Jane Roe", "PERSON", mentions=1, evidence=(_ev("doc_1", T1, "Jane Roe"),)),
        Entity("ent_alone", "Nobody", "PERSON"),
    )
    events = (
        Event("evt_1", EventDate("2024-03-03", "2024-03-03", "2024-03-03"), s1.text, type="investment",
              entities=("ent_acme", "ent_widgets"), amounts=("amt_1",), sources=("doc_1", "doc_2"),
              evidence=(s1, t1), score=2.5, rank=1, key=True),
        Event("evt_2", EventDate("2024-03", "2024-03-01", "2024-03-31"), s3.text, type="contract",
              entities=("ent_acme", "ent_widgets"), sources=("doc_1",), evidence=(s3,)),
        Event("evt_3", EventDate(None, None, "2024-03-05"), t2.text,
              entities=("ent_acme", "ent_widgets", "ent_jane", "ent_gone"), sources=("doc_2",), evidence=(t2,)),
    )
    money = _ev("doc_1", T1, "$5 billion")
    down = _ev("doc_2", T2, "again")
    amounts = (
        Amount("amt_1", "doc_1", money.start, money.end, money.text, currency="USD", low=5e9, high=5e9,
               purpose="investment", payer="ent_acme", payee="ent_widgets", payer_name="Acme",
               payee_name="Widgets", event="evt_1", measure="payment"),
        Amount("amt_2", "doc_2", down.start, down.end, down.text, kind="percent", low=-2.5, high=-2.5, change="=",
               payer_name="-Someone"),
    )
    said = _ev("doc_1", T1, "We are thrilled,")
    quotes = (Quote("quo_1", "doc_1", said.start, said.end, said.text, speaker="ent_jane", speaker_name="Jane Roe",
                    cue="said"),)
    findings = (Finding("fnd_1", "corroborated", "=Acme paid Widgets, two sources say", events=("evt_1",),
                        amounts=("amt_1",), sources=("doc_1", "doc_2"), evidence=(s1, t1),
                        independent=("=HYPERLINK", "example.com"), rank=1),)
    relations = (
        Relation("rel_1", "ent_acme", "ent_widgets", "paid", events=("evt_1",), evidence=(s1, t2)),
        Relation("rel_2", "ent_acme", "ent_widgets", "paid", events=("evt_3",), evidence=(t1,)),
        Relation("rel_3", "ent_acme", "ent_widgets", "contracted_with", events=("evt_2",), evidence=(s3,)),
        Relation("rel_4", "ent_jane", "ent_acme", "said_about", evidence=(said,)),
        Relation("rel_5", "ent_acme", "ent_gone", "hired", evidence=(t2,)),   # an end not in the dossier
    )
    return Dossier(documents=(d1, d2), entities=entities, events=events, amounts=amounts, quotes=quotes,
                   findings=findings, relations=relations, meta={"title": "Acme & Widgets"})


@pytest.fixture(scope="module")
def demo(demo_build) -> Dossier:
    return demo_build[1].dossier


def _unescape(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in tables.FORMULA_START else value


def _read_csv(folder, name) -> list[dict[str, str]]:
    with (folder / tables.FOLDER / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


COLLECTIONS = ["events", "amounts", "quotes", "findings", "entities", "relations", "documents"]


# --- csv -------------------------------------------------------------------------------------------


def _check_tables(dossier: Dossier, tmp_path) -> dict[str, list[dict[str, str]]]:
    path = tables.write(dossier, tmp_path)
    assert path == tmp_path / "storyline-csv.zip"
    read = {}
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == sorted(f"{c}.csv" for c in COLLECTIONS)
        for c in COLLECTIONS:
            rows = _read_csv(tmp_path, f"{c}.csv")
            assert [r["id"] for r in rows] == [x.id for x in getattr(dossier, c)]   # every record, in order
            in_zip = zf.read(f"{c}.csv").decode("utf-8")
            assert list(csv.DictReader(io.StringIO(in_zip, newline=""))) == rows
            read[c] = rows
    docs = {d.id: d for d in dossier.documents}
    for c in ("events", "findings", "entities", "relations"):
        for row in read[c]:
            if row["evidence_doc"]:
                start, end = int(row["evidence_start"]), int(row["evidence_end"])
                assert docs[row["evidence_doc"]].text[start:end] == _unescape(row["evidence_text"])
    raw = (tmp_path / tables.FOLDER / "documents.csv").read_text(encoding="utf-8")
    for row in read["documents"]:
        assert int(row["chars"]) == len(docs[row["id"]].text) and "text" not in row
        assert docs[row["id"]].text not in raw                                  # never the article itself
    for rows in read.values():
        for row in rows:
            for value in row.values():
                assert not value.startswith(("=", "+", "@", "\t", "\r")), value
                assert not value.startswith("-") or tables.NEGATIVE_NUMBER.fullmatch(value), value
    return read


def test_csv_tables_read_back_one_row_per_record_and_the_zip_holds_them_all(tmp_path):
    _check_tables(_dossier(), tmp_path)


@pytest.mark.model
def test_csv_tables_of_the_demo_dossier_read_back(demo, tmp_path):
    read = _check_tables(demo, tmp_path)
    assert read["events"] and read["entities"] and read["amounts"]


def test_csv_cells_a_spreadsheet_would_run_get_an_apostrophe_but_negative_numbers_do_not(tmp_path):
    tables.write(_dossier(), tmp_path)
    docs = _read_csv(tmp_path, "documents.csv")
    assert docs[0]["name"] == docs[0]["outlet"] == """'=HYPERLINK("http://evil.example","x")"""
    entity = _read_csv(tmp_path, "entities.csv")[0]
    assert entity["name"] == "'@Acme" and entity["aliases"] == "'+Acme Corp; Acme"
    assert _read_csv(tmp_path, "findings.csv")[0]["summary"] == "'=Acme paid Widgets, two sources say"
    amount = _read_csv(tmp_path, "amounts.csv")[1]
    assert (amount["low"], amount["high"], amount["change"], amount["payer"]) == ("-2.5", "-2.5", "'=", "'-Someone")
    assert _read_csv(tmp_path, "events.csv")[0]["evidence_text"].startswith("'@Acme paid")


@pytest.mark.parametrize("value, shown", [
    ("=1+1", "'=1+1"), ("+44 20 7946 0000", "'+44 20 7946 0000"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("-x", "'-x"), ("- 5", "'- 5"), ("-2.5", "-2.5"), (-2.5, "-2.5"), ("-1e9", "-1e9"),
    (-5e9, "-5000000000"), (5e9, "5000000000"), (0.25, "0.25"), (None, ""), (True, "yes"), (False, "no"),
    ("Acme = Widgets", "Acme = Widgets"),
])
def test_csv_cell_escapes_formulas_as_owasp_advises(value, shown):
    assert tables.cell(value) == shown


def test_csv_rows_name_entities_dates_and_sources_for_a_reader(tmp_path):
    tables.write(_dossier(), tmp_path)
    e1, _, e3 = _read_csv(tmp_path, "events.csv")
    assert (e1["date"], e1["date_value"], e3["date"]) == ("3 March 2024", "2024-03-03", "reported by 5 March 2024")
    assert e1["entities"] == "'@Acme; Widgets" and e1["entity_ids"] == "ent_acme; ent_widgets"
    assert e1["sources"] == """'=HYPERLINK("http://evil.example","x"); example.com""" and e1["n_sources"] == "2"
    assert e1["score"] == "2.5" and e1["key"] == "yes"
    assert e3["entities"] == "'@Acme; Widgets; Jane Roe; ent_gone"        # an unknown id stays readable
    amount = _read_csv(tmp_path, "amounts.csv")[0]
    assert ((amount["payer"], amount["payee"], amount["low"], amount["currency"])
            == ("'@Acme", "Widgets", "5000000000", "USD"))
    assert _read_csv(tmp_path, "quotes.csv")[0]["speaker"] == "Jane Roe"
    rel = _read_csv(tmp_path, "relations.csv")[0]
    assert (rel["source"], rel["target"], rel["type"], rel["n_evidence"]) == ("'@Acme", "Widgets", "paid", "2")
    assert _read_csv(tmp_path, "documents.csv")[1]["name"] == "example.com"


def test_a_publication_day_that_is_uncertain_is_written_to_the_month(tmp_path):
    dossier = _dossier()
    d2 = replace(dossier.document("doc_2"), published_precision="month")
    tables.write(replace(dossier, documents=(dossier.document("doc_1"), d2)), tmp_path)
    d1_row, d2_row = _read_csv(tmp_path, "documents.csv")
    assert (d1_row["published"], d1_row["published_precision"]) == ("2024-03-04", "day")
    assert (d2_row["published"], d2_row["published_precision"]) == ("2024-03", "month")


# --- graph -----------------------------------------------------------------------------------------


def _expected_edges(dossier: Dossier) -> Counter:
    """(source, target, kind) -> weight, counted straight from the records."""
    ids = {e.id for e in dossier.entities}
    want: Counter = Counter()
    for r in dossier.relations:
        if r.source in ids and r.target in ids:
            want[(r.source, r.target, r.type)] += len(r.evidence)
    for ev in dossier.events:
        for a, b in combinations(sorted(set(ev.entities) & ids), 2):
            want[(a, b, graph.CO_EVENT)] += 1
    return want


READERS = [(graph.write_gexf, nx.read_gexf, "entities.gexf"),
           (graph.write_graphml, nx.read_graphml, "entities.graphml")]


def _check_graph(dossier: Dossier, tmp_path, writer, reader, name) -> nx.MultiDiGraph:
    path = writer(dossier, tmp_path)
    assert path.name == name
    g = reader(path)
    assert g.number_of_nodes() == len(dossier.entities)
    for e in dossier.entities:
        node = g.nodes[e.id]
        assert (node["label"], node["type"], int(node["mentions"])) == (e.name, e.type, e.mentions)
        assert node["aliases"] == "; ".join(e.aliases)
    got = Counter()
    for u, v, data in g.edges(data=True):
        assert (u, v, data["relation"]) not in got                  # parallel edges of one kind are merged
        got[(u, v, data["relation"])] = data["weight"]
        assert data["label"] == data["relation"]
    assert got == _expected_edges(dossier)
    return g


@pytest.mark.parametrize("writer, reader, name", READERS)
def test_entity_graph_reads_back_with_every_entity_and_merged_weights(tmp_path, writer, reader, name):
    g = _check_graph(_dossier(), tmp_path, writer, reader, name)
    paid = [d for u, v, d in g.edges(data=True) if d["relation"] == "paid"]
    assert len(paid) == 1 and paid[0]["weight"] == 3 and paid[0]["records"] == "rel_1 rel_2"
    assert paid[0]["evidence"] == "@Acme paid Widgets $5 billion on 3 March 2024."
    assert paid[0]["evidence_doc"] == "doc_1"
    assert g.number_of_edges("ent_acme", "ent_widgets") == 3                 # paid, contracted_with, co_event
    co = [d for u, v, d in g.edges(data=True) if (u, v, d["relation"]) == ("ent_acme", "ent_widgets", "co_event")]
    assert co[0]["weight"] == 3 and co[0]["records"] == "evt_1 evt_2 evt_3"
    assert "ent_gone" not in g and g.degree("ent_alone") == 0


@pytest.mark.model
@pytest.mark.parametrize("writer, reader, name", READERS)
def test_entity_graph_of_the_demo_dossier_reads_back(demo, tmp_path, writer, reader, name):
    g = _check_graph(demo, tmp_path, writer, reader, name)
    assert any(d["relation"] != graph.CO_EVENT for _, _, d in g.edges(data=True))


# --- W3C Web Annotation ----------------------------------------------------------------------------

# The parts of the Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) the export uses.
MOTIVATIONS = ["assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
               "identifying", "linking", "moderating", "questioning", "replying", "tagging"]
_TEXT_BODY = {"type": "object", "required": ["type", "value"],
              "properties": {"type": {"const": "TextualBody"}, "value": {"type": "string", "minLength": 1},
                             "format": {"const": "text/plain"}, "purpose": {"enum": MOTIVATIONS}}}
_QUOTE = {"type": "object", "required": ["type", "exact"], "additionalProperties": False,
          "properties": {"type": {"const": "TextQuoteSelector"}, "exact": {"type": "string", "minLength": 1},
                         "prefix": {"type": "string", "minLength": 1, "maxLength": 32},
                         "suffix": {"type": "string", "minLength": 1, "maxLength": 32}}}
_POSITION = {"type": "object", "required": ["type", "start", "end"], "additionalProperties": False,
             "properties": {"type": {"const": "TextPositionSelector"}, "start": {"type": "integer", "minimum": 0},
                            "end": {"type": "integer", "minimum": 0}}}
ANNOTATION = {
    "type": "object", "required": ["id", "type", "motivation", "body", "target"], "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": r"^urn:storyline:[a-z]+_[0-9a-z_]+:[1-9][0-9]*$"},
        "type": {"const": "Annotation"},
        "motivation": {"enum": MOTIVATIONS},
        "body": {"type": "array", "minItems": 1, "items": _TEXT_BODY},
        "target": {"type": "object", "required": ["source", "selector"], "additionalProperties": False,
                   "properties": {"source": {"type": "string", "pattern": r"^(https?://|urn:storyline:doc_)\S+$"},
                                  "selector": {"type": "array", "prefixItems": [_QUOTE, _POSITION],
                                               "minItems": 2, "maxItems": 2}}},
    },
}
COLLECTION = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "required": ["@context", "id", "type", "label", "total", "first"],
    "properties": {
        "@context": {"const": "http://www.w3.org/ns/anno.jsonld"},
        "id": {"type": "string", "pattern": "^urn:storyline:"},
        "type": {"const": "AnnotationCollection"},
        "label": {"type": "string", "minLength": 1},
        "total": {"type": "integer", "minimum": 0},
        "first": {"type": "object", "required": ["id", "type", "items"],
                  "properties": {"type": {"const": "AnnotationPage"}, "startIndex": {"const": 0},
                                 "items": {"type": "array", "items": ANNOTATION}}},
    },
}
# what each kind of record is annotated for (id prefix -> motivation)
MOTIVATION_OF = {"evt": "describing", "amt": "describing", "quo": "describing", "rel": "describing",
                 "fnd": "assessing", "ent": "identifying"}


def _spans(dossier: Dossier) -> int:
    return (sum(len(x.evidence) for c in (dossier.events, dossier.findings, dossier.relations, dossier.entities)
                for x in c) + len(dossier.amounts) + len(dossier.quotes))


def _check_annotations(dossier: Dossier, tmp_path) -> list[dict]:
    import jsonschema

    path = annotations.write(dossier, tmp_path)
    assert path.name == "annotations.jsonld"
    doc = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(doc, COLLECTION)
    items = doc["first"]["items"]
    assert doc["total"] == len(items) == _spans(dossier)
    assert doc["first"].get("partOf") in (None, doc["id"])
    assert len({a["id"] for a in items}) == len(items)
    by_source = {(d.url or f"urn:storyline:{d.id}"): d for d in dossier.documents}
    for a in items:
        record = a["id"].split(":")[2]
        assert a["motivation"] == MOTIVATION_OF[record.split("_")[0]]
        assert a["body"][0]["purpose"] == a["motivation"]
        quote, position = a["target"]["selector"]
        text = by_source[a["target"]["source"]].text
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        prefix, suffix = quote.get("prefix", ""), quote.get("suffix", "")       # left out when empty
        assert text[:start].endswith(prefix) and len(prefix) == min(32, start)
        assert text[end:].startswith(suffix) and len(suffix) == min(32, len(text) - end)
    return items


def test_web_annotations_validate_and_every_selector_slices_its_document(tmp_path):
    items = _check_annotations(_dossier(), tmp_path)
    by_id = {a["id"]: a for a in items}
    event = by_id["urn:storyline:evt_1:2"]
    assert event["target"]["source"] == "https://www.example.com/deal"        # the document's url when known
    assert event["body"] == [
        {"type": "TextualBody", "value": T1[:T1.index(".") + 1], "format": "text/plain", "purpose": "describing"},
        {"type": "TextualBody", "value": "investment", "format": "text/plain", "purpose": "classifying"}]
    assert by_id["urn:storyline:evt_1:1"]["target"]["source"] == "urn:storyline:doc_1"
    assert "prefix" not in by_id["urn:storyline:evt_1:1"]["target"]["selector"][0]   # the span opens the text
    assert by_id["urn:storyline:fnd_1:1"]["body"][1]["value"] == "corroborated"
    assert by_id["urn:storyline:ent_acme:4"]["body"][0]["value"] == "@Acme"
    assert by_id["urn:storyline:amt_1:1"]["body"][0]["value"] == "USD 5 billion from @Acme to Widgets"
    assert by_id["urn:storyline:quo_1:1"]["body"][0]["value"] == "Quote of Jane Roe"
    assert "urn:storyline:ent_alone:1" not in by_id                          # no mention, no annotation


def test_web_annotation_offsets_count_code_points(tmp_path):
    text = "Émile 🎉 met Zoë in 2024."
    doc = Document("doc_u", "u.txt", text)
    span = _ev("doc_u", text, "Zoë")
    d = Dossier(documents=(doc,), entities=(Entity("ent_zoe", "Zoë", "PERSON", mentions=1, evidence=(span,)),))
    (a,) = _check_annotations(d, tmp_path)
    assert a["target"]["selector"][1] == {"type": "TextPositionSelector", "start": 12, "end": 15}
    assert a["target"]["selector"][0]["prefix"] == "Émile 🎉 met "


@pytest.mark.model
def test_web_annotations_of_the_demo_dossier_validate_and_slice(demo, tmp_path):
    items = _check_annotations(demo, tmp_path)
    assert {a["motivation"] for a in items} == {"describing", "assessing", "identifying"}


# --- CLI -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, name", [("csv", "storyline-csv.zip"), ("gexf", "entities.gexf"),
                                       ("graphml", "entities.graphml"), ("annotations", "annotations.jsonld")])
def test_storyline_export_writes_each_format(tmp_path, fmt, name):
    write(_dossier(), "json", tmp_path)
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--format", fmt])
    assert result.exit_code == 0, result.output
    path = tmp_path / name
    assert result.output.strip() == str(path) and path.stat().st_size > 0
    if fmt == "csv":
        assert zipfile.ZipFile(path).testzip() is None and (tmp_path / "csv" / "events.csv").exists()
    elif fmt == "annotations":
        assert json.loads(path.read_text(encoding="utf-8"))["total"] == _spans(_dossier())
    else:
        assert (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(path).number_of_nodes() == 4
