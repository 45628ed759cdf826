"""The build: ingest -> clean -> annotate -> store -> reconcile -> export.

Only this module, ``ingest``, ``store`` and ``export`` do I/O; every stage it calls
is a pure function of its input and the settings.

A build is resumable and idempotent:

- documents are keyed by the hash of their raw text; one already in the store is
  skipped, so ``add`` and a re-run process only new articles;
- a document and all its annotations are written in one transaction, so a build
  killed at any point leaves whole documents only, and the next run completes it;
- the reconcile stage (entities, events, findings...) always runs over every stored
  document from the stored annotations (spaCy ``Doc`` bytes included), without the
  model, and replaces the reconciled items in one transaction.
"""

from __future__ import annotations

import gc
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

import numpy

from .annotate import document as annotate, nlp
from .annotate.timex import stamps
from .ingest import clean, read as ingest
from .reconcile.entities import EntityIndex
from .errors import ConfigError, PipelineError, StoreError
from .records import (
    Amount, Correction, Document, Dossier, Entity, Event, EventDate, EventMention, Evidence, Quote, RawDocument,
    Rejection, outlet_key, to_jsonable, warning,
)
from .settings import Settings
from .store import Store, read_corrections

DOSSIER_JSON = "dossier.json"


# Python's cyclic garbage collector looks at its youngest objects every 700 allocations and at the
# whole heap whenever that has grown by a quarter. A build holds millions of objects that live until
# it ends (the model's vocabulary, every document's mentions, events and parse), so the whole-heap
# passes grow with the story and free little: 23 of them took 13 s of a 147 s reconcile of 4,616
# Timeline17 articles (gen0/1/2 0.9 + 1.3 + 13.1 s, timed with gc.callbacks). With these thresholds,
# young passes every 10,000 allocations and the whole heap looked at a hundredth as often, the same
# reconcile spent 5.3 s collecting (one whole-heap pass) at the same peak memory. Python has no
# other knob for this; the previous thresholds come back when the build ends.
BUILD_GC_THRESHOLDS = (10_000, 10, 100)


@contextmanager
def fewer_collections():
    """Run a build's stages with :data:`BUILD_GC_THRESHOLDS`, then restore the caller's."""
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@dataclass(frozen=True)
class BuildResult:
    dossier: Dossier
    out: Path | None
    new: int
    skipped: int
    rejected: tuple[Rejection, ...]


def check_contracts() -> None:
    """Fail before the first document if a stage the pipeline needs is missing."""
    needs = {
        "annotate.timex": "tag", "annotate.quantities": "extract", "annotate.quotes": "extract",
        "reconcile.ledger": "assign", "reconcile.events": "extract", "reconcile.coref": "cluster",
        "reconcile.findings": "find", "reconcile.relations": "derive", "tls": "key_ranking",
    }
    import importlib

    missing = []
    for module, func in needs.items():
        try:
            mod = importlib.import_module(f"storyline.{module}")
        except ImportError as exc:
            missing.append(f"storyline.{module} ({exc})")
            continue
        if not callable(getattr(mod, func, None)):
            missing.append(f"storyline.{module}.{func}")
    if missing:
        raise PipelineError("the pipeline cannot run, these stages are missing: " + "; ".join(missing))


@contextmanager
def _writing(out: Path):
    """Turn a failure to write the dossier's folder (DuckDB's error at a checkpoint on a full disk,
    an OSError on a file inside ``out``) into a :class:`StoreError` that says so in one line;
    anything else passes through."""
    import duckdb

    try:
        yield
    except duckdb.Error as exc:
        raise StoreError(f"the dossier's store in {out} could not be written: {exc}") from exc
    except OSError as exc:
        if not exc.filename or not Path(exc.filename).resolve().is_relative_to(out.resolve()):
            raise
        raise StoreError(f"{exc.filename}: {exc.strerror or exc}") from exc


