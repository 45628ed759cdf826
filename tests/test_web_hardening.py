"""storyline.web under hostile or careless use: Host checks, HEAD and 405, no file-system paths,
reloading a rebuilt dossier, malformed dossiers, the non-loopback warning, the search cache and
idle connections. Servers bind to 127.0.0.1 only."""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import subprocess
import sys
import time
import warnings

import jsonschema
import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.errors import ConfigError
from storyline.paths import PACKAGE_DIR
from storyline.records import Document, to_jsonable
from storyline.web import app as web_app
from storyline.web import data as wd
from storyline.web.app import allowed_hosts, create_app, host_name, host_warning
from web_fixtures import make_dossier, write_dossier

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SCHEMA = json.loads((PACKAGE_DIR / "schema" / "dossier.schema.json").read_text())
LOCAL = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_dossier(tmp_path_factory.mktemp("hardening") / "northwind")


@pytest.fixture(scope="module")
def guarded(folder):
    """The app as ``storyline serve`` builds it (bound to 127.0.0.1, one reverse-proxy name)."""
    return create_app([folder], hosts=allowed_hosts("127.0.0.1", ["dossier.example.org"]))


def assert_error_shape(r, status: int) -> dict:
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


def replace_dossier(folder, dossier) -> None:
    """Rewrite ``folder/dossier.json`` as a build does (a new file renamed over the old one)."""
    tmp = folder / "dossier.json.tmp"
    tmp.write_text(json.dumps(to_jsonable(dossier)), encoding="utf-8")
    os.replace(tmp, folder / "dossier.json")


def with_extra_document(text: str):
    d = make_dossier()
    extra = Document(id="doc_extra", path="articles/extra.txt", text=text, title="Extra", outlet="Gazette")
    return dataclasses.replace(d, documents=(*d.documents, extra))


# ---------------------------------------------------------------- Host header (DNS rebinding)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8765", "localhost", "LOCALHOST:8765", "localhost.",
                                  "[::1]", "[::1]:8765", "dossier.example.org", "dossier.example.org:443"])
def test_the_bound_and_allowed_hosts_are_answered(guarded, host):
    r = TestClient(guarded, base_url=LOCAL).get("/timeline.json", headers={"host": host})
    assert r.status_code == 200 and r.json()["total"] == 7


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example",
                                  "localhost.evil.example", "[::2]:8765", "127.0.0.1:http", "127.0.0.1:8765:1", "example.org", "testserver",
                                  "", "local host"])
def test_a_foreign_host_gets_400_in_the_error_shape(guarded, host):
    client = TestClient(guarded, base_url=LOCAL)
    for path in ("/timeline.json", "/timeline", "/static/app.css", "/search.json?q=Atlas"):
        r = client.get(path, headers={"host": host})
        assert assert_error_shape(r, 400)["code"] == "bad_host"
        assert "Northwind" not in r.text
        assert r.headers["x-content-type-options"] == "nosniff"


def test_the_host_given_to_serve_is_answered_too(folder):
    app = create_app([folder], hosts=allowed_hosts("10.1.2.3"))
    client = TestClient(app, base_url=LOCAL)
    assert client.get("/timeline.json", headers={"host": "10.1.2.3:8765"}).status_code == 200
    assert client.get("/timeline.json", headers={"host": "localhost"}).status_code == 200
    assert client.get("/timeline.json", headers={"host": "10.1.2.4"}).status_code == 400


@pytest.mark.parametrize(("value", "name"), [
    ("localhost:8765", "localhost"), ("LocalHost", "localhost"), ("127.0.0.1", "127.0.0.1"),
    ("[::1]:8765", "[::1]"), ("::1", "[::1]"), ("[0:0:0:0:0:0:0:1]", "[::1]"), ("a.example.org.", "a.example.org"),
    ("a.example.org:", "a.example.org"),
    ("", None), ("a b", None), ("http://x", None), ("x:port", None), ("[::1", None), ("[nope]", None),
    ("x:1234567", None), ("evil.example/x", None),
])
def test_host_names_are_read_without_port_and_case(value, name):
    assert host_name(value) == name


def test_allowed_hosts_are_the_loopback_names_the_bound_host_and_the_extra_ones():
    assert allowed_hosts("127.0.0.1") == ["127.0.0.1", "localhost", "[::1]"]
    assert allowed_hosts("0.0.0.0", ["Proxy.Example.org:443"]) == ["127.0.0.1", "localhost", "[::1]", "0.0.0.0",
                                                                    "proxy.example.org"]
    with pytest.raises(ConfigError, match="not a host name"):
        allowed_hosts("127.0.0.1", ["https://proxy.example.org/"])


