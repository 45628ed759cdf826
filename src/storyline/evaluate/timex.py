"""TempEval-3 Task A (TIMEX3) scoring of storyline's temporal tagger.

Protocol (UzZaman et al., SemEval-2013 Task 1, and its evaluation toolkit):

* systems get the raw text and the DCT (``Evaluation/TE3-platinum-test/*.TE3input``);
* the DCT TIMEX3 (``functionInDocument="CREATION_TIME"``) is not scored;
* **strict** match: same extent; **relaxed** match: the extents overlap;
  precision = matched system timexes / system timexes, recall = matched gold / gold;
* **value accuracy** (and type accuracy) over the relaxed-matched gold timexes;
* **value F1** = relaxed F1 x value accuracy (the task's ranking metric).

Matching is done on character offsets of the text inside ``<TEXT>``; the TE3 toolkit
matches tokens, which gives the same result whenever extents start and end on
token boundaries (all of TE3-platinum's do).

``run`` also scores TimeBank + AQUAINT (``Training/TBAQ-cleaned``), the only data
the grammar was tuned on, so that over-fitting would show as a gap.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import BenchmarkDataError

PUBLISHED = [  # UzZaman et al. 2013, Table 3 (Task A, English, TE3-platinum)
    ("HeidelTime-t", 93.08, 87.68, 90.30, 81.34, 77.61),
    ("NavyTime-1,2", 89.36, 91.30, 90.32, 79.57, 70.97),
    ("ManTIME-4", 95.12, 84.78, 89.66, 74.33, 68.97),
    ("SUTime", 89.36, 91.30, 90.32, 79.57, 67.38),
    ("ClearTK-1,2", 93.75, 86.96, 90.23, 82.71, 64.66),
]

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


def parse_tml(raw: str) -> tuple[str, date | None, list[GoldTimex]]:
    """(text inside <TEXT>, DCT, gold TIMEX3s with offsets into that text) of a TimeML file."""
    dm = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    dct = None
    if dm:
        v = dict(_ATTR.findall(dm.group(0))).get("value", "")
        mm = re.match(r"(\d{4})-(\d{2})-(\d{2})", v)
        if mm:
            dct = date(int(mm.group(1)), int(mm.group(2)), int(mm.group(3)))
    tm = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if tm is None:
        raise BenchmarkDataError("TimeML file without <TEXT>")
    body = tm.group(1)
    out: list[str] = []
    pos = 0
    n = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    for m in _TAG.finditer(body):
        chunk = body[pos:m.start()]
        out.append(chunk)
        n += len(chunk)
        pos = m.end()
        if m.group(2) is None:  # an entity
            ch = html.unescape(m.group(0))
            out.append(ch)
            n += len(ch)
            continue
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):
            s, attrs = open_timex.pop()
            gold.append(GoldTimex(s, n, "", attrs.get("type", ""), attrs.get("value", "")))
        elif not m.group(3).rstrip().endswith("/"):
            open_timex.append((n, dict(_ATTR.findall(m.group(3)))))
    out.append(body[pos:])
    text = "".join(out)
    gold = [GoldTimex(g.start, g.end, text[g.start:g.end], g.type, g.value) for g in gold]
    gold.sort(key=lambda g: g.start)
    return text, dct, gold


def match_one_to_one(system: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (system index, gold index) of overlapping spans, each used at most once, the largest
    overlaps first (ties: the earlier spans)."""
    pairs = []
    for i, (s0, s1) in enumerate(system):
        for j, (g0, g1) in enumerate(gold):
            overlap = min(s1, g1) - max(s0, g0)
            if overlap > 0:
                pairs.append((-overlap, g0, s0, i, j))
    used_s, used_g, out = set(), set(), []
    for _, _, _, i, j in sorted(pairs):
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def score_docs(docs: list[tuple[str, str, date | None, list[GoldTimex]]], types: tuple[str, ...] | None = None,
               mode: str = "auto") -> dict:
    """Score the tagger over (doc id, text, dct, gold) items; also returns the errors for inspection.
    ``types``: score only the tagger's expressions of these TIMEX3 types (for gold that annotates only
    them); ``mode``: the tagger's news/narrative mode."""
    from ..annotate import timex

    n_sys = n_gold = strict = rel_sys = rel_gold = val_ok = type_ok = 0
    errors: list[dict] = []
    t0 = time.perf_counter()
    for doc_id, text, dct, gold in docs:
        sys = [x for x in timex.tag(text, dct, doc_id=doc_id, mode=mode) if types is None or x.type in types]
        n_sys += len(sys)
        n_gold += len(gold)
        # one to one, as the TE3 toolkit matches: a system expression matches at most one gold
        # expression and a gold one at most one system expression (largest overlap first)
        pairs = dict(match_one_to_one([(x.start, x.end) for x in sys], [(g.start, g.end) for g in gold]))
        partner = {j: i for i, j in pairs.items()}
        strict += sum((sys[i].start, sys[i].end) == (gold[j].start, gold[j].end) for i, j in pairs.items())
        rel_sys += len(pairs)
        for i, s in enumerate(sys):
            if i not in pairs:
                errors.append({"doc": doc_id, "kind": "spurious", "text": s.text, "value": s.value,
                               "context": text[max(0, s.start - 40):s.end + 40].replace("\n", " ")})
        for j, g in enumerate(gold):
            if j not in partner:
                errors.append({"doc": doc_id, "kind": "missed", "text": g.text, "gold": g.value, "type": g.type,
                               "context": text[max(0, g.start - 40):g.end + 40].replace("\n", " ")})
                continue
            match = sys[partner[j]]
            rel_gold += 1
            type_ok += match.type == g.type
            if match.value == g.value:
                val_ok += 1
            else:
                errors.append({"doc": doc_id, "kind": "value", "text": match.text, "gold_text": g.text,
                               "value": match.value, "gold": g.value, "dct": str(dct),
                               "context": text[max(0, g.start - 50):g.end + 30].replace("\n", " ")})
            if (match.start, match.end) != (g.start, g.end):
                errors.append({"doc": doc_id, "kind": "extent", "text": match.text, "gold_text": g.text})
    seconds = time.perf_counter() - t0

    def prf(tp_p: int, tp_r: int) -> tuple[float, float, float]:
        p = tp_p / n_sys if n_sys else 0.0
        r = tp_r / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    rp, rr, rf = prf(rel_sys, rel_gold)
    sp, sr, sf = prf(strict, strict)
    vacc = val_ok / rel_gold if rel_gold else 0.0
    tacc = type_ok / rel_gold if rel_gold else 0.0
    pct = lambda x: round(100 * x, 2)  # noqa: E731
    return {
        "docs": len(docs), "gold": n_gold, "system": n_sys,
        "relaxed_p": pct(rp), "relaxed_r": pct(rr), "relaxed_f1": pct(rf),
        "strict_p": pct(sp), "strict_r": pct(sr), "strict_f1": pct(sf),
        "value_accuracy": pct(vacc), "type_accuracy": pct(tacc),
        "value_f1": pct(rf * vacc), "type_f1": pct(rf * tacc),
        "seconds": round(seconds, 3), "errors": errors,
    }


