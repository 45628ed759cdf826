"""Who reports what: the rule that names an independent source, used by findings and the ledger alike.

Copies. A document that is a near-duplicate or syndicated copy of another (``copies[doc] =
original``, from :func:`storyline.ingest.clean.near_duplicates`) is the same source as its
original, and two documents of one outlet are one source. A source is keyed by its outlet, else by
its original document's id (:func:`source_of`), and named for a reader by :func:`source_label`.

Attribution. News copy names the reporting it rewrites: "according to the Wall Street Journal",
"reports The New York Times", "Bloomberg reported", "(businessinsider.com)", a closing
"Source: WSJ". :func:`citations` finds these; :func:`cited_outlets` joins the spellings of one
outlet ("The Wall Street Journal", "the Journal", "WSJ", "wsj.com"). A claim made in a sentence
that cites an outlet comes from that outlet; a document that rewrites one outlet's reporting
(``based_on``: a "Source:" line, or the one outlet it cites more than once, or - by a page
with no outlet of its own - in its lead) speaks
for that outlet throughout. :class:`Attribution` answers, for any piece of evidence, which
independent source it stands for (:meth:`Attribution.source`), so two rewrites of one Wall Street
Journal story are one source, not two.

Why by hand: no maintained library tags news attribution to outlets (quote attributors such as
textacy's find speakers of direct quotes, not the publication a claim is credited to); the patterns
are a handful of reporting-verb frames around a name that reads as a news outlet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from ..annotate.textcache import by_text
from ..annotate.timex.grammar import MONTH, WEEKDAY
from ..ingest.clean import original_of
from ..records import Document, Entity, Evidence
from .entities import POSTS

__all__ = ["Attribution", "Citation", "byline_outlet", "called_independent", "citations", "cited_outlets", "copies_report", "count_said",
           "dateline_outlet", "independent_of", "is_outlet_name", "of_unknown_outlet", "outlet_entities", "own_outlet",
           "source_label", "source_of", "sources_word"]


def source_of(doc: str, documents: Mapping[str, Document], copies: Mapping[str, str]) -> str:
    """The independent source a document belongs to: its outlet, else its original's id."""
    original = original_of(doc, copies)
    d = documents.get(original) or documents.get(doc)
    return (d.outlet or original) if d else original


def independent_of(doc: str, documents: Mapping[str, Document]) -> str:
    """The independent source of a document of a built dossier: a copy counts as its original
    (``duplicate_of``), a rewrite as the outlet it rewrites (``based_on``), else its outlet, else
    its original's id."""
    seen, root = set(), doc
    while root in documents and documents[root].duplicate_of and root not in seen:
        seen.add(root)
        root = documents[root].duplicate_of or root
    d = documents.get(root)
    return (d.based_on or d.outlet or root) if d else root


def outlet_entities(entities: Mapping[str, Entity], documents: Mapping[str, Document]) -> frozenset[str]:
    """The ids of the ``entities`` (id -> :class:`storyline.records.Entity`) that are news outlets
    (:func:`is_outlet_name`, the story's own outlets known): a sentence that names them names its
    sources, not the story's parties ("Petrovich, a former CNN executive, died")."""
    known = sorted({d.outlet for d in documents.values() if d.outlet})
    return frozenset(eid for eid, ent in entities.items() if is_outlet_name(ent.name, known))


def of_unknown_outlet(keys: Iterable[str], documents: Mapping[str, Document]) -> list[str]:
    """The source keys that are documents whose outlet is not known. Such a document may come from
    any outlet of the count, and several may all come from one: a count of sources that holds one
    is not called a count of independent ones (:func:`count_said`)."""
    return [k for k in keys if (d := documents.get(k)) is not None and not d.outlet and not d.based_on]


def count_said(n: int, unknown: int) -> str:
    """A count of sources as a reader should take it: "3 independent sources", or, where any of
    two or more is a document of unknown outlet, "44 sources, 43 of unknown outlet"."""
    return f"{n} {sources_word(n, unknown)}"


