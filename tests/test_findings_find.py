"""Cross-source findings on hand-built events: corroborated, single source, conflicts, copies, order."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.reconcile.findings import find
from storyline.reconcile.sources import copies_report, source_of
from storyline.records import (Amount, Document, Entity, Event, EventDate, EventMention, Evidence, Participant, TimeExpr,
                               content_id)

TEXTS = {
    "a": "Microsoft invested $10 billion in OpenAI on March 1, 2024. Google hired Mustafa Suleyman.",
    "b": "Microsoft invested $10 billion in OpenAI on March 1, 2024. Google hired Mustafa Suleyman.",
    "c": "Microsoft put $13 billion into OpenAI on March 5, 2024. Microsoft hired Mustafa Suleyman.",
    "d": "Jane Smith resigned as chief executive of Acme. Smith said the board was fine.",
}
OUTLETS = {"a": "Reuters", "b": "Yahoo (Reuters copy)", "c": "Bloomberg", "d": "The Verge"}
DOCS = {k: Document(id=k, path=k, text=v, outlet=OUTLETS[k], published=date(2024, 3, 10)) for k, v in TEXTS.items()}
COPIES = {"b": "a"}


def sent(doc: str, i: int) -> Evidence:
    text = TEXTS[doc]
    parts = text.split(". ")
    start = sum(len(p) + 2 for p in parts[:i])
    end = start + len(parts[i]) + (1 if i < len(parts) - 1 else 0)
    end = min(end, len(text))
    return Evidence(doc, start, end, text[start:end])


def event(name, etype, evidence, amounts=(), entities=("ent:someone",), day="2024-03-01"):
    # dated to a day by default, as a claim "only X reports" is a dated happening (findings._checkable_alone)
    return Event(id=content_id("evt", name), date=EventDate(day, day, day) if day else EventDate(),
                 summary=evidence[0].text, type=etype,
                 entities=entities, amounts=amounts, sources=tuple(sorted({e.doc for e in evidence})),
                 evidence=tuple(evidence))


def tmx(doc, day):
    return TimeExpr(doc=doc, start=0, end=1, text="x", type="DATE", value=day, start_date=day, end_date=day)


VERBS = ("invested", "put", "hired", "resigned", "said")


def mention(doc, i, etype, agent, patient, day=None, trigger=None):
    ev = sent(doc, i)
    trigger = trigger or next(w for w in ev.text.split() if w in VERBS)
    at = ev.start + ev.text.index(trigger)
    return EventMention(id=content_id("evm", doc, i, etype), doc=doc, start=ev.start, end=ev.end, text=ev.text,
                        trigger=trigger, trigger_start=at, trigger_end=at + len(trigger), type=etype,
                        participants=(Participant(agent, "agent"), Participant(patient, "patient")),
                        time=tmx(doc, day) if day else None)


def money(doc, low, payer="ent:microsoft", payee="ent:openai"):
    text = TEXTS[doc]
    token = f"${low} billion"
    start = text.index(token)
    return Amount(id=content_id("amt", doc, start), doc=doc, start=start, end=start + len(token), text=token,
                  kind="money", currency="USD", low=low * 1e9, high=low * 1e9, payer=payer, payee=payee,
                  purpose="investment", payer_name="Microsoft", payee_name="OpenAI")


INVEST = event("invest", "investment", [sent("a", 0), sent("b", 0), sent("c", 0)])
HIRE_GOOGLE = event("hire-g", "hiring", [sent("a", 1), sent("b", 1)])
HIRE_MSFT = event("hire-m", "hiring", [sent("c", 1)])
RESIGN = event("resign", "leadership_change", [sent("d", 0)])
SAID = event("said", "statement", [sent("d", 1)])
EVENTS = [INVEST, HIRE_GOOGLE, HIRE_MSFT, RESIGN, SAID]
MENTIONS = [
    mention("a", 0, "investment", "ent:microsoft", "ent:openai", "2024-03-01"),
    mention("b", 0, "investment", "ent:microsoft", "ent:openai", "2024-03-01"),
    mention("c", 0, "investment", "ent:microsoft", "ent:openai", "2024-03-05"),
    mention("a", 1, "hiring", "ent:google", "ent:suleyman"),
    mention("b", 1, "hiring", "ent:google", "ent:suleyman"),
    mention("c", 1, "hiring", "ent:microsoft", "ent:suleyman"),
]
AMOUNTS = [money("a", 10), money("b", 10), money("c", 13)]


def _kind(findings, kind):
    return [f for f in findings if f.kind == kind]


def test_evidence_helper_slices_text():
    for e in EVENTS:
        for ev in e.evidence:
            assert DOCS[ev.doc].text[ev.start:ev.end] == ev.text


def test_corroboration_counts_a_copy_once_and_says_so():
    (f,) = [f for f in _kind(find(EVENTS, [], DOCS, COPIES), "corroborated") if f.events == (INVEST.id,)]
    assert f.sources == ("a", "c")  # document ids, one per independent source
    assert [e.doc for e in f.evidence] == ["c", "a"]
    assert "(Bloomberg, Reuters)" in f.summary
    assert f"({OUTLETS['a']}: 2 documents, {OUTLETS['b']} = copy of {OUTLETS['a']}, counted as one source)" in f.summary
    assert f.summary.startswith("2 independent sources")


def test_without_the_copy_map_a_syndicated_sentence_still_counts_once():
    """Doc b carries doc a's sentence word for word: one report copied, whatever the document-level
    copy detection found."""
    (f,) = [f for f in _kind(find(EVENTS, [], DOCS, {}), "corroborated") if f.events == (INVEST.id,)]
    assert len(f.independent) == 2 and f.summary.startswith("2 independent sources")


@pytest.mark.parametrize("ev,expected", [(RESIGN, True), (HIRE_MSFT, True), (SAID, False)])
def test_single_source_only_for_notable_claims(ev, expected):
    singles = {f.events[0] for f in _kind(find(EVENTS, [], DOCS, COPIES), "single_source")}
    assert (ev.id in singles) is expected


def test_hire_reported_by_original_and_its_copy_is_still_single_source():
    singles = {f.events[0] for f in _kind(find(EVENTS, [], DOCS, COPIES), "single_source")}
    assert HIRE_GOOGLE.id in singles


def test_money_conflict_comes_from_the_ledger_and_ignores_copies():
    # the three figures report one investment (one event): $10 billion against $13 billion
    amounts = [replace(a, event=INVEST.id) for a in AMOUNTS]
    conflicts = [f for f in _kind(find(EVENTS, amounts, DOCS, COPIES), "conflict") if f.amounts]
    (f,) = conflicts
    assert {e.doc for e in f.evidence} == {"a", "c"} or {e.doc for e in f.evidence} == {"b", "c"}
    assert "10 billion" in f.summary and "13 billion" in f.summary


def test_date_conflict_from_mention_times_shows_both_dates():
    dates = [f for f in _kind(find(EVENTS, [], DOCS, COPIES, mentions=MENTIONS), "conflict")
             if "when" in f.summary]
    (f,) = dates
    assert "2024-03-01" in f.summary and "2024-03-05" in f.summary
    assert {e.doc for e in f.evidence} == {"a", "c"}


def _date_conflicts_with_c_at(time: TimeExpr) -> list:
    """The date conflicts when doc c's investment is told at ``time`` (doc a's on 1 March 2024)."""
    mentions = [replace(m, time=time) if m.doc == "c" and m.type == "investment" else m for m in MENTIONS]
    return [f for f in _kind(find(EVENTS, [], DOCS, COPIES, mentions=mentions), "conflict") if "when" in f.summary]


@pytest.mark.parametrize("week,lo,hi,anchor,conflict", [
    ("2024-W08", "2024-02-19", "2024-02-25", "dct", False),  # "two weeks ago": five days off, within a week
    ("2024-W08", "2024-02-19", "2024-02-25", None, True),  # "the week of 19 February": named, so exact
    ("2024-W05", "2024-01-29", "2024-02-04", "dct", True),  # a rough week, but four weeks off
])
def test_a_rough_count_back_disagrees_only_beyond_its_own_width(week, lo, hi, anchor, conflict):
    rough = TimeExpr(doc="c", start=0, end=1, text="x", type="DATE", value=week, start_date=lo, end_date=hi,
                     anchor=anchor)
    assert bool(_date_conflicts_with_c_at(rough)) == conflict


@pytest.mark.parametrize("text,day,anchor,conflict", [
    # "on Friday" read as the Friday before a page's stamp, the other source's Friday a week on:
    # which week a weekday alone names is a guess from the tense and the stamp
    ("Friday", "2024-02-23", "dct", False),
    ("Friday's", "2024-02-23", "dct", False),
    ("Friday", "2024-02-16", "dct", True),  # two weeks off is no misread week
    ("last Friday", "2024-02-23", "dct", True),  # the week is said
    ("February 23", "2024-02-23", None, True),  # a date named in full
])
def test_a_weekday_alone_may_mean_the_week_either_side(text, day, anchor, conflict):
    friday = TimeExpr(doc="c", start=0, end=1, text=text, type="DATE", value=day, start_date=day, end_date=day,
                      anchor=anchor)
    assert bool(_date_conflicts_with_c_at(friday)) == conflict


@pytest.mark.parametrize("said,when,day,conflict", [
    # done by the day it was said
    ("Microsoft invested in OpenAI, the company said on March 5, 2024.", "March 5, 2024", "2024-03-05", False),
    # said to be done before it was
    ("Microsoft invested in OpenAI, the company said on February 20, 2024.", "February 20, 2024", "2024-02-20", True),
    # the act's own day
    ("Microsoft invested in OpenAI on March 5, 2024.", "March 5, 2024", "2024-03-05", True),
])
def test_the_day_an_act_was_reported_bounds_it_and_does_not_date_it(said, when, day, conflict):
    texts = {"a": "Microsoft invested in OpenAI on March 1, 2024.", "c": said}
    docs = {k: Document(id=k, path=k, text=v, outlet=OUTLETS[k], published=date(2024, 3, 10)) for k, v in texts.items()}

    def reported(doc, when, day):
        text = texts[doc]
        at, t = text.index("invested"), text.index(when)
        time = TimeExpr(doc=doc, start=t, end=t + len(when), text=when, type="DATE", value=day, start_date=day,
                        end_date=day)
        return EventMention(id=content_id("evm", doc), doc=doc, start=0, end=len(text), text=text, trigger="invested",
                            trigger_start=at, trigger_end=at + 8, type="investment", time=time,
                            participants=(Participant("ent:microsoft", "agent"), Participant("ent:openai", "patient")))

    mentions = [reported("a", "March 1, 2024", "2024-03-01"), reported("c", when, day)]
    ev = Event(id="evt_x", date=EventDate(), summary=texts["a"], type="investment", entities=("ent:microsoft",),
               sources=("a", "c"), evidence=tuple(Evidence(m.doc, 0, len(m.text), m.text) for m in mentions))
    dates = [f for f in _kind(find([ev], [], docs, {}, mentions=mentions), "conflict") if "when" in f.summary]
    assert bool(dates) == conflict


def test_date_conflict_found_by_retagging_evidence_without_mentions():
    dates = [f for f in _kind(find(EVENTS, [], DOCS, COPIES), "conflict") if "when" in f.summary]
    assert len(dates) == 1 and "2024-03-05" in dates[0].summary


def test_who_did_what_conflict_needs_independent_sources():
    who = [f for f in _kind(find(EVENTS, [], DOCS, COPIES, mentions=MENTIONS, entities=ENTITIES), "conflict")
           if "who" in f.summary]
    (f,) = who
    # named as a reader names them: entities by name, sources by outlet
    assert "Google" in f.summary and "Microsoft" in f.summary and "ent:" not in f.summary
    assert all(OUTLETS[d] in f.summary for d in ("a", "c"))
    assert {e.doc for e in f.evidence} == {"a", "c"}
    only_copies = [m for m in MENTIONS if m.doc in ("a", "b")]
    assert not [f for f in find(EVENTS, [], DOCS, COPIES, mentions=only_copies) if "who" in f.summary]


ENTITIES = {e.id: e for e in (Entity(id="ent:google", name="Google", type="ORG"),
                              Entity(id="ent:microsoft", name="Microsoft", type="ORG"),
                              Entity(id="ent:suleyman", name="Mustafa Suleyman", type="PERSON"))}


def test_a_sentence_naming_both_sides_relates_them_and_denies_neither():
    """"Suleyman was hired by Microsoft, at Google's request" against "Google hired Suleyman": the
    first names Google too, so it does not say Google was not behind the hire."""
    both = [replace(m, participants=m.participants + (Participant("ent:google", "beneficiary"),))
            if m.doc == "c" and m.type == "hiring" else m for m in MENTIONS]
    assert not [f for f in find(EVENTS, [], DOCS, COPIES, mentions=both, entities=ENTITIES) if "who" in f.summary]


def test_who_conflicts_need_a_patient_the_act_applies_to():
    """Nobody hires a country: with entity types known, "hiring" of an ORG/GPE is no conflict."""
    as_org = {**ENTITIES, "ent:suleyman": Entity(id="ent:suleyman", name="Suleyman Corp", type="ORG")}
    assert not [f for f in find(EVENTS, [], DOCS, COPIES, mentions=MENTIONS, entities=as_org) if "who" in f.summary]


def test_who_conflicts_need_an_act_the_trigger_names():
    """"left Suleiman without a role" and "then returned him" are typed personnel acts, but their
    verbs name no hire, removal or return: two agents there disagree about nothing."""
    vague = [replace(m, trigger="left") if m.type == "hiring" else m for m in MENTIONS]
    assert not [f for f in find(EVENTS, [], DOCS, COPIES, mentions=vague, entities=ENTITIES) if "who" in f.summary]


def test_agents_sharing_a_name_do_not_disagree():
    one = {**ENTITIES, "ent:google": Entity(id="ent:google", name="Microsoft Research", type="ORG")}
    assert not [f for f in find(EVENTS, [], DOCS, COPIES, mentions=MENTIONS, entities=one) if "who" in f.summary]


def test_agreeing_reports_give_no_conflict():
    agreeing = [m for m in MENTIONS if m.doc != "c"]
    assert not _kind(find([HIRE_GOOGLE, RESIGN], AMOUNTS[:2], DOCS, COPIES, mentions=agreeing), "conflict")


def test_copies_report_names_the_copies():
    assert copies_report(COPIES) == "Treated as copies (counted once for corroboration): b = copy of a"
    assert copies_report({}) == "No documents were treated as copies."


def test_source_of_follows_copy_chains():
    assert source_of("b", DOCS, COPIES) == "Reuters"
    assert source_of("x", DOCS, {"x": "b", "b": "a"}) == "Reuters"


@settings(max_examples=15, deadline=None)
@given(st.permutations(range(len(EVENTS))), st.permutations(range(len(MENTIONS))), st.permutations(range(3)))
def test_findings_do_not_depend_on_input_order(ev_order, m_order, a_order):
    base = find(EVENTS, AMOUNTS, DOCS, COPIES, mentions=MENTIONS)
    shuffled = find([EVENTS[i] for i in ev_order], [AMOUNTS[i] for i in a_order], DOCS, COPIES,
                    mentions=[MENTIONS[i] for i in m_order])
    assert shuffled == base


@pytest.mark.parametrize("etype,kind,expected", [
    ("business_result", "money", True), ("business_result", "count", False),
    ("statement", "money", False), ("other", "money", True),
])
def test_money_makes_a_money_event_notable_but_not_a_generic_sentence(etype, kind, expected):
    """Money paid from a named payer to a named payee is notable whatever the clause's type ("paid
    $650 million to hire"); a statement or a count is not."""
    amount = replace(money("a", 10), kind=kind)
    ev = event("with-money", etype, [sent("a", 0)], amounts=(amount.id,))
    singles = {f.events[0] for f in _kind(find([ev], [amount], DOCS, COPIES), "single_source")}
    assert (ev.id in singles) is expected


