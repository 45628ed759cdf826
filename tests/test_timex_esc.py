"""The EventStoryLine TIME_DATE evaluation: loader, one-to-one matching, and the scores against floors."""

from __future__ import annotations

import json

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


def test_the_loader_rebuilds_text_offsets_dct_and_gold():
    doc = esc.parse(DOC, "1_1")
    assert doc.text == "May 3, 2013\nShe crashed on June 8, 2012 (later)\nNothing on Friday"
    assert str(doc.dct) == "2013-05-03" and doc.text[slice(*doc.dct_span)] == "May 3, 2013"
    (start, end, value), = doc.gold  # the empty-valued markable is not gold
    assert doc.text[start:end] == "June 8, 2012" and value == "2012-06-08"
    # only sentences holding a markable are annotated: "Nothing on Friday" is not
    assert [doc.text[a:b] for a, b in doc.annotated] == ["May 3, 2013", "She crashed on June 8, 2012 (later)"]


def test_scoring_counts_only_annotated_sentences_and_leaves_the_dct_out():
    result = esc.score([esc.parse(DOC, "1_1")])
    assert (result["gold"], result["matched"], result["system"]) == (1, 1, 1)  # not the DCT, not "Friday"
    assert result["value_accuracy"] == 100.0 and result["narrative_gold"] == 1


def test_matching_is_one_to_one():
    # two system spans overlap one gold span: only the larger overlap matches
    assert esc.match_one_to_one([(0, 5), (3, 12)], [(2, 12)]) == [(1, 0)]
    assert esc.match_one_to_one([(0, 10)], [(0, 4), (5, 10)]) == [(0, 1)] or \
        esc.match_one_to_one([(0, 10)], [(0, 4), (5, 10)]) == [(0, 0)]
    assert len(esc.match_one_to_one([(0, 10)], [(0, 4), (5, 10)])) == 1


@pytest.mark.parametrize("raw, value", [("1979-2", "1979-02"), ("194X", "194"), ("2011W42", "2011-W42"),
                                        ("2013-05-03", "2013-05-03")])
def test_gold_values_are_read_as_timex3(raw, value):
    assert esc.normalize_gold(raw) == value


@pytest.mark.parametrize("ours, gold, kind", [("XXXX-06-08", "2012-06-08", "unresolved year"),
                                              ("2013-06-08", "2012-06-08", "year only"),
                                              ("2013-06", "2013-06-08", "granularity"),
                                              ("2013-W24", "2013-06-13", "other")])
def test_value_errors_are_told_apart(ours, gold, kind):
    assert esc.value_error(ours, gold) == kind


@pytest.mark.benchmark
def test_esc_values_stay_above_floor():
    floors = json.loads((PACKAGE_DIR / "evaluate" / "floors_timex_esc.json").read_text(encoding="utf-8"))
    result = esc.run(None)["esc"]
    assert result["docs"] > 80 and result["gold"] > 120
    for name, floor in floors.items():
        if not name.startswith("_"):
            assert result[name] >= floor, (name, result[name])
