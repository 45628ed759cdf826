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
* Each money amount has a measure (:data:`MEASURES`): a payment, a running total
  ("has invested $13 billion", "in total"), a whole round (no single payer), one
  investor's share of a round, a plan or forecast, or a figure one party owns (loss,
  revenue, valuation, spending). Only payments, shares and running totals are flows.
* A relationship's total (:func:`flow_total`) is its best-supported running total when
  the reports give one (never added to the payments it includes), else the sum of its
  distinct payments (the same figure in the same year, however many sources, counts
  once); lows sum lows, highs sum highs and open as soon as one figure has no upper
  bound. Totals are kept per currency and rate, never mixing "a year" with one-off sums.
* Two figures conflict when they measure the same thing between the same parties in
  the same currency and rate - two payments of one year or event, two rounds of one
  payee and year, two running totals as of one month - come from independent sources,
  and their intervals do not overlap; a running total that is larger later grew.
  "About" widens a value by 10%, an exact figure by 1% (rounding in news copy).
  See ``docs/findings.md``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any, Mapping, Sequence

from ..annotate import quantities
from ..annotate.nlp import doc_text
from ..records import Amount, Document, Evidence, Finding, content_id
from .sources import source_label, source_of

_PURPOSE_CUES: dict[str, str] = {}
for _purpose, _words in {
    "investment": "invest investment investor stake backing back",
    "funding_round": "raise raised round funding fundraise fundraising series seed financing tranche",
    "contract": "contract deal agreement partnership commitment commit licensing license award",
    "acquisition": "acquire acquisition buy purchase takeover merger bid buyout",
    "hiring": "hire hiring poach recruit salary bonus pay compensation",
    "revenue": "revenue revenues sales sale earn earnings income profit turnover generate make",
    "loss": "loss losses lose deficit writedown write-down",
    "spending": "spend spending cost costs expense capex expenditure budget",
    "valuation": "value valuation valued worth price",
}.items():
    for _w in _words.split():
        _PURPOSE_CUES[_w] = _purpose
# cues that name a purpose only as a salary: someone's "pay" or "compensation", a "pay package" or
# "pay rise"; "has paid out $2 billion", "to pay for damages" and "a compensation fund" for
# victims are no hire
_NOUN_CUES = frozenset({"pay", "compensation"})
_SALARY_HEADS = frozenset({"package", "rise", "raise", "cut", "award", "increase", "deal", "packet"})


def _cue(t) -> str | None:
    """The purpose token ``t`` names (:data:`_PURPOSE_CUES`), by lemma or form; a salary noun
    ("package", "rise") names a hire by the "pay" or "compensation" in front of it."""
    word = t.lemma_.lower()
    if word in _SALARY_HEADS and any(c.dep_ == "compound" and c.lemma_.lower() in _NOUN_CUES for c in t.children):
        return "hiring"
    cue = _PURPOSE_CUES.get(word) or _PURPOSE_CUES.get(t.lower_)
    if cue and (word in _NOUN_CUES or t.lower_ in _NOUN_CUES) and (
            t.pos_ != "NOUN" or (t.dep_ == "compound" and t.head.lemma_.lower() not in _SALARY_HEADS)):
        return None
    return cue

_PAYING_VERBS = set("invest pay spend buy acquire purchase fund commit give provide lend inject pour put offer "
                    "back finance bankroll sign award grant donate".split())
