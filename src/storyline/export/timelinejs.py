"""``timeline.timelinejs.json``: the dossier's events for the TimelineJS3 viewer (Knight Lab).

TimelineJS3 reads ``{"title": slide, "events": [slide, ...]}`` where a slide has
``start_date``/``end_date`` (``{"year", "month", "day"}``; only ``year`` is required),
``text`` (``{"headline", "text"}``, HTML allowed), ``display_date``, ``group`` and ``unique_id``.
Dates keep the precision the event has: a month-level event gets no ``day``, a range gets an
``end_date``, and ``display_date`` says it as the timeline and report do ("Summer 2018",
"October 2024"). A slide's headline is short (:func:`headline`); its text gives the date, the
sentences that report the event and the sources, linked to their pages; ``group`` is the event
type as words ("Leadership change").
It holds the dossier's default timeline, the key events (:attr:`Event.key`; a dossier that marks
none gives its whole register); events without a time of their own cannot be placed on a timeline
and are left out. Events are written in date order, and within a date by their key rank.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..records import Document, Dossier, Event, EventDate, excerpt

FILE_NAME = "timeline.timelinejs.json"
HEADLINE_CHARS = 90
# a headline cut at a clause boundary keeps at least this share of HEADLINE_CHARS
HEADLINE_MIN_SHARE = 0.4
# evidence sentences a slide quotes, at most
SLIDE_QUOTES = 3
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _parts(iso: str | None) -> dict[str, int] | None:
    if not iso:
        return None
    m = _VALUE.match(iso)
    if not m:
        return None
    out = {"year": int(m[1])}
    if m[2]:
        out["month"] = int(m[2])
    if m[3]:
        out["day"] = int(m[3])
    return out


def slide_dates(d: EventDate) -> tuple[dict[str, int], dict[str, int] | None] | None:
    """TimelineJS ``start_date`` and ``end_date`` (or None) for an event date; None if undatable."""
    value = _parts(d.value)
    start, end = _parts(d.start), _parts(d.end)
    if value and d.value and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d.value):
        return value, None  # a plain year, month or day: show it at that precision
    if start and end and start != end:
        return start, end
    if start:
        return start, None
    return (value, None) if value else None


# a leading clause made only of these words says when ("In 2019,", "Early in 2023,", "By summer 2024,"):
# the slide shows the date, so a long headline can do without it
_TIME_WORDS = frozenset(
    "in on by at during since until from early late mid the of this last that year month week season quarter half "
    "first second third fourth spring summer autumn fall winter january february march april may june july august "
    "september october november december".split())
_LEAD = re.compile(r"([^,;:]{1,60}),\s+(?=\S)")
# a non-restrictive relative clause: "Kevin Scott, who joined Microsoft from LinkedIn, said" -> "Kevin Scott said"
_RELATIVE = re.compile(r",\s+(?:who|which|whose)\b[^,;:()]*,\s*")
# where a clause begins: after ; : or a dash, after a comma that does not continue a list of names
# (", securing", not ", Nvidia" or ", and MGX"), and before a subordinating conjunction
_BOUNDARY = re.compile(r"\s*[;:]\s+|\s+[\u2014\u2013-]\s+|,\s+(?!(?:and |or )?[A-Z0-9$\u00a3\u20ac])|"
                       r"\s+(?=(?:when|after|before|because|while|although|though|whereas|until)\b)")
# a clause opening with one of these is not the sentence's main clause ("Despite the talks, ...")
_INTRO = frozenset(
    "however despite although though while when after before because since if unless following without according "
    "in on by for with as amid during once unlike given additionally meanwhile still yet also instead".split())
# a word that needs what follows it ("..., especially after ...")
_DANGLING = frozenset("especially particularly even just only mainly largely partly shortly soon long right".split())
# "says that once OpenAI crosses that line, the board ...": the comma ends a clause inside the complement
_NESTED = re.compile(r"\bthat (?:although|though|once|if|when|while|because|after|before|unless|until|since)\b[^,]*$")


def _clause_cut(prefix: str) -> bool:
    """Whether ``prefix`` can stand as a headline: no quotation left open, not only an introductory
    clause ("Despite preparing to go their separate ways"), not a subject cut off from its verb by an
    aside ("This clause, intended to prevent monopolization"), nor a clause inside a "that" clause."""
    if prefix.count("\u201c") > prefix.count("\u201d") or prefix.count('"') % 2:
        return False
    words = re.findall(r"[\w']+", prefix.lower())
    if not words or words[-1] in _DANGLING or _NESTED.search(prefix):
        return False
    if "," not in prefix:
        return words[0] not in _INTRO
    head, _, aside = prefix.partition(",")
    asides = re.findall(r",\s+[a-z]", prefix)
    return not (len(head.split()) <= 3 and len(asides) == 1 and aside.strip()[:1].islower())


def _time_lead(text: str) -> str:
    """``text`` without a leading clause that only says when."""
    m = _LEAD.match(text)
    if not m:
        return text
    words = re.findall(r"[\w']+", m[1].lower())
    if not words or not all(w in _TIME_WORDS or re.fullmatch(r"'?\d{1,4}s?", w) for w in words):
        return text
    rest = text[m.end():]
    return rest[:1].upper() + rest[1:]


def headline(text: str, limit: int = HEADLINE_CHARS) -> str:
    """A slide's headline from an event summary: the summary itself when short; else, step by step
    until it fits, without a leading clause that only gives the date (the slide shows it), without
    non-restrictive relative clauses, cut at the last clause boundary (keeping at least
    ``HEADLINE_MIN_SHARE`` of ``limit``), and as a last resort cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    for shorten in (_time_lead, lambda t: _RELATIVE.sub(" ", t)):
        text = shorten(text)
        if len(text) <= limit:
            return text
    cuts = [m.start() for m in _BOUNDARY.finditer(text, 0, limit + 1)
            if HEADLINE_MIN_SHARE * limit <= m.start() <= limit and _clause_cut(text[:m.start()])]
    if cuts:
        return text[:max(cuts)].rstrip(" ,;:")
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "\u2026"


