"""Quality gate: Timeline17 (news-tls protocol) must stay above the recorded floors: all 19 timelines
leave-one-topic-out (the measure of record), and a fixed subset with the packaged setting."""

from __future__ import annotations

import json

import pytest

from storyline.evaluate import tls as ev
from storyline.paths import PACKAGE_DIR

FLOORS = json.loads((PACKAGE_DIR / "evaluate" / "floors_tls.json").read_text(encoding="utf-8"))
KEYS = {"ar1_f": "rouge_1", "ar2_f": "rouge_2", "date_f1": "date"}


@pytest.fixture(scope="module")
def result():
    return ev.run(None, topics=FLOORS["subset_topics"], model="packaged")


@pytest.fixture(scope="module")
def full():
    return ev.run(None, check_sdf=False)


@pytest.mark.benchmark
@pytest.mark.parametrize("metric", sorted(FLOORS["full_loto"]))
def test_t17_leave_one_topic_out_stays_above_floor(full, metric):
    assert len(full["timelines"]) == 19
    score = full["average"][KEYS[metric]]["f_score"]
    assert score >= FLOORS["full_loto"][metric], (metric, score)


@pytest.mark.benchmark
@pytest.mark.parametrize("metric", sorted(FLOORS["subset"]))
def test_t17_subset_stays_above_floor(result, metric):
    score = result["average"][KEYS[metric]]["f_score"]
    assert score >= FLOORS["subset"][metric], (metric, score)


@pytest.mark.benchmark
@pytest.mark.parametrize("metric", sorted(FLOORS["sdf_subset"]))
def test_harness_scores_sdf_outputs_as_recorded(result, metric):
    score = result["harness_check"]["average"][KEYS[metric]]["f_score"]
    assert score == pytest.approx(FLOORS["sdf_subset"][metric], abs=FLOORS["sdf_tolerance"]), (metric, score)


@pytest.mark.benchmark
def test_gate_covers_every_timeline_of_the_subset(result):
    assert len(result["timelines"]) == 6
    assert all(r["pred_dates"] <= r["l"] for r in result["timelines"])


@pytest.mark.benchmark
def test_report_prints_published_figures_beside_ours(result):
    text = ev.report(result)
    assert "DATEWISE (published)" in text and "0.120   0.035   0.544" in text
    assert "16 s/topic" in text
    assert f"{result['average']['rouge_1']['f_score']:7.3f}" in text


@pytest.fixture(scope="module")
def route(tmp_path_factory):
    from storyline.evaluate import tls_dossier

    return tls_dossier.run(topics=FLOORS["dossier_route_topics"], out=tmp_path_factory.mktemp("tls-dossier"))


@pytest.mark.benchmark
@pytest.mark.model
@pytest.mark.parametrize("metric", sorted(FLOORS["dossier_route"]))
def test_the_timeline_the_product_shows_stays_above_floor(route, metric):
    """What a user gets: the dossier built from the topic's files, its own key-event timeline scored."""
    assert route["timelines"] and all(r["dates"] <= r["l"] for r in route["timelines"])
    score = route["average"][KEYS[metric]]["f_score"]
    assert score >= FLOORS["dossier_route"][metric], (metric, score)
