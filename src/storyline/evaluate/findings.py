"""Findings against a fact-checker's gold: is each finding right, and which happenings does it miss?

The gold files in ``findings_gold/`` were written by reading the articles, never the dossier:
``msft-openai.json`` (the demo: every happening the five articles report, the files that report
each with a quote, which documents rewrite which outlet, the conflicts, the ledger's true total)
and ``h1n1.json`` (30 key happenings of the 2009 swine flu story and which of BBC, the Guardian
and Reuters report each, with quotes). A gold report is located in a document's cleaned text by
its quote; a finding's evidence sentence reports a gold happening when it overlaps one of that
happening's quotes in the same document (for H1N1, whose gold quotes a sample of each happening's reports, also
when it is as like one of them as TF-IDF cosine 0.3 and published within a week of it: an
approximation, reported as such).

A finding is **right** when a careful reader would confirm it:

* ``corroborated``: its evidence sentences all report one gold happening, from at least two
  sources that are independent by the gold's reading (a document that rewrites an outlet counts as
  that outlet);
* ``single_source``: its evidence reports a gold happening that only one independent source
  reports;
* ``conflict``: its two sides are two sides of one gold conflict.

Precision is the share of findings that are right (findings about nothing the gold lists count as
wrong for the demo, whose gold lists every happening; for H1N1, whose gold lists 30 happenings, they
are reported as unjudged and left out). Recall: the share of gold happenings reported by two or more
independent sources that a right ``corroborated`` finding covers, and of key gold happenings with one
source that a right ``single_source`` finding covers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..export.markdown import money
from ..records import Dossier
from .gold import load_gold as _load

GOLD_DIR = Path(__file__).with_name("findings_gold")


def load_gold(name_or_path: str | Path) -> dict[str, Any]:
    return _load(GOLD_DIR, name_or_path)


def _file_key(gold: dict, path: str) -> str | None:
    """The gold's name for a document: a file name (demo) or a path under the benchmark (H1N1)."""
    posix = Path(path.split("#")[0]).as_posix()
    names = set(gold.get("documents", {})) | {r["file"] for h in gold["happenings"] for r in h["reports"]}
    for n in names:
        if posix == n or posix.endswith("/" + n):
            return n
    parts = posix.split("/")
    for i, part in enumerate(parts):  # a gold by outlet folder (H1N1): the path from that folder on
        if part in gold.get("outlets", {}):
            return "/".join(parts[i:])
    return None


def _gold_source(gold: dict, file: str) -> str:
    """The independent source of a gold file: the outlet whose story it rewrites, else its outlet,
    else the file itself (H1N1: the outlet of its folder)."""
    outlets = gold.get("outlets")
    if outlets:
        return outlets.get(file.split("/")[0], file)
    d = gold.get("documents", {}).get(file, {})
    return d.get("based_on") or d.get("outlet") or file


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    out = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
    if not out:  # cleaning may have changed spacing: match on words
        pattern = r"\s+".join(re.escape(w) for w in quote.split())
        out = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return out


