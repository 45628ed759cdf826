"""One handler per grammar rule: a regex match in context -> TIMEX3 type, value, mod, anchor.

A handler returns ``None`` to reject a match (a month name used as a person's
name, "fall" as a verb, a four-digit number that is a count). Handlers never
raise on odd input: impossible dates ("February 30") are rejected here, so they
never reach a record.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from dateutil.easter import easter

from . import grammar as G
from . import normalize as N
from .anchor import NO_DCT, Context, narrative_year, nearest_month_day, nearest_weekday, sentence_year

FISCAL_NOTE = ("fiscal year: shown as the calendar year; its real boundaries depend on the organization "
               "(e.g. Microsoft's fiscal 2024 ran July 2023 - June 2024)")


@dataclass
class Result:
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None
    note: str | None = None
    quant: str | None = None
    freq: str | None = None
    start: int | None = None  # span override (relative to the text)
    end: int | None = None
    offset: bool = False  # a date given as an offset ("three years ago")
    sets_ref: bool = True  # False: a comparison point, not a new narrative time


Handler = Callable[[re.Match, Context], "Result | None"]
HANDLERS: dict[str, Handler] = {}


def rule(name: str):
    def deco(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn
    return deco


# --- small helpers ---------------------------------------------------------------------------
def month_num(s: str) -> int:
    return G.MONTHS[s.lower().rstrip(".")]


def parse_number(s: str) -> float | None:
    """'two', 'twenty-four', '5 1/2', 'a', 'a couple of', '2.5' -> number; vague words -> None."""
    s = s.lower().strip()
    s = re.sub(r"\s+", " ", s)
    half = 0.0
    if s.endswith(" and a half"):
        s, half = s[: -len(" and a half")], 0.5
    if s.endswith("½"):
        s, half = s[:-1].strip(), 0.5
    m = re.fullmatch(r"(\d+) (\d)/(\d)", s)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s) + half
    if s in ("a", "an", "one"):
        return 1 + half
    if s in ("a half", "half a", "half an"):
        return 0.5
    if s in ("a couple", "a couple of", "couple of"):
        return 2
    if s in ("a dozen", "dozen"):
        return 12
    if s in ("a hundred", "one hundred"):
        return 100
    if s in G.SMALL:
        return G.SMALL[s] + half
    m = re.fullmatch(r"(\w+)[- ](\w+)", s)
    if m and m.group(1) in G.TENS and m.group(2) in G.SMALL:
        return G.TENS[m.group(1)] + G.SMALL[m.group(2)] + half
    if s in G.TENS:
        return G.TENS[s] + half
    return None


_DUR_CODES = {"year": ("Y", False), "month": ("M", False), "week": ("W", False), "day": ("D", False),
              "hour": ("H", True), "minute": ("M", True), "second": ("S", True)}
_SMALLER = {"year": ("month", 12), "week": ("day", 7), "day": ("hour", 24), "hour": ("minute", 60),
            "minute": ("second", 60)}


def duration_value(n: float | None, unit: str) -> str:
    """P6Y, PT3H, P18M (1.5 years), PXY (vague)."""
    mult = {"decade": ("year", 10), "century": ("year", 100), "quarter": ("month", 3), "fortnight": ("week", 2),
            "night": ("day", 1), "weekend": ("day", 2), "semester": ("month", 6)}
    if unit in mult:
        if n is None:
            if unit == "decade":
                return "PXDE"
            if unit == "century":
                return "PXCE"
            unit = mult[unit][0]
        else:
            unit, k = mult[unit][0], mult[unit][1]
            n = n * k
    code, is_time = _DUR_CODES[unit]
    if n is None:
        num = "X"
    elif n == int(n):
        num = str(int(n))
    elif unit in _SMALLER:
        whole = int(n)
        small_unit, k = _SMALLER[unit]
        rest = round((n - whole) * k)
        scode, stime = _DUR_CODES[small_unit]
        main = f"{whole}{code}" if whole else ""
        if is_time or stime:
            if is_time:
                return f"PT{main}{rest}{scode}"
            return f"P{main}T{rest}{scode}" if stime else f"P{main}{rest}{scode}"
        return f"P{main}{rest}{scode}"
    else:
        num = f"{n:g}"
    return f"PT{num}{code}" if is_time else f"P{num}{code}"


def unit_name(s: str) -> str:
    return G.UNITS[s.lower()]


def _needs_dct(ctx: Context, pattern: str) -> Result | None:
    if ctx.dct is None:
        return Result("DATE", pattern, note=NO_DCT)
    return None


def _has_word_before(ctx: Context, start: int, words: str) -> bool:
    return re.search(rf"\b(?:{words})\s+(?:the\s+)?$", ctx.text[max(0, start - 25):start], re.I) is not None


TEMPORAL_PREP = r"in|of|since|until|till|by|from|to|through|during|before|after|last|next|this|early|late|mid|" \
                r"and|or|between|around|for|on|that|each|every|starting|beginning|ending|the|late-|mid-"


# --- absolute dates ------------------------------------------------------------------------------
# a day or a month whose year the text gave before: "The superstar died on 25 June that year"
_THAT_YEAR = re.compile(r"\s*,?\s+(?:of\s+)?(?:that|the\s+same)\s+year(?![\w-])", re.I)


def _that_year(ctx: Context, end: int) -> int | None:
    """The year a day or month ending at ``end`` takes from a "that year" after it: the year the
    text last wrote out (``Context.stated_year``), however far back (a paragraph break ends no
    story); None when no "that year" follows or no year was written."""
    if ctx.stated_year is None or not _THAT_YEAR.match(ctx.text, end):
        return None
    return ctx.stated_year


def _day(ctx: Context, y: int | None, mo: int, d: int, start: int, end: int, wd: str | None = None) -> Result | None:
    anchor = note = None
    if y is None and (told := _that_year(ctx, end)) is not None:
        try:
            return Result("DATE", N.fmt_day(date(told, mo, d)), anchor="narrative")
        except ValueError:
            return None
    if y is None:
        if ctx.dct is None:
            if (y := narrative_year(ctx, start, end, mo, d)) is not None:
                try:
                    return Result("DATE", N.fmt_day(date(y, mo, d)), anchor="narrative")
                except ValueError:
                    return None
            try:
                date(2000, mo, d)  # leap-year check for Feb 29
            except ValueError:
                return None
            return Result("DATE", f"XXXX-{mo:02d}-{d:02d}", note=NO_DCT)
        y = None
        if wd:  # "Saturday, April 25": the year in which April 25 is a Saturday, if one is near
            want = G.WEEKDAYS[wd.lower()]
            for cand in (ctx.dct.year, ctx.dct.year + 1, ctx.dct.year - 1):
                try:
                    if date(cand, mo, d).isoweekday() == want:
                        y = cand
                        break
                except ValueError:
                    continue
        anchor = "dct"
        if y is None and (y := narrative_year(ctx, start, end, mo, d)) is not None:
            anchor = "narrative"
        if y is None:
            y = nearest_month_day(ctx.dct, mo, d, ctx.tense(start, end, after=False))
        if y is None:
            return None
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    return Result("DATE", N.fmt_day(day), anchor=anchor, note=note)


@rule("iso")
def _iso(m, ctx):
    y, mo = int(m["y"]), int(m["m"])
    if m["d"] is None:
        return Result("DATE", N.fmt_month(y, mo))
    try:
        day = date(y, mo, int(m["d"]))
    except ValueError:
        return None
    if m["hh"]:
        return Result("TIME", f"{day.isoformat()}T{m['hh']}:{m['mi']}")
    return Result("DATE", day.isoformat())


@rule("slash")
def _slash(m, ctx):
    y = int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    try:
        day = date(y, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Result("DATE", day.isoformat())


def _daynum(s: str) -> int:
    return int(re.match(r"\d+", s).group())


_MAY_DAY_END = re.compile(r"\s?(?:[,;:.(\u2013\u2014-]|$)")


@rule("mdy")
def _mdy(m, ctx):
    mon = m["mon"]
    if mon.lower().rstrip(".") == "may" and not m["y"] and not m["wd"] and not _has_word_before(ctx, m.start(), TEMPORAL_PREP):
        # "may 3" can be the modal; a capitalised "May 3" that punctuation closes is a date (the
        # wire dateline "MIAMI, May 3 (Reuters) -", "May 3, the day ...")
        if not (mon[0] == "M" and _MAY_DAY_END.match(ctx.text, m.end())):
            return None
    y = m["y"]
    if not y:  # "May 3-5, 2010": the year after the range is this day's year too
        ya = G.YEAR_AFTER_RANGE.match(ctx.text, m.end())
        y = ya["y"] if ya else None
    return _day(ctx, int(y) if y else None, month_num(mon), _daynum(m["day"]), m.start(), m.end(), m["wd"])


@rule("dmy")
def _dmy(m, ctx):
    return _day(ctx, int(m["y"]) if m["y"] else None, month_num(m["mon"]), _daynum(m["day"]), m.start(), m.end(), m["wd"])


@rule("month_year")
def _month_year(m, ctx):
    y = int(m["y"]) if m["y"] else 1900 + int(m["yy"]) if int(m["yy"]) > 30 else 2000 + int(m["yy"])
    return Result("DATE", N.fmt_month(y, month_num(m["mon"])))


# month names that are also given names or words ("April Smith", "Brian May", "Jan")
_NAME_MONTHS = {"may", "june", "april", "august", "jan", "mar", "jun", "jul", "sep", "dec"}


@rule("month")
def _month(m, ctx):
    mon = m["mon"]
    key = mon.lower().rstrip(".")
    mo = month_num(mon)
    rel = (m["rel"] or "").lower()
    if not rel and not m["ry"]:
        before = ctx.text[max(0, m.start() - 30):m.start()]
        after = ctx.text[m.end():m.end() + 20]
        prep = _has_word_before(ctx, m.start(), TEMPORAL_PREP)
        if key in _NAME_MONTHS and not prep:
            return None
        if len(key) <= 4 and not mon.endswith(".") and key not in ("may", "june", "july") and not prep:
            return None
        # "August Wilson", "Brian May": a capitalised word right after or before a name month
        if key in _NAME_MONTHS and (re.match(r"\s+[A-Z][a-z]", after) or re.search(r"[A-Z][a-z]+\s+$", before)):
            if not re.search(r"(?:In|During|Since|By|Until|Last|Next|This|Early|Late|Mid)\s+$", before):
                return None
    if m["ry"]:
        if ctx.dct is None:
            return Result("DATE", f"XXXX-{mo:02d}", note=NO_DCT)
        y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["ry"].lower()]
        return Result("DATE", N.fmt_month(y, mo), anchor="dct")
    if not rel and (ya := G.MONTH_YEAR_AFTER_RANGE.match(ctx.text, m.end())):
        return Result("DATE", N.fmt_month(int(ya["y"]), mo))  # "between January and March 2003"
    if not rel and (told := _that_year(ctx, m.end())) is not None:
        return Result("DATE", N.fmt_month(told, mo), anchor="narrative")  # "in March of the same year"
    if ctx.dct is None:
        if not rel and (y := narrative_year(ctx, m.start(), m.end(), mo, None)) is not None:
            return Result("DATE", N.fmt_month(y, mo), anchor="narrative")
        return Result("DATE", f"XXXX-{mo:02d}", note=NO_DCT)
    if rel in ("last", "past", "previous"):
        y = ctx.dct.year if mo < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "coming"):
        y = ctx.dct.year if mo > ctx.dct.month else ctx.dct.year + 1
    elif rel == "following":
        base, anchor, _ = ctx.narrative()
        y = base.year if mo > base.month else base.year + 1
        return Result("DATE", N.fmt_month(y, mo), anchor=anchor)
    elif rel == "this":
        y = ctx.dct.year
    elif (y := narrative_year(ctx, m.start(), m.end(), mo, None)) is not None:
        return Result("DATE", N.fmt_month(y, mo), anchor="narrative")
    else:
        y = nearest_month_day(ctx.dct, mo, None, ctx.tense(m.start(), m.end()))
        if y is None:
            return None
    return Result("DATE", N.fmt_month(y, mo), anchor="dct")


_COUNT_AFTER = re.compile(r"\s*(?:-|–)?\s*(?:people|persons|men|women|children|troops|soldiers|jobs|workers|employees|"
                          r"students|cars|vehicles|units|shares|tons|tonnes|km|kilometers|kilometres|miles|feet|meters|"
                          r"metres|acres|pounds|kg|barrels|homes|houses|cases|deaths|votes|seats|points|yards|words|"
                          r"members|residents|patients|dollars|euros|hectares|square|megawatts|mw|gw|calories|rooms|"
                          r"beds|flights|passengers|officers|copies|pages|images|files|users|customers|companies|"
                          r"firms|stores|sites|locations|items|products)\b", re.I)


# a live page stamps each entry with its clock time at the start of the line ("1943 US military
# officials say ...", "0000 The BBC is discontinuing this page"): where three or more lines of a
# text open so, a four-digit number opening a line is a time stamp, not a year
_STAMP = re.compile(r"^[ \t]*(?:[01]\d|2[0-3])[0-5]\d[ \t]+[A-Z\"'`\u201c]", re.M)
STAMPED_LINES = 3


@functools.lru_cache(maxsize=8)
def _stamped_page(text: str) -> bool:
    return len(_STAMP.findall(text)) >= STAMPED_LINES


def _line_stamp(ctx, start: int) -> bool:
    """Whether the number at ``start`` is the clock-time stamp of an entry of a live page."""
    line_start = ctx.text.rfind("\n", 0, start) + 1
    return bool(_STAMP.match(ctx.text, line_start)) and not ctx.text[line_start:start].strip() \
        and _stamped_page(ctx.text)


@rule("year")
def _year(m, ctx):
    y = int(m["y"])
    after = ctx.text[m.end():m.end() + 30]
    if _COUNT_AFTER.match(after) or _line_stamp(ctx, m.start()):
        return None
    if re.match(r"\s*(?:to|-|–)\s*\d", after) and not re.match(r"\s*(?:to|-|–)\s*(?:1[0-9]|20)\d\d\b|\s*[-–/]\d\d\b", after):
        return None
    before = ctx.text[max(0, m.start() - 12):m.start()]
    if before.endswith("-") and not re.search(r"(?<![\w-])(?:mid|pre|post|early|late|end|start)-$", before, re.I):
        return None
    if re.search(r"(?:No\.|number|#|\$|page|pp?\.|flight|route|model|room|Nos?\.)\s*$", before, re.I):
        return None
    if not 1900 <= y <= 2099 and not m["ce"]:
        if not _has_word_before(ctx, m.start(), r"in|since|of|by|from|until|year|c\.|circa|before|after|to|and|between|around"):
            return None
    return Result("DATE", f"{y:04d}")


@rule("year_suffix")
def _year_suffix(m, ctx):
    century = int(ctx.text[m.start() - 5:m.start() - 3])
    first = int(ctx.text[m.start() - 5:m.start() - 1])
    y = century * 100 + int(m["yy"])
    if y <= first:
        y += 100
    if y - first > 20:
        return None
    return Result("DATE", f"{y:04d}")


@rule("fiscal")
def _fiscal(m, ctx):
    if m["y"]:
        y = int(m["y"])
    else:
        y2 = m["y2"]
        y = int(y2) if len(y2) == 4 else 2000 + int(y2)
    return Result("DATE", f"{y:04d}", note=FISCAL_NOTE)


@rule("fiscal_rel")
def _fiscal_rel(m, ctx):
    rel = (m["rel"] or "the").lower()
    if rel == "the" and not m.group(0).lower().startswith("the"):
        return None
    if ctx.dct is None:
        return Result("DATE", "XXXX", note=NO_DCT + "; " + FISCAL_NOTE)
    if rel == "the":
        base, anchor, _ = ctx.narrative()
        return Result("DATE", f"{base.year:04d}", anchor=anchor, note=FISCAL_NOTE)
    off = {"this": 0, "current": 0, "last": -1, "previous": -1, "latest": -1, "past": -1, "next": 1,
           "coming": 1}[rel]
    return Result("DATE", f"{ctx.dct.year + off:04d}", anchor="dct", note=FISCAL_NOTE)


@rule("decade")
def _decade(m, ctx):
    # "1000s of protesters", "10s of 1000s": counts, not decades (a decade is followed by no "of",
    # and a decade before 1500 is written as a century in news)
    if re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]) or re.search(r"\ds\s+of\s+$", ctx.text[max(0, m.start() - 12):m.start()]):
        return None
    if m["c"]:
        return Result("DATE", f"{m['c']}{m['d']}") if int(f"{m['c']}{m['d']}0") >= 1500 else None
    d = m["d"] or m["d2"]
    if not m.group(0).startswith("'") and not _has_word_before(ctx, m.start(), r"the|early|late|mid|in|of|'"):
        return None
    # "the '90s" / "the 90s" (no century): the 1900s, unless the 2000s one is already past at the DCT
    century = "19"
    if ctx.dct and int(f"20{d}0") <= ctx.dct.year and int(d) <= 2:
        century = "20"
    return Result("DATE", f"{century}{d}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@rule("decade_word")
def _decade_word(m, ctx):
    d = _DECADE_WORDS[m["w"].lower()]
    century = "20" if ctx.dct and int(f"20{d}0") <= ctx.dct.year else "19"
    return Result("DATE", f"{century}{d}")


@rule("century")
def _century(m, ctx):
    if m["n"]:
        n = int(m["n"])
    else:
        n = G.ORDINALS.get(m["w"].lower().replace("-", " ").replace("twenty first", "twenty-first")
                           .replace("twenty second", "twenty-second"), 0) or G.ORDINALS.get(m["w"].lower(), 0)
    if not 1 <= n <= 30:
        return None
    return Result("DATE", f"{n - 1:02d}")


# --- seasons, quarters, halves ------------------------------------------------------------------
def _season_shift(y: int, s: str, k: int) -> tuple[int, str]:
    order = ["WI", "SP", "SU", "FA"]
    i = order.index(s) + k
    return y + i // 4, order[i % 4]


def _season_toward(y: int, cur: str, s: str, step: int, this_one: bool = True) -> int:
    """The year of the first season ``s`` met walking from (``y``, ``cur``) by ``step`` (+1 forward,
    -1 back); ``this_one=False`` starts from the next step ("next spring" in spring is a year on)."""
    if not this_one:
        y, cur = _season_shift(y, cur, step)
    while cur != s:
        y, cur = _season_shift(y, cur, step)
    return y


@rule("season")
def _season(m, ctx):
    s = G.SEASONS[m["s"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower()).replace("this coming", "next").replace("this past", "last")
    if m["y"]:
        return Result("DATE", f"{int(m['y']):04d}-{s}")
    if m["s"].lower() == "fall" and not rel and not m["the"]:
        return None
    if m["s"].lower() == "spring" and not rel and not m["the"] and not _has_word_before(ctx, m.start(), r"in|this|last|next|early|late|mid|during|by|until|since|the"):
        return None
    if not rel and not m["the"] and not _has_word_before(ctx, m.start(), r"in|during|by|until|since|early|late|mid|over|through|this|all|throughout|the"):
        return None
    if m["the"] and not rel:
        # "the fall of Ben Ali", "the spring of hope": a noun phrase, not a season
        if re.match(r"\s+of\b", ctx.text[m.end():m.end() + 10]):
            return None
        if not _has_word_before(ctx, m.start(), r"in|during|by|until|since|over|through|throughout|for|all|before|after|early|late|mid"):
            return None
    if rel in ("following", "same") and ctx.ref:
        base, anchor, _ = ctx.narrative()
        y, cur = N.season_of(base)
        if rel == "following":
            y = _season_toward(y, cur, s, 1, this_one=False)
        else:
            y = base.year if s != "WI" else y
        return Result("DATE", f"{y:04d}-{s}", anchor=anchor)
    if not rel and ctx.narrative_mode and ctx.ref_told and ctx.ref and \
            N.value_unit(ctx.ref) in ("year", "season", "month", "week", "day"):
        # a history read forward: "On 20 November 1917 ... In spring" is the spring of 1918
        base, _, _ = ctx.narrative()
        y = base.year if N.value_unit(ctx.ref) == "year" else _season_toward(*N.season_of(base), s, 1)
        return Result("DATE", f"{y:04d}-{s}", anchor="narrative")
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{s}", note=NO_DCT)
    y, cur = N.season_of(ctx.dct)
    if rel in ("last", "past", "previous"):
        y = _season_toward(y, cur, s, -1, this_one=False)
    elif rel in ("next", "coming", "following"):
        y = _season_toward(y, cur, s, 1, this_one=False)
    elif rel in ("this", "current", "same"):
        y = ctx.dct.year if s != "WI" else (ctx.dct.year + 1 if ctx.dct.month == 12 else ctx.dct.year)
    else:
        if ctx.ref and N.value_unit(ctx.ref) in ("year", "season", "month", "day"):
            base, anchor, _ = ctx.narrative()
            return Result("DATE", f"{base.year:04d}-{s}", anchor="narrative")
        tense = ctx.tense(m.start(), m.end())
        y = ctx.dct.year
        if tense in ("past", "future") and s != cur:
            y = _season_toward(*N.season_of(ctx.dct), s, -1 if tense == "past" else 1)
    return Result("DATE", f"{y:04d}-{s}", anchor="dct")


def _period_code(unit: str, n: int) -> str:
    return f"{'Q' if unit == 'quarter' else 'H'}{n}"


def _latest_period(d: date, unit: str) -> tuple[int, int]:
    """(year, index) of the last *completed* quarter/half before ``d``."""
    size = 3 if unit == "quarter" else 6
    idx = (d.month - 1) // size  # 0-based current
    if idx == 0:
        return d.year - 1, 12 // size
    return d.year, idx


def _current_period(d: date, unit: str) -> tuple[int, int]:
    size = 3 if unit == "quarter" else 6
    return d.year, (d.month - 1) // size + 1


@rule("quarter")
def _quarter(m, ctx):
    unit = m["unit"].lower()
    o = m["ord"].lower()
    count = 4 if unit == "quarter" else 2
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(o)
    if o in ("final", "last"):
        n = count
    if n is None or n > count:
        return None
    year_given = m["y"] or m["y0"] or m["ry"] or m["ry0"]
    # "the second half of the game", "the first quarter of the match": not a calendar period
    if not year_given and re.match(r"\s+of\s+(?:the|a|an|his|her|its|their|this|that)\s+(?!(?:fiscal\s+|calendar\s+)?year)",
                                   ctx.text[m.end():m.end() + 30], re.I):
        return None
    code = _period_code(unit, n)
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    note = FISCAL_NOTE if "fiscal" in m.group(0).lower() else None
    lead = re.match(r"the\s+", m.group(0), re.I)
    if lead and not rel and "-" in m.string[m.end("ord"):m.start("unit")] and not (m["y"] or m["ry"]):
        r = _quarter_value(m, ctx, unit, n, code, rel, note)
        if r is not None:
            r.start = m.start() + lead.end()
        return r
    return _quarter_value(m, ctx, unit, n, code, rel, note)


def _quarter_value(m, ctx, unit, n, code, rel, note):
    year = m["y"] or m["y0"]
    if year:
        return Result("DATE", f"{int(year):04d}-{code}", note=note)
    ry = m["ry"] or m["ry0"]
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{code}", note=NO_DCT)
    if ry:
        y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[ry.lower()]
        return Result("DATE", f"{y:04d}-{code}", anchor="dct", note=note)
    if "the year" in m.group(0).lower()[-9:]:
        base, anchor, _ = ctx.narrative()
        return Result("DATE", f"{base.year:04d}-{code}", anchor=anchor, note=note)
    cy, cn = _current_period(ctx.dct, unit)
    if rel in ("year-ago", "year-earlier", "year earlier"):
        y = cy - 1 if n <= cn else cy - 2
    elif rel in ("next", "coming"):
        y = cy if n > cn else cy + 1
    elif rel in ("last", "previous", "past"):
        y = cy if n < cn else cy - 1
    else:
        tense = ctx.tense(m.start(), m.end())
        if n < cn or (n == cn and tense != "past"):
            y = cy
        elif n == cn:
            y = cy
        else:
            y = cy if tense == "future" else cy - 1
    return Result("DATE", f"{y:04d}-{code}", anchor="dct", note=note)


@rule("quarter_code")
def _quarter_code(m, ctx):
    unit = "quarter" if m["unit"] == "Q" else "half"
    n = m["n"] or m["n2"]
    if not n or (m["n"] and m["n2"]):
        return None
    n = int(n)
    if unit == "half" and n > 2:
        return None
    code = _period_code(unit, n)
    if m["y"]:
        y = int(m["y"])
        if y < 100:
            y += 2000
        return Result("DATE", f"{y:04d}-{code}")
    if m["n"]:  # "1H" without a year is too ambiguous
        return None
    if ctx.dct is None:
        return Result("DATE", f"XXXX-{code}", note=NO_DCT)
    cy, cn = _current_period(ctx.dct, unit)
    y = cy if n <= cn else cy - 1
    return Result("DATE", f"{y:04d}-{code}", anchor="dct")


@rule("quarter_rel")
def _quarter_rel(m, ctx):
    unit = m["unit"].lower()
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    text = m.group(0).lower()
    if not text.startswith("the") and rel in ("", "fiscal"):
        return None
    if unit == "half" and rel in ("", "fiscal", "same"):
        return None
    if ctx.dct is None:
        return Result("DATE", "XXXX-QX" if unit == "quarter" else "XXXX-HX", note=NO_DCT)
    if rel in ("same",) and ctx.ref and N.value_unit(ctx.ref) == unit:
        return Result("DATE", ctx.ref, anchor="narrative")
    if rel in ("year-ago", "year-earlier"):
        y, n = _latest_period(ctx.dct, unit)
        return Result("DATE", f"{y - 1:04d}-{_period_code(unit, n)}", anchor="dct")
    if rel in ("this", "current"):
        y, n = _current_period(ctx.dct, unit)
    elif rel in ("next", "coming"):
        y, n = _current_period(ctx.dct, unit)
        n += 1
        if n > (4 if unit == "quarter" else 2):
            y, n = y + 1, 1
    elif rel in ("last", "previous", "past", "latest", "recent", "most recent", "", "fiscal"):
        if rel in ("", "fiscal") and ctx.ref and N.value_unit(ctx.ref) == unit:
            return Result("DATE", ctx.ref, anchor="narrative")
        y, n = _latest_period(ctx.dct, unit)
    else:
        return None
    return Result("DATE", f"{y:04d}-{_period_code(unit, n)}", anchor="dct")


# --- relative expressions -----------------------------------------------------------------------
_REL_OFFSET = {"last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "this": 0, "current": 0,
               "same": 0, "next": 1, "coming": 1, "following": 1, "upcoming": 1}


@rule("rel_unit")
def _rel_unit(m, ctx):
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    the = bool(m["the"])
    off = _REL_OFFSET[rel]
    if m["unit"][0].isupper() and _capitalised_mid_sentence(ctx, m.start()):
        return None  # ABC's "This Week": a title
    narrative = rel in ("following", "same", "preceding", "prior") or (the and rel in ("next", "previous"))
    if unit == "day" and rel not in ("following", "same", "previous", "next", "preceding", "prior"):
        return None
    if the and unit in ("decade", "century") and rel in ("past", "last", "next", "coming", "following", "previous",
                                                         "preceding", "prior", "upcoming"):
        # "the past decade" is the ten years up to now, not the 2010s (TimeML: a duration)
        return Result("DURATION", duration_value(1, unit))
    if narrative:
        base, anchor, _ = ctx.narrative()
        if base is None:
            return Result("DATE", _x_pattern(unit), note=NO_DCT)
    else:
        if ctx.dct is None:
            return Result("DATE", _x_pattern(unit), note=NO_DCT)
        base, anchor = ctx.dct, "dct"
    if unit == "weekend":
        d = base + timedelta(days=7 * off)
        return Result("DATE", N.fmt_week(d) + "-WE", anchor=anchor)
    if unit == "year" and rel == "last" and not the and anchor == "dct" \
            and not ctx.text.startswith("'s", m.end()) and _quarter_context(ctx, m.start(), m.end()):
        before, _ = ctx.clause(m.start(), m.end())
        q = _ref_quarter(ctx)
        if q and _COMPARISON.search(before):  # "compared with $3 million last year": the same quarter
            return Result("DATE", f"{q[0] - 1:04d}-Q{q[1]}", anchor="dct", sets_ref=False)
    try:
        d = N.shift(base, unit, off)
    except ValueError:
        return None
    return Result("DATE", N.at_granularity(d, unit), anchor=anchor)


def _x_pattern(unit: str) -> str:
    return {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "decade": "XXX",
            "century": "XX", "quarter": "XXXX-QX"}.get(unit, "XXXX-XX-XX")


# "early Saturday" on a page dated Friday, told in the past: the early hours of the next day where it
# happened, a time zone ahead of the page's date ("Mubarak said early Saturday that he asked the
# government to resign", on CNN's page of Friday 28 January 2011), not six days before. Of the 56
# such phrases in Timeline17's files, the 20 read all meant the next day (docs/timex.md).
_EARLY = re.compile(r"\bearly\s+(?:on\s+)?$", re.IGNORECASE)


def _told_of_next_day(ctx, wd: int, tense: str) -> bool:
    """The weekday ``wd`` is the one after the page's, told in the past: read with "early" or "after
    midnight", the early hours of the page's next day (:data:`_EARLY`)."""
    return tense != "future" and wd == ctx.dct.isoweekday() % 7 + 1


