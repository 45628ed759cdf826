"""Event mentions: clauses that report something happening, with participants, time and amounts.

A trigger is a verb or an event noun in the dependency parse whose lemma belongs to the
general-news type inventory below (business, politics, law, conflict, disasters), or a main
verb with a named participant (typed ``other``). For each trigger the clause is the trigger's
syntactic neighbourhood: its subject, objects and prepositional arguments, or, for a noun
("an investment", "the acquisition"), the noun's own arguments plus the subject of the light
verb that governs it ("Microsoft *made* an investment in OpenAI").

Participants are the entity mentions the lead's :class:`EntityIndex` knows inside those
arguments, with a role from the dependency label: ``agent`` (active subject, passive
``by``-phrase), ``patient`` (object, passive subject), ``recipient`` (``in``/``into``/``to``/
``for`` phrases of money and deal events), ``other``. Time is the time expression inside the
clause, else the nearest point or range in the sentence; ``None`` means the text gives no time
and the pipeline falls back to the publication date. Amounts are the quantity extractor's
amounts inside the clause, or inside the sentence for money events.

Why hand-written: spaCy has no event extractor and no PyPI package ships a general-news event
typer that runs offline; the inventory is a short lexicon of trigger lemmas (ACE/ERE-like
types), checked by tests on hand-built sentences, never tuned to one story.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from typing import Iterable

import numpy as np

from ..annotate import timex
from ..annotate.nlp import doc_text
from ..records import EventMention, Participant, TimeExpr, content_id
from ..tls.trim import outside_dateline
from .entities import POSTS

# Trigger lemma -> event type. General news inventory (ACE 2005 / ERE-like, plus business).
TYPE_LEXICON: dict[str, tuple[str, ...]] = {
    "investment": ("invest", "investment", "stake", "back", "bankroll", "finance", "injection", "co-invest"),
    "funding": ("fund", "funding", "raise", "round", "fundraise", "fundraising", "valuation", "value",
                "ipo", "float", "grant", "loan", "lend", "borrow", "donate", "donation", "subsidy"),
    "acquisition": ("acquire", "acquisition", "buy", "purchase", "takeover", "merge", "merger", "buyout",
                    "sell", "sale", "divest", "divestiture", "spin", "bid", "offer", "acquihire", "absorb"),
    "hiring": ("hire", "recruit", "poach", "employ", "join", "appoint", "appointment", "nominate",
               "nomination", "name", "tap", "layoff", "lay", "fire", "sack", "cut"),
    "leadership_change": ("resign", "resignation", "step", "oust", "ouster", "replace", "succeed",
                          "reinstate", "reinstatement", "depart", "departure", "quit", "retire",
                          "retirement", "remove", "removal", "promote", "promotion", "return", "leave", "exit"),
    "contract": ("contract", "deal", "agreement", "agree", "sign", "partner", "partnership", "license",
                 "licence", "commit", "commitment", "award", "order", "pact", "collaboration", "collaborate",
                 "alliance", "supply", "provide"),
    "launch": ("launch", "release", "unveil", "introduce", "debut", "ship", "roll", "rollout", "open", "publish", "demo", "preview", "deploy"),
    "dispute": ("dispute", "clash", "criticize", "criticise", "accuse", "accusation", "reject", "oppose",
                "dismiss", "deny", "condemn", "protest", "boycott", "threaten", "threat", "tension",
                "conflict", "feud", "rift", "row", "challenge", "warn", "strike", "complain", "complaint"),
    "legal": ("sue", "lawsuit", "suit", "charge", "indict", "indictment", "arrest", "convict", "conviction",
              "sentence", "acquit", "investigate", "investigation", "probe", "fine", "settle", "settlement",
              "ruling", "rule", "appeal", "plead", "prosecute", "trial", "ban", "sanction", "regulate",
              "subpoena", "jail", "imprison", "detain", "extradite", "testify"),
    "statement": ("say", "tell", "state", "statement", "claim", "confirm", "note", "add", "write", "post",
                  "tweet", "explain", "argue", "insist", "comment", "remark", "declare", "report", "describe",
                  "acknowledge", "admit", "reveal", "disclose", "announce", "announcement", "call", "quote", "interview", "speak"),
    "plan": ("plan", "intend", "aim", "consider", "propose", "proposal", "prepare", "seek", "pledge",
             "promise", "vow", "target", "negotiate", "negotiation", "talk", "explore", "weigh", "mull"),
    "forecast": ("forecast", "predict", "prediction", "project", "projection", "expect", "expectation",
                 "estimate", "anticipate", "outlook", "guidance", "foresee"),
    "election": ("elect", "election", "vote", "ballot", "poll", "campaign", "win", "lose", "defeat",
                 "inaugurate", "inauguration", "nominee", "primary", "referendum", "reelect", "re-elect"),
    "attack": ("attack", "kill", "shoot", "shooting", "bomb", "bombing", "explode", "explosion", "stab",
               "murder", "assassinate", "invade", "invasion", "raid", "airstrike", "fire", "hijack",
               "wound", "injure", "massacre", "assault", "war", "battle", "fight", "capture", "seize"),
    "disaster": ("earthquake", "quake", "flood", "hurricane", "storm", "tsunami", "wildfire", "blaze",
                 "crash", "collapse", "outbreak", "eruption", "erupt", "tornado", "drought", "die", "death",
                 "sink", "derail", "evacuate", "evacuation", "spill", "leak", "outage", "breach", "aftershock",
                 "tremor", "temblor", "typhoon", "cyclone", "landslide", "mudslide", "avalanche", "pandemic", "epidemic"),
    "business_result": ("earn", "earnings", "revenue", "profit", "loss", "report", "grow", "growth",
                        "decline", "fall", "rise", "jump", "surge", "plunge", "drop", "soar", "slump"),
}

# A lemma can sit in several lists ("fire": hiring or attack, "report": statement or results);
# the first list in this order wins, the parse then refines nothing: ambiguity stays visible.
TYPE_ORDER: tuple[str, ...] = (
    "acquisition", "investment", "funding", "leadership_change", "hiring", "contract", "legal",
    "election", "attack", "disaster", "launch", "dispute", "plan", "forecast", "statement", "business_result",
)
TRIGGER_TYPES: dict[str, str] = {}
for _type in reversed(TYPE_ORDER):
    for _lemma in TYPE_LEXICON[_type]:
        TRIGGER_TYPES[_lemma] = _type

MONEY_TYPES = frozenset({"investment", "funding", "acquisition", "contract", "business_result"})
# verbs that only carry a nominal event ("make an investment", "announce a deal")
LIGHT_VERBS = frozenset({"make", "announce", "complete", "close", "sign", "lead", "finalize", "finalise",
                         "strike", "reach", "seal", "confirm", "unveil", "receive", "secure", "get",
                         "take", "hold", "file", "launch", "open", "win", "face", "begin", "start"})
# verbs whose event is their complement ("agreed to buy", "moved to acquire")
CARRIER_VERBS = frozenset({"agree", "decide", "move", "try", "attempt", "begin", "start", "continue"})
# main verbs that report no happening of their own
NON_EVENT_VERBS = frozenset({"be", "have", "do", "seem", "appear", "become", "remain", "include",
                             "mean", "want", "need", "like", "know", "think", "believe", "feel", "look",
                             "get", "go", "come", "make", "take", "use", "let", "keep", "see", "try"})
SUBJ = frozenset({"nsubj", "csubj", "expl"})
PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
OBJ = frozenset({"dobj", "obj", "attr", "oprd", "dative"})
RECIPIENT_PREPS = frozenset({"in", "into", "to", "for", "with"})
TIME_TYPES = frozenset({"DATE", "TIME"})
PARTICLES = frozenset({"down", "up", "out", "off", "over", "back", "in", "aside"})


def event_type(lemma: str) -> str:
    """The news event type of a trigger lemma (``other`` when not in the inventory)."""
    return TRIGGER_TYPES.get(lemma.lower(), "other")


# Hiring happens to people: "hired Jane Smith", "cut 1,000 jobs", "employs 5,000 staff". Many of its
# verbs have other senses whose object is a thing ("tactics employed by", "named the model GPT-4",
# "cut prices", "fired missiles"), so a hiring verb is typed hiring only when what it acts on is a
# person, a pronoun for one or a word for staff or posts. Verbs that mean hiring and nothing else
# keep the type when the clause names no object ("the company is hiring"); the others need one.
HIRING_ONLY = frozenset({"hire", "recruit", "poach", "appoint", "nominate", "sack"})
PERSONNEL = frozenset({
    "staff", "staffer", "employee", "worker", "workforce", "people", "person", "job", "position", "post",
    "role", "seat", "executive", "chief", "ceo", "cfo", "cto", "coo", "president", "chairman", "chairwoman",
    "chair", "director", "manager", "head", "leader", "officer", "official", "team", "talent", "engineer",
    "researcher", "scientist", "developer", "designer", "analyst", "banker", "lawyer", "adviser", "advisor",
    "consultant", "contractor", "member", "candidate", "successor", "replacement", "minister", "secretary",
    "ambassador", "judge", "coach", "player", "founder", "cofounder", "co-founder", "partner", "aide",
    "spokesman", "spokeswoman", "spokesperson", "commander", "general", "envoy", "deputy", "colleague",
})
PERSON_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you", "he", "she", "they", "i", "we",
                             "himself", "herself", "themselves"})


def _personlike(tok) -> bool:
    """A person or a word for staff or posts: the phrase's head or a compound of it ("CEO Sam
    Altman"). Not an apposition: in "named its new model GPT-4" the small model tags GPT-4 as a
    person, but what is named is a model."""
    return any(t.ent_type_ == "PERSON" or t.lower_ in PERSON_PRONOUNS or t.lemma_.lower() in PERSONNEL
               for t in (tok, *(c for c in tok.children if c.dep_ == "compound")))


# Words for people that are not posts: "was named as the first person to die" appoints no one.
NOT_POSTS = frozenset({"people", "person"})


def _hiring_applies(tok) -> bool:
    """Whether a hiring verb acts on people here (see :data:`PERSONNEL`): its object, or the subject
    of its passive, is person-like; "join" needs a person-like subject (who joins is who is hired).
    "name" appoints only to a post ("named Jane Smith chief executive", "was named CEO"); without
    one it gives a name ("her son, named Jack", "named its model GPT-4")."""
    lemma = tok.lemma_.lower()
    if lemma == "name":  # the post, not an apposition of the name ("a man named Bakhit, a former general")
        return any(t.lemma_.lower() in PERSONNEL - NOT_POSTS for c in tok.children
                   if c.dep_ in OBJ or c.dep_ in ("oprd", "attr", "prep", "xcomp") for t in _without_appositions(c))
    if lemma == "join":
        subj = [c for c in tok.children if c.dep_ in SUBJ]
        # "joined several aid agencies in saying ...", "joined the others in calling for": doing it together
        together = any(c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pcomp" or g.tag_ == "VBG"
                                                                     for g in c.children) for c in tok.children)
        return bool(subj) and _personlike(subj[0]) and not together
    patients = _acted_on(tok)
    if not patients:
        return lemma in HIRING_ONLY
    return any(_personlike(c) for c in patients)


def _acted_on(tok) -> list:
    """What a verb acts on: its objects, the subject of its passive, and the noun it describes as a
    participle ("troops deployed overseas", "the fired minister", "lost wages", "a statement released
    on Monday")."""
    out = [c for c in tok.children if c.dep_ in OBJ or c.dep_ in PASS_SUBJ]
    if tok.dep_ in ("amod", "acl"):
        out.append(tok.head)
    return out


def _without_appositions(tok) -> list:
    """The tokens of a phrase, leaving out what stands in apposition to its parts."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ != "appos")
    return out


# Money put *into* an organisation is an investment whatever the verb ("threw $1 billion into
# OpenAI", "poured $500 million into the startup", "dropped another $10 billion into OpenAI"):
# the pattern, not a list of colourful verbs, carries the sense.
ORG_NOUNS = frozenset({"company", "startup", "start-up", "firm", "venture", "business", "fund", "project",
                       "bank", "lab", "laboratory", "group", "unit", "subsidiary", "maker", "rival", "partner",
                       "developer", "operator", "provider", "platform", "airline", "carrier", "insurer"})
NOT_RECIPIENT_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


# Giving money is funding: "Microsoft did provide $750 million" in a round, "contributed $2 billion".
# These verbs are contracts or supplies when what they give is a thing ("provides computing power").
FUNDING_VERBS = frozenset({"provide", "supply", "contribute", "give", "lend"})  # not "pledge": a promise


def _invests(tok) -> bool:
    """The verb's object holds an amount of money, and either the verb gives (:data:`FUNDING_VERBS`)
    or an ``into`` phrase names an organisation."""
    if not any(t.ent_type_ == "MONEY" for c in tok.children if c.dep_ in OBJ for t in c.subtree):
        return False
    if tok.lemma_.lower() in FUNDING_VERBS:
        return True
    return any(g.dep_ == "pobj" and ((g.ent_type_ and g.ent_type_ not in NOT_RECIPIENT_ENTS)
                                     or g.pos_ == "PROPN" or g.lemma_.lower() in ORG_NOUNS)
               for p in tok.children if p.dep_ == "prep" and p.lower_ == "into" for g in p.children)


# A happening reported as a possibility ("Microsoft *may* eventually invest in Stargate", "OpenAI
# *could* sue") has not happened: it is a plan, not the act.
POSSIBILITY_MODALS = frozenset({"may", "might", "could"})


# "contract" also means catching a disease; its object tells (general medical words, not a story's).
ILLNESS_VERBS = frozenset({"contract", "catch"})
ILLNESSES = frozenset({
    "virus", "disease", "illness", "infection", "flu", "influenza", "fever", "strain", "bug", "cold", "hiv",
    "aids", "malaria", "cholera", "tuberculosis", "tb", "measles", "pneumonia", "covid", "covid-19",
    "coronavirus", "ebola", "polio", "hepatitis", "sepsis", "cancer", "mumps", "dengue", "zika", "mpox",
    "smallpox", "plague", "syphilis", "meningitis", "sars", "mers", "typhoid", "rabies", "infections",
})


# Verbs whose news sense needs a particle or an object of the right kind; without it they are
# everyday words: "stepped down" is a leadership change, "stepped up production" is not; "raised
# $10 million" is funding, "raised its alert" is not; "offered $5 billion for" is a bid, "offered
# reassurance" is not; "left the company" is a departure, "left them feeling bitter" is not;
# "released a statement" is a statement, not a launch.
FUNDING_OBJECTS = frozenset({"fund", "funds", "capital", "money", "cash", "round", "financing", "debt",
                             "equity", "investment", "stake"})


# The verbs of rising and falling; a market's, a company's or a price's change is a business result.
CHANGE_VERBS = frozenset({"grow", "decline", "fall", "rise", "jump", "surge", "plunge", "drop", "soar", "slump"})
# The verbs :func:`_verb_sense` reads the clause of (a branch below for each); every other verb keeps
# its type without the walk over its objects' subtrees (half a million verbs at 4,600 articles).
SENSE_VERBS = frozenset({"step", "raise", "offer", "leave", "release", "shoot", "capture", "rule", "deal", "order",
                         "return", "charge", "talk", "deploy", "storm", "lose", "strike", "back", "publish",
                         "kill", "wound", "injure", "sign", "appeal", "win"}) | CHANGE_VERBS
# where a charge that attacks goes: "charged into the crowd", "charged at the police lines"
CHARGE_AT = frozenset({"into", "at", "toward", "towards", "through", "across", "on", "upon"})


def _verb_sense(tok, lemma: str, etype: str) -> str | None:
    """The type the clause gives one of these verbs, or None to keep :func:`event_type`'s."""
    if lemma not in SENSE_VERBS:
        return None
    kids = list(tok.children)
    objects = [c for c in kids if c.dep_ in OBJ]
    money = any(t.ent_type_ == "MONEY" for c in objects for t in c.subtree)
    if lemma == "step" and etype == "leadership_change":
        down = any((c.dep_ in ("prt", "advmod", "prep") and c.lower_ in ("down", "aside")) for c in kids)
        return None if down else "other"
    if lemma == "raise" and etype == "funding":
        return None if money or any(c.lemma_.lower() in FUNDING_OBJECTS for c in objects) else "other"
    if lemma == "offer" and etype == "acquisition":
        bid = money or any(c.dep_ == "prep" and c.lower_ == "for" for c in kids) or any(
            c.dep_ == "xcomp" and event_type(c.lemma_) == "acquisition" for c in kids)
        return None if bid else "other"
    if lemma == "leave" and etype == "leadership_change":
        if _natural_cause(tok):
            return "disaster"  # "the earthquake has left 50,000 dead": no one left a post
        return "other" if any(c.dep_ in ("xcomp", "ccomp", "oprd", "acomp") for c in kids) else None
    if lemma in ("release", "publish") and any(event_type(c.lemma_) == "statement" or c.lemma_.lower() in DOCUMENT_WORDS
                                               for c in _acted_on(tok)):
        return "statement"  # "released a report", "a statement released on Monday", "an interview published Thursday"
    if lemma == "release" and etype == "launch" and any(
            _held(c) for c in kids if c.dep_ in OBJ or c.dep_ in PASS_SUBJ):
        return "legal"  # "released two reporters", "the hostages were released": freed from custody, no launch
    if lemma in ("shoot", "capture") and etype == "attack" and _films(tok):
        return "other"  # "shot this video", "captured the protesters on camera"
    if lemma == "rule" and etype == "legal" and not _rules_on(tok):
        return "other"  # "ruled the country for 30 years", "ruled out a run": governing, not judging
    if lemma == "deploy" and etype == "launch" and _deploys_force(tok):
        return "other"  # "deployed 2,000 troops", "troops deployed overseas": no product launched
    if lemma == "back" and etype == "investment" and any(c.dep_ == "prt" for c in kids):
        return "other"  # "backed up to the al-Brega area", "backed down", "backed off": no money put in
    if lemma == "storm" and etype == "disaster":
        return "attack"  # "stormed into the hotel", "stormed the embassy": the weather is the noun
    if lemma == "lose" and etype == "election":  # "lost the election"; "lost the town", "lost $2 billion", "lost wages"
        lost = _acted_on(tok)
        if any(t.lemma_.lower() in BALLOT_WORDS for c in lost for t in (c, *c.children)) or not lost:
            return None
        if any(_ground(c) for c in lost):
            return "attack"
        return "business_result" if money else "other"
    if lemma in CHANGE_VERBS and etype == "business_result":
        return _change_sense(tok, lemma)
    if lemma == "win" and etype == "election" and objects and not any(
            t.lemma_.lower() in BALLOT_WORDS for c in objects for t in (c, *c.children)):
        if any(_ground(c) for c in objects):
            return "attack"  # "the rebels won control of the town", as a town is lost
        return "other"  # "won the prize", "won approval": no election (a contract won is the contract's)
    if lemma in ("release", "publish") and etype == "launch" and money:
        return "funding"  # "would release $10m from its emergency fund"
    if lemma == "sign" and etype == "contract" and any(c.dep_ == "prt" and c.lower_ == "up" for c in kids):
        return "other"  # "40 stars had signed up to take part": joining in, no contract
    if lemma == "appeal" and etype == "legal" and not _appeals_a_judgment(tok):
        return "statement"  # "appealed for calm", "appealed to the public for help": a call
    if lemma in ("kill", "wound", "injure") and etype == "attack" and _natural_cause(tok):
        return "disaster"  # "the quake killed 200,000 people", "a strain of flu has killed 60": no attacker
    if lemma == "strike" and etype == "dispute":  # workers strike; an army or a quake strikes something
        subjects = [c for c in kids if c.dep_ in SUBJ]
        if any(c.lemma_.lower() in TYPE_LEXICON["disaster"] for c in subjects):
            return "disaster"  # "a 7.0 earthquake struck Haiti", "a magnitude-4.5 aftershock struck"
        if not objects and any(c.lower_ in ("it", "which") for c in subjects):
            return "other"  # "It struck south of the capital at 1653": a thing strikes, no one walks out
        # what is hit: a place, people, a force or a target ("struck targets in Tripoli"); not "struck a
        # deal" (the light verb hands over to its noun) nor "struck a balance"
        return "attack" if any(_ground(c) or _held(c) or c.lemma_.lower() in TARGETS | FORCE_WORDS
                               for c in objects) else None
    if lemma == "talk" and etype == "plan":  # the noun "talks" negotiates; the verb speaks ("talked about tax
        # reform", "talking to reporters") unless two sides do it ("Iran and the US will talk in Vienna")
        two_sides = any(c.dep_ in SUBJ and any(g.dep_ == "conj" for g in c.children) for c in kids)
        return None if two_sides else "statement"
    if lemma == "deal" and etype == "contract":
        return "other"  # the verb copes ("deal with the outbreak"); the noun is the contract
    if lemma == "order" and etype == "contract":  # "ordered 100 planes"; not "ordered travellers to undergo checks"
        return "other" if any(c.dep_ in ("xcomp", "ccomp") for c in kids) or any(_personlike(c) for c in objects) else None
    if lemma == "charge" and etype == "legal":  # "charged with murder", "charged two men"; a price is no charge
        if money or any(t.ent_type_ == "MONEY" for c in kids if c.dep_ == "npadvmod" for t in c.subtree):
            return "other"  # "charged customers $5 a month": a price
        preps = {c.lower_ for c in kids if c.dep_ == "prep"}
        if preps & CHARGE_AT and "with" not in preps and not objects and not any(c.dep_ in PASS_SUBJ for c in kids):
            return "attack"  # "camels charged into the crowd", "police charged at the protesters"
    if lemma == "return" and etype == "leadership_change":  # "returned as chief executive"; not "returning from Mexico"
        places = [g for c in kids if c.dep_ == "prep" and c.lower_ in ("from", "to") for g in c.children
                  if g.dep_ == "pobj"]
        if any(c.dep_ == "prep" and c.lower_ == "from" for c in kids) or any(
                g.ent_type_ in ("GPE", "LOC", "FAC") for g in places) or any(c.lower_ == "home" for c in kids):
            return "other"
    return None


MARKET_WORDS = frozenset({
    "share", "stock", "price", "index", "market", "profit", "revenue", "sale", "earning", "earnings", "income",
    "dollar", "euro", "yen", "pound", "sterling", "currency", "yield", "bond", "economy", "gdp", "output", "rate",
    "inflation", "unemployment", "value", "valuation", "cost", "export", "import", "spending", "demand", "crude",
    "oil", "gold", "commodity", "equity", "future", "dividend", "margin", "turnover", "production", "growth",
    "debt", "deficit", "borrowing", "loss", "asset", "investment", "trade", "barrel", "wage", "salary", "job",
    "payroll", "confidence", "lending", "credit", "mortgage", "subscriber", "user", "customer", "order", "capex"})


def _change_sense(tok, lemma: str) -> str | None:
    """What rises or falls decides the type: a market, a price or a company ("BP shares fell 5%", "BP
    rose", "sales grew to $2 billion": a business result, None); a town ("Tripoli fell to the rebels":
    an attack); a count of a disaster's or an attack's toll ("the death toll rose to 300": the
    disaster's type); anything else ("pressure was rising", "the protests grew") is no business
    result, ``other``. A change that gives an amount or a percentage is a business result; a change
    whose subject the parse does not give keeps its type."""
    kids = list(tok.children)
    if any(t.ent_type_ in ("MONEY", "PERCENT") for c in kids if c.dep_ not in SUBJ for t in c.subtree):
        return None
    what = [c for c in kids if c.dep_ in SUBJ]
    if not what and tok.dep_ == "conj":  # "... was at 6,700 psi and steadily rising": its first verb's subject
        what = [c for c in tok.head.children if c.dep_ in SUBJ]
    if tok.dep_ == "amod":  # "rising prices"
        what.append(tok.head)
    if not what:
        return None
    words = [t for c in what for t in (c, *(g for g in c.children if g.dep_ in ("compound", "amod", "poss")))]
    if any(t.ent_type_ in ("ORG", "MONEY", "PERCENT") or t.lemma_.lower() in MARKET_WORDS for t in words):
        return None
    if lemma == "fall" and any(_ground(c) for c in what):
        return "attack"  # "the town fell to the rebels"
    counted = words + [g for c in what for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj"]
    # what a count is of: "the death toll rose to 300" counts a disaster's dead, "the number of attacks grew"
    return next((t for t in (event_type(x.lemma_) for x in counted) if t in ("disaster", "attack")), "other")


# What is appealed in court: "appealed the ruling", "an appeal against his conviction".
JUDGMENTS = frozenset({"ruling", "verdict", "conviction", "sentence", "decision", "judgment", "judgement", "order",
                       "case", "charge", "ban", "fine", "acquittal", "extradition", "deportation"})


def _appeals_a_judgment(tok) -> bool:
    """An appeal (the verb or the noun) goes to a court: what it is of or against is a judgment
    (:data:`JUDGMENTS`), a court is named in it, or a court word modifies the noun ("an appeals court",
    "a court appeal"). "A public appeal for aid", "appealed for calm" ask the public."""
    words = [t for c in tok.children if c.dep_ in OBJ or c.dep_ in ("prep", "compound", "amod", "nmod")
             for t in c.subtree]
    if tok.dep_ == "compound":  # "an appeals court"
        words.append(tok.head)
    return any(t.lemma_.lower() in JUDGMENTS | COURT_WORDS for t in words)


# words for a disaster that name no kind of one (no event of their own: "a PR disaster"), yet no attacker
DISASTER_WORDS = frozenset({"disaster", "catastrophe"})
# what a passive's cause hangs from when it is no "by" agent: "were killed in the earthquake",
# "killed and two million made homeless following the quake"
CAUSE_PREPS = frozenset({"in", "during", "following", "after", "from"})


def _natural_cause(tok) -> bool:
    """What kills or injures is a disaster or an illness: the verb's subject, or the agent of its
    passive ("killed by the earthquake"), is a disaster word or an illness, or a strain, an outbreak
    or a case "of" one ("a strain of flu"); or a passive or a participle with no agent names one as
    where or after what it happened ("were killed in the earthquake", "the number of people killed in
    the disaster", and on a conjunct that shares the sentence's cause: "were killed and two million
    made homeless following the quake")."""
    causes = [c for c in tok.children if c.dep_ in SUBJ] + [g for c in tok.children if c.dep_ == "agent"
                                                             for g in c.children if g.dep_ == "pobj"]
    passive = any(c.dep_ in PASS_SUBJ for c in tok.children) or _describes(tok)  # "people killed in the quake"
    if passive and not any(c.dep_ == "agent" for c in tok.children):
        # its own prepositions, and anywhere in a conjunct that shares its cause ("and two million
        # (were) made homeless by the quake")
        preps = [p for p in tok.children if p.dep_ == "prep"] + [
            p for c in tok.children if c.dep_ == "conj" for p in c.subtree if p.dep_ in ("prep", "agent")]
        causes += [g for p in preps if p.dep_ == "agent" or p.lower_ in CAUSE_PREPS
                   for g in p.children if g.dep_ == "pobj"]
    def natural(t) -> bool:
        return t.lemma_.lower() in ILLNESSES or t.lemma_.lower() in DISASTER_WORDS or event_type(t.lemma_) == "disaster"
    return any(natural(c) or any(g.dep_ == "compound" and natural(g) for g in c.children)
               or any(p.dep_ == "prep" and p.lower_ == "of" and any(natural(g) for g in p.children if g.dep_ == "pobj")
                      for p in c.children) for c in causes)


def _has_own_sense(tok, lemma: str) -> bool:
    """The clause gives the verb a sense of its own (:func:`_verb_sense`), so it is no light verb:
    "struck targets" attacks them, where "struck a deal" hands over to the deal."""
    return lemma in SENSE_VERBS and _verb_sense(tok, lemma, event_type(lemma)) is not None


# What an attack hits, beside places, people, forces (FORCE_WORDS) and ground a war loses (GROUND_WORDS):
# "struck targets", "hit a convoy".
TARGETS = frozenset({"target", "convoy", "vehicle", "building", "compound", "depot", "headquarters", "bunker",
                     "site", "home", "house", "school", "hospital", "market", "mosque", "checkpoint"})


# What an army deploys: people and the machines of war, where a company deploys a product.
FORCE_WORDS = frozenset({"troop", "soldier", "force", "police", "officer", "marine", "army", "unit", "battalion",
                         "brigade", "division", "ship", "warship", "jet", "aircraft", "plane", "helicopter", "missile",
                         "tank", "peacekeeper", "guard", "personnel", "agent", "drone", "battery", "carrier"})


def _deploys_force(tok) -> bool:
    """What "deploy" moves is a force: its object, the subject of its passive, or the noun a participle
    describes ("troops deployed overseas") is a person or a word for forces."""
    return any(_personlike(c) or c.lemma_.lower() in FORCE_WORDS
               or any(g.dep_ == "compound" and g.lemma_.lower() in FORCE_WORDS for g in c.children) for c in _acted_on(tok))


# What a camera takes: "shot this video", "captured the crowd on camera" are filming, not attacks.
CAMERA_WORDS = frozenset({"video", "videos", "footage", "film", "photo", "photograph", "picture", "image",
                          "clip", "camera", "tape", "videotape", "snapshot", "movie", "documentary"})
# What a report, a study or a camera gives out: released or published, it is told, not launched.
DOCUMENT_WORDS = CAMERA_WORDS | frozenset({
    "report", "study", "survey", "finding", "data", "figure", "statistic", "transcript", "letter", "document",
    "memo", "email", "record", "detail", "information", "review", "investigation", "inquiry", "analysis",
    "assessment", "list", "evidence", "account", "paper", "audit", "minute", "text", "recording", "audio"})


def _films(tok) -> bool:
    """The verb's object is something filmed, or it or its object is done *on camera* / *on film*."""
    objects = [c for c in tok.children if c.dep_ in OBJ]
    if any(c.lemma_.lower() in CAMERA_WORDS for c in objects):
        return True
    return any(p.dep_ == "prep" and p.lower_ in ("on", "in") and any(g.lemma_.lower() in CAMERA_WORDS for g in p.children)
               for c in (tok, *objects) for p in c.children)


# Who judges: "the court ruled that ...", "a judge ruled against ..." (a rule of a country is governing).
COURT_WORDS = frozenset({"court", "judge", "justice", "tribunal", "panel", "jury", "magistrate", "arbitrator",
                         "arbiter", "regulator", "commission", "referee", "umpire"})


def _rules_on(tok) -> bool:
    """The verb "rule" judges: it says what was ruled ("ruled that ..."), whom or what for or
    against ("ruled against the company", "ruled in favour of", "ruled on the appeal"), or its
    subject is a court; not "ruled the country" nor "ruled out"."""
    kids = list(tok.children)
    if any(c.dep_ == "prt" for c in kids):
        return False
    if any(c.dep_ == "ccomp" for c in kids) or any(c.dep_ == "prep" and c.lower_ in ("against", "on", "in") for c in kids):
        return True
    return any(c.dep_ in SUBJ and any(t.lemma_.lower() in COURT_WORDS for t in (c, *c.children)) for c in kids)


# The noun "rule" is a regulation only as one ("new rules on ...", "a rule requiring ..."); "the
# rule of President Assad", "military rule", "his 30-year rule" are governing.
def _regulation(tok) -> bool:
    return tok.tag_ == "NNS" or any(c.dep_ in ("acl", "relcl") for c in tok.children) or any(
        c.dep_ == "amod" and c.lower_ in ("new", "proposed", "final", "draft", "interim") for c in tok.children)


def _verb_type(tok) -> str:
    """:func:`event_type` of a verb trigger. Money given or put into an organisation is an investment
    (:func:`_invests`); an act under *may/might/could* is a plan; the hiring sense
    is checked (:func:`_hiring_applies`): a verb that does not hire here takes its next type in
    :data:`TYPE_ORDER` ("fired missiles": attack) or none."""
    lemma = tok.lemma_.lower()
    etype = "investment" if _invests(tok) else event_type(lemma)
    if (sense := _verb_sense(tok, lemma, etype)) is not None:
        return sense
    if lemma in ILLNESS_VERBS and any(t.lemma_.lower() in ILLNESSES for c in tok.children if c.dep_ in OBJ
                                      for t in (c, *(g for g in c.children if g.dep_ == "compound"))):
        return "disaster"  # "contracted the virus": an infection, not a contract
    if etype in ACT_TYPES and any(c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS for c in tok.children):
        return "plan"
    if etype != "hiring" or _hiring_applies(tok):
        return etype
    rest = TYPE_ORDER[TYPE_ORDER.index("hiring") + 1:]
    return next((t for t in rest if lemma in TYPE_LEXICON[t]), "other")


def extract(ann, entities) -> list[EventMention]:
    """Event mentions of one annotated document (see the module docstring): at most one per clause."""
    sdoc = ann.spacy_doc
    if sdoc is None:
        return []
    out: list[EventMention] = []
    timexes = sorted(ann.timexes, key=lambda t: t.start)
    amounts = sorted(ann.amounts, key=lambda a: a.start)
    t_starts, a_starts = [t.start for t in timexes], [a.start for a in amounts]
    cands = _candidates(sdoc)
    for sent_index, sentence in enumerate(ann.sentences):
        span = sdoc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        lo_c, hi_c = bisect_left(cands, span.start), bisect_left(cands, span.end)
        if lo_c == hi_c:
            continue
        # the sentence's own times and amounts (a document can hold hundreds)
        t_lo, t_hi = bisect_left(t_starts, sentence.start), bisect_left(t_starts, sentence.end)
        a_lo, a_hi = bisect_left(a_starts, sentence.start), bisect_left(a_starts, sentence.end)
        # "LONDON, May 3 (Reuters) - BP agreed ...": the dateline's day is the article's, not the event's
        own_times = outside_dateline(ann.document.text, sentence.start, sentence.end, sent_index, timexes[t_lo:t_hi])
        local = replace(ann, timexes=tuple(own_times), amounts=tuple(amounts[a_lo:a_hi]))
        out.extend(_sentence_mentions(local, entities, sentence, sent_index, span, cands[lo_c:hi_c]))
    return sorted(out, key=lambda m: (m.trigger_start, m.trigger_end))


def _candidates(sdoc) -> list[int]:
    """Indices of the tokens that can be triggers (what `_trigger_type` can accept: verbs,
    auxiliaries, nouns with a trigger lemma), found on arrays so that the other tokens never
    become Python objects (nor their 64-bit lemma hashes Python integers: that alone cost 0.7 ms
    an article). Each distinct noun lemma is looked up once."""
    from spacy.attrs import LEMMA, POS
    from spacy.symbols import AUX, NOUN, PROPN, VERB

    array = sdoc.to_array([POS, LEMMA])
    if not len(array):
        return []
    pos = array[:, 0]
    keep = (pos == VERB) | (pos == AUX)
    nouns = np.flatnonzero((pos == NOUN) | (pos == PROPN))
    lemmas, which = np.unique(array[nouns, 1], return_inverse=True)
    strings = sdoc.vocab.strings
    trigger = np.array([strings[lemma].lower() in TRIGGER_TYPES for lemma in lemmas.tolist()], dtype=bool)
    keep[nouns[trigger[which]]] = True
    return np.flatnonzero(keep).tolist()


# Which trigger speaks for a clause holding several: a happening outranks talk about it, and
# a typed event outranks an untyped one (lower is better).
ACT_TYPES = frozenset({"acquisition", "investment", "funding", "leadership_change", "hiring", "contract",
                       "legal", "election", "attack", "disaster", "launch"})  # realised acts
_TYPE_RANK = {t: 0 for t in ACT_TYPES}
_TYPE_RANK.update({"dispute": 1, "business_result": 1, "plan": 2, "forecast": 2, "statement": 3, "other": 4})


def _clause_head(tok):
    """The predicate a trigger belongs to: itself for a finite verb, the nearest governing verb for
    a noun, the governing verb for a subjectless complement ("committed *to spending*" is one clause)."""
    head = tok
    while head.head.i != head.i and (head.pos_ not in ("VERB", "AUX") or (
            head.dep_ == "xcomp" and not any(c.dep_ in SUBJ | PASS_SUBJ for c in head.children))):
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else tok


def _sentence_mentions(ann, entities, sentence, sent_index: int, span, cands: list[int]) -> list[EventMention]:
    """One mention per clause; a reporting clause gives way to the event it reports; an
    untyped clause is kept only with something datable or countable in it. ``cands``: the
    sentence's possible trigger tokens (`_candidates`)."""
    doc_id = ann.document.id
    best: dict[int, tuple] = {}  # clause head index -> (rank key, token, type)
    doc = span.doc
    for tok in (doc[i] for i in cands):
        etype = _trigger_type(tok, entities, doc_id)
        if etype is None:
            continue
        head = _clause_head(tok)
        key = (_TYPE_RANK.get(etype, 4), tok.i != head.i, tok.i)
        if head.i not in best or key < best[head.i][0]:
            best[head.i] = (key, tok, etype)
    heads = {i: span.doc[i] for i in best}
    kept: dict[int, tuple] = {}
    for i, (_key, tok, etype) in best.items():
        if etype == "statement" and any(j != i and _dominates(heads[i], heads[j]) and (
                best[j][2] not in ("statement", "other")
                or (best[j][2] == "statement" and heads[j].dep_ in REPORTED and heads[j].head.i == heads[i].i
                    and _dated_itself(ann, heads[j], sentence))) for j in best):
            continue  # "X said Y would buy Z": the purchase is the event, the saying its context; so is
            # a statement whose complement is another statement with its own time ("a release on Sunday
            # says Clinton spoke Saturday night with Shafiq": the call is the event; not "said ...,
            # according to his 2023 comments", where the comments are the saying itself)
        if etype == "other" and not _datable_or_countable(ann, tok, sentence):
            continue
        if _mere_reference(tok) and not _datable_or_countable(ann, tok, sentence):
            continue  # "the tensions reflect broader trends": talk about an event, no new happening
        kept[i] = (tok, etype)
    # a kept event reported by a dropped reporting clause reads with it ("Nadella announced that ...")
    reporter = {i: _reporter(heads[i], heads, best, kept) for i in kept}
    # a clause without a subject of its own ("charged by Microsoft", "aiming to lessen ...", "who
    # launched ...") inside another kept event's clause is a detail of that event, not an event
    fragments = {i for i in kept if not _has_subject(reporter[i])}
    details = {i for i in fragments if any(j not in fragments and _dominates(heads[j], heads[i]) for j in kept)}
    # elsewhere in a sentence that has a clause of its own ("..., according to his comments"), a
    # subjectless clause stands as an event only when it is a weightier kind of event
    whole = [best[j][0][0] for j in kept if j not in fragments]
    if whole:
        details |= {i for i in fragments if best[i][0][0] >= min(whole)}
    if details:
        kept = {i: v for i, v in kept.items() if i not in details}
        reporter = {i: _reporter(heads[i], heads, best, kept) for i in kept}
    out: dict[tuple[int, int], tuple[tuple, EventMention]] = {}
    for i in sorted(kept):
        tok, etype = kept[i]
        if len(kept) == 1:
            lo, hi = sentence.start, sentence.end
        else:
            lo, hi = _clause_span(reporter[i], [heads[j] for j in kept if j != i], sentence)
        # a clause without its own subject ("exploring alternative AI projects", "intended to
        # prevent ...") does not read on its own: show the sentence, keep the clause as scope
        shown = (lo, hi) if i not in fragments else (sentence.start, sentence.end)
        # one event per shown text: the clause's best trigger speaks for it
        if shown not in out or best[i][0] < out[shown][0]:
            out[shown] = (best[i][0], _mention(ann, entities, sentence, sent_index, tok, etype, lo, hi, shown))
    return [m for _key, m in out.values()]


def _has_subject(head) -> bool:
    """The clause names its own subject (a relative pronoun, "who launched ...", does not count)."""
    return any(c.dep_ in SUBJ | PASS_SUBJ and c.tag_ not in ("WDT", "WP", "WP$") for c in head.children)


REPORTED = frozenset({"ccomp", "xcomp", "parataxis"})


def _reporter(head, heads, best, kept):
    """The outermost dropped reporting verb whose complement holds ``head`` (else ``head``)."""
    out, node = head, head
    while node.head.i != node.i:
        parent = node.head
        if node.dep_ not in REPORTED and parent.i not in heads:
            node = parent
            continue
        if node.dep_ in REPORTED and parent.i in best and parent.i not in kept and best[parent.i][2] == "statement":
            out = parent
        node = parent
    return out


def _mere_reference(tok) -> bool:
    """A noun trigger that is neither governed by a light verb nor the clause's own predicate."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    head = _clause_head(tok)
    return head.i == tok.i or head.lemma_.lower() not in LIGHT_VERBS and event_type(head.lemma_) == "other"


def _dominates(a, b) -> bool:
    """``b`` sits inside the clause of ``a`` (``a`` is an ancestor of ``b``)."""
    return any(x.i == a.i for x in b.ancestors)


def _subtree_span(head, sentence) -> tuple[int, int]:
    """Characters from the first to the last token ``head.subtree`` yields, inside its sentence (the
    subtree's order, not ``left_edge``/``right_edge``, which differ on a non-projective parse)."""
    sub = list(head.subtree)
    return max(sub[0].idx, sentence.start), min(sub[-1].idx + len(sub[-1].text), sentence.end)


def _dated_itself(ann, head, sentence) -> bool:
    """The clause of ``head`` gives its own time: a time expression inside its subtree that no clause
    nested in it holds (:func:`_governed_elsewhere`: "told Mubarak the transition must begin *now*"
    is not dated by the "now" of what was told)."""
    lo, hi = _subtree_span(head, sentence)
    return any(t.type in TIME_TYPES and t.start >= lo and t.end <= hi and not _governed_elsewhere(head, t)
               for t in ann.timexes)


def _datable_or_countable(ann, tok, sentence) -> bool:
    lo, hi = _subtree_span(_clause_head(tok), sentence)
    return any(t.type in TIME_TYPES and t.start >= lo and t.end <= hi for t in ann.timexes) or any(
        a.start >= lo and a.end <= hi for a in ann.amounts)


_LEFT_JUNK = frozenset({"cc", "punct", "mark"})
_RIGHT_JUNK = frozenset({"cc", "punct", "mark", "prep"})


def _clause_span(head, others, sentence) -> tuple[int, int]:
    """Characters of ``head``'s clause: its subtree, trimmed at both edges of the clauses of the
    sentence's other events ("X bought Y in 2014, and Z sold W" -> "X bought Y in 2014"). A clause
    nested in the middle stays (the summary must be one verbatim slice of the text)."""
    cut = set()
    for o in others:
        if _dominates(head, o):
            cut |= {t.i for t in o.subtree}
    own = sorted(t.i for t in head.subtree if t.i not in cut) or [head.i]
    lo_i, hi_i = own[0], own[-1]
    doc = head.doc
    while lo_i < head.i and (lo_i in cut or doc[lo_i].dep_ in _LEFT_JUNK or doc[lo_i].is_punct):
        lo_i += 1
    while hi_i > head.i and (hi_i in cut or doc[hi_i].dep_ in _RIGHT_JUNK or doc[hi_i].is_punct):
        hi_i -= 1
    start = max(doc[lo_i].idx, sentence.start)
    end = min(doc[hi_i].idx + len(doc[hi_i].text), sentence.end)
    if hi_i + 1 < len(doc) and doc[hi_i + 1].text in (".", "!", "?") and doc[hi_i + 1].idx + 1 <= sentence.end:
        end = doc[hi_i + 1].idx + 1
    return start, end


def _trigger_type(tok, entities, doc_id: str) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.ent_type_ and tok.ent_type_ not in ("EVENT",):
        return None  # part of a name ("Open" in "OpenAI"), a date or an amount
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and lemma not in NON_EVENT_VERBS):
        etype = _verb_type(tok)
        if etype != "other":
            if lemma in CARRIER_VERBS and any(c.dep_ == "xcomp" and event_type(c.lemma_) != "other"
                                              for c in tok.children):
                return None  # "agreed to buy": the complement carries the event
            if lemma in LIGHT_VERBS and not _has_own_sense(tok, lemma) and any(
                    _is_event_noun(c) for c in tok.children if c.dep_ in OBJ):
                return None  # "announced a deal": the noun carries the event
            return etype
        if tok.dep_ == "ROOT" and lemma not in NON_EVENT_VERBS and _named_args(tok, entities, doc_id):
            return "other"
        return None
    if tok.pos_ in ("NOUN", "PROPN") and _is_event_noun(tok):
        return _noun_type(tok, lemma)
    return None


def _noun_type(tok, lemma: str) -> str | None:
    """The type the phrase gives an event noun (the nouns' :func:`_verb_sense`), None when it names no
    happening here ("the rule of President Assad", "a new round of talks")."""
    if lemma == "rule" and not _regulation(tok):
        return None
    if lemma == "release" and _freed(tok):
        return "legal"  # "the release of the prisoners"
    if lemma == "release" and (any(c.dep_ == "compound" and c.lemma_.lower() in ("press", "news") for c in tok.children)
                               or _says_something(tok)):
        return "statement"  # "a press release", "a State Department release says ...", "said in a release"
    if lemma == "appeal" and not _appeals_a_judgment(tok):
        return "statement"  # "a public appeal for aid", "a televised appeal for the DEC"
    if lemma == "round" and _round_of_something_else(tok):
        return None  # "the second round of voting", "a new round of talks": no money raised
    if lemma in ("strike", "campaign") and _waged(tok):
        return "attack"  # "a bombing campaign", "a campaign of air strikes", "a NATO air strike": no election, no walkout
    return NOUN_TYPES.get(lemma) or event_type(lemma)


FUNDING_CUES = FUNDING_OBJECTS | frozenset({"funding", "fundraising", "financing", "series", "seed", "venture",
                                            "investor", "valuation"})
SEQUENCE_WORDS = frozenset({"first", "second", "third", "fourth", "final", "last", "next", "opening", "decisive"})


def _says_something(tok) -> bool:
    """A noun that is what says something ("a State Department release on Sunday *says* Clinton
    spoke ...") or what something is said in ("the company *said in* a release"): a statement's
    vehicle, not the thing it names elsewhere (a product's or a prisoner's release)."""
    if tok.dep_ in SUBJ | PASS_SUBJ:
        return event_type(tok.head.lemma_) == "statement"
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "in" and event_type(prep.head.lemma_) == "statement"


def _round_of_something_else(tok) -> bool:
    """The noun "round" counted ("the second round", "the final round") or "of" something ("a new round of
    talks", "of sanctions", "of voting") is a stage of something else, unless money is about it: a funding
    word modifies it or is what it is "of", or an amount is in it ("a $6.6 billion funding round", "a new
    round of financing"). A round neither counted nor "of" anything ("the round valued OpenAI at ...")
    stays the funding round the story is about."""
    if any(t.ent_type_ == "MONEY" or t.lemma_.lower() in FUNDING_CUES for t in tok.subtree if t is not tok):
        return False
    return any(c.dep_ in ("amod", "compound", "nummod") and c.lower_ in SEQUENCE_WORDS for c in tok.children) or any(
        p.dep_ == "prep" and p.lower_ == "of" for p in tok.children)


def _held(tok) -> bool:
    """A person or people who can be held: a name or a word for staff (:func:`_personlike`), a word for
    captives, or a count of them ("two of its reporters")."""
    if _personlike(tok) or tok.lemma_.lower() in CAPTIVES:
        return True
    return tok.like_num and any(p.dep_ == "prep" and p.lower_ == "of" and any(_held(g) for g in p.children
                                                                               if g.dep_ == "pobj")
                                for p in tok.children)


def _freed(tok) -> bool:
    """The noun "release" frees someone: what it is "of" is a person or people (:func:`_held`)."""
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(_held(g) for g in p.children if g.dep_ == "pobj")
               for p in tok.children)


# Who is held and freed, beside people named and words for staff (_personlike)
CAPTIVES = frozenset({"prisoner", "hostage", "detainee", "captive", "journalist", "reporter", "activist", "protester",
                      "soldier", "sailor", "worker", "man", "woman", "child", "people", "person", "inmate"})


def _ground(tok) -> bool:
    """A place or ground a war takes or loses: a named place, or a word for one ("the town", "control")."""
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in GROUND_WORDS


# What an election is lost: "lost the election", "lost his seat", "lost the vote".
BALLOT_WORDS = frozenset({"election", "vote", "ballot", "seat", "race", "primary", "poll", "referendum", "nomination",
                          "majority", "runoff", "caucus", "contest"})
# What a war loses: "lost the town", "lost control of the airport", "lost ground".
GROUND_WORDS = frozenset({"town", "city", "village", "territory", "ground", "control", "base", "airport", "port",
                          "district", "province", "region", "stronghold", "position", "bridge", "road", "hill"})


# What makes a campaign a war's: "air", "bombing", "military" before it, strikes or shelling after "of".
WAR_WORDS = frozenset({"air", "aerial", "bombing", "bomb", "military", "missile", "drone", "artillery", "shelling",
                       "naval", "ground", "strike", "airstrike", "counterinsurgency", "insurgency", "guerrilla"})


def _waged(tok) -> bool:
    """The noun ("campaign", "strike") is a military one: a war word modifies it, or what it is "of" is one
    or an attack."""
    if any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in WAR_WORDS for c in tok.children):
        return True
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(
        g.lemma_.lower() in WAR_WORDS or event_type(g.lemma_.lower()) == "attack"
        or any(c.dep_ == "compound" and c.lemma_.lower() in WAR_WORDS for c in g.children)
        for g in p.children if g.dep_ == "pobj") for p in tok.children)