def score(dossier: Dossier, gold: dict[str, Any]) -> dict[str, Any]:
    """Judge every finding of ``dossier`` against ``gold``; precision, recall and the judgements."""
    files = {d.id: _file_key(gold, d.path) for d in dossier.documents}
    text = {d.id: d.text for d in dossier.documents}
    by_file = {f: doc for doc, f in files.items() if f}
    # where each gold happening / conflict side is told, in the dossier's cleaned texts
    told: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    sources_of: dict[str, set[str]] = {}
    for h in gold["happenings"]:
        sources_of[h["id"]] = {_gold_source(gold, r["file"]) for r in h["reports"]}
        for r in h["reports"]:
            doc = by_file.get(r["file"])
            if doc:
                told[h["id"]] += [(doc, s, e) for s, e in _spans(text[doc], r["quote"])]
    sides: dict[str, list[list[tuple[str, int, int]]]] = defaultdict(list)
    for c in gold.get("conflicts", []):
        for side in c["sides"]:
            doc = by_file.get(side["file"])
            sides[c["id"]].append([(doc, s, e) for s, e in _spans(text[doc], side["quote"])] if doc else [])

    exhaustive = not gold.get("outlets")
    similar = None if exhaustive else _similar(gold, dossier)

    def reports(ev) -> set[str]:
        hit = {h for h, spans in told.items() if any(d == ev.doc and s < ev.end and ev.start < e for d, s, e in spans)}
        return hit or (similar(ev) if similar else set())

    judged, covered = [], {"corroborated": set(), "single_source": set()}
    for f in dossier.findings:
        verdict, happening, why = None, None, ""
        if f.kind == "conflict":
            hit = [cid for cid, ss in sides.items()
                   if len(f.evidence) >= 2 and all(any(any(d == ev.doc and s < ev.end and ev.start < e for d, s, e in side)
                                                       for side in ss) for ev in f.evidence)]
            verdict = bool(hit) if (hit or exhaustive) else None
            why = hit[0] if hit else "no gold conflict has these two sides"
        else:
            matched = [reports(ev) for ev in f.evidence]
            if not exhaustive:  # a sampled gold: a sentence like no quote is unknown, not a different happening
                matched = [m for m in matched if m]
            common = set.intersection(*matched) if matched else set()
            if not any(matched):
                verdict = False if exhaustive else None
                why = "tells no gold happening"
            elif not common:
                verdict, why = False, "its evidence tells different happenings"
            else:
                # a sentence can tell two happenings: the finding is right if it is right about one
                want_multi = f.kind == "corroborated"
                happening = sorted(common, key=lambda h: ((len(sources_of[h]) >= 2) != want_multi, h))[0]
                gold_n = len(sources_of[happening])
                if f.kind == "corroborated":
                    cited = {_gold_source(gold, files[ev.doc]) for ev in f.evidence if files.get(ev.doc)}
                    verdict = gold_n >= 2 and len(cited) >= 2
                    why = f"{happening}: {gold_n} independent sources in gold, {len(cited)} among the evidence"
                else:
                    verdict = gold_n == 1
                    why = f"{happening}: {gold_n} independent source(s) in gold"
                if verdict:
                    covered[f.kind].add(happening)
        judged.append({"id": f.id, "kind": f.kind, "right": verdict, "happening": happening, "why": why,
                       "summary": f.summary})
    decided = [j for j in judged if j["right"] is not None]
    right = sum(1 for j in decided if j["right"])
    multi = [h["id"] for h in gold["happenings"] if len(sources_of[h["id"]]) >= 2]
    single_key = [h["id"] for h in gold["happenings"] if len(sources_of[h["id"]]) == 1 and h.get("key", True)]
    by_kind = {}
    for kind in ("corroborated", "single_source", "conflict"):
        ks = [j for j in decided if j["kind"] == kind]
        by_kind[kind] = {"findings": sum(1 for j in judged if j["kind"] == kind), "judged": len(ks),
                         "right": sum(1 for j in ks if j["right"])}
    return {
        "story": gold["story"],
        "findings": len(judged), "judged": len(decided), "right": right,
        "precision": right / len(decided) if decided else None,
        "recall_corroborated": len(covered["corroborated"] & set(multi)) / len(multi) if multi else None,
        "recall_single_source_key": (len(covered["single_source"] & set(single_key)) / len(single_key)
                                     if single_key else None),
        "gold": {"happenings": len(gold["happenings"]), "multi_source": len(multi), "single_source_key": len(single_key)},
        "by_kind": by_kind,
        "ledger": _ledger(dossier, gold),
        "judgements": judged,
    }


SIMILAR_COSINE = 0.3  # a sentence this close (TF-IDF) to a sampled gold quote tells that happening
SIMILAR_DAYS = 7  # ... when published within a week of the happening


