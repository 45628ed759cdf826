"""Clean: remove page furniture and repeated paragraphs; find near-duplicate documents.

Plain-text articles copied from web pages carry button labels, app prompts,
share and comment widgets, legal disclaimers, UI strings in other languages and
"16h ago" bylines. trafilatura removes such furniture from HTML using the markup;
plain text has no markup, so this module classifies *lines* by features that hold
for news in general (none of them is a list of one corpus's strings):

- length in words and whether the line ends like a sentence;
- the share of English function words (prose has many, UI labels almost none);
- the script: a line mostly in another script than the article's is foreign UI;
- repetition across the corpus: a short line found in several documents is furniture;
- relative-time bylines ("16h ago", "3 days ago");
- boilerplate cues shared by news sites everywhere (disclaimers, calls to action,
  comment counters), weighed together with position (they sit at the edges).

Paragraphs repeated inside a document, or contained in a longer paragraph of the
same document, are dropped. Text that comes Penn-Treebank tokenized (research corpora such as
Timeline17: "Jackson 's", "was n't", "`` quoted ''", "-LRB- BET -RRB-") is detokenized after the
line decisions, with NLTK's Treebank detokenizer, so the model reads the prose it was trained on and
the reader sees "(BET)" instead of "-LRB- BET -RRB-". Everything removed is kept as a :class:`Removal` with
its line number and reason. Near-duplicate documents across the corpus are found
with MinHash LSH (datasketch) over word shingles.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np

from ..annotate.timex.grammar import DAYNUM, MONTH, MONTH_ANY_CASE, WEEKDAY, YEAR
from ..records import Document, RawDocument, Removal, content_id

FUNCTION_WORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into over after before about than that this these
    those is are was were be been being has have had do does did will would can could should may might must not no
    it its it's he she they them their his her we our you your i me my who which what when where while there here
    so also just only even still then once since until because although though""".split()
)

# Cues found in site boilerplate across the web (not in news prose). Each is a
# phrase a reporter's sentence practically never contains.
BOILERPLATE_CUES = re.compile(
    r"\b(?:all rights reserved|terms of (?:use|service)|privacy policy|cookie|disclaimer|"
    r"sign up|subscribe|newsletter|register now|download (?:the|our) app|open the app|read the full article|"
    r"no comments yet|comments?\s*\(\d+\)|click here|advertisement|sponsored|"
    r"do(?:es)? not constitute (?:investment|financial|legal)|not responsible for any|"
    r"follow us|share this|related articles?|recommended for you)(?!\w)",
    re.IGNORECASE,
)
# a page's age as a site prints it: "3 hrs ago", "2d ago"
AGE = r"\d{1,3}\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)\s+ago"
RELATIVE_BYLINE = re.compile(r"^\s*(?:updated\s+)?" + AGE + r"\s*$", re.IGNORECASE)
DATELINE = re.compile(
    r"^\W*(?:last\s+)?(?:updated|published|posted|modified)(?:\s+on)?\s*:?\s*(?:\w+\.?\s+)?\d{1,4}\b",
    re.IGNORECASE,
)
# wire-service credit lines: "(Reporting by A; Editing by B)", "Additional reporting by C"
CREDIT = re.compile(r"(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\b", re.IGNORECASE)
CREDIT_START = re.compile(r"^\W*(?:-LRB-\s*)?" + CREDIT.pattern, re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$")
# two sentences glued without a space: "market.Emerging", "(site.com)In response"
GLUED = re.compile(r"(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]+[\s,])|(?<=[a-z]\.[a-z][a-z][a-z]\))(?=[A-Z][a-z]+[\s,])")


@dataclass(frozen=True)
class CleanSettings:
    min_prose_words: int = 8  # a line this long that reads as prose is kept
    min_function_ratio: float = 0.15  # share of function words prose has at least
    corpus_repeat_docs: int = 2  # a short line in this many documents is furniture
    short_line_words: int = 6
    near_duplicate_threshold: float = 0.8  # Jaccard similarity of 5-word shingles
    num_perm: int = 128


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else ""


def _foreign_share(line: str) -> float:
    if line.isascii():  # the common case, and every ASCII letter is Latin
        return 0.0
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if not c.isascii() and _script(c) != "LATIN") / len(letters)


