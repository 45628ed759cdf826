"""Key events: the dossier's default timeline, ranked date by date with the Timeline17 date model."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.export import write
from storyline.export.markdown import render as render_md
from storyline.records import Document, Dossier, Event, EventDate, Evidence
from storyline.tls.events import default_key_events, key_ranking
from storyline.tls.sentences import DatedSentence

BIG, SMALL, QUIET = date(2011, 2, 11), date(2011, 2, 2), date(2011, 2, 5)


def _day(d: date) -> EventDate:
    return EventDate(d.isoformat(), d.isoformat(), d.isoformat())


def _event(eid: str, when: EventDate, sources=("a",), evidence=1, score=0.0) -> Event:
    return Event(id=eid, date=when, summary=f"{eid} happened.", sources=tuple(sources), score=score,
                 evidence=tuple(Evidence(s, 0, 5, f"{eid} {i}") for i, s in enumerate(list(sources) * evidence)))


def _story() -> list[DatedSentence]:
    """BIG is cited by ten articles, many published later; SMALL by two; QUIET by none."""
    out = []
    for i in range(10):
        out.append(DatedSentence(f"late{i}", 1, "Mubarak resigned.", BIG + timedelta(days=i + 1), (BIG,)))
    for i in range(2):
        out.append(DatedSentence(f"early{i}", 1, "Protests began.", SMALL, (SMALL,)))
    out.append(DatedSentence("other", 1, "Nothing.", QUIET, ()))
    return out


def test_events_are_taken_date_by_date_the_most_cited_date_first():
    events = [
        _event("big_minor", _day(BIG), sources=("a",)),
        _event("big_main", _day(BIG), sources=("a", "b", "c")),
        _event("small_main", _day(SMALL), sources=("a", "b")),
        _event("quiet", _day(QUIET)),
    ]
    ranks = key_ranking(events, _story())
    order = sorted(ranks, key=ranks.get)
    # each date's best-supported event before any date gets a second one
    assert order == ["big_main", "small_main", "quiet", "big_minor"]
    assert sorted(ranks.values()) == [1, 2, 3, 4]


def test_an_event_with_no_time_of_its_own_is_never_ranked():
    events = [_event("dated", _day(SMALL)), _event("reported", EventDate(None, None, "2011-02-12"), sources=("a", "b")),
              _event("now", EventDate("PRESENT_REF", "2011-02-12", "2011-02-12"))]
    assert key_ranking(events, _story()) == {"dated": 1}


def test_widely_reported_background_dated_to_a_year_ranks_among_the_days():
    background = _event("in_2019", EventDate("2019", "2019-01-01", "2019-12-31"), sources=("a", "b", "c", "d"))
    lone = _event("in_2018", EventDate("2018", "2018-01-01", "2018-12-31"), sources=("a",))
    ranks = key_ranking([background, lone, _event("small", _day(SMALL)), _event("quiet", _day(QUIET))], _story())
    assert ranks["in_2019"] < ranks["quiet"]        # half its support beats a day nobody cites
    assert ranks["in_2018"] > ranks["small"]         # a lone coarse mention comes after a day articles cite


def test_the_ranking_does_not_depend_on_the_order_of_the_events():
    events = [_event(f"e{i}", _day(d), sources=("a",) * (i % 3 + 1)) for i, d in enumerate([BIG, SMALL, QUIET] * 3)]
    assert key_ranking(events, _story()) == key_ranking(list(reversed(events)), _story())


@pytest.mark.parametrize("docs, n", [(1, 12), (5, 16), (150, 40), (300, 46), (100_000, 60)])
def test_the_default_timeline_grows_slowly_with_the_story(docs, n):
    assert default_key_events(docs) == n


def _dossier() -> Dossier:
    doc = Document(id="d1", path="a.txt", text="x" * 40, outlet="Wire", published=date(2011, 2, 12))
    events = (
        replace(_event("big", _day(BIG)), rank=1, key=True),
        replace(_event("minor", _day(SMALL)), rank=2, key=False),
        _event("reported", EventDate(None, None, "2011-02-12")),
    )
    return Dossier(documents=(doc,), events=events)


def test_timeline_md_shows_the_key_events_and_says_where_the_rest_is():
    md = render_md(_dossier())
    assert "big happened." in md and "minor happened." not in md and "reported happened." not in md
    assert "The 1 key events of 1 articles, chosen from 3" in md and "--all" in md
    full = render_md(_dossier(), all_events=True)
    assert all(f"{e} happened." in full for e in ("big", "minor", "reported"))
    assert "## Reported, without a date of their own" in full


def test_storyline_timeline_shows_key_events_and_all_with_all(tmp_path):
    write(_dossier(), "json", tmp_path)
    key = CliRunner().invoke(main, ["timeline", str(tmp_path)])
    full = CliRunner().invoke(main, ["timeline", str(tmp_path), "--all"])
    assert key.exit_code == 0 and full.exit_code == 0
    assert "big happened." in key.output and "minor happened." not in key.output
    assert "minor happened." in full.output and "reported by 12 February 2011" in full.output


@pytest.mark.model
def test_a_built_dossier_marks_its_key_events(demo_build):
    out, result = demo_build
    events = result.dossier.events
    ranked = sorted((e for e in events if e.rank), key=lambda e: e.rank)
    assert [e.rank for e in ranked] == list(range(1, len(ranked) + 1))
    assert all(e.date.own for e in ranked) and not any(e.rank for e in events if not e.date.own)
    key = [e for e in events if e.key]
    assert len(key) == min(default_key_events(len(result.dossier.documents)), len(ranked))
    assert key == [e for e in ranked if e.rank <= len(key)] or set(key) == set(ranked[: len(key)])
    saved = json.loads((out / "dossier.json").read_text())
    assert sum(e["key"] for e in saved["events"]) == len(key)


def test_within_a_date_the_event_that_best_says_the_day_leads():
    """Support alone would put the widely repeated aside first; the day's fit puts the event that
    says what the story says of that day first, and the date's rank does not change."""
    aside = _event("aside", _day(BIG), sources=("a", "b", "c", "d"))
    resigned = _event("resigned", _day(BIG), sources=("a",))
    small = _event("small", _day(SMALL), sources=("a", "b"))
    ranks = key_ranking([aside, resigned, small], _story(), fit={"aside": 0.05, "resigned": 0.6, "small": 0.3})
    assert sorted(ranks, key=ranks.get) == ["resigned", "small", "aside"]
    # an event the fit does not score comes after those it does
    assert sorted(key_ranking([aside, resigned], _story(), fit={"resigned": 0.1}).items(),
                  key=lambda kv: kv[1]) == [("resigned", 1), ("aside", 2)]