# Trigger words whose noun is another kind of event than their verb: "fired the CEO" is a dismissal,
# "three fires are burning" a blaze.
NOUN_TYPES = {"fire": "disaster"}
# Trigger words that, as nouns, name a party rather than a happening: "partner with" is an event,
# "a technical partner in the venture" is a role.
ROLE_NOUNS = frozenset({"partner", "nominee"})
# Trigger verbs whose noun is a thing, not the act: "a quarantine sign" (the act is "signing"), "the
# Gulf state" (a polity, not a statement), "a note", "his post", "took the unprecedented step of
# blocking the internet" (a measure: only the verb with "down" or "aside" is a leadership change).
THING_NOUNS = frozenset({"sign", "state", "note", "post", "step"})


def _is_event_noun(tok) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("NOUN", "PROPN") or lemma not in TRIGGER_TYPES or lemma in ROLE_NOUNS | THING_NOUNS:
        return False
    # nouns that are events only in argument-like positions, not as modifiers ("deal talks" keeps "talks")
    return tok.dep_ not in ("compound", "amod", "poss")


def _named_args(tok, entities, doc_id: str) -> bool:
    for child in tok.children:
        if child.dep_ in SUBJ | PASS_SUBJ | OBJ:
            sub = list(child.subtree)
            if entities.mentions_in(doc_id, sub[0].idx, sub[-1].idx + len(sub[-1].text)):
                return True
    return False


