"""Who a personnel act changes, and what a place tells: hand-built reports that share a name or a
place but tell different happenings do not corroborate each other; reports that write one person two
ways do."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.reconcile.findings import find
from storyline.records import (Document, Entity, Event, EventDate, EventMention, Evidence, Participant, TimeExpr,
                               content_id)

TEXTS = {
    "reu": "The cabinet resigned at the request of Hosni Mubarak on Friday. Crowds gathered.",
    "bbc": "Mubarak resigned on Friday, the vice president said. Crowds cheered.",
    "grd": "Crowds cheered Hosni Mubarak's resignation on Friday. Troops watched.",
    "afp": "Gamal Mubarak resigned from the party on Friday. Nobody knew.",
    "ap": "Hosni Mubarak appointed a vice president on Saturday. It was his first.",
    "cnn": "For the first time Mubarak has named a vice president on Saturday. Few expected it.",
}
OUTLETS = {"reu": "Reuters", "bbc": "BBC", "grd": "The Guardian", "afp": "AFP", "ap": "AP", "cnn": "CNN"}
DOCS = {k: Document(id=k, path=k, text=v, outlet=OUTLETS[k], published=date(2011, 2, 13)) for k, v in TEXTS.items()}
ENTITIES = {e.id: e for e in (
    Entity(id="ent:cabinet", name="Cabinet", type="ORG", mentions=40),
    Entity(id="ent:hosni", name="Hosni Mubarak", type="PERSON", mentions=900),
    Entity(id="ent:mubarak", name="Mubarak", type="PERSON", mentions=80),
    Entity(id="ent:gamal", name="Gamal Mubarak", type="PERSON", mentions=12),
    Entity(id="ent:vp", name="Omar Suleiman", type="PERSON", mentions=60),
)}


def _first(doc: str) -> Evidence:
    text = TEXTS[doc]
    end = text.index(". ") + 1
    return Evidence(doc, 0, end, text[:end])


def _mention(doc, etype, trigger, day, *parties) -> EventMention:
    ev = _first(doc)
    at = ev.text.index(trigger)
    time = TimeExpr(doc=doc, start=0, end=1, text="x", type="DATE", value=day, start_date=day, end_date=day)
    return EventMention(id=content_id("evm", doc), doc=doc, start=ev.start, end=ev.end, text=ev.text,
                        trigger=trigger, trigger_start=at, trigger_end=at + len(trigger), type=etype,
                        participants=tuple(Participant(e, r) for e, r in parties), time=time)


MENTIONS = [
    _mention("reu", "leadership_change", "resigned", "2011-02-11", ("ent:cabinet", "agent"), ("ent:hosni", "recipient")),
    _mention("bbc", "leadership_change", "resigned", "2011-02-11", ("ent:mubarak", "agent")),
    _mention("grd", "leadership_change", "resignation", "2011-02-11", ("ent:hosni", "agent")),
    _mention("afp", "leadership_change", "resigned", "2011-02-11", ("ent:gamal", "agent")),
    _mention("ap", "hiring", "appointed", "2011-01-29", ("ent:hosni", "agent")),
    _mention("cnn", "hiring", "named", "2011-01-29"),  # the parse gave the clause no party
]


def _events(mentions):
    return [Event(id=content_id("evt", m.doc), date=EventDate(m.time.value, m.time.start_date, m.time.end_date),
                  summary=m.text, type=m.type, entities=tuple(p.entity for p in m.participants) or ("ent:hosni",),
                  sources=(m.doc,), evidence=(Evidence(m.doc, m.start, m.end, m.text),)) for m in mentions]


def _corroborations(mentions=MENTIONS, entities=ENTITIES):
    fs = find(_events(mentions), [], DOCS, {}, mentions=mentions, entities=entities)
    return [{e.doc for e in f.evidence} for f in fs if f.kind == "corroborated"]


def test_one_person_written_two_ways_is_one_resignation():
    """"Mubarak resigned" and "Hosni Mubarak's resignation": the last name alone is the person of
    that name the story names far more often than any other."""
    assert any({"bbc", "grd"} <= docs for docs in _corroborations())


def test_the_one_who_asks_is_not_the_one_who_resigns():
    """"The cabinet resigned at Mubarak's request" changes the cabinet, not Mubarak."""
    assert not any("reu" in docs and docs & {"bbc", "grd"} for docs in _corroborations())


def test_two_people_of_one_name_are_two_resignations():
    assert not any("afp" in docs and "grd" in docs for docs in _corroborations())


def test_a_last_name_shared_by_people_named_alike_often_is_no_one_in_particular():
    alike = {**ENTITIES, "ent:gamal": Entity(id="ent:gamal", name="Gamal Mubarak", type="PERSON", mentions=500)}
    assert not any({"bbc", "grd"} <= docs for docs in _corroborations(entities=alike))


def test_the_one_who_appoints_is_not_the_one_appointed():
    """"Hosni Mubarak appointed a vice president" and "Mubarak has named a vice president" (no
    party parsed) share the appointer only: nothing says the same person was appointed."""
    assert not any({"ap", "cnn"} <= docs for docs in _corroborations())


def test_the_one_who_appoints_in_one_report_is_not_appointed_in_another():
    """"the committee he appointed" (he: Mubarak; no one the parse says was appointed) and "Sadat
    appointed Mubarak as vice president": Mubarak appoints in the one and is appointed in the
    other, so they tell two appointments."""
    from storyline.reconcile.findings import same_happening, _prepare

    texts = {"x": "He said the committee he appointed will have limited scope. Nobody knew.",
             "y": "Sadat appointed Mubarak as vice president. It was a surprise."}
    docs = {k: Document(id=k, path=k, text=v, outlet=k.upper(), published=date(2011, 2, 13)) for k, v in texts.items()}

    def mention(doc, trigger, *parties):
        end = texts[doc].index(". ") + 1
        at = texts[doc].index(trigger)
        day = "2011-02-10"  # one day for both: only who is appointed tells them apart
        time = TimeExpr(doc=doc, start=0, end=1, text="x", type="DATE", value=day, start_date=day, end_date=day)
        return EventMention(id=content_id("evm", doc), doc=doc, start=0, end=end, text=texts[doc][:end],
                            trigger=trigger, trigger_start=at, trigger_end=at + len(trigger), type="hiring",
                            participants=tuple(Participant(e, r) for e, r in parties), time=time)

    he = mention("x", "appointed", ("ent:hosni", "agent"))
    sadat = mention("y", "appointed", ("ent:sadat", "agent"), ("ent:hosni", "patient"))
    ents = {**ENTITIES, "ent:sadat": Entity(id="ent:sadat", name="Anwar Sadat", type="PERSON", mentions=20)}
    events = _events([he, sadat])
    story = _prepare(events, [], docs, {}, [he, sadat], ents, None, None, ())[3]
    assert not same_happening(story, sadat, he) and not same_happening(story, he, sadat)


@pytest.mark.parametrize("who,expected", [("agent", True), ("other", False)])
def test_a_place_tells_one_happening_only_when_it_acts_in_both(who, expected, monkeypatch):
    """"Russia banned pork imports" twice is one ban; "died in Alberta" and "a herd in Alberta
    caught the virus" are two happenings that share a place. (The rule of ``same_happening``:
    restatements, which also weigh the wording, are switched off here and tested in
    tests/test_findings_restated.py.)"""
    from storyline.reconcile.findings import _Story

    monkeypatch.setattr(_Story, "restatements", lambda self, anchors, attribution: {})
    texts = {"p1": "Alberta banned imports of pork on Monday. Farmers worried.",
             "p2": "Alberta has banned pork imports from Mexico on Monday. Shops shut."}
    docs = {k: Document(id=k, path=k, text=v, outlet=k.upper(), published=date(2009, 5, 4)) for k, v in texts.items()}
    place = {"ent:alberta": Entity(id="ent:alberta", name="Alberta", type="GPE", mentions=3)}
    mentions = []
    for doc, text in texts.items():
        end = text.index(". ") + 1
        at = text.index("banned")
        mentions.append(EventMention(
            id=content_id("evm", doc), doc=doc, start=0, end=end, text=text[:end], trigger="banned",
            trigger_start=at, trigger_end=at + 6, type="legal", participants=(Participant("ent:alberta", who),),
            time=TimeExpr(doc=doc, start=0, end=1, text="x", type="DATE", value="2009-05-04",
                          start_date="2009-05-04", end_date="2009-05-04")))
    events = [Event(id=content_id("evt", m.doc), date=EventDate("2009-05-04", "2009-05-04", "2009-05-04"),
                    summary=m.text, type="legal", entities=("ent:alberta",), sources=(m.doc,),
                    evidence=(Evidence(m.doc, m.start, m.end, m.text),)) for m in mentions]
    fs = find(events, [], docs, {}, mentions=mentions, entities=place)
    assert any(f.kind == "corroborated" for f in fs) is expected


@pytest.mark.parametrize("trigger, act", [
    ("step down", "removal"), ("stepped down", "removal"), ("Stepping down", "removal"), ("kicked out", "removal"),
    ("resigns", "removal"), ("resigned", "removal"), ("appointed", "hire"), ("reinstated", "return"), ("went", "other"),
])
def test_a_phrasal_personnel_verb_is_read_by_its_verb(trigger, act):
    """"Mubarak decided to step down" and "Mubarak resigned" are one kind of act (a removal), so one
    finding tells them, not two."""
    from storyline.reconcile.findings import _personnel_act

    assert _personnel_act(trigger) == act



@pytest.mark.parametrize("trigger, changed", [("kicked out", set()), ("ousted", set()), ("stepped down", {"ent:hosni"})])
def test_a_phrasal_verb_says_who_it_changes_as_its_verb_does(trigger, changed):
    """"The party kicked out ..." with no one parsed after it changes someone else, as "ousted"
    does, not the party; "stepped down" changes its subject."""
    from storyline.reconcile.findings import _undergoes

    m = EventMention(id="m", doc="x", start=0, end=10, text="x" * 10, trigger=trigger, trigger_start=0,
                     trigger_end=len(trigger), type="leadership_change", participants=(Participant("ent:hosni", "agent"),))
    assert _undergoes(m) == changed
