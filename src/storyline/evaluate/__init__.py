"""Evaluate: public benchmarks scored with the field's standard metrics (``storyline eval``).

In: a benchmark's data folder (``../shared/benchmarks/<name>`` by default, see
:func:`storyline.paths.benchmark_dir`). Out: scores beside the published systems' figures, and the
floors of the CI quality gates (``floors_*.json``, which only go up).

- :mod:`.timex`: TempEval-3 platinum, TIMEX3 span and value F1;
- :mod:`.quantities`: NewsQuant, value / value+unit / value+change F1;
- :mod:`.coref`: ECB+ cross-document event coreference, MUC, B³, CEAF-e and CoNLL F1;
- :mod:`.tls`: Timeline17, alignment ROUGE-1/2 F1 and Date-F1 (news-tls protocol, tilse);
- :mod:`.gold`: reading the hand-made gold files of :mod:`.aliases` and :mod:`.findings`.
"""

