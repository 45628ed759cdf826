"""Statements on hand-built pages: one page quoting many people gives many statements, one statement
reported by three outlets is one, one speaker on one stated day is one, on two days two, and what a
page retells its speaker said before is not what she says today."""

from __future__ import annotations

from datetime import date

import numpy as np

from storyline.reconcile.coref import _table, candidate_pairs, cluster
from storyline.records import Document
from test_coref_outlets import mention_in

# a live page and a wrap-up: a dozen people quoted, each a statement of their own
LIVE = ("The health minister said on Monday that two cases had been confirmed in the capital. "
        "A hospital spokeswoman said the patients were stable. "
        "The mayor said schools would stay open this week. "
        "An airline executive said bookings had fallen sharply. "
        "One traveller at the airport said he was not worried at all.")
TEXTS = {
    "live": LIVE,
    # the minister's statement as two other outlets carry it, and the minister again two days later
    "wire": "The health minister said on Monday that two cases had been confirmed in the capital.",
    "daily": "The health minister said on Monday that two cases had been confirmed in the capital. "
             "The minister said on Monday that more tests were under way.",
    "later": "The health minister said on Wednesday that a vaccine order had been placed with two makers.",
    # today's interview beside what the page retells she told reporters weeks before
    "retold": "The nurse said on Monday that she feared for her safety. "
              "She had told reporters that soldiers beat her at a checkpoint.",
}
MON = ("2024-05-06", "2024-05-06", "2024-05-06")
WED = ("2024-05-08", "2024-05-08", "2024-05-08")


def _docs(published):
    return {k: Document(id=k, path=k, text=v, outlet=k, published=published) for k, v in TEXTS.items()}


def mention(doc, sentence, trigger, speaker=None, when=None):
    return mention_in(TEXTS, doc, sentence, trigger, "statement", ((speaker, "agent"),) if speaker else (), when)


PAGE = [
    mention("live", 0, "said", "ent:minister", MON),
    mention("live", 1, "said", "ent:hospital", MON),
    mention("live", 2, "said", "ent:mayor", MON),
    mention("live", 3, "said", None, MON),
    mention("live", 4, "said", None, MON),
]
REPORTS = [
    mention("wire", 0, "said", "ent:minister", MON),
    mention("daily", 0, "said", "ent:minister", MON),
    mention("daily", 1, "said", "ent:minister", MON),
    mention("later", 0, "said", "ent:minister", WED),
]


def _of(events, doc, sentence):
    text = TEXTS[doc]
    return next(e for e in events if any(x.doc == doc and text[x.start:x.end] == m.text
                                         for x in e.evidence for m in PAGE + REPORTS
                                         if m.doc == doc and m.sentence == sentence))


def test_a_page_quoting_five_people_gives_five_statements():
    events = cluster(PAGE, _docs(date(2024, 5, 6)), {})
    assert len(events) == 5
    assert all(len(e.evidence) == 1 for e in events)


def test_one_statement_carried_by_three_outlets_is_one_event_with_three_sources():
    events = cluster(PAGE + REPORTS, _docs(date(2024, 5, 6)), {})
    first = _of(events, "wire", 0)
    assert set(first.sources) == {"live", "wire", "daily"}
    assert _of(events, "live", 0).id == first.id
    # the hospital, the mayor and the traveller did not say it
    assert all(_of(events, "live", s).id != first.id for s in (1, 2, 4))


def test_one_speaker_on_one_page_and_day_is_one_statement_on_another_day_another():
    events = cluster(PAGE + REPORTS, _docs(date(2024, 5, 6)), {})
    assert _of(events, "daily", 1).id == _of(events, "daily", 0).id
    assert _of(events, "later", 0).id != _of(events, "wire", 0).id


def test_pages_without_a_date_ask_nothing_more_than_the_pair_model():
    """ECB+ pages carry no publication date: the statements rule leaves their candidates alone."""
    mentions = sorted(PAGE, key=lambda m: m.start)
    undated = {k: Document(id=k, path=k, text=v, outlet=k) for k, v in TEXTS.items()}
    undated_mentions = [m.__class__(**{**m.__dict__, "time": None}) for m in mentions]
    i, j = candidate_pairs(undated_mentions, _table(undated_mentions, undated, {}), undated, {})
    assert len(i) == 10  # every pair of the page's five statements is scored
    dated = _docs(date(2024, 5, 6))
    i, j = candidate_pairs(mentions, _table(mentions, dated, {}), dated, {})
    assert len(i) == 0 and np.all(i < j)


def test_what_a_page_retells_its_speaker_said_before_is_not_what_she_says_today():
    mentions = [mention("retold", 0, "said", "ent:nurse", MON), mention("retold", 1, "told", "ent:nurse")]
    events = cluster(mentions, _docs(date(2024, 5, 6)), {})
    assert len(events) == 2