def _day_fit_of_two(day_says: str, texts: tuple[str, str]) -> dict:
    """day_fit on BIG, whose story says ``day_says`` three more times, of event "e" told by both
    ``texts`` and event "off" told by the first alone."""
    from storyline.tls.events import day_fit

    story = _story() + [DatedSentence(f"x{i}", 2, day_says, BIG, (BIG,)) for i in range(3)]
    e = Event(id="e", date=_day(BIG), summary="x", sources=("a", "b"),
              evidence=(Evidence("a", 0, 5, texts[0]), Evidence("b", 0, 5, texts[1])))
    off = Event(id="off", date=_day(BIG), summary="x", sources=("a",), evidence=(Evidence("a", 0, 5, texts[0]),))
    return day_fit([e, off], story)


def test_within_a_date_separate_reports_weigh_with_the_fit():
    """Fits a hair apart do not decide a day: the resignation seventeen reports tell leads the
    reaction two tell, though the reaction's words sit a little closer to the day's; a far better
    fit still leads a widely repeated aside."""
    reaction = _event("reaction", _day(BIG), sources=("a", "b"))
    resigned = _event("resigned", _day(BIG), sources=tuple(f"s{i}" for i in range(17)))
    ranks = key_ranking([reaction, resigned], _story(), fit={"reaction": 0.038, "resigned": 0.035})
    assert sorted(ranks, key=ranks.get) == ["resigned", "reaction"]
    aside = _event("aside", _day(BIG), sources=tuple(f"s{i}" for i in range(17)))
    ranks = key_ranking([aside, reaction], _story(), fit={"aside": 0.01, "reaction": 0.06})
    assert sorted(ranks, key=ranks.get) == ["reaction", "aside"]


