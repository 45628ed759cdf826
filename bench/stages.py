"""Seconds spent in each stage of a build, for the bench scripts: the stage functions are wrapped
for the duration of a ``with timed() as spent:`` block (outermost calls only are counted, so a stage
that calls itself is not counted twice). A stage listed here that the code no longer has, or that
the block never ran, is dropped from the table when the block ends, not an error: the benches then
still run on older commits."""

from __future__ import annotations

import time
from contextlib import contextmanager
from importlib import import_module

# (label, module, function); labels indented with two spaces are parts of the stage above
STAGES = [
    ("read inputs", "storyline.ingest.read", "ingest"),
    ("count repeated lines (furniture)", "storyline.ingest.clean", "line_counts"),
    ("clean", "storyline.ingest.clean", "clean"),
    ("annotate (spaCy, time, money)", "storyline.pipeline", "_annotate_into"),
    ("  time expressions", "storyline.annotate.timex", "tag"),
    ("  money and quantities", "storyline.annotate.quantities", "extract"),
    ("  sentence records", "storyline.annotate.document", "_sentences"),
    ("  entity mention records", "storyline.annotate.document", "_mentions"),
    ("  parse serialised", "storyline.pipeline", "_row"),
    ("  store annotations", "storyline.store", "Store.put_annotated"),
    ("reconcile", "storyline.pipeline", "reconcile"),
    ("  entities", "storyline.reconcile.entities", "reconcile"),
    ("  near-copies", "storyline.pipeline", "_near_copies"),
    ("  per-document (ledger, events, quotes)", "storyline.pipeline", "_per_document"),
    ("  event coreference", "storyline.reconcile.coref", "cluster"),
    ("  key events", "storyline.tls", "key_ranking"),
    ("  findings", "storyline.reconcile.findings", "find"),
    ("  findings and coverage", "storyline.reconcile.findings", "find_with_coverage"),
    ("  coverage", "storyline.reconcile.findings", "coverage"),
    ("  relations", "storyline.reconcile.relations", "derive"),
    ("store the dossier", "storyline.store", "Store.replace_items"),
    ("write dossier.json", "storyline.pipeline", "write_json"),
]


@contextmanager
def timed(stages=STAGES):
    """Seconds spent in each of ``stages`` while the block runs, by label."""
    spent = {label: 0.0 for label, *_ in stages}
    depth = {label: 0 for label, *_ in stages}
    called: set[str] = set()
    undo = []
    for label, module, name in stages:
        owner = import_module(module)
        attr = name
        if "." in name:
            cls, attr = name.split(".")
            owner = getattr(owner, cls)
        if not hasattr(owner, attr):
            spent.pop(label)
            continue
        real = getattr(owner, attr)

        def wrapper(*a, _real=real, _label=label, **k):
            called.add(_label)
            depth[_label] += 1
            t0 = time.perf_counter()
            try:
                return _real(*a, **k)
            finally:
                depth[_label] -= 1
                if not depth[_label]:
                    spent[_label] += time.perf_counter() - t0

        setattr(owner, attr, wrapper)
        undo.append((owner, attr, real))
    try:
        yield spent
    finally:
        for owner, attr, real in reversed(undo):
            setattr(owner, attr, real)
        for label in set(spent) - called:  # a stage this code has but never ran (``coverage`` beside
            spent.pop(label)  # ``find_with_coverage``): no row of zeros in the table
