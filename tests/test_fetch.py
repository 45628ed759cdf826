"""Feeds and URLs as inputs (ingest/fetch.py, pipeline.watch), against a web server these tests start
on 127.0.0.1: article pages made from the demo's real articles (wrapped in the furniture of a news
page: navigation, cookie banner, related links, footer; og: tags, JSON-LD), an RSS and an Atom feed,
a sitemap index with a news sitemap, a robots.txt, and paths that fail in the ways the web does.
No request ever leaves 127.0.0.1."""

from __future__ import annotations

import hashlib
import html
import json
import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline import ingest
from storyline.errors import ConfigError, InputError
from storyline.ingest.fetch import Fetcher, default_user_agent, feed_links, sitemap_links
from storyline.settings import Settings

DEMO = Path(__file__).resolve().parent.parent / "examples" / "msft-openai"
FAST = Settings(fetch_delay=0.2, fetch_timeout=1.0, fetch_retries=2, fetch_max_bytes=100_000)
FAST_FLAGS = ["--set", "fetch_delay=0.2", "--set", "fetch_timeout=1", "--set", "fetch_max_bytes=100000"]


# --------------------------------------------------------------------------- the pages

def _lines(name: str) -> list[str]:
    text = next(DEMO.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{meta}
</head><body>
<header class="site-header"><a class="logo" href="/">Home</a>
<nav><ul><li><a href="/tech/">Tech</a></li><li><a href="/markets/">Markets</a></li>
<li><a href="/opinion/">Opinion</a></li><li><a href="/newsletters/">Newsletters</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
</header>
<main><article>
<h1>{title}</h1>
<p class="byline">By Staff Reporter</p>
{paragraphs}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/tech/chips-rally">Chipmakers rally on demand for AI servers</a></li>
<li><a href="/markets/before-the-bell">Five things to know before the bell</a></li></ul></aside>
</main>
<footer><p>Subscribe to our newsletter for the latest stories.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> | <a href="/contact">Contact us</a></p></footer>
</body></html>
"""


def _page(title: str, paragraphs: list[str], meta: str = "", charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return _PAGE.format(title=html.escape(title), paragraphs=body, meta=meta, charset=charset)


def _site(base: str) -> dict[str, tuple[str, bytes]]:
    """path -> (content type, body) of everything the server serves as is."""
    dynamics = _lines("001")
    dynamics_ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": dynamics[0],
                              "datePublished": "2024-10-18T09:30:00Z",
                              "publisher": {"@type": "Organization", "name": "The Tech Ledger"}})
    page1 = _page(dynamics[0], dynamics[1:], meta=(
        f'<link rel="canonical" href="{base}/news/microsoft-openai-dynamics">\n'
        '<meta property="og:site_name" content="The Tech Ledger">\n'
        f'<meta property="og:title" content="{html.escape(dynamics[0])}">\n'
        f'<script type="application/ld+json">{dynamics_ld}</script>'))
    strain = _lines("003")
    page2 = _page("Microsoft and OpenAI: a partnership under strain", strain, charset="windows-1252", meta=(
        '<meta property="og:site_name" content="Daily Circuit">\n'
        '<meta property="article:published_time" content="2024-11-07T14:27:00+01:00">'))
    stargate = _lines("004")
    page3 = _page("Microsoft only a technical partner in Stargate", stargate[:-1])
    wire = _lines("002")
    flaky = _page("Altman and Nadella drift apart", wire, meta=(
        '<meta property="og:site_name" content="Wire Digest">\n'
        '<meta property="article:published_time" content="2025-04-28">'))
    rss = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tech Ledger: AI</title><link>{base}/</link><description>AI news</description>
<item><title>{html.escape(dynamics[0])}</title><link>{base}/news/2024/10/18/microsoft-openai-dynamics.html</link>
  <pubDate>Fri, 18 Oct 2024 09:30:00 GMT</pubDate></item>
<item><title>Microsoft and OpenAI: a partnership under strain</title><link>{base}/tech/openai-microsoft-strain</link>
  <pubDate>Thu, 07 Nov 2024 13:27:00 GMT</pubDate></item>
<item><title>Stargate: Microsoft only a technical partner (feed title)</title><link>{base}/old/stargate</link>
  <pubDate>Fri, 24 Jan 2025 08:00:00 GMT</pubDate></item>
<item><title>Draft</title><link>{base}/private/draft.html</link></item>
<item><title>Removed story</title><link>{base}/gone.html</link></item>
</channel></rss>"""
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire Digest</title><id>urn:wire</id>
<updated>2025-04-28T12:00:00Z</updated>
<entry><title>Altman and Nadella drift apart</title><id>urn:wire:1</id>
  <link rel="alternate" href="/flaky.html"/><published>2025-04-28T11:00:00Z</published>
  <updated>2025-04-28T11:00:00Z</updated></entry>
<entry><title>{html.escape(dynamics[0])}</title><id>urn:wire:2</id>
  <link href="{base}/news/2024/10/18/microsoft-openai-dynamics.html"/><updated>2024-10-18T10:00:00Z</updated></entry>
</feed>"""
    index = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>"""
    news = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/markets/stargate.html</loc><lastmod>2025-03-01</lastmod>
  <news:news><news:publication><news:name>Markets Desk</news:name><news:language>en</news:language></news:publication>
  <news:publication_date>2025-01-24T08:00:00Z</news:publication_date><news:title>Stargate: the sitemap's title</news:title>
  </news:news></url>
<url><loc>{base}/tech/openai-microsoft-strain</loc></url>
</urlset>"""
    return {
        "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/news/2024/10/18/microsoft-openai-dynamics.html": ("text/html; charset=utf-8", page1.encode("utf-8")),
        "/tech/openai-microsoft-strain": ("text/html", page2.encode("cp1252")),
        "/markets/stargate.html": ("text/html; charset=utf-8", page3.encode("utf-8")),
        "/private/draft.html": ("text/html", page3.encode("utf-8")),
        "/flaky.html": ("text/html; charset=utf-8", flaky.encode("utf-8")),
        "/busy.html": ("text/html; charset=utf-8", flaky.encode("utf-8")),
        "/feed.rss": ("application/rss+xml", rss.encode("utf-8")),
        "/feed.atom": ("application/atom+xml", atom.encode("utf-8")),
        "/sitemap.xml": ("application/xml", index.encode("utf-8")),
        "/sitemap-news.xml": ("text/xml", news.encode("utf-8")),
        "/report.pdf": ("application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
    }


# --------------------------------------------------------------------------- the server

class Site:
    """The server's state: what it serves, what it was asked (time, path, user agent, status)."""

    def __init__(self):
        self.base = ""
        self.files: dict[str, tuple[str, bytes]] = {}
        self.log: list[tuple[float, str, str, int]] = []
        self.hits: dict[str, int] = {}
        self.watch_items: list[str] = []
        self.lock = threading.Lock()

    def reset(self):
        with self.lock:
            self.log.clear()
            self.hits.clear()
            self.watch_items = []

    def paths(self) -> list[str]:
        return [path for _, path, _, _ in self.log]

    def watch_feed(self) -> bytes:
        items = "".join(f"<item><title>{p}</title><link>{self.base}{p}</link></item>" for p in self.watch_items)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Watch</title><link>{self.base}/</link>'
                f"<description>d</description>{items}</channel></rss>").encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        site = self.site
        path = self.path.split("?", 1)[0]
        with site.lock:
            site.hits[path] = site.hits.get(path, 0) + 1
            hit = site.hits[path]
            self.entry = [time.monotonic(), path, self.headers.get("User-Agent", ""), 0]
            site.log.append(self.entry)
        try:
            self._answer(site, path, hit)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send_response(self, code, message=None):
        self.entry[3] = code  # logged before the client can see it
        super().send_response(code, message)

    def _send(self, status: int, ctype: str = "text/plain", body: bytes = b"", headers: dict | None = None) -> int:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
        return status

    def _answer(self, site: Site, path: str, hit: int) -> int:
        if path == "/flaky.html" and hit <= 2:
            return self._send(500, body=b"oops")
        if path == "/busy.html" and hit == 1:
            return self._send(503, headers={"Retry-After": "1"})
        if path == "/busy-long.html":
            return self._send(503, headers={"Retry-After": "3600"})
        if path == "/old/stargate":
            return self._send(301, headers={"Location": "/markets/stargate.html"})
        if path == "/slow.html":
            time.sleep(2.5)
            return self._send(200, "text/html", b"<html><body><p>Too late.</p></body></html>")
        if path == "/huge.html":  # no Content-Length: the client has to count
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>")
            for _ in range(30):
                self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
            return 200
        if path == "/huge-declared.html":
            return self._send(200, "text/html", b"<p>" + b"y" * 300_000 + b"</p>")
        if path == "/watch.rss":
            body = site.watch_feed()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return 304
            return self._send(200, "application/rss+xml", body, {"ETag": etag})
        if path in site.files:
            ctype, body = site.files[path]
            return self._send(200, ctype, body)
        return self._send(404, body=b"not found")