@rule("rel_weekday")
def _rel_weekday(m, ctx):
    wd = G.WEEKDAYS[m["wd"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower()).replace("this coming", "next").replace("this past", "last")
    pod = G.PARTS_OF_DAY.get((m["pod"] or "").lower())
    if not rel and ctx.narrative_mode and ctx.ref_told and ctx.ref and N.value_unit(ctx.ref) == "day":
        # the day the text last told stands in for the publication date, as a news report's
        # weekdays look back from its dateline ("May 3 ... said on Thursday" is 2 May)
        base, _, _ = ctx.narrative()
        d = nearest_weekday(base, wd, "future" if ctx.tense(m.start(), m.end()) == "future" else "past")
        return Result("TIME" if pod else "DATE", d.isoformat() + (f"T{pod}" if pod else ""), anchor="narrative")
    if ctx.dct is None:
        v = f"XXXX-WXX-{wd}"
        return Result("TIME" if pod else "DATE", v + (f"T{pod}" if pod else ""), note=NO_DCT)
    if rel in ("last", "past", "previous"):
        d = ctx.dct - timedelta(days=((ctx.dct.isoweekday() - wd - 1) % 7) + 1)
    elif rel in ("next", "coming"):
        d = ctx.dct + timedelta(days=((wd - ctx.dct.isoweekday() - 1) % 7) + 1)
    elif rel == "this":
        d = ctx.dct + timedelta(days=wd - ctx.dct.isoweekday())
    else:
        # "Wednesday's ruling" names something that already happened
        tense = "past" if re.match(r" ?['\u2019]s\b", ctx.text[m.end():m.end() + 4]) else ctx.tense(m.start(), m.end())
        d = nearest_weekday(ctx.dct, wd, "future" if tense == "future" else "past")
        if _told_of_next_day(ctx, wd, tense) and _EARLY.search(ctx.text[max(0, m.start() - 12):m.start()]):
            d = ctx.dct + timedelta(days=1)  # the early hours of the page's next day (:data:`_EARLY`)
    if pod:
        return Result("TIME", f"{d.isoformat()}T{pod}", anchor="dct")
    return Result("DATE", d.isoformat(), anchor="dct")


@rule("that_unit")
def _that_unit(m, ctx):
    unit = m["unit"].lower()
    text = m.group(0).lower()
    base, anchor, refv = ctx.narrative()
    if unit == "year" and ("that " in text or "same" in text) and not m["lat"] and anchor != "narrative" \
            and ctx.stated_year is not None:
        # "that year" points back to the year the text wrote out, not to the publication's
        return Result("DATE", f"{ctx.stated_year:04d}", anchor="narrative")
    if base is None:
        return Result("DATE", _x_pattern(unit), note=NO_DCT)
    if "that " in text or "same" in text:
        off = 0
    elif "previous" in text or "preceding" in text or "prior" in text:
        off = -1
    else:
        off = 1
    pod = G.PARTS_OF_DAY.get(unit)
    if unit in G.SEASONS:
        return None
    if pod:
        ref_unit = N.value_unit(refv) if refv else "day"
        if ref_unit != "day":
            return None
        d = base + timedelta(days=off)
        return Result("TIME", f"{d.isoformat()}T{pod}", anchor=anchor)
    if unit == "day" and refv and N.value_unit(refv) != "day":
        return Result("DATE", "XXXX-XX-XX", anchor=anchor, note="the day is not given")
    try:
        d = N.shift(base, unit if unit != "weekend" else "week", off)
    except ValueError:
        return None
    v = N.at_granularity(d, unit)
    mod = None
    if m["lat"]:
        mod = "END" if m["lat"].lower() == "later" else "START"
    return Result("DATE", v + ("-WE" if unit == "weekend" else ""), mod=mod, anchor=anchor)


@rule("deictic")
def _deictic(m, ctx):
    w = (m["w"] or "").lower()
    ba = (m["ba"] or "").lower()
    pod = G.PARTS_OF_DAY.get((m["pod"] or "").lower())
    off = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "overnight": 0, "nowadays": 0}.get(w, 0)
    if ba:
        off = -2 if ba.startswith("before") else 2
    if w == "nowadays":
        return Result("DATE", "PRESENT_REF", anchor="dct" if ctx.dct else None)
    if w in ("tonight", "overnight"):
        pod = "NI"
    if w == "today" and m.group(0)[0].isupper() and re.search(r"(?<![.!?\"'\s])\s*\b[A-Z][A-Za-z]*\s+$", ctx.text[max(0, m.start() - 20):m.start()]):
        return None  # "USA Today", "VOA Today": a title
    if ctx.dct is None:
        return Result("TIME" if pod else "DATE", "XXXX-XX-XX" + (f"T{pod}" if pod else ""), note=NO_DCT)
    d = ctx.dct + timedelta(days=off)
    if pod:
        return Result("TIME", f"{d.isoformat()}T{pod}", anchor="dct")
    return Result("DATE", d.isoformat(), anchor="dct")


