"""Reconcile entity mentions into entities: vote types, merge aliases within and across documents.

The small English model labels the same name differently from sentence to
sentence ("OpenAI" as ORG, PERSON and GPE), so an entity's type is the vote of all
its mentions. Aliases are merged by rules that hold for news in general:

- case and punctuation variants, possessives, stray quote marks and dashes
  ("OpenAi", "OpenAI's", "-- Mubarak" -> one key); dotted initials ("U.S." = "US");
- a person's title or honorific ("Dr Murray", "Mr Mubarak", "President Obama" -> the person's
  name), and a capitalised word that only opens the sentence ("Will Tunisia ..." is not a person);
- corporate suffixes and descriptors ("Oracle Corp." -> Oracle, "Inflection AI" -> Inflection);
- initialisms of a multi-word organisation ("WSJ" -> Wall Street Journal), when unique and when
  the long form is evidence enough: defined beside it ("Wall Street Journal (WSJ)") or used at
  least a tenth as often (one stray "Christian News Network" does not rename CNN);
- a lone surname or first name ("Altman") -> the full name it abbreviates ("Sam Altman"): the
  one full name in the same document, else the one in the whole story. Where several people
  share the name (Sam Altman, Jack Altman), the short form goes to the one the document speaks of
  far more (twice as many mentions there), else, for a surname in a document naming none of
  them, to the one the story speaks of far more (five times as many); when neither holds the
  short form stays its own entity: people who compete for a name are never merged on it.
  A word the story mostly uses as a place ("Tunisia") never becomes a person's surname.

Sense checks, when the documents' texts are given: a capitalised word the story mostly writes in
lower case ("Propofol" at a sentence start, "propofol" everywhere else) and an initialism the
story spells out in lower-case words ("AI": "artificial intelligence") are terms, not names, and
make no entity.

Why by hand: spaCy's entity linker needs a knowledge base and trained weights we do
not have; coreferee/neuralcoref are unmaintained for spaCy 3.8. These rules are
small, explainable and measured by the tests.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

from ..annotate.textcache import by_text
from ..records import Entity, Mention, content_id

CORPORATE_SUFFIXES = (
    "incorporated", "inc", "corporation", "corp", "company", "co", "ltd", "limited", "llc", "plc", "ag", "sa",
    "gmbh", "nv", "bv", "holdings", "group", "& co",
)
# descriptors a company name often carries or drops ("Inflection AI" / "Inflection")
DESCRIPTORS = ("ai", "labs", "technologies", "technology", "systems", "international")
STOP_INITIAL = frozenset({"the", "of", "and", "&", "for", "a", "an"})
ORGLIKE = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
PLACES = frozenset({"GPE", "LOC", "FAC", "NORP"})
# when votes tie, the more specific type wins
TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART")
# titles and honorifics written before a person's name (English news usage)
# ("Prince", "Lady", "King", "Major" are also names, and "Mrs Jackson" is not Michael Jackson:
# royal titles and the titles that say a woman stay part of the name)
TITLES = frozenset("""mr dr doctor prof professor sir lord rev reverend president vice premier pm chancellor
    minister secretary ambassador governor gov senator sen representative rep congressman mayor judge
    justice attorney general gen lt col colonel capt captain sgt sergeant adm admiral commander cmdr
    detective det inspector constable supt superintendent pope cardinal archbishop bishop sheikh sheik
    ayatollah imam rabbi emir sultan mp mep""".split())
# the posts people hold, written before or after a name ("Press Secretary Robert Gibbs", "the
# company's chief executive"): its titles and the offices no name follows
POSTS = TITLES | frozenset("spokesman spokeswoman spokesperson chairman chairwoman director officer chief".split())
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor", "rev", "reverend"})
# capitalised words that open a sentence or headline before a name ("Will Tunisia ...",
# "After Obama ..."): never the first word of a name
OPENERS = frozenset("""will would can could should shall may might must did does do is are was were has
    have had as after before when where why how what who while if but and or so then in on at for from
    with by to of says said meanwhile today yesterday tomorrow now also despite during since until
    amid under over why""".split())
FUNCTION_WORDS = OPENERS | STOP_INITIAL | frozenset("""its his her their our your my this that these those into onto
    about any all also some such than it not no yes very more most much many other another each every""".split())
# surnames that go to the name the story speaks of far more, in a document or in the story
DOMINANT_IN_DOC = 2.0
DOMINANT_IN_STORY = 5.0
# an initialism's long form is evidence enough when used this often beside it (or defined beside it)
LONG_FORM_SHARE = 0.1
# a capitalised word written lower case at least this often elsewhere is a term, not a name,
# unless a longer name holding it is said at least NAME_PART_SHARE as often as the word alone
LOWER_CASE_SHARE = 0.5
NAME_PART_SHARE = 0.25

_TOKEN = re.compile(r"[^\W_]+(?:[-.'][^\W_]+)*|&", re.UNICODE)
_CLOCK_BEFORE = re.compile(r"(?:\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)\s*$", re.IGNORECASE)
_LOWER_WORD = re.compile(r"(?<![\w@./-])[a-z][a-z-]*(?![\w@/-]|\.\w)")
# lower-case words with a noun among them, then a preposition, then a capitalised name
_PLACED = re.compile(r"^(?:[a-z][\w'-]*\s+)*?(?!(?:in|on|at|of|near|off|from|to|into)\s)[a-z][\w'-]*\s+"
                     r"(?:in|on|at|of|near|off|from|to|into)\s+(?:the\s+)?[A-Z]")
_OF_PLACE = re.compile(r"of (?:the )?(.+)")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?$", re.UNICODE)


@by_text  # asked of every name mention, and names repeat ("BP" thousands of times in one story)
def surface(text: str) -> str:
    """Normalised surface form: single spaces, straight apostrophes, no possessive, no stray
    punctuation at either end ("`` Mubarak", "-- Mubarak", "* Mubarak" -> "Mubarak")."""
    t = " ".join(text.replace("\u2019", "'").replace("\u00b4", "'").split())
    t = re.sub(r"'s?$", "", t)
    t = re.sub(r"^[^\w]+", "", t)
    return t.strip(" .,;:!?\"'()[]{}*-`_#|~")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(surface(text).lower())


@by_text
def org_key(text: str, label: str = "") -> str:
    """Lower-cased key with corporate suffixes and descriptors removed ("Oracle Corp." -> "oracle"),
    dotted initials closed up ("U.S." -> "us"); a person's title ("Dr Murray" -> "murray") and a
    sentence opener ("Will Tunisia" -> "tunisia") dropped."""
    words = surface(text).split()
    while len(words) > 1 and words[0].isalpha() and words[0].islower() and any(c.isupper() for c in " ".join(words[1:])):
        words = words[1:]  # a description before the name: "vendor SeaMicro", "leader Warren Jeffs"
    toks = [t.replace(".", "") if _DOTTED.match(t + ".") or _DOTTED.match(t) else t for t in tokens(" ".join(words))]
    run = next((i for i, t in enumerate(toks) if len(t) != 1 or not t.isalpha()), len(toks))
    if run >= 2:  # spaced initials: "U S" -> "us", "U S Steel" -> "us steel"
        toks = ["".join(toks[:run])] + toks[run:]
    while len(toks) > 1 and toks[0] in OPENERS:
        toks = toks[1:]
    if toks and toks[0] == "the":
        toks = toks[1:]
    if label == "PERSON":
        while len(toks) > 1 and toks[0].rstrip(".") in TITLES:
            toks = toks[1:]
    changed = True
    while changed and len(toks) > 1:
        changed = False
        joined = " ".join(toks)
        for suf in CORPORATE_SUFFIXES + DESCRIPTORS:
            if joined.endswith(" " + suf):
                toks = toks[: len(toks) - len(suf.split())]
                changed = True
                break
    return " ".join(t.strip(".") for t in toks)


def initials(text: str) -> str:
    """First letters of the words, hyphenated parts counted ("Hewlett-Packard" -> "hp")."""
    parts = [p for t in tokens(text) for p in t.split("-") if p]
    return "".join(p[0] for p in parts if p not in STOP_INITIAL and p[0].isalpha())


@dataclass
class _Cluster:
    key: str
    mentions: list[Mention]

    def votes(self) -> Counter:
        return Counter(m.label for m in self.mentions)


def _vote(labels: Counter) -> str:
    best = max(labels.values())
    return next(t for t in TYPE_PRIORITY if labels.get(t, 0) == best) if any(
        labels.get(t, 0) == best for t in TYPE_PRIORITY) else labels.most_common(1)[0][0]


def _is_name_like(m: Mention) -> bool:
    """A name, not a description: some capital, at most six words, not headed by a lower-case
    word ("Oklahoma man", "the Arkansas woman" describe someone), not a lower-case description
    placed by a name ("the scene in Queens", "a mountain in New Zealand" are not the places), and
    not a banner: four words or more all in capitals are a headline or a caption the model read as
    a name ("QATARI PLANE JOINS AIR PATROLS NATO" as a person, whose last word then took every
    "NATO" of a Libya story), and not a picture credit ("Jim Young/Reuters", 620 mentions of a BP
    story's "person")."""
    s = surface(m.text)
    words = s.split()
    return (bool(s) and any(c.isupper() for c in s) and len(tokens(s)) <= 6
            and not (len(words) >= 2 and words[-1].isalpha() and words[-1].islower())
            and not (len(words) >= BANNER_WORDS and not any(c.islower() for c in s))
            and not _CREDIT.search(s)
            and not _PLACED.match(s))


BANNER_WORDS = 4
# the Arabic article joined to a surname ("al-Assad", "el-Baradei"), which a story also leaves out
_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|an|ar)-")
# a picture credit, a name and an agency or a photographer's, by a slash: "Jim Young/Reuters",
# "AP Photo/Gerald Herbert" (scraped as "Jim Young\/Reuters")
_CREDIT = re.compile(r"[A-Za-z]\\?/[A-Z]")