_RECEIVING_VERBS = set("raise receive win secure get land obtain collect earn generate bring".split())
_OWNED = {"revenue", "loss", "valuation"}
ABOUT_TOLERANCE = 0.10
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
        cue = _cue(t)
        if cue:
            purpose = cue
            break
    if verb is not None:
        cue = _cue(verb)
        if purpose is None and cue:
            purpose = cue
        if purpose is None:
            # not in a clause that tells about another noun of the sentence ("set aside $100 million
            # for workers who had lost jobs": the money is no loss; "$1 billion that it invested" is)
            aside = {x.i for t in verb.subtree if t.dep_ in ("relcl", "acl") and t.head not in span
                     and amount_root not in t.subtree for x in t.subtree}
            for t in verb.subtree:
                cue = _cue(t)
                if cue and abs(t.i - amount_root.i) <= 8 and t.i not in aside:
                    purpose = cue
                    break
    if amount_root.dep_ in ("compound", "nummod", "amod", "nmod") and purpose is None:
        purpose = _cue(amount_root.head)
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
    cumulative = purpose in (None, "investment", "funding_round", "spending", "hiring") and _cumulative(verb, span)
    measure = _measure(purpose, verb, amount_root, cumulative)
    fallbacks = []
    if measure == "round" and payer_name and lemma_of(verb) in _RECEIVING_VERBS:
        measure = "payment"  # "OpenAI raised $6.6 billion from Microsoft": one investor named, its money
    if measure == "round":
        # a round is raised from several investors: no one payer; its payee raised it ("a round for OpenAI")
        payer_id = payer_name = None
        fallbacks.append(lambda: _pobj((amount_root.head, amount_root), ("for", "of", "into"), span))
    if payer_name and purpose in ("investment", "contract", None):
        fallbacks.append(lambda: _invested_in(span.sent, span))  # "made an investment in OpenAI, committing $1 billion"
    if payer_name and purpose == "contract" and verb is not None:
        fallbacks.append(lambda: _pobj((verb, amount_root, *path), ("with",), span))  # "a contract with Oracle"
    if payer_name and purpose == "hiring" and verb is not None:
        fallbacks.append(lambda: _hired_from(verb, span, entities, doc_id))  # "paid $650M to hire ... from Inflection"
    for find in fallbacks if payee_name is None or measure == "round" else ():
        tok = find()
        got = _resolve(entities, doc_id, tok)
        if got[1]:
            payee_id, payee_name = got
            break
    return {"purpose": purpose, "payer": payer_id, "payer_name": payer_name, "payee": payee_id,
            "payee_name": payee_name, "cumulative": cumulative, "measure": measure}


def lemma_of(tok) -> str:
    return tok.lemma_.lower() if tok is not None else ""


_HIRE_VERBS = frozenset("hire poach recruit lure".split())


def _hired_from(verb, amount_span, entities, doc_id: str):
    """The company a payment buys staff away from ("paid $650 million to hire Suleyman and his crew
    from Inflection"): in such an acqui-hire the money goes to the firm the people leave, as a
    licence or a settlement, not to the people named. Only an organisation: "hired him from
    London" pays no one."""
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp") and clause.lemma_.lower() in _HIRE_VERBS:
            hired = [c for c in clause.children if c.dep_ == "dobj"]
            hired += [c for h in hired for c in h.children if c.dep_ == "conj"]  # "him and his team from X"
            tok = _pobj((clause, *hired), ("from",), amount_span)
            eid = _resolve(entities, doc_id, tok)[0]
            if eid and _type_of(entities, eid) == "ORG":
                return tok
    return None


_INVEST_NOUNS = frozenset("investment investments stake bet backing".split())


def _invested_in(sent, amount_span):
    """The party an investment noun of the sentence is made in ("an investment in OpenAI")."""
    for tok in sent:
        if tok.lemma_.lower() in _INVEST_NOUNS or tok.lemma_.lower() == "invest":
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "into"):
                    for gc in child.children:
                        if gc.dep_ == "pobj" and _party(gc, amount_span):
                            return gc
    return None


# what a money figure measures; only payments and running totals add up to a flow between parties
MEASURES = ("payment", "running_total", "round", "share", "plan", "forecast", "loss", "revenue", "valuation",
            "spending")
