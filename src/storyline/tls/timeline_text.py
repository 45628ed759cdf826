"""Read and write timelines in the tilse / Timeline17 text format.

The format (Tran et al. 2013, used by tilse and news-tls)::

    2010-09-19
    The ruptured well is finally sealed .
    --------------------------------
    2010-09-17
    BP pumps cement to seal the damaged well .
    --------------------------------

A date line, one summary sentence per line, then a line of 32 dashes. Written by hand
because tilse's reader cannot report where a malformed date is; this one raises
:class:`BenchmarkDataError` with the line number. A date that repeats (three T17 reference
files have such blocks) keeps its *last* block by default, as the news-tls references
(``timelines.jsonl``) do; ``repeated="merge"`` concatenates the blocks instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from ..errors import BenchmarkDataError

SEPARATOR = "-" * 32
_DATE_LINE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})\s*$")

# Known typos in published reference files, fixed the way the literature fixed them
# (news-tls' timelines.jsonl and julmaxi/Abstractive-Timeline-Summarization both read 2011-04-02).
KNOWN_DATE_FIXES: dict[str, str] = {"2011-04-0": "2011-04-02"}


def parse(text: str, *, source: str = "<timeline>", repeated: str = "last") -> dict[date, list[str]]:
    """Parse tilse timeline text into ``{date: [sentence, ...]}``."""
    if repeated not in ("last", "merge"):
        raise ValueError(f"repeated must be 'last' or 'merge', not {repeated!r}")
    timeline: dict[date, list[str]] = {}
    current: date | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if set(line) == {"-"} and len(line) >= 8:
            current = None
            continue
        if current is None:
            line = KNOWN_DATE_FIXES.get(line, line)
            m = _DATE_LINE.match(line)
            if not m:
                raise BenchmarkDataError(f"{source}:{lineno}: expected a YYYY-MM-DD date line, got {line[:40]!r}")
            try:
                current = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError as exc:
                raise BenchmarkDataError(f"{source}:{lineno}: not a date: {line!r} ({exc})") from exc
            if repeated == "last":
                timeline.pop(current, None)
            timeline.setdefault(current, [])
            continue
        timeline[current].append(line)
    return timeline


def read(path: Path, *, repeated: str = "last") -> dict[date, list[str]]:
    """Read one tilse timeline file (see :func:`parse`)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise BenchmarkDataError(f"{path}: cannot read timeline ({exc})") from exc
    return parse(text, source=str(path), repeated=repeated)


def format_timeline(timeline: Mapping[date, Sequence[str]] | Iterable[tuple[date, Sequence[str]]]) -> str:
    """Render ``{date: sentences}`` (or ``(date, sentences)`` pairs) as tilse text, dates ascending.

    Newlines inside a sentence are folded to spaces: one sentence per line is the format.
    """
    items = timeline.items() if isinstance(timeline, Mapping) else timeline
    merged: dict[date, list[str]] = {}
    for d, sents in items:
        merged.setdefault(d, []).extend(sents)
    out: list[str] = []
    for d in sorted(merged):
        out.append(d.isoformat())
        out.extend(" ".join(s.split()) for s in merged[d] if s.strip())
        out.append(SEPARATOR)
    return "\n".join(out) + ("\n" if out else "")
