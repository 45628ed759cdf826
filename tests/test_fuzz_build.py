"""Fuzzing the whole build: hypothesis makes folders of hostile and broken files (random bytes, odd
encodings, deep JSON, WARC archives whole, cut or without articles, file names that are not UTF-8,
symlinks that dangle, loop, leave the folder or stay in it, broken manifests) and ``storyline
build`` must finish, write its dossier, print no traceback and account for every input: each file
ends as a document, a rejection or a warning that names it."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from storyline.cli import main

pytestmark = pytest.mark.model

PROSE = ("The council voted on Monday to approve a new budget of $4.2 million for the harbour, "
         "the mayor said after a long debate. Opponents said they would appeal the decision in court.")

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1"]


@st.composite
def article_file(draw):
    kind = draw(st.sampled_from(["text", "encoded", "json", "jsonl", "html", "gz", "bytes", "deep", "empty",
                                 "surrogate", "huge-line", "warc"]))
    text = draw(st.sampled_from([PROSE, PROSE.upper(), "Café “naïve” résumé — " + PROSE, PROSE * 3]))
    if kind == "text":
        return ".txt", text.encode()
    if kind == "encoded":
        enc = draw(st.sampled_from(ENCODINGS))
        return ".txt", text.encode(enc, errors="replace")
    if kind == "json":
        return ".json", json.dumps(draw(st.sampled_from([{"text": text, "title": "T", "date": "28/04/2025"},
                                                          [], {}, [{"text": text}, 3, None], {"body": 5}]))).encode()
    if kind == "jsonl":
        lines = draw(st.lists(st.sampled_from([json.dumps({"text": text}), "{oops", "[]", "", json.dumps("x")]),
                              min_size=1, max_size=4))
        return ".jsonl", "\n".join(lines).encode()
    if kind == "html":
        body = draw(st.sampled_from([f"<html><body><article><p>{text}</p></article></body></html>",
                                     "<html><body><div><script>x()</script></div", "<<<>>>", f"<p>{text}"]))
        return ".html", body.encode()
    if kind == "gz":
        return ".txt.gz", draw(st.sampled_from([gzip.compress(text.encode()), gzip.compress(text.encode())[:20],
                                                 b"\x1f\x8b not really"]))
    if kind == "bytes":
        return draw(st.sampled_from([".txt", ".bin", ".html", ".json", ".warc.gz", ""])), draw(st.binary(max_size=600))
    if kind == "deep":
        depth = draw(st.integers(min_value=50, max_value=3000))
        return ".json", (b"[" * depth + b"]" * depth)
    if kind == "empty":
        return ".txt", draw(st.sampled_from([b"", b"   \n\n", b"\x00\x00"]))
    if kind == "surrogate":
        return ".json", ('{"text": "' + text + ' \\ud800", "title": "\\udfff"}').encode()
    if kind == "warc":
        records = draw(st.lists(st.sampled_from([
            ("text/html; charset=utf-8", f"<html><body><article><p>{text}</p></article></body></html>".encode()),
            ("text/plain", text.encode()), ("image/png", b"\x89PNG" * 30), ("text/html", b"<<<>>>"),
            ("text/html", "<p>Caf\u00e9</p>".encode("utf-16"))]), min_size=1, max_size=3))
        data = _warc(records, draw(st.booleans()))
        cut = draw(st.sampled_from([0, 0, 40, 200, len(data) // 2]))
        return draw(st.sampled_from([".warc.gz", ".warc"])), data[:-cut] if cut else data
    return ".txt", (text.replace(". ", "; ") + " subscribe cookie newsletter ") .encode() * 3


def _warc(records, compressed: bool) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compressed)
    for i, (ctype, body) in enumerate(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


@st.composite
def folder(draw):
    files = draw(st.lists(article_file(), min_size=1, max_size=5))
    names = draw(st.lists(st.one_of(st.text(alphabet="abcxyz-_ é文.", min_size=1, max_size=12),
                                    # bytes that are not UTF-8 in a name (a latin-1 "é", a lone continuation byte)
                                    st.sampled_from([b"caf\xe9", b"x\x80y", b"\xff\xfe"]).map(os.fsdecode)),
                          min_size=len(files), max_size=len(files)))
    links = draw(st.lists(st.sampled_from(["dangling", "loop", "outside", "inside", "folder-loop"]), max_size=3))
    manifest = draw(st.one_of(st.none(), st.sampled_from([
        "file,publsihed\nx.txt,2025-04-28\n", "file,title,published\n,,\nf0.txt,T,04/05/2025\n",
        "title\nno file column\n", "\x00\x01garbage", "file,published\nf0.txt,not a date\nf0.txt,2025-01-01\n"])))
    return files, names, manifest, links


def _accounted(name: str, paths: set[str]) -> bool:
    return any(p == name or p.startswith(name + "#") for p in paths)


@settings(max_examples=int(os.environ.get("STORYLINE_FUZZ_EXAMPLES", "25")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(folder())
def test_any_folder_builds_and_every_input_is_accounted_for(case):
    files, names, manifest, links = case
    tmp = Path(tempfile.mkdtemp(prefix="storyline-fuzz-"))
    try:
        src = tmp / "in"
        src.mkdir()
        written = []
        for i, ((suffix, data), stem) in enumerate(zip(files, names)):
            stem = stem.strip(" .") or "x"
            name = f"f{i}-{stem}{suffix}"
            (src / name).write_bytes(data)
            written.append(name)
        (tmp / "secret.txt").write_text("A secret outside the input folder that must never be read.", encoding="utf-8")
        for j, link in enumerate(links):
            name = f"link{j}-{link}" + ("" if link == "folder-loop" else ".txt")
            target = {"dangling": src / "missing.txt", "loop": src / name, "outside": tmp / "secret.txt",
                      "inside": src / written[0], "folder-loop": src}[link]
            (src / name).symlink_to(target)
            written.append(name)
        if manifest is not None:
            (src / "manifest.csv").write_bytes(manifest.encode("utf-8", "surrogateescape"))
        result = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp / "out"), "--quiet"])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert "Traceback" not in result.output and "Traceback" not in (result.stderr or "")
        assert result.exit_code in (0, 2), result.output
        saved = json.loads((tmp / "out" / "dossier.json").read_text(encoding="utf-8"))
        docs = {d["path"] for d in saved["documents"]}
        problems = {r["path"] for r in saved["rejected"]}
        assert not any("secret" in d["text"] for d in saved["documents"])
        for name in written:
            shown = "in/" + os.fsencode(name).decode("utf-8", "replace")
            assert _accounted(shown, docs) or _accounted(shown, problems), (shown, docs, problems)
        assert result.exit_code == (0 if saved["documents"] else 2)
        for d in saved["documents"]:
            assert d["text"].strip() and "\x00" not in d["text"]
            d["text"].encode("utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