def sources_word(n: int, unknown: int) -> str:
    """What follows the number in :func:`count_said` (a badge shows the number apart)."""
    if called_independent(n, unknown):
        return f"independent source{'' if n == 1 else 's'}"
    return f"sources, {unknown} of unknown outlet"


def called_independent(n: int, unknown: int) -> bool:
    """Whether ``n`` sources, ``unknown`` of them documents of unknown outlet
    (:func:`of_unknown_outlet`), may be called independent: none is such a document, or there is
    only one source. The one rule for findings, timeline.md and the web app."""
    return not unknown or n < 2


def source_label(key: str, documents: Mapping[str, Document] | None) -> str:
    """A source key (an outlet, or a document id) as a reader names it."""
    d = (documents or {}).get(key)
    return d.name if d else key


def copies_report(copies: Mapping[str, str], documents: Mapping[str, Document] | None = None) -> str:
    """One line naming the documents treated as copies, for the dossier's report."""
    pairs = sorted((d, original_of(d, copies)) for d in copies if original_of(d, copies) != d)
    if not pairs:
        return "No documents were treated as copies."
    return "Treated as copies (counted once for corroboration): " + "; ".join(
        f"{source_label(d, documents)} = copy of {source_label(o, documents)}" for d, o in pairs)


# --------------------------------------------------------------------------- attribution

# words that make a name read as a news outlet ("The Wall Street Journal", "Daily Mail", "Fox News")
# (not words that also name public bodies and firms: "agency", "network", "standard", "record")
NEWS_WORDS = frozenset(
    "journal times post news press herald tribune gazette guardian telegraph chronicle economist insider "
    "verge wire magazine daily weekly observer mirror reporter dispatch courier inquirer examiner radio "
    "television tv broadcasting newspaper".split())
# words of a person's office, never of an outlet's name ("White House Press Secretary Robert Gibbs"):
# the titles the entity rules take off a person's name, and the offices no name follows
ROLE_WORDS = POSTS | frozenset("aide adviser advisor editor correspondent anchor host".split())
# news words that alone name a medium, not an outlet ("state TV said"; "the Journal" is an outlet)
MEDIA_WORDS = frozenset("tv television radio press newspaper magazine broadcasting news wire daily weekly".split())
# outlets whose names carry no such word: wire services, broadcasters, news sites
# (whole names: "al" or "press" alone would make "Al Gore" and "Press Secretary Robert Gibbs" outlets)
OUTLET_NAMES = frozenset(
    "reuters, bloomberg, ap, afp, associated press, bbc, cnn, cnbc, nbc, abc, cbs, npr, pbs, msnbc, axios, "
    "politico, techcrunch, wired, xinhua, al jazeera, al arabiya, al ahram, kyodo, yonhap, interfax, tass, "
    "ria novosti, dpa, ansa, efe, semafor, vox, forbes, fortune, slate, salon, reuters.com, propublica, "
    "the information".split(", "))
_WORD = r"[A-Z](?:[\w&'\u2019-]|\.(?=\w))*"  # a capitalised word; a dot only inside ("U.S")
# an outlet's name runs on through capitalised words, but not into the day or month after it ("told
# CNN Saturday" credits CNN; "The Sunday Times" keeps its first word)
_NAME = (r"(?:[Tt]he[ \t\u00a0]+)?" + _WORD + r"(?:[ \t\u00a0]+(?:(?!" + WEEKDAY + "|" + MONTH + ")" + _WORD
         + r"|of|and|&))*")
