"""Data access for the web app: load dossiers, shape every page's data, search.

Everything a page shows comes from one function here, and the page's JSON twin
returns exactly that function's result, so the HTML and the JSON never disagree.
Handlers in :mod:`storyline.web.app` only parse parameters and call these.

A dossier folder holds ``dossier.json`` (``storyline.records.to_jsonable`` of a
:class:`storyline.records.Dossier`) and, optionally, ``storyline.duckdb`` (the
build's store; its ``sentences`` table feeds search). The JSON is read as plain
dicts: the web app only reads and reshapes, so rebuilding frozen records would
cost time (10,000 events) without adding a check the build has not made already.

Search uses DuckDB's ``fts`` extension, loaded from the ``duckdb-extension-fts``
package that pip installs beside a matching ``duckdb`` (both pinned in
``pyproject.toml``); it is never downloaded at run time. Where that package is
missing (another DuckDB version), the same Okapi BM25
ranking (k1=1.2, b=0.75, as ``fts`` uses) is computed in DuckDB SQL over a
postings table built here, with Snowball English stemming (the stemmer family
``fts`` uses) and a short English stop-word list.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import threading
import time
import unicodedata
from bisect import bisect_right
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from ..errors import ConfigError, StorylineError
from ..reconcile.sources import sources_word
from ..export.markdown import date_label
from ..paths import PACKAGE_DIR
from ..reconcile.corrections import ENTITY_TYPES, describe, states
from ..records import EventDate, excerpt, outlet_key, source_name, to_jsonable
from ..store import insert_columns

try:  # orjson is in the ``web`` extra; the standard json module is the fallback.
    import orjson

    def dumps(obj: Any) -> bytes:
        """JSON bytes for a response (orjson when installed)."""
        return orjson.dumps(obj)

except ImportError:  # pragma: no cover - exercised only without the extra

    def dumps(obj: Any) -> bytes:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


DOSSIER_FILE = "dossier.json"
STORE_FILE = "storyline.duckdb"
BM25_K1 = 1.2
BM25_B = 0.75
SEARCH_LIMIT_MAX = 200
# Answers kept per served dossier, counted in result sentences (a few MB at most): a newsroom asks the
# same names again and again, and one DuckDB fts query costs ~12 ms on a 300-article story.
SEARCH_CACHE_RESULTS = 10_000
# How often (seconds) a request may look at whether a served dossier.json was rebuilt (one stat).
RELOAD_INTERVAL = 1.0
# Ids are content hashes such as ``doc_0123abcd...``; anything else in a document
# route (dots, slashes, percent-decoded separators) is refused before any lookup.
DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,127}$")
ENTITY_EVENTS_SHOWN = 40  # an entity page lists this many events in full before it splits them
SORT_KEYS = ("value", "time", "payer", "payee", "purpose", "qualifier", "kind", "source")
# A short English stop-word list (articles, pronouns, auxiliaries, prepositions):
# enough to keep "the" from ranking; DuckDB fts uses a longer list of the same kind.
STOP_WORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have he her his i if in into
    is it its me my no not of on or our she so than that the their them then there these they this those to
    us was we were what when which who will with would you your""".split()
)


class WebError(StorylineError):
    """An error a web request ends with; ``status`` and ``code`` go into the JSON error shape."""

    status = 500
    code = "internal_error"


class NotFound(WebError):
    status = 404
    code = "not_found"


class BadRequest(WebError):
    status = 400
    code = "bad_request"


class Forbidden(WebError):
    status = 403
    code = "forbidden"


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The one error shape every route returns: ``{"error": {"status", "code", "message"}}``."""
    return {"error": {"status": status, "code": code, "message": message}}


def safe_url(url: str | None) -> str | None:
    """``url`` if it is http(s), else ``None`` (a ``javascript:`` link in a manifest must not become a link)."""
    if url and re.match(r"^https?://[^\s]+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


# --------------------------------------------------------------------------- dates

_PRECISIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(r"^\d{4}-\d{2}-\d{2}")),
    ("week", re.compile(r"^\d{4}-W\d{2}$")),
    ("month", re.compile(r"^\d{4}-\d{2}$")),
    ("season", re.compile(r"^\d{4}-(SP|SU|FA|AU|WI)$")),
    ("quarter", re.compile(r"^\d{4}-Q[1-4]$")),
    ("half", re.compile(r"^\d{4}-H[12]$")),
    ("year", re.compile(r"^\d{4}$")),
    ("decade", re.compile(r"^\d{3}X?$")),
)


def date_precision(date: dict[str, Any] | None) -> str:
    """How precise an event date is: day, week, month, season, quarter, half, year, decade, range or undated.

    Read from the TIMEX3 ``value`` when it has a known shape, else from the day range.
    """
    date = date or {}
    value = date.get("value") or ""
    for name, pattern in _PRECISIONS:
        if pattern.match(value):
            return name if date.get("start") else "undated"
    start, end = date.get("start"), date.get("end")
    if not start:
        return "undated"
    return "day" if not end or end == start else "range"


# --------------------------------------------------------------------------- money

_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹"}
_QUALIFIER_SIGNS = {
    "exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
    "at_most": "at most ", "less_than": "less than ", "range": "", "vague": "",
}
_MAGNITUDES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _number(x: float) -> str:
    for size, word in _MAGNITUDES:
        if abs(x) >= size:
            return f"{x / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def format_amount(a: dict[str, Any]) -> str:
    """A human reading of an amount's normalised value: ``at least $1.5 billion / year``."""
    low, high = a.get("low"), a.get("high")
    kind = a.get("kind") or "money"
    cur = a.get("currency") or ""
    sign = _CURRENCY_SIGNS.get(cur, f"{cur} " if cur else "")

    def one(x: float) -> str:
        if kind == "percent":
            return f"{_number(x)}%"
        if kind == "money":
            return f"{sign}{_number(x)}"
        return f"{_number(x)}" + (f" {a['unit']}" if a.get("unit") else "")

    if low is None and high is None:
        text = a.get("text") or ""
    elif low is not None and high is not None and low != high:
        text = f"{one(low)} – {one(high)}"
    else:
        text = one(low if low is not None else high)
    prefix = _QUALIFIER_SIGNS.get(a.get("qualifier") or "exact", "")
    if low is None and high is not None and not prefix:
        prefix = "up to "
    if high is None and low is not None and not prefix and a.get("qualifier") not in ("exact", None):
        prefix = "from "
    rate = f" / {a['per']}" if a.get("per") else ""
    return f"{prefix}{text}{rate}"


def _total_view(t: dict[str, Any]) -> dict[str, Any]:
    """A relationship's total as the Money page shows it: the figure, on what it rests, the range
    the outlets give and how a running total grew."""
    money = {"kind": "money", "currency": t.get("currency"), "per": t.get("per")}
    out = {"display": format_amount({**money, **{k: t.get(k) for k in ("low", "high", "qualifier")}}),
           "basis": t.get("basis"), "figure": t.get("figure"), "as_of": t.get("as_of")}
    if t.get("range"):
        out["range"] = format_amount({**money, "low": t["range"]["low"], "high": t["range"]["high"],
                                      "qualifier": "range" if t["range"]["high"] is not None else "at_least"})
    out["history"] = [f"{h['text']} ({h['as_of'] or 'undated'})" for h in t.get("history", [])]
    if t.get("payments"):
        p = t["payments"]
        out["payments"] = (f"{p['distinct']} payment{'s' if p['distinct'] != 1 else ''} named, adding up to "
                           + format_amount({**money, **{k: p.get(k) for k in ("low", "high", "qualifier")}}))
    return out


