"""Timeline17 on the original files and on the news-tls input the published systems used."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pytest

from storyline.evaluate import tls, tls_inputs
from test_tls_dossier_route import _story


@pytest.fixture
def shared(tmp_path, monkeypatch):
    """A Timeline17-shaped folder and a news-tls copy of its topic with one article fewer."""
    _story(tmp_path / "t17")
    folder = tmp_path / "news-tls-format" / "t17" / "story"
    folder.mkdir(parents=True)
    rows = [{"id": "a1", "time": "2011-02-09T00:00:00+00:00", "title": "None", "text": "",
             "sentences": [{"raw": "Protesters marched through Cairo on Wednesday , February 9 , 2011 , demanding reform ."}]},
            {"id": "a2", "time": "2011-02-11T00:00:00+00:00", "title": "None", "text": "",
             "sentences": [{"raw": "Mubarak quits"},
                           {"raw": "Hosni Mubarak resigned as president on February 11 , 2011 , after 18 days of protests ."},
                           {"raw": "  "}]},
            {"id": "a3", "time": "2011-02-12T00:00:00+00:00", "title": "None", "text": "", "sentences": []}]
    (folder / "keywords.json").write_text(json.dumps(["mubarak", "protesters"]))
    with gzip.open(folder / "articles.preprocessed.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(json.dumps(r) for r in rows) + "\n")
    real = tls.benchmark_dir
    monkeypatch.setattr(tls, "benchmark_dir", lambda name: tmp_path / name if name == "news-tls-format" else real(name))
    return tmp_path / "t17"


def test_the_news_tls_input_replaces_the_files_of_the_topics_it_holds(shared):
    (files,) = tls.load_t17(shared)
    (given,) = tls.load_t17(shared, articles="news-tls")
    assert len(files.articles) == 4 and len(given.articles) == 2  # an article with no sentence is none
    assert given.articles[0].published == date(2011, 2, 9) and given.articles[1].sentences == (
        "Mubarak quits", "Hosni Mubarak resigned as president on February 11 , 2011 , after 18 days of protests .")
    assert given.tasks == files.tasks  # same references, same protocol
    with pytest.raises(tls.BenchmarkDataError):
        tls.load_t17(shared, articles="crawl")


def test_both_inputs_are_scored_side_by_side(shared):
    result = tls_inputs.run(shared)
    assert result["topics"] == ["story"]
    assert result["runs"]["files"]["articles"] == {"story": 4}
    assert result["runs"]["news-tls"]["articles"] == {"story": 2}
    for run in result["runs"].values():
        assert run["average"]["date"]["f_score"] > 0
    text = tls_inputs.report(result)
    assert "original files" in text and "news-tls input" in text and "story: 4 files, 2 news-tls" in text