def _arguments(tok) -> list[tuple[object, str]]:
    """(argument head token, role) pairs of a trigger."""
    args: list[tuple[object, str]] = []
    for child in tok.children:
        dep = child.dep_
        if dep in SUBJ:
            args.append((child, "agent"))
        elif dep in PASS_SUBJ:
            args.append((child, "patient"))
        elif dep == "oprd":  # what the patient is made ("appointed deputy for Hosni Mubarak"): not done to
            args.append((child, "other"))
        elif dep in OBJ:
            args.append((child, "patient"))
        elif dep == "agent":  # passive "by"
            args.extend((g, "agent") for g in child.children if g.dep_ == "pobj")
        elif dep == "prep":
            role = "recipient" if child.lower_ in RECIPIENT_PREPS else "other"
            args.extend((g, role) for g in child.children if g.dep_ == "pobj")
        elif dep == "poss":  # "Microsoft's investment"
            args.append((child, "agent"))
        elif dep in ("compound", "nmod") and tok.pos_ in ("NOUN", "PROPN"):
            args.append((child, "other"))
    # a noun trigger governed by a light verb borrows the verb's subject ("X made an investment")
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in OBJ | PASS_SUBJ and tok.head.i != tok.i:
        head = tok.head
        for child in head.children:
            if child.dep_ in SUBJ:
                args.append((child, "agent"))
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                args.extend((g, "recipient") for g in child.children if g.dep_ == "pobj")
    # an xcomp/ccomp trigger ("agreed to invest") borrows the governing verb's subject
    if tok.dep_ in ("xcomp",) and not any(c.dep_ in SUBJ for c in tok.children):
        args.extend((c, "agent") for c in tok.head.children if c.dep_ in SUBJ)
    # conjuncts share arguments ("X bought and merged Y")
    if tok.dep_ == "conj" and not any(c.dep_ in SUBJ for c in tok.children):
        args.extend((c, "agent") for c in tok.head.children if c.dep_ in SUBJ)
    return args