@rule("this_pod")
def _this_pod(m, ctx):
    rel = m["rel"].lower()
    pod = G.PARTS_OF_DAY[m["pod"].lower()]
    off = -1 if rel in ("last", "yesterday") else 1 if rel == "tomorrow" else 0
    if rel == "last" and pod != "NI":
        return None
    if ctx.dct is None:
        return Result("TIME", f"XXXX-XX-XXT{pod}", note=NO_DCT)
    return Result("TIME", f"{(ctx.dct + timedelta(days=off)).isoformat()}T{pod}", anchor="dct")


_REF_VALUES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "the present": "PRESENT_REF", "the moment": "PRESENT_REF", "to date": "PRESENT_REF", "so far": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "at the time": "PAST_REF", "once": "PAST_REF", "recent years": "PAST_REF",
    "the recent past": "PAST_REF", "in recent times": "PAST_REF", "in recent memory": "PAST_REF",
    "the future": "FUTURE_REF", "soon": "FUTURE_REF", "one day": "FUTURE_REF", "someday": "FUTURE_REF",
    "some day": "FUTURE_REF", "eventually": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the coming years": "FUTURE_REF", "in the future": "FUTURE_REF",
}
# kept precise: these are tagged in TimeBank only in some uses, so we leave them out
_REF_SKIP = {"the present", "the moment", "to date", "so far", "once", "one day", "eventually", "any time",
             "previously", "formerly", "in the future", "some day", "someday"}


