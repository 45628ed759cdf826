"""Live pages: the day each part of a page was written, read from the page's own update stamps.

A live page ("(Update 9:19 a.m. Wednesday in Cairo, 2:19 a.m. ET Wednesday) The defense ministry
on Wednesday urged ...") is filed under one publication date but written over several days, each
entry under a stamp of the time it was added. A weekday in an entry ("said Monday", "will address
the nation Tuesday night") is said at that stamp's time, not at the page's publication date: read
against the publication date, a page filed on a Tuesday and written on the Wednesday and Thursday
after it puts "Wednesday" six days too early. So each stamp's day is worked out, and the text from a
stamp to the next one takes that day as its reference time (the text before the first stamp, a
live page's head, takes the first stamp's).

A stamp's day:

* a date it states ("Updated 2:43 p.m. ET, February 1") is that date;
* a weekday it states is the first such day on or after the day reached so far (a page is updated
  after it is published, never before);
* otherwise it is the day of the stamp before it in time, one day later when its clock time is
  earlier than that stamp's by more than :data:`ROLLOVER_MINUTES` (the clock passed midnight),
  unless the stamp after it in time goes back above that time (a lone typo, "4:50 a.m." between
  4:38 p.m. and 4:59 p.m., rolls nothing).

Stamps appear newest first (most live pages) or oldest first: the order is the one most of the
consecutive clock times follow. Only the first clock of a stamp counts (its place's local time:
"5:16 a.m. Thursday in Cairo, 10:16 p.m. ET Wednesday").

Written here because no library reads live-page stamps: htmldate and trafilatura give a page's one
publication or modification date, not the time of each entry.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from . import grammar as G
from .anchor import nearest_month_day, nearest_weekday

ROLLOVER_MINUTES = 120  # a clock this much earlier than the stamp before it in time: the next day

_CLOCK = (r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.?\s?m\.?)(?!\w)"
          r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?!\s*[ap]\.?m)"
          r"|(?P<noon>noon|midnight|midday))")
# "(Update 5:16 a.m. Thursday in Cairo, 10:16 p.m. ET Wednesday)", "[Updated at 15:20 GMT]":
# a bracket opening with the label, then a clock; what follows it up to a second clock (``head``)
# may name its day
STAMP = re.compile(r"[(\[]\s*update[sd]?\s*:?\s+(?:at\s+)?" + _CLOCK
                   + r"(?P<head>(?:(?!\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?\s?m\.?)[^()\[\]]){0,60})[^()\[\]]{0,80}[)\]]", re.I)
_WEEKDAY = re.compile(G.WEEKDAY)
_MONTH_DAY = re.compile(rf"(?P<mon>{G.MONTH})\s+(?P<day>[0-3]?\d)(?!\d)")  # the tagger's month names


def _minutes(m: re.Match) -> int:
    if m.group("noon"):
        return 0 if m.group("noon").lower() == "midnight" else 12 * 60
    if m.group("h24") is not None:
        return int(m.group("h24")) * 60 + int(m.group("mi24"))
    hour = int(m.group("h")) % 12 + (12 if m.group("ap").lower().startswith("p") else 0)
    return hour * 60 + int(m.group("mi") or 0)


def _stated_day(head: str, near: date) -> date | None:
    """The date a stamp's head states ("February 1"), in the year that puts it nearest ``near``
    (the tagger's own reading of a year-less day with no tense, :func:`.anchor.nearest_month_day`)."""
    m = _MONTH_DAY.search(head)
    if not m:
        return None
    month, day = G.MONTHS[m.group("mon").rstrip(".").lower()], int(m.group("day"))
    year = nearest_month_day(near, month, day, "")
    return date(year, month, day) if year is not None else None


def writing_days(text: str, dct: date | None) -> list[tuple[int, date]]:
    """``(offset, day)`` for each update stamp of ``text``, in text order: from ``offset`` on, the
    text was written on ``day``. Empty when the text has no stamp that moves a day off ``dct``."""
    if dct is None:
        return []
    found = [(m.start(), _minutes(m), m.group("head")) for m in STAMP.finditer(text)]
    if not found:
        return []
    steps = [b[1] - a[1] for a, b in zip(found, found[1:])]
    newest_first = sum(s < 0 for s in steps) > sum(s > 0 for s in steps)
    in_time = found[::-1] if newest_first else found
    days: list[date] = []
    day, last = dct, None
    for k, (_at, clock, head) in enumerate(in_time):
        stated = _stated_day(head, day)
        weekday = _WEEKDAY.search(head)
        if stated is not None:
            day = stated
        elif weekday is not None:
            day = nearest_weekday(day, G.WEEKDAYS[weekday.group().lower()], "future")  # on or after it
        elif last is not None and clock < last - ROLLOVER_MINUTES:
            following = in_time[k + 1][1] if k + 1 < len(in_time) else None
            if following is None or following <= last - ROLLOVER_MINUTES:
                day = day + timedelta(days=1)
            else:
                clock = last  # a lone slip of the clock: the next stamp goes back above it
        days.append(day)
        last = clock
    if newest_first:
        days.reverse()
    if all(d == dct for d in days):
        return []
    return [(at, d) for (at, _clock, _head), d in zip(found, days)]


def day_at(days: list[tuple[int, date]], offset: int, dct: date | None) -> date | None:
    """The reference day of the text at ``offset``: the day of the last stamp before it (the first
    stamp's before the first), else ``dct``."""
    if not days:
        return dct
    k = bisect.bisect_right(days, offset, key=lambda stamp: stamp[0]) - 1
    return days[max(k, 0)][1]
