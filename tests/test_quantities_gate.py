"""Quality gate: the real NewsQuant evaluation (590 sentences, under a second) against recorded floors."""

import json
from pathlib import Path

import pytest

from storyline.evaluate import quantities as evq

FLOORS = json.loads((Path(evq.__file__).parent / "floors_quantities.json").read_text())


@pytest.fixture(scope="module")
def result():
    return evq.run(None)


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


@pytest.mark.benchmark
def test_newsquant_scores_every_sentence_and_reports_published_figures(result):
    assert result["sentences"] == 590
    assert result["gold"] == 904
    text = evq.report(result)
    assert "CQE-Numparser (published)" in text and "92.0" in text and "85.6" in text
    assert "lenient" in text and "money subset" in text


def test_lenient_counting_lets_duplicates_match_again_but_one_to_one_does_not():
    gold = [{"value": 5.0, "normalized_unit": "dollar", "change": "="},
            {"value": 5.0, "normalized_unit": "dollar", "change": "="}]
    preds = [{"value": 5.0, "normalized_unit": "euro", "change": "="}]
    lenient = evq._lenient_counts(gold, preds)
    one = evq._max_matching(2, 1, lambda i, j: evq._criteria_ok("value", gold[i], preds[j]))
    assert lenient["value"] == 2 and one == 1