def test_serve_refuses_a_bad_allow_host_in_one_line(folder, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the server started"))
    result = CliRunner().invoke(main, ["serve", str(folder), "--allow-host", "not a name"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["storyline: error: not a host name: 'not a name' "
                                                  "(give a name such as dossier.example.org or an address)"]


# ---------------------------------------------------------------- HEAD and 405


def _get_paths(app) -> list[str]:
    """A concrete path for every GET route of the app (ids from the fixture)."""
    ids = {"{entity_id}": "ent_northwind", "{doc_id}": "doc_ledger"}
    paths = []
    for route in app.routes:
        if "GET" in (getattr(route, "methods", None) or ()):
            path = route.path
            for k, v in ids.items():
                path = path.replace(k, v)
            assert "{" not in path, f"a GET route with an unknown parameter: {route.path}"
            paths.append(path)
    return paths + ["/static/app.css", "/static/js/common.js"]


def test_head_answers_every_get_route_with_its_headers_and_no_body(guarded):
    client = TestClient(guarded, base_url=LOCAL)
    paths = _get_paths(guarded)
    assert len(paths) >= 20  # every page, every twin, /openapi.json, static files
    for path in paths:
        got = client.get(path, follow_redirects=False)
        head = client.head(path, follow_redirects=False)
        assert head.status_code == got.status_code, path
        assert head.content == b"", path
        for name in ("content-type", "content-length", "content-security-policy", "location"):
            assert head.headers.get(name) == got.headers.get(name), (path, name)


def test_head_of_a_missing_page_is_a_bodiless_404(guarded):
    r = TestClient(guarded, base_url=LOCAL).head("/nothing-here.json")
    assert r.status_code == 404 and r.content == b"" and int(r.headers["content-length"]) > 0


@pytest.mark.parametrize(("method", "path", "allow"), [
    ("POST", "/timeline.json", "GET, HEAD"),
    ("PUT", "/timeline", "GET, HEAD"),
    ("DELETE", "/entities/ent_northwind.json", "GET, HEAD"),
    ("DELETE", "/corrections.json", "GET, HEAD, POST"),
    ("PATCH", "/search.json", "GET, HEAD"),
    ("POST", "/static/app.css", "GET, HEAD"),
])
def test_405_says_what_the_path_takes_in_allow(guarded, method, path, allow):
    r = TestClient(guarded, base_url=LOCAL).request(method, path, headers={"accept": "application/json"})
    assert assert_error_shape(r, 405)["code"] == "method_not_allowed"
    assert r.headers["allow"] == allow


# ---------------------------------------------------------------- no file-system paths


def test_no_page_or_twin_shows_where_the_dossier_folder_is(tmp_path):
    folder = write_dossier(tmp_path / "story")
    client = TestClient(create_app([folder]))
    secrets = {str(tmp_path), str(tmp_path.resolve()), str(folder), str(folder.resolve())}
    paths = ["/dossiers.json", "/timeline", "/timeline.json", "/entities", "/entities.json",
             "/entities/ent_northwind", "/entities/ent_northwind.json", "/amounts", "/amounts.json", "/quotes",
             "/quotes.json", "/findings", "/findings.json", "/coverage", "/coverage.json", "/documents",
             "/documents.json", "/documents/doc_ledger", "/documents/doc_ledger.json", "/search?q=Atlas",
             "/search.json?q=Atlas", "/corrections.json", "/openapi.json", "/no-such-page", "/documents/doc_nope.json",
             "/timeline.json?d=nope"]
    for path in paths:
        r = client.get(path)
        assert r.status_code in (200, 404), path
        for secret in secrets:
            assert secret not in r.text, (path, secret)
    r = client.post("/corrections.json", json={"op": "rename", "target": "Atlas", "value": "Atlas Group"})
    assert r.status_code == 400 and not any(s in r.text for s in secrets)
    assert "path" not in client.get("/dossiers.json").json()["dossiers"][0]


def test_correction_messages_name_the_dossier_not_its_folder(tmp_path):
    folder = write_dossier(tmp_path / "story")
    d = wd.load_dossier(folder, "story")
    for shown in (folder, folder.resolve()):
        assert wd.Library._no_paths(d, f"{shown} has no correction to undo") == "story has no correction to undo"
    assert wd.Library._no_paths(d, "a story about stories") == "a story about stories"  # never a bare word


# ---------------------------------------------------------------- reload of a rebuilt dossier


def test_a_rebuilt_dossier_is_served_on_the_next_request(tmp_path):
    folder = write_dossier(tmp_path / "story")
    client = TestClient(create_app([folder], reload_interval=0))
    assert client.get("/documents.json").json()["count"] == 5
    assert client.get("/search.json?q=zebra").json()["count"] == 0
    replace_dossier(folder, with_extra_document("A zebra walked into the Northwind factory on Monday."))
    assert client.get("/documents.json").json()["count"] == 6
    hits = client.get("/search.json?q=zebra").json()["results"]
    assert [h["doc"] for h in hits] == ["doc_extra"]  # the cached empty answer went with the old data
    assert any(d["id"] == "doc_extra" for d in client.get("/documents.json").json()["documents"])


def test_the_dossier_file_is_looked_at_no_more_often_than_the_interval(tmp_path):
    folder = write_dossier(tmp_path / "story")
    client = TestClient(create_app([folder], reload_interval=3600))
    assert client.get("/documents.json").json()["count"] == 5
    replace_dossier(folder, with_extra_document("A zebra walked in."))
    assert client.get("/documents.json").json()["count"] == 5  # not an hour yet


def test_a_broken_rebuild_keeps_the_last_good_dossier_and_says_why(tmp_path, capsys):
    folder = write_dossier(tmp_path / "story")
    client = TestClient(create_app([folder], reload_interval=0))
    assert client.get("/documents.json").json()["count"] == 5
    (folder / "dossier.json").write_text('{"documents": "oops"}', encoding="utf-8")
    assert client.get("/documents.json").json()["count"] == 5
    assert client.get("/documents.json").json()["count"] == 5
    err = capsys.readouterr().err
    assert err.count("storyline: warning: still serving the last good story") == 1  # once per change
    assert "is not a storyline dossier" in err
    replace_dossier(folder, with_extra_document("Fixed."))
    assert client.get("/documents.json").json()["count"] == 6


# ---------------------------------------------------------------- malformed dossier.json


def _valid() -> dict:
    return json.loads(json.dumps(to_jsonable(make_dossier())))


def _bad_cases() -> list[tuple[str, object, str]]:
    no_events = _valid()
    del no_events["events"]
    events_text = _valid()
    events_text["events"] = "none"
    bad_offset = _valid()
    bad_offset["events"][0]["evidence"][0]["start"] = "12"
    bad_doc = _valid()
    bad_doc["documents"][1]["id"] = 7
    bad_date = _valid()
    bad_date["events"][0]["date"]["start"] = "last Tuesday"
    return [
        ("a list", [], "the top level is array, not object"),
        ("missing keys", {"documents": []}, "the top level has no 'entities'"),
        ("events not a list", events_text, "events is string, not array"),
        ("no events", no_events, "the top level has no 'events'"),
        ("offset a string", bad_offset, "events[0].evidence[0].start is string, not integer"),
        ("id a number", bad_doc, "documents[1].id is integer, not string"),
        ("date not a date", bad_date, "events[0].date.start is 'last Tuesday', not of the form"),
    ]


BAD = _bad_cases()


@pytest.mark.parametrize(("case", "raw", "reason"), BAD, ids=[c[0] for c in BAD])
def test_serve_refuses_a_malformed_dossier_in_one_line_before_starting(tmp_path, monkeypatch, case, raw, reason):
    import uvicorn

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.append(1))
    (tmp_path / "dossier.json").write_text(json.dumps(raw), encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 1 and not started
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"storyline: error: {tmp_path / 'dossier.json'} is not a storyline dossier: {reason}")
    assert "Traceback" not in result.output + result.stderr


def test_serve_refuses_a_file_that_is_not_json_in_one_line(tmp_path):
    (tmp_path / "dossier.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"storyline: error: {tmp_path / 'dossier.json'} is not a storyline dossier: not JSON "
        "(Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"]


@pytest.mark.parametrize(("case", "raw", "reason"), BAD, ids=[c[0] for c in BAD])
def test_the_shape_check_agrees_with_jsonschema(case, raw, reason):
    assert wd.dossier_problem(raw) is not None
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(raw, SCHEMA)


def test_a_real_dossier_passes_both_checks():
    raw = _valid()
    jsonschema.validate(raw, SCHEMA)
    assert wd.dossier_problem(raw) is None


# ---------------------------------------------------------------- serve: warning, limits


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "storyline.example.org"])
def test_a_non_loopback_host_gets_one_clear_warning(host):
    text = host_warning(host, 8765)
    assert text.startswith(f"storyline: warning: serving on {host}:8765, which is not a loopback address.")
    assert "\n" not in text  # one paragraph
    for words in ("Anyone who can reach this machine on the network", "read every dossier", "make corrections",
                  "no login", "127.0.0.1", "--allow-host"):
        assert words in text


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_a_loopback_host_gets_no_warning(host):
    assert host_warning(host) is None