def normalize_line(line: str) -> str:
    """Case- and punctuation-folded form used to compare lines and paragraphs."""
    return " ".join(w.lower() for w in WORD.findall(line.replace("\u2019", "'")))


@dataclass(frozen=True)
class LineFeatures:
    words: int
    function_ratio: float
    ends_sentence: bool
    foreign: float
    byline: bool
    cues: int
    corpus_docs: int
    dateline: bool = False
    credits: bool = False


def features(line: str, corpus_docs: int = 1) -> LineFeatures:
    words = WORD.findall(line)
    n = len(words)
    fn = sum(1 for w in words if w.lower() in FUNCTION_WORDS)
    return LineFeatures(
        words=n,
        function_ratio=fn / n if n else 0.0,
        ends_sentence=bool(SENTENCE_END.search(line)),
        foreign=_foreign_share(line),
        byline=bool(RELATIVE_BYLINE.match(line)),
        cues=len(BOILERPLATE_CUES.findall(line)),
        corpus_docs=corpus_docs,
        dateline=n <= 14 and bool(DATELINE.match(line)),
        # a credit line names people after "Reporting by"; a sentence that opens so ("Reporting by
        # ProPublica found ...") is long, ends as a sentence and gives no second credit
        credits=bool(CREDIT_START.match(line)) and (
            len(CREDIT.findall(line)) >= 2 or n <= 8 or not SENTENCE_END.search(line)),
    )


