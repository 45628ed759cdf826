"""Timeline summarization: which dates matter, and which sentences say what happened on them.

Two steps, both general for any news collection (Timeline17 and a dossier alike):

1. **Date ranking** (:func:`rank_dates`). Every day a sentence's time expression points at, and
   every publication day, is a candidate. A date is important when many *different* articles
   refer to it, especially articles published *later* (a date still cited weeks after is an
   event; a date only its own-day stories mention is news flow), when articles cluster on and
   just after it, and when the sentences that cite it are on the story's keywords. These counts
   are turned into features (:data:`FEATURES`) and scored by a weighted sum whose weights were
   chosen on Timeline17 (:mod:`storyline.tls.weights`; leave-one-topic-out in the evaluation);
   the features are normalised within the collection, so the weights transfer across sizes.
2. **Per-date summaries** (:func:`summarize`). For each chosen date the candidates are the
   sentences that mention the date plus the lead sentences of articles published that day or
   the day after (DATEWISE's "PM" candidate set), narrowed to those above the knee of their
   similarity to what the mentions and the first reports share (DATEWISE's PM-Mean). Page
   furniture (questions, reader comments, photo credits and captions, web datelines, cut-off
   teasers, titles) is left out. Sentences are TF-IDF vectors; the summary is picked greedily to be
   close to the date's centroid (the mean of the two kinds of evidence, sentences naming the day
   and first reports, so each counts once) and on the story's keywords, with a redundancy cut (MMR)
   against what is already in the timeline. Pieces of quotes and transcript turns are left out,
   and the chosen sentences lose their wire datelines, leading page furniture, headlines run into
   them, final attributions and leading day adverbials (:mod:`storyline.tls.trim`: a substring
   with moved offsets, never rewritten text). The constants are :class:`SummaryParams`.
   A learned per-date sentence scorer (:mod:`storyline.tls.scorer`) can replace or join the
   centroid score (``SummaryParams.scorer``); it is off by default (it did not beat the centroid
   rule on Timeline17).

Input is a sequence of :class:`DatedSentence`: text, document id, position, publication date
and the days its time expressions resolve to (see :func:`sentences_from_document`, which runs
:func:`storyline.annotate.timex.tag`). Output is a list of :class:`TimelineEntry`.

The dossier's timeline uses the same ranking to order and thin its events: :func:`rank_events`;
:mod:`storyline.tls.dossier` summarizes a built dossier's articles by date.

Modules: :mod:`.sentences` (the records), :mod:`.dates` (date ranking), :mod:`.summarize` (per-date
summaries), :mod:`.trim` (what a chosen sentence loses), :mod:`.scorer` and :mod:`.features` (the
learned sentence scorer, off by default), :mod:`.events` (a dossier's events ranked: key events and scores),
:mod:`.dossier` (summaries of a built dossier), :mod:`.timeline_text` (the T17 timeline format).
"""

from .dates import FEATURES, DateModel, date_features, default_model, rank_dates
from .events import (day_fit, default_key_events, happening, headline, key_ranking, lead, off_story, once_each,
                     rank_events, states, schedule_page, story_parties, story_words, tells_story, told)
from .sentences import (
    DatedSentence,
    TimelineEntry,
    day_mentions,
    sentences_from_document,
)
from .summarize import (
    DEFAULT_PARAMS,
    SummaryParams,
    knee_index,
    summarize,
    summarize_dates,
    vectorize,
)
from .trim import trim_sentences, trim_span

__all__ = [
    "DEFAULT_PARAMS",
    "FEATURES",
    "DateModel",
    "DatedSentence",
    "SummaryParams",
    "TimelineEntry",
    "date_features",
    "default_model",
    "day_mentions",
    "default_key_events",
    "day_fit",
    "headline",
    "once_each",
    "states",
    "happening",
    "key_ranking",
    "lead",
    "story_parties",
    "tells_story",
    "story_words",
    "told",
    "schedule_page",
    "off_story",
    "knee_index",
    "rank_dates",
    "rank_events",
    "sentences_from_document",
    "summarize",
    "summarize_dates",
    "trim_sentences",
    "trim_span",
    "vectorize",
]