"""``dossier.md``: the whole dossier for a reader, every item citing its sources by name, article
text escaped (read back through a CommonMark renderer: no HTML gets through)."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from storyline.export import markdown, write
from storyline.records import Entity
from web_fixtures import IMG, SCRIPT, make_dossier

SECTIONS = ["## Key events", "## Money", "## Quotes", "## Findings", "## Entities", "## Sources"]


def _md(dossier=None) -> str:
    return markdown.render_dossier(dossier or make_dossier())


def _section(md: str, heading: str) -> str:
    start = md.index(heading + "\n")
    nxt = [md.index(h + "\n") for h in SECTIONS if md.index(h + "\n") > start]
    return md[start:min(nxt) if nxt else len(md)]


def _bullets(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("- ")]


def test_dossier_md_is_written_with_every_section_in_reading_order(tmp_path):
    path = write(replace(make_dossier(), meta={"title": "Northwind *Robotics*"}), "dossier-md", tmp_path)
    assert path.name == "dossier.md"
    md = path.read_text(encoding="utf-8")
    assert md.startswith("# Northwind \\*Robotics\\*\n")
    positions = [md.index(h + "\n") for h in SECTIONS]
    assert positions == sorted(positions)


def test_the_key_events_are_the_timeline_md_entries_one_heading_level_down():
    d = make_dossier()
    timeline_md = markdown.render(d)
    events = _section(_md(d), "## Key events")
    entries = [line for line in timeline_md.splitlines() if line.startswith("- **")]
    assert entries and all(line in events.splitlines() for line in entries)
    assert "### 2024" in events and "### Reported, without a date of their own" in events
    assert "\n## 2024" not in events
    # one function draws both
    assert timeline_md == "\n".join(["# Timeline", "", *markdown.timeline_lines(d), ""])


def test_money_says_who_paid_whom_what_with_the_sentence_and_source():
    money = _section(_md(), "## Money")
    assert "- **Atlas Capital → Northwind Robotics**: USD 200 million (1 distinct payment) " \
           "_The Ledger; Daily Wire Service_" in money
    assert ("  - **at least $150 million** (investment): “Atlas Capital invested at least $150 million in Northwind "
            "Robotics, according to people familiar with the deal.” _Daily Wire Service_") in money
    assert "- **Ohio Department of Transportation → Northwind Robotics**: USD 45 million per year" in money
    assert "**$45 million a year** (August 2024, contract)" in money
    # counts of workers are not money
    assert "150 engineers" not in money and "40 workers" not in money


def test_a_running_total_is_the_total_and_figures_of_one_party_stay_apart():
    d = make_dossier()
    base = d.amounts[0]
    total = replace(base, id="amt_total", text="$500 million", low=5e8, high=5e8, measure="running_total",
                    cumulative=True, time=None, event=None)
    loss = replace(base, id="amt_loss", text="$30 million", low=3e7, high=3e7, purpose="loss", measure="loss",
                   payer=None, time="2024", event=None)
    money = _section(_md(replace(d, amounts=(base, total, loss))), "## Money")
    assert "at least USD 500 million" not in money and "USD 500 million (the running total “$500 million”" in money
    figures = money[money.index("### Figures of one party"):]
    assert "- **Northwind Robotics**, loss _The Ledger_" in figures and "**$30 million** (2024, loss)" in figures


def test_quotes_say_who_said_what_when_and_where():
    quotes = _section(_md(), "## Quotes")
    assert "- **Maria Chen** (12 March 2024): “We are building the plant this summer,” _The Ledger_" in quotes
    assert "- **Julia Brandt** (13 March 2024): “This is the biggest bet we have made,” _Daily Wire Service_" in quotes
    # no time of its own: the day it was published, said as such
    assert "(published 6 November 2024)" in quotes


def test_findings_are_grouped_by_kind_with_their_evidence():
    findings = _section(_md(), "## Findings")
    kinds = ["### Corroborated (1)", "### Single source (2)", "### Conflicts (1)"]
    assert [findings.index(k) for k in kinds] == sorted(findings.index(k) for k in kinds)
    conflict = findings[findings.index("### Conflicts"):]
    assert "- Reports disagree on Atlas Capital's investment: $200 million or at least $150 million… " \
           "_The Ledger; Daily Wire Service_" in conflict
    assert "  - “Atlas Capital invested at least $150 million in Northwind Robotics…” _Daily Wire Service_" in conflict


def test_entities_are_the_most_mentioned_with_type_aliases_and_sources(monkeypatch):
    monkeypatch.setattr(markdown, "DOSSIER_ENTITIES", 3)
    entities = _section(_md(), "## Entities")
    assert "The 3 most mentioned of 8." in entities
    lines = _bullets(entities)
    assert len(lines) == 3
    assert lines[0] == ("- **Northwind Robotics** (organisation, 9 mentions; also “Northwind”) "
                        "_Tech Chronicle; &lt;img src=x onerror=alert(1)&gt;; The Ledger; Daily Wire Service_")
    assert lines[2].startswith("- **Maria Chen** (person, 3 mentions; also “Chen”)")


def test_sources_list_one_line_per_document_with_name_title_date_and_web_address_only(tmp_path):
    d = make_dossier()
    docs = tuple(replace(doc, url="/home/me/articles/wire.txt") if doc.id == "doc_wire" else doc
                 for doc in d.documents)
    md = _md(replace(d, documents=docs))
    sources = _bullets(_section(md, "## Sources"))
    assert len(sources) == len(docs)
    assert ("- **The Ledger**, “Northwind Robotics raises $200 million from Atlas Capital”, 12 March 2024, "
            "<https://example.org/doc_ledger>") in sources
    assert "- **Daily Wire Service**, “Atlas bets big on factory robots”, 13 March 2024" in sources
    assert "(a copy of The Ledger)" in "\n".join(sources)
    assert "/home/me" not in md and "articles/doc_" not in md


@pytest.mark.parametrize("heading", ["## Key events", "## Money", "## Quotes", "## Findings", "## Entities"])
def test_every_item_cites_its_sources_by_name(heading):
    d = make_dossier()
    names = {doc.name for doc in d.documents}
    body = _section(_md(d), heading)
    items = _bullets(body)
    assert items
    for line in items:
        cited = re.search(r" _([^_]+)_$", line.replace("\\_", ""))
        assert cited, line
        cited_names = {n.strip() for n in re.sub(r"\s*\(\d.*\)$", "", cited[1]).split("; ")}
        assert cited_names <= {markdown.md_escape(n) for n in names}, line


def test_article_text_cannot_inject_html_or_markdown():
    d = make_dossier()
    evil = Entity("ent_evil", "[click](javascript:alert(1)) **bold** `code`", "ORG", (), 50,
                  d.entities[0].evidence[:1])
    md = _md(replace(d, entities=d.entities + (evil,)))
    assert "<script" not in md and "<img" not in md and "[click](javascript:" not in md
    parser = MarkdownIt("commonmark")  # html allowed, as GitHub and most viewers render raw HTML
    tokens = [t for tok in parser.parse(md) for t in [tok, *(tok.children or [])]]
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    links = [t.attrGet("href") for t in tokens if t.type == "link_open"]
    assert links and all(href.startswith("https://example.org/") for href in links)  # only the sources' pages
    rendered = parser.render(md)
    assert "<img" not in rendered and "<script" not in rendered and "<code>" not in rendered
    # the payloads are shown as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert "[click](javascript:alert(1)) **bold** `code`" in shown and IMG in shown and SCRIPT in shown


@pytest.mark.parametrize(("text", "escaped"), [
    ("Allen & Co.", "Allen & Co."),
    ("$5 billion", "$5 billion"),
    ("a_b*c", "a\\_b\\*c"),
    ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
    ("&amp; &#60;", "&amp;amp; &amp;#60;"),
    ("[x](y)", "\\[x\\](y)"),
    ("two\n\nlines", "two lines"),
])
def test_md_escape(text, escaped):
    assert markdown.md_escape(text) == escaped


def test_the_timeline_md_escapes_article_text_too():
    md = markdown.render(make_dossier())
    assert SCRIPT not in md and IMG not in md
    assert "Layoffs &lt;script&gt;alert(1)&lt;/script&gt;" in md


@pytest.mark.model
def test_the_demo_dossier_md_lists_every_key_event_and_source_and_no_path(demo_build, tmp_path):
    out, result = demo_build
    d = result.dossier
    md = write(d, "dossier-md", tmp_path).read_text(encoding="utf-8")
    assert len(_bullets(_section(md, "## Sources"))) == len(d.documents)
    assert len(_bullets(_section(md, "## Key events"))) == len([e for e in d.events if e.key])
    assert all(doc.path not in md for doc in d.documents) and str(Path(__file__).resolve().parent) not in md
    assert "## Money" in md and "→" in _section(md, "## Money")