@pytest.fixture(scope="module")
def server():
    site = Site()
    handler = type("SiteHandler", (Handler,), {"site": site})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    site.files = _site(site.base)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def site(server, monkeypatch):
    """The server, its log emptied; any connection to anywhere but 127.0.0.1 fails the test."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    real_connect = socket.socket.connect

    def local_only(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            assert address[0] == "127.0.0.1", f"a connection left 127.0.0.1: {address}"
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", local_only)
    server.reset()
    yield server
    assert all(ua == default_user_agent() for _, _, ua, _ in server.log), "every request names storyline"


def _fetch(site: Site, *urls: str, settings: Settings = FAST):
    return ingest.ingest([site.base + u if u.startswith("/") else u for u in urls], fetcher=Fetcher(settings))


# --------------------------------------------------------------------------- reading feeds and pages

def test_an_rss_feed_gives_its_articles_with_their_own_metadata(site):
    result = _fetch(site, "/feed.rss")
    docs = {d.path.removeprefix(site.base): d for d in result.documents}
    assert sorted(docs) == ["/news/2024/10/18/microsoft-openai-dynamics.html", "/old/stargate",
                            "/tech/openai-microsoft-strain"]
    dynamics = docs["/news/2024/10/18/microsoft-openai-dynamics.html"]
    assert dynamics.title == "The Evolving Dynamics of the Microsoft-OpenAI Partnership"
    assert dynamics.outlet == "The Tech Ledger"
    assert dynamics.url == site.base + "/news/microsoft-openai-dynamics"  # the canonical URL
    assert (dynamics.published, dynamics.published_from) == (date(2024, 10, 18), "metadata")
    assert "the best bromance in tech" in dynamics.text
    assert "Subscribe to our newsletter" not in dynamics.text and "Accept all" not in dynamics.text
    strain = docs["/tech/openai-microsoft-strain"]
    assert (strain.outlet, strain.published) == ("Daily Circuit", date(2024, 11, 7))
    assert "Microsoft\u2019s Satya Nadella" in strain.text  # Windows-1252 read by its <meta charset>


def test_the_feed_date_and_title_stand_in_for_a_page_without_them_and_redirects_give_the_final_url(site):
    doc = _fetch(site, "/feed.rss").documents
    stargate = next(d for d in doc if d.path.endswith("/old/stargate"))
    assert stargate.url == site.base + "/markets/stargate.html"  # after the redirect (no canonical link)
    assert (stargate.published, stargate.published_from) == (date(2025, 1, 24), "metadata")
    assert stargate.title == "Microsoft only a technical partner in Stargate"  # the page's own title wins
    assert stargate.outlet == "127.0.0.1"  # no site name: the host


def test_robots_txt_and_http_errors_become_rejections_with_reasons(site):
    result = _fetch(site, "/feed.rss", "/report.pdf", "/nope.html")
    reasons = {r.path.removeprefix(site.base): r.reason for r in result.rejected}
    assert "robots.txt disallows" in reasons["/private/draft.html"]
    assert reasons["/gone.html"] == "HTTP 404 Not Found"
    assert reasons["/nope.html"] == "HTTP 404 Not Found"
    assert "not an HTML page" in reasons["/report.pdf"] and "application/pdf" in reasons["/report.pdf"]
    assert "/private/draft.html" not in site.paths(), "a disallowed page is never requested"
    assert site.paths().count("/robots.txt") == 1, "robots.txt is read once per site"
    assert site.base + "/private/draft.html" in result.examined


def test_an_atom_feed_with_relative_links_and_a_page_that_fails_twice(site):
    result = _fetch(site, "/feed.atom")
    assert site.hits["/flaky.html"] == 3
    flaky = next(d for d in result.documents if d.path.endswith("/flaky.html"))
    assert (flaky.outlet, flaky.published, flaky.title) == ("Wire Digest", date(2025, 4, 28),
                                                            "Altman and Nadella drift apart")
    assert result.rejected == []


def test_a_sitemap_index_leads_to_the_news_sitemap_and_its_dates(site):
    result = _fetch(site, "/sitemap.xml")
    docs = {d.path.removeprefix(site.base): d for d in result.documents}
    assert sorted(docs) == ["/markets/stargate.html", "/tech/openai-microsoft-strain"]
    assert docs["/markets/stargate.html"].published == date(2025, 1, 24)  # news:publication_date, not lastmod


def test_past_the_link_cap_the_newest_entries_are_kept(site):
    links, rejected = Fetcher(Settings(fetch_delay=0.2, fetch_max_links=1)).links(site.base + "/sitemap.xml")
    assert [(link.url, link.title) for link in links] == [(site.base + "/markets/stargate.html",
                                                            "Stargate: the sitemap's title")]
    assert rejected == []


def test_a_page_url_is_read_as_one_article(site):
    (doc,) = _fetch(site, "/tech/openai-microsoft-strain").documents
    assert doc.path == doc.url == site.base + "/tech/openai-microsoft-strain"


def test_a_manifest_row_naming_a_page_by_its_address_applies_to_the_fetched_page(site, tmp_path):
    """The user's manifest outranks the page: a row names a page by its address; a row naming an
    address (or a file) the build did not read is reported, with the closest address it did."""
    page = site.base + "/tech/openai-microsoft-strain"
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,published,outlet,title,note\n"
                        f"{page},2024-11-06,Daily Circuit (print),Strain,day uncertain\n"
                        "elsewhere.html,2024-10-17,,,\n"
                        f"{page.replace('strain', 'strian')},2024-11-01,,,\n", encoding="utf-8")
    result = ingest.ingest([page], manifest=manifest, fetcher=Fetcher(FAST))
    (doc,) = result.documents
    assert (doc.published, doc.published_from, doc.outlet, doc.title, doc.published_precision) == (
        date(2024, 11, 6), "manifest", "Daily Circuit (print)", "Strain", "month")
    unused = sorted((r.line, r.reason) for r in result.rejected)
    assert [line for line, _ in unused] == [3, 4]
    assert f"did you mean {page!r}" in unused[1][1]


# --------------------------------------------------------------------------- politeness

def test_requests_to_one_host_are_spaced_by_the_delay_and_a_page_two_feeds_list_is_fetched_once(site):
    result = _fetch(site, "/feed.rss", "/feed.atom")
    assert len(result.documents) == 4
    assert site.hits["/news/2024/10/18/microsoft-openai-dynamics.html"] == 1
    times = [t for t, _, _, _ in site.log]
    assert len(times) >= 8
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= FAST.fetch_delay, gaps


def test_a_timeout_is_a_rejection_and_is_not_waited_out(site):
    started = time.monotonic()
    result = _fetch(site, "/slow.html")
    assert time.monotonic() - started < 2.4
    assert result.rejected[0].reason == "timed out after 1 s"
    assert site.hits["/slow.html"] == 1


@pytest.mark.parametrize("path", ["/huge.html", "/huge-declared.html"])
def test_a_response_over_the_byte_limit_is_refused(site, path):
    result = _fetch(site, path)
    assert result.documents == []
    assert "larger than 100000 bytes" in result.rejected[0].reason


def test_retry_after_is_honoured_within_a_cap(site):
    fetcher = Fetcher(FAST)
    assert fetcher.get(site.base + "/busy.html").status == 200
    first, second = [t for t, path, _, _ in site.log if path == "/busy.html"]
    assert second - first >= 1.0
    with pytest.raises(InputError, match="asks to wait 3600 s"):
        fetcher.get(site.base + "/busy-long.html")
    assert site.hits["/busy-long.html"] == 1


def test_a_feed_polled_again_is_asked_for_conditionally(site):
    site.watch_items = ["/markets/stargate.html"]
    fetcher = Fetcher(FAST)
    first, _ = fetcher.links(site.base + "/watch.rss", conditional=True)
    again, _ = fetcher.links(site.base + "/watch.rss", conditional=True)
    assert [link.url for link in again] == [link.url for link in first] == [site.base + "/markets/stargate.html"]
    assert [status for _, path, _, status in site.log if path == "/watch.rss"] == [200, 304]


def test_fetch_settings_are_checked():
    with pytest.raises(ConfigError, match="fetch_timeout"):
        Settings(fetch_timeout=0)
    with pytest.raises(ConfigError, match="fetch_max_bytes"):
        Settings(fetch_max_bytes=0)


# --------------------------------------------------------------------------- parsing by hand

def test_a_sitemap_with_a_doctype_is_refused():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol2;</loc></url></urlset>')
    with pytest.raises(InputError, match="DOCTYPE"):
        sitemap_links(bomb, "http://127.0.0.1/sitemap.xml")


def test_feed_links_are_made_absolute_and_keep_the_entry_date():
    body = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b'<entry><title>A</title><link href="/a.html"/><published>2024-05-01T10:00:00Z</published></entry>'
            b'<entry><title>No link</title></entry></feed>')
    (link,) = feed_links(body, "http://127.0.0.1:9/feeds/all.atom")
    assert (link.url, link.title, link.published) == ("http://127.0.0.1:9/a.html", "A", date(2024, 5, 1))


# --------------------------------------------------------------------------- whole builds

@pytest.mark.model
def test_build_from_feed_urls_gives_documents_and_rejections(site, tmp_path):
    from storyline import pipeline

    result = pipeline.build([site.base + "/feed.rss", site.base + "/feed.atom"], tmp_path / "out", settings=FAST)
    docs = {d.title: d for d in result.dossier.documents}
    assert len(docs) == 4
    dynamics = docs["The Evolving Dynamics of the Microsoft-OpenAI Partnership"]
    assert (dynamics.outlet, dynamics.url, dynamics.published) == (
        "The Tech Ledger", site.base + "/news/microsoft-openai-dynamics", date(2024, 10, 18))
    assert docs["Altman and Nadella drift apart"].published == date(2025, 4, 28)
    rejected = {r.path.removeprefix(site.base): r.reason for r in result.dossier.rejected}
    assert set(rejected) == {"/private/draft.html", "/gone.html"}
    assert not any(d.path.startswith("/") for d in result.dossier.documents), "a URL, never a local path"


@pytest.mark.model
def test_watch_once_adds_only_what_is_new(site, tmp_path):
    from storyline.cli import main

    out = tmp_path / "watched"
    feed = site.base + "/watch.rss"
    site.watch_items = ["/news/2024/10/18/microsoft-openai-dynamics.html"]
    first = CliRunner().invoke(main, ["watch", feed, "--out", str(out), "--once", *FAST_FLAGS])
    assert first.exit_code == 0, first.output
    assert "1 links, 1 new" in first.output and "1 documents (1 new" in first.output

    site.watch_items.insert(0, "/markets/stargate.html")
    second = CliRunner().invoke(main, ["watch", feed, "--out", str(out), "--once", *FAST_FLAGS])
    assert second.exit_code == 0, second.output
    assert "2 links, 1 new" in second.output and "2 documents (1 new" in second.output

    third = CliRunner().invoke(main, ["watch", feed, "--out", str(out), "--once", *FAST_FLAGS])
    assert "2 links, 0 new" in third.output
    assert site.hits["/news/2024/10/18/microsoft-openai-dynamics.html"] == 1, "a known article is not fetched again"
    assert site.hits["/markets/stargate.html"] == 1
    stored = json.loads((out / "dossier.json").read_text())
    assert sorted(d["url"] for d in stored["documents"]) == [site.base + "/markets/stargate.html",
                                                            site.base + "/news/microsoft-openai-dynamics"]


@pytest.mark.model
def test_storyline_build_and_add_take_page_urls_on_the_command_line(site, tmp_path):
    from storyline.cli import main

    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["build", site.base + "/tech/openai-microsoft-strain", "--out", str(out),
                                      "--quiet", *FAST_FLAGS])
    assert first.exit_code == 0, first.output
    added = CliRunner().invoke(main, ["add", str(out), site.base + "/markets/stargate.html", "--quiet"])
    assert added.exit_code == 0, added.output
    assert added.stdout.startswith("2 documents (1 new, 0 already built)"), added.stdout
    stored = json.loads((out / "dossier.json").read_text())
    assert sorted(d["url"] for d in stored["documents"]) == [site.base + "/markets/stargate.html",
                                                            site.base + "/tech/openai-microsoft-strain"]
    assert site.hits["/tech/openai-microsoft-strain"] == 1, "add fetches only what it is given"


def test_watch_refuses_a_local_path(tmp_path):
    from storyline import pipeline

    with pytest.raises(ConfigError, match="http"):
        pipeline.watch([str(tmp_path)], tmp_path / "out", once=True)


def test_a_gzip_body_is_read_whole_within_its_limit_and_a_cut_one_is_refused():
    """HTTP bodies go through the same inflate as .gz files: every member, a ceiling, cuts told."""
    import gzip

    from storyline.errors import InputError
    from storyline.ingest.fetch import _gunzip

    body = gzip.compress(b"<urlset>") + gzip.compress(b"</urlset>")
    assert _gunzip(body, 1000, "https://x.example/s.xml.gz", "too big") == b"<urlset></urlset>"
    with pytest.raises(InputError, match="truncated"):
        _gunzip(body[:-12], 1000, "https://x.example/s.xml.gz", "too big")
    with pytest.raises(InputError, match="too big once decompressed"):
        _gunzip(gzip.compress(b"a" * 5000), 1000, "https://x.example/s.xml.gz", "too big")