BOILERPLATE = "site boilerplate (disclaimer, call to action or comment widget)"
# a line this long that reads as prose and holds most of the text is the article on one line (and so
# is a file's only line, however short): the cue rule weighs its sentences one by one instead of the
# line, so it never empties a whole article (a long reader comment closed by the site's comment
# policy is still furniture as a whole)
LONG_LINE_WORDS = 60
ARTICLE_LINE_SHARE = 0.5
# a sentence ends at a line break, or at . ! ? ... (with its closing quotes and brackets) before
# a space and an upper-case letter, digit or opening quote: simple on purpose, for text that has no
# parse yet (cleaning) or none stored (the web app's fallback)
SENTENCE_BREAK = re.compile(r"\s*\n\s*|[.!?\u2026][\"'\u201d\u2019)\]]*(\s+)(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (:data:`SENTENCE_BREAK`), without surrounding space."""
    spans, pos = [], 0
    for m in [*SENTENCE_BREAK.finditer(text), None]:
        end = len(text) if m is None else m.start(1) if m.group(1) is not None else m.start()
        seg = text[pos:end]
        s, e = pos + len(seg) - len(seg.lstrip()), pos + len(seg.rstrip())
        if e > s:
            spans.append((s, e))
        pos = m.end() if m else len(text)
    return spans


def furniture_reason(f: LineFeatures, settings: CleanSettings, *, at_edge: bool) -> str | None:
    """Why a line is page furniture, or None if it reads as article text."""
    if f.byline:
        return "relative-time byline"
    if f.foreign > 0.5:
        return "UI string in another script"
    if f.words == 0:
        return "no words (symbols or numbers only)"
    if f.corpus_docs >= settings.corpus_repeat_docs and f.words <= settings.short_line_words:
        return f"short line repeated in {f.corpus_docs} documents"
    # one cue word ("cookie", "sponsored") also occurs in reporting; it marks furniture only at the
    # page edges or on a line that does not read as a sentence; two cues mark it anywhere
    if f.cues and (f.cues >= 2 or at_edge or (not f.ends_sentence and f.words < 12)):
        return BOILERPLATE
    if f.words <= 3 and not f.ends_sentence:
        return "UI label (too short to be text)"
    if f.dateline:
        return "dateline (publication metadata, read at ingest)"
    if f.credits:
        return "wire credits (reporting and editing by-lines)"
    return None


# Penn Treebank escapes of brackets; quotes (`` '') and clitics ('s, n't) the detokenizer handles
PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
PTB_MARK = re.compile(r"(?:^|\s)(?:-[LR][RSC]B-|``|'')(?=\s|$)")
SPACED_PUNCT = re.compile(r"\s[,.;:?!](?=\s|$)")
ANY_PUNCT = re.compile(r"[,.;:?!](?=\s|$)")
# a text is Treebank tokenized when it carries its escapes, or when nearly all its punctuation
# stands apart as tokens (untokenized prose attaches it to the word before)
PTB_SPACED_SHARE = 0.5
PTB_MIN_PUNCT = 5


def treebank_tokenized(text: str) -> bool:
    """Whether ``text`` is Penn-Treebank tokenized (escapes, or punctuation set apart as tokens)."""
    if len(PTB_MARK.findall(text)) >= 2:
        return True
    n = len(ANY_PUNCT.findall(text))
    return n >= PTB_MIN_PUNCT and len(SPACED_PUNCT.findall(text)) >= PTB_SPACED_SHARE * n


@functools.cache
def _detokenizer() -> tuple[list, list]:
    """NLTK's Treebank detokenizer rules, in its order, compiled with the standard ``re``: the
    substitutions its ``tokenize`` applies before it strips the padding, and those after. Each
    comes with what any of its matches must hold (:func:`_needs`).

    NLTK's own rules and order, not ours: only the engine differs. NLTK routes every pattern through
    ``nltk.redos`` (the ``regex`` engine with a wall-clock timeout on each call, a guard for
    patterns a caller supplies), about 3 us a call and 31 calls a paragraph: 60 % of cleaning a
    Treebank-tokenized corpus such as Timeline17. These are NLTK's fixed patterns, none of which
    backtracks, so ``re`` runs them as NLTK means them (tested against NLTK's own ``detokenize``).

    One rule is left out: NLTK's ``DOUBLE_DASHES`` joins " -- " to both its neighbours. News writes
    the dash between spaces ("Cairo, Egypt (CNN) -- Thousands"), and joined, "CNN)--Thousands" is
    one token to spaCy: the first word of every CNN lead sentence was lost to the parse and named
    entities such as "CNN)--The U.N. Security Council" (until 2026-12-07)."""
    from nltk.tokenize.treebank import TreebankWordDetokenizer  # imported only for such corpora (2 s)

    d = TreebankWordDetokenizer()

    def compiled(rules):
        return [(rx, repl, _needs(rx)) for rx, repl in ((re.compile(rx.pattern), repl) for rx, repl in rules)]

    before = compiled([(rx, r"\1\2") for rx in [*d.CONTRACTIONS3, *d.CONTRACTIONS2]] + d.ENDING_QUOTES)
    return before, compiled([*d.PARENS_BRACKETS, *d.PUNCTUATION, *d.STARTING_QUOTES])


def _needs(rx: re.Pattern) -> tuple[tuple[str, ...], bool] | None:
    """Strings one of which every match of ``rx`` holds, and whether to look for them in the
    lower-cased text (the pattern ignores case); None when none is known. Read from the parsed
    pattern: a run of literal characters, a class of literal characters, a group, the branches of
    an alternation that each hold one, a repeat of at least once; of those a match must pass
    through, the one with the fewest strings that are not blank, punctuation before words. Most of
    the 31 detokenizer rules look for a quote, a bracket or a dash that most paragraphs lack; a rule
    whose string is absent cannot match, so skipping it changes nothing and saves its call (two
    thirds of the calls on Timeline17). No library reads this off a pattern."""
    try:  # the standard library's own pattern parser; private, so a Python without it skips nothing
        from re import _constants as c, _parser
    except ImportError:
        return None

    def best(a, b):
        def score(x):  # fewest strings, then punctuation (rarer in prose than letters), then longest
            return (all(not s.strip() for s in x), len(x), not all(not s.isalnum() for s in x), -min(map(len, x)))
        return b if a is None or (b is not None and score(b) < score(a)) else a

    def need(items):
        found, run = None, ""
        for op, av in [*items, (None, None)]:
            if op is c.LITERAL:
                run += chr(av)
                continue
            if run:
                found, run = best(found, {run}), ""
            if op is c.IN and all(o is c.LITERAL for o, _ in av):
                found = best(found, {chr(v) for _, v in av})
            elif op is c.SUBPATTERN:
                found = best(found, need(av[3]))
            elif op is c.BRANCH:
                parts = [need(b) for b in av[1]]
                found = best(found, set().union(*parts) if all(parts) else None)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                found = best(found, need(av[2]))
        return found

    lower = bool(rx.flags & re.IGNORECASE)
    found = need(_parser.parse(rx.pattern, rx.flags))
    if found is None or all(not s.strip() for s in found):
        return None
    return tuple(sorted(s.lower() for s in found) if lower else sorted(found)), lower


def _apply(rules: list, text: str) -> str:
    for rx, repl, needs in rules:
        if needs is not None:
            strings, lower = needs
            # ignoring case, re also matches "İ" for "i" and "ſ" for "s", which str.lower does not
            # give: such a rule is skipped on ASCII text only
            if not (lower and not text.isascii()):
                held = text.lower() if lower else text
                if not any(s in held for s in strings):
                    continue
        text = rx.sub(repl, text)
    return text


def detokenize(paragraph: str) -> str:
    """One Treebank-tokenized paragraph as prose: brackets unescaped, clitics and punctuation attached
    (what NLTK's ``TreebankWordDetokenizer().detokenize`` gives, see :func:`_detokenizer`)."""
    before, after = _detokenizer()
    text = " " + " ".join(PTB_BRACKETS.get(t, t) for t in paragraph.split()) + " "
    return _apply(after, _apply(before, text).strip()).strip()


def contained(norms: Sequence[str], k: int = 5) -> list[bool]:
    """For each normalized paragraph of at least ``k`` words, whether its words occur in that order
    inside a longer paragraph of the same list. Linear in the text: every paragraph is compared
    only with the paragraphs holding its rarest ``k``-word shingle (written here because the
    pairwise or substring-count ways are quadratic in article length: 4 MB took 23 s)."""
    words = [n.split() for n in norms]
    postings: dict[tuple[str, ...], set[int]] = {}
    for i, w in enumerate(words):
        for j in range(len(w) - k + 1):
            postings.setdefault(tuple(w[j:j + k]), set()).add(i)
    padded = [f" {n} " for n in norms]
    out = []
    for i, w in enumerate(words):
        if len(w) < k:
            out.append(False)
            continue
        rarest = min((postings[tuple(w[j:j + k])] for j in range(len(w) - k + 1)), key=len)
        out.append(any(len(words[o]) > len(w) and padded[i] in padded[o] for o in rarest))
    return out


def _split_glued(line: str) -> list[str]:
    return [p for p in GLUED.split(line) if p.strip()]


def _without_cue_sentences(line: str, lineno: int, settings: CleanSettings, removed: list[Removal]) -> str:
    """A long prose line with boilerplate cues, less the sentences that are boilerplate themselves
    (each weighed as a line of its own, away from the page edge, and a sentence shorter than
    ``min_prose_words`` with a cue: "Subscribe to our newsletter."). Those are recorded as removed."""
    kept = []
    for sentence in (line[s:e] for s, e in sentence_spans(line)):
        f = features(sentence)
        if furniture_reason(f, settings, at_edge=False) == BOILERPLATE or (f.cues and f.words < settings.min_prose_words):
            removed.append(Removal(text=sentence, reason=BOILERPLATE, line=lineno))
        else:
            kept.append(sentence)
    return " ".join(kept)


def line_counts(texts: Iterable[str]) -> Counter:
    """In how many documents (raw texts) each normalized line occurs."""
    counts: Counter = Counter()
    for text in texts:
        seen = {normalize_line(l) for l in text.splitlines() if l.strip()}
        counts.update(s for s in seen if s)
    return counts


# A reader's post is signed with the time it was posted: "March 1, 2011 at 5:58 pm | Report abuse |"
# (WordPress and most comment systems), "At 2:10 pm on 02 Jun 2009, <user> wrote:" (forums, the
# BBC's and the Guardian's threads; the BBC's blogs without the "on": "At 21:14 29th Apr 2009,
# <user> wrote:"), "22nd January 2012 - 18:12" (the BBC's later ones). Such a
# stamp dates the post, not anything that happened, and what follows it is readers talking, not
# reporting: everything from the first signed post to the end of the page is cut (comments come
# last on a page). A stamp followed by "|" or by "<name> wrote" signs a post; one that only opens
# or closes its line does when the page has THREAD_MIN_POSTS of them. A time written inside a
# reporter's sentence ("struck on January 12, 2010 at 4:53 pm local time", "at 10:00 am, officials
# said") does neither. Dates are read with the time tagger's grammar (month, day and year).
_POST_DATE = (rf"(?:{MONTH}\s+{DAYNUM}\s*,?\s*{YEAR}|{DAYNUM}\s+{MONTH}\s*,?\s*{YEAR}"
              r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})")
