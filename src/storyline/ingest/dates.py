"""Publication dates: from metadata values (:func:`parse_date`), from a dateline in the text
(:func:`date_from_text`) and from the file's path (:func:`date_from_path`).
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


def date_from_text(text: str) -> date | None:
    """A publication date stated on a short dateline ("Last Updated on November 7, 2024 2:27 pm CET").

    Only short lines that start with a publishing cue count, so a date inside the
    story is never mistaken for the publication date. The date itself is read by
    the time tagger (absolute dates need no anchor).
    """
    from ..annotate import timex

    lines = text.splitlines()
    candidates = lines[:8] + lines[-8:]
    for line in candidates:
        if len(line) > 120 or not _DATELINE_CUE.search(line):
            continue
        for t in timex.tag(line, None):
            if t.type in ("DATE", "TIME") and re.match(r"^\d{4}-\d{2}-\d{2}", t.value or ""):
                d = parse_date(t.value)
                if d:
                    return d
    return None


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
