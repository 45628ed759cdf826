"""The EventStoryLine TIME_DATE evaluation: loader, one-to-one matching, and the scores against floors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from storyline.evaluate import timex_esc as esc
from storyline.paths import PACKAGE_DIR

DOC = """<?xml version='1.0' encoding='UTF-8'?>
<Document doc_name="1_1ecbplus.xml">
  <token t_id="1" sentence="0" number="0">May</token>
  <token t_id="2" sentence="0" number="1">3</token>
  <token t_id="3" sentence="0" number="2">,</token>
  <token t_id="4" sentence="0" number="3">2013</token>
  <token t_id="5" sentence="1" number="0">She</token>
  <token t_id="6" sentence="1" number="1">crashed</token>
  <token t_id="7" sentence="1" number="2">on</token>
  <token t_id="8" sentence="1" number="3">June</token>
  <token t_id="9" sentence="1" number="4">8</token>
  <token t_id="10" sentence="1" number="5">,</token>
  <token t_id="11" sentence="1" number="6">2012</token>
  <token t_id="12" sentence="1" number="7">(</token>
  <token t_id="13" sentence="1" number="8">later</token>
  <token t_id="14" sentence="1" number="9">)</token>
  <token t_id="15" sentence="2" number="0">Nothing</token>
  <token t_id="16" sentence="2" number="1">on</token>
  <token t_id="17" sentence="2" number="2">Friday</token>
  <Markables>
    <TIME_DATE m_id="1" DCT="TRUE" value="2013-05-03"><token_anchor t_id="1"/><token_anchor t_id="2"/>
      <token_anchor t_id="3"/><token_anchor t_id="4"/></TIME_DATE>
    <TIME_DATE m_id="2" DCT="FALSE" value="2012-06-08"><token_anchor t_id="8"/><token_anchor t_id="9"/>
      <token_anchor t_id="10"/><token_anchor t_id="11"/></TIME_DATE>
    <TIME_DATE m_id="3" DCT="FALSE" value=""><token_anchor t_id="13"/></TIME_DATE>
  </Markables>
</Document>"""


DOC_UNANCHORED_DCT = """<Document doc_name="3_4ecbplus.xml">
  <token t_id="1" sentence="0" number="0">At</token>
  <token t_id="2" sentence="0" number="1">2</token>
  <token t_id="3" sentence="0" number="2">:</token>
  <token t_id="4" sentence="0" number="3">56</token>
  <token t_id="5" sentence="0" number="4">on</token>
  <token t_id="6" sentence="0" number="5">Monday</token>
  <token t_id="7" sentence="0" number="6">a</token>
  <token t_id="8" sentence="0" number="7">3</token>
  <token t_id="9" sentence="0" number="8">.</token>
  <token t_id="10" sentence="0" number="9">8</token>
  <token t_id="11" sentence="0" number="10">quake</token>
  <token t_id="12" sentence="0" number="11">hit</token>
  <Markables>
    <TIME_DATE m_id="1" DCT="TRUE" value="2009-12-4"/>
    <TIME_DATE m_id="2" DCT="FALSE" value="2009-11-30T02:56Z"><token_anchor t_id="2"/><token_anchor t_id="3"/>
      <token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIME_DATE>
    <TIME_DATE m_id="3" DCT="FALSE" value="PAST_REF"/>
  </Markables>
