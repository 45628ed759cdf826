"""No input stops a build and nothing vanishes without a reason: each hostile or broken input ends as
a document or as a rejection with its file and reason."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.export.terminal import plain
from storyline.ingest import read as ingest
from storyline.ingest.formats import Limits, decode
from storyline.settings import Settings
from storyline.errors import ConfigError

ARTICLE = "The council voted on Monday to approve the new budget, officials said after the meeting."


def _only(result, name: str) -> str:
    """The one rejection of file ``name``, as its reason."""
    reasons = [r.reason for r in result.rejected if Path(r.path).name == name]
    assert len(reasons) == 1, result.rejected
    return reasons[0]


def _ok(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")


@pytest.mark.parametrize("name, data, reason", [
    ("deep.json", b"[" * 1000 + b"]" * 1000, "nested 1000 deep"),
    ("empty-list.json", b"[]", "empty JSON list"),
    ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF articles are not supported yet"),
    ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("random.txt", os.urandom(2048), "not"),
    ("fake.warc.gz", gzip.compress(b"this is not a WARC file at all\n" * 10), "WARC"),
    ("truncated.txt.gz", gzip.compress(ARTICLE.encode() * 50)[:-30], "broken gzip"),
])
def test_broken_inputs_are_rejected_with_a_reason_and_the_rest_is_read(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    _ok(tmp_path)
    result = ingest.ingest([tmp_path])
    assert [Path(d.path).name for d in result.documents] == ["ok.txt"]
    assert reason.lower() in _only(result, name).lower()


def test_a_small_gzip_that_expands_enormously_is_refused(tmp_path):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * (20 * 2**20)))  # 20 MB of one letter: ~20 KB
    result = ingest.ingest([tmp_path], limits=Limits(max_bytes=2**20, max_expansion_ratio=100))
    assert "expands to more than" in _only(result, "bomb.txt.gz")


def test_files_over_the_size_limit_are_refused_with_their_size(tmp_path):
    (tmp_path / "big.txt").write_text(ARTICLE * 30_000, encoding="utf-8")
    result = ingest.ingest([tmp_path], limits=Limits(max_bytes=2**20))
    assert "too large: 2.5 MB" in _only(result, "big.txt") and "max_input_mb" in _only(result, "big.txt")


def test_a_lone_surrogate_in_json_becomes_a_replacement_character(tmp_path):
    (tmp_path / "s.json").write_text(json.dumps({"text": ARTICLE + " \ud800", "title": "Bad \udfff title"}),
                                     encoding="utf-8")
    (doc,) = ingest.ingest([tmp_path]).documents
    assert doc.text.endswith("\ufffd") and doc.title == "Bad \ufffd title"
    doc.text.encode("utf-8")  # storable and printable


def test_a_file_name_that_is_not_utf8_is_read_and_named_printably(tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(ARTICLE.encode())
    (doc,) = ingest.ingest([tmp_path]).documents
    assert doc.path == f"{tmp_path.name}/caf\ufffd.txt"
    doc.path.encode("utf-8")


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_wide_encodings_are_told_by_bom_and_by_content(encoding):
    text = decode(ARTICLE.encode(encoding), "x.txt")
    assert text == ARTICLE


def test_utf8_with_a_few_latin1_bytes_is_repaired_and_reported(tmp_path):
    data = ("Zoë Brown said the café’s “budget” was fine. " * 5).encode() + b"Ren\xe9e agreed."
    (tmp_path / "mixed.txt").write_bytes(data)
    result = ingest.ingest([tmp_path])
    (doc,) = result.documents
    assert "Zoë" in doc.text and "Renée agreed." in doc.text and "Ã" not in doc.text
    (note,) = result.rejected
    assert note.severity == "warning" and "mixed encodings: 1 byte" in note.reason


def test_utf8_with_many_latin1_bytes_is_repaired_and_reported_not_turned_to_mojibake(tmp_path):
    """A UTF-8 page with a paragraph pasted from a Windows-1252 one: too many stray bytes for "a
    few", but the UTF-8 part is real, so it stays UTF-8 (read whole as Windows-1252, "Zoë" was "ZoÃ«")."""
    utf8 = ("Zoë Brown said the café’s “budget” was fine. " * 3).encode()
    latin = "Renée and Agnès met at the Café Müller; the préfet was déjà there. ".encode("cp1252") * 4
    (tmp_path / "mixed.txt").write_bytes(utf8 + latin)
    result = ingest.ingest([tmp_path])
    (doc,) = result.documents
    assert "Zoë" in doc.text and "Renée and Agnès" in doc.text and "Ã" not in doc.text
    (note,) = result.rejected
    assert note.severity == "warning" and "mixed encodings: 28 bytes" in note.reason
    # a Windows-1252 file whose only UTF-8-looking pair is an accident is Windows-1252, whole
    (tmp_path / "mixed.txt").write_bytes("Renée paid 50¢ at the Café Müller; the préfet agreed. ".encode("cp1252") * 8
                                         + "Ã©".encode("cp1252"))
    (doc,) = ingest.ingest([tmp_path]).documents
    assert doc.text.startswith("Renée paid 50¢ at the Café Müller")


