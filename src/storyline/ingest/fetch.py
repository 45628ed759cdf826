"""Articles, feeds and sitemaps from the web: ``http(s)://`` URLs -> raw documents (:func:`read_urls`),
fetched politely by a :class:`Fetcher`.

A URL given to ``storyline build``/``add`` can be an article page, an RSS/Atom feed or a sitemap
(``urlset``, ``sitemapindex``, Google News sitemap); which one is told by the first element of the
body, then the Content-Type (:func:`kind_of`). A feed or a sitemap gives article links (:class:`Link`)
with the entry's publication date and title as fallback metadata; each article page goes through
the same HTML reading as a saved ``.html`` file (trafilatura and htmldate: text, title, date, site
name, canonical URL).

A fetched document's ``path`` is the URL it was fetched from, its ``url`` the page's canonical URL
(else the URL after redirects), its ``outlet`` the page's site name (else the host). Publication
date precedence: the page's metadata, then the feed or sitemap entry's date, then a dateline in the
text, then a date in the URL's path.

Politeness (:class:`Fetcher`): one User-Agent that names storyline; robots.txt obeyed (protego,
read once per site and kept for a day; a Crawl-delay longer than ``fetch_delay`` is honoured up to
a cap); at least ``fetch_delay`` seconds between the end of one request to a host and the start of
the next; ``fetch_retries`` retries with growing pauses after a connection error, an HTTP 5xx or
429 (a Retry-After up to a cap is honoured, a longer one given up on); a timeout per request;
bodies over ``fetch_max_bytes`` refused; redirects followed by hand, so every hop is checked
against robots.txt and the delay. Feeds polled again are asked for with If-None-Match /
If-Modified-Since.

Nothing here raises on a bad URL: every failure becomes a :class:`~storyline.records.Rejection`
with the URL and the reason (HTTP status, timeout, robots.txt, too large, not HTML).
"""

from __future__ import annotations

import io
import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from http.client import HTTPException
from typing import Any, Iterable, Literal, Sequence

from ..errors import InputError
from ..records import RawDocument, Rejection
from ..settings import Settings
from .dates import parse_date, undated_published
from .formats import Overflow, _from_html, decode, inflate

# the product token robots.txt rules are matched against (the User-Agent header says more)
ROBOTS_TOKEN = "storyline"
# how long a site's robots.txt is trusted (RFC 9309 asks for at most a day); when it could not be
# read, how long until it is asked for again
ROBOTS_TTL = 24 * 3600.0
ROBOTS_ERROR_TTL = 600.0
MAX_REDIRECTS = 5
# a server asking (Retry-After) or a robots.txt demanding (Crawl-delay) a longer pause than this
# many seconds: the Retry-After is given up on, the Crawl-delay is cut to it
MAX_RETRY_AFTER = 60.0
MAX_CRAWL_DELAY = 60.0
# the first pause before a retry is max(fetch_delay, MIN_BACKOFF) seconds, doubled at each retry
MIN_BACKOFF = 0.1
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# sitemap indexes are followed this many levels down
MAX_SITEMAP_DEPTH = 3
READ_CHUNK = 64 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5")

Kind = Literal["html", "feed", "sitemap"]


def default_user_agent() -> str:
    from .._version import __version__

    return f"storyline/{__version__} (news dossier builder; fetches the articles its user lists)"


def is_url(value: object) -> bool:
    """An ``http://`` or ``https://`` URL (or a :class:`Link`), as opposed to a local path."""
    if isinstance(value, Link):
        return True
    return isinstance(value, str) and bool(re.match(r"(?i)^https?://", value.strip()))


def url_key(url: str) -> str:
    """What makes two URLs one page: the fragment does not count, nor the case of scheme and host."""
    parts = urllib.parse.urlsplit(url.strip())
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


