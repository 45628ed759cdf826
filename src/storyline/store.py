"""The DuckDB store in a build's output folder (``storyline.duckdb``).

Layout (every key is a content hash, so writes are upserts and a re-run changes nothing):

- ``meta(key, value)``: schema version, model name, settings of the last build;
- ``documents``: cleaned documents (``text`` is what every offset indexes);
- ``sentences(doc, idx, start, "end", text)``: for full-text search;
- ``annotations(doc, mentions, timexes, amounts, spacy)``: per-document results of the
  annotate stage (records as JSON, the spaCy ``Doc`` as zlib-compressed bytes so later stages can
  re-run without the model). A row here means the document is fully annotated:
  it is written in the same transaction as the document and its sentences, so a
  build killed at any point leaves either all of a document or none of it;
- ``items(kind, id, data)``: the reconciled dossier (entities, events, amounts, quotes,
  findings, relations), replaced as a whole in one transaction at the end of a build;
- ``rejected(id, path, line, reason)``: inputs that could not be read;
- ``kept(doc, data)``: each document's per-document reconcile results with what they were made
  from (:mod:`storyline.reconcile.memo`), so that an ``add`` redoes only what it changes. A cache:
  deleting it changes no output;
- ``signatures(doc, key, hashvalues)``: each document's MinHash signature for near-copy detection
  (:func:`storyline.ingest.clean.minhash_signature`) under the key of what it was made from, so a
  reconcile hashes only new or changed texts. A cache too.

Beside the store, ``corrections.jsonl`` holds the user's corrections (``storyline correct``),
one JSON record per line, appended and never rewritten: it is not built data, so no
rebuild touches it, and an undo is one more line.
"""

from __future__ import annotations

import base64
import json
import tempfile
import zlib
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import orjson

from .errors import StoreError
from .records import (
    Amount, Correction, Document, Dossier, Entity, Event, Finding, Mention, Quote, Relation, Rejection, Sentence, TimeExpr,
    from_jsonable, to_jsonable,
)

SCHEMA_VERSION = "2"
STORE_NAME = "storyline.duckdb"
CORRECTIONS_NAME = "corrections.jsonl"
ITEM_KINDS: dict[str, type] = {
    "entities": Entity, "events": Event, "amounts": Amount, "quotes": Quote, "findings": Finding,
    "relations": Relation,
}

# the reconciled dossier; replace_items drops and makes it again rather than deleting every row
_ITEMS_TABLE = ("CREATE TABLE IF NOT EXISTS items (kind VARCHAR, id VARCHAR, pos INTEGER, data VARCHAR, "
                "PRIMARY KEY (kind, id))")

