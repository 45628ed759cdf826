"""What relative expressions resolve against: the publication date (DCT) or the narrative.

News anchors deictic expressions ("last year", "yesterday", "on Tuesday") on the
document creation time. Anaphoric ones ("three years before", "the following
year", "later that month") take the *narrative reference time*: the last
specific date the text itself mentioned ("in the summer of 2018 ... founded three
years before" -> 2015). Without a narrative date they fall back on the DCT.
Without a DCT either, they stay unresolved and say why.

Weekdays, months and month-days without a year ("on Tuesday", "in June",
"April 7") are placed by the tense of their clause: a future cue ("will",
"scheduled", "next") picks the next occurrence, a past cue the last one, and with
no cue the occurrence closest to the DCT wins (weekdays default to the past,
as news mostly reports what happened).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import grammar as G
from . import normalize as N

# a year-less date goes against its clause's tense when the other occurrence is this many
# times closer to the publication date (tuned on TimeBank/AQUAINT)
SWITCH_FACTOR = 3
NO_DCT = "relative expression: the document has no known publication date to resolve it against"


@dataclass
class Context:
    text: str
    dct: date | None
    ref: str | None = None  # narrative reference time: a TIMEX3 date value
    ref_end: int | None = None  # where the expression that set it ends
    # whether the text set it as the time of what it tells: stated with its year, as an adverbial
    # ("In August 1988, ...", not "the August 1988 cease-fire", not "last fall")
    ref_told: bool = False
    told_year: int | None = None  # the year the text last stated for its story
    # the year the text last wrote out in a date of its own ("in April 2009", "the 2003 invasion"):
    # what "that year" and "25 June that year" point back to, however far back it was written
    stated_year: int | None = None
    # the document tells history (see :func:`tells_history`), or has no publication date: the
    # narrative time carries across sentences and paragraphs, as in HeidelTime's narrative mode
    narrative_mode: bool = False

    def clause(self, start: int, end: int) -> tuple[str, str]:
        """Text of the sentence before and after the span (bounded windows)."""
        lo = max(0, start - 160)
        before = self.text[lo:start]
        breaks = list(G.SENT_BREAK.finditer(before))
        if breaks:
            before = before[breaks[-1].end():]
        after = self.text[end:end + 100]
        m = G.SENT_BREAK.search(after)
        if m:
            after = after[:m.start()]
        return before, after

    def tense(self, start: int, end: int, after: bool = True) -> str:
        """'future', 'past' or '' from the nearest tense cue in the clause.

        The governing verb usually comes just before the expression ("said Friday",
        "will meet on Thursday"), so the nearest cue before it wins; only when there is
        none does a cue shortly after it count (``after=False`` turns that off).
        """
        before, rest = self.clause(start, end)
        before = before[-80:]
        best: tuple[int, str] | None = None
        for kind, pattern in (("future", G.FUTURE_CUE), ("past", G.PAST_CUE), ("past", G.PAST_ED)):
            for m in pattern.finditer(before):
                if best is None or m.end() > best[0]:
                    best = (m.end(), kind)
        if best:
            return best[1]
        if not after:
            return ""
        window = rest[:40]
        best = None
        for kind, pattern in (("future", G.FUTURE_CUE), ("past", G.PAST_CUE), ("past", G.PAST_ED)):
            m = pattern.search(window)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), kind)
        return best[1] if best else ""

    # --- reference points -----------------------------------------------------------------
    def narrative(self) -> tuple[date | None, str | None, str | None]:
        """(date, anchor name, value) of the narrative reference, else the DCT."""
        if self.ref:
            d = N.value_start(self.ref)
            if d is not None:
                return d, "narrative", self.ref
        if self.dct:
            return self.dct, "dct", None
        return None, None, None


# a passage tells its own time when the date that set the narrative time is this close: same
# paragraph, at most this many sentence breaks before (tuned on TimeBank/AQUAINT)
NARRATIVE_SENTENCES = 2
# words that speak of the time of writing: a clause holding one is news-like, not narrative
_NOW = __import__("re").compile(
    r"\b(?:today|tonight|yesterday|tomorrow|now|currently|this\s+(?:week|month|year|spring|summer|fall|autumn|"
    r"winter)|last\s+(?:week|month|year)|next\s+(?:week|month|year)|ago|so\s+far|recently|latest)\b",
    __import__("re").IGNORECASE)
# in a history "now", "currently" and "recently" speak of the story's own time ("the army now
# held the river"); only the words that name the day of writing still do
_NOW_DEICTIC = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|this\s+(?:week|month|year)|last\s+(?:week|month|year)|"
    r"next\s+(?:week|month|year)|ago)\b", re.IGNORECASE)


# the future seen from the time of writing, not from the story's ("would", "was planned" are the
# story's future)
_WILL = re.compile(r"\b(?:will|shall|won't)\b|'ll\b|\b(?:am|is|are|'m|'re)\s+(?:\w+\s+)?(?:planning|going|hoping|"
                   r"expected|scheduled|set|due|about)\s+to\b|\b(?:plans?|hopes?|intends?|aims?|expects?)\s+to\b",
                   re.IGNORECASE)


def sentence_year(ctx: Context, start: int) -> int | None:
    """The year of a date stated earlier in this sentence, when it differs from the publication year:
    "the season started in early December [2012] ... and peaked by the end of year" is 2012's end."""
    if ctx.ref is None or ctx.ref_end is None or ctx.dct is None or ctx.ref_end > start:
        return None
    base = N.value_start(ctx.ref)
    if base is None or base.year == ctx.dct.year or G.SENT_BREAK.search(ctx.text[ctx.ref_end:start]):
        return None
    return base.year