@dataclass(frozen=True)
class Link:
    """An article link, with what the feed or sitemap that listed it says about it."""

    url: str
    title: str | None = None
    published: date | None = None
    # the feed or sitemap it came from
    source: str | None = None


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes
    tries: int = 1

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", self.headers.get("content-type", ""), re.I)
        return m.group(1) if m else None


@dataclass
class Fetched:
    """What :func:`read_urls` read: documents, rejections, and every URL it examined."""

    documents: list[RawDocument] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    examined: set[str] = field(default_factory=set)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as responses; :meth:`Fetcher._follow` checks each hop itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Fetcher:
    """Polite HTTP(S) GETs (see the module docstring). Holds per-host state (robots.txt, the time of
    the last request, feed validators), so one fetcher should serve a whole build or watch."""

    def __init__(self, settings: Settings | None = None):
        s = settings or Settings()  # checked when made (Settings.__post_init__)
        self.timeout = float(s.fetch_timeout)
        self.retries = int(s.fetch_retries)
        self.delay = float(s.fetch_delay)
        self.max_bytes = int(s.fetch_max_bytes)
        self.max_links = int(s.fetch_max_links)
        self.user_agent = s.user_agent.strip() or default_user_agent()
        # proxies from the environment still apply (ProxyHandler is a default handler)
        self._opener = urllib.request.build_opener(_NoRedirect)
        self._last: dict[str, float] = {}  # host -> time.monotonic() when its last request ended
        # origin -> (read at, Protego rules, None for no robots.txt, or why it could not be read)
        self._robots: dict[str, tuple[float, Any]] = {}
        self._validators: dict[str, Response] = {}  # feed URL -> its last 200 response (ETag...)

    # ------------------------------------------------------------------ public
    def get(self, url: str, *, conditional: bool = False) -> Response:
        """GET ``url`` (following redirects); a 2xx response or an :class:`InputError` saying why not.
        ``conditional``: send the validators of the last response for this URL; a 304 gives that
        response again."""
        cached = self._validators.get(url) if conditional else None
        extra = {}
        if cached is not None:
            if etag := cached.headers.get("etag"):
                extra["If-None-Match"] = etag
            if modified := cached.headers.get("last-modified"):
                extra["If-Modified-Since"] = modified
        resp = self._follow(url, extra=extra)
        if resp.status == 304 and cached is not None:
            return cached
        if not 200 <= resp.status < 300:
            tries = f" ({resp.tries} tries)" if resp.tries > 1 else ""
            raise InputError(url, f"HTTP {resp.status} {_phrase(resp.status)}{tries}".rstrip())
        if conditional and ("etag" in resp.headers or "last-modified" in resp.headers):
            self._validators[url] = resp
        return resp

    def links(self, url: str, *, conditional: bool = False) -> tuple[list[Link], list[Rejection]]:
        """The article links of the feed or sitemap at ``url`` (sitemap indexes followed; beyond
        ``fetch_max_links``, the newest are kept); raises :class:`InputError` when ``url`` cannot be
        read or is not a feed or a sitemap. Child sitemaps that fail are returned as rejections."""
        resp = self.get(url, conditional=conditional)
        kind = kind_of(resp)
        if kind not in ("feed", "sitemap"):
            raise InputError(url, f"not an RSS/Atom feed or a sitemap ({_described(resp)})")
        return self.links_of(resp, kind)

    # ------------------------------------------------------------------ links
    def links_of(self, resp: Response, kind: Kind) -> tuple[list[Link], list[Rejection]]:
        """The article links of a fetched feed or sitemap (see :meth:`links`)."""
        rejected: list[Rejection] = []
        if kind == "feed":
            found = feed_links(resp.body, resp.url, resp.headers)
        else:
            found, children = sitemap_links(resp.body, resp.url)
            level, seen = 1, {url_key(resp.url)}
            while children and level <= MAX_SITEMAP_DEPTH and not self._enough(found):
                deeper: list[str] = []
                for child in children:
                    if url_key(child) in seen or self._enough(found):
                        continue
                    seen.add(url_key(child))
                    try:
                        got, more = sitemap_links(self.get(child).body, child)
                    except InputError as exc:
                        rejected.append(Rejection(child, exc.reason))
                        continue
                    found.extend(got)
                    deeper.extend(more)
                children, level = deeper, level + 1
        return self._capped(_unique(found)), rejected

    def _enough(self, found: Sequence[Link]) -> bool:
        return bool(self.max_links) and len(found) >= self.max_links

    def _capped(self, found: list[Link]) -> list[Link]:
        if not self.max_links or len(found) <= self.max_links:
            return found
        order = sorted(range(len(found)), key=lambda i: (found[i].published is None,
                                                         -(found[i].published or date.min).toordinal(), i))
        keep = set(order[: self.max_links])
        return [link for i, link in enumerate(found) if i in keep]

    # ------------------------------------------------------------------ HTTP
    def _follow(self, url: str, *, robots: bool = True, extra: dict[str, str] | None = None) -> Response:
        """The final response for ``url`` (any status) after redirects, each hop checked against
        robots.txt (unless fetching robots.txt itself)."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            parts = urllib.parse.urlsplit(current)
            if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
                raise InputError(url, f"not an http(s) URL: {current!r}")
            if robots and not self._allowed(current):
                where = "it" if current == url else f"{current} (redirected to)"
                raise InputError(url, f"robots.txt disallows fetching {where} for user agent {ROBOTS_TOKEN!r}")
            resp = self._with_retries(current, url, extra or {})
            if resp.status not in REDIRECT_STATUSES:
                return resp
            location = resp.headers.get("location")
            if not location:
                raise InputError(url, f"HTTP {resp.status} redirect without a Location")
            current = urllib.parse.urljoin(current, location.strip())
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects")

    def _with_retries(self, url: str, asked: str, extra: dict[str, str]) -> Response:
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        tries = 0
        while True:
            tries += 1
            self._wait(host)
            try:
                resp, failure = replace(self._once(url, asked, extra), tries=tries), ""
            except _Transient as exc:
                resp, failure = None, exc.reason
            finally:
                self._last[host] = time.monotonic()
            if resp is not None and resp.status not in RETRY_STATUSES:
                return resp
            pause = max(self.delay, MIN_BACKOFF) * 2 ** (tries - 1)
            if resp is not None and (after := _retry_after(resp.headers.get("retry-after"))) is not None:
                if after > MAX_RETRY_AFTER:
                    raise InputError(asked, f"HTTP {resp.status} {_phrase(resp.status)}: the server asks to wait "
                                            f"{after:.0f} s (more than {MAX_RETRY_AFTER:.0f} s)")
                pause = max(pause, after)
            if tries > self.retries:
                if resp is not None:
                    return resp
                raise InputError(asked, f"{failure} ({tries} tries)" if tries > 1 else failure)
            time.sleep(pause)

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is None:
            return
        pause = last + self._delay_for(host) - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def _delay_for(self, host: str) -> float:
        crawl = 0.0
        for origin, (_, rules) in self._robots.items():
            if urllib.parse.urlsplit(origin).hostname == host and not isinstance(rules, str) and rules is not None:
                crawl = max(crawl, min(float(rules.crawl_delay(ROBOTS_TOKEN) or 0.0), MAX_CRAWL_DELAY))
        return max(self.delay, crawl)

    def _once(self, url: str, asked: str, extra: dict[str, str]) -> Response:
        """One GET. Raises :class:`_Transient` for failures worth retrying, :class:`InputError`
        for the others; an HTTP error status is a response."""
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip", **extra})
        try:
            raw = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:  # 3xx (redirects are not followed here), 4xx, 5xx
            headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
            exc.close()
            return Response(url=url, status=exc.code, headers=headers, body=b"")
        except urllib.error.URLError as exc:
            raise self._transport(exc.reason, asked) from None
        except (OSError, HTTPException) as exc:
            raise self._transport(exc, asked) from None
        with raw:
            headers = {k.lower(): v for k, v in raw.headers.items()}
            try:
                body = self._read(raw, headers, asked)
            except (OSError, HTTPException) as exc:
                raise self._transport(exc, asked) from None
            return Response(url=raw.geturl() or url, status=raw.status, headers=headers, body=body)

    def _transport(self, reason: object, asked: str) -> Exception:
        if isinstance(reason, TimeoutError):
            # not retried: the server is slow, not failing, and trying again multiplies the wait
            return InputError(asked, f"timed out after {self.timeout:g} s")
        if isinstance(reason, ssl.SSLError):
            return InputError(asked, f"TLS error: {getattr(reason, 'reason', None) or reason}")
        if isinstance(reason, socket.gaierror):
            return InputError(asked, f"cannot resolve the host name: {reason.strerror or reason}")
        if isinstance(reason, str):  # urllib's own complaints ("no host given") are not transient
            return InputError(asked, f"cannot fetch: {reason}")
        if isinstance(reason, OSError) and reason.strerror:
            return _Transient(f"cannot connect: {reason.strerror}")
        return _Transient(f"connection failed: {reason or type(reason).__name__}")

    def _read(self, raw, headers: dict[str, str], asked: str) -> bytes:
        """The body, at most ``max_bytes`` of it (after gzip decoding too), or an InputError."""
        too_large = f"larger than {self.max_bytes} bytes (setting fetch_max_bytes)"
        length = headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > self.max_bytes:
            raise InputError(asked, f"response of {int(length)} bytes is {too_large}")
        chunks, total = [], 0
        while chunk := raw.read(min(READ_CHUNK, self.max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > self.max_bytes:
                raise InputError(asked, f"response is {too_large}")
        body = b"".join(chunks)
        if headers.get("content-encoding", "").strip().lower() in ("gzip", "x-gzip") or body[:2] == b"\x1f\x8b":
            body = _gunzip(body, self.max_bytes, asked, too_large)
        return body

    # ------------------------------------------------------------------ robots.txt
    def _allowed(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        cached = self._robots.get(origin)
        now = time.monotonic()
        if cached is None or now - cached[0] > (ROBOTS_ERROR_TTL if isinstance(cached[1], str) else ROBOTS_TTL):
            cached = (now, self._read_robots(origin))
            self._robots[origin] = cached
        rules = cached[1]
        if isinstance(rules, str):  # could not be read: RFC 9309 says assume everything is disallowed
            raise InputError(url, rules)
        return rules is None or rules.can_fetch(url, ROBOTS_TOKEN)

    def _read_robots(self, origin: str):
        """Protego rules, None (no robots.txt: everything allowed) or the reason it could not be read."""
        from protego import Protego

        try:
            resp = self._follow(f"{origin}/robots.txt", robots=False)
        except InputError as exc:
            return f"robots.txt of {origin} could not be read ({exc.reason}), so nothing there is fetched"
        if 400 <= resp.status < 500:
            return None
        if not 200 <= resp.status < 300:
            return (f"robots.txt of {origin} could not be read (HTTP {resp.status} {_phrase(resp.status)}), "
                    "so nothing there is fetched")
        return Protego.parse(resp.body.decode("utf-8", errors="replace"))


class _Transient(Exception):
    """A failure worth retrying (connection refused or reset)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# ------------------------------------------------------------------------ reading URLs

