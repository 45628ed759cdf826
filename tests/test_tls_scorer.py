"""The learned per-date sentence scorer: labels, deterministic features, training, use in the summarizer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from storyline.errors import ConfigError
from storyline.tls import (
    DEFAULT_PARAMS,
    DatedSentence,
    rank_dates,
    scorer,
    summarize_dates,
    vectorize,
)
from storyline.tls.summarize import _DayPools

DAY = date(2010, 4, 20)


def _corpus(shift: int = 0) -> list[DatedSentence]:
    """One day: a short event sentence in every article, a long background sentence beside it."""
    day = DAY + timedelta(days=shift)
    out = []
    for n in range(5):
        pub = day + timedelta(days=n)
        out.append(DatedSentence(f"m{shift}-{n}", 2, f"The oil rig exploded on April {20 + shift} killing eleven workers , {n} .",
                                 pub, (day,)))
        out.append(DatedSentence(f"m{shift}-{n}", 3, "The oil company has long operated rigs in the gulf and its shares "
                                 f"traded in London and New York for decades before this day , {n} .", pub, (day,)))
    for n in range(3):
        out.append(DatedSentence(f"p{shift}-{n}", 0, f"Oil workers were killed when the rig exploded , report {n} .", day, ()))
    return out


REFERENCE = {DAY: ["An oil rig explodes , killing eleven workers ."]}


def test_overlap_label_rewards_matches_and_charges_length():
    ref = REFERENCE[DAY]
    exact = scorer.overlap_label("An oil rig explodes , killing eleven workers .", ref)
    padded = scorer.overlap_label("An oil rig explodes , killing eleven workers , while markets in Asia and "
                                  "Europe traded sideways on thin volume .", ref)
    unrelated = scorer.overlap_label("Markets in Asia traded sideways .", ref)
    assert exact > padded > unrelated
    assert unrelated < 0  # no match, only the cost of its length
    assert scorer.overlap_label("x", ref, "f1") == 0.0
    with pytest.raises(ConfigError):
        scorer.overlap_label("x", ref, "bleu")


def test_features_are_deterministic_and_named():
    sents = _corpus()
    X = vectorize(sents)
    a = scorer.training_rows(sents, X, REFERENCE, keywords=["oil"])
    b = scorer.training_rows(sents, vectorize(sents), REFERENCE, keywords=["oil"])
    assert a[0].shape[1] == len(scorer.FEATURES)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    days = _DayPools(sents, X, ["oil"], DEFAULT_PARAMS)
    idx, _, _, sims, _ = days.pool(DAY)
    F = days.features(DAY, idx, sims)
    names_day = F[:, scorer.FEATURES.index("names_day")]
    assert list(names_day) == [float(DAY in sents[i].mentions) for i in idx]


def test_nearest_reference_date_labels_a_day_off_by_its_distance():
    sents = _corpus()
    X = vectorize(sents)
    ref = {DAY + timedelta(days=1): REFERENCE[DAY]}
    _, y_off, _ = scorer.training_rows(sents, X, ref, days=[DAY])
    _, y_on, _ = scorer.training_rows(sents, X, {DAY: REFERENCE[DAY]}, days=[DAY])
    assert len(y_off) == len(y_on) and y_off.max() < y_on.max()


def test_scorer_trains_and_prefers_the_short_event_sentence():
    parts = [scorer.training_rows(_corpus(s), vectorize(_corpus(s)), {DAY + timedelta(days=s): REFERENCE[DAY]},
                                  keywords=["oil"]) for s in range(3)]
    model = scorer.fit(parts, alpha=1.0)
    assert len(model.coef) == len(scorer.FEATURES)
    sents = _corpus(5)
    X = vectorize(sents)
    params = replace(DEFAULT_PARAMS, knee=False, scorer=model, length_penalty=0.0)
    tl = summarize_dates(sents, rank_dates(sents, keywords=["oil"]), X, 1, 1, keywords=["oil"], params=params)
    assert tl and "exploded" in tl[0].texts[0]
    s = tl[0].sentences[0]
    assert s.text and s.start >= -1


def test_scorer_validates_its_size_and_needs_rows():
    with pytest.raises(ConfigError):
        scorer.SentenceScorer((0.0,), (1.0,), (1.0,))
    with pytest.raises(ConfigError):
        scorer.fit([(np.zeros((0, len(scorer.FEATURES))), np.zeros(0), [])])


def test_loto_scorers_never_see_the_held_out_topic():
    from storyline.evaluate.tls import fit_scorers_loto

    rng = np.random.default_rng(0)
    n = len(scorer.FEATURES)

    def part(seed_shift):
        F = rng.normal(size=(30, n)) + seed_shift
        return F, F[:, 0] * (1 + seed_shift), [DAY + timedelta(days=i % 5) for i in range(30)]

    parts = {"a": [part(0)], "b": [part(1), part(2)], "c": [part(3)]}
    fits = fit_scorers_loto(parts)
    assert set(fits) == {"a", "b", "c"}
    assert fits["a"] == scorer.fit(parts["b"] + parts["c"], name=fits["a"].name)
    poisoned = {**parts, "a": [(np.full((30, n), np.nan), np.full(30, np.nan), parts["a"][0][2])]}
    assert np.isfinite(fit_scorers_loto(poisoned)["a"].coef).all()  # a's rows never enter a's scorer