def _at_word_starts(rx: re.Pattern, text: str) -> list[str]:
    """What ``re.findall(r"\\b" + rx.pattern, text)`` gives for a pattern that starts with a letter,
    about eight times faster: a pattern that starts with a literal letter is scanned for that
    letter at C speed, one that starts with ``\\b`` is tried at every position (the story's texts are
    scanned once for each initialism it names). A match inside a word is passed over from its
    second character, so overlapping candidates are seen as the anchored pattern sees them."""
    out: list[str] = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):  # not at a word's start (\w)
            pos = start + 1
            continue
        out.append(m.group())
        pos = m.end()
    return out


def terms(clusters: Mapping[str, "_Cluster"], texts: Mapping[str, str], name_parts: set[str]) -> set[str]:
    """Keys that name no one: a capitalised word the story writes in lower case at least half as
    often as it names it, or an initialism its documents spell out in lower-case words, always the
    same way ("artificial intelligence" for "AI"). A word that is part of a longer name of the story
    ("May" of "Theresa May") is never a term."""
    out = set()
    words: Counter | None = None
    for k, c in clusters.items():
        if " " in k or not k.isalpha() or k in name_parts:
            continue
        forms = Counter(surface(m.text) for m in c.mentions)
        form = forms.most_common(1)[0][0]
        if form.isupper() and len(form) <= 4 and sum(
                bool(_CLOCK_BEFORE.search(texts.get(m.doc, "")[max(0, m.start - 16): m.start])) for m in c.mentions
        ) * 2 >= len(c.mentions):
            out.add(k)  # a time zone after clock times ("8:37 a.m. ET")
            continue
        if form.isupper() and 2 <= len(form) <= 5:
            spelled = re.compile(r"\s+".join(f"{ch.lower()}[a-z]+" for ch in form) + r"\b")
            # content words only ("us know", "in the village", "as investors" are chance)
            phrases = (" ".join(x.split()) for d in sorted({m.doc for m in c.mentions})
                       for x in _at_word_starts(spelled, texts.get(d, "")))
            found = Counter(p for p in phrases if all(len(w) >= 3 and w not in FUNCTION_WORDS for w in p.split()))
            if found:
                phrase, n = found.most_common(1)[0]
                if n >= 2 and n >= 0.5 * sum(found.values()):  # a term, spelled the same way most times
                    out.add(k)
            continue
        if words is None:
            # lower-case words of the prose (not of addresses: "vincent@", "/hereford/")
            words = Counter(w for t in texts.values() for w in _LOWER_WORD.findall(t))
        if form[:1].isupper() and words.get(k, 0) >= max(2, LOWER_CASE_SHARE * len(c.mentions)):
            out.add(k)
    return out


