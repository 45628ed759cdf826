"""Markdown for readers. ``timeline.md`` (:func:`write`): the timeline as a reader expects a news
timeline: date, what happened, who reports it. ``dossier.md`` (:func:`write_dossier`): the whole
dossier, the same timeline followed by the money, the quotes, the findings, the main entities and
the sources, every item citing its sources by name (:attr:`Document.name`).

Article text is escaped (:func:`md_escape`): an ``<img onerror=...>`` in an article is shown as
text, never rendered as HTML, and a ``*`` or ``[`` in it does not become formatting or a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Mapping, Sequence
from urllib.parse import urlparse

from ..annotate.timex.normalize import day_range
from ..reconcile.sources import count_said, independent_of, of_unknown_outlet
from ..records import Amount, Document, Dossier, Event, EventDate, Evidence, Finding, excerpt

FILE_NAME = "timeline.md"
DOSSIER_FILE_NAME = "dossier.md"
# the entities dossier.md lists, most mentioned first
DOSSIER_ENTITIES = 25
SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "AU": "Autumn", "WI": "Winter"}
MODS = {"START": "Early", "MID": "Mid", "END": "Late"}
REPORTED_HEADING = "Reported, without a date of their own"
REPORTED_NOTE = ("The articles give these no time: each is listed by the day it was first reported, which is when "
                 "it was known, not when it happened.")


def _day(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


def date_label(d: EventDate) -> str:
    """A reader's label for an event date: '2019', 'Summer 2024', 'October 2024', '18 October 2024'."""
    v = d.value
    if not v:
        if d.end and not d.start:
            return f"reported by {_day(d.end)}"
        return "undated"
    if v == "PRESENT_REF" and d.start and d.end:  # "now" on a page dated to the day, the month or the year
        if d.start == d.end:
            return f"as of {_day(d.start)}"
        for cut in (7, 4):  # the month or the year annotate.document.coarsen widened it to
            if (d.start, d.end) == day_range(d.start[:cut]):
                return f"as of {date_label(EventDate(value=d.start[:cut]))}"
    parts = v.split("-")
    try:
        if len(parts) == 1 and parts[0].isdigit():
            # TIMEX3 decades and centuries: "195" the 1950s, "19" the 1900s
            return {4: parts[0], 3: f"{parts[0]}0s", 2: f"{parts[0]}00s"}.get(len(parts[0]), parts[0])
        if len(parts) == 2 and parts[1] in SEASONS:
            return f"{SEASONS[parts[1]]} {parts[0]}"
        if len(parts) == 2 and parts[1].startswith("Q"):
            return f"{parts[1]} {parts[0]}"
        if len(parts) == 2 and parts[1].startswith("H"):
            return f"{parts[1]} {parts[0]}"
        if len(parts) == 2 and parts[1].isdigit():
            return f"{date(int(parts[0]), int(parts[1]), 1):%B %Y}"
        if len(parts) >= 3 and parts[1].isdigit():
            return _day("-".join(parts[:3])[:10])
    except ValueError:
        pass
    # references like PRESENT_REF, PAST_REF or 2024-W05: say what range they cover
    if d.start and d.end and d.start == d.end:
        return _day(d.start)
    if d.start and d.end:
        return f"{_day(d.start)} – {_day(d.end)}"
    if d.end:
        return f"by {_day(d.end)}"
    if d.start:
        return f"from {_day(d.start)}"
    return v


def published_label(doc: Document) -> str:
    """A document's publication date as precisely as it is known: "28 April 2025", "April 2025 (day
    uncertain)", "2025 (month uncertain)", "unknown"."""
    p = doc.published
    if p is None:
        return "unknown"
    if doc.published_precision == "month":
        return f"{p:%B %Y} (day uncertain)"
    if doc.published_precision == "year":
        return f"{p.year} (month uncertain)"
    return _day(p.isoformat())


def outlet_names(sources: Sequence[str], docs: Mapping[str, Document]) -> list[str]:
    names = []
    for s in sources:
        d = docs.get(s)
        name = d.name if d else s
        if name not in names:
            names.append(name)
    return names


