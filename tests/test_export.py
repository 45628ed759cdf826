from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, strategies as st

from storyline.export import load, write
from storyline.export.html import highlight_segments, money, render
from storyline.export.markdown import date_label, render as render_md
from storyline.records import (
    Amount, Document, Dossier, Event, EventDate, Evidence, Finding, Quote, content_id, excerpt, from_jsonable,
    to_jsonable,
)

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _dossier() -> Dossier:
    text = f"Acme bought Widgets for $5 billion on 3 March 2024. {HOSTILE} \"We are thrilled,\" said Jane Roe."
    doc = Document(id="doc_1", path="a.txt", text=text, title=f"Deal {HOSTILE}", outlet=f"Wire {HOSTILE}",
                   published=date(2024, 3, 4), published_from="manifest")
    s_end = text.index(".") + 1
    ev = Event(id="evt_1", date=EventDate("2024-03-03", "2024-03-03", "2024-03-03"), summary=text[:s_end],
               sources=("doc_1",), evidence=(Evidence("doc_1", 0, s_end, text[:s_end]),))
    a_start = text.index("$5 billion")
    amt = Amount(id="amt_1", doc="doc_1", start=a_start, end=a_start + 10, text="$5 billion", currency="USD",
                 low=5e9, high=5e9)
    q_start = text.index("We are")
    quote = Quote(id="q_1", doc="doc_1", start=q_start, end=q_start + 15, text="We are thrilled", speaker_name="Jane Roe")
    finding = Finding(id="f_1", kind="single_source", summary=f"Only {HOSTILE} reports", events=("evt_1",),
                      sources=("doc_1",), evidence=(Evidence("doc_1", 0, s_end, text[:s_end]),))
    return Dossier(documents=(doc,), events=(ev,), amounts=(amt,), quotes=(quote,), findings=(finding,))


@pytest.mark.parametrize(
    "value, start, end, label",
    [
        ("2019", "2019-01-01", "2019-12-31", "2019"),
        ("2024-SU", "2024-06-01", "2024-08-31", "Summer 2024"),
        ("2023-11", "2023-11-01", "2023-11-30", "November 2023"),
        ("2024-10-18", "2024-10-18", "2024-10-18", "18 October 2024"),
        ("2024-Q3", "2024-07-01", "2024-09-30", "Q3 2024"),
        (None, None, "2025-01-24", "reported by 24 January 2025"),
        (None, None, None, "undated"),
        ("PRESENT_REF", "2024-10-18", "2024-10-18", "as of 18 October 2024"),
        # "now" on a page whose day is unknown: the month or the year it was written in
        ("PRESENT_REF", "2024-10-01", "2024-10-31", "as of October 2024"),
        ("PRESENT_REF", "2024-01-01", "2024-12-31", "as of 2024"),
        ("2024-W05", "2024-01-29", "2024-02-04", "29 January 2024 – 4 February 2024"),
        ("195", "1950-01-01", "1959-12-31", "1950s"),
        ("19", "1900-01-01", "1999-12-31", "1900s"),
    ],
)
def test_date_labels_read_like_a_news_timeline(value, start, end, label):
    assert date_label(EventDate(value, start, end)) == label


def test_html_report_escapes_article_content():
    page = render(_dossier())
    assert "<script>alert" not in page and "onerror=alert(1)>" not in page
    assert "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page


def test_html_report_says_which_documents_were_copies():
    from dataclasses import replace

    page = render(replace(_dossier(), meta={"copies_report": "Treated as copies: Wire = copy of Paper"}))
    assert "Treated as copies: Wire = copy of Paper" in page


def test_html_report_highlights_evidence():
    page = render(_dossier())
    assert '<mark class="amount">$5 billion</mark>' in page
    assert '<mark class="quote">We are thrilled</mark>' in page


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6))
def test_highlight_segments_cover_the_text_exactly(text, pairs):
    spans = [(min(a, b), max(a, b), "event") for a, b in pairs]
    segments = highlight_segments(text, spans)
    assert "".join(piece for piece, _ in segments) == text


def test_markdown_timeline_lists_date_summary_and_source():
    md = render_md(_dossier())
    assert "- **3 March 2024** — Acme bought Widgets for $5 billion on 3 March 2024." in md
    assert "## 2024" in md


@pytest.mark.parametrize("text,shown", [
    ("Acme bought Widgets.", "Acme bought Widgets."),
    ("the two firms are still working together.", "\u2026the two firms are still working together."),
    ("Microsoft has invested billions in OpenAI", "Microsoft has invested billions in OpenAI\u2026"),
    ("when Microsoft invested $10 billion,", "\u2026when Microsoft invested $10 billion\u2026"),
    ('"We are ready," he said.', '"We are ready," he said.'),
    ("eBay bought PayPal in 2002.", "eBay bought PayPal in 2002."),
    ("$5 billion was raised  in\nMarch.", "$5 billion was raised in March."),
    ("", ""),
])
def test_excerpt_marks_where_a_slice_starts_or_stops_inside_a_sentence(text, shown):
    assert excerpt(text) == shown


def _with_undated(d: Dossier) -> Dossier:
    """The dossier of :func:`_dossier` plus an earlier-reported event with no time of its own, a
    'now' statement and one dated a year later, whose report comes first."""
    doc = d.documents[0]
    undated = Event(id="evt_u", date=EventDate(None, None, "2024-03-04"), summary="Acme hired Jane Roe.",
                    sources=("doc_1",), score=0.9)
    now = Event(id="evt_n", date=EventDate("PRESENT_REF", "2024-03-02", "2024-03-02"),
                summary="Acme is now the largest maker.", sources=("doc_1",))
    later = Event(id="evt_l", date=EventDate("2025", "2025-01-01", "2025-12-31"), summary="Acme will list in 2025.",
                  sources=("doc_1",))
    return replace(d, documents=(doc,), events=(now, d.events[0], undated, later))


