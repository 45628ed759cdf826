"""End to end on the demo corpus: contract, provenance, idempotence, resumability."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from storyline import pipeline
from storyline.export import load
from storyline.paths import PACKAGE_DIR
from storyline.records import to_jsonable
from storyline.store import Store

pytestmark = pytest.mark.model
SCHEMA = json.loads((PACKAGE_DIR / "schema" / "dossier.schema.json").read_text())


def test_dossier_json_matches_the_schema(demo_build):
    out, _ = demo_build
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)


def test_every_offset_slices_to_its_text(demo_build):
    _, result = demo_build
    d = result.dossier
    texts = {doc.id: doc.text for doc in d.documents}
    checked = 0
    for item in [*d.amounts, *d.quotes]:
        assert texts[item.doc][item.start:item.end] == item.text
        checked += 1
    for record in [*d.events, *d.findings, *d.relations]:
        for ev in record.evidence:
            assert texts[ev.doc][ev.start:ev.end] == ev.text
            checked += 1
    assert checked > 20


def test_demo_dossier_has_the_story(demo_build):
    _, result = demo_build
    d = result.dossier
    assert len(d.documents) == 5
    names = {e.name for e in d.entities}
    assert {"Microsoft", "OpenAI", "Sam Altman", "Satya Nadella"} <= names
    assert len(d.events) >= 10
    years = {(e.date.start or e.date.end or "")[:4] for e in d.events}
    assert {"2019", "2023"} <= years
    money = [a for a in d.amounts if a.kind == "money"]
    assert any(a.qualifier == "at_least" and a.low == 650e6 for a in money)
    assert any(a.per == "year" for a in money)
    assert d.quotes and d.findings
    # the README's example of figures that differ: $13 billion (November) and over $14 billion
    # (January) are a running total that grew, not a conflict, and the total is the later figure
    texts = {a.id: a.text for a in d.amounts}
    assert not any(f.kind == "conflict" and {texts[i] for i in f.amounts} == {"$13 billion", "over $14 billion"}
                   for f in d.findings)
    (rel,) = [r for r in d.meta["ledger"]["relationships"] if (r["payer_name"], r["payee_name"]) == ("Microsoft", "OpenAI")]
    (usd,) = rel["totals"]
    assert usd["basis"] == "running_total" and 13e9 <= usd["low"] <= 14e9
    assert [h["text"] for h in usd["history"]][-2:] == ["$13 billion", "over $14 billion"]


def test_publication_dates_record_their_source(demo_build):
    _, result = demo_build
    by_name = {Path(doc.path).name: doc for doc in result.dossier.documents}
    assert by_name["003_0385e73df364dae1.txt"].published_from == "text"
    assert by_name["003_0385e73df364dae1.txt"].published.isoformat() == "2024-11-07"
    assert by_name["001_8a876f953870dfb1.txt"].published_from == "manifest"


def test_rebuilding_changes_nothing(demo_build, demo_dir):
    """The first build reconciles from the spaCy Docs it keeps in memory, the rebuild from the stored ones."""
    out, first = demo_build
    before = (out / "dossier.json").read_text()
    again = pipeline.build([demo_dir], out, manifest=demo_dir / "manifest.csv")
    assert again.new == 0 and again.skipped == 5
    assert (out / "dossier.json").read_text() == before
    with Store(out, read_only=True) as store:
        assert store.counts()["documents"] == 5


def test_add_processes_only_new_articles(tmp_path, demo_copy):
    out = tmp_path / "out"
    files = sorted(demo_copy.glob("*.txt"))
    first = pipeline.build(files[:3], out, manifest=demo_copy / "manifest.csv")
    assert first.new == 3
    second = pipeline.add(out, files, manifest=demo_copy / "manifest.csv")
    assert second.new == 2 and second.skipped == 3
    assert len(second.dossier.documents) == 5


def test_an_add_hashes_only_the_texts_it_has_no_near_copy_signature_of(tmp_path, demo_copy, monkeypatch):
    """Each document's MinHash signature is kept in the store under the key of what it was made
    from; an add hashes the new articles only, a signature under another key is made again, and the
    copies found are those of hashing everything afresh."""
    from storyline.ingest import clean

    out = tmp_path / "out"
    files = sorted(demo_copy.glob("*.txt"))
    pipeline.build(files[:3], out, manifest=demo_copy / "manifest.csv")
    with Store(out, read_only=True) as store:
        documents = {d.id: d for d in store.documents()}
        stored = store.signatures()
    assert {d: key for d, (key, _) in stored.items()} == {d: clean.signature_key(x.text) for d, x in documents.items()}
    hashed = []
    made = clean.minhash_signature
    monkeypatch.setattr(clean, "minhash_signature", lambda text, *a: hashed.append(text) or made(text, *a))
    second = pipeline.add(out, files, manifest=demo_copy / "manifest.csv")
    new = {d.id for d in second.dossier.documents} - set(documents)
    assert len(new) == 2 and sorted(hashed) == sorted(d.text for d in second.dossier.documents if d.id in new)
    with Store(out) as store:
        stale = sorted(store.signatures())[0]
        store.put_signatures({stale: ("made by another version", b"")})
    hashed.clear()
    again = pipeline.rebuild(out)
    assert hashed == [next(d.text for d in again.documents if d.id == stale)]
    assert {d.id: d.duplicate_of for d in again.documents if d.duplicate_of} == clean.near_duplicates(
        [replace(d, duplicate_of=None) for d in again.documents])


@pytest.mark.parametrize("batch_size, killed_at", [(1, "inside"), (2, "between")])
def test_a_build_killed_midway_is_completed_by_the_next_run(tmp_path, demo_copy, monkeypatch, batch_size,
                                                            killed_at):
    """Kill the build inside a store transaction (between two of its statements) or between two
    transactions; the next run completes it, with nothing duplicated or lost."""
    from storyline import store as store_mod
    from storyline.settings import Settings

    out = tmp_path / "out"
    real_put, real_insert = Store.put_annotated, store_mod.insert_columns
    calls = {"put": 0, "insert": 0}

    def put(self, rows):
        calls["put"] += 1
        calls["insert"] = 0
        if killed_at == "between" and calls["put"] == 2:
            raise KeyboardInterrupt("killed between transactions")
        return real_put(self, rows)

    def insert(con, table, columns, types):
        calls["insert"] += 1
        if killed_at == "inside" and calls["put"] == 3 and calls["insert"] == 2:
            raise KeyboardInterrupt("killed inside a transaction")
        return real_insert(con, table, columns, types)

    monkeypatch.setattr(Store, "put_annotated", put)
    monkeypatch.setattr(store_mod, "insert_columns", insert)
    monkeypatch.setattr(pipeline, "STORE_EVERY_DOCS", batch_size)  # one write a spaCy batch
    with pytest.raises(KeyboardInterrupt):
        pipeline.build([demo_copy], out, manifest=demo_copy / "manifest.csv", settings=Settings(batch_size=batch_size))
    monkeypatch.undo()
    with Store(out, read_only=True) as store:
        assert store.counts()["documents"] == 2
        assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    result = pipeline.build([demo_copy], out, manifest=demo_copy / "manifest.csv")
    assert result.new == 3 and len(result.dossier.documents) == 5
    with Store(out, read_only=True) as store:
        assert store.counts()["documents"] == 5
        assert store.con.execute("SELECT count(*) FROM sentences").fetchone()[0] == store.con.execute(
            "SELECT count(DISTINCT (doc, idx)) FROM sentences").fetchone()[0]


def test_bad_inputs_are_recorded_and_the_build_goes_on(tmp_path, demo_copy):
    (demo_copy / "empty.txt").write_text("")
    (demo_copy / "binary.txt").write_bytes(b"\x00\xff" * 100)
    (demo_copy / "feed.jsonl").write_text('{"text": "A short wire story about a merger of two banks."}\n{oops\n')
    out = tmp_path / "out"
    result = pipeline.build([demo_copy], out, manifest=demo_copy / "manifest.csv")
    assert len(result.dossier.documents) == 6
    reasons = {Path(r.path).name: (r.line, r.reason) for r in result.dossier.rejected}
    assert reasons["empty.txt"][1] == "empty file"
    assert "binary" in reasons["binary.txt"][1]
    assert reasons["feed.jsonl"][0] == 2
    data = json.loads((out / "dossier.json").read_text())
    assert len(data["rejected"]) == 3


def test_store_and_json_read_back_the_same_dossier(demo_build):
    out, result = demo_build
    assert to_jsonable(load(out)) == json.loads((out / "dossier.json").read_text())


def test_python_api_returns_a_dossier(demo_dir):
    import storyline

    files = sorted(demo_dir.glob("*.txt"))[:2]
    result = storyline.build(files)
    assert len(result.dossier.documents) == 2 and result.out is None


def test_outlet_names_differing_in_case_or_spacing_are_one_source():
    from storyline.records import Document

    docs = [Document(id=f"doc_{i}", path=f"{i}.txt", text="x", outlet=o)
            for i, o in enumerate(["Reuters", "reuters ", "Reuters", "The  Verge", "the verge", None, "  "])]
    got = [d.outlet for d in pipeline.same_outlet_spelling(docs)]
    assert got == ["Reuters", "Reuters", "Reuters", "The Verge", "The Verge", None, "  "]


@pytest.mark.model
def test_every_event_links_every_entity_its_sentences_name(demo_build):
    """The timeline's entity filter and the entity pages follow events[].entities: an event names
    everyone its evidence sentences name, and every entity mention slices to its document's text."""
    _, result = demo_build
    d = result.dossier
    text = {doc.id: doc.text for doc in d.documents}
    said_at = [(ev, e.id) for e in d.entities for ev in e.evidence]
    assert said_at and all(text[ev.doc][ev.start:ev.end] == ev.text for ev, _ in said_at)
    for event in d.events:
        named = {eid for ev, eid in said_at for s in event.evidence
                 if ev.doc == s.doc and s.start <= ev.start and ev.end <= s.end}
        assert named <= set(event.entities), event.summary
    suleyman = next(e for e in d.entities if e.name.endswith("Suleyman"))
    assert sum(suleyman.id in e.entities for e in d.events) >= 3