_DOMAIN = r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|co\.uk|co|news|io|uk|de|fr|in|au|ca)"
_CITE_PATTERNS = [
    # "according to the Wall Street Journal", "according to a report in The Times"
    re.compile(r"\b[Aa]ccording to (?:(?:a|an|the) (?:report|story|article|piece) (?:in|by|from) )?(?P<n>" + _NAME + ")"),
    # "Bloomberg reported", "The New York Times reports that", "the Journal first reported"
    re.compile(r"(?P<n>" + _NAME + r")\s+(?:has\s+|had\s+|first\s+|previously\s+|also\s+)?"
               r"(?:reported|reports|wrote|writes|revealed|disclosed|said|says|broke the news)\b"),
    # "reports The New York Times", "says The New York Times", "originally disclosed by the New York Times"
    re.compile(r"\b(?:reports|reported|says|said|writes|wrote|disclosed|revealed)\s+(?:by\s+)?(?P<n>" + _NAME + ")"),
    # "reports from The Times' Cade Metz", "a report by Reuters", "told the Journal", "his comments to the Journal"
    re.compile(r"\b(?:reports?|reporting|story|article|interview|comments|remarks) (?:from|by|in|with|to) (?P<n>" + _NAME + ")"),
    re.compile(r"\btold (?P<n>" + _NAME + ")"),
    # a "Source:" line, "Source: WSJ https://..."
    re.compile(r"(?m)(?:^|(?<=[.)]\s))Sources?:\s*(?P<n>" + _NAME + "|" + _DOMAIN + ")"),
    # a parenthesised web site as the citation of the sentence before it: "(businessinsider.com)"
    re.compile(r"\((?P<n>" + _DOMAIN + r")\)"),
]
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


@dataclass(frozen=True)
class Citation:
    """A document crediting reporting to an outlet: ``text[start:end]`` is the outlet's name as written."""

    doc: str
    start: int
    end: int
    text: str
    outlet: str = ""  # the canonical name (cited_outlets), set once the story's spellings are joined
    source_line: bool = False  # a "Source: ..." line: the whole document rests on it


def _words(name: str) -> list[str]:
    name = re.sub(r"[\u2019']s?$", "", name.strip())
    words = re.findall(r"[\w&.]+", name)
    if words and words[0].lower() == "the":
        words = words[1:]
    return words


def _domain_label(name: str) -> str | None:
    m = re.fullmatch(_DOMAIN, name.strip().lower())
    if not m:
        return None
    host = name.strip().lower().removeprefix("www.")
    return host.split(".")[0]


def is_outlet_name(name: str, known: Iterable[str] = ()) -> bool:
    """Does ``name`` read as a news outlet: a web site, a name with a news word ("Journal",
    "Times", "News"), a wire service or broadcaster, an outlet of the story's own documents, or
    an acronym of one of those (``known``: names already taken for outlets)?"""
    if _domain_label(name):
        return True
    words = _words(name)
    if not words:
        return False
    low = [w.lower() for w in words]
    if (" ".join(name.lower().split()) in OUTLET_NAMES  # "The Information"
            or any(" ".join(low[:k]) in OUTLET_NAMES for k in (1, 2))):  # "CNN Wire", "Al Jazeera TV"
        return True
    if any(w in ROLE_WORDS for w in low) or (len(low) == 1 and low[0] in MEDIA_WORDS):
        return False  # a person's office ("Press Secretary Robert Gibbs"), a medium ("state TV")
    if any(w in NEWS_WORDS for w in low):
        return True
    key = _key(name)
    return any(_same_outlet(key, _key(k)) for k in known)


@by_text  # asked of every known outlet for each name tested (half a million times at 4,600 articles)
def _key(name: str) -> str:
    label = _domain_label(name)
    if label:
        return label
    return " ".join(w.lower().strip(".") for w in _words(name))


def _same_outlet(a: str, b: str) -> bool:
    """Two outlet keys for one outlet: equal, an acronym of the other ("wsj"), the other's words run
    together (a domain: "businessinsider"), or a short form of it ("times" of "new york times")."""
    if not a or not b:
        return False
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        words = y.split()
        if len(words) > 1 and " " not in x and (x == "".join(w[0] for w in words if w not in ("of", "and", "&"))
                                                 or x == "".join(words)):
            return True
    return False


# a count run into a cited name by a teaser line ("... envoy says Four New York Times journalists")
_COUNT_BEFORE = re.compile(r"(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Some|Many|Both)\s+(?=[A-Z])")


