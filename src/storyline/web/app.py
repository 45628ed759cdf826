"""The FastAPI app behind ``storyline serve``: routes only, no logic.

Every page has a JSON twin that returns exactly the data the page renders
(from :mod:`storyline.web.data`), every error has one JSON shape
(``{"error": {"status", "code", "message"}}``), and nothing is fetched from the
internet: scripts and styles are packaged in ``static/`` and a
Content-Security-Policy allows this origin only.

Every request passes :class:`Guard` first: a ``Host`` the server was not started for is refused
(a DNS-rebinding page cannot read the dossier), ``HEAD`` is answered as ``GET`` without the
body, and every answer carries the security headers. A 405 says in ``Allow`` what the path takes.
"""

from __future__ import annotations

import ipaddress
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ..errors import ConfigError
from ..records import excerpt
from .data import RELOAD_INTERVAL, SORT_KEYS, Forbidden, Library, WebError, dumps, error_body

HERE = Path(__file__).resolve().parent
# Only this origin: no CDN, no inline script (data reaches scripts as JSON from the twins).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = (("content-security-policy", CSP), ("x-content-type-options", "nosniff"),
                    ("referrer-policy", "no-referrer"))
# The names a local server answers to, whatever --host says.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# Connections: an idle one (before its first request, between requests, or one trickling a request
# head) is closed after this many seconds; a request head may be at most this many bytes.
IDLE_TIMEOUT = 5
BODY_TIMEOUT = 10  # seconds for a whole request body once its head has come, however it trickles
MAX_HEAD_BYTES = 16 * 1024
NAV = (("timeline", "Timeline"), ("entities", "Entities"), ("amounts", "Money"), ("quotes", "Quotes"),
       ("findings", "Findings"), ("coverage", "Coverage"), ("documents", "Sources"), ("search", "Search"))


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    """The one error shape of every route."""

    error: ErrorDetail


class _Doc(BaseModel):
    """Documentation-only response shapes for the OpenAPI description (responses are not re-validated:
    they are the dicts from storyline.web.data, encoded with orjson)."""

    model_config = ConfigDict(extra="allow")


class TimelineOut(_Doc):
    dossier: str
    filters: dict[str, str | None]
    view: str = Field(description="key: the key events (the default), all: every event")
    total: int = Field(description="events in the dossier")
    key_total: int = Field(description="key events in the dossier (0: it marks none, every event is shown)")
    count: int = Field(description="events in this view after the filters")
    drawn: list[str] = Field(description="ids of the events the timeline draws (at most 400: key events first, "
                                         "then the most independent sources); the list shows every event")
    window: list[str] | None = Field(description="[first day, last day] the timeline opens on: the span holding most "
                                                 "of the drawn events, not a stray date's centuries")
    facets: dict[str, list[dict[str, Any]]] = Field(description="entities, types, sources with counts (unfiltered)")
    entities: dict[str, dict[str, Any]] = Field(description="id -> {name, type} for the entities the events cite")
    documents: dict[str, dict[str, Any]] = Field(description="id -> {title, outlet, url, published}")
    amounts: dict[str, dict[str, Any]] = Field(description="id -> {text, display}")
    events: list[dict[str, Any]] = Field(
        description="date {value,start,end}, precision, start, end (null without a time of its own), "
                    "reported (the day first reported, for those), key, rank, summary (verbatim), label (summary with "
                    "an ellipsis where it starts or stops inside a sentence), type, score, entities, amounts, "
                    "sources, outlets, n_sources (independent), sources_word (the words after it: \"independent "
                    "sources\", or \"sources, N of unknown outlet\"), conflict, evidence [{doc,start,end,text}]")


class EntitiesOut(_Doc):
    dossier: str
    nodes: list[dict[str, Any]] = Field(description="id, name, type, aliases, mentions, events, weight "
                                        "(events + evidence sentences of its relations)")
    edges: list[dict[str, Any]] = Field(description="id, source, target, type, label, events, evidence")
    central: list[str] = Field(description="ids of the entities the graph draws by default: the most evidenced, "
                                           "at most 16-40 by the story's size, each with a relation among them")
    central_links: list[dict[str, Any]] = Field(description="one line per pair of central entities: id, source, "
                                                            "target, relations (edge ids), labels, evidence (count)")