def test_a_day_s_second_entry_tells_something_else_than_its_first():
    """Two events of one day whose headlines tell the same thing (one memorial that coreference left
    as two) do not fill the day's first two places: the repeat comes after the day's other events,
    and stays in the ranking (the register keeps it)."""
    held = _event("held", _day(BIG), sources=("a", "b", "c"))
    attended = _event("attended", _day(BIG), sources=("d", "e"))
    other = _event("other", _day(BIG), sources=("f",))
    shown = {"held": "On Thursday, the UN held a memorial service in the Haitian capital for its staff who were killed.",
             "attended": "Several hundred UN staff and diplomats on Thursday attended the memorial service "
                         "within the UN compound in the Haitian capital.",
             "other": "Ecuador's president arrived in the capital on Thursday with a shipment of medical aid."}
    fit = {"held": 0.05, "attended": 0.04, "other": 0.03}
    ranks = key_ranking([held, attended, other], _story(), fit=fit, shown=shown)
    assert sorted(ranks, key=ranks.get) == ["held", "other", "attended"]
    # without the repeat, the fit and the reports order the day as before; one place and one day in
    # common are no repeat
    for text in ("Rescuers pulled a man alive from the rubble of a shop on Thursday.",
                 "Police fired tear gas at the protesters in the Haitian capital on Thursday."):
        shown["attended"] = text
        ranks = key_ranking([held, attended, other], _story(), fit=fit, shown=shown)
        assert sorted(ranks, key=ranks.get) == ["held", "attended", "other"]


def test_day_fit_passes_over_a_sentence_that_opens_with_a_pronoun():
    """"He was the administrator of a Facebook page" leaves the reader asking who: the event is headed
    by a sentence that names him, and an event only pronouns tell comes after one a sentence names."""
    fit = _day_fit_of_two("Ghonim ran the Facebook page that called the protest.",
                          ("He ran the Facebook page that called the protest.", "Ghonim ran the page on Friday."))
    assert fit["e"][0] == 1 and fit["e"][1] > fit["off"][1]


def test_day_fit_picks_the_sentence_closest_to_what_the_story_says_of_the_day():
    from storyline.tls.events import day_fit

    fit = _day_fit_of_two("Mubarak resigned as president of Egypt.",
                          ("A reader wrote in about the weather in Tulsa.", "Mubarak resigned on Friday."))
    assert fit["e"][0] == 1 and fit["e"][1] > fit["off"][1]
    assert "undated" not in day_fit([Event(id="undated", date=EventDate(None, None, "2011-02-12"), summary="x",
                                           evidence=(Evidence("a", 0, 5, "x"),))], _story())


def test_a_sidebar_printed_on_every_page_is_one_sentence_of_the_story():
    from storyline.tls.events import once_each

    sidebar = [DatedSentence(f"page{i}", 9, "2 men  charged in death of Chicago teen .", SMALL + timedelta(days=i), (QUIET,))
               for i in range(30)]
    kept = once_each(_story() + sidebar)
    assert [s.doc for s in kept if "Chicago" in s.text] == ["page0"]  # where it was first published
    assert len([s for s in kept if s.text == "Mubarak resigned."]) == 1
    # the sidebar no longer makes its day the story's most important one
    ranks = key_ranking([_event("quiet", _day(QUIET)), _event("big", _day(BIG))], kept)
    assert ranks["big"] < ranks["quiet"]


def _year(y: int) -> EventDate:
    return EventDate(str(y), f"{y}-01-01", f"{y}-12-31")