def citations(doc: Document, known: Iterable[str] = ()) -> list[Citation]:
    """The outlets a document credits, in text order, its own outlet left out (a Reuters story
    citing "Reuters" in its dateline is its own reporting). ``known``: outlet names of the
    story, so that their acronyms ("WSJ") and plain names count as outlets too."""
    known = tuple(known)
    text = doc.text
    own = _key(doc.outlet) if doc.outlet else ""
    found: dict[tuple[int, int], Citation] = {}
    for i, pattern in enumerate(_CITE_PATTERNS):
        for m in pattern.finditer(text):
            start, end = m.span("n")
            name = text[start:end]
            # trim a possessive or trailing function words: "The Times' Cade Metz" -> "The Times"
            cut = re.match(r"(.*?)(?:[\u2019']s?(?:\s|$)|\s+(?:of|and|&)$)", name)
            if cut and cut.group(1):
                name = cut.group(1)
                end = start + len(name)
            name = name.rstrip(".,;:")
            end = start + len(name)
            counted = _COUNT_BEFORE.match(name)  # "Four New York Times journalists": a count, then the outlet
            if counted:
                name, start = name[counted.end():], start + counted.end()
            name = _outlet_before_office(name)
            end = start + len(name)
            if not name or not (is_outlet_name(name, known) or (_ACRONYM.match(name) and i == 5)):
                continue
            if own and _same_outlet(_key(name), own):
                continue
            found.setdefault((start, end), Citation(doc.id, start, end, name, source_line=(i == 5)))
    return [found[k] for k in sorted(found)]


def _outlet_before_office(name: str) -> str:
    """A wire's or broadcaster's name run into one of its people's office ("CNN Senior International
    Correspondent Ben Wedeman") is that outlet ("CNN"), not an outlet of its own; any other name as it is."""
    words = re.findall(r"\S+", name)
    low = [w.lower().strip(".,;:") for w in words]
    for k in (2, 1):
        if " ".join(low[:k]) in OUTLET_NAMES and any(w in ROLE_WORDS for w in low[k:]):
            return name[:re.match(r"\s*(?:\S+\s+){%d}\S+" % (k - 1), name).end()]
    return name


def cited_outlets(names: Iterable[str]) -> dict[str, str]:
    """Each spelling of an outlet -> one canonical name for the story: the fullest spelling
    ("The Wall Street Journal" for "WSJ", "the Journal", "wsj.com"). A short form joins only when
    exactly one fuller outlet of the story ends with it ("the Times" stays apart when the story
    cites both The New York Times and the Financial Times)."""
    names = sorted(set(names), key=lambda n: (-len(_words(n)), n))
    canon: dict[str, str] = {}
    full: list[str] = []
    for n in names:
        k = _key(n)
        matches = [f for f in full if _same_outlet(k, _key(f))]
        if not matches and " " not in k:
            tails = [f for f in full if _key(f).split()[-1] == k]
            matches = tails if len(tails) == 1 else []
        if matches:
            canon[n] = canon[matches[0]]
        else:
            full.append(n)
            canon[n] = _display(n)
    return canon


def _short_form_in(name: str, words: str, outlets: Sequence[str]) -> str:
    """The outlet a one-word short form stands for in one document (``words``: its text in lower
    case, single-spaced): the one fuller outlet of the story ending with it that the document
    names. "The Times" stays apart in a story that cites both The New York Times and the Financial
    Times (:func:`cited_outlets`), but on a page about "Four New York Times journalists" it is The
    New York Times, not a second, independent source."""
    key = _key(name)
    if not key or " " in key:
        return name
    fuller = [f for f in outlets if f != name and len(k := _key(f).split()) > 1 and k[-1] == key
              and " ".join(_words(f)).lower() in words]
    return fuller[0] if len(fuller) == 1 else name


def _display(name: str) -> str:
    label = _domain_label(name)
    if label:
        return name.strip().lower().removeprefix("www.")
    words = _words(name)
    shown = " ".join(words)
    return ("The " + shown) if name.strip().lower().startswith("the ") else shown