def reconcile(mentions: Iterable[Mention], texts: Mapping[str, str] | None = None
              ) -> tuple[list[Entity], dict[tuple[str, int, int], str]]:
    """Mentions of the whole corpus -> entities and a map (doc, start, end) -> entity id.
    ``texts`` (document id -> cleaned text) enables the sense checks (terms are no entities).

    The result does not depend on the order of ``mentions``.
    """
    ms = sorted((_as_person(m) for m in mentions if _is_name_like(m)), key=lambda m: (m.doc, m.start, m.end, m.label))
    # 1. group by normalised key (case, possessive, title, corporate suffix)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        groups[org_key(m.text, m.label)].append(m)
    clusters = {k: _Cluster(k, v) for k, v in groups.items() if k}
    if texts:
        # a word is part of a longer name of the story when that name is established: said at
        # least a quarter as often as the word alone ("Theresa May" / "May"; not a stray
        # "Jackson Propofol" beside 48 "Propofol")
        longest: Counter = Counter()
        for k, c in clusters.items():
            if " " in k:
                for part in k.split():
                    longest[part] = max(longest[part], len(c.mentions))
        name_parts = {p for p, n in longest.items() if p in clusters and n >= max(2, NAME_PART_SHARE * len(clusters[p].mentions))}
        for k in terms(clusters, texts, name_parts):
            del clusters[k]
    types = {k: _vote(c.votes()) for k, c in clusters.items()}
    size = {k: len(c.mentions) for k, c in clusters.items()}
    parent: dict[str, str] = {}
    # a nationality or group and its plural are one ("Egyptians" / "Egyptian")
    for k in sorted(clusters):
        if k.endswith("s") and types[k] == "NORP" and types.get(k[:-1]) == "NORP":
            parent[k] = k[:-1]

    # 2. people: full names (two or more tokens) and the short names that abbreviate them;
    # first the variants of one full name ("Regina M. Benjamin", "Duncan Raite")
    variants = _name_variants(sorted(k for k, t in types.items() if t == "PERSON" and len(k.split()) >= 2), size)
    parent.update(variants)
    full_people = sorted(k for k, t in types.items() if t == "PERSON" and len(k.split()) >= 2 and k not in parent)

    def spelled(k: str) -> str:  # the full name a variant spelling joins
        while k in variants:
            k = variants[k]
        return k

    by_part: dict[str, list[str]] = defaultdict(list)
    surnames: dict[str, list[str]] = defaultdict(list)
    docs_of = {k: {m.doc for m in clusters[k].mentions} for k in clusters}
    in_doc_count = {k: Counter(m.doc for m in clusters[k].mentions) for k in full_people}
    # a short name abbreviates a full name in any of its spellings: "Gaddafi" is "Moammar Gadhafi"
    # where the story also writes him "Muammar Gaddafi"
    for k in [*full_people, *sorted(variants)]:
        parts, target = k.split(), spelled(k)
        by_part[parts[-1]].append(target)
        by_part[parts[0]].append(target)
        surnames[parts[-1]].append(target)
        bare = _ARTICLE.sub("", parts[-1])  # "Assad" is "Bashar al-Assad", "Baradei" "Mohamed el-Baradei"
        if bare != parts[-1] and len(bare) >= 4:
            by_part[bare].append(target)
            surnames[bare].append(target)
        if k != target:
            docs_of[target] = docs_of[target] | docs_of[k]
            in_doc_count[target] = in_doc_count[target] + Counter(m.doc for m in clusters[k].mentions)
    # per-document resolution of short names (the same short name can be a different
    # person in another document); stored as (doc, short key) -> full key
    per_doc: dict[tuple[str, str], str] = {}

    for k in sorted(clusters):
        if len(k.split()) != 1 or k not in by_part:
            continue
        candidates = sorted(set(by_part[k]))
        votes = clusters[k].votes()
        if types[k] in PLACES and size[k] >= 3 and votes.get("PERSON", 0) * 3 < size[k]:
            continue  # a place's name ("Tunisia") is no one's surname
        # a single token voted ORG/GPE joins a person only if a third of its mentions or more were
        # PERSON ("Nato" read as a name now and then does not make every NATO a "NATO Al-Obeidy"
        # the model once ran together), or, inside one document, when one person there carries that
        # name, or one the document names far more often than the others who do ("Gadhafi", read as
        # an organisation 767 times in a Libya story, on pages that also name a son of his)
        if types[k] != "PERSON" and votes.get("PERSON", 0) * 3 < size[k]:
            for doc in sorted(docs_of[k]):
                in_doc = [c for c in candidates if doc in docs_of[c]]
                pick = _dominant(in_doc, lambda c: in_doc_count[c][doc], DOMINANT_IN_DOC) if in_doc else None
                if pick:
                    per_doc[(doc, k)] = pick
            continue
        if len(candidates) == 1:
            parent[k] = candidates[0]
            continue
        overall = _dominant(sorted(set(surnames[k])), size.get, DOMINANT_IN_STORY) if k in surnames else None
        for doc in sorted(docs_of[k]):
            in_doc = [c for c in candidates if doc in docs_of[c]]
            pick = _dominant(in_doc, lambda c: in_doc_count[c][doc], DOMINANT_IN_DOC) if in_doc else overall
            if pick:
                per_doc[(doc, k)] = pick

    # 3. organisations: initialisms of a unique multi-word organisation, with evidence
    multi_orgs = defaultdict(list)
    for k, t in types.items():
        if t in ORGLIKE and (len(k.split()) >= 2 or "-" in k):
            # of the key and of each written form ("Electronic Data Systems" keeps its "Systems")
            for form in {k} | {surface(m.text) for m in clusters[k].mentions}:
                if len(initials(form)) >= 2:
                    multi_orgs[initials(form)].append(k)
    for k in sorted(clusters):
        if k in parent or len(k.split()) != 1 or not (2 <= len(k) <= 6):
            continue
        raw = surface(clusters[k].mentions[0].text).replace(".", "")
        if not raw.isupper():
            continue
        cands = sorted(set(multi_orgs.get(k, [])))
        if len(cands) > 1:  # of several long forms: the one of the initialism's own type the story uses far more
            pick = _dominant([c for c in cands if types[c] == types[k]], size.get, DOMINANT_IN_STORY)
            cands = [pick] if pick else cands
        if len(cands) == 1 and types[cands[0]] in ORGLIKE and (
                size[cands[0]] >= LONG_FORM_SHARE * size[k] or _defined(clusters[cands[0]], clusters[k])):
            parent[k] = cands[0]

    # 3b. a name qualified by a place of the story is the name the story also uses without it
    # ("San Diego Chargers" / "Chargers", "U.S. Surgeon General" / "Surgeon General", "Egyptian
    # President Hosni Mubarak" / "Hosni Mubarak"), when the place is a place of the story, the
    # qualified name is no place itself ("Mexico City"), and no other qualified name competes for
    # the same rest ("San Diego Chargers" and "Los Angeles Chargers" leave "Chargers" alone)
    places = {k for k, t in types.items() if t in PLACES}
    qualified: dict[str, list[str]] = defaultdict(list)
    for k in sorted(clusters):
        words = k.split()
        if types[k] in PLACES or k in parent or len(words) < 2:
            continue
        for cut in range(1, len(words)):
            before, after = " ".join(words[:cut]), " ".join(words[cut:])
            of_place = _OF_PLACE.fullmatch(after)
            if before in places:  # "San Diego Chargers"
                rest, place = after, before
            elif of_place and of_place[1] in places:  # "Surgeon General of the United States"
                rest, place = before, of_place[1]
            else:
                continue
            rest = org_key(rest, types[k])
            if rest in clusters and rest != k and (types[rest] in ORGLIKE) == (types[k] in ORGLIKE):
                qualified[rest].append((k, place))
            break
    by_doc = {short for _, short in per_doc}  # short names resolved document by document
    for rest, longs in sorted(qualified.items()):
        if len(longs) == 1 and rest not in by_doc and rest not in parent:  # not the short name of another
            (long, place), = longs
            if types[rest] in ORGLIKE and types[place] in ("GPE", "LOC") and size[long] >= LONG_FORM_SHARE * size[rest]:
                parent[rest] = long  # by its full name: "San Diego Chargers"; not by a run-together
                # span the story writes once for a name it writes hundreds of times ("Idaho (Reuters",
                # "Gulf U.S" took 622 "Reuters" and 2,777 "U.S." of a BP story)
            else:  # by the name without the office or the adjective: "Hosni Mubarak", "White House"
                parent[long] = rest

    def root(k: str) -> str:
        while k in parent:
            k = parent[k]
        return k

    # 4. build entities
    members: dict[str, list[Mention]] = defaultdict(list)
    for k, c in clusters.items():
        for m in c.mentions:
            r = per_doc.get((m.doc, k)) or root(k)
            members[r].append(m)
    entities: list[Entity] = []
    index: dict[tuple[str, int, int], str] = {}
    for r in sorted(members):
        mm = members[r]
        etype = _vote(Counter(m.label for m in mm))
        if types.get(r) == "PERSON" and len(r.split()) >= 2:
            etype = "PERSON"
        if etype == "PERSON" and texts:
            etype = _person_sense(mm, texts)
        name = _shown(_canonical(r, mm, etype))
        eid = content_id("ent", etype, r)
        aliases = sorted({written(m.text) for m in mm} - {name})
        entities.append(Entity(id=eid, name=name, type=etype, aliases=tuple(aliases), mentions=len(mm)))
        for m in mm:
            index[(m.doc, m.start, m.end)] = eid
    entities.sort(key=lambda e: (-e.mentions, e.name))
    return entities, index


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed ("Rait" / "Raite", "Gaddafi" / "Qaddafi")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _name_variants(people: Sequence[str], size: Mapping[str, int]) -> dict[str, str]:
    """Full person names that write one name two ways -> the name they join: a middle initial
    ("regina m benjamin" -> "regina benjamin", when the story also writes it without and no other
    middle initial competes) and one letter of the surname apart, each other word the same or
    one letter apart too ("duncan raite" -> "duncan rait"; a transliteration: "moammar gadhafi"
    -> "muammar gaddafi"), the form written more often taking the other. Only surnames of four
    letters or more, other words that differ of five or more, and of several such spellings only
    one the story writes far more often than the others (``DOMINANT_IN_STORY``: "Anna Smyth" is a
    letter from both "Anna Smith" and "Anna Smits"); a given name alone one letter apart ("Mark
    Kelly", "Mary Kelly") is another person."""
    out: dict[str, str] = {}
    known = set(people)
    bare: dict[str, list[str]] = defaultdict(list)
    for k in people:
        words = k.split()
        if len(words) >= 3 and all(len(w) == 1 for w in words[1:-1]):
            bare[f"{words[0]} {words[-1]}"].append(k)
    for short, longs in bare.items():
        if short in known and len(longs) == 1:
            out[longs[0]] = short
    # candidates by the surname's spellings one letter apart: each name under its surname with one
    # letter dropped or blanked, so two surnames a letter apart share a key (no pass over all pairs)
    by_key: dict[tuple[int, str], list[str]] = defaultdict(list)
    rest = [k for k in people if k not in out]
    for k in rest:
        words = k.split()
        last = words[-1]
        if len(last) >= 4:
            for key in _one_letter_keys(last):
                by_key[(len(words), key)].append(k)
    for k in rest:
        words = k.split()
        if len(words[-1]) < 4:
            continue
        near = {o for key in _one_letter_keys(words[-1]) for o in by_key[(len(words), key)]
                if _spelled_apart(words, o.split())}
        # of several spellings ("Muammar Gaddafi", "Moammar Gaddafi", "Muammar Gadhafi"), the one the
        # story writes far more often than the others
        pick = _dominant(sorted(near), size.get, DOMINANT_IN_STORY)
        if pick and (size[k], k) < (size[pick], pick):
            out[k] = pick
    return out


