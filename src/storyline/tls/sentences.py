"""What timeline summarization reads and writes: dated sentences in, timeline entries out.

A :class:`DatedSentence` is one sentence of an article with the article's publication date and the
single days its time expressions resolve to (:func:`sentences_from_document` builds them from a
tagged document); a :class:`TimelineEntry` is one chosen date with its sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .trim import outside_dateline

if TYPE_CHECKING:  # pragma: no cover
    from ..records import TimeExpr


@dataclass(frozen=True)
class DatedSentence:
    """One sentence with its document's publication date and the days it refers to.

    ``mentions`` holds the single days (``start_date == end_date``) of the sentence's time
    expressions; month or year references are too coarse to date an event and are left out.
    ``start``/``end`` are character offsets into the document text (-1 when unknown).
    """

    doc: str
    index: int
    text: str
    published: date
    mentions: tuple[date, ...] = ()
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class TimelineEntry:
    """One timeline date: its importance score and the chosen sentences."""

    date: date
    sentences: tuple[DatedSentence, ...]
    score: float = 0.0

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]


# ----------------------------------------------------------------------------- time expressions

def day_mentions(timexes: Iterable[TimeExpr]) -> tuple[date, ...]:
    """The distinct single days a sentence's time expressions resolve to, in text order."""
    out: list[date] = []
    for t in timexes:
        if t.type not in ("DATE", "TIME") or not t.start_date or t.start_date != t.end_date:
            continue
        if t.mod and t.mod not in ("APPROX", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END"):
            continue  # "before May 3" does not date an event on May 3 ("early Saturday" does)
        try:
            d = date.fromisoformat(t.start_date)
        except ValueError:
            continue
        if d not in out:
            out.append(d)
    return tuple(out)


def sentences_from_document(
    doc: str,
    text: str,
    spans: Sequence[tuple[int, int]],
    published: date,
    timexes: Sequence[TimeExpr] | None = None,
) -> list[DatedSentence]:
    """Split a tagged document into :class:`DatedSentence` records.

    ``spans`` are the sentences' character offsets in ``text``; ``timexes`` the document's time
    expressions (``None``: run :func:`storyline.annotate.timex.tag` with ``published`` as the DCT).
    """
    if timexes is None:
        from ..annotate import timex

        timexes = timex.tag(text, published, doc_id=doc)
    by_sentence: dict[int, list] = defaultdict(list)
    starts = [s for s, _ in spans]
    for t in timexes:
        # sentence whose span contains the expression's start
        lo, hi = 0, len(spans) - 1
        idx = -1
        while lo <= hi:
            mid = (lo + hi) // 2
            if starts[mid] <= t.start:
                idx, lo = mid, mid + 1
            else:
                hi = mid - 1
        if idx >= 0 and t.start < spans[idx][1]:
            by_sentence[idx].append(t)
    # a wire or web dateline ("LONDON, May 3 (Reuters) -") stamps the article: its date is no mention
    for i in list(by_sentence):
        by_sentence[i] = outside_dateline(text, *spans[i], i, by_sentence[i])
    return [
        DatedSentence(doc=doc, index=i, text=text[s:e], published=published,
                      mentions=day_mentions(by_sentence.get(i, ())), start=s, end=e)
        for i, (s, e) in enumerate(spans)
    ]


def keyword_pattern(keywords: Sequence[str] | None) -> re.Pattern | None:
    """One case-insensitive pattern for a story's keywords (each matched from a word start); None
    when there are none. Shared by the date ranking and the summarizer."""
    kws = [k.strip().lower() for k in keywords or () if k and k.strip()]
    if not kws:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in kws) + r")", re.IGNORECASE)
