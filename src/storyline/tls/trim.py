"""Trimming timeline sentences to what states the event, without rewriting them.

News sentences carry words that say where the text came from rather than what happened: a wire
dateline in front (``WASHINGTON (Reuters) -``, ``CAIRO, Feb 1 (AP) --``, a web page's
``LONDON | Wed Sep 29, 2010 12:21 pm EDT``), an attribution at the end (``, he said.``,
``, officials said on Tuesday.``, ``, according to the ministry.``), a leading day adverbial
(``On Monday,``). Timeline sentences are short and bare (``The U.N. Security Council imposes
sanctions on Gaddafi``), so these words only dilute a summary.

A trimmed sentence is always a *substring* of the original: only a prefix and a suffix are cut,
so the result keeps its document id and exact character offsets (``text[start:end]`` of the
document is the trimmed text). The rules are general for news, and work on plain text and on
PTB-tokenized text alike (``-LRB-``, `` `` ``, spaces before commas).

Rules (:data:`RULES`):

* ``dateline``: everything up to a wire dateline ``<PLACE[, date]> (<Agency>) -``/``--`` within
  the first 40 tokens (headline and byline before it go too), a web page dateline ``... | Wed Jun
  2, 2010 2:39 pm EDT``, an all-caps ``PLACE --`` opener, and a leading live-page label
  (``(Update 8:55 a.m.)``, ``NEW:``);
* ``attribution``: a final ``, <speaker> said|says|told <x>|added [on Monday][in a statement].``
  or ``, according to <source>.`` (speaker and source without commas, at most 8 tokens);
* ``adverbial``: a leading ``On Monday,`` / ``Late on Tuesday,`` / ``Friday morning,`` /
  ``On Jan. 5,`` or date label ``February 26 -`` (the timeline already says the date);
* ``connective``: a leading ``But``, ``However,``, ``Meanwhile,`` ... (it links to a sentence
  the timeline does not show);
* ``clause``: in a sentence longer than ``clause_min`` tokens, a final clause introduced by
  ``, while|, as|, but|, although|, though|, which|; `` when at least ``clause_min`` tokens remain
  before it.
* ``furniture``: what an HTML extractor leaves in front of a sentence: a stray ``)`` or dash from
  the line before, a leading parenthetical (a photo credit ``(AP Photo/Jane Doe)``, a story code
  ``(nN07171381)``), an agency photo credit without brackets (``AP Photo/Transocean``), a page's
  time stamp (``October 9, 2008; 2:00 PM``, ``13 July 2010 Last updated at 09:43 GMT``), the tail
  of a bracket opened before the sentence began (a live page's ``(Cairo, 4:58 p.m. ET)`` split
  after its ``(``: ``ET) Three people died``);
* ``runon``: a headline or caption run into the sentence without a full stop (``Gulf oil spill
  reaches Texas It is not clear ...``): everything before the last place where a word is followed
  by a capitalised sentence opener (``It``, ``The``, ``They`` ...) and a lower-case word, or where
  a lower-case word other than a function word is followed by ``The|A|An`` and a name (``... is on
  hold The US administration has ...``; ``of The Hague``, ``said The Times`` do not count, and at
  least 8 tokens must remain);
* ``caption``: a photo caption run into the sentence, ended by its credit: everything up to a
  bracketed credit (``(photo: Houston Chronicle)``, ``(AP Photo/Jane Doe)``, ``(Getty Images)``)
  within the first 40 tokens. Words before a credit describe a picture, not the event.
* ``clock``: a live page's entry stamp in front, a clock with its zone, perhaps after a place and
  before the day (``LIBYA, 12:02 ET, 7:02 p.m. local:``, ``2:30 pm ET -``, ``12:13 UK time,
  Thursday, 10 June 2010``), or the BBC's older page stamp (``Page last updated at 07:02 GMT,
  Friday, 16 September 2011 08:02 UK``). Key-event headlines use it (:data:`storyline.tls.events.HEADLINE_TRIM`);
  the summarizer's packaged setting does not (its Timeline17 figures were chosen without it).
* ``byline``: a byline in front that names the writers' outlet (``By the CNN Wire Staff``, ``By
  Amir Ahmed, CNN``; :func:`storyline.reconcile.sources.byline_end`), which the splitter ran into the
  page's first sentence. Key-event headlines use it; the summarizer's packaged setting does not.

A rule is only applied when at least ``min_tokens`` tokens remain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from ..errors import ConfigError
from ..reconcile.sources import byline_end, is_outlet_name

if TYPE_CHECKING:  # pragma: no cover
    from .sentences import DatedSentence

__all__ = ["RULES", "calendar_word", "dateline_end", "ends_in_dateline", "outside_dateline", "stamp_run", "trim_sentence",
           "trim_sentences", "trim_span", "trim_text", "without_dates"]

T = TypeVar("T")  # a time expression: anything with an ``end`` offset

RULES: tuple[str, ...] = ("dateline", "attribution", "adverbial", "clause", "connective", "furniture", "runon",
                          "caption", "clock", "byline")

_LP = r"(?:\(|-LRB-)"
_RP = r"(?:\)|-RRB-)"
_DASH = r"(?:--?|\u2014|\u2013)"
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")

# Patterns are used with .match(text, pos), so they carry no "^".
# "HOUSTON | Thu Jul 15 , 2010 7:36 pm EDT " (a headline may precede it)
_WEB_DATELINE = re.compile(
    r"[^|]{0,200}?\|\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s+" + _MONTH
    + r"\s+\d{1,2}\s*,?\s*\d{4}\s+\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\b)?\s*", re.I)
# "... ZAWIYAH , Libya -LRB- Reuters -RRB- - " / "CAIRO, Feb 1 (AP) -- "
_AGENCY_NAME = r"[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*){0,2}"  # "Reuters", "AP", "Dow Jones"
_AGENCY = _LP + r"\s*" + _AGENCY_NAME + r"\s*" + _RP + r"\s*" + _DASH
_WIRE_DATELINE = re.compile(r"(?P<pre>.{0,300}?)" + _AGENCY + r"\s+")
# a wire headline block that ends where the story would begin: "... LONDON, June 1 (Reuters) -", or
# where the sentence splitter cut inside the dateline's bracket: "NEW YORK Aug 18 (Reuters" (an
# outlet's name, as reconcile.sources tells one, with or without its closing bracket)
_AGENCY_AT_END = re.compile(_AGENCY + r"\s*$")
_AGENCY_CUT = re.compile(_LP + r"\s*(?P<name>" + _AGENCY_NAME + r")\s*(?:" + _RP + r")?\s*$")
# a word of the calendar: it dates, it names no one ("Monday", "June", "Yesterday")
_CALENDAR_WORD = re.compile(r"(?:" + _DAY + "|" + _MONTH + r"|Yesterday|Today|Tonight|Tomorrow)", re.I)
# a day of a month or a year: "11 Jun", "June 1", "2009"
_DATE_FIGURE = re.compile(r"\b\d{1,2}(?=\s+" + _MONTH + r"(?!\w))|(?<!\w)" + _MONTH + r"\s+\d{1,2}\b"
                          r"|\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b")
# "WASHINGTON -- " / "PASCAGOULA , MISS. -- " / "NEW YORK \u2014 "
# "-LRB- Update 8:55 a.m. in Cairo -RRB- " / "NEW : " / "UPDATE: " (live-page labels)
_LABEL = re.compile(_LP + r"\s*update[sd]?\b[^()]{0,100}?" + _RP + r"\s+"
                    r"|(?:NEW|UPDATED?|BREAKING(?:\s+NEWS)?|EXCLUSIVE|ANALYSIS)\s*:\s+", re.I)
_CAPS_DATELINE = re.compile(r"[A-Z][A-Z.'&-]+(?:\s*,?\s+[A-Z][A-Za-z.'&-]*){0,4}\s+(?:--|\u2014)\s+")

_SPEAKER = r"[^,;:]{1,80}?"
_TAIL = (r"(?:\s+(?:(?:late|early|earlier)\s+)?(?:on\s+)?(?:" + _DAY + r"|yesterday|today|last\s+week|earlier))?"
         r"(?:\s+(?:in\s+a\s+statement|at\s+a\s+news\s+conference))?")
_END = r"\s*[.!]?\s*(?:''|\"|\u201d)?\s*$"
_ATTRIBUTION = re.compile(
    r"\s*,\s*(?:(?:''|\"|\u201d)\s*)?(?P<who>" + _SPEAKER + r")\s+"
    r"(?:said|says|told\s+\S+(?:\s+\S+)?|added|adds|reported|reports|announced)" + _TAIL + _END)
_ACCORDING = re.compile(r"\s*,\s*according\s+to\s+[^,;:]{1,80}?" + _END)

_ADVERBIAL = re.compile(
    r"(?:(?:(?:Early|Late|Earlier|Later)\s+)?(?:on\s+)?(?:" + _DAY + r"|Yesterday|Today)"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r")\s*,\s+"
    # "On Jan. 5, " and a date label opening a line: "February 26 - ", "June 4 : "
    r"|(?:On\s+)?" + _MONTH + r"\s+\d{1,2}(?:\s*,\s*\d{4})?\s*(?:,|:|--?|\u2014|\u2013)\s+", re.I)

# Page furniture an HTML extractor leaves in front of a sentence: a stray ")" or dash from the
# previous line, a leading parenthetical (photo credit "(AP Photo/Jane Doe)", a story code
# "(nN07171381)"), an agency photo credit without brackets, a web page's time stamp
# ("October 9, 2008; 2:00 PM", "13 July 2010 Last updated at 09:43 GMT Help", "Friday 14 January 2005
# 02.44 GMT": a clock with a dot only before a zone or am/pm, so no figure is taken for one).
_ZONE = r"(?-i:[A-Z]{2,4}\b)"  # GMT, ET, BST: capitals even where the pattern ignores case ("The" is none)
_TIME = (r"(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:" + _ZONE + r")?"
         r"|\d{1,2}\.\d{2}\s*(?:[ap]\.?m\.?|" + _ZONE + r")\s*(?:" + _ZONE + r")?)")
# a live page's entry stamp, a clock with its zone, perhaps after a place and before the day:
# "LIBYA, 12:02 ET, 7:02 p.m. local: ", "2:30 pm ET - ", "12:13 UK time, Thursday, 10 June 2010 "
_ZONED_CLOCK = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:UK\s+time\b|local(?:\s+time)?\b|" + _ZONE + ")"
_CLOCK_STAMP = (r"(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}\s*,\s*)?" + _ZONED_CLOCK
                + r"(?:\s*,\s*(?:" + _ZONED_CLOCK + r"|(?:" + _DAY + r"\s*,?\s*)?(?:\d{1,2}\s+" + _MONTH + r"\s+\d{4}|"
                + _MONTH + r"\s+\d{1,2}\s*,?\s*\d{4})|" + _DAY + r"))*\s*(?::|" + _DASH + r"|\|)?\s+")
_CLOCK_LABEL = re.compile(_CLOCK_STAMP, re.I)
# a live page's entry stamped with a bare 24-hour clock before its first word ("1413 The US 82nd
# Airborne Division will have 100 members in Haiti on Thursday"): no sentence opens on a figure
# followed by a capitalised word. Not one that reads as a year: a chronology's "2009 Jackson dies
# in Los Angeles" keeps its year
_BARE_CLOCK_LABEL = re.compile(r"(?!19|20)(?:[01]\d|2[0-3])[0-5]\d(?:\s*(?-i:GMT|BST|UTC))?\s+(?=[A-Z][a-z])")
_STAMP = (r"(?:" + _DAY + r",?\s+)?(?:" + _MONTH + r"\s+\d{1,2}\s*,?\s*\d{4}|\d{1,2}\s+" + _MONTH + r"\s+\d{4})"
          r"\s*[;,|]?\s*(?:(?:last\s+)?updated:?\s+(?:at\s+)?)?" + _TIME)
# the BBC's older page stamp: "Page last updated at 07:02 GMT, Friday, 16 September 2011 08:02 UK" (a
# headline-only rule, with "clock": in the summarizer's furniture it cost the method route 0.0004
# AR1-F, all on MJ, where a day's candidates changed)
_LAST_UPDATED = (r"(?:Page\s+)?last\s+updated\s+(?:at\s+)?" + _TIME + r"\s*,?\s*(?:" + _DAY + r"\s*,?\s*)?(?:\d{1,2}\s+"
                 + _MONTH + r"\s+\d{4}|" + _MONTH + r"\s+\d{1,2}\s*,?\s*\d{4})(?:\s+" + _TIME + r")?")
_LAST_UPDATED_LABEL = re.compile(_LAST_UPDATED + r"\s*(?:Help\s+)?", re.I)
_FURNITURE = re.compile(
    _RP + r"\s+|" + _DASH + r"\s+"
    r"|" + _LP + r"[^()]{1,80}?" + _RP + r"\s*(?:" + _DASH + r"\s+)?"
    r"|(?:AP|AFP|Reuters|EPA|Getty(?:\s+Images)?)\s+Photo\S*\s+"
    r"|" + _STAMP + r"\s*(?:Help\s+)?", re.I)
_STAMP_ANYWHERE = re.compile(r"(?<!\w)(?:" + _STAMP + r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s+" + _MONTH
                             + r"\s+\d{1,2}\s*,?\s*\d{4}\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?)", re.I)
# The same stamp glued to the end of a sentence ("... after traveling from the US Monday 11 May 2009
# 13.41 BST"): the page's, not the sentence's.
_STAMP_AT_END = re.compile(r"\s+" + _STAMP + r"\s*$", re.I)
# A headline or caption run into the sentence without a full stop (scraped pages): a word followed
# by a capitalised sentence opener and a lower-case word ("... wash ashore It is not clear ..."), or
# a lower-case word (not a function word) followed by "The|A|An" and a capitalised word
# ("... on hold The US administration has ..."; not "of The Hague", "said The Times").
_RUNON = re.compile(
    r"(?<=[A-Za-z0-9]) (?=(?:It|The|A|An|He|She|They|There|This|These|Those|We|Its|His|Her|Their)\s+[a-z])")
_RUNON_NAME = re.compile(r"(?<=[a-z0-9]) (?=(?:The|A|An)\s+[A-Z])")
_FUNCTION_WORDS = frozenset(
    "of at in on to from by for with and or but said says say told tells reported reports according into as "
    "than that".split())
_RUNON_NAME_MIN = 8  # tokens left after a cut before "The <Name>": a title ("Face The Nation") leaves few

# A picture's credit in brackets: a word for a picture (photo, picture, image...) or a picture agency
_CREDIT = re.compile(
    _LP + r"[^()]{0,40}?\b(?:photo(?:graph)?s?|pictures?|pic|images?|Getty|AFP/Getty|PA\s+Wire)\b[^()]{0,60}?" + _RP
    + r"\s*(?:" + _DASH + r"\s+)?", re.I)
_CAPTION_TOKENS = 40  # a caption ends this early in a sentence, else the credit is part of the story

_CONNECTIVE = re.compile(r"(?:But|And|However|Meanwhile|Still|Also|Yet|Nevertheless|Moreover|In addition)\s*,?\s+")
_CLAUSE = re.compile(r"\s*(?:,\s*(?:while|as|but|although|though|which)\b|;)\s")


def _tokens(text: str) -> int:
    return len(text.split())


def _leading(text: str, rules: Iterable[str], min_tokens: int) -> int:
    a = 0
    if "byline" in rules:
        end = byline_end(text)
        if end is not None and _tokens(text[end:]) >= min_tokens:
            a = end
    if "furniture" in rules:
        a = _furniture(text, a, min_tokens)
    if "runon" in rules:
        a = max([a] + _runon_cuts(text, a, min_tokens))
    if "caption" in rules:
        a = _caption(text, a, min_tokens)
    if "clock" in rules:
        m = _CLOCK_LABEL.match(text, a) or _LAST_UPDATED_LABEL.match(text, a) or _BARE_CLOCK_LABEL.match(text, a)
        if m and _tokens(text[m.end():]) >= min_tokens:
            a = m.end()
    if "dateline" in rules:
        m = _LABEL.match(text)
        if m and _tokens(text[m.end():]) >= min_tokens:
            a = m.end()
        m = _WEB_DATELINE.match(text, a)
        if m and _tokens(text[m.end():]) >= min_tokens:
            a = m.end()
        m = _WIRE_DATELINE.match(text, a)
        if m and _tokens(m["pre"]) <= 40 and _tokens(text[m.end():]) >= min_tokens:
            a = m.end()
        m = _CAPS_DATELINE.match(text, a)
        if m and _tokens(text[m.end():]) >= min_tokens:
            a = m.end()
    if "furniture" in rules:
        a = _furniture(text, a, min_tokens)
    if "connective" in rules:
        m = _CONNECTIVE.match(text, a)
        if m and _tokens(text[m.end():]) >= min_tokens:
            a = m.end()
    if "adverbial" in rules:
        m = _ADVERBIAL.match(text, a)
        if m and _tokens(text[m.end():]) >= min_tokens:
            a = m.end()
    return a


def _caption(text: str, a: int, min_tokens: int) -> int:
    """After the last picture credit in the first :data:`_CAPTION_TOKENS` tokens after ``a``, else ``a``."""
    end = a
    for m in _CREDIT.finditer(text, a):
        if _tokens(text[a:m.start()]) > _CAPTION_TOKENS or _tokens(text[m.end():]) < min_tokens:
            break
        end = m.end()
    return end


def _runon_cuts(text: str, a: int, min_tokens: int) -> list[int]:
    """Where a sentence run into a headline or caption may start (offsets after ``a``)."""
    cuts = [m.end() for m in _RUNON.finditer(text, a) if _tokens(text[m.end():]) >= min_tokens]
    for m in _RUNON_NAME.finditer(text, a):
        before = text[a:m.start()].split()
        # a title-case word before it ("Face The Nation", "Port-au-Prince The") may be a name
        if (before and before[-1][0].islower() and before[-1] not in _FUNCTION_WORDS
                and _tokens(text[m.end():]) >= max(min_tokens, _RUNON_NAME_MIN)):
            cuts.append(m.end())
    return cuts


# The tail of a bracket opened before the sentence began: a live page's stamp "(Cairo, 4:58 p.m. ET)"
# or "(Update 7 p.m. Cairo, Noon ET)" that the sentence splitter cut after its "(" ("ET -RRB- Three
# people died"). A closing bracket with no opening one before it, at most this many tokens in.
_OPEN_TAIL_TOKENS = 10
_BRACKET = re.compile(_LP + "|" + _RP)


def _open_tail(text: str, a: int) -> int:
    """Where the tail of a bracket opened before ``text[a:]`` ends (after its closing bracket and
    any dash), else ``a``."""
    m = _BRACKET.search(text, a)
    if not m or m.group(0) in ("(", "-LRB-") or _tokens(text[a:m.start()]) > _OPEN_TAIL_TOKENS:
        return a
    end = re.compile(r"\s*(?:" + _DASH + r"\s+)?").match(text, m.end()).end()
    return end


def opens_in_a_bracket(text: str) -> bool:
    """Whether ``text`` starts inside a bracket opened before it ("Cairo, 4:58 p.m. ET) Three people
    died"): a piece of a sentence, where too little follows the bracket for trimming to cut it."""
    return _open_tail(text, 0) > 0


def _furniture(text: str, a: int, min_tokens: int) -> int:
    while True:
        m = _FURNITURE.match(text, a)
        b = m.end() if m else _open_tail(text, a)
        if b <= a or _tokens(text[b:]) < min_tokens:
            return a
        a = b


def _trailing(text: str, a: int, rules: Iterable[str], min_tokens: int, clause_min: int) -> int:
    b = len(text.rstrip())
    if "furniture" in rules:
        m = _STAMP_AT_END.search(text, a)
        if m and _tokens(text[a:m.start()]) >= min_tokens:
            b = m.start()
    if "attribution" in rules:
        for rx in (_ATTRIBUTION, _ACCORDING):
            m = rx.search(text, a)
            # the speaker must not be a whole clause: "..., the company that said ..." is not attribution
            if m and _tokens(m.group(0)) <= 12 and _tokens(text[a:m.start()]) >= min_tokens:
                b = min(b, m.start())
    if "clause" in rules and _tokens(text[a:b]) > clause_min:
        for m in _CLAUSE.finditer(text, a, b):
            if _tokens(text[a:m.start()]) >= max(clause_min, min_tokens):
                b = m.start()
                break
    return b


def trim_span(
    text: str, rules: Sequence[str] = ("dateline", "attribution"), *, min_tokens: int = 5, clause_min: int = 15
) -> tuple[int, int]:
    """Offsets ``(a, b)`` of the trimmed sentence inside ``text`` (``(0, len)`` minus outer spaces
    when nothing applies). ``text[a:b]`` is the trimmed sentence."""
    unknown = set(rules) - set(RULES)
    if unknown:
        raise ConfigError(f"unknown trimming rules {sorted(unknown)} (known: {', '.join(RULES)})")
    lead = len(text) - len(text.lstrip())
    a = max(lead, _leading(text, rules, min_tokens))
    b = _trailing(text, a, rules, min_tokens, clause_min)
    if b <= a:
        return lead, len(text.rstrip())
    return a, b


DATELINE_SENTENCES = 3  # an article's dateline sits in its first sentences (a headline may come first)


# A wire headline block that the sentence splitter cut before its web dateline's "|" ("Libyan rebels
# reject African Union peace plan BENGHAZI | Mon Apr 11, 2011"): words, then a place in capitals and
# no stop. A reader's shouted comment ends the same way ("... religion calls it USURY"). Read across
# the Timeline17 builds (six topics, 20 evidence sentences): each one a headline block or a comment.
_CAPS_AT_END = re.compile(r"[a-z0-9,)]\s+(?:[A-Z][A-Z'\u2019-]+\s+){0,2}[A-Z][A-Z'\u2019-]{3,}$")


def ends_in_dateline(text: str) -> bool:
    """Whether ``text`` ends in a wire dateline: a headline block whose story is the next sentence
    ("... LONDON, June 1 (Reuters) -"), or one cut before its web dateline ("... peace plan BENGHAZI")."""
    if _AGENCY_AT_END.search(text) or _CAPS_AT_END.search(text):
        return True
    m = _AGENCY_CUT.search(text)
    return bool(m) and is_outlet_name(m["name"])


STAMP_RUN_WORDS = 3  # words before a page's time stamp that make it a headline run into the text


def stamp_run(text: str) -> bool:
    """Whether a page's time stamp (:data:`_STAMP`, or a web dateline's "| Sun Jul 25, 2010 8:08 am
    EDT") sits after at least :data:`STAMP_RUN_WORDS` words: a headline run into the text ("... as
    Dudley is appointed head of new unit Wednesday 23 June 2010 17.00 BST BP chief ..."). A stamp
    opening the sentence is only a prefix, which :func:`trim_span` cuts."""
    for m in _STAMP_ANYWHERE.finditer(text):
        if _tokens(text[:m.start()]) >= STAMP_RUN_WORDS:
            return True
    return False


def calendar_word(word: str) -> bool:
    """Whether ``word`` is a day, a month or a relative day ("Monday", "Jun.", "Yesterday")."""
    return bool(_CALENDAR_WORD.fullmatch(word))


def without_dates(text: str) -> str:
    """``text`` with its days of a month, years and clock times blanked: what is left are figures."""
    return _DATE_FIGURE.sub(" ", text)


def dateline_end(text: str) -> int:
    """Where a wire or web dateline opening ``text`` ends (``LONDON, May 3 (Reuters) -``, with any
    headline before it), 0 when there is none. Its date stamps the article with its publication
    day and refers to no event."""
    end = _leading(text, ("dateline",), 1)
    return end if end > len(text) - len(text.lstrip()) else 0


def outside_dateline(text: str, start: int, end: int, index: int, timexes: Sequence[T]) -> list[T]:
    """The time expressions of sentence ``index`` of an article (``text[start:end]``, offsets into
    ``text``) that do not sit in its wire or web dateline (:func:`dateline_end`): the dateline's day
    is the article's own, not a day the article refers to. One rule for timeline summarization
    and event dating alike."""
    if not timexes or index >= DATELINE_SENTENCES:
        return list(timexes)
    cut = dateline_end(text[start:end])
    return [t for t in timexes if t.end > start + cut] if cut else list(timexes)


def trim_text(text: str, rules: Sequence[str] = ("dateline", "attribution"), **kw) -> str:
    a, b = trim_span(text, rules, **kw)
    return text[a:b]


def trim_sentence(sentence: DatedSentence, rules: Sequence[str], **kw) -> DatedSentence:
    """The sentence cut to ``text[a:b]``, with its document offsets moved to match."""
    a, b = trim_span(sentence.text, rules, **kw)
    if (a, b) == (0, len(sentence.text)):
        return sentence
    start = sentence.start + a if sentence.start >= 0 else -1
    end = sentence.start + b if sentence.start >= 0 else -1
    return replace(sentence, text=sentence.text[a:b], start=start, end=end)


def trim_sentences(sentences: Sequence[DatedSentence], rules: Sequence[str], **kw) -> list[DatedSentence]:
    """:func:`trim_sentence` over a collection (the input unchanged when ``rules`` is empty)."""
    if not rules:
        return list(sentences)
    return [trim_sentence(s, rules, **kw) for s in sentences]
