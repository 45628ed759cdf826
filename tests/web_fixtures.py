"""Hand-built dossiers for the web app tests (and a synthetic one for speed).

The small dossier is a made-up story told by several outlets, with event dates at
year, season, month and day precision, undated events, amounts with qualifiers and
rates, quotes, findings of every kind, relations, a duplicate, and one hostile
document whose text, title and outlet carry ``<script>`` and ``onerror=`` payloads.
Evidence offsets are found in the text, so ``text[start:end] == evidence.text``.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

from storyline.records import (
    Amount, Document, Dossier, Entity, Event, EventDate, Evidence, Finding, Quote, Relation, Removal, content_id,
    to_jsonable,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

TEXTS = {
    "doc_ledger": (
        "Northwind Robotics said on Tuesday that it raised $200 million in a funding round led by Atlas Capital. "
        "The round values the company at about $2 billion. "
        "Chief executive Maria Chen said the money would pay for a new factory in Ohio. "
        "\"We are building the plant this summer,\" Chen said. "
        "In 2023 the company hired 150 engineers."
    ),
    "doc_wire": (
        "Atlas Capital invested at least $150 million in Northwind Robotics, according to people familiar with the deal. "
        "Northwind hired former Tesla executive Omar Haddad as chief operating officer in January 2024. "
        "\"This is the biggest bet we have made,\" said Atlas partner Julia Brandt."
    ),
    "doc_chronicle": (
        "Northwind Robotics signed a contract worth $45 million a year with the Ohio Department of Transportation "
        "in August 2024. The factory opened in summer 2024, Maria Chen said. "
        "Haddad said the company was preparing a stock market listing."
    ),
    "doc_reprint": (
        "Northwind Robotics said on Tuesday that it raised $200 million in a funding round led by Atlas Capital."
    ),
    "doc_hostile": (
        f"Northwind Robotics {SCRIPT} announced layoffs of 40 workers on November 5, 2024. "
        f"{IMG} A spokesperson said \"{SCRIPT}\" and left."
    ),
}

META = {
    "doc_ledger": ("The Ledger", "Northwind Robotics raises $200 million from Atlas Capital", date(2024, 3, 12)),
    "doc_wire": ("Daily Wire Service", "Atlas bets big on factory robots", date(2024, 3, 13)),
    "doc_chronicle": ("Tech Chronicle", "Northwind wins Ohio contract", date(2024, 9, 2)),
    "doc_reprint": ("The Ledger", "Northwind raises $200 million (syndicated)", date(2024, 3, 12)),
    "doc_hostile": (IMG, f"{SCRIPT} Breaking news", date(2024, 11, 6)),
}


def evidence(doc: str, phrase: str) -> Evidence:
    text = TEXTS[doc]
    start = text.index(phrase)
    return Evidence(doc, start, start + len(phrase), phrase)


def _amount(aid: str, doc: str, phrase: str, **kw) -> Amount:
    ev = evidence(doc, phrase)
    return Amount(id=aid, doc=doc, start=ev.start, end=ev.end, text=phrase, **kw)


def _quote(qid: str, doc: str, phrase: str, after: str = "", **kw) -> Quote:
    start = TEXTS[doc].index(phrase, TEXTS[doc].index(after) if after else 0)
    return Quote(id=qid, doc=doc, start=start, end=start + len(phrase), text=phrase, **kw)


def make_dossier() -> Dossier:
    docs = tuple(
        Document(
            id=k, path=f"articles/{k}.txt", text=t, title=META[k][1], outlet=META[k][0],
            url=f"https://example.org/{k}", published=META[k][2], published_from="manifest",
            removed=(Removal("Subscribe to our newsletter", "boilerplate", 12),) if k == "doc_ledger"
            else (Removal(f"<p>{SCRIPT}</p>", "markup", 3),) if k == "doc_hostile" else (),
            duplicate_of="doc_ledger" if k == "doc_reprint" else None,
        )
        for k, t in TEXTS.items()
    )
    ents = (
        Entity("ent_northwind", "Northwind Robotics", "ORG", ("Northwind",), 9,
               (evidence("doc_chronicle", "Northwind Robotics"), evidence("doc_hostile", "Northwind Robotics"),
                evidence("doc_ledger", "Northwind Robotics"), evidence("doc_wire", "Northwind"))),
        Entity("ent_atlas", "Atlas Capital", "ORG", ("Atlas",), 4),
        Entity("ent_chen", "Maria Chen", "PERSON", ("Chen",), 3),
        Entity("ent_haddad", "Omar Haddad", "PERSON", ("Haddad",), 2),
        Entity("ent_brandt", "Julia Brandt", "PERSON", (), 1),
        Entity("ent_odot", "Ohio Department of Transportation", "ORG", (), 1),
        Entity("ent_tesla", "Tesla", "ORG", (), 1),
        Entity("ent_hostile", IMG, "ORG", (SCRIPT,), 1, (evidence("doc_hostile", IMG),)),
    )
    amounts = (
        _amount("amt_round", "doc_ledger", "$200 million", currency="USD", low=2e8, high=2e8, purpose="funding_round",
                payer="ent_atlas", payee="ent_northwind", time="2024-03-12", event="ev_funding"),
        _amount("amt_valuation", "doc_ledger", "about $2 billion", currency="USD", low=2e9, high=2e9,
                qualifier="about", purpose="valuation", payee="ent_northwind"),
        _amount("amt_atlas", "doc_wire", "at least $150 million", currency="USD", low=1.5e8, high=None,
                qualifier="at_least", purpose="investment", payer="ent_atlas", payee="ent_northwind",
                event="ev_funding"),
        _amount("amt_contract", "doc_chronicle", "$45 million a year", currency="USD", low=4.5e7, high=4.5e7,
                per="year", purpose="contract", payer="ent_odot", payee="ent_northwind", time="2024-08",
                event="ev_contract"),
        _amount("amt_engineers", "doc_ledger", "150 engineers", kind="count", unit="engineers", low=150, high=150,
                purpose="hiring", time="2023"),
        _amount("amt_layoffs", "doc_hostile", "40 workers", kind="count", unit="workers", low=40, high=40,
                payer_name=IMG),
    )
    events = (
        Event("ev_hiring_2023", EventDate("2023", "2023-01-01", "2023-12-31"), "Northwind hires 150 engineers",
              "hiring", ("ent_northwind",), ("amt_engineers",), ("doc_ledger",),
              (evidence("doc_ledger", "In 2023 the company hired 150 engineers."),), 0.6),
        Event("ev_haddad", EventDate("2024-01", "2024-01-01", "2024-01-31"), "Northwind hires Omar Haddad as COO",
              "hiring", ("ent_northwind", "ent_haddad", "ent_tesla"), (), ("doc_wire",),
              (evidence("doc_wire", "Northwind hired former Tesla executive Omar Haddad as chief operating officer in January 2024."),), 0.7),
        Event("ev_funding", EventDate("2024-03-12", "2024-03-12", "2024-03-12"),
              "Northwind Robotics raises $200 million in a round led by Atlas Capital", "funding",
              ("ent_northwind", "ent_atlas", "ent_chen"), ("amt_round", "amt_atlas", "amt_valuation"),
              ("doc_ledger", "doc_wire", "doc_reprint"),
              (evidence("doc_ledger", "Northwind Robotics said on Tuesday that it raised $200 million in a funding round led by Atlas Capital."),
               evidence("doc_wire", "Atlas Capital invested at least $150 million in Northwind Robotics, according to people familiar with the deal."),
               evidence("doc_reprint", TEXTS["doc_reprint"])), 0.95),
        Event("ev_factory", EventDate("2024-SU", "2024-06-01", "2024-08-31"), "Northwind opens its Ohio factory",
              "construction", ("ent_northwind", "ent_chen"), (), ("doc_ledger", "doc_chronicle"),
              (evidence("doc_ledger", "\"We are building the plant this summer,\" Chen said."),
               evidence("doc_chronicle", "The factory opened in summer 2024, Maria Chen said.")), 0.8),
        Event("ev_contract", EventDate("2024-08", "2024-08-01", "2024-08-31"),
              "Northwind signs a $45 million a year contract with the Ohio Department of Transportation", "contract",
              ("ent_northwind", "ent_odot"), ("amt_contract",), ("doc_chronicle",),
              (evidence("doc_chronicle", "Northwind Robotics signed a contract worth $45 million a year with the Ohio Department of Transportation in August 2024."),), 0.75),
        Event("ev_hostile", EventDate("2024-11-05", "2024-11-05", "2024-11-05"), f"Layoffs {SCRIPT} {IMG}", "layoff",
              ("ent_northwind", "ent_hostile"), ("amt_layoffs",), ("doc_hostile",),
              (evidence("doc_hostile", f"Northwind Robotics {SCRIPT} announced layoffs of 40 workers on November 5, 2024."),), 0.5),
        Event("ev_listing", EventDate(None, None, None), "Northwind prepares a stock market listing", "other",
              ("ent_northwind", "ent_haddad"), (), ("doc_chronicle",),
              (evidence("doc_chronicle", "Haddad said the company was preparing a stock market listing."),), 0.4),
    )
    quotes = (
        _quote("q_chen", "doc_ledger", "We are building the plant this summer,", speaker="ent_chen",
               speaker_name="Chen", said_at="2024-03-12", cue="said"),
        _quote("q_brandt", "doc_wire", "This is the biggest bet we have made,", speaker="ent_brandt",
               speaker_name="Julia Brandt", said_at="2024-03-13", cue="said"),
        _quote("q_hostile", "doc_hostile", SCRIPT, after="said", speaker=None, speaker_name=IMG, cue="said"),
    )
    findings = (
        Finding("f_conflict", "conflict",
                "Reports disagree on Atlas Capital's investment: $200 million or at least $150 million",
                ("ev_funding",), ("amt_round", "amt_atlas"), ("doc_ledger", "doc_wire"),
                (evidence("doc_ledger", "it raised $200 million in a funding round led by Atlas Capital"),
                 evidence("doc_wire", "Atlas Capital invested at least $150 million in Northwind Robotics"))),
        Finding("f_factory", "corroborated", "Northwind opened its Ohio factory in summer 2024", ("ev_factory",), (),
                ("doc_ledger", "doc_chronicle"),
                (evidence("doc_ledger", "\"We are building the plant this summer,\" Chen said."),
                 evidence("doc_chronicle", "The factory opened in summer 2024, Maria Chen said."))),
        Finding("f_contract", "single_source", "Northwind signed a $45 million a year contract with Ohio",
                ("ev_contract",), ("amt_contract",), ("doc_chronicle",),
                (evidence("doc_chronicle", "Northwind Robotics signed a contract worth $45 million a year"),)),
        Finding("f_hostile", "single_source", f"Layoffs reported {SCRIPT}", ("ev_hostile",), (), ("doc_hostile",),
                (evidence("doc_hostile", f"{IMG} A spokesperson said \"{SCRIPT}\""),)),
    )
    relations = (
        Relation("rel_invest", "ent_atlas", "ent_northwind", "invested_in", ("ev_funding",),
                 (evidence("doc_ledger", "raised $200 million in a funding round led by Atlas Capital"),
                  evidence("doc_wire", "Atlas Capital invested at least $150 million in Northwind Robotics"))),
        Relation("rel_hired", "ent_northwind", "ent_haddad", "hired", ("ev_haddad",),
                 (evidence("doc_wire", "Northwind hired former Tesla executive Omar Haddad"),)),
        Relation("rel_contract", "ent_northwind", "ent_odot", "contracted_with", ("ev_contract",),
                 (evidence("doc_chronicle", "signed a contract worth $45 million a year with the Ohio Department of Transportation"),)),
        Relation("rel_said", "ent_chen", "ent_northwind", "said_about", ("ev_factory",),
                 (evidence("doc_chronicle", "The factory opened in summer 2024, Maria Chen said."),)),
        Relation("rel_hostile", "ent_hostile", "ent_northwind", "said_about", ("ev_hostile",),
                 (evidence("doc_hostile", f"{IMG} A spokesperson said"),)),
    )
    return Dossier(docs, ents, events, amounts, quotes, findings, relations, (),
                   {"built_by": "tests/web_fixtures.py", "story": "Northwind Robotics (made up)"})


def write_dossier(folder: Path, dossier: Dossier | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dossier.json").write_text(json.dumps(to_jsonable(dossier or make_dossier())), encoding="utf-8")
    return folder


OUTLETS = ("Reuters", "AP", "The Ledger", "Tech Chronicle", "Daily Wire", "Financial Post", "Le Monde", "Nikkei")
TYPES = ("funding", "hiring", "contract", "lawsuit", "statement", "acquisition", "launch", "other")


def synthetic_dossier(n_events: int, seed: int = 7) -> Dossier:
    """A large random dossier (for speed checks): ``n_events`` events over ~10 years."""
    rnd = random.Random(seed)
    n_docs = max(5, n_events // 5)
    ents = tuple(Entity(f"ent_{i}", f"Entity {i}", rnd.choice(("ORG", "PERSON")), (), rnd.randint(1, 50))
                 for i in range(max(5, n_events // 20)))
    docs = []
    for i in range(n_docs):
        sentences = [f"Entity {rnd.randrange(len(ents))} reported a {rnd.choice(TYPES)} worth ${rnd.randint(1, 900)} "
                     f"million in story {i} sentence {j}." for j in range(6)]
        docs.append(Document(f"doc_{i}", f"a/{i}.txt", " ".join(sentences), f"Story {i}", rnd.choice(OUTLETS),
                             None, date(2015, 1, 1) + timedelta(days=rnd.randrange(3650)), "manifest"))
    events = []
    for i in range(n_events):
        day = date(2015, 1, 1) + timedelta(days=rnd.randrange(3650))
        kind = rnd.random()
        if kind < 0.6:
            d = EventDate(day.isoformat(), day.isoformat(), day.isoformat())
        elif kind < 0.85:
            d = EventDate(day.strftime("%Y-%m"), day.replace(day=1).isoformat(), day.replace(day=28).isoformat())
        else:
            d = EventDate(str(day.year), f"{day.year}-01-01", f"{day.year}-12-31")
        srcs = rnd.sample(range(n_docs), rnd.randint(1, 3))
        evs = []
        for s in srcs:
            text = docs[s].text
            start = text.index(" in story")  # any real span of the text
            evs.append(Evidence(f"doc_{s}", 0, start, text[:start]))
        events.append(Event(content_id("ev", i), d, f"Event {i}: Entity {i % len(ents)} {rnd.choice(TYPES)}",
                            rnd.choice(TYPES), tuple(sorted({f"ent_{rnd.randrange(len(ents))}" for _ in range(3)})),
                            (), tuple(f"doc_{s}" for s in srcs), tuple(evs), round(rnd.random(), 3)))
    return Dossier(tuple(docs), ents, tuple(events), meta={"synthetic": True, "events": n_events})