@pytest.mark.parametrize("entities,expected", [(("ent:smith",), True), ((), False)])
def test_single_source_needs_someone_named(entities, expected):
    ev = event("resign-named", "leadership_change", [sent("d", 0)], entities=entities)
    singles = {f.events[0] for f in _kind(find([ev], [], DOCS, COPIES), "single_source")}
    assert (ev.id in singles) is expected


@pytest.mark.parametrize("when, key, expected", [  # (value, start, end) of the event's date
    (("2024-03-01", "2024-03-01", "2024-03-01"), False, True),  # a day: something to check
    (("2024-03", "2024-03-01", "2024-03-31"), False, True),  # a month too
    ((None, None, "2024-03-01"), False, True),  # no time of its own: news, reported by its page's day
    (("2024", "2024-01-01", "2024-12-31"), False, False),  # only a year: background
    (("202", "2020-01-01", "2029-12-31"), False, False),  # a decade
    (("2024", "2024-01-01", "2024-12-31"), True, True),  # a key event is flagged whatever its date
])
def test_a_claim_placed_only_in_a_year_is_not_flagged_as_resting_on_one_source(when, key, expected):
    ev = replace(event("resign-dated", "leadership_change", [sent("d", 0)], entities=("ent:smith",)),
                 date=EventDate(*when), key=key, rank=1 if key else 0)
    singles = {f.events[0] for f in _kind(find([ev], [], DOCS, COPIES), "single_source")}
    assert (ev.id in singles) is expected