# --------------------------------------------------------------------------- search


def _fold(text: str) -> str:
    """Lower case without accents (NFKD, combining marks dropped)."""
    if text.isascii():
        return text.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


_WORD = re.compile(r"[^\W_]+")


class _Stemmer:
    """Snowball English stemming, or identity when snowballstemmer is missing.

    Memoised: a corpus has far fewer distinct words than tokens, and the pure
    Python stemmer costs ~0.2 ms a word.
    """

    def __init__(self) -> None:
        try:
            import snowballstemmer

            self._stem = snowballstemmer.stemmer("english").stemWord
        except ImportError:  # pragma: no cover - the web extra installs it
            self._stem = lambda w: w
        self._lock = threading.Lock()  # the Snowball stemmer object is not thread safe
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            with self._lock:
                stem = self._stem(word)
            if len(self._cache) < 500_000:
                self._cache[word] = stem
        return stem


_STEM = _Stemmer()


def search_terms(text: str) -> list[str]:
    """The index terms of ``text``: folded words, stop words dropped, stemmed."""
    return [_STEM(w) for w in _WORD.findall(_fold(text)) if w not in STOP_WORDS]


def split_sentences(doc_id: str, text: str) -> list[dict[str, Any]]:
    """Sentences of ``text`` with offsets, for documents with no stored sentences (the build's own
    splitter is used whenever the store has them); ``text[start:end] == sentence['text']``."""
    from ..ingest.clean import sentence_spans

    return [{"doc": doc_id, "idx": i, "start": s, "end": e, "text": text[s:e]}
            for i, (s, e) in enumerate(sentence_spans(text))]


def read_store_sentences(store: Path, doc_ids: set[str]) -> list[dict[str, Any]] | None:
    """Sentences from the build's DuckDB store, or ``None`` when it has none (or is locked)."""
    if not store.is_file():
        return None
    try:
        con = duckdb.connect(str(store), read_only=True)
    except duckdb.Error:
        return None
    try:
        has = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'sentences'"
        ).fetchone()[0]
        if not has:
            return None
        rows = con.execute('SELECT doc, idx, start, "end", text FROM sentences ORDER BY doc, idx').fetchall()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return [
        {"doc": d, "idx": i, "start": s, "end": e, "text": t} for d, i, s, e, t in rows if d in doc_ids
    ]


def _fts_extension_path() -> str | None:
    """The fts extension file shipped by the ``duckdb-extension-fts`` wheel for this DuckDB version."""
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    from pathlib import Path

    base = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    found = sorted(base.rglob("fts.duckdb_extension"))
    return str(found[0]).replace("'", "''") if found else None


class SentenceIndex:
    """Full-text search over sentences in an in-memory DuckDB (BM25 ranking)."""

    def __init__(self, sentences: list[dict[str, Any]]):
        self.sentences = sentences
        self._con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": "false",
                                                       "autoload_known_extensions": "false"})
        self._con.execute(
            'CREATE TABLE sentences (sid INTEGER, doc VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR)'
        )
        # in bulk (store.insert_columns): 0.2 s for Egypt's 35,000 sentences, where lists converted
        # value by value took 30 s
        insert_columns(self._con, "sentences", [range(len(sentences)), *([x[k] for x in sentences] for k in (
            "doc", "idx", "start", "end", "text"))], ["INTEGER", "VARCHAR", "INTEGER", "INTEGER", "INTEGER", "VARCHAR"],
            replace=False)
        self.backend = self._build_fts() or self._build_bm25()

    def _build_fts(self) -> str | None:
        """Use DuckDB's fts extension from the PyPI package, or a local install (never downloaded)."""
        try:
            self._con.execute(f"LOAD '{_fts_extension_path()}'" if _fts_extension_path() else "LOAD fts")
            self._con.execute(
                "PRAGMA create_fts_index('sentences', 'sid', 'text', stemmer='english', "
                "stopwords='english', overwrite=1)"
            )
        except duckdb.Error:
            return None
        return "duckdb-fts"

    def _build_bm25(self) -> str:
        sids: list[int] = []
        terms: list[str] = []
        tfs: list[int] = []
        lens: list[int] = []
        for sid, s in enumerate(self.sentences):
            counts = Counter(search_terms(s["text"]))
            lens.append(sum(counts.values()))
            for term, tf in counts.items():
                sids.append(sid)
                terms.append(term)
                tfs.append(tf)
        con = self._con
        con.execute("CREATE TABLE postings (sid INTEGER, term VARCHAR, tf INTEGER)")
        con.execute("CREATE TABLE lens (sid INTEGER, len INTEGER)")
        insert_columns(con, "postings", [sids, terms, tfs], ["INTEGER", "VARCHAR", "INTEGER"], replace=False)
        insert_columns(con, "lens", [range(len(lens)), lens], ["INTEGER", "INTEGER"], replace=False)
        con.execute("CREATE TABLE df AS SELECT term, count(*) AS df FROM postings GROUP BY term")
        return "duckdb-sql-bm25"

    def search(self, query: str, limit: int) -> list[tuple[int, float]]:
        """(sentence number, score) pairs, best first."""
        cur = self._con.cursor()  # one cursor per call: requests run in a thread pool
        try:
            if self.backend == "duckdb-fts":
                rows = cur.execute(
                    "SELECT sid, score FROM (SELECT sid, fts_main_sentences.match_bm25(sid, $1) AS score "
                    "FROM sentences) WHERE score IS NOT NULL ORDER BY score DESC, sid LIMIT $2",
                    [query, limit],
                ).fetchall()
            else:
                terms = sorted(set(search_terms(query)))
                if not terms:
                    return []
                rows = cur.execute(
                    f"""
                    WITH n AS (SELECT count(*) AS n, coalesce(avg(len), 0) AS avgdl FROM lens),
                    q AS (SELECT unnest($1::VARCHAR[]) AS term)
                    SELECT p.sid,
                           sum(ln((n.n - df.df + 0.5) / (df.df + 0.5) + 1)
                               * p.tf * ({BM25_K1} + 1)
                               / (p.tf + {BM25_K1} * (1 - {BM25_B} + {BM25_B} * l.len / greatest(n.avgdl, 1))))
                               AS score
                    FROM postings p JOIN q USING (term) JOIN df USING (term) JOIN lens l USING (sid), n
                    GROUP BY p.sid ORDER BY score DESC, p.sid LIMIT $2
                    """,
                    [terms, limit],
                ).fetchall()
        finally:
            cur.close()
        return [(int(sid), float(score)) for sid, score in rows]


def highlight_segments(text: str, query: str, wanted: set[str] | None = None) -> list[dict[str, Any]]:
    """``text`` cut into ``{"text", "hit"}`` pieces, ``hit`` where a word matches a query term
    (``wanted``: the query's :func:`search_terms`, when the caller has them already)."""
    if wanted is None:
        wanted = set(search_terms(query))
    out: list[dict[str, Any]] = []
    pos = 0
    for m in _WORD.finditer(text):
        word = _fold(m.group(0))
        if word not in STOP_WORDS and _STEM(word) in wanted:
            if m.start() > pos:
                out.append({"text": text[pos:m.start()], "hit": False})
            out.append({"text": m.group(0), "hit": True})
            pos = m.end()
    if pos < len(text):
        out.append({"text": text[pos:], "hit": False})
    return out