def _dominant(cands: Sequence[str], weight, ratio: float) -> str | None:
    """The candidate with ``ratio`` times the weight of any other, if one has."""
    ranked = sorted(cands, key=lambda c: (-weight(c), c))
    if len(ranked) <= 1:
        return ranked[0] if ranked else None
    top = weight(ranked[0])
    return ranked[0] if top > 0 and top >= ratio * weight(ranked[1]) else None


def _one_letter_keys(word: str) -> set[str]:
    """The word, and it with each letter dropped or blanked: two words one letter apart
    (:func:`_one_letter_apart`) share one of these."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))} | {
        word[:i] + "*" + word[i + 1:] for i in range(len(word))}


def _spelled_apart(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two full names that are one name spelled two ways: the surnames one letter apart, every
    other word the same or one letter apart (both of five letters or more: "Omar" and "Amar" are
    two names)."""
    return (len(a) == len(b) and a[-1] != b[-1] and _one_letter_apart(a[-1], b[-1])
            and all(x == y or (min(len(x), len(y)) >= 5 and _one_letter_apart(x, y)) for x, y in zip(a[:-1], b[:-1])))


def _as_person(m: Mention) -> Mention:
    """A name after an honorific is a person's, whatever the model labelled it ("Mr Murray" as ORG)."""
    toks = tokens(m.text)
    if m.label != "PERSON" and len(toks) >= 2 and toks[0] in HONORIFICS:
        return replace(m, label="PERSON")
    return m


