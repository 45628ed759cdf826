"""Timeline17 through the product: build each topic's dossier from its article files, score the
timeline the dossier itself shows (``storyline eval tls --route dossier``).

The method route (:func:`storyline.evaluate.tls.run`) feeds Timeline17's sentences straight to the
summarizer. This route measures what a user gets instead: each merged topic's ``InputDocs`` folders
are built with :func:`storyline.pipeline.build` exactly as ``storyline build`` would (publication
dates from the ``<yyyy-mm-dd>/`` folder names, :func:`storyline.ingest.dates.date_from_path`; no
manifest), and for each reference timeline the dossier's own timeline (:func:`dossier_timeline`)
is cut to the reference's ``l`` dates and ``k`` sentences per date inside its span (the news-tls
protocol gives systems the span too), then scored with the same tilse + ROUGE-1.5.5 harness.

Dossiers are built into ``out/<topic>`` (default ``build/tls-dossier``); a build is idempotent and
resumable, so a second run only re-reads the stores.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..records import Dossier, Event
from ..tls.events import day_of, headline
from .tls import PUBLISHED_T17, average, load_t17, score_timelines

DEFAULT_OUT = Path("build") / "tls-dossier"


def dossier_timeline(dossier: Dossier, l: int, k: int, start: date | None = None,
                     end: date | None = None) -> dict[date, list[str]]:
    """The dossier's own timeline cut to ``l`` dates of ``k`` sentences: its events with a day of
    their own inside ``[start, end]``, in the dossier's key-event ranking (``rank``; the key events
    are its first ranks); a date's sentences are the headlines of its events in that order, as the
    timeline shows them (one entry per event), each text once (a headline holding one already taken
    is not taken again).

    Before 2026-12-04 a date's first event also gave its other evidence sentences before the next
    event's headline: that is not what a reader sees, and it scored lower on the 19 timelines
    (AR1-F 0.110 against 0.118 on the same dossiers)."""
    ranked: Sequence[Event] = sorted((e for e in dossier.events if e.rank), key=lambda e: e.rank)
    out: dict[date, list[str]] = {}
    for ev in ranked:
        d = day_of(ev)
        if d is None or (start and d < start) or (end and d > end):
            continue
        if d not in out:
            if len(out) >= l:
                continue
            out[d] = []
        text = " ".join(headline(ev.summary).split())  # a headline, without any furniture left in front
        if len(out[d]) < k and text and not any(text in x or x in text for x in out[d]):
            out[d].append(text)
    return {d: s for d, s in sorted(out.items()) if s}


def run(data: Path | None = None, limit: int = 0, *, out: Path | None = None,
        topics: Sequence[str] | None = None, settings=None) -> dict[str, Any]:
    """Build and score; ``limit``: the first N topics only, ``topics``: these merged topics."""
    from .. import pipeline
    from ..paths import benchmark_dir
    from ..settings import Settings

    root = Path(data) if data else benchmark_dir("timeline17")
    out = Path(out) if out else DEFAULT_OUT
    settings = settings or Settings()
    t17 = [t for t in load_t17(root) if topics is None or t.name in topics]
    if limit:
        t17 = t17[:limit]
    rows, pairs, build_seconds, sizes = [], [], {}, {}
    for topic in t17:
        t0 = time.perf_counter()
        dossier = pipeline.build(topic.inputs, out=out / topic.name, settings=settings).dossier
        build_seconds[topic.name] = time.perf_counter() - t0
        dated = sum(1 for d in dossier.documents if d.published)
        sizes[topic.name] = {"documents": len(dossier.documents), "dated_documents": dated,
                             "events": len(dossier.events)}
        for task in topic.tasks:
            start, end = task.span
            pred = dossier_timeline(dossier, task.l, task.k, start, end)
            pairs.append((pred, task.reference))
            rows.append({"name": task.name, "topic": topic.name, "l": task.l, "k": task.k, "dates": len(pred)})
    scores = score_timelines(pairs) if pairs else []
    for row, sc in zip(rows, scores):
        row.update(sc)
    return {
        "system": "storyline dossier route (storyline build per topic; the dossier's own timeline)",
        "protocol": "news-tls: l, k and span from each reference; tilse align+ m:1 ROUGE-1.5.5; "
                    "P/R averaged over timelines, F of the averages",
        "timelines": rows,
        "average": average(scores),
        "topics": len(t17),
        "dossiers": sizes,
        "seconds_per_topic": {"build": sum(build_seconds.values()) / max(len(t17), 1)},
        "published": {k: list(v) for k, v in PUBLISHED_T17.items()},
    }


def report(result: dict[str, Any]) -> str:
    lines = [f"Timeline17 — {result['system']}, {len(result['timelines'])} timelines, {result['topics']} topics",
             f"protocol: {result['protocol']}", "",
             f"{'timeline':58} {'l':>4} {'k':>2} {'dates':>5} {'AR1-F':>7} {'AR2-F':>7} {'Date-F1':>7}"]
    for r in result["timelines"]:
        lines.append(f"{r['name'][:58]:58} {r['l']:4d} {r['k']:2d} {r['dates']:5d} {r['rouge_1']['f_score']:7.3f} "
                     f"{r['rouge_2']['f_score']:7.3f} {r['date']['f_score']:7.3f}")
    lines += ["", "dossiers: " + "; ".join(f"{t}: {s['documents']} articles ({s['dated_documents']} dated), "
                                             f"{s['events']} events" for t, s in result["dossiers"].items()), ""]
    lines.append(f"{'system':34} {'AR1-F':>7} {'AR2-F':>7} {'Date-F1':>7}")
    for name, (a1, a2, df) in result.get("published", {}).items():
        lines.append(f"{name + ' (published)':34} {a1:7.3f} {a2:7.3f} {df:7.3f}")
    avg = result["average"]
    lines.append(f"{'storyline dossier (this run)':34} {avg['rouge_1']['f_score']:7.3f} "
                 f"{avg['rouge_2']['f_score']:7.3f} {avg['date']['f_score']:7.3f}")
    lines.append(f"\nseconds per topic: {result['seconds_per_topic']['build']:.1f} s building (annotation included)")
    return "\n".join(lines)