def test_a_claim_whose_subject_is_a_pronoun_is_not_flagged_alone():
    from storyline.reconcile.findings import _checkable_alone

    ev = event("fought", "attack", [sent("d", 0)])
    assert _checkable_alone(ev, mention("d", 0, "leadership_change", "ent:smith", "ent:acme"))
    he = replace(mention("d", 0, "leadership_change", "ent:smith", "ent:acme"),
                 text="He has fought the rebels and NATO to a standstill.")
    assert not _checkable_alone(ev, he)


def test_no_single_source_flag_on_an_event_the_dossier_shows_with_other_outlets_evidence():
    # the resignation told by The Verge alone is flagged; once coreference has put a Bloomberg sentence
    # in its event, "only The Verge reports" would contradict the event's own sources: no flag
    mentions = MENTIONS + [mention("d", 0, "leadership_change", "ent:smith", "ent:acme")]
    alone = replace(RESIGN, entities=("ent:smith", "ent:acme"))
    mixed = replace(alone, evidence=(sent("d", 0), sent("c", 1)), sources=("c", "d"))

    def flagged(ev):
        events = [ev if e is RESIGN else e for e in EVENTS]
        return [f for f in _kind(find(events, [], DOCS, COPIES, mentions=mentions), "single_source")
                if ev.id in f.events]

    (f,) = flagged(alone)
    assert f.summary.startswith("Only The Verge reports: Jane Smith resigned")
    assert not flagged(mixed)


def test_a_key_event_is_corroborated_by_the_paraphrases_its_clustering_holds():
    """A generic act ("declared", "said") is told apart by no party: the other outlets' reports its
    event holds corroborate it only when they say much the same thing, not merely sit in its cluster."""
    texts = {"w1": "The World Health Organization declared a global flu pandemic on Thursday. Officials met.",
             "w2": "The World Health Organization has declared a global flu pandemic, the first in decades. Schools shut.",
             "w3": "The World Health Organization said the season would be mild and short. Shops opened."}
    outlets = {"w1": "Reuters", "w2": "BBC", "w3": "The Guardian"}
    docs = {k: Document(id=k, path=k, text=v, outlet=outlets[k], published=date(2009, 6, 12)) for k, v in texts.items()}
    firsts = {k: Evidence(k, 0, v.index(". ") + 1, v[: v.index(". ") + 1]) for k, v in texts.items()}
    ents = {"ent:who": Entity(id="ent:who", name="World Health Organization", type="ORG")}

    def said(doc, verb):
        ev = firsts[doc]
        at = ev.text.index(verb)
        return EventMention(id=content_id("evm", doc), doc=doc, start=ev.start, end=ev.end, text=ev.text, trigger=verb,
                            trigger_start=at, trigger_end=at + len(verb), type="statement",
                            participants=(Participant("ent:who", "agent"),))

    mentions = [said("w1", "declared"), said("w2", "declared"), said("w3", "said")]
    key = replace(event("pandemic", "statement", [firsts["w1"], firsts["w2"], firsts["w3"]], entities=("ent:who",)),
                  key=True, rank=1)
    (f,) = [f for f in find([key], [], docs, {}, mentions=mentions, entities=ents) if f.kind == "corroborated"]
    assert {e.doc for e in f.evidence} == {"w1", "w2"} and "The Guardian" not in f.summary
    apart = [replace(m, text=texts["w3"][:40]) if m.doc == "w2" else m for m in mentions]
    assert not [f for f in find([key], [], docs, {}, mentions=apart, entities=ents) if f.kind == "corroborated"]
    tallies = {"w1": "Two people had died when the World Health Organization declared a global flu pandemic.",
               "w2": "Four people had died when the World Health Organization declared a global flu pandemic."}
    other_figures = [replace(m, text=tallies[m.doc]) if m.doc in tallies else m for m in mentions]
    assert not [f for f in find([key], [], docs, {}, mentions=other_figures, entities=ents) if f.kind == "corroborated"]


def test_the_figures_of_a_sentence_are_its_digits_and_number_words_not_a_name_s():
    from storyline.reconcile.findings import _numbers

    assert _numbers("Four have died in Canada though most of the 2,978 cases were mild.") == {4.0, 2978.0}
    assert _numbers("The H1N1 virus reached G8 states in 2009, at 3.5 per cent.") == {2009.0, 3.5}


def test_documents_of_unknown_outlet_are_counted_but_not_called_independent():
    from storyline.reconcile.findings import _sources_said
    from storyline.reconcile.sources import Attribution

    docs = {k: Document(id=k, path=f"{k}.txt", text="Something happened.", outlet=o) for k, o in
            (("a", "Reuters"), ("b", None), ("c", None), ("d", None), ("e", "BBC"))}
    att = Attribution.build(docs, {})
    assert _sources_said(["Reuters", "b", "c", "d"], att) == "4 sources (Reuters and 3 documents of unknown outlet)"
    assert _sources_said(["b", "c"], att) == "2 sources (2 documents of unknown outlet)"
    # one page of unknown outlet may be a BBC or a Reuters page
    assert _sources_said(["BBC", "Reuters", "b"], att) == "3 sources (BBC, Reuters and 1 document of unknown outlet)"
    assert _sources_said(["BBC", "Reuters"], att) == "2 independent sources (BBC, Reuters)"


def test_sources_sharing_a_long_sentence_word_for_word_count_once():
    from storyline.reconcile.findings import _one_per_copy

    def m(doc, text):
        return EventMention(id=content_id("evm", doc, text), doc=doc, start=0, end=len(text), text=text, trigger="x",
                            trigger_start=0, trigger_end=1, type="statement")

    long = "Egyptian banks will be closed for two days, state television announced Sunday."
    by = {"x": [m("a", long)], "y": [m("b", "  " + long.upper())], "z": [m("c", "Banks shut for two days in Egypt.")],
          "v": [m("d", "Banks closed on Sunday.")], "w": [m("e", "Banks closed on Sunday.")]}
    merged = _one_per_copy(by)  # a short sentence alike by chance is no copy
    assert sorted(merged) == ["v", "w", "x", "z"] and [e.doc for e in merged["x"]] == ["a", "b"]


def test_a_claim_no_report_of_which_is_about_the_story_corroborates_nothing_unless_it_is_a_key_event():
    """Pages carry sidebars: two pages of a flu story telling that a senator resigned are not the
    story's corroborated news; the same claim chosen as a key event is."""
    texts = {f"f{i}": f"The flu spread in town {i}. Schools closed." for i in range(22)}
    texts["s1"] = "Senator John Smith resigned from the Senate on Monday after a scandal. The flu spread."
    texts["s2"] = "Senator John Smith resigned from the Senate on Monday after the scandal broke. Rain fell."
    docs = {k: Document(id=k, path=k, text=v, outlet=f"Outlet {k}", published=date(2009, 6, 12)) for k, v in texts.items()}
    firsts = {k: Evidence(k, 0, texts[k].index(". ") + 1, texts[k][: texts[k].index(". ") + 1]) for k in ("s1", "s2")}
    ents = {"ent:smith": Entity(id="ent:smith", name="John Smith", type="PERSON")}
    mentions = [EventMention(id=content_id("evm", k), doc=k, start=ev.start, end=ev.end, text=ev.text, trigger="resigned",
                             trigger_start=ev.text.index("resigned"), trigger_end=ev.text.index("resigned") + 8,
                             type="leadership_change", participants=(Participant("ent:smith", "patient"),))
                 for k, ev in firsts.items()]
    sidebar = event("resign", "leadership_change", [firsts["s1"], firsts["s2"]], entities=("ent:smith",))

    def corroborated(e):
        return [f for f in find([e], [], docs, {}, mentions=mentions, entities=ents) if f.kind == "corroborated"]

    assert not corroborated(sidebar)
    assert len(corroborated(replace(sidebar, key=True, rank=1))) == 1


def test_copies_link_sources_through_any_shared_sentence():
    """x and z share one sentence, y and z another: all three tell one report copied."""
    from storyline.reconcile.findings import _one_per_copy

    def m(doc, text):
        return EventMention(id=content_id("evm", doc, text), doc=doc, start=0, end=len(text), text=text, trigger="x",
                            trigger_start=0, trigger_end=1, type="statement")

    a = "The ministry said the border crossing would stay closed until further notice."
    b = "Officials said some forty trucks had been turned back at the crossing on Monday."
    merged = _one_per_copy({"x": [m("d1", a)], "y": [m("d2", b)], "z": [m("d3", a), m("d4", b)]})
    assert list(merged) == ["x"] and sorted(e.doc for e in merged["x"]) == ["d1", "d2", "d3", "d4"]


def test_a_copied_sentence_is_one_report_whatever_dateline_stands_in_front():
    from storyline.reconcile.findings import _one_per_copy

    def m(doc, text):
        return EventMention(id=content_id("evm", doc, text), doc=doc, start=0, end=len(text), text=text, trigger="x",
                            trigger_start=0, trigger_end=1, type="statement")

    said = "Algerian President Abdelaziz Bouteflika said Thursday he will soon end the state of emergency."
    merged = _one_per_copy({"x": [m("a", "CNN)--" + said)], "y": [m("b", said)]})
    assert list(merged) == ["x"]


