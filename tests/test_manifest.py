"""Manifests loud and forgiving, every problem reported with file, line and reason, and publication
dates only as precise as they are known."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.annotate.document import coarsen
from storyline.annotate import timex
from storyline.cli import main
from storyline.ingest import read as ingest
from storyline.ingest.dates import DateForm, precision_from_note, read_written_date
from storyline.records import EventDate


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _articles(folder: Path, n: int = 2) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        name = f"story{i}.txt"
        _write(folder / name, f"Article number {i} says the council met yesterday and voted on the budget.")
        names.append(name)
    return names


@pytest.mark.parametrize("written, order, expected, precision", [
    ("2025-04-28", "auto", date(2025, 4, 28), "day"),
    ("2025-04-28T09:30:00Z", "auto", date(2025, 4, 28), "day"),
    ("2025-04-28 09:30:00+02:00", "auto", date(2025, 4, 28), "day"),
    ("28/04/2025", "auto", date(2025, 4, 28), "day"),
    ("04/28/2025", "auto", date(2025, 4, 28), "day"),
    ("04/05/2025", "day-first", date(2025, 5, 4), "day"),
    ("04/05/2025", "month-first", date(2025, 4, 5), "day"),
    ("28.04.2025", "auto", date(2025, 4, 28), "day"),
    ("2025/04/28", "auto", date(2025, 4, 28), "day"),
    ("April 28, 2025", "auto", date(2025, 4, 28), "day"),
    ("Apr. 28 2025", "auto", date(2025, 4, 28), "day"),
    ("Monday, April 28th, 2025", "auto", date(2025, 4, 28), "day"),
    ("28 April 2025", "auto", date(2025, 4, 28), "day"),
    ("28th of April, 2025", "auto", date(2025, 4, 28), "day"),
    ("Mon, 28 Apr 2025 10:00:00 +0000", "auto", date(2025, 4, 28), "day"),
    ("April 2025", "auto", date(2025, 4, 1), "month"),
    ("2025-04", "auto", date(2025, 4, 1), "month"),
    ("2025", "auto", date(2025, 1, 1), "year"),
])
def test_common_written_dates_are_read(written, order, expected, precision):
    assert read_written_date(written, order) == (expected, precision)


@pytest.mark.parametrize("written, reason", [
    ("04/05/2025", "day-first or month-first"),
    ("2024-13-01", "not a calendar date"),
    ("31/02/2025", "not a calendar date"),
    ("next Tuesday", "is not a date"),
    ("Smarch 3, 2025", "is not a date"),
])
def test_unreadable_dates_say_why(written, reason):
    with pytest.raises(DateForm, match=reason):
        read_written_date(written, "auto")


@pytest.mark.parametrize("note, precision", [
    ("date estimated; day uncertain", "month"),
    ("day unknown", "month"),
    ("month uncertain", "year"),
    ("date estimated from content", "month"),
    ("approximately", "month"),
    ("from the print edition", None),
    (None, None),
])
def test_notes_set_the_precision_of_a_date(note, precision):
    assert precision_from_note(note) == precision


def test_a_misspelled_column_warns_with_the_closest_name_and_the_rest_builds(tmp_path):
    names = _articles(tmp_path / "in")
    _write(tmp_path / "in" / "manifest.csv", "file,title,publsihed\n" + "".join(f"{n},T {n},2025-04-28\n" for n in names))
    result = ingest.ingest([tmp_path / "in"])
    assert [d.title for d in result.documents] == [f"T {n}" for n in names]  # the folder's manifest applies
    assert all(d.published is None for d in result.documents)
    (warn,) = result.rejected
    assert warn.severity == "warning" and warn.line == 1
    assert "'publsihed'" in warn.reason and "did you mean 'published'" in warn.reason
    assert "file, title, outlet, url, published" in warn.reason


def test_a_row_naming_no_input_file_warns_with_the_closest_file(tmp_path):
    _articles(tmp_path / "in")
    _write(tmp_path / "m.csv", "file,outlet\nstory0.txt,Wire\nstroy1.txt,Wire\n")
    result = ingest.ingest([tmp_path / "in"], tmp_path / "m.csv")
    by = {Path(d.path).name: d for d in result.documents}
    assert by["story0.txt"].outlet == "Wire" and by["story1.txt"].outlet is None
    (warn,) = result.rejected
    assert warn.line == 3 and "'stroy1.txt'" in warn.reason and "did you mean 'story1.txt'" in warn.reason


def test_a_bad_field_drops_the_field_not_the_row(tmp_path):
    _articles(tmp_path / "in", 1)
    _write(tmp_path / "in" / "manifest.csv",
           "file,title,outlet,url,published,precision\nstory0.txt,Title,Outlet,not a url,31/31/2025,hourly\n")
    result = ingest.ingest([tmp_path / "in"])
    (doc,) = result.documents
    assert (doc.title, doc.outlet, doc.url, doc.published) == ("Title", "Outlet", None, None)
    reasons = sorted(r.reason.split(":")[0] for r in result.rejected)
    assert len(reasons) == 3 and all(r.severity == "warning" and r.line == 2 for r in result.rejected)
    assert any("'url'" in r.reason for r in result.rejected) and any("'published'" in r.reason for r in result.rejected)
    assert any("'precision'" in r.reason for r in result.rejected)


def test_rows_without_a_file_are_rejected_and_duplicates_warn(tmp_path):
    _articles(tmp_path / "in", 1)
    _write(tmp_path / "in" / "manifest.csv", "file,outlet\n,Nobody\nstory0.txt,First\nstory0.txt,Second\n")
    result = ingest.ingest([tmp_path / "in"])
    assert result.documents[0].outlet == "Second"
    got = sorted((r.line, r.severity) for r in result.rejected)
    assert got == [(2, "rejected"), (4, "warning")]
    assert "line 3" in next(r.reason for r in result.rejected if r.line == 4)


def test_a_jsonl_manifest_in_the_input_folder_applies_by_default(tmp_path):
    _articles(tmp_path / "in", 1)
    _write(tmp_path / "in" / "manifest.jsonl",
           json.dumps({"file": "story0.txt", "source": "Wire", "date": "28/04/2025", "notes": "day uncertain"}) + "\n")
    (doc,) = ingest.ingest([tmp_path / "in"]).documents
    assert doc.outlet == "Wire" and doc.published == date(2025, 4, 28) and doc.published_precision == "month"


def test_an_explicit_manifest_wins_over_the_folders_own(tmp_path):
    _articles(tmp_path / "in", 1)
    _write(tmp_path / "in" / "manifest.csv", "file,outlet\nstory0.txt,Folder\n")
    _write(tmp_path / "other.csv", "file,outlet\nstory0.txt,Explicit\n")
    (doc,) = ingest.ingest([tmp_path / "in"], tmp_path / "other.csv").documents
    assert doc.outlet == "Explicit"


def test_day_first_setting_reads_ambiguous_dates(tmp_path):
    _articles(tmp_path / "in", 1)
    _write(tmp_path / "in" / "manifest.csv", "file,published\nstory0.txt,04/05/2025\n")
    auto = ingest.ingest([tmp_path / "in"])
    assert auto.documents[0].published is None and "date_order" in auto.rejected[0].reason
    first = ingest.ingest([tmp_path / "in"], date_order="day-first")
    assert first.documents[0].published == date(2025, 5, 4) and not first.rejected


def test_dates_resolved_from_an_uncertain_day_are_no_more_precise():
    text = "The council met yesterday. It had voted on 3 March 2025."
    tags = timex.tag(text, date(2025, 4, 28))
    rough = {t.text: coarsen(t, "month") for t in tags}
    assert rough["yesterday"].value == "2025-04"
    assert (rough["yesterday"].start_date, rough["yesterday"].end_date) == ("2025-04-01", "2025-04-30")
    assert "known only to the month" in rough["yesterday"].note
    assert rough["3 March 2025"].value == "2025-03-03"  # stated outright: not touched
    assert {t.text: coarsen(t, "year") for t in tags}["yesterday"].value == "2025"


def test_now_under_an_uncertain_day_stays_the_time_of_writing():
    # "now" is when the page was written: coarsened to a month it must not become the month itself,
    # which would give whatever it dates a time of its own
    tags = {t.text: t for t in timex.tag("The alliance is now under strain.", date(2024, 10, 18))}
    rough = coarsen(tags["now"], "month")
    assert rough.value == "PRESENT_REF"
    assert (rough.start_date, rough.end_date) == ("2024-10-01", "2024-10-31")
    assert not EventDate(rough.value, rough.start_date, rough.end_date).own


def test_paths_are_relative_to_the_input_never_local_absolute(tmp_path):
    _articles(tmp_path / "pile" / "sub", 1)
    docs = ingest.ingest([tmp_path / "pile"]).documents
    assert [d.path for d in docs] == ["pile/sub/story0.txt"]
    docs = ingest.ingest([tmp_path / "pile" / "sub" / "story0.txt"]).documents
    assert [d.path for d in docs] == ["story0.txt"]


def test_the_output_folder_inside_the_input_is_not_read(tmp_path):
    _articles(tmp_path / "in", 1)
    out = tmp_path / "in" / "out"
    out.mkdir()
    _write(out / "timeline.md", "# Timeline\n\nA build's own output must never come back as an article.")
    docs = ingest.ingest([tmp_path / "in"], exclude=[out]).documents
    assert [Path(d.path).name for d in docs] == ["story0.txt"]


def test_the_build_prints_every_problem_and_what_undated_documents_cost(tmp_path, demo_dir):
    src = tmp_path / "in"
    shutil.copytree(demo_dir, src)
    manifest = (src / "manifest.csv").read_text(encoding="utf-8")
    (src / "manifest.csv").write_text(manifest.replace("published", "publsihed", 1)
                                      + "missing_story.txt,A title,Wire,,28/04/2025\n", encoding="utf-8")
    (src / "broken.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert "in/manifest.csv:1: unknown column 'publsihed' (did you mean 'published'?)" in err
    assert "in/manifest.csv:7: no input file matches 'missing_story.txt'" in err
    assert "rejected  in/broken.json" in err
    assert "4 documents have no publication date" in err and "relative dates" in err
    assert str(tmp_path) not in err  # no local absolute path
    assert "1 rejected, 2 warnings" in result.stdout
    saved = json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8"))
    assert {(r["path"], r.get("line"), r["severity"]) for r in saved["rejected"] if r["severity"] == "warning"} == {
        ("in/manifest.csv", 1, "warning"), ("in/manifest.csv", 7, "warning")}
    assert [r["path"] for r in saved["rejected"] if r["severity"] == "rejected"] == ["in/broken.json"]

    # the file is fixed: the next run no longer lists it
    (src / "broken.json").write_text(json.dumps({"text": "The council voted on the budget on Monday.",
                                                 "title": "Budget"}), encoding="utf-8")
    (src / "manifest.csv").write_text(manifest, encoding="utf-8")
    again = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp_path / "out"), "--quiet"])
    assert again.exit_code == 0, again.output
    saved = json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8"))
    assert saved["rejected"] == []


def test_nothing_to_build_exits_non_zero_with_the_reason(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "no-such-folder"), "--out", str(tmp_path / "o"),
                                       "--quiet"])
    assert result.exit_code == 2
    assert "no-such-folder: no such file, folder or glob match" in result.stderr
    assert "nothing could be built" in result.stderr


def test_a_row_naming_an_empty_file_is_not_called_unmatched(tmp_path):
    """The file is there but gives no document: its own rejection ('empty file') says why, and
    the row naming it is not reported as naming no input file."""
    _articles(tmp_path / "in", 1)
    _write(tmp_path / "in" / "blank.txt", "")
    _write(tmp_path / "in" / "manifest.csv", "file,outlet\nstory0.txt,Wire\nblank.txt,Wire\nmissing.txt,Wire\n")
    result = ingest.ingest([tmp_path / "in"])
    reasons = sorted((Path(r.path).name, r.line, r.reason.split(";")[0]) for r in result.rejected)
    assert reasons == [("blank.txt", None, "empty file"),
                       ("manifest.csv", 4, "no input file matches 'missing.txt'")]


def test_rows_naming_folders_above_the_input_apply_and_same_named_inputs_stay_apart(tmp_path):
    # three outlets' feeds saved as <story>_<outlet>/InputDocs/<day>/<file>, given as absolute
    # folders; the manifest names each file from the outlet folder down (scripts/t17_manifest.py)
    rows = ["file,outlet"]
    inputs = []
    for outlet in ("bbc", "guardian", "reuters"):
        day = tmp_path / f"flu_{outlet}" / "InputDocs" / "2009-04-27"
        day.mkdir(parents=True)
        _write(day / "1.htm.txt", f"The {outlet} article on the outbreak. Health officials met on Monday.\n")
        rows.append(f"flu_{outlet}/InputDocs/2009-04-27/1.htm.txt,{outlet.title()}")
        inputs.append((tmp_path / f"flu_{outlet}" / "InputDocs").resolve())
    manifest = _write(tmp_path / "m.csv", "\n".join(rows) + "\n")
    result = ingest.ingest(inputs, manifest)
    assert sorted((d.path, d.outlet) for d in result.documents) == [
        ("flu_bbc/InputDocs/2009-04-27/1.htm.txt", "Bbc"),
        ("flu_guardian/InputDocs/2009-04-27/1.htm.txt", "Guardian"),
        ("flu_reuters/InputDocs/2009-04-27/1.htm.txt", "Reuters")]
    assert not [r for r in result.rejected if "unused" in r.reason]


def test_many_absolute_files_are_named_without_looking_at_every_other_input(tmp_path, monkeypatch):
    # 300 files given one by one: each is named by its file name, and naming them does not stat every
    # input once per file (it did: 4,640 Timeline17 files took over two minutes to read)
    files = []
    for i in range(300):
        files.append(_write(tmp_path / f"{i}.txt", f"Article {i} on the outbreak. Officials met on Monday.\n").resolve())
    folder = tmp_path / "more"
    folder.mkdir()
    _write(folder / "x.txt", "One more article on the outbreak. Officials met again on Tuesday.\n")
    calls = 0
    is_dir = Path.is_dir

    def counted(self, *a, **kw):
        nonlocal calls
        calls += 1
        return is_dir(self, *a, **kw)

    monkeypatch.setattr(Path, "is_dir", counted)
    result = ingest.ingest([*files, folder.resolve()])
    assert sorted(d.path for d in result.documents)[:3] == ["0.txt", "1.txt", "10.txt"]
    assert "more/x.txt" in {d.path for d in result.documents}
    assert calls <= 5 * (len(files) + 1), calls


def test_a_build_from_an_uncertain_day_keeps_its_dates_to_the_month_and_records_no_local_path(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "story.txt").write_text("Acme Corp bought Widgets Inc for $5 million yesterday, the companies said. "
                                   "The board had approved the deal on 3 March 2025.\n", encoding="utf-8")
    (src / "manifest.csv").write_text("file,outlet,published,note\nstory.txt,Wire,2025-04-28,"
                                      "\"date estimated, day uncertain\"\n", encoding="utf-8")
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["build", str(src), str(tmp_path / "gone"), "--out", str(tmp_path / "out"),
                                       "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 document's publication date is known only to the month or year" in result.stderr
    saved = json.loads((tmp_path / "out" / "dossier.json").read_text(encoding="utf-8"))
    (doc,) = saved["documents"]
    assert (doc["published"], doc["published_precision"]) == ("2025-04-28", "month")
    def date_of(word):
        return next(e["date"]["value"] for e in saved["events"] if word in e["summary"])
    assert date_of("bought") == "2025-04"        # "yesterday" under an uncertain day: April 2025
    assert date_of("approved") == "2025-03-03"   # stated outright: exact
    assert [r["path"] for r in saved["rejected"]] == [f"{tmp_path.name}/gone"]
    assert str(tmp_path) not in json.dumps(saved["rejected"]) and str(tmp_path) not in result.stderr
