"""Calendar arithmetic on TIMEX3 values: formatting, shifting, day ranges, validity.

Everything here works on TimeML value strings (``2024``, ``2024-10``, ``2024-W05``,
``2024-Q3``, ``2024-H1``, ``2024-SU``, ``202`` (a decade), ``20`` (a century),
``2024-10-18``, ``2024-10-18T14:27``, ``2024-10-18TMO``) so that the grammar, the
anchoring and the day ranges share one definition of what a value means.

Day ranges (``start_date``/``end_date``, inclusive):

* year, month, ISO week, day: the obvious calendar span;
* quarter ``Qn``: months 3n-2..3n; half ``H1``: Jan-Jun, ``H2``: Jul-Dec;
* seasons (meteorological, northern hemisphere): ``SP`` Mar-May, ``SU`` Jun-Aug,
  ``FA`` Sep-Nov, ``WI`` Dec of the previous year to the end of Feb (``2024-WI`` is
  the winter whose January falls in 2024);
* decade ``202``: 2020-2029; century ``20``: 2000-2099 (TimeML counts centuries
  by their leading digits, so "the 21st century" is ``20``);
* mod ``START``/``MID``/``END`` keep the first, middle or last part of that span: for a year
  Jan-Apr / May-Aug / Sep-Dec (``early 2024`` -> 2024-01-01..2024-04-30), for a month days
  1-10 / 11-20 / 21-end, for a decade years 0-3 / 4-6 / 7-9, otherwise thirds; other mods (``BEFORE``, ``ON_OR_AFTER``,
  ``APPROX``...) keep the span of the value itself: the mod says how to read it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_VALUE_RE = re.compile(
    r"""^(?:
      PRESENT_REF|PAST_REF|FUTURE_REF
    | (?P<y>\d{4}|XXXX)
      (?:-(?:(?P<m>\d{2}|XX)(?:-(?P<d>\d{2}|XX))?
          |W(?P<w>\d{2}|XX)(?:-(?P<wd>[1-7]|WE))?
          |(?P<q>Q[1-4X]|H[12X]|SP|SU|FA|WI)))?
      (?:T(?:(?P<hh>\d{2})(?::(?P<mm>\d{2})(?::(?P<ss>\d{2}))?)?|MO|MI|AF|EV|NI|DT))?
    | XXXX-WXX-[1-7](?:T(?:MO|MI|AF|EV|NI|DT|\d{2}(?::\d{2})?))?
    | \d{2,3}X?
    | P(?:(?:\d+(?:\.\d+)?|X)[YMWDE])*(?:(?:\d+(?:\.\d+)?|X)(?:CE|DE|[YMWDE]))?
       (?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?
    )$""",
    re.X,
)


def is_valid_value(value: str) -> bool:
    """True if ``value`` is a well-formed TIMEX3 value naming a possible calendar date."""
    m = _VALUE_RE.match(value)
    if not m or value in ("P", "PT") or value.endswith("T"):
        return False
    if m.group("y") and m.group("y") != "XXXX":
        y = int(m.group("y"))
        mo, d = m.group("m"), m.group("d")
        if mo and mo != "XX":
            if not 1 <= int(mo) <= 12:
                return False
            if d and d != "XX" and not 1 <= int(d) <= calendar.monthrange(y, int(mo))[1]:
                return False
        w = m.group("w")
        if w and w != "XX" and not 1 <= int(w) <= date(y, 12, 28).isocalendar()[1]:
            return False
        if m.group("hh") and (int(m.group("hh")) > 24 or (m.group("mm") and int(m.group("mm")) > 59)):
            return False
    return True


def fmt_day(d: date) -> str:
    return d.isoformat()


def fmt_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def fmt_quarter(d: date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def add_months(d: date, n: int) -> date:
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    m += 1
    if not 1 <= y <= 9999:
        raise ValueError("year out of range")
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def add_years(d: date, n: int) -> date:
    return add_months(d, 12 * n)


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (year, quarter, month, week, day, decade, century)."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "half":
        return add_months(d, 6 * n)
    if unit == "year":
        return add_years(d, n)
    if unit == "decade":
        return add_years(d, 10 * n)
    if unit == "century":
        return add_years(d, 100 * n)
    raise ValueError(unit)


def at_granularity(d: date, unit: str) -> str:
    """The TIMEX3 value naming the ``unit``-long period that contains ``d``."""
    if unit in ("day", "hour", "minute", "second", "night", "morning", "afternoon", "evening"):
        return fmt_day(d)
    if unit in ("week", "weekend"):
        return fmt_week(d)
    if unit == "month":
        return fmt_month(d.year, d.month)
    if unit == "quarter":
        return fmt_quarter(d)
    if unit == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def season_of(d: date) -> tuple[int, str]:
    """(year, season code) of the meteorological season containing ``d``."""
    if d.month == 12:
        return d.year + 1, "WI"
    if d.month <= 2:
        return d.year, "WI"
    return d.year, ("SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA")[d.month - 3]


def _span(value: str) -> tuple[date, date] | None:
    m = _VALUE_RE.match(value)
    if not m:
        return None
    try:
        if re.fullmatch(r"\d{3}", value):
            y = int(value) * 10
            return date(max(y, 1), 1, 1), date(y + 9, 12, 31)
        if re.fullmatch(r"\d{2}", value):
            y = int(value) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
        ys = m.group("y")
        if not ys or ys == "XXXX":
            return None
        y = int(ys)
        mo, d, w, q = m.group("m"), m.group("d"), m.group("w"), m.group("q")
        if w:
            if w == "XX":
                return None
            monday = date.fromisocalendar(y, int(w), 1)
            wd = m.group("wd")
            if wd == "WE":
                return monday + timedelta(days=5), monday + timedelta(days=6)
            if wd:
                day = monday + timedelta(days=int(wd) - 1)
                return day, day
            return monday, monday + timedelta(days=6)
        if q:
            if q.endswith("X"):
                return None
            if q[0] == "Q":
                first = 3 * int(q[1]) - 2
                return date(y, first, 1), date(y, first + 2, calendar.monthrange(y, first + 2)[1])
            if q[0] == "H":
                return (date(y, 1, 1), date(y, 6, 30)) if q == "H1" else (date(y, 7, 1), date(y, 12, 31))
            a, b = SEASON_MONTHS[q]
            if q == "WI":
                return date(y - 1, 12, 1), date(y, 2, calendar.monthrange(y, 2)[1])
            return date(y, a, 1), date(y, b, calendar.monthrange(y, b)[1])
        if mo and mo != "XX":
            mi = int(mo)
            if d and d != "XX":
                day = date(y, mi, int(d))
                return day, day
            return date(y, mi, 1), date(y, mi, calendar.monthrange(y, mi)[1])
        if mo == "XX":
            return date(y, 1, 1), date(y, 12, 31)
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def day_range(value: str, mod: str | None = None) -> tuple[str | None, str | None]:
    """Inclusive ISO day range that ``value`` (read with ``mod``) covers; (None, None) if none."""
    if value.startswith("P") or "X" in value[:4] and not re.fullmatch(r"\d{3}X", value):
        return None, None
    if re.fullmatch(r"\d{3}X", value):
        value = value[:3]
    span = _span(value)
    if span is None:
        return None, None
    a, b = span
    if mod in ("START", "MID", "END"):
        cut = _calendar_part(value, a, b, mod)
        if cut is not None:
            return cut[0].isoformat(), cut[1].isoformat()
    if mod in ("START", "MID", "END") and (b - a).days + 1 >= 3:
        days = (b - a).days + 1
        third = max(days // 3, 1)
        if mod == "START":
            b = a + timedelta(days=third - 1)
        elif mod == "MID":
            a, b = a + timedelta(days=third), a + timedelta(days=days - third - 1)
        else:
            a = b - timedelta(days=third - 1)
    return a.isoformat(), b.isoformat()


def _calendar_part(value: str, a: date, b: date, mod: str) -> tuple[date, date] | None:
    """Early/mid/late on calendar lines: a year's Jan-Apr / May-Aug / Sep-Dec, a month's
    1-10 / 11-20 / 21-end, a decade's 0-3 / 4-6 / 7-9, a century's 00-32 / 33-65 / 66-99."""
    unit = value_unit(value)
    i = ("START", "MID", "END").index(mod)
    if unit == "year":
        first, last = ((1, 4), (5, 8), (9, 12))[i]
        return date(a.year, first, 1), date(a.year, last, calendar.monthrange(a.year, last)[1])
    if unit == "month":
        lo, hi = ((1, 10), (11, 20), (21, calendar.monthrange(a.year, a.month)[1]))[i]
        return date(a.year, a.month, lo), date(a.year, a.month, hi)
    if unit in ("decade", "century"):
        size = 10 if unit == "decade" else 100
        lo, hi = (((0, 3), (4, 6), (7, 9)) if size == 10 else ((0, 32), (33, 65), (66, 99)))[i]
        base = a.year - a.year % size
        return date(max(base + lo, 1), 1, 1), date(base + hi, 12, 31)
    return None


def value_start(value: str) -> date | None:
    """First day of ``value`` (None if it names no resolvable period)."""
    s, _ = day_range(value)
    return date.fromisoformat(s) if s else None


def value_unit(value: str) -> str:
    """Granularity of a date value: century, decade, year, half, quarter, season, month, week, day."""
    if re.fullmatch(r"\d{2}", value):
        return "century"
    if re.fullmatch(r"\d{3}X?", value):
        return "decade"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{4}-H\d", value):
        return "half"
    if re.fullmatch(r"\d{4}-Q\d", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    return "day"
