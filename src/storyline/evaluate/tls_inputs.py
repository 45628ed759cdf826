"""Timeline17 on the input the published systems used (``storyline eval tls --route news-tls-input``).

The Timeline17 files here are the original release; news-tls (Gholipour Ghalandari & Ifrim, ACL
2020), whose protocol and published figures the method route compares with, gave its systems a
preprocessed copy with 10-17 % fewer articles (finan 298 -> 256). For comparability this route runs
the method route twice on the topics that copy holds here (finan, h1n1, haiti, mj: 6 of the 19
timelines), once on the original files and once on the news-tls articles, with the packaged date
model and summarizer setting both times (leave-one-topic-out needs all nine topics), and prints the
two side by side with the article counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import tls


def run(data: Path | None = None, limit: int = 0) -> dict[str, Any]:
    topics = [t.name for t in tls.load_t17(data, articles="news-tls")]
    if not topics:
        raise tls.BenchmarkDataError("no Timeline17 topic has news-tls articles here "
                                     "(shared/benchmarks/news-tls-format/t17/<topic>/articles.preprocessed.jsonl.gz)")
    out: dict[str, Any] = {"topics": topics, "runs": {}}
    for articles in ("files", "news-tls"):
        result = tls.run(data, limit, model="packaged", summary="packaged", topics=topics, check_sdf=False,
                         articles=articles)
        counts = {t.name: len(t.articles) for t in tls.load_t17(data, articles=articles) if t.name in topics}
        out["runs"][articles] = {"average": result["average"], "timelines": result["timelines"], "articles": counts}
    return out


def report(result: dict[str, Any]) -> str:
    lines = [f"Timeline17 on two article sets, topics {', '.join(result['topics'])} (packaged date model and summarizer)",
             "", f"{'input':36} {'articles':>9} {'timelines':>9} {'AR1-F':>7} {'AR2-F':>7} {'Date-F1':>7}"]
    for name, run in result["runs"].items():
        a = run["average"]
        label = "original files" if name == "files" else "news-tls input (published systems)"
        lines.append(f"{label:36} {sum(run['articles'].values()):9d} {len(run['timelines']):9d} "
                     f"{a['rouge_1']['f_score']:7.3f} {a['rouge_2']['f_score']:7.3f} {a['date']['f_score']:7.3f}")
    lines.append("")
    lines.append("articles per topic: " + "; ".join(
        f"{t}: {result['runs']['files']['articles'][t]} files, {result['runs']['news-tls']['articles'][t]} news-tls"
        for t in result["topics"]))
    return "\n".join(lines)
