"""What can stand on the key timeline: the mood of a clause, the time that governs it, and
one entry per happening when a story recalls it in other words."""

from __future__ import annotations

from dataclasses import replace

from datetime import date

import pytest

from storyline.reconcile.coref import build_events, join_coarse
from storyline.reconcile.events import extract
from storyline.records import Amount, Event, EventDate, EventMention, Evidence, Participant, TimeExpr
from storyline.tls.events import happening, key_ranking
from test_events_support import annotate


def _by_trigger(mentions):
    return {m.trigger.lower(): m for m in mentions}


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,expected", [
    ("Microsoft acquired Activision in 2023.", "acquired", "actual"),
    ("Microsoft has acquired Activision.", "acquired", "actual"),
    ("Microsoft was acquiring Activision last year.", "acquiring", "actual"),
    ("Microsoft could acquire Activision next year.", "acquire", "possible"),
    ("Microsoft will acquire Activision next year.", "acquire", "possible"),
    ("Microsoft is going to acquire Activision.", "acquire", "possible"),
    ("Microsoft plans to acquire Activision.", "acquire", "possible"),
    ("The regulator obliged Microsoft to sell its stake in OpenAI.", "sell", "possible"),
    ("Microsoft agreed to acquire Activision in January 2022.", "acquire", "actual"),
    ("Microsoft did not acquire Activision.", "acquire", "negated"),
    ("Microsoft owns a stake in OpenAI and funds its research.", "funds", "state"),
    ("OpenAI expects to lose $5 billion this year.", "lose", "possible"),
    ("Microsoft says it invested $1 billion in 2019.", "invested", "actual"),
    ("Microsoft announced an investment in OpenAI in January.", "investment", "actual"),
    ("Protesters called for the resignation of the president on Friday.", "resignation", "possible"),
    ("Shareholders demanded the resignation of the chief executive on Friday.", "resignation", "possible"),
    ("Investors pressed for a merger with Acme Corp on Monday.", "merger", "possible"),
    # a conjunct is asked for with the first
    ("Thousands of people demanded more freedoms and the resignation of President Hosni Mubarak.", "resignation",
     "possible"),
    ("Reporters asked about the resignation of the chief executive on Friday.", "resignation", "actual"),
    # what protesters chant or march for has not happened; nor what follows "calling for" whatever the parse
    ("Worshipers chanted for President Mubarak's removal on Friday.", "removal", "possible"),
    # an act a prospect-noun speaks of: talked of, not done
    ("Bookmaker Paddy Power is offering odds on Hayward's departure by December 31.", "departure", "possible"),
    ("Shell weighed the possibility of a takeover of BP.", "takeover", "possible"),
    ("The takeover of BP was completed on Friday.", "takeover", "actual"),
    # an act its predicate calls a prospect
    ("A takeover of BP by Shell is likely this year.", "takeover", "possible"),
    ("The takeover of BP by Shell was quick last year.", "takeover", "actual"),
    # a conjunct shares its head's modal, not a tense
    ("Critics say Obama should have stepped in and removed BP from the operation.", "removed", "possible"),
    ("Critics say Obama stepped in and removed BP from the operation.", "removed", "actual"),
    ("Protesters calling for President Mubarak's ouster toppled barricades on Thursday.", "ouster", "possible"),
    # a condition has not happened; a time limit under a fact has
    ("They said they would not negotiate until President Mubarak resigned.", "resigned", "possible"),
    ("If Mubarak resigned, elections would follow within months.", "resigned", "possible"),
    ("The army did not move until Mubarak resigned.", "resigned", "actual"),
    # the simple present passive is what is done as a rule; the perfect passive is told
    ("Connexions Haiti is broadcast between 9.10 and 9.30 Haiti time (14.10 to 14.30 GMT).", "broadcast", "state"),
    ("The prize is awarded to the author of the best new collection of poetry.", "awarded", "state"),
    ("Three people have been killed in clashes in Cairo.", "killed", "actual"),
    # a chronology's present names its day: told, not a state
    ("8 February 2010 Dr Murray is charged with involuntary manslaughter.", "charged", "actual"),
    ("25 June 2009 Dr Murray finds the singer unconscious and he dies in hospital.", "dies", "actual"),
    # a clock range the parser reads as a date names no day
    ("Connexions Haiti is broadcast between 0910 and 0930 Haiti time (1410 to 1430 GMT) on six FM relays.",
     "broadcast", "state"),
    ("Three people were killed in clashes in Cairo on Friday.", "killed", "actual"),
    # a condition told by its auxiliary before its subject: what did not happen
    ("Even had Mubarak stepped down on Thursday, it would have met only the first of their demands.",
     "stepped down", "possible"),
    ("Had the rebels seized the airport in May, the siege would have ended sooner.", "seized", "possible"),
    ("The rebels had seized the airport in May, officials said.", "seized", "actual"),
    # advice: "had better" is a modal the parse splits in two
    ("They had better get over this hesitation and appoint credible leaders.", "appoint", "possible"),
    ("They had better appoint credible leaders.", "appoint", "possible"),
    # what a "that" clause of a demand asks for, in the bare form, has not happened; what one tells has
    ("The rebel council and its allies have long demanded that Gadhafi step down.", "step down", "possible"),
    ("Protesters insisted that Mubarak resign immediately.", "resign", "possible"),
    ("Officials said that Mubarak stepped down on Friday.", "stepped down", "actual"),
    ("He suggested that the board had fired its chief executive.", "fired", "actual"),
    # a bare infinitive happened as the verb it complements did
    ("The protests will make Mubarak step down.", "step down", "possible"),
    ("They may let him resign next week.", "resign", "possible"),
    ("That is why the strategy now is to calmly make Mubarak step down.", "step down", "possible"),
    ("The army made Mubarak step down on Friday.", "step down", "actual"),
    # a plan told by its scheduling ("are scheduled to answer"), not a happening
    ("Salazar and Jackson are scheduled to answer questions from lawmakers on Tuesday.", "scheduled", "possible"),
])
def test_a_clause_says_whether_its_event_happened(text, trigger, expected):
    ann, ents = annotate(text)
    assert _by_trigger(extract(ann, ents))[trigger].mood == expected