_POST_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?"
_POST_SIGNED = rf"{_POST_DATE}\s*(?:,?\s+at|\s+[-\u2013])\s+{_POST_TIME}|\b[Aa]t\s+{_POST_TIME}\s+(?:on\s+)?{_POST_DATE}"
POST_STAMP = re.compile(_POST_SIGNED, re.IGNORECASE)
_NO_ZONE = r"(?!(?:GMT|BST|UTC|[ECMP][SD]?T)\b)"  # a live page's entry gives its time zone; a post does not
# The BBC's later threads run a post's text into the next post's stamp on one line ("... the stock of
# Indian flags 15th January 2012 - 22:57 Unfortunately no party has ..."): a "<date> - <time>" stamp
# inside a line, followed by the next post's first word (not a time zone), counts as a post too.
_RUN_IN = re.compile(rf"{_POST_DATE}\s+[-\u2013]\s+{_POST_TIME}\s+{_NO_ZONE}[A-Z0-9\"'`]")
_POST_OPENING = re.compile(rf"\s*(?:{_POST_SIGNED})\s*,?\s+{_NO_ZONE}", re.IGNORECASE)


# A page's own stamp run into its text ("12 October 2011 Last updated at 20:01 GMT Help The legal
# team ...", "... says sister Page last updated at 08:58 GMT , Thursday , 24 June 2010 09:58 UK
# Michael Jackson was ...", "Last updated : 1 may , 2009 - 17:54 GMT Mexico shuts down ..."): when
# a page is flattened to text, the stamp, the site's links after it and a web server's include
# error ("[an error occurred while processing this directive]", Apache's message for a failed
# server-side include) land in the first sentence, which the time tagger would then date by the
# stamp as if that were when it happened. Inside a line only a capitalised "Last updated" opens
# one (a reporter's "figures last updated at 1600 GMT" is prose); at a line's start any case does.
# A stamp that is its whole line is left to the dateline rule (``DATELINE``).
_STAMP_TIME = rf"{_POST_TIME}(?:\s*(?-i:[A-Z]{{2,5}})\b)?"  # and its zone: GMT, UK, CET, EDT
# a stamp is no sentence, so its month may be written in lower case ("1 may , 2009")
_STAMP_DATE = rf"(?:{_POST_DATE}|{DAYNUM}\s+{MONTH_ANY_CASE}\s*,?\s*{YEAR})"
_STAMP_WHEN = (rf"(?:{WEEKDAY}\s*,?\s*)?(?:{_STAMP_DATE}\s*(?:,|[-\u2013])?\s*(?:at\s+)?(?:{_STAMP_TIME})?"
               rf"|{_STAMP_TIME}(?:\s*,\s*(?:{WEEKDAY}\s*,\s*)?{_STAMP_DATE})?(?:\s+{_STAMP_TIME})?)")