def narrative_year(ctx: Context, start: int, end: int, month: int, day: int | None) -> int | None:
    """The year a month(-day) without a year belongs to when the passage tells a story set in
    another year than the publication's: "In the summer of 2018 ... On 14 July they met" is 2018,
    not the publication year. News-like documents read narratively only when the last date the
    text stated (a) lies in a year other than the DCT's, (b) was stated in this paragraph at most
    :data:`NARRATIVE_SENTENCES` sentences back, and (c) this clause speaks neither of the future
    nor of the time of writing. A document in narrative mode (:func:`tells_history`, or no DCT)
    keeps the story's time across sentences and paragraphs until a clause speaks of now. The
    occurrence nearest that date wins ("the following ..." and "later" are handled by their own
    rules). None: read it against the publication date as news does."""
    if ctx.ref is None or not ctx.ref_told or ctx.ref_end is None or ctx.ref_end > start:
        return None
    base = N.value_start(ctx.ref)
    if base is None or N.value_unit(ctx.ref) not in ("day", "week", "month", "season", "quarter", "year"):
        return None
    if not ctx.narrative_mode:
        if ctx.dct is None or base.year == ctx.dct.year:
            return None
        if base > ctx.dct:  # a passage about what is to come ("until April 30, 2009") tells no story
            return None
    # a month that names a thing rather than a time: "April delivery", "April's accident"
    if re.match(r"(?:'s|’s|\s+(?:delivery|contract|futures|issue|edition|accident|disaster|attack|attacks|"
                r"elections?|meeting|summit|report|figures|data|sales|deadline))\b", ctx.text[end:end + 14], re.I):
        return None
    before, after = ctx.clause(start, end)
    now = _NOW_DEICTIC if ctx.narrative_mode else _NOW
    if now.search(before) or now.search(after):
        return None
    if ctx.narrative_mode and _WILL.search(before[-80:]):  # "Gadhafi, who will turn 69 in March"
        return None
    if not ctx.narrative_mode:
        gap = ctx.text[ctx.ref_end:start]
        if "\n" in gap.strip("\n ") or len(G.SENT_BREAK.findall(gap)) > NARRATIVE_SENTENCES:
            return None
        if ctx.tense(start, end, after=False) == "future":
            return None
    if N.value_unit(ctx.ref) == "year":  # "In 1944 ... in December": December 1944
        return base.year
    year = forward_year(base, month, day)
    # a story read forward may enter the next year ("In December 1944 ... In January"), not drift on
    if year is None or ctx.told_year is None or not ctx.told_year <= year <= ctx.told_year + 1:
        return None
    return year


# a document tells history when at least this many of its dates stated with their year lie two
# years or more before the publication date, and they are this share of its dates with a year
HISTORY_MIN = 3
HISTORY_SHARE = 0.6
# ... and it reads at most one expression from the publication date per this many such dates: news
# with background paragraphs still says "on Tuesday", "last week" (on 1,500 Timeline17 articles a
# looser test, deictic < far, took 55 news articles for histories and misread 14 expressions)
HISTORY_DEICTIC = 5
_DEICTIC_WORD = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|now|ago|last|this|next|past|coming|current|"
                           r"week|weekend|recent|recently|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE)