@fewer_collections()
def build(paths: Iterable[str | Path], out: Path | None = None, *, manifest: Path | None = None,
          settings: Settings | None = None, progress: bool = False, reconcile_now: bool = True,
          fetcher=None, prune: bool = True) -> BuildResult:
    """Build (or complete) the dossier for ``paths`` in ``out``. With ``out=None`` the
    store lives in a temporary folder and only the :class:`Dossier` is returned.

    ``paths`` may hold ``http(s)://`` URLs of articles, feeds and sitemaps, fetched by ``fetcher``
    (an :class:`~storyline.ingest.fetch.Fetcher`; default: one made from ``settings``).

    ``reconcile_now=False`` only annotates new articles into the store (for loading a
    large pile in several calls); the last call reconciles and writes the dossier.

    A re-run converges on what a fresh build of the same inputs gives: with ``prune`` (``build``;
    :func:`add` does not prune) a stored document read from under a file or folder given here that
    this run no longer finds (deleted, moved, now unreadable) is removed, with a warning, and the
    earlier rejections under those inputs are replaced by this run's."""
    settings = settings or Settings()
    check_contracts()
    if out is None:
        with tempfile.TemporaryDirectory(prefix="storyline-") as tmp:
            result = build(paths, Path(tmp), manifest=manifest, settings=settings, progress=progress,
                           fetcher=fetcher)
            return replace(result, out=None)
    out = Path(out)
    from .ingest.fetch import Fetcher

    found = ingest.ingest(paths, manifest, date_order=settings.date_order, exclude=[out],
                          fetcher=fetcher or Fetcher(settings), limits=_limits(settings),
                          max_chars=settings.max_article_chars)
    with _writing(out):  # a full disk or an unwritable folder: one StoreError, not a traceback
        with Store(out) as store:
            if store.recovered:
                found.rejected.append(warning(str(out.name or out), store.recovered))
            store.set_meta("settings", _settings_json(settings))
            known = store.known_ids()
            new: dict[str, RawDocument] = {}
            skipped = 0
            again: dict[str, RawDocument] = {}
            first: dict[str, str] = {}
            for raw in found.documents:
                doc_id = clean.document_id(raw)
                if doc_id in first and first[doc_id] != raw.source_key:
                    found.rejected.append(warning(raw.source_key, f"the same text as {first[doc_id]}: one document"))
                first.setdefault(doc_id, raw.source_key)
                if doc_id in known or doc_id in new:
                    skipped += 1
                    if doc_id in known:
                        again.setdefault(doc_id, raw)
                    continue
                new[doc_id] = raw
            _refresh_metadata(store, again)
            # documents whose file was under this run's inputs and is not found again: deleted, moved
            gone = {doc_id: shown for doc_id, shown in store.located_under(found.roots).items()
                    if doc_id not in first} if prune else {}
            if gone:
                store.remove_documents(gone)
            store.put_located({doc_id: found.located[raw.source_key] for doc_id, raw in {**new, **again}.items()
                               if raw.source_key in found.located})
            # each article once: one already stored and given again (a resumed build, an add of the same
            # folder) counted twice made a line in two documents "repeated in 3" and could make furniture
            # of a line only one other article has
            corpus = clean.line_counts(dict.fromkeys([*store.raw_texts(), *(raw.text for raw in found.documents)]))
            clean_settings = clean.CleanSettings(min_prose_words=settings.min_prose_words,
                                                 near_duplicate_threshold=settings.near_duplicate_threshold)
            docs, kept = [], []
            for raw in new.values():
                try:
                    doc = clean.clean(raw, corpus, clean_settings)
                except Exception as exc:  # one document's failure never stops the build
                    found.rejected.append(Rejection(raw.source_key, f"cleaning failed: {type(exc).__name__}: {exc}"[:300]))
                    continue
                if not doc.text.strip():
                    found.rejected.append(Rejection(raw.source_key, "nothing left after cleaning: the file holds page "
                                                                    "furniture only (menus, bylines, links)"))
                    continue
                docs.append(doc)
                kept.append(raw)
            store.put_rejected(found.rejected, found.examined, found.roots if prune else (), found.located)
            # said once, in this run's table; not stored: a fresh build of the same inputs has no such line
            found.rejected.extend(warning(path, "removed from the dossier: its input is no longer there")
                                  for path in sorted(gone.values()))
            raw_text = {doc.id: raw.text for doc, raw in zip(docs, kept)}
            fresh = _annotate_into(store, docs, raw_text, settings, progress, found.rejected)
            if not reconcile_now:
                return BuildResult(dossier=Dossier(), out=out, new=len(docs), skipped=skipped,
                                   rejected=tuple(found.rejected))
            dossier = reconcile(store, settings, fresh, found.rejected)
            store.replace_items(dossier)
        write_json(dossier, out)
    return BuildResult(dossier=dossier, out=out, new=len(docs), skipped=skipped, rejected=tuple(found.rejected))


def _refresh_metadata(store: Store, seen: dict[str, RawDocument]) -> None:
    """Documents already built take the metadata this run gives them (a corrected manifest row, a
    fixed date), so a re-run converges on what a fresh build of the same inputs gives. A new
    publication date re-resolves the document's time expressions (rules only: no model)."""
    stored = store.document_meta(seen)
    updates: dict[str, dict] = {}
    timexes: dict[str, list] = {}
    for doc_id, raw in seen.items():
        old = stored.get(doc_id)
        if old is None:
            continue
        now = {"path": raw.source_key, "title": raw.title, "outlet": raw.outlet, "url": raw.url,
               "published": raw.published, "published_from": raw.published_from,
               "published_precision": raw.published_precision}
        changed = {k: v for k, v in now.items() if v != old[k]}
        if not changed:
            continue
        updates[doc_id] = changed
        if {"published", "published_precision"} & changed.keys():
            timexes[doc_id] = list(annotate.time_expressions(old["text"], raw.published, raw.published_precision,
                                                             doc_id))
    if updates:
        store.update_metadata(updates, timexes)


def _limits(settings: Settings):
    from .ingest.formats import Limits

    return Limits(max_bytes=settings.max_input_mb * 2**20, max_expansion_ratio=settings.max_expansion_ratio,
                  max_json_depth=settings.max_json_depth)


def add(out: Path, paths: Iterable[str | Path], *, manifest: Path | None = None,
        progress: bool = False, fetcher=None) -> BuildResult:
    """Add articles to an existing dossier, with the settings it was built with."""
    with Store(out, read_only=True) as store:
        saved = store.get_meta("settings")
    settings = _settings_from_json(saved) if saved else Settings()
    return build(paths, out, manifest=manifest, settings=settings, progress=progress, fetcher=fetcher, prune=False)


# ----------------------------------------------------------------------------- watching feeds

@dataclass(frozen=True)
class Poll:
    """One look at the watched feeds, and what it added."""

    n: int
    at: str  # local time, to the second
    links: int  # article links the feeds list
    new: tuple[str, ...]  # the links not in the dossier yet (fetched and built)
    failed: tuple[Rejection, ...]  # feeds (or child sitemaps) that could not be read this time
    result: BuildResult | None  # None when nothing was new


