"""TimelineJS3 and tilse exports of a dossier's timeline."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from storyline.export import tilse as tilse_export
from storyline.export import timelinejs
from storyline.records import Document, Dossier, Event, EventDate, Evidence
from storyline.tls import timeline_text
from web_fixtures import IMG, SCRIPT, make_dossier

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
                           "display_date": {"type": "string"}, "unique_id": {"type": "string"}}}},
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
    assert e1["text"]["headline"] == "Microsoft extends its partnership with &lt;OpenAI&gt; &amp; invests."
    assert "<OpenAI>" not in json.dumps(doc)
    assert "Sources: Reuters, The Verge" in e1["text"]["text"]  # no web address: named, not linked
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


# --------------------------------------------------------------------------- slides a reader can read

@pytest.mark.parametrize(("summary", "expected"), [
    # short: the summary itself
    ("Microsoft invests $10 billion in OpenAI.", "Microsoft invests $10 billion in OpenAI."),
    # the date goes (the slide shows it), then the clause after the comma
    ("By 2019, Microsoft threw $1 billion into OpenAI, securing exclusive access to its models and locking in "
     "OpenAI\u2019s cloud hosting.", "Microsoft threw $1 billion into OpenAI"),
    # an aside about the subject goes before anything is cut
    ("In 2019, CTO Kevin Scott, who joined Microsoft from LinkedIn after its takeover in this newly created role "
     "just for him, expressed concerns that Microsoft was lagging in AI development.",
     "CTO Kevin Scott expressed concerns that Microsoft was lagging in AI development."),
    # cut before a subordinate clause
    ("Tensions hit another high last summer when Microsoft got annoyed that OpenAI delayed handing over code for a "
     "new reasoning model called Strawberry.", "Tensions hit another high last summer"),
    # a list of names is not a clause boundary: cut at a word, with an ellipsis
    ("Discussions with companies like Apple, Nvidia, and MGX have led to a recent $6.6 billion funding round led by "
     "Thrive Capital, with participation from Nvidia and others.",
     "Discussions with companies like Apple, Nvidia, and MGX have led to a recent $6.6 billion\u2026"),
    # never inside an open quotation, never only an introductory clause or a subject cut from its verb
    ('In an October 2023 interview, Altman stated, "I won\'t pretend that it\'s like a perfect relationship, but '
     'we\'re nowhere near the frenemy territory."', "In an October 2023 interview, Altman stated"),
    ("Despite preparing to go their separate ways, both companies still have knives pointed at each other\u2019s "
     "throats and keep pitching to the same customers.",
     "Despite preparing to go their separate ways, both companies still have knives pointed at\u2026"),
    ("This clause, intended to prevent monopolization, now offers OpenAI potential leverage to renegotiate or exit "
     "the agreement.", "This clause, intended to prevent monopolization, now offers OpenAI potential leverage to\u2026"),
])
def test_headlines_are_short_and_cut_where_a_clause_ends(summary, expected):
    got = timelinejs.headline(summary)
    assert got == expected
    assert len(got) <= timelinejs.HEADLINE_CHARS + 1


@pytest.mark.parametrize(("event_type", "label"), [
    ("leadership_change", "Leadership change"), ("investment", "Investment"), ("other", "Other"), ("", "Other"),
])
def test_groups_are_event_types_in_words(event_type, label):
    assert timelinejs.group_label(event_type) == label


def _slides(dossier=None) -> dict[str, dict]:
    return {e["unique_id"]: e for e in timelinejs.render(dossier or make_dossier())["events"]}


def test_partial_dates_are_displayed_as_the_sources_give_them():
    slides = _slides()
    assert slides["ev_factory"]["display_date"] == "Summer 2024"
    assert slides["ev_haddad"]["display_date"] == "January 2024"
    assert slides["ev_hiring_2023"]["display_date"] == "2023"
    assert slides["ev_funding"]["display_date"] == "12 March 2024"
    for slide in slides.values():  # the text says it too
        assert f'<p class="sl-when">{slide["display_date"]}</p>' in slide["text"]["text"]


def test_slide_text_quotes_the_evidence_with_linked_sources_and_never_repeats_the_headline():
    slides = _slides()
    funding = slides["ev_funding"]
    # an excerpt (the summary stops without closing punctuation)
    assert funding["text"]["headline"] == "Northwind Robotics raises $200 million in a round led by Atlas Capital\u2026"
    text = funding["text"]["text"]
    assert ("<blockquote>Atlas Capital invested at least $150 million in Northwind Robotics, according to people "
            "familiar with the deal.</blockquote>") in text
    assert ('<a href="https://example.org/doc_wire" target="_blank" rel="noopener">Daily Wire Service</a>') in text
    # the Ledger and its reprint tell one sentence: quoted once, with its source named once
    assert text.count("Northwind Robotics said on Tuesday that it raised $200 million") == 1
    assert "Sources: " in text and funding["group"] == "Funding"
    for slide in slides.values():
        headline = html.unescape(slide["text"]["headline"])
        shown = [html.unescape(t) for t in re.findall(r"<(?:blockquote|p)>(.*?)</(?:blockquote|p)>",
                                                        slide["text"]["text"])]
        assert headline.rstrip("\u2026") not in [t.rstrip("\u2026") for t in shown]


def test_a_long_summary_gets_a_short_headline_and_its_full_sentence_in_the_text():
    sentence = ("By 2019, Microsoft threw $1 billion into OpenAI, securing exclusive access to its models and locking "
                "in OpenAI\u2019s cloud hosting.")
    doc = Document("d1", "a.txt", sentence, outlet="Reuters", url="https://reuters.example/a", published=date(2019, 5, 1))
    ev = Event("e1", EventDate("2019", "2019-01-01", "2019-12-31"), sentence, type="investment", sources=("d1",),
               evidence=(Evidence("d1", 0, len(sentence), sentence),))
    slide = timelinejs.render(Dossier(documents=(doc,), events=(ev,)))["events"][0]
    assert slide["text"]["headline"] == "Microsoft threw $1 billion into OpenAI"
    assert f"<blockquote>{html.escape(sentence)}</blockquote>" in slide["text"]["text"]
    assert '<a href="https://reuters.example/a" target="_blank" rel="noopener">Reuters</a>' in slide["text"]["text"]
    # short and the same as its only evidence sentence: the text does not repeat it
    short = replace(ev, summary="Microsoft threw $1 billion into OpenAI.",
                    evidence=(Evidence("d1", 0, 4, "Microsoft threw $1 billion into OpenAI."),))
    text = timelinejs.render(Dossier(documents=(doc,), events=(short,)))["events"][0]["text"]["text"]
    assert "blockquote" not in text and "threw" not in text and ">Reuters</a>" in text


def test_hostile_article_text_outlets_and_urls_stay_text():
    d = make_dossier()
    docs = tuple(replace(doc, url='javascript:alert(1)" onmouseover="alert(1)') if doc.id == "doc_hostile" else doc
                 for doc in d.documents)
    rendered = json.dumps(timelinejs.render(replace(d, documents=docs)))
    assert "<script" not in rendered and "<img" not in rendered and "javascript:" not in rendered
    hostile = _slides(replace(d, documents=docs))["ev_hostile"]
    assert html.escape(IMG) in hostile["text"]["text"]  # the outlet's name, as text and unlinked
    assert html.escape(SCRIPT) in hostile["text"]["headline"]


def test_local_paths_are_never_linked():
    d = make_dossier()
    docs = tuple(replace(doc, url="/home/me/articles/x.txt") for doc in d.documents)
    rendered = json.dumps(timelinejs.render(replace(d, documents=docs)))
    assert "/home/me" not in rendered and "<a " not in rendered


# --------------------------------------------------------------------------- in the real viewer

REPO = Path(__file__).resolve().parent.parent
TIMELINEJS = REPO / "tests" / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


def viewer_page(doc: dict) -> str:
    """An HTML page that shows ``doc`` in TimelineJS3 from tests/js/node_modules (npm ci --prefix tests/js)."""
    data = json.dumps(doc).replace("</", "<\\/")  # nothing in the data can close the script element
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>storyline timeline</title>
<link rel="stylesheet" href="{(TIMELINEJS / 'css' / 'timeline.css').as_uri()}">
<script src="{(TIMELINEJS / 'js' / 'timeline.js').as_uri()}"></script></head>
<body><div id="timeline" style="width: 1200px; height: 700px"></div>
<script>window.tl = new TL.Timeline("timeline", {data}, {{language: "en", font: "georgia-helvetica", script_path: "{(TIMELINEJS / 'js').as_uri()}/"}});</script>
</body></html>"""


