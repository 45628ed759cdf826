"""Publication dates: from metadata values (:func:`parse_date`) and from a dateline in the text
(:func:`date_from_text`).
"""

from __future__ import annotations

import re
from datetime import date, datetime

# --------------------------------------------------------------------------- dates

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
