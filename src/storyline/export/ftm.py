"""``dossier.ftm.json``: the dossier as a FollowTheMoney entity stream (one JSON entity a line), for
Aleph, OpenAleph, yente or any ``ftm`` tool.

Entities are built with the ``followthemoney`` package itself (``model.make_entity``), so every
value is cleaned and typed by the library. What becomes what:

* every source article -> ``Article`` (FtM's ``Document`` for "a piece of media reporting about a
  subject"): ``title``, ``publisher`` (:attr:`Document.name`, the one source label), ``sourceUrl``
  (web addresses only, never a local path) and ``publishedAt``. The article text is left out: the
  stream says who did what and where it is written, the articles stay with their publishers.
* ``PERSON`` -> ``Person``; ``ORG`` -> ``Organization``, or ``Company`` on a principled signal: the
  name (or an alias) ends in a legal form ("Oracle Corp", "Acme Ltd"), or the organisation is the
  asset of an ``Ownership`` below (FtM only lets an ``Asset`` be owned, and what is acquired or
  invested in is a company). Places (``GPE``, ``LOC``) are left out: FtM has no schema for a place
  (``Address`` is a postal address, and a country is not a ``LegalEntity`` that can be ``involved``
  in an event), nor for products, works or nationalities.
* money with a known payer and payee -> ``Payment``, one per payment however many articles
  report it (:func:`payments`; the same figure in the same year is one payment, as in the ledger):
  ``amount`` (the low bound; an open or ranged figure says so in ``summary``), ``currency``,
  ``date`` (the amount's time, else its event's date), ``purpose``, ``summary`` (the sentences that
  report it, each with its source). Running totals ("has invested over $14
  billion in total") are not payments: each restates the sum of payments already in the stream
  (the ledger's ``running_total`` measure), so a tool adding up ``Payment`` amounts would count the
  same money twice. Plans, forecasts, whole funding rounds and figures a party owns (revenue, loss,
  valuation) are not payments either.
* the key events (the timeline a reader is shown by default) -> ``Event``: ``name`` (the summary),
  ``date`` or ``startDate``/``endDate`` as precise as the text, ``involved`` parties, ``summary``
  (the reporting sentences, each with its source), ``keywords`` (the event type).
* relations: ``hired`` (organisation -> person) and ``leadership_change`` (person -> organisation)
  -> ``Employment``; ``acquired`` and ``invested_in`` an organisation -> ``Ownership`` (the stake's
  size is not known, and ``ownershipType`` says how it came about). Other relations (``funded``,
  ``contracted_with``, ``said_about``...) have no FtM interval that states them faithfully.

Every entity but the articles has ``proof``: the articles it was read from; one that no article
supports is left out, and so is any reference to it. Ids are ``make_id`` hashes of the storyline
ids (content hashes themselves), so a rebuild gives the same ids; ``recordId`` keeps the storyline
id of each event, payment and relation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from ..records import Amount, Document, Dossier, Entity, Event, EventDate, Evidence, excerpt
from .markdown import web_url

FILE_NAME = "dossier.ftm.json"
PARTY_SCHEMATA = {"PERSON": "Person", "ORG": "Organization"}
# a name ending in one of these is a company's ("Oracle Corp", "SoftBank Group Corp.", "Allen & Co.")
LEGAL_FORM = re.compile(r"\b(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|llp|plc|gmbh|ag|sa|"
                        r"s\.a|nv|n\.v|bv|b\.v|se|spa|s\.p\.a|ab|asa|oyj|kk|pty)\.?$", re.IGNORECASE)
# relation types (reconcile.relations) that state an employment, and those that state ownership,
# with how the stake came about (ownershipType)
EMPLOYMENT = ("hired", "leadership_change")
OWNERSHIP = {"acquired": "acquisition", "invested_in": "investment"}
# money that is paid from a payer to a payee (reconcile.ledger.MEASURES); None: an older dossier
PAID_MEASURES = frozenset({None, "payment", "share"})
NOT_PAID_PURPOSES = frozenset({"revenue", "loss", "valuation"})
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _dates(value: str | None, start: str | None = None, end: str | None = None) -> dict[str, str]:
    """FtM date properties for a TIMEX3 value and the day range it covers: a plain year, month or
    day as ``date`` at that precision, a season or week as ``startDate``/``endDate``."""
    if value and _ISO.fullmatch(value):
        return {"date": value}
    if start and end:
        return {"date": start} if start == end else {"startDate": start, "endDate": end}
    if value and value[:4].isdigit():
        return {"date": value[:4]}
    return {}


def _event_dates(d: EventDate) -> dict[str, str]:
    # an event without a time of its own is not dated by the day it was reported
    return _dates(d.value, d.start, d.end) if d.own else {}


def is_company(entity: Entity) -> bool:
    """Whether an organisation's name or an alias ends in a company's legal form."""
    return any(LEGAL_FORM.search(n.strip()) for n in (entity.name, *entity.aliases))


def _sentences(evidence: Iterable[Evidence], docs: Mapping[str, Document]) -> str:
    """The distinct reporting sentences, each followed by its source's name."""
    seen: dict[str, list[str]] = {}
    for ev in evidence:
        shown = excerpt(ev.text)
        name = docs[ev.doc].name if ev.doc in docs else ev.doc
        names = seen.setdefault(shown, [])
        if name not in names:
            names.append(name)
    return "\n".join(f"{text} ({'; '.join(names)})" for text, names in seen.items())


