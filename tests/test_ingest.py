from __future__ import annotations

import gzip
import io
import json
from datetime import date

import pytest

from storyline import ingest


def _write(path, data: bytes | str):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_reads_plain_text_and_folders_recursively(tmp_path):
    _write(tmp_path / "a.txt", "First article text.\n")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "b.txt", "Second article text.\n")
    result = ingest.ingest([tmp_path])
    assert sorted(d.text.strip() for d in result.documents) == ["First article text.", "Second article text."]
    assert result.rejected == []


def test_glob_patterns_expand(tmp_path):
    for n in range(3):
        _write(tmp_path / f"x{n}.txt", f"Article {n}.")
    result = ingest.ingest([str(tmp_path / "x*.txt")])
    assert len(result.documents) == 3


def test_missing_path_is_rejected_not_fatal(tmp_path):
    _write(tmp_path / "a.txt", "Text.")
    result = ingest.ingest([tmp_path / "a.txt", tmp_path / "nope.txt"])
    assert len(result.documents) == 1
    assert result.rejected[0].path.endswith("nope.txt")


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"\x00\x01\x02garbage\x00" * 20, "binary"),
        ("garbage.txt", bytes(range(128, 256)) * 4, "UTF-8"),
    ],
)
def test_unreadable_files_are_rejected_with_reason(tmp_path, name, data, reason):
    _write(tmp_path / name, data)
    _write(tmp_path / "ok.txt", "A fine article.")
    result = ingest.ingest([tmp_path])
    # under an absolute input folder, files are named by the folder's name and their path in it
    assert [d.path for d in result.documents] == [f"{tmp_path.name}/ok.txt"]
    assert len(result.rejected) == 1
    assert reason.lower() in result.rejected[0].reason.lower()
    assert result.rejected[0].path == f"{tmp_path.name}/{name}"


def test_windows_1252_text_is_decoded_not_lost(tmp_path):
    _write(tmp_path / "w.txt", "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u201cquoted\u201d".encode("cp1252"))
    assert ingest.ingest([tmp_path]).documents[0].text == "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u201cquoted\u201d"


def test_utf16_with_bom_is_decoded(tmp_path):
    _write(tmp_path / "u16.txt", "Hello from UTF-16.".encode("utf-16"))
    assert ingest.ingest([tmp_path]).documents[0].text == "Hello from UTF-16."


def test_jsonl_news_please_and_plain_fields_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"maintext": "Body one.", "title": "T1", "date_publish": "2024-10-18 09:00:00",
                    "url": "https://a.example/1", "source_domain": "a.example"}),
        "{not json",
        json.dumps({"text": "Body two.", "title": "T2", "published": "2025-01-24", "outlet": "B News"}),
        json.dumps({"title": "no text here"}),
    ]
    _write(tmp_path / "feed.jsonl", "\n".join(lines))
    result = ingest.ingest([tmp_path])
    docs = sorted(result.documents, key=lambda d: d.text)
    assert [d.title for d in docs] == ["T1", "T2"]
    assert docs[0].published == date(2024, 10, 18) and docs[0].published_from == "metadata"
    assert docs[0].outlet == "a.example" and docs[1].outlet == "B News"
    assert sorted(r.line for r in result.rejected) == [2, 4]
    assert all(r.path == f"{tmp_path.name}/feed.jsonl" for r in result.rejected)


def test_html_main_text_and_metadata_with_trafilatura(tmp_path):
    body = " ".join(["The central bank raised interest rates by a quarter point on Tuesday, citing inflation."] * 6)
    html = f"""<html><head><title>Rates rise</title>
    <meta property="og:site_name" content="Example Times">
    <meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
    <body><nav>Home | World | Business</nav><article><h1>Rates rise</h1><p>{body}</p><p>{body}</p></article>
    <footer>Subscribe to our newsletter</footer></body></html>"""
    _write(tmp_path / "a.html", html)
    doc = ingest.ingest([tmp_path]).documents[0]
    assert "central bank raised interest rates" in doc.text
    assert "Subscribe" not in doc.text and "Home | World" not in doc.text
    assert doc.published == date(2024, 3, 5) and doc.published_from == "metadata"
    assert doc.title == "Rates rise"


