"""Quality gate: the real NewsQuant evaluation (590 sentences parsed with spaCy, ~15 s) and the four
Recognizers-Text development sets, against recorded floors."""

import json
from pathlib import Path

import pytest

from storyline.evaluate import quantities as evq

FLOORS = json.loads((Path(evq.__file__).parent / "floors_quantities.json").read_text())


@pytest.fixture(scope="module")
def result():
    return evq.run(None)


@pytest.mark.model
@pytest.mark.benchmark
@pytest.mark.parametrize("key,section,criterion", [
    ("value_f1", "one_to_one", "value"),
    ("value_unit_f1", "one_to_one", "value+unit"),
    ("value_change_f1", "one_to_one", "value+change"),
    ("money_value_f1", "money", "value"),
    ("money_value_unit_f1", "money", "value+unit"),
])
def test_newsquant_f1_stays_above_floor(result, key, section, criterion):
    assert result[section][criterion]["F1"] >= FLOORS[key]


@pytest.mark.model
@pytest.mark.benchmark
@pytest.mark.parametrize("name", evq.DEV_SETS)
def test_development_sets_stay_above_floor(result, name):
    scores = result["dev"][name]["one_to_one"]
    assert scores["value"]["F1"] >= FLOORS["dev"][name]["value_f1"]
    assert scores["value+unit"]["F1"] >= FLOORS["dev"][name]["value_unit_f1"]


@pytest.mark.model
@pytest.mark.benchmark
def test_newsquant_scores_every_sentence_and_reports_published_figures(result):
    assert result["sentences"] == 590
    assert result["gold"] == 904
    assert result["parse"] is True
    text = evq.report(result)
    assert "CQE-Numparser (published)" in text and "92.0" in text and "85.6" in text
    assert "lenient" in text and "money subset" in text and "development sets" in text


def test_lenient_counting_lets_duplicates_match_again_but_one_to_one_does_not():
    gold = [{"value": 5.0, "normalized_unit": "dollar", "change": "="},
            {"value": 5.0, "normalized_unit": "dollar", "change": "="}]
    preds = [{"value": 5.0, "normalized_unit": "euro", "change": "="}]
    lenient = evq._lenient_counts(gold, preds)
    one = evq._max_matching(2, 1, lambda i, j: evq._criteria_ok("value", gold[i], preds[j]))
    assert lenient["value"] == 2 and one == 1


def test_descending_ranges_are_predicted_in_text_order():
    (pred,) = evq.predict("Growth slowed from 4.8 percent to 4.7 percent.")
    assert evq.values_match((4.8, 4.7), pred["value"]) and not evq.values_match((4.7, 4.8), pred["value"])