DATELINE_CHARS = 1500  # a dateline or a byline follows the title and teaser lines scraped with a page
# the place is optional (a teaser run into the dateline: "... one analyst says (CNN)--For nearly"),
# and the dash may stand against the next word (NLTK's Treebank detokenizer joins " -- ": "(CNN)--Thousands")
_DATELINE = re.compile(r"(?:\b[A-Z][A-Za-z.'-]+(?:[ ,]+[A-Za-z.'-]+){0,4}\s*)?"
                       r"(?:\(|-LRB-)\s*(?P<n>[A-Z][\w .&-]{1,30}?)"
                       r"\s*(?:\)|-RRB-)\s*(?:--|-|\u2014|\u2013)(?:\s|(?=[A-Z\"'\u201c]))")


def dateline_outlet(text: str) -> str | None:
    """The outlet a wire dateline names near the top of a text: "WASHINGTON (Reuters) -",
    "Cairo , Egypt -LRB- CNN -RRB- --" (the Penn-Treebank brackets of tokenised text),
    "Cairo, Egypt (CNN)--Thousands"."""
    for m in _DATELINE.finditer(text[:DATELINE_CHARS]):
        if is_outlet_name(m.group("n")):
            return m.group("n").strip()
    return None


# a byline opens a line or follows a page's "|" (" January 25, 2011 | By Amir Ahmed, CNN"), never a
# bracket: "(By Kirsty Wigglesworth -- Associated Press)" credits a photograph
_BYLINE = re.compile(r"(?:^|\n|\|)[ \t]*(?:By|BY|From)[ \t]+(?P<rest>[^\n|]{3,160})")
_BYLINE_TOKEN = re.compile(r"[A-Za-z][\w.'&\u2019-]*|\d\S*|--|[-,;\u2013\u2014]")  # a figure ends a byline
# what may stand between "By" and the outlet: the writers' names (capitalised), "and", separators,
# "for" / "Special to" a contributor writes for, and the writer's post ("Environment correspondent")
_BYLINE_GLUE = frozenset("and the for to special , ; - -- \u2013 \u2014".split())
_BYLINE_POSTS = ROLE_WORDS | frozenset("reporter writer producer".split())
_BYLINE_WORDS = 12


def byline_outlet(text: str) -> str | None:
    """The outlet a byline near the top of a text names as the writers': "By Josh Levs, CNN",
    "By the CNN Wire Staff", "By Tarek Osman, Special to CNN", "By Richard Black Environment
    correspondent, BBC News", "By Brenna Maloney and Todd Lindeman, The Washington Post". Words
    after "By" are read one by one: names, "and", separators and a writer's post may come before
    the outlet; anything else ("By Sunday, the box ...", "By contrast", "From Los Angeles, Peter
    Bowes reports") ends the byline without one. The outlet is the first run of capitalised words
    that reads as one (:func:`is_outlet_name`), without the writer's name before it, and a wire's
    or broadcaster's own name as its datelines give it ("BBC" of "BBC News", "CNN" of "the CNN Wire
    Staff"), so that one outlet has one name in a story."""
    for m in _BYLINE.finditer(text[:DATELINE_CHARS]):
        found = _byline(m)
        if found:
            return found[0]
    return None


def _byline(m: re.Match) -> tuple[str, int] | None:
    """The outlet a byline (a match of :data:`_BYLINE`) names, and where in the text the run of
    words that names it ends; None when the byline names none."""
    found = list(_BYLINE_TOKEN.finditer(m.group("rest")))[:_BYLINE_WORDS]
    tokens = [t.group(0) for t in found]
    for k, token in enumerate(tokens):
        if token[0].isupper():
            outlet = _outlet_at(tokens, k)
            if outlet and not k and _POSSESSIVE.search(token):
                return None  # no byline: "From CNN's Anderson Cooper, to ABC's Christiane Amanpour"
            if outlet:
                return outlet[0], m.start("rest") + found[outlet[1]].end()
        elif token.lower() not in _BYLINE_GLUE and token.lower() not in _BYLINE_POSTS:
            return None
    return None


_POSSESSIVE = re.compile(r"['\u2019]s?$")