FLOW_MEASURES = frozenset({"payment", "running_total", "share"})
_ROUND_NOUNS = frozenset("round fundraising fundraise financing raise tranche".split())
_FORECAST_VERBS = frozenset("expect project forecast anticipate predict estimate plan aim target seek "
                            "budget intend".split())


def _measure(purpose: str | None, verb, amount_root, cumulative: bool) -> str:
    """What the figure is: a whole round ("a $6.6 billion funding round"), a plan or forecast
    ("expects to lose $5 billion", "plans to invest", "plans to raise $7 billion": a round still to
    raise is a plan), a figure a party owns (loss, revenue, valuation, spending), a running total,
    else a payment."""
    from .events import mood

    planned = False
    node = verb
    for _ in range(3):
        if node is None:
            break
        if node.lemma_.lower() in _FORECAST_VERBS:
            planned = True
            break
        node = node.head if node.dep_ in ("xcomp", "ccomp", "dobj") and node.head is not node else None
    if verb is not None and not planned:
        planned = mood(verb, "other") == "possible"
    head = amount_root.head
    round_ = ((amount_root.dep_ in ("compound", "nummod", "amod", "nmod", "quantmod")
               and head.lemma_.lower() in _ROUND_NOUNS)
              or (amount_root.dep_ == "pobj" and head.head.lemma_.lower() in _ROUND_NOUNS)  # "a round of $6.6 billion"
              or (purpose == "funding_round" and verb is not None and verb.lemma_.lower() in _RECEIVING_VERBS))
    if round_:  # "a $6.6 billion funding round", "OpenAI raised $6.6 billion"
        return "plan" if planned else "round"
    if purpose in ("loss", "revenue", "valuation", "spending"):
        return "forecast" if planned and purpose != "valuation" else purpose
    if planned and purpose not in ("acquisition", "contract"):
        return "plan"  # a deal's price is news when the deal is agreed ("will acquire Widget for $2 billion")
    return "running_total" if cumulative else "payment"


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
    return sorted((a for a in refined if (a.unit is not None or a.currency is not None) and not incidental(a)),
                  key=lambda a: (a.start, a.end))


_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten a an".split())
# units of measure a spelled-out small count still measures ("five minutes", "three years")
_MEASURE_UNITS = frozenset("second minute hour day week month year decade century percent mile kilometre "
                           "kilometer metre meter foot inch yard acre hectare ton tonne pound kilogram kg gram "
                           "litre liter gallon barrel degree".split())


def incidental(a: Amount) -> bool:
    """A count that is no quantity worth a ledger line: "one of the sources", "two giants", "One
    thing is certain" - a spelled-out number up to ten of anything but a unit of measure."""
    if a.kind != "count" or a.currency:
        return False
    first = a.text.split()[0].lower() if a.text.split() else ""
    unit = (a.unit or "").split()[-1].lower() if a.unit else ""
    return first in _NUMBER_WORDS and unit.rstrip("s") not in _MEASURE_UNITS


def assign(ann, entities) -> tuple[Amount, ...]:
    """Refine the document's amounts with its parse, then fill purpose, payer/payee (entity ids and names) and
    time for the money amounts."""
    sdoc = ann.spacy_doc
    doc_id = ann.document.id
    out = []
    # asked once: spaCy's has_annotation looks at every token of the document each time
    parsed = sdoc is not None and len(sdoc) > 0 and sdoc.has_annotation("DEP")
    for a in refine(ann):
        if a.kind != "money":
            out.append(a)
            continue
        changes: dict[str, Any] = {"time": _time_of(ann, a)}
        if parsed:
            span = _tokens(sdoc, a.start, a.end)
            if span is not None and len(span):
                changes.update(_roles(span, doc_id, entities))
        out.append(replace(a, **{k: v for k, v in changes.items() if v is not None or k == "time"}))
    return tuple(_shares(out, ann))