@pytest.fixture(scope="module")
def viewer_browser():
    from test_web_browser import make_driver

    driver = make_driver()
    yield driver
    driver.quit()


def show_in_viewer(driver, doc: dict, folder: Path) -> int:
    """Open ``doc`` in TimelineJS in ``driver``; the number of slides drawn once they all are."""
    from selenium.webdriver.common.by import By
    from test_web_browser import wait

    assert (TIMELINEJS / "js" / "timeline.js").exists(), "run: npm ci --prefix tests/js (make test does)"
    page = folder / "timeline.html"
    page.write_text(viewer_page(doc), encoding="utf-8")
    driver.get(page.as_uri())
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".tl-slide")) >= len(doc["events"]) + 1, timeout=30)
    return len(driver.find_elements(By.CSS_SELECTOR, ".tl-slide"))


@pytest.mark.browser
def test_the_timelinejs_viewer_draws_a_slide_per_event_with_its_display_date(tmp_path, viewer_browser):
    from selenium.webdriver.common.by import By
    from test_web_browser import severe_logs

    driver = viewer_browser
    doc = timelinejs.render(make_dossier())
    assert show_in_viewer(driver, doc, tmp_path) == len(doc["events"]) + 1  # the title slide, then one per event
    page_text = driver.execute_script("return document.body.textContent")
    assert "Summer 2024" in page_text and "January 2024" in page_text
    assert "Northwind Robotics raises $200 million in a round led by Atlas Capital" in page_text
    link = driver.find_elements(By.CSS_SELECTOR, '.tl-slide a[href="https://example.org/doc_wire"]')
    assert link and link[0].get_attribute("textContent") == "Daily Wire Service"
    assert driver.execute_script("return window.__xss") == 0  # the hostile article ran nothing
    assert not driver.find_elements(By.CSS_SELECTOR, ".tl-slide img[onerror], .tl-slide script")
    assert severe_logs(driver) == []
    # nothing from the network (no web font either): Chromium lists only the web resources a page
    # loaded, never its file:// ones, so the list must be empty
    assert driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)") == []