class EntityOut(_Doc):
    dossier: str
    entity: dict[str, Any] = Field(description="id, name, type, aliases, mentions")
    documents: list[dict[str, Any]] = Field(description="per document (id, title, outlet, url, published): "
                                                        "mentions [{doc, start, end, text, sentence}]")
    events: list[dict[str, Any]] = Field(description="its events in date order (as in timeline.json)")
    money_in: list[dict[str, Any]]
    money_out: list[dict[str, Any]]
    quotes_by: list[dict[str, Any]]
    quotes_about: list[dict[str, Any]] = Field(description="quotes by others that mention it")
    relations: list[dict[str, Any]]
    corrections: list[dict[str, Any]] = Field(description="what each correction of the dossier did in its last build")
    can_correct: bool = Field(description="the dossier folder has its store, so it can be corrected")


class CorrectionIn(BaseModel):
    """A correction, as ``storyline correct`` takes it."""

    model_config = ConfigDict(extra="forbid")
    op: Literal["merge", "split", "rename", "retype", "reject", "undo"]
    kind: Literal["entity", "event", "finding"] = "entity"
    target: str = Field("", max_length=1000, description="id, name or alias (events, findings: id or summary words)")
    value: str = Field("", max_length=1000, description="rename: the new name; retype: the type; split: the alias")
    others: list[str] = Field(default_factory=list, max_length=100, description="merge: the entities to fold in")
    undo: int | None = Field(None, ge=1, description="undo: the number of the correction (none: the last)")


class CorrectionOut(_Doc):
    dossier: str
    correction: dict[str, Any]
    status: str = Field(description="applied or unmatched (in the rebuilt dossier)")
    detail: str
    summary: str


class CorrectionsOut(_Doc):
    dossier: str
    problems: list[str]
    corrections: list[dict[str, Any]] = Field(description="every correction record with summary, state "
                                                          "(applied, unmatched, undone, pending, done) and detail")


class AmountsOut(_Doc):
    dossier: str
    sort: str
    order: str
    count: int
    conflicts: int
    amounts: list[dict[str, Any]] = Field(description="Amount fields + display, payer_label, payee_label, outlet, "
                                                       "title, published, conflict, conflict_findings")


class QuotesOut(_Doc):
    dossier: str
    count: int
    speakers: list[dict[str, Any]] = Field(description="speaker (entity id or null), name, quotes [...]")


class FindingsOut(_Doc):
    dossier: str
    counts: dict[str, int]
    findings: dict[str, list[dict[str, Any]]] = Field(description="conflict / corroborated / single_source -> "
                                                                  "[{id, summary, events, amounts, n_sources, sources_word, columns}]")


class CoverageOut(_Doc):
    dossier: str
    sources: list[dict[str, Any]] = Field(description="independent sources (columns): key, label, documents, n")
    rows: list[dict[str, Any]] = Field(description="key events (rows): event, date, headline, n, "
                                                   "cells [{source, reported, evidence?, doc?}]")
    blindspots: int


class DocumentsOut(_Doc):
    dossier: str
    count: int
    documents: list[dict[str, Any]]
    rejected: list[dict[str, Any]]


class DocumentOut(_Doc):
    dossier: str
    document: dict[str, Any]
    segments: list[dict[str, Any]] = Field(description="text pieces with kinds (evidence, amount, quote), refs, events")
    removed: list[dict[str, Any]] = Field(description="what cleaning removed: text, reason, line")
    events: list[dict[str, Any]]
    offset_mismatches: int


class SearchOut(_Doc):
    dossier: str
    q: str
    backend: str = Field(description="duckdb-fts or duckdb-sql-bm25")
    count: int
    results: list[dict[str, Any]] = Field(description="sentence (doc, idx, start, end, text), score, outlet, title, "
                                                      "segments [{text, hit}], events [{id, summary, date}]")


def _ok(model: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    return {200: {"model": model, "description": "The page's data"}, **ERRORS}


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad parameter"},
    404: {"model": ErrorBody, "description": "Not found"},
}
D = Query(None, description="Dossier slug (default: the first folder given to serve).")


class JSONBytes(Response):
    media_type = "application/json"


def _json(payload: Any) -> Response:
    return JSONBytes(content=dumps(payload))


def _wants_json(request: Request) -> bool:
    path = request.url.path
    accept = request.headers.get("accept", "")
    return path.endswith(".json") or ("application/json" in accept and "text/html" not in accept)