def read_urls(urls: Iterable[str | Link], fetcher: Fetcher | None = None) -> Fetched:
    """Fetch every URL: an article page becomes a document; a feed or a sitemap gives its article
    links, each fetched in turn. A page listed twice (by two feeds) is fetched once."""
    fetcher = fetcher or Fetcher()
    out = Fetched()
    seen: set[str] = set()
    for item in urls:
        link = item if isinstance(item, Link) else Link(str(item).strip())
        if url_key(link.url) in seen:
            continue
        seen.add(url_key(link.url))
        out.examined.add(link.url)
        try:
            resp = fetcher.get(link.url)
            kind = kind_of(resp)
            if kind in ("feed", "sitemap") and not isinstance(item, Link):
                entries, bad = fetcher.links_of(resp, kind)
                out.rejected.extend(bad)
                for entry in entries:
                    if url_key(entry.url) in seen:
                        continue
                    seen.add(url_key(entry.url))
                    out.examined.add(entry.url)
                    _read_article(fetcher, entry, out)
                continue
            out.documents.append(article(link, resp))
        except InputError as exc:
            out.rejected.append(Rejection(link.url, exc.reason))
    return out


def _read_article(fetcher: Fetcher, link: Link, out: Fetched) -> None:
    try:
        out.documents.append(article(link, fetcher.get(link.url)))
    except InputError as exc:
        out.rejected.append(Rejection(link.url, exc.reason))