def poll(feeds: Sequence[str], out: Path, *, settings: Settings | None = None, fetcher=None, n: int = 1) -> Poll:
    """Read the feeds and sitemaps once, then fetch and add the entries not in the dossier in ``out``
    yet: known by the URL a document was fetched from or its canonical URL, so a restarted watch adds
    nothing twice (an entry rejected earlier is tried again). Builds the dossier when ``out`` has
    none yet (with ``settings``), else adds to it (with the settings it was built with). Fetching
    always uses ``fetcher`` (default: one made from ``settings``)."""
    from datetime import datetime

    from .errors import InputError
    from .ingest.fetch import Fetcher, url_key
    from .store import STORE_NAME

    settings = settings or Settings()
    fetcher = fetcher or Fetcher(settings)
    out = Path(out)
    at = datetime.now().isoformat(sep=" ", timespec="seconds")
    links, failed = [], []
    for feed in feeds:
        try:
            found, bad = fetcher.links(str(feed), conditional=True)
        except InputError as exc:
            failed.append(Rejection(str(feed), exc.reason))
            continue
        links.extend(found)
        failed.extend(bad)
    exists = (out / STORE_NAME).exists()
    known: set[str] = set()
    if exists:
        with Store(out, read_only=True) as store:
            known = {url_key(u) for d in store.documents() for u in (d.path, d.url) if u}
    new = []
    for link in links:
        if url_key(link.url) not in known:
            known.add(url_key(link.url))
            new.append(link)
    result = None
    if new:
        result = (add(out, new, fetcher=fetcher) if exists
                  else build(new, out, settings=settings, fetcher=fetcher))
    return Poll(n=n, at=at, links=len(links), new=tuple(link.url for link in new), failed=tuple(failed),
                result=result)


def watch(feeds: Sequence[str], out: Path, *, settings: Settings | None = None, interval: float = 900.0,
          once: bool = False, report=None) -> Poll:
    """Poll the feeds every ``interval`` seconds (:func:`poll`), calling ``report`` with each
    :class:`Poll`; with ``once``, poll once and return it. One fetcher serves every poll, so
    robots.txt, the per-host delay and the feeds' ETag / Last-Modified carry over."""
    import time

    from .ingest.fetch import Fetcher, is_url

    feeds = [str(f) for f in feeds]
    if not feeds:
        raise ConfigError("watch needs at least one feed or sitemap URL")
    if bad := [f for f in feeds if not is_url(f)]:
        raise ConfigError(f"watch takes http(s) URLs of feeds and sitemaps, not {bad[0]!r}")
    if not interval > 0:
        raise ConfigError(f"the interval must be more than 0 seconds, got {interval!r}")
    fetcher = Fetcher(settings)
    n = 0
    while True:
        n += 1
        done = poll(feeds, out, settings=settings, fetcher=fetcher, n=n)
        if report is not None:
            report(done)
        if once:
            return done
        time.sleep(interval)


def poll_line(p: Poll) -> str:
    """One line per poll for the terminal."""
    line = f"poll {p.n} at {p.at}: {p.links} links, {len(p.new)} new"
    if p.result is not None:
        line += f"; {summary_line(p.result)}"
        line += "".join(f"; {r.severity} {r}" for r in p.result.rejected)
    return line + "".join(f"; cannot read {r.path}: {r.reason}" for r in p.failed)


@fewer_collections()
def rebuild(out: Path) -> Dossier:
    """Reconcile the dossier in ``out`` again from its store (no article is re-read or
    re-annotated), with the settings it was built with and its corrections; rewrites the
    stored items and ``dossier.json``."""
    out = Path(out)
    with Store(out, read_only=True) as store:
        saved = store.get_meta("settings")
    settings = _settings_from_json(saved) if saved else Settings()
    with Store(out) as store:
        dossier = reconcile(store, settings)
        store.replace_items(dossier)
    write_json(dossier, out)
    return dossier


@dataclass(frozen=True)
class Corrected:
    """A correction just recorded and what it did in the rebuilt dossier."""

    correction: Correction
    status: str
    detail: str
    dossier: Dossier


def correct(out: Path, op: str, kind: str, target: str = "", value: str = "", others: Sequence[str] = (),
            undo: int | None = None) -> Corrected:
    """Record one correction of the dossier in ``out`` (see :mod:`storyline.reconcile.corrections`)
    and rebuild the dossier with it. ``target``/``others``: ids, names or aliases (for events and
    findings: an id, or words of the summary that pick out one); ``undo``: the number of the
    correction to undo (``op="undo"``; None: the last one in force)."""
    from datetime import datetime, timezone

    from .reconcile import corrections as corrections_mod
    from .store import append_correction

    out = Path(out)
    with Store(out, read_only=True) as store:
        current = store.dossier()
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if op == "undo":
        in_force = corrections_mod.active(read_corrections(out)[0])
        if not in_force:
            raise ConfigError(f"{out} has no correction to undo")
        pick = [c for c in in_force if undo is None or c.n == undo]
        if not pick:
            raise ConfigError(f"correction {undo} is not in force in {out}; in force: "
                              + ", ".join(str(c.n) for c in in_force))
        record = Correction(n=0, op="undo", kind=pick[-1].kind, target=pick[-1].target, name=pick[-1].name,
                            undoes=pick[-1].n, at=now)
    else:
        if op not in corrections_mod.OPS.get(kind, ()):
            raise ConfigError(f"cannot {op} a {kind}: a {kind} can be "
                              + ", ".join(corrections_mod.OPS.get(kind, ("corrected as entity, event or finding",))))
        record = _correction(current, op, kind, target, value, others, now)
    numbered = append_correction(out, record)
    dossier = rebuild(out)
    outcome = next((o for o in dossier.meta.get("corrections", []) if isinstance(o, dict)
                    and o.get("n") == (numbered.undoes if op == "undo" else numbered.n)), None)
    if op == "undo":
        return Corrected(numbered, "applied", f"correction {numbered.undoes} undone", dossier)
    return Corrected(numbered, outcome["status"] if outcome else "unmatched",
                     outcome["detail"] if outcome else "", dossier)


