"""The TIMEX3 tagger: find time expressions in a text and normalise them against the publication
date (:func:`tag`, :func:`tag_with_anchors`).

Candidates come from the rules' regular patterns (:mod:`.grammar`) inside windows around their
trigger words; overlapping candidates are resolved by length and rule priority; each match is
normalised by its rule (:mod:`.rules`) against the document creation time or the narrative
reference time (:mod:`.anchor`) and given its day range (:mod:`.normalize`). A pure function of
``(text, dct)``; all regexes compile at import.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime

from ...records import TimeExpr
from . import grammar as G
from . import normalize as N
from . import anchor as A
from .anchor import Context, tells_time
from .rules import HANDLERS, Result
from .stamps import day_at, writing_days

__all__ = ["tag", "tag_with_anchors"]

_RULES = [(name, G.PATTERNS[name], HANDLERS[name]) for name in G.PATTERNS if name in HANDLERS]
_PRIORITY = {name: i for i, (name, _, _) in enumerate(_RULES)}


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Merged windows per rule around its trigger words (see ``grammar.RULE_WINDOWS``)."""
    hits: dict[str, list[tuple[int, int]]] = {}
    digits: list[tuple[int, int]] = []
    units: list[tuple[int, int]] = []
    for m in G.DIGIT_TRIGGER.finditer(text):
        digits.append(m.span())
        if m.lastgroup:  # "16h": a unit glued to its number
            units.append(m.span())
    word_classes, capital = G.WORD_CLASSES, G.CAPITAL_CLASSES
    for m in G.WORD.finditer(text):
        w = m.group()
        lw = w.lower()
        found = word_classes.get(lw)
        if found is None and w[0].isupper():
            found = capital.get(lw)
        if found:
            span = m.span()
            for c in found:
                hits.setdefault(c, []).append(span)
    hits["AMPM"] = [m.span() for m in G.AMPM_TRIGGER.finditer(text)]
    hits["D"] = digits
    if units:
        hits["UNIT"] = sorted(hits.get("UNIT", []) + units)
    n = len(text)
    by_key: dict[tuple[tuple[str, ...], int, int], list[tuple[int, int]]] = {}
    for key in _WINDOW_KEYS:
        classes, left, right = key
        points = hits.get(classes[0], []) if len(classes) == 1 else \
            sorted(p for c in classes for p in hits.get(c, []))
        spans: list[tuple[int, int]] = []
        for s, e in points:
            s, e = max(0, s - left), min(n, e + right)
            # never cut a word: a pattern's (?!\w) would succeed at the cut ("Easter|n")
            while e < n and text[e].isalnum():
                e += 1
            if spans and s <= spans[-1][1]:
                if e > spans[-1][1]:
                    spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
        by_key[key] = spans
    return {name: by_key[key] for name, key in G.RULE_WINDOWS.items()}


# rules with the same triggers and margins share their windows (per-rule margins keep the
# scanned text small, which measured ~10% faster than one widest margin per trigger class)
_WINDOW_KEYS = sorted(set(G.RULE_WINDOWS.values()))


def _candidates(ctx: Context) -> list[tuple[int, int, str, re.Match]]:
    out = []
    text = ctx.text
    windows = _windows(text)
    whole = [(0, len(text))]
    seen: set[tuple[int, int, str]] = set()
    for name, pattern, handler in _RULES:
        for ws, we in windows.get(name, whole):
            for m in pattern.finditer(text, ws, we):
                if m.end() == m.start() or (m.start(), m.end(), name) in seen:
                    continue
                seen.add((m.start(), m.end(), name))
                res = handler(m, ctx)  # acceptance check (values are recomputed in text order)
                if res is None:
                    continue
                s = res.start if res.start is not None else m.start()
                e = res.end if res.end is not None else m.end()
                if e <= s:
                    continue
                out.append((s, e, name, m))
    return out