_STAMP_TAIL = (r"(?:\s*(?:\(|-LRB-)\s*an error occurred while processing this directive\s*(?:\)|-RRB-))?"
               r"(?-i:\s+(?:Help|Share|Print|E-?mail|Menu|Close)(?=\s+[A-Z0-9\"'`]))?")
_STAMP_REST = rf"\s*(?:at|on)?\s*:?\s*{_STAMP_WHEN}{_STAMP_TAIL}\s*"  # after "last updated"
PAGE_STAMP_OPENING = re.compile(rf"(?:{_STAMP_DATE}\s+)?(?:page\s+)?last\s+updated{_STAMP_REST}", re.IGNORECASE)
PAGE_STAMP_INSIDE = re.compile(rf"\s(?:{_STAMP_DATE}\s+)?(?-i:Page\s+last|Last|LAST)\s+(?-i:updated|UPDATED)"
                               + _STAMP_REST, re.IGNORECASE)
PAGE_STAMP = "the page's own stamp run into its text (when it was last updated, its links)"


def without_page_stamps(line: str, lineno: int, removed: list[Removal]) -> list[str]:
    """``line`` less the page stamps run into it (:data:`PAGE_STAMP_OPENING`, :data:`PAGE_STAMP_INSIDE`),
    recorded in ``removed``: the text before a stamp (a headline) and after it (the story) become
    paragraphs of their own. A line that is only a stamp is returned whole."""
    parts: list[str] = []
    rest = line
    m = PAGE_STAMP_OPENING.match(rest)
    if m and m.end() < len(rest) and re.search(r"\d", m.group(0)):
        removed.append(Removal(text=m.group(0).strip(), reason=PAGE_STAMP, line=lineno))
        rest = rest[m.end():]
    while (m := PAGE_STAMP_INSIDE.search(rest)) and re.search(r"\d", m.group(0)):
        removed.append(Removal(text=m.group(0).strip(), reason=PAGE_STAMP, line=lineno))
        parts.append(rest[:m.start()])
        rest = rest[m.end():]
    parts.append(rest)
    return [p.strip() for p in parts if p.strip()]