def test_a_claim_naming_only_an_outlet_and_a_place_in_passing_is_a_sidebar_even_as_a_key_event():
    """"Jon Petrovich, a former CNN executive, died Thursday in New York": CNN is the pages' outlet,
    not a party; New York is named in passing by a few pages (a place must take part in a tenth of
    them); Petrovich by two. The same sentence about the story's own party is a finding."""
    filler = {f"f{i}": f"Officials met in {'New York' if i < 4 else 'Cairo'} on day {i}. Talks went on." for i in range(70)}
    texts = {**filler, "p1": "Jon Petrovich, a former CNN executive, died Thursday in New York after an illness. Then.",
             "p2": "Jon Petrovich, a former CNN executive, died Thursday in New York after a long illness. Now."}
    docs = {k: Document(id=k, path=k, text=v, outlet="CNN" if k.startswith("f") else f"Outlet {k}",
                        published=date(2011, 2, 4)) for k, v in texts.items()}
    ents = {"ent:petrovich": Entity(id="ent:petrovich", name="Jon Petrovich", type="PERSON"),
            "ent:cnn": Entity(id="ent:cnn", name="CNN", type="ORG"),
            "ent:ny": Entity(id="ent:ny", name="New York", type="GPE"),
            "ent:officials": Entity(id="ent:officials", name="Egyptian Officials", type="ORG")}

    def first(k):
        return Evidence(k, 0, texts[k].index(". ") + 1, texts[k][: texts[k].index(". ") + 1])

    def m(k, trigger, etype, parts):
        ev = first(k)
        at = ev.text.index(trigger)
        return EventMention(id=content_id("evm", k), doc=k, start=ev.start, end=ev.end, text=ev.text, trigger=trigger,
                            trigger_start=at, trigger_end=at + len(trigger), type=etype,
                            participants=tuple(Participant(e, r) for e, r in parts))

    background = [m(k, "met", "meeting", [("ent:officials", "agent"), ("ent:cnn", "other")]
                    + ([("ent:ny", "other")] if k in ("f0", "f1", "f2", "f3") else [])) for k in filler]

    def corroborated(patient):
        died = [m(k, "died", "death", [(patient, "patient"), ("ent:cnn", "other"), ("ent:ny", "other")]) for k in ("p1", "p2")]
        key = replace(event("died", "death", [first("p1"), first("p2")], entities=(patient,)), key=True, rank=1)
        return [f for f in find([key], [], docs, {}, mentions=background + died, entities=ents) if f.kind == "corroborated"]

    assert not corroborated("ent:petrovich")
    assert len(corroborated("ent:officials")) == 1


def test_a_question_or_a_reader_s_comment_is_no_report_of_a_happening():
    """"Did the World Health Organization declare a global flu pandemic?" tells no one it did."""
    texts = {"w1": "The World Health Organization declared a global flu pandemic on Thursday. Officials met.",
             "w2": "Has the World Health Organization declared a global flu pandemic, the first in decades? Schools shut.",
             "w3": "The World Health Organization has declared a global flu pandemic, the first in decades. Shops opened."}
    outlets = {"w1": "Reuters", "w2": "BBC", "w3": "The Guardian"}
    docs = {k: Document(id=k, path=k, text=v, outlet=outlets[k], published=date(2009, 6, 12)) for k, v in texts.items()}
    ends = {k: v.index("? ") + 1 if "? " in v else v.index(". ") + 1 for k, v in texts.items()}
    firsts = {k: Evidence(k, 0, ends[k], v[: ends[k]]) for k, v in texts.items()}
    ents = {"ent:who": Entity(id="ent:who", name="World Health Organization", type="ORG")}

    def declared(doc):
        ev = firsts[doc]
        at = ev.text.index("declare")
        return EventMention(id=content_id("evm", doc), doc=doc, start=ev.start, end=ev.end, text=ev.text, trigger="declared",
                            trigger_start=at, trigger_end=at + 8, type="statement",
                            participants=(Participant("ent:who", "agent"),))

    key = replace(event("pandemic", "statement", [firsts["w1"], firsts["w2"], firsts["w3"]], entities=("ent:who",)),
                  key=True, rank=1)
    (f,) = [f for f in find([key], [], docs, {}, mentions=[declared(k) for k in texts], entities=ents)
            if f.kind == "corroborated"]
    assert {e.doc for e in f.evidence} == {"w1", "w3"} and "BBC" not in f.summary


def test_claims_joined_by_a_shared_report_cite_the_leading_claim_s_reports_only(monkeypatch):
    """Claims chain through shared reports ("Mubarak resigned" to "his cabinet resigned"); the
    finding is told by its best claim and cites that claim's reports, not the union of the chain's,
    and lists the events it tells, not every event of the chain."""
    import storyline.reconcile.findings as F

    texts = {"a": "The cabinet resigned on Saturday in Cairo. Then.", "b": "The cabinet quit on Saturday in Cairo. Then.",
             "c": "The president resigned on Friday in Cairo. Then."}
    docs = {k: Document(id=k, path=k, text=v, outlet=f"Outlet {k}", published=date(2011, 2, 12)) for k, v in texts.items()}
    firsts = {k: Evidence(k, 0, v.index(". ") + 1, v[: v.index(". ") + 1]) for k, v in texts.items()}
    ents = {"ent:cabinet": Entity(id="ent:cabinet", name="Cairo Cabinet", type="ORG")}

    def m(k):
        ev = firsts[k]
        return EventMention(id=content_id("evm", k), doc=k, start=ev.start, end=ev.end, text=ev.text, trigger="resigned",
                            trigger_start=0, trigger_end=1, type="leadership_change",
                            participants=(Participant("ent:cabinet", "patient"),))

    ms = {k: m(k) for k in texts}
    cabinet = replace(event("cabinet", "leadership_change", [firsts["a"], firsts["b"]], entities=("ent:cabinet",)),
                      key=True, rank=1)
    president = replace(event("president", "leadership_change", [firsts["c"], firsts["b"]], entities=("ent:cabinet",)),
                        key=True, rank=2)
    told = {ms["a"].id: [ms["a"], ms["b"]], ms["c"].id: [ms["c"], ms["b"]]}
    monkeypatch.setattr(F, "_reports", lambda story, anchor, own, loose, restated=(): told.get(anchor.id, [anchor]) if not loose else [])
    (f,) = [f for f in find([cabinet, president], [], docs, {}, mentions=list(ms.values()), entities=ents)
            if f.kind == "corroborated"]
    assert {e.doc for e in f.evidence} == {"a", "b"} and set(f.events) == {cabinet.id}


def test_a_shared_city_or_a_shared_appointer_tells_no_one_happening():
    """"Protesters upset with Mubarak gathered in New York" and "Mubarak blamed the Brotherhood for
    the violence in Cairo" share Mubarak and a city; "the king appointed Bakhit" and "the king
    chose to appoint him" share the one who appoints. Neither pair is one happening."""
    from storyline.reconcile.findings import _Story, same_happening

    ents = {"ent:mubarak": Entity(id="ent:mubarak", name="Hosni Mubarak", type="PERSON"),
            "ent:cairo": Entity(id="ent:cairo", name="Cairo", type="GPE"),
            "ent:king": Entity(id="ent:king", name="King Abdullah", type="PERSON"),
            "ent:bakhit": Entity(id="ent:bakhit", name="Maarouf Bakhit", type="PERSON"),
            "ent:hamid": Entity(id="ent:hamid", name="Shadi Hamid", type="PERSON")}
    texts = {"x": "Mubarak gathered protesters in Cairo on Thursday.", "y": "Mubarak blamed the Brotherhood in Cairo on Thursday.",
             "z": "Mubarak thanked the army in Cairo on Thursday.",
             "k1": "King Abdullah appointed Maarouf Bakhit prime minister on Tuesday.",
             "k2": "King Abdullah chose to appoint Shadi Hamid adviser on Tuesday."}
    docs = {k: Document(id=k, path=k, text=v, outlet=f"Outlet {k}", published=date(2011, 2, 3)) for k, v in texts.items()}

    def m(k, etype, trigger, parts):
        at = texts[k].index(trigger)
        return EventMention(id=content_id("evm", k), doc=k, start=0, end=len(texts[k]), text=texts[k], trigger=trigger,
                            trigger_start=at, trigger_end=at + len(trigger), type=etype, mood="actual",
                            time=tmx(k, "2011-02-03"), participants=tuple(Participant(e, r) for e, r in parts))

    gathered = m("x", "other", "gathered", [("ent:mubarak", "agent"), ("ent:cairo", "recipient")])
    blamed = m("y", "other", "blamed", [("ent:mubarak", "agent"), ("ent:cairo", "recipient")])
    appointed = m("k1", "hiring", "appointed", [("ent:king", "agent"), ("ent:bakhit", "patient")])
    chose = m("k2", "hiring", "appoint", [("ent:king", "agent"), ("ent:hamid", "patient")])
    story = _Story([], [gathered, blamed, appointed, chose], [], docs, ents)
    assert not same_happening(story, blamed, gathered)
    assert not same_happening(story, chose, appointed)
    # the same untyped act by the same agent on the same party that is no place, and the same person
    # appointed, still are; another untyped act by them is not ("thanked" is no "gathered")
    thanked = m("z", "other", "thanked", [("ent:mubarak", "agent"), ("ent:bakhit", "recipient")])
    gathered_b = replace(gathered, participants=(Participant("ent:mubarak", "agent"), Participant("ent:bakhit", "recipient")))
    thanked_b = replace(gathered_b, text="Mubarak thanked Bakhit in Cairo on Thursday.", trigger="thanked",
                        trigger_start=8, trigger_end=15)
    assert same_happening(_Story([], [thanked, thanked_b], [], docs, ents), thanked, thanked_b)
    assert not same_happening(_Story([], [thanked, gathered_b], [], docs, ents), thanked, gathered_b)
    again = replace(chose, participants=(Participant("ent:king", "agent"), Participant("ent:bakhit", "patient")),
                    text="King Abdullah chose to appoint Maarouf Bakhit prime minister on Tuesday.")
    assert same_happening(_Story([], [appointed, again], [], docs, ents), again, appointed)


