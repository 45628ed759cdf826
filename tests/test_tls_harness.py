"""The Timeline17 harness on tiny hand-built timelines whose scores are known by construction."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import BenchmarkDataError
from storyline.evaluate import tls as ev
from storyline.tls import timeline_text

D1, D2, D3 = date(2010, 4, 20), date(2010, 4, 21), date(2010, 5, 2)
REF = {D1: ["Explosion destroys the drilling rig in the Gulf ."], D3: ["Engineers cap the leaking well ."]}


@pytest.mark.parametrize(
    ("pred", "ref", "expected"),
    [
        ({D1: ["x"]}, {D1: ["y"]}, (1.0, 1.0, 1.0)),
        ({D1: ["x"], D2: ["x"]}, {D1: ["y"]}, (0.5, 1.0, 2 / 3)),
        ({D2: ["x"]}, {D1: ["y"]}, (0.0, 0.0, 0.0)),
        ({D1: ["x"], D2: ["x"], D3: ["x"]}, {D1: ["y"], D3: ["y"]}, (2 / 3, 1.0, 0.8)),
        ({}, {D1: ["y"]}, (0.0, 0.0, 0.0)),
    ],
)
def test_date_scores_count_exact_day_matches(pred, ref, expected):
    s = ev.date_scores(pred, ref)
    assert (s["precision"], s["recall"], s["f_score"]) == pytest.approx(expected)


def test_identical_timeline_scores_one_everywhere():
    (s,) = ev.score_timelines([(REF, REF)])
    for key in ("rouge_1", "rouge_2", "date"):
        assert s[key]["f_score"] == pytest.approx(1.0), key


def test_right_text_one_day_late_gets_half_the_rouge_and_no_date_credit():
    late = {D1 + (D2 - D1): REF[D1]}
    (s,) = ev.score_timelines([(late, {D1: REF[D1]})])
    # tilse weights an aligned pair by 1 / (|day difference| + 1)
    assert s["rouge_1"]["precision"] == pytest.approx(0.5)
    assert s["rouge_1"]["recall"] == pytest.approx(0.5)
    assert s["date"]["f_score"] == 0.0


def test_unrelated_text_on_the_right_days_gets_date_credit_only():
    pred = {D1: ["Quarterly sales of umbrellas rose sharply ."], D3: ["A choir performed on Sunday ."]}
    (s,) = ev.score_timelines([(pred, REF)])
    assert s["rouge_1"]["f_score"] == 0.0 and s["rouge_2"]["f_score"] == 0.0
    assert s["date"]["f_score"] == 1.0


def test_empty_prediction_scores_zero():
    (s,) = ev.score_timelines([({}, REF)])
    assert s["rouge_1"]["f_score"] == 0.0 and s["date"]["f_score"] == 0.0


@pytest.mark.parametrize(
    ("pred", "refs"),
    [
        ([["the", "cats", "sat", "on", "the", "mat"]], {"A": [["a", "cat", "sat", "on", "mats", "today"]]}),
        ([["BP", "pumps", "cement", "into", "the", "well", "."], ["Oil", "stops", "."]],
         {"0": [["BP", "pumps", "cement", "to", "seal", "the", "damaged", "well", "."]]}),
        ([[""]], {"0": [["Jury", "selection", "begins", "."]]}),
    ],
)
def test_batched_rouge_matches_one_call_per_pair(pred, refs):
    import pyrouge

    one = pyrouge.Rouge155(average="raw", stem=True, ignore_stopwords=True).score_summary(pred, refs)
    (batched,) = ev.rouge155_counts([(pred, refs)])
    assert batched == one


def test_average_is_f_of_mean_precision_and_recall():
    a = {"precision": 1.0, "recall": 0.0, "f_score": 0.0}
    b = {"precision": 0.0, "recall": 1.0, "f_score": 0.0}
    avg = ev.average([{"rouge_1": a, "rouge_2": a, "date": a}, {"rouge_1": b, "rouge_2": b, "date": b}])
    # mean of the F scores would be 0; news-tls takes F of the mean P (0.5) and mean R (0.5)
    assert avg["rouge_1"]["f_score"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("reference", "k"),
    [({D1: ["a", "b"], D2: ["c"]}, 2), ({D1: ["a", "b"], D2: ["c"], D3: ["d"]}, 1), ({D1: ["a"] * 5}, 5)],
)
def test_task_k_is_the_rounded_mean_summary_length(reference, k):
    assert ev.Task("t", "t/x", reference).k == k


def test_parse_keeps_the_last_block_of_a_repeated_date_and_fixes_known_typos():
    text = "2011-04-0\nJury selection begins .\n" + "-" * 32 + "\n2011-04-02\nSecond block .\n" + "-" * 32 + "\n"
    assert timeline_text.parse(text) == {date(2011, 4, 2): ["Second block ."]}
    assert timeline_text.parse(text, repeated="merge") == {date(2011, 4, 2): ["Jury selection begins .", "Second block ."]}


def test_parse_reports_the_line_of_a_bad_date():
    with pytest.raises(BenchmarkDataError, match=r"x.txt:4: not a date"):
        timeline_text.parse("2010-01-01\nA .\n" + "-" * 32 + "\n2010-13-01\n", source="x.txt")
    with pytest.raises(BenchmarkDataError, match=r"x.txt:1: expected a YYYY-MM-DD"):
        timeline_text.parse("Monday\nA .\n", source="x.txt")


_sentence = st.text(alphabet="abcdefgh .,", min_size=1, max_size=30).filter(lambda s: s.strip() and set(s.strip()) != {"-"})


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
                       st.lists(_sentence, min_size=1, max_size=3), max_size=6))
def test_tilse_text_round_trips(timeline):
    normal = {d: [" ".join(s.split()) for s in sents] for d, sents in timeline.items()}
    assert timeline_text.parse(timeline_text.format_timeline(timeline)) == normal


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        ("On Jan. 5 , 2010 , BP said", "On Jan. 5, 2010, BP said"),
        ("the `` firm '' -LRB- BP -RRB- was n't", 'the " firm " (BP) wasn\'t'),
        ("Jackson 's death on 25 June", "Jackson's death on 25 June"),
    ],
)
def test_detokenize_gives_the_tagger_ordinary_text(tokens, text):
    assert ev.detokenize(tokens) == text


def test_t17_sentences_keep_tokenized_text_and_offsets_into_the_article():
    article = ev.Article("topic/2011-02-11/1.txt", date(2011, 2, 11), (
        "CAIRO -LRB- Reuters -RRB- - Hosni Mubarak resigned on Friday , state television said .",
        "`` We won , '' one protester said on Feb. 12 .",
    ))
    sents = ev.dated_sentences(article)
    text = ev.article_text(article)
    assert [s.text for s in sents] == list(article.sentences)
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert sents[0].mentions == (date(2011, 2, 11),) and sents[1].mentions == (date(2011, 2, 12),)


def test_t17_merges_into_nine_topics_and_nineteen_timelines():
    topics = ev.load_t17(None)
    assert [t.name for t in topics] == ["bpoil", "egypt", "finan", "h1n1", "haiti", "iraq", "libya", "mj", "syria"]
    assert sum(len(t.tasks) for t in topics) == 19
    ids = [a.id for t in topics for a in t.articles]
    assert len(ids) == len(set(ids)) == 4625  # 4,650 files, 25 of them empty


def test_t17_references_equal_the_news_tls_ones():
    import json

    from storyline.paths import benchmark_dir

    for topic in ev.load_t17(None):
        lines = (benchmark_dir("news-tls-format") / "t17" / topic.name / "timelines.jsonl").read_text().splitlines()
        theirs = [{date.fromisoformat(d[:10]): s for d, s in json.loads(ln)} for ln in lines if ln.strip()]
        for task in topic.tasks:
            assert task.reference in theirs, task.name