def test_nul_characters_past_the_first_4kb_never_reach_the_text(tmp_path):
    (tmp_path / "nul.txt").write_bytes((ARTICLE + "\n").encode() * 60 + b"\x00\x00" + ARTICLE.encode())
    (doc,) = ingest.ingest([tmp_path]).documents
    assert "\x00" not in doc.text


def test_symlinks_dangling_looping_or_leading_outside_are_refused(tmp_path):
    inside = tmp_path / "in"
    inside.mkdir()
    (inside / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash " * 5, encoding="utf-8")
    (inside / "passwd.txt").symlink_to(secret)
    (inside / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (inside / "loop.txt").symlink_to(inside / "loop.txt")
    (inside / "alias.txt").symlink_to(inside / "ok.txt")  # inside the input: fine (read once)
    result = ingest.ingest([inside])
    assert [Path(d.path).name for d in result.documents] == ["alias.txt"] or \
        [Path(d.path).name for d in result.documents] == ["ok.txt"]
    assert "outside the input folder" in _only(result, "passwd.txt")
    assert "dangling" in _only(result, "gone.txt")
    assert "loop" in _only(result, "loop.txt")
    # named from the input folder on, never by a local absolute path
    assert {r.path for r in result.rejected if r.severity == "rejected"} == {"in/passwd.txt", "in/gone.txt", "in/loop.txt"}
    # the file and its alias inside the input: read once, and the second name says so
    (alias,) = [r for r in result.rejected if r.severity == "warning"]
    assert alias.path == "in/ok.txt" and alias.reason == "another name for alias.txt: read once"

    # a glob obeys the same rules: /etc/passwd is not read through it either, and no link vanishes
    globbed = ingest.ingest([str(inside / "*.txt")])
    assert sorted(Path(d.path).name for d in globbed.documents) in (["alias.txt"], ["ok.txt"])
    assert "root:x:0:0" not in " ".join(d.text for d in globbed.documents)
    assert {Path(r.path).name: r.reason.split(":")[0] for r in globbed.rejected} == {
        "passwd.txt": "symlink to a file outside the input folder", "gone.txt": "dangling symlink",
        "loop.txt": "symlink loop", "ok.txt": "another name for alias.txt"}
    assert not any(r.path.startswith(str(tmp_path)) for r in globbed.rejected)


def test_long_articles_are_split_at_paragraph_breaks_not_dropped(tmp_path):
    paragraphs = [f"Paragraph {i}. " + ARTICLE * 5 for i in range(40)]
    (tmp_path / "book.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    result = ingest.ingest([tmp_path], max_chars=5_000)
    parts = result.documents
    assert len(parts) > 3 and all(len(p.text) <= 5_000 for p in parts)
    assert all(p.text.startswith("Paragraph ") for p in parts)  # cut at paragraph breaks
    assert "\n\n".join(p.text.strip() for p in parts) == "\n\n".join(paragraphs)  # nothing lost
    assert len({p.source_key for p in parts}) == len(parts)
    (note,) = result.rejected
    assert note.severity == "warning" and f"split into {len(parts)} parts" in note.reason


@pytest.mark.parametrize("setting, message", [
    ("batch_size=0", "'batch_size' must be at least 1"),
    ("batch_size=-1", "'batch_size' must be at least 1"),
    ("near_duplicate_threshold=1.5", "(0, 1]"),
    ("near_duplicate_threshold=nan", "(0, 1]"),
    ("scheduler=bogus", "scheduler"),
    ("max_article_chars=10", "max_article_chars"),
])
def test_bad_settings_stop_the_build_with_one_line(tmp_path, setting, message):
    _ok(tmp_path)
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "--set", setting])
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "o" / "dossier.json").exists()


