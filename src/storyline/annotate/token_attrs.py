"""POS, morphology and lemmas by table lookup: an exact stand-in for spaCy's ``attribute_ruler``
followed by the rule ``lemmatizer``.

Why hand-written: in ``en_core_web_sm`` the attribute ruler runs a ``Matcher`` with 179 patterns
over every token and writes each match through ``set_token_attrs`` one token at a time, and the
lemmatizer is a Python loop over tokens. Together they cost about 0.37x of NER + sentence
segmentation (measured by ``bench/bench_components.py``). Nearly all the patterns
test one token's TAG, LOWER, DEP or IS_SPACE, so their outcome is a function of those four values:
this component caches that function, applies it to whole arrays (``Doc.to_array``/``from_array``)
and memoises the lemmatizer by the same key spaCy uses (orth, POS, morphology). Patterns it cannot
read as a one-token test (multi-token ones such as ``gon na``, regexes it cannot evaluate,
quantifiers) still go through a ``Matcher`` built from the ruler's own patterns, and matches are
applied in the ruler's order, so results equal the originals token for token (tests compare them
on Timeline17 articles).
"""

from __future__ import annotations

import re
from typing import Any

import numpy

# token attributes a one-token pattern may test, with how to read each from a token row
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
_OPS = frozenset({"IN", "NOT_IN", "REGEX"})
# attributes set by array; any other attribute a rule sets is written token by token (rare)
_ARRAY_SET = ("POS", "MORPH", "LEMMA")


def _one_token_test(pattern: list[dict]) -> dict | None:
    """The pattern as {attr: condition} when it tests one token on the supported attributes."""
    if len(pattern) != 1:
        return None
    spec = pattern[0]
    for key, value in spec.items():
        if key not in _TESTED:
            return None
        if isinstance(value, dict) and not (value.keys() <= _OPS):
            return None
    return spec


def _admits(condition: Any) -> frozenset | None:
    """The values an exact or IN condition admits (None when it is not such a condition)."""
    if isinstance(condition, str):
        return frozenset([condition])
    if isinstance(condition, dict) and set(condition) == {"IN"}:
        return frozenset(condition["IN"])
    return None


def _holds(condition: Any, value: Any) -> bool:
    if not isinstance(condition, dict):
        return value == condition
    for op, arg in condition.items():
        if op == "IN" and value not in arg:
            return False
        if op == "NOT_IN" and value in arg:
            return False
        if op == "REGEX" and not (isinstance(value, str) and re.search(arg, value)):
            return False
    return True