def _rig_story():
    texts = {"r1": "The Deepwater Horizon rig exploded on April 20, killing 11 workers. Then.",
             "r2": "The Deepwater Horizon rig exploded on April 20, killing 11 workers, officials said. Now.",
             "r3": "The Deepwater Horizon oil rig exploded on April 20, killing 11 workers in the Gulf. So.",
             "r4": "The Deepwater Horizon oil rig exploded on April 20, killing 11 workers off Louisiana. Yes."}
    outlets = {"r1": "Reuters", "r2": "BBC", "r3": "The Guardian", "r4": "Fox News"}
    docs = {k: Document(id=k, path=k, text=v, outlet=outlets[k], published=date(2010, 5, 2)) for k, v in texts.items()}
    firsts = {k: Evidence(k, 0, v.index(". ") + 1, v[: v.index(". ") + 1]) for k, v in texts.items()}
    ents = {"ent:rig": Entity(id="ent:rig", name="Deepwater Horizon", type="FAC")}

    def m(k):
        ev = firsts[k]
        at = ev.text.index("exploded")
        return EventMention(id=content_id("evm", k), doc=k, start=ev.start, end=ev.end, text=ev.text, trigger="exploded",
                            trigger_start=at, trigger_end=at + 8, type="disaster", time=tmx(k, "2010-04-20"),
                            participants=(Participant("ent:rig", "patient"),))

    return texts, docs, firsts, ents, {k: m(k) for k in texts}


def test_corroborations_of_one_happening_in_other_words_are_one_finding_listing_every_source():
    """The rig explosion told as two key events (two clusters, two outlets each) is one finding with
    four sources, not two."""
    texts, docs, firsts, ents, ms = _rig_story()
    one = replace(event("blast1", "disaster", [firsts["r1"], firsts["r2"]], entities=("ent:rig",)), key=True, rank=1)
    two = replace(event("blast2", "disaster", [firsts["r3"], firsts["r4"]], entities=("ent:rig",)), key=True, rank=2)
    found = [f for f in find([one, two], [], docs, {}, mentions=list(ms.values()), entities=ents,
                             sentences=[]) if f.kind == "corroborated"]
    (f,) = found
    assert set(f.independent) == {"Reuters", "BBC", "The Guardian", "Fox News"} and set(f.events) == {one.id, two.id}
    assert f.summary.startswith("4 independent sources")


def test_a_sentence_that_denies_is_no_paraphrase_of_one_that_affirms():
    from storyline.reconcile.findings import _Story, _negated

    def m(doc, text, trigger):
        at = text.index(trigger)
        return EventMention(id=content_id("evm", doc), doc=doc, start=0, end=len(text), text=text, trigger=trigger,
                            trigger_start=at, trigger_end=at + len(trigger), type="disaster", mood="actual",
                            time=tmx(doc, "2010-07-16"))

    stopped = m("a", "Oil is no longer leaking into the Gulf of Mexico after the explosion.", "leaking")
    going = m("b", "Oil is continuing to leaking into the Gulf of Mexico after the explosion.", "leaking")
    other = m("c", "Ben Ali left power after 23 years, and Mubarak said he will not run again.", "left")
    assert _negated(stopped) and not _negated(going) and not _negated(other)
    docs = {k: Document(id=k, path=k, text=x.text, outlet=k, published=date(2010, 7, 17))
            for k, x in (("a", stopped), ("b", going), ("c", other))}
    story = _Story([], [stopped, going], [], docs, {})
    assert not story.paraphrase(going, stopped)
    assert story.paraphrase(going, replace(stopped, text=going.text))


def test_one_document_crediting_another_outlet_does_not_corroborate_itself():
    """"An oil worker told the BBC's Panorama ..." and the same page's headline are one document."""
    text = ("An oil worker on the Deepwater Horizon rig said on Monday that it was leaking weeks before it exploded. "
            "The worker said the rig was leaking weeks before the blast, the BBC reported on Monday.")
    docs = {"p": Document(id="p", path="p.txt", text=text, outlet="Daily Post", published=date(2010, 6, 21)),
            **{f"f{i}": Document(id=f"f{i}", path=f"f{i}.txt", text="The rig burned.", outlet=None,
                                 published=date(2010, 6, 21)) for i in range(3)}}
    cut = text.index(". ") + 1
    ev = [Evidence("p", 0, cut, text[:cut]), Evidence("p", cut + 1, len(text), text[cut + 1:])]
    ents = {"ent:rig": Entity(id="ent:rig", name="Deepwater Horizon", type="FAC")}
    ms = [EventMention(id=content_id("evm", e.start), doc="p", start=e.start, end=e.end, text=e.text, trigger="leak",
                       trigger_start=e.start + e.text.index("leak"), trigger_end=e.start + e.text.index("leak") + 4,
                       type="disaster", participants=(Participant("ent:rig", "patient"),)) for e in ev]
    key = replace(event("leak", "disaster", ev, entities=("ent:rig",)), key=True, rank=1)
    assert not [f for f in find([key], [], docs, {}, mentions=ms, entities=ents) if f.kind == "corroborated"]


def test_two_documents_of_one_outlet_one_crediting_another_outlet_do_not_corroborate_each_other():
    """A Reuters page's "..., the Wall Street Journal reported" and another Reuters page telling the
    same are one outlet relaying another's report: not two independent sources (Reuters, WSJ). A page
    of another outlet telling it does corroborate."""
    first = "An oil worker said the rig was leaking weeks before the blast."
    second = "An oil worker said the rig was leaking weeks before the blast, the Wall Street Journal reported."
    docs = {"r1": Document(id="r1", path="r1.txt", text=first, outlet="Reuters", published=date(2010, 6, 21)),
            "r2": Document(id="r2", path="r2.txt", text=second, outlet="Reuters", published=date(2010, 6, 21)),
            **{f"f{i}": Document(id=f"f{i}", path=f"f{i}.txt", text="The rig burned.", outlet=None,
                                 published=date(2010, 6, 21)) for i in range(3)}}
    ents = {"ent:rig": Entity(id="ent:rig", name="Deepwater Horizon", type="FAC")}

    def leak(doc):
        text = docs[doc].text
        at = text.index("leak")
        return EventMention(id=content_id("evm", doc), doc=doc, start=0, end=len(text), text=text, trigger="leak",
                            trigger_start=at, trigger_end=at + 4, type="disaster",
                            participants=(Participant("ent:rig", "patient"),))

    def corroborations(ids):
        ev = [Evidence(d, 0, len(docs[d].text), docs[d].text) for d in ids]
        key = replace(event("leak", "disaster", ev, entities=("ent:rig",)), key=True, rank=1)
        return [f for f in find([key], [], docs, {}, mentions=[leak(d) for d in ids], entities=ents)
                if f.kind == "corroborated"]

    assert not corroborations(["r1", "r2"])
    docs["r1"] = replace(docs["r1"], outlet="BBC")
    (f,) = corroborations(["r1", "r2"])
    assert set(f.independent) == {"BBC", "The Wall Street Journal"}