def _participants(ann, entities, doc_id: str, tok) -> tuple[tuple[Participant, ...], int, int]:
    """Participants plus the clause's character span."""
    found: dict[str, str] = {}
    lo, hi = tok.idx, tok.idx + len(tok.text)
    rank = {"agent": 0, "patient": 1, "recipient": 2, "other": 3}
    for arg, role in _arguments(tok):
        sub = list(arg.subtree)
        start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        lo, hi = min(lo, start), max(hi, end)
        if arg.lower_ in PRONOUNS and len(sub) == 1:
            entity_id = _resolve_pronoun(arg, tok, entities, doc_id)
            if entity_id and (entity_id not in found or rank[role] < rank[found[entity_id]]):
                found[entity_id] = role
            continue
        # coordinated or nested names in the argument ("Microsoft and Nvidia", "OpenAI's CEO Sam Altman");
        # not the one a relative or a successor is named by ("the son of Jacqui Fleming died": the son died),
        # nor one a clause describing the argument names ("a director criticised for his links to Gadhafi")
        for mention, entity_id in entities.mentions_in(doc_id, start, end):
            if not entity_id or not _takes_part(arg, mention):
                continue
            if entity_id not in found or rank[role] < rank[found[entity_id]]:
                found[entity_id] = role
    return tuple(Participant(e, r) for e, r in sorted(found.items())), lo, hi


PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them"})
# people named by their tie to another person: "the son of X", "X's predecessor" is not X
TIE_NOUNS = frozenset("son daughter wife husband mother father brother sister child baby infant family relative "
                      "widow widower parent grandson granddaughter grandmother grandfather nephew niece cousin "
                      "fiancee fiance boyfriend girlfriend predecessor successor deputy aide lawyer attorney "
                      "adviser advisor".split())


# the posts a person names someone by ("Hayward's chief of staff", "Jackson's doctor"): the possessor
# is named with the one who holds it; anything else a person has ("Mubarak's cabinet resigned",
# "Gadhafi's forces attacked", "members of Mubarak's party") is not that person acting or undergoing
# the act. A place or an organisation stays a party of what it has ("Haiti's earthquake", "Spain's
# first fatality", "the county coroner's office ruled")
OFFICE_NOUNS = POSTS | frozenset("ceo executive founder head leader boss".split())


# clauses that describe an argument ("an envoy who will be meeting with the Mubarak regime", "a
# plan drawn up by Suleiman"): what they name takes no part in the trigger's act (the sentence still
# names it: the entity index, not the participants, says whom a sentence names)
DESCRIBING_CLAUSES = frozenset({"relcl", "acl", "advcl"})


def _takes_part(arg, mention) -> bool:
    """Whether an entity mention inside an argument stands for the argument, on its path up to it:
    not when it only names whom the argument is tied to, the possessor or the "of" of a tie noun
    ("the son of Jacqui Fleming", "Hayward's predecessor John Browne"; a name beside it does:
    "her son, Jack Fleming"), nor a person whose thing it is, the possessor of a noun that is no
    post (:data:`OFFICE_NOUNS`: "Mubarak's cabinet resigned" is the cabinet; "Jackson's doctor"
    names Jackson with him), nor when it stands in a clause that describes the argument
    (:data:`DESCRIBING_CLAUSES`: "The U.S. named a special envoy who will be meeting with the
    Mubarak regime" names an envoy, not Mubarak)."""
    span = arg.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return True
    node = span.root
    while node.i != arg.i and node.head.i != node.i:
        head = node.head
        if node.dep_ in DESCRIBING_CLAUSES:
            return False
        if node.dep_ == "poss" and (head.lemma_.lower() in TIE_NOUNS or (
                mention.label == "PERSON" and head.pos_ == "NOUN" and head.lemma_.lower() not in OFFICE_NOUNS)):
            return False
        if node.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in TIE_NOUNS:
            return False
        node = head
    return True