def _amount_note(a: Amount) -> str:
    """What a reader must know when the figure is not one exact sum: "Reported as “at least $150
    million” (at least USD 150 million); the amount is the low bound."."""
    from .markdown import money

    exact = a.qualifier == "exact" and a.low is not None and a.high in (None, a.low) and (a.high is not None)
    if exact and not a.per:
        return ""
    words = money({"currency": a.currency, "low": a.low, "high": a.high, "qualifier": a.qualifier})
    words += f" per {a.per}" if a.per else ""
    if a.low is None:
        bound = "; the amount is the high bound"
    elif a.high is None or a.high != a.low:
        bound = "; the amount is the low bound"
    else:
        bound = ""
    return f"Reported as “{a.text}” ({words}){bound}."


def is_payment(a: Amount) -> bool:
    """Whether ``a`` is money one party paid another: a payment or a share of a round with both
    parties known, never a running total (it restates earlier payments)."""
    return (a.kind == "money" and bool(a.payer) and bool(a.payee) and a.payer != a.payee and not a.cumulative
            and a.measure in PAID_MEASURES and a.purpose not in NOT_PAID_PURPOSES
            and (a.low is not None or a.high is not None))


def payments(amounts: Sequence[Amount]) -> list[list[Amount]]:
    """The payments (:func:`is_payment`), each as the reports that tell it: grouped by payer, payee,
    currency and rate, then by :func:`storyline.reconcile.ledger.distinct_payments`."""
    from ..reconcile.ledger import distinct_payments

    flows: dict[tuple, list[Amount]] = {}
    for a in sorted(amounts, key=lambda a: a.id):
        if is_payment(a):
            flows.setdefault((a.payer, a.payee, a.currency or "", a.per or ""), []).append(a)
    return sorted((g for key in sorted(flows) for g in distinct_payments(flows[key])),
                  key=lambda g: min(a.id for a in g))