def test_events_without_a_time_of_their_own_are_listed_apart_by_the_day_they_were_reported():
    md = render_md(_with_undated(_dossier()))
    dated, _, reported = md.partition("## Reported, without a date of their own")
    assert "2 dated events and 2 reported without a date of their own" in dated
    assert "## 2024" in dated and "## 2025" in dated and "Acme hired" not in dated and "largest maker" not in dated
    # listed by report day (2 March before 4 March), never under a year heading of their own
    assert reported.index("**as of 2 March 2024** — Acme is now the largest maker.") < reported.index(
        "**reported by 4 March 2024** — Acme hired Jane Roe.")
    assert "## " not in reported and "PRESENT_REF" not in md


def test_the_html_report_lists_undated_events_apart_too():
    html = render(_with_undated(_dossier()))
    timeline = html[html.index('<section id="timeline">'):html.index("</section>", html.index('<section id="timeline">'))]
    dated, _, reported = timeline.partition('<h3 id="reported">')
    assert "Acme will list in 2025" in dated and "Acme hired Jane Roe" not in dated
    assert "reported by 4 March 2024" in reported and "as of 2 March 2024" in reported


def test_markdown_timeline_shows_a_clause_as_an_excerpt():
    d = _dossier()
    ev = d.events[0]
    clause = replace(ev, summary="bought Widgets for $5 billion")
    md = render_md(replace(d, events=(clause,)))
    assert "\u2014 \u2026bought Widgets for $5 billion\u2026 _" in md


def test_money_words_keep_bounds():
    assert money({"currency": "USD", "low": 14e9, "high": None, "qualifier": "at_least"}) == "at least USD 14 billion"
    assert money({"currency": "EUR", "low": 2.5e9, "high": 2.5e9, "qualifier": "about"}) == "about EUR 2.5 billion"


def test_json_round_trip_through_files(tmp_path):
    d = _dossier()
    path = write(d, "json", tmp_path)
    assert from_jsonable(Dossier, json.loads(path.read_text())) == d
    assert load(tmp_path) == d


@given(st.text(max_size=30), st.text(max_size=30))
def test_ids_are_stable_content_hashes(a, b):
    assert content_id("x", a, b) == content_id("x", a, b)
    assert content_id("x", a, b).startswith("x_")


@pytest.mark.parametrize("fmt, name", [("md", "timeline.md"), ("html", "report.html"), ("json", "dossier.json")])
def test_write_formats(tmp_path, fmt, name):
    assert write(_dossier(), fmt, tmp_path).name == name


def test_records_round_trip():
    d = _dossier()
    assert from_jsonable(Dossier, to_jsonable(d)) == d


def test_a_numpy_score_is_written_as_a_number(tmp_path):
    import numpy as np

    d = _dossier()
    d = replace(d, events=tuple(replace(e, score=np.float64(0.25)) for e in d.events))
    data = json.loads(write(d, "json", tmp_path).read_text())
    assert [e["score"] for e in data["events"]] == [0.25] * len(d.events)


def test_the_html_report_opens_on_the_key_events_and_keeps_every_event_one_click_away():
    d = _with_undated(_dossier())
    d = replace(d, events=tuple(replace(e, key=e.id == "evt_1", rank=1 if e.id == "evt_1" else 0) for e in d.events))
    html = render(d)
    timeline = html[html.index('<section id="timeline">'):html.index("</section>", html.index('<section id="timeline">'))]
    key, _, full = timeline.partition('<details id="all-events">')
    assert 'id="key-evt_1"' in key and "Acme hired" not in key
    assert all(f'id="{e.id}"' in full for e in d.events)           # every event, once, under its own id
    assert timeline.count('id="evt_1"') == 1


def test_a_shorter_timeline_is_the_top_of_the_ranking_in_date_order():
    """``storyline timeline --limit N``: the N best-ranked key events, shown by date, not the first N
    days of the story."""
    from storyline.export.markdown import timeline_view
    from storyline.export.terminal import timeline_table

    days = ["2011-02-15", "2011-02-16", "2011-02-17", "2011-06-01", "2011-10-20"]
    ranks = [1, 4, 5, 3, 2]
    events = tuple(Event(id=f"evt_{i}", date=EventDate(d, d, d), summary=f"Event {i} happened.", key=True, rank=r)
                   for i, (d, r) in enumerate(zip(days, ranks)))
    d = replace(_dossier(), events=events)
    view = timeline_view(d, limit=3)
    assert [e.id for e in view.events] == ["evt_0", "evt_3", "evt_4"]  # ranks 1, 3, 2, by date
    assert view.caption().startswith("The 3 key events")
    assert len(timeline_view(d).events) == 5 and len(timeline_view(d, limit=9).events) == 5
    assert timeline_table(d, limit=3).row_count == 3
    # rank 0 is unranked: the full register's top keeps the ranked events ahead of it, whatever its score
    unranked = Event(id="evt_x", date=EventDate("2011-03-01", "2011-03-01", "2011-03-01"), summary="Aside.",
                     score=9.0, rank=0)
    d = replace(d, events=events + (unranked,))
    assert "evt_x" not in {e.id for e in timeline_view(d, all_events=True, limit=5).events}
    assert "evt_x" in {e.id for e in timeline_view(d, all_events=True, limit=6).events}