def _resolve_pronoun(pron, trigger, entities, doc_id: str) -> str | None:
    """A subject pronoun: the subject of the verb that reports the clause ("X said it would ..."),
    else the most recent entity of a fitting type before it (recency, the simplest salience); an
    object pronoun never its own clause's subject ("Mubarak appointed him" appoints someone else)."""
    head = trigger
    while head.dep_ in ("ccomp", "xcomp", "conj", "advcl") and head.head.i != head.i:
        head = head.head
        for c in head.children:
            if c.dep_ in SUBJ and c.lower_ not in PRONOUNS:
                sub = list(c.subtree)
                found = entities.mentions_in(doc_id, sub[0].idx, sub[-1].idx + len(sub[-1].text))
                if found:
                    return found[0][1]
    want = ("PERSON",) if pron.lower_ in ("he", "she", "him", "her") else ("ORG", "GPE", "NORP", "PERSON")
    text = doc_text(pron.doc)  # spaCy's Doc.text rebuilds the string from every token on each access
    other = OTHER_SEX_TITLES.get(pron.lower_, frozenset())

    def titled(m) -> bool:  # the word before the name, or the name's first ("Mrs Smith" as the tagger found it)
        words = [*text[max(0, m.start - 8):m.start].split()[-1:], *m.text.split()[:1]]
        return any(w.rstrip(".") in other for w in words)

    # an object pronoun is not its own clause's subject ("Mubarak appointed him": not Mubarak)
    subjects = [] if pron.dep_ in SUBJ | PASS_SUBJ else [c for c in trigger.children if c.dep_ in SUBJ | PASS_SUBJ]
    own_subject = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in subjects]
    before = [(m.start, e) for m, e in entities.mentions_in(doc_id, max(0, pron.idx - 400), pron.idx)
              if e and entities.type_of(e) in want and not titled(m)
              and not any(lo <= m.start and m.end <= hi for lo, hi in own_subject)]
    return max(before)[1] if before else None


# titles that say a person is not the pronoun's: "she" is not "Mr Hayward", "he" not "Mrs Smith"
_WOMEN_TITLES = frozenset({"Mrs", "Ms", "Miss", "Dame", "Lady", "Queen", "Princess"})
_MEN_TITLES = frozenset({"Mr", "Sir", "Lord", "King", "Prince"})
OTHER_SEX_TITLES = {"he": _WOMEN_TITLES, "him": _WOMEN_TITLES, "she": _MEN_TITLES, "her": _MEN_TITLES}


