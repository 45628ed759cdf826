"""Publication dates: from metadata values (:func:`parse_date`), from a dateline in the text
(:func:`dateline`) and from the file's path (:func:`date_from_path`), chosen between by
:func:`undated_published`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import PurePath

# a path can carry any date; these bound what is taken as a publication date
PATH_YEARS = (1900, 2100)

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_DATELINE_CUE = re.compile(
    r"^\W*(?:last\s+)?(?:updated|published|posted|modified|date|first published|updated on|published on)\b",
    re.IGNORECASE,
)


def parse_date(value: object) -> date | None:
    """An ISO date or datetime (as found in metadata) -> date; None when it is not one."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def dateline(text: str) -> tuple[date, str] | None:
    """A publication date stated on a short dateline ("Last Updated on November 7, 2024 2:27 pm CET"),
    and the line that states it.

    Only short lines among a page's first and last eight that start with a publishing cue count,
    so a date inside the story is never mistaken for the publication date. The date itself is read
    by the time tagger (absolute dates need no anchor). The teasers of a page listing other pages
    (:func:`storyline.ingest.clean.listing_lines`: a correspondent's videos, each "updated : Tue
    Sep 11 2007 ...") are not its dateline.
    """
    from ..annotate import timex
    from .clean import listing_lines

    lines = text.splitlines()
    listing = listing_lines(lines)
    for i in [*range(min(8, len(lines))), *range(max(8, len(lines) - 8), len(lines))]:
        line = lines[i]
        if i in listing or len(line) > 120 or not _DATELINE_CUE.search(line):
            continue
        d = timex.stated_day(line)
        if d:
            return d, line
    return None


_LATER_CUE = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|posted)\b", re.IGNORECASE)


def undated_published(text: str, path: str) -> tuple[date, str] | None:
    """The publication date of a document nothing else dates, and where it came from: a dateline
    in its text (:func:`dateline`, ``"text"``), else the date its path states
    (:func:`date_from_path`, ``"path"``). The path's also where the text's line tells an update
    or a post (:data:`_LATER_CUE`) of a later day than the day the page was filed under: that is
    when it was updated or a reader posted ("Posted by Peter Hayes on May 3, 2005" under
    ``2005-04-30/``), not when it was published. A later "Published ..." line is the page's word."""
    on_path = date_from_path(path) if path else None
    stated = dateline(text)
    if stated and not (on_path and stated[0] > on_path and _LATER_CUE.search(stated[1])):
        return stated[0], "text"
    return (on_path, "path") if on_path else None


# A folder named as a date ("2011-02-09", "2011_02_09", "20110209"), three folders year/month/day
# ("2011/02/09", as saved web pages keep them) or a file name that starts with a date followed by a
# separator ("2011-02-09_slug.html", "20110209-story.txt").
_ISO = r"(?P<y>\d{4})(?P<sep>[-_]?)(?P<m>\d{2})(?P=sep)(?P<d>\d{2})"
_FOLDER_DATE = re.compile(rf"^{_ISO}$")
_NAME_DATE = re.compile(rf"^{_ISO}(?=[-_. ]|$)")


def _valid(y: str, m: str, d: str) -> date | None:
    try:
        out = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return out if PATH_YEARS[0] <= out.year <= PATH_YEARS[1] else None


def date_from_path(path: str | PurePath) -> date | None:
    """The publication date a file's path states, nearest the file first: its name
    (``2011-02-09_slug.html``), then its folders (``.../2011-02-09/123.txt``,
    ``.../2011/02/09/story.html``). None when no part of the path is a valid date."""
    parts = PurePath(path).parts
    if not parts:
        return None
    m = _NAME_DATE.match(parts[-1])
    if m and (found := _valid(m["y"], m["m"], m["d"])):
        return found
    folders = parts[:-1]
    for i in range(len(folders) - 1, -1, -1):
        m = _FOLDER_DATE.match(folders[i])
        if m and (found := _valid(m["y"], m["m"], m["d"])):
            return found
        if i >= 2 and re.fullmatch(r"\d{2}", folders[i]) and re.fullmatch(r"\d{2}", folders[i - 1]) \
                and re.fullmatch(r"\d{4}", folders[i - 2]):
            if found := _valid(folders[i - 2], folders[i - 1], folders[i]):
                return found
    return None


# ----------------------------------------------------------------------------- written dates
# Dates as people type them into a spreadsheet or a feed carries them. Hand-written because
# dateutil/dateparser guess silently on "04/05/2025" (and dateparser is an optional extra):
# here an ambiguous numeric date is parsed only under an explicit day/month order, and the
# reason is given otherwise.