def tells_history(dct: date, found: list[tuple[str, str | None, str]]) -> bool:
    """Whether a dated document mostly tells a time other than its own (a history, a biography, a
    war's course): its dates stated with their year (or read from such a date) lie mostly two years
    or more before the DCT, and it hardly reads anything from the DCT ("yesterday", "last week",
    "on Tuesday").
    ``found``: (value, anchor, text) of the expressions tagged in news mode. A month or day without
    its year that news mode read from the DCT is not deictic: it is what a history leaves to its
    reader ("In September the guns opened a breach")."""
    stated = [int(v[:4]) for v, anchor, _ in found if anchor in (None, "narrative") and len(v) >= 4 and v[:4].isdigit()]
    far = sum(y <= dct.year - 2 for y in stated)  # the past: far future years are maturities, plans
    deictic = sum(anchor == "dct" and bool(_DEICTIC_WORD.search(text)) for _, anchor, text in found)
    return far >= HISTORY_MIN and far >= HISTORY_SHARE * len(stated) and deictic <= far // HISTORY_DEICTIC


# a story goes forward: a year-less day is the first occurrence after the narrative time, or
# shortly before it ("On 6 June they landed ... on 3 June the weather had turned"); a year-less
# month is the narrative time's month or a later one
NARRATIVE_BACK_DAYS = 62


def forward_year(base: date, month: int, day: int | None) -> int | None:
    for y in (base.year - 1, base.year, base.year + 1):
        try:
            d = date(y, month, day or 1)
        except ValueError:
            continue
        if day is None:  # a month: this one or a later one ("in August 2011 ... in June": June 2012)
            if (y, month) >= (base.year, base.month):
                return y
        elif (base - d).days <= NARRATIVE_BACK_DAYS:
            return y
    return None


_DETERMINER = __import__("re").compile(r"(?:\b(?:the|a|an|its|his|her|their|our)|'s)\s+$",
                                        __import__("re").IGNORECASE)


_OPENS = __import__("re").compile(r"(?:^|[.!?;:]\s+|\n\s*|,\s+(?:and|but)\s+)(?:(?:in|by|during|on|throughout|"
                                   r"early|late|then)\s+)*(?:the\s+(?:spring|summer|autumn|fall|winter)\s+of\s+)?$",
                                   __import__("re").IGNORECASE)


def tells_time(text: str, start: int, unit: str | None = None, history: bool = False) -> bool:
    """Whether a date at ``start`` sets the time of what the text tells: an adverbial ("On Dec. 21,
    1988,"), not a noun's modifier ("the Dec. 21, 1988, bombing", "its 1953 team"). In news a bare
    year sets it only when it opens its sentence or clause ("In 1944 the Allies ..."): mid-sentence,
    news uses years for background ("an agreement in 1987 that ...", "since 1980"); a history
    (``history``: the document is in narrative mode) tells its time that way too ("Germany invaded
    Belgium in 1914.")."""
    before = text[max(0, start - 40):start]
    if _DETERMINER.search(before[-12:]):
        return False
    return unit != "year" or history or bool(_OPENS.search(before))


def nearest_weekday(dct: date, weekday: int, tense: str) -> date:
    """The ``weekday`` (1=Mon) nearest the DCT in the direction the tense says."""
    delta = weekday - dct.isoweekday()
    if tense == "future":
        return dct + timedelta(days=delta % 7)
    return dct - timedelta(days=(-delta) % 7)


def nearest_month_day(dct: date, month: int, day: int | None, tense: str) -> int | None:
    """The year that puts month(/day) where the tense says, relative to the DCT."""
    d = day or 1
    candidates = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidates.append(date(y, month, d if day else 1))
        except ValueError:
            continue
    if not candidates:
        return None
    if day is None:
        here = date(dct.year, dct.month, 1)
    else:
        here = dct
    past = [c for c in candidates if c <= here]
    fut = [c for c in candidates if c >= here]
    prev = max(past) if past else None
    nxt = min(fut) if fut else None
    if tense in ("past", "future") and prev and nxt:
        want, other = (prev, nxt) if tense == "past" else (nxt, prev)
        # the tense decides unless the other occurrence is far closer ("by Jan. 14" in a
        # January 5 article is nine days ahead, not a year back, whatever the verb says)
        if abs((other - here).days) * SWITCH_FACTOR < abs((want - here).days):
            return other.year
        return want.year
    if tense == "past" and prev:
        return prev.year
    if tense == "future" and nxt:
        return nxt.year
    return min(candidates, key=lambda c: (abs((c - here).days), c > here)).year