def _correction(current: Dossier, op: str, kind: str, target: str, value: str, others: Sequence[str],
                now: str) -> Correction:
    """Check a correction against the current dossier and say what it names, for re-application."""
    from difflib import get_close_matches

    from .reconcile import corrections as corrections_mod

    if kind == "entity":
        entities = {e.id: e for e in current.entities}

        def entity(ref: str) -> Entity:
            eid = corrections_mod.find_entity(entities, ref)
            if eid is None:
                near = get_close_matches(ref, sorted({e.name for e in current.entities}), n=3)
                hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
                raise ConfigError(f"no entity {ref!r} in this dossier{hint}")
            return entities[eid]

        e = entity(target)
        value = " ".join(value.split())
        if op == "rename" and not value:
            raise ConfigError("rename needs the new name")
        if op == "retype":
            value = value.upper()
            if value not in corrections_mod.ENTITY_TYPES:
                raise ConfigError(f"unknown entity type {value!r}: use one of "
                                  + ", ".join(corrections_mod.ENTITY_TYPES))
        if op == "split":
            forms = {corrections_mod._key(f): f for f in (e.name, *e.aliases)}
            if corrections_mod._key(value) not in forms:
                raise ConfigError(f"{e.name} is never written {value!r}; its forms: " + ", ".join(sorted(forms.values())))
        merged = [entity(o) for o in others] if op == "merge" else []
        if op == "merge" and (not merged or any(m.id == e.id for m in merged)):
            raise ConfigError("merge needs one or more other entities to fold into " + repr(e.name))
        return Correction(n=0, op=op, kind=kind, target=e.id, name=e.name, value=value,
                          others=tuple(m.id for m in merged), other_names=tuple(m.name for m in merged), at=now)
    items = current.events if kind == "event" else current.findings
    hit = [it for it in items if it.id == target]
    if not hit:
        words = " ".join(target.split()).casefold()
        hit = [it for it in items if words and words in " ".join(it.summary.split()).casefold()]
    if len(hit) != 1:
        raise ConfigError(f"no {kind} {target!r} in this dossier" if not hit else
                          f"{len(hit)} {kind}s match {target!r}; give its id: "
                          + ", ".join(f"{it.id} ({it.summary[:50]})" for it in hit[:5]))
    it = hit[0]
    return Correction(n=0, op=op, kind=kind, target=it.id, name=it.summary,
                      spans=tuple(sorted((ev.doc, ev.start, ev.end) for ev in it.evidence)), at=now)


def _settings_json(settings: Settings) -> str:
    import json

    return json.dumps(settings.as_dict(), sort_keys=True)


def _settings_from_json(text: str) -> Settings:
    import json

    known = {k: v for k, v in json.loads(text).items() if k in Settings.__dataclass_fields__}
    return Settings(**known)


_EMPTY_TENSOR = numpy.zeros((0, 0), dtype="float32")
AnnotatedRow = tuple  # (Document, sentences, mentions, timexes, amounts, spacy bytes)


def _row(ann: annotate.Annotated) -> AnnotatedRow:
    return (ann.document, ann.sentences, ann.mentions, ann.timexes, ann.amounts,
            ann.spacy_doc.to_bytes(exclude=["tensor", "user_data"]))


@fewer_collections()
def annotate_batch(docs: Sequence[Document], model: str, batch_size: int) -> list[AnnotatedRow]:
    """Annotate documents and return plain, picklable rows (what a Dask worker sends back)."""
    return [_row(ann) for ann in annotate.annotate_docs(docs, model=model, batch_size=batch_size)]


# Parsed spaCy Docs of this run kept in memory for the reconcile stage (reading them back from
# the store costs about 1 ms each); past this many, the rest are read back like older ones.
KEEP_DOCS_IN_MEMORY = 5000


def annotate_safely(docs: Sequence[Document], model: str, batch_size: int) -> tuple[list[AnnotatedRow], list[Rejection]]:
    """:func:`annotate_batch`, redoing a failed batch one document at a time: the rows of the
    documents that could be annotated, and a rejection for each that could not."""
    try:
        return annotate_batch(docs, model, batch_size), []
    except Exception:
        rows, failed = [], []
        for doc in docs:
            try:
                rows.extend(annotate_batch([doc], model, 1))
            except Exception as exc:
                failed.append(Rejection(doc.path, f"annotation failed: {type(exc).__name__}: {exc}"[:300]))
        return rows, failed


def workers_for(settings: Settings, n_docs: int) -> int:
    """How many processes annotate ``n_docs`` documents: ``workers`` (0: every core this process may
    use), and one when there are too few documents to be worth the processes' start."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    wanted = settings.workers or cores
    return max(1, min(wanted, n_docs // MIN_DOCS_PER_WORKER))


# a worker process costs a fork and a warm-up; below this many documents each, one process is faster
MIN_DOCS_PER_WORKER = 24


def _batches(docs: Sequence[Document], settings: Settings) -> list[list[Document]]:
    """Consecutive documents in batches of at most ``batch_size`` documents and, past its first
    document, at most ``max_article_chars`` characters: the parser's memory grows with the text it
    is given at once (about 3 GB per MB here, ``bench/bench_memory.py``), so the parts of a split
    book-length file are parsed one batch each instead of all together."""
    size, cap = max(1, settings.batch_size), settings.max_article_chars or 0
    out: list[list[Document]] = []
    chars = 0
    for doc in docs:
        if not out or len(out[-1]) >= size or (cap and chars + len(doc.text) > cap):
            out.append([])
            chars = 0
        out[-1].append(doc)
        chars += len(doc.text)
    return out


def _pool_rows(docs: Sequence[Document], settings: Settings, workers: int, failed: list[Rejection]):
    """Annotate in ``workers`` forked processes, each with the model loaded once, in chunks, the rows
    coming back in document order: the same rows, id for id, as one process gives (tested). spaCy's
    own ``n_process`` parallelises only the model; this parallelises storyline's annotators (time,
    money) too."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, settings.batch_size)
    chunks = _batches(docs, settings)
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=nlp.load, initargs=(settings.model,)) as pool:
        for rows, bad in pool.map(annotate_safely, chunks, [settings.model] * len(chunks), [size] * len(chunks)):
            failed.extend(bad)
            yield from rows


