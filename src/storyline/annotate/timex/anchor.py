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
