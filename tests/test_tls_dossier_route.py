"""Timeline17 through the product: the dossier's own timeline, cut and scored as the benchmark asks."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.evaluate import tls_dossier
from storyline.records import Dossier, Event, EventDate, Evidence


def _event(eid, value, rank, texts, start=None, end=None):
    return Event(id=eid, date=EventDate(value, start or value, end or value), summary=texts[0], rank=rank,
                 sources=("d",), evidence=tuple(Evidence("d", 0, len(t), t) for t in texts))


def test_the_dossier_timeline_takes_the_first_ranked_days_inside_the_span_k_headlines_each():
    events = (
        _event("a", "2011-02-01", 2, ["Protests begin in Cairo .", "Crowds fill Tahrir Square ."]),
        _event("b", "2011-02-01", 4, ["Police fire tear gas .", "Crowds fill Tahrir Square ."]),
        _event("b2", "2011-02-01", 6, ["Protests begin in Cairo today ."]),          # holds a taken headline
        _event("c", "2011-02-11", 3, ["Mubarak resigns ."]),
        _event("d", "2011-02-05", 5, ["A quiet day ."]),                        # beyond l = 2 dates
        _event("e", "2010-12-31", 1, ["Before the span ."]),                    # outside the span
        _event("f", "2011", 1, ["A year-long crisis ."], "2011-01-01", "2011-12-31"),  # no day of its own
        _event("g", None, 0, ["Undated ."], None, "2011-02-03"),                # unranked: reported only
    )
    tl = tls_dossier.dossier_timeline(Dossier(events=events), l=2, k=2, start=date(2011, 1, 1),
                                      end=date(2011, 3, 1))
    # a date's sentences are its events' headlines in rank order (one entry per event, as the
    # timeline shows them), not the first event's other evidence
    assert tl == {date(2011, 2, 1): ["Protests begin in Cairo .", "Police fire tear gas ."],
                  date(2011, 2, 11): ["Mubarak resigns ."]}


def test_only_ranked_events_reach_the_timeline():
    ev = _event("a", "2011-02-03", 1, ["Talks resume .", "Talks resumed in Geneva ."])
    unranked = _event("b", "2011-02-04", 0, ["Never ranked ."])
    assert tls_dossier.dossier_timeline(Dossier(events=(ev, unranked)), l=5, k=1) == {
        date(2011, 2, 3): ["Talks resume ."]}
    assert tls_dossier.dossier_timeline(Dossier(events=(ev, unranked)), l=5, k=2) == {
        date(2011, 2, 3): ["Talks resume ."]}  # one event, one entry: its other evidence is not an entry
    furnished = _event("c", "2011-02-05", 2, ["Friday 5 February 2011 02.44 GMT The talks in Geneva ended without a deal ."])
    assert tls_dossier.dossier_timeline(Dossier(events=(furnished,)), l=5, k=1) == {
        date(2011, 2, 5): ["The talks in Geneva ended without a deal ."]}


def _story(root):
    """A Timeline17-shaped folder: one topic, dated folders, one reference timeline."""
    days = {
        "2011-02-09": ["Protesters marched through Cairo on Wednesday , February 9 , 2011 , demanding reform .",
                       "The army said on February 9 , 2011 that it would not fire on the protesters ."],
        "2011-02-12": ["Hosni Mubarak resigned as president on February 11 , 2011 , after 18 days of protests .",
                       "Crowds celebrated in Tahrir Square after Mubarak resigned on February 11 , 2011 ."],
    }
    for day, lines in days.items():
        folder = root / "Data" / "Story_wire" / "InputDocs" / day
        folder.mkdir(parents=True)
        for i, line in enumerate(lines):
            (folder / f"{i}.htm.txt").write_text(line + "\n" + "Officials gave no further details .\n")
    timelines = root / "Data" / "Story_wire" / "timelines"
    timelines.mkdir()
    (timelines / "wire.txt").write_text("2011-02-09\nProtesters march through Cairo demanding reform .\n"
                                        + "-" * 32 + "\n2011-02-11\nHosni Mubarak resigns as president .\n"
                                        + "-" * 32 + "\n")


@pytest.mark.model
def test_the_dossier_route_builds_from_the_files_dated_by_their_folders_and_scores(tmp_path):
    _story(tmp_path)
    result = tls_dossier.run(tmp_path, out=tmp_path / "build")
    assert result["topics"] == 1 and len(result["timelines"]) == 1
    sizes = result["dossiers"]["story"]
    assert sizes["documents"] == 4 and sizes["dated_documents"] == 4   # dates from the folder names
    row = result["timelines"][0]
    assert row["l"] == 2 and 1 <= row["dates"] <= 2
    assert row["date"]["f_score"] > 0 and row["rouge_1"]["f_score"] > 0
    assert "storyline dossier (this run)" in tls_dossier.report(result)
    again = tls_dossier.run(tmp_path, out=tmp_path / "build")      # the build is resumed, not repeated
    assert again["average"] == result["average"]