def written(text: str) -> str:
    """A mention as an alias is shown: its surface without a sentence opener ("Under Mubarak" -> "Mubarak")."""
    words = surface(text).split()
    while len(words) > 1 and all(t in OPENERS for t in _TOKEN.findall(words[0].lower())):
        words = words[1:]
    return " ".join(words)


# the word before a name that says it is not a person's: "the Stargate project", "on Twitter",
# "via LinkedIn" (a thing or an organisation), "in Gaza", "from Aberystwyth" (a place)
NOT_PERSON_BEFORE = {"the": "ORG", "a": "ORG", "an": "ORG", "on": "ORG", "via": "ORG", "using": "ORG",
                     "his": "ORG", "her": "ORG", "its": "ORG", "their": "ORG", "our": "ORG", "my": "ORG",
                     "your": "ORG", "in": "GPE", "at": "GPE", "from": "GPE", "across": "GPE", "throughout": "GPE",
                     "into": "GPE"}
NOT_PERSON_SHARE = 1 / 3
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W{0,2}$")


def _person_sense(mentions: Sequence[Mention], texts: Mapping[str, str]) -> str:
    """PERSON, unless a third or more of the mentions follow a word no person's name follows
    ("the", "on", "via": ORG; "in", "at", "from": GPE), then that type."""
    before: Counter = Counter()
    for m in mentions:
        hit = _WORD_BEFORE.search(texts.get(m.doc, "")[max(0, m.start - 14): m.start])
        if hit and hit.group(1) in NOT_PERSON_BEFORE:  # lower case only: "The Beatles" opens a sentence
            before[NOT_PERSON_BEFORE[hit.group(1)]] += 1
    if not before:
        return "PERSON"
    kind, n = before.most_common(1)[0]
    return kind if sum(before.values()) >= NOT_PERSON_SHARE * len(mentions) else "PERSON"