# characters that Markdown would read as formatting, links or code; "<" and ">" become entities so
# that no renderer sees a tag; "$" stays (amounts are everywhere), as does "#" (never at a line start)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]~|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_escape(text: str) -> str:
    """``text`` (from an article, or named in one) safe inside a Markdown line: shown as written,
    never as HTML, formatting or a link; runs of white space become one space."""
    text = " ".join(str(text).split())
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def web_url(url: str | None) -> str | None:
    """``url`` when it is a web address a reader can open (``http``/``https``), else None: a local
    path or ``file:`` URL is never shown."""
    if not url:
        return None
    parts = urlparse(url)
    if parts.scheme in ("http", "https") and parts.hostname and not re.search(r"[\s<>\"]", url):
        return url
    return None


def entity_sources(dossier: Dossier) -> dict[str, list[str]]:
    """Entity id -> the documents that name it: its mentions, and the events, amounts, quotes and
    relations it takes part in, in that order."""
    out: dict[str, dict[str, None]] = {e.id: dict.fromkeys(v.doc for v in e.evidence) for e in dossier.entities}
    for ev in dossier.events:
        for e in ev.entities:
            out.setdefault(e, {}).update(dict.fromkeys(ev.sources))
    for a in dossier.amounts:
        for party in (a.payer, a.payee):
            if party:
                out.setdefault(party, {})[a.doc] = None
    for q in dossier.quotes:
        if q.speaker:
            out.setdefault(q.speaker, {})[q.doc] = None
    for r in dossier.relations:
        for e in (r.source, r.target):
            out.setdefault(e, {}).update(dict.fromkeys(v.doc for v in r.evidence))
    return {k: list(v) for k, v in out.items()}


def sources_md(doc_ids: Sequence[str], docs: Mapping[str, Document]) -> str:
    """The sources of an item by name, escaped, for the end of a Markdown line."""
    return "; ".join(md_escape(n) for n in outlet_names(doc_ids, docs))


@dataclass(frozen=True)
class TimelineView:
    """What a timeline shows (:func:`timeline_view`): the ``dated`` events in the dossier's date
    order, then those ``reported`` without a time of their own (:attr:`EventDate.own`), earliest
    report first; ``total`` counts the dossier's events, so a selection can say what it left out."""

    dated: list[Event]
    reported: list[Event]
    total: int
    total_dated: int
    documents: int

    @property
    def events(self) -> list[Event]:
        return self.dated + self.reported

    @property
    def selection(self) -> bool:
        """Whether this is the key events, not the whole register."""
        return len(self.events) < self.total

    def caption(self) -> str:
        if self.selection:
            return (f"The {len(self.events)} key events of {self.documents} articles, chosen from {self.total} "
                    f"({self.total_dated} dated, {self.total - self.total_dated} reported without a date of their "
                    "own; all of them: storyline timeline DIR --all, or dossier.json).")
        return (f"{len(self.dated)} dated events and {len(self.reported)} reported without a date of their own, "
                f"from {self.documents} articles.")


def rank_order(e: Event) -> tuple:
    """Sort key of the key-event ranking: rank 1 first, unranked events (rank 0) after every ranked
    one by ``score``."""
    return (e.rank or 1 << 30, -e.score, e.id)


def timeline_view(dossier: Dossier, all_events: bool = False, limit: int = 0) -> TimelineView:
    """The dossier's key events (:attr:`Event.key`), or with ``all_events`` its whole register; a
    dossier that marks no key event (built before key events, or made by hand) shows its register.
    ``limit``: at most that many, the best ranked (:attr:`Event.rank`, then ``score``), still in date
    order: a shorter timeline is the top of the ranking, which covers the story's span
    (:func:`storyline.tls.dates.spread_prefixes`), not its first weeks."""
    shown = [e for e in dossier.events if e.key] if not all_events else []
    shown = shown or list(dossier.events)
    if 0 < limit < len(shown):
        best = {e.id for e in sorted(shown, key=rank_order)[:limit]}
        shown = [e for e in shown if e.id in best]
    reported = sorted((e for e in shown if not e.date.own),
                      key=lambda e: (e.date.end or e.date.start or "9999", -e.score, e.id))
    return TimelineView(dated=[e for e in shown if e.date.own], reported=reported, total=len(dossier.events),
                        total_dated=sum(e.date.own for e in dossier.events), documents=len(dossier.documents))


