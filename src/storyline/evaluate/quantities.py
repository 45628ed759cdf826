"""Score the quantity extractor on NewsQuant (CQE, Almasian et al. EMNLP 2023).

The comparison follows the CQE evaluation (``satya77/CQE_Evaluation``,
``evaluate_models.py``), re-implemented here:

* a gold value ``"a-b"`` is a range and matches only a predicted (low, high) pair
  with both ends close (``numpy.isclose`` defaults: rtol 1e-5, atol 1e-8), in order;
  a single value matches a single value;
* units are compared as lower-cased normalised unit names (``"dollar"``,
  ``"percentage"``, ``"mile per hour"``, ``"-"`` for no unit);
* change is one of ``= ~ > < up down``;
* precision = matched / predictions, recall = matched / gold quantities.

Two countings are reported. **One-to-one** (the headline): per sentence a
maximum bipartite matching between gold and predicted quantities, so a gold
quantity is matched by at most one prediction and a prediction matches at most
one gold quantity; each criterion (value, value+unit, value+change) gets its own
matching. **Lenient** mirrors the published script: a prediction whose value
matches but whose unit does not stays available, so duplicate predictions can
match the same gold quantity again (value counts are only capped per sentence).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Callable

from .. import paths
from ..annotate import quantities
from ..errors import BenchmarkDataError

DATASET = "data/formatted_test_set/NewsQuant.json"
# published results (data/evaluation_output/NewsQuant.csv in CQE_Evaluation @ 190c0ce4)
PUBLISHED: dict[str, dict[str, tuple[float, float, float] | None]] = {
    "CQE-Numparser": {"value": (92.0, 91.9, 92.0), "value+unit": (85.6, 85.5, 85.6), "value+change": (88.2, 88.1, 88.1)},
    "quantulum3": {"value": (65.0, 83.3, 73.0), "value+unit": (42.1, 53.9, 47.2), "value+change": None},
    "text-recognizer": {"value": (59.7, 82.2, 69.1), "value+unit": (29.6, 40.7, 34.2), "value+change": None},
    "ccg_nlp": {"value": (50.6, 66.0, 57.3), "value+unit": (32.8, 42.8, 37.1), "value+change": (44.2, 57.6, 50.0)},
    "GPT3": {"value": (72.1, 69.1, 70.6), "value+unit": (60.3, 57.9, 59.1), "value+change": (53.1, 50.9, 51.9)},
}
CRITERIA = ("value", "value+unit", "value+change")
# the Recognizers-Text test cases CQE evaluated on (development data here: NewsQuant is the test set);
# published CQE-Numparser value F1 / value+unit F1 from data/evaluation_output/<name>-model.csv
DEV_DIR = "data/formatted_test_set"
DEV_SETS = ("currency", "dimension", "age", "temperature")
PUBLISHED_DEV = {"currency": (84.2, 79.6), "dimension": (86.5, 79.2), "age": (93.3, 93.3), "temperature": (95.7, 92.8)}
# CQE unit names of currencies, to select the money subset of the gold data
MONEY_UNITS = frozenset({
    "dollar", "euro", "pound sterling", "japanese yen", "chinese yuan", "australian dollar", "hong kong dollar",
    "canadian dollar", "new zealand dollar", "singapore dollar", "shekel", "malaysian ringgit", "sen", "cent",
    "penny", "indian rupee", "south korean won", "swiss franc", "danish krone", "swedish krona", "norwegian krone",
    "south african rand", "turkish lira", "mexican peso", "brazilian real", "russian ruble", "bitcoin",
    "georgian lari", "croatian kuna", "sri lankan rupee", "new taiwan dollar", "indonesian rupiah",
})
_MINOR_UNITS = {"cent": 100.0, "penny": 100.0, "sen": 100.0}

Value = float | tuple[float, float]


def _gold_value(raw: str) -> Value:
    # same decoding as the published script: "a-b" is a range unless the string is negative or in E notation
    if "E" not in raw and not raw.startswith("-") and "-" in raw:
        a, b = raw.split("-", 1)
        return (float(a), float(b))
    return float(raw)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-8 + 1e-5 * abs(b)


def values_match(gold: Value, pred: Value) -> bool:
    if isinstance(gold, tuple) != isinstance(pred, tuple):
        return False
    if isinstance(gold, tuple):
        return _close(pred[0], gold[0]) and _close(pred[1], gold[1])  # type: ignore[index]
    return _close(pred, gold)  # type: ignore[arg-type]


def _pred_value(a) -> Value | None:
    # CQE writes a range in the order of the text ("fell from $2,415 to $2,315" -> 2415-2315)
    v = quantities.text_order(a) or quantities.stated_value(a)
    if v is None:
        return None
    base = (a.unit or "").split(" per ")[0]
    factor = _MINOR_UNITS.get(base, 1.0)
    if isinstance(v, tuple):
        return (v[0] * factor, v[1] * factor)
    return v * factor


def predict(text: str, doc=None) -> list[dict[str, Any]]:
    """Our quantities in the benchmark's shape: value, normalized_unit, change, money flag.

    With ``doc`` (a spaCy parse of ``text``) the regex output is refined with the parse
    (:func:`storyline.annotate.quantities.refine_units`), as in the pipeline's ledger stage.
    """
    out = []
    amounts = quantities.extract(text, all_numbers=True)
    if doc is not None:
        amounts = quantities.refine_units(amounts, doc)
    for a in amounts:
        v = _pred_value(a)
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        unit = (a.unit or "-").lower()
        if unit == quantities.SHARE:  # a share of something unnamed: CQE writes "% -"
            unit = "% -"
        out.append({"value": v, "normalized_unit": unit, "change": a.change or "=",
                    "money": a.kind == "money", "text": a.text})
    return out


def _max_matching(n_gold: int, n_pred: int, ok: Callable[[int, int], bool]) -> int:
    """Size of a maximum bipartite matching (augmenting paths; sentences have a handful of quantities)."""
    adj = [[j for j in range(n_pred) if ok(i, j)] for i in range(n_gold)]
    owner = [-1] * n_pred

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] < 0 or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(1 for i in range(n_gold) if augment(i, set()))


def _criteria_ok(criterion: str, g: dict, p: dict) -> bool:
    if not values_match(g["value"], p["value"]):
        return False
    if criterion == "value+unit":
        return g["normalized_unit"] == p["normalized_unit"]
    if criterion == "value+change":
        return g["change"] == p["change"]
    return True


def _lenient_counts(gold: list[dict], preds: list[dict]) -> dict[str, int]:
    """The published script's counting (re-implemented): duplicates may match again."""
    counts = {c: 0 for c in CRITERIA}
    tags = sorted(preds, key=lambda d: d["normalized_unit"])
    budget = len(gold)
    for g in sorted(gold, key=lambda d: d["normalized_unit"]):
        for p in list(tags):
            if not values_match(g["value"], p["value"]):
                continue
            if budget > 0:
                counts["value"] += 1
                budget -= 1
            if p["change"] == g["change"]:
                counts["value+change"] += 1
            if p["normalized_unit"] == g["normalized_unit"]:
                counts["value+unit"] += 1
                tags.remove(p)
                break
    return counts