# --------------------------------------------------------------------------- one dossier


@dataclass
class DossierData:
    """One loaded dossier and every view of it the web app serves."""

    slug: str
    path: Path
    raw: dict[str, Any]
    sentences: list[dict[str, Any]] = field(default_factory=list)
    sentences_from: str = "documents"

    def __post_init__(self) -> None:
        raw = self.raw
        self.docs: dict[str, dict[str, Any]] = {d["id"]: d for d in raw.get("documents", [])}
        self.entities: dict[str, dict[str, Any]] = {e["id"]: e for e in raw.get("entities", [])}
        self.amount_by_id: dict[str, dict[str, Any]] = {a["id"]: a for a in raw.get("amounts", [])}
        self.events: list[dict[str, Any]] = list(raw.get("events", []))
        self.event_by_id = {e["id"]: e for e in self.events}
        findings = raw.get("findings", [])
        self.conflict_amounts: dict[str, list[str]] = defaultdict(list)
        self.conflict_events: dict[str, list[str]] = defaultdict(list)
        for f in findings:
            if f.get("kind") == "conflict":
                for a in f.get("amounts", []):
                    self.conflict_amounts[a].append(f["id"])
                for e in f.get("events", []):
                    self.conflict_events[e].append(f["id"])
        self._timeline_events = [self._event_view(e) for e in self.events]
        self._timeline_events.sort(key=lambda e: (e["start"] or e["reported"] or "9999", e["end"] or "", e["id"]))
        # the first view is the key events (``events[].key``); a dossier that marks none shows its register
        self._key_events = [e for e in self._timeline_events if e["key"]]
        views = {"all": self._timeline_events, "key": self._key_events}
        self._facets = {v: self._timeline_facets(events) for v, events in views.items()}
        self._all_maps = {v: self._lookup_maps(events) for v, events in views.items()}  # unfiltered, computed once
        # doc -> [(start, end, event id)] to link sentences and highlights to events
        self._evidence_by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for e in self.events:
            for ev in e.get("evidence", []):
                self._evidence_by_doc[ev["doc"]].append((ev["start"], ev["end"], e["id"]))
        self.index = SentenceIndex(self.sentences)
        # search answers by (q, limit), least recently used first, and what each found sentence links
        # to; a reloaded dossier is a new object, so neither outlives the data it was computed from
        self._search_cache: OrderedDict[tuple[str, int], dict[str, Any]] = OrderedDict()
        self._search_held = 0  # result sentences in the cache
        self._search_lock = threading.Lock()
        self._sentence_links: dict[int, dict[str, Any]] = {}
        self._sentence_starts: dict[str, list[int]] | None = None  # built on the first entity page
        self._views: dict[str, dict[str, Any]] = {}  # whole-dossier views the entity pages read (_once)
        self._sentences_by_doc: dict[str, list[dict[str, Any]]] = {}

    # ---- shared pieces

    def doc_meta(self, doc_id: str) -> dict[str, Any]:
        d = self.docs.get(doc_id) or {}
        # "outlet" is the source's one label (records.source_name), the same as in every export
        return {"id": doc_id, "title": d.get("title") or (Path(d["path"]).name if d.get("path") else None),
                "outlet": self.source_name(doc_id), "url": safe_url(d.get("url")), "published": d.get("published"),
                "published_precision": d.get("published_precision")}

    def source_name(self, doc_id: str) -> str:
        d = self.docs.get(doc_id) or {}
        return source_name(d.get("outlet"), d.get("url"), d.get("title"), d.get("path") or doc_id)

    def _root(self, doc_id: str) -> str:
        seen = set()
        while doc_id in self.docs and self.docs[doc_id].get("duplicate_of") and doc_id not in seen:
            seen.add(doc_id)
            doc_id = self.docs[doc_id]["duplicate_of"]
        return doc_id

    def _source_count(self, keys: Sequence[str]) -> dict[str, Any]:
        """``n_sources`` and the words after it (:func:`storyline.reconcile.sources.sources_word`):
        documents of unknown outlet (keys ``doc:…``, or a finding's document ids) are counted, and
        where there are several the count is not called independent."""
        unknown = sum(1 for k in keys if k.startswith("doc:") or (k in self.docs and not self.docs[k].get("outlet")))
        return {"n_sources": len(keys), "sources_word": sources_word(len(keys), unknown)}

    def independent_sources(self, doc_ids: Iterable[str]) -> list[str]:
        """Distinct outlets behind ``doc_ids``, a duplicate counting as its original and a document
        that rewrites another outlet's story (``based_on``) as that outlet.

        A document without an outlet counts as its own source.
        """
        keys: dict[str, None] = {}
        for doc_id in doc_ids:
            root = self._root(doc_id)
            d = self.docs.get(root) or {}
            outlet = d.get("based_on") or d.get("outlet")
            keys[f"outlet:{outlet_key(outlet)}" if outlet_key(outlet) else f"doc:{root}"] = None
        return list(keys)

    def entity_name(self, entity_id: str | None, fallback: str | None = None) -> str | None:
        if entity_id and entity_id in self.entities:
            return self.entities[entity_id]["name"]
        return fallback

    def summary(self) -> dict[str, Any]:
        raw = self.raw
        return {
            # no "path": the folder's place on disk is nobody's business but the server's
            "slug": self.slug, "meta": raw.get("meta", {}),
            "counts": {k: len(raw.get(k, [])) for k in
                       ("documents", "entities", "events", "amounts", "quotes", "findings", "relations", "rejected")},
            "sentences": len(self.sentences), "sentences_from": self.sentences_from,
            "search_backend": self.index.backend,
        }

    # ---- timeline

    def _event_view(self, e: dict[str, Any]) -> dict[str, Any]:
        date = e.get("date") or {}
        sources = list(e.get("sources", []))
        outlets = sorted({self.source_name(s) for s in sources})
        own = EventDate(date.get("value"), date.get("start"), date.get("end")).own
        return {
            "id": e["id"], "date": date, "precision": date_precision(date),
            "start": date.get("start") if own else None, "end": (date.get("end") or date.get("start")) if own else None,
            # no time of its own: drawn in a lane of its own on the day it was first reported
            "reported": None if own else (date.get("end") or date.get("start")),
            "key": bool(e.get("key")), "rank": e.get("rank", 0),
            "summary": e.get("summary", ""), "label": excerpt(e.get("summary", "")),
            "type": e.get("type", "other"), "score": e.get("score", 0.0),
            "entities": list(e.get("entities", [])), "amounts": list(e.get("amounts", [])),
            "sources": sources, "outlets": outlets,
            **self._source_count(self.independent_sources(sources)),
            "conflict": e["id"] in self.conflict_events,
            "evidence": list(e.get("evidence", [])),
        }

    def _timeline_facets(self, events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        ents: Counter[str] = Counter()
        types: Counter[str] = Counter()
        outlets: Counter[str] = Counter()
        for e in events:
            ents.update(set(e["entities"]))
            types[e["type"]] += 1
            outlets.update(set(e["outlets"]))
        return {
            "entities": [{"id": k, "name": self.entity_name(k, k), "type": (self.entities.get(k) or {}).get("type"),
                          "count": n} for k, n in sorted(ents.items(), key=lambda kv: (-kv[1], self.entity_name(kv[0], kv[0])))],
            "types": [{"value": k, "count": n} for k, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))],
            "sources": [{"value": k, "count": n} for k, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))],
        }

    def timeline(self, entity: str | None = None, type: str | None = None, source: str | None = None,
                 all: bool = False) -> dict[str, Any]:
        """The key events (``all``: every event) in date order, filtered by entity id, event type and
        source; events without a time of their own come by the day they were first reported.

        ``source`` matches an outlet name (case-insensitive) or a document id.
        """
        view = "key" if self._key_events and not all else "all"
        events = self._key_events if view == "key" else self._timeline_events
        if entity:
            events = [e for e in events if entity in e["entities"]]
        if type:
            events = [e for e in events if e["type"] == type]
        if source:
            want = source.strip().casefold()
            events = [e for e in events
                      if source in e["sources"] or any(o.casefold() == want for o in e["outlets"])]
        filtered = bool(entity or type or source)
        maps = self._lookup_maps(events) if filtered else self._all_maps[view]
        drawn = drawn_events(events)
        return {
            "dossier": self.slug,
            "filters": {"entity": entity, "type": type, "source": source},
            "view": view,
            "total": len(self._timeline_events),
            "key_total": len(self._key_events),
            "count": len(events),
            "drawn": drawn,
            "window": open_window([e for e in events if e["id"] in set(drawn)]),
            "facets": self._facets[view],
            "can_correct": self.can_correct,
            **maps,
            "events": events,
        }

    def _lookup_maps(self, events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Names of the entities, documents and amounts ``events`` refer to."""
        used_entities = {k for e in events for k in e["entities"]}
        used_docs = {d for e in events for d in e["sources"]} | {ev["doc"] for e in events for ev in e["evidence"]}
        used_amounts = {a for e in events for a in e["amounts"]}
        return {
            "entities": {k: {"name": v["name"], "type": v.get("type")}
                         for k, v in self.entities.items() if k in used_entities},
            "documents": {d: self.doc_meta(d) for d in sorted(used_docs)},
            "amounts": {a: {"text": self.amount_by_id[a]["text"], "display": format_amount(self.amount_by_id[a])}
                        for a in sorted(used_amounts) if a in self.amount_by_id},
        }

    # ---- entities

    def entity_graph(self) -> dict[str, Any]:
        """People and organisations (and anything in a relation) as nodes; relations as edges with evidence."""
        events_per: Counter[str] = Counter(k for e in self.events for k in set(e.get("entities", [])))
        rels = self.raw.get("relations", [])
        in_rel = {r["source"] for r in rels} | {r["target"] for r in rels}
        nodes = []
        for e in self.entities.values():
            kind = (e.get("type") or "").upper()
            if e["id"] in in_rel or kind in ("PERSON", "PER", "ORG", "ORGANIZATION"):
                nodes.append({"id": e["id"], "name": e["name"], "type": e.get("type"),
                              "aliases": list(e.get("aliases", [])), "mentions": e.get("mentions", 0),
                              "events": events_per.get(e["id"], 0)})
        nodes.sort(key=lambda n: (-n["mentions"], n["name"]))
        edges = []
        for r in rels:
            edges.append({
                "id": r["id"], "source": r["source"], "target": r["target"], "type": r["type"],
                "label": r["type"].replace("_", " "),
                "source_name": self.entity_name(r["source"], r["source"]),
                "target_name": self.entity_name(r["target"], r["target"]),
                "events": list(r.get("events", [])),
                "evidence": [{**ev, **{"outlet": self.doc_meta(ev["doc"])["outlet"],
                                       "title": self.doc_meta(ev["doc"])["title"]}} for ev in r.get("evidence", [])],
            })
        said: Counter[str] = Counter()
        for e in edges:
            for x in {e["source"], e["target"]}:
                said[x] += len(e["evidence"])
        for n in nodes:
            n["weight"] = n["events"] + said[n["id"]]
        central = central_entities(nodes, edges, len(self.raw.get("documents", [])))
        return {"dossier": self.slug, "nodes": nodes, "edges": edges, "central": central,
                "central_links": links_between(central, edges)}

    def entity(self, entity_id: str) -> dict[str, Any]:
        """One entity's page: its names, every mention in its sentence, its events in date order,
        money in and out, quotes by and about it, its relations, and the corrections made to it."""
        if not DOC_ID.match(entity_id or ""):
            raise BadRequest(f"not an entity id: {entity_id!r}")
        e = self.entities.get(entity_id)
        if e is None:
            raise NotFound(f"no entity {entity_id!r} in dossier {self.slug!r}")
        mentions: dict[str, dict[str, Any]] = {}
        for ev in e.get("evidence", []):
            sentence = self._sentence_at(ev["doc"], ev["start"])
            group = mentions.setdefault(ev["doc"], {**self.doc_meta(ev["doc"]), "mentions": []})
            group["mentions"].append({**ev, "sentence": sentence})
        spans = {(ev["doc"], ev["start"]) for ev in e.get("evidence", [])}
        money = [r for r in self._once("amounts", self.amounts)["amounts"] if entity_id in (r.get("payer"), r.get("payee"))]
        quotes = [q for g in self._once("quotes", self.quotes)["speakers"] for q in g["quotes"]]
        graph = self._once("graph", self.entity_graph)
        from ..store import read_corrections

        records, _ = read_corrections(self.path)
        corrections = [{**to_jsonable(c), "summary": describe(c), "state": state, "detail": detail}
                       for c, state, detail in states(records, (self.raw.get("meta") or {}).get("corrections", []))]
        return {
            "dossier": self.slug,
            "entity": {k: e.get(k) for k in ("id", "name", "type", "aliases", "mentions")},
            "documents": sorted(mentions.values(), key=lambda g: (g["published"] or "", g["id"])),
            # every event, in date order; past ENTITY_EVENTS_SHOWN the page opens on the key events and
            # those several sources report (``main``), the rest one click away
            "events": [{**ev, "main": ev["key"] or ev["n_sources"] >= 2,
                        "when": date_label(EventDate(ev["date"].get("value"), ev["date"].get("start"),
                                                     ev["date"].get("end")))}
                       for ev in self._timeline_events if entity_id in ev["entities"]],
            "events_shown": ENTITY_EVENTS_SHOWN,
            "money_in": [r for r in money if r.get("payee") == entity_id],
            "money_out": [r for r in money if r.get("payer") == entity_id],
            "quotes_by": [q for q in quotes if q.get("speaker") == entity_id],
            "quotes_about": [q for q in quotes if q.get("speaker") != entity_id
                             and any(d == q["doc"] and q["start"] <= st < q["end"] for d, st in spans)],
            "relations": [r for r in graph["edges"] if entity_id in (r["source"], r["target"])],
            "corrections": corrections,
            "types": list(ENTITY_TYPES),
            "names": sorted({x["name"] for x in self.entities.values() if x["id"] != entity_id}),
            "can_correct": self.can_correct,
        }

    @property
    def can_correct(self) -> bool:
        """The folder holds the build's store, so corrections can rebuild the dossier."""
        return (self.path / STORE_FILE).is_file()

    def _once(self, key: str, view) -> dict[str, Any]:
        """A whole-dossier view computed once (a loaded dossier never changes: a correction reloads it)."""
        if key not in self._views:
            self._views[key] = view()
        return self._views[key]

    def _sentence_at(self, doc_id: str, offset: int) -> dict[str, Any] | None:
        """The sentence of ``doc_id`` holding ``offset`` (for a mention's context)."""
        if self._sentence_starts is None:
            by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for x in self.sentences:
                by_doc[x["doc"]].append(x)
            for rows in by_doc.values():
                rows.sort(key=lambda x: x["start"])
            self._sentences_by_doc = dict(by_doc)
            self._sentence_starts = {d: [x["start"] for x in rows] for d, rows in by_doc.items()}
        rows = self._sentences_by_doc.get(doc_id) or []
        i = bisect_right(self._sentence_starts.get(doc_id, []), offset) - 1
        if i < 0 or offset >= rows[i]["end"]:
            return None
        x = rows[i]
        return {"start": x["start"], "end": x["end"], "text": x["text"]}

    # ---- money

    def amounts(self, sort: str = "value", order: str = "desc") -> dict[str, Any]:
        """The money ledger (all amounts), sorted; amounts in a conflict finding are flagged."""
        if sort not in SORT_KEYS:
            raise BadRequest(f"cannot sort by {sort!r}: use one of {', '.join(SORT_KEYS)}")
        if order not in ("asc", "desc"):
            raise BadRequest(f"order must be 'asc' or 'desc', not {order!r}")
        rows, quantities = [], []
        for a in self.raw.get("amounts", []):
            if (a.get("kind") or "money") != "money":
                quantities.append({**a, "display": format_amount(a), **{k: v for k, v in self.doc_meta(a["doc"]).items()
                                                                          if k in ("outlet", "title", "published")}})
                continue
            doc = self.doc_meta(a["doc"])
            rows.append({
                **a, "display": format_amount(a),
                "payer_label": self.entity_name(a.get("payer"), a.get("payer_name")),
                "payee_label": self.entity_name(a.get("payee"), a.get("payee_name")),
                "outlet": doc["outlet"], "title": doc["title"], "published": doc["published"],
                "conflict": a["id"] in self.conflict_amounts,
                "conflict_findings": self.conflict_amounts.get(a["id"], []),
            })

        def key(r: dict[str, Any]) -> Any:
            if sort == "value":
                v = r["high"] if r["high"] is not None else r["low"]
                return v
            if sort == "time":
                return r.get("time") or r.get("published")
            if sort == "source":
                return (r.get("outlet") or r.get("title") or "").casefold() or None
            v = r.get({"payer": "payer_label", "payee": "payee_label"}.get(sort, sort))
            return v.casefold() if isinstance(v, str) else v

        present = [r for r in rows if key(r) is not None]
        missing = [r for r in rows if key(r) is None]
        present.sort(key=key, reverse=(order == "desc"))
        ledger = (self.raw.get("meta") or {}).get("ledger") or {}
        return {"dossier": self.slug, "sort": sort, "order": order, "count": len(rows),
                "conflicts": sum(r["conflict"] for r in rows), "amounts": present + missing,
                "relationships": [{"payer_name": r["payer_name"], "payee_name": r["payee_name"],
                                   "totals": [_total_view(t) for t in r["totals"]]}
                                  for r in ledger.get("relationships", []) if r["payer"] != "?" and r["payee"] != "?"],
                "figures": [{"party_name": f["party_name"], "measure": f["measure"],
                             "rows": [{k: x[k] for k in ("id", "doc", "text", "time")} for x in f["rows"]]}
                            for f in ledger.get("figures", [])],
                "quantities": quantities}

    # ---- quotes

    def quotes(self) -> dict[str, Any]:
        """Quotes grouped by speaker (most quoted first), each with date and source."""
        groups: dict[str, dict[str, Any]] = {}
        for q in self.raw.get("quotes", []):
            name = self.entity_name(q.get("speaker"), q.get("speaker_name"))
            key = q.get("speaker") or (f"name:{name}" if name else "unattributed")
            g = groups.setdefault(key, {"speaker": q.get("speaker"), "name": name or "Unattributed", "quotes": []})
            doc = self.doc_meta(q["doc"])
            g["quotes"].append({**q, "outlet": doc["outlet"], "title": doc["title"], "published": doc["published"],
                                "date": q.get("said_at") or doc["published"]})
        out = sorted(groups.values(), key=lambda g: (g["name"] == "Unattributed", -len(g["quotes"]), g["name"]))
        for g in out:
            g["quotes"].sort(key=lambda q: (q["date"] or "", q["id"]))
        return {"dossier": self.slug, "count": len(self.raw.get("quotes", [])), "speakers": out}

    # ---- findings

    def findings(self) -> dict[str, Any]:
        """Findings by kind, each with its evidence grouped by source document (side by side)."""
        by_kind: dict[str, list[dict[str, Any]]] = {"conflict": [], "corroborated": [], "single_source": []}
        for f in self.raw.get("findings", []):
            columns: dict[str, dict[str, Any]] = {}
            for ev in f.get("evidence", []):
                col = columns.setdefault(ev["doc"], {**self.doc_meta(ev["doc"]), "evidence": []})
                col["evidence"].append(ev)
            for s in f.get("sources", []):
                columns.setdefault(s, {**self.doc_meta(s), "evidence": []})
            by_kind.setdefault(f["kind"], []).append({
                "id": f["id"], "kind": f["kind"], "summary": f.get("summary", ""),
                "events": [{"id": e, "summary": (self.event_by_id.get(e) or {}).get("summary")}
                           for e in f.get("events", [])],
                "amounts": [{"id": a, "display": format_amount(self.amount_by_id[a]), "text": self.amount_by_id[a]["text"]}
                            for a in f.get("amounts", []) if a in self.amount_by_id],
                **self._source_count(f.get("independent") or self.independent_sources(f.get("sources", []))),
                "columns": list(columns.values()),
            })
        return {"dossier": self.slug, "counts": {k: len(v) for k, v in by_kind.items()}, "findings": by_kind,
                "can_correct": self.can_correct}

    # ---- coverage

    def coverage(self) -> dict[str, Any]:
        """Who reported what: key events (rows) by independent sources (columns); a cell holds the
        sentence a source tells the event in, an empty cell is a source that does not tell it."""
        cov = (self.raw.get("meta") or {}).get("coverage") or {"sources": [], "rows": []}
        sources = [{**s, "n": sum(1 for r in cov["rows"] if s["key"] in r["cells"])} for s in cov["sources"]]
        rows = []
        for r in cov["rows"]:
            cells = []
            for s in cov["sources"]:
                ev = r["cells"].get(s["key"])
                cells.append({"source": s["key"], "reported": ev is not None,
                              **({"evidence": ev, "doc": self.doc_meta(ev["doc"])} if ev else {})})
            rows.append({"event": r["event"], "date": r.get("date"), "when": r.get("when") or r.get("date"),
                         "headline": r.get("headline"),
                         "n": sum(c["reported"] for c in cells), "cells": cells})
        return {"dossier": self.slug, "sources": sources, "rows": rows,
                "blindspots": sum(1 for r in rows for c in r["cells"] if not c["reported"])}

    # ---- documents

    def documents(self) -> dict[str, Any]:
        spans = Counter(doc for doc, items in self._evidence_by_doc.items() for _ in items)
        docs = [{**self.doc_meta(d["id"]), "path": d.get("path"), "published_from": d.get("published_from"),
                 "chars": len(d.get("text") or ""), "evidence": spans.get(d["id"], 0),
                 "removed": len(d.get("removed", [])), "duplicate_of": d.get("duplicate_of")}
                for d in self.raw.get("documents", [])]
        docs.sort(key=lambda d: (d["published"] or "", d["outlet"] or "", d["id"]))
        return {"dossier": self.slug, "count": len(docs), "documents": docs,
                "rejected": list(self.raw.get("rejected", []))}

    def document(self, doc_id: str) -> dict[str, Any]:
        """One document: metadata, text cut into highlighted segments, what cleaning removed."""
        if not DOC_ID.match(doc_id or ""):
            raise BadRequest(f"not a document id: {doc_id!r}")
        d = self.docs.get(doc_id)
        if d is None:
            raise NotFound(f"no document {doc_id!r} in dossier {self.slug!r}")
        text = d.get("text") or ""
        spans: list[tuple[int, int, str, str]] = []  # start, end, kind, ref
        bad = 0

        def add(start: int, end: int, quoted: str | None, kind: str, ref: str) -> None:
            nonlocal bad
            if 0 <= start < end <= len(text) and (quoted is None or text[start:end] == quoted):
                spans.append((start, end, kind, ref))
            else:
                bad += 1

        for e in self.events:
            for ev in e.get("evidence", []):
                if ev["doc"] == doc_id:
                    add(ev["start"], ev["end"], ev.get("text"), "evidence", e["id"])
        for a in self.raw.get("amounts", []):
            if a["doc"] == doc_id:
                add(a["start"], a["end"], a.get("text"), "amount", a["id"])
        for q in self.raw.get("quotes", []):
            if q["doc"] == doc_id:
                add(q["start"], q["end"], q.get("text"), "quote", q["id"])
        return {
            "dossier": self.slug,
            "document": {**self.doc_meta(doc_id), "path": d.get("path"), "published_from": d.get("published_from"),
                         "duplicate_of": d.get("duplicate_of"), "chars": len(text)},
            "segments": segment(text, spans),
            "removed": list(d.get("removed", [])),
            "events": [{"id": e["id"], "summary": e.get("summary"), "date": e.get("date")}
                       for e in self.events if doc_id in e.get("sources", [])
                       or any(ev["doc"] == doc_id for ev in e.get("evidence", []))],
            "offset_mismatches": bad,
        }

    # ---- search

    def search(self, q: str, limit: int = 50) -> dict[str, Any]:
        """Sentences matching ``q`` (BM25), each with the events whose evidence overlaps it.

        The answer is :meth:`search_uncached`'s, kept for the next time the same ``q`` and ``limit``
        come (at most :data:`SEARCH_CACHE_RESULTS` result sentences in all, the least recently asked
        dropped first). It is shared between requests: callers read it, never change it.
        """
        q = (q or "").strip()
        if not 1 <= limit <= SEARCH_LIMIT_MAX:
            raise BadRequest(f"limit must be between 1 and {SEARCH_LIMIT_MAX}")
        key = (q, limit)
        with self._search_lock:
            answer = self._search_cache.get(key)
            if answer is not None:
                self._search_cache.move_to_end(key)
                return answer
        answer = self.search_uncached(q, limit)  # outside the lock: DuckDB runs queries side by side
        with self._search_lock:
            if key not in self._search_cache:
                self._search_cache[key] = answer
                self._search_held += max(1, answer["count"])
                while self._search_held > SEARCH_CACHE_RESULTS and len(self._search_cache) > 1:
                    _, old = self._search_cache.popitem(last=False)
                    self._search_held -= max(1, old["count"])
        return answer

    def search_uncached(self, q: str, limit: int = 50) -> dict[str, Any]:
        """:meth:`search` without the cache: the index query, then each sentence shaped."""
        q = (q or "").strip()
        if not 1 <= limit <= SEARCH_LIMIT_MAX:
            raise BadRequest(f"limit must be between 1 and {SEARCH_LIMIT_MAX}")
        hits = self.index.search(q, limit) if q else []
        wanted = set(search_terms(q))
        results = []
        for sid, score in hits:
            s = self.sentences[sid]
            links = self._links_of(sid)
            results.append({**s, "score": round(score, 4), "outlet": links["outlet"], "title": links["title"],
                            "segments": highlight_segments(s["text"], q, wanted), "events": links["events"]})
        return {"dossier": self.slug, "q": q, "backend": self.index.backend, "count": len(results),
                "results": results}

    def _links_of(self, sid: int) -> dict[str, Any]:
        """What a search result shows beside sentence ``sid`` whatever the query: its source and the
        events whose evidence overlaps it (worked out on its first hit, then kept)."""
        links = self._sentence_links.get(sid)
        if links is None:
            s = self.sentences[sid]
            meta = self.doc_meta(s["doc"])
            linked = sorted({eid for (st, en, eid) in self._evidence_by_doc.get(s["doc"], [])
                             if st < s["end"] and en > s["start"]})
            links = {"outlet": meta["outlet"], "title": meta["title"],
                     "events": [{"id": e, "summary": self.event_by_id[e].get("summary"),
                                 "date": self.event_by_id[e].get("date")} for e in linked]}
            self._sentence_links[sid] = links
        return links


# The full register of a large story runs to thousands of events: the timeline draws the best ranked
# of them, the list under it has them all.
def graph_size(n_documents: int) -> int:
    """How many entities the graph draws by default: 16 for 5 articles, 30 for 100, 36 for 300,
    at most 40 (a graph of thousands of names is a hairball nobody can read)."""
    return min(40, round(12 + 4 * math.log2(1 + n_documents / 5)))


def central_entities(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], n_documents: int) -> list[str]:
    """The entities the graph draws by default: those with the most evidence (``weight``: the events
    they take part in and the evidence sentences of their relations), at most :func:`graph_size`;
    each drawn entity has a relation to another drawn one when the story has any relations. The
    rest of the graph stays one click away (every node and edge is in the JSON)."""
    linked = {x for e in edges for x in (e["source"], e["target"])}
    pool = [n for n in nodes if n["id"] in linked] or nodes
    ranked = sorted(pool, key=lambda n: (-n["weight"], -n["mentions"], n["name"], n["id"]))
    cap = graph_size(n_documents)
    chosen = {n["id"] for n in ranked[:cap]}
    if edges:  # no drawn dot without a drawn line: drop those whose relations all lead outside
        touching = {x for e in edges if e["source"] in chosen and e["target"] in chosen for x in (e["source"], e["target"])}
        chosen &= touching
    return [n["id"] for n in ranked if n["id"] in chosen]