def _line(e: Event, docs: Mapping[str, Document]) -> str:
    sources = sources_md(e.sources, docs)
    keys = {independent_of(s, docs) for s in e.sources}
    said = count_said(len(keys), len(of_unknown_outlet(keys, docs)))
    if len(e.sources) > 1:
        badge = f" ({said})" if len(keys) == len(e.sources) else f" ({len(e.sources)} documents, {said})"
    else:
        badge = ""
    return f"- **{date_label(e.date)}** — {md_escape(excerpt(e.summary))} _{sources}{badge}_"


def timeline_lines(dossier: Dossier, all_events: bool = False, level: int = 2) -> list[str]:
    """The timeline in Markdown below its title: the caption, the dated events under a heading per
    year, then those reported without a date of their own; headings at ``level``."""
    docs = {d.id: d for d in dossier.documents}
    view = timeline_view(dossier, all_events)
    hashes = "#" * level
    lines = [view.caption() + " Each entry gives the date as precisely as the sources do, "
             "what happened, and who reports it.", ""]
    year = None
    for e in view.dated:
        y = (e.date.start or e.date.end or "")[:4]
        if y != year:
            if year is not None:
                lines.append("")
            year = y
            lines += [f"{hashes} {y}", ""]
        lines.append(_line(e, docs))
    if view.reported:
        if view.dated:
            lines.append("")
        lines += [f"{hashes} {REPORTED_HEADING}", "", REPORTED_NOTE, ""]
        lines += [_line(e, docs) for e in view.reported]
    return lines


def render(dossier: Dossier, all_events: bool = False) -> str:
    """``timeline.md``: the key events by year (``all_events``: the full register, dated events by
    year, then those reported without a date of their own)."""
    return "\n".join(["# Timeline", "", *timeline_lines(dossier, all_events), ""])


def write(dossier: Dossier, out_dir: Path) -> Path:
    path = Path(out_dir) / FILE_NAME
    path.write_text(render(dossier), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------- dossier.md

QUALIFIER_WORDS = {"exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
                   "at_most": "at most ", "less_than": "less than ", "range": "", "vague": "roughly "}


def _num(x: float) -> str:
    for div, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= div:
            return f"{x / div:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    return f"{x:,.0f}"


def money(total: dict) -> str:
    """A ledger total as words: 'at least USD 14 billion', 'USD 1–2 billion'."""
    cur = (total.get("currency") or "") + " "
    low, high, q = total.get("low"), total.get("high"), total.get("qualifier", "exact")
    if low is not None and high is not None and high != low:
        return f"{cur}{_num(low)} to {_num(high)}".strip()
    if low is None and high is not None:
        return f"at most {cur}{_num(high)}".strip()
    if low is not None and high is None:
        return f"at least {cur}{_num(low)}".strip()
    if low is None:
        return "unknown"
    return f"{QUALIFIER_WORDS.get(q, '')}{cur}{_num(low)}".strip()



ENTITY_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "group",
                "FAC": "facility", "PRODUCT": "product", "EVENT": "event", "WORK_OF_ART": "work", "LAW": "law"}
FINDING_HEADINGS = {"corroborated": "Corroborated", "single_source": "Single source", "conflict": "Conflicts"}
FINDING_NOTES = {
    "corroborated": "Reported by more than one independent source.",
    "single_source": "Reported by one source only: worth checking.",
    "conflict": "Sources disagree.",
}


def _when(value: str | None) -> str:
    """A TIMEX3 value as a reader's date label, or empty when it names no time of its own."""
    return date_label(EventDate(value)) if value and value[:4].isdigit() else ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _quoted(text: str) -> str:
    return f"“{md_escape(text)}”"


