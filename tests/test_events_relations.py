"""Entity relations from event mentions, the money ledger and quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.records import Amount, Event, EventDate, EventMention, Evidence, Participant, Quote, content_id
from storyline.reconcile.relations import derive

TEXT = 'Microsoft invested in OpenAI. Elon Musk sued OpenAI. Nadella said "OpenAI hired Jane Smith."'


def mention(trigger, etype, parts, sentence):
    start = TEXT.index(sentence)
    t0 = TEXT.index(trigger, start)
    return EventMention(id=content_id("evm", t0), doc="d", start=start, end=start + len(sentence), text=sentence,
                        trigger=trigger, trigger_start=t0, trigger_end=t0 + len(trigger), type=etype,
                        participants=tuple(Participant(e, r) for e, r in parts))


S1, S2, S3 = "Microsoft invested in OpenAI.", "Elon Musk sued OpenAI.", 'Nadella said "OpenAI hired Jane Smith."'
MENTIONS = [
    mention("invested", "investment", [("ent:msft", "agent"), ("ent:openai", "recipient")], S1),
    mention("sued", "legal", [("ent:musk", "agent"), ("ent:openai", "patient")], S2),
    mention("said", "statement", [("ent:nadella", "agent")], S3),
    mention("hired", "hiring", [("ent:openai", "agent"), ("ent:smith", "patient")], S3),
]
q0 = TEXT.index("OpenAI hired")
QUOTES = [Quote(id="q1", doc="d", start=q0, end=q0 + len("OpenAI hired Jane Smith."),
                text="OpenAI hired Jane Smith.", speaker="ent:nadella", speaker_name="Nadella", cue="say")]
EVENT = Event(id="evt_1", date=EventDate(), summary=S1, type="investment",
              evidence=(Evidence("d", 0, len(S1), S1),))
AMOUNTS = [Amount(id="amt_1", doc="d", start=0, end=9, text="Microsoft", payer="ent:msft", payee="ent:openai",
                  purpose="investment")]


def _triples(rels):
    return {(r.source, r.type, r.target) for r in rels}


@pytest.mark.parametrize("triple", [
    ("ent:msft", "invested_in", "ent:openai"),
    ("ent:musk", "sued", "ent:openai"),
    ("ent:openai", "hired", "ent:smith"),
    ("ent:nadella", "said_about", "ent:openai"),
    ("ent:nadella", "said_about", "ent:smith"),
])
def test_relation_is_derived(triple):
    assert triple in _triples(derive([EVENT], MENTIONS, QUOTES, AMOUNTS))


def test_relations_merge_evidence_and_link_events():
    rels = {(r.source, r.type, r.target): r for r in derive([EVENT], MENTIONS, QUOTES, AMOUNTS)}
    inv = rels[("ent:msft", "invested_in", "ent:openai")]
    assert inv.events == ("evt_1",)
    assert len(inv.evidence) == 2  # the sentence and the ledger amount
    for ev in inv.evidence:
        assert TEXT[ev.start:ev.end] == ev.text


def test_no_self_relations():
    m = mention("invested", "investment", [("ent:msft", "agent"), ("ent:msft", "patient")], S1)
    assert derive([], [m], [], []) == []


@settings(max_examples=20, deadline=None)
@given(st.permutations(range(len(MENTIONS))))
def test_relations_do_not_depend_on_input_order(order):
    assert derive([EVENT], [MENTIONS[i] for i in order], QUOTES, AMOUNTS) == derive([EVENT], MENTIONS, QUOTES, AMOUNTS)


TYPES = {"ent:msft": "ORG", "ent:openai": "ORG", "ent:musk": "PERSON", "ent:nadella": "PERSON", "ent:smith": "PERSON",
         "ent:asia": "LOC", "ent:slack": "ORG"}


def test_a_relation_takes_only_the_sides_its_pattern_supports():
    text_ms = [mention("invested", "investment", [("ent:musk", "agent"), ("ent:asia", "recipient")], S1),
               mention("hired", "hiring", [("ent:msft", "agent"), ("ent:openai", "patient")], S1)]
    assert derive([], text_ms, [], [], types=TYPES) == []  # no investing in a continent, no hiring a company
    assert _triples(derive([], text_ms, [], [])) == {("ent:musk", "invested_in", "ent:asia"),
                                                   ("ent:msft", "hired", "ent:openai")}  # without types: any


def test_said_about_needs_a_reporting_verb_and_both_sides_named_in_the_sentence():
    post = mention("said", "statement", [("ent:nadella", "agent"), ("ent:openai", "other")], S3)
    posted = EventMention(**{**post.__dict__, "trigger": "posted", "id": "evm_post"})
    assert _triples(derive([], [posted], [], [], types=TYPES)) == set()
    assert _triples(derive([], [post], [], [], types=TYPES)) == {("ent:nadella", "said_about", "ent:openai")}

    class Index:  # the sentence names Nadella only: OpenAI came from a pronoun
        def mentions_in(self, doc, start, end):
            return [(None, "ent:nadella")]

    assert derive([], [post], [], [], types=TYPES, index=Index()) == []