def links_between(ids: list[str], edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per pair of the drawn entities, whatever the number of relations between them (a
    line per relation overplots): the relations' ids, their kinds, and their evidence in all."""
    drawn = set(ids)
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in edges:
        if e["source"] in drawn and e["target"] in drawn and e["source"] != e["target"]:
            pairs[tuple(sorted((e["source"], e["target"])))].append(e)
    out = []
    for (a, b), rels in sorted(pairs.items()):
        kinds = Counter(r["label"] for r in rels)
        out.append({"id": f"link:{a}|{b}", "source": a, "target": b, "relations": [r["id"] for r in rels],
                    "labels": [k for k, _ in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))],
                    "evidence": sum(len(r["evidence"]) for r in rels)})
    return out


MAX_DRAWN = 400


def drawn_events(events: list[dict[str, Any]]) -> list[str]:
    """Ids of the events the timeline draws: those it can place (a date of their own, or the day
    they were first reported), at most :data:`MAX_DRAWN`: key events first (by rank), then the most
    independent sources, then the best score."""
    placeable = [e for e in events if e["start"] or e["reported"]]
    if len(placeable) > MAX_DRAWN:
        placeable = sorted(placeable, key=lambda e: (e["rank"] or float("inf"), -e["n_sources"], -e["score"], e["id"]))
    return [e["id"] for e in placeable[:MAX_DRAWN]]