def _fold(text: str) -> str:
    return " ".join(tokens(text))


def _defined(long: _Cluster, short: _Cluster) -> bool:
    """The initialism stands right after its long form in some document ("Wall Street Journal (WSJ)")."""
    ends = {(m.doc, m.end) for m in long.mentions}
    return any((m.doc, m.start - d) in ends for m in short.mentions for d in (1, 2, 3))


def _canonical(key: str, mentions: Sequence[Mention], etype: str) -> str:
    forms = Counter(surface(m.text) for m in mentions if org_key(m.text, m.label) == key)
    if not forms:
        forms = Counter(surface(m.text) for m in mentions)
    # prefer the bare form (no title, no suffix: "Conrad Murray" over "Dr Conrad Murray", "Oracle"
    # over "Oracle Corp."), not written in capitals ("Mubarak" over "MUBARAK"), then the most frequent
    bare = {f: [t.replace(".", "") for t in tokens(f)] == [t.replace(".", "") for t in key.split()] for f in forms}
    if etype in ORGLIKE:
        # then the one with more capitals ("OpenAI" over "OpenAi")
        return max(forms, key=lambda f: (bare[f], not f.isupper() or len(f) <= 6, forms[f],
                                         sum(c.isupper() for c in f), -len(f)))
    return max(forms, key=lambda f: (bare[f], not f.isupper(), forms[f], len(f), f))