@pytest.mark.browser
@pytest.mark.model
def test_the_demo_timeline_opens_in_the_timelinejs_viewer(demo_build, tmp_path, viewer_browser):
    from test_web_browser import severe_logs

    out, result = demo_build
    doc = timelinejs.render(result.dossier)
    assert doc["events"]
    assert show_in_viewer(viewer_browser, doc, tmp_path) == len(doc["events"]) + 1
    page_text = viewer_browser.execute_script("return document.body.textContent")
    partial = [s["display_date"] for s in doc["events"] if "day" not in s["start_date"]]
    assert partial and all(label in page_text for label in partial)
    assert severe_logs(viewer_browser) == []


def test_the_tilse_export_says_what_its_days_only_format_leaves_out(tmp_path):
    """A timeline of months and years (the demo's) gave an empty file without a word."""
    from click.testing import CliRunner

    from storyline.cli import main
    from storyline.export import notes, write

    assert tilse_export.note(DOSSIER) == ("timeline.tilse.txt holds 2 of the timeline's 5 entries: the other 3 "
                                          "are dated coarser than a day or reported without a date of their "
                                          "own, and the format holds days only")
    days_only = replace(DOSSIER, events=(EVENTS[0], EVENTS[4]))
    assert tilse_export.note(days_only) is None and notes(days_only, "tilse") == []
    assert notes(DOSSIER, "md") == []  # a format without a note says nothing
    write(DOSSIER, "json", tmp_path)
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--format", "tilse"])
    assert result.exit_code == 0, result.output
    assert "storyline: note: timeline.tilse.txt holds 2 of the timeline's 5 entries" in result.stderr