def _local_rows(docs: Sequence[Document], settings: Settings, fresh: dict, failed: list[Rejection] | None = None):
    """Annotated rows, a batch at a time; a batch that fails is redone one document at a time, and a
    document that fails alone is recorded in ``failed`` (the build goes on without it)."""
    size = max(1, settings.batch_size)
    for chunk in _batches(docs, settings):
        try:
            anns = list(annotate.annotate_docs(chunk, model=settings.model, batch_size=size))
        except Exception:
            anns = []
            for doc in chunk:
                try:
                    anns.extend(annotate.annotate_docs([doc], model=settings.model, batch_size=1))
                except Exception as exc:
                    if failed is None:
                        raise
                    failed.append(Rejection(doc.path, f"annotation failed: {type(exc).__name__}: {exc}"[:300]))
        for ann in anns:
            if len(fresh) < KEEP_DOCS_IN_MEMORY:
                ann.spacy_doc.tensor = _EMPTY_TENSOR  # the embeddings are not needed later; they are 3/4 of a Doc
                fresh[ann.document.id] = ann.spacy_doc
            yield _row(ann)


def _dask_rows(docs: Sequence[Document], settings: Settings, failed: list[Rejection]):
    """Annotate on a Dask cluster: ``local:N`` starts N local worker processes, anything
    else is the address of a running scheduler (``tcp://host:8786``). What travels to a worker is
    one batch of cleaned documents (text and metadata) and the model's name; what comes back is the
    batch's plain rows (:func:`annotate_safely`: a document that fails alone comes back as a
    rejection). Results are written by this process as they arrive, so the store keeps one writer;
    a batch whose worker dies is run again on another by the scheduler, and each batch's rows are
    taken once, from its one future."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        from .errors import MissingExtraError

        raise MissingExtraError("distributed", "dask[distributed]") from exc
    spec = settings.scheduler
    cluster = None
    if spec.startswith("local:"):
        cluster = LocalCluster(n_workers=int(spec.split(":", 1)[1] or 2), threads_per_worker=1,
                               dashboard_address=None, processes=True)
        client = Client(cluster)
    else:
        client = Client(spec)
    try:
        futures = [client.submit(annotate_safely, chunk, settings.model, settings.batch_size, pure=False)
                   for chunk in _batches(docs, settings)]
        for future in as_completed(futures):
            rows, bad = future.result()
            failed.extend(bad)
            yield from rows
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# Annotated documents are written this many at a time, each write one transaction of whole
# documents (a build killed midway loses at most these to annotate again): a DuckDB statement
# costs about 8 ms however few its rows, and a write makes four. Writing 64 instead of one spaCy
# batch (16) took the store's share of 200 Timeline17 articles from 0.58 s to 0.39 s.
STORE_EVERY_DOCS = 64


def _annotate_into(store: Store, docs: Sequence[Document], raw_text: dict[str, str], settings: Settings,
                   progress: bool, rejected: list[Rejection] | None = None) -> dict:
    """Annotate ``docs`` into the store; returns the spaCy Docs kept in memory (by document id). A
    document whose annotation fails is recorded as rejected (and appended to ``rejected``)."""
    fresh: dict = {}
    if not docs:
        return fresh
    failed: list[Rejection] = []
    workers = workers_for(settings, len(docs))
    if settings.scheduler:
        rows = _dask_rows(docs, settings, failed)
    elif workers > 1:
        rows = _pool_rows(docs, settings, workers, failed)
    else:
        rows = _local_rows(docs, settings, fresh, failed)
    bar = None
    if progress and len(docs) > settings.progress_after_docs:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                       TimeRemainingColumn(), transient=True)
        bar.start()
        task = bar.add_task("annotating", total=len(docs))
    batch: list[tuple] = []
    try:
        for document, sentences, mentions, timexes, amounts, data in rows:
            batch.append((document, raw_text[document.id], sentences, mentions, timexes, amounts, data))
            if len(batch) >= STORE_EVERY_DOCS:
                store.put_annotated(batch)
                if bar is not None:
                    bar.advance(task, len(batch))
                batch = []
        store.put_annotated(batch)
    finally:
        if bar is not None:
            bar.stop()
        if failed:
            store.put_rejected(failed)
            if rejected is not None:
                rejected.extend(failed)
    return fresh


def same_outlet_spelling(documents: Sequence[Document]) -> list[Document]:
    """One spelling per outlet: names that differ only in case or spacing ("Reuters",
    "reuters ") are one source for findings and for the web app alike; the most frequent
    spelling wins (ties: the first in sort order)."""
    from collections import Counter

    counts = Counter(" ".join(d.outlet.split()) for d in documents if outlet_key(d.outlet))
    spelling: dict[str, str] = {}
    for name, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        spelling.setdefault(outlet_key(name), name)
    return [replace(d, outlet=spelling[outlet_key(d.outlet)]) if outlet_key(d.outlet) else d for d in documents]


def _near_copies(store: Store, documents: list[Document], settings: clean.CleanSettings) -> dict[str, str]:
    """:func:`clean.near_duplicates` with each document's MinHash signature kept in the store: a
    reconcile hashes only the texts it has no signature of (by the key of what it was made from),
    and stores those. The same copies as hashing every text again (tested)."""
    import numpy as np

    stored = store.signatures()
    known, made = {}, {}
    for d in documents:
        key = clean.signature_key(d.text, settings)
        if stored.get(d.id, ("", b""))[0] == key:
            known[d.id] = np.frombuffer(stored[d.id][1], dtype=np.uint64)
        else:
            known[d.id] = clean.minhash_signature(d.text, settings)
            # stored as uint64, the widest any datasketch scheme gives (affine32's are uint32)
            made[d.id] = (key, known[d.id].astype(np.uint64).tobytes())
    store.put_signatures(made)
    return clean.near_duplicates(documents, settings, known)


@fewer_collections()
def reconcile(store: Store, settings: Settings, fresh: dict | None = None,
              rejected: list[Rejection] | None = None) -> Dossier:
    """Corpus-wide stage over every stored document: copies, entities, ledger roles,
    event mentions, quotes, cross-document events, findings and relations. ``fresh``: spaCy
    Docs already in memory (by document id); the others are read back from the store. A document
    whose per-document part fails is kept without its events, amounts and quotes, with a warning
    (stored, and appended to ``rejected``)."""
    fresh = fresh or {}
    from .reconcile import coref, corrections as corrections_mod, entities as entities_mod
    from .reconcile import findings as findings_mod, ledger, sources
    from .reconcile import relations as relations_mod
    from . import tls
    from .tls.dossier import story_sentences

    documents = store.documents()
    copies = _near_copies(store, documents, clean.CleanSettings(
        near_duplicate_threshold=settings.near_duplicate_threshold))
    documents = same_outlet_spelling([replace(d, duplicate_of=copies.get(d.id),
                                              outlet=d.outlet or sources.own_outlet(d.text))
                                      for d in documents])
    attribution = sources.Attribution.build({d.id: d for d in documents}, copies)
    documents = [replace(d, cites=attribution.cites.get(d.id, ()), based_on=attribution.based_on.get(d.id))
                 for d in documents]
    docmap = {d.id: d for d in documents}
    stored = list(store.annotations(set(docmap), spacy_for=set()))
    sentences_of = store.sentences_of(docmap)
    all_mentions = [m for _, mentions, _, _, _ in stored for m in mentions]
    corrections, correction_problems = read_corrections(store.folder)
    entities, entity_of = entities_mod.reconcile(all_mentions, texts={d.id: d.text for d in documents})
    entities, entity_of, corrected = corrections_mod.apply_to_entities(entities, entity_of, all_mentions,
                                                                       corrections)
    index = EntityIndex(entities, entity_of, all_mentions)
    amounts, mentions, quotes = _per_document(store, stored, docmap, sentences_of, index, settings, fresh, rejected)
    amounts = ledger.running_totals(ledger.fill_parties(amounts), docmap)
    written: dict[str, list] = {}  # each live page's update stamps (:func:`_reported_by`)
    events = [_dated(e, docmap, written) for e in coref.cluster(mentions, docmap, copies,
                                                                amounts={a.id: a for a in amounts})]
    events, rejected_events = corrections_mod.reject_items(events, "event", corrections)
    ranked = tls.rank_events(events)
    events = [replace(e, score=round(float(score), 6)) for e, score in ranked]
    story, _ = story_sentences(documents, sentences_of, {doc_id: t for doc_id, _, t, _, _ in stored})
    # a day's event is headed by its evidence sentence closest to what the story says of that day,
    # and the event that says it best leads its day
    story = tls.once_each(story)
    evidence_named = {e.id: [{eid for _, eid in index.mentions_in(ev.doc, ev.start, ev.end) if eid}
                             for ev in e.evidence] for e in events}
    named = {e.id: set(e.entities).union(*evidence_named[e.id]) for e in events}
    published = {d.id: d.published for d in documents if d.published}
    places = frozenset(x for x, ent in index.entities.items() if ent.type in entities_mod.PLACES)
    parties = tls.story_parties(events, evidence_named, len(published) or len(documents), places)
    words = tls.story_words([d.text for d in documents], [d.outlet for d in documents if d.outlet])
    outlets = sources.outlet_entities(index.entities, docmap)
    # which sentences may head an event matters only for the events the key timeline can rank
    # (happenings: key_ranking passes over the others before it looks at their heads)
    done: set[tuple[str, int, int]] = set()  # the sentences that say their act happened
    times: dict[tuple[str, int, int], list[tuple[str, str]]] = {}  # the days each sentence's mentions give
    for m in mentions:
        if m.mood == "actual":
            done.add((m.doc, m.start, m.end))
        if m.time is not None and m.time.start_date and m.time.end_date:
            times.setdefault((m.doc, m.start, m.end), []).append((m.time.start_date, m.time.end_date))
    apart = {doc_id for doc_id, sents in sentences_of.items() if tls.schedule_page(x.text for x in sents)}
    apart |= {d.id for d in documents if tls.off_story(d.text, words)}
    apart |= {d.id for d in documents if clean.lists_other_pages(d)}
    heads = {e.id: tls.told(e, evidence_named[e.id], parties, words, outlets, done, apart, times) for e in events
             if tls.happening(e, published)}
    fit = tls.day_fit(events, story, heads=heads)
    n_key = settings.timeline_key_events or tls.default_key_events(len(documents))
    # each event's headline, as the key timeline will show it (the day's repeats go after its others)
    shown = {e.id: tls.headline(e.evidence[i].text) for e in events
             if e.id in heads and (i := tls.lead(e, heads[e.id], fit)) is not None}
    ranks = tls.key_ranking(events, story, published=published, fit={eid: score for eid, (_, score) in fit.items()},
                            named=named, heads=heads, evidence_named=evidence_named, key_events=n_key, shown=shown)
    events = [replace(e, summary=shown[e.id]) if e.id in ranks and e.id in shown
              and (len(e.evidence) > 1 or e.summary == e.evidence[0].text) else e for e in events]
    events = [replace(e, rank=ranks.get(e.id, 0), key=0 < ranks.get(e.id, 0) <= n_key) for e in events]
    event_of_amount = {a: e.id for e in events for a in e.amounts}
    amounts = [replace(a, event=event_of_amount.get(a.id)) for a in amounts]
    findings, covered = findings_mod.find_with_coverage(
        events, amounts, docmap, copies, mentions=mentions, entities=index.entities, attribution=attribution,
        index=index, sentences=[x for doc_id in sorted(sentences_of) for x in sentences_of[doc_id]])
    findings, rejected_findings = corrections_mod.reject_items(findings, "finding", corrections)
    if settings.timeline_max_events:
        keep = {e.id for e in sorted(events, key=lambda e: -e.score)[: settings.timeline_max_events]}
        keep |= {e.id for e in events if e.key}
        keep |= {eid for f in findings for eid in f.events}
        events = [e for e in events if e.id in keep]
        covered = findings_mod.without_events(covered, keep)
    events.sort(key=_event_order)
    # an event names everyone its sentences name, not only the participants the parse gave roles
    # ("Nadella started meeting with Mustafa Suleyman"): the timeline's entity filter and the entity
    # pages follow these links (after ranking and findings, which weigh roles)
    events = [replace(e, entities=tuple(sorted(named[e.id]))) for e in events]
    relations = relations_mod.derive(events, mentions, quotes, amounts,
                                     types={eid: e.type for eid, e in index.entities.items()}, index=index)
    used = {eid for e in events for eid in e.entities} | {q.speaker for q in quotes if q.speaker} | {
        x for a in amounts for x in (a.payer, a.payee) if x} | {x for r in relations for x in (r.source, r.target)}
    said_at: dict[str, list[Evidence]] = {}
    for m in sorted(all_mentions, key=lambda m: (m.doc, m.start, m.end)):
        if eid := entity_of.get((m.doc, m.start, m.end)):
            said_at.setdefault(eid, []).append(Evidence(m.doc, m.start, m.end, m.text))
    entities = [replace(e, evidence=tuple(said_at.get(e.id, ()))) for e in index.entities.values()
                if e.id in used or e.mentions >= 2]
    entities.sort(key=lambda e: (-e.mentions, e.name))
    names = {e.id: e.name for e in entities}
    meta = {
        "title": _title(entities),
        "storyline_version": _version(),
        "model": nlp.model_name(settings.model),
        "settings": settings.as_dict(),
        "copies_report": sources.copies_report(copies, docmap),
        "ledger": ledger.views(amounts, docmap, names, source=lambda a: attribution.source(
            Evidence(a.doc, a.start, a.end, a.text))),
        "coverage": to_jsonable(covered),
        "counts": {"documents": len(documents), "event_mentions": len(mentions)},
        "corrections": [to_jsonable(o) for o in sorted(corrected + rejected_events + rejected_findings,
                                                       key=lambda o: o.n)] + correction_problems,
    }
    return Dossier(
        documents=tuple(documents), entities=tuple(entities), events=tuple(events), amounts=tuple(amounts),
        quotes=tuple(sorted(quotes, key=lambda q: (q.doc, q.start))), findings=tuple(findings),
        relations=tuple(relations), rejected=tuple(store.rejected()), meta=meta,
    )


def _per_document(store: Store, stored: list, docmap: dict[str, Document], sentences_of: dict, index: EntityIndex,
                  settings: Settings, fresh: dict, rejected: list[Rejection] | None = None) \
        -> tuple[list[Amount], list[EventMention], list[Quote]]:
    """Reconcile's per-document part: the ledger's roles, event mentions and quotes of each document,
    reused from the last reconcile where provably the same (:mod:`storyline.reconcile.memo`), so
    that the parse is read back from the store only for the others."""
    from .reconcile import memo

    digests, model = store.annotation_digests(), nlp.model_name(settings.model)
    prints = {doc_id: memo.fingerprint(docmap[doc_id], sentences_of.get(doc_id, ()), digests.get(doc_id, ""), model)
              for doc_id, *_ in stored}
    reused: dict[str, memo.Kept] = {}
    for doc_id, data in store.kept().items():
        if doc_id in prints and (kept := memo.reusable(data, prints[doc_id], index)):
            reused[doc_id] = kept
    parses = store.spacy_bytes({doc_id for doc_id in prints if doc_id not in reused and doc_id not in fresh})
    vocab = nlp.load(settings.model).vocab
    mentions, quotes, amounts, made, failed = [], [], [], {}, []
    for doc_id, doc_mentions, timexes, doc_amounts, _ in stored:
        if kept := reused.get(doc_id):
            amounts.extend(kept.amounts)
            mentions.extend(kept.mentions)
            quotes.extend(kept.quotes)
            continue
        document = docmap[doc_id]
        try:
            ann, doc_events, doc_quotes, trace = _one_document(document, sentences_of, doc_mentions, timexes,
                                                               doc_amounts, fresh.get(doc_id), parses.get(doc_id),
                                                               vocab, index)
        except Exception as exc:  # one document's bad parse must not stop the build: it is told, not lost
            failed.append(Rejection(document.path, f"its events, amounts and quotes could not be read: "
                                                   f"{type(exc).__name__}: {exc}"[:300], severity="warning"))
            continue
        amounts.extend(ann.amounts)
        mentions.extend(doc_events)
        quotes.extend(doc_quotes)
        made[doc_id] = memo.Kept(prints[doc_id], *trace, ann.amounts, doc_events, doc_quotes).dumps()
    store.put_kept(made)
    if failed:
        store.put_rejected(failed)
        if rejected is not None:
            rejected.extend(failed)
    return amounts, mentions, quotes


def _one_document(document: Document, sentences_of: dict, doc_mentions, timexes, doc_amounts, sdoc, spacy_bytes,
                  vocab, index: EntityIndex):
    """Reconcile's work on one document not reused from the last run: (annotation with its ledger
    roles, event mentions, quotes, what it asked of the entity index)."""
    from spacy.tokens import Doc

    from .annotate import quotes as quotes_mod
    from .reconcile import events as events_mod, ledger, memo

    doc_id = document.id
    if sdoc is None and spacy_bytes:
        sdoc = Doc(vocab).from_bytes(spacy_bytes)
        if len(sdoc) and sdoc[-1].idx + len(sdoc[-1].text_with_ws) == len(document.text):
            # made from this very text (stored with it): spare rebuilding it from the tokens
            nlp.remember_text(sdoc, document.text)
    ann = annotate.Annotated(document, tuple(sentences_of.get(doc_id, ())), tuple(doc_mentions), tuple(timexes),
                             tuple(doc_amounts), sdoc)
    asked = memo.Asked(index)
    ann = replace(ann, amounts=tuple(ledger.assign(ann, asked)))
    doc_events, doc_quotes = tuple(events_mod.extract(ann, asked)), tuple(quotes_mod.extract(ann, asked))
    return ann, doc_events, doc_quotes, asked.trace()


def _title(entities: Sequence) -> str:
    """A working title from the most mentioned organisations and people."""
    top = [e.name for e in entities if e.type in ("ORG", "PERSON")][:3]
    return " · ".join(top) if top else "storyline dossier"


def _dated(event: Event, docmap: dict[str, Document], written: dict[str, list]) -> Event:
    """An event no time expression dates happened no later than its earliest report:
    its date is left open (value None) and bounded by the day that report was written
    (:func:`_reported_by`). ``written`` caches each document's update stamps."""
    if event.date.value or event.date.start or event.date.end:
        return event
    reported = sorted(_reported_by(d, ev.start, written) for ev in event.evidence
                      if (d := docmap.get(ev.doc)) and d.published)
    if not reported:
        return event
    return replace(event, date=EventDate(value=None, start=None, end=reported[0].isoformat()))


