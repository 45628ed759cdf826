"""Summarizer settings: sentence filters, the DATEWISE knee filter, CentroidOpt, LOTO choice of settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.errors import ConfigError
from storyline.evaluate.tls import choose_loto
from storyline.tls import (
    DEFAULT_PARAMS,
    DatedSentence,
    SummaryParams,
    knee_index,
    rank_dates,
    summarize,
    summarize_dates,
    vectorize,
)
from storyline.tls.summarize import _fragment, _usable

DAY = date(2010, 4, 20)


@pytest.mark.parametrize(("text", "kept"), [
    ("What is swine flu ?", False),
    ("`` Who will pay for this ? ''", False),
    ("At 12:19 pm on 28 May 2010 , James wrote : BP had no business drilling there .", False),
    ("Photograph : AP Nine new cases of swine flu were confirmed in the UK today .", False),
    ("WASHINGTON | Thu Jun 17 , 2010 3:32 pm EDT WASHINGTON -LRB- Reuters -RRB- - BP apologized .", False),
    ("A boat cuts through a sheen of oil near the spill site , off the Louisiana coast , Tuesday , July 20 , 2010 .",
     False),
    ("President Bush makes a statement in the Rose Garden , Saturday , Oct. 11 , 2008 , in Washington .", False),
    ("The CEO says the accident was caused by a failure of its cementi ... Coast Guard rescue after the blast",
     False),
    ("Financial Frictions between Microsoft and OpenAI", False),
    ("BP Agrees To Pay $ 20 Billion Into Fund For Victims", False),
    ("The rig exploded on April 20 , killing eleven workers .", True),
    ("Fifty-seven Syrians from Jisr al-Shughour were in hospital in Turkey", True),
    ("BP Chief Executive Tony Hayward Testified Before Congress .", True),
    ("The rig exploded on Tuesday , April 20 , 2010 , killing eleven workers .", True),
    ("Prices rose ... and then fell again by the end of the day .", True),
    ("Officials asked whether the well could be capped by August .", True),
])
def test_boilerplate_filter_drops_page_furniture_not_event_sentences(text, kept):
    assert _usable(text, replace(DEFAULT_PARAMS, drop_boilerplate=True)) is kept
    assert _usable(text, replace(DEFAULT_PARAMS, drop_boilerplate=False)) is True


@pytest.mark.parametrize(("values", "knee"), [
    ([1.0, 0.9, 0.2, 0.15, 0.1, 0.05], 2),
    ([1.0, 0.2, 0.19, 0.18, 0.17, 0.16], 1),
    ([0.5], 0),
    ([], 0),
])
def test_knee_is_where_a_descending_curve_bends(values, knee):
    assert knee_index(values) == knee


@given(st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=40))
def test_knee_index_is_a_valid_position(values):
    values = sorted(values, reverse=True)
    assert 0 <= knee_index(values) < len(values)


@pytest.mark.parametrize(("text", "fragment"), [
    ("`` We will not leave the square until he goes .", True),
    ("He said the talks had failed . ''", True),
    ('"We will rebuild," the mayor said after the storm hit the town.', False),
    ("`` We will rebuild , '' the mayor said after the storm hit the town .", False),
    ("BLITZER : The president spoke about Libya at the White House today .", True),
    ("FAREED ZAKARIA , HOST : This is GPS , the Global Public Square .", True),
    ("NEW : Rebels say they have taken the airport in the west of the city .", False),
    ("The U.N. said : all parties must stop the fighting at once .", False),
])
def test_fragment_filter_drops_pieces_of_quotes_and_transcript_turns(text, fragment):
    assert _fragment(text) is fragment
    params = replace(DEFAULT_PARAMS, drop_fragments=True, drop_boilerplate=False)
    assert _usable(text, params) is not fragment


@pytest.mark.parametrize(("text", "kept"), [
    ("He said the talks with the rebels had failed on Monday .", False),
    ("They fled across the border into Turkey overnight .", False),
    ("It is the worst oil spill in the history of the United States .", True),
    ("Hezbollah fired rockets into northern Israel on Monday night .", True),
])
def test_anaphora_filter_drops_sentences_that_open_with_a_pronoun(text, kept):
    assert _usable(text, replace(DEFAULT_PARAMS, drop_anaphora=True)) is kept


def test_trimmed_length_prefers_the_sentence_that_is_short_once_trimmed():
    day = DAY
    long_attrib = ("The rig exploded in the Gulf of Mexico , killing eleven workers on board , "
                   "U.S. Coast Guard officials in New Orleans said on Tuesday .")  # 24 tokens, 14 once trimmed
    plain = "The drilling rig exploded and burned in the Gulf of Mexico , killing eleven workers on board ."  # 18
    sents = [DatedSentence("a", 0, long_attrib, day, (day,)), DatedSentence("b", 0, plain, day, (day,))]
    base = SummaryParams(knee=False, trim=("attribution",), trimmed_length=False, length_penalty=0.05,
                         target_tokens=10)
    picked = summarize(sents, 1, 1, params=base)[0].sentences[0]
    assert picked.doc == "b"
    picked = summarize(sents, 1, 1, params=replace(base, trimmed_length=True))[0].sentences[0]
    assert picked.doc == "a" and picked.text.endswith("killing eleven workers on board")


@pytest.mark.parametrize("bad", [{"centroid": "median"}, {"objective": "rouge"}, {"min_tokens": 9, "max_tokens": 5},
                                 {"lead": -1}])
def test_inconsistent_settings_are_config_errors(bad):
    with pytest.raises(ConfigError):
        SummaryParams(**bad)


def _day_corpus() -> list[DatedSentence]:
    """One day: six articles agree on the blast; one off-topic sentence mentions the same day."""
    out = []
    for n in range(6):
        pub = DAY + timedelta(days=1 + n)
        text = f"The oil rig blast on April 20 killed eleven workers offshore , note {n} ."
        out.append(DatedSentence(f"m{n}", 4, text, pub, (DAY,)))
    out.append(DatedSentence("x", 6, "A charity oil painting auction on April 20 raised money for a school library .",
                             DAY + timedelta(days=2), (DAY,)))
    for n in range(4):
        text = f"The oil rig blast killed eleven workers and injured many more , crew {n} ."
        out.append(DatedSentence(f"p{n}", 0, text, DAY, ()))
    return out


@pytest.mark.parametrize("params", [
    DEFAULT_PARAMS,
    replace(DEFAULT_PARAMS, knee=True),
    replace(DEFAULT_PARAMS, knee=False),
    replace(DEFAULT_PARAMS, objective="summary"),
    replace(DEFAULT_PARAMS, centroid="keyword"),
    replace(DEFAULT_PARAMS, centroid="all"),
])
def test_every_setting_summarises_the_day_with_the_event_not_the_outlier(params):
    tl = summarize(_day_corpus(), 1, 1, keywords=["oil"], params=params)
    assert [e.date for e in tl] == [DAY]
    assert all("blast" in t for t in tl[0].texts)


def test_source_centroid_counts_each_kind_of_evidence_once():
    """Five later sentences naming the day repeat a side story; the day's one first report states the
    event. Against the mean of all six the side story wins; against the mean of the two kinds' means
    (each kind counts once) the first report does."""
    side = [DatedSentence(f"m{n}", 5, f"Fans gathered at the arena and sang songs on June 25 , group {n} .",
                          DAY + timedelta(days=3 + n), (DAY,)) for n in range(5)]
    first = DatedSentence("p", 0, "The singer died at his home after a cardiac arrest , doctors at the hospital said .",
                          DAY, ())
    params = replace(DEFAULT_PARAMS, knee=False, length_penalty=0.0, trim=())
    by_all = summarize(side + [first], 1, 1, params=replace(params, centroid="all"))[0].sentences[0]
    by_sources = summarize(side + [first], 1, 1, params=replace(params, centroid="sources"))[0].sentences[0]
    assert by_all.doc.startswith("m")
    assert by_sources.doc == "p"
    # with one kind of evidence only, "sources" is the plain mean
    only_side = summarize(side, 1, 1, params=replace(params, centroid="sources"))[0].sentences[0]
    assert only_side == summarize(side, 1, 1, params=replace(params, centroid="all"))[0].sentences[0]


def test_knee_filter_never_makes_a_day_drop_out():
    # the day's only keyword sentence is far from what its mentions and first reports share:
    # the knee filter removes it, and the day falls back to all its candidates
    sents = _day_corpus()
    ranked = rank_dates(sents)
    X = vectorize(sents)
    for knee in (False, True):
        tl = summarize_dates(sents, ranked, X, 1, 1, keywords=["charity"], params=replace(DEFAULT_PARAMS, knee=knee))
        assert [e.date for e in tl] == [DAY]
        assert "charity" in tl[0].texts[0]


def _score(f):
    prf = {"precision": f, "recall": f, "f_score": f}
    return {"rouge_1": dict(prf), "rouge_2": dict(prf),
            "date": {"precision": 1.0, "recall": 1.0, "f_score": 1.0}}


def test_loto_choice_ignores_the_held_out_topic():
    topics = ["a", "b", "c"]
    # option "x" wins only on topic a; "y" wins on b and c
    scores = {"x": [_score(0.9), _score(0.1), _score(0.1)], "y": [_score(0.2), _score(0.3), _score(0.3)]}
    chosen = choose_loto(scores, topics)
    assert chosen == {"a": "y", "b": "x", "c": "x"}  # b's choice sees a (0.9+0.1 > 0.2+0.3)


def test_loto_ties_go_to_the_first_option():
    scores = {"first": [_score(0.2)] * 2, "second": [_score(0.2)] * 2}
    assert set(choose_loto(scores, ["a", "b"]).values()) == {"first"}


def _two_days() -> list[DatedSentence]:
    """April 20: the blast, five times. April 21: the same blast retold, and nothing on 'oil'."""
    nxt = DAY + timedelta(days=1)
    out = [DatedSentence(f"a{n}", 3, f"The oil rig blast on April 20 killed eleven workers , report {n} .",
                         DAY + timedelta(days=2), (DAY,)) for n in range(5)]
    out += [DatedSentence(f"b{n}", 3, f"Rescuers on April 21 searched the sea for the eleven missing crew , boat {n} .",
                          nxt + timedelta(days=1), (nxt,)) for n in range(3)]
    return out


@pytest.mark.parametrize("keep_days", [False, True])
def test_a_focused_timeline_never_shows_a_day_off_its_keywords(keep_days):
    sents = _two_days()
    ranked = rank_dates(sents)
    params = replace(DEFAULT_PARAMS, keep_days=keep_days)
    tl = summarize_dates(sents, ranked, vectorize(sents), 2, 1, keywords=["oil"], params=params)
    assert [e.date for e in tl] == [DAY]
    assert len(summarize_dates(sents, ranked, vectorize(sents), 2, 1, params=params)) == 2  # unfocused: both


def test_keep_days_keeps_a_day_whose_candidates_all_repeat_the_timeline():
    later = DAY + timedelta(days=1)
    sents = [DatedSentence(f"a{n}", 3, f"The oil rig blast killed eleven workers on April 20 , copy {n} .",
                           DAY + timedelta(days=3), (DAY,)) for n in range(4)]
    sents += [DatedSentence("b", 3, "The oil rig blast killed eleven workers on April 20 and April 21 , copy 9 .",
                            later + timedelta(days=2), (later,))]
    ranked = rank_dates(sents)
    X = vectorize(sents)
    kept = summarize_dates(sents, ranked, X, 2, 1, keywords=["oil"], params=DEFAULT_PARAMS)
    dropped = summarize_dates(sents, ranked, X, 2, 1, keywords=["oil"], params=replace(DEFAULT_PARAMS, keep_days=False))
    assert [e.date for e in kept] == [DAY, later] and [e.date for e in dropped] == [DAY]
    assert kept[1].texts[0].endswith("copy 9 .")  # the later day's own sentence, though it repeats the first