@pytest.mark.parametrize("kill_at_put", [1, 3])
def test_a_build_killed_with_sigkill_is_completed_by_the_next_run(tmp_path, demo_copy, kill_at_put):
    """A real SIGKILL in another process: no close, no checkpoint, the write-ahead log as the kill
    left it (a fresh store killed before its first checkpoint could not be opened again while
    the schema held an ALTER ... DEFAULT). The next run opens the store, completes the build, and
    gives the dossier a clean build gives."""
    import subprocess
    import sys

    out, clean_out = tmp_path / "out", tmp_path / "clean"
    script = f"""
import os, signal
from pathlib import Path
from storyline import pipeline
from storyline.settings import Settings
from storyline.store import Store
real, calls = Store.put_annotated, [0]
def put(self, rows):
    calls[0] += 1
    if calls[0] == {kill_at_put}:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(self, rows)
Store.put_annotated = put
pipeline.STORE_EVERY_DOCS = 1  # one write a document
pipeline.build([Path({str(demo_copy)!r})], Path({str(out)!r}), manifest=Path({str(demo_copy / 'manifest.csv')!r}),
               settings=Settings(batch_size=1, workers=1))
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == -9, proc.stderr[-2000:]
    result = pipeline.build([demo_copy], out, manifest=demo_copy / "manifest.csv")
    assert not any("write-ahead log" in r.reason for r in result.dossier.rejected)  # opened as it was left
    assert result.new == 5 - (kill_at_put - 1) and len(result.dossier.documents) == 5
    pipeline.build([demo_copy], clean_out, manifest=demo_copy / "manifest.csv")
    a, b = (json.loads((d / "dossier.json").read_text(encoding="utf-8")) for d in (out, clean_out))
    assert [e["id"] for e in a["events"]] == [e["id"] for e in b["events"]]
    assert a["documents"] == b["documents"] and a["findings"] == b["findings"]


def test_a_store_whose_log_cannot_be_replayed_is_opened_without_it(tmp_path):
    """A store left by the earlier schema (an ALTER ... ADD COLUMN on a table with a DEFAULT
    current_timestamp column in a fresh store's log, then a kill: DuckDB 1.5 cannot replay it)
    opens with the log set aside and a warning; what the log held is built again."""
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    script = (f"import duckdb, os; con = duckdb.connect({str(out / 'storyline.duckdb')!r}); "
              "con.execute('CREATE TABLE documents (id VARCHAR PRIMARY KEY, added_at TIMESTAMP DEFAULT current_timestamp)'); "
              "con.execute('ALTER TABLE documents ADD COLUMN IF NOT EXISTS published_precision VARCHAR'); "
              "os._exit(0)")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    with Store(out) as store:
        assert store.recovered and "set aside" in store.recovered
        store.set_meta("title", "usable")
    assert (out / "storyline.duckdb.wal.broken").exists()
    with Store(out) as store:
        assert store.get_meta("title") == "usable" and store.recovered is None


def test_bulk_inserts_keep_every_row_and_value(tmp_path, monkeypatch):
    # rows travel through a temporary JSON-lines file: every value comes back as it was (quotes,
    # backslashes, non-ASCII, empty and missing strings, dates, a value past DuckDB's 16 MB default
    # object size, bytes), OR REPLACE replaces the columns given, and the temporary file, written
    # beside the database (or in the temporary folder for one in memory), is not left behind
    import datetime
    import tempfile

    import duckdb

    from storyline import store as store_mod

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    con.execute("CREATE TABLE t (i INTEGER PRIMARY KEY, s VARCHAR, n INTEGER, d DATE)")
    texts = [None if i % 7 == 0 else "" if i % 11 == 0 else "é\"\\\n😀" * (i % 13) for i in range(500)]
    texts[3] = "x" * 20_000_000
    days = [datetime.date(2011, 1, 1) + datetime.timedelta(days=i) if i % 5 else None for i in range(500)]
    store_mod.insert_columns(con, "t", [range(500), texts, [i * 2 for i in range(500)], days],
                             ["INTEGER", "VARCHAR", "INTEGER", "DATE"])
    assert con.execute("SELECT i, s, n, d FROM t ORDER BY i").fetchall() == [
        (i, texts[i], 2 * i, days[i]) for i in range(500)]
    store_mod.insert_columns(con, "t (i, s)", [[1, 600], ["one", "new"]], ["INTEGER", "VARCHAR"])
    assert con.execute("SELECT s, n FROM t WHERE i IN (1, 600) ORDER BY i").fetchall() == [("one", 2), ("new", None)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmp", "x.duckdb"]
    memory = duckdb.connect(":memory:")
    memory.execute("CREATE TABLE b (k VARCHAR, v BLOB)")
    store_mod.insert_columns(memory, "b", [["a", "b", "c"], [b"\x00\xff", None, b""]], ["VARCHAR", "BLOB"],
                             replace=False)
    assert memory.execute("SELECT k, v FROM b ORDER BY k").fetchall() == [("a", b"\x00\xff"), ("b", None), ("c", b"")]
    assert not any((tmp_path / "tmp").iterdir())
    with pytest.raises(ValueError):  # columns of different lengths are a caller's mistake, not NULLs
        store_mod.insert_columns(memory, "b", [["d", "e"], [b""]], ["VARCHAR", "BLOB"], replace=False)


def test_the_parse_is_stored_compressed_and_read_back_as_it_was_given(tmp_path):
    """A serialised spaCy Doc goes into the store compressed (most of it is fixed-width token
    columns) and comes back byte for byte; a parse an earlier version stored uncompressed reads
    back as it is."""
    import spacy

    from storyline.records import Document

    parse = spacy.blank("en")("Acme Corp agreed to buy Widget Inc for $2 billion on Monday. " * 40).to_bytes()
    doc = Document(id="doc_a", path="a.txt", text="Acme.")
    with Store(tmp_path) as store:
        store.put_annotated([(doc, "Acme.", (), (), (), (), parse)])
        stored = store.con.execute("SELECT spacy FROM annotations").fetchone()[0]
        assert len(stored) < len(parse) / 3
        assert store.spacy_bytes({"doc_a"}) == {"doc_a": parse}
        assert next(store.annotations(["doc_a"]))[4] == parse
        assert parse[:1] != b"\x78"  # what tells an uncompressed parse from a compressed one
        store.con.execute("UPDATE annotations SET spacy = ? WHERE doc = 'doc_a'", [parse])
        assert store.spacy_bytes({"doc_a"}) == {"doc_a": parse}


def test_a_build_collects_garbage_less_often_and_gives_back_the_callers_settings(tmp_path, monkeypatch):
    """The whole-heap passes of Python's collector grow with the story and free little in a build,
    so a build runs with rarer passes; whatever thresholds the caller had come back afterwards,
    also when the build fails."""
    import gc

    from storyline.settings import Settings

    (tmp_path / "a.txt").write_text("Acme Corp agreed on Monday to buy Widget Inc for $2 billion, "
                                    "its chief executive said in a statement.\n", encoding="utf-8")
    seen = []
    write_json = pipeline.write_json
    monkeypatch.setattr(pipeline, "write_json", lambda d, out: (seen.append(gc.get_threshold()), write_json(d, out))[1])
    before = gc.get_threshold()
    try:
        gc.set_threshold(500, 7, 9)
        result = pipeline.build([tmp_path / "a.txt"], tmp_path / "out")
        assert result.new == 1 and seen == [pipeline.BUILD_GC_THRESHOLDS]
        assert gc.get_threshold() == (500, 7, 9)
        pipeline.rebuild(tmp_path / "out")
        assert seen[-1] == pipeline.BUILD_GC_THRESHOLDS and gc.get_threshold() == (500, 7, 9)
        near_copies = pipeline._near_copies  # reconcile called on its own (benches, tools) too
        monkeypatch.setattr(pipeline, "_near_copies", lambda *a: (seen.append(gc.get_threshold()), near_copies(*a))[1])
        with Store(tmp_path / "out") as store:
            pipeline.reconcile(store, Settings())
        assert seen[-1] == pipeline.BUILD_GC_THRESHOLDS and gc.get_threshold() == (500, 7, 9)

        def fail(*_args, **_kwargs):
            assert gc.get_threshold() == pipeline.BUILD_GC_THRESHOLDS
            raise RuntimeError("stopped")

        monkeypatch.setattr(pipeline, "_per_document", fail)
        with pytest.raises(RuntimeError, match="stopped"):
            pipeline.rebuild(tmp_path / "out")
        assert gc.get_threshold() == (500, 7, 9)
    finally:
        gc.set_threshold(*before)


LIVE_PAGE = (
    "Live: the crisis in Cairo\n\n"
    "(Update 1:15 a.m. Thursday in Cairo, 6:15 p.m. ET Wednesday) Gunfire erupted near the square, "
    "witnesses said.\n\n"
    "(Update 9:45 p.m. Cairo, 2:45 p.m. ET) Egypt's health minister said 611 people were injured in clashes "
    "in Tahrir Square on Wednesday.\n\n"
    "(Update 11:51 a.m. Wednesday in Cairo, 4:51 a.m. ET Wednesday) The defense ministry urged protesters "
    "to go home.\n"
)


def test_a_live_page_is_dated_by_its_update_stamps_not_the_day_it_was_filed(tmp_path):
    # filed under Tuesday 1 February (its folder), written on the Wednesday and Thursday after it
    folder = tmp_path / "docs" / "2011-02-01"
    folder.mkdir(parents=True)
    (folder / "live.txt").write_text(LIVE_PAGE, encoding="utf-8")
    dossier = pipeline.build([tmp_path / "docs"], tmp_path / "out").dossier
    doc = dossier.documents[0]
    assert (doc.published.isoformat(), doc.published_from) == ("2011-02-01", "path")
    injured = [e for e in dossier.events if "611" in e.summary]
    assert injured and {e.date.start for e in injured} == {"2011-02-02"}  # not 26 January
    # an entry with no time of its own was reported by its stamp's day, not the filing day
    gunfire = [e for e in dossier.events if "Gunfire" in e.summary]
    assert gunfire and {(e.date.value, e.date.end) for e in gunfire} == {(None, "2011-02-03")}


def test_pages_without_a_manifest_are_their_bylines_and_datelines_outlets(tmp_path):
    """Two CNN pages (a staff byline, a writer's byline after the page's "|") and a Reuters wire,
    filed without a manifest: each page is its outlet's, so the two CNN pages are one source."""
    folder = tmp_path / "docs" / "2024-05-08"
    folder.mkdir(parents=True)
    (folder / "1.txt").write_text("Chip deal\n\nBy the CNN Wire Staff\n\nAcme Corp agreed to buy Widget Inc for $2 "
                                  "billion on Monday, the companies said. Acme chief executive Jane Smith called the "
                                  "deal \"a perfect fit\".\n", encoding="utf-8")
    (folder / "2.txt").write_text("Deal done | By Jane Doe, CNN\n\nAcme Corp is buying Widget Inc for $2 billion. "
                                  "The deal was announced on Monday.\n", encoding="utf-8")
    (folder / "3.txt").write_text("NEW YORK (Reuters) - Acme Corp will acquire Widget Inc for $2 billion, the "
                                  "companies announced on Monday. Shares of Widget rose.\n", encoding="utf-8")
    dossier = pipeline.build([tmp_path / "docs"], tmp_path / "out").dossier
    assert sorted(d.outlet for d in dossier.documents) == ["CNN", "CNN", "Reuters"]
    (found,) = [f for f in dossier.findings if f.kind == "corroborated"]
    assert found.summary.startswith("2 independent sources (CNN, Reuters) report: Acme Corp agreed to buy")
    assert found.summary.endswith("(CNN: 2 documents, counted as one source)")
