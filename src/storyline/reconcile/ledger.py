"""The money ledger: who paid whom, how much, for what and when.

* :func:`assign` reads the dependency parse around each amount and fills its
  purpose, payer/payee and time.
* :func:`views` groups the ledger per relationship (payer -> payee) with totals
  that keep qualifiers: a lower bound stays a lower bound.
* :func:`conflicts` turns two reports of the same quantity whose ranges cannot
  both be true into ``conflict`` findings citing both sources.

Rules (see ``docs/money.md``):

* Purpose comes from the nearest cue on the path from the amount to its clause
  verb, then from the clause's other words: "invest" -> investment, "raise"/"round"
  -> funding_round, "deal"/"contract" -> contract, "acquire"/"buy" -> acquisition,
  "hire"/"pay package" -> hiring, "revenue"/"sales" -> revenue, "loss" -> loss,
  "spend"/"cost" -> spending, "valued"/"valuation"/"worth" -> valuation.
* Payer is the subject of a paying verb (invest, pay, spend, buy, fund...) or the
  object of "from"/"by" for receiving verbs (raise, receive, win); payee is the
  object of "in"/"into"/"to" (or the direct object of buy/acquire), or the subject of
  a receiving verb. For revenue, loss and valuation the subject is the payee (the
  party whose figure it is) and there is no payer.
* Time is the TIMEX3 value of the nearest DATE expression in the same sentence.
* A total sums distinct figures (the same figure reported by several sources
  counts once); its low end sums lows (an open low counts as 0), its high end
  sums highs and is open as soon as one figure has no upper bound. Totals are kept
  per currency and rate, never mixing "a year" with one-off sums.
* Two figures conflict when they have the same payer, payee, purpose, currency and
  rate, come from different sources (copies count as their original), are not
  dated differently, and their intervals do not overlap. "About" widens a value by
  10%, an exact figure by 1% (rounding in news copy).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any, Mapping, Sequence

from ..annotate import quantities
from ..annotate.nlp import doc_text
from ..records import Amount, Document, Evidence, Finding, content_id
from .sources import source_label

_PURPOSE_CUES: dict[str, str] = {}
for _purpose, _words in {
    "investment": "invest investment investor stake backing back",
    "funding_round": "raise raised round funding fundraise fundraising series seed financing tranche",
    "contract": "contract deal agreement partnership commitment commit licensing license award",
    "acquisition": "acquire acquisition buy purchase takeover merger bid buyout",
    "hiring": "hire hiring poach recruit salary compensation package signing bonus pay",
    "revenue": "revenue revenues sales sale earn earnings income profit turnover generate make",
    "loss": "loss losses lose deficit writedown write-down",
    "spending": "spend spending cost costs expense capex expenditure budget",
    "valuation": "value valuation valued worth price",
}.items():
    for _w in _words.split():
        _PURPOSE_CUES[_w] = _purpose

_PAYING_VERBS = set("invest pay spend buy acquire purchase fund commit give provide lend inject pour put offer "
                    "back finance bankroll sign award grant donate".split())
_RECEIVING_VERBS = set("raise receive win secure get land obtain collect earn generate bring".split())
_OWNED = {"revenue", "loss", "valuation"}
_ABOUT_TOLERANCE = 0.10
_EXACT_TOLERANCE = 0.01


# --------------------------------------------------------------------------- assign

def _tokens(sdoc, start: int, end: int):
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return span


# common nouns that stand for an organisation already named ("the company had invested...")
ORG_NOMINALS = frozenset(
    "company firm group startup start-up giant behemoth corporation business maker lender bank insurer carrier "
    "conglomerate partner rival owner parent manufacturer retailer automaker chipmaker developer".split())
PARTY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


def _antecedent(entities, doc_id: str, tok) -> str | None:
    """The organisation an org nominal refers to: among the organisations named in this and the
    previous sentence before it, the nearest grammatical subject, else the nearest one."""
    sent = tok.sent
    start = sent.start_char
    prev = sent.start - 1
    if prev >= 0:
        start = tok.doc[prev].sent.start_char
    cands = [(m, eid) for m, eid in entities.mentions_in(doc_id, start, tok.idx)
             if _type_of(entities, eid) in ("ORG",)]
    if not cands:
        return None
    doc = tok.doc
    subjects = []
    for m, eid in cands:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
            subjects.append((m, eid))
    return (subjects or cands)[-1][1]


def _by_name(entities, name: str) -> str | None:
    wanted = name.lower()
    for eid, e in getattr(entities, "entities", {}).items():
        if e.name.lower() == wanted or wanted in (a.lower() for a in e.aliases):
            return eid
    return None


def _type_of(entities, eid: str) -> str | None:
    try:
        return entities.type_of(eid)
    except (KeyError, AttributeError):
        return None


def _resolve(entities, doc_id: str, tok) -> tuple[str | None, str | None]:
    """The entity a party token names, with its name; ``(None, None)`` when it is no entity
    (a party is a person, organisation or place, never "Discussions" or "the round")."""
    if tok is None:
        return None, None
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in ORG_NOMINALS and not any(
            c.dep_ == "poss" for c in tok.children):
        eid = _antecedent(entities, doc_id, tok)
        return (eid, entities.name_of(eid)) if eid else (None, None)
    left = min([tok] + [c for c in tok.lefts if c.dep_ in ("compound", "flat") and c.i >= tok.i - 4],
               key=lambda t: t.i)
    start, end = left.idx, tok.idx + len(tok.text)
    name = doc_text(tok.doc)[start:end]
    eid = entities.entity_of(doc_id, start, end) or entities.entity_of(doc_id, tok.idx, tok.idx + len(tok.text))
    if not eid:
        # the model missed this mention: a proper name still counts, matched to a known entity by name
        if tok.pos_ != "PROPN":
            return None, None
        return _by_name(entities, name), name
    if _type_of(entities, eid) not in PARTY_TYPES | {None}:
        return None, None
    try:
        name = entities.name_of(eid) or name
    except KeyError:
        pass
    return eid, name


_NOT_PARTY = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"}


def _party(tok, amount_span) -> bool:
    return (tok is not None and not (amount_span.start <= tok.i < amount_span.end) and not tok.like_num
            and tok.ent_type_ not in _NOT_PARTY and tok.pos_ in ("PROPN", "NOUN"))


def _pobj(heads, preps: tuple[str, ...], amount_span):
    for head in heads:
        if head is None:
            continue
        for child in head.children:
            if (child.dep_ == "prep" and child.lower_ in preps) or (child.dep_ == "agent" and "by" in preps):
                for gc in child.children:
                    if gc.dep_ == "pobj" and _party(gc, amount_span):
                        return gc
    return None


def _subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("xcomp", "advcl", "conj", "relcl") and verb.head is not verb:
        return _subject(verb.head)
    if verb.dep_ == "pcomp" and verb.head.head is not verb.head:  # "X, despite receiving $Y, ..."
        governor = verb.head.head
        return governor if governor.pos_ in ("NOUN", "PROPN") else _subject(governor)
    return None


def _roles(span, doc_id: str, entities) -> dict[str, Any]:
    # the clause verb governing the amount, and the purpose cue nearest the amount
    amount_root = span.root
    purpose = None
    verb = None
    tok = amount_root
    path = []
    for _ in range(8):
        path.append(tok)
        if tok.pos_ in ("VERB", "AUX") and verb is None:
            verb = tok
            break
        if tok.head is tok:
            break
        tok = tok.head
    for t in path:
        cue = _PURPOSE_CUES.get(t.lemma_.lower()) or _PURPOSE_CUES.get(t.lower_)
        if cue:
            purpose = cue
            break
    if verb is not None:
        cue = _PURPOSE_CUES.get(verb.lemma_.lower())
        if purpose is None and cue:
            purpose = cue
        if purpose is None:
            for t in verb.subtree:
                cue = _PURPOSE_CUES.get(t.lemma_.lower())
                if cue and abs(t.i - amount_root.i) <= 8:
                    purpose = cue
                    break
    if amount_root.dep_ in ("compound", "nummod", "amod", "nmod") and purpose is None:
        purpose = _PURPOSE_CUES.get(amount_root.head.lemma_.lower())
    payer = payee = None
    if verb is not None:
        lemma = verb.lemma_.lower()
        subj = _subject(verb)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        heads = (verb, amount_root, *path)
        if subj is not None and not _party(subj, span):
            subj = None
        if lemma in _RECEIVING_VERBS or purpose == "funding_round" and lemma not in _PAYING_VERBS:
            payee = subj
            payer = _pobj(heads, ("from", "by"), span)
        elif purpose in _OWNED:
            payee = subj
        elif passive:
            payer = _pobj(heads, ("by",), span)
            payee = _pobj(heads, ("in", "into", "to"), span) or subj
        else:
            payer = subj
            if lemma in ("buy", "acquire", "purchase"):
                payee = next((c for c in verb.children if c.dep_ == "dobj" and _party(c, span)), None)
            if payee is None:
                payee = _pobj(heads, ("in", "into", "to", "for"), span)
            if payee is None:
                payee = next((c for c in verb.children if c.dep_ == "dative" and _party(c, span)), None)
        if payer is not None and payer.pos_ == "PRON":
            payer = None
        if payee is not None and payee.pos_ == "PRON":
            payee = None
    payer_id, payer_name = _resolve(entities, doc_id, payer)
    payee_id, payee_name = _resolve(entities, doc_id, payee)
    return {"purpose": purpose, "payer": payer_id, "payer_name": payer_name, "payee": payee_id,
            "payee_name": payee_name, "cumulative": _cumulative(verb, span)}


_TOTAL_CUES = frozenset("total totals cumulative overall altogether".split())
_TOTAL_PHRASES = ("so far", "to date", "in all", "in total", "since then", "over the years")


def _cumulative(verb, span) -> bool:
    """Is the figure reported as a running total? Perfect aspect ("has/had invested"), or a
    total cue in the clause ("in total", "so far", "cumulative")."""
    if verb is not None and any(c.dep_ == "aux" and c.lemma_ == "have" and c.i < verb.i for c in verb.children):
        return True
    sent = span.sent
    words = {t.lower_ for t in sent}
    text = sent.text.lower()
    return bool(words & _TOTAL_CUES) or any(p in text for p in _TOTAL_PHRASES)


def _time_of(ann, a: Amount) -> str | None:
    sent = ann.sentence_at(a.start)
    if sent is None:
        return None
    best = None
    for t in ann.timexes:
        if t.start >= sent.start and t.end <= sent.end and t.type == "DATE" and t.value and "X" not in t.value[:4]:
            d = min(abs(t.start - a.end), abs(a.start - t.end))
            if best is None or d < best[0]:
                best = (d, t.value)
    return best[1] if best else None


def refine(ann) -> list[Amount]:
    """The document's amounts refined with its parse (:func:`storyline.annotate.quantities.refine_units`).

    Numbers the regex left without a unit are offered to the parse too, and kept when it finds the
    noun they count ("1,307,000 Americans"); without a dependency parse the amounts are returned as they are.
    """
    sdoc = ann.spacy_doc
    # the annotate stage extracts with all_numbers=True: amounts with a unit or currency, plus the
    # bare numbers that only the parse can give a unit to
    amounts = [a for a in ann.amounts if a.unit is not None or a.currency is not None]
    if sdoc is None or not len(sdoc) or not sdoc.has_annotation("DEP") or doc_text(sdoc) != ann.document.text:
        return amounts
    taken = [(a.start, a.end) for a in amounts]
    bare = [b for b in ann.amounts if b.unit is None and b.currency is None
            and not any(s < b.end and b.start < e for s, e in taken)]
    refined = quantities.refine_units(amounts + bare, sdoc)
    return sorted((a for a in refined if a.unit is not None or a.currency is not None), key=lambda a: (a.start, a.end))


def assign(ann, entities) -> tuple[Amount, ...]:
    """Refine the document's amounts with its parse, then fill purpose, payer/payee (entity ids and names) and
    time for the money amounts."""
    sdoc = ann.spacy_doc
    doc_id = ann.document.id
    out = []
    for a in refine(ann):
        if a.kind != "money":
            out.append(a)
            continue
        changes: dict[str, Any] = {"time": _time_of(ann, a)}
        if sdoc is not None and len(sdoc) and sdoc.has_annotation("DEP"):
            span = _tokens(sdoc, a.start, a.end)
            if span is not None and len(span):
                changes.update(_roles(span, doc_id, entities))
        out.append(replace(a, **{k: v for k, v in changes.items() if v is not None or k == "time"}))
    return tuple(out)


# --------------------------------------------------------------------------- views

_SENT_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[A-Z\"'\u201c(])|\n\s*\n")


def sentence_evidence(document: Document | None, a: Amount) -> Evidence:
    """The sentence around an amount, as evidence (the amount alone when the document is unknown)."""
    if document is None:
        return Evidence(a.doc, a.start, a.end, a.text)
    text = document.text
    start = 0
    for m in _SENT_END.finditer(text, 0, a.start):
        start = m.end()
    m = _SENT_END.search(text, a.end)
    end = m.start() + 1 if m else len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(a.doc, start, end, text[start:end])


def _figure_key(a: Amount) -> tuple:
    return (a.payer or a.payer_name, a.payee or a.payee_name, a.purpose, a.currency, a.per, a.low, a.high,
            a.qualifier)


def total(amounts: Sequence[Amount]) -> dict[str, Any]:
    """Sum of distinct figures respecting bounds: {low, high, qualifier, count}."""
    distinct = {}
    for a in amounts:
        distinct.setdefault(_figure_key(a), a)
    low = 0.0
    high: float | None = 0.0
    for a in distinct.values():
        low += a.low or 0.0
        if high is not None:
            high = None if a.high is None else high + a.high
    if high is not None and abs(high - low) < 1e-9 * max(1.0, abs(high)):
        qual = "exact" if all(a.qualifier == "exact" for a in distinct.values()) else "about"
    elif high is None:
        qual = "at_least"
    elif all(a.low is None for a in distinct.values()):
        qual = "at_most"
    else:
        qual = "range"
    return {"low": low if any(a.low is not None for a in distinct.values()) else None, "high": high,
            "qualifier": qual, "count": len(distinct)}


def views(amounts: Sequence[Amount], documents: Mapping[str, Document], names: Mapping[str, str]) -> dict:
    """Per relationship (payer -> payee): rows with source sentences and qualifier-respecting totals."""
    groups: dict[tuple[str, str], list[Amount]] = defaultdict(list)
    for a in amounts:
        if a.kind != "money" or not (a.payer or a.payee or a.payer_name or a.payee_name):
            continue
        groups[(a.payer or a.payer_name or "?", a.payee or a.payee_name or "?")].append(a)
    relationships = []
    for (payer, payee), rows in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        rows = sorted(rows, key=lambda a: (a.time or "9999", a.doc, a.start))
        totals = defaultdict(list)
        for a in rows:
            totals[(a.currency or "", a.per or "")].append(a)
        relationships.append({
            "payer": payer, "payee": payee,
            "payer_name": names.get(payer, rows[0].payer_name or payer),
            "payee_name": names.get(payee, rows[0].payee_name or payee),
            "totals": [{"currency": cur or None, "per": per or None, **total(xs)}
                       for (cur, per), xs in sorted(totals.items())],
            "rows": [{
                "id": a.id, "doc": a.doc, "text": a.text, "purpose": a.purpose, "currency": a.currency,
                "low": a.low, "high": a.high, "qualifier": a.qualifier, "per": a.per, "time": a.time,
                "event": a.event, "outlet": getattr(documents.get(a.doc), "outlet", None),
                "evidence": _ev(sentence_evidence(documents.get(a.doc), a)),
            } for a in rows],
        })
    return {"relationships": relationships,
            "unassigned": sum(1 for a in amounts if a.kind == "money" and not (a.payer or a.payee or a.payer_name
                                                                                or a.payee_name))}


def _ev(e: Evidence) -> dict:
    return {"doc": e.doc, "start": e.start, "end": e.end, "text": e.text}


# --------------------------------------------------------------------------- conflicts

def interval(a: Amount) -> tuple[float, float]:
    """The values an amount allows, widened for "about" and for rounding."""
    lo = a.low if a.low is not None else 0.0
    hi = a.high if a.high is not None else float("inf")
    if a.qualifier == "about":
        lo, hi = lo * (1 - _ABOUT_TOLERANCE), hi * (1 + _ABOUT_TOLERANCE)
    elif a.qualifier == "exact":
        lo, hi = lo * (1 - _EXACT_TOLERANCE), hi * (1 + _EXACT_TOLERANCE)
    if a.qualifier == "more_than" and a.low is not None:
        lo = a.low  # strictly more than: the bound itself is excluded, kept inclusive for rounding
    return lo, hi


def compatible(a: Amount, b: Amount) -> bool:
    la, ha = interval(a)
    lb, hb = interval(b)
    return la <= hb and lb <= ha


def conflicts(amounts: Sequence[Amount], documents: Mapping[str, Document], copies: Mapping[str, str]) -> list[Finding]:
    """``conflict`` findings for reports of the same quantity whose ranges cannot both hold."""
    groups: dict[tuple, list[Amount]] = defaultdict(list)
    for a in amounts:
        if a.kind != "money" or not (a.payer or a.payer_name) or not (a.payee or a.payee_name) or not a.purpose:
            continue
        key = ((a.payer or a.payer_name or "").lower(), (a.payee or a.payee_name or "").lower(), a.purpose,
               a.currency, a.per)
        groups[key].append(a)
    findings = []
    for key, xs in sorted(groups.items(), key=lambda kv: kv[0]):
        xs = sorted(xs, key=lambda a: (a.doc, a.start))
        for i, a in enumerate(xs):
            for b in xs[i + 1:]:
                src_a, src_b = copies.get(a.doc, a.doc), copies.get(b.doc, b.doc)
                if src_a == src_b:
                    continue
                if a.time and b.time and a.time[:4] != b.time[:4]:
                    continue
                # different events are different quantities, unless one report is a running total
                if a.event and b.event and a.event != b.event and not (a.cumulative or b.cumulative):
                    continue
                if compatible(a, b):
                    continue
                ev = (sentence_evidence(documents.get(a.doc), a), sentence_evidence(documents.get(b.doc), b))
                payer = a.payer_name or a.payer
                payee = a.payee_name or a.payee
                summary = (f"Sources disagree on the {a.purpose.replace('_', ' ')} from {payer} to {payee}: "
                           f"'{a.text}' ({source_label(a.doc, documents)}) vs "
                           f"'{b.text}' ({source_label(b.doc, documents)})")
                ids = tuple(sorted((a.id, b.id)))
                findings.append(Finding(
                    id=content_id("fnd", "conflict", ids), kind="conflict", summary=summary,
                    events=tuple(sorted({e for e in (a.event, b.event) if e})), amounts=ids,
                    sources=tuple(sorted({src_a, src_b})), evidence=ev,
                ))
    return findings


__all__ = ["assign", "refine", "compatible", "conflicts", "interval", "sentence_evidence", "total", "views"]