def test_background_before_the_coverage_needs_the_story_to_retell_it():
    """A story of 300 articles published from 12 January 2010: an event of 2004 reaches the key
    timeline only from a hundredth of the documents (3) and with a participant named in a tenth of
    them; one reader's aside about 1958, or a much-cited comparison with no one of the story in it,
    does not. Inside the coverage nothing changes."""
    start = date(2010, 1, 12)
    docs = [f"d{i}" for i in range(300)]
    published = {d: start + timedelta(days=i % 20) for i, d in enumerate(docs)}

    def ev(eid, when, sources, entities):
        return replace(_event(eid, when, sources=sources), entities=tuple(entities),
                       evidence=tuple(Evidence(s, 0, 5, f"News of the {eid} told by Agency {s}.") for s in sources))

    quake = ev("quake", _day(start), docs[:160], ["haiti"])  # makes Haiti central (160 of 300 documents)
    hurricanes = ev("hurricanes", _year(2008), docs[40:44], ["haiti"])  # 4 reports, Haiti: retold
    tsunami = ev("tsunami", _year(2004), docs[50:57], ["aceh"])  # 7 reports, no one of the story
    aside = ev("aside", _year(1958), docs[60:61], ["haiti"])  # one reader's aside
    two = ev("election", _year(1990), docs[70:72], ["haiti"])  # 2 reports: under a hundredth
    ranks = key_ranking([quake, hurricanes, tsunami, aside, two], [], published=published)
    assert set(ranks) == {"quake", "hurricanes"}
    # the evidence may name the central participant where the parse gave the event no roles
    ranks = key_ranking([quake, replace(tsunami, entities=())], [], published=published,
                        named={"tsunami": {"haiti"}, "quake": {"haiti"}})
    assert set(ranks) == {"quake", "tsunami"}


def test_a_small_story_tells_its_background_once():
    """Five articles: one report is a hundredth of the story, so a background event told once
    stays on the key timeline (the demo's 2018 first meeting, the 2022 release)."""
    published = {f"d{i}": date(2024, 10, 1) + timedelta(days=30 * i) for i in range(5)}
    meeting = replace(_event("meeting", _year(2018), sources=("d2",)), entities=("altman", "nadella"))
    round_ = replace(_event("round", _day(date(2024, 10, 2)), sources=("d0", "d1")), entities=("altman",))
    assert set(key_ranking([meeting, round_], [], published=published)) == {"meeting", "round"}


def test_what_set_the_story_off_days_before_the_first_report_is_the_storys_own():
    """The singer died two days before the first of 150 articles: his death, told by one event
    mention but named as a day by the story's sentences and with the story's protagonist in it, is
    no background; a reader's Christmas told once in the same month is."""
    first = date(2009, 6, 27)
    published = {f"d{i}": first + timedelta(days=i) for i in range(150)}
    death = replace(_event("death", _day(date(2009, 6, 25)), sources=("d5",)), entities=("jackson",))
    aside = _event("aside", _day(date(2009, 6, 20)), sources=("d7",))
    funeral = replace(_event("funeral", _day(date(2009, 7, 7)), sources=[f"d{i}" for i in range(80)]),
                      entities=("jackson",))  # Jackson is central: named in 80 of 150 documents
    story = [DatedSentence(f"d{i}", 1, "He died on 25 June.", published[f"d{i}"], (date(2009, 6, 25),))
             for i in range(2)] + [DatedSentence("d7", 2, "On 20 June I was there.", published["d7"], (date(2009, 6, 20),))]
    assert set(key_ranking([death, aside, funeral], story, published=published)) == {"death", "funeral"}
    assert set(key_ranking([death, aside, funeral], story[:1], published=published)) == {"funeral"}  # 1 document < 2
    # without the funeral no one in the death's report is named by a tenth of the story: another
    # story the pages carry, however often its day is named
    assert set(key_ranking([death, aside], story, published=published)) == set()


def _decade() -> tuple[list[DatedSentence], list[date]]:
    """A story followed for ten years whose coverage bursts in its first winter: 20 days of early
    2011 cited by 6-9 articles each, then one day a year cited by 4 articles each."""
    burst = [date(2011, 1, 3) + timedelta(days=i) for i in range(20)]
    later = [date(2012 + y, 6, 1) for y in range(9)]
    out = []
    for i, d in enumerate(burst):
        out += [DatedSentence(f"b{i}_{j}", 1, "Talks went on.", d + timedelta(days=1), (d,)) for j in range(6 + i % 4)]
    for y, d in enumerate(later):
        out += [DatedSentence(f"l{y}_{j}", 1, "He was in the news.", d + timedelta(days=1), (d,)) for j in range(4)]
    return out, burst + later


