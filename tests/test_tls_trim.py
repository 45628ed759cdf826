"""Trimming timeline sentences: only a prefix and a suffix go, offsets stay exact."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline import tls
from storyline.errors import ConfigError
from storyline.tls.trim import RULES, trim_sentence, trim_span, trim_text

ALL = RULES


@pytest.mark.parametrize(
    ("text", "rules", "expected"),
    [
        # wire and web datelines, plain and PTB-tokenized
        ("WASHINGTON (Reuters) - The Senate passed the bill on a vote of 60 to 40.", ("dateline",),
         "The Senate passed the bill on a vote of 60 to 40."),
        ("CAIRO, Feb 1 (AP) -- Hundreds of thousands of protesters filled Tahrir Square.", ("dateline",),
         "Hundreds of thousands of protesters filled Tahrir Square."),
        (("HOUSTON | Thu Jul 15 , 2010 7:36 pm EDT HOUSTON -LRB- Reuters -RRB- - BP said a test cap "
          "shut off the flow of oil ."), ("dateline",), "BP said a test cap shut off the flow of oil ."),
        (("BP says test shuts off leak HOUSTON | Thu Jul 15 , 2010 7:36 pm EDT BP said the cap held "
          "through the night ."), ("dateline",), "BP said the cap held through the night ."),
        ("NEW ORLEANS -- Crews capped the well after 87 days of leaking oil.", ("dateline",),
         "Crews capped the well after 87 days of leaking oil."),
        ("NEW : Rebels say they have taken the airport in the west of the city .", ("dateline",),
         "Rebels say they have taken the airport in the west of the city ."),
        # attributions at the end
        ("The quake killed at least 100,000 people , officials said on Tuesday .", ("attribution",),
         "The quake killed at least 100,000 people"),
        ("Troops fired on the crowd in Deraa, witnesses said.", ("attribution",),
         "Troops fired on the crowd in Deraa"),
        ("`` We will not leave the square , '' he said .", ("attribution",), "`` We will not leave the square"),
        ("The army moved into the town , according to state television .", ("attribution",),
         "The army moved into the town"),
        ("The Fed cut its main rate to near zero , the central bank said in a statement .", ("attribution",),
         "The Fed cut its main rate to near zero"),
        # leading day adverbial
        ("On Monday , the council voted to impose a no-fly zone over the country .", ("adverbial",),
         "the council voted to impose a no-fly zone over the country ."),
        ("Late on Tuesday, parliament approved the rescue package for the banks.", ("adverbial",),
         "parliament approved the rescue package for the banks."),
        ("However , the rebels held the town of Brega through the night .", ("connective",),
         "the rebels held the town of Brega through the night ."),
        ("February 26 - The U.N. Security Council imposes sanctions on Gaddafi .", ("adverbial",),
         "The U.N. Security Council imposes sanctions on Gaddafi ."),
        # a final clause of a long sentence
        (("The ministry confirmed three new cases of the virus in the capital and two in the north of the "
          "country , while schools in the region stayed closed ."), ("clause",),
         "The ministry confirmed three new cases of the virus in the capital and two in the north of the country"),
        # page furniture in front: stray bracket, photo credits, story codes, page time stamps
        ("-RRB- Egyptian President Hosni Mubarak says he has asked the government to resign .", ("furniture",),
         "Egyptian President Hosni Mubarak says he has asked the government to resign ."),
        (("-LRB- AP Photo\\/Jane Doe -RRB- -LRB- Jane Doe - AP -RRB- Workers lay oil boom around an island in "
          "St. Bernard Parish ."), ("furniture",), "Workers lay oil boom around an island in St. Bernard Parish ."),
        ("(nN07171381) Hayward met a senior official from another Abu Dhabi fund.", ("furniture",),
         "Hayward met a senior official from another Abu Dhabi fund."),
        ("AP Photo/Transocean BP has begun work on a relief well to plug the leak .", ("furniture",),
         "BP has begun work on a relief well to plug the leak ."),
        ("13 July 2010 Last updated at 09:43 GMT Help BP has installed a new sealing cap on the well .",
         ("furniture",), "BP has installed a new sealing cap on the well ."),
        ("October 9, 2008; 2:00 PM Global financial stability has taken a turn for the worse.", ("furniture",),
         "Global financial stability has taken a turn for the worse."),
        ("Friday 14 January 2005 02.44 GMT The trial of the guard ended abruptly yesterday.", ("furniture",),
         "The trial of the guard ended abruptly yesterday."),
        ("June 2, 2010 4:10 pm The cap was lowered onto the well.", ("furniture",), "The cap was lowered onto the well."),
        # the BBC's older stamp, with the page's zone and then the UK's clock (headlines only: rule "clock")
        ("Page last updated at 07:02 GMT, Friday, 16 September 2011 08:02 UK Jermaine Jackson criticised the concert.",
         ("clock",), "Jermaine Jackson criticised the concert."),
        ("Page last updated at 07:48 GMT, Tuesday, 8 November 2011 The trial took place on the ninth floor.",
         ("clock",), "The trial took place on the ninth floor."),
        # ... but a sentence telling when a page was updated is not a stamp in front of one
        ("The page was last updated at 07:48 GMT, Tuesday, 8 November 2011 by the editors.", ("clock",),
         "The page was last updated at 07:48 GMT, Tuesday, 8 November 2011 by the editors."),
        # the same stamp glued to the end of the sentence
        (("Patient developed symptoms on a domestic flight from Beijing to Chengdu after traveling from the US "
          "Monday 11 May 2009 13.41 BST"), ("furniture",),
         "Patient developed symptoms on a domestic flight from Beijing to Chengdu after traveling from the US"),
        # a figure after a date is no clock: nothing goes
        ("14 January 2005 12.50 dollars a barrel was the price.", ("furniture",),
         "14 January 2005 12.50 dollars a barrel was the price."),
        # the stamp goes, then the all-caps dateline it hid
        ("May 6 , 2010 ; 11:30 AM PORT FOURCHON , LA. -- The 125-ton box arrived at the site of the rig .",
         ("furniture", "dateline"), "The 125-ton box arrived at the site of the rig ."),
        ("-- -LRB- Update 3:53 p.m. Cairo -RRB- ElBaradei called for Mubarak to leave today .",
         ("furniture", "dateline"), "ElBaradei called for Mubarak to leave today ."),
        # the tail of a live page's stamp whose "(" the sentence splitter left in the sentence before
        ("Cairo , 4:58 p.m. ET -RRB- Three people died in clashes near the square .", ("furniture",),
         "Three people died in clashes near the square ."),
        ("ET) Protesters set up their own checkpoints to keep weapons out of the area.", ("furniture",),
         "Protesters set up their own checkpoints to keep weapons out of the area."),
        # a live page's entry stamp: a clock with its zone, after a place, before the day
        ("LIBYA, 12:02 ET, 7:02 p.m. local: British Foreign Secretary William Hague told Reuters that Gadhafi "
         "may be on his way to Venezuela.", ("clock",),
         "British Foreign Secretary William Hague told Reuters that Gadhafi may be on his way to Venezuela."),
        ("2:30 pm ET - Anti-government protests are not limited to Egypt , witnesses say .", ("clock",),
         "Anti-government protests are not limited to Egypt , witnesses say ."),
        ("12:13 UK time, Thursday, 10 June 2010 Mr Obama's blunt criticism of BP has prompted accusations.",
         ("clock", "dateline"), "Mr Obama's blunt criticism of BP has prompted accusations."),
        # a bare 24-hour clock before the entry's first word; a year before a chronology's entry stays
        ("1413 The US 82nd Airborne Division will have 100 members in Haiti on Thursday.", ("clock",),
         "The US 82nd Airborne Division will have 100 members in Haiti on Thursday."),
        ("2009 Jackson dies at his home in Los Angeles after a cardiac arrest.", ("clock",),
         "2009 Jackson dies at his home in Los Angeles after a cardiac arrest."),
        # a headline (and caption) run into the sentence without a full stop: the sentence is the last part
        (("US oil spill enters Loop Current with Florida at risk Oil has been gushing out for almost a month "
          "The first oil from the spill has entered an ocean current ."), ("runon",),
         "The first oil from the spill has entered an ocean current ."),
        ("Gulf oil spill reaches Texas It is not clear if the tar balls drifted from the spill .", ("runon",),
         "It is not clear if the tar balls drifted from the spill ."),
        (("White House adviser tells ABC all new drilling is on hold The US administration has banned oil "
          "drilling in new areas of the coast ."), ("runon",),
         "The US administration has banned oil drilling in new areas of the coast ."),
        # a photo caption ended by its credit, run into the sentence (scraped pages)
        (("Dr Lee was raised in Ohio by his grandparents (photo: Daily Chronicle) The city's mayor, Ann Lee, "
          "has been charged with fraud ."), ("caption",), "The city's mayor, Ann Lee, has been charged with fraud ."),
        ("Rescuers search the rubble -LRB- AP Photo\\/Jane Doe -RRB- -- At least 100 people died in the quake .",
         ("caption",), "At least 100 people died in the quake ."),
        ("Fans gather outside the hospital (Getty Images) Crowds grew through the night in the city .",
         ("caption",), "Crowds grew through the night in the city ."),
        # everything together
        ("CAIRO (Reuters) - On Friday, Hosni Mubarak resigned as president of Egypt, state media said.", ALL,
         "Hosni Mubarak resigned as president of Egypt"),
    ],
)
def test_trim_cuts_datelines_attributions_adverbials_and_clauses(text, rules, expected):
    assert trim_text(text, rules) == expected


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # what is left would be too short: keep the sentence whole
        ("Prices fell, he said.", ("attribution",)),
        ("WASHINGTON (Reuters) - It rained.", ("dateline",)),
        # "said" inside the sentence, not a final attribution
        ("The company said it would pay for the clean-up of the coast.", ("attribution",)),
        ("He told reporters the bill, which he said was wrong, would fail in the Senate.", ("attribution",)),
        # a short sentence keeps its final clause
        ("The bank failed, but depositors were paid.", ("clause",)),
        # parentheses that are not a dateline
        ("The Gulf Cooperation Council (GCC) met in Riyadh on Monday to discuss the crisis.", ("dateline",)),
        # brackets and capitals inside a sentence are not furniture or a run-on headline
        ("The Gulf Cooperation Council (GCC) met in Riyadh on Monday to discuss the crisis.", ("furniture", "runon")),
        ("Reporters from The New York Times and The Guardian met at The Hague on Monday .", ("runon",)),
        ("He said `` The army will not fire on the people '' and left the square .", ("runon",)),
        ("The ruling was reported by The Washington Post and then by A Current Affair on Monday .", ("runon",)),
        ("Browner told CBS 's `` Face The Nation '' on Sunday , and then flew back to Washington .", ("runon",)),
        # what would remain is too short
        ("(AP) Oil prices rose.", ("furniture",)),
        # a closing bracket far into the sentence is no stamp's tail
        ("The council met in Riyadh on Monday and, after a long debate over the text of the final "
         "statement that its members had drafted, agreed) to act.", ("furniture",)),
        ("Banks fail as markets fall The Dow drops .", ("runon",)),
        # brackets that are no picture credit, a credit too late to end a caption, too little after it
        ("The minister (pictured) said the talks had failed on Monday in Geneva.", ("caption",)),
        ("Officials said the images (released on Monday) show the damage at the plant.", ("caption",)),
        (" ".join(["word"] * 41) + " (photo: Daily Chronicle) and the mayor has been charged with fraud .", ("caption",)),
        ("Fans gather (Getty Images) Crowds grew .", ("caption",)),
        # a clock inside a sentence, or without a zone, is no stamp
        ("At 2:30 pm ET, the market closed lower after a day of heavy trading in New York.", ("clock",)),
        ("3:15 is the time the train leaves the station every single day of the week.", ("clock",)),
        ("The vote at 7:02 PM ET was delayed by an hour because of a storm over the capital.", ("clock",)),
        # an ordinary sentence
        ("Michael Jackson died in Los Angeles at the age of 50.", ALL),
        ("", ALL),
    ],
)
def test_trim_leaves_sentences_alone_when_no_rule_applies(text, rules):
    assert trim_text(text, rules) == text.strip()


def test_trim_keeps_document_offsets():
    doc = "Intro line.\nWASHINGTON (Reuters) - The Senate passed the healthcare bill, aides said.\nEnd."
    start = doc.index("WASHINGTON")
    end = doc.index("\nEnd.")
    s = tls.DatedSentence("d1", 1, doc[start:end], date(2010, 3, 21), (date(2010, 3, 21),), start, end)
    t = trim_sentence(s, ("dateline", "attribution"))
    assert t.text == "The Senate passed the healthcare bill"
    assert doc[t.start:t.end] == t.text
    assert (t.doc, t.index, t.published, t.mentions) == (s.doc, s.index, s.published, s.mentions)


def test_trim_without_offsets_keeps_minus_one():
    s = tls.DatedSentence("d1", 0, "LONDON (Reuters) - Oil prices rose sharply on Monday morning.", date(2010, 1, 1))
    t = trim_sentence(s, ("dateline",))
    assert t.text == "Oil prices rose sharply on Monday morning." and (t.start, t.end) == (-1, -1)


def test_trim_unchanged_sentence_is_the_same_object():
    s = tls.DatedSentence("d1", 0, "Oil prices rose sharply on Monday morning.", date(2010, 1, 1), (), 0, 42)
    assert trim_sentence(s, ALL) is s


def test_trim_rejects_unknown_rules():
    with pytest.raises(ConfigError):
        trim_span("text", ("headline",))
    with pytest.raises(ConfigError):
        tls.SummaryParams(trim=("headline",))


_WORDS = st.sampled_from(["WASHINGTON", "(Reuters)", "-", "--", "-LRB-", "AP", "-RRB-", ",", "he", "said", ".",
                          "On", "Monday", "the", "army", "fired", "|", "Wed", "Jun", "2", "2010", "2:39", "pm",
                          "EDT", "while", ";", "according", "to", "officials", "''", "``", "NEW", ":", "protesters",
                          "The", "It", "AP Photo/X", "Last", "updated", "at", "GMT", "Help", ")"])


@given(st.lists(_WORDS, max_size=40), st.sampled_from([RULES[:1], RULES[:2], RULES]))
def test_trim_is_always_a_substring_with_enough_tokens(words, rules):
    text = " ".join(words)
    a, b = trim_span(text, rules)
    assert 0 <= a <= b <= len(text)
    assert text[a:b].strip() == text[a:b]
    if (a, b) != (len(text) - len(text.lstrip()), len(text.rstrip())):
        assert len(text[a:b].split()) >= 5


def test_summary_sentences_are_trimmed_substrings_of_their_documents():
    day = date(2011, 2, 11)
    docs = {
        "a": "CAIRO (Reuters) - Hosni Mubarak resigned as president of Egypt on Friday, state television said.",
        "b": "Hosni Mubarak stepped down as president of Egypt on Friday after 18 days of protests, officials said.",
    }
    sents = [tls.DatedSentence(d, 0, t, day, (day,), 0, len(t)) for d, t in docs.items()]
    params = tls.SummaryParams(trim=("dateline", "attribution"), knee=False)
    timeline = tls.summarize(sents, 1, 2, keywords=["egypt"], params=params)
    assert timeline and timeline[0].sentences
    for s in timeline[0].sentences:
        assert docs[s.doc][s.start:s.end] == s.text
        assert "said" not in s.text and "Reuters" not in s.text


def test_a_headline_block_ends_in_its_dateline_even_cut_inside_the_bracket():
    """The sentence splitter may cut a wire dateline inside its bracket ("NEW YORK Aug 18 (Reuters"):
    it is still a headline block whose story is the next sentence, no key event's headline."""
    from storyline.tls.trim import ends_in_dateline

    assert ends_in_dateline("NEW YORK Aug 18 (Reuters")
    assert ends_in_dateline("U.S. stocks fall on jobs data NEW YORK, June 1 (Reuters) -")
    assert not ends_in_dateline("He worked for the agency (AP) for years.")
    assert not ends_in_dateline("Officials met in Rome on Monday.")
    # cut before its web dateline's "|": a place in capitals and no stop; a company in capitals stays
    assert ends_in_dateline("Full Article Libyan rebels reject African Union peace plan BENGHAZI")
    assert not ends_in_dateline("Explosion and fire on the drilling rig licensed to BP")


def test_a_sentence_begun_inside_a_bracket_is_known_as_such():
    from storyline.tls.trim import opens_in_a_bracket

    assert opens_in_a_bracket("Cairo, 4:58 p.m. ET) Three people died")
    assert opens_in_a_bracket("ET -RRB- Three people died")
    assert not opens_in_a_bracket("Three people (two of them children) died")
    assert not opens_in_a_bracket("Three people died in Cairo, where protests (the largest yet) went on for days")
