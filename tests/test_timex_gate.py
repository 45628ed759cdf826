"""Quality gate: TE3-platinum (and the TimeBank+AQUAINT tuning set) must stay above the recorded floors."""

from __future__ import annotations

import json

import pytest

from storyline.evaluate import timex as ev
from storyline.paths import PACKAGE_DIR

FLOORS = json.loads((PACKAGE_DIR / "evaluate" / "floors_timex.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result():
    return ev.run(None)


@pytest.mark.benchmark
@pytest.mark.parametrize("metric", sorted(FLOORS["platinum"]))
def test_te3_platinum_stays_above_floor(result, metric):
    assert result["platinum"][metric] >= FLOORS["platinum"][metric], (metric, result["platinum"][metric])


@pytest.mark.benchmark
@pytest.mark.parametrize("metric", sorted(FLOORS["tbaq"]))
def test_timebank_aquaint_stays_above_floor(result, metric):
    assert result["tbaq"][metric] >= FLOORS["tbaq"][metric], (metric, result["tbaq"][metric])


@pytest.mark.benchmark
def test_report_prints_published_figures_beside_ours(result):
    text = ev.report(result)
    assert "HeidelTime-t" in text and "77.61" in text and "SUTime" in text and "67.38" in text
    assert f"{result['platinum']['value_f1']:.2f}" in text


def test_scorer_counts_strict_relaxed_and_value_matches():
    text = "He left last year and came back on Friday."
    gold = [ev.GoldTimex(8, 17, "last year", "DATE", "2012"), ev.GoldTimex(32, 41, "on Friday", "DATE", "2013-03-22")]
    s = ev.score_docs([("d", text, __import__("datetime").date(2013, 3, 22), gold)])
    # "last year" matches strictly with the right value; "Friday" overlaps "on Friday" (relaxed only)
    assert (s["strict_p"], s["relaxed_p"], s["relaxed_r"], s["value_accuracy"]) == (50.0, 100.0, 100.0, 100.0)


def test_parse_tml_recovers_offsets_and_unescapes_entities():
    raw = ('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">'
           'x</TIMEX3></DCT><TEXT>A &amp; B <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" '
           'value="2013-03-21">Thursday</TIMEX3>.</TEXT></TimeML>')
    text, dct, gold = ev.parse_tml(raw)
    assert text == "A & B met Thursday."
    assert str(dct) == "2013-03-22"
    assert [(g.text, g.value) for g in gold] == [("Thursday", "2013-03-21")]
    assert text[gold[0].start:gold[0].end] == "Thursday"