def opens_with_post_stamp(text: str) -> bool:
    """Whether ``text`` opens with the stamp a comment system signs a post with ("22nd January 2012 -
    18:12 The Syrian government has simply ignored ...", "At 21:14 29th Apr 2009, ..."): a reader's
    post, from a thread too short for the cleaning to cut as one (:data:`THREAD_MIN_POSTS`). A live
    page's entry gives its time zone ("15 January 2012 - 22:57 GMT") and is a report."""
    return bool(_POST_OPENING.match(text))


# what follows a stamp that signs a post: the comment system's bar (not a blog post's byline, "| by:
# <reporter>"), or the poster's name and "wrote"
_SIGNATURE = re.compile(r"\s*(?:\|(?!\s*by\b)|,?\s*[^\s,:|]+(?:\s+[^\s,:|]+){0,3}\s+(?:wrote|writes|commented|posted)\b)",
                        re.IGNORECASE)
COMMENT_THREAD = "reader comments (posts signed with the time they were posted)"
THREAD_MIN_POSTS = 3


def comment_thread(lines: Sequence[str]) -> tuple[int, int] | None:
    """Where a page's reader comments begin: (line index, character offset in that line with its
    spaces collapsed), at its first post signed with a :data:`POST_STAMP`; None when the page has no
    post signed by :data:`_SIGNATURE` and fewer than :data:`THREAD_MIN_POSTS` stamps opening or
    closing their lines.

    A post's text may come before its stamp ("I hope not!!! January 27, 2011 at 7:59 pm | Reply"),
    so the cut starts at the start of the line; only a line that holds an article before its first
    stamp (a page flattened into one line, :data:`LONG_LINE_WORDS` or more before it) keeps what
    comes before the sentence holding the stamp."""
    signed, posts = False, []
    for i, line in enumerate(lines):
        text = " ".join(line.split())
        for m in POST_STAMP.finditer(text):
            if _SIGNATURE.match(text, m.end()):
                signed = True
            elif m.start() > 0 and text[m.end():].strip() and not _RUN_IN.match(text, m.start()):
                continue
            cut = 0
            if len(text[:m.start()].split()) >= LONG_LINE_WORDS:
                cut = max((s for s, _ in sentence_spans(text) if s <= m.start()), default=0)
            posts.append((i, cut))
            break
    return posts[0] if posts and (signed or len(posts) >= THREAD_MIN_POSTS) else None