def article(link: Link, resp: Response) -> RawDocument:
    """A fetched article page -> a raw document (see the module docstring for its metadata)."""
    if kind_of(resp) != "html":
        raise InputError(link.url, f"not an HTML page ({_described(resp)})")
    page = decode_html(resp.body, resp.charset, link.url)
    doc = _from_html(link.url, page, url=resp.url)
    host = (urllib.parse.urlsplit(resp.url).hostname or "").removeprefix("www.")
    outlet = doc.outlet or host or None
    if outlet and re.fullmatch(r"[\w.-]+:\d+", outlet):  # trafilatura names a site without a name by host:port
        outlet = outlet.rsplit(":", 1)[0]
    doc = replace(doc, url=doc.url or resp.url, outlet=outlet, title=doc.title or link.title)
    # the page's own date is one its markup or URL states (formats.stated_date: never a guess from
    # the text); it outranks the feed's
    published = doc.published or link.published
    doc = replace(doc, published=published, published_from="metadata" if published else None)
    if doc.published is None and (found := undated_published(doc.text, urllib.parse.urlsplit(link.url).path)):
        doc = replace(doc, published=found[0], published_from=found[1])
    return doc


def decode_html(body: bytes, charset: str | None, url: str) -> str:
    """HTML bytes -> text: by the HTTP charset, else a ``<meta charset>``, else as a saved file is
    (UTF-8, Windows-1252 when it reads as text)."""
    for name in (charset, _meta_charset(body)):
        if not name:
            continue
        name = name.strip().lower()
        # what browsers do: a page labelled Latin-1 or ASCII is read as Windows-1252
        name = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                "ascii": "cp1252", "utf-8": "utf-8-sig", "utf8": "utf-8-sig"}.get(name, name)
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return decode(body, url)