def test_settings_check_themselves():
    with pytest.raises(ConfigError):
        Settings(max_json_depth=0)
    assert Settings().max_article_chars == 1_000_000


def test_terminal_output_strips_escape_sequences():
    hostile = "Title\x1b]0;pwned\x07 \x1b[2J\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ \u202eevil"
    shown = plain(hostile)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown.startswith("Title")


def test_a_build_never_reads_its_own_output_and_says_what_it_could_not_read(tmp_path, demo_copy):
    out = demo_copy / "out"
    (demo_copy / "furniture.txt").write_text("Home | World | Business\nSubscribe\nSign in\n", encoding="utf-8")
    (demo_copy / "hostile.txt").write_text(
        "\x1b]0;pwned\x07The council met on Monday \x1b[2J<img src=x onerror=alert(1)> and approved the budget "
        "after a long debate, officials said.\n", encoding="utf-8")
    first = CliRunner().invoke(main, ["build", str(demo_copy), "--out", str(out), "--quiet"])
    assert first.exit_code == 0, first.output
    CliRunner().invoke(main, ["export", str(out), "--format", "md"])
    CliRunner().invoke(main, ["export", str(out), "--format", "html"])
    again = CliRunner().invoke(main, ["build", str(demo_copy), "--out", str(out), "--quiet"])
    saved = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert len(saved["documents"]) == 6  # 5 articles + hostile.txt; never report.html or timeline.md
    assert not any("report.html" in d["path"] or "timeline.md" in d["path"] for d in saved["documents"])
    assert "furniture.txt" in again.stderr and "nothing left after cleaning" in again.stderr
    shown = CliRunner().invoke(main, ["timeline", str(out), "--all"]).output
    assert "\x1b" not in shown and "\x07" not in shown


def _comparable(dossier_json: Path) -> dict:
    d = json.loads(dossier_json.read_text(encoding="utf-8"))
    d.pop("meta", None)
    return d


def test_a_re_run_after_inputs_are_deleted_gives_what_a_fresh_build_gives(tmp_path):
    """A file deleted from the input folder leaves the dossier at the next build (with a warning),
    and so does the rejection of a bad file deleted since; what ``add`` brought from elsewhere stays,
    even from another folder of the same name (its documents are shown as ``in/...`` too)."""
    from storyline import pipeline

    inp, more = tmp_path / "in", tmp_path / "other" / "in"
    inp.mkdir(), more.mkdir(parents=True)
    b_name = os.fsdecode(b"b\xe9.txt")  # a name that is not UTF-8: kept where the file was all the same
    texts = {"a.txt": ARTICLE,
             b_name: "The airline said on Tuesday that it would buy twelve new aircraft from Airbus next year.",
             "c.txt": "Flooding closed the main bridge on Wednesday and the city opened two emergency shelters."}
    for name, text in texts.items():
        (inp / name).write_text(text, encoding="utf-8")
    (inp / "bad.json").write_bytes(b"[]")
    (more / "d.txt").write_text("The museum reopened on Thursday after a two-year renovation of its west wing.",
                                encoding="utf-8")
    (more / "empty.json").write_bytes(b"[]")  # rejected when added: the rejection must stay too
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    pipeline.build([inp], out)
    pipeline.add(out, [more])
    (inp / b_name).unlink(), (inp / "bad.json").unlink()
    again = pipeline.build([inp], out)
    assert [(r.path, r.severity) for r in again.rejected if "no longer there" in r.reason] == [("in/b\ufffd.txt",
                                                                                               "warning")]
    pipeline.build([inp], fresh)
    pipeline.add(fresh, [more])
    rerun, clean = _comparable(out / "dossier.json"), _comparable(fresh / "dossier.json")
    assert sorted(d["path"] for d in rerun["documents"]) == ["in/a.txt", "in/c.txt", "in/d.txt"]
    assert [(r["path"], r["severity"]) for r in rerun["rejected"]] == [("in/empty.json", "rejected")]
    assert rerun["rejected"] == clean["rejected"]
    assert rerun == clean
    # add never prunes: an add of one file of the folder keeps the folder's other documents
    pipeline.add(out, [inp / "a.txt"])
    assert len(_comparable(out / "dossier.json")["documents"]) == 3
    # the store keeps where files were, dossier.json never does
    assert str(tmp_path) not in (out / "dossier.json").read_text(encoding="utf-8")