class TokenAttributes:
    """Callable spaCy component equal to ``attribute_ruler`` + ``lemmatizer`` (rule mode)."""

    def __init__(self, ruler, lemmatizer):
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        self.lemmatizer = lemmatizer
        self.overwrite_lemma = bool(getattr(lemmatizer, "overwrite", False))
        self._read = [TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA]
        self._write = [POS, MORPH, LEMMA]
        self.attrs: list[dict] = list(ruler.attrs)  # normalized: attribute id -> int value
        self.indices: list[int] = list(ruler.indices)
        # one-token tests, each with the TAG values and words it admits (None: any) so that a
        # token is checked only against tests that can hold for its tag and word
        self.tests: list[tuple[int, dict, frozenset | None, frozenset | None]] = []
        # the rest go through a Matcher, run only where a token can start one of them
        self.matcher = Matcher(self.vocab)
        self.always_match = False
        self.longest = 1
        for attr_id, entry in enumerate(ruler.patterns):
            generic = []
            for pattern in entry["patterns"]:
                test = _one_token_test(pattern)
                if test is not None:
                    self.tests.append((attr_id, test, _admits(test.get("TAG")), _admits(test.get("LOWER"))))
                    continue
                generic.append(pattern)
                self.longest = max(self.longest, len(pattern))
                first = _one_token_test(pattern[:1])
                if first is None:
                    self.always_match = True
                else:  # -1: "a multi-token pattern can start here"
                    self.tests.append((-1, first, _admits(first.get("TAG")), _admits(first.get("LOWER"))))
            if generic:
                self.matcher.add(str(attr_id), generic)
        self._by_tag: dict[str, list] = {}
        self._rules: dict[tuple, tuple[int, ...]] = {}     # (tag, lower, dep, is_space) -> rule ids
        self._merged: dict[tuple[int, ...], dict] = {}      # rule ids -> attribute id -> value
        self._lemmas: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma hash

    # -- the attribute ruler ----------------------------------------------------------------
    def _rule_ids(self, key: tuple) -> tuple[int, ...]:
        found = self._rules.get(key)
        if found is None:
            strings = self.vocab.strings
            tag, lower, dep, space = key
            values = {"TAG": strings[tag] if tag else "", "LOWER": strings[lower] if lower else "",
                      "DEP": strings[dep] if dep else "", "IS_SPACE": bool(space)}
            tag_tests = self._by_tag.get(values["TAG"])
            if tag_tests is None:
                tag_tests = self._by_tag[values["TAG"]] = [
                    (attr_id, test, words) for attr_id, test, tags, words in self.tests
                    if tags is None or values["TAG"] in tags]
            word = values["LOWER"]
            found = tuple(sorted({attr_id for attr_id, test, words in tag_tests
                                  if (words is None or word in words)
                                  and all(_holds(cond, values[name]) for name, cond in test.items())}))
            self._rules[key] = found
        return found

    def _merge(self, rule_ids: tuple[int, ...]) -> dict:
        merged = self._merged.get(rule_ids)
        if merged is None:
            merged = {}
            for attr_id in rule_ids:  # later rules take precedence, as in AttributeRuler.match
                merged.update(self.attrs[attr_id])
            self._merged[rule_ids] = merged
        return merged

    def __call__(self, doc):
        from spacy.tokens._retokenize import set_token_attrs

        n = len(doc)
        if not n:
            return doc
        rows = doc.to_array(self._read).tolist()
        found = [self._rule_ids(tuple(row[:4])) for row in rows]
        extra: dict[int, list[int]] = {}
        # -1 marks "a multi-token pattern can start here": match there only (patterns have no
        # quantifiers unless always_match, so none is longer than self.longest)
        if len(self.matcher):
            strings = self.vocab.strings
            if self.always_match:
                windows = [(0, doc)]
            else:
                windows = [(i, doc[i:i + self.longest]) for i, ids in enumerate(found) if ids and ids[0] == -1]
            for offset, window in windows:
                for match_id, start, end in self.matcher(window, allow_missing=True):
                    if start and not self.always_match:
                        continue  # found again from its own starting token
                    attr_id = int(strings[match_id])
                    index = self.indices[attr_id]
                    extra.setdefault(offset + (start + index if index >= 0 else end + index), []).append(attr_id)
        pos_id, morph_id, lemma_id = self._write
        out = numpy.empty((n, 3), dtype="uint64")
        slow: list[tuple[int, dict]] = []
        for i, (_tag, _lower, _dep, _space, pos, morph, lemma) in enumerate(rows):
            rule_ids = found[i]
            if rule_ids and rule_ids[0] == -1:
                rule_ids = rule_ids[1:]
            if i in extra:
                rule_ids = tuple(sorted(set(rule_ids) | set(extra[i])))
            merged = self._merge(rule_ids) if rule_ids else {}
            out[i, 0] = merged.get(pos_id, pos)
            out[i, 1] = merged.get(morph_id, morph)
            out[i, 2] = merged.get(lemma_id, lemma)
            if len(merged.keys() - {pos_id, morph_id, lemma_id}):
                slow.append((i, {k: v for k, v in merged.items() if k not in (pos_id, morph_id, lemma_id)}))
        doc.from_array(self._write, out)
        for i, attrs in slow:
            set_token_attrs(doc[i], attrs)
        self._lemmatize(doc)
        return doc

    # -- the lemmatizer ---------------------------------------------------------------------
    def _lemmatize(self, doc) -> None:
        """Lemmas for tokens without one, memoised by (orth, POS, morphology) like spaCy's
        ``Lemmatizer.rule_lemmatize``; the lemmatizer itself computes each new key once."""
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = numpy.empty(len(rows), dtype="uint64")
        add = self.vocab.strings.add
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.overwrite_lemma:
                lemmas[i] = lemma
                continue
            key = (orth, pos, morph)
            value = self._lemmas.get(key)
            if value is None:
                value = self._lemmas[key] = add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)
