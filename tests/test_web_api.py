"""storyline.web.app over HTTP (TestClient): JSON twins, the error shape, escaping, traversal, speed."""

from __future__ import annotations

import re
import time
import warnings

import pytest

from storyline.records import to_jsonable
from storyline.web import data as wd
from storyline.web.app import create_app
from web_fixtures import IMG, SCRIPT, synthetic_dossier, write_dossier

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PAGES = ["/timeline", "/entities", "/amounts", "/quotes", "/findings", "/documents", "/documents/doc_hostile",
         "/documents/doc_ledger", "/search?q=script+alert", "/search?q=Northwind", "/timeline?event=ev_hostile",
         "/entities/ent_hostile", "/entities/ent_northwind", "/entities/ent_atlas"]
TWINS = {
    "/timeline.json": {"events", "facets", "entities", "documents", "count", "total", "filters"},
    "/entities.json": {"nodes", "edges"},
    "/amounts.json": {"amounts", "sort", "order", "conflicts"},
    "/quotes.json": {"speakers", "count"},
    "/findings.json": {"findings", "counts"},
    "/documents.json": {"documents", "count", "rejected"},
    "/documents/doc_ledger.json": {"document", "segments", "removed", "events"},
    "/search.json?q=contract": {"results", "q", "backend"},
    "/dossiers.json": {"dossiers", "default"},
    "/entities/ent_northwind.json": {"entity", "documents", "events", "money_in", "money_out", "quotes_by",
                                     "quotes_about", "relations", "corrections", "can_correct"},
    "/corrections.json": {"corrections", "problems"},
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    base = tmp_path_factory.mktemp("webapi")
    return write_dossier(base / "northwind"), write_dossier(base / "second")


@pytest.fixture(scope="module")
def client(folders):
    return TestClient(create_app(list(folders)))


def assert_error_shape(r, status: int):
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(("path", "keys"), sorted(TWINS.items()))
def test_every_json_twin_answers_with_its_keys(client, path, keys):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert keys <= set(r.json())


@pytest.mark.parametrize(("page", "twin"), [
    ("/timeline", "/timeline.json"), ("/entities", "/entities.json"), ("/amounts", "/amounts.json"),
    ("/quotes", "/quotes.json"), ("/findings", "/findings.json"), ("/documents", "/documents.json"),
    ("/documents/doc_wire", "/documents/doc_wire.json"), ("/search", "/search.json"),
])
def test_every_page_has_a_twin_in_the_openapi_description(client, page, twin):
    spec = client.get("/openapi.json").json()
    assert page.replace("doc_wire", "{doc_id}") in spec["paths"]
    assert twin.replace("doc_wire", "{doc_id}") in spec["paths"]
    assert client.get(page).status_code == 200


def test_twin_returns_exactly_the_data_module_view(client, folders):
    want = wd.load_dossier(folders[0]).timeline(entity="ent_chen")
    assert client.get("/timeline.json?entity=ent_chen").json() == want


def test_second_dossier_is_served_by_slug(client):
    body = client.get("/dossiers.json").json()
    assert [d["slug"] for d in body["dossiers"]] == ["northwind", "second"]
    assert client.get("/timeline.json?d=second").json()["dossier"] == "second"
    page = client.get("/amounts?d=second").text
    assert 'href="/timeline?d=second"' in page  # links keep the dossier


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/documents/doc_missing.json", 404, "not_found"),
    ("/timeline.json?d=nope", 404, "not_found"),
    ("/amounts.json?sort=bogus", 400, "bad_request"),
    ("/amounts.json?order=sideways", 400, "bad_request"),
    ("/search.json?q=x&limit=0", 400, "bad_request"),
    ("/search.json?q=x&limit=abc", 400, "bad_request"),
    ("/no-such-thing.json", 404, "not_found"),
])
def test_errors_share_one_json_shape(client, path, status, code):
    assert assert_error_shape(client.get(path), status)["code"] == code


def test_html_pages_show_errors_as_pages_and_json_clients_get_json(client):
    r = client.get("/documents/doc_missing", headers={"accept": "text/html"})
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "no document" in r.text
    assert_error_shape(client.get("/documents/doc_missing", headers={"accept": "application/json"}), 404)