def _reported_by(d: Document, offset: int, written: dict[str, list]):
    """The latest day a document can have told what stands at ``offset``: on a live page, the day of
    the update stamp it was written under (:mod:`storyline.annotate.timex.stamps`: a page filed on
    Tuesday may tell Wednesday's news), else the publication date (:func:`_latest_publication`)."""
    if d.published_precision in ("month", "year"):
        return _latest_publication(d)
    if d.id not in written:
        written[d.id] = stamps.writing_days(d.text or "", d.published)
    return stamps.day_at(written[d.id], offset, d.published)


def _latest_publication(d: Document):
    """The latest day a document can have been published: its date, or the end of the month (year)
    when the date is known only to the month (year)."""
    import calendar

    p = d.published
    if d.published_precision == "month":
        return p.replace(day=calendar.monthrange(p.year, p.month)[1])
    if d.published_precision == "year":
        return p.replace(month=12, day=31)
    return p


def _event_order(e: Event) -> tuple:
    start = e.date.start or e.date.end or "9999"
    end = e.date.end or e.date.start or "9999"
    return (start, end, -e.score, e.id)


def _version() -> str:
    from ._version import __version__

    return __version__


def write_json(dossier: Dossier, out: Path) -> Path:
    from .export import write

    return write(dossier, "json", out)