def _prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(100 * p, 1), "R": round(100 * r, 1), "F1": round(100 * f, 1), "tp": tp}


def load(data: Path | None) -> list[dict]:
    root = Path(data) if data is not None else paths.benchmark_dir("newsquant-cqe")
    path = root / DATASET if (root / DATASET).exists() else root
    if path.is_dir() or not path.exists():
        raise BenchmarkDataError(f"NewsQuant data not found: expected {root / DATASET}")
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise BenchmarkDataError(f"{path}: not readable as NewsQuant JSON ({exc})") from exc
    if not isinstance(items, list) or not all(isinstance(x, dict) and "text" in x for x in items):
        raise BenchmarkDataError(f"{path}: expected a list of {{text, quantities}} objects")
    return items


def parse(texts: list[str]) -> list:
    """spaCy parses ("full" mode: tagger, parser, lemmatizer) of the benchmark sentences."""
    from ..annotate import nlp

    model = nlp.load(mode="full")
    return list(model.pipe(texts, batch_size=64))


def run(data: Path | None, limit: int = 0, *, use_parse: bool = True, dev: bool = True) -> dict:
    """Score NewsQuant (or one of the Recognizers-Text sets, given its JSON file) one-to-one and leniently.

    ``use_parse=False`` scores the regex extractor alone (the annotate stage's view). With ``dev`` (and a
    benchmark folder, no limit) the four Recognizers-Text development sets next to NewsQuant are scored too.
    """
    items = load(data)
    if limit:
        items = items[:limit]
    result = _score(items, use_parse)
    result["dataset"] = Path(data).stem if data is not None and Path(data).is_file() else "NewsQuant"
    result["published"] = {k: {c: (list(v) if v else None) for c, v in d.items()} for k, d in PUBLISHED.items()}
    root = Path(data) if data is not None else paths.benchmark_dir("newsquant-cqe")
    if dev and not limit and root.is_dir():
        result["dev"] = {}
        for name in DEV_SETS:
            path = root / DEV_DIR / f"{name}-model.json"
            if path.exists():
                scores = _score(load(path), use_parse)
                result["dev"][name] = {"sentences": scores["sentences"], "gold": scores["gold"],
                                       "one_to_one": scores["one_to_one"],
                                       "published": list(PUBLISHED_DEV[name])}
    return result


