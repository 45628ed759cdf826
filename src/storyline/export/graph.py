"""``entities.gexf`` and ``entities.graphml``: the dossier's entity graph for Gephi, networkx, Cytoscape.

Nodes are the dossier's entities (id = entity id; ``label`` its name, ``type``, ``mentions``,
``aliases`` joined by "; "). Edges are of two kinds, both directed ``source -> target``:

- a **relation** (:class:`Relation`: invested_in, funded, hired, ...): ``weight`` is its number of
  evidence spans;
- a **co-occurrence** (``co_event``): two entities an event names together. A story's relations are
  few (the rules that find them are strict), while the events say who was involved with whom far
  more often, so the graph keeps that too; ``weight`` is the number of events the pair shares. The
  pair has no direction: it is written from the smaller entity id to the larger.

Parallel edges of one pair and one kind are merged into one edge whose ``weight`` is the sum (two
``funded`` relations Microsoft -> OpenAI with 2 and 1 spans make one edge of weight 3); edges of
different kinds between one pair stay apart (a multigraph; an edge's key, and so its GraphML id, is
``kind:source:target``, unique in the file). Every edge also has
``relation`` (the kind; GEXF reserves an edge's ``type`` for directed/undirected, so the kind is not
called ``type`` here), ``label`` (the same, for Gephi), ``evidence`` and ``evidence_doc`` (the first
evidence span's text and document) and ``records`` (the ids of the relations or events behind it,
space separated). Attribute values are strings, integers or floats only: both formats reject None
and lists. Ends that are not entities of the dossier are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import networkx as nx

from ..records import Dossier, Evidence

GEXF_NAME = "entities.gexf"
GRAPHML_NAME = "entities.graphml"
CO_EVENT = "co_event"
LIST_SEP = "; "


@dataclass
class _Edge:
    weight: int = 0
    evidence: Evidence | None = None
    records: list[str] = field(default_factory=list)

    def add(self, record: str, weight: int, evidence: Evidence | None) -> None:
        self.weight += weight
        self.records.append(record)
        if self.evidence is None:
            self.evidence = evidence


def build(dossier: Dossier) -> nx.MultiDiGraph:
    """The entity graph: a multigraph with one edge per pair and kind, keyed ``kind:source:target``."""
    g = nx.MultiDiGraph()
    for e in dossier.entities:
        g.add_node(e.id, label=e.name, type=e.type, mentions=int(e.mentions), aliases=LIST_SEP.join(e.aliases))
    edges: dict[tuple[str, str, str], _Edge] = {}
    for r in dossier.relations:
        if r.source in g and r.target in g:
            edges.setdefault((r.source, r.target, r.type), _Edge()).add(
                r.id, len(r.evidence), r.evidence[0] if r.evidence else None)
    for ev in dossier.events:
        linked = sorted({x for x in ev.entities if x in g})
        for a, b in combinations(linked, 2):
            edges.setdefault((a, b, CO_EVENT), _Edge()).add(ev.id, 1, ev.evidence[0] if ev.evidence else None)
    for (u, v, kind), edge in edges.items():
        g.add_edge(u, v, key=f"{kind}:{u}:{v}", relation=kind, label=kind, weight=edge.weight,
                   evidence=edge.evidence.text if edge.evidence else "",
                   evidence_doc=edge.evidence.doc if edge.evidence else "", records=" ".join(edge.records))
    return g


def write_gexf(dossier: Dossier, out_dir: Path) -> Path:
    path = Path(out_dir) / GEXF_NAME
    nx.write_gexf(build(dossier), path)
    return path


def write_graphml(dossier: Dossier, out_dir: Path) -> Path:
    path = Path(out_dir) / GRAPHML_NAME
    nx.write_graphml(build(dossier), path)
    return path