# A page that lists other pages, each teaser with its own stamp ("updated : Thu Sep 09 2010 08:11:00
# CNN's Frederik Pleitgen reports on the floods in Pakistan"; a correspondent's videos, a topic's
# archive): its teasers are other stories of other days, not this page's report. A line holding such
# a stamp is one when the page has LISTING_MIN_STAMPS of them on days at least LISTING_SPAN_DAYS apart
# (a live page's entries, stamped over a few days, are its own).
_LISTING_STAMP = re.compile(rf"\b(?:updated|posted|published)\s*:?\s*(?:[A-Z][a-z]{{2,8}},?\s+)?"
                            rf"(?P<date>{MONTH}\s+{DAYNUM}\s*,?\s*{YEAR})", re.IGNORECASE)
LISTING = "a list of other pages' teasers, each stamped with its own date"
LISTING_MIN_STAMPS = 3
LISTING_SPAN_DAYS = 30


def listing_lines(lines: Sequence[str]) -> set[int]:
    """The indexes of the lines that are teasers of a listing (:data:`_LISTING_STAMP`), or none."""
    from ..annotate.timex import stated_day

    stamped: dict[int, int] = {}
    for i, line in enumerate(lines):
        m = _LISTING_STAMP.search(line)
        day = stated_day(m.group("date")) if m else None
        if day:
            stamped[i] = day.toordinal()
    days = set(stamped.values())
    if len(days) < LISTING_MIN_STAMPS or max(days) - min(days) < LISTING_SPAN_DAYS:
        return set()
    return set(stamped)


def lists_other_pages(document: Document) -> bool:
    """Whether cleaning cut a listing's teasers from the page (:func:`listing_lines`): its other
    lines are teasers too, other stories that head no key event."""
    return any(r.reason == LISTING for r in document.removed)


def clean(raw: RawDocument, corpus: Counter | None = None, settings: CleanSettings = CleanSettings()) -> Document:
    """Clean one raw document. ``corpus`` is :func:`line_counts` over the whole build."""
    corpus = corpus or Counter()
    lines = raw.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    nonblank = [i for i, l in enumerate(lines) if l.strip()]
    size = sum(len(lines[i].strip()) for i in nonblank)
    edge = set(nonblank[:3] + nonblank[-12:]) if len(nonblank) > 8 else set()
    removed: list[Removal] = []
    kept: list[tuple[int, str]] = []  # (line number, paragraph)
    thread = comment_thread(lines)
    listing = listing_lines(lines)
    for i, line in enumerate(lines):
        text = " ".join(line.split())
        if not text:
            continue
        if i in listing:
            removed.append(Removal(text=text, reason=LISTING, line=i + 1))
            continue
        if thread is not None and i >= thread[0]:
            kept_part = text[:thread[1]].rstrip() if i == thread[0] else ""
            removed.append(Removal(text=text[len(kept_part):].strip(), reason=COMMENT_THREAD, line=i + 1))
            if not kept_part:
                continue
            text = kept_part
        pieces = without_page_stamps(text, i + 1, removed)
        for text in pieces:
            f = features(text, corpus.get(normalize_line(text), 1))
            reason = furniture_reason(f, settings, at_edge=i in edge)
            if reason == BOILERPLATE and (f.words >= LONG_LINE_WORDS or len(nonblank) == 1) \
                    and f.function_ratio >= settings.min_function_ratio and len(text) >= ARTICLE_LINE_SHARE * size:
                text, reason = _without_cue_sentences(text, i + 1, settings, removed), None
            if reason:
                removed.append(Removal(text=line.strip() if len(pieces) == 1 else text, reason=reason, line=i + 1))
                continue
            for part in _split_glued(text):
                kept.append((i + 1, part.strip()))
    # paragraphs repeated inside the document, or contained in a longer one
    norms = [normalize_line(p) for _, p in kept]
    inside = contained(norms)
    result: list[str] = []
    seen: set[str] = set()
    for (lineno, para), norm, is_inside in zip(kept, norms, inside):
        if norm in seen:
            removed.append(Removal(text=para, reason="paragraph repeated in the document", line=lineno))
            continue
        if is_inside:
            removed.append(Removal(text=para, reason="paragraph contained in a longer paragraph of the document",
                                   line=lineno))
            continue
        seen.add(norm)
        result.append(para)
    if treebank_tokenized("\n".join(result)):
        result = [detokenize(p) for p in result]
    text = "\n\n".join(result)
    return Document(
        id=document_id(raw), path=raw.source_key, text=text, title=raw.title, outlet=raw.outlet, url=raw.url,
        published=raw.published, published_from=raw.published_from, removed=tuple(removed),
        published_precision=raw.published_precision,
    )