def test_serve_warns_and_runs_uvicorn_with_the_hosts_and_limits(folder, monkeypatch, capsys):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    web_app.serve([folder], host="0.0.0.0", port=9999, allow_hosts=["dossier.example.org"])
    out, err = capsys.readouterr()
    assert err.strip() == host_warning("0.0.0.0", 9999)
    assert "serving northwind at http://0.0.0.0:9999/" in out
    (app, kw), = calls
    assert kw["host"] == "0.0.0.0" and kw["port"] == 9999
    assert kw["timeout_keep_alive"] == web_app.IDLE_TIMEOUT
    assert kw["h11_max_incomplete_event_size"] == web_app.MAX_HEAD_BYTES
    assert kw["http"].__name__ == "IdleTimeoutH11Protocol"
    client = TestClient(app, base_url=LOCAL)
    assert client.get("/dossiers.json", headers={"host": "dossier.example.org"}).status_code == 200
    assert client.get("/dossiers.json", headers={"host": "evil.example"}).status_code == 400
    capsys.readouterr()
    web_app.serve([folder], host="127.0.0.1", port=9999)
    assert capsys.readouterr().err == ""


def test_serve_help_says_what_it_guards():
    text = CliRunner().invoke(main, ["serve", "--help"]).output
    for words in ("--allow-host", "400", f"{web_app.IDLE_TIMEOUT} s", f"{web_app.MAX_HEAD_BYTES // 1024} KB",
                  "rebuilt"):
        assert words in text