@rule("ref_word")
def _ref_word(m, ctx):
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w in _REF_SKIP:
        return None
    v = _REF_VALUES.get(w)
    if v is None:
        return None
    if w == "now" and (ctx.text.startswith("-", m.end()) or _capitalised_mid_sentence(ctx, m.start())):
        return None  # "the now-disbanded regulator", "Apocalypse Now"
    if w in ("now",):
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        after = ctx.text[m.end():m.end() + 12].lower()
        if re.search(r"(?:by|until|till|from|for)\s+$", before) or re.match(r"\s+that\b", after):
            if not re.search(r"from\s+$", before):
                return None
    if w == "the past" and re.match(r"\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?|centur)", ctx.text[m.end():m.end() + 20], re.I):
        return None
    if w in ("the future", "the past") and re.match(r"\s+of\b", ctx.text[m.end():m.end() + 5]):
        return None  # "the future of the company" is a topic, not a time
    return Result("DATE", v, anchor="dct" if ctx.dct else None)


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """n-th (1-based; -1 = last) ``weekday`` (1=Mon) of a month."""
    if n > 0:
        d = date(y, month, 1)
        d += timedelta(days=(weekday - d.isoweekday()) % 7)
        return d + timedelta(weeks=n - 1)
    d = (date(y, month + 1, 1) if month < 12 else date(y + 1, 1, 1)) - timedelta(days=1)
    return d - timedelta(days=(d.isoweekday() - weekday) % 7)


