"""The histories route of `storyline eval timex`: own TimeML gold of Timeline17 articles, scored as
shipped, in forced news mode and without a publication date."""

from __future__ import annotations

import json
from datetime import date

import pytest

from storyline.annotate import timex
from storyline.errors import BenchmarkDataError
from storyline.evaluate import timex_narrative as narrative
from storyline.evaluate.timex import parse_tml, score_docs
from storyline.paths import PACKAGE_DIR, benchmark_dir

TML = ('<?xml version="1.0" ?>\n<TimeML>\n<DOCID>x/1.txt</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2005-04-27" '
       'functionInDocument="CREATION_TIME">2005-04-27</TIMEX3></DCT>\n<TEXT>The war began on <TIMEX3 tid="t1" type="DATE" '
       'value="2003-03-20">March 20, 2003</TIMEX3>.\n\nOn <TIMEX3 tid="t2" type="DATE" value="2003-04-09">9 April</TIMEX3> '
       'Baghdad fell. It lasted <TIMEX3 tid="t3" type="DURATION" value="P3W">three weeks</TIMEX3> &amp; more.</TEXT>\n'
       '</TimeML>\n')


def test_only_the_types_the_gold_annotates_are_scored():
    text, dct, gold = parse_tml(TML)
    assert text.endswith("three weeks & more.") and dct == date(2005, 4, 27)
    dates = [g for g in gold if g.type in narrative.TYPES]
    result = score_docs([("x", text, dct, dates)], narrative.TYPES)
    assert result["gold"] == 2 and result["system"] == 2  # "three weeks" is a duration: not counted
    assert result["relaxed_f1"] == 100.0


def test_forced_news_mode_gives_a_history_the_publication_year():
    text, dct, gold = parse_tml(TML)
    dates = [g for g in gold if g.type in narrative.TYPES]
    news = score_docs([("x", text, dct, dates)], narrative.TYPES, "news")
    shipped = score_docs([("x", text, dct, dates)], narrative.TYPES, "narrative")
    assert news["value_accuracy"] == 50.0 and shipped["value_accuracy"] == 100.0


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="mode"):
        timex.tag("On 9 April Baghdad fell.", date(2005, 4, 27), mode="historic")


def test_the_gold_texts_are_the_timeline17_files():
    docs = narrative.load(benchmark_dir("timeline17") / "Data")  # raises if a text drifted from its file
    assert len(docs) >= 5 and sum(len(gold) for *_, gold in docs) >= 100
    for doc_id, text, dct, gold in docs:
        assert dct is not None and all(g.value and g.type in narrative.TYPES for g in gold), doc_id
        assert all(text[g.start:g.end] == g.text and g.text.strip() == g.text for g in gold), doc_id


def test_a_gold_text_that_drifted_from_its_file_is_refused(tmp_path, monkeypatch):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "x-1.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "1.txt").write_text("The war began on March 20, 2003.", encoding="utf-8")
    monkeypatch.setattr(narrative, "GOLD_DIR", gold_dir)
    with pytest.raises(BenchmarkDataError, match="differs"):
        narrative.load(tmp_path)


@pytest.mark.benchmark
def test_histories_stay_above_floor():
    floors = json.loads((PACKAGE_DIR / "evaluate" / "floors_timex.json").read_text(encoding="utf-8"))["narrative"]
    result = narrative.run(None)
    for key, metrics in floors.items():
        for metric, floor in metrics.items():
            assert result[key][metric] >= floor, (key, metric, result[key][metric])
    # narrative mode is what reads these histories right: forced news mode gives their dates the wrong year
    assert result["shipped"]["value_f1"] >= result["news_mode"]["value_f1"] + 3
    report = narrative.report(result)
    assert "news mode forced" in report and f"{result['shipped']['value_f1']:.2f}" in report