def same_origin_json(request: Request) -> None:
    """A write comes from this app's own pages: a JSON body (a cross-site form cannot send one
    without a CORS preflight this app never answers) and no foreign Origin."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise Forbidden("corrections are sent as application/json from this app's pages")
    origin = request.headers.get("origin")
    if origin and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
        raise Forbidden(f"a correction from another site ({origin}) is refused")
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        raise Forbidden("a correction from another site is refused")


_NAME = re.compile(r"^[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*$")
_PORT = re.compile(r":[0-9]{0,5}")  # RFC 3986: the port may be empty


def host_name(value: str) -> str | None:
    """The name a ``Host`` header (or a ``--host``/``--allow-host`` value) gives, in lower case,
    without its port or a trailing dot, IPv6 addresses in brackets; None when it is malformed.

    ``localhost:8765`` -> ``localhost``; ``[::1]:8765`` -> ``[::1]``; ``::1`` -> ``[::1]``.
    """
    value = value.strip().lower()
    try:  # a bare address: 127.0.0.1, ::1
        ip = ipaddress.ip_address(value)
        return f"[{ip.compressed}]" if ip.version == 6 else ip.compressed
    except ValueError:
        pass
    if value.startswith("["):
        name, bracket, rest = value[1:].partition("]")
        try:
            name = f"[{ipaddress.IPv6Address(name).compressed}]"
        except ValueError:
            return None
        if not bracket:
            return None
    else:
        name, colon, port = value.partition(":")
        rest = colon + port
        name = name.rstrip(".")
        if not _NAME.match(name):
            return None
    if rest and not _PORT.fullmatch(rest):
        return None
    return name


def allowed_hosts(host: str, extra: Iterable[str] = ()) -> list[str]:
    """The ``Host`` names a server bound to ``host`` answers to: the loopback names, ``host`` and
    ``extra`` (``--allow-host``: the names a reverse proxy or the network reaches it by)."""
    names: dict[str, None] = dict.fromkeys(LOOPBACK_HOSTS)
    for value in (host, *extra):
        name = host_name(value)
        if name is None:
            raise ConfigError(f"not a host name: {value!r} (give a name such as dossier.example.org or an address)")
        names[name] = None
    return list(names)


def is_loopback(host: str) -> bool:
    """``host`` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    name = host_name(host)
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address((name or "").strip("[]")).is_loopback
    except ValueError:
        return False  # any other name may resolve to a public address


def host_warning(host: str, port: int = 8765) -> str | None:
    """The paragraph ``serve`` prints on stderr when ``host`` is not a loopback address, else None."""
    if is_loopback(host):
        return None
    return (f"storyline: warning: serving on {host}:{port}, which is not a loopback address. Anyone who can "
            "reach this machine on the network can read every dossier served here and make corrections "
            "to it (rename, merge, reject, undo: each one rebuilds the dossier); there is no login and no "
            "encryption. Serve on 127.0.0.1 (the default) unless everyone on this network may do that, or "
            "put an authenticating HTTPS proxy in front. Browsers must reach the server by a name it "
            "answers to: the loopback names, the --host value, or one given with --allow-host NAME.")


