"""Time in narrative passages: a month or day without a year belongs to the year the passage is
telling, not to the publication year; news-like passages still read against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.annotate import timex
from storyline.annotate.timex.anchor import forward_year, tells_history, tells_time


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


@pytest.mark.parametrize("text, expected", [
    # "that year" points back to the year the text wrote out, past a paragraph break
    ("She refused to supply him with the drug in April 2009 and never saw him again.\n\n"
     "The superstar died on 25 June that year, a death the coroner attributed to propofol.",
     {"25 June": "2009-06-25", "that year": "2009"}),
    ("The 2003 invasion of Iraq divided the region.\n\nEgypt opposed it in March of the same year.",
     {"the same year": "2003"}),
])
def test_that_year_is_the_year_the_text_wrote_out(text, expected):
    got = _values(text, date(2011, 10, 26))
    for expr, value in expected.items():
        assert got[expr][0] == value, got


def test_that_year_with_no_year_written_reads_as_before():
    """With no year written before it, "that year" is read as it was (the publication's year)."""
    assert _values("The company was founded that year, officials said.", date(2011, 10, 26))["that year"][0] == "2011"


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


# a history told across paragraphs (made up, in the manner of an encyclopaedia's account of a war)
_HISTORY = (
    "The siege of the port began on 3 March 1871, when the northern army cut the coast road. "
    "On 19 April the defenders tried to break out and failed. The garrison held through the summer.\n\n"
    "In September the northern guns opened a breach in the sea wall. The last assault came on 2 October, "
    "and the town surrendered the next day. The army marched inland in the winter of 1871.\n\n"
    "In March 1872 the two sides met at Vell. The talks broke down in May. On 14 June the war resumed, "
    "and on Thursday the northern cavalry crossed the river. In spring the south sued for peace."
)


@pytest.mark.parametrize("dct", [None, date(2009, 5, 1)])
def test_a_history_keeps_its_own_time_across_paragraphs(dct):
    got = _values(_HISTORY, dct)
    assert got["19 April"] == ("1871-04-19", "narrative")
    assert got["September"] == ("1871-09", "narrative")  # a new paragraph goes on with the story
    assert got["2 October"] == ("1871-10-02", "narrative")
    assert got["May"] == ("1872-05", "narrative")
    assert got["14 June"] == ("1872-06-14", "narrative")
    assert got["Thursday"] == ("1872-06-13", "narrative")  # 14 June 1872 was a Friday: the day before
    assert got["spring"] == ("1873-SP", "narrative")  # read forward from June 1872


def test_a_history_without_a_publication_date_is_read_as_a_narrative():
    text = "Germany invaded Belgium in 1914. On 4 August Britain declared war."
    assert _values(text, None)["4 August"] == ("1914-08-04", "narrative")
    # the same sentences in a news report: a bare year mid-sentence is background, not the story's time
    assert _values(text, date(2014, 7, 30))["4 August"][0] == "2014-08-04"


def test_news_with_background_paragraphs_stays_news():
    text = ("The treaty was signed in March 2006 after talks that began in 2004 and followed the 2001 accord.\n\n"
            "Oil prices rose on Tuesday. Brent hit a high of $127 in April, traders said yesterday.")
    got = _values(text, date(2011, 8, 12))
    assert got["April"][0] == "2011-04" and got["Tuesday"][0] == "2011-08-09"


@pytest.mark.parametrize("found, history", [
    ([("1871-03-03", None, "3 March 1871"), ("1871-04-19", "narrative", "19 April"), ("1872-03", None, "March 1872"),
      ("2008-09", "dct", "September")], True),  # a month news mode read from the DCT is not deictic
    # far-off future years are maturities and plans, not a story told
    ([("2019-11-01", None, "Nov. 1, 2019"), ("2029", None, "2029"), ("2030", None, "2030")], False),
    # a report that reads its days from the publication date is news, whatever its background
    ([("1998", None, "1998"), ("1999", None, "1999"), ("2001", None, "2001"), ("2009-05-12", "dct", "on Tuesday")],
     False),
    ([("1871", None, "1871"), ("1872", None, "1872")], False),  # too few dates to tell
    ([("1871", None, "1871"), ("1872", None, "1872"), ("1873", None, "1873"), ("2009", None, "2009"),
      ("2009-04", None, "April 2009")], True),
    ([("1871", None, "1871"), ("1872", None, "1872"), ("1873", None, "1873"), ("2009", None, "2009"),
      ("2009-04", None, "April 2009"), ("2009-03", None, "March 2009")], False),
])
def test_which_documents_tell_history(found, history):
    assert tells_history(date(2009, 5, 12), found) is history


def test_an_infinitive_that_runs_up_to_a_month_looks_ahead():
    text = "The firm said it chose three start-ups for a program to run through June."
    assert _values(text, date(2013, 3, 18))["June"][0] == "2013-06"
    assert _values("The firm said the program ran through June.", date(2013, 3, 18))["June"][0] == "2012-06"


def test_a_history_still_reads_the_writers_future_from_the_publication_date():
    text = (_HISTORY.replace("In spring the south sued for peace.", "")
            + "The town's museum will open a room on the siege in March.")
    assert _values(text, date(2009, 1, 10))["March"] == ("2009-03", "dct")


@pytest.mark.parametrize("text, expr, value", [
    ("The index fell 14 percent between January and March 2003.", "January", "2003-01"),
    ("Prices rose from June to August, 2010, then fell.", "June", "2010-06"),
    ("Output dropped in October-December 1998.", "October", "1998-10"),
])
def test_the_first_month_of_a_range_takes_the_year_after_the_range(text, expr, value):
    assert _values(text, date(2009, 4, 27))[expr][0] == value


@pytest.mark.parametrize("clause", ["We are planning to hold a supper in October.",
                                    "The town plans to hold a supper in October."])
def test_a_history_reads_a_plan_of_the_writers_from_the_publication_date(clause):
    text = _HISTORY.replace("In spring the south sued for peace.", "") + clause
    assert _values(text, date(2009, 5, 1))["October"] == ("2009-10", "dct")


def test_a_plan_inside_the_story_stays_in_the_story():
    text = _HISTORY.replace("In spring the south sued for peace.", "The offensive was planned for October.")
    assert _values(text, date(2009, 5, 1))["October"] == ("1872-10", "narrative")
