"""A small stand-in for the lead's EntityIndex, shared by the events/quotes/coref/findings tests.

It groups NER mentions by their last word (so "Sam Altman" and "Altman" are one person), which is
all these tests need; the real index lives in ``storyline.reconcile.entities``.
"""

from __future__ import annotations

from datetime import date

import pytest

from storyline.records import Document


class FakeEntities:
    def __init__(self, mentions):
        self._mentions = sorted(mentions, key=lambda m: (m.doc, m.start, m.end))
        self._names: dict[str, str] = {}
        self._types: dict[str, str] = {}
        for m in self._mentions:
            e = self.key(m)
            if len(m.text) > len(self._names.get(e, "")):
                self._names[e] = m.text
            self._types.setdefault(e, m.label)

    @staticmethod
    def key(m) -> str:
        words = m.text.replace("\u2019s", "").replace("'s", "").split()
        return "ent:" + (words[-1] if m.label == "PERSON" else " ".join(words)).lower()

    def entity_of(self, doc, start, end):
        for m in self._mentions:
            if m.doc == doc and m.start < end and start < m.end:
                return self.key(m)
        return None

    def mentions_in(self, doc, start, end):
        return [(m, self.key(m)) for m in self._mentions if m.doc == doc and m.start >= start and m.end <= end]

    def name_of(self, entity_id):
        return self._names.get(entity_id, entity_id)

    def type_of(self, entity_id):
        return self._types.get(entity_id, "ORG")


def annotate(text: str, doc_id: str = "d1", published: date | None = date(2024, 3, 1)):
    """Run the real annotate stage on one hand-built document; returns (Annotated, FakeEntities)."""
    from storyline.annotate import annotate_one
    from storyline.annotate.nlp import load

    document = Document(id=doc_id, path=f"{doc_id}.txt", text=text, published=published, outlet=doc_id)
    ann = annotate_one(document, load()(text))
    return ann, FakeEntities(ann.mentions)


@pytest.mark.model
def test_fake_index_joins_full_name_and_surname():
    ann, ents = annotate("Sam Altman spoke on Monday. Altman later left.")
    ids = {ents.entity_of("d1", m.start, m.end) for m in ann.mentions if m.label == "PERSON"}
    assert ids == {"ent:altman"}