def _shown(name: str) -> str:
    """Dotted initials keep their last dot ("U.S" -> "U.S.")."""
    return name + "." if _DOTTED.match(name + ".") and "." in name else name


# What a third-person pronoun can stand for: a person, or a group (an organisation, a country, a
# people). Subject, object, possessive and reflexive forms; "I" and "we" for a speaker's own words.
PRONOUN_KINDS: dict[str, str] = {
    **dict.fromkeys("he she him her his hers himself herself i".split(), "person"),
    **dict.fromkeys("it its itself they them their theirs themselves we".split(), "group"),
}
PRONOUN_TYPES = {"person": ("PERSON",), "group": ("ORG", "GPE", "NORP")}
# pronouns that open a relative clause: they stand for the noun the clause hangs on ("Sam Altman,
# who said", "the Navy, which")
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that", "where"})
PRONOUN_REACH = 600  # characters back: the antecedent is in the same or the previous sentences


def pronoun_antecedent(word: str, before: int, doc_id: str, entities) -> str | None:
    """The entity a pronoun stands for: the latest mention before it (within
    :data:`PRONOUN_REACH` characters) of an entity of the kind the pronoun names (:data:`PRONOUN_KINDS`;
    "he" a person, "it" or "they" an organisation, country or people), else None. A recency rule,
    written here because spaCy's English pipeline resolves no pronouns and the coreference models
    that do are downloaded at run time; used for quote speakers and scored on ECB+ entities
    (``storyline eval coref --route entities``). ``entities``: an :class:`EntityIndex` (or one
    that records its questions)."""
    kind = PRONOUN_KINDS.get(word.lower())
    if kind is None:
        return None
    want = PRONOUN_TYPES[kind]
    found = [(m.start, e) for m, e in entities.mentions_in(doc_id, max(0, before - PRONOUN_REACH), before)
             if e and entities.type_of(e) in want]
    return max(found)[1] if found else None


