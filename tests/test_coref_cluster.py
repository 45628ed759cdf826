"""Cross-document event coreference on hand-built mentions: merge, keep apart, fields, order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.reconcile.coref import PairModel, _mood_conflict, cluster, figures_apart, money_figure, trigger_stems
from storyline.errors import ConfigError
from storyline.records import Amount, Document, EventMention, Participant, TimeExpr, content_id

TEXTS = {
    "reuters": "Microsoft will invest $10 billion in OpenAI, the companies said on Monday. "
               "Shares of Alphabet fell 2 percent in Tuesday trading as investors weighed the news.",
    "ap": "Microsoft is investing $10 billion in OpenAI, the maker of ChatGPT, the two firms said Monday. "
          "Separately, a storm flooded parts of Texas.",
    "wire-copy": "Microsoft will invest $10 billion in OpenAI, the companies said on Monday. "
                 "Shares of Alphabet fell 2 percent in Tuesday trading as investors weighed the news.",
    "blog": "A storm flooded parts of Texas on Sunday, officials said, leaving thousands without power.",
}
DOCS = {k: Document(id=k, path=k, text=v, outlet=k, published=date(2023, 1, 23)) for k, v in TEXTS.items()}


def _time(doc, value, lo, hi):
    return TimeExpr(doc=doc, start=0, end=1, text="x", type="DATE", value=value, start_date=lo, end_date=hi)


def mention(doc, trigger, etype, parts=(), time=None, nth=0):
    text = TEXTS[doc]
    t0 = text.index(trigger)
    end = text.index(". ", t0) + 1 if ". " in text[t0:] else len(text)
    start = text.rfind(". ", 0, t0)
    start = 0 if start < 0 else start + 2
    return EventMention(id=content_id("evm", doc, t0, trigger), doc=doc, start=start, end=end,
                        text=text[start:end], trigger=trigger, trigger_start=t0, trigger_end=t0 + len(trigger),
                        type=etype, participants=tuple(Participant(p, r) for p, r in parts), time=time)


def corpus(conflicting_time=False, near_time=False):
    jan = _time("reuters", "2023-01-23", "2023-01-23", "2023-01-23")
    other = _time("ap", "2022-06-02", "2022-06-02", "2022-06-02") if conflicting_time else \
        _time("ap", "2023-01-26", "2023-01-26", "2023-01-26") if near_time else \
        _time("ap", "2023-01", "2023-01-01", "2023-01-31")
    inv = (("ent:microsoft", "agent"), ("ent:openai", "recipient"))
    return [
        mention("reuters", "invest", "investment", inv, jan),
        mention("ap", "investing", "investment", inv, other),
        mention("wire-copy", "invest", "investment", inv, jan),
        mention("reuters", "fell", "business_result", (("ent:alphabet", "agent"),)),
        mention("ap", "flooded", "disaster", (("ent:texas", "patient"),)),
        mention("blog", "flooded", "disaster", (("ent:texas", "patient"),)),
    ]


def _event_with(events, doc, trigger_type):
    return next(e for e in events if doc in e.sources and e.type == trigger_type)


def test_same_investment_in_three_outlets_is_one_event():
    events = cluster(corpus(), DOCS, {"wire-copy": "reuters"})
    inv = _event_with(events, "ap", "investment")
    assert inv.sources == ("ap", "reuters", "wire-copy")
    assert inv.entities == ("ent:microsoft", "ent:openai")
    assert len(inv.evidence) == 3


def test_unrelated_events_stay_apart():
    events = cluster(corpus(), DOCS, {})
    inv = _event_with(events, "ap", "investment")
    fall = _event_with(events, "reuters", "business_result")
    assert inv.id != fall.id
    assert "blog" not in inv.sources


def test_storm_reported_by_two_outlets_is_one_event():
    events = cluster(corpus(), DOCS, {})
    assert _event_with(events, "blog", "disaster").sources == ("ap", "blog")


def test_event_date_is_the_most_precise_agreeing_time():
    inv = _event_with(cluster(corpus(), DOCS, {}), "ap", "investment")
    assert (inv.date.value, inv.date.start, inv.date.end) == ("2023-01-23", "2023-01-23", "2023-01-23")


def test_mentions_with_disjoint_dates_are_kept_apart():
    events = cluster(corpus(conflicting_time=True), DOCS, {})
    assert _event_with(events, "ap", "investment").sources == ("ap",)


def test_dates_days_apart_still_merge_so_the_conflict_can_be_reported():
    from storyline.reconcile.findings import find

    ms = corpus(near_time=True)
    events = cluster(ms, DOCS, {})
    inv = _event_with(events, "ap", "investment")
    assert "reuters" in inv.sources
    dates = [f for f in find(events, [], DOCS, {}, mentions=ms) if f.kind == "conflict" and "when" in f.summary]
    assert dates and "2023-01-26" in dates[0].summary


def test_event_without_times_leaves_date_open_for_the_pipeline():
    storm = _event_with(cluster(corpus(), DOCS, {}), "blog", "disaster")
    assert (storm.date.value, storm.date.start, storm.date.end) == (None, None, None)


def test_evidence_offsets_slice_the_documents():
    for e in cluster(corpus(), DOCS, {}):
        for ev in e.evidence:
            assert DOCS[ev.doc].text[ev.start:ev.end] == ev.text
        assert e.summary in {ev.text for ev in e.evidence}


def test_event_id_is_the_hash_of_its_member_mentions():
    ms = corpus()
    events = cluster(ms, DOCS, {})
    storm = _event_with(events, "blog", "disaster")
    members = sorted(m.id for m in ms if m.type == "disaster")
    assert storm.id == content_id("evt", members)


@pytest.mark.parametrize("trigger,stems", [
    ("stepped down", ("step",)), ("invested", ("invest",)), ("acquisitions", ("acquisit",)), ("to", ("to",)),
])
def test_trigger_stems(trigger, stems):
    assert trigger_stems(trigger) == stems


@pytest.mark.parametrize("kwargs", [{"weights": (1.0,)}, {"threshold": 0.0}, {"threshold": 1.5}])
def test_pair_model_rejects_bad_settings(kwargs):
    with pytest.raises(ConfigError):
        PairModel(**kwargs)


def test_empty_input_gives_no_events():
    assert cluster([], DOCS, {}) == []


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(6)), st.booleans())
def test_result_does_not_depend_on_input_order(order, dup):
    ms = corpus()
    shuffled = [ms[i] for i in order] + ([ms[order[0]]] if dup else [])
    assert cluster(shuffled, DOCS, {"wire-copy": "reuters"}) == cluster(ms, DOCS, {"wire-copy": "reuters"})


def test_a_plan_never_joins_a_realised_act():
    types = np.array(["plan", "investment", "plan", "other", "attack"])
    i, j = np.array([0, 0, 0, 1, 2]), np.array([1, 2, 3, 4, 4])
    assert _mood_conflict(types, i, j).tolist() == [True, False, False, False, True]


def test_money_figures_far_apart_are_different_happenings():
    nan = float("nan")
    assert figures_apart(1e9, 1e10) and figures_apart(7.5e8, 1e9)
    assert not figures_apart(1.3e10, 1.4e10)  # a misreport: the findings flag it
    assert not figures_apart(nan, 1e10) and not figures_apart(1e9, nan) and not figures_apart(nan, nan)
    # elementwise over candidate pairs
    assert figures_apart(np.array([1e9, 1.3e10, nan]), np.array([1e10, 1.4e10, 1e9])).tolist() == [True, False, False]


def _money_story():
    texts = {
        "a": "In 2019, Microsoft invested $1 billion in OpenAI, the companies said.",
        "b": "Microsoft invested another $10 billion in OpenAI, the companies said.",
        "c": "Microsoft invested about $10.5 billion in OpenAI, the companies said.",
    }
    docs = {k: Document(id=k, path=k, text=v, outlet=k, published=date(2023, 1, 23)) for k, v in texts.items()}
    amounts, mentions = {}, []
    for k, text in texts.items():
        t0 = text.index("invested")
        a0 = text.index("$")
        a1 = text.index(" in OpenAI")
        value = float(text[a0 + 1:a1].split()[-2]) * 1e9
        amt = Amount(id=f"amt-{k}", doc=k, start=a0, end=a1, text=text[a0:a1], currency="USD", low=value, high=value)
        amounts[amt.id] = amt
        mentions.append(EventMention(
            id=content_id("evm", k, t0, "invested"), doc=k, start=0, end=len(text), text=text, trigger="invested",
            trigger_start=t0, trigger_end=t0 + 8, type="investment", amounts=(amt.id,),
            participants=(Participant("ent:microsoft", "agent"), Participant("ent:openai", "recipient"))))
    return mentions, docs, amounts


def test_money_figure_nearest_the_trigger_is_the_mention_s_figure():
    mentions, _, amounts = _money_story()
    assert money_figure(mentions[0], amounts) == 1e9
    assert np.isnan(money_figure(mentions[0], {}))


def test_reports_with_figures_far_apart_stay_apart_and_close_ones_join():
    mentions, docs, amounts = _money_story()
    merged = cluster(mentions, docs, {})
    assert len(merged) == 1  # without the figures the same verb, actors and story join all three
    events = cluster(mentions, docs, {}, amounts=amounts)
    assert sorted(e.sources for e in events) == [("a",), ("b", "c")]


def _said(doc: str, text: str, trigger: str, etype: str, day: str | None, nth: int = 0) -> EventMention:
    t0 = text.index(trigger)
    time = TimeExpr(doc=doc, start=0, end=1, text="x", type="DATE", value=day, start_date=day, end_date=day) \
        if day else None
    return EventMention(id=content_id("evm", doc, t0, trigger, nth), doc=doc, start=0, end=len(text), text=text,
                        trigger=trigger, trigger_start=t0, trigger_end=t0 + len(trigger), type=etype, time=time)


def test_a_retold_sentence_joins_the_event_it_retells():
    """Pages reprint a story's sentence word for word or with a few words changed: the same act in
    it is one happening, even where the pair model's neighbourhood never scored the pair. A
    different name or number, another day, or another act in the same sentence stays apart."""
    from storyline.reconcile.coref import join_retold

    quake = "The 7.0-magnitude quake, Haiti's worst in two centuries, struck south of the capital, Port-au-Prince, on Tuesday."
    short = "The 7.0-magnitude quake, Haiti's worst in two centuries, struck south of Port-au-Prince, on Tuesday."
    other_place = "The 7.0-magnitude quake, Chile's worst in two centuries, struck south of the capital, Santiago, on Tuesday."
    day = "2010-01-12"
    big = [_said(f"d{i}", short, "struck", "disaster", day) for i in range(18)]
    groups = [big,
              [_said("p1", quake, "struck", "disaster", day)],
              [_said("p2", quake, "struck", "disaster", day)],
              [_said("p3", quake, "struck", "disaster", "2010-02-20")],  # another day: another quake
              [_said("p4", other_place, "struck", "disaster", day)],  # other names: apart
              [_said("p5", quake, "quake", "disaster", day)]]  # the noun, another mention of the sentence
    joined = join_retold(groups, {})
    sources = sorted(sorted({m.doc for m in g}) for g in joined)
    assert sorted({m.doc for g in joined if len(g) > 3 for m in g}) == sorted([f"d{i}" for i in range(18)] + ["p1", "p2"])
    assert ["p3"] in sources and ["p4"] in sources and ["p5"] in sources
    # the result does not depend on the order of the groups
    again = join_retold(list(reversed(groups)), {})
    assert sorted(sorted(m.id for m in g) for g in again) == sorted(sorted(m.id for m in g) for g in joined)
    # a short or generic sentence ("He said it was over.") joins nothing
    generic = [[_said("a", "He said that it was all over now for them.", "said", "statement", day)],
               [_said("b", "He said that it was all over now for them.", "said", "statement", day)]]
    assert len(join_retold(generic, {})) == 2


def _act(doc: str, text: str, trigger: str, etype: str, day: str | None, parts=(), mood: str = "actual") -> EventMention:
    m = _said(doc, text, trigger, etype, day)
    return EventMention(**{**m.__dict__, "participants": tuple(Participant(p, r) for p, r in parts), "mood": mood})


def test_one_doer_one_act_one_day_is_one_event_however_it_is_worded():
    """The reports of a story's biggest day are many and worded every way ("decided Friday to step
    down", "has stepped down", "stepped down yesterday"): a realised act of one kind, by the same
    agent, with the same trigger word, on the same day, is one event. Another doer, another day,
    another word, what the act was done to, an unrealised act or a plain statement stay apart."""
    from storyline.reconcile.coref import join_same_day

    day, mub, nato = "2011-02-11", ("ent:mubarak", "agent"), ("ent:nato", "agent")
    groups = [
        [_act("a", "Mubarak decided Friday to step down, the vice president said.", "step down", "leadership_change",
              day, [mub])],
        [_act("b", "President Mubarak has stepped down after 18 days of protests.", "stepped down",
              "leadership_change", day, [mub]),
         _act("c", "Mubarak stepped down yesterday, handing power to the army.", "stepped down", "leadership_change",
              day, [mub])],
        [_act("d", "Mubarak stepped down as party chief in 2009, his aides said.", "stepped down",
              "leadership_change", "2009-05-02", [mub])],                                  # another day
        [_act("e", "Suleiman stepped down from the cabinet on Friday.", "stepped down", "leadership_change", day,
              [("ent:suleiman", "agent")])],                                               # another doer
        [_act("f", "Mubarak resigned on Friday, state television said.", "resigned", "leadership_change", day,
              [mub])],                                                                     # another word
        [_act("g", "Mubarak may step down on Friday, an aide said.", "step down", "leadership_change", day,
              [mub], mood="possible")],                                                    # not realised
        [_act("h", "NATO struck Tripoli on Friday night.", "struck", "attack", day, [nato, ("ent:tripoli", "patient")])],
        [_act("i", "NATO struck Brega on Friday.", "struck", "attack", day, [nato, ("ent:brega", "patient")])],
        [_act("j", "NATO struck a convoy near Tripoli on Friday.", "struck", "attack", day,
              [nato, ("ent:tripoli", "patient")])],
        [_act("k", "Mubarak said on Friday he was leaving.", "said", "statement", day, [mub])],
        [_act("l", "Mubarak said on Friday that the army would rule.", "said", "statement", day, [mub])],
    ]
    joined = join_same_day(groups, {})
    docs = sorted(sorted(m.doc for m in g) for g in joined)
    assert ["a", "b", "c"] in docs                      # the three wordings of one resignation
    assert ["h", "j"] in docs and ["i"] in docs         # what NATO struck tells its strikes apart
    assert all([x] in docs for x in "defgkl")
    again = join_same_day(list(reversed(groups)), {})
    assert sorted(sorted(m.id for m in g) for g in again) == sorted(sorted(m.id for m in g) for g in joined)


def test_acts_of_one_day_that_give_the_same_telling_figure_are_one_event():
    """A disaster names no doer: the reports of one quake on its day, each worded its own way, are
    one event when they give the same magnitude or toll. A small count, another day, another kind,
    another place struck or another doer keep events apart."""
    from storyline.reconcile.coref import join_same_day, telling_figures

    day, haiti = "2010-01-12", ("ent:haiti", "patient")
    groups = [
        [_act("a", "It is believed the 7.0 magnitude quake on 12 January killed as many as 200,000 people.",
              "killed", "disaster", day)],
        [_act("b", "As many as 200,000 people died in the 12 January earthquake in Haiti.", "died", "disaster", day,
              [haiti])],
        [_act("c", "The 7.0-magnitude quake, Haiti's worst in two centuries, struck south of the capital.",
              "struck", "disaster", day, [haiti])],
        [_act("d", "An estimated 200,000 people died in last Tuesday's quake.", "died", "disaster", "2010-01-19")],
        [_act("e", "A 7.0 magnitude quake struck Chile on Tuesday.", "struck", "disaster", day,
              [("ent:chile", "patient")])],                                                  # another place
        [_act("f", "Rescuers pulled 200,000 tonnes of rubble from the city.", "pulled", "other", day)],
        [_act("g", "At least 10 people died in a fire in the capital.", "died", "disaster", day)],
        [_act("h", "At least 10 people died in a landslide in the north.", "died", "disaster", day)],
        [_act("k", "As many as 200,000 people were killed and two million made homeless.", "killed", "attack", day)],
        [_act("i", "NATO jets struck 120 targets on Tuesday.", "struck", "attack", day, [("ent:nato", "agent")])],
        [_act("j", "Rebels struck 120 checkpoints on Tuesday.", "struck", "attack", day, [("ent:rebels", "agent")])],
    ]
    joined = join_same_day(groups, {})
    docs = sorted(sorted(m.doc for m in g) for g in joined)
    assert ["a", "b", "c", "k"] in docs  # a toll told as an attack is the quake's deaths too
    assert all([x] in docs for x in "defghij")
    assert telling_figures("a 7.0 quake killed 200,000 people on 12 January; 10 were hurt") == {"7.0", "200000"}
    again = join_same_day(list(reversed(groups)), {})
    assert sorted(sorted(m.id for m in g) for g in again) == sorted(sorted(m.id for m in g) for g in joined)


CHRONOLOGY = ("October 12 - Government fighters capture Gaddafi's son after he tried to escape Sirte. "
              "October 17 - Government fighters capture Bani Walid, one of the last bastions of the loyalists. "
              "October 20 - Government fighters capture Sirte, Gaddafi's hometown, ending a two-month siege. "
              "The capture of Sirte on October 20 ended the war, fighters said.")


def _chronology_mentions():
    doc = "timeline-box"
    out = []
    for k, (day, start) in enumerate([("2011-10-12", 0), ("2011-10-17", CHRONOLOGY.index("October 17")),
                                      ("2011-10-20", CHRONOLOGY.index("October 20")),
                                      ("2011-10-20", CHRONOLOGY.index("The capture"))]):
        end = CHRONOLOGY.index(". ", start) + 1 if ". " in CHRONOLOGY[start:] else len(CHRONOLOGY)
        t0 = CHRONOLOGY.index("apture", start) - 1
        out.append(EventMention(
            id=content_id("evm", doc, t0), doc=doc, start=start, end=end, text=CHRONOLOGY[start:end],
            trigger=CHRONOLOGY[t0:t0 + 7], trigger_start=t0, trigger_end=t0 + 7, type="attack",
            participants=(Participant("ent:fighters", "agent"),),
            time=TimeExpr(doc=doc, start=start, end=start + 10, text=CHRONOLOGY[start:start + 10], type="DATE",
                          value=day, start_date=day, end_date=day) if k < 3 else
            TimeExpr(doc=doc, start=start + 19, end=start + 32, text="on October 20", type="DATE", value=day,
                     start_date=day, end_date=day)))
    return out


def test_one_page_dating_acts_to_different_days_tells_different_happenings():
    docs = {"timeline-box": Document(id="timeline-box", path="t", text=CHRONOLOGY, outlet="x",
                                     published=date(2011, 10, 20))}
    events = cluster(_chronology_mentions(), docs, {})
    days = sorted(e.date.start for e in events)
    assert days == ["2011-10-12", "2011-10-17", "2011-10-20"]  # three captures, not one
    sirte = next(e for e in events if e.date.start == "2011-10-20")
    assert len(sirte.evidence) == 2  # the page's two sentences on the same day's capture stay one


def test_across_pages_days_apart_are_no_cannot_link_within_one_page_they_are():
    from storyline.reconcile.coref import _conflicting

    oct12, oct17 = float(date(2011, 10, 12).toordinal()), float(date(2011, 10, 17).toordinal())
    nan = float("nan")
    assert _conflicting([(oct12, oct12, nan, 0, True)], [(oct17, oct17, nan, 0, True)])
    assert not _conflicting([(oct12, oct12, nan, 0, True)], [(oct17, oct17, nan, 1, True)])
    assert not _conflicting([(oct12, oct17, nan, 0, True)], [(oct17, oct17, nan, 0, True)])  # a range
    assert not _conflicting([(nan, nan, 5.0, 0, False)], [(oct17, oct17, nan, 0, True)])  # a figure, no date
    # days worked out from weekdays are left to the pair model
    assert not _conflicting([(oct12, oct12, nan, 0, False)], [(oct12 + 1, oct12 + 1, nan, 0, False)])
    assert not _conflicting([(oct12, oct12, nan, 0, True)], [(oct12 + 1, oct12 + 1, nan, 0, False)])


def test_days_worked_out_from_weekdays_are_no_cannot_link_within_a_page():
    # "on Friday" and "on Monday" of one page may be one happening the tagger placed a week off
    docs = {"timeline-box": Document(id="timeline-box", path="t", text=CHRONOLOGY, outlet="x",
                                     published=date(2011, 10, 20))}
    ms = [replace(m, time=replace(m.time, text="Friday")) for m in _chronology_mentions()]
    from storyline.reconcile.coref import _table

    assert not _table(ms, docs, {}).stated.any()
    assert _table(_chronology_mentions(), docs, {}).stated.all()
