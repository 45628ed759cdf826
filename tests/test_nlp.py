"""Sentence boundaries storyline adds to the parser's: blank lines end sentences; closing
punctuation never starts one."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _sents(text: str) -> list[str]:
    from storyline.annotate import nlp

    return [s.text.strip() for s in nlp.load()(text).sents]


def test_a_heading_never_runs_into_the_paragraph_after_it():
    sents = _sents("Financial Frictions between Microsoft and OpenAI\n\nOpenAI, despite receiving a "
                   "hefty $13 billion investment from Microsoft, is pushing for more funds.")
    assert sents[0] == "Financial Frictions between Microsoft and OpenAI"
    # the subject stays with its clause (the parser alone split "OpenAI" | ", despite ...")
    assert sents[1].startswith("OpenAI, despite") and sents[1].endswith("more funds.")


@pytest.mark.parametrize("text", [
    "Shares rose 5 % on Monday. Analysts were surprised.",
    "The deal (announced in May) closed; regulators approved it: no conditions were set.",
])
def test_no_sentence_starts_with_closing_punctuation(text):
    assert not any(s[:1] in ",;:)]}%" for s in _sents(text))


def test_after_a_blank_line_anything_may_start_a_sentence():
    assert _sents("First line.\n\n, odd second line.")[1] == ", odd second line."


def test_every_blank_line_of_a_long_page_ends_a_sentence():
    headings = [f"Heading number {i} of the page" for i in range(40)]
    assert _sents("\n\n".join(headings)) == headings


@pytest.mark.parametrize("label, body", [
    ("(Update 12:20 a.m. Cairo, 5:20 p.m. ET)",
     "A U.S. State Department release on Sunday says the minister spoke Saturday night with the premier."),
    ("(Updated 9:10 p.m. (4 in Lagos))", "Protesters gathered at the bridge again on Tuesday."),
    ("(2)", "A second convoy reached the port after dark."),
])
def test_a_label_opening_a_paragraph_is_one_sentence_and_its_text_starts_another(label, body):
    # the parser alone took "a.m." for an end: "(Update 12:20 a.m." | "Cairo, 5:20 p.m. ET) A U.S. ..."
    assert _sents(f"Earlier news.\n\n{label} {body}\n\nMore news.") == ["Earlier news.", label, body, "More news."]


def test_a_bracketed_paragraph_holding_sentences_is_no_label():
    assert _sents("(This story was corrected. An earlier version gave the wrong date.)") == [
        "(This story was corrected.", "An earlier version gave the wrong date.)"]


def test_brackets_inside_a_sentence_start_nothing():
    text = "Officials said (in a statement on Monday) that the talks would resume."
    assert _sents(text) == [text]