_DDL = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS documents (
        id VARCHAR PRIMARY KEY, path VARCHAR, title VARCHAR, outlet VARCHAR, url VARCHAR, published DATE,
        published_from VARCHAR, text VARCHAR, removed VARCHAR, raw VARCHAR, duplicate_of VARCHAR,
        added_at TIMESTAMP DEFAULT current_timestamp, published_precision VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS sentences (
        doc VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, PRIMARY KEY (doc, idx))""",
    """CREATE TABLE IF NOT EXISTS annotations (
        doc VARCHAR PRIMARY KEY, mentions VARCHAR, timexes VARCHAR, amounts VARCHAR, spacy BLOB)""",
    _ITEMS_TABLE,
    "CREATE TABLE IF NOT EXISTS kept (doc VARCHAR PRIMARY KEY, data VARCHAR)",
    "CREATE TABLE IF NOT EXISTS signatures (doc VARCHAR PRIMARY KEY, key VARCHAR, hashvalues BLOB)",
    # where each document's file was on this machine when last read (never exported: local paths)
    "CREATE TABLE IF NOT EXISTS located (doc VARCHAR PRIMARY KEY, path VARCHAR)",
    "CREATE TABLE IF NOT EXISTS rejected_located (path VARCHAR PRIMARY KEY, located VARCHAR)",
    "CREATE TABLE IF NOT EXISTS rejected (id VARCHAR PRIMARY KEY, path VARCHAR, line INTEGER, reason VARCHAR, "
    "severity VARCHAR)",
]
# columns added since the first stores were written: (table, column, type). Fresh stores have them
# from CREATE TABLE; older ones get them only where missing, checkpointed at once. DuckDB 1.5
# cannot replay from its write-ahead log an ALTER TABLE ... ADD COLUMN on a table with a DEFAULT
# current_timestamp column (it rebinds the default without a database), and these ALTERs ran on
# every open: a build killed before its next checkpoint left a store no later run could open.
# A NULL severity reads as "rejected".
_ADDED_COLUMNS = [("rejected", "severity", "VARCHAR"), ("documents", "published_precision", "VARCHAR")]


def insert_columns(con, table: str, columns: Sequence[Sequence], types: Sequence[str], *, replace: bool = True) -> None:
    """Bulk insert column lists: the rows go to a temporary newline-delimited JSON file (one array a
    row) that DuckDB reads natively in one statement.

    Why not the binding: DuckDB's Python binding converts list and scalar parameters value by value
    and retries ``import pandas`` for every value when pandas is absent (about 0.5 ms a value).
    Why not one JSON parameter a column (``unnest(from_json(?, ...))``): DuckDB's ``from_json`` of a
    big parameter grows faster than its input, and even in statements of a few MB the dossier of
    4,606 Timeline17 articles (95 MB of items) took 9 s; read from a file it takes 0.4 s. pyarrow
    would be the other native route, and is not a dependency.

    Values go as JSON: text, whole numbers, dates (ISO) and None; bytes (``BLOB``) as base64. The
    file is written beside the database (a full disk is the store's disk, reported as the store's
    error), or in the system's temporary folder for an in-memory database.
    """
    if not columns or not columns[0]:
        return
    # bytes travel as base64 (JSON has no bytes)
    columns = [[None if v is None else base64.b64encode(v).decode("ascii") for v in c] if t == "BLOB" else c
               for c, t in zip(columns, types)]
    select = ", ".join(f"from_base64(x[{i + 1}])" if t == "BLOB" else f"CAST(x[{i + 1}] AS {t})"
                       for i, t in enumerate(types))
    sql = (f"INSERT {'OR REPLACE ' if replace else ''}INTO {table} SELECT {select} FROM "
           "(SELECT json->>'$[*]' AS x FROM read_ndjson_objects($1, maximum_object_size=2147483647))")
    where = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    folder = Path(where[0]).parent if where and where[0] else None
    with tempfile.NamedTemporaryFile(prefix="storyline-rows-", suffix=".jsonl", dir=folder, delete=False) as f:
        try:
            for row in zip(*columns, strict=True):
                f.write(orjson.dumps(row, default=str))
                f.write(b"\n")
            f.close()
            con.execute(sql, [f.name])
        finally:
            Path(f.name).unlink(missing_ok=True)


def json_list(values: Iterable) -> str:
    """One SQL parameter for a short list of values, read as ``unnest(from_json(?, '["VARCHAR"]'))`` (ids to
    delete or select; bulk rows go through :func:`insert_columns`)."""
    return json.dumps(list(values), ensure_ascii=False, default=str)


_IDS = "SELECT unnest(from_json(?, '[\"VARCHAR\"]'))"


# The parse is stored zlib-compressed: a serialised spaCy Doc is mostly fixed-width token columns
# (about 150 KB an article, 17 % of it after level 3), and at thousands of articles writing,
# checkpointing and reading back those bytes cost more than compressing them (0.6 ms an article)
# and decompressing (0.25 ms). A zlib stream starts with 0x78, a serialised Doc (a msgpack map) with
# 0x80-0x8f or 0xde, so parses stored uncompressed by earlier versions read as they are.
PARSE_COMPRESSION = 3


def _packed(parse: bytes) -> bytes:
    return zlib.compress(parse, PARSE_COMPRESSION)


def _unpacked(stored: bytes | None) -> bytes | None:
    return zlib.decompress(stored) if stored and stored[:1] == b"\x78" else stored


def _dumps(records) -> str:
    return orjson.dumps(to_jsonable(records), option=orjson.OPT_SERIALIZE_NUMPY).decode("utf-8")


def _under(where: str, roots: frozenset[Path]) -> bool:
    """Whether the local path ``where`` is one of ``roots`` or lies inside one (as
    ``Path.is_relative_to``, by its parents: a build given thousands of files, a shell glob, asked
    every stored document against every file, 70 s at 4,650 Timeline17 articles)."""
    path = Path(where)
    return path in roots or any(parent in roots for parent in path.parents)


# DuckDB checkpoints whenever its write-ahead log passes 16 MB, and a checkpoint of a big store is
# slow: a build writing 16 parsed articles a transaction (about 7 MB) paid 300 ms a commit in a 2 GB
# store (4,600 articles), most of the store's time. The log is replayed at the next open after a
# kill; one DuckDB cannot replay is set aside and its documents are built again
# (:meth:`Store._without_broken_log`), up to this much work instead of 16 MB of it.
CHECKPOINT_LOG = "256MB"


class Store:
    """A build's DuckDB file. Use as a context manager."""

    def __init__(self, folder: Path, read_only: bool = False):
        import duckdb

        self.folder = Path(folder)
        self.path = self.folder / STORE_NAME
        if read_only and not self.path.exists():
            raise StoreError(f"no dossier in {self.folder}: {STORE_NAME} not found (run `storyline build` first)")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a file in the way, a read-only or missing parent: say so in one line
            raise StoreError(f"cannot use {self.folder} as the dossier's folder: {exc.strerror or exc}") from exc
        self.recovered: str | None = None
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            self.con = self._without_broken_log(exc, read_only)
        if not read_only:
            self.con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_LOG}'")
            fresh = not self.con.execute("SELECT count(*) FROM information_schema.tables "
                                         "WHERE table_name = 'meta'").fetchone()[0]
            for ddl in _DDL:
                self.con.execute(ddl)
            have = {(t, c) for t, c in self.con.execute(
                "SELECT table_name, column_name FROM information_schema.columns").fetchall()}
            missing = [(t, c, k) for t, c, k in _ADDED_COLUMNS if (t, c) not in have]
            for table, column, kind in missing:
                self.con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            if fresh or missing:
                self.con.execute("CHECKPOINT")  # no schema change waits in the log for a replay
            version = self.get_meta("schema_version")
            if version is None:
                self.set_meta("schema_version", SCHEMA_VERSION)
            elif version != SCHEMA_VERSION:
                raise StoreError(f"{self.path} was written by store schema {version}, this is {SCHEMA_VERSION}: "
                                 "rebuild into a new folder")

    def _without_broken_log(self, exc: Exception, read_only: bool):
        """Open the store without a write-ahead log DuckDB cannot replay (a build killed at the wrong
        moment by an earlier version): the log is kept beside the store as ``*.wal.broken``, and
        what it held (the documents annotated since the last checkpoint) is simply built again by
        this run, since every key is a content hash. Any other failure to open is an error."""
        import duckdb

        log = self.path.with_name(self.path.name + ".wal")
        if read_only or "replaying WAL" not in str(exc) or not log.exists():
            raise StoreError(f"cannot open {self.path}: {str(exc).splitlines()[0]}") from None
        kept = log.with_name(log.name + ".broken")
        log.replace(kept)
        self.recovered = (f"{self.path.name}: its write-ahead log could not be replayed ({str(exc).splitlines()[0][:120]}); "
                          f"set aside as {kept.name}, and the documents it held are built again")
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as again:
            raise StoreError(f"cannot open {self.path}: {str(again).splitlines()[0]}") from None

    def _column(self, table: str, column: str, fallback: str = "NULL") -> str:
        """``column`` when ``table`` has it, else ``fallback``: a store written before the column was
        added still opens read-only (``_DDL`` adds the column on the next build)."""
        if not hasattr(self, "_columns"):
            rows = self.con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
            self._columns = {(t, c) for t, c in rows}
        return column if (table, column) in self._columns else f"{fallback} AS {column}"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # ----------------------------------------------------------------- meta
    def get_meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    # ----------------------------------------------------------------- documents
    @contextmanager
    def _transaction(self):
        """One transaction: committed when the block ends, rolled back if anything leaves it
        (an error, an interrupt), so a kill or a failure never leaves half a write."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def known_ids(self) -> set[str]:
        """Ids of documents that are completely annotated."""
        return {r[0] for r in self.con.execute("SELECT doc FROM annotations").fetchall()}

    def located_under(self, roots: Sequence[Path]) -> dict[str, str]:
        """Stored documents (id: path as shown) whose file was, when last read, under one of the
        resolved files or folders ``roots``. Documents read from URLs, or stored before the store
        kept where files were, have no such place and are never among them."""
        rows = self.con.execute("SELECT d.id, d.path, l.path FROM located l JOIN documents d ON d.id = l.doc").fetchall()
        roots = frozenset(map(Path, roots))
        return {doc_id: shown for doc_id, shown, where in rows if _under(where, roots)}

    def put_located(self, located: dict[str, str]) -> None:
        """Record where documents' files are now (document id -> resolved path)."""
        if not located:
            return
        ids = sorted(located)
        con = self.con
        with self._transaction():
            con.execute(f"DELETE FROM located WHERE doc IN ({_IDS})", [json_list(ids)])
            insert_columns(con, "located (doc, path)", [ids, [located[i] for i in ids]], ["VARCHAR", "VARCHAR"])

    def remove_documents(self, ids: Iterable[str]) -> None:
        """Forget documents whose input is gone: their text, sentences, annotations and kept
        results, in one transaction (the next reconcile rebuilds every item without them)."""
        ids = json_list(sorted(set(ids)))
        con = self.con
        with self._transaction():
            for table, column in (("documents", "id"), ("sentences", "doc"), ("annotations", "doc"), ("kept", "doc"),
                                  ("signatures", "doc"), ("located", "doc")):
                con.execute(f"DELETE FROM {table} WHERE {column} IN ({_IDS})", [ids])

    META_FIELDS = ("path", "title", "outlet", "url", "published", "published_from", "published_precision")

    def document_meta(self, ids: Iterable[str]) -> dict[str, dict]:
        """The stored metadata (:data:`META_FIELDS`) and text of documents ``ids``."""
        cols = ", ".join(self._column("documents", f) if f == "published_precision" else f for f in self.META_FIELDS)
        rows = self.con.execute(f"SELECT id, text, {cols} FROM documents WHERE id IN ({_IDS})",
                                [json_list(ids)]).fetchall()
        return {r[0]: {"text": r[1], **dict(zip(self.META_FIELDS, r[2:]))} for r in rows}

    def update_metadata(self, updates: dict[str, dict], timexes: dict[str, list[TimeExpr]]) -> None:
        """Give stored documents new metadata (a corrected manifest row) and, where the publication
        date changed, the time expressions resolved against the new one; one transaction."""
        con = self.con
        with self._transaction():
            for doc_id, fields in updates.items():
                names = [f for f in self.META_FIELDS if f in fields]
                con.execute(f"UPDATE documents SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                            [fields[n] for n in names] + [doc_id])
            for doc_id, tx in timexes.items():
                con.execute("UPDATE annotations SET timexes = ? WHERE doc = ?", [_dumps(tx), doc_id])

    def raw_texts(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT raw FROM documents ORDER BY id").fetchall()]

    def put_annotated(self, rows: Sequence[tuple]) -> None:
        """Write documents with all their annotations in one transaction: a kill at any point
        leaves each document either complete or absent.

        ``rows`` are ``(document, raw_text, sentences, mentions, timexes, amounts, spacy_bytes)``.
        """
        if not rows:
            return
        con = self.con
        docs = [r[0] for r in rows]
        sents = [s for r in rows for s in r[2]]
        with self._transaction():
            con.execute("DELETE FROM sentences WHERE doc IN (SELECT unnest(from_json($1, '[\"VARCHAR\"]')))",
                        [json.dumps([d.id for d in docs])])
            insert_columns(con, "documents (id, path, title, outlet, url, published, published_from, text, removed, raw, "
                                "published_precision)",
                    [[d.id for d in docs], [d.path for d in docs], [d.title for d in docs], [d.outlet for d in docs],
                     [d.url for d in docs], [d.published for d in docs], [d.published_from for d in docs],
                     [d.text for d in docs], [_dumps(d.removed) for d in docs], [r[1] for r in rows],
                     [d.published_precision for d in docs]],
                    ["VARCHAR"] * 5 + ["DATE"] + ["VARCHAR"] * 5)
            insert_columns(con, "sentences", [[s.doc for s in sents], [s.index for s in sents], [s.start for s in sents],
                                       [s.end for s in sents], [s.text for s in sents]],
                    ["VARCHAR", "INTEGER", "INTEGER", "INTEGER", "VARCHAR"])
            # the parse goes in with its row (one UPDATE a document cost 2 ms, more as the store grew);
            # a row given without one keeps any parse stored before
            for parsed in (True, False):
                part = [r for r in rows if (r[6] is not None) == parsed]
                insert_columns(con, "annotations (doc, mentions, timexes, amounts" + (", spacy)" if parsed else ")"),
                               [[r[0].id for r in part], *([_dumps(r[k]) for r in part] for k in (3, 4, 5)),
                                *([[_packed(r[6]) for r in part]] if parsed else [])], ["VARCHAR"] * 4 + ["BLOB"] * parsed)

    def documents(self) -> list[Document]:
        rows = self.con.execute(
            "SELECT d.id, path, title, outlet, url, published, published_from, text, removed, duplicate_of, "
            f"{self._column('documents', 'published_precision')} "
            "FROM documents d "
            "JOIN annotations a ON a.doc = d.id ORDER BY published NULLS LAST, d.id").fetchall()
        out = []
        for r in rows:
            out.append(from_jsonable(Document, {
                "id": r[0], "path": r[1], "title": r[2], "outlet": r[3], "url": r[4],
                "published": r[5].isoformat() if r[5] else None, "published_from": r[6], "text": r[7],
                "removed": json.loads(r[8] or "[]"), "duplicate_of": r[9], "published_precision": r[10],
            }))
        return out

    def annotations(self, doc_ids: Iterable[str] | None = None, *, spacy_for: set[str] | None = None
                    ) -> Iterator[tuple[str, list[Mention], list[TimeExpr], list[Amount], bytes | None]]:
        """Stored annotations in document order; the serialized spaCy Doc only for the documents
        in ``spacy_for`` (all of them when it is None), None for the others."""
        wanted = None if doc_ids is None else set(doc_ids)
        spacy = self.spacy_bytes(spacy_for) if spacy_for is not None else None
        query = ("SELECT doc, mentions, timexes, amounts, " + ("NULL" if spacy is not None else "spacy")
                 + " FROM annotations ORDER BY doc")
        for doc, m, t, a, sp in self.con.execute(query).fetchall():
            if wanted is not None and doc not in wanted:
                continue
            yield (doc, [from_jsonable(Mention, x) for x in json.loads(m)],
                   [from_jsonable(TimeExpr, x) for x in json.loads(t)],
                   [from_jsonable(Amount, x) for x in json.loads(a)], spacy.get(doc) if spacy is not None else _unpacked(sp))

    def annotation_digests(self) -> dict[str, str]:
        """A digest of each document's stored mentions, time expressions and amounts."""
        return dict(self.con.execute("SELECT doc, md5(concat_ws(chr(0), mentions, timexes, amounts)) "
                                     "FROM annotations").fetchall())

    def _has_table(self, table: str) -> bool:
        """Whether the store holds ``table`` (a store from before it, opened read-only, does not)."""
        return bool(self.con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = ?",
                                     [table]).fetchone())

    def kept(self) -> dict[str, str]:
        """The per-document reconcile results of the last reconcile, by document (JSON)."""
        if not self._has_table("kept"):
            return {}
        return dict(self.con.execute("SELECT doc, data FROM kept").fetchall())

    def signatures(self) -> dict[str, tuple[str, bytes]]:
        """Each document's stored near-copy signature: ``doc -> (key, hashvalues bytes)``."""
        if not self._has_table("signatures"):
            return {}
        return {doc: (key, bytes(values)) for doc, key, values in
                self.con.execute("SELECT doc, key, hashvalues FROM signatures").fetchall()}

    def put_signatures(self, rows: Mapping[str, tuple[str, bytes]]) -> None:
        if not rows:
            return
        with self._transaction():
            insert_columns(self.con, "signatures", [list(rows), [k for k, _ in rows.values()],
                                                    [v for _, v in rows.values()]], ["VARCHAR", "VARCHAR", "BLOB"])

    def clear_caches(self) -> None:
        """Forget the caches (``kept`` results, near-copy ``signatures``): the next reconcile reuses
        nothing and gives the same dossier."""
        with self._transaction():
            for table in ("kept", "signatures"):
                self.con.execute(f"DELETE FROM {table}")

    def put_kept(self, rows: dict[str, str]) -> None:
        con = self.con
        with self._transaction():
            insert_columns(con, "kept", [list(rows), list(rows.values())], ["VARCHAR", "VARCHAR"])

    def spacy_bytes(self, doc_ids: set[str]) -> dict[str, bytes]:
        if not doc_ids:
            return {}
        rows = self.con.execute(f"SELECT doc, spacy FROM annotations WHERE doc IN ({_IDS})",
                                [json_list(sorted(doc_ids))]).fetchall()
        return {doc: _unpacked(stored) for doc, stored in rows}

    def sentences_of(self, doc_ids: Iterable[str]) -> dict[str, list[Sentence]]:
        """Sentences of many documents in one query, by document, in order."""
        out: dict[str, list[Sentence]] = {}
        rows = self.con.execute(f'SELECT doc, idx, start, "end", text FROM sentences WHERE doc IN ({_IDS}) '
                                "ORDER BY doc, idx", [json_list(sorted(set(doc_ids)))]).fetchall()
        for r in rows:
            out.setdefault(r[0], []).append(Sentence(doc=r[0], index=r[1], start=r[2], end=r[3], text=r[4]))
        return out

    # ----------------------------------------------------------------- rejections
    def put_rejected(self, rejections: Iterable[Rejection], examined: Iterable[str] = (),
                     roots: Iterable[Path] = (), located: Mapping[str, str] | None = None) -> None:
        """Record this run's rejections and warnings, replacing the earlier verdicts on the inputs it
        ``examined`` (a file fixed since is no longer listed as rejected) and on every file that was
        under one of the resolved input files or folders ``roots`` (a file deleted since is no
        longer listed either). ``located``: where this run's rejected files are (shown path ->
        resolved path), kept in the store only."""
        rows = list({r.id: r for r in rejections}.values())
        roots = frozenset(map(Path, roots))
        con = self.con
        stale = [p for p, where in con.execute("SELECT path, located FROM rejected_located").fetchall()
                 if _under(where, roots)]
        places = {p: w for p, w in (located or {}).items() if p in {r.path for r in rows}}
        with self._transaction():
            gone = sorted({*examined, *stale, *(r.path for r in rows)})
            con.execute("DELETE FROM rejected WHERE path IN (SELECT unnest(from_json($1, '[\"VARCHAR\"]')))",
                        [json.dumps(gone)])
            con.execute("DELETE FROM rejected_located WHERE path IN (SELECT unnest(from_json($1, '[\"VARCHAR\"]')))",
                        [json.dumps(sorted({*stale, *places}))])
            if places:
                insert_columns(con, "rejected_located (path, located)", [list(places), list(places.values())],
                               ["VARCHAR", "VARCHAR"])
            insert_columns(con, "rejected (id, path, line, reason, severity)",
                           [[r.id for r in rows], [r.path for r in rows], [r.line for r in rows],
                            [r.reason for r in rows], [r.severity for r in rows]],
                           ["VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "VARCHAR"])

    def rejected(self) -> list[Rejection]:
        rows = self.con.execute(f"SELECT path, line, reason, {self._column('rejected', 'severity', chr(39) + 'rejected' + chr(39))} FROM rejected "
                                "ORDER BY severity, path, line NULLS FIRST, reason").fetchall()
        return [Rejection(path=r[0], line=r[1], reason=r[2], severity=r[3] or "rejected") for r in rows]

    # ----------------------------------------------------------------- reconciled items
    def replace_items(self, dossier: Dossier) -> None:
        """Replace the reconciled dossier as a whole, in one transaction. The table is dropped and
        made again: deleting its rows cost more than writing them (the DELETE of the 150,000 items of
        a 4,600-article dossier and its commit took 3 s of 5; dropped, the whole write takes 2)."""
        con = self.con
        with self._transaction():
            con.execute("DROP TABLE items")
            con.execute(_ITEMS_TABLE)
            con.execute("UPDATE documents SET duplicate_of = NULL")
            dups = [d for d in dossier.documents if d.duplicate_of]
            if dups:
                con.execute("UPDATE documents SET duplicate_of = m.dup FROM (SELECT unnest(from_json($1, '[\"VARCHAR\"]')) "
                            "AS id, unnest(from_json($2, '[\"VARCHAR\"]')) AS dup) m WHERE documents.id = m.id",
                            [json_list(d.id for d in dups), json_list(d.duplicate_of for d in dups)])
            for kind in ITEM_KINDS:
                items = getattr(dossier, kind)
                insert_columns(con, "items", [[kind] * len(items), [i.id for i in items], list(range(len(items))),
                                       [_dumps(i) for i in items]], ["VARCHAR", "VARCHAR", "INTEGER", "VARCHAR"])
            con.execute("INSERT OR REPLACE INTO meta VALUES ('dossier_meta', ?)", [json.dumps(dossier.meta)])
            # what reconciling learned about each document (an outlet from its dateline, the
            # outlets it cites): kept beside the stored document, which stays as it was read
            learned = {d.id: {"outlet": d.outlet, "cites": list(d.cites), "based_on": d.based_on}
                       for d in dossier.documents}
            con.execute("INSERT OR REPLACE INTO meta VALUES ('documents_reconciled', ?)",
                        [json.dumps(learned, ensure_ascii=False)])

    def items(self, kind: str) -> list:
        cls = ITEM_KINDS[kind]
        rows = self.con.execute("SELECT data FROM items WHERE kind = ? ORDER BY pos", [kind]).fetchall()
        return [from_jsonable(cls, json.loads(r[0])) for r in rows]

    def dossier(self) -> Dossier:
        """Read the whole dossier back."""
        meta = json.loads(self.get_meta("dossier_meta") or "{}")
        learned = json.loads(self.get_meta("documents_reconciled") or "{}")
        documents = [replace(d, outlet=x.get("outlet"), cites=tuple(x.get("cites") or ()), based_on=x.get("based_on"))
                     if (x := learned.get(d.id)) else d for d in self.documents()]
        return Dossier(
            documents=tuple(documents),
            rejected=tuple(self.rejected()),
            meta=meta,
            **{kind: tuple(self.items(kind)) for kind in ITEM_KINDS},
        )

    def counts(self) -> dict[str, int]:
        out = {"documents": self.con.execute("SELECT count(*) FROM annotations").fetchone()[0],
               "rejected": self.con.execute("SELECT count(*) FROM rejected").fetchone()[0]}
        for kind in ITEM_KINDS:
            out[kind] = self.con.execute("SELECT count(*) FROM items WHERE kind = ?", [kind]).fetchone()[0]
        return out


def read_corrections(folder: Path) -> tuple[list[Correction], list[str]]:
    """The corrections recorded in ``folder`` and a problem line for each unreadable record
    (a line cut short by a crash is reported and skipped, the others still apply)."""
    path = Path(folder) / CORRECTIONS_NAME
    if not path.is_file():
        return [], []
    out, problems = [], []
    for lineno, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            out.append(from_jsonable(Correction, data))
        except (ValueError, TypeError, KeyError) as exc:
            problems.append(f"{path}:{lineno}: not a correction record ({exc})")
    return out, problems


def append_correction(folder: Path, correction: Correction) -> Correction:
    """Append ``correction`` to ``folder``'s corrections with the next number; returns it numbered."""
    import os

    corrections, _ = read_corrections(folder)
    numbered = replace(correction, n=max((c.n for c in corrections), default=0) + 1)
    path = Path(folder) / CORRECTIONS_NAME
    line = json.dumps(to_jsonable(numbered), ensure_ascii=False, sort_keys=True)
    with open(path, "a", encoding="utf-8") as f:
        if f.tell() and not path.read_bytes().endswith(b"\n"):
            f.write("\n")  # a line cut short by a crash stays on its own line
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())
    return numbered
