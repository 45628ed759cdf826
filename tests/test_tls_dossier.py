"""Per-date summaries of a built dossier (`storyline timeline OUT --summary`)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.errors import ConfigError
from storyline.export import load
from storyline.records import Entity
from storyline.tls.dossier import dossier_sentences, entity_keywords, summarize_dossier

pytestmark = pytest.mark.model


def test_dossier_sentences_are_the_stored_sentences_with_their_days(demo_build):
    out, result = demo_build
    sents, left_out = dossier_sentences(out)
    docs = {d.id: d for d in result.dossier.documents}
    assert {s.doc for s in sents} | set(left_out) == set(docs)
    for s in sents:
        assert docs[s.doc].text[s.start:s.end] == s.text
        assert s.published == docs[s.doc].published
    # the stored time expressions, not a fresh parse: some sentences name a day
    assert any(s.mentions for s in sents)


def test_summary_sentences_slice_their_documents_and_dates_are_in_order(demo_build):
    out, result = demo_build
    docs = {d.id: d for d in result.dossier.documents}
    entries = summarize_dossier(out, 4, 2)
    assert 1 <= len(entries) <= 4
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    for e in entries:
        assert 1 <= len(e.sentences) <= 2
        for s in e.sentences:
            assert docs[s.doc].text[s.start:s.end] == s.text


def test_entity_focus_keeps_only_sentences_naming_the_entity(demo_build):
    out, _ = demo_build
    entities = load(out).entities
    ent = max((e for e in entities if e.type == "ORG"), key=lambda e: e.mentions)
    names = entity_keywords(entities, ent.name.upper())
    assert names[0] == ent.name
    entries = summarize_dossier(out, 5, 1, entity=ent.name)
    assert entries
    for e in entries:
        for s in e.sentences:
            assert any(n.lower() in s.text.lower() for n in names)


def test_unknown_entity_is_a_config_error_with_the_closest_names():
    ents = [Entity("e1", "Microsoft", "ORG", ("MSFT",)), Entity("e2", "OpenAI", "ORG")]
    assert entity_keywords(ents, "msft") == ["Microsoft", "MSFT"]
    assert entity_keywords(ents, "e2") == ["OpenAI"]
    with pytest.raises(ConfigError, match="closest: Microsoft"):
        entity_keywords(ents, "Microsof")


def test_cli_summary_table_json_and_errors(demo_build):
    out, _ = demo_build
    runner = CliRunner()
    table = runner.invoke(main, ["timeline", str(out), "--summary", "--dates", "3"])
    assert table.exit_code == 0 and "Timeline summary" in table.output
    raw = runner.invoke(main, ["timeline", str(out), "--summary", "--dates", "3", "--per-date", "2", "--json"])
    assert raw.exit_code == 0
    days = json.loads(raw.output)
    assert 1 <= len(days) <= 3 and all(1 <= len(d["sentences"]) <= 2 for d in days)
    docs = {d.id: d for d in load(out).documents}
    for d in days:
        for s in d["sentences"]:
            assert docs[s["doc"]].text[s["start"]:s["end"]] == s["text"]
    bad = runner.invoke(main, ["timeline", str(out), "--summary", "--entity", "No Such Entity Anywhere"])
    assert bad.exit_code == 1 and bad.output.startswith("storyline: error: no entity named")