class Guard:
    """Pure ASGI middleware run before anything else.

    * ``hosts`` (None: any): a request whose ``Host`` is not one of them gets 400 in the JSON error
      shape, so a page on another site whose name was rebound to this address cannot read it;
    * ``HEAD`` is answered as ``GET`` (same status and headers, ``Content-Length`` included), no body;
    * every answer carries :data:`SECURITY_HEADERS`.
    """

    def __init__(self, app: Any, hosts: Iterable[str] | None = None):
        self.app = app
        self.hosts = None if hosts is None else frozenset(host_name(h) or h for h in hosts)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def guarded_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers[name] = value
            elif head and message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        if self.hosts is not None:
            raw = next((v for k, v in scope["headers"] if k == b"host"), b"").decode("latin-1")
            if host_name(raw) not in self.hosts:
                shown = raw[:100] or "(none)"
                body = dumps(error_body(400, "bad_host", f"this server does not answer to the host {shown!r} "
                                                           "(storyline serve --allow-host NAME adds a name)"))
                await guarded_send({"type": "http.response.start", "status": 400, "headers": [
                    (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
                await guarded_send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, guarded_send)


def allowed_methods(app: FastAPI, path: str, method: str = "GET") -> list[str]:
    """The methods some route takes at ``path`` (HEAD wherever GET is)."""
    scope = {"type": "http", "path": path, "root_path": "", "method": method}
    methods: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ("GET",))  # a mount (static files): GET
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def create_app(dirs: list[Path], hosts: Iterable[str] | None = None,
               reload_interval: float = RELOAD_INTERVAL) -> FastAPI:
    """The web app serving the dossiers in ``dirs`` (each holds a ``dossier.json``).

    ``hosts``: the ``Host`` names it answers to (:func:`allowed_hosts`; None: any, for tests and
    embedding; ``serve`` always passes them). ``reload_interval``: how often a request may look for
    a rebuilt ``dossier.json`` (seconds; see :class:`storyline.web.data.Library`).
    """
    library = Library.load([Path(d) for d in dirs], reload_interval=reload_interval)
    app = FastAPI(
        title="storyline",
        description="Explore storyline dossiers: every HTML page has a JSON twin; errors share one shape.",
        version="1",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: the app serves /openapi.json only
        redoc_url=None,
    )
    app.state.library = library
    templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape on for .html
    templates.env.filters["excerpt"] = excerpt
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, name: str, slug: str | None, active: str, data: Any, **extra: Any) -> HTMLResponse:
        dossier = library.get(slug)
        keep = {"d": slug} if slug else {}

        def link(path: str, **params: Any) -> str:
            q = {**keep, **{k: v for k, v in params.items() if v not in (None, "")}}
            return path + ("?" + urlencode(q) if q else "")

        ctx = {"data": data, "dossier": dossier.summary(), "dossiers": list(library.dossiers),
               "slug": dossier.slug, "active": active, "nav": NAV, "link": link, "params": keep, **extra}
        return templates.TemplateResponse(request, name, ctx)

    app.add_middleware(Guard, hosts=hosts)

    def error_response(request: Request, status: int, code: str, message: str,
                       headers: dict[str, str] | None = None) -> Response:
        body = error_body(status, code, message)
        if _wants_json(request):
            return JSONBytes(content=dumps(body), status_code=status, headers=headers)
        return templates.TemplateResponse(
            request, "error.html",
            {"error": body["error"], "nav": NAV, "active": "", "dossiers": list(library.dossiers),
             "slug": library.default, "dossier": library.get(None).summary(), "params": {},
             "link": lambda path, **_: path},
            status_code=status, headers=headers)

    @app.exception_handler(WebError)
    async def on_web_error(request: Request, exc: WebError):
        return error_response(request, exc.status, exc.code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        headers = dict(exc.headers or {})
        if exc.status_code == 404:
            message = f"nothing at {request.url.path}"
        if exc.status_code == 405:  # every method the path takes (Starlette names one route's only)
            allow = allowed_methods(app, request.url.path, request.method)
            headers["Allow"] = ", ".join(allow)
            message = f"{request.method} is not taken at {request.url.path}: use {', '.join(allow)}"
        return error_response(request, exc.status_code, code, message, headers=headers or None)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception):  # no traceback for the user; uvicorn logs it
        return error_response(request, 500, "internal_error", f"the server failed: {type(exc).__name__}")

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError):
        parts = ["{}: {}".format(".".join(str(x) for x in e.get("loc", ())[1:]) or "request", e.get("msg"))
                 for e in exc.errors()]
        return error_response(request, 400, "bad_request", "; ".join(parts))

    # ---- pages and their JSON twins

    @app.get("/", include_in_schema=False)
    def home(d: str | None = D):
        library.get(d)
        return RedirectResponse("/timeline" + (f"?{urlencode({'d': d})}" if d else ""), status_code=307)

    @app.get("/dossiers.json", tags=["json"], summary="The dossiers this server serves")
    def dossiers_json():
        return _json(library.listing())

    @app.get("/timeline", response_class=HTMLResponse, tags=["pages"], responses=ERRORS)
    def timeline_page(request: Request, d: str | None = D, entity: str | None = None, type: str | None = None,
                      source: str | None = None, event: str | None = None, all: bool = False):
        data = library.get(d).timeline(entity=entity, type=type, source=source, all=all)
        return page(request, "timeline.html", d, "timeline", data, selected=event)

    @app.get("/timeline.json", tags=["json"], responses=_ok(TimelineOut),
             summary="The key events (all=true: every event) in date order with facets, filtered by entity id, "
                     "event type and source (outlet or doc id)")
    def timeline_json(d: str | None = D, entity: str | None = None, type: str | None = None,
                      source: str | None = None, all: bool = False):
        return _json(library.get(d).timeline(entity=entity, type=type, source=source, all=all))

    @app.get("/entities", response_class=HTMLResponse, tags=["pages"], responses=ERRORS)
    def entities_page(request: Request, d: str | None = D):
        return page(request, "entities.html", d, "entities", library.get(d).entity_graph())

    @app.get("/entities.json", tags=["json"], responses=_ok(EntitiesOut), summary="Entity graph: nodes and relation edges with evidence")
    def entities_json(d: str | None = D):
        return _json(library.get(d).entity_graph())

    @app.get("/entities/{entity_id}.json", tags=["json"], responses=_ok(EntityOut),
             summary="One entity: mentions, events, money in and out, quotes by and about, relations")
    def entity_json(entity_id: str, d: str | None = D):
        return _json(library.get(d).entity(entity_id))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, tags=["pages"], responses=ERRORS)
    def entity_page(request: Request, entity_id: str, d: str | None = D):
        return page(request, "entity.html", d, "entities", library.get(d).entity(entity_id), page_name="entity")

    @app.get("/corrections.json", tags=["json"], responses=_ok(CorrectionsOut),
             summary="The corrections of a dossier (storyline correct), each with what it did")
    def corrections_json(d: str | None = D):
        return _json(library.corrections(d))

    @app.post("/corrections.json", tags=["json"], responses=_ok(CorrectionOut),
              summary="Record a correction (merge, split, rename, retype, reject, undo) and rebuild the dossier")
    def correct_json(request: Request, body: CorrectionIn, d: str | None = D):
        same_origin_json(request)
        return _json(library.correct(d, **body.model_dump()))

    sort_q = Query("value", description=f"One of: {', '.join(SORT_KEYS)}")
    order_q = Query("desc", pattern="^(asc|desc)$")

    @app.get("/amounts", response_class=HTMLResponse, tags=["pages"], responses=ERRORS)
    def amounts_page(request: Request, d: str | None = D, sort: str = sort_q, order: str = order_q):
        return page(request, "amounts.html", d, "amounts", library.get(d).amounts(sort=sort, order=order))

    @app.get("/amounts.json", tags=["json"], responses=_ok(AmountsOut), summary="The money ledger, sorted, conflicts flagged")
    def amounts_json(d: str | None = D, sort: str = sort_q, order: str = order_q):
        return _json(library.get(d).amounts(sort=sort, order=order))

    @app.get("/quotes", response_class=HTMLResponse, tags=["pages"], responses=ERRORS)
    def quotes_page(request: Request, d: str | None = D):
        return page(request, "quotes.html", d, "quotes", library.get(d).quotes())

    @app.get("/quotes.json", tags=["json"], responses=_ok(QuotesOut), summary="Quotes grouped by speaker")
    def quotes_json(d: str | None = D):
        return _json(library.get(d).quotes())

    @app.get("/findings", response_class=HTMLResponse, tags=["pages"], responses=ERRORS)
    def findings_page(request: Request, d: str | None = D):
        return page(request, "findings.html", d, "findings", library.get(d).findings())

    @app.get("/findings.json", tags=["json"], responses=_ok(FindingsOut),
             summary="Corroborated, single-source and conflicting findings with evidence per source")
    def findings_json(d: str | None = D):
        return _json(library.get(d).findings())

    @app.get("/coverage", response_class=HTMLResponse, tags=["pages"], responses=ERRORS)
    def coverage_page(request: Request, d: str | None = D):
        return page(request, "coverage.html", d, "coverage", library.get(d).coverage())

    @app.get("/coverage.json", tags=["json"], responses=_ok(CoverageOut),
             summary="Who reported what: key events by independent sources, with the evidence of each cell")
    def coverage_json(d: str | None = D):
        return _json(library.get(d).coverage())

    @app.get("/documents", response_class=HTMLResponse, tags=["pages"], responses=ERRORS)
    def documents_page(request: Request, d: str | None = D):
        return page(request, "documents.html", d, "documents", library.get(d).documents())

    @app.get("/documents.json", tags=["json"], responses=_ok(DocumentsOut), summary="The documents of the dossier")
    def documents_json(d: str | None = D):
        return _json(library.get(d).documents())

    @app.get("/documents/{doc_id}.json", tags=["json"], responses=_ok(DocumentOut),
             summary="One document: text segments with evidence, amounts and quotes marked; what cleaning removed")
    def document_json(doc_id: str, d: str | None = D):
        return _json(library.get(d).document(doc_id))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, tags=["pages"], responses=ERRORS)
    def document_page(request: Request, doc_id: str, d: str | None = D):
        return page(request, "document.html", d, "documents", library.get(d).document(doc_id))

    limit_q = Query(50, ge=1, le=200)

    @app.get("/search", response_class=HTMLResponse, tags=["pages"], responses=ERRORS)
    def search_page(request: Request, d: str | None = D, q: str = "", limit: int = limit_q):
        return page(request, "search.html", d, "search", library.get(d).search(q, limit=limit))

    @app.get("/search.json", tags=["json"], responses=_ok(SearchOut),
             summary="Full-text search over sentences (BM25), with the events each sentence is evidence for")
    def search_json(d: str | None = D, q: str = "", limit: int = limit_q):
        return _json(library.get(d).search(q, limit=limit))

    return app


