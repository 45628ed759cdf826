"""Memoising the project's pure text tests (one policy, one bound).

Some functions depend on a sentence's or a name's text alone and are asked of the same texts many
times by the reconcile stage: whether a sentence states something, is cut off, is page furniture,
what its headline trims, a name's normalised key. At 4,606 Timeline17 articles the findings asked
``cut_off`` 776,000 times and ``states`` 176,000 times of far fewer sentences. :func:`by_text`
memoises such a function with a bound, so a long-running process (``watch``, the web app) holds at
most :data:`TEXT_CACHE` results per function. Only pure functions of hashable arguments may use it.
"""

from __future__ import annotations

from functools import lru_cache

TEXT_CACHE = 1 << 17  # results kept per function (about 30 MB for sentence-length texts)


def by_text(fn):
    """``fn`` memoised by its arguments, least recently used first out past :data:`TEXT_CACHE`."""
    return lru_cache(maxsize=TEXT_CACHE)(fn)