DATE_ORDERS = ("auto", "day-first", "month-first")
_MONTH_NUM = {m[:3]: i for i, m in enumerate(_MONTHS.split("|"), 1)}
_MONTH_WORD = r"(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\.?"
_WRITTEN = [
    # April 28, 2025 / Apr. 28 2025 / Monday, April 28th, 2025
    re.compile(rf"^(?:[a-z]+,?\s+)?{_MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$"),
    # 28 April 2025 / 28th of April, 2025 / Mon 28 Apr 2025
    re.compile(rf"^(?:[a-z]+,?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD},?\s+(?P<y>\d{{4}})$"),
    # April 2025 (month precision)
    re.compile(rf"^{_MONTH_WORD},?\s+(?P<y>\d{{4}})$"),
]
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4})$")
_YMD_SLASH = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})$")


class DateForm(ValueError):
    """A written date that cannot be read, with the reason."""


def read_written_date(value: object, order: str = "auto") -> tuple[date, str]:
    """A publication date as written in a manifest or feed -> ``(date, precision)``, precision one of
    ``day``, ``month``, ``year``. Reads ISO dates and datetimes, ``2025-04`` and ``2025``,
    ``28/04/2025`` (day/month order by ``order``: ``auto`` reads it only when unambiguous),
    ``April 28, 2025``, ``28 April 2025``, ``April 2025`` and RFC 2822 (``Mon, 28 Apr 2025 10:00:00
    +0000``). Raises :class:`DateForm` with the reason otherwise."""
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    text = " ".join(str(value).split())
    low = text.lower()
    if not text:
        raise DateForm("empty date")

    def made(y, m, d, precision="day") -> tuple[date, str]:
        try:
            return date(int(y), int(m), int(d)), precision
        except ValueError:
            raise DateForm(f"{text!r} is not a calendar date") from None

    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", text):
        return made(m.group(1), m.group(2), m.group(3))
    if m := re.match(r"^(\d{4})-(\d{2})$", text):
        return made(m.group(1), m.group(2), 1, "month")
    if re.match(r"^\d{4}$", text):
        return made(text, 1, 1, "year")
    if m := _YMD_SLASH.match(text):
        return made(m["y"], m["m"], m["d"])
    if m := _NUMERIC.match(text):
        a, b = int(m["a"]), int(m["b"])
        if order == "day-first" or (order == "auto" and a > 12 >= b):
            return made(m["y"], b, a)
        if order == "month-first" or (order == "auto" and b > 12 >= a):
            return made(m["y"], a, b)
        if a == b:
            return made(m["y"], a, b)
        raise DateForm(f"{text!r} could be day/month or month/day: set date_order=day-first or month-first")
    for pattern in _WRITTEN:
        if m := pattern.match(low):
            month = _MONTH_NUM.get(m["mon"][:3])
            if month is None:
                break
            if "d" in m.groupdict() and m["d"]:
                return made(m["y"], month, m["d"])
            return made(m["y"], month, 1, "month")
    if re.match(r"^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d", low):
        from email.utils import parsedate_to_datetime

        try:
            return parsedate_to_datetime(text).date(), "day"
        except (TypeError, ValueError):
            pass
    raise DateForm(f"{text!r} is not a date (write 2025-04-28, 28/04/2025, April 28, 2025 or an RFC 2822 date)")


# Notes a manifest carries about a date ("date estimated; day uncertain")
_UNCERTAIN = [
    (re.compile(r"\b(?:month|months)\s+(?:uncertain|unknown|approximate|estimated)\b|\byear only\b", re.I), "year"),
    (re.compile(r"\b(?:day|days)\s+(?:uncertain|unknown|approximate|estimated)\b|\bmonth only\b", re.I), "month"),
    (re.compile(r"\b(?:estimated|approximate(?:ly)?|circa|uncertain|unsure)\b", re.I), "month"),
]
PRECISIONS = ("day", "month", "year")


def precision_from_note(note: str | None) -> str | None:
    """The precision a note gives a date: "day uncertain" -> month, "month unknown" -> year, a date
    said to be "estimated" or "approximate" without more -> month (an estimated day is not a day)."""
    if not note:
        return None
    for pattern, precision in _UNCERTAIN:
        if pattern.search(note):
            return precision
    return None


def coarser(a: str | None, b: str | None) -> str | None:
    """The less precise of two precisions (None counts as day)."""
    rank = {None: 0, "day": 0, "month": 1, "year": 2}
    return a if rank[a] >= rank[b] else b
