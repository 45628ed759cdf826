"""Time in narrative passages: a month or day without a year belongs to the year the passage is
telling, not to the publication year; news-like passages still read against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.annotate import timex
from storyline.annotate.timex.anchor import forward_year, tells_time


def _values(text: str, dct: date) -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.value, t.anchor) for t in timex.tag(text, dct)}


@pytest.mark.parametrize("text, dct, expected", [
    # a story told years after it happened
    ("Altman and Nadella first crossed paths in the summer of 2018 at an Allen & Co. event. "
     "On 14 July they met again in Seattle.", date(2025, 4, 28), {"14 July": "2018-07-14"}),
    ("In 1944 the Allies prepared the invasion for months. On 6 June, they landed in Normandy. By 25 August "
     "Paris was free. In December the Germans attacked in the Ardennes. In January they retreated.",
     date(2019, 6, 1), {"6 June": "1944-06-06", "25 August": "1944-08-25", "December": "1944-12",
                        "January": "1945-01"}),
    ("Her career began in March 1961, when she joined the BBC. That October she went to Paris.",
     date(2011, 5, 1), {"October": "1961-10"}),
    ("On 6 June 1944 the Allies landed. On 3 June the weather had turned.", date(2019, 6, 1),
     {"3 June": "1944-06-03"}),
])
def test_year_less_dates_take_the_year_the_passage_tells(text, dct, expected):
    got = _values(text, dct)
    for expr, value in expected.items():
        assert got[expr] == (value, "narrative"), got


@pytest.mark.parametrize("text, dct, expr, value", [
    # the passage speaks of now: the publication date decides
    ("The war ended in 1988. Officials said yesterday that talks resume on 14 July.", date(1990, 5, 1),
     "14 July", "1990-07-14"),
    ("In 1944 the Allies prepared the invasion. The museum will open a new wing on 6 June.", date(2019, 5, 1),
     "6 June", "2019-06-06"),
    # a year used as background mid-sentence, or a date modifying a noun, sets no narrative time
    ("The company signed an agreement in 1987 that set no amount. Nashua had bought 481,000 shares through "
     "Sept. 29.", date(1989, 10, 30), "Sept. 29", "1989-09-29"),
    ("The move followed the August 1988 cease-fire. Iran condemned the invasion of Kuwait on Aug. 2.",
     date(1990, 8, 15), "Aug. 2", "1990-08-02"),
    ("It has doubled its profits since 1980. In September, it announced plans to buy a rival.",
     date(1989, 10, 30), "September", "1989-09"),
    # too far back: a new paragraph is a new passage
    ("In 1944 the Allies landed in Normandy.\n\nThe veterans will meet on 6 June.", date(2019, 5, 1),
     "6 June", "2019-06-06"),
])
def test_news_like_passages_keep_the_publication_year(text, dct, expr, value):
    assert _values(text, dct)[expr][0] == value


@pytest.mark.parametrize("before, unit, told", [
    ("Prices fell. In ", "year", True),
    ("an agreement in ", "year", False),
    ("the ", "month", False),
    ("its ", "year", False),
    ("they met on ", "day", True),
    ("That ", "month", True),
])
def test_what_sets_the_narrative_time(before, unit, told):
    assert tells_time(before + "1944", len(before), unit) is told


def test_a_story_goes_forward_but_may_look_back_a_little():
    assert forward_year(date(1961, 3, 1), 10, None) == 1961
    assert forward_year(date(1944, 12, 16), 1, None) == 1945
    assert forward_year(date(1944, 6, 6), 6, 3) == 1944
    assert forward_year(date(1944, 6, 6), 5, 1) == 1944  # five weeks back: still this story
    assert forward_year(date(2011, 8, 1), 6, None) == 2012  # a month: this one or a later one
    assert forward_year(date(2011, 8, 1), 8, None) == 2011
    assert forward_year(date(1944, 6, 6), 3, 1) == 1945  # three months back: the next March


def test_the_end_of_year_is_the_year_its_sentence_is_about():
    text = "This flu season started in early December, a month earlier than usual, and peaked by the end of year."
    assert _values(text, date(2013, 3, 22))["the end of year"][0] == "2012"
    news = "Sales fell in December. The company expects a recovery by the end of the year."
    assert _values(news, date(2013, 3, 22))["the end of the year"][0] == "2013"
