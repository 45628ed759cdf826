"""``annotations.jsonld``: every evidence span of the dossier as a W3C Web Annotation (JSON-LD).

The file is one ``AnnotationCollection`` (Web Annotation Data Model,
https://www.w3.org/TR/annotation-model/; context ``http://www.w3.org/ns/anno.jsonld``) whose
``first`` page holds all the annotations in ``items``. There is one ``Annotation`` per evidence
span: each span of an event, a finding, a relation and an entity (its every mention), and the span
of each amount and each quote. Its ``id`` is ``urn:storyline:<record id>:<n>`` (n counts the
record's spans from 1), and its ``motivation`` is the spec's word for what the annotation does:

- events, amounts, quotes, relations: ``describing`` (the body says what the passage tells: the
  event's summary, the figure with its payer and payee, who is quoted, who relates to whom how);
- findings: ``assessing`` (a finding judges how well a claim is supported: corroborated, told by a
  single source, or in conflict; the spec's motivation for a review or an assessment);
- entities: ``identifying`` (the mention is given an identity: the entity's name).

``body`` is a list of ``TextualBody``: the one above (``purpose`` the same as the motivation), then
where the record has a type, a ``classifying`` one naming it (the event type, the finding kind, the
entity type, the relation type, the amount's purpose).

``target`` is the span: ``source`` is the document's URL when known, else ``urn:storyline:<doc id>``,
and ``selector`` gives two alternatives, a ``TextQuoteSelector`` (``exact``, and up to 32 characters
of ``prefix`` and ``suffix``; each left out when empty) and a ``TextPositionSelector``
(``start``/``end``). The positions are character offsets into the *cleaned* text of the document
(:attr:`Document.text`), counted as Python ``str`` indexes count them, in Unicode code points, which
is how the spec counts them; the page at the URL holds more than the cleaned text (navigation,
furniture), so a client anchoring on the live page should use the quote selector.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..records import Amount, Document, Dossier, Evidence, content_id
from .html import money

FILE_NAME = "annotations.jsonld"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN = "urn:storyline:"
CONTEXT_CHARS = 32  # of prefix and of suffix in a TextQuoteSelector


def _target(ev: Evidence, docs: Mapping[str, Document]) -> dict[str, Any]:
    doc = docs.get(ev.doc)
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": ev.text}
    if doc is not None:
        text = doc.text
        quote["exact"] = text[ev.start:ev.end]
        prefix, suffix = text[max(0, ev.start - CONTEXT_CHARS):ev.start], text[ev.end:ev.end + CONTEXT_CHARS]
        if prefix:
            quote["prefix"] = prefix
        if suffix:
            quote["suffix"] = suffix
    source = doc.url if doc is not None and doc.url else URN + ev.doc
    return {"source": source,
            "selector": [quote, {"type": "TextPositionSelector", "start": ev.start, "end": ev.end}]}


def _body(value: str, purpose: str, kind: str | None) -> list[dict[str, Any]]:
    body = [{"type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose}]
    if kind:
        body.append({"type": "TextualBody", "value": kind, "format": "text/plain", "purpose": "classifying"})
    return body


def _amount_words(a: Amount, names: Mapping[str, str]) -> str:
    words = money({"currency": a.currency, "low": a.low, "high": a.high, "qualifier": a.qualifier}) \
        if a.kind == "money" and a.currency else a.text
    payer = names.get(a.payer or "", a.payer_name or "")
    payee = names.get(a.payee or "", a.payee_name or "")
    if payer:
        words += f" from {payer}"
    if payee:
        words += f" to {payee}"
    return words


def _spans(dossier: Dossier) -> Iterator[tuple[str, str, str, str | None, tuple[Evidence, ...]]]:
    """(record id, motivation, body text, classifying tag, evidence spans) for every record."""
    names = {e.id: e.name for e in dossier.entities}
    for e in dossier.events:
        yield e.id, "describing", e.summary, e.type, e.evidence
    for a in dossier.amounts:
        yield a.id, "describing", _amount_words(a, names), a.purpose, (Evidence(a.doc, a.start, a.end, a.text),)
    for q in dossier.quotes:
        speaker = names.get(q.speaker or "", q.speaker_name or "")
        yield (q.id, "describing", f"Quote of {speaker}" if speaker else "Quote, speaker unknown", None,
               (Evidence(q.doc, q.start, q.end, q.text),))
    for f in dossier.findings:
        yield f.id, "assessing", f.summary, f.kind, f.evidence
    for r in dossier.relations:
        text = f"{names.get(r.source, r.source)} {r.type.replace('_', ' ')} {names.get(r.target, r.target)}"
        yield r.id, "describing", text, r.type, r.evidence
    for ent in dossier.entities:
        yield ent.id, "identifying", ent.name, ent.type, ent.evidence


def items(dossier: Dossier) -> list[dict[str, Any]]:
    """One Annotation per evidence span, record by record, spans in order."""
    docs = {d.id: d for d in dossier.documents}
    out = []
    for record, motivation, value, kind, evidence in _spans(dossier):
        for n, ev in enumerate(evidence, 1):
            out.append({"id": f"{URN}{record}:{n}", "type": "Annotation", "motivation": motivation,
                        "body": _body(value, motivation, kind), "target": _target(ev, docs)})
    return out


def collection(dossier: Dossier) -> dict[str, Any]:
    """The whole dossier's annotations as one ``AnnotationCollection`` with a single page."""
    annos = items(dossier)
    cid = URN + content_id("annotations", sorted(d.id for d in dossier.documents), [a["id"] for a in annos])
    label = (dossier.meta or {}).get("title") or "storyline dossier"
    return {"@context": CONTEXT, "id": cid, "type": "AnnotationCollection", "label": f"Evidence: {label}",
            "total": len(annos),
            "first": {"id": f"{cid}:page:1", "type": "AnnotationPage", "partOf": cid, "startIndex": 0,
                      "items": annos}}


def write(dossier: Dossier, out_dir: Path) -> Path:
    path = Path(out_dir) / FILE_NAME
    path.write_text(json.dumps(collection(dossier), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
