"""Property tests: any text, any publication date -> well-formed, valid, non-overlapping TIMEX3s."""

from __future__ import annotations

import calendar
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.annotate.timex import tag
from storyline.annotate.timex.tagger import MODES
from storyline.annotate.timex.normalize import is_valid_value

WORDS = ["last", "next", "this", "year", "years", "month", "week", "day", "ago", "early", "late", "mid-", "the",
         "end", "of", "since", "by", "until", "summer", "winter", "fall", "quarter", "third", "fiscal", "Q3",
         "2024", "1999", "2029", "March", "May", "Feb.", "February", "30", "31", "29", "Tuesday", "Friday",
         "yesterday", "today", "now", "three", "a", "half", "and", "every", "annually", "weekly", "$5", "at",
         "least", "almost", "8", "p.m.", "noon", "1990s", "20th", "century", "before", "later", "earlier",
         "that", "following", "'58", "-", ",", ".", "1957-58", "16h", "hours", "minutes", "decade", "Christmas",
         # words that contain trigger words: windows must not cut them, patterns must not match inside them
         "fallout", "Springfield", "summertime", "todays", "eastern", "41 had", "85,000 plus", "first half of the decade",
         "nowhere", "Mayor", "Marchers", "secondary", "weekday", "dayton", "yearly", "monthlong",
         # a history's dates, so that narrative mode runs too
         "In 1871", "On 3 March 1871,", "in March 1872", "In 1944", "spring", "Tuesday", "the winter", "29 February"]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
)
dcts = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(text=texts, dct=dcts, mode=st.sampled_from(MODES))
def test_tagger_never_crashes_and_records_are_well_formed(text, dct, mode):
    found = tag(text, dct, doc_id="d", mode=mode)
    last_end = 0
    for t in found:
        assert t.doc == "d"
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.start >= last_end, "records overlap or are out of order"
        last_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert is_valid_value(t.value), t.value
        if t.start_date is not None:
            assert date.fromisoformat(t.start_date) <= date.fromisoformat(t.end_date)


@settings(max_examples=300, deadline=None)
@given(month=st.sampled_from(list(calendar.month_name)[1:] + ["Feb.", "Sept.", "Apr."]),
       day=st.integers(min_value=1, max_value=31), year=st.integers(min_value=1900, max_value=2099),
       with_year=st.booleans(), dct=dcts)
def test_impossible_calendar_dates_never_appear(month, day, year, with_year, dct):
    text = f"It happened on {month} {day}, {year}." if with_year else f"It happens on {month} {day}."
    for t in tag(text, dct):
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", t.value)
        if m:
            y, mo, d = map(int, m.groups())
            assert d <= calendar.monthrange(y, mo)[1], t.value


@settings(max_examples=200, deadline=None)
@given(dct=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_deictic_values_move_with_the_publication_date(dct):
    found = {t.text: t.value for t in tag("He left yesterday and sales fell last year.", dct)}
    assert found["last year"] == f"{dct.year - 1:04d}"
    assert date.fromisoformat(found["yesterday"]) == date.fromordinal(dct.toordinal() - 1)


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_without_a_publication_date_nothing_resolves_against_it(text):
    for t in tag(text, None):
        assert t.anchor != "dct"


@settings(max_examples=200, deadline=None)
@given(text=texts, dct=dcts)
def test_trigger_windows_never_change_the_result(text, dct):
    from storyline.annotate.timex import tagger

    windowed = tagger.tag(text, dct)
    original = tagger._windows
    tagger._windows = lambda _text: {}  # every rule scans the whole text
    try:
        whole = tagger.tag(text, dct)
    finally:
        tagger._windows = original
    assert windowed == whole


@settings(max_examples=200, deadline=None)
@given(text=texts, dct=dcts)
def test_timeml_output_is_always_well_formed_xml(text, dct):
    import xml.etree.ElementTree as ET

    from storyline.annotate.timex import render
    from storyline.annotate.timex.timeml import _NOT_XML

    root = ET.fromstring(render(text, dct, "timeml"))
    body = root.find("TEXT")
    # XML normalises \r\n and lone \r to \n when parsing
    expected = _NOT_XML.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n")
    assert "".join(body.itertext()) == expected
    assert len(body.findall("TIMEX3")) == len(tag(text, dct))