def test_the_dates_a_reader_is_shown_cover_a_long_story_not_only_its_burst():
    from storyline.tls.dates import rank_dates, spread_dates

    story, days = _decade()
    ranked = rank_dates(story)
    top = {d for d, _ in ranked[:12]}
    assert all(d.year == 2011 for d in top)  # by importance alone: one burst, the later years missed
    shown = {d for d, _ in spread_dates(ranked, 12)[:12]}
    assert len({d.year for d in shown}) >= 5 and sum(d.year == 2011 for d in shown) >= 6  # the burst still leads
    assert sorted(spread_dates(ranked, 12)) == sorted(ranked)  # a reordering: nothing lost, scores kept
    events = [_event(f"e{d.isoformat()}", _day(d)) for d in days]
    ranks = key_ranking(events, story, published={s.doc: s.published for s in story}, key_events=12)
    key_years = {date.fromisoformat(eid[1:]).year for eid, r in ranks.items() if r <= 12}
    assert len(key_years) >= 5
    assert {eid for eid, r in key_ranking(events, story).items() if r <= 12} == {f"e{d.isoformat()}" for d in top}


def test_many_dates_over_a_few_months_cover_each_month():
    """A reader's 40 key events of an eight-month story whose first six weeks are its busiest:
    periods of l/4 would be six days long, shorter than a month, and the plain rule leaves the last
    months (the climax of a war followed for months) out; the key-event timeline asks for a period a
    month, which brings a date of each month in, the burst still leading."""
    from storyline.tls.dates import spread_dates

    start = date(2011, 2, 15)
    burst = [(start + timedelta(days=i), 1.0 - i * 0.005) for i in range(45)]
    later = [(date(2011, m, 20), 0.6) for m in range(4, 11)]
    ranked = sorted(burst + later, key=lambda x: -x[1])
    span = (start, date(2011, 10, 20))
    shown = {d for d, _ in spread_dates(ranked, 40, span, monthly=True)[:40]}
    assert len({d.month for d in shown}) >= 8 and max(shown) >= date(2011, 9, 1)  # a period a month
    assert sum(d < date(2011, 4, 1) for d in shown) >= 30
    assert sorted(spread_dates(ranked, 40, span, monthly=True)) == sorted(ranked)
    assert spread_dates(ranked, 40, span) == ranked  # the summarizer's plain rule: periods of days, no spread
    # the key-event timeline asks for a period a month
    events = [_event(f"e{d.isoformat()}", _day(d)) for d, _ in ranked]
    story = [DatedSentence(f"{d}_{j}", 1, "Fighting went on.", d + timedelta(days=1), (d,))
             for d, score in ranked for j in range(round(score * 10))]
    daily = {f"p{i}": start + timedelta(days=i) for i in range(248)}  # an article a day all along
    ranks = key_ranking(events, story, published={**{s.doc: s.published for s in story}, **daily}, key_events=40)
    assert max(date.fromisoformat(eid[1:]) for eid, r in ranks.items() if r <= 40) >= date(2011, 9, 1)


def test_a_shorter_timeline_from_the_top_of_the_key_ranking_still_covers_the_span():
    """A reader who asks for 12 of an eight-month story's 40 key days (``--limit``) gets its months,
    not its first six weeks: each run of the key days from the top is spread in turn, and the 40
    are the same days as before, the burst still leading."""
    from storyline.tls.dates import spread_dates, spread_prefixes

    start = date(2011, 2, 15)
    burst = [(start + timedelta(days=i), 1.0 - i * 0.005) for i in range(45)]
    later = [(date(2011, m, 20), 0.6) for m in range(4, 11)]
    ranked = sorted(burst + later, key=lambda x: -x[1])
    span = (start, date(2011, 10, 20))
    nested = spread_prefixes(ranked, 40, span, monthly=True)
    assert sorted(nested) == sorted(ranked)  # a reordering
    assert set(nested[:40]) == set(spread_dates(ranked, 40, span, monthly=True)[:40])
    assert sum(d.month >= 4 for d, _ in spread_dates(ranked, 40, span, monthly=True)[:12]) == 0  # the plain order
    for m in (6, 12, 20):
        head = [d for d, _ in nested[:m]]
        assert max(head) >= date(2011, 8, 1) and sum(d < date(2011, 4, 1) for d in head) >= m // 2
    assert nested[0] == ranked[0]  # the most important day first