@pytest.mark.model
def test_a_time_in_a_relative_clause_dates_that_clause_not_the_main_one():
    ann, ents = annotate("Altman, who had founded OpenAI as a nonprofit just three years before, "
                         "resigned from the board in a stairwell.")
    m = _by_trigger(extract(ann, ents))["resigned"]
    assert m.time is None


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, dated", [
    # a time of another happening this one is placed before or after
    ("Ahead of congressional hearings on Tuesday, lawmakers released a letter to the chief executive.", "released", False),
    ("After the vote on Friday, the president resigned.", "resigned", False),
    # a time of the happening the clause tells of, or its own
    ("Three people were killed in the attack on Tuesday.", "killed", True),
    ("The president resigned on Friday after the vote.", "resigned", True),
    # a clause that places another happening: its time is the other's ("the day before he resigned")
    ("This was on Thursday, the day before Mubarak resigned, the day he went on national TV.", "resigned", False),
    ("The talks collapsed on Friday, a week after the company was sold.", "sold", False),
    ("The talks collapsed on Friday, a week after the company was sold.", "collapsed", True),
    ("After the company was sold on Monday, the talks collapsed.", "sold", True),
    # a time inside a planned act ("is due to visit ... on Tuesday") is the plan's, not the report's
    ("Lavrov is due to visit Damascus on Tuesday, Russian officials say.", "say", False),
    ("The minister is set to resign on Friday.", "resign", True),
    # an absolute clause ("with X being ...", "with X coming ...") tells its own subject's time
    ("Microsoft has invested tens of billions of dollars in OpenAI, with the latest contribution being "
     "part of a $6.6 billion funding round completed this month.", "invested", False),
    ("The company cut 500 jobs, with the last round of layoffs coming on Tuesday.", "cut", False),
    ("Rebels seized the town on Friday, with fighting continuing on Saturday.", "seized", True),
    ("The company cut 500 jobs with immediate effect on Tuesday.", "cut", True),
    ("Troops deployed to the capital on Tuesday fired warning shots.", "deployed", True),
])
def test_a_time_of_a_happening_placed_before_or_after_does_not_date_the_clause(text, trigger, dated):
    ann, ents = annotate(text)
    assert (_by_trigger(extract(ann, ents))[trigger].time is not None) is dated


@pytest.mark.model
def test_a_deadline_in_a_nested_clause_does_not_date_the_protest():
    ann, ents = annotate("Altman protested a clause in the contract that obliged OpenAI to purchase all of its "
                         "cloud capacity from Microsoft by 2030.")
    (m,) = extract(ann, ents)
    assert m.time is None


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,when", [
    # a participle describes its noun, whose time it gives
    ("Microsoft invested in a $6.6 billion funding round completed in October 2024.", "invested", "2024-10"),
    # a clause that frames the trigger's (a report, a time clause above it) still dates it
    ("In March 2024, Microsoft said it had hired Mustafa Suleyman.", "hired", "2024-03"),
    ("Google acquired DeepMind in January 2014.", "acquired", "2014-01"),
    # the clause's own time before the time a participle inside it gives its noun
    ("The bill signed by Obama in March 2009 was challenged in court in May 2010.", "challenged", "2010-05"),
])
def test_the_time_of_the_trigger_s_own_clause_is_kept(text, trigger, when):
    ann, ents = annotate(text)
    m = _by_trigger(extract(ann, ents))[trigger]
    assert m.time is not None and m.time.value == when


def _event(eid, value, start, end, *, mood="actual", sources=("a",), text=None) -> Event:
    text = text or f"Microsoft's {eid} happened."
    return Event(id=eid, date=EventDate(value, start, end), summary=text, sources=sources, mood=mood,
                 evidence=tuple(Evidence(s, 0, len(text), text) for s in sources))


PUBLISHED = {"a": date(2025, 4, 28), "b": date(2024, 10, 18)}


def _in_2023(eid, text) -> Event:
    """An actual event of 2023 told by ``text``: whether it may be key depends on the sentence alone."""
    return _event(eid, "2023", "2023-01-01", "2023-12-31", text=text)


