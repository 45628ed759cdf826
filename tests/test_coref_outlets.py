"""Cross-outlet coreference on hand-built reports: paraphrases merge, same actors at other dates do not."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.reconcile.coref import cluster
from storyline.reconcile.findings import find
from storyline.records import Document, EventMention, Participant, TimeExpr, content_id

TEXTS = {
    "wire": "Acme Corp agreed to buy Widget Inc for $2 billion on March 4, 2024. "
            "Acme first invested $100 million in Widget in 2019.",
    "daily": "Widget Inc will be acquired by Acme Corp in a $2 billion deal, the companies said on March 4, 2024. "
             "The tensions between Acme and Widget reflect broader trends in the industry.",
    "blog": "Acme's $2 billion purchase of Widget, announced in March 2024, is its largest. "
            "Back in 2019, Acme invested $100 million in Widget. "
            "The tensions between Acme and Widget reflect broader trends in the industry.",
    "gazette": "Globex first invested $100 million in Initech in 2019.",
}
DOCS = {k: Document(id=k, path=k, text=v, outlet=k, published=date(2024, 3, 5)) for k, v in TEXTS.items()}
ACME_WIDGET = (("ent:acme", "agent"), ("ent:widget", "patient"))
INVEST_ROLES = (("ent:acme", "agent"), ("ent:widget", "recipient"))
MAR4 = ("2024-03-04", "2024-03-04", "2024-03-04")
MAR = ("2024-03", "2024-03-01", "2024-03-31")
Y2019 = ("2019", "2019-01-01", "2019-12-31")


def mention(doc, sentence, trigger, etype, parts, when=None):
    return mention_in(TEXTS, doc, sentence, trigger, etype, parts, when)


def mention_in(texts, doc, sentence, trigger, etype, parts, when=None):
    """An event mention of ``texts[doc]``'s ``sentence``-th sentence (split at ". "), its trigger the
    first ``trigger`` in it; ``parts``: (entity, role) pairs; ``when``: (value, start day, end day)."""
    text = texts[doc]
    starts = [0] + [i + 2 for i in range(len(text)) if text.startswith(". ", i)]
    start = starts[sentence]
    end = text.find(". ", start)
    end = len(text) if end < 0 else end + 1
    t0 = text.index(trigger, start)
    time = None
    if when:
        time = TimeExpr(doc=doc, start=start, end=start + 1, text=text[start], type="DATE", value=when[0],
                        start_date=when[1], end_date=when[2])
    return EventMention(id=content_id("evm", doc, t0, etype), doc=doc, start=start, end=end, text=text[start:end],
                        trigger=trigger, trigger_start=t0, trigger_end=t0 + len(trigger), type=etype,
                        participants=tuple(Participant(e, r) for e, r in parts), time=time, sentence=sentence)


MENTIONS = [
    mention("wire", 0, "buy", "acquisition", ACME_WIDGET, MAR4),
    mention("daily", 0, "acquired", "acquisition", ACME_WIDGET, MAR4),
    mention("blog", 0, "purchase", "acquisition", ACME_WIDGET, MAR),
    mention("wire", 1, "invested", "investment", INVEST_ROLES, Y2019),
    mention("blog", 1, "invested", "investment", INVEST_ROLES, Y2019),
    mention("daily", 1, "tensions", "dispute", (("ent:acme", "other"), ("ent:widget", "other"))),
    mention("blog", 2, "tensions", "dispute", (("ent:acme", "other"), ("ent:widget", "other"))),
]


def _event(events, doc, etype):
    return next(e for e in events if doc in e.sources and e.type == etype)


def test_one_purchase_paraphrased_by_three_outlets_is_one_event_with_three_sources():
    events = cluster(MENTIONS, DOCS, {})
    deal = _event(events, "daily", "acquisition")
    assert deal.sources == ("blog", "daily", "wire")
    assert deal.date.value == "2024-03-04"
    (f,) = [f for f in find(events, [], DOCS, {}) if f.kind == "corroborated" and f.events == (deal.id,)]
    assert len(f.sources) == 3


def test_same_actors_at_another_date_are_another_event():
    events = cluster(MENTIONS, DOCS, {})
    deal, stake = _event(events, "wire", "acquisition"), _event(events, "wire", "investment")
    assert deal.id != stake.id
    assert stake.sources == ("blog", "wire") and stake.date.value == "2019"
    assert all(not (e.type == "acquisition" and e.date.value == "2019") for e in events)


@pytest.mark.parametrize("first,second", [(Y2019, MAR4), (("2023-11", "2023-11-01", "2023-11-30"), MAR)])
def test_reports_months_or_years_apart_never_merge_even_with_the_same_words(first, second):
    ms = [mention("wire", 1, "invested", "investment", INVEST_ROLES, first),
          mention("blog", 1, "invested", "investment", INVEST_ROLES, second)]
    assert len(cluster(ms, DOCS, {})) == 2


def test_an_undated_bridge_does_not_join_two_dated_events():
    ms = [mention("wire", 1, "invested", "investment", INVEST_ROLES, Y2019),
          mention("blog", 1, "invested", "investment", INVEST_ROLES, None),
          mention("daily", 0, "acquired", "investment", INVEST_ROLES, MAR4)]
    for e in cluster(ms, DOCS, {}):
        years = {m.time.value[:4] for m in ms if m.time and (m.doc, m.start) in {(v.doc, v.start) for v in e.evidence}}
        assert len(years) <= 1


def test_same_trigger_different_actors_across_outlets_stay_apart():
    ms = [mention("wire", 1, "invested", "investment", INVEST_ROLES, Y2019),
          mention("gazette", 0, "invested", "investment",
                  (("ent:globex", "agent"), ("ent:initech", "recipient")), Y2019)]
    assert len(cluster(ms, DOCS, {})) == 2


@settings(max_examples=20, deadline=None)
@given(st.permutations(range(len(MENTIONS))))
def test_cross_outlet_result_does_not_depend_on_order(order):
    assert cluster([MENTIONS[i] for i in order], DOCS, {}) == cluster(MENTIONS, DOCS, {})


STORY = {
    "cnn1": "Protesters filled the square again. The regime fell within weeks of the first march. "
            "Shares fell 5 percent in Cairo trading.",
    "cnn2": "Protesters filled the square again. Its economy fell drastically after the first march. "
            "Cairo shares fell 5 percent in trading.",
    "cnn3": "Protesters filled the square again. Snow fell across the city after the first march.",
}


def _story_mentions(published):
    docs = {k: Document(id=k, path=k, text=v, outlet="CNN", published=published) for k, v in STORY.items()}
    out = []
    for doc, text in STORY.items():
        start = 0
        for n, sentence in enumerate(text.split(". ")):
            sentence = sentence if sentence.endswith(".") else sentence + "."
            t0 = text.index("fell", start) if "fell" in sentence else -1
            if t0 >= 0:
                out.append(EventMention(id=content_id("evm", doc, t0), doc=doc, start=start, end=start + len(sentence),
                                        text=sentence, trigger="fell", trigger_start=t0, trigger_end=t0 + 4,
                                        type="other", sentence=n))
            start += len(sentence) + 1
    return docs, out


def test_the_same_word_in_reports_of_one_dated_story_needs_something_in_common():
    """Inside one story every article is alike, so 'the regime fell', 'its economy fell' and 'snow
    fell' (no actors, no figure, no date of their own) are three happenings; two reports of shares
    that fell by the same figure may be one."""
    from storyline.reconcile.coref import PairModel, _table, candidate_pairs

    docs, mentions = _story_mentions(date(2011, 2, 1))
    table = _table(mentions, docs, {})
    pairs = set(zip(*(x.tolist() for x in candidate_pairs(mentions, table, docs, {}))))
    across = [(mentions[i].text, mentions[j].text) for i, j in pairs if mentions[i].doc != mentions[j].doc]
    assert across and all("5 percent" in a and "5 percent" in b for a, b in across)
    events = cluster(mentions, docs, {}, model=PairModel())
    for word in ("regime", "economy", "Snow"):
        (ev,) = [e for e in events if any(word in x.text for x in e.evidence)]
        assert len(ev.sources) == 1, (word, ev.sources)


def test_undated_documents_ask_nothing_more_than_the_pair_model():
    """Without publication dates (ECB+) mentions carry no time, and the same word across documents
    stays a candidate pair for the pair model to judge."""
    from storyline.reconcile.coref import _table, candidate_pairs

    docs, mentions = _story_mentions(None)
    table = _table(mentions, docs, {})
    i, j = candidate_pairs(mentions, table, docs, {})
    crossed = {(mentions[a].doc, mentions[b].doc) for a, b in zip(i.tolist(), j.tolist())}
    assert ("cnn1", "cnn3") in crossed or ("cnn3", "cnn1") in crossed