# ---------------------------------------------------------------- search cache


@pytest.mark.parametrize("query", ["Atlas", "Northwind factory", "Maria Chen said", "zebra", "", "the"])
def test_cached_search_answers_exactly_as_the_uncached_path(folder, query):
    d = wd.load_dossier(folder)
    first = d.search(query, limit=5)
    again = d.search(query, limit=5)
    assert again is first  # from the cache
    assert first == d.search_uncached(query, limit=5)
    assert d.search(query, limit=50) == wd.load_dossier(folder).search_uncached(query, limit=50)


def test_the_search_cache_holds_a_bounded_number_of_results(folder, monkeypatch):
    monkeypatch.setattr(wd, "SEARCH_CACHE_RESULTS", 3)
    d = wd.load_dossier(folder)
    for q in ("Atlas", "Northwind", "Chen", "factory", "million", "Ohio"):
        d.search(q)
        assert d._search_held <= 3 or len(d._search_cache) == 1
    assert list(d._search_cache)[-1] == ("Ohio", 50)


def test_a_bad_limit_is_refused_cached_or_not(folder):
    d = wd.load_dossier(folder)
    for limit in (0, wd.SEARCH_LIMIT_MAX + 1):
        with pytest.raises(wd.BadRequest):
            d.search("Atlas", limit=limit)
        with pytest.raises(wd.BadRequest):
            d.search_uncached("Atlas", limit=limit)


# ---------------------------------------------------------------- the real server


def test_the_real_server_refuses_foreign_hosts_and_closes_idle_connections(folder):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", str(folder), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                probe = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline, "storyline serve did not start"
                time.sleep(0.2)

        def ask(host: str) -> bytes:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as c:
                c.sendall(f"GET /dossiers.json HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
                return b"".join(iter(lambda: c.recv(65536), b""))

        assert ask(f"127.0.0.1:{port}").startswith(b"HTTP/1.1 200")
        refused = ask("evil.example")
        assert refused.startswith(b"HTTP/1.1 400") and b'"bad_host"' in refused
        assert b"server: uvicorn" not in ask("localhost").lower()
        # a connection that never sends a byte is closed by the server (after IDLE_TIMEOUT; the
        # socket's own timeout only guards the test from hanging)
        probe.settimeout(web_app.IDLE_TIMEOUT + 55)
        assert probe.recv(1) == b""
        probe.close()
        # a request body trickled a byte at a time never holds the connection past BODY_TIMEOUT:
        # every byte comes well inside IDLE_TIMEOUT, so only the body's own deadline can end it
        with socket.create_connection(("127.0.0.1", port), timeout=30) as c:
            c.sendall(f"POST /corrections.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: "
                      f"application/json\r\nContent-Length: 100000\r\n\r\n".encode())
            started, answer = time.monotonic(), b""
            try:
                while time.monotonic() - started < web_app.BODY_TIMEOUT + 30:
                    c.sendall(b" ")
                    time.sleep(1)
            except OSError:  # the server closed the connection: the write fails
                pass
            c.settimeout(5)
            try:
                answer = b"".join(iter(lambda: c.recv(65536), b""))
            except OSError:
                pass
            waited = time.monotonic() - started
        assert waited < web_app.BODY_TIMEOUT + 10, waited
        assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:80]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
