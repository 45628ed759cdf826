"""Tables of expressions and the TIMEX3 values, mods, anchors and day ranges they must get."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.annotate.timex import tag

DCT = date(2025, 3, 10)  # a Monday


def only(text: str, dct: date | None = DCT):
    found = tag(text, dct)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


@pytest.mark.parametrize("text, span, type_, value", [
    # absolute dates at every granularity
    ("It opened on March 22, 2013.", "March 22, 2013", "DATE", "2013-03-22"),
    ("It opened on 22 March 2013.", "22 March 2013", "DATE", "2013-03-22"),
    ("It opened on Friday, Oct. 18, 2024.", "Friday, Oct. 18, 2024", "DATE", "2024-10-18"),
    ("Filed 2024-10-18 in Delaware.", "2024-10-18", "DATE", "2024-10-18"),
    ("Filed 10/18/2024 in Delaware.", "10/18/2024", "DATE", "2024-10-18"),
    ("It closed in May 2010.", "May 2010", "DATE", "2010-05"),
    ("It closed in 2009.", "2009", "DATE", "2009"),
    ("It closed in the summer of 2018.", "the summer of 2018", "DATE", "2018-SU"),
    ("Results for the third quarter of 2024 were weak.", "the third quarter of 2024", "DATE", "2024-Q3"),
    ("Results for Q3 2024 were weak.", "Q3 2024", "DATE", "2024-Q3"),
    ("Sales in the first half of 2024 rose.", "the first half of 2024", "DATE", "2024-H1"),
    ("Music of the 1990s.", "1990s", "DATE", "199"),
    ("Ideas of the 20th century.", "20th century", "DATE", "19"),
    ("Ideas of the 21st century.", "21st century", "DATE", "20"),
    ("He was born in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
    # relative to the publication date
    ("Sales fell last year.", "last year", "DATE", "2024"),
    ("Sales fell this year.", "this year", "DATE", "2025"),
    ("Sales will rise next year.", "next year", "DATE", "2026"),
    ("Revenue this month rose.", "this month", "DATE", "2025-03"),
    ("Revenue last month rose.", "last month", "DATE", "2025-02"),
    ("He spoke last week.", "last week", "DATE", "2025-W10"),
    ("He speaks this week.", "this week", "DATE", "2025-W11"),
    ("He left yesterday.", "yesterday", "DATE", "2025-03-09"),
    ("He leaves tomorrow.", "tomorrow", "DATE", "2025-03-11"),
    ("He is here today.", "today", "DATE", "2025-03-10"),
    ("He resigned on Tuesday.", "Tuesday", "DATE", "2025-03-04"),
    ("They will meet on Tuesday.", "Tuesday", "DATE", "2025-03-11"),
    ("He resigned last Friday.", "last Friday", "DATE", "2025-03-07"),
    # a wire dateline: "May" closed by punctuation is the month, not the modal
    ("LONDON, May 3 (Reuters) - BP said it would pay.", "May 3", "DATE", "2025-05-03"),
    ("May 3 - The talks resumed.", "May 3", "DATE", "2025-05-03"),
    ("Results come next quarter.", "next quarter", "DATE", "2025-Q2"),
    ("It rained last summer.", "last summer", "DATE", "2024-SU"),
    ("It will be hot this summer.", "this summer", "DATE", "2025-SU"),
    ("It snowed last winter.", "last winter", "DATE", "2025-WI"),
    ("He left last June.", "last June", "DATE", "2024-06"),
    ("He left four years ago.", "four years ago", "DATE", "2021"),
    ("He left two months ago.", "two months ago", "DATE", "2025-01"),
    ("It happened three days ago.", "three days ago", "DATE", "2025-03-07"),
    ("They spoke in a February podcast.", "February", "DATE", "2025-02"),
    ("The vote is set for April 7.", "April 7", "DATE", "2025-04-07"),
    ("Prices are high now.", "now", "DATE", "PRESENT_REF"),
    ("It was common in the past.", "the past", "DATE", "PAST_REF"),
    ("He arrived this morning.", "this morning", "TIME", "2025-03-10TMO"),
    ("He arrives tonight.", "tonight", "TIME", "2025-03-10TNI"),
    ("It ended at 8 p.m. Friday.", "8 p.m. Friday", "TIME", "2025-03-07T20:00"),
    ("We met at Christmas 2023.", "Christmas 2023", "DATE", "2023-12-25"),
    ("The paper said on Saturday, April 26: no.", "Saturday, April 26", "DATE", "2025-04-26"),
    ("The paper said on Friday, April 26: no.", "Friday, April 26", "DATE", "2024-04-26"),
    # durations
    ("It took six years.", "six years", "DURATION", "P6Y"),
    ("It took 90 days.", "90 days", "DURATION", "P90D"),
    ("It took three hours.", "three hours", "DURATION", "PT3H"),
    ("It took two and a half years.", "two and a half years", "DURATION", "P2Y6M"),
    ("It took a decade.", "a decade", "DURATION", "P10Y"),
    ("It took several months.", "several months", "DURATION", "PXM"),
    ("Shares fell over the past two years.", "the past two years", "DURATION", "P2Y"),
    ("He signed a four-week deal.", "four-week", "DURATION", "P4W"),
    ("Over the past decade, it grew.", "the past decade", "DURATION", "P10Y"),
    ("Prices rose in the 2010s.", "2010s", "DATE", "201"),
    # sets
    ("The report is published annually.", "annually", "SET", "P1Y"),
    ("The report is published weekly.", "weekly", "SET", "P1W"),
    ("They meet every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("They meet every two weeks.", "every two weeks", "SET", "P2W"),
    ("It costs $37.5 billion a year.", "a year", "SET", "P1Y"),
    ("ChatGPT hit 500 million users a week.", "a week", "SET", "P1W"),
    ("Thousands of barrels of oil a day gushed out.", "a day", "SET", "P1D"),
    # a clock time next to its day is one moment
    ("Last Updated on November 7, 2024 2:27 pm CET", "November 7, 2024 2:27 pm CET", "TIME", "2024-11-07T14:27"),
    ("The offer expires at 5 p.m. EST Nov. 9, 2024.", "5 p.m. EST Nov. 9, 2024", "TIME", "2024-11-09T17:00"),
])
def test_expression_gets_its_timex3_value(text, span, type_, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, type_, value)
    assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("text, span, value, mod", [
    ("Launched in early 2024.", "early 2024", "2024", "START"),
    ("Growth stalled in mid-2024.", "mid-2024", "2024", "MID"),
    ("It shipped in late 2023.", "late 2023", "2023", "END"),
    ("It ships at the end of 2024.", "the end of 2024", "2024", "END"),
    ("It ships in early December 2024.", "early December 2024", "2024-12", "START"),
    ("It happened earlier this year.", "earlier this year", "2025", "START"),
    ("It took almost seven years.", "almost seven years", "P7Y", "LESS_THAN"),
    ("It took at least 72 hours.", "at least 72 hours", "PT72H", "EQUAL_OR_MORE"),
    ("It took more than four hours.", "more than four hours", "PT4H", "MORE_THAN"),
])
def test_modifiers_are_kept_in_the_extent_and_in_mod(text, span, value, mod):
    t = only(text)
    assert (t.text, t.value, t.mod) == (span, value, mod)


@pytest.mark.parametrize("text, value, mod", [
    ("The plant opens by 2029.", "2029", "ON_OR_BEFORE"),
    ("The deal runs until 2028.", "2028", "ON_OR_BEFORE"),
    ("Prices have risen since 2019.", "2019", "ON_OR_AFTER"),
    ("It must close before 2030.", "2030", "BEFORE"),
])
def test_bounds_keep_the_preposition_out_of_the_extent_and_set_mod(text, value, mod):
    t = only(text)
    assert (t.text, t.value, t.mod) == (value, value, mod)


@pytest.mark.parametrize("text, start_date, end_date", [
    ("Launched in 2024.", "2024-01-01", "2024-12-31"),
    ("It rained last summer.", "2024-06-01", "2024-08-31"),
    ("It snowed last winter.", "2024-12-01", "2025-02-28"),
    ("Revenue this month rose.", "2025-03-01", "2025-03-31"),
    ("He left yesterday.", "2025-03-09", "2025-03-09"),
    ("He spoke last week.", "2025-03-03", "2025-03-09"),
    ("Results for Q3 2024 were weak.", "2024-07-01", "2024-09-30"),
    ("Music of the 1990s.", "1990-01-01", "1999-12-31"),
    ("Launched in early 2024.", "2024-01-01", "2024-04-30"),
    ("Growth stalled in mid-2024.", "2024-05-01", "2024-08-31"),
    ("It shipped in late 2023.", "2023-09-01", "2023-12-31"),
    ("It ships in early December 2024.", "2024-12-01", "2024-12-10"),
    ("It peaked in the late 1990s.", "1997-01-01", "1999-12-31"),
    ("It ships at the end of the third quarter of 2024.", "2024-09-01", "2024-09-30"),
    ("Leap day: February 29, 2024.", "2024-02-29", "2024-02-29"),
])
def test_day_range_reflects_the_precision(text, start_date, end_date):
    t = only(text)
    assert (t.start_date, t.end_date) == (start_date, end_date)


def test_now_covers_the_publication_day_and_the_vague_past_has_no_range():
    now = only("Prices are high now.")
    assert (now.start_date, now.end_date) == ("2025-03-10", "2025-03-10")
    past = only("It was common in the past.")
    assert (past.start_date, past.end_date) == (None, None)
    assert only("Prices are high now.", None).start_date is None


def test_durations_have_no_day_range():
    t = only("It took six years.")
    assert (t.start_date, t.end_date) == (None, None)


@pytest.mark.parametrize("text, span, value", [
    ("In the summer of 2018 it expanded. The firm, founded three years before, grew.", "three years before", "2015"),
    ("The war began in 1939. Two years later the city fell.", "Two years later", "1941"),
    ("The fire started on June 3, 2020. The next day crews arrived.", "The next day", "2020-06-04"),
    ("He was elected in 2008. The following year he resigned.", "The following year", "2009"),
    ("He was reported missing on April 15, 2005. The next day, police searched.", "The next day", "2005-04-16"),
])
def test_anaphoric_expressions_resolve_against_the_narrative(text, span, value):
    found = {t.text: t for t in tag(text, DCT)}
    assert found[span].value == value
    assert found[span].anchor == "narrative"


def test_offsets_from_a_coarser_narrative_time_keep_its_precision():
    found = {t.text: t for t in tag("In 2018 the firm grew. Two days later it shrank.", DCT)}
    assert found["Two days later"].value == "2018"
    assert "coarser" in found["Two days later"].note


def test_deictic_expressions_stay_on_the_publication_date_inside_a_narrative():
    found = {t.text: t for t in tag("In 2018 it expanded. Last year it shrank.", DCT)}
    assert (found["Last year"].value, found["Last year"].anchor) == ("2024", "dct")


@pytest.mark.parametrize("text, value", [
    ("Sales fell last year.", "XXXX"),
    ("He resigned on Tuesday.", "XXXX-WXX-2"),
    ("He left yesterday.", "XXXX-XX-XX"),
    ("Revenue this month rose.", "XXXX-XX"),
])
def test_without_a_publication_date_relative_expressions_stay_unresolved_with_a_reason(text, value):
    t = only(text, None)
    assert t.value == value
    assert t.note and "publication date" in t.note
    assert (t.start_date, t.end_date) == (None, None)


def test_absolute_dates_resolve_without_a_publication_date():
    t = only("It opened on March 22, 2013.", None)
    assert (t.value, t.note) == ("2013-03-22", None)


def test_fiscal_year_carries_a_note_about_organisation_boundaries():
    t = only("Sales in fiscal 2024 rose.")
    assert t.value == "2024"
    assert "organization" in t.note


def test_hour_offsets_from_a_date_only_dct_say_so():
    t = only("Posted 16h ago.")
    assert t.value == "2025-03-10"
    assert "adjacent day" in t.note


@pytest.mark.parametrize("text", [
    "Around 2,000 people came.",
    "The 1,500 cases were closed.",
    "Brian May played guitar.",
    "Prices may fall.",
    "Prices May 3 percent higher.",
    "They may 3D print it.",
    "Prices fall when demand drops.",
    "He marched on.",
    "A 6-year-old boy was found.",
    "Tunisia, until the fall of Ben Ali, had strict laws.",
    "Mr. Reupke, 52 years old, resigned.",
    "Iraq imports about three-quarters of its food.",
    "A second group of directors sued.",
    "The now-disbanded regulator failed.",
    "They watched Apocalypse Now on base.",
    "As night fell, 10s of 1000s still remained in the square.",
    "1000s of protesters marched.",
])
def test_non_temporal_text_is_not_tagged(text):
    assert tag(text, DCT) == []


@pytest.mark.parametrize("text", ["Due Feb. 30, 2024.", "Due on February 30.", "On 31 April 2023 it ended."])
def test_impossible_dates_are_never_produced(text):
    for t in tag(text, DCT):
        assert t.value not in ("2024-02-30", "2025-02-30", "2023-04-31")


@pytest.mark.parametrize("text, span, value", [
    # tokenised news text (Timeline17 style): spaces before commas and clitics
    ("He was reported missing on April 15 , 2005 .", "April 15 , 2005", "2005-04-15"),
    ("It was cold on Monday , Oct. 26 , 2009 .", "Monday , Oct. 26 , 2009", "2009-10-26"),
    ("They said Friday 's event set a record .", "Friday", "2025-03-07"),
])
def test_tokenised_text_is_read_like_running_text(text, span, value):
    t = only(text)
    assert (t.text, t.value) == (span, value)


@pytest.mark.parametrize("text", ["Potts told the Daily Mail .", "He won Australian of the Year ."])
def test_capitalised_names_are_not_times(text):
    assert tag(text, DCT) == []


def test_offset_followed_by_an_event_is_a_duration_with_a_signal():
    found = tag("He ruled six years before the revolution began.", DCT)
    assert [(t.text, t.type, t.value) for t in found] == [("six years", "DURATION", "P6Y")]


@pytest.mark.parametrize("text, expected", [
    ("The summit is on April 24 and 25.", [("April 24", "2025-04-24"), ("25", "2025-04-25")]),
    ("They met on May 3-5, 2010.", [("May 3", "2010-05-03"), ("5, 2010", "2010-05-05")]),
    ("Rules apply by year's end.", [("year's end", "2025")]),
    ("A loss for the third quarter of $226.3 million.", [("the third quarter", "2024-Q3")]),
    ("The post-1959 politics split families.", [("post-1959", "1959")]),
])
def test_lists_ranges_and_edges(text, expected):
    assert [(t.text, t.value) for t in tag(text, DCT)] == expected


def test_a_datetime_dct_is_read_as_its_day():
    from datetime import datetime

    assert [(t.text, t.value) for t in tag("He left yesterday.", datetime(2025, 3, 10, 14, 0))] == [
        ("yesterday", "2025-03-09")]


def test_clock_stamps_of_a_live_page_are_not_years():
    """A live page opens each entry with its clock time: '1943 US officials say ...' is 19:43, not
    the year 1943. A year in the entry's text, or a line opening with a year on a page without
    such stamps, is still a year."""
    page = ("Haiti earthquake: live\n0000 The BBC is ending this live page for the night.\n"
            "2346 A survivor tells the BBC he found his wife.\n"
            "1943 US military officials say flights resumed, the first since 1943.\n")
    found = [(t.text, t.value, t.start) for t in tag(page, date(2010, 1, 14)) if t.type == "DATE"]
    assert found == [("1943", "1943", page.rindex("1943"))]
    essay = "Looking back.\n1943 was the year the war turned in the east.\n"
    assert [(t.text, t.value) for t in tag(essay, date(2010, 1, 14))] == [("1943", "1943")]
    # two stamp-like lines are not yet a live page
    two = "2346 A survivor tells the BBC he found his wife.\n1943 Officials say flights resumed.\n"
    assert [t.value for t in tag(two, date(2010, 1, 14))] == ["1943"]


@pytest.mark.parametrize("text, value", [
    # the early hours of the page's next day, a time zone ahead: told in the past, it is that day
    ("Mubarak said early Saturday that he asked the government to resign.", "2011-01-29"),
    ("The CNN team heard at least four explosions early on Saturday.", "2011-01-29"),
    # without "early", a weekday told in the past looks back; "early" on another day too
    ("Protesters clashed with police on Saturday.", "2011-01-22"),
    ("Mubarak spoke early Thursday.", "2011-01-27"),
    # after midnight is the early hours of the day named, the next day from a Friday page
    ("Just after midnight Saturday, Mubarak gave a speech defending the government.", "2011-01-29T00:00"),
    ("The strike began shortly after midnight on Thursday.", "2011-01-27T00:00"),
    # midnight itself ends the day named
    ("At midnight Saturday the curfew ended.", "2011-01-22T24:00"),
])
def test_the_early_hours_of_the_weekday_after_the_page_s(text, value):
    found = tag(text, date(2011, 1, 28))  # a Friday
    assert [t.value for t in found] == [value]


def test_a_clock_in_brackets_takes_the_day_after_them():
    """"at 1653 local time (2153 GMT) on Tuesday" on a Wednesday page is Tuesday's 21:53, not
    Wednesday's: the day after the brackets names the clock's day."""
    text = "The first tremor had hit at 1653 local time (2153 GMT) on Tuesday, the US Geological Survey said."
    found = tag(text, date(2010, 1, 13))
    assert [(t.text, t.value) for t in found] == [("(2153 GMT) on Tuesday", "2010-01-12T21:53")]
    assert text[found[0].start:found[0].end] == found[0].text
    # a clock in brackets with no day after it keeps the page's day
    assert [t.value for t in tag("The tremor hit at 1653 (2153 GMT), south-west of the capital.", date(2010, 1, 13))] == [
        "2010-01-13T21:53"]
