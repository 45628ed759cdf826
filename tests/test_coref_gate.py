"""Quality gate: ECB+ cross-document event coreference against recorded floors.

Runs the shipped pair model (the weights in ``storyline.reconcile.coref``, fitted on the ECB+ train topics)
and the same-lemma baseline on every test topic (36-45, gold mentions, gold topics), scored by the
same scorer. The full ``storyline eval coref`` also refits and tunes; this is its fast part.
"""

import json
from pathlib import Path

import pytest

from storyline.evaluate import coref

FLOORS = json.loads((Path(coref.__file__).parent / "floors_coref.json").read_text())


@pytest.fixture(scope="module")
def result():
    return coref.run_shipped(None)


@pytest.mark.benchmark
@pytest.mark.model
def test_gate_scores_the_whole_standard_test_set(result):
    assert result["test_mentions"] == FLOORS["test_mentions"]


@pytest.mark.benchmark
@pytest.mark.model
@pytest.mark.parametrize("metric", ["muc", "b3", "ceafe"])
def test_gate_metric_at_or_above_floor(result, metric):
    assert result["storyline"][metric]["f1"] >= FLOORS[f"storyline_{metric}_f1"]


@pytest.mark.benchmark
@pytest.mark.model
def test_gate_conll_at_or_above_floor(result):
    assert result["storyline"]["conll"] >= FLOORS["storyline_conll"]


@pytest.mark.benchmark
@pytest.mark.model
def test_gate_beats_same_lemma_baseline_by_margin(result):
    assert result["storyline"]["conll"] - result["lemma"]["conll"] >= FLOORS["margin_over_lemma_conll"]