def _evidence_lines(evidence: Sequence[Evidence], docs: Mapping[str, Document], indent: str = "  ") -> list[str]:
    """One nested line per distinct reporting sentence, with the sources that carry it."""
    by_text: dict[str, list[str]] = {}
    for ev in evidence:
        by_text.setdefault(excerpt(ev.text), []).append(ev.doc)
    return [f"{indent}- {_quoted(text)} _{sources_md(ids, docs)}_" for text, ids in by_text.items()]


def _money_lines(dossier: Dossier, docs: Mapping[str, Document]) -> list[str]:
    from ..reconcile import ledger

    names = {e.id: e.name for e in dossier.entities}
    amounts = {a.id: a for a in dossier.amounts}
    view = ledger.views(dossier.amounts, docs, names, source=lambda a: independent_of(a.doc, docs))
    lines: list[str] = []

    def row(r: dict) -> str:
        a: Amount | None = amounts.get(r["id"])
        purpose = (r.get("purpose") or "").replace("_", " ")
        measure = (r.get("measure") or "").replace("_", " ")
        what = [w for w in (_when(r.get("time")), purpose,
                            "" if r.get("measure") in (None, "payment") or measure in purpose else measure) if w]
        detail = f" ({', '.join(what)})" if what else ""
        sentence = r["evidence"]["text"] if r.get("evidence") else (a.text if a else r["text"])
        return f"  - **{md_escape(r['text'])}**{detail}: {_quoted(excerpt(sentence))} _{sources_md([r['doc']], docs)}_"

    if view["relationships"]:
        lines += ["### Who paid whom", "",
                  "Each total is the latest running total the sources agree on where they give one (it already "
                  "includes the payments named), else the sum of the distinct payments named.", ""]
        for rel in view["relationships"]:
            payer = md_escape(rel["payer_name"]) if rel["payer"] != "?" else "someone not named"
            payee = md_escape(rel["payee_name"]) if rel["payee"] != "?" else "someone not named"
            totals = []
            for t in rel["totals"]:
                rate = f" per {t['per']}" if t.get("per") else ""
                basis = (f"the running total “{md_escape(t['figure'])}”" + (f" as of {_when(t['as_of'])}"
                                                                               if _when(t.get("as_of")) else "")
                         if t.get("basis") == "running_total" else
                         _count(t.get("payments", {}).get("distinct", t.get("count", 0)), "distinct payment"))
                totals.append(f"{md_escape(money(t))}{rate} ({basis})")
            cited = sources_md([r["doc"] for r in rel["rows"]], docs)
            lines.append(f"- **{payer} → {payee}**: {'; '.join(totals)} _{cited}_")
            lines += [row(r) for r in rel["rows"]]
        lines.append("")
    if view["figures"]:
        lines += ["### Figures of one party", "",
                  "Rounds raised from several investors, losses, revenue, valuations, spending and plans: "
                  "never added into a flow.", ""]
        for f in view["figures"]:
            lines.append(f"- **{md_escape(f['party_name'])}**, {md_escape(f['measure'].replace('_', ' '))} "
                         f"_{sources_md([r['doc'] for r in f['rows']], docs)}_")
            lines += [row(r) for r in f["rows"]]
        lines.append("")
    if view["unassigned"]:
        lines += [f"{_count(view['unassigned'], 'other amount')} of money name neither who paid nor who was paid.", ""]
    return lines or ["No money is reported.", ""]


def _quote_lines(dossier: Dossier, docs: Mapping[str, Document]) -> list[str]:
    names = {e.id: e.name for e in dossier.entities}
    lines = []
    for q in sorted(dossier.quotes, key=lambda q: (q.said_at or "9999", q.doc, q.start)):
        who = names.get(q.speaker or "", q.speaker_name) or "Unattributed"
        when = _when(q.said_at)
        doc = docs.get(q.doc)
        if not when and doc and doc.published:
            when = f"published {published_label(doc)}"
        lines.append(f"- **{md_escape(who)}**{f' ({when})' if when else ''}: {_quoted(q.text)} "
                     f"_{sources_md([q.doc], docs)}_")
    return (lines or ["No quotes."]) + [""]