def _outlet_at(tokens: Sequence[str], k: int) -> tuple[str, int] | None:
    """The outlet whose name starts at ``tokens[k]`` (:func:`byline_outlet`), and the index of the
    last token of the run that names it."""
    run: list[str] = []
    for i, token in enumerate(tokens[k:k + 4], k):
        if not token[0].isupper():
            break
        own = _POSSESSIVE.sub("", token)
        run.append(own)
        if not is_outlet_name(" ".join(run)):
            if own != token:
                break  # "Elise Labott, CNN's Senior State Department Producer": the outlet ends at its 's
            continue
        # the writer's name before the outlet's ("David Willis BBC News"), but not an outlet's own
        # first word ("The Washington Post" is not "Post")
        while (len(run) > 1 and run[0].lower() != "the" and is_outlet_name(" ".join(run[1:]))
               and not (len(run) == 2 and run[1].lower() in NEWS_WORDS)):
            run = run[1:]
        for j in (1, 2):  # a wire's or broadcaster's own name, as its datelines give it ("BBC News": BBC)
            if " ".join(run[:j]).lower() in OUTLET_NAMES:
                return " ".join(run[:j]), i
        return " ".join(run), i
    return None


# words that may follow a byline's outlet and still be the byline: "By the CNN Wire Staff",
# "By Richard Black Environment correspondent, BBC News"
_BYLINE_TAIL = frozenset("wire staff news writer writers correspondent reporter reporters".split())
_BYLINE_WORD = re.compile(r"\s*,?\s*([A-Za-z]+)")
_WHEN = re.compile(WEEKDAY + "|" + MONTH)


def byline_end(text: str) -> int | None:
    """Where a byline that opens ``text`` ends, when it names the writers' outlet
    (:func:`byline_outlet`) and a sentence starts after it: "By the CNN Wire Staff Eman al-Obeidy
    burst into ..." ends after "Staff", "By Amir Ahmed, CNN Mubarak said ..." after "CNN". None for
    any other opening: "By Sunday, the box ...", "By Friday, CNN had counted 20 dead" (a day, and no
    new sentence after the outlet), "By Lisa Rein and Ed O'Keefe BP has ..." (no outlet, so no
    telling where the names end)."""
    m = _BYLINE.match(text)
    found = _byline(m) if m and not _WHEN.match(text, m.start("rest")) else None
    if not found:
        return None
    end = found[1]
    while (word := _BYLINE_WORD.match(text, end)) and word.group(1).lower() in _BYLINE_TAIL:
        end = word.end()
    end = len(text) - len(text[end:].lstrip(" \t,;:-\u2013\u2014"))
    return end if end < len(text) and (text[end].isupper() or text[end] in "\"\u201c'") else None


def own_outlet(text: str) -> str | None:
    """The outlet a text names as its own: its wire dateline's, else its byline's."""
    return dateline_outlet(text) or byline_outlet(text)