def _sort_key(start: dict[str, int]) -> tuple[int, int, int]:
    return start["year"], start.get("month", 0), start.get("day", 0)


def render(dossier: Dossier) -> dict[str, Any]:
    """The TimelineJS3 document for ``dossier``."""
    from .markdown import timeline_view

    docs = {d.id: d for d in dossier.documents}
    slides: list[tuple[tuple, int, dict[str, Any]]] = []
    for ev in timeline_view(dossier).dated:
        dates = slide_dates(ev.date)
        if dates is None:
            continue
        start, end = dates
        slides.append((_sort_key(start), ev.rank or 1 << 30, _slide(ev, start, end, docs)))
    slides.sort(key=lambda x: (x[0], x[1]))
    title = dossier.meta.get("title") or "Timeline"
    n_docs = len(dossier.documents)
    return {
        "title": {"text": {"headline": html.escape(str(title)),
                           "text": f"{len(slides)} dated events from {n_docs} article{'s' * (n_docs != 1)}"}},
        "events": [s for _, _, s in slides],
    }


def group_label(event_type: str) -> str:
    """An event type as a reader reads it: ``leadership_change`` -> ``Leadership change``."""
    words = event_type.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Other"


def source_links(doc_ids: Sequence[str], docs: Mapping[str, Document]) -> str:
    """The sources, each named by :attr:`Document.name` and linked to its web page when it has one."""
    from .markdown import web_url

    out: dict[str, str] = {}
    for d in doc_ids:
        doc = docs.get(d)
        name = doc.name if doc else d
        if name in out:
            continue
        url = web_url(doc.url) if doc else None
        out[name] = (f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener">{html.escape(name)}</a>'
                     if url else html.escape(name))
    return ", ".join(out.values())


def _same(a: str, b: str) -> bool:
    """Whether two shown texts say the same (ignoring excerpt marks, spacing and case)."""
    def norm(t: str) -> str:
        return " ".join(t.replace("\u2026", " ").split()).casefold().rstrip(".")
    return norm(a) == norm(b)


def _slide(ev: Event, start: dict[str, int], end: dict[str, int] | None, docs) -> dict[str, Any]:
    """A slide: the short headline; the text gives the date as the sources do, the reporting
    sentences (those that do not just repeat the headline), each followed by its linked sources,
    and every source of the event."""
    from .markdown import date_label

    summary = excerpt(ev.summary)
    title = headline(summary)
    when = date_label(ev.date)
    body = [f'<p class="sl-when">{html.escape(when)}</p>']
    quoted: dict[str, list[str]] = {}
    for v in ev.evidence:
        quoted.setdefault(excerpt(v.text), []).append(v.doc)
    shown = [(text, ids) for text, ids in quoted.items() if not _same(text, title)][:SLIDE_QUOTES]
    if not _same(summary, title) and not any(_same(summary, text) for text in quoted):
        body.append(f"<p>{html.escape(summary)}</p>")
    for text, ids in shown:
        body.append(f"<blockquote>{html.escape(text)}</blockquote>"
                    f'<p class="sl-cite">\u2014 {source_links(ids, docs)}</p>')
    if ev.sources:
        body.append(f'<p class="sl-sources"><small>Sources: {source_links(ev.sources, docs)}</small></p>')
    slide: dict[str, Any] = {
        "start_date": start,
        "display_date": when,
        "text": {"headline": html.escape(title), "text": "".join(body)},
        "group": group_label(ev.type),
        "unique_id": ev.id,
    }
    if end:
        slide["end_date"] = end
    return slide


def write(dossier: Dossier, out_dir: Path) -> Path:
    """Write ``timeline.timelinejs.json`` into ``out_dir`` and return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FILE_NAME
    path.write_text(json.dumps(render(dossier), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


__all__ = ["FILE_NAME", "group_label", "headline", "render", "slide_dates", "source_links", "write"]
