"""Search runs on DuckDB's own full-text search extension, shipped by a PyPI wheel (no download)."""

from storyline.web.data import SentenceIndex


def test_search_uses_duckdb_fts_with_stemming():
    index = SentenceIndex([
        {"doc": "d", "idx": 0, "start": 0, "end": 36, "text": "Microsoft invested billions in OpenAI"},
        {"doc": "d", "idx": 1, "start": 37, "end": 57, "text": "The weather was nice"},
    ])
    assert index.backend == "duckdb-fts"
    hits = index.search("investments", 5)
    assert [sid for sid, _ in hits] == [0]