def holiday_date(name: str, y: int) -> date | None:
    key = re.sub(r"\s+", " ", name.lower())
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
             "independence day": (7, 4), "valentine's day": (2, 14), "boxing day": (12, 26),
             "veterans day": (11, 11)}
    if key in fixed:
        return date(y, *fixed[key])
    if key.startswith("thanksgiving"):
        return _nth_weekday(y, 11, 4, 4)
    if key == "labor day":
        return _nth_weekday(y, 9, 1, 1)
    if key == "memorial day":
        return _nth_weekday(y, 5, 1, -1)
    if key == "martin luther king day":
        return _nth_weekday(y, 1, 1, 3)
    if key == "election day":
        return _nth_weekday(y, 11, 1, 1) + timedelta(days=1)
    if key.startswith("easter"):
        return easter(y)
    if key == "good friday":
        return easter(y) - timedelta(days=2)
    return None


@rule("holiday")
def _holiday(m, ctx):
    name = m["h"]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        d = holiday_date(name, int(m["y"]))
        return Result("DATE", d.isoformat()) if d else None
    if ctx.dct is None:
        return Result("DATE", "XXXX-XX-XX", note=NO_DCT)
    this = holiday_date(name, ctx.dct.year)
    if this is None:
        return None
    if rel == "last":
        d = this if this < ctx.dct else holiday_date(name, ctx.dct.year - 1)
    elif rel == "next":
        d = this if this > ctx.dct else holiday_date(name, ctx.dct.year + 1)
    elif rel == "this":
        d = this
    else:
        tense = ctx.tense(m.start(), m.end())
        prev = this if this <= ctx.dct else holiday_date(name, ctx.dct.year - 1)
        nxt = this if this >= ctx.dct else holiday_date(name, ctx.dct.year + 1)
        if tense == "past":
            d = prev
        elif tense == "future":
            d = nxt
        else:
            d = min((prev, nxt), key=lambda c: abs((c - ctx.dct).days))
    return Result("DATE", d.isoformat(), anchor="dct")


@rule("period_end")
def _period_end(m, ctx):
    if m["ytd"]:
        if ctx.dct is None:
            return Result("DATE", "XXXX", note=NO_DCT)
        return Result("DATE", f"{ctx.dct.year:04d}", anchor="dct")
    unit = m["rel"].lower()
    e = re.sub(r"\s+", " ", m["e"].lower())
    text = m.group(0).lower()
    det = re.match(r"(?:the|its)\s+", text)
    if det and e in ("ago", "earlier") and "-" in text:  # "the year-ago quarter": the determiner is the noun's
        res = _period_end_value(m, ctx, unit, e, text)
        if res is not None and res.start is None:
            res.start = m.start() + det.end()
        return res
    return _period_end_value(m, ctx, unit, e, text)


def _period_end_value(m, ctx, unit, e, text):
    if ctx.dct is None:
        return Result("DATE", _x_pattern(unit), note=NO_DCT)
    if e == "end":
        d = ctx.dct
        if text.startswith("last"):
            d = N.shift(d, unit, -1)
        elif text.startswith("next"):
            d = N.shift(d, unit, 1)
        elif text.startswith("the") or text.startswith("its") or not text.startswith("this"):
            tense = ctx.tense(m.start(), m.end())
            if tense == "past" and unit == "year" and ctx.dct.month <= 3:
                d = N.shift(d, unit, -1)
        return Result("DATE", N.at_granularity(d, unit), mod="END", anchor="dct")
    if e in ("ago", "earlier"):
        if unit != "year":
            return None
        base = ctx.dct
        ref_unit = "year"
        if _quarter_context(ctx, m.start(), m.end()):
            q = _ref_quarter(ctx)
            if q:
                return Result("DATE", f"{q[0] - 1:04d}-Q{q[1]}", anchor="dct", sets_ref=False)
        if e == "earlier" and ctx.ref:
            base, anchor, refv = ctx.narrative()
            ref_unit = N.value_unit(refv) if refv else "year"
            if ref_unit not in ("quarter", "month", "half", "day", "year"):
                ref_unit = "year"
            return Result("DATE", N.at_granularity(N.shift(base, "year", -1), ref_unit), anchor=anchor)
        if _quarter_context(ctx, m.start(), m.end()):
            q = _ref_quarter(ctx)
            if q:
                return Result("DATE", f"{q[0] - 1:04d}-Q{q[1]}", anchor="dct", sets_ref=False)
        return Result("DATE", N.at_granularity(N.shift(base, "year", -1), ref_unit), anchor="dct")
    return None


