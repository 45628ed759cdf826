"""``coverage.csv``: who reported what - the dossier's key events by independent sources.

One row per key event (in timeline order): its date and headline, how many independent sources
tell it, then one column per independent source (the outlets; a document that rewrites another
outlet's story counts as that outlet) holding the sentence that source tells it in, or nothing
where it does not (a blindspot), followed by that sentence's document and character offsets so a
spreadsheet user can trace every cell. Built from ``meta.coverage``
(:func:`storyline.reconcile.findings.coverage`).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..records import Dossier

FILE_NAME = "coverage.csv"


def rows(dossier: Dossier) -> list[list[str]]:
    cov = (dossier.meta or {}).get("coverage") or {"sources": [], "rows": []}
    sources = cov["sources"]
    header = ["event", "date", "headline", "sources"]
    for s in sources:
        header += [s["label"], f"{s['label']} (document:start-end)"]
    out = [header]
    for r in cov["rows"]:
        line = [r["event"], r.get("when") or r.get("date") or "", r.get("headline") or "", str(len(r["cells"]))]
        for s in sources:
            cell = r["cells"].get(s["key"])
            line += [cell["text"], f"{cell['doc']}:{cell['start']}-{cell['end']}"] if cell else ["", ""]
        out.append(line)
    return out


def write(dossier: Dossier, out_dir: Path) -> Path:
    path = Path(out_dir) / FILE_NAME
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows(dossier))
    return path
