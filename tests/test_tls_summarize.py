"""The timeline summarizer and the date ranking on small hand-built corpora."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from storyline.errors import ConfigError
from storyline.records import Event, EventDate, Evidence, TimeExpr
from storyline.tls import (
    FEATURES, DatedSentence, DateModel, date_features, day_mentions, default_model, rank_dates, rank_events,
    sentences_from_document, summarize,
)

BLAST, CAP, QUIET = date(2010, 4, 20), date(2010, 7, 15), date(2010, 6, 1)


def _corpus() -> list[DatedSentence]:
    """Twelve articles: the blast is cited by every later article, the capping by a few, a quiet day by one."""
    out = []
    for n in range(12):
        pub = BLAST + timedelta(days=3 * n + 1)
        doc = f"d{n}"
        out.append(DatedSentence(doc, 0, f"The oil rig explosion on April 20 killed eleven workers , report {n} says .",
                                 pub, (BLAST,)))
        out.append(DatedSentence(doc, 1, f"Cleanup crews worked along the coast of Louisiana in week {n} .", pub))
        if n >= 8:
            out.append(DatedSentence(doc, 2, "BP capped the leaking oil well on July 15 after months of failures .",
                                     pub, (CAP,)))
    out.append(DatedSentence("d3", 3, "A minor spill meeting about oil was held on June 1 in Houston .",
                             BLAST + timedelta(days=10), (QUIET,)))
    return out


def test_the_date_most_cited_by_later_articles_ranks_first():
    ranked = [d for d, _ in rank_dates(_corpus(), keywords=["oil"])]
    assert ranked[0] == BLAST
    assert ranked.index(CAP) < ranked.index(QUIET)


def test_scores_are_between_zero_and_one_and_sorted():
    scores = [s for _, s in rank_dates(_corpus())]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


@pytest.mark.parametrize(("l", "k"), [(1, 1), (2, 1), (3, 2), (10, 3)])
def test_timeline_respects_l_and_k_and_is_in_date_order(l, k):
    tl = summarize(_corpus(), l, k, keywords=["oil"])
    assert 1 <= len(tl) <= l
    assert all(1 <= len(e.sentences) <= k for e in tl)
    assert [e.date for e in tl] == sorted(e.date for e in tl)
    texts = [t for e in tl for t in e.texts]
    assert len(texts) == len(set(texts))


def test_single_date_timeline_picks_the_event_sentence():
    (entry,) = summarize(_corpus(), 1, 1, keywords=["oil"])
    assert entry.date == BLAST
    assert "explosion" in entry.texts[0]


def test_start_and_end_bound_the_dates():
    tl = summarize(_corpus(), 5, 1, start=QUIET, end=CAP)
    assert tl and all(QUIET <= e.date <= CAP for e in tl)
    assert BLAST not in {e.date for e in tl}


def test_keywords_keep_sentences_on_the_story():
    tl = summarize(_corpus(), 5, 2, keywords=["capped"])
    assert [e.date for e in tl] and all("capped" in t for e in tl for t in e.texts)


@pytest.mark.parametrize(("l", "k"), [(0, 2), (3, 0)])
def test_zero_length_gives_an_empty_timeline(l, k):
    assert summarize(_corpus(), l, k) == []


def test_negative_length_is_a_config_error():
    with pytest.raises(ConfigError):
        summarize(_corpus(), -1, 1)


def test_features_are_normalised_per_collection():
    dates, X = date_features(_corpus())
    assert X.shape == (len(dates), len(FEATURES))
    assert X.min() >= 0.0 and X.max() <= 1.0
    assert X[dates.index(BLAST), FEATURES.index("docs_after")] == 1.0


def test_date_model_validates_its_weights():
    with pytest.raises(ConfigError):
        DateModel((1.0,))
    with pytest.raises(ConfigError):
        DateModel(tuple(0.0 for _ in FEATURES))
    assert default_model().coef[FEATURES.index("doc_mentions")] > 0


def _tx(start, end, text, value, s, e, mod=None, typ="DATE"):
    return TimeExpr("d", s, e, text, typ, value, mod=mod, start_date=start, end_date=end)


@pytest.mark.parametrize(
    ("timexes", "expected"),
    [
        ([_tx("2010-04-20", "2010-04-20", "April 20", "2010-04-20", 0, 8)], (BLAST,)),
        ([_tx("2010-04-01", "2010-04-30", "April", "2010-04", 0, 5)], ()),
        ([_tx("2010-04-20", "2010-04-20", "April 20", "2010-04-20", 0, 8, mod="BEFORE")], ()),
        ([_tx("2010-04-20", "2010-04-20", "early Tuesday", "2010-04-20", 0, 13, mod="START")], (BLAST,)),
        ([_tx("2010-04-20", "2010-04-20", "late Tuesday", "2010-04-20", 0, 12, mod="END")], (BLAST,)),
        ([_tx(None, None, "three days", "P3D", 0, 10, typ="DURATION")], ()),
        ([_tx("2010-04-20", "2010-04-20", "Tuesday", "2010-04-20", 0, 7),
          _tx("2010-04-20", "2010-04-20", "April 20", "2010-04-20", 9, 17)], (BLAST,)),
    ],
)
def test_only_single_days_count_as_mentions(timexes, expected):
    assert day_mentions(timexes) == expected


def test_sentences_from_document_assigns_time_expressions_by_offset():
    text = "The rig exploded on April 20.\nCrews work on.\nThe well was capped on July 15."
    spans = [(0, 29), (30, 44), (45, 77)]
    timexes = [_tx("2010-04-20", "2010-04-20", "April 20", "2010-04-20", 20, 28),
               _tx("2010-07-15", "2010-07-15", "July 15", "2010-07-15", 69, 76)]
    sents = sentences_from_document("d", text, spans, date(2010, 7, 16), timexes)
    assert [s.mentions for s in sents] == [(BLAST,), (), (CAP,)]
    assert all(text[s.start:s.end] == s.text for s in sents)


@pytest.mark.parametrize("text", [
    "LONDON, May 3 (Reuters) - BP said the rig exploded on April 20.",
    "HOUSTON | Mon May 3, 2010 7:36 pm EDT BP said the rig exploded on April 20.",
    "Oil spill latest HOUSTON, May 3 -LRB- Reuters -RRB- - BP said the rig exploded on April 20 .",
])
def test_a_dateline_stamps_the_article_and_is_no_mention(text):
    sents = sentences_from_document("d", text, [(0, len(text))], date(2010, 5, 3))
    assert sents[0].mentions == (BLAST,)


def test_a_date_in_the_text_of_the_first_sentence_still_counts():
    text = "On May 3, BP said the rig exploded on April 20."
    sents = sentences_from_document("d", text, [(0, len(text))], date(2010, 5, 4))
    assert sents[0].mentions == (date(2010, 5, 3), BLAST)


def _event(eid, day, sources):
    return Event(eid, EventDate(day, day, day), f"event {eid}", sources=tuple(sources),
                 evidence=tuple(Evidence(s, 0, 5, "event") for s in sources))


def test_rank_events_puts_the_widely_reported_day_first_and_undated_last():
    events = [_event("a", "2024-01-05", ["x"]), _event("b", "2024-01-03", ["x", "y", "z"]),
              Event("c", EventDate("2024"), "undated", sources=("x",))]
    ranked = [e.id for e, _ in rank_events(events)]
    assert ranked[0] == "b" and ranked[-1] == "c"


def test_rank_events_does_not_depend_on_input_order():
    events = [_event(str(i), f"2024-01-{i + 1:02d}", [f"s{j}" for j in range(i % 3 + 1)]) for i in range(6)]
    forward = [(e.id, round(s, 9)) for e, s in rank_events(events)]
    backward = [(e.id, round(s, 9)) for e, s in rank_events(list(reversed(events)))]
    assert forward == backward


@pytest.mark.parametrize("text, points_back", [
    ("This was before, of course, the announcement that President Mubarak was stepping down.", True),
    ("That is why the strategy changed.", True),
    ("It sank two days later.", True),
    ("They left on Friday.", True),
    # a dummy subject points nowhere; a name is no pronoun
    ("It was announced on Friday that Mubarak had stepped down.", False),
    ("It is raining in Cairo.", False),
    ("Italy closed its embassy.", False),
])
def test_a_sentence_opening_with_a_pronoun_points_back_unless_its_subject_is_a_dummy_it(text, points_back):
    from storyline.tls.summarize import anaphoric

    assert anaphoric(text) is points_back