class EntityIndex:
    """Look up which entity a span of a document mentions."""

    def __init__(self, entities: Sequence[Entity], index: dict[tuple[str, int, int], str],
                 mentions: Sequence[Mention] = ()):
        self.entities = {e.id: e for e in entities}
        self._by_doc: dict[str, list[tuple[int, int, str, Mention | None]]] = defaultdict(list)
        by_key = {(m.doc, m.start, m.end): m for m in mentions}
        for (doc, start, end), eid in index.items():
            self._by_doc[doc].append((start, end, eid, by_key.get((doc, start, end))))
        for rows in self._by_doc.values():
            rows.sort(key=lambda r: (r[0], r[1]))
        self._starts = {doc: [r[0] for r in rows] for doc, rows in self._by_doc.items()}

    @classmethod
    def build(cls, mentions: Sequence[Mention]) -> "EntityIndex":
        entities, index = reconcile(mentions)
        return cls(entities, index, mentions)

    def entity_of(self, doc: str, start: int, end: int) -> str | None:
        """The entity whose mention overlaps ``[start, end)`` most."""
        rows = self._by_doc.get(doc)
        if not rows:
            return None
        i = bisect_left(self._starts[doc], start)
        best, best_overlap = None, 0
        for j in range(max(0, i - 3), len(rows)):
            s, e, eid, _ = rows[j]
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = eid, overlap
        return best

    def mentions_in(self, doc: str, start: int, end: int) -> list[tuple[Mention, str]]:
        """Entity mentions inside ``[start, end)``, in text order, with their entity ids."""
        rows = self._by_doc.get(doc, [])
        i = bisect_left(self._starts.get(doc, []), start)
        out = []
        for s, e, eid, m in rows[i:]:
            if s >= end:
                break
            if e <= end and m is not None:
                out.append((m, eid))
        return out

    def by_name(self, text: str, doc: str) -> str | None:
        """The entity a name the model did not tag refers to ("Musk wrote later"): the one named or
        also written so, else the one person whose name ends so, in the document first, then in
        the story; None when none or several."""
        key = _fold(text)
        if not key:
            return None
        in_doc = {e for rows in (self._by_doc.get(doc, ()),) for _, _, e, _ in rows}
        if not hasattr(self, "_named"):  # looked up per quote and payer: index the names once
            self._named: dict[str, list[str]] = defaultdict(list)
            self._surnamed: dict[str, list[str]] = defaultdict(list)
            for e in self.entities.values():
                for k in {_fold(e.name), *map(_fold, e.aliases)}:
                    self._named[k].append(e.id)
                if e.type == "PERSON" and len(e.name.split()) >= 2:
                    self._surnamed[_fold(e.name.split()[-1])].append(e.id)
        named, surname = self._named.get(key, []), self._surnamed.get(key, [])
        for cands in (named, surname):
            for pool in ([c for c in cands if c in in_doc], cands):
                if len(pool) == 1:
                    return pool[0]
        return None

    def name_of(self, entity_id: str) -> str:
        return self.entities[entity_id].name

    def type_of(self, entity_id: str) -> str:
        return self.entities[entity_id].type
