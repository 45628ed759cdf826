"""The coreference metrics match the CoNLL reference scorer's published test cases.

Cases from conll/reference-coreference-scorers, test/TestCases.README (Pradhan et al. 2014).
"""

import pytest

from storyline.evaluate.coref import scores


def _c(*groups):
    return [set(g) for g in groups]


@pytest.mark.parametrize("key,response,metric,recall,precision", [
    # TC-A-1: perfect response
    (_c("a", "bc", "def"), _c("a", "bc", "def"), "muc", 1.0, 1.0),
    (_c("a", "bc", "def"), _c("a", "bc", "def"), "b3", 1.0, 1.0),
    (_c("a", "bc", "def"), _c("a", "bc", "def"), "ceafe", 1.0, 1.0),
    # TC-A-2: response with missing mentions and entities
    (_c("a", "bc", "def"), _c("a", "de"), "muc", 1 / 3, 1.0),
    (_c("a", "bc", "def"), _c("a", "de"), "b3", 7 / 18, 1.0),
    (_c("a", "bc", "def"), _c("a", "de"), "ceafe", 1.8 / 3, 1.8 / 2),
    # TC3: false-alarm mentions and entities
    (_c("a", "bc", "def"), _c("a", "bcx", "defy", "z"), "ceafe", (1 + 4 / 5 + 6 / 7) / 3, (1 + 4 / 5 + 6 / 7) / 4),
    # TC4: missing and false-alarm mentions
    (_c("a", "bc", "def"), _c("a", "bcx", "dy", "z"), "ceafe", 2.2 / 3, 2.2 / 4),
])
def test_metric_matches_reference_scorer_case(key, response, metric, recall, precision):
    s = scores(key, response)[metric]
    assert s["r"] == pytest.approx(100 * recall, abs=0.01)
    assert s["p"] == pytest.approx(100 * precision, abs=0.01)


def test_conll_is_the_mean_of_muc_b3_and_ceafe_f1():
    s = scores(_c("abc", "defg"), _c("ab", "cd", "fghi"))
    assert s["conll"] == pytest.approx((s["muc"]["f1"] + s["b3"]["f1"] + s["ceafe"]["f1"]) / 3, abs=0.01)
    assert s["conll"] < 100
