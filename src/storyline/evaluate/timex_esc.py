"""Time-expression values on the EventStoryLine corpus (ESC v1.5): ``storyline eval timex --route esc``.

ESC re-annotates ECB+ news with normalised ``TIME_DATE`` values (``<TIME_DATE DCT="FALSE"
value="2012-06-08">`` over token anchors) and marks the document creation time (``DCT="TRUE"``).
Many of its dates are background: an arrest years before the article, a sentence handed down "in
2011". That makes it the narrative test this machine has (issue 18): values that must come from the
text, not from the publication date.

Protocol. The text is rebuilt from the tokens (simple detokenization, a newline between sentences;
"2 : 56", "3 . 8", "06 / 10" and "rear - ended" glued back),
the tagger runs with the DCT, and system DATE/TIME expressions are matched **one to one** with the
gold ``TIME_DATE`` markables that have a value (greedily by overlap, each system and gold
expression used once, as the TempEval-3 toolkit does). ESC's ``TIME_DATE`` holds dates and times
only (no value is a duration ``P..`` or a set), so our DURATION and SET expressions are not
scored. ECB+ annotates only some sentences of each document, so system expressions count only in
sentences holding at least one annotated markable; the DCT's own tokens (a dateline) are left out
on both sides. The DCT is the ``DCT="TRUE"`` markable's value, read leniently ("2009-12-4",
"2011-11-11T20:49", "t_2013-09-09"); it often has no token anchors. The 137 documents without a
usable DCT (135 have no DCT markable, one says "2006", one "PRESENT_REF") are scored apart, the
tagger run without a DCT: their relative dates have nothing to be resolved against. Gold markables
without token anchors (``PAST_REF`` and the like) cannot be matched and are only counted. ECB+
annotates the times of the story's events, not every time expression, so precision is low by
construction; the figures that matter here are recall and value accuracy. Scores: relaxed P/R/F1
(overlap), strict F1 (same extent), value accuracy over relaxed matches, value F1 = relaxed F1 x
value accuracy; and value accuracy on the *narrative* subset, gold dates in another year than the
DCT.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import BenchmarkDataError
from .timex import match_one_to_one

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "''", "'re", "'ve", "'ll", "'d",
                   "'m"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}
# ECB+ splits "rear-ended", "2:56", "3.8" and "06/10" into three tokens: these are glued back
# when both neighbours fit, so the tagger reads times and numbers as they were written
GLUE = {"-": str.isalnum, ":": str.isdigit, ".": str.isdigit, "/": lambda c: not c.isspace()}


def _glued(tokens: list[str]) -> list[bool]:
    """For each token, whether it follows the previous one without a space."""
    out = [False] * len(tokens)
    for i, tok in enumerate(tokens):
        if i == 0:
            continue
        prev = tokens[i - 1]
        out[i] = out[i] or tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER
        fits = GLUE.get(tok)
        if fits and i + 1 < len(tokens) and prev and tokens[i + 1] and fits(prev[-1]) and fits(tokens[i + 1][0]):
            out[i] = out[i + 1] = True
    return out


@dataclass
class EscDoc:
    id: str
    text: str
    dct: date | None
    gold: list[tuple[int, int, str]]  # start, end, value
    annotated: list[tuple[int, int]] = field(default_factory=list)  # spans of annotated sentences
    dct_span: tuple[int, int] | None = None
    unanchored: int = 0  # gold markables with a value but no token anchors (not scorable)
    tokens: dict[str, tuple[int, int]] = field(default_factory=dict)  # t_id -> (start, end) in text


def parse(raw: str, doc_id: str = "") -> EscDoc:
    """One CAT-XML document -> text with character offsets for every token, the DCT and the gold."""
    root = ET.fromstring(raw)
    tokens = [(t.get("t_id") or "", int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    pieces: list[str] = []
    span: dict[str, tuple[int, int]] = {}
    sent_span: dict[int, list[int]] = {}
    pos = 0
    prev_sent = None
    glued = _glued([tok for _, _, tok in tokens])
    for (tid, sent, tok), glue in zip(tokens, glued):
        if prev_sent is not None and sent != prev_sent:
            pieces.append("\n")
            pos += 1
        elif prev_sent is not None and not glue:
            pieces.append(" ")
            pos += 1
        span[tid] = (pos, pos + len(tok))
        pieces.append(tok)
        pos += len(tok)
        sent_span.setdefault(sent, [span[tid][0], span[tid][1]])[1] = span[tid][1]
        prev_sent = sent
    sent_of = {tid: sent for tid, sent, _ in tokens}
    text = "".join(pieces)
    gold: list[tuple[int, int, str]] = []
    dct = dct_span = None
    annotated: set[int] = set()
    markables = root.find("Markables")
    unanchored = 0
    for m in (markables if markables is not None else []):
        anchors = [a.get("t_id") or "" for a in m.findall("token_anchor") if a.get("t_id") in span]
        value = (m.get("value") or "").strip()
        if m.tag == "TIME_DATE" and m.get("DCT") == "TRUE":  # the DCT often has no token anchors
            dct = dct or parse_dct(value)
        if not anchors:
            unanchored += m.tag == "TIME_DATE" and m.get("DCT") != "TRUE" and bool(value)
            continue
        annotated.update(sent_of[a] for a in anchors)
        if m.tag != "TIME_DATE":
            continue
        start, end = min(span[a][0] for a in anchors), max(span[a][1] for a in anchors)
        if m.get("DCT") == "TRUE":
            dct_span = (start, end)
        elif value:
            gold.append((start, end, normalize_gold(value)))
    sentences = [(sent_span[s][0], sent_span[s][1]) for s in sorted(annotated)]
    return EscDoc(doc_id, text, dct, sorted(gold), sentences, dct_span, unanchored, span)


def parse_dct(value: str) -> date | None:
    """The date of a DCT value: "2013-05-03", "2009-12-4", "2011-11-11T20:49", "t_2013-09-09"; None for
    "2006" or "PRESENT_REF" (no day to anchor on)."""
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    try:
        return date(int(m[1]), int(m[2]), int(m[3])) if m else None
    except ValueError:
        return None


def normalize_gold(value: str) -> str:
    """ESC's values in TIMEX3 form: "1979-2" -> "1979-02", "2009-12-7" -> "2009-12-07", "194X" -> "194"
    (a decade), "2011W42" -> "2011-W42", "PRES_REF" -> "PRESENT_REF", "2011-11-04T02:00Z" ->
    "2011-11-04T02:00" (the tagger writes no time zone); others as written."""
    value = value.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(T.*)?", value):
        value = f"{m[1]}-{int(m[2]):02d}" + (f"-{int(m[3]):02d}" if m[3] else "") + (m[4] or "")
        return value[:-1] if value.endswith("Z") else value
    if m := re.fullmatch(r"(\d{3})X", value):
        return m[1]
    if m := re.fullmatch(r"(\d{4})W(\d{1,2})", value):
        return f"{m[1]}-W{int(m[2]):02d}"
    return {"PRES_REF": "PRESENT_REF"}.get(value, value)


def load(data: Path, limit: int = 0) -> list[EscDoc]:
    folder = Path(data) / "annotated_data" / "v1.5"
    files = sorted(folder.glob("*/*.xml"))
    if not files:
        raise BenchmarkDataError(f"no ESC v1.5 files under {folder}")
    files = files[:limit] if limit else files
    return [parse(f.read_text(encoding="utf-8"), f.name.split(".")[0]) for f in files]


def value_error(ours: str, gold: str) -> str:
    """What kind of value error: the year only, an unresolved year, the granularity, or other."""
    if ours.startswith("XXXX") and not gold.startswith("XXXX"):
        return "unresolved year"
    if ours[:4] != gold[:4] and ours[4:] == gold[4:]:
        return "year only"
    if ours.startswith(gold) or gold.startswith(ours):
        return "granularity"
    return "other"


def score(docs: list[EscDoc]) -> dict:
    """Scores on the documents with a DCT, and apart (``without_dct``) on those without one."""
    dated = [d for d in docs if d.dct is not None]
    undated = [d for d in docs if d.dct is None]
    result = score_docs(dated)
    result["docs_without_dct"] = len(undated)
    result["without_dct"] = score_docs(undated) if undated else None
    return result


def _narrative(value: str, dct: date | None) -> bool:
    """A background date: its year is not the publication year."""
    return bool(dct and value[:4].isdigit() and int(value[:4]) != dct.year)


def score_docs(docs: list[EscDoc]) -> dict:
    from ..annotate import timex

    n_sys = n_gold = strict = matched = val_ok = 0
    narr_gold = narr_matched = narr_ok = 0
    errors: list[dict] = []
    kinds: dict[str, int] = {}
    narr_kinds: dict[str, int] = {}
    t0 = time.perf_counter()
    for doc in docs:
        found = [t for t in timex.tag(doc.text, doc.dct, doc_id=doc.id) if t.type in ("DATE", "TIME")]
        found = [t for t in found if any(a <= t.start and t.end <= b for a, b in doc.annotated)
                 and not (doc.dct_span and t.start < doc.dct_span[1] and doc.dct_span[0] < t.end)]
        pairs = match_one_to_one([(t.start, t.end) for t in found], [(g[0], g[1]) for g in doc.gold])
        n_sys += len(found)
        n_gold += len(doc.gold)
        narr_gold += sum(_narrative(g[2], doc.dct) for g in doc.gold)
        for i, j in pairs:
            t, (g0, g1, gv) = found[i], doc.gold[j]
            matched += 1
            strict += (t.start, t.end) == (g0, g1)
            narrative = _narrative(gv, doc.dct)
            narr_matched += narrative
            if t.value == gv:
                val_ok += 1
                narr_ok += narrative
                continue
            kind = value_error(t.value, gv)
            kinds[kind] = kinds.get(kind, 0) + 1
            if narrative:
                narr_kinds[kind] = narr_kinds.get(kind, 0) + 1
            errors.append({"doc": doc.id, "text": doc.text[g0:g1], "ours_text": t.text, "gold": gv, "value": t.value,
                           "dct": str(doc.dct), "narrative": narrative, "kind": kind,
                           "context": doc.text[max(0, g0 - 80):g1 + 40].replace("\n", " ")})
    p = matched / n_sys if n_sys else 0.0
    r = matched / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    sp, sr = (strict / n_sys if n_sys else 0.0), (strict / n_gold if n_gold else 0.0)
    acc = val_ok / matched if matched else 0.0
    pct = lambda x: round(100 * x, 2)  # noqa: E731
    return {
        "docs": len(docs), "gold": n_gold, "gold_unanchored": sum(d.unanchored for d in docs), "system": n_sys,
        "matched": matched, "value_correct": val_ok,
        "relaxed_p": pct(p), "relaxed_r": pct(r), "relaxed_f1": pct(f),
        "strict_f1": pct(2 * sp * sr / (sp + sr) if sp + sr else 0.0),
        "value_accuracy": pct(acc), "value_f1": pct(f * acc),
        "narrative_gold": narr_gold, "narrative_matched": narr_matched, "narrative_correct": narr_ok,
        "narrative_value_accuracy": pct(narr_ok / narr_matched if narr_matched else 0.0),
        "value_errors": kinds, "narrative_value_errors": narr_kinds, "errors": errors,
        "seconds": round(time.perf_counter() - t0, 3),
    }


def run(data: Path | None, limit: int = 0) -> dict:
    from ..paths import benchmark_dir

    data = Path(data) if data else benchmark_dir("esc-eventstoryline")
    return {"benchmark": "EventStoryLine v1.5 TIME_DATE values", "data": str(data), "esc": score(load(data, limit))}


def report(result: dict) -> str:
    s = result["esc"]

    def kinds(counts: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) or "none"

    lines = [f"EventStoryLine v1.5 TIME_DATE values: {s['docs']} docs with a DCT, {s['gold']} gold dates with a value "
             f"({s['gold_unanchored']} more without tokens, not scored), {s['system']} found in annotated sentences, "
             f"{s['matched']} matched one to one",
             f"relaxed P/R/F1 {s['relaxed_p']:.2f}/{s['relaxed_r']:.2f}/{s['relaxed_f1']:.2f}, strict F1 "
             f"{s['strict_f1']:.2f}, value accuracy {s['value_accuracy']:.2f} ({s['value_correct']}/{s['matched']}), "
             f"value F1 {s['value_f1']:.2f}",
             f"value errors: {kinds(s['value_errors'])}",
             f"narrative subset (gold year != publication year): {s['narrative_gold']} gold, {s['narrative_matched']} "
             f"matched, value accuracy {s['narrative_value_accuracy']:.2f} "
             f"({s['narrative_correct']}/{s['narrative_matched']}); errors: {kinds(s['narrative_value_errors'])}"]
    u = s.get("without_dct")
    if u:
        lines.append(f"apart, {s['docs_without_dct']} docs without a usable DCT (tagged without one): "
                     f"{u['gold']} gold, relaxed R {u['relaxed_r']:.2f}, value accuracy {u['value_accuracy']:.2f} "
                     f"({u['value_correct']}/{u['matched']})")
    return "\n".join(lines) + "\n"