@pytest.mark.parametrize("event,expected", [
    (_event("done", "2023", "2023-01-01", "2023-12-31"), True),
    (_event("state", "2025-04-28", "2025-04-28", "2025-04-28", mood="state"), False),
    (_event("plan", "2026", "2026-01-01", "2026-12-31", mood="possible"), False),
    (_event("deadline", "2030", "2030-01-01", "2030-12-31"), False),  # after every report of it
    (_event("this_year", "2025", "2025-01-01", "2025-12-31"), True),  # begins before the report
    (_event("reported", None, None, "2025-04-28"), False),  # no time of its own
    (_in_2023("question", "Did Microsoft invest $10 billion in 2023?"), False),
    (_in_2023("caption", "Microsoft Invests Ten Billion Dollars In OpenAI"), False),
    # a reader's comment: first person outside quotation marks; a quoted "we" is a report of speech
    (_in_2023("comment", "In 2023 I watched the protests on TV all day."), False),
    (_in_2023("contracted", "In 2023 I'm having an interview in English, such a bolt from the blue!"), False),
    (_in_2023("lower-case", "in 2023 i was blue in the face when she read the news"), False),
    (_in_2023("quoted", 'Altman said in 2023: "We are nowhere near that territory."'), True),
    # an empty frame (what was said went to the next sentence), a comment thread's header, a wire
    # headline block up to its dateline, a sentence naming no one and giving no figure
    (_in_2023("frame", "the World Health Organization said on Wednesday."), False),
    (_in_2023("thread", "At 6:32 pm on 11 Jun 2023, jo_blogs wrote"), False),
    (_in_2023("intro", "CNN's Ivan Watson describes the changing scene in 2023: (Update 4:23 p.m. Cairo, 9:23 a.m. ET)"),
     False),
    # a reader's post opening with its stamp; a live page's entry gives its zone and reports
    (_in_2023("post", "22nd January 2023 - 18:12 The Syrian government has simply ignored the Arab League."), False),
    (_in_2023("live", "22nd January 2023 - 18:12 GMT The Syrian government rejected the Arab League plan."), True),
    (_in_2023("bullets", "* Order for nasal spray vaccine * Company sees more orders LONDON, June 1 (Reuters) -"), False),
    (_in_2023("schedule", "12.00noon-7.00 pm BBC RADIO 5 LIVE Mark Jones presents the 2023 Grand National live."), False),
    (_in_2023("air times", "Broadcast on Saturdays at 11:30 GMT on BBC Radio 4 Damascus's stallholders adapted in 2023."),
     False),
    # an aggregator's list of links: other pages' titles with their age and outlet
    (_in_2023("links", "Haiti Quake: Corpses Used In Aid Protest in 2023 - 9 hrs ago Guardian."), False),
    (_in_2023("a range", "Rebels held the town in 2023 - 9 of them were killed two days ago."), True),
    (_in_2023("nameless", "She said in 2023 it made her happy."), False),
    (_in_2023("nameless-quote", '"Microsoft will never sell," she said in 2023.'), False),
    # a frame with what was said, an attribution after the statement, a name first in the sentence
    (_in_2023("said-that", "Microsoft said on Monday it had closed the deal."), True),
    (_in_2023("attributed", "Mubarak resigned in 2023, state media said."), True),
    (_in_2023("short", "Obama resigned in 2023."), True),
    (_in_2023("a figure", "more than 60 people died in the quake in 2023."), True),
    # a live page's stamp in front does not hide the statement behind it
    (_in_2023("stamped", "Cairo , 4:58 p.m. ET -RRB- Three people died in clashes in Tahrir Square in 2023 ."), True),
    # an empty frame with a bare day or a place of saying; a page speaking to its reader; a banner,
    # a live page's marker, a transcript's turn with a stage direction
    (_in_2023("bare day", "White House Press Secretary Robert Gibbs said Monday."), False),
    (_in_2023("on its website", "Human Rights Watch said Wednesday on its website."), False),
    (_in_2023("website, then day", "Libya's Quryna newspaper said on its website on Monday."), False),
    (_in_2023("statement, then day", "The ministry said in a statement on Tuesday."), False),
    (_in_2023("statement with what", "Obama said in a statement on Tuesday that Mubarak must resign."), True),
    (_in_2023("imperative", "Watch CNN's Sunday morning interview with Clinton in 2023."), False),
    (_in_2023("let me", "Let me play for you something Anderson Cooper said in 2023."), False),
    (_in_2023("your post", "In 2023, Sayed K, thanks for your post."), False),
    # a page pointing at what it shows next
    (_in_2023("here is", "Here is video of Gadhafi's comments to Libyan state-run TV in 2023."), False),
    (_in_2023("following are", "Following are quotes from Gaddafi's speech to followers in 2023."), False),
    (_in_2023("here, in", "Here, in Tripoli, rebels seized the airport in 2023."), True),
    (_in_2023("following the", "Following the vote, the Senate adjourned in 2023."), True),
    (_in_2023("you say", "And so what do you say about Mubarak in 2023."), False),
    (_in_2023("banner", "Interview with Mohamed ElBaradei Aired 2023 THIS IS A RUSH TRANSCRIPT."), False),
    (_in_2023("marker", "By the CNN Wire Staff NEW: A U.S. official says Egypt should talk now in 2023 NEW:"), False),
    (_in_2023("turn", "COOPER (voice over): In 2023 Liberation Square was once again filled."), False),
    (_in_2023("template", "Obama has praised the cause {Egyptian President} in 2023."), False),
    # ... but a quoted "you", a frame with what was said, an acronym stay
    (_in_2023("quoted you", '"You will not stop us," the protesters told Mubarak in 2023.'), True),
    (_in_2023("said it would", "Microsoft said Monday it would invest $10 billion in 2023."), True),
    (_in_2023("acronym", "The WHO and the CDC raised the alert in 2023."), True),
    # a headline block cut before its web dateline ("BENGHAZI | Mon Apr 11, 2023"), a shouted ending;
    # a list item naming a company in capitals, and a sentence ending in an acronym, stay
    (_in_2023("web dateline", "Full Article Rebels reject African Union peace plan in 2023 BENGHAZI"), False),
    (_in_2023("two-word place", "Rebels reject the 2023 peace plan NEW DELHI"), False),
    (_in_2023("list item", "April 20, 2023 - Explosion and fire on the drilling rig licensed to BP"), True),
    (_in_2023("acronym at the end", "The alliance handed command of the 2023 air strikes to NATO."), True),
])
def test_only_actual_happenings_dated_by_the_text_can_be_key_events(event, expected):
    assert happening(event, PUBLISHED) is expected


def test_key_ranking_leaves_out_what_did_not_happen():
    # each names the story's protagonist, so the 2023 background may stand (tls.events.retold_background)
    events = [replace(e, entities=("ent:microsoft",)) for e in (
        _event("done", "2023", "2023-01-01", "2023-12-31"),
        _event("plan", "2023", "2023-01-01", "2023-12-31", mood="possible"),
        _event("deadline", "2030", "2030-01-01", "2030-12-31"))]
    assert set(key_ranking(events, [], published=PUBLISHED)) == {"done"}


def _mention(mid, doc, etype, value, start, end, parts=(), amounts=(), mood="actual") -> EventMention:
    time = TimeExpr(doc, 0, 4, value, "DATE", value, start_date=start, end_date=end) if value else None
    return EventMention(id=mid, doc=doc, start=0, end=20, text=f"{mid} text here.", trigger="x", trigger_start=0,
                        trigger_end=1, type=etype, participants=tuple(Participant(p, "agent") for p in parts),
                        time=time, amounts=tuple(amounts), mood=mood)


def _money(aid, value) -> Amount:
    return Amount(id=aid, doc="a", start=30, end=40, text="$", currency="USD", low=value, high=value)


def _joined(groups, amounts=None):
    return sorted(sorted(m.id for m in g) for g in join_coarse([[m] for m in groups], amounts or {}))


def test_a_coarsely_dated_recall_joins_the_one_report_it_can_be():
    ouster = _mention("nov", "wsj", "leadership_change", "2023-11", "2023-11-01", "2023-11-30", ("altman", "openai"))
    recall = _mention("lastyear", "nyt", "leadership_change", "2023", "2023-01-01", "2023-12-31", ("altman",))
    other = _mention("hire", "nyt", "hiring", "2023-05", "2023-05-01", "2023-05-31", ("altman",))
    assert _joined([ouster, recall, other]) == [["hire"], ["lastyear", "nov"]]