def summary_line(result: BuildResult) -> str:
    d = result.dossier
    where = f" -> {result.out / DOSSIER_JSON}" if result.out else ""
    rejected = sum(r.severity == "rejected" for r in d.rejected)
    warnings = len(d.rejected) - rejected
    return (f"{len(d.documents)} documents ({result.new} new, {result.skipped} already built), "
            f"{len(d.events)} events, {len(d.amounts)} amounts, {len(d.quotes)} quotes, "
            f"{len(d.findings)} findings, {rejected} rejected, {warnings} warnings{where}")


REPORT_ROWS = 40


def problem_report(result: BuildResult) -> list[str]:
    """What the user must know about this run's inputs, as lines for the terminal: every rejection
    and warning of the run (file, line, reason; the first :data:`REPORT_ROWS`, the rest in
    ``dossier.json``'s ``rejected``), then what undated or imprecisely dated documents cost."""
    from .export.terminal import plain

    lines: list[str] = []
    problems = sorted(result.rejected, key=lambda r: (r.severity != "rejected", r.path, r.line or 0))
    if problems:
        lines.append(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} with the inputs "
                     "(file:line, reason):")
        for r in problems[:REPORT_ROWS]:
            where = f"{r.path}:{r.line}" if r.line else r.path
            lines.append(f"  {r.severity:<8}  {plain(where)}: {plain(r.reason)}")
        if len(problems) > REPORT_ROWS:
            lines.append(f"  … and {len(problems) - REPORT_ROWS} more, all listed in {DOSSIER_JSON} (\"rejected\")")
    docs = [d for d in result.dossier.documents if d.duplicate_of is None]
    undated = sum(d.published is None for d in docs)
    if undated:
        lines.append(f"{undated} document{'s have' if undated != 1 else ' has'} no publication date: "
                     f"{'their' if undated != 1 else 'its'} relative dates (\"yesterday\", \"last week\") stay "
                     "unresolved and undated events cannot be placed; give dates in a manifest "
                     "(columns file, published).")
    rough = sum(d.published is not None and d.published_precision in ("month", "year") for d in docs)
    if rough:
        whose = f"{rough} documents' publication dates are" if rough != 1 else "1 document's publication date is"
        lines.append(f"{whose} known only to the month or year: dates resolved from "
                     f"{'them' if rough != 1 else 'it'} are no more precise.")
    return lines