@rule("edge_of")
def _edge_of(m, ctx):
    edge = re.sub(r"\s+", " ", m["edge"].lower())
    unit = m["unit"].lower()
    text = m.group(0).lower()
    mod = {"end": "END", "close": "END", "start": "START", "beginning": "START", "middle": "MID",
           "turn": "START", "first half": "START", "second half": "END"}[edge]
    if unit in G.SEASONS or unit == "season" or unit == "day":
        return None
    if "that " in text:
        base, anchor, _ = ctx.narrative()
        if base is None:
            return Result("DATE", _x_pattern(unit), mod=mod, note=NO_DCT)
    else:
        if ctx.dct is None:
            return Result("DATE", _x_pattern(unit), mod=mod, note=NO_DCT)
        base, anchor = ctx.dct, "dct"
        if unit == "year" and not re.search(r"\b(?:this|last|next)\s", text) \
                and (y := sentence_year(ctx, m.start())) is not None:
            base, anchor = date(y, 1, 1), "narrative"
        if "last " in text:
            base = N.shift(base, unit, -1)
        elif "next " in text:
            base = N.shift(base, unit, 1)
        elif edge == "turn" and unit == "century":
            base = date(base.year // 100 * 100, 1, 1)
    return Result("DATE", N.at_granularity(base, unit), mod=mod, anchor=anchor)


# --- durations and offsets ------------------------------------------------------------------------
_OFFSET_DIRS = {"ago": -1, "earlier": -1, "before": -1, "back": -1, "prior": -1, "previously": -1,
                "before that": -1, "beforehand": -1, "in advance": -1,
                "later": 1, "after": 1, "from now": 1, "hence": 1, "after that": 1, "afterwards": 1,
                "afterward": 1, "on": 1}


def _offset_date(ctx: Context, m, n: float | None, unit: str, direction: str) -> Result | None:
    sign = _OFFSET_DIRS[direction]
    deictic = direction in ("ago", "from now", "hence", "back")
    if deictic:
        if ctx.dct is None:
            return Result("DATE", _x_pattern(unit if unit in ("year", "month", "week", "decade", "century") else "day"),
                          note=NO_DCT)
        base, anchor, refv = ctx.dct, "dct", None
    else:
        base, anchor, refv = ctx.narrative()
        if base is None:
            return Result("DATE", "XXXX", note=NO_DCT)
    res = _offset_date_value(ctx, m, n, unit, direction, sign, base, anchor, refv)
    if res is not None:
        res.offset = True
    return res


def _offset_date_value(ctx, m, n, unit, direction, sign, base, anchor, refv) -> Result | None:
    gran = unit
    if unit in ("hour", "minute", "second", "night"):
        gran = "day"
    if n is None:
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor=anchor)
    note = None
    if unit in ("hour", "minute", "second"):
        # sub-day offsets from a date-only anchor: the day is the anchor's, or the one before/after
        note = f"{m.group(0).strip()}: offset below a day from a date-only anchor; may fall on the adjacent day"
        hours = n * {"hour": 1, "minute": 1 / 60, "second": 1 / 3600}[unit]
        d = base + timedelta(days=sign) if hours >= 24 else base
        return Result("DATE", d.isoformat(), anchor=anchor, note=note)
    try:
        if n != int(n):
            return None
        k = int(n) * sign
        mult = {"fortnight": ("week", 2), "weekend": ("week", 1), "night": ("day", 1)}
        if unit in mult:
            unit, f = mult[unit]
            k *= f
            gran = unit
        d = N.shift(base, unit, k)
    except (ValueError, OverflowError):
        return None
    if unit == "year" and k == -1 and _quarter_context(ctx, m.start(), m.end()):
        q = _ref_quarter(ctx)
        if q:  # financial news: "profit rose from a year earlier" compares quarters
            return Result("DATE", f"{q[0] - 1:04d}-Q{q[1]}", anchor=anchor, sets_ref=False)
    if refv and N.value_unit(refv) in ("quarter", "half") and unit == "year":
        gran = N.value_unit(refv)
    if refv:
        ref_gran = {"season": "year"}.get(N.value_unit(refv), N.value_unit(refv))
        if _GRANULARITY.index(ref_gran) > _GRANULARITY.index(gran):
            # "two days later" after "in 2018": the day is not known, only the year
            note = f"anchored on {refv}, which is coarser than the offset; the value keeps its precision"
            gran = ref_gran
    return Result("DATE", N.at_granularity(d, gran), anchor=anchor, note=note)


_GRANULARITY = ("day", "week", "month", "quarter", "half", "year", "decade", "century")


@rule("duration")
def _duration(m, ctx):
    q = re.sub(r"\s+", " ", m["q"].lower())
    unit = unit_name(m["unit"])
    the = (m["the"] or "").lower()
    rel = (m["rel"] or "").lower()
    if m["unit"].lower() in ("h", "mo") or m["unit"] in ("min", "sec", "wk"):
        if not re.match(r"\d", q):
            return None
    vague = q in G.VAGUE  # q has its whitespace collapsed
    n = None if vague else parse_number(q)
    if not vague and n is None:
        if re.fullmatch(r"\d+\s*-\s*\d+", q):
            n = None
        else:
            return None
    if n is not None and n > 10000:
        return None
    if re.fullmatch(r"(?:1[89]|20)\d\d", q) and not m["unit"].lower().endswith("s"):
        return None  # "the 1988 quarter", "the 2024 season": a year, not 1988 quarters
    if m["half"] and n is not None:  # "a year and a half"
        n += 0.5
    after = ctx.text[m.end():m.end() + 24]
    # "three-quarters of its food", "more than a quarter of the market": a fraction
    if unit == "quarter" and re.match(r"\s+of\s+(?!(?:19|20)\d\d|the\s+(?:fiscal\s+)?year|this\s+year|last\s+year)", after, re.I):
        return None
    # "52 years old", "a 6-year-old": an age, which TimeBank does not annotate as a time
    if not m["dir"] and re.match(r"\s*(?:-\s*)?(?:old|of\s+age)\b", after, re.I):
        return None
    # "a second group": the ordinal, not the unit
    if unit == "second" and q in ("a", "one") and not re.match(r"\s*(?:[.,;:!?)]|$|or\b|and\b|of\b|in\b|to\b|for\b|before\b|after\b|later\b|ago\b|earlier\b)", after):
        return None
    # "a week" after an amount or "once" is a rate, handled by the SET rules
    if q in ("a", "an", "one") and not the and not rel and not m["dir"] and (
            G.RATE_BEFORE.search(ctx.text[max(0, m.start() - 20):m.start()])
            or G.RATE_COUNT_BEFORE.search(ctx.text[max(0, m.start() - 50):m.start()])):
        return Result("SET", duration_value(1, unit), quant=None, freq=_freq_before(ctx, m.start()))
    if q in ("one",) and re.match(r"\s+(?:of|or)\b", ctx.text[m.end():m.end() + 4]):
        return None
    d = (m["dir"] or "").lower()
    d = re.sub(r"\s+", " ", d)
    if d in ("before", "after", "on", "since", "in advance", "beforehand"):
        nxt = ctx.text[m.end():m.end() + 20]
        # "three years before." is a date; "three years before the war" is a duration + signal
        if d in ("before", "after") and not re.match(r"\s*(?:[.,;:!?)\"'\u2019\u201d]|--|-\s|\s-\s|and\b|but\b|when\b|while\b|as\b|$)", nxt):
            return Result("DURATION", duration_value(n, unit), end=m.start("dir") - 1 - _trailing_ws(m, "dir"))
        if d in ("on", "since"):
            return Result("DURATION", duration_value(n, unit), end=m.start("dir") - 1 - _trailing_ws(m, "dir"))
        if d in ("in advance", "beforehand"):
            return Result("DURATION", duration_value(n, unit), end=m.start("dir") - 1 - _trailing_ws(m, "dir"))
    if d:
        if the in ("the", "this", "that", "those", "these", "his", "her", "its", "their") or rel:
            return Result("DURATION", duration_value(n, unit), end=m.start("dir") - 1 - _trailing_ws(m, "dir"))
        r = _offset_date(ctx, m, n, unit, d)
        if r is not None and m["plus"]:
            r.mod = "APPROX"
        return r
    hyphen = "-" in m.string[m.end("q"):m.start("unit")]
    # "a five year plan", "the two day summit": an adjective, the determiner is the noun's
    adjectival = n is not None and n != 1 and not m["unit"].lower().endswith("s") and q not in ("a", "an")
    if (hyphen or adjectival) and the and not rel:
        return Result("DURATION", duration_value(n, unit), start=m.start("q"))
    if unit == "quarter" and n is not None and q not in ("a", "an", "one") and re.fullmatch(r"\w+", q) and q in G.ORDINALS:
        return None
    if unit in ("weekend", "night") and q in ("a", "an", "one"):
        return None
    if the in ("his", "her", "its", "their", "this", "that", "those", "these"):
        return Result("DURATION", duration_value(n, unit), start=m.start("rel") if rel else m.start("q"))
    mod = None
    if m["plus"]:
        mod = "APPROX" if "so" in m["plus"].lower() else "EQUAL_OR_MORE"
    if q in ("a couple", "a couple of", "couple of"):
        mod = mod or "APPROX"
    if rel in ("past", "last", "next", "first", "coming", "following", "previous", "final", "latest", "remaining",
               "ensuing") and the == "the" and q in ("a", "an", "one"):
        return None
    return Result("DURATION", duration_value(n, unit), mod=mod)