def test_a_recall_that_could_be_either_of_two_reports_stays_alone():
    first = _mention("march", "a", "leadership_change", "2023-03", "2023-03-01", "2023-03-31", ("altman",))
    second = _mention("nov", "b", "leadership_change", "2023-11", "2023-11-01", "2023-11-30", ("altman",))
    recall = _mention("lastyear", "c", "leadership_change", "2023", "2023-01-01", "2023-12-31", ("altman",))
    assert _joined([first, second, recall]) == [["lastyear"], ["march"], ["nov"]]


def test_the_same_figure_joins_two_wordings_of_one_payment_and_a_far_figure_does_not():
    amounts = {"m1": _money("m1", 10e9), "m2": _money("m2", 10e9), "m3": _money("m3", 1e9)}
    dropped = _mention("dropped", "a", "investment", "2023", "2023-01-01", "2023-12-31", ("msft",), ("m1",))
    solidified = _mention("solid", "b", "contract", "2023", "2023-01-01", "2023-12-31", (), ("m2",))
    assert _joined([dropped, solidified], amounts) == [["dropped", "solid"]]
    earlier = _mention("first", "b", "investment", "2023", "2023-01-01", "2023-12-31", ("msft",), ("m3",))
    assert _joined([dropped, earlier], amounts) == [["dropped"], ["first"]]


def test_a_happening_takes_its_date_from_the_reports_that_say_it_happened():
    # "had been expected to surrender last Friday" does not date "has denied a charge"; where no report
    # that it happened gives a time, it has none of its own
    denied = _mention("denied", "a", "legal", None, None, None, ("murray",))
    expected = _mention("expected", "b", "legal", "2010-02-05", "2010-02-05", "2010-02-05", ("murray",), mood="possible")
    (event,) = build_events([[denied, expected]])
    assert event.mood == "actual" and not event.date.own
    searched = _mention("searched", "c", "legal", "2009-07-28", "2009-07-28", "2009-07-28", ("murray",))
    (event,) = build_events([[denied, expected, searched]])
    assert event.date.value == "2009-07-28"
    (plan,) = build_events([[expected]])  # a plan alone keeps the time it is planned for
    assert plan.date.value == "2010-02-05" and plan.mood == "possible"


def test_plans_and_undated_mentions_are_never_joined():
    done = _mention("done", "a", "acquisition", "2023-11", "2023-11-01", "2023-11-30", ("msft",))
    plan = _mention("plan", "b", "acquisition", "2023", "2023-01-01", "2023-12-31", ("msft",), mood="possible")
    undated = _mention("undated", "c", "acquisition", None, None, None, ("msft",))
    assert _joined([done, plan, undated]) == [["done"], ["plan"], ["undated"]]


def test_a_sentence_printed_word_for_word_on_many_pages_is_one_report():
    from storyline.tls.events import reports

    note = "Editor's note: the show is dedicated to finding 50 people in 50 days."
    sidebar = Event(id="s", date=EventDate("2005", "2005-01-01", "2005-12-31"), summary=note,
                    sources=tuple(f"page{i}" for i in range(14)),
                    evidence=tuple(Evidence(f"page{i}", 0, len(note), note) for i in range(14)))
    told = Event(id="t", date=EventDate("2011-02-11", "2011-02-11", "2011-02-11"), summary="Mubarak resigned.",
                 sources=("a", "b", "c"), evidence=(Evidence("a", 0, 17, "Mubarak resigned."),
                                                    Evidence("b", 0, 24, "Mubarak stepped down on Friday."),
                                                    Evidence("c", 0, 22, "Hosni Mubarak quit.")))
    assert reports(sidebar) == 1 and reports(told) == 3


def test_a_headline_drops_the_stamp_in_front_and_keeps_who_said_it():
    from storyline.tls.events import headline

    text = "Update 7 p.m. Cairo , Noon ET -RRB- ElBaradei has arrived in Tahrir Square , witnesses said ."
    assert headline(text) == "ElBaradei has arrived in Tahrir Square , witnesses said ."
    assert headline("Mubarak resigned on Friday, the vice president said.") == \
        "Mubarak resigned on Friday, the vice president said."


@pytest.mark.parametrize("text, shown", [
    # a byline run into the page's first sentence goes when it names the writers' outlet
    ("By the CNN Wire Staff Eman al-Obeidy burst into a hotel Saturday, saying she had been raped.",
     "Eman al-Obeidy burst into a hotel Saturday, saying she had been raped."),
    ("By Amir Ahmed, CNN Mubarak said on Tuesday he would not run again.", "Mubarak said on Tuesday he would not run again."),
    ("By Richard Black Environment correspondent, BBC News The spill is now the largest in the Gulf.",
     "The spill is now the largest in the Gulf."),
    ("From Michael Holmes and Kareem Khadder, CNN A rocket was fired Saturday toward Gadhafi forces.",
     "A rocket was fired Saturday toward Gadhafi forces."),
    # no outlet, no telling where the names end; an opening "By" that is no byline
    ("By Lisa Rein and Ed O'Keefe BP has reimbursed the federal government $518 million.",
     "By Lisa Rein and Ed O'Keefe BP has reimbursed the federal government $518 million."),
    ("By Sunday, the box had been lowered over the leaking well.", "By Sunday, the box had been lowered over the leaking well."),
    ("By Friday, CNN had counted 20 dead in the city.", "By Friday, CNN had counted 20 dead in the city."),
    ("By then, Reuters had counted 20 dead in the city of Misrata.", "By then, Reuters had counted 20 dead in the city of Misrata."),
    ("By the CNN Wire Staff Rebels advance.", "By the CNN Wire Staff Rebels advance."),  # too little would be left
])
def test_a_headline_drops_a_byline_that_names_its_outlet(text, shown):
    from storyline.tls.events import headline

    assert headline(text) == shown


def test_a_decade_or_a_century_is_no_time_of_its_own():
    assert not EventDate("20", "2000-01-01", "2099-12-31").own  # "the 21st century"
    assert not EventDate("201", "2010-01-01", "2019-12-31").own  # "the 2010s"
    assert EventDate("2011", "2011-01-01", "2011-12-31").own and EventDate("2011-W04").own