def _select(cands: list[tuple[int, int, str, re.Match]]) -> list[tuple[int, int, str, re.Match]]:
    """Longest match first (ties: rule order), no overlaps; returned in text order."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), _PRIORITY[c[2]], c[0]))
    taken: list[tuple[int, int, str, re.Match]] = []
    starts: list[int] = []  # occupied spans, disjoint, sorted by start
    ends: list[int] = []
    for c in cands:
        s, e = c[0], c[1]
        i = bisect.bisect_right(starts, s)
        if i > 0 and ends[i - 1] > s:  # the span starting before s reaches into it
            continue
        if i < len(starts) and starts[i] < e:  # the next span starts inside it
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        taken.append(c)
    taken.sort(key=lambda c: c[0])
    return taken


def _extend_left(text: str, s: int, prev_end: int, res: Result) -> tuple[int, Result]:
    """Pull modifiers ("early", "the end of", "almost", "at least") into the expression."""
    window = text[max(prev_end, s - 40):s]
    head = text[s:s + 12].lower()
    if res.type in ("DATE", "TIME") and not res.value.endswith("_REF") and not res.offset:
        m = G.DATE_MOD_LEFT.search(window)
        if m:
            word = re.sub(r"\s+", " ", (m.group("m") or m.group("m2") or m.group("m3")).lower())
            # "earlier this year" is one expression; "earlier Friday" is an adverb and a date
            if word in ("earlier", "later") and not re.match(r"(?:this|last|next|that)\b", head):
                return s, res
            res.mod = G.DATE_MODS[word]
            return s - (len(window) - m.start()), res
    if res.type == "DURATION" or res.offset:
        m = G.QUANT_MOD_LEFT.search(window)
        if m:
            word = re.sub(r"\s+", " ", m.group("m").lower())
            if word == "over" and head.startswith(("the ", "several", "many", "a few")):
                return s, res
            mod = G.QUANT_MODS[word]
            if mod:
                res.mod = mod
            if word not in G.QUANT_MODS_OUTSIDE:
                return s - (len(window) - m.start()), res
    return s, res


def _bound(text: str, s: int, res: Result) -> None:
    """'since 2019' / 'by 2029' / 'until 2028': the preposition becomes the mod (extent unchanged)."""
    if res.type != "DATE" or res.mod or res.value.endswith("_REF"):
        return
    m = G.BOUND_LEFT.search(text[max(0, s - 30):s])
    if m:
        w = re.sub(r"\s+", " ", m.group("w").lower())
        res.mod = G.BOUND_MODS.get(w)


def _record(doc_id: str, text: str, s: int, e: int, res: Result, dct: date | None = None) -> TimeExpr:
    start_date = end_date = None
    if res.value == "PRESENT_REF" and dct is not None:  # "now" is the publication day
        start_date = end_date = dct.isoformat()
    elif res.type in ("DATE", "TIME") and N.is_valid_value(res.value):
        start_date, end_date = N.day_range(res.value.split("T")[0] if "T" in res.value else res.value,
                                           res.mod if res.mod in ("START", "MID", "END") else None)
    return TimeExpr(doc=doc_id, start=s, end=e, text=text[s:e], type=res.type, value=res.value, mod=res.mod,
                    start_date=start_date, end_date=end_date, anchor=res.anchor, note=res.note,
                    quant=res.quant, freq=res.freq)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$|XXXX-\d{2}-\d{2}$")
_GAP = re.compile(r"\s*(?:,\s*|at\s+|on\s+|,\s*at\s+)?", re.IGNORECASE)


def _merge_date_time(text: str, out: list[TimeExpr], s: int, e: int, res: Result, doc_id: str) -> TimeExpr | None:
    """A clock time next to a calendar day names one moment: merge them into one TIME."""
    if not out:
        return None
    prev = out[-1]
    gap = text[prev.end:s]
    # a clock in brackets before its day: "at 1653 local time (2153 GMT) on Tuesday" is Tuesday's 21:53,
    # not the page's day; the merged expression takes the brackets in
    bracketed = gap.startswith(")") and prev.start > 0 and text[prev.start - 1] == "(" and prev.type == "TIME"
    if bracketed:
        gap = gap[1:]
    if len(gap) > 6 or _GAP.fullmatch(gap) is None:
        return None
    if res.type == "TIME" and prev.type == "DATE" and _DAY.match(prev.value) and res.value[10:11] == "T" \
            and res.value[11:12].isdigit():
        value, time_part = prev.value, res.value[10:]
    elif res.type == "DATE" and _DAY.match(res.value) and prev.type == "TIME" and prev.value[11:12].isdigit():
        value, time_part = res.value, prev.value[10:]
    else:
        return None
    start = prev.start - 1 if bracketed else prev.start
    day_rec = prev if prev.type == "DATE" else None
    start_date = value if value[0].isdigit() else None
    return TimeExpr(doc=doc_id, start=start, end=e, text=text[start:e], type="TIME", value=value + time_part,
                    mod=res.mod or prev.mod, start_date=start_date, end_date=start_date,
                    anchor=(day_rec.anchor if day_rec else res.anchor), note=None if start_date else prev.note or res.note)


_REF_UNITS = {"year", "season", "month", "day", "quarter", "half", "week"}


MODES = ("auto", "news", "narrative")


def tag(text: str, dct: date | None, doc_id: str = "", mode: str = "auto", *,
        live_pages: bool = False) -> list[TimeExpr]:
    """TIMEX3 expressions in ``text``, resolved against ``dct`` (the publication date).

    Offsets index ``text``; records are sorted by start and never overlap. Without a DCT, relative
    expressions take the time the text itself tells, else keep X'd values (``XXXX``) and a note.
    ``mode``: "auto" decides per document whether it is news or a history
    (:func:`.anchor.tells_history`); "news" or "narrative" force one, as HeidelTime's modes do.
    ``live_pages``: read each part of a live page against the day of its update stamp
    (:mod:`.stamps`), not ``dct``: what the dossier does with a page (``annotate.document``). Off, the
    publication date given is the reference time of the whole text, as benchmarks give it.
    """
    return tag_with_anchors(text, dct, doc_id, mode, live_pages=live_pages)[0]


def tag_with_anchors(text: str, dct: date | None, doc_id: str = "", mode: str = "auto", *,
                     live_pages: bool = False) -> tuple[list[TimeExpr], list[int | None]]:
    """:func:`tag`, plus for each record the index of the record it was anchored on.

    ``anchors[i]`` is set for narrative-anchored records (the earlier expression that
    set the narrative time), ``None`` otherwise; TimeML output uses it for ``anchorTimeID``.
    """
    if mode not in MODES:
        raise ValueError(f"time tagging mode {mode!r}: one of {', '.join(MODES)}")
    if not text:
        return [], []
    if isinstance(dct, datetime):  # a datetime is accepted; only its day matters
        dct = dct.date()
    probe = Context(text=text, dct=dct)
    chosen = _select(_candidates(probe))
    written = writing_days(text, dct) if live_pages else []  # a live page's parts and their stamps' days
    out, anchors = _resolve(text, dct, doc_id, chosen, written,
                            narrative_mode=mode == "narrative" or dct is None and mode == "auto")
    if mode == "auto" and dct is not None and A.tells_history(dct, [(r.value, r.anchor, r.text) for r in out]):
        out, anchors = _resolve(text, dct, doc_id, chosen, written, narrative_mode=True)
    return out, anchors


def _resolve(text: str, dct: date | None, doc_id: str, chosen, written: list, narrative_mode: bool) \
        -> tuple[list[TimeExpr], list[int | None]]:
    ctx = Context(text=text, dct=dct, narrative_mode=narrative_mode)
    out: list[TimeExpr] = []
    anchors: list[int | None] = []
    ref_index: int | None = None
    prev_end = 0
    for s, e, name, m in chosen:
        ctx.dct = day_at(written, s, dct)
        res = HANDLERS[name](m, ctx)
        if res is None:
            continue
        s = res.start if res.start is not None else s
        e = res.end if res.end is not None else e
        if not N.is_valid_value(res.value):
            continue
        s, res = _extend_left(text, s, prev_end, res)
        _bound(text, s, res)
        # trim whitespace the patterns may leave at the edges
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s or s < prev_end:
            continue
        merged = _merge_date_time(text, out, s, e, res, doc_id)
        if merged is not None:  # "November 7, 2024 2:27 pm", "5 p.m. EST Nov. 9": one TIME
            out[-1] = merged
            prev_end = merged.end
            continue
        out.append(_record(doc_id, text, s, e, res, ctx.dct))
        anchors.append(ref_index if res.anchor == "narrative" else None)
        prev_end = e
        if res.anchor is None and res.type in ("DATE", "TIME") and _YEAR_WRITTEN.match(res.value or ""):
            ctx.stated_year = int(res.value[:4])
        if not res.sets_ref or res.type != "DATE":
            continue
        # the narrative time moves with every specific date the text states (not with
        # "on Friday"-style deictic dates, which only report when something was said)
        if res.anchor != "dct" or name in ("mdy", "dmy", "month_year", "month", "season", "holiday"):
            if not res.value.startswith(("P", "X")) and "X" not in res.value and not res.value.endswith("_REF") \
                    and N.value_unit(res.value) in _REF_UNITS:
                ctx.ref = res.value
                ctx.ref_end = e
                # a date read from the narrative time continues the story only if that time was told
                if res.anchor is None:
                    ctx.ref_told = tells_time(text, s, N.value_unit(res.value), narrative_mode)
                    ctx.told_year = int(res.value[:4]) if ctx.ref_told else None
                elif res.anchor != "narrative":
                    ctx.ref_told = False
                ref_index = len(out) - 1
    return out, anchors


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_YEAR_WRITTEN = re.compile(r"\d{4}(?!\d)")  # a value that begins with a whole year


def stated_day(text: str) -> date | None:
    """The first calendar day ``text`` states outright ("November 7, 2024 2:27 pm", "Thu Sep 09
    2010"), tagged without a reference date; None when it states none (a page's dateline, a
    listing's stamps: ``storyline.ingest``)."""
    for t in tag(text, None):
        m = _DAY.match(t.value or "") if t.type in ("DATE", "TIME") else None
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
    return None