def _pick_time(timexes: Iterable[TimeExpr], lo: int, hi: int, s_start: int, s_end: int, anchor: int,
               tok=None) -> TimeExpr | None:
    """The time of the trigger's clause (``lo:hi``), one the clause gives itself before one a
    participle inside it gives its noun ("The bill *signed last year* was challenged *on Monday*":
    Monday), then the nearest; else the nearest in the sentence. Never one that the parse gives to
    a clause nested inside the trigger's (:func:`_governed_elsewhere`).

    Tried, not kept (2026-12-07): no time from the sentence for a trigger that is itself such a
    participle ("For troops *deployed* overseas, today is Super Bowl Sunday"). It also took the
    verdict day from "Fans waited outside the courtroom on the day of the verdict on 7 November,
    many holding signs *calling* for justice", whose only trigger is the participle: MJ through the
    dossier route lost a reference date (Date-F1 0.632 -> 0.605)."""
    usable = [t for t in timexes if t.type in TIME_TYPES and not (tok is not None and _governed_elsewhere(tok, t))]
    inside = [t for t in usable if t.start >= lo and t.end <= hi]
    if not inside:
        inside = [t for t in usable if t.start >= s_start and t.end <= s_end]
    if not inside:
        return None
    return min(inside, key=lambda t: (tok is not None and _described_by(tok, t), abs(t.start - anchor), t.start))


def _describes(tok) -> bool:
    """A participle describing its noun, with no subject of its own ("troops *deployed* overseas",
    "a round *completed* this month")."""
    return tok.dep_ == "acl" and not _has_subject(tok)


def _described_by(tok, timex: TimeExpr) -> bool:
    """The time hangs from a participle below the trigger that describes a noun of its clause
    ("The bill *signed* last year was challenged"): that noun's time, the clause's only if it has
    none of its own."""
    span = tok.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    while node.head.i != node.i and node.i != tok.i:
        if node.i != span.root.i and _describes(node):
            return True
        node = node.head
    return False


def _placed_by_another(tok) -> tuple[int, int] | None:
    """The text span of a trigger's own clause when that clause places another happening in time
    ("This was on Thursday, the day before Mubarak resigned": Thursday is the day before the
    resignation, not its day; "The talks collapsed on Friday, a week after the company was sold";
    "on Thursday, the day before his resignation"): a time outside it is the other happening's.
    ``None`` for any other trigger."""
    own = _clause_head(tok)
    if own.i != tok.i or tok.pos_ not in ("VERB", "AUX"):
        if tok.dep_ == "pobj" and _relates_in_time(tok.head):
            return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        return None
    if any(c.dep_ == "mark" and c.lower_ in TEMPORAL_RELATIONS for c in own.children) and own.dep_ == "advcl":
        return own.left_edge.idx, own.right_edge.idx + len(own.right_edge.text)
    return None


# Clauses that hang inside another clause and carry times of their own: "Altman, who had founded
# OpenAI three years before, bumped into Nadella" (the founding is three years before, not the
# meeting); "protest a clause that obliged OpenAI to purchase capacity by 2030" (the deadline is the
# purchase's, not the protest's).
NESTED_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "pcomp", "xcomp"})


def _governed_elsewhere(tok, timex: TimeExpr) -> bool:
    """The time expression belongs to another happening than the trigger's: it lies outside a
    trigger's clause that places another happening in time (:func:`_placed_by_another`), or in a
    clause nested inside the trigger's (walking up the parse from the expression, a verb, or a nested
    clause's head, other than the trigger's own predicate is met below that predicate)."""
    placed = _placed_by_another(tok)
    if placed is not None and not (placed[0] <= timex.start and timex.end <= placed[1]):
        return True  # outside a clause that places another happening: that happening's time
    span = tok.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    own = _clause_head(tok)
    node = span.root
    predicate = False  # a verb, a participle or a copula met on the way up from the expression
    while node.head.i != node.i:
        if node.i in (tok.i, own.i):
            return False
        if node.dep_ == "prep" and node.lower_ in ABSOLUTE and predicate:
            return True  # "invested billions, with the latest contribution being part of a round
            # completed this month": an absolute clause tells its own subject's time
        predicate = predicate or node.pos_ in ("VERB", "AUX")
        if node.dep_ == "pobj" and node.i != span.root.i and _relates_in_time(node.head):
            return True  # "ahead of hearings on Tuesday, lawmakers released a letter": Tuesday is the hearings'
        participle = _describes(node)
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in PLANNED_BY and _infinitive(node):
            return True  # "Lavrov is due to visit Damascus on Tuesday, officials say": the visit's Tuesday
        if (node.pos_ in ("VERB", "AUX") or node.dep_ in NESTED_CLAUSES) and not participle:
            # ("a round completed this month": a participle describes its noun, whose time it gives)
            governor = _clause_head(node)
            if governor.i in (tok.i, own.i):
                return False
            if governor.lemma_.lower() not in NON_EVENT_VERBS:
                # a clause below the trigger's predicate is nested in it; one above it reports or frames it
                return any(a.i == own.i for a in governor.ancestors)
            # a copula or the like reports no happening of its own ("with the latest contribution
            # being part of a round completed this month"): its time is the containing clause's
            node = governor
        node = node.head
    return False


# prepositions that open an absolute clause ("with prices rising on Monday", "without talks
# resuming before May"): a noun and its own predicate, beside the clause it hangs from
ABSOLUTE = frozenset({"with", "without"})


# what makes the infinitive after a copula a planned act ("is due to visit", "is set to resign", "is
# expected to sign"): a time inside it is the plan's, not a time of the clause that reports it
PLANNED_BY = frozenset({"due", "set", "scheduled", "slated", "poised", "expected", "likely", "about"})
# the verbs that schedule an act, as lemmas ("are scheduled to answer": a plan told by its scheduling)
SCHEDULING = frozenset({"schedule", "slate", "set"})