def _told(eid, day, texts, docs) -> Event:
    return Event(id=eid, date=EventDate(day, day, day), summary=texts[0], sources=tuple(docs),
                 evidence=tuple(Evidence(d, 0, len(t), t) for d, t in zip(docs, texts)))


def test_a_sentence_may_head_a_key_event_when_it_states_and_names_the_story_s_people():
    from storyline.tls.events import told

    ev = _told("e", "2011-02-01", ["Albert Einstein's heirs sued over a bobblehead doll on Tuesday.",
                                   "Protesters filled Tahrir Square on Tuesday.",
                                   "Thousands marched on Tuesday.",
                                   "White House Press Secretary Robert Gibbs said Tuesday.",
                                   "and the army stood by in Tahrir Square on Tuesday.",
                                   "Cairo, 4:58 p.m. ET) Three people died"], "abcdef")
    named = [{"ent:einstein"}, {"ent:tahrir"}, set(), {"ent:gibbs"}, {"ent:tahrir"}, {"ent:cairo"}]
    # the sidebar names only its own people; a sentence naming no one is not judged by whom it names;
    # an empty frame and pieces of sentences (one the splitter began inside a live page's stamp) head nothing
    assert told(ev, named, {"ent:tahrir", "ent:gibbs", "ent:cairo"}) == [1, 2]


@pytest.mark.parametrize("text, heads", [
    ("Twitter said it was blocked in Cairo for the second day on Wednesday but added", False),
    ("Protesters in Cairo marched to the square and", False),
    ("Police in Cairo fired tear gas at the crowd on Wednesday, the ministry said", True),
    ("Police in Cairo fired tear gas at the crowd on Wednesday.", True),
    ("Cairo police fired Wednesday", False),  # a subheading's few words, no full stop
    ("Cairo police resigned.", True),
])
def test_a_sentence_stopping_on_a_word_that_needs_what_follows_heads_nothing(text, heads):
    """The splitter cut it before a quotation or a list: "... but added" has lost what was added; a
    subheading of a few words without a full stop says too little to head an event."""
    from storyline.tls.events import told

    ev = _told("e", "2011-01-26", [text], ["a"])
    assert (told(ev, [{"ent:cairo"}], {"ent:cairo"}) == [0]) == heads


def test_a_sentence_dating_its_act_to_another_day_heads_no_event_of_this_day():
    from storyline.tls.events import told

    ev = _told("e", "2011-10-12", ["One field hospital received two dead and 23 wounded on Thursday.",
                                   "Government forces captured Mo'tassim in Sirte on Wednesday.",
                                   "Fighters said the town was quiet."], "abc")
    times = {("a", 0, len(ev.evidence[0].text)): [("2011-10-13", "2011-10-13")],
             ("b", 0, len(ev.evidence[1].text)): [("2011-10-12", "2011-10-12"), ("2011-10-13", "2011-10-13")]}
    named, parties = [{"ent:sirte"}] * 3, {"ent:sirte"}
    assert told(ev, named, parties) == [0, 1, 2]
    # the Thursday's report is coreference's company, not what happened on the Wednesday; a sentence
    # with no time of its own, or with one on the event's day, may still head it
    assert told(ev, named, parties, times=times) == [1, 2]
    week = replace(ev, date=EventDate("2011-W41", "2011-10-10", "2011-10-16"))
    assert told(week, named, parties, times=times) == [0, 1, 2]


def test_the_story_s_people_are_those_its_documents_name():
    from storyline.tls.events import story_entities

    events = [_told(f"e{i}", "2011-02-01", ["Mubarak spoke."], [f"d{i}"]) for i in range(20)]
    named = {f"e{i}": {"ent:mubarak"} | ({"ent:einstein"} if i == 0 else set()) for i in range(20)}
    assert story_entities(events, named, 20) == {"ent:mubarak"}  # a tenth of the documents at least
    assert story_entities(events, named, 20, share=0.05) == {"ent:mubarak", "ent:einstein"}


def test_an_event_nothing_may_head_is_not_ranked_and_a_vague_date_in_the_coverage_comes_last():
    published = {f"d{i}": date(2011, 2, 1 + i % 10) for i in range(20)}
    day = _told("day", "2011-02-03", ["Mubarak spoke in Cairo on Thursday."], ["d1", "d2"])
    sidebar = _told("sidebar", "2011-02-04", ["Einstein's heirs sued on Friday."], ["d3"])
    week = replace(_told("week", "2011-02-03", ["Mubarak's week ended badly."], [f"d{i}" for i in range(12)]),
                   date=EventDate("2011-W05", "2011-01-31", "2011-02-06"))
    later = _told("later", "2011-02-03", ["Suleiman spoke in Cairo on Thursday."], ["d4"])
    ranks = key_ranking([day, sidebar, week, later], [], published=published,
                        heads={"day": [0], "sidebar": [], "week": [0], "later": [0]})
    assert "sidebar" not in ranks
    # the week reaches into the coverage: after the day's second event, though far better reported
    assert sorted(ranks, key=ranks.get) == ["day", "later", "week"]


def test_background_is_retold_only_where_a_sentence_that_may_head_it_names_the_story_s_centre():
    from storyline.tls.events import retold_background

    published = {f"d{i}": date(2011, 2, 1) for i in range(10)}
    bali = _told("bali", "2002-10-12", ["Bombs killed 202 people in Bali in 2002."], ["d0", "d1"])
    named = {"bali": {"ent:egypt", "ent:bali"}, **{f"x{i}": {"ent:egypt"} for i in range(10)}}
    story = [bali] + [_told(f"x{i}", "2011-02-01", ["Egypt."], [f"d{i}"]) for i in range(10)]
    # the event's cluster names Egypt somewhere, so without heads it passes as retold background
    assert retold_background(story, published, named)["bali"] is True
    assert retold_background(story, published, named, head_named={"bali": {"ent:bali"}})["bali"] is False