</Document>"""


def test_the_loader_rebuilds_text_offsets_dct_and_gold():
    doc = esc.parse(DOC, "1_1")
    assert doc.text == "May 3, 2013\nShe crashed on June 8, 2012 (later)\nNothing on Friday"
    assert str(doc.dct) == "2013-05-03" and doc.text[slice(*doc.dct_span)] == "May 3, 2013"
    (start, end, value), = doc.gold  # the empty-valued markable is not gold
    assert doc.text[start:end] == "June 8, 2012" and value == "2012-06-08"
    # only sentences holding a markable are annotated: "Nothing on Friday" is not
    assert [doc.text[a:b] for a, b in doc.annotated] == ["May 3, 2013", "She crashed on June 8, 2012 (later)"]
    assert len(doc.tokens) == 17 and doc.text[slice(*doc.tokens["13"])] == "later"


def test_every_token_slices_out_of_the_rebuilt_text():
    for raw in (DOC, DOC_UNANCHORED_DCT):
        root = ET.fromstring(raw)
        doc = esc.parse(raw)
        assert [doc.text[a:b] for a, b in doc.tokens.values()] == [t.text for t in root.iter("token")]


def test_a_dct_without_tokens_is_read_and_split_times_are_glued_back():
    doc = esc.parse(DOC_UNANCHORED_DCT, "3_4")
    assert str(doc.dct) == "2009-12-04" and doc.dct_span is None
    assert doc.text == "At 2:56 on Monday a 3.8 quake hit"
    (start, end, value), = doc.gold
    assert doc.text[start:end] == "2:56 on Monday" and value == "2009-11-30T02:56"
    assert doc.unanchored == 1  # PAST_REF has no tokens: counted, not scored


def test_documents_without_a_dct_are_scored_apart():
    undated = esc.parse(DOC.replace('DCT="TRUE" value="2013-05-03"', 'DCT="TRUE" value="PRESENT_REF"'), "1_1")
    assert undated.dct is None
    result = esc.score([esc.parse(DOC, "1_1"), undated])
    assert result["docs"] == 1 and result["docs_without_dct"] == 1 and result["gold"] == 1
    assert result["without_dct"]["docs"] == 1 and result["without_dct"]["gold"] == 1


def test_scoring_counts_only_annotated_sentences_and_leaves_the_dct_out():
    result = esc.score([esc.parse(DOC, "1_1")])
    assert (result["gold"], result["matched"], result["system"]) == (1, 1, 1)  # not the DCT, not "Friday"
    assert result["value_accuracy"] == 100.0 and result["narrative_gold"] == 1


def test_matching_is_one_to_one():
    # two system spans overlap one gold span: only the larger overlap matches
    assert esc.match_one_to_one([(0, 5), (3, 12)], [(2, 12)]) == [(1, 0)]
    # one system span over two gold spans: it matches one of them, the larger overlap
    assert esc.match_one_to_one([(0, 10)], [(0, 4), (5, 10)]) == [(0, 1)]
    # a system span taken by its best gold leaves the other gold to the next system span
    assert sorted(esc.match_one_to_one([(0, 10), (8, 20)], [(0, 9), (9, 20)])) == [(0, 0), (1, 1)]
    assert esc.match_one_to_one([(0, 3)], [(3, 6)]) == []  # touching is not overlapping


def test_two_system_expressions_over_one_gold_count_one_match_and_one_spurious():
    # gold "2011 and 2012" is one markable; the tagger finds "2011" and "2012": one match, one spurious
    raw = DOC.replace(">June<", ">2011<").replace(">8<", ">and<").replace('<token t_id="10" sentence="1" number="5">,'
                                                                         '</token>\n', "")
    raw = raw.replace('<token_anchor t_id="10"/>', "").replace('value="2012-06-08"', 'value="2011"')
    doc = esc.parse(raw, "1_1")
    assert doc.text[doc.gold[0][0]:doc.gold[0][1]] == "2011 and 2012"
    result = esc.score([doc])
    assert (result["gold"], result["system"], result["matched"]) == (1, 2, 1)
    assert (result["relaxed_p"], result["relaxed_r"], result["value_accuracy"]) == (50.0, 100.0, 100.0)


@pytest.mark.parametrize("raw, value", [("1979-2", "1979-02"), ("194X", "194"), ("2011W42", "2011-W42"),
                                        ("2013-05-03", "2013-05-03"), ("2009-12-7", "2009-12-07"),
                                        ("2011-11-04T02:00Z", "2011-11-04T02:00"), ("2013-09-13TAF", "2013-09-13TAF"),
                                        ("PRES_REF", "PRESENT_REF"), ("2013-SU", "2013-SU"), ("2007-WXX", "2007-WXX")])
def test_gold_values_are_read_as_timex3(raw, value):
    assert esc.normalize_gold(raw) == value


@pytest.mark.parametrize("ours, gold, kind", [("XXXX-06-08", "2012-06-08", "unresolved year"),
                                              ("2013-06-08", "2012-06-08", "year only"),
                                              ("2013-06", "2013-06-08", "granularity"),
                                              ("2013-W24", "2013-06-13", "other")])
def test_value_errors_are_told_apart(ours, gold, kind):
    assert esc.value_error(ours, gold) == kind


@pytest.mark.parametrize("value, dct", [("2013-05-03", "2013-05-03"), ("2009-12-04", "2009-12-4"),
                                        ("2011-11-11", "2011-11-11T20:49"), ("2013-09-09", "t_2013-09-09"),
                                        (None, "2006"), (None, "PRESENT_REF"), (None, "2013-02-30")])
def test_dct_values_are_read_leniently(value, dct):
    assert (str(esc.parse_dct(dct)) if esc.parse_dct(dct) else None) == value


def test_value_errors_are_counted_overall_and_for_the_narrative_subset():
    # the tagger reads "June 8" in a 2013 article as 2013; the gold says 2012 (a background date)
    raw = DOC.replace('value="2012-06-08"><token_anchor t_id="8"/><token_anchor t_id="9"/>\n      '
                      '<token_anchor t_id="10"/><token_anchor t_id="11"/>',
                      'value="2012-06-08"><token_anchor t_id="8"/><token_anchor t_id="9"/>')
    doc = esc.parse(raw.replace(">2012<", ">and<"), "1_1")
    assert doc.text[doc.gold[0][0]:doc.gold[0][1]] == "June 8"
    result = esc.score([doc])
    assert result["narrative_gold"] == result["narrative_matched"] == 1
    assert result["narrative_value_accuracy"] == 0.0 and result["value_accuracy"] == 0.0
    assert result["value_errors"] == result["narrative_value_errors"] == {"year only": 1}
    (error,) = result["errors"]
    assert (error["text"], error["gold"], error["value"], error["dct"]) == ("June 8", "2012-06-08", "2013-06-08",
                                                                           "2013-05-03")


@pytest.mark.benchmark
def test_esc_values_stay_above_floor():
    floors = json.loads((PACKAGE_DIR / "evaluate" / "floors_timex_esc.json").read_text(encoding="utf-8"))
    result = esc.run(None)["esc"]
    assert result["docs"] > 115 and result["gold"] > 150 and result["narrative_matched"] > 35
    scores = dict(result, without_dct_value_accuracy=result["without_dct"]["value_accuracy"])
    for name, floor in floors.items():
        if not name.startswith("_"):
            assert scores[name] >= floor, (name, scores[name])