def test_a_page_that_credits_an_outlet_for_a_claim_is_not_also_its_own_source():
    """One page says the rig was leaking, "an oil worker said", and again "an oil worker told the
    BBC"; another page credits the BBC too. The first page relays the BBC's report:
    one independent source, no corroboration, and no finding that calls it two independent sources
    and one in the same breath. A third outlet telling it on its own corroborates."""
    texts = {"p": ("The rig was leaking weeks before the blast, an oil worker said on Monday. "
                   "The rig was leaking weeks before the blast, an oil worker told the BBC on Monday."),
             "q": "The rig had been leaking weeks before the blast, an oil worker told the BBC.",
             "g": "The rig was leaking weeks before the blast, an oil worker said."}
    outlets = {"p": "Daily Post", "q": "Daily Mail", "g": "The Guardian"}
    docs = {k: Document(id=k, path=f"{k}.txt", text=t, outlet=outlets[k], published=date(2010, 6, 21))
            for k, t in texts.items()}
    docs |= {f"f{i}": Document(id=f"f{i}", path=f"f{i}.txt", text="The rig burned.", outlet=None,
                               published=date(2010, 6, 21)) for i in range(3)}
    ents = {"ent:rig": Entity(id="ent:rig", name="Deepwater Horizon", type="FAC")}

    def leaks(doc):
        text = docs[doc].text
        spans = [(0, len(text))] if doc != "p" else [(0, text.index(". ") + 1), (text.index(". ") + 2, len(text))]
        return [EventMention(id=content_id("evm", doc, a), doc=doc, start=a, end=b, text=text[a:b], trigger="leak",
                             trigger_start=text.index("leak", a), trigger_end=text.index("leak", a) + 4,
                             type="disaster", participants=(Participant("ent:rig", "patient"),)) for a, b in spans]

    def corroborations(ids):
        ms = [m for d in ids for m in leaks(d)]
        key = replace(event("leak", "disaster", [Evidence(m.doc, m.start, m.end, m.text) for m in ms],
                            entities=("ent:rig",)), key=True, rank=1)
        return [f for f in find([key], [], docs, {}, mentions=ms, entities=ents) if f.kind == "corroborated"]

    assert not corroborations(["p", "q"])
    (f,) = corroborations(["p", "q", "g"])
    assert set(f.independent) == {"The BBC", "The Guardian"}
    assert f.summary.startswith("2 independent sources (The BBC, The Guardian)")
    assert f.summary.endswith("(The BBC: 2 documents, both citing it, counted as one source)")


@pytest.mark.parametrize("other, corroborates", [
    ("US crude fell to $89.38 a barrel in Tuesday trading.", True),  # the same act, the same figure
    ("US crude rose to $89.38 a barrel in Tuesday trading.", False),  # the figure alone, another move
])
def test_a_figure_no_party_names_corroborates_only_the_same_act(other, corroborates):
    texts = {"p1": "US crude fell to $89.38 a barrel on Tuesday.", "p2": other}
    docs = {k: Document(id=k, path=k, text=v, outlet={"p1": "BBC", "p2": "The Guardian"}[k],
                        published=date(2011, 1, 4)) for k, v in texts.items()}

    def figure(doc):
        text = texts[doc]
        start = text.index("$89.38")
        return Amount(id=content_id("amt", doc), doc=doc, start=start, end=start + 6, text="$89.38", kind="money",
                      currency="USD", low=89.38, high=89.38, per="barrel")

    amounts = [figure(d) for d in texts]
    mentions = []
    for doc, text in texts.items():
        verb = "fell" if "fell" in text else "rose"
        at = text.index(verb)
        mentions.append(EventMention(id=content_id("evm", doc), doc=doc, start=0, end=len(text), text=text,
                                     trigger=verb, trigger_start=at, trigger_end=at + 4, type="business_result",
                                     amounts=(content_id("amt", doc),), mood="actual",
                                     participants=(Participant("ent:us", "other"),)))
    ev = [Evidence(d, 0, len(t), t) for d, t in texts.items()]
    key = replace(event("crude", "business_result", ev[:1], amounts=(amounts[0].id,), day=None), key=True, rank=1)
    other_event = event("crude2", "business_result", ev[1:], amounts=(amounts[1].id,), day=None)
    # "US" crude: a place both name is no party that makes two moves of a price one
    ents = {"ent:us": Entity(id="ent:us", name="US", type="GPE")}
    found = [f for f in find([key, other_event], amounts, docs, {}, mentions=mentions, entities=ents, sentences=[])
             if f.kind == "corroborated"]
    assert bool(found) is corroborates


def test_a_figure_belongs_to_the_act_nearest_it_in_its_sentence():
    """"It wanted to raise $10 billion from disposals, and billions more from ... bank loans" tells a
    wished-for raise, not loans of $10 billion: it does not corroborate "BP has raised $10 billion"."""
    texts = {"g": "BP has raised $10 billion from asset sales since the spill.",
             "f": "It said it wanted to raise $10 billion from disposals, and billions more from bank loans."}
    docs = {k: Document(id=k, path=k, text=v, outlet={"g": "The Guardian", "f": "Fox News"}[k],
                        published=date(2010, 11, 2)) for k, v in texts.items()}
    amounts = []
    for doc, text in texts.items():
        start = text.index("$10 billion")
        amounts.append(Amount(id=content_id("amt", doc), doc=doc, start=start, end=start + 11, text="$10 billion",
                              kind="money", currency="USD", low=1e10, high=1e10, payee="ent:bp", purpose="funding_round"))

    def at(doc, verb, mood):
        text = texts[doc]
        i = text.index(verb)
        return EventMention(id=content_id("evm", doc, verb), doc=doc, start=0, end=len(text), text=text, trigger=verb,
                            trigger_start=i, trigger_end=i + len(verb), type="funding", mood=mood,
                            amounts=(content_id("amt", doc),), participants=(Participant("ent:bp", "agent"),))

    claim = at("g", "raised", "actual")
    loans = at("f", "loans", "actual")
    wished = at("f", "raise", "possible")
    ents = {"ent:bp": Entity(id="ent:bp", name="BP", type="ORG")}
    ev = Evidence("g", 0, len(texts["g"]), texts["g"])
    key = replace(event("raise", "funding", [ev], amounts=(amounts[0].id,), entities=("ent:bp",), day=None), key=True, rank=1)
    found = find([key], amounts, docs, {}, mentions=[claim, loans, wished], entities=ents, sentences=[])
    assert not [f for f in found if f.kind == "corroborated"]
    # told as done, by the act nearest the figure, it corroborates
    done = replace(wished, mood="actual")
    found = find([key], amounts, docs, {}, mentions=[claim, loans, done], entities=ents, sentences=[])
    assert [f for f in found if f.kind == "corroborated"]


@pytest.mark.parametrize("other, acts, corroborates", [
    # the same figure, given for another act: the fund Feinberg runs, not what his firm was paid
    ("BP has paid $20 billion into the fund.", {"paid": ("money", None)}, False),
    ("Feinberg's law firm was paid $3.35 million by BP.", {"paid": ("money", None)}, True),
    # one act in other words: a deal "investing" the figure is an investment
    ("BP partnered with Feinberg, investing $3.35 million.", {"partnered": ("contract", "investment")}, True),
    # two generic clauses ("turned", "flocking") share no act
    ("Crowds were flocking to BP's $20 billion fund.", {"flocking": ("other", None)}, False),
])
def test_a_shared_figure_corroborates_only_for_the_act_it_is_given_for(other, acts, corroborates):
    """Two reports giving one figure with one party tell one happening only where the figure is
    given for the same act: the clause nearest it, or the act its purpose names."""
    texts = {"a": "The law firm of Kenneth Feinberg, who runs BP's $20 billion fund, has been paid $3.35 million by BP.",
             "b": other}
    docs = {k: Document(id=k, path=k, text=v, outlet={"a": "Fox News", "b": "The Guardian"}[k],
                        published=date(2010, 10, 5)) for k, v in texts.items()}
    amounts, mentions = [], []
    claim_acts = {"runs": ("other", None), "paid": ("money", None)}
    for doc, verbs in (("a", claim_acts), ("b", acts)):
        text = texts[doc]
        ids = []
        for m in re.finditer(r"\$[\d.]+ (?:billion|million)", text):
            value = float(m.group().split()[0][1:]) * (1e9 if "billion" in m.group() else 1e6)
            purpose = next((p for v, (_t, p) in verbs.items() if p), None)
            amounts.append(Amount(id=content_id("amt", doc, m.start()), doc=doc, start=m.start(), end=m.end(),
                                  text=m.group(), kind="money", currency="USD", low=value, high=value,
                                  payer="ent:bp", purpose=purpose))
            ids.append(amounts[-1].id)
        for verb, (kind, _purpose) in verbs.items():
            i = text.index(verb)
            mentions.append(EventMention(id=content_id("evm", doc, verb), doc=doc, start=0, end=len(text), text=text,
                                         trigger=verb, trigger_start=i, trigger_end=i + len(verb), type=kind,
                                         amounts=tuple(ids), participants=(Participant("ent:bp", "agent"),)))
    ents = {"ent:bp": Entity(id="ent:bp", name="BP", type="ORG")}
    ev = Evidence("a", 0, len(texts["a"]), texts["a"])
    paid = [a.id for a in amounts if a.doc == "a" and a.low == 3.35e6]
    key = replace(event("fees", "investment", [ev], amounts=tuple(paid), entities=("ent:bp",), day=None), key=True, rank=1)
    found = find([key], amounts, docs, {}, mentions=mentions, entities=ents, sentences=[])
    assert bool([f for f in found if f.kind == "corroborated"]) is corroborates


