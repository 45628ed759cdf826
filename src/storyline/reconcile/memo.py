"""Per-document reconcile results kept between runs, reused only when provably unchanged.

Most of reconcile's work is per document: the ledger's payer and payee, the event mentions and
the quotes of one article, read from its own annotations and parse. Each also asks the story's
entity index a few questions ("which entity does this span mention?", "who is 'Musk'?"), and the
answers depend on the whole story. Adding ten articles to a followed story changes those answers
for few documents, so redoing every document (and reading every stored parse back) is most of
what an ``add`` costs.

So each document's results are stored with

- its *fingerprint*: the code, the model, the document record and its annotations;
- its *trace*: the questions it asked the entity index, in order, and a digest of the answers.

The next reconcile reuses them only when the fingerprint is the same and the same questions, put
to the new index, get the same answers (a build system's "verifying trace", as in Shake or
Bazel). Then recomputing would read the same inputs and give the same results, so a reused
result is exactly what a full rebuild gives; anything else is recomputed. No threshold, no
approximation. Written here because no library memoizes against a changing lookup table.

The index the per-document stages see is :class:`Asked`, which lets them call only the lookups
it traces: a new lookup they start to use fails loudly instead of escaping the trace.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from ..records import Amount, Document, EventMention, Quote, Sentence, from_jsonable, to_jsonable

# the lookups of EntityIndex the per-document stages may use (each a pure function of the index)
LOOKUPS = ("entity_of", "mentions_in", "by_name", "name_of", "type_of")


class Asked:
    """An entity index that answers as ``index`` does and notes every question once, in order."""

    def __init__(self, index):
        self._index = index
        self.answers: dict[tuple, Any] = {}

    def _ask(self, name: str, args: tuple):
        key = (name, *args)
        if key not in self.answers:
            self.answers[key] = getattr(self._index, name)(*args)
        answer = self.answers[key]
        return list(answer) if isinstance(answer, list) else answer

    def entity_of(self, doc: str, start: int, end: int):
        return self._ask("entity_of", (doc, start, end))

    def mentions_in(self, doc: str, start: int, end: int):
        return self._ask("mentions_in", (doc, start, end))

    def by_name(self, text: str, doc: str):
        return self._ask("by_name", (text, doc))

    def name_of(self, entity_id: str):
        return self._ask("name_of", (entity_id,))

    def type_of(self, entity_id: str):
        return self._ask("type_of", (entity_id,))

    def trace(self) -> tuple[list, str]:
        questions = [list(k) for k in self.answers]
        return questions, digest(self.answers.values())


def digest(answers) -> str:
    # repr of records (frozen dataclasses of str, int, float, tuples) is stable across runs
    return hashlib.sha1(repr(list(answers)).encode("utf-8", "surrogatepass")).hexdigest()


def reusable(data: str, fingerprint: str, index) -> "Kept | None":
    """The stored results ``data`` (:meth:`Kept.dumps`) when they were made from the same inputs
    (``fingerprint``) and ``index`` answers their questions as the index they were made with did."""
    if not data.startswith(f'{{"fingerprint":"{fingerprint}"'):  # spares parsing what is stale
        return None
    d = json.loads(data)
    answers = []
    for q in d["questions"]:
        if q[0] not in LOOKUPS:
            return None
        try:
            answers.append(getattr(index, q[0])(*q[1:]))
        except LookupError:  # an entity asked about is gone (merged into another)
            return None
    return Kept.from_dict(d) if digest(answers) == d["answers"] else None


@lru_cache(maxsize=None)
def code_version() -> str:
    """A digest of storyline's own source: results made by other code are never reused."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha1()
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def fingerprint(document: Document, sentences: Sequence[Sentence], annotations: str, model: str) -> str:
    """What a document's per-document results are made from, besides the entity index:
    ``annotations`` is the store's digest of its mentions, time expressions and amounts."""
    h = hashlib.sha1()
    for part in (code_version(), model, annotations,
                 json.dumps(to_jsonable(document), ensure_ascii=False, sort_keys=True),
                 json.dumps([(s.start, s.end) for s in sentences])):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class Kept:
    """One document's per-document reconcile results and what they were made from."""

    fingerprint: str
    questions: list
    answers: str
    amounts: tuple[Amount, ...]
    mentions: tuple[EventMention, ...]
    quotes: tuple[Quote, ...]

    def dumps(self) -> str:
        return json.dumps({"fingerprint": self.fingerprint, "questions": self.questions, "answers": self.answers,
                           "amounts": to_jsonable(self.amounts), "mentions": to_jsonable(self.mentions),
                           "quotes": to_jsonable(self.quotes)}, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, d: dict) -> "Kept":
        return cls(d["fingerprint"], d["questions"], d["answers"],
                   tuple(from_jsonable(Amount, x) for x in d["amounts"]),
                   tuple(from_jsonable(EventMention, x) for x in d["mentions"]),
                   tuple(from_jsonable(Quote, x) for x in d["quotes"]))
