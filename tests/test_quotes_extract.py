"""Quotes: spans, speakers (same sentence, split quotes, previous sentence, pronouns), time said."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.annotate.quotes import extract, find_spans
from test_events_support import annotate


@pytest.mark.parametrize("text,quoted", [
    ('He said "we are ready" today.', ["we are ready"]),
    ("He said \u201cwe are ready\u201d today.", ["we are ready"]),
    ('"One," she said, "two."', ["One,", "two."]),
    ("It\u2019s Altman\u2019s view.", []),
    ('A "  padded quote " here.', ["padded quote"]),
    ('Numbers "123" only.', []),
    ("`` We are ready , '' he said .", ["We are ready ,"]),
    ("Players ' union and `` scare '' quotes , `` a `` b ''", ["scare", "b"]),
])
def test_find_spans_pairs_straight_and_curly_marks(text, quoted):
    assert [text[a:b] for a, b in find_spans(text)] == quoted


@given(st.text(alphabet='ab "\u201c\u201d.\n', max_size=60))
def test_spans_never_include_the_marks(text):
    for a, b in find_spans(text):
        assert 0 <= a < b <= len(text)
        assert text[a] not in '"\u201c\u201d' and text[b - 1] not in '"\u201c\u201d'


def _quotes(text):
    ann, ents = annotate(text)
    return extract(ann, ents)


@pytest.mark.model
def test_penn_treebank_quote_marks_of_tokenized_corpora():
    (q,) = _quotes("`` We will not stop until the well is sealed , '' Tony Hayward told reporters on Monday .")
    assert q.text == "We will not stop until the well is sealed ,"
    assert (q.speaker, q.cue) == ("ent:hayward", "tell")


@pytest.mark.model
def test_speaker_after_quote_with_inverted_said():
    (q,) = _quotes('"We will keep building," said Satya Nadella, the chief executive of Microsoft.')
    assert (q.text, q.speaker, q.cue) == ("We will keep building,", "ent:nadella", "say")


@pytest.mark.model
def test_split_quote_keeps_one_speaker():
    qs = _quotes("\u201cWe are thrilled,\u201d said Satya Nadella, \u201cto work with OpenAI.\u201d")
    assert [q.text for q in qs] == ["We are thrilled,", "to work with OpenAI."]
    assert {q.speaker for q in qs} == {"ent:nadella"}


@pytest.mark.model
def test_fragment_with_dismissal_cue_and_interview_date():
    qs = _quotes('In an October 2023 interview, Sam Altman dismissed the idea as "nonsensical benchmark hacking".')
    (q,) = qs
    assert q.text == "nonsensical benchmark hacking"
    assert (q.speaker, q.cue, q.said_at) == ("ent:altman", "dismiss", "2023-10")


@pytest.mark.model
def test_pronoun_speaker_resolves_to_person_named_before():
    text = 'Jane Smith spoke on a February podcast. "The board did not consult me," she said.'
    (q,) = _quotes(text)
    assert q.speaker == "ent:smith"
    assert q.said_at == "2024-02"


@pytest.mark.model
def test_whole_sentence_quote_takes_speaker_from_previous_sentence():
    text = 'Jane Smith was blunt about the merger. "This deal makes no sense for our customers."'
    (q,) = _quotes(text)
    assert q.speaker == "ent:smith"


@pytest.mark.model
def test_scare_quoted_word_is_not_a_quote():
    assert _quotes('The so-called "breakthrough" product line sold well.') == []


@pytest.mark.model
def test_quote_offsets_slice_the_text():
    text = 'Acme Corp said on Monday that "prices will rise". \u201cNo comment,\u201d a spokesperson told Reuters.'
    ann, ents = annotate(text)
    for q in extract(ann, ents):
        assert text[q.start:q.end] == q.text


@pytest.mark.model
def test_a_relative_pronoun_speaker_is_the_noun_its_clause_hangs_on():
    (q,) = _quotes('The plan was criticised by Jane Smith, who said "this deal makes no sense" on Monday.')
    assert q.speaker == "ent:smith"
