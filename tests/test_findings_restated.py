"""Claims other outlets restate: any happening's statement, whatever its act type, is corroborated
when another independent outlet says the same thing with the same specifics; frames, hedges,
other places and other acts are not restatements."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.annotate import quantities
from storyline.reconcile.findings import find
from storyline.records import Document, Entity, Event, EventDate, EventMention, Evidence, Participant, Sentence, content_id

OUTLET = {"r": "Reuters", "b": "BBC", "g": "The Guardian", "r2": "Reuters"}
ENTS = {
    "ent:who": Entity(id="ent:who", name="World Health Organization", type="ORG"),
    "ent:russia": Entity(id="ent:russia", name="Russia", type="GPE"),
    "ent:mexico": Entity(id="ent:mexico", name="Mexico", type="GPE"),
    "ent:egypt": Entity(id="ent:egypt", name="Egypt", type="GPE"),
    "ent:besser": Entity(id="ent:besser", name="Richard Besser", type="PERSON"),
    "ent:alberta": Entity(id="ent:alberta", name="Alberta", type="GPE"),
    "ent:washington": Entity(id="ent:washington", name="Washington", type="GPE"),
    "ent:feinberg": Entity(id="ent:feinberg", name="Kenneth Feinberg", type="PERSON"),
    "ent:markit": Entity(id="ent:markit", name="Markit", type="ORG"),
}


def story(claim: str, others: dict[str, str], *, trigger: str, etype: str = "statement",
          named: tuple[str, ...] = (), other_named: dict[str, tuple[str, ...]] | None = None,
          mention_others: bool = True, other_trigger: str | None = None, other_mood: str = "actual",
          counted: bool = False, other_type: str | None = None):
    """Reuters tells ``claim`` (its event's only report); each other document tells its sentence,
    as an event mention of its own (``mention_others``) or as a sentence no event was found in;
    ``counted``: with the counts and sums the quantity tagger finds in each. Returns the findings' corroborations."""
    texts = {"r": claim + " Officials met.", **{k: v + " Officials met." for k, v in others.items()}}
    docs = {k: Document(id=k, path=f"{k}.txt", text=t, outlet=OUTLET[k], published=date(2009, 5, 12))
            for k, t in texts.items()}

    counts = {k: [a for a in quantities.extract(t, k) if a.kind in ("count", "money")] if counted else []
              for k, t in texts.items()}

    def mention(doc: str, sentence: str, verb: str, who: tuple[str, ...], mood: str = "actual",
                kind: str = etype) -> EventMention:
        at = sentence.index(verb) if verb in sentence else 0
        return EventMention(id=content_id("evm", doc), doc=doc, start=0, end=len(sentence), text=sentence,
                            trigger=verb, trigger_start=at, trigger_end=at + len(verb), type=kind,
                            participants=tuple(Participant(e, "other" if ENTS[e].type == "GPE" else "agent") for e in who),
                            mood=mood, amounts=tuple(a.id for a in counts[doc] if a.end <= len(sentence)))

    anchor = mention("r", claim, trigger, named)
    ev = Event(id=content_id("evt", "claim"), date=EventDate(), summary=claim, type=etype, entities=named,
               sources=("r",), evidence=(Evidence("r", 0, len(claim), claim),), mood="actual")
    mentions = [anchor]
    events = [ev]
    for k, text in others.items():
        if mention_others:
            verb = other_trigger or next(w for w in text.split() if w.strip(",.").lower().startswith(trigger[:4].lower()))
            m = mention(k, text, verb, (other_named or {}).get(k, named), other_mood, other_type or etype)
            mentions.append(m)
            events.append(Event(id=content_id("evt", k), date=EventDate(), summary=text, type=other_type or etype,
                                entities=m.participants and tuple(p.entity for p in m.participants),
                                sources=(k,), evidence=(Evidence(k, 0, len(text), text),), mood=other_mood))
    sentences = [Sentence(k, 0, 0, len(texts[k]) - len(" Officials met."), texts[k][: len(texts[k]) - len(" Officials met.")])
                 for k in texts]
    found = find(events, [a for xs in counts.values() for a in xs], docs, {}, mentions=mentions, entities=ENTS,
                 sentences=sentences)
    return [f for f in found if f.kind == "corroborated"]


def test_a_tally_with_the_same_two_figures_is_corroborated_whatever_its_verb():
    (f,) = story("The World Health Organization has confirmed 70,893 cases of the new flu, with 311 deaths.",
                 {"b": "The World Health Organization figures show 70,893 cases of the new flu worldwide, "
                       "with 311 deaths."},
                 trigger="confirmed", named=("ent:who",), other_trigger="show")
    assert set(f.independent) == {"Reuters", "BBC"} and {e.doc for e in f.evidence} == {"r", "b"}
    for ev in f.evidence:
        assert ev.text.startswith("The")


def test_a_restating_sentence_need_hold_no_event_of_its_own():
    (f,) = story("The World Health Organization has confirmed 70,893 cases of the new flu, with 311 deaths.",
                 {"g": "The World Health Organization figures show 70,893 cases of the new flu, with 311 deaths."},
                 trigger="confirmed", named=("ent:who",), mention_others=False)
    assert set(f.independent) == {"Reuters", "The Guardian"}


def test_the_same_act_on_a_party_few_documents_name_is_a_restatement():
    (f,) = story("Russia has banned imports of raw pork from Mexico as a precaution.",
                 {"b": "Russia has banned pork imports from Mexico and parts of the United States."},
                 trigger="banned", etype="legal", named=("ent:russia", "ent:mexico"))
    assert set(f.independent) == {"Reuters", "BBC"}


@pytest.mark.parametrize("claim, other, trigger, named, why", [
    # a frame naming only the speaker, however alike its words: no act
    ("The death was confirmed on Wednesday by Dr Richard Besser, acting director of the disease agency.",
     "Dr Richard Besser, acting director of the disease agency, told a news briefing on Wednesday.",
     "confirmed", ("ent:besser",), "frame"),
    # the same tally in another place
    ("Some 26 people have died of the flu in Mexico since the outbreak began.",
     "Some 26 people have died of the flu in Egypt since the outbreak began.",
     "died", ("ent:mexico",), "place"),
    # the same act in the same place, where the place does not act: two deaths, not one
    ("A farm worker in his forties died of the flu in a hospital in Alberta on Monday.",
     "A schoolgirl aged nine died of the flu at her home in Alberta on Monday.",
     "died", ("ent:alberta",), "place only"),
    # however alike the wording, each says something the other does not: two people
    ("A man died of the flu in a hospital in Alberta on Monday.",
     "A woman died of the flu in a hospital in Alberta on Monday.",
     "died", ("ent:alberta",), "other person"),
    # a hedge: what may happen is not what happened
    ("Russia has banned imports of raw pork from Mexico as a precaution.",
     "Russia could ban imports of raw pork from Mexico as a precaution.",
     "banned", ("ent:russia", "ent:mexico"), "hedge"),
    # a denial
    ("Russia has banned imports of raw pork from Mexico as a precaution.",
     "Russia has not banned imports of raw pork from Mexico as a precaution.",
     "banned", ("ent:russia", "ent:mexico"), "denial"),
    # other figures: another moment of the count
    ("The World Health Organization has confirmed 70,893 cases of the new flu, with 311 deaths.",
     "The World Health Organization has confirmed 60,112 cases of the new flu, with 280 deaths.",
     "confirmed", ("ent:who",), "figures"),
])
def test_frames_other_places_hedges_denials_and_other_figures_restate_nothing(claim, other, trigger, named, why):
    other_named = {"b": ("ent:egypt",)} if why == "place" else None
    other_trigger = {"frame": "told", "hedge": "ban"}.get(why)
    mood = {"hedge": "possible", "denial": "negated"}.get(why, "actual")  # as the event annotator gives them
    assert story(claim, {"b": other}, trigger=trigger, named=named, other_named=other_named,
                 other_trigger=other_trigger, other_mood=mood) == [], why
    if why not in ("place", "place only", "other person"):  # the same holds for a sentence without an event of its own (its places
        # need the entity index, which this hand-built story has not)
        assert story(claim, {"b": other}, trigger=trigger, named=named, mention_others=False) == [], why


@pytest.mark.parametrize("other, restates", [
    ("Some 1,000 barrels of oil a day were spilling into the Gulf on Monday.", True),  # the same count
    ("Thousands of barrels of oil a day were spilling into the Gulf on Monday.", False),  # no count to match
])
def test_the_act_word_with_the_same_precise_count_restates(other, restates):
    found = story("About 1,000 barrels of oil a day were spilling into the Gulf on Monday.", {"b": other},
                  trigger="spilling", etype="disaster", counted=True)
    assert bool(found) is restates


@pytest.mark.parametrize("other, restates", [
    ("Feinberg took over the claims process in August.", False),  # not the sum the claim gives
    ("Feinberg has paid $1.45 billion since he took over the claims process in August.", True),
])
def test_a_claim_giving_a_sum_is_restated_only_with_that_sum(other, restates):
    found = story("Feinberg has paid $1.45 billion since Feinberg took over the claims process in August.",
                  {"b": other}, trigger="took", etype="other", mention_others=False, counted=True)
    # (the claim's sentence does restate the other's smaller claim: Feinberg took over in August)
    assert bool([f for f in found if "$1.45 billion" in f.summary]) is restates


@pytest.mark.parametrize("claim, other, corroborated", [
    # nothing to check: no party, no figure
    ("Officials said this figure has risen as activity increases.",
     "This figure has risen as activity increases, officials said on Monday.", False),
    ("Officials said the cost of the response has risen to 990 million dollars.",  # a figure
     "The cost of the response has risen to 990 million dollars, officials said on Monday.", True),
])
def test_a_claim_with_no_party_and_no_figure_is_no_claim_to_restate(claim, other, corroborated):
    assert bool(story(claim, {"b": other}, trigger="risen", mention_others=False)) is corroborated


@pytest.mark.parametrize("other, headline", [
    # the claim's sentence says much the other outlet does not: what both say heads the finding
    ("And Egypt ordered the slaughter of all 300,000 pigs on 28 farms as a precaution.",
     "Egypt ordered the slaughter of all 300,000 pigs on 28 farms as a precaution."),
    # a sentence that does not stand alone, or a run of headlines, does not head it
    ("It ordered the slaughter of all 300,000 pigs on 28 farms as a precaution.",
     "The trouble broke out after the government ordered the slaughter of all 300,000 pigs on 28 farms"),
])
def test_a_corroboration_is_headed_by_what_its_outlets_agree_on(other, headline):
    (f,) = story("The trouble broke out after the government ordered the slaughter of all 300,000 pigs on 28 farms "
                 "amid hysteria.", {"b": other}, trigger="ordered", mention_others=False)
    assert headline in f.summary


def test_close_wording_restates_when_one_sentence_says_all_the_other_does():
    (f,) = story("The US department of health said a man in Washington state with the flu died last week.",
                 {"b": "A man in Washington state with the flu died last week."},
                 trigger="died", named=("ent:washington",))  # a place, which is no rare party
    assert set(f.independent) == {"Reuters", "BBC"}


def test_one_outlet_restating_itself_corroborates_nothing():
    assert story("The World Health Organization has confirmed 70,893 cases of the new flu, with 311 deaths.",
                 {"r2": "The World Health Organization figures show 70,893 cases of the new flu worldwide, "
                        "with 311 deaths."},
                 trigger="confirmed", named=("ent:who",), other_trigger="show") == []


@pytest.mark.parametrize("other, heads", [
    ("Egypt ordered the slaughter of all 300,000 pigs on 28 farms as a precaution.", True),
    ("Government ordered slaughter of all 300,000 pigs on 28 farms Slaughter of pigs ordered", False),  # run on
])
def test_a_run_of_headlines_does_not_head_a_corroboration(other, heads):
    from storyline.reconcile.findings import _agreed

    claim = "The trouble broke out after the government ordered the slaughter of all 300,000 pigs on 28 farms amid hysteria."

    def m(doc, text):
        return EventMention(id=doc, doc=doc, start=0, end=len(text), text=text, trigger="ordered", trigger_start=0,
                            trigger_end=7, type="other")

    anchor = m("r", claim)
    other_m = m("b", other)
    headline, chosen = _agreed(claim, anchor, {"r": [anchor], "b": [other_m]})
    assert (headline == other) is heads
    assert chosen is (other_m if heads else None)  # the report the headline is taken from, to cite


@pytest.mark.parametrize("other, restates", [
    # a shared "five-year" and the same words, but each its own figures: two moments of the spread
    ("Markit said five-year swaps on Russian debt had widened by 71 basis points, to 173 points.", False),
    ("Markit said five-year swaps on Russian debt had widened by 19 basis points, to 555 points.", True),
    # a day of the month is no figure of its own
    ("On June 11, Markit said five-year swaps on Russian debt had widened by 19 basis points, to 555 points.", True),
])
def test_a_small_shared_number_does_not_join_sentences_whose_large_figures_differ(other, restates):
    found = story("Five-year swaps on Russian debt widened 19 basis points to 555 points, Markit said.", {"b": other},
                  trigger="widened", etype="other", named=("ent:markit",))
    assert bool(found) is restates, other


@pytest.mark.parametrize("other, mood, corroborates", [
    ("Russia will buy the Mexico stake, officials said.", "possible", True),  # announced, in the future
    ("Russia announced it would buy the Mexico stake.", "possible", True),
    ("Russia will also buy the Mexico stake, officials said.", "possible", True),
    ("Russia is considering buying the Mexico stake.", "possible", False),  # weighed, not agreed
    ("The plan is to buy the Mexico stake, Russia said.", "possible", False),
    ("Russia would buy the Mexico stake if prices fell.", "possible", False),  # on a condition
])
def test_a_deal_told_in_the_future_corroborates_only_when_announced(other, mood, corroborates):
    found = story("Russia bought the Mexico stake last week.", {"b": other}, trigger="bought",
                  other_trigger="buy" if "buy " in other else "buying", etype="acquisition",
                  named=("ent:russia", "ent:mexico"), other_mood=mood)
    assert bool(found) is corroborates, other


@pytest.mark.parametrize("other, corroborates", [
    ("Markit fined the lenders $18,000 for each breach, regulators said.", True),
    # the same act by the same party, with sums of its own: another fine, not this one
    ("Markit fined the lenders $250,000 for late reports, regulators said.", False),
])
def test_the_same_act_with_other_sums_of_its_own_is_another_happening(other, corroborates):
    found = story("Markit fined the banks $18,000 for each breach.", {"b": other}, trigger="fined",
                  etype="legal", named=("ent:markit",), counted=True)
    assert bool(found) is corroborates, other


@pytest.mark.parametrize("other, same", [
    ("Markit wrested a pledge from the World Health Organization on Monday, officials said.", True),
    # the same agent and patient, but another untyped act: a meeting is no pledge wrested
    ("Markit met the World Health Organization on Monday to talk about the pledge, officials said.", False),
])
def test_an_untyped_act_by_the_same_parties_is_the_same_happening_only_by_its_word(other, same):
    from storyline.reconcile.findings import _prepare, same_happening

    claim = "Markit wrested a guarantee from the World Health Organization on Monday."
    docs = {k: Document(id=k, path=k, text=t, outlet=OUTLET[k], published=date(2009, 5, 12))
            for k, t in (("r", claim), ("b", other))}
    verbs = {"r": "wrested", "b": "wrested" if same else "met"}

    def mention(doc: str) -> EventMention:
        text, verb = docs[doc].text, verbs[doc]
        at = text.index(verb)
        return EventMention(id=content_id("evm", doc), doc=doc, start=0, end=len(text), text=text, trigger=verb,
                            trigger_start=at, trigger_end=at + len(verb), type="other", mood="actual",
                            participants=(Participant("ent:markit", "agent"), Participant("ent:who", "patient")))

    events = [Event(id=content_id("evt", k), date=EventDate(), summary=d.text, type="other", entities=("ent:markit",),
                    sources=(k,), evidence=(Evidence(k, 0, len(d.text), d.text),), mood="actual") for k, d in docs.items()]
    _, _, _, story_ = _prepare(events, [], docs, {}, [mention("r"), mention("b")], ENTS, None, None, ())
    assert same_happening(story_, mention("b"), mention("r")) is same


@pytest.mark.parametrize("other, etype, restates", [
    ("Markit said it planned to double its output to 20,000 barrels a day (840,000 gallons).", "plan", True),
    # the same figures told as what is happening: not the plan
    ("Markit is producing 20,000 to 28,500 barrels a day (840,000 to 1.2 million gallons).", "other", False),
])
def test_a_plan_is_restated_only_by_a_plan(other, etype, restates):
    found = story("Markit said the company planned to double its output to 20,000 barrels a day (840,000 gallons).",
                  {"b": other}, trigger="planned", etype="plan", named=("ent:markit",), other_type=etype,
                  other_trigger="planned" if etype == "plan" else "producing")
    assert bool(found) is restates, other


@pytest.mark.parametrize("other, corroborates", [
    ("Markit set up a $20 billion fund for the flood's victims, officials said.", True),
    # the fund referred to, not set up: another act ("paid out of") on a thing already known
    ("Markit has paid $201 million out of its $20 billion fund so far, officials said.", False),
    ("The administrator of Markit's $20-billion fund urged victims to file claims early.", False),
    ("The $20 billion fund of Markit has paid victims $201 million so far, officials said.", False),
    ("Markit set up the $20 billion fund for the flood's victims on Monday, officials said.", True),
    # a fund set apart from the sum tells of another fund
    ("The state's flood fund is separate from $20 billion set aside by Markit for the flood's victims.", False),
])
def test_a_sum_naming_a_known_thing_does_not_report_it(other, corroborates):
    found = story("Markit has set up a $20 billion fund for victims of the flood.", {"b": other}, trigger="fund",
                  etype="funding", named=("ent:markit",), other_trigger="fund", counted=True)
    assert bool(found) is corroborates, other


@pytest.mark.parametrize("other, restates", [
    # one speaker on two things: the speaker, named with the same title, is no party of what is said
    ("Fund administrator Kenneth Feinberg said on Tuesday that the fund had moved its claims office.", False),
    # the same thing said, with its figure
    ("Fund administrator Kenneth Feinberg said on Tuesday that 16,500 claimants had been paid so far.", True),
])
def test_the_same_speaker_alone_does_not_make_two_statements_one(other, restates):
    found = story("Fund administrator Kenneth Feinberg said on Tuesday that the fund had paid 16,500 claimants.",
                  {"b": other}, trigger="said", named=("ent:feinberg",))
    assert bool(found) == restates


def _said(doc: str, text: str, trigger: str) -> EventMention:
    at = text.index(trigger)
    return EventMention(id=content_id("evm", doc, text), doc=doc, start=0, end=len(text), text=text, trigger=trigger,
                        trigger_start=at, trigger_end=at + len(trigger), type="acquisition")


@pytest.mark.parametrize("other, heads", [
    ("The announcement on state television that President Mubarak was stepping down came on Friday.", True),
    # a sentence pointing back ("This was before ...") leans on the one before it
    ("This was before, of course, the announcement on state television that President Mubarak was stepping down.",
     False),
])
def test_a_sentence_pointing_back_never_heads_a_corroboration(other, heads):
    from storyline.reconcile.findings import _agreed

    claim = ("President Hosni Mubarak has decided to step down from the presidency of Egypt and hand power to "
             "the army, Vice President Omar Suleiman said in a brief televised address.")

    def m(doc, text):
        return EventMention(id=doc, doc=doc, start=0, end=len(text), text=text, trigger="stepping down",
                            trigger_start=0, trigger_end=13, type="leadership_change")

    anchor, other_m = m("r", claim), m("b", other)
    headline, chosen = _agreed(claim, anchor, {"r": [anchor], "b": [other_m]})
    assert (chosen is other_m) is heads and (headline == other) is heads


@pytest.mark.parametrize("other, heads", [
    # the other outlet's whole sentence says what both do: it heads the finding
    ("Markit was offering coastal residents $5,000 if they gave up the right to sue, officials said.", True),
    # a quotation never heads, however well confirmed
    ("\"Markit was offering coastal residents $5,000 if they gave up the right to sue,\" the official said.", False),
])
def test_a_quotation_never_heads_a_corroboration(other, heads):
    from storyline.reconcile.findings import _agreed

    claim = ("The state attorney general said on Sunday night in Montgomery, the state capital, that he told Markit "
             "representatives to stop circulating agreements offering coastal residents $5,000 if they give up the right to sue.")
    anchor, echo = _said("w", claim, "offering"), _said("f", other, "offering")
    headline, chosen = _agreed(claim, anchor, {"The Washington Post": [anchor], "Fox News": [echo]})
    assert (chosen is echo) is heads and (headline == other) is heads
