"""Annotate a cleaned document: sentences, entity mentions, time expressions and amounts.

This stage is a pure function of the document and the settings. It returns an
:class:`Annotated` bundle that later stages (entities, events, quotes, ledger)
read; the spaCy ``Doc`` travels with it but is never stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator

from . import nlp as nlp_mod
from ..records import Amount, Document, Mention, Sentence, TimeExpr

# NER labels kept as entity mentions for the graph; the others (DATE, MONEY,
# CARDINAL...) are handled by the time tagger and the quantity extractor.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


@dataclass(frozen=True)
class Annotated:
    """Everything the annotate stage knows about one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    timexes: tuple[TimeExpr, ...]
    amounts: tuple[Amount, ...]
    spacy_doc: Any = None  # spacy.tokens.Doc over document.text; not stored

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset``."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None


def _sentences(doc_id: str, sdoc) -> tuple[Sentence, ...]:
    out = []
    text = nlp_mod.doc_text(sdoc)
    for i, sent in enumerate(sdoc.sents):
        start, end = sent.start_char, sent.end_char
        # trim whitespace so that text[start:end] is the sentence proper
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Sentence(doc=doc_id, index=len(out), start=start, end=end, text=text[start:end]))
    return tuple(out)


# job titles written before a name ("CTO Kevin Scott", "CEO Sam Altman")
TITLE_WORDS = frozenset(
    "ceo cto cfo coo chairman chairwoman chair president vice prime minister secretary senator governor mayor "
    "judge general director founder co-founder executive chief mr mr. mrs mrs. ms ms. dr dr. sir lord lady "
    "king queen pope rep. sen. gov. gen. professor prof. spokesman spokeswoman spokesperson".split()
)
_POSSESSIVE_SPLIT = re.compile(r"['\u2019]s\s+")
_LIST_SPLIT = re.compile(r",\s+|\s+and\s+")


def _split_entity(text: str, start: int, label: str) -> list[tuple[int, int]]:
    """Split NER spans that glue several names: lists ("Apple, Nvidia"), possessives
    ("OpenAI's Slack"); drop leading job titles ("CTO Kevin Scott")."""
    pieces = [(0, len(text))]
    for pattern in (_POSSESSIVE_SPLIT, _LIST_SPLIT):
        out = []
        for a, b in pieces:
            chunk = text[a:b]
            parts, pos = [], 0
            for m in pattern.finditer(chunk):
                parts.append((pos, m.start()))
                pos = m.end()
            parts.append((pos, len(chunk)))
            if len(parts) > 1 and all(chunk[x:y][:1].isupper() for x, y in parts if y > x):
                out.extend((a + x, a + y) for x, y in parts if y > x)
            else:
                out.append((a, b))
        pieces = out
    result = []
    for a, b in pieces:
        words = text[a:b].split(" ")
        while len(words) > 2 and words[0].lower().strip(",") in TITLE_WORDS:
            a += len(words[0]) + 1
            words = words[1:]
        result.append((start + a, start + b))
    return result


def _mentions(doc_id: str, sdoc, sentences: tuple[Sentence, ...]) -> tuple[Mention, ...]:
    out = []
    si = 0
    full = nlp_mod.doc_text(sdoc)
    for ent in sdoc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        for start, end in _split_entity(full[ent.start_char:ent.end_char], ent.start_char, ent.label_):
            text = full[start:end]
            # drop possessive 's and surrounding punctuation the model sometimes includes
            for suffix in ("'s", "\u2019s", "'", "\u2019"):
                if text.endswith(suffix) and len(text) > len(suffix) + 1:
                    end -= len(suffix)
                    text = text[: -len(suffix)]
                    break
            if text.lower().startswith("the ") and ent.label_ in ("ORG", "GPE", "NORP", "FAC", "LOC"):
                start += 4
                text = text[4:]
            stripped = text.rstrip(" .,;:")
            end -= len(text) - len(stripped)
            text = stripped
            if not text.strip() or not any(ch.isalpha() for ch in text):
                continue
            while si < len(sentences) - 1 and start >= sentences[si].end:
                si += 1
            out.append(Mention(doc=doc_id, start=start, end=end, text=text, label=ent.label_, sentence=si))
    return tuple(out)


def annotate_docs(
    documents: Iterable[Document],
    *,
    model: str = nlp_mod.DEFAULT_MODEL,
    mode: str = "full",
    batch_size: int = 16,
    with_time: bool = True,
    with_amounts: bool = True,
) -> Iterator[Annotated]:
    """Annotate documents in a stream (spaCy's ``nlp.pipe`` batches them)."""
    nlp = nlp_mod.load(model, mode)
    docs = list(documents)
    for document, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size)):
        yield annotate_one(document, sdoc, with_time=with_time, with_amounts=with_amounts)


def annotate_one(document: Document, sdoc, *, with_time: bool = True, with_amounts: bool = True) -> Annotated:
    """Build the :class:`Annotated` bundle for a document already run through spaCy."""
    sentences = _sentences(document.id, sdoc)
    mentions = _mentions(document.id, sdoc, sentences)
    timexes: tuple[TimeExpr, ...] = ()
    amounts: tuple[Amount, ...] = ()
    if with_time:
        timexes = time_expressions(document.text, document.published, document.published_precision, document.id)
    if with_amounts:
        from . import quantities

        # bare numbers too: the ledger stage gives them a unit from the parse or drops them
        amounts = tuple(quantities.extract(document.text, doc_id=document.id, all_numbers=True))
    return Annotated(document, sentences, mentions, timexes, amounts, sdoc)


def time_expressions(text: str, published, precision: str | None, doc_id: str) -> tuple[TimeExpr, ...]:
    """A document's time expressions as the dossier reads them: a live page's parts against their
    update stamps' days (``live_pages``), and no finer than its publication date is known (:func:`coarsen`)."""
    from . import timex

    found = timex.tag(text, published, doc_id=doc_id, live_pages=True)
    if precision in ("month", "year"):
        found = [coarsen(t, precision) for t in found]
    return tuple(found)


def coarsen(t: TimeExpr, precision: str) -> TimeExpr:
    """A date resolved against a publication date known only to the month (or year) is known no
    better: "yesterday" under "April 2025, day uncertain" is April 2025, not 27 April. Expressions
    that do not depend on the publication date are left as they are. "Now" (``PRESENT_REF``) keeps
    its value and only widens its range: it is the time of writing, which gives no event a date of
    its own (:attr:`storyline.records.EventDate.own`), whereas "2025-04" would."""
    from .timex.normalize import day_range

    if t.anchor != "dct" or t.type not in ("DATE", "TIME") or not t.start_date or not t.end_date:
        return t
    cut = 7 if precision == "month" else 4
    if t.start_date[:cut] != t.end_date[:cut] or len(t.value) <= cut:
        return t
    start, end = day_range(t.start_date[:cut])
    note = f"publication date known only to the {precision}"
    note = f"{t.note}; {note}" if t.note else note
    if t.value.endswith("_REF"):
        return replace(t, start_date=start, end_date=end, note=note)
    return replace(t, type="DATE", value=t.start_date[:cut], start_date=start, end_date=end, mod=None, note=note)
