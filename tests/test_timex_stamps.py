"""A live page's update stamps set the day each entry is read against (annotate/timex/stamps.py)."""

from datetime import date

import pytest

from storyline.annotate.timex import tag
from storyline.annotate.timex.stamps import day_at, writing_days

TUESDAY = date(2011, 2, 1)

# newest entry first, as most live pages run; filed under the Tuesday it opened
NEWEST_FIRST = (
    "Live: the crisis in Cairo.\n\n"
    "(Update 1:15 a.m. Thursday in Cairo, 6:15 p.m. ET Wednesday) Gunfire was heard in the square.\n\n"
    "(Update 9:45 p.m. Cairo, 2:45 p.m. ET) The health minister said 611 people were injured Wednesday.\n\n"
    "(Update 2:19 p.m. Cairo, 7:19 a.m. ET) The army asked protesters to go home.\n\n"
    "(Update 11:51 a.m. Wednesday in Cairo, 4:51 a.m. ET Wednesday) Internet access is back, the ministry said.\n"
)


def test_stamps_of_a_newest_first_page_take_the_days_they_were_written():
    days = writing_days(NEWEST_FIRST, TUESDAY)
    assert [d for _at, d in days] == [date(2011, 2, 3), date(2011, 2, 2), date(2011, 2, 2), date(2011, 2, 2)]
    assert [NEWEST_FIRST[at:at + 8] for at, _d in days] == ["(Update "] * 4


def test_a_weekday_in_an_entry_is_read_against_its_stamp_not_the_filing_day():
    told = {t.text: t.start_date for t in tag(NEWEST_FIRST, TUESDAY, live_pages=True)}
    # read against Tuesday 1 February, "injured Wednesday" would be 26 January
    assert told["Wednesday"] == "2011-02-02"
    assert told["11:51 a.m. Wednesday"] == "2011-02-02"
    # without live_pages the publication date given is the whole text's reference time (a benchmark's)
    assert {t.text: t.start_date for t in tag(NEWEST_FIRST, TUESDAY)}["Wednesday"] == "2011-01-26"


def test_oldest_first_page_rolls_over_midnight():
    text = ("(Update 10 p.m. ET) Talks broke down.\n\n"
            "(Update 11:40 p.m. ET) A curfew was declared.\n\n"
            "(Update 1:05 a.m. ET) Troops entered the square Friday, witnesses said.\n")
    thursday = date(2011, 2, 3)
    assert [d for _at, d in writing_days(text, thursday)] == [thursday, thursday, date(2011, 2, 4)]
    assert {t.text: t.start_date for t in tag(text, thursday, live_pages=True)}["Friday"] == "2011-02-04"


def test_a_lone_clock_slip_rolls_no_day():
    text = ("(Update 4:59 p.m. Wednesday) C.\n\n(Update 4:50 a.m.) B.\n\n(Update 4:38 p.m.) A.\n\n"
            "(Update 9 a.m. Wednesday) Opening.\n")
    assert [d for _at, d in writing_days(text, TUESDAY)] == [date(2011, 2, 2)] * 4


def test_a_stamp_stating_its_date_gives_it():
    text = "(Updated 2:43 p.m. ET, February 4) The vote was delayed until Monday, officials said.\n"
    assert [d for _at, d in writing_days(text, TUESDAY)] == [date(2011, 2, 4)]


@pytest.mark.parametrize("text", [
    "Protesters marched on Monday. (Update 2:04 p.m. Cairo, 7:04 a.m. ET) More arrived.",  # one stamp, no day
    "The minister said on Wednesday that the update (at 5 p.m.) changed nothing.",  # no stamp
    "(Update 9 a.m. Tuesday) Crowds gathered.",  # the filing day itself
])
def test_pages_whose_stamps_move_no_day_keep_the_publication_date(text):
    assert writing_days(text, TUESDAY) == []
    assert day_at([], 10, TUESDAY) == TUESDAY


def test_text_before_the_first_stamp_takes_its_day():
    days = writing_days(NEWEST_FIRST, TUESDAY)
    assert day_at(days, 0, TUESDAY) == date(2011, 2, 3)
    assert day_at(days, len(NEWEST_FIRST) - 1, TUESDAY) == date(2011, 2, 2)


def test_no_publication_date_no_stamp_days():
    assert writing_days(NEWEST_FIRST, None) == []
