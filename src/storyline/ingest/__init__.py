"""Ingest: article files in; raw documents, cleaned documents and rejections out.

In: files, folders (recursively) and globs of ``.txt``, ``.html``/``.htm``, ``.json``/``.jsonl``
(news-please or plain fields) and ``.warc``/``.warc.gz`` articles, with an optional manifest; and
``http(s)://`` URLs of article pages, RSS/Atom feeds and sitemaps.
Out: :class:`~storyline.records.RawDocument` records and a
:class:`~storyline.records.Rejection` for every input that could not be read (:func:`ingest`);
cleaning then turns each raw document into a :class:`~storyline.records.Document` whose text every
offset of the dossier indexes (:func:`storyline.ingest.clean.clean`).

- :mod:`.read`: finding the files and reading them all (:func:`ingest`);
- :mod:`.formats`: one file's bytes -> raw documents, per format, and decoding;
- :mod:`.fetch`: URLs fetched politely (robots.txt, per-host delay, retries), feeds and sitemaps
  read into article links, pages read like saved HTML;
- :mod:`.manifest`: per-file title, outlet, URL and publication date from a CSV or JSONL manifest;
- :mod:`.dates`: publication dates from metadata values and from datelines in the text;
- :mod:`.clean`: page furniture and repeated paragraphs removed (each removal kept with its
  reason), near-duplicate documents found.
"""

from .read import IngestResult, expand, ingest

__all__ = ["IngestResult", "expand", "ingest"]