# The timeline opens on the span that holds most of what it draws (this share of the events dated to
# a day, when there are a few, else of all), widened to take in the rest while that at most doubles
# it: a story's background years ("banned in 1954") and a stray date do not shrink its weeks to a
# sliver, and a year-long range does not stretch them.
CORE_SHARE = 0.8
MIN_DAYS_FOR_CORE = 3


def open_window(events: list[dict[str, Any]]) -> list[str] | None:
    """``[first day, last day]`` the timeline opens on: the shortest span of start days (an event's
    own date, or the day it was first reported) holding :data:`CORE_SHARE` of the events dated to a
    day (of all, with fewer than :data:`MIN_DAYS_FOR_CORE`), widened event by event, nearest first,
    while it stays at most twice as wide; it ends where the last of those events in it ends. None
    when nothing can be placed."""
    placed = [(_day(e["start"] or e["reported"]), _day(e["end"] or e["start"] or e["reported"]), e["precision"])
              for e in events if e["start"] or e["reported"]]
    if not placed:
        return None
    days = [p for p in placed if p[2] == "day"]
    core = sorted(a for a, _, _ in (days if len(days) >= MIN_DAYS_FOR_CORE else placed))
    n = max(1, math.ceil(len(core) * CORE_SHARE))
    lo, hi = min(((core[i], core[i + n - 1]) for i in range(len(core) - n + 1)), key=lambda w: (w[1] - w[0], w[0]))
    limit = 2 * max(hi - lo, 1)
    for d in sorted((a for a, _, _ in placed), key=lambda d: max(lo - d, d - hi, 0)):
        if max(hi, d) - min(lo, d) <= limit:
            lo, hi = min(lo, d), max(hi, d)
    ends = [b for a, b, _ in (days if len(days) >= MIN_DAYS_FOR_CORE else placed) if lo <= a <= hi]
    return [date.fromordinal(lo).isoformat(), date.fromordinal(max([hi, *ends])).isoformat()]


