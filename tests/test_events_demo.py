"""The demo dossier read as a reader would: each event once, findings that mean something."""

from __future__ import annotations

from collections import Counter

import pytest


@pytest.mark.model
def test_no_two_events_share_a_summary(demo_build):
    _, result = demo_build
    counts = Counter(" ".join(e.summary.split()) for e in result.dossier.events)
    assert [s for s, n in counts.items() if n > 1] == []


@pytest.mark.model
def test_every_event_summary_slices_its_document(demo_build):
    _, result = demo_build
    docs = {d.id: d.text for d in result.dossier.documents}
    for e in result.dossier.events:
        assert any(docs[ev.doc][ev.start:ev.end] == ev.text == e.summary for ev in e.evidence)


@pytest.mark.model
def test_single_source_findings_are_named_notable_claims(demo_build):
    from storyline.reconcile.findings import MONEY_TYPES, NOTABLE_TYPES

    _, result = demo_build
    events = {e.id: e for e in result.dossier.events}
    for f in result.dossier.findings:
        if f.kind == "single_source":
            e = events[f.events[0]]
            assert e.key or (e.entities and (e.type in NOTABLE_TYPES or e.type in MONEY_TYPES))


@pytest.mark.model
def test_no_stretch_of_text_is_evidence_for_two_events(demo_build):
    _, result = demo_build
    spans = Counter((ev.doc, ev.start, ev.end) for e in result.dossier.events for ev in e.evidence)
    assert [s for s, n in spans.items() if n > 1] == []