def load_platinum(data: Path, limit: int = 0) -> list[tuple[str, str, date | None, list[GoldTimex]]]:
    gold_dir = data / "Evaluation" / "te3-platinum"
    input_dir = data / "Evaluation" / "TE3-platinum-test"
    files = sorted(gold_dir.glob("*.tml"))
    if not files:
        raise BenchmarkDataError(f"no TE3-platinum gold files in {gold_dir}")
    inputs = {p.name.split(".")[0].lower().replace("sarkozy", "sarcozy"): p for p in input_dir.glob("*.TE3input")}
    docs = []
    for f in files[:limit or None]:
        text, dct, gold = parse_tml(f.read_text(encoding="utf-8"))
        inp = inputs.get(f.stem.lower())
        if inp is not None:  # the system reads the raw input; it must be the same text as the gold's
            in_text, in_dct, _ = parse_tml(inp.read_text(encoding="utf-8"))
            if in_text != text:
                raise BenchmarkDataError(f"{inp.name}: input text differs from the gold text of {f.name}")
            dct = in_dct or dct
        docs.append((f.stem, text, dct, gold))
    return docs


def load_tbaq(data: Path, limit: int = 0) -> list[tuple[str, str, date | None, list[GoldTimex]]]:
    base = data / "Training" / "TBAQ-cleaned"
    files = sorted(base.glob("TimeBank/*.tml")) + sorted(base.glob("AQUAINT/*.tml"))
    if not files:
        raise BenchmarkDataError(f"no TimeBank/AQUAINT files in {base}")
    docs = []
    for f in files[:limit or None]:
        text, dct, gold = parse_tml(f.read_text(encoding="utf-8"))
        docs.append((f.stem, text, dct, gold))
    return docs


def run(data: Path | None, limit: int = 0) -> dict:
    """Score TE3-platinum (the test set) and TimeBank+AQUAINT (the tuning set)."""
    from ..paths import benchmark_dir

    data = Path(data) if data else benchmark_dir("tempeval3")
    platinum = score_docs(load_platinum(data, limit))
    result = {"benchmark": "TempEval-3 Task A (TIMEX3), TE3-platinum", "data": str(data),
              "platinum": platinum, "published": [dict(zip(("system", "relaxed_p", "relaxed_r", "relaxed_f1",
                                                            "strict_f1", "value_f1"), row)) for row in PUBLISHED]}
    try:
        result["tbaq"] = score_docs(load_tbaq(data, limit))
    except BenchmarkDataError:
        result["tbaq"] = None
    return result


def report(result: dict) -> str:
    p = result["platinum"]
    rows = [("storyline (this run)", p["relaxed_p"], p["relaxed_r"], p["relaxed_f1"], p["strict_f1"], p["value_f1"])]
    rows += [tuple(r) for r in PUBLISHED]
    lines = [f"TempEval-3 Task A, TE3-platinum: {p['docs']} docs, {p['gold']} gold TIMEX3 (DCT excluded), "
             f"{p['system']} found",
             "", f"{'system':<22} {'P':>6} {'R':>6} {'F1':>6} {'strictF1':>9} {'valueF1':>8}"]
    for name, rp, rr, rf, sf, vf in rows:
        lines.append(f"{name:<22} {rp:6.2f} {rr:6.2f} {rf:6.2f} {sf:9.2f} {vf:8.2f}")
    lines += ["", f"storyline: value accuracy {p['value_accuracy']:.2f}, type accuracy {p['type_accuracy']:.2f}, "
                  f"strict P/R {p['strict_p']:.2f}/{p['strict_r']:.2f}, tagged in {p['seconds']:.2f}s",
              "(published rows: UzZaman et al. 2013, Table 3; P/R/F1 are relaxed-match scores)"]
    t = result.get("tbaq")
    if t:
        lines += ["", f"Tuning set TimeBank+AQUAINT ({t['docs']} docs, {t['gold']} gold): relaxed P/R/F1 "
                      f"{t['relaxed_p']:.2f}/{t['relaxed_r']:.2f}/{t['relaxed_f1']:.2f}, strict F1 {t['strict_f1']:.2f}, "
                      f"value accuracy {t['value_accuracy']:.2f}, value F1 {t['value_f1']:.2f}"]
    return "\n".join(lines) + "\n"
