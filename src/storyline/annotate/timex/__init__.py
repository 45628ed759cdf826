"""storyline's temporal tagger: TIMEX3 extraction and normalization against the publication date.

``tag(text, dct)`` (``tagger.py``; ``stated_day(text)``: the first day a text states outright) finds time expressions with a hand-written regular grammar
(``grammar.py``), normalises each to a TimeML TIMEX3 type and value (``rules.py``),
resolves relative ones against the document creation time or the narrative
reference time (``anchor.py``), and gives every DATE/TIME the inclusive day range
its value covers (``normalize.py``). ``render`` writes TimeML or JSON (``timeml.py``).

Why hand-written: no maintained pure-Python library on PyPI produces TimeML
TIMEX3 values (``2024-SU``, ``2024-Q3``, ``P6Y``, ``PRESENT_REF``, mods) at the
TempEval-3 accuracy bar. ``dateparser.search_dates`` finds dates but returns
``datetime`` objects (no durations, sets, seasons, quarters, granularity or
mods) and is slow; ``python-dateutil`` parses single strings (we use only its Easter
computation); HeidelTime and SUTime are Java. The grammar follows the TimeML annotation guidelines and was
tuned on TimeBank and AQUAINT only; TE3-platinum is held out as the test set
(``storyline eval timex``).

The tagger is a pure function of ``(text, dct)``; all regexes compile at import.
"""

from ...records import TimeExpr
from .tagger import stated_day, tag, tag_with_anchors
from .timeml import render

__all__ = ["stated_day", "tag", "tag_with_anchors", "render", "TimeExpr"]