def _shares(amounts: list[Amount], ann) -> list[Amount]:
    """A payment told in the same sentence as a whole funding round is one investor's share of it
    ("In the $6.6 billion round, Microsoft provided $750 million"): it goes to the round's payee."""
    rounds: dict[int, Amount] = {}
    for a in amounts:
        if a.kind == "money" and a.measure == "round":
            sent = ann.sentence_at(a.start)
            if sent is not None:
                rounds.setdefault(sent.start, a)
    if not rounds:
        return amounts
    out = []
    for a in amounts:
        sent = ann.sentence_at(a.start) if a.kind == "money" and a.measure == "payment" else None
        r = rounds.get(sent.start) if sent is not None else None
        if r is not None and r.id != a.id and (a.payer or a.payer_name):
            a = replace(a, measure="share", purpose=a.purpose or "funding_round",
                        payee=a.payee or r.payee, payee_name=a.payee_name or r.payee_name, time=a.time or r.time)
        out.append(a)
    return out


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


def _as_of(a: Amount, documents: Mapping[str, Document]) -> str | None:
    """When a running total stood at its figure: the day its report was published, else its time."""
    d = documents.get(a.doc)
    return d.published.isoformat() if d is not None and d.published else a.time


def _flow(a: Amount) -> bool:
    return a.kind == "money" and (a.measure or "payment") in FLOW_MEASURES


def _year(a: Amount) -> str | None:
    return a.time[:4] if a.time and a.time[:4].isdigit() else None


def _month(a: Amount) -> str | None:
    return a.time[:7] if a.time and len(a.time) >= 7 and a.time[:4].isdigit() and a.time[5:7].isdigit() else None


def distinct_payments(amounts: Sequence[Amount]) -> list[list[Amount]]:
    """Payments grouped into the happenings they report: the same figure (within rounding) in the
    same year, or undated, told by several documents is one payment."""
    groups: list[list[Amount]] = []
    for a in sorted(amounts, key=lambda a: (a.time is None, a.time or "", a.doc, a.start)):
        for g in groups:
            if compatible(a, g[0]) and (_year(a) is None or _year(g[0]) is None or _year(a) == _year(g[0])):
                g.append(a)
                break
        else:
            groups.append([a])
    return groups


def fill_parties(amounts: Sequence[Amount]) -> list[Amount]:
    """A payment whose clause names only one party ("Microsoft invested an additional $10 billion")
    takes the other from a report of the same figure, in the same year, by the same party, where
    exactly one such report names it ("Microsoft dropped another $10 billion into OpenAI")."""
    full = [a for a in amounts if _flow(a) and a.payer and a.payee and _year(a)]
    out = []
    for a in amounts:
        if _flow(a) and _year(a) and bool(a.payer) != bool(a.payee):
            same = {(b.payer, b.payer_name, b.payee, b.payee_name) for b in full
                    if _year(b) == _year(a) and compatible(a, b) and (b.payer == a.payer if a.payer else b.payee == a.payee)}
            if len(same) == 1:
                payer, payer_name, payee, payee_name = next(iter(same))
                a = replace(a, payer=payer, payer_name=payer_name, payee=payee, payee_name=payee_name)
        out.append(a)
    return out


def running_totals(amounts: Sequence[Amount], documents: Mapping[str, Document]) -> list[Amount]:
    """Payments that can only be running totals: an undated figure from payer to payee ("despite
    receiving a $13 billion investment from Microsoft") at least as large as the two or more distinct
    dated payments between them reported before it, added together, states where the total stood."""
    by_pair: dict[tuple, list[Amount]] = defaultdict(list)
    for a in amounts:
        if _flow(a) and (a.payer or a.payer_name) and (a.payee or a.payee_name):
            by_pair[(a.payer or a.payer_name, a.payee or a.payee_name, a.currency)].append(a)
    changed: dict[str, Amount] = {}
    for rows in by_pair.values():
        dated = [a for a in rows if (a.measure or "payment") == "payment" and _year(a)]
        for a in rows:
            if (a.measure or "payment") != "payment" or a.time or a.low is None:
                continue
            as_of = _as_of(a, documents) or "9999"
            before = [g[0] for g in distinct_payments([d for d in dated if d.time <= as_of])]
            if len(before) >= 2 and a.low >= sum(x.low or 0.0 for x in before) * (1 - _EXACT_TOLERANCE):
                changed[a.id] = replace(a, measure="running_total", cumulative=True)
    return [changed.get(a.id, a) for a in amounts]


