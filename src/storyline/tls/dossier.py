"""Per-date summaries of a built dossier: the Timeline17 method on the articles in a store.

The dossier's own timeline lists *events* (one line per event, :func:`storyline.tls.events.rank_events`
orders them). This is the other view the research field calls a timeline: the ``l`` most
important days of the story, each summarized by ``k`` sentences picked from the articles
(:func:`storyline.tls.summarize.summarize`), optionally focused on keywords or on one entity of the dossier
(its name and aliases become the keywords). It reads the sentences and time expressions the build
stored, so nothing is parsed again; every sentence keeps its document id and offsets into that
document's cleaned text.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import ConfigError
from ..records import Document, Entity, Sentence, TimeExpr
from .sentences import DatedSentence, TimelineEntry, sentences_from_document
from .summarize import SummaryParams, summarize

__all__ = ["dossier_sentences", "entity_keywords", "story_sentences", "summarize_dossier"]


def dossier_sentences(out: Path) -> tuple[list[DatedSentence], list[str]]:
    """The dated sentences of the dossier built into ``out``, and the ids of the documents left out
    (near-duplicates of another article, or no publication date to anchor their time expressions)."""
    from ..store import Store

    with Store(Path(out), read_only=True) as store:
        return _stored_sentences(store)


def _stored_sentences(store) -> tuple[list[DatedSentence], list[str]]:
    docs = store.documents()
    ids = {d.id for d in docs if d.published is not None and d.duplicate_of is None}
    sentences = store.sentences_of(ids)
    timexes = {doc: t for doc, _m, t, _a, _s in store.annotations(ids, spacy_for=set())}
    return story_sentences(docs, sentences, timexes)


def story_sentences(documents: Sequence[Document], sentences_of: Mapping[str, Sequence[Sentence]],
                    timexes_of: Mapping[str, Sequence[TimeExpr]]) -> tuple[list[DatedSentence], list[str]]:
    """The story's dated sentences (every sentence of every dated original, with the days its time
    expressions give) and the ids of the documents left out (near-duplicates of another article,
    or no publication date to anchor their time expressions)."""
    usable = [d for d in documents if d.published is not None and d.duplicate_of is None]
    left_out = [d.id for d in documents if d.published is None or d.duplicate_of is not None]
    out: list[DatedSentence] = []
    for d in usable:
        spans = [(s.start, s.end) for s in sentences_of.get(d.id, [])]
        out.extend(sentences_from_document(d.id, d.text, spans, d.published, timexes_of.get(d.id, [])))
    return out, left_out


def entity_keywords(entities: Sequence[Entity], name: str) -> list[str]:
    """The name and aliases of the entity called ``name`` (its id, name or one of its aliases, any
    case); a :class:`ConfigError` naming the closest entities when there is none."""
    wanted = name.strip().casefold()
    for e in entities:
        if wanted in {e.id.casefold(), e.name.casefold(), *(a.casefold() for a in e.aliases)}:
            return list(dict.fromkeys([e.name, *e.aliases]))
    names = [e.name for e in entities]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise ConfigError(f"no entity named {name!r} in this dossier{hint}")


def summarize_dossier(
    out: Path,
    l: int = 10,
    k: int = 1,
    *,
    keywords: Sequence[str] | None = None,
    entity: str | None = None,
    params: SummaryParams | None = None,
) -> list[TimelineEntry]:
    """The ``l`` most important days of the dossier in ``out``, ``k`` sentences each, in date order.

    ``keywords`` and ``entity`` (the name, id or an alias of one of the dossier's entities) focus
    the timeline: a chosen sentence contains one of the keywords or one of the entity's names.
    """
    from ..store import Store

    words = list(keywords or ())
    with Store(Path(out), read_only=True) as store:
        if entity:
            words += entity_keywords(store.items("entities"), entity)
        sentences, _ = _stored_sentences(store)
    return summarize(sentences, l, k, keywords=words or None, params=params)
