"""Time values in histories: the project's own small gold of Timeline17 articles that tell the past.

Issue 18's held-back benchmark is long historical text; nothing public of that kind is on this
machine, so ``narrative_gold/`` holds TimeML files of real Timeline17 articles that tell history
(a chronology of the 2003 legal advice published in 2005, an obituary, profiles, a biography),
annotated by reading, without the tagger: every DATE and TIME expression with the value the passage
means. Durations and sets are not annotated, so only the tagger's DATE and TIME expressions are
scored. The text inside ``<TEXT>`` is the article file's text byte for byte; with Timeline17 beside
the repository the loader checks that it still is.

The same gold is scored three ways: the tagger as shipped (mode decided per document), forced
news mode (the tagger before narrative mode), and without the publication date (how histories
often come). Matching is one to one as in the TE3 toolkit (:func:`.timex.match_one_to_one`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import BenchmarkDataError
from ..paths import PACKAGE_DIR
from .timex import GoldTimex, parse_tml, score_docs

GOLD_DIR = PACKAGE_DIR / "evaluate" / "narrative_gold"
TYPES = ("DATE", "TIME")


def load(data: Path | None = None, limit: int = 0) -> list[tuple[str, str, date | None, list[GoldTimex]]]:
    """(doc id, text, DCT, gold) of each gold file; ``data``: the Timeline17 folder to check texts against."""
    files = sorted(GOLD_DIR.glob("*.tml"))
    if not files:
        raise BenchmarkDataError(f"no narrative gold files in {GOLD_DIR}")
    docs = []
    for f in files[:limit or None]:
        raw = f.read_text(encoding="utf-8")
        text, dct, gold = parse_tml(raw)
        source = raw.split("<DOCID>", 1)[1].split("</DOCID>", 1)[0].strip() if "<DOCID>" in raw else ""
        if data is not None and source and (data / source).is_file():
            if (data / source).read_text(encoding="utf-8") != text:
                raise BenchmarkDataError(f"{f.name}: its text differs from {data / source}")
        docs.append((f.stem, text, dct, [g for g in gold if g.type in TYPES]))
    return docs


def _narrative_share(docs) -> tuple[int, int]:
    """(gold values in another year than the DCT, all gold values)."""
    n = sum(1 for _, _, dct, gold in docs for g in gold if dct and g.value[:4].isdigit() and int(g.value[:4]) != dct.year)
    return n, sum(len(gold) for *_, gold in docs)


def run(data: Path | None, limit: int = 0) -> dict:
    from ..paths import benchmark_dir

    try:
        t17 = Path(data) if data else benchmark_dir("timeline17") / "Data"
    except BenchmarkDataError:
        t17 = None
    docs = load(t17 if t17 and t17.is_dir() else None, limit)
    undated = [(i, text, None, gold) for i, text, _, gold in docs]
    other_year, total = _narrative_share(docs)
    return {"benchmark": "Timeline17 histories, own TIMEX3 gold (DATE and TIME values)", "docs": len(docs),
            "gold": total, "gold_other_year": other_year,
            "shipped": score_docs(docs, TYPES, "auto"), "news_mode": score_docs(docs, TYPES, "news"),
            "without_dct": score_docs(undated, TYPES, "auto")}


def report(result: dict) -> str:
    lines = [f"Histories (own gold, {result['docs']} Timeline17 articles): {result['gold']} DATE/TIME gold values, "
             f"{result['gold_other_year']} in another year than the publication's", "",
             f"{'tagger':<34} {'P':>6} {'R':>6} {'F1':>6} {'strictF1':>9} {'value acc':>10} {'valueF1':>8}"]
    for key, label in (("shipped", "as shipped (mode per document)"), ("news_mode", "news mode forced"),
                       ("without_dct", "as shipped, no publication date")):
        r = result[key]
        lines.append(f"{label:<34} {r['relaxed_p']:6.2f} {r['relaxed_r']:6.2f} {r['relaxed_f1']:6.2f} "
                     f"{r['strict_f1']:9.2f} {r['value_accuracy']:10.2f} {r['value_f1']:8.2f}")
    return "\n".join(lines) + "\n"