def precise(a: Amount) -> bool:
    """A figure that tells one sum from another: a value, a bound, or a range within a factor of two
    ("tens of billions" is not)."""
    return a.low is not None and (a.high is None or a.high <= 2 * a.low)


def flow_total(rows: Sequence[Amount], documents: Mapping[str, Document], source=None) -> dict[str, Any]:
    """A relationship's total in one currency: the best-supported running total when the reports
    give one (never added to the payments it already includes), else the sum of its distinct
    payments. ``source(amount)``: the independent source of a report (its document by default).

    Best supported: the running total that the most independent sources' running totals agree
    with (intervals overlap), then the latest, then the tightest; ``range`` spans the precise
    running totals of every outlet, so a disagreement stays visible; ``history`` lists them by date
    (a total that grew is growth, not a conflict)."""
    source = source or (lambda a: a.doc)
    payments = [a for a in rows if (a.measure or "payment") in ("payment", "share")]
    running = [a for a in rows if a.measure == "running_total"]
    groups = distinct_payments(payments)
    paid = total([g[0] for g in groups]) if groups else None
    out: dict[str, Any] = {}
    if running:
        def support(a: Amount) -> int:
            return len({source(b) for b in running if compatible(a, b)})

        best = max(running, key=lambda a: (support(a), _as_of(a, documents) or "", precise(a),
                                           -((a.high or float("inf")) - (a.low or 0.0)), a.id))
        tight = [a for a in running if precise(a)] or [best]
        out = {"low": best.low, "high": best.high, "qualifier": best.qualifier, "count": len(running),
               "basis": "running_total", "figure": best.text, "as_of": _as_of(best, documents),
               "range": {"low": min((a.low for a in tight if a.low is not None), default=None),
                         "high": None if any(a.high is None for a in tight) else max(a.high for a in tight)},
               "history": [{"text": a.text, "as_of": _as_of(a, documents), "low": a.low, "high": a.high,
                            "doc": a.doc, "source": source(a)}
                           for a in sorted(running, key=lambda a: (_as_of(a, documents) or "", a.doc, a.start))]}
    elif paid is not None:
        out = {**paid, "basis": "payments"}
    if paid is not None:
        out["payments"] = {**paid, "distinct": len(groups)}
    return out


