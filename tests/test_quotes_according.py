from __future__ import annotations

import pytest

from storyline import annotate
from storyline.annotate import quotes
from storyline.reconcile.entities import EntityIndex
from storyline.records import Document


@pytest.mark.model
def test_according_to_her_comments_credits_the_speaker_not_the_outlet():
    text = ('Anna Berg met the board in Paris. The plan was "going to raise a bunch of money," '
            "according to her 2023 comments to the Journal.")
    doc = Document(id="d", path="d.txt", text=text)
    (ann,) = annotate.annotate_docs([doc])
    index = EntityIndex.build(list(ann.mentions))
    (q,) = quotes.extract(ann, index)
    assert q.speaker_name == "Anna Berg"
    assert text[q.start:q.end] == q.text