def _score(items: list[dict], use_parse: bool) -> dict:
    docs = parse([item["text"] for item in items]) if use_parse else [None] * len(items)
    totals = {"one_to_one": {c: 0 for c in CRITERIA}, "lenient": {c: 0 for c in CRITERIA},
              "money": {c: 0 for c in CRITERIA}}
    n_gold = n_pred = n_gold_money = n_pred_money = 0
    errors = []
    for item, doc in zip(items, docs):
        gold = [{"value": _gold_value(q["value"]), "normalized_unit": q["normalized_unit"].lower(),
                 "change": q.get("change", "=")} for q in item.get("quantities", [])]
        preds = predict(item["text"], doc)
        n_gold += len(gold)
        n_pred += len(preds)
        for c in CRITERIA:
            totals["one_to_one"][c] += _max_matching(len(gold), len(preds),
                                                     lambda i, j, c=c: _criteria_ok(c, gold[i], preds[j]))
        for c, v in _lenient_counts(gold, preds).items():
            totals["lenient"][c] += v
        gm = [g for g in gold if g["normalized_unit"].split(" per ")[0] in MONEY_UNITS]
        pm = [p for p in preds if p["money"]]
        n_gold_money += len(gm)
        n_pred_money += len(pm)
        for c in CRITERIA:
            totals["money"][c] += _max_matching(len(gm), len(pm), lambda i, j, c=c: _criteria_ok(c, gm[i], pm[j]))
        matched = _max_matching(len(gold), len(preds), lambda i, j: _criteria_ok("value+unit", gold[i], preds[j]))
        if matched < max(len(gold), len(preds)):
            errors.append({"text": item["text"], "gold": [(g["change"], g["value"], g["normalized_unit"]) for g in gold],
                           "pred": [(p["change"], p["value"], p["normalized_unit"]) for p in preds]})
    result: dict[str, Any] = {
        "parse": use_parse, "sentences": len(items), "gold": n_gold, "predicted": n_pred,
        "gold_money": n_gold_money, "predicted_money": n_pred_money,
        "one_to_one": {c: _prf(totals["one_to_one"][c], n_gold, n_pred) for c in CRITERIA},
        "lenient": {c: _prf(totals["lenient"][c], n_gold, n_pred) for c in CRITERIA},
        "money": {c: _prf(totals["money"][c], n_gold_money, n_pred_money) for c in CRITERIA},
        "errors": errors,
    }
    return result


def report(result: dict) -> str:
    lines = [
        f"NewsQuant: {result['sentences']} sentences, {result['gold']} gold quantities, "
        f"{result['predicted']} predicted",
        "",
        f"{'system':<34} {'value P/R/F1':>18} {'value+unit F1':>14} {'value+change F1':>16}",
    ]

    def row(name: str, scores: dict) -> str:
        v = scores.get("value")
        vu = scores.get("value+unit")
        vc = scores.get("value+change")

        def f1(x):
            if x is None:
                return "-"
            return f"{x['F1']:.1f}" if isinstance(x, dict) else f"{x[2]:.1f}"

        vtxt = (f"{v['P']:.1f}/{v['R']:.1f}/{v['F1']:.1f}" if isinstance(v, dict)
                else f"{v[0]:.1f}/{v[1]:.1f}/{v[2]:.1f}")
        return f"{name:<34} {vtxt:>18} {f1(vu):>14} {f1(vc):>16}"

    lines.append(row("storyline (one-to-one)", result["one_to_one"]))
    lines.append(row("storyline (lenient, published script)", result["lenient"]))
    for name, scores in result["published"].items():
        lines.append(row(f"{name} (published)", scores))
    lines += [
        "",
        f"money subset: {result['gold_money']} gold, {result['predicted_money']} predicted (one-to-one)",
        row("storyline money (one-to-one)", result["money"]),
        "",
        "One-to-one counts each gold quantity at most once; the published script lets a duplicate prediction",
        "match a gold quantity again (the lenient row). Published figures use the published script.",
        f"Units from the dependency parse: {'yes' if result.get('parse', True) else 'no (regex only)'}.",
    ]
    if result.get("dev"):
        lines += ["", "development sets (Recognizers-Text, one-to-one)   value P/R/F1  value+unit F1   "
                  "CQE value/v+u F1"]
        for name, d in result["dev"].items():
            v, vu = d["one_to_one"]["value"], d["one_to_one"]["value+unit"]
            lines.append(f"  {name:<12} {d['sentences']:>4} sentences {d['gold']:>4} gold   "
                         f"{v['P']:.1f}/{v['R']:.1f}/{v['F1']:.1f}        {vu['F1']:.1f}        "
                         f"{d['published'][0]:.1f} / {d['published'][1]:.1f}")
    return "\n".join(lines)


__all__ = ["PUBLISHED", "load", "predict", "report", "run", "values_match"]
