"""TimelineJS3 and tilse exports of a dossier's timeline."""

from __future__ import annotations

import json
from datetime import date

import pytest

from storyline.export import tilse as tilse_export
from storyline.export import timelinejs
from storyline.records import Document, Dossier, Event, EventDate, Evidence
from storyline.tls import timeline_text

DOCS = (
    Document("d1", "a.txt", "text", title="Deal announced", outlet="Reuters", published=date(2024, 1, 23)),
    Document("d2", "b.txt", "text", title="Deal follow-up", outlet="The Verge", published=date(2024, 1, 25)),
)


def _ev(eid, value, start, end, summary, sources=("d1",), typ="investment"):
    return Event(eid, EventDate(value, start, end), summary, type=typ, sources=tuple(sources),
                 evidence=tuple(Evidence(s, 0, 4, "text") for s in sources))


EVENTS = (
    _ev("e1", "2024-01-23", "2024-01-23", "2024-01-23", "Microsoft extends its partnership with <OpenAI> & invests.",
        ("d1", "d2")),
    _ev("e2", "2023-07", "2023-07-01", "2023-07-31", "Talks begin.", typ="other"),
    _ev("e3", "2023-Q3", "2023-07-01", "2023-09-30", "Due diligence runs through the quarter."),
    _ev("e4", None, None, None, "Something happened at some point."),
    _ev("e5", "2024-01-23", "2024-01-23", "2024-01-23", "Regulators take note.", ("d2",)),
)
DOSSIER = Dossier(documents=DOCS, events=EVENTS, meta={"title": "Microsoft & OpenAI"})

# The parts of the TimelineJS3 JSON format the viewer needs (https://timeline.knightlab.com/docs/json-format.html).
_DATE = {"type": "object", "required": ["year"], "additionalProperties": False,
         "properties": {"year": {"type": "integer"}, "month": {"type": "integer", "minimum": 1, "maximum": 12},
                        "day": {"type": "integer", "minimum": 1, "maximum": 31}}}
_TEXT = {"type": "object", "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
SCHEMA = {
    "type": "object", "required": ["events"],
    "properties": {
        "title": {"type": "object", "properties": {"text": _TEXT}},
        "events": {"type": "array", "items": {
            "type": "object", "required": ["start_date"],
            "properties": {"start_date": _DATE, "end_date": _DATE, "text": _TEXT, "group": {"type": "string"},
                           "unique_id": {"type": "string"}}}},
    },
}


def test_timelinejs_file_is_valid_for_the_viewer(tmp_path):
    import jsonschema

    path = timelinejs.write(DOSSIER, tmp_path)
    assert path.name == "timeline.timelinejs.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    assert len({e["unique_id"] for e in doc["events"]}) == len(doc["events"])


def test_timelinejs_keeps_each_event_at_its_precision_and_drops_undatable_ones():
    slides = {e["unique_id"]: e for e in timelinejs.render(DOSSIER)["events"]}
    assert "e4" not in slides
    assert slides["e1"]["start_date"] == {"year": 2024, "month": 1, "day": 23} and "end_date" not in slides["e1"]
    assert slides["e2"]["start_date"] == {"year": 2023, "month": 7}
    assert slides["e3"]["start_date"] == {"year": 2023, "month": 7, "day": 1}
    assert slides["e3"]["end_date"] == {"year": 2023, "month": 9, "day": 30}


def test_timelinejs_escapes_html_and_names_the_sources():
    doc = timelinejs.render(DOSSIER)
    e1 = next(e for e in doc["events"] if e["unique_id"] == "e1")
    assert "&lt;OpenAI&gt; &amp; invests" in e1["text"]["text"]
    assert "Reuters, The Verge" in e1["text"]["text"]
    assert doc["title"]["text"]["headline"] == "Microsoft &amp; OpenAI"


def test_timelinejs_events_are_in_date_order():
    starts = [tuple(e["start_date"].get(k, 0) for k in ("year", "month", "day"))
              for e in timelinejs.render(DOSSIER)["events"]]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("value", "start", "end", "expected"),
    [
        ("2024", "2024-01-01", "2024-12-31", ({"year": 2024}, None)),
        ("2024-W05", "2024-01-29", "2024-02-04", ({"year": 2024, "month": 1, "day": 29},
                                                  {"year": 2024, "month": 2, "day": 4})),
        ("XXXX-XX-XX", None, None, None),
    ],
)
def test_slide_dates_follow_the_event_date(value, start, end, expected):
    assert timelinejs.slide_dates(EventDate(value, start, end)) == expected


def test_tilse_export_has_one_block_per_day_and_parses_back(tmp_path):
    path = tilse_export.write(DOSSIER, tmp_path)
    text = path.read_text(encoding="utf-8")
    parsed = timeline_text.parse(text)
    assert list(parsed) == [date(2024, 1, 23)]  # month, quarter and undated events do not fit the format
    assert sorted(parsed[date(2024, 1, 23)]) == sorted([EVENTS[0].summary, EVENTS[4].summary])
    assert text.splitlines()[-1] == "-" * 32


def test_tilse_export_puts_the_better_supported_event_first():
    parsed = timeline_text.parse(tilse_export.render(DOSSIER))
    assert parsed[date(2024, 1, 23)][0] == EVENTS[0].summary