@pytest.mark.parametrize("text, addressed", [
    ("Did she resign", True),  # a question without its mark
    ("Has BP paid $20bn into the fund?", True),
    ("Please order all major Gulf Coast oil drillers to buy booms.", True),  # a plea
    ("Oil spill panel recommends tighter rules By Steven Mufson and Juliet Eilperin Tuesday, January 11", True),
    # a headline run into the page's time stamp; a stamp opening the sentence is only a prefix
    ("Dudley to manage oil spill crisis as he is appointed head of new unit Wednesday 23 June 2010 17.00 BST BP chief", True),
    ("BOOTHVILLE, Louisiana | Sun Jul 25, 2010 8:08 am EDT BOOTHVILLE, Louisiana (Reuters) - Swindlers", True),
    ("Wednesday, December 15, 2010; 8:18 PM The Justice Department sued BP and eight other companies.", False),
    ("He resigned on Wednesday 23 June 2010 at 5pm.", False),
    ("Birnbaum resigned on Thursday.", False),
    ("Hayward was replaced by Bob Dudley Tuesday night.", False),  # "by" a name and a day: no byline
    ("Will Smith arrived in New Orleans on Monday.", False),
])
def test_a_question_a_plea_or_a_byline_run_is_no_report(text, addressed):
    from storyline.reconcile.findings import _addressed

    assert _addressed(text) is addressed


def test_who_did_what_conflicts_only_within_one_news_cycle():
    """Undated reports of who hired whom months apart tell two hirings, not a disagreement."""
    later = {**DOCS, "c": replace(DOCS["c"], published=date(2024, 9, 10))}
    assert not [f for f in find(EVENTS, [], later, COPIES, mentions=MENTIONS, entities=ENTITIES)
                if f.kind == "conflict" and "who" in f.summary]
    near = {**DOCS, "c": replace(DOCS["c"], published=date(2024, 3, 20))}
    assert [f for f in find(EVENTS, [], near, COPIES, mentions=MENTIONS, entities=ENTITIES)
            if f.kind == "conflict" and "who" in f.summary]


def _transfer_story(texts, parts, etype="acquisition"):
    """Mentions of a transfer, one per text (``parts[k]``: its trigger and its (entity, role) pairs), dated
    the same day; Feldman is a person, Transocean tagged a place (as the tagger often does), the rest organisations."""
    from storyline.reconcile.findings import _Story

    kinds = {"ent:feldman": "PERSON", "ent:transocean": "GPE"}
    ents = {e: Entity(id=e, name=e.split(":")[1].title(), type=kinds.get(e, "ORG"))
            for ps in parts.values() for e, _r in ps[1]}
    docs = {k: Document(id=k, path=k, text=v, outlet=f"Outlet {k}", published=date(2010, 6, 25)) for k, v in texts.items()}
    ms = {}
    for k, (trigger, ps) in parts.items():
        at = texts[k].index(trigger)
        ms[k] = EventMention(id=content_id("evm", k), doc=k, start=0, end=len(texts[k]), text=texts[k], trigger=trigger,
                             trigger_start=at, trigger_end=at + len(trigger), type=etype, mood="actual",
                             time=tmx(k, "2010-06-22"), participants=tuple(Participant(e, r) for e, r in ps))
    return _Story([], list(ms.values()), [], docs, ents), ms


def test_one_seller_s_sale_of_another_thing_is_another_sale():
    from storyline.reconcile.findings import same_happening

    texts = {"exxon": "Judge Feldman on Tuesday sold his holdings in Exxon Mobil.",
             "transocean": "Among the assets Feldman sold was stock in Transocean.",
             "again": "Feldman sold his Exxon Mobil shares on Tuesday, a filing showed."}
    parts = {"exxon": ("sold", [("ent:feldman", "agent"), ("ent:exxon", "recipient")]),
             "transocean": ("sold", [("ent:feldman", "agent"), ("ent:transocean", "other")]),
             "again": ("sold", [("ent:feldman", "agent"), ("ent:exxon", "patient")])}
    story, ms = _transfer_story(texts, parts)
    assert not same_happening(story, ms["transocean"], ms["exxon"])
    assert same_happening(story, ms["again"], ms["exxon"])
    assert same_happening(story, ms["transocean"], ms["exxon"], loose=True)  # still something like it: no "only X"
    said = replace(ms["again"], text="Feldman sold shares on Tuesday, Reuters reported.",
                   participants=(Participant("ent:feldman", "agent"), Participant("ent:reuters", "other")))
    story.entities["ent:reuters"] = Entity(id="ent:reuters", name="Reuters", type="ORG")
    story.outlets = frozenset({"ent:reuters"})  # "..., Reuters reported": an outlet is no other thing sold
    assert same_happening(story, said, ms["exxon"])


def test_a_sale_to_a_party_is_not_that_party_s_own_sale():
    from storyline.reconcile.findings import same_happening

    texts = {"to": "The fields being sold to Marubeni would have been sold anyway, BP said.",
             "by": "Marubeni would sell its interests in Vietnam, the company announced last week.",
             "bought": "Marubeni bought the fields from BP, the company said.",
             "sold": "BP sold the fields to Marubeni, the company said."}
    parts = {"to": ("sold", [("ent:marubeni", "recipient")]),
             "by": ("sell", [("ent:marubeni", "agent"), ("ent:vietnam", "patient")]),
             "bought": ("bought", [("ent:marubeni", "agent"), ("ent:bp", "other")]),
             "sold": ("sold", [("ent:bp", "agent"), ("ent:marubeni", "recipient")])}
    two = {k: texts[k] for k in ("to", "by")}
    story, ms = _transfer_story(two, {k: parts[k] for k in two})
    assert not same_happening(story, ms["by"], ms["to"])
    one = {k: texts[k] for k in ("bought", "sold")}
    story, ms = _transfer_story(one, {k: parts[k] for k in one})
    assert same_happening(story, ms["bought"], ms["sold"])  # one sale told from either side


@pytest.mark.parametrize("text, back", [
    ("The administration banned such drilling after the spill.", True),
    ("The administration ordered the same inspections of every rig.", True),
    ("The administration banned deepwater drilling after the spill.", False),
    ("The administration banned drilling in such deep water.", False),  # not what is banned
    ("The administration banned those who drilled without permits.", False),  # "those who": said here
    ("The administration ordered the same day that all rigs stop.", False),  # a time, not a thing
    ("The administration banned such practices as flaring.", True),
    ("The administration banned imports such as pork.", False),
])
def test_an_act_on_a_thing_only_pointed_back_to_is_no_paraphrase(text, back):
    from storyline.reconcile.findings import _refers_back

    verb = "banned" if "banned" in text else "ordered"
    at = text.index(verb)
    m = EventMention(id="evm:x", doc="x", start=0, end=len(text), text=text, trigger=verb, trigger_start=at,
                     trigger_end=at + len(verb), type="legal")
    assert _refers_back(m) == back


def test_a_sentence_cut_after_a_title_reports_nothing():
    from storyline.reconcile.findings import _reports_it

    def m(text):
        return EventMention(id="evm:t", doc="t", start=0, end=len(text), text=text, trigger="announced",
                            trigger_start=text.index("announced"), trigger_end=text.index("announced") + 9, type="statement")

    assert not _reports_it(m("Earlier, the company announced that retired Coast Guard Adm."))
    assert _reports_it(m("the company announced a deal with Apache Corp."))  # a piece still reports
    assert _reports_it(m("Earlier, the company announced a deal with Apache Corp."))


def _told_by(texts: dict[str, str], outlets: dict[str, str]):
    """Each text one report of the rig's explosion, its own event, dated 20 April."""
    docs = {k: Document(id=k, path=k, text=v, outlet=outlets[k], published=date(2010, 5, 2)) for k, v in texts.items()}
    ents = {"ent:rig": Entity(id="ent:rig", name="Deepwater Horizon", type="PRODUCT")}  # no place: a party
    ms, evs = [], []
    for k, v in texts.items():
        at = v.index("exploded")
        ms.append(EventMention(id=content_id("evm", k), doc=k, start=0, end=len(v), text=v, trigger="exploded",
                               trigger_start=at, trigger_end=at + 8, type="disaster", time=tmx(k, "2010-04-20"),
                               participants=(Participant("ent:rig", "patient"),)))
        evs.append(replace(event(k, "disaster", [Evidence(k, 0, len(v), v)], entities=("ent:rig",)), key=True, rank=len(evs) + 1))
    return [f for f in find(evs, [], docs, {}, mentions=ms, entities=ents, sentences=[]) if f.kind == "corroborated"]