def test_a_sidebar_printed_on_many_pages_does_not_make_its_people_the_story_s():
    from storyline.tls.events import story_parties

    sidebar = "Giffords was shot in the head at a public event in Tucson on January 8."
    side = _told("side", "2011-01-08", [sidebar] * 10, [f"d{i}" for i in range(10)])
    own = [_told(f"o{i}", "2011-02-01", [f"Mubarak spoke to crowd number {i}."], [f"d{i}"]) for i in range(10)]
    evidence_named = {"side": [{"ent:giffords"}] * 10, **{f"o{i}": [{"ent:mubarak"}] for i in range(10)}}
    # ten pages print the sidebar word for word: one report, one document
    assert story_parties([side, *own], evidence_named, 10, share=0.2) == {"ent:mubarak"}
    retold = _told("side", "2011-01-08", [f"{sidebar} Page {i}." for i in range(10)], [f"d{i}" for i in range(10)])
    assert story_parties([retold, *own], evidence_named, 10, share=0.2) == {"ent:mubarak", "ent:giffords"}


def test_the_story_s_words_are_those_of_half_its_documents_less_any_news_words_and_its_outlets():
    from storyline.tls.events import story_words, uses_story_words

    texts = [f"CNN: the swine flu spread, officials said on day {i}." for i in range(30)]
    words = story_words(texts, ["CNN"])
    assert {"swine", "flu", "spread"} <= words and not {"cnn", "said", "officials", "day"} & words
    assert uses_story_words("A woman from Glasgow died of swine flu.", words)
    assert not uses_story_words("Albert Einstein's heirs sued, CNN said.", words)
    assert story_words(texts[:5]) is None and uses_story_words("anything", None)  # too few documents to tell


def test_a_sentence_naming_only_others_may_head_when_it_uses_the_story_s_words():
    from storyline.tls.events import told

    ev = _told("e", "2009-06-14", ["Jacqueline Fleming died of swine flu in a Paisley hospital on Sunday.",
                                   "Albert Einstein's heirs sued a toy maker on Sunday."], "ab")
    named = [{"ent:fleming", "ent:paisley"}, {"ent:einstein"}]
    assert told(ev, named, {"ent:who"}) == []
    assert told(ev, named, {"ent:who"}, frozenset({"flu", "swine"})) == [0]


def test_a_place_is_a_party_of_the_story_only_when_a_tenth_of_its_documents_name_it():
    from storyline.tls.events import story_parties

    events = [_told(f"e{i}", "2011-02-01", [f"Crowd number {i} marched."], [f"d{i}"]) for i in range(20)]
    named = {f"e{i}": [{"ent:ny", "ent:protesters"}] if i < 2 else [{"ent:protesters"}] for i in range(20)}
    assert story_parties(events, named, 20) == {"ent:ny", "ent:protesters"}  # 2 of 20 documents: a party
    assert story_parties(events, named, 30, places={"ent:ny"}) == {"ent:protesters"}  # 2 of 30: not as a place


def test_a_sentence_naming_only_its_sources_is_not_about_the_story():
    from storyline.tls.events import tells_story

    outlets = {"ent:cnn"}
    assert not tells_story("A version appeared on p15 of CNN.", {"ent:cnn"}, {"ent:cnn"}, outlets=outlets)
    assert not tells_story("Petrovich, a former CNN executive, died.", {"ent:cnn", "ent:petrovich"}, {"ent:cnn"},
                           outlets=outlets)
    assert tells_story("Mubarak spoke to CNN.", {"ent:cnn", "ent:mubarak"}, {"ent:mubarak"}, outlets=outlets)
    assert tells_story("Thousands marched.", set(), set())


def test_a_sentence_naming_no_one_is_about_the_story_only_in_its_words():
    from storyline.tls.events import tells_story

    words = frozenset({"protesters", "mubarak", "cairo"})
    assert tells_story("Thousands of protesters marched.", set(), set(), words)
    assert not tells_story("Brent crude fell as much as $4.10 a barrel.", set(), set(), words)
    assert tells_story("Brent crude fell as much as $4.10 a barrel.", set(), set())  # no story words known


def test_a_key_event_is_headed_by_its_day_s_best_sentence_else_its_clearest_mention_that_may_head():
    from storyline.tls.events import lead

    ev = replace(_told("e", "2011", ["Later, it grew.", "In 2011 Mubarak fell.", "Mubarak fell."], "abc"),
                 summary="In 2011 Mubarak fell.")
    assert lead(ev, [0, 1, 2], {"e": (2, 0.9)}) == 2  # the day fit's choice
    assert lead(ev, [0, 1, 2], {}) == 1  # the clearest mention
    assert lead(ev, [0, 2], {}) == 0 and lead(ev, [], {}) is None


@pytest.mark.model
def test_a_noun_whose_predicate_gives_its_cause_happened():
    ann, ents = annotate("The resignation of the chairman on Friday was due to ill health.")
    assert _by_trigger(extract(ann, ents))["resignation"].mood == "actual"


def test_a_happening_is_headed_only_by_a_sentence_that_says_it_happened():
    """Coreference joins "Obama is expected to sign it into law" to the signing it announces; the
    key event is headed by the sentence that says it was signed."""
    from storyline.tls.events import told

    said = ("Obama is expected to sign the health bill into law in 2023.", "Obama signed the health bill into law in 2023.")
    ev = Event(id="sign", date=EventDate("2023", "2023-01-01", "2023-12-31"), summary=said[0], sources=("a", "b"),
               mood="actual", evidence=(Evidence("a", 0, len(said[0]), said[0]), Evidence("b", 0, len(said[1]), said[1])))
    named = [{"obama"}, {"obama"}]
    assert told(ev, named, {"obama"}) == [0, 1]  # without the moods: either may head
    assert told(ev, named, {"obama"}, done={("b", 0, len(said[1]))}) == [1]
    planned = replace(ev, mood="possible")  # an event that did not happen is headed by what says so
    assert told(planned, named, {"obama"}, done={("b", 0, len(said[1]))}) == [0, 1]