def test_broken_html_without_text_is_rejected(tmp_path):
    _write(tmp_path / "broken.html", "<html><body><div><script>var x=1;</script></div")
    result = ingest.ingest([tmp_path])
    assert result.documents == []
    assert "HTML" in result.rejected[0].reason


def test_warc_response_records_are_read(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    body = " ".join(["Officials confirmed the merger of the two airlines would close next year."] * 8)
    payload = f"<html><head><title>Merger</title></head><body><article><p>{body}</p></article></body></html>"
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
    record = writer.create_warc_record("https://news.example/merger", "response",
                                       payload=io.BytesIO(payload.encode()), http_headers=headers)
    writer.write_record(record)
    _write(tmp_path / "crawl.warc.gz", buf.getvalue())
    docs = ingest.ingest([tmp_path]).documents
    assert len(docs) == 1 and "merger of the two airlines" in docs[0].text
    assert docs[0].part == "https://news.example/merger"


def test_manifest_adds_metadata_and_rejects_bad_rows_with_line(tmp_path):
    _write(tmp_path / "a.txt", "Article A.")
    _write(tmp_path / "b.txt", "Article B.")
    _write(tmp_path / "manifest.csv",
           "file,title,outlet,url,published\n"
           "a.txt,Title A,Outlet A,https://a.example/x,2024-10-18\n"
           "b.txt,Title B,Outlet B,,2024-13-01\n")
    result = ingest.ingest([tmp_path], manifest=tmp_path / "manifest.csv")
    by = {d.path.rsplit("/", 1)[-1]: d for d in result.documents}
    assert by["a.txt"].title == "Title A" and by["a.txt"].published == date(2024, 10, 18)
    assert by["a.txt"].published_from == "manifest"
    # a bad field rejects the field, not the row
    assert by["b.txt"].title == "Title B" and by["b.txt"].outlet == "Outlet B" and by["b.txt"].published is None
    (rej,) = result.rejected
    assert rej.line == 3 and "not a calendar date" in rej.reason and "2024-13-01" in rej.reason
    assert rej.severity == "warning" and rej.path == f"{tmp_path.name}/manifest.csv"


def test_manifest_jsonl(tmp_path):
    _write(tmp_path / "a.txt", "Article A.")
    _write(tmp_path / "m.jsonl", json.dumps({"file": "a.txt", "outlet": "Wire", "published": "2025-04-28"}) + "\n")
    doc = ingest.ingest([tmp_path / "a.txt"], manifest=tmp_path / "m.jsonl").documents[0]
    assert doc.outlet == "Wire" and doc.published == date(2025, 4, 28)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Last Updated on November 7, 2024 2:27 pm CET", date(2024, 11, 7)),
        ("Published 3 March 2025", date(2025, 3, 3)),
        ("Updated: 2024-10-18", date(2024, 10, 18)),
    ],
)
def test_publication_date_from_a_dateline(tmp_path, line, expected):
    _write(tmp_path / "a.txt", f"Some story text that is long enough to read.\n{line}\n")
    doc = ingest.ingest([tmp_path]).documents[0]
    assert doc.published == expected and doc.published_from == "text"


def test_a_list_of_dated_items_gives_the_page_no_date(tmp_path):
    """A correspondent's video page: each teaser "updated : <day>", three days or more; none of
    them is the page's."""
    items = ["updated : Tue Sep 11 2007 15:52:00 German authorities received a threat.",
             "updated : Fri Sep 07 2007 14:29:00 German police arrest three men.",
             "updated : Thu Nov 15 2007 08:45:00 The Iraqi government tells security firms to obey."]
    _write(tmp_path / "a.txt", "Looters caused minimal damage to the museum.\n" + "\n".join(items) + "\n")
    doc = ingest.ingest([tmp_path]).documents[0]
    assert doc.published is None and doc.published_from is None