def _meta_charset(body: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", body[:4096], re.I)
    return m.group(1).decode("ascii", errors="ignore") if m else None


# ------------------------------------------------------------------------ what a body is

def kind_of(resp: Response) -> Kind | None:
    """``html``, ``feed`` (RSS, Atom, RDF) or ``sitemap`` by the body's first element, then the
    Content-Type; None for anything else."""
    root = _root_name(resp.body)
    if root in ("rss", "feed", "rdf"):
        return "feed"
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    if root == "html" or (resp.media_type in HTML_TYPES and root not in ("svg", "math")):
        return "html"
    return None


_PROLOG = re.compile(rb"^\s*(?:<\?.*?\?>|<!--.*?-->|<![^>]*>)", re.S)


def _root_name(body: bytes) -> str | None:
    """The local name of the first element, lower-cased ("rss", "feed", "urlset", "html"...)."""
    head = body[:8192].lstrip(b"\xef\xbb\xbf")
    while m := _PROLOG.match(head):
        head = head[m.end():]
    m = re.match(rb"\s*<([A-Za-z][\w.:-]*)", head)
    if not m:
        return None
    return m.group(1).decode("ascii", errors="ignore").rsplit(":", 1)[-1].lower()


def _described(resp: Response) -> str:
    return f"Content-Type {resp.media_type}" if resp.media_type else "no Content-Type"


# ------------------------------------------------------------------------ feeds and sitemaps

def feed_links(body: bytes, url: str, headers: dict[str, str] | None = None) -> list[Link]:
    """The entry links of an RSS/Atom feed, with each entry's published (else updated) date and
    title. feedparser reads the bytes only: it is never given a URL to fetch."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(body), response_headers={
        "content-type": (headers or {}).get("content-type", "application/xml"), "content-location": url})
    if parsed.get("bozo") and not parsed.entries:
        raise InputError(url, f"broken feed: {parsed.get('bozo_exception')}")
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next((ln.get("href") for ln in entry.get("links", [])
                                          if ln.get("rel", "alternate") == "alternate" and ln.get("href")), None)
        if not href:
            continue
        href = urllib.parse.urljoin(url, href.strip())
        if not is_url(href):
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(*stamp[:3]) if stamp else None
        title = " ".join((entry.get("title") or "").split()) or None
        links.append(Link(href, title=title, published=published, source=url))
    return links


# Sitemaps are read by hand with xml.etree: the format is three elements deep (urlset/url/loc,
# sitemapindex/sitemap/loc, and news:news/news:publication_date in a news sitemap), which does not
# warrant a dependency. ElementTree fetches no external entity; a DOCTYPE, which no sitemap needs,
# is refused outright, so no entity-expansion bomb can be declared (defusedxml is not a dependency).
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def sitemap_links(body: bytes, url: str) -> tuple[list[Link], list[str]]:
    """(article links of a ``urlset``, child sitemaps of a ``sitemapindex``). A news sitemap's
    ``publication_date`` and ``title`` become the links' fallback metadata; ``lastmod`` is a
    modification date and is not used as a publication date."""
    import xml.etree.ElementTree as ET

    if _DOCTYPE.search(body):
        raise InputError(url, "sitemap declares a DOCTYPE or entities; refused")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise InputError(url, f"broken sitemap XML: {exc}") from None
    links: list[Link] = []
    children: list[str] = []
    kind = _local(root.tag)
    for item in root:
        loc = next((el.text for el in item if _local(el.tag) == "loc" and el.text), None)
        if not loc or not is_url(loc.strip()):
            continue
        loc = loc.strip()
        if kind == "sitemapindex":
            children.append(loc)
            continue
        published, title = None, None
        for el in item.iter():
            if _local(el.tag) == "publication_date" and el.text:
                published = parse_date(el.text)
            elif _local(el.tag) == "title" and el.text and title is None:
                title = " ".join(el.text.split()) or None
        links.append(Link(loc, title=title, published=published, source=url))
    if kind not in ("urlset", "sitemapindex"):
        raise InputError(url, f"not a sitemap: the root element is <{kind}>")
    return links, children


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _unique(links: Iterable[Link]) -> list[Link]:
    seen: set[str] = set()
    out = []
    for link in links:
        if url_key(link.url) not in seen:
            seen.add(url_key(link.url))
            out.append(link)
    return out


# ------------------------------------------------------------------------ small helpers

def _gunzip(body: bytes, limit: int, asked: str, too_large: str) -> bytes:
    """A gzip body, every member of it (a sitemap made by ``cat``), at most ``limit`` bytes
    (:func:`.formats.inflate`); a cut-off body is refused, not read in part."""
    try:
        out, cut = inflate(body, limit)
    except zlib.error as exc:
        raise InputError(asked, f"broken gzip body: {exc}") from None
    except Overflow:
        raise InputError(asked, f"response is {too_large} once decompressed") from None
    if cut:
        raise InputError(asked, "broken gzip body: truncated")
    return out


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: delay-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