class _Stream:
    """Builds the entities, remembering which exist so that no reference dangles."""

    def __init__(self, dossier: Dossier):
        from followthemoney import model

        self.model = model
        self.dossier = dossier
        self.docs = {d.id: d for d in dossier.documents}
        self.articles: dict[str, str] = {}  # storyline document id -> FtM id
        self.parties: dict[str, str] = {}  # storyline entity id -> FtM id
        self.entities: list = []

    def make(self, schema: str, *key: str, proof: Iterable[str] = (), record: str | None = None):
        proxy = self.model.make_entity(schema)
        proxy.make_id("storyline", *key)
        proofs = [self.articles[d] for d in dict.fromkeys(proof) if d in self.articles]
        if proofs:
            proxy.add("proof", proofs)
            urls = [web_url(self.docs[d].url) for d in dict.fromkeys(proof) if d in self.docs]
            proxy.add("sourceUrl", [u for u in urls if u])
        if record and "recordId" in proxy.schema.properties:
            proxy.add("recordId", record)
        return proxy

    def emit(self, proxy) -> str:
        self.entities.append(proxy)
        return proxy.id

    def article(self, doc: Document) -> None:
        a = self.make("Article", doc.id)
        a.add("title", doc.title or doc.name)
        a.add("publisher", doc.name)
        a.add("sourceUrl", web_url(doc.url))
        if doc.published:
            a.add("publishedAt", doc.published_as_known)  # "2025-04" when the day is uncertain
        self.articles[doc.id] = self.emit(a)

    def party(self, e: Entity, schema: str, proof: Sequence[str]) -> None:
        p = self.make(schema, e.id, proof=proof)
        if not p.get("proof"):
            return  # nothing in the dossier's articles supports it
        p.add("name", e.name)
        p.add("alias", [a for a in e.aliases if a != e.name])
        self.parties[e.id] = self.emit(p)

    def event(self, ev: Event) -> None:
        from .timelinejs import headline

        x = self.make("Event", ev.id, proof=[*ev.sources, *(v.doc for v in ev.evidence)], record=ev.id)
        if not x.get("proof"):
            return
        x.add("name", headline(excerpt(ev.summary), limit=_name_limit()))
        for prop, value in _event_dates(ev.date).items():
            x.add(prop, value)
        x.add("involved", [self.parties[e] for e in ev.entities if e in self.parties])
        x.add("summary", _sentences(ev.evidence, self.docs) or excerpt(ev.summary))
        x.add("keywords", ev.type.replace("_", " "))
        if ev.key:
            x.add("important", "true")
        self.emit(x)

    def payment(self, reports: Sequence[Amount], events: Mapping[str, Event]) -> None:
        """One ``Payment`` for the reports of one payment (several articles telling the same figure
        in the same year are one payment, as in the ledger); ``reports[0]`` gives the figure."""
        from ..reconcile.ledger import sentence_evidence

        a = reports[0]
        figure = a.low if a.low is not None else a.high
        if figure is None or a.payer not in self.parties or a.payee not in self.parties:
            return
        ids = sorted(r.id for r in reports)
        p = self.make("Payment", *ids, proof=[r.doc for r in reports])
        if not p.get("proof"):
            return
        p.add("recordId", ids)
        p.add("payer", self.parties[a.payer])
        p.add("beneficiary", self.parties[a.payee])
        p.add("amount", _number(figure))
        p.add("currency", a.currency)
        ev = events.get(a.event or "")
        dates = _dates(a.time) if a.time and _ISO.fullmatch(a.time) else {}
        dates = dates or (_event_dates(ev.date) if ev else {}) or (_dates(a.time) if a.time else {})
        for prop, value in dates.items():
            p.add(prop, value)
        p.add("purpose", [r.purpose.replace("_", " ") for r in reports if r.purpose])
        sentences = _sentences([sentence_evidence(self.docs.get(r.doc), r) for r in reports], self.docs)
        p.add("summary", "\n".join(s for s in (sentences, _amount_note(a)) if s))
        self.emit(p)

    def interest(self, rel, events: Mapping[str, Event], types: Mapping[str, str]) -> None:
        if rel.source not in self.parties or rel.target not in self.parties:
            return
        if rel.type in EMPLOYMENT:
            employer, employee = (rel.source, rel.target) if rel.type == "hired" else (rel.target, rel.source)
            if types.get(employer) != "ORG" or types.get(employee) != "PERSON":
                return
            x = self.make("Employment", rel.id, proof=[v.doc for v in rel.evidence], record=rel.id)
            x.add("employer", self.parties[employer])
            x.add("employee", self.parties[employee])
            if rel.type == "leadership_change":
                x.add("description", "A leadership change: the person took or left a post leading the organisation.")
        elif rel.type in OWNERSHIP and types.get(rel.target) == "ORG":
            x = self.make("Ownership", rel.id, proof=[v.doc for v in rel.evidence], record=rel.id)
            x.add("owner", self.parties[rel.source])
            x.add("asset", self.parties[rel.target])
            x.add("ownershipType", OWNERSHIP[rel.type])
            x.add("description", f"Reported as an {OWNERSHIP[rel.type]}; the size of the stake is not given."
                  if rel.type == "invested_in" else "Reported as an acquisition.")
        else:
            return
        if not x.get("proof"):
            return
        x.add("date", sorted({d for e in rel.events if e in events
                              if (d := _event_dates(events[e].date).get("date"))}))
        x.add("summary", _sentences(rel.evidence, self.docs))
        self.emit(x)


def _name_limit() -> int:
    from followthemoney import registry

    return registry.name.max_length


def entities(dossier: Dossier) -> list:
    """The dossier as FtM entity proxies: articles, parties, key events, payments, interests."""
    from .markdown import entity_sources, timeline_view

    stream = _Stream(dossier)
    for doc in sorted(dossier.documents, key=lambda d: d.id):
        stream.article(doc)
    types = {e.id: e.type for e in dossier.entities}
    assets = {r.target for r in dossier.relations
              if r.type in OWNERSHIP and types.get(r.target) == "ORG" and types.get(r.source) in PARTY_SCHEMATA}
    docs_of = entity_sources(dossier)
    for e in sorted(dossier.entities, key=lambda e: e.id):
        schema = PARTY_SCHEMATA.get(e.type)
        if schema is None:
            continue
        if schema == "Organization" and (e.id in assets or is_company(e)):
            schema = "Company"
        stream.party(e, schema, docs_of.get(e.id, []))
    events = {e.id: e for e in dossier.events}
    for ev in sorted(timeline_view(dossier).events, key=lambda e: e.id):
        stream.event(ev)
    for reports in payments(dossier.amounts):
        stream.payment(reports, events)
    for rel in sorted(dossier.relations, key=lambda r: r.id):
        stream.interest(rel, events, types)
    return stream.entities


def write(dossier: Dossier, folder: Path) -> Path:
    """Write ``dossier.ftm.json`` (one FtM entity a line) into ``folder`` and return its path."""
    path = Path(folder) / FILE_NAME
    lines = []
    for proxy in entities(dossier):
        data = proxy.to_dict()
        # FtM values are sets: sorted, a rebuild from the same content writes the same bytes
        data["properties"] = {k: sorted(v) for k, v in data["properties"].items()}
        lines.append(json.dumps(data, ensure_ascii=False, sort_keys=True))
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


__all__ = ["FILE_NAME", "entities", "is_company", "is_payment", "payments", "write"]