@dataclass
class Attribution:
    """Who each piece of evidence stands for, once copies, outlets and cited reporting are known.

    ``based_on[doc]``: the outlet whose reporting a document rewrites as a whole; ``cites[doc]``:
    every outlet it credits (canonical names); a sentence that credits an outlet stands for that
    outlet whatever its document."""

    documents: Mapping[str, Document]
    copies: Mapping[str, str]
    cites: dict[str, tuple[str, ...]] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    _spans: dict[str, list[Citation]] = field(default_factory=dict)

    @classmethod
    def build(cls, documents: Mapping[str, Document], copies: Mapping[str, str]) -> "Attribution":
        known = sorted({d.outlet for d in documents.values() if d.outlet})
        raw = {doc_id: citations(d, known) for doc_id, d in sorted(documents.items())}
        canon = cited_outlets([c.text for cs in raw.values() for c in cs] + known)
        story_outlets = sorted(set(canon.values()))
        self = cls(documents, copies)
        for doc_id, cs in raw.items():
            d = documents[doc_id]
            own = canon.get(d.outlet) if d.outlet else None
            words = " ".join(d.text.lower().split()) if any(" " not in _key(canon[c.text]) for c in cs) else ""
            cs = [Citation(c.doc, c.start, c.end, c.text, _short_form_in(canon[c.text], words, story_outlets),
                           c.source_line)
                  for c in cs]
            cs = [c for c in cs if c.outlet != own]
            if not cs:
                continue
            self._spans[doc_id] = cs
            outlets = list(dict.fromkeys(c.outlet for c in cs))
            self.cites[doc_id] = tuple(outlets)
            lines = [c.outlet for c in cs if c.source_line]
            if lines:
                self.based_on[doc_id] = lines[0]
            elif len(outlets) == 1 and (len(cs) >= 2 or (not own and cs[0].start <= _lead_end(d.text))):
                # one outlet credited throughout, or (by a page with no outlet of its own: a blog, an
                # aggregator) in its lead; an outlet crediting another once still reports itself
                self.based_on[doc_id] = outlets[0]
        return self

    def document_source(self, doc: str) -> str:
        """The independent source a whole document stands for: the outlet it rewrites, else its own."""
        original = original_of(doc, self.copies)
        return self.based_on.get(original) or self.based_on.get(doc) or source_of(doc, self.documents, self.copies)

    def source(self, ev: Evidence) -> str:
        """The independent source of one piece of evidence: an outlet its sentence credits, else
        its document's (:meth:`document_source`)."""
        for c in self._spans.get(ev.doc, ()):
            if ev.start <= c.start and c.end <= ev.end:
                return c.outlet
        return self.document_source(ev.doc)

    def label(self, key: str) -> str:
        return source_label(key, self.documents)

    def why(self, evidence: Sequence[Evidence], named: bool = False) -> str:
        """How several documents came to count as fewer sources: "2 documents, both citing The Wall
        Street Journal, counted as one source" (empty when every document is its own source). Not
        "...: 1 independent source", which beside "2 independent sources (CNN, 108.htm.txt) report"
        read as the finding contradicting its own count. ``named``: each note opens with the source
        it counts, for a finding whose count names several sources ("CNN: 2 documents, both citing
        it, counted as one source"): "2 sources (CNN and 1 document of unknown outlet) report: ...
        (2 documents, both citing CNN, counted as one source)" read as if the two were one."""
        by_source: dict[str, set[str]] = defaultdict(set)
        for ev in evidence:
            by_source[self.source(ev)].add(ev.doc)
        parts = []
        for s, docs in sorted(by_source.items()):
            if len(docs) < 2:
                continue
            own = s in self.documents or any(self.documents.get(x) and self.documents[x].outlet == s for x in docs)
            copies = sorted(x for x in docs if original_of(x, self.copies) != x) if own else []
            if copies:
                why = "; ".join(f"{self.label(x)} = copy of {self.label(original_of(x, self.copies))}" for x in copies)
                what = f"{len(docs)} documents, {why}"
            elif own:  # not "all from Fox News": beside "5 independent sources" it read as every page's outlet
                what = f"{len(docs)} documents" + ("" if named else f" from {self.label(s)}")
            else:
                what = f"{len(docs)} documents, {'both' if len(docs) == 2 else 'all'} citing {'it' if named else s}"
            parts.append(f"{self.label(s) + ': ' if named else ''}{what}, counted as one source")
        return "; ".join(parts)


# a lone citation in a document's lead marks a page with no outlet of its own as a rewrite: its
# first paragraphs (a title line counts as one), at most its first sentences
LEAD_PARAGRAPHS = 3
LEAD_SENTENCES = 8
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")


def _lead_end(text: str) -> int:
    """Where a document's lead ends: after its first ``LEAD_PARAGRAPHS`` non-empty lines, or its
    first ``LEAD_SENTENCES`` sentences if that comes sooner."""
    ends = [len(text)]
    for n, m in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text), 1):
        if n == LEAD_PARAGRAPHS:
            ends.append(m.end())
            break
    for n, m in enumerate(_SENTENCE_END.finditer(text), 1):
        if n == LEAD_SENTENCES:
            ends.append(m.end())
            break
    return min(ends)