def test_a_corrected_manifest_updates_built_documents_like_a_fresh_build(tmp_path, demo_copy):
    from storyline import pipeline

    good = (demo_copy / "manifest.csv").read_text(encoding="utf-8")
    (demo_copy / "manifest.csv").write_text(good.replace("2025-01-24", "2024-01-24").replace("Cryptopolitan", "Crypto"),
                                            encoding="utf-8")
    pipeline.build([demo_copy], tmp_path / "rerun")
    (demo_copy / "manifest.csv").write_text(good, encoding="utf-8")
    pipeline.build([demo_copy], tmp_path / "rerun")
    pipeline.build([demo_copy], tmp_path / "fresh")
    rerun, fresh = _comparable(tmp_path / "rerun" / "dossier.json"), _comparable(tmp_path / "fresh" / "dossier.json")
    assert [d["outlet"] for d in rerun["documents"]] == [d["outlet"] for d in fresh["documents"]]
    assert [d["published"] for d in rerun["documents"]] == [d["published"] for d in fresh["documents"]]
    assert [(e["id"], e["date"]) for e in rerun["events"]] == [(e["id"], e["date"]) for e in fresh["events"]]
    assert rerun == fresh


@pytest.mark.parametrize("compressed", [True, False])
def test_a_truncated_warc_keeps_its_whole_records_and_says_what_was_lost(tmp_path, compressed):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compressed)
    for i in range(3):
        body = " ".join([f"Officials confirmed merger number {i} of the two airlines would close next year."] * 8)
        payload = f"<html><head><title>Merger {i}</title></head><body><article><p>{body}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"https://news.example/m{i}", "response",
                                                      payload=io.BytesIO(payload.encode()), http_headers=headers))
    name = "crawl.warc.gz" if compressed else "crawl.warc"
    (tmp_path / name).write_bytes(buf.getvalue()[:-200])
    result = ingest.ingest([tmp_path])
    assert sorted(d.title for d in result.documents) == ["Merger 0", "Merger 1"]
    assert "truncated WARC archive: 2 whole records read" in _only(result, name)
    (tmp_path / name).write_bytes(buf.getvalue())
    whole = ingest.ingest([tmp_path])
    assert len(whole.documents) == 3 and not whole.rejected


def _warc(records, compressed=True) -> bytes:
    """A WARC archive of ``(uri, content_type, body bytes)`` response records."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compressed)
    for uri, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buf.getvalue()


def test_a_warc_s_plain_text_responses_are_read_and_one_with_no_article_says_what_it_held(tmp_path):
    (tmp_path / "text.warc.gz").write_bytes(_warc([("https://news.example/a.txt", "text/plain; charset=utf-8",
                                                     ARTICLE.encode())]))
    (tmp_path / "images.warc.gz").write_bytes(_warc([("https://news.example/a.png", "image/png", b"\x89PNG" * 40),
                                                       ("https://news.example/b.png", "image/png", b"\x89PNG" * 40)]))
    result = ingest.ingest([tmp_path])
    assert [(Path(d.path).name, d.text, d.url) for d in result.documents] == [
        ("text.warc.gz", ARTICLE, "https://news.example/a.txt")]
    reason = _only(result, "images.warc.gz")
    assert "no HTML or plain-text response" in reason and "2 response image/png" in reason


def test_a_warc_that_expands_enormously_is_refused(tmp_path):
    bomb = _warc([("https://news.example/a.txt", "text/plain", b"a" * (20 * 2**20))])  # ~20 KB compressed
    (tmp_path / "bomb.warc.gz").write_bytes(bomb)
    _ok(tmp_path)
    result = ingest.ingest([tmp_path], limits=Limits(max_bytes=2**20, max_expansion_ratio=100))
    assert [Path(d.path).name for d in result.documents] == ["ok.txt"]
    assert "expands to more than" in _only(result, "bomb.warc.gz")


def test_every_member_of_a_multi_member_gzip_is_read(tmp_path):
    """``cat a.gz b.gz > c.gz`` (or ``gzip -c a b``) is one valid gzip file holding both."""
    first, second = ARTICLE, "The mayor said on Tuesday that the new budget would fund two more libraries."
    (tmp_path / "joined.txt.gz").write_bytes(gzip.compress(first.encode() + b"\n") + gzip.compress(second.encode()))
    result = ingest.ingest([tmp_path])
    assert not result.rejected
    assert [d.text for d in result.documents] == [first + "\n" + second]
    (tmp_path / "joined.txt.gz").write_bytes(gzip.compress(first.encode()) + gzip.compress(second.encode())[:-12])
    assert "truncated" in _only(ingest.ingest([tmp_path]), "joined.txt.gz")


def test_an_unreadable_sub_folder_is_rejected_and_the_rest_is_read(tmp_path, monkeypatch):
    """A sub-folder the build may not list (permissions: these tests run as root, who may read
    anything, so the refusal is made by ``os.scandir`` as the kernel would) is a rejection naming it;
    the files beside it are read."""
    _ok(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = ingest.ingest([tmp_path])
    assert [Path(d.path).name for d in result.documents] == ["ok.txt"]
    assert [(Path(r.path).name, r.reason) for r in result.rejected] == [("locked", "cannot read folder: Permission denied")]


def test_an_output_folder_that_cannot_be_made_stops_with_one_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "afile" / "out"),
                                       "--quiet"])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("storyline: error: cannot use ") and "Not a directory" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_full_disk_stops_the_build_with_one_line_and_no_traceback(tmp_path):
    """A file-size limit stands in for a full disk: DuckDB's failed checkpoint is one line, exit 1."""
    import resource
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text(ARTICLE, encoding="utf-8")

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))

    run = subprocess.run([sys.executable, "-m", "storyline.cli", "build", str(tmp_path / "in"), "--out",
                          str(tmp_path / "out"), "--quiet"], capture_output=True, text=True, preexec_fn=limit,
                         timeout=300)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines()[-1].startswith("storyline: error: ")


