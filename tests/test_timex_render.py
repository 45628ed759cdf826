"""TimeML and JSON rendering: valid XML, the DCT as t0, tags wrapping exactly the tagged text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from storyline.errors import ConfigError
from storyline.annotate.timex import render, tag

TEXT = "Shares of A&B <Corp> fell 5% last year & rose on Tuesday, three years after the 2019 listing."
DCT = date(2025, 3, 10)


def test_timeml_is_valid_xml_with_the_dct_as_creation_time():
    root = ET.fromstring(render(TEXT, DCT, "timeml"))
    assert root.tag == "TimeML"
    dct = root.find("DCT/TIMEX3")
    assert dct.get("tid") == "t0"
    assert dct.get("functionInDocument") == "CREATION_TIME"
    assert dct.get("value") == "2025-03-10"


def test_timeml_text_round_trips_and_tags_match_the_tagger():
    root = ET.fromstring(render(TEXT, DCT, "timeml"))
    body = root.find("TEXT")
    assert "".join(body.itertext()) == TEXT
    tags = [(t.text, t.get("type"), t.get("value")) for t in body.iter("TIMEX3")]
    assert tags == [(t.text, t.type, t.value) for t in tag(TEXT, DCT)]
    assert all(t.get("tid").startswith("t") and t.get("tid") != "t0" for t in body.iter("TIMEX3"))


def test_timeml_keeps_mod_attributes():
    root = ET.fromstring(render("It shipped in early 2024.", DCT, "timeml"))
    t = root.find("TEXT/TIMEX3")
    assert (t.text, t.get("value"), t.get("mod")) == ("early 2024", "2024", "START")


def test_timeml_without_dct_has_no_creation_time():
    root = ET.fromstring(render("Sales fell last year.", None, "timeml"))
    assert root.find("DCT") is None
    assert root.find("TEXT/TIMEX3").get("value") == "XXXX"


def test_json_lists_the_records():
    records = json.loads(render(TEXT, DCT, "json"))
    assert [r["text"] for r in records] == [t.text for t in tag(TEXT, DCT)]
    assert {"start", "end", "type", "value", "mod", "start_date", "end_date", "anchor", "note"} <= set(records[0])


def test_unknown_format_is_a_config_error():
    with pytest.raises(ConfigError):
        render(TEXT, DCT, "xml")


def test_annotate_command_writes_timeml(tmp_path):
    from click.testing import CliRunner

    from storyline.cli import main

    f = tmp_path / "a.txt"
    f.write_text("It rained last summer.", encoding="utf-8")
    out = CliRunner().invoke(main, ["annotate", str(f), "--dct", "2025-03-10", "--format", "timeml"])
    assert out.exit_code == 0, out.output
    t = ET.fromstring(out.output).find("TEXT/TIMEX3")
    assert (t.text, t.get("value")) == ("last summer", "2024-SU")


def test_narrative_anchored_timex_points_at_the_expression_it_was_resolved_against():
    root = ET.fromstring(render("In the summer of 2018 it grew. It was founded three years before.", DCT, "timeml"))
    t1, t2 = root.findall("TEXT/TIMEX3")
    assert (t1.text, t2.text, t2.get("value")) == ("the summer of 2018", "three years before", "2015")
    assert t2.get("anchorTimeID") == t1.get("tid")