def _infinitive(tok) -> bool:
    """A verb with its "to" ("to visit", "to answer")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


# prepositions that place one happening relative to another ("ahead of the hearings on Tuesday",
# "after the vote on Friday"): a time given to the other happening does not date this one
TEMPORAL_RELATIONS = frozenset({"before", "after", "since", "until", "till", "following", "ahead", "prior", "pending"})


def _relates_in_time(prep) -> bool:
    """A preposition that relates in time: "after", "before", or "of"/"to" after "ahead"/"prior"."""
    lemma = prep.lemma_.lower()
    if lemma in ("of", "to") and prep.head.i != prep.i:
        lemma = prep.head.lemma_.lower()
    return lemma in TEMPORAL_RELATIONS


# every modal or future auxiliary; POSSIBILITY_MODALS are those that also make an act a plan
MODALS = POSSIBILITY_MODALS | frozenset({"can", "will", "would", "shall", "should", "must", "'ll", "'d", "wo",
                                         "ca", "ought"})
# verbs whose infinitive complement did happen ("agreed to buy", "managed to raise"); under any other
# verb it is only wanted, obliged or expected ("wants to buy", "obliged OpenAI to purchase")
IMPLICATIVE = (CARRIER_VERBS - {"try", "attempt"}) | frozenset({"manage", "succeed", "proceed", "go", "rush", "hurry", "vote", "opt",
                                         "choose", "elect", "help", "get", "come",
                                         # causatives: "led Microsoft to partner", "forced them to sell"
                                         "lead", "force", "cause", "compel", "prompt", "drive"})


# adjectives that make a noun trigger an act not (yet) done: "the intended investment"
UNREALISED = frozenset({"intended", "planned", "proposed", "potential", "possible", "prospective", "expected",
                        "mooted", "hypothetical", "would-be", "rumoured", "rumored", "touted"})
# predicates that make their subject a prospect: "Fines ... are possible", "A deal is likely"
PROSPECTIVE = frozenset({"possible", "likely", "probable", "unlikely", "imminent", "expected", "conceivable"})
# nouns that put an act just short of happening: "on the verge of", "on the brink of"
ON_THE_POINT_OF = frozenset({"verge", "brink", "cusp", "edge", "point"})


# verbs that ask for an act named by their object ("demanded his resignation") or, for the second
# set, by the object of their "for" ("called for his resignation", "pressed for a merger")
DEMAND_VERBS = frozenset({"demand", "urge", "seek", "request", "want"})
DEMAND_FOR_VERBS = DEMAND_VERBS | frozenset({"call", "ask", "push", "press", "clamor", "clamour", "campaign",
                                             "petition", "appeal", "agitate", "lobby", "plead", "vote", "chant",
                                             "shout", "cry", "rally", "march", "protest", "demonstrate", "pray"})


def _demanded(tok) -> bool:
    """A noun trigger that is what someone asks for: the object of a demanding verb, or of its "for"."""
    head = tok.head
    # the phrase right after "calling for", whatever the parse made of it ("Protesters calling for
    # Mubarak's ouster toppled ...": the small model makes "ouster" the subject of "toppled")
    i = tok.left_edge.i - 1
    while i >= 0 and tok.i - i <= 8 and tok.doc[i].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART"):
        i -= 1  # back over the possessor written before the noun ("President Mubarak's")
    if i >= 0:
        before = tok.doc[i]
        if (before.lower_ == "for" and before.head.lemma_.lower() in DEMAND_FOR_VERBS) or (
                before.lemma_.lower() in DEMAND_VERBS and before.pos_ == "VERB"):
            return True
    first = tok  # a conjunct is asked for with the first ("demanded more freedoms and the resignation of ...")
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    tok, head = first, first.head
    if tok.dep_ == "dobj":
        return head.lemma_.lower() in DEMAND_VERBS
    return (tok.dep_ == "pobj" and head.lower_ == "for" and head.head.i != head.i
            and head.head.lemma_.lower() in DEMAND_FOR_VERBS)


# nouns that speak of an act as a prospect: "the threat of a strike", "odds on his departure"
SPECULATIVE_NOUNS = frozenset({"odds", "bet", "speculation", "rumour", "rumor", "talk", "prospect", "possibility",
                               "chance", "likelihood", "risk", "threat", "fear", "hope", "danger", "spectre",
                               "specter", "scenario", "option", "idea", "plan", "proposal", "bid", "goal", "ambition",
                               "intention"})


def _speculated(tok) -> bool:
    """A noun trigger, or a gerund ("its goal of raising $10 billion"), that a prospect-noun governs
    through "of", "on", "about", "over" or "for"."""
    prep = tok.head
    return (tok.dep_ in ("pobj", "pcomp") and prep.lower_ in ("of", "on", "about", "over", "for")
            and prep.head.i != prep.i
            and (prep.head.lemma_.lower() in SPECULATIVE_NOUNS or prep.head.lower_ in SPECULATIVE_NOUNS))


def mood(tok, etype: str) -> str:
    """Whether the trigger's clause says its event happened (:attr:`EventMention.mood`).

    ``possible``: a forecast, a modal or future (``may``, ``will``, ``going to``), or an infinitive
    under a verb that does not imply it ("plans to buy", "obliged OpenAI to purchase"); ``negated``:
    "did not buy"; ``state``: a verb in the simple present, active or passive ("they barely text each
    other", "Microsoft owns a stake", "the programme is broadcast daily"), unless its clause names a
    date in figures (a chronology's "8 February 2010 Dr Murray is charged") — news reports
    happenings in the past or the perfect, and reporting verbs ("says")
    are exempt; else ``actual``. A noun trigger ("the 2019 investment") happened unless its governing
    verb is modal, negated, planning it or asking for it (:func:`_demanded`: "called for his resignation")."""
    if etype == "forecast":
        return "possible"
    noun = tok.pos_ not in ("VERB", "AUX")
    if noun and any(c.dep_ == "amod" and c.lemma_.lower() in UNREALISED for c in tok.children):
        return "possible"  # "Microsoft's intended investment", "a proposed merger"
    if noun and _demanded(tok):
        return "possible"  # "protesters called for his resignation": asked for, not (yet) done
    if (noun or tok.dep_ == "pcomp") and _speculated(tok):
        return "possible"  # "odds on Hayward's departure", "fears of a strike", "the goal of raising": not done
    if not noun and tok.lemma_.lower() in SCHEDULING and any(c.dep_ == "xcomp" and _infinitive(c) for c in tok.children):
        return "possible"  # "Salazar and Jackson are scheduled to answer questions": a plan, told
    node = _clause_head(tok) if noun else tok
    if noun and tok.dep_ in SUBJ and node.i != tok.i and any(
            c.dep_ == "acomp" and c.lemma_.lower() in PROSPECTIVE for c in node.children):
        return "possible"  # "Fines of up to $25,000 are possible", "a merger is likely": a prospect
    for _ in range(4):  # up a short chain of infinitives ("agreed to try to buy")
        auxes = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
        shared = [c for c in node.head.children if c.dep_ in ("aux", "auxpass")] if (
            not auxes and node.dep_ == "conj" and node.head.i != node.i) else []
        if any(c.lower_ in MODALS for c in (*auxes, *shared)) or _had_better(node) or (shared and _had_better(node.head)):
            return "possible"  # a conjunct shares its head's modal: "should have stepped in and removed BP"
        if any(c.dep_ == "neg" for c in node.children):
            return "negated"
        if _conditional(node):
            return "possible"  # "if Mubarak resigned, ...", "would not negotiate until Mubarak resigned"
        if _subjunctive(node):
            return "possible"  # "have long demanded that Gadhafi step down": asked for, not done
        head = node.head
        if _bare_infinitive(node):
            node = head  # "will make Mubarak step down", "may let him resign": as its governor is
            continue
        if node.dep_ == "xcomp" and head.i != node.i:
            lemma = head.lemma_.lower()
            if (lemma == "go" and head.tag_ == "VBG") or lemma not in IMPLICATIVE:
                return "possible"  # "is going to buy", "plans to buy", "obliged OpenAI to purchase"
            node = head
            continue
        if node.tag_ == "VB" and any(c.lower_ == "to" for c in auxes):
            return "possible"  # a purpose or intent: "raised money to fund its expansion"
        if node.dep_ == "pcomp" and node.head.head.lemma_.lower() in ON_THE_POINT_OF:
            return "possible"  # "was on the verge of agreeing to invest": it did not happen (yet)
        if noun:
            planned = node.i != tok.i and event_type(node.lemma_) in ("plan", "forecast")
            return "possible" if planned else "actual"
        present = node.tag_ in ("VBZ", "VBP") and not auxes
        do_present = bool(auxes) and all(c.lemma_ == "do" and c.tag_ in ("VBZ", "VBP") for c in auxes)
        # the simple present passive is what is done as a rule ("Connexion Haiti is broadcast between
        # 9.10 and 9.30", "the prize is awarded each year"), not what happened: "has been" is told
        passive = node.tag_ == "VBN" and bool(auxes) and all(
            c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in auxes)
        # ... unless the clause gives its day: a chronology's present ("8 February 2010 Dr Murray is
        # charged with involuntary manslaughter", "25 June 2009 Dr Murray finds Jackson unconscious")
        if (present or do_present or passive) and etype != "statement" and not _gives_its_day(node):
            return "state"
        return "actual"
    return "actual"


# a date the tagger reads as written out, given no publication date: its year ("2010-02-08", "2009",
# "2018-SU") or its month ("XXXX-08-21") is in the text; "each year" (a set), "Monday" ("XXXX-WXX-1")
# and a clock the parser took for a date ("between 0910 and 0930": nothing) are not
_WRITTEN_VALUE = re.compile(r"\d{4}|XXXX-\d\d")


@lru_cache(maxsize=65536)
def _written_date(text: str) -> bool:
    """Whether ``text`` (a DATE entity of the parse) holds a date written with figures, as the time
    tagger reads it (:func:`storyline.annotate.timex.tag` without a publication date)."""
    return any(t.type == "DATE" and _WRITTEN_VALUE.match(t.value or "") for t in timex.tag(text, None))


def _gives_its_day(node) -> bool:
    """Whether a clause names a date written with figures (:func:`_written_date`: "8 February 2010",
    "on 30 August", "in 2009"): told in the present, it is a chronology's entry, not a state ("each
    year", "daily" name no day, nor does a clock range the parser reads as a date, "broadcast between
    0910 and 0930 Haiti time"). A conjunct shares its first verb's ("25 June 2009 Dr Murray finds the
    singer unconscious and he dies in hospital")."""
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    lo, hi = node.left_edge.i, node.right_edge.i
    return any(e.label_ == "DATE" and lo <= e.start and e.end - 1 <= hi and _written_date(e.text)
               for e in node.doc.ents)


def _conditional(node) -> bool:
    """A clause told as a condition: opened by "if" or "unless", by "until" under a modal
    ("would not negotiate until Mubarak resigned"; not "did not move until Mubarak resigned"), or
    by its auxiliary before its subject ("Even had Mubarak stepped down on Thursday, it would have
    met ...", "Were it approved, ...": what did not happen)."""
    if node.dep_ != "advcl" or node.head.i == node.i:
        return False
    subjects = [c.i for c in node.children if c.dep_ in SUBJ]
    if subjects and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were") and c.i < min(subjects)
                        for c in node.children):
        return True
    marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
    return bool(marks & {"if", "unless"}) or ("until" in marks and any(
        c.dep_ == "aux" and c.lower_ in MODALS for c in node.head.children))


# verbs and nouns whose "that" clause tells what is asked for, in the bare form ("demanded that Assad
# step down", "the demand that he resign", "insisted that BP pay")
SUBJUNCTIVE_HEADS = DEMAND_FOR_VERBS | frozenset({"insist", "require", "recommend", "propose", "suggest"})


def _bare(node) -> bool:
    """A verb in its bare form with no auxiliary (no "to", modal or "do") under another word."""
    return (node.tag_ == "VB" and node.head.i != node.i
            and not any(c.dep_ in ("aux", "auxpass") for c in node.children))


def _subjunctive(node) -> bool:
    """A clause asked for, not told: a bare verb (:func:`_bare`) in the "that" clause of a
    demanding verb or noun (:data:`SUBJUNCTIVE_HEADS`)."""
    return _bare(node) and node.dep_ in ("ccomp", "acl") and node.head.lemma_.lower() in SUBJUNCTIVE_HEADS


def _bare_infinitive(node) -> bool:
    """A bare verb (:func:`_bare`) that complements another verb ("made Mubarak *step* down", "let
    him *resign*", "watched the tower *fall*"): it happened as its governor did."""
    return _bare(node) and node.dep_ == "ccomp" and node.head.pos_ in ("VERB", "AUX")


def _had_better(node) -> bool:
    """"had better" (or "had best") before a verb: advice, a modal the parse splits in two ("They
    had better ... appoint credible leaders")."""
    kids = list(node.children)
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in kids) and any(
        c.dep_ == "advmod" and c.lower_ in ("better", "best") for c in kids)


def _mention(ann, entities, sentence, sent_index: int, tok, etype: str, lo_text: int, hi_text: int,
             shown: tuple[int, int] | None = None) -> EventMention:
    """``lo_text:hi_text`` is the text the mention reports (the sentence, or the clause when
    the sentence reports several events); ``shown`` the span quoted as its text (default: the same)."""
    doc_id = ann.document.id
    participants, lo, hi = _participants(ann, entities, doc_id, tok)
    lo, hi = max(lo, lo_text), min(hi, hi_text)
    time = _pick_time(ann.timexes, lo, hi, sentence.start, sentence.end, tok.idx, tok)
    in_clause = [a.id for a in ann.amounts if a.start >= lo and a.end <= hi]
    if not in_clause and etype in MONEY_TYPES:
        in_clause = [a.id for a in ann.amounts if a.start >= lo_text and a.end <= hi_text]
    t_start, t_end = tok.idx, tok.idx + len(tok.text)
    # particle verbs keep their particle in the trigger ("step down", "roll out")
    prt = [c for c in tok.children if c.idx == t_end + 1 and (
        c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in PARTICLES))]
    if prt and prt[0].idx + len(prt[0].text) <= hi_text:
        t_end = prt[0].idx + len(prt[0].text)
    text = ann.document.text
    start, end = shown or (lo_text, hi_text)
    return EventMention(
        id=content_id("evm", doc_id, t_start, t_end, etype),
        doc=doc_id,
        start=start,
        end=end,
        text=text[start:end],
        trigger=text[t_start:t_end],
        trigger_start=t_start,
        trigger_end=t_end,
        type=etype,
        participants=participants,
        time=time,
        amounts=tuple(sorted(in_clause)),
        sentence=sentence.index if sentence.index >= 0 else sent_index,
        mood=mood(tok, etype),
    )


__all__ = ["TYPE_LEXICON", "TRIGGER_TYPES", "event_type", "extract", "mood"]