def test_a_piece_of_a_sentence_confirms_the_act_it_names_but_cannot_stand_alone():
    outlets = {"r1": "Reuters", "r2": "BBC", "r3": "Fox News"}
    whole = "The Deepwater Horizon rig exploded on April 20, killing 11 workers in the Gulf of Mexico."
    piece = "when the Deepwater Horizon rig exploded on April 20, killing 11 workers in the Gulf of Mexico."
    cut = "The Deepwater Horizon rig exploded on April 20 and since then it is thought"
    (f,) = _told_by({"r1": whole, "r2": piece}, outlets)
    assert set(f.independent) == {"Reuters", "BBC"} and whole in f.summary
    assert _told_by({"r2": piece, "r3": cut}, outlets) == []  # no whole sentence to check it by
    (f,) = _told_by({"r3": cut, "r1": whole}, outlets)
    assert whole in f.summary  # a line without a stop gives way to a whole sentence as the headline


@pytest.mark.parametrize("about, other, same", [
    ("about $67 billion", 74.4e9, False),  # written to the billion: not 74.4
    ("about $67 billion", 67.9e9, True),
    ("about $70 billion", 74.4e9, True),  # written to ten billion: 65 to 75
    ("about $100 billion", 108e9, True),  # written to a hundred billion, but never beyond the ledger's 10 %
    ("about $100 billion", 112e9, False),
])
def test_an_about_figure_allows_what_its_written_digits_allow(about, other, same):
    from storyline.reconcile.findings import _matching_figures

    value = float(about.split("$")[1].split()[0]) * 1e9
    a = Amount(id="amt:a", doc="a", start=0, end=len(about), text=about, kind="money", currency="USD", low=value,
               high=value, qualifier="about", measure="valuation")
    text = f"${other / 1e9:g} billion"
    b = Amount(id="amt:b", doc="b", start=0, end=len(text), text=text, kind="money", currency="USD",
               low=other, high=other, qualifier="exact", measure="valuation")
    assert bool(_matching_figures([a], [b])) is same


def test_nearly_a_figure_is_not_more_than_it():
    from storyline.reconcile.findings import _within

    def count(text, qualifier, low, high):
        return Amount(id=f"amt:{text}", doc="d", start=0, end=len(text), text=text, kind="count", unit="barrel",
                      low=low, high=high, qualifier=qualifier)

    nearly = count("Nearly 5 million barrels", "about", 5e6, 5e6)
    assert not _within(nearly, count("More than 5 million barrels", "more_than", 5e6, None))
    assert _within(nearly, count("about 4.9 million barrels", "about", 4.9e6, 4.9e6))


def test_a_rounded_sum_of_another_kind_is_still_a_report_of_it_but_no_corroboration():
    """"BP increased its provisions by $8 billion" and "BP raised its estimated cost by $7.7
    billion": no "only Reuters reports" (the figure as a writer rounds it), and no corroboration either."""
    from storyline.reconcile.findings import _Story, same_happening

    texts = {"r": "Last month, Acme increased by $8 billion the provisions it was taking for the flood.",
             "w": "On November 2, Acme raised its estimated cost of the flood by $7.7 billion to $40 billion."}
    docs = {k: Document(id=k, path=k, text=v, outlet=f"Outlet {k}", published=date(2010, 12, 1)) for k, v in texts.items()}
    ents = {"ent:acme": Entity(id="ent:acme", name="Acme", type="ORG")}

    def figure(k, token, value, measure):
        at = texts[k].index(token)
        return Amount(id=f"amt:{k}", doc=k, start=at, end=at + len(token), text=token, kind="money", currency="USD",
                      low=value, high=value, qualifier="exact", payer="ent:acme", measure=measure)

    amounts = [figure("r", "$8 billion", 8e9, "payment"), figure("w", "$7.7 billion", 7.7e9, "round")]

    def m(k, trigger, etype):
        at = texts[k].index(trigger)
        return EventMention(id=f"evm:{k}", doc=k, start=0, end=len(texts[k]), text=texts[k], trigger=trigger,
                            trigger_start=at, trigger_end=at + len(trigger), type=etype, amounts=(f"amt:{k}",),
                            participants=(Participant("ent:acme", "agent"),))

    r, w = m("r", "increased", "other"), m("w", "raised", "funding")
    story = _Story([], [r, w], amounts, docs, ents)
    assert same_happening(story, w, r, loose=True)
    assert not same_happening(story, w, r)


def test_a_seller_and_a_buyer_of_one_thing_do_not_disagree_on_who_did_it():
    """"Someone at Lloyds sold BP policies" and "speculators rushed to buy protection against a BP
    default" name the two sides of transfers, not rival doers of one act; two outlets naming two
    different buyers of one thing on the same days do disagree."""
    texts = {"r": "Someone at Lloyds sold BP policies covering just such a spill.",
             "g": "Speculators rushed to buy protection against a default of BP.",
             "w": "Apache bought BP for a song, traders said."}
    outlets = {"r": "Reuters", "g": "The Guardian", "w": "The Washington Post"}
    docs = {k: Document(id=k, path=k, text=v, outlet=outlets[k], published=date(2010, 6, 1)) for k, v in texts.items()}
    ents = {e: Entity(id=e, name=e.split(":")[1].title(), type="ORG")
            for e in ("ent:lloyds", "ent:bp", "ent:speculators", "ent:apache")}

    def bought(k, trigger, agent):
        at = texts[k].index(trigger)
        return EventMention(id=content_id("evm", k), doc=k, start=0, end=len(texts[k]), text=texts[k], trigger=trigger,
                            trigger_start=at, trigger_end=at + len(trigger), type="acquisition", mood="actual",
                            participants=(Participant(agent, "agent"), Participant("ent:bp", "patient")))

    seller, buyer, other_buyer = bought("r", "sold", "ent:lloyds"), bought("g", "buy", "ent:speculators"), \
        bought("w", "bought", "ent:apache")

    def who(ms):
        return [f for f in find([], [], docs, {}, mentions=ms, entities=ents) if f.kind == "conflict"]

    assert not who([seller, buyer])
    (f,) = who([buyer, other_buyer])
    assert "Apache" in f.summary and "Speculators" in f.summary


def test_a_claim_is_judged_as_the_reader_is_shown_it():
    """A sentence with a page's link block run into it ('" Follow The Post On: ... The Justice
    Department sued Acme ...') is shown as the event's headline, the suit: it may carry a finding;
    without that headline the sentence is furniture."""
    from storyline.reconcile.findings import _Story, _told

    text = ('" Follow The Post On: Acme, 8 other companies sued by Justice Dept. over spill The Justice Department '
            'sued Acme and eight other companies on Wednesday over the oil spill.')
    summary = text[text.index("The Justice Department"):]
    ents = {e: Entity(id=e, name=n, type="ORG") for e, n in (("ent:acme", "Acme"), ("ent:doj", "Justice Department"))}
    docs = {k: Document(id=k, path=k, text=text, outlet=f"Outlet {k}", published=date(2010, 12, 16)) for k in "ab"}
    at = text.index("sued Acme")
    ms = [EventMention(id=content_id("evm", k), doc=k, start=0, end=len(text), text=text, trigger="sued",
                       trigger_start=at, trigger_end=at + 4, type="legal", mood="actual", time=tmx(k, "2010-12-15"),
                       participants=(Participant("ent:doj", "agent"), Participant("ent:acme", "patient")))
          for k in "ab"]
    story = _Story([], ms, [], docs, ents)
    assert _told(ms[0], story, summary)
    assert not _told(ms[0], story)


def test_a_sentence_cut_short_is_a_copy_of_the_sentence_it_begins():
    """A chronology's line printed whole on one page and cut short on another is one report; a
    sentence that merely opens with the same few words, or goes on past a word's end, is not."""
    from storyline.reconcile.findings import _one_per_copy

    def m(doc, text):
        return EventMention(id=content_id("evm", doc, text), doc=doc, start=0, end=len(text), text=text, trigger="x",
                            trigger_start=0, trigger_end=1, type="statement")

    whole = "Mar 1 - Secretary of State Hillary Clinton is warning that Libya could descend into civil war if Gaddafi refuses to quit."
    cut = "Mar 1 - Secretary of State Hillary Clinton is warning that Libya could descend into civil war"
    other = "Mar 1 - Secretary of State Hillary Clinton is warning that Libya could descend into civilian strife."
    merged = _one_per_copy({"x": [m("a", whole)], "y": [m("b", cut)], "z": [m("c", other)]})
    assert sorted(merged) == ["x", "z"] and sorted(e.doc for e in merged["x"]) == ["a", "b"]
    # a whole sentence another goes on from may be two outlets' own words
    merged = _one_per_copy({"x": [m("a", whole)], "y": [m("b", cut + ".")]})
    assert sorted(merged) == ["x", "y"]