def _trailing_ws(m, group: str) -> int:
    s = m.string[:m.start(group)]
    return len(s) - len(s.rstrip()) - 1


def _freq_before(ctx: Context, start: int) -> str | None:
    mm = re.search(r"(once|twice|thrice|(\w+|\d+)\s+times)\s*$", ctx.text[max(0, start - 20):start], re.I)
    if not mm:
        return None
    w = mm.group(1).lower()
    k = {"once": 1, "twice": 2, "thrice": 3}.get(w)
    if k is None:
        k = parse_number(mm.group(2))
    return f"{int(k)}X" if k else None


@rule("bare_units")
def _bare_units(m, ctx):
    unit = unit_name(m["unit"])
    pre = re.sub(r"\s+", " ", (m["pre"] or "").lower()).strip()
    before = ctx.text[max(0, m.start() - 12):m.start()].lower()
    after = ctx.text[m.end():m.end() + 12].lower()
    if pre in ("the", "those", "these"):
        if not re.match(r"\s+(?:before|after|since|following|leading|ahead|prior)\b", after):
            return None
    elif not pre:
        if not re.search(r"(?:for|in|within|over|after|took|takes|take|lasted|last|spent|spend|wait|waited)\s+$", before) and \
                not re.match(r"\s+(?:before|after|later|earlier|ago|of\s+(?:talks|negotiations|fighting|delay|work|waiting|speculation|debate))\b", after):
            return None
        if re.search(r"in\s+$", before) and not re.match(r"\s*(?:[.,;]|$)", after):
            return None
    if m["dir"]:
        sign = -1 if m["dir"].lower() in ("ago", "earlier") else 1
        return Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor="dct" if ctx.dct else None)
    if pre in ("the", "those", "these"):
        return Result("DURATION", duration_value(None, unit), start=m.start("unit"))
    return Result("DURATION", duration_value(None, unit))


@rule("hyphen_adj")
def _hyphen_adj(m, ctx):
    n = parse_number(m["q"])
    if n is None:
        return None
    unit = m["unit"].lower()
    if m.group(0).lower().endswith("-old"):
        return None
    return Result("DURATION", duration_value(n, unit))


# --- times of day ---------------------------------------------------------------------------------
def _day_for(ctx: Context, word: str | None, start: int, end: int) -> tuple[str, str | None] | None:
    if ctx.dct is None:
        return "XXXX-XX-XX", None
    if not word:
        return ctx.dct.isoformat(), "dct"
    w = word.lower()
    if w in G.WEEKDAYS:
        tense = ctx.tense(start, end)
        return nearest_weekday(ctx.dct, G.WEEKDAYS[w], "future" if tense == "future" else "past").isoformat(), "dct"
    off = {"yesterday": -1, "today": 0, "tomorrow": 1}[w]
    return (ctx.dct + timedelta(days=off)).isoformat(), "dct"


@rule("clock")
def _clock(m, ctx):
    h = int(m["h"])
    if not 1 <= h <= 12:
        return None
    mi = int(m["mi"] or 0)
    pm = m["ampm"].lower().startswith("p")
    h = (h % 12) + (12 if pm else 0)
    day, anchor = _day_for(ctx, m["wd"], m.start(), m.end())
    mod = "APPROX" if (m["around"] or "").lower() in ("around", "about") else None
    res = Result("TIME", f"{day}T{h:02d}:{mi:02d}", mod=mod, anchor=anchor, note=None if ctx.dct else NO_DCT)
    if m["around"]:
        res.start = m.start("h")
        if (m["around"] or "").lower() in ("around", "about"):
            res.mod = "APPROX"
    return res


@rule("clock24")
def _clock24(m, ctx):
    day, anchor = _day_for(ctx, m["wd"], m.start(), m.end())
    return Result("TIME", f"{day}T{int(m['h']):02d}:{m['mi']}", anchor=anchor, note=None if ctx.dct else NO_DCT)


@rule("noon")
def _noon(m, ctx):
    w = m["w"].lower()
    if w == "midday" or w == "noon":
        hm = "12:00"
    else:
        hm = "24:00"
    if not m["wd"] and not _has_word_before(ctx, m.start(), r"at|by|until|till|before|after|from|around|about|past|since|to"):
        return None
    day, anchor = _day_for(ctx, m["wd"], m.start(), m.end())
    if hm == "24:00" and m["wd"] and ctx.dct and _has_word_before(ctx, m.start(), "after"):
        # "just after midnight Saturday": the early hours of that day, not its end; told in the past on
        # the page of the day before, the next day (as "early Saturday")
        hm = "00:00"
        wd = G.WEEKDAYS.get(m["wd"].lower())
        if wd is not None and _told_of_next_day(ctx, wd, ctx.tense(m.start(), m.end())):
            day = (ctx.dct + timedelta(days=1)).isoformat()
    return Result("TIME", f"{day}T{hm}", anchor=anchor, note=None if ctx.dct else NO_DCT)


# --- sets -----------------------------------------------------------------------------------------
_ADV_SET = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
            "quarterly": "P3M", "biweekly": "P2W", "bi-weekly": "P2W", "nightly": "P1D", "biannually": "P6M",
            "semiannually": "P6M", "semi-annually": "P6M", "fortnightly": "P2W"}


@rule("the_year")
def _the_year(m, ctx):
    if "Year" in m.group(0):  # "Australian of the Year"
        return None
    if not _has_word_before(ctx, m.start(), r"for|of|in|during|through|throughout"):
        return None
    if m["ended"]:
        return Result("DURATION", "P1Y", end=m.start("ended"))
    # "for the year", "earlier in the year": news means the year it is reporting in
    note = FISCAL_NOTE if (m["full"] or "").lower() == "fiscal" else None
    if ctx.dct is not None:
        return Result("DATE", f"{ctx.dct.year:04d}", anchor="dct", note=note)
    base, anchor, refv = ctx.narrative()
    if base is None:
        return Result("DATE", "XXXX", note=NO_DCT)
    return Result("DATE", f"{base.year:04d}", anchor=anchor, note=note)