def _finding_lines(dossier: Dossier, docs: Mapping[str, Document]) -> list[str]:
    lines = []
    if dossier.meta.get("copies_report"):
        lines += [md_escape(dossier.meta["copies_report"]), ""]
    for kind, heading in FINDING_HEADINGS.items():
        found: list[Finding] = sorted((f for f in dossier.findings if f.kind == kind),
                                      key=lambda f: (f.rank or 1 << 30, f.id))
        if not found:
            continue
        lines += [f"### {heading} ({len(found)})", "", FINDING_NOTES[kind], ""]
        for f in found:
            ids = list(f.sources) or [ev.doc for ev in f.evidence]
            lines.append(f"- {md_escape(excerpt(f.summary))} _{sources_md(ids, docs)}_")
            lines += _evidence_lines(f.evidence, docs)
        lines.append("")
    return lines or ["No findings.", ""]


def _entity_lines(dossier: Dossier, docs: Mapping[str, Document]) -> list[str]:
    ranked = sorted(dossier.entities, key=lambda e: (-e.mentions, e.name.casefold(), e.id))
    shown = ranked[:DOSSIER_ENTITIES]
    named_in = entity_sources(dossier)
    lines = [f"The {len(shown)} most mentioned of {len(ranked)}." if len(shown) < len(ranked) else
             f"All {len(ranked)}, most mentioned first.", ""] if ranked else []
    for e in shown:
        kind = ENTITY_TYPES.get(e.type, e.type.lower())
        aliases = [a for a in e.aliases if a != e.name]
        also = f"; also “{'”, “'.join(md_escape(a) for a in aliases)}”" if aliases else ""
        ids = named_in.get(e.id, [])
        cite = f" _{sources_md(ids, docs)}_" if ids else " _named in no source_"
        lines.append(f"- **{md_escape(e.name)}** ({kind}, {e.mentions} mention{'s' if e.mentions != 1 else ''}"
                     f"{also}){cite}")
    return (lines or ["No entities."]) + [""]


def _source_lines(dossier: Dossier, docs: Mapping[str, Document]) -> list[str]:
    lines = []
    for d in sorted(dossier.documents, key=lambda d: (d.published or date.max, d.name.casefold(), d.id)):
        parts = [f"**{md_escape(d.name)}**"]
        if d.title and d.title != d.name:
            parts.append(_quoted(d.title))
        parts.append(published_label(d) if d.published else "date unknown")
        url = web_url(d.url)
        if url:
            parts.append(f"<{url}>")
        notes = []
        if d.duplicate_of:
            original = docs[d.duplicate_of].name if d.duplicate_of in docs else d.duplicate_of
            notes.append(f"a copy of {md_escape(original)}")
        if d.based_on:
            notes.append(f"rewrites {md_escape(d.based_on)}")
        lines.append("- " + ", ".join(parts) + (f" ({'; '.join(notes)})" if notes else ""))
    return (lines or ["No sources."]) + [""]


def render_dossier(dossier: Dossier) -> str:
    """``dossier.md``: title, key-event timeline, money, quotes, findings, entities, sources."""
    docs = {d.id: d for d in dossier.documents}
    title = dossier.meta.get("title") or "Dossier"
    money_n = sum(a.kind == "money" for a in dossier.amounts)
    lines = [f"# {md_escape(title)}", "",
             f"{len(dossier.documents)} articles, {len(dossier.events)} events, {money_n} amounts of money, "
             f"{len(dossier.quotes)} quotes, {len(dossier.findings)} findings. Every item names its sources; "
             "the Sources section at the end lists them.", ""]
    lines += ["## Key events", "", *timeline_lines(dossier, level=3), ""]
    lines += ["## Money", "", *_money_lines(dossier, docs)]
    lines += ["## Quotes", "", *_quote_lines(dossier, docs)]
    lines += ["## Findings", "", *_finding_lines(dossier, docs)]
    lines += ["## Entities", "", *_entity_lines(dossier, docs)]
    lines += ["## Sources", "", *_source_lines(dossier, docs)]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def write_dossier(dossier: Dossier, out_dir: Path) -> Path:
    """Write ``dossier.md`` into ``out_dir`` and return its path."""
    path = Path(out_dir) / DOSSIER_FILE_NAME
    path.write_text(render_dossier(dossier), encoding="utf-8")
    return path