def _day(iso: str) -> int:
    return date.fromisoformat(iso[:10]).toordinal()


def segment(text: str, spans: list[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """Cut ``text`` at every span boundary; each piece lists the span kinds and refs covering it.

    Overlapping spans are fine: a piece inside an evidence sentence and an amount
    gets both kinds. The pieces concatenate back to ``text``.
    """
    bounds = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    starts: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for s, e, kind, ref in spans:
        starts[s].append((e, kind, ref))
    active: list[tuple[int, str, str]] = []
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a, b in zip(bounds, bounds[1:]):
        active = [x for x in active if x[0] > a] + starts.get(a, [])
        kinds = sorted({k for _, k, _ in active})
        refs = sorted({r for _, _, r in active})
        events = sorted({r for _, k, r in active if k == "evidence"})
        anchors = [r for r in refs if r not in seen]  # where each ref first appears (an #id target)
        seen.update(anchors)
        if out and out[-1]["kinds"] == kinds and out[-1]["refs"] == refs:
            out[-1]["text"] += text[a:b]
        else:
            out.append({"text": text[a:b], "kinds": kinds, "refs": refs, "events": events, "anchors": anchors})
    return out


# --------------------------------------------------------------------------- loading


_JSON_TYPES: dict[str, frozenset[type]] = {
    "object": frozenset({dict}), "array": frozenset({list}), "string": frozenset({str}),
    "integer": frozenset({int}), "number": frozenset({int, float}), "boolean": frozenset({bool}),
    "null": frozenset({type(None)}),
}
_JSON_NAMES = {dict: "object", list: "array", str: "string", int: "integer", float: "number", bool: "boolean",
               type(None): "null"}
_SCHEMA_WORDS = frozenset({"type", "required", "properties", "items", "enum", "pattern", "minimum",
                           "$schema", "$id", "title", "description"})
# A check takes a value and answers None, or (the path to the problem, innermost first; what is wrong).
_Check = Any


def _compile(schema: dict[str, Any]) -> _Check:
    """A function checking a value against ``schema`` (the keywords the dossier schema uses)."""
    unknown = set(schema) - _SCHEMA_WORDS
    if unknown:  # the schema grew a keyword this walker does not know: fail loudly, never pass quietly
        raise ValueError(f"dossier schema keyword(s) the web app does not check: {', '.join(sorted(unknown))}")
    given = schema.get("type") or ()
    names: tuple[str, ...] = (given,) if isinstance(given, str) else tuple(given)
    allowed = frozenset().union(*(_JSON_TYPES[n] for n in names)) if names else None
    enum = schema.get("enum")
    pattern = re.compile(schema["pattern"]) if "pattern" in schema else None
    minimum = schema.get("minimum")
    required = tuple(schema.get("required", ()))
    props = tuple((k, _compile(v)) for k, v in schema.get("properties", {}).items())
    items = _compile(schema["items"]) if "items" in schema else None

    def check(value: Any) -> tuple[list[str], str] | None:
        kind = type(value)
        if allowed is not None and kind not in allowed:
            return [], f"is {_JSON_NAMES.get(kind, kind.__name__)}, not {' or '.join(names)}"
        if enum is not None and value not in enum:
            return [], f"is {value!r}, not one of {', '.join(map(repr, enum))}"
        if pattern is not None and kind is str and not pattern.search(value):
            return [], f"is {value!r}, not of the form {pattern.pattern}"
        if minimum is not None and kind in (int, float) and value < minimum:
            return [], f"is {value!r}, less than {minimum}"
        if kind is dict:
            for key in required:
                if key not in value:
                    return [], f"has no {key!r}"
            for key, sub in props:
                if key in value:
                    problem = sub(value[key])
                    if problem:
                        problem[0].append(f".{key}")
                        return problem
        elif kind is list and items is not None:
            for i, item in enumerate(value):
                problem = items(item)
                if problem:
                    problem[0].append(f"[{i}]")
                    return problem
        return None

    return check


@cache
def _dossier_check() -> _Check:
    return _compile(json.loads((PACKAGE_DIR / "schema" / "dossier.schema.json").read_text(encoding="utf-8")))


def dossier_problem(raw: Any) -> str | None:
    """Why ``raw`` (a parsed ``dossier.json``) is not a storyline dossier, or None when it is one.

    Checked against the packaged ``schema/dossier.schema.json`` by a small walker of the keywords
    that schema uses (type, required, properties, items, enum, pattern, minimum; integers are
    ``int``, never ``1.0``): jsonschema agrees with it (a test says so) but takes 4 s for 10,000
    events, and a served folder is checked again each time it is rebuilt. The reason names the
    first place that breaks, e.g. ``events[3].evidence[0].start is string, not integer``.
    """
    problem = _dossier_check()(raw)
    if problem is None:
        return None
    path, what = problem
    where = "".join(reversed(path)).lstrip(".")
    return f"{where or 'the top level'} {what}"


def file_signature(path: Path) -> tuple[int, int, int] | None:
    """What says ``path/dossier.json`` was rewritten (mtime, size, inode), or None when it is gone."""
    try:
        st = os.stat(Path(path) / DOSSIER_FILE)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def load_dossier(path: Path, slug: str | None = None) -> DossierData:
    """Read ``path/dossier.json`` and the sentences for search.

    A file that is not JSON, or not of the dossier's shape (:func:`dossier_problem`), raises
    :class:`ConfigError` ``DIR/dossier.json is not a storyline dossier: <reason>``.
    """
    path = Path(path)
    file = path / DOSSIER_FILE
    if not file.is_file():
        raise ConfigError(f"{path} has no {DOSSIER_FILE}: build one with 'storyline build ARTICLES --out {path}'")
    not_one = f"{file} is not a storyline dossier"
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{file} cannot be read: {exc.strerror or exc}") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise ConfigError(f"{not_one}: not JSON ({exc})") from None
    problem = dossier_problem(raw)
    if problem:
        raise ConfigError(f"{not_one}: {problem}")
    doc_ids = {d["id"] for d in raw.get("documents", [])}
    sentences = read_store_sentences(path / STORE_FILE, doc_ids)
    sentences_from = "store"
    if sentences is None:
        sentences_from = "documents"
        sentences = [s for d in raw.get("documents", []) for s in split_sentences(d["id"], d.get("text") or "")]
    try:
        return DossierData(slug=slug or path.resolve().name, path=path, raw=raw, sentences=sentences,
                           sentences_from=sentences_from)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # of the schema's shape, yet unusable
        raise ConfigError(f"{not_one}: {type(exc).__name__}: {exc}") from None


class Library:
    """The dossiers one server serves, by slug (folder name, made unique).

    A served folder that is rebuilt (``storyline build``/``add``/``correct`` in another terminal)
    is served rebuilt: a request looks at its ``dossier.json`` (one ``stat``, at most every
    ``reload_interval`` seconds per dossier) and reloads it when the file changed. Only
    ``dossier.json`` is watched: a build writes its store all along and ``dossier.json`` last (by
    rename), so the new file is the sign the build is done, and the reload reads the new store's
    sentences with it. A reload that fails (a file that is not a dossier) keeps serving the last
    good one and says why on stderr, once per change of the file.
    """

    def __init__(self, dossiers: list[DossierData], reload_interval: float = RELOAD_INTERVAL,
                 signatures: dict[str, tuple[int, int, int] | None] | None = None):
        if not dossiers:
            raise ConfigError("serve needs at least one dossier folder")
        if reload_interval < 0:
            raise ConfigError(f"reload_interval must be 0 or more seconds, not {reload_interval!r}")
        self.dossiers = {d.slug: d for d in dossiers}
        self.default = dossiers[0].slug
        self.reload_interval = reload_interval
        # the file each was loaded from (taken before reading it: a rewrite in between is seen later)
        self._seen = {d.slug: (signatures or {}).get(d.slug, file_signature(d.path)) for d in dossiers}
        self._checked = {d.slug: time.monotonic() for d in dossiers}
        self._lock = threading.Lock()  # one correction (store write and rebuild) or reload at a time

    @classmethod
    def load(cls, dirs: list[Path], reload_interval: float = RELOAD_INTERVAL) -> Library:
        slugs: set[str] = set()
        signatures: dict[str, tuple[int, int, int] | None] = {}
        out = []
        for p in dirs:
            base = re.sub(r"[^A-Za-z0-9_\-]+", "-", Path(p).resolve().name).strip("-") or "dossier"
            slug, n = base, 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            signatures[slug] = file_signature(Path(p))
            out.append(load_dossier(Path(p), slug))
        return cls(out, reload_interval=reload_interval, signatures=signatures)

    def get(self, slug: str | None) -> DossierData:
        if not slug:
            slug = self.default
        elif slug not in self.dossiers:
            raise NotFound(f"no dossier {slug!r}: this server has {', '.join(self.dossiers)}")
        now = time.monotonic()
        if now - self._checked[slug] >= self.reload_interval:
            self._checked[slug] = now
            return self._fresh(slug)
        return self.dossiers[slug]

    def _fresh(self, slug: str) -> DossierData:
        """The dossier ``slug``, reloaded first when its ``dossier.json`` changed."""
        current = self.dossiers[slug]
        signature = file_signature(current.path)
        if signature is None or signature == self._seen[slug]:
            return current  # unchanged, or gone (keep serving what was loaded)
        if not self._lock.acquire(blocking=False):
            return current  # another request is reloading it (or a correction rebuilds it): not waited for
        try:
            current = self.dossiers[slug]
            if signature == self._seen[slug]:
                return current
            self._seen[slug] = signature
            try:
                fresh = load_dossier(current.path, slug)
            except StorylineError as exc:
                print(f"storyline: warning: still serving the last good {slug}: {exc}",
                      file=sys.stderr, flush=True)
                return current
            self.dossiers[slug] = fresh
            return fresh
        finally:
            self._lock.release()

    def listing(self) -> dict[str, Any]:
        return {"default": self.default, "dossiers": [self.get(slug).summary() for slug in list(self.dossiers)]}

    # ---- corrections (``storyline correct`` from the browser)

    def correct(self, slug: str | None, op: str, kind: str = "entity", target: str = "", value: str = "",
                others: Iterable[str] = (), undo: int | None = None) -> dict[str, Any]:
        """Record a correction of one dossier, rebuild it from its store and serve the rebuilt one."""
        from .. import pipeline

        d = self.get(slug)
        if not (d.path / STORE_FILE).is_file():
            raise BadRequest(f"{d.slug} has no {STORE_FILE} beside its {DOSSIER_FILE}: corrections need the build folder")
        with self._lock:
            try:
                result = pipeline.correct(d.path, op, kind, target, value, tuple(others), undo)
            except ConfigError as exc:
                raise BadRequest(self._no_paths(d, str(exc))) from None
            self._seen[d.slug] = file_signature(d.path)
            self.dossiers[d.slug] = load_dossier(d.path, d.slug)
        return {"dossier": d.slug, "correction": to_jsonable(result.correction), "status": result.status,
                "detail": result.detail, "summary": describe(result.correction)}

    @staticmethod
    def _no_paths(d: DossierData, message: str) -> str:
        """``message`` with the dossier folder's place on disk replaced by its slug (a web answer
        shows no file-system path)."""
        forms = {str(d.path), str(d.path.resolve()), os.path.abspath(d.path)}
        for form in sorted((f for f in forms if os.sep in f), key=len, reverse=True):  # never a bare word
            message = message.replace(form, d.slug)
        return message

    def corrections(self, slug: str | None) -> dict[str, Any]:
        """Every correction of one dossier with its state."""
        from ..store import read_corrections

        d = self.get(slug)
        records, problems = read_corrections(d.path)
        outcomes = (d.raw.get("meta") or {}).get("corrections", [])
        return {"dossier": d.slug, "problems": problems, "corrections": [
            {**to_jsonable(c), "summary": describe(c), "state": state, "detail": detail}
            for c, state, detail in states(records, outcomes)]}