@pytest.mark.parametrize("line, expected", [
    ("Posted by Peter Hayes on May 3, 2005 05:17 PM.", (date(2005, 4, 30), "path")),  # a reader's post
    ("Updated: May 3, 2005", (date(2005, 4, 30), "path")),  # an update after the page was filed
    ("Updated: April 29, 2005", (date(2005, 4, 29), "text")),  # the page's own, before its folder's day
    ("Published 3 May 2005", (date(2005, 5, 3), "text")),  # the page's word on its publication
])
def test_a_later_update_or_post_does_not_date_a_page_its_path_dates(tmp_path, line, expected):
    folder = tmp_path / "2005-04-30"
    folder.mkdir()
    _write(folder / "a.txt", f"Troops entered the city on Friday.\n{line}\n")
    doc = ingest.ingest([tmp_path]).documents[0]
    assert (doc.published, doc.published_from) == expected


def test_a_date_inside_the_story_is_not_a_publication_date(tmp_path):
    _write(tmp_path / "a.txt", "The company was founded on March 3, 2015 in Austin.\n")
    doc = ingest.ingest([tmp_path]).documents[0]
    assert doc.published is None and doc.published_from is None


def test_gzipped_text_is_read(tmp_path):
    _write(tmp_path / "a.txt.gz", gzip.compress(b"Compressed article."))
    assert ingest.ingest([tmp_path]).documents[0].text == "Compressed article."


@pytest.mark.parametrize(
    "relpath, expected",
    [
        ("2011-02-09/123.htm.txt", date(2011, 2, 9)),           # Timeline17's layout
        ("story/2011_02_09/a.txt", date(2011, 2, 9)),
        ("2011/02/09/a.txt", date(2011, 2, 9)),                  # saved web pages
        ("2011-02-09_protests-grow.txt", date(2011, 2, 9)),
        ("20110209-protests.txt", date(2011, 2, 9)),
        ("2011-02-01/2011-02-09_later.txt", date(2011, 2, 9)),   # the file's own name is nearest
    ],
)
def test_publication_date_from_the_path(tmp_path, relpath, expected):
    path = tmp_path / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, "Protesters gathered in the square again.\n")
    doc = ingest.ingest([tmp_path]).documents[0]
    assert doc.published == expected and doc.published_from == "path"


@pytest.mark.parametrize("relpath", ["2011-02-30/a.txt", "12345678/a.txt", "v2011-02-09/a.txt",
                                     "2011-02-0912.txt", "1066-10-14/hastings.txt", "2011-02_09/a.txt"])
def test_what_is_not_a_date_in_a_path_dates_nothing(tmp_path, relpath):
    path = tmp_path / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, "Protesters gathered in the square again.\n")
    doc = ingest.ingest([tmp_path]).documents[0]
    assert doc.published is None and doc.published_from is None


def test_a_better_date_wins_over_the_path(tmp_path):
    folder = tmp_path / "2011-02-09"
    folder.mkdir()
    _write(folder / "a.txt", "Protesters gathered.\nPublished 3 March 2011\n")
    _write(folder / "b.txt", "Protesters gathered in the square again.\n")
    _write(tmp_path / "manifest.csv", "file,published\nb.txt,2011-02-10\n")
    docs = {d.path.rsplit("/", 1)[-1]: d for d in ingest.ingest([tmp_path], tmp_path / "manifest.csv").documents}
    assert (docs["a.txt"].published, docs["a.txt"].published_from) == (date(2011, 3, 3), "text")
    assert (docs["b.txt"].published, docs["b.txt"].published_from) == (date(2011, 2, 10), "manifest")