def test_a_document_that_fails_in_reconcile_is_kept_with_a_warning_and_the_build_goes_on(tmp_path, monkeypatch):
    from storyline import pipeline
    from storyline.reconcile import events as events_mod

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_text("Globex Corp hired 300 engineers in Ohio on 3 March 2025, the company "
                                             "said on Tuesday.", encoding="utf-8")
    real = events_mod.extract

    def extract(ann, *args, **kwargs):
        if ann.document.path.endswith("bad.txt"):
            raise ValueError("a parse it cannot read")
        return real(ann, *args, **kwargs)

    monkeypatch.setattr(events_mod, "extract", extract)
    result = pipeline.build([tmp_path / "in"], tmp_path / "out", settings=Settings(workers=1))
    assert {d.path for d in result.dossier.documents} == {"in/ok.txt", "in/bad.txt"}
    assert result.dossier.events
    assert {ev.doc for e in result.dossier.events for ev in e.evidence} == {
        d.id for d in result.dossier.documents if d.path == "in/ok.txt"}
    (warning,) = [r for r in result.rejected if r.path == "in/bad.txt"]
    assert warning.severity == "warning" and "ValueError: a parse it cannot read" in warning.reason
    saved = json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8"))
    assert any(r["path"] == "in/bad.txt" and r["severity"] == "warning" for r in saved["rejected"])


def test_an_output_folder_with_a_dot_in_its_name_gets_its_dossier(tmp_path):
    """``--out build/v1.2``: a folder name with a suffix is still the folder (the JSON export took it
    for a file name and the build ended in IsADirectoryError)."""
    _ok(tmp_path)
    out = tmp_path / "out" / "v1.2"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "ok.txt"), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "dossier.json").read_text(encoding="utf-8"))["documents"]


def test_annotation_batches_hold_at_most_max_article_chars_past_their_first_document():
    """The parser's memory grows with the text of a batch: the parts of a split long article are
    parsed a batch each, not all together (bench/bench_memory.py measures it)."""
    from storyline.pipeline import _batches
    from storyline.records import Document

    def doc(i, n):
        return Document(id=f"d{i}", path=f"{i}.txt", text="x" * n)

    docs = [doc(0, 2500), doc(1, 2500), doc(2, 2500), doc(3, 2500), doc(4, 100), doc(5, 9000), doc(6, 50)]
    batches = _batches(docs, Settings(max_article_chars=5000, batch_size=3))
    assert [[d.id for d in b] for b in batches] == [["d0", "d1"], ["d2", "d3"], ["d4"], ["d5"], ["d6"]]
    assert [d for b in batches for d in b] == docs  # every document once, in order
    assert [len(b) for b in _batches(docs, Settings(max_article_chars=0, batch_size=3))] == [3, 3, 1]