@rule("day_list")
def _day_list(m, ctx):
    """The second day of "April 24 and 25" / "May 3-5": same month (and year) as the first."""
    prev = G.DAY_LIST_BEFORE.search(ctx.text[max(0, m.start() - 30):m.start()])
    if prev is None:
        return None
    mo = month_num(prev["mon"])
    d = int(re.match(r"\d+", m["day"]).group())
    if d <= int(prev["d"]):
        return None
    y = None
    if m["y"]:
        y = int(m["y"])
    elif ctx.ref and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.ref) and int(ctx.ref[5:7]) == mo:
        y = int(ctx.ref[:4])
    elif ctx.dct is not None:
        y = nearest_month_day(ctx.dct, mo, d, "")
    if y is None:
        try:
            date(2000, mo, d)
        except ValueError:
            return None
        return Result("DATE", f"XXXX-{mo:02d}-{d:02d}", note=NO_DCT)
    try:
        return Result("DATE", date(y, mo, d).isoformat(), anchor="narrative" if ctx.ref else "dct")
    except ValueError:
        return None


@rule("season_year")
def _season_year(m, ctx):
    return Result("DATE", f"{int(m['y']):04d}-{G.SEASONS[m['s'].lower()]}")


@rule("weekend")
def _weekend(m, ctx):
    rel = m["rel"].lower()
    if rel == "that":
        base, anchor, _ = ctx.narrative()
        if base is None:
            return Result("DATE", "XXXX-WXX-WE", note=NO_DCT)
        return Result("DATE", N.fmt_week(base) + "-WE", anchor=anchor)
    if ctx.dct is None:
        return Result("DATE", "XXXX-WXX-WE", note=NO_DCT)
    d = ctx.dct
    if rel in ("last", "past"):
        d = d - timedelta(days=d.isoweekday() + 1)
    elif rel in ("next", "coming"):
        d = d + timedelta(days=7)
    elif rel == "the":
        tense = ctx.tense(m.start(), m.end())
        if tense == "past" and d.isoweekday() < 6:
            d = d - timedelta(days=7)
    return Result("DATE", N.fmt_week(d) + "-WE", anchor="dct")


_QUARTER_WORDS = re.compile(r"quarter|three\s+months\s+ended|latest\s+period", re.I)
_COMPARISON = re.compile(r"(?:compared\s+with|compared\s+to|from|against|versus|vs\.?|than|a\s+share|cents)\b[^.;]*$", re.I)


def _quarter_context(ctx: Context, start: int, end: int) -> bool:
    """Earnings news: a quarter is under discussion in this sentence or just before it."""
    before, after = ctx.clause(start, end)
    if _QUARTER_WORDS.search(before + " " + after):
        return True
    return _QUARTER_WORDS.search(ctx.text[max(0, start - 600):start]) is not None and \
        _COMPARISON.search(before) is not None


def _ref_quarter(ctx: Context) -> tuple[int, int] | None:
    """The quarter the narrative is about (if near the DCT), else the last completed one before the DCT."""
    latest = _latest_period(ctx.dct, "quarter") if ctx.dct else None
    if ctx.ref and N.value_unit(ctx.ref) == "quarter":
        y, q = int(ctx.ref[:4]), int(ctx.ref[-1])
        if latest is None or abs((y * 4 + q) - (latest[0] * 4 + latest[1])) <= 2:
            return y, q
    return latest


@rule("period_word")
def _period_word(m, ctx):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    if ctx.dct is None:
        return Result("DATE", "XXXX-QX" if unit != "year" else "XXXX", note=NO_DCT)
    if unit == "year":
        if rel in ("year-earlier", "year-ago", "year earlier", "prior-year", "year-before", "previous"):
            return Result("DATE", f"{ctx.dct.year - 1:04d}", anchor="dct")
        if rel == "latest":
            return Result("DATE", f"{ctx.dct.year:04d}", anchor="dct")
        return None
    q = _ref_quarter(ctx)
    if q is None:
        return None
    y, n = q
    if rel in ("year-earlier", "year-ago", "year earlier", "comparable", "prior-year", "year-before"):
        y -= 1
    elif rel == "previous" and unit == "quarter":
        n -= 1
        if n == 0:
            y, n = y - 1, 4
    elif rel == "same" and unit == "period":
        return None
    return Result("DATE", f"{y:04d}-Q{n}", anchor="narrative" if ctx.ref and N.value_unit(ctx.ref) == "quarter" else "dct")


@rule("spelled_year")
def _spelled_year(m, ctx):
    if m["c"]:
        rest = m["rest"].lower()
        if rest == "hundred":
            lo = 0
        else:
            lo = parse_number(rest.replace("-", " ").replace(" ", "-")) if "-" in rest or " " in rest else \
                parse_number(rest)
        if lo is None:
            return None
        y = {"nineteen": 1900, "twenty": 2000}[m["c"].lower()] + int(lo)
        if m["c"].lower() == "twenty" and not m["the"] and int(lo) < 10:
            return None
        return Result("DATE", f"{y:04d}")
    if not m["the2"] and not _has_word_before(ctx, m.start(), r"in|since|until|by|of|before|after|year"):
        return None
    lo = parse_number(m["rest2"].lower()) if m["rest2"] else 0
    if lo is None:
        return None
    return Result("DATE", f"{2000 + int(lo):04d}")


_ADJ_BEFORE = re.compile(r"(?:\b(?:a|an|the|its|their|his|her|our|your|my|this|that|these|those)\s+(?:\w+\s+)?|[\w-]+ly\s+)$", re.I)


def _capitalised_mid_sentence(ctx: Context, start: int) -> bool:
    """A capitalised word that does not start a sentence: part of a name ("the Daily Mail")."""
    if not ctx.text[start].isupper():
        return False
    before = ctx.text[max(0, start - 4):start].rstrip(" \t")
    return bool(before) and before[-1] not in ".!?\n\"'`:;(-"


@rule("set_adv")
def _set_adv(m, ctx):
    if _capitalised_mid_sentence(ctx, m.start()):
        return None
    # "its quarterly dividend", "a daily newspaper": an adjective, not a recurring time
    after = ctx.text[m.end():m.end() + 3]
    if re.match(r"\s+[a-z]", after) and _ADJ_BEFORE.search(ctx.text[max(0, m.start() - 25):m.start()]):
        return None
    return Result("SET", _ADV_SET[m["w"].lower()])


@rule("set_every")
def _set_every(m, ctx):
    qw = m["q"].lower()
    u = m["unit"]
    ul = u.lower().rstrip(".")
    quant = None if qw == "per" else qw.upper()
    if ul in G.WEEKDAYS:
        return Result("SET", f"XXXX-WXX-{G.WEEKDAYS[ul]}", quant=quant)
    if ul in G.MONTHS:
        return Result("SET", f"XXXX-{G.MONTHS[ul]:02d}", quant=quant)
    if ul in G.SEASONS:
        return Result("SET", f"XXXX-{G.SEASONS[ul]}", quant=quant)
    if ul == "season":
        return Result("SET", "P1Y", quant=quant)
    if ul in G.PARTS_OF_DAY:
        return Result("SET", f"XXXX-XX-XXT{G.PARTS_OF_DAY[ul]}", quant=quant)
    n = parse_number(m["n"]) if m["n"] else 1
    if n is None:
        return None
    if m["other"] and m["other"].lower() == "other":
        n *= 2
    return Result("SET", duration_value(n, unit_name(u)), quant=quant)


@rule("set_rate")
def _set_rate(m, ctx):
    f = m["f"].lower()
    k = {"once": 1, "twice": 2, "thrice": 3}.get(f)
    if k is None:
        k = parse_number(f.split()[0])
        if k is None:
            return None
    span_start = m.start("unit")
    # TimeBank keeps the frequency word outside ("twice [a week]"); the frequency goes to freq
    pre = ctx.text[m.start():span_start]
    art = re.search(r"(a|an|per|every|each)\s+$", pre, re.I)
    return Result("SET", duration_value(1, m["unit"].lower()), freq=f"{int(k)}X",
                  start=span_start - len(art.group(0)) if art else span_start)


@rule("set_weekdays")
def _set_weekdays(m, ctx):
    pod = m["pod"] or m["pod2"]
    if m["wd"] and not pod and not _has_word_before(ctx, m.start(), r"on|most|some|all|many|every"):
        return None
    wd = (m["wd"][:-1] if m["wd"] else m["wd2"]).lower()
    suffix = f"T{G.PARTS_OF_DAY[pod.lower()[:-1]]}" if pod else ""
    return Result("SET", f"XXXX-WXX-{G.WEEKDAYS[wd]}{suffix}")