@pytest.mark.parametrize("page,schedule", [
    # a broadcaster's listings, a day's planned briefings, a travel itinerary
    (["7.00-10.30 pm BBC RADIO 5 LIVE Mark Pougatch presents live coverage of the cup.",
      "At 8pm there's Premier League commentary of Fulham versus Hull, live from Craven Cottage.",
      "At 5.45 pm, there's commentary of Stoke City versus Arsenal.", "Jools Holland is joined this evening by a singer."],
     True),
    (["1:00 pm ET - White House briefing - We may learn more.", "2:15 pm ET - Repeal briefing -",
      "9:00 am ET - Remembering the Challenger tragedy -"], True),
    (["6 p.m. - Enjoy an evening drink in the hotel bar.", "11 p.m. - Stop by the Loft bar.",
      "2 p.m. - Take a tram to the restaurant."], True),
    # a live page's entries report; two listings are not yet a schedule; a reporter's times
    (["10.27 pm: DeGette wants to know if BP cut corners.", "9.52 pm: Hayward admits the drilling ran late.",
      "9.18 pm: Castor starts out by asking about the cap."], False),
    (["7.00-9.00 pm BBC RADIO 6 MUSIC Metronomy are back.", "At 9pm there's cricket news.", "The band played on."], False),
    (["At 10am, protesters marched to the square.", "At 3pm, police fired tear gas.", "At 8pm, the curfew began."], False),
])
def test_a_schedule_page_is_told_apart_from_a_live_page(page, schedule):
    from storyline.tls.events import schedule_page

    assert schedule_page(page) is schedule


def test_a_schedule_page_heads_no_key_event():
    from storyline.tls.events import told

    said = "At 8pm there's commentary of the 2023 cup final live from Wembley."
    ev = Event(id="match", date=EventDate("2023", "2023-01-01", "2023-12-31"), summary=said, sources=("radio",),
               evidence=(Evidence("radio", 0, len(said), said),))
    assert told(ev, [{"wembley"}], {"wembley"}) == [0]
    assert told(ev, [{"wembley"}], {"wembley"}, apart={"radio"}) == []


def test_a_page_about_something_else_is_set_apart_whoever_it_names():
    """A crawl of an outlet's pages over a story's months carries its other pages; one that uses the
    story's words once at most is about something else."""
    from storyline.tls.events import off_story, story_words

    pages = [f"Protesters in Cairo demanded that Mubarak resign, page {i}." for i in range(25)]
    words = story_words(pages)
    assert {"cairo", "mubarak", "protesters"} <= words
    assert off_story("Brent crude fell $4 a barrel as traders weighed supply from the Gulf.", words)
    assert off_story("The Packers beat the Steelers; fans in Cairo, Illinois, cheered.", words)
    assert not off_story("Mubarak spoke as protesters gathered in Tahrir Square.", words)
    assert not off_story("Brent crude fell.", None)  # a story too small for story words


@pytest.mark.model
def test_a_noun_that_names_a_thing_is_no_trigger():
    ann, ents = annotate("President Barack Obama toured the Gulf state of Louisiana on Friday.")
    assert "state" not in _by_trigger(extract(ann, ents))


@pytest.mark.model
@pytest.mark.parametrize("text, etype", [
    # "charge" accuses, attacks or prices, by its clause
    ("Men on horseback and camels charged into the crowd in the square.", "attack"),
    ("Police charged at the protesters on Friday.", "attack"),
    ("Two men were charged in the death of a teenager.", "legal"),
    ("Prosecutors charged him with murder on Monday.", "legal"),
    ("The bank charged customers $5 a month.", "other"),
])
def test_charge_is_an_accusation_an_attack_or_a_price_by_its_clause(text, etype):
    ann, ents = annotate(text)
    found = [m for m in extract(ann, ents) if m.trigger == "charged"]
    assert (found[0].type if found else "other") == etype


