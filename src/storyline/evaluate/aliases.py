"""Aliases against a reader's gold: do the story's names end up in the right entities?

The gold files in ``aliases_gold/`` list the most frequent names a story's articles use (the 30
commonest name forms in the build's mentions, as the model finds them) and, for each, whom or what it
refers to in that story, written by reading the articles: ``"Murray": "Conrad Murray"``, ``"Dr
Murray": "Conrad Murray"``, ``"CNN": "CNN"``; ``null`` for a form that names no one ("AI" for
artificial intelligence, "Propofol"). ``types`` give the coarse type a reader expects of some
entities (a project is not a person).

Scoring, on a built dossier (``entities[].evidence`` says which entity holds each mention):

* each gold form's entity is the entity holding most of its mentions (a mention no entity holds is
  a singleton of its own form);
* **merge precision / recall**: over pairs of gold forms that name someone, a pair is merged by the
  build when both forms' entities are one, and should be when the gold gives both one referent;
  precision = right merged pairs / merged pairs, recall = right merged pairs / pairs to merge;
* **terms kept**: gold ``null`` forms the build still makes an entity of;
* **types**: the gold types the entity holding the form has (PERSON vs anything else is what the
  gold checks: "not a person" is all it says of a project or a product).
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

from ..reconcile.entities import _is_name_like, surface
from ..records import Mention
from .gold import load_gold as _load

GOLD_DIR = Path(__file__).with_name("aliases_gold")


def load_gold(name_or_path: str | Path) -> dict[str, Any]:
    return _load(GOLD_DIR, name_or_path)


def frequent_forms(mentions: list[Mention], n: int = 30) -> list[tuple[str, int]]:
    """The ``n`` commonest name forms of the mentions (how the gold's forms were chosen)."""
    return Counter(surface(m.text) for m in mentions if _is_name_like(m)).most_common(n)


def score(mentions: list[Mention], entities: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    """Merge precision and recall, terms kept and types of ``entities`` (dossier.json's, with
    ``evidence``) over the ``mentions`` of the build, against ``gold``."""
    holder = {(ev["doc"], ev["start"], ev["end"]): e["id"] for e in entities for ev in e.get("evidence", [])}
    etype = {e["id"]: e["type"] for e in entities}
    ename = {e["id"]: e["name"] for e in entities}
    votes: dict[str, Counter] = {}
    for m in mentions:
        votes.setdefault(surface(m.text), Counter())[holder.get((m.doc, m.start, m.end), f"solo:{surface(m.text)}")] += 1
    forms = {f: ref for f, ref in gold["names"].items() if f in votes}
    of = {f: votes[f].most_common(1)[0][0] for f in forms}
    named = sorted(f for f, ref in forms.items() if ref is not None)
    pairs = list(combinations(named, 2))
    merged = {p for p in pairs if of[p[0]] == of[p[1]]}
    should = {p for p in pairs if forms[p[0]] == forms[p[1]]}
    right = merged & should
    kept = sorted(f for f, ref in forms.items() if ref is None and not of[f].startswith("solo:"))
    types = []
    for f in named:
        want = gold.get("types", {}).get(forms[f])
        if want and not of[f].startswith("solo:"):
            got = etype[of[f]]
            types.append({"form": f, "entity": ename[of[f]], "type": got, "gold": want,
                          "right": (got == "PERSON") == (want == "PERSON")})
    return {
        "story": gold.get("story", ""),
        "forms": len(forms), "missing_forms": sorted(set(gold["names"]) - set(forms)),
        "pairs_merged": len(merged), "pairs_to_merge": len(should), "pairs_right": len(right),
        "precision": len(right) / len(merged) if merged else 1.0,
        "recall": len(right) / len(should) if should else 1.0,
        "wrong_merges": sorted(f"{a} + {b}" for a, b in merged - should),
        "missed_merges": sorted(f"{a} + {b}" for a, b in should - merged),
        "terms": sum(1 for ref in forms.values() if ref is None), "terms_kept": kept,
        "types_right": sum(t["right"] for t in types), "types_judged": len(types),
        "wrong_types": [t for t in types if not t["right"]],
        "entity_of": {f: ename.get(of[f], of[f]) for f in sorted(forms)},
    }


def report(result: dict[str, Any]) -> str:
    r = result
    lines = [f"Aliases against the gold of {r['story']} ({r['forms']} name forms)",
             f"merge precision {100 * r['precision']:.0f} % ({r['pairs_right']} of {r['pairs_merged']} merged pairs "
             f"right), recall {100 * r['recall']:.0f} % ({r['pairs_right']} of {r['pairs_to_merge']} pairs to merge)",
             f"terms made entities: {len(r['terms_kept'])} of {r['terms']}"
             + (f" ({', '.join(r['terms_kept'])})" if r["terms_kept"] else ""),
             f"types right: {r['types_right']} of {r['types_judged']}"]
    if r["wrong_merges"]:
        lines.append("wrongly merged: " + "; ".join(r["wrong_merges"]))
    if r["missed_merges"]:
        lines.append("not merged: " + "; ".join(r["missed_merges"]))
    for t in r["wrong_types"]:
        lines.append(f"wrong type: {t['form']} -> {t['entity']} ({t['type']}, gold {t['gold']})")
    if r["missing_forms"]:
        lines.append("gold forms not in this build: " + ", ".join(r["missing_forms"]))
    return "\n".join(lines)


def evaluate(out: Path, gold: dict[str, Any]) -> dict[str, Any]:
    """Score the dossier built in ``out`` (its store's mentions, its dossier.json's entities)."""
    from ..store import Store

    with Store(Path(out), read_only=True) as store:
        docs = {d.id for d in store.documents()}
        mentions = [m for _, ms, _, _, _ in store.annotations(docs, spacy_for=set()) for m in ms]
    entities = json.loads((Path(out) / "dossier.json").read_text(encoding="utf-8"))["entities"]
    return score(mentions, entities, gold)