def views(amounts: Sequence[Amount], documents: Mapping[str, Document], names: Mapping[str, str],
          source=None) -> dict:
    """The ledger as a reader reads it. ``relationships``: money from a payer to a payee (payments,
    shares of rounds, running totals), each with :func:`flow_total` per currency and rate and its
    rows with source sentences. ``figures``: what a party raised in a whole round, lost, earned, is
    valued at, spends or plans - shown per party, never added into a flow. ``source(amount)``: the
    independent source of a report, for the totals' support."""
    groups: dict[tuple[str, str], list[Amount]] = defaultdict(list)
    owned: dict[tuple[str, str], list[Amount]] = defaultdict(list)
    for a in amounts:
        if a.kind != "money":
            continue
        payer, payee = a.payer or a.payer_name, a.payee or a.payee_name
        if _flow(a) and payer and payee:
            groups[(payer, payee)].append(a)
        elif not _flow(a) and (payee or payer):
            owned[(payee or payer, a.measure or a.purpose or "other")].append(a)
        elif _flow(a) and (payer or payee):
            groups[(payer or "?", payee or "?")].append(a)
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
            "totals": [{"currency": cur or None, "per": per or None, **flow_total(xs, documents, source)}
                       for (cur, per), xs in sorted(totals.items())],
            "rows": [_row(a, documents) for a in rows],
        })
    figures = [{"party": party, "party_name": names.get(party, rows[0].payee_name or rows[0].payer_name or party),
                "measure": measure, "rows": [_row(a, documents) for a in sorted(rows, key=lambda a: (a.time or "9999", a.doc, a.start))]}
               for (party, measure), rows in sorted(owned.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return {"relationships": relationships, "figures": figures,
            "unassigned": sum(1 for a in amounts if a.kind == "money" and not (a.payer or a.payee or a.payer_name
                                                                                or a.payee_name))}


def _row(a: Amount, documents: Mapping[str, Document]) -> dict:
    return {"id": a.id, "doc": a.doc, "text": a.text, "purpose": a.purpose, "measure": a.measure,
            "currency": a.currency, "low": a.low, "high": a.high, "qualifier": a.qualifier, "per": a.per,
            "time": a.time, "event": a.event, "outlet": getattr(documents.get(a.doc), "outlet", None),
            "evidence": _ev(sentence_evidence(documents.get(a.doc), a))}


def _ev(e: Evidence) -> dict:
    return {"doc": e.doc, "start": e.start, "end": e.end, "text": e.text}


# --------------------------------------------------------------------------- conflicts

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SHORT_OF = re.compile(r"(?:nearly|almost|just short of|close to)\b", re.I)  # the tagger files these as "about"
WRITTEN_LEAST = 0.02  # a figure read as written allows at least 2 % either side ("about $67 billion")


def interval(a: Amount, *, as_written: bool = False, rounded: bool = False) -> tuple[float, float]:
    """The values an amount allows, widened for "about" (``ABOUT_TOLERANCE``) and for rounding.
    ``as_written``: an "about" figure allows what its written digits do, half a unit of its last
    significant digit (at least ``WRITTEN_LEAST``, at most ``ABOUT_TOLERANCE`` of it: "about $70
    billion" is 65 to 75, "about $67 billion" no $74.4 billion), and "nearly" so much is below it
    (no "more than" it); ``rounded`` (with ``as_written``): an exact figure likewise, as a writer
    may round ("$8 billion" for $7.7 billion). The conflicts keep the plain widths."""
    lo = a.low if a.low is not None else 0.0
    hi = a.high if a.high is not None else float("inf")
    if a.qualifier == "about":
        lo, hi = lo * (1 - ABOUT_TOLERANCE), hi * (1 + ABOUT_TOLERANCE)
    elif a.qualifier == "exact":
        lo, hi = lo * (1 - _EXACT_TOLERANCE), hi * (1 + _EXACT_TOLERANCE)
    if a.qualifier == "more_than" and a.low is not None:
        lo = a.low  # strictly more than: the bound itself is excluded, kept inclusive for rounding
    if not as_written:
        return lo, hi
    digits = _DIGITS.search(a.text or "")
    written = digits.group(0).replace(",", "") if digits else ""
    if (a.qualifier in (("about", "exact") if rounded else ("about",)) and a.low and a.low == a.high
            and written and float(written)):
        places = len(written.split(".")[1]) if "." in written else -(len(written) - len(written.rstrip("0")))
        half = min(max(10.0 ** -places / 2 * a.low / float(written), WRITTEN_LEAST * a.low), ABOUT_TOLERANCE * a.low)
        lo, hi = a.low - half, a.high + half
    if a.high is not None and _SHORT_OF.match(a.text or ""):
        hi = min(hi, a.high * (1 - 1e-9))  # "nearly 5 million barrels" is no "more than 5 million barrels"
    return lo, hi


def compatible(a: Amount, b: Amount, *, as_written: bool = False, rounded: bool = False) -> bool:
    """Whether two amounts can be one value (:func:`interval`)."""
    la, ha = interval(a, as_written=as_written, rounded=rounded)
    lb, hb = interval(b, as_written=as_written, rounded=rounded)
    return la <= hb and lb <= ha


def conflicts(amounts: Sequence[Amount], documents: Mapping[str, Document], copies: Mapping[str, str] | None = None,
              *, attribution=None) -> list[Finding]:
    """``conflict`` findings for reports of one quantity whose ranges cannot both hold, from
    independent sources (``attribution``: :class:`storyline.reconcile.sources.Attribution`; else
    copies count as their original and an outlet's documents as one source). Like is compared with like: two payments between the same parties
    in the same year (or of one event), two whole rounds of one payee in one month (or of one event), or two running
    totals as of the same month. A running total that is larger at a later date grew; only a
    total that shrank over time is a conflict."""
    def source(a: Amount) -> str:
        if attribution is not None:
            return attribution.source(Evidence(a.doc, a.start, a.end, a.text))
        return source_of(a.doc, documents, copies or {})

    groups: dict[tuple, list[Amount]] = defaultdict(list)
    for a in amounts:
        measure = a.measure or "payment"
        if a.kind != "money" or measure not in ("payment", "running_total", "round"):
            continue
        payer = (a.payer or a.payer_name or "").lower()
        payee = (a.payee or a.payee_name or "").lower()
        if not payee or (measure != "round" and not payer):
            continue
        groups[(measure, payer if measure != "round" else "", payee, a.currency or "", a.per or "")].append(a)
    findings = []
    for key, xs in sorted(groups.items(), key=lambda kv: kv[0]):
        measure = key[0]
        xs = sorted(xs, key=lambda a: (a.doc, a.start))
        for i, a in enumerate(xs):
            for b in xs[i + 1:]:
                src_a, src_b = source(a), source(b)
                if src_a == src_b or compatible(a, b):
                    continue
                if measure == "running_total":
                    da, db = _as_of(a, documents) or "", _as_of(b, documents) or ""
                    if da[:7] != db[:7]:
                        early, late = (a, b) if da < db else (b, a)
                        if (late.high is None or early.low is None or late.high >= early.low * (1 - _EXACT_TOLERANCE)):
                            continue  # a total that grew between two dates
                elif measure == "round":
                    if not (_month(a) and _month(a) == _month(b)) and not (a.event and a.event == b.event):
                        continue  # a company raises money several times a year (shares in October, a bond
                        # in November): only rounds of one month or one event are one round
                elif not ((_year(a) and _year(a) == _year(b)) or (a.event and a.event == b.event)):
                    continue  # undated or different years or events: different payments
                ev = (sentence_evidence(documents.get(a.doc), a), sentence_evidence(documents.get(b.doc), b))
                payer = a.payer_name or a.payer
                payee = a.payee_name or a.payee
                what = {"running_total": "total", "round": "round"}.get(measure, a.purpose or "payment")
                side = f" from {payer}" if payer and measure != "round" else ""
                summary = (f"Sources disagree on the {what.replace('_', ' ')}{side} to {payee}: "
                           f"'{a.text}' ({source_label(src_a, documents)}) vs "
                           f"'{b.text}' ({source_label(src_b, documents)})")
                ids = tuple(sorted((a.id, b.id)))
                findings.append(Finding(
                    id=content_id("fnd", "conflict", ids), kind="conflict", summary=summary,
                    events=tuple(sorted({e for e in (a.event, b.event) if e})), amounts=ids,
                    sources=tuple(sorted({a.doc, b.doc})), evidence=ev, independent=tuple(sorted({src_a, src_b})),
                ))
    return findings


__all__ = ["MEASURES", "precise", "assign", "compatible", "conflicts", "distinct_payments", "fill_parties", "flow_total", "incidental",
           "interval", "refine", "running_totals", "sentence_evidence", "total", "views"]