@pytest.mark.parametrize("path", [
    "/documents/..%2Fdossier.json",
    "/documents/..%2F..%2F..%2Fetc%2Fpasswd",
    "/documents/%2e%2e.json",
    "/documents/.dossier.json",
    "/documents/doc_ledger%00.json",
    "/static/..%2Fdata.py",
    "/static/%2e%2e/app.py",
    "/static/../../dossier.json",
])
def test_path_traversal_is_refused(client, path):
    r = client.get(path, headers={"accept": "application/json"})
    assert r.status_code in (400, 404)
    assert_error_shape(r, r.status_code)
    for leaked in ('"events":', "root:x:", "import duckdb", "def create_app"):
        assert leaked not in r.text


@pytest.mark.parametrize("path", PAGES)
def test_article_markup_is_escaped_in_every_page(client, path):
    html = client.get(path).text
    for payload in (SCRIPT, IMG, "<script>alert", "<img src=x"):
        assert payload not in html
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S)
    assert all(not body.strip() for body in scripts)  # only external scripts, no inline code at all


def test_hostile_text_appears_escaped_where_it_is_shown(client):
    html = client.get("/documents/doc_hostile").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_pages_forbid_scripts_from_anywhere_but_this_server(client):
    csp = client.get("/timeline").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert client.get("/timeline").headers["x-content-type-options"] == "nosniff"


def test_pages_reference_no_external_resources(client):
    for path in PAGES:
        html = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', html.replace('href="https://example.org/', "")), path


def test_root_redirects_to_the_timeline(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"] == "/timeline"


def test_vendored_libraries_are_served(client):
    for path in ("/static/vendor/vis-timeline/vis-timeline-graph2d.min.js", "/static/vendor/vis-network/vis-network.min.js"):
        r = client.get(path)
        assert r.status_code == 200 and len(r.content) > 100_000


def test_timeline_json_serves_10000_events_as_the_library_shapes_them(tmp_path):
    """All 10,000 events, byte for byte the library's view. How fast: bench/bench_web.py prints the
    server time beside the standard json module's, measured in one run (no timed test here: the
    machines are shared and noisy)."""
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "dossier.json").write_text(__import__("json").dumps(to_jsonable(synthetic_dossier(10_000))))
    app = create_app([folder])
    body = wd.dumps(app.state.library.get(None).timeline())
    r = TestClient(app).get("/timeline.json")
    assert r.status_code == 200 and r.content == body and r.json()["count"] == 10_000


def test_unexpected_failures_keep_the_error_shape(folders, monkeypatch):
    app = create_app([folders[0]])
    monkeypatch.setattr(app.state.library.get(None), "quotes", lambda: 1 / 0)
    r = TestClient(app, raise_server_exceptions=False).get("/quotes.json")
    assert assert_error_shape(r, 500)["code"] == "internal_error"
    assert "Traceback" not in r.text


def test_storyline_serve_command_serves_on_localhost(folders):
    import socket
    import subprocess
    import sys

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", str(folders[0]), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/timeline.json", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline, "storyline serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["total"] == 7
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_highlighted_evidence_links_to_its_event(client):
    html = client.get("/documents/doc_wire").text
    assert 'href="/timeline?event=ev_funding"' in html and 'href="/timeline?event=ev_haddad"' in html
    pieces = client.get("/documents/doc_wire.json").json()["segments"]
    assert {e for p in pieces for e in p["events"]} == {"ev_funding", "ev_haddad"}


@pytest.mark.parametrize(("path", "model"), [
    ("/timeline.json", "TimelineOut"), ("/entities.json", "EntitiesOut"), ("/amounts.json", "AmountsOut"),
    ("/quotes.json", "QuotesOut"), ("/findings.json", "FindingsOut"), ("/documents.json", "DocumentsOut"),
    ("/documents/doc_ledger.json", "DocumentOut"), ("/search.json?q=atlas", "SearchOut"),
])
def test_twins_match_the_shapes_the_openapi_description_gives(client, path, model):
    from storyline.web import app as web_app

    spec = client.get("/openapi.json").json()
    route = path.split("?")[0].replace("doc_ledger", "{doc_id}")
    ok = spec["paths"][route]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith(f"/{model}")
    assert spec["paths"][route]["get"]["responses"]["404"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorBody")
    getattr(web_app, model).model_validate(client.get(path).json())  # raises if a documented field is missing


def test_timeline_events_carry_the_verbatim_summary_and_a_reading_label(client):
    from storyline.records import excerpt

    events = client.get("/timeline.json").json()["events"]
    assert events and all(e["label"] == excerpt(e["summary"]) for e in events)
