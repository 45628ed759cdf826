"""Typed records shared by every stage of the pipeline.

All records are frozen dataclasses: a stage returns new records (use
``dataclasses.replace``) and never mutates its input. Every record derived from
text carries ``doc`` (a document id) and ``start``/``end`` character offsets
into that document's *cleaned* text, so ``document.text[start:end] == record.text``
holds for every record; tests check it.

Ids are content hashes (:func:`content_id`), so re-running a build produces the
same ids and upserts the same rows instead of duplicating them.

The pipeline is::

    ingest -> clean -> annotate (sentences, entities, time, money, quotes)
           -> extract (event mentions) -> reconcile (aliases, events, findings)
           -> store -> export / serve
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any, Literal

PublishedFrom = Literal["manifest", "metadata", "text", "path"]
Severity = Literal["rejected", "warning"]
# how exactly a publication date is known: a manifest can say "day uncertain"
Precision = Literal["day", "month", "year"]
Qualifier = Literal["exact", "about", "at_least", "more_than", "at_most", "less_than", "range", "vague"]
QUALIFIERS: tuple[str, ...] = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "range", "vague")
Per = Literal["year", "quarter", "month", "week", "day"]
PERS: tuple[str, ...] = ("year", "quarter", "month", "week", "day")
FindingKind = Literal["corroborated", "single_source", "conflict"]
FINDING_KINDS: tuple[str, ...] = ("corroborated", "single_source", "conflict")
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


def content_id(prefix: str, *parts: Any) -> str:
    """A stable id from canonical content: ``prefix`` + 16 hex digits of SHA-256.

    ``parts`` are serialised as canonical JSON, so the same content always gives
    the same id, in any process, on any machine.
    """
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return f"{prefix}_{hashlib.sha256(payload.encode('utf-8')).hexdigest()[:16]}"


_SENTENCE_END = ".!?\u2026\"'\u201d\u2019)]"


def excerpt(text: str) -> str:
    """``text`` as a reader should see a verbatim slice: an ellipsis where it starts or stops inside
    a sentence ("…the two businesses are still closely collaborating.").

    A slice starts inside a sentence when its first word is all lower case ("eBay", "iPhone" start
    sentences), and stops inside one when it does not end with closing punctuation (a dangling
    comma, semicolon or colon gives way to the ellipsis). Event summaries stay verbatim (their
    offsets slice the document); only what is shown gets the marks.
    """
    shown = " ".join(text.split())
    if not shown:
        return shown
    word = shown.split()[0]
    first = next((ch for ch in word if ch.isalnum()), "")
    if first.islower() and not any(ch.isupper() for ch in word):
        shown = "\u2026" + shown
    if shown[-1] in ",;:":
        shown = shown[:-1] + "\u2026"
    elif shown[-1] not in _SENTENCE_END:
        shown += "\u2026"
    return shown


def outlet_key(name: str | None) -> str:
    """What makes two outlet names one source: case and spacing do not ("Reuters", "reuters ");
    empty for no outlet."""
    return " ".join((name or "").split()).casefold()


@dataclass(frozen=True)
class Removal:
    """A piece of the raw text that cleaning dropped, and why.

    ``line`` is the 1-based line number in the raw text (0 when not line based).
    """

    text: str
    reason: str
    line: int = 0


@dataclass(frozen=True)
class Rejection:
    """An input that could not be read, with where and why."""

    path: str
    reason: str
    line: int | None = None
    # "rejected": the input (file, record, manifest row) was not used; "warning": it was used, but
    # something in it was not (an unknown manifest column, an unreadable date field)
    severity: Severity = "rejected"

    @property
    def id(self) -> str:
        return content_id("rej", self.path, self.line, self.reason)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def warning(path: str, reason: str, line: int | None = None) -> Rejection:
    """A problem with an input that was still used."""
    return Rejection(path, reason, line, "warning")


@dataclass(frozen=True)
class RawDocument:
    """What ingest produces: text as found, plus whatever metadata the source had."""

    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: PublishedFrom | None = None
    # a sub-location inside a container file (JSONL line, WARC record)
    part: str | None = None
    # None: to the day
    published_precision: Precision | None = None

    @property
    def source_key(self) -> str:
        return self.path if self.part is None else f"{self.path}#{self.part}"


def source_name(outlet: str | None, url: str | None, title: str | None, path: str | None) -> str:
    """The one label a source has in every export, page and finding: its outlet (from the manifest or
    the page's site name), else its web site's host, else its title, else its file name."""
    if outlet:
        return outlet
    if url:
        from urllib.parse import urlparse

        try:
            host = urlparse(url).hostname or ""
        except ValueError:
            host = ""
        if host:
            return host.removeprefix("www.")
    return title or (path or "").split("#")[0].rsplit("/", 1)[-1] or "unnamed source"


@dataclass(frozen=True)
class Document:
    """A cleaned article. ``text`` is the text every offset in the dossier indexes."""

    id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: PublishedFrom | None = None
    removed: tuple[Removal, ...] = ()
    duplicate_of: str | None = None
    # how exactly ``published`` is known (None: to the day); dates resolved against it are no
    # more precise
    published_precision: Precision | None = None
    # news outlets whose reporting the text credits ("according to the Wall Street Journal"), and
    # the one whose story it rewrites as a whole, if any (reconcile.sources.Attribution)
    cites: tuple[str, ...] = ()
    based_on: str | None = None

    @property
    def name(self) -> str:
        """How a reader names this source (:func:`source_name`)."""
        return source_name(self.outlet, self.url, self.title, self.path)

    @property
    def published_as_known(self) -> str | None:
        """The publication date written as exactly as it is known: "2025-04-28", or "2025-04" when
        the day is uncertain, "2025" when only the year is (ISO 8601 partial dates, which
        spreadsheets and FollowTheMoney read)."""
        if self.published is None:
            return None
        return self.published.isoformat()[:{"month": 7, "year": 4}.get(self.published_precision or "day", 10)]


@dataclass(frozen=True)
class Sentence:
    doc: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """An entity mention as the NER model found it (label is the model's)."""

    doc: str
    start: int
    end: int
    text: str
    label: str
    sentence: int = -1


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    # every mention of it in the dossier, in document and text order
    evidence: tuple["Evidence", ...] = ()


@dataclass(frozen=True)
class TimeExpr:
    """A TIMEX3-style time expression.

    ``value`` follows TimeML (``2024``, ``2024-10``, ``2024-SU``, ``2024-Q3``,
    ``2024-W05``, ``2024-10-18``, ``2024-10-18T14:27``, ``P6Y``, ``PRESENT_REF``, ``XXXX-XX-XX``
    when unresolvable). ``start_date``/``end_date`` are the inclusive ISO day range
    the value covers (``None`` for durations and unresolved values). ``mod`` is a
    TimeML modifier (START, MID, END, BEFORE, AFTER, ON_OR_BEFORE, ON_OR_AFTER,
    APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE). ``anchor`` tells what a
    relative expression was resolved against (``dct``, ``narrative``) or ``None``.
    ``note`` explains anything a reader should know (unresolved, fiscal year bounds).
    """

    doc: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    anchor: str | None = None
    note: str | None = None
    quant: str | None = None
    freq: str | None = None


@dataclass(frozen=True)
class Amount:
    """A quantity in text: money, a count with a unit, or a percentage.

    ``low``/``high`` are the normalised bounds (``None`` when open); ``low <= high``
    whenever both are set. ``per`` is the rate (``"$37.5 billion annually"`` -> year).
    ``payer``/``payee`` are entity ids once reconciliation has linked them,
    ``payer_name``/``payee_name`` the names as the text gives them.
    """

    id: str
    doc: str
    start: int
    end: int
    text: str
    kind: str = "money"  # money | count | percent
    currency: str | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    per: Per | None = None
    change: str | None = None  # CQE-style change: = ~ > < up down
    purpose: str | None = None  # investment, funding_round, contract, acquisition, hiring, revenue, loss, spending, valuation
    payer: str | None = None
    payee: str | None = None
    payer_name: str | None = None
    payee_name: str | None = None
    time: str | None = None  # TIMEX3 value of when
    event: str | None = None
    cumulative: bool = False  # reported as a running total ("has invested over $14 billion", "in total")
    # what the figure measures (reconcile.ledger.MEASURES): a payment, a running total, a whole
    # funding round, one investor's share of a round, a plan or forecast, or a figure a party owns
    # (loss, revenue, valuation, spending); only payments and running totals make a flow's total
    measure: str | None = None


@dataclass(frozen=True)
class Quote:
    id: str
    doc: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_name: str | None = None
    said_at: str | None = None  # TIMEX3 value
    cue: str | None = None  # the reporting verb, if any


@dataclass(frozen=True)
class Evidence:
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Participant:
    entity: str
    role: str  # agent, patient, recipient, beneficiary, location, other


@dataclass(frozen=True)
class EventMention:
    """A clause that reports something happening, inside one sentence."""

    id: str
    doc: str
    start: int
    end: int
    text: str  # the sentence
    trigger: str
    trigger_start: int
    trigger_end: int
    type: str
    participants: tuple[Participant, ...] = ()
    time: TimeExpr | None = None
    amounts: tuple[str, ...] = ()
    sentence: int = -1
    # whether the clause says it happened (reconcile.events.mood): "actual"; "state" (a present
    # condition or habit: "they barely text each other"); "possible" (modal, future, planned,
    # obliged, forecast); "negated"
    mood: str = "actual"


@dataclass(frozen=True)
class EventDate:
    value: str | None = None
    start: str | None = None
    end: str | None = None

    @property
    def own(self) -> bool:
        """Whether the text gives the event a time of its own (a year at least). An event that is
        only bounded by when it was reported (no value: "by <publication day>"), or that holds
        "now" (``PRESENT_REF``) or an unanchored reference, has none: it is listed as reported,
        apart from the dated events, never as if it happened on the publication day."""
        # a decade ("201") or a century ("20": "the 21st century") places no event
        return bool(self.value) and len(self.value) >= 4 and self.value[:4].isdigit()


@dataclass(frozen=True)
class Event:
    """One real-world event, possibly reported by several documents."""

    id: str
    date: EventDate
    summary: str
    type: str = "other"
    entities: tuple[str, ...] = ()
    amounts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    score: float = 0.0
    # the key-event timeline (storyline.tls.events.key_ranking): rank 1 is the most salient event
    # with a time of its own, 0 means unranked (no time of its own); key: among the first
    # ``timeline_key_events`` ranks, the timeline a reader is shown by default
    rank: int = 0
    key: bool = False
    # "actual" when one of its mentions says it happened, else its mentions' commonest mood
    # (EventMention.mood); only actual happenings can be key events
    mood: str = "actual"


@dataclass(frozen=True)
class Finding:
    id: str
    kind: FindingKind
    summary: str
    events: tuple[str, ...] = ()
    amounts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    # the independent sources behind the finding (outlets, or document ids where no outlet is
    # known): two rewrites of one outlet's story count as that outlet (reconcile.sources.Attribution)
    independent: tuple[str, ...] = ()
    # reading order within its kind: 1 first (key events and widely reported claims first)
    rank: int = 0


@dataclass(frozen=True)
class Relation:
    """A directed relation between two entities, e.g. invested_in, hired, contracted_with, said_about."""

    id: str
    source: str  # entity id
    target: str  # entity id
    type: str
    events: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Correction:
    """A user's correction of the built dossier (``storyline correct``), kept apart from the
    built data in ``corrections.jsonl`` and re-applied on every build and ``add``.

    ``op``: merge, split, rename, retype, reject or undo; ``kind``: entity, event or finding.
    ``target`` is the id of what was corrected and ``name`` its name (an event's or a
    finding's summary) when the correction was made: an id can change when the story grows
    (an event that gains a report gets a new id), so re-application falls back to the name,
    the aliases and, for events and findings, the evidence ``spans`` (doc, start, end).
    ``value``: the new name or type, or the alias a split takes out; ``others``/``other_names``:
    the entities a merge folds into ``target``; ``undoes``: the number of the undone correction.
    """

    n: int
    op: str
    kind: str = "entity"
    target: str = ""
    name: str = ""
    value: str = ""
    others: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    spans: tuple[tuple[str, int, int], ...] = ()
    undoes: int = 0
    at: str = ""


@dataclass(frozen=True)
class Dossier:
    documents: tuple[Document, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    amounts: tuple[Amount, ...] = ()
    quotes: tuple[Quote, ...] = ()
    findings: tuple[Finding, ...] = ()
    relations: tuple[Relation, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)


_PLAIN = frozenset((str, int, float, bool, type(None)))


def to_jsonable(obj: Any) -> Any:
    """Records -> plain JSON types (dates become ISO strings, tuples lists).

    Every stored item and the whole ``dossier.json`` go through here (millions of values for a
    story of a thousand articles), so the common cases are tested first and a record class's field
    names are looked up once (:func:`_field_names`)."""
    if type(obj) in _PLAIN:
        return obj
    names = _field_names(type(obj))
    # plain values are kept where they are met, without a call each (most of a record's fields)
    if names is not None:
        return {name: v if type(v := getattr(obj, name)) in _PLAIN else to_jsonable(v) for name in names}
    if isinstance(obj, (list, tuple)):
        return [x if type(x) in _PLAIN else to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass (None for any other class)."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None


__all__ = [
    "Amount", "Document", "Dossier", "Entity", "Event", "EventDate", "EventMention", "Evidence",
    "Finding", "Mention", "Participant", "Quote", "Relation", "RawDocument", "Rejection", "Removal", "Sentence",
    "TimeExpr", "content_id", "from_jsonable", "outlet_key", "to_jsonable", "asdict",
]


def from_jsonable(cls: type, data: Any) -> Any:
    """The inverse of :func:`to_jsonable` for a record class (nested records, tuples, dates).

    A reconcile reads every stored document's annotations and kept results back through here, so
    each record class's conversion is worked out once from its type hints (:func:`_record_reader`)."""
    return _record_reader(cls)(data)


@lru_cache(maxsize=None)
def _record_reader(cls: type):
    plan = [(name, _reader(tp)) for name, tp in _hints(cls).items()]

    def read(data: Any) -> Any:
        kwargs = {}
        for name, conv in plan:
            if name in data:
                value = data[name]
                kwargs[name] = value if conv is None or value is None else conv(value)
        return cls(**kwargs)
    return read


@lru_cache(maxsize=None)
def _reader(tp: Any):
    """A function that turns a JSON value into a value of type ``tp`` (None: the value as it is)."""
    import types
    import typing

    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _reader(args[0]) if len(args) == 1 else None
    if origin is typing.Literal:
        return None
    if origin in (tuple, list):
        args = typing.get_args(tp)
        inner = _reader(args[0]) if args else None
        if inner is None:
            return origin
        if origin is tuple:
            return lambda value: tuple(None if v is None else inner(v) for v in value)
        return lambda value: [None if v is None else inner(v) for v in value]
    if origin is dict:
        return dict
    if tp is date:
        return lambda value: date.fromisoformat(value) if isinstance(value, str) else value
    if is_dataclass(tp):
        return _record_reader(tp)
    return None


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    import typing

    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in fields(cls)}