def _similar(gold: dict, dossier: Dossier):
    """For a gold that quotes a sample of each happening's reports (H1N1: up to three per outlet):
    the happenings a sentence tells by likeness to their quotes, published near their date."""
    from datetime import date as _date

    from types import SimpleNamespace

    from ..tls.summarize import fit_vectors

    quotes = [(h["id"], h.get("date"), r["quote"]) for h in gold["happenings"] for r in h["reports"]]
    # the summarizer's TF-IDF, fitted on the quotes and the findings' sentences together
    texts = [q for _h, _d, q in quotes] + [ev.text for f in dossier.findings for ev in f.evidence]
    fitted = fit_vectors([SimpleNamespace(text=t) for t in texts])
    if fitted is None:
        return lambda ev: set()
    vectorizer, rows = fitted
    matrix = rows[:len(quotes)]
    published = {d.id: d.published for d in dossier.documents}

    def near(doc: str, day: str | None) -> bool:
        try:
            return bool(day and published.get(doc)
                        and abs((published[doc] - _date.fromisoformat(day[:10] if len(day) >= 10 else day + "-01")).days)
                        <= SIMILAR_DAYS + (0 if len(day) >= 10 else 31))
        except ValueError:
            return False

    def told(ev) -> set[str]:
        sims = (matrix @ vectorizer.transform([ev.text]).T).toarray().ravel()
        return {quotes[i][0] for i in range(len(quotes)) if sims[i] >= SIMILAR_COSINE and near(ev.doc, quotes[i][1])}

    return told


def _ledger(dossier: Dossier, gold: dict) -> list[dict[str, Any]]:
    """Each gold relationship's true range beside the dossier's total for it."""
    out = []
    rels = dossier.meta.get("ledger", {}).get("relationships", [])
    names = {e.id: {e.name.lower(), *(a.lower() for a in e.aliases)} for e in dossier.entities}

    def called(eid: str | None, name: str | None, wanted: str) -> bool:  # its name or one of its aliases
        return wanted.lower() in names.get(eid or "", set()) | {(name or "").lower()}

    for g in gold.get("ledger", []):
        mine = [r for r in rels if called(r.get("payer"), r["payer_name"], g["payer"])
                and called(r.get("payee"), r["payee_name"], g["payee"])]
        total = next((t for r in mine for t in r["totals"] if t.get("currency") in (None, "USD")), None)
        low = total.get("low") if total else None
        out.append({"relationship": f"{g['payer']} -> {g['payee']}", "gold": [g["total_low"], g["total_high"]],
                    "dossier": [low, total.get("high")] if total else None,
                    "figure": (total.get("figure") or money(total)) if total else None,
                    "within": bool(total and low is not None and g["total_low"] <= low <= g["total_high"])})
    return out


def report(result: dict[str, Any]) -> str:
    def pct(x):
        return "-" if x is None else f"{100 * x:.0f} %"

    lines = [f"Findings against the {result['story']} gold ({result['gold']['happenings']} happenings, "
             f"{result['gold']['multi_source']} reported by 2+ independent sources)",
             f"precision {pct(result['precision'])} ({result['right']} right of {result['judged']} judged, "
             f"{result['findings']} findings)",
             f"recall: corroborated {pct(result['recall_corroborated'])}, "
             f"single-source key happenings {pct(result['recall_single_source_key'])}"]
    for kind, k in result["by_kind"].items():
        lines.append(f"  {kind:14} {k['right']}/{k['judged']} right ({k['findings']} findings)")
    for r in result["ledger"]:
        lines.append(f"ledger {r['relationship']}: dossier {r['figure'] or r['dossier']} "
                     f"(gold {r['gold'][0] / 1e9:g}-{r['gold'][1] / 1e9:g} billion): "
                     f"{'within' if r['within'] else 'OUTSIDE'}")
    lines.append("")
    for j in result["judgements"]:
        mark = {True: "right", False: "WRONG", None: "unjudged"}[j["right"]]
        lines.append(f"[{mark:8}] {j['kind']:14} {j['summary'][:150]}")
        lines.append(f"{'':26}{j['why']}")
    return "\n".join(lines)


__all__ = ["GOLD_DIR", "load_gold", "report", "score"]