def document_id(raw: RawDocument) -> str:
    """A document's id is the hash of its raw text: the same article read twice is one document."""
    return content_id("doc", raw.text)


def original_of(doc: str, copies: Mapping[str, str]) -> str:
    """The document a copy copies (following chains; a copy of a copy leads to the original)."""
    seen = set()
    while doc in copies and copies[doc] != doc and doc not in seen:
        seen.add(doc)
        doc = copies[doc]
    return doc


SHINGLE_WORDS = 5


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


MINHASH_SEED = 1


@functools.lru_cache(maxsize=1)
def _minhash_scheme() -> str | None:
    """The permutation scheme datasketch hashes with (from 2.0; None before, when it had one)."""
    from datasketch import MinHash

    return getattr(MinHash(num_perm=1, seed=MINHASH_SEED), "scheme", None)


def _minhash(settings: CleanSettings, hashvalues: np.ndarray | None = None):
    from datasketch import MinHash

    if hashvalues is None:
        return MinHash(num_perm=settings.num_perm, seed=MINHASH_SEED)
    scheme = _minhash_scheme()  # datasketch 2 asks how given values were made
    return MinHash(num_perm=settings.num_perm, seed=MINHASH_SEED, hashvalues=hashvalues,
                   **({"scheme": scheme} if scheme else {}))


def signature_key(text: str, settings: CleanSettings = CleanSettings()) -> str:
    """What a stored MinHash signature was made from: the text, the hashing settings and
    datasketch's permutation scheme. A signature is reused only under the same key."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    return f"{digest}:{settings.num_perm}:{MINHASH_SEED}:{SHINGLE_WORDS}:{_minhash_scheme()}"


def minhash_signature(text: str, settings: CleanSettings = CleanSettings()) -> np.ndarray:
    """The MinHash signature of a text's word shingles (``settings.num_perm`` unsigned integers)."""
    mh = _minhash(settings)
    mh.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return mh.hashvalues


def near_duplicates(documents: Sequence[Document], settings: CleanSettings = CleanSettings(),
                    signatures: Mapping[str, np.ndarray] | None = None) -> dict[str, str]:
    """Map each near-duplicate document id to the document it copies (the earliest published,
    then the smallest id). MinHash LSH finds candidates; the exact Jaccard confirms them.

    ``signatures`` (document id -> :func:`minhash_signature` of its text) are those already known,
    as a store keeps them between builds; the others are worked out here. Shingles are made only
    for the documents LSH pairs up, so a dossier that grows by ten articles hashes ten."""
    from datasketch import MinHashLSH

    signatures = signatures or {}
    order = sorted(documents, key=lambda d: (d.published is None, d.published or "", d.id))
    lsh = MinHashLSH(threshold=settings.near_duplicate_threshold, num_perm=settings.num_perm)
    copies: dict[str, str] = {}
    position = {d.id: i for i, d in enumerate(order)}
    text = {d.id: d.text for d in order}
    sets: dict[str, set[str]] = {}

    def shingled(doc_id: str) -> set[str]:
        if doc_id not in sets:
            sets[doc_id] = shingles(text[doc_id])
        return sets[doc_id]

    for d in order:
        known = signatures.get(d.id)
        hashvalues = known if known is not None else minhash_signature(d.text, settings)
        mh = _minhash(settings, hashvalues)
        original = None
        for cand in sorted(lsh.query(mh), key=position.__getitem__):
            a, b = shingled(d.id), shingled(cand)
            if a and b and len(a & b) / len(a | b) >= settings.near_duplicate_threshold:
                original = copies.get(cand, cand)
                break
        if original:
            copies[d.id] = original
        lsh.insert(d.id, mh)
    return copies