def idle_timeout_protocol() -> type:
    """uvicorn's h11 protocol with its idle timeout also armed before each request head.

    uvicorn closes a kept-alive connection after ``timeout_keep_alive`` seconds without a byte, but
    only once a first response is sent, and any byte restarts the wait: a connection that opens
    and sends nothing, or trickles a request head a byte at a time, would be held open for ever.
    Here the same deadline runs from the connection's opening (and from each response) until a
    whole request head has come. Then a request body (a ``POST``) has :data:`BODY_TIMEOUT` seconds
    in all to arrive, however it trickles: past it the client gets ``408`` and the connection closes.
    """
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class IdleTimeoutH11Protocol(H11Protocol):
        _deadline = None
        _body_deadline = None

        def connection_made(self, transport) -> None:  # type: ignore[no-untyped-def]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            cycle = self.cycle
            super().data_received(data)
            if self.cycle is not cycle:  # a whole request head came: the answer is under way
                self._disarm()
                if self.cycle is not None and self.cycle.more_body:
                    self._body_deadline = self.loop.call_later(BODY_TIMEOUT, self._close_if_body_unfinished)
            if self.cycle is None or not self.cycle.more_body:  # the body is all here
                self._disarm_body()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            self._disarm_body()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(self.timeout_keep_alive, self._close_if_idle)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _disarm_body(self) -> None:
            if self._body_deadline is not None:
                self._body_deadline.cancel()
                self._body_deadline = None

        def _close_if_body_unfinished(self) -> None:
            self._body_deadline = None
            cycle = self.cycle
            if cycle is not None and cycle.more_body and not self.transport.is_closing():
                if not cycle.response_started:
                    self.transport.write(b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\n"
                                         b"connection: close\r\n\r\n")
                self.transport.close()

        def _close_if_idle(self) -> None:
            self._deadline = None
            if self.cycle is None or self.cycle.response_complete:  # never in the middle of an answer
                self.timeout_keep_alive_handler()

    return IdleTimeoutH11Protocol


def serve(dirs: list[Path], host: str = "127.0.0.1", port: int = 8765, allow_hosts: Iterable[str] = ()) -> None:
    """Serve the dossiers in ``dirs`` at http://host:port until interrupted.

    The app answers to the ``Host`` names of :func:`allowed_hosts`; a non-loopback ``host`` gets
    :func:`host_warning` on stderr. Idle connections close after :data:`IDLE_TIMEOUT` seconds,
    request heads over :data:`MAX_HEAD_BYTES` are refused (h11).
    """
    import uvicorn

    hosts = allowed_hosts(host, allow_hosts)
    app = create_app(dirs, hosts=hosts)  # a folder that is not a dossier fails here, before binding
    warning = host_warning(host, port)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    shown = host_name(host) or host
    print(f"storyline: serving {', '.join(app.state.library.dossiers)} at http://{shown}:{port}/", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", http=idle_timeout_protocol(), ws="none",
                timeout_keep_alive=IDLE_TIMEOUT, h11_max_incomplete_event_size=MAX_HEAD_BYTES, server_header=False)
