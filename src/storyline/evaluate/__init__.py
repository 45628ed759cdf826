"""Evaluate: public benchmarks scored with the field's standard metrics (``storyline eval``).

In: a benchmark's data folder (``../shared/benchmarks/<name>`` by default, see
:func:`storyline.paths.benchmark_dir`). Out: scores beside the published systems' figures, and the
floors of the CI quality gates (``floors_*.json``, which only go up).

- :mod:`.timex`: TempEval-3 platinum, TIMEX3 span and value F1;
- :mod:`.quantities`: NewsQuant, value / value+unit / value+change F1;
- :mod:`.coref`: ECB+ cross-document event coreference, MUC, B³, CEAF-e and CoNLL F1;
- :mod:`.tls`: Timeline17, alignment ROUGE-1/2 F1 and Date-F1 (news-tls protocol, tilse).
"""


def load_gold(folder, name_or_path) -> dict:
    """A hand-made gold file: a path, or the name of one of the JSON files in ``folder``."""
    import json
    from pathlib import Path

    from ..errors import ConfigError

    path = Path(name_or_path)
    if not path.exists():
        path = Path(folder) / f"{name_or_path}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in Path(folder).glob("*.json")))
        raise ConfigError(f"no gold {str(name_or_path)!r}: give a JSON file or one of {known}")
    return json.loads(path.read_text(encoding="utf-8"))