def test_a_story_of_weeks_keeps_its_busiest_days():
    """Periods shorter than a month are not spread: a story followed day by day is its bursts."""
    from storyline.tls.dates import rank_dates, spread_dates

    ranked = rank_dates(_story())
    assert spread_dates(ranked, 2) == ranked


def test_background_years_among_the_candidates_do_not_spread_a_story_of_weeks():
    """A story of three weeks whose articles also cite older spills: its span is the weeks its
    articles were published in, so its days stay as ranked; the candidates' own span would reach
    back to 1995 and bring in a spill of each period."""
    from storyline.tls.dates import coverage_span, spread_dates

    days = [date(2010, 5, 1) + timedelta(days=i) for i in range(21)]
    ranked = [(d, 1.0 - i * 0.02) for i, d in enumerate(days)] + [(date(y, 3, 24), 0.55) for y in (1995, 2000, 2005)]
    published = [d for d in days for _ in range(3)]
    assert spread_dates(ranked, 8, coverage_span(published)) == ranked
    assert {d.year for d, _ in spread_dates(ranked, 8)[:8]} > {2010}  # without the coverage: background pulled in


def test_dates_without_a_score_or_outside_the_span_are_not_spread():
    from storyline.tls.dates import spread_dates

    years = [(date(2011 + y, 6, 1), 0.0) for y in range(10)]
    burst = [(date(2011, 1, 1) + timedelta(days=i), 0.0) for i in range(20)]
    flat = burst + years  # no date scores anything: nothing to weigh a period's best date by
    assert spread_dates(flat, 8, (date(2011, 1, 1), date(2020, 12, 31))) == flat
    ranked = [(d, 1.0 - i * 0.01) for i, (d, _) in enumerate(burst)] + [(date(1990, 1, 1), 0.9)]
    ranked.sort(key=lambda x: -x[1])
    spread = spread_dates(ranked, 8, (date(2011, 1, 1), date(2011, 3, 31)))
    assert spread == ranked  # a story of three months; the 1990 date is in no period of it


def test_the_coverage_sets_aside_stray_pages_not_the_weeks_where_a_story_thins_out():
    """A war followed for eight months whose pages thin out at the end (a few a week in its last two
    months, 5 % of them) keeps those months in its span; a page printed months later, or an old page
    the crawl picked up, is set aside, two of one day together."""
    from storyline.tls.dates import coverage_span

    start = date(2011, 2, 16)
    busy = [start + timedelta(days=i % 180) for i in range(700)]
    thin = [date(2011, 8, 20) + timedelta(days=2 * i) for i in range(30)]  # to 17 October
    late, old = [date(2012, 5, 3)], [date(2009, 1, 1)] * 2
    assert coverage_span(busy + thin + late + old) == (start, date(2011, 10, 17))
    assert coverage_span(busy + thin) == (start, date(2011, 10, 17))
    # a story published evenly over years has no strays: its first and last pages set its span
    even = [date(2001, 1, 1) + timedelta(days=40 * i) for i in range(100)]
    assert coverage_span(even) == (even[0], even[-1])
    assert coverage_span([]) is None


def test_the_key_timeline_s_periods_are_calendar_months():
    """Libya's shape: the fall of the capital in late August, a quieter September. Stretches of 30 days
    from the first page put 21 August to 20 September in one period, which the late-August days held,
    so September showed nothing; calendar months give September its best day."""
    from storyline.tls.dates import spread_dates

    start = date(2011, 2, 16)
    burst = [(start + timedelta(days=i), 1.0 - i * 0.005) for i in range(45)]
    later = [(date(2011, m, 10), 0.7) for m in range(4, 9)] + [(date(2011, 8, d), 0.95) for d in (21, 22, 23)]
    later += [(date(2011, 9, 11), 0.6), (date(2011, 10, 12), 0.55)]
    ranked = sorted(burst + later, key=lambda x: -x[1])
    shown = {d for d, _ in spread_dates(ranked, 40, (start, date(2011, 10, 20)), monthly=True)[:40]}
    assert {d.month for d in shown} == set(range(2, 11))
    assert {date(2011, 9, 11), date(2011, 10, 12), date(2011, 8, 21)} <= shown