@pytest.mark.model
@pytest.mark.parametrize("text, trigger, etype", [
    # the verb "talk" speaks; the noun "talks", or two sides talking, negotiate
    ("The president talked about tax reform last night.", "talked", "statement"),
    ("We talked to people in the square today.", "talked", "statement"),
    ("Iran and the United States will talk in Vienna next week.", "talk", "plan"),
    ("The two governments held talks in Geneva on Monday.", "talks", "plan"),
    # a company deploys a product (a launch); an army deploys a force (no launch: "other", or no event)
    ("Microsoft deployed the new model to its cloud customers on Tuesday.", "deployed", "launch"),
    ("The Pentagon deployed 2,000 troops to the region on Monday.", "deployed", "other"),
    ("Riot police were deployed in Cairo on Friday.", "deployed", "other"),
    ("For troops deployed overseas, today is one of the most anticipated days of the year: Super Bowl Sunday.",
     "deployed", "other"),
    # a campaign is a war's with a war word, an election's otherwise
    ("NATO continued its three-month campaign of air strikes on Monday.", "campaign", "attack"),
    ("The army launched a bombing campaign against the rebels on Friday.", "campaign", "attack"),
    ("The presidential campaign of 2008 was the longest in memory.", "campaign", "election"),
    # a product is released (a launch); people are released from custody; a press release says something
    ("Apple released the new iPhone on Friday.", "released", "launch"),
    ("The New York Times reported Thursday that two of its reporters had been released.", "released", "legal"),
    ("Police released the activist on Monday.", "released", "legal"),
    ("The army demanded the release of the prisoners on Monday.", "release", "legal"),
    # money backs a company; an army backs up, a government backs down
    ("Sequoia backed the startup with $5 million in March.", "backed", "investment"),
    ("Rebel forces backed up to the al-Brega area on Wednesday.", "backed", "other"),
    # the weather storms as a noun; people storm a building
    ("A woman stormed into the hotel on Saturday morning.", "stormed", "attack"),
    # an election is lost, a town is lost in a war, money is lost in business
    ("The senator lost the election in November.", "lost", "election"),
    ("Rebel forces lost the oil town of Ras Lanuf on Wednesday.", "lost", "attack"),
    ("The bank lost $2 billion in the third quarter.", "lost", "business_result"),
    # workers strike; an army strikes a target, a quake strikes a country; an air strike attacks
    ("Dock workers will strike on Monday over pay.", "strike", "dispute"),
    ("NATO jets struck targets in Tripoli on Monday.", "struck", "attack"),
    ("Israeli jets struck Gaza on Monday.", "struck", "attack"),
    ("Microsoft struck a deal with OpenAI in 2019.", "deal", "contract"),  # a light verb: the deal is the event
    ("A 7.0 earthquake struck Haiti on Tuesday.", "struck", "disaster"),
    ("On Saturday morning, a magnitude-4.5 aftershock struck close to the capital.", "struck", "disaster"),
    ("It struck south of the capital at 1653 on Tuesday.", "struck", "other"),
    ("The union struck on Monday.", "struck", "dispute"),
    ("A NATO air strike on Thursday killed five rebels.", "killed", "attack"),
    ("NATO took command of air strikes on March 31.", "strikes", "attack"),
    # a report, figures or an interview released or published are told, not launched
    ("The agency released new figures on Friday.", "released", "statement"),
    ("The newspaper published the interview on Thursday.", "published", "statement"),
    # a participle acts on the noun it describes: wages lost are no election, a minister fired is dismissed
    ("Under current law, payments for lost wages are taxable, the agency said Friday.", "lost", "other"),
    ("Later Monday the president fired defense minister Ali Habib", "fired", "hiring"),
    # a market, a price or a company rises and falls in business; a town falls in a war; a toll, a
    # pressure or a protest that grows is no business result
    ("BP shares fell 5% on Tuesday.", "fell", "business_result"),
    ("Oil prices rose sharply on Monday.", "rose", "business_result"),
    ("The town fell to the rebels on Sunday.", "fell", "attack"),
    ("The death toll rose to 300 on Monday.", "rose", "disaster"),
    ("The number of attacks on civilians rose in March.", "rose", "attack"),
    ("The pressure within the well was at 6,700 pounds per square inch on Friday and steadily rising.",
     "rising", "other"),
    ("The protests grew on Friday.", "grew", "other"),
    # a quake, a storm or an illness kills with no attacker: a disaster
    ("A strain of flu never seen before has killed up to 60 people in Mexico.", "killed", "disaster"),
    ("The earthquake killed at least 200,000 people on Tuesday.", "killed", "disaster"),
    ("Dozens were injured by the storm on Sunday.", "injured", "disaster"),
    ("Security forces killed 27 protesters in Hama on Friday.", "killed", "attack"),
    ("Thousands were killed in the earthquake on Tuesday.", "killed", "disaster"),
    ("As many as 200,000 people were killed and two million made homeless following the quake on 12 January.",
     "killed", "disaster"),
    ("Five soldiers were killed in an ambush on Tuesday.", "killed", "attack"),
    ("Tuesday's earthquake has left an estimated 50,000 dead on the island.", "left", "disaster"),
    ("As many as 200,000 people were killed and two million made homeless by the quake on 12 January.", "killed",
     "disaster"),
    ("Up to 200,000 have been killed and 300,000 made homeless in the disaster since Tuesday.", "killed", "disaster"),
    ("Officials said on Tuesday the number of people killed in the quake could be as high as 200,000.", "killed",
     "disaster"),
    ("The number of people killed in the raid on Tuesday rose to 12.", "killed", "attack"),
    # an appeal goes to a court against a judgment; an appeal for aid or calm is a call
    ("His lawyers appealed the verdict on Monday.", "appealed", "legal"),
    ("The company lodged an appeal against the ruling on Friday.", "appeal", "legal"),
    ("On Friday she made a public appeal about her relatives' whereabouts.", "appeal", "statement"),
    ("The president appealed for calm on Sunday.", "appealed", "statement"),
    # signing up to take part, or joining others in saying something, hires no one
    ("More than 40 stars had signed up to take part in the telethon on Sunday.", "signed", "other"),
    ("The two companies signed the agreement on Monday.", "agreement", "contract"),
    ("On Thursday, President Preval joined several aid agencies in saying the aid was stuck.", "joined", "other"),
    ("Jane Smith joined Microsoft as chief executive in March.", "joined", "hiring"),
    # an election is won; a prize or approval won is no election, control of a town is won in a war
    ("Cowell's show won the prize for most popular talent show at Wednesday's awards ceremony.", "won", "other"),
    ("She won the election in November.", "election", "election"),
    ("The rebels won control of the town on Sunday.", "won", "attack"),
    # money released is funding
    ("The UN would immediately release $10m from its emergency response fund.", "release", "funding"),
    # a funding round has money about it; the second round of an election or of talks has none
    ("Investors joined the second round of funding in March.", "round", "funding"),
    ("The startup announced a new round of financing led by Sequoia on Monday.", "round", "funding"),
    ("Turnout rose sharply in the second round of voting on Sunday.", "round", "other"),
    ("Negotiators began a new round of talks in Geneva on Monday.", "round", "other"),
])
def test_a_word_takes_its_sense_from_its_clause(text, trigger, etype):
    ann, ents = annotate(text)
    found = [m for m in extract(ann, ents) if m.trigger == trigger]
    assert (found[0].type if found else "other") == etype, [(m.trigger, m.type) for m in extract(ann, ents)]


@pytest.mark.parametrize("text, events", [
    # the release is what says: what it reports (dated in its own clause), no product launched
    ("A State Department release on Sunday says the secretary spoke with the prime minister on Saturday night.",
     [("spoke", "statement")]),
    # what is said in a release: the reported event alone
    ("The company said in a release on Monday that it had hired Jane Smith.", [("hired", "hiring")]),
    # a product's release is a launch
    ("The release of the new phone on Monday drew crowds.", [("release", "launch")]),
])
def test_a_release_that_says_something_is_a_statement(text, events):
    ann, ents = annotate(text)
    assert [(m.trigger, m.type) for m in extract(ann, ents)] == events


@pytest.mark.parametrize("text, events", [
    # a statement that reports another, dated in its own clause: the reported one is the event
    ("Gibbs said Friday that Obama told Mubarak on Tuesday that the transition must begin.", [("told", "2011-02-01")]),
    # the reported statement gives no time of its own ("now" is what was told): both stand, as before
    ("Gibbs said Friday that Obama told Mubarak the transition must begin now.",
     [("said", "2011-02-04"), ("told", "2011-02-04")]),
])
def test_a_statement_reporting_a_statement_with_its_own_time_gives_way_to_it(text, events):
    ann, ents = annotate(text, published=date(2011, 2, 6))
    assert [(m.trigger, m.time.value[:10]) for m in extract(ann, ents)] == events
