"""``reindex``: bring the index in line with the files under the given paths, atomically.

Three phases. *Scan*: find the files and compare each one's size and mtime (then its SHA-256) with
the manifest, so an unchanged file is not even read. *Prepare*: read and extract the new and changed
files in a process pool over both cores, spooling results to disk so memory stays flat. *Write*: one
Whoosh writer deletes what disappeared or changed and adds the prepared articles, with topics ranked
against the whole corpus, in a single commit. Whoosh writes its table of contents with a rename, so a
reader sees the old index or the new one, and a reindex killed at any point leaves the old one intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as whoosh_query
from whoosh import writing

from .. import extract
from ..config import DEFAULT_INDEX_DIR, PARALLEL_WRITE_MIN_DOCS, WORKERS, WRITER_LIMIT_MB
from ..errors import IndexWriteError, ReindexError
from ..models import ReindexSummary, Skipped
from ..schema import FILE_KEY, ID, SCHEMA, SCHEMA_VERSION, article_to_doc, spell_words
from ..search import generation as search_generation
from ..whoosh_io import abandon_writer, publish_hook, speed_up_commit
from . import maintenance, manifest, pipeline, read_cache, segments
from .cache import ExtractionCache
from .corpus_state import CorpusState
from .lock import reindex_lock
from .manifest import FileEntry
from .sources import SourceFile, discover
from .spool import Spool
from .spool import read_at as spool_read_at

#: The schema version the index in a directory was written with (see schema.SCHEMA_VERSION).
SCHEMA_FILE = "schema_version"
ProgressFn = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(slots=True)
class _Run:
    """Mutable bookkeeping of one reindex; turned into a frozen ReindexSummary at the end."""

    old: dict[str, FileEntry]
    new: dict[str, FileEntry] = field(default_factory=dict)
    todo: list[tuple[SourceFile, str]] = field(default_factory=list)
    removed_keys: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    trimmed: list[Skipped] = field(default_factory=list)
    per_format: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    extracted: int = 0
    read: int = 0  # files read (not taken from the read cache)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _schema_current(index_dir: Path) -> bool:
    try:
        return (index_dir / SCHEMA_FILE).read_text(encoding="utf-8").strip() == SCHEMA_VERSION
    except OSError:
        return False


def _open_or_create(index_dir: Path) -> tuple[whoosh_index.FileIndex, bool]:
    """The index to write, and whether it must be rebuilt whole: an index written under another
    schema version (or before versions were recorded) lacks fields or analyses them differently."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        if whoosh_index.exists_in(str(index_dir)):
            ix = whoosh_index.open_dir(str(index_dir))
            if _schema_current(index_dir):
                return ix, False
            ix.close()
            # The new schema is written by the full rebuild's commit (CLEAR replaces every segment);
            # readers keep the old generation until then.
            return whoosh_index.FileIndex(ix.storage, SCHEMA, ix.indexname), True
        return whoosh_index.create_in(str(index_dir), SCHEMA), True
    except OSError as exc:
        raise IndexWriteError(f"cannot create the index in {index_dir}: {exc.strerror or exc}") from exc


def _under(key: str, roots: Sequence[Path]) -> bool:
    return any(key == str(r) or key.startswith(str(r).rstrip(os.sep) + os.sep) for r in roots)


def _scan(paths: Sequence[Path], run: _Run, overrides: dict, follow_links: bool = False) -> None:
    """Sort every file into unchanged (kept as is) or to-do (new or changed), and find removed files."""
    present: set[str] = set()
    for file in discover(paths, run.skipped, follow_links=follow_links):
        if overrides:
            file = SourceFile(file.path, file.display, file.settings.merged(**overrides))
        key = str(file.path)
        present.add(key)
        try:
            st = file.path.stat()
            size_mtime = f"{st.st_size}:{st.st_mtime_ns}"
            entry = run.old.get(key)
            if entry and entry.size_mtime == size_mtime:
                run.new[key] = entry
                run.unchanged += len(entry.ids)
                continue
            sha = _sha256(file.path)
        except OSError as exc:
            run.skipped.append(Skipped(file.display, f"unreadable: {exc.strerror or exc}"))
            continue
        if entry and entry.sha256 == sha:
            run.new[key] = FileEntry(f"{size_mtime}:{sha}", entry.ids, entry.hashes)
            run.unchanged += len(entry.ids)
        else:
            run.todo.append((file, f"{size_mtime}:{sha}"))
    roots = [p.resolve() for p in paths]
    run.removed_keys = [k for k in run.old if k not in present and _under(k, roots)]
    for key, entry in run.old.items():  # files outside this run's paths stay as they are
        if key not in present and key not in run.removed_keys:
            run.new[key] = entry


def _batches(run: _Run, cache_dir: Path, workers: int, kept: Callable[[SourceFile, str], pipeline.Batch | None]
             ) -> Iterator[pipeline.Batch]:
    """Prepared batches for every to-do file, in order: a file the read cache holds (``kept``) from
    there, the others from a process pool (started at the first of them) with a bounded queue."""
    if workers <= 1:
        for file, sig in run.todo:
            batch = kept(file, sig)
            if batch is not None:
                yield batch
            else:
                yield from pipeline.file_batches(file, cache_dir)
        return
    with contextlib.ExitStack() as stack:
        pool: ProcessPoolExecutor | None = None
        pending: list[Future | pipeline.Batch] = []

        def submit(fn: Callable, *args: object) -> None:
            nonlocal pool
            if pool is None:
                pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"),
                                                               initializer=pipeline.worker_init))
            pending.append(pool.submit(fn, *args))

        def first() -> pipeline.Batch:
            head = pending.pop(0)
            return head if isinstance(head, pipeline.Batch) else head.result()

        for file, sig in run.todo:
            batch = kept(file, sig)
            if batch is not None:
                pending.append(batch)
            elif pipeline.reads_whole(file):
                submit(pipeline.read_whole, file, cache_dir)
            else:
                for raws, skipped, fmt, final, furniture in pipeline.stream_batches(file):
                    submit(pipeline.prepare_batch, file, raws, skipped, fmt, final, cache_dir, furniture)
                    while len(pending) > workers * 4:
                        yield first()
            while len(pending) > workers * 4:
                yield first()
        while pending:
            yield first()


class _ReadCache:
    """The parent's side of the read cache (``read_cache``): looks files up, keeps what was read."""

    def __init__(self, cache: ExtractionCache) -> None:
        self.cache = cache
        self.keys: dict[str, str] = {}
        self.sidecars: dict[Path, str] = {}
        self.rows: list[tuple[str, str, bytes]] = []
        self.hits = 0

    def lookup(self, file: SourceFile, sig: str) -> pipeline.Batch | None:
        path = str(file.path)
        self.keys[path] = key = read_cache.key(file, sig, self.sidecars)
        blob = self.cache.read_batch(path, key)
        batch = read_cache.decode(file, blob) if blob is not None else None
        if batch is not None and len(self.cache.profiled(p.content_hash for p in batch.prepared)) < len(
                {p.content_hash for p in batch.prepared}):
            batch = None  # a profile was lost (the profiles' version changed): read it again to compute them
        self.hits += batch is not None
        return batch

    def keep(self, batch: pipeline.Batch) -> None:
        blob = read_cache.encode(batch)
        if blob is not None:
            self.rows.append((str(batch.file.path), self.keys[str(batch.file.path)], blob))
        if len(self.rows) >= 64:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.cache.put_read_batches(self.rows)
            self.rows = []


def _prepare(run: _Run, index_dir: Path, spool: Spool, state: CorpusState, workers: int,
             progress: ProgressFn | None) -> None:
    """Phase 2: read and extract in the pool (or take a file's batch from the read cache); record
    results in the spool, the caches and the corpus state."""
    cache = ExtractionCache(index_dir, extract.EXTRACTOR_VERSION)
    reads = _ReadCache(cache)
    sigs = {str(f.path): sig for f, sig in run.todo}
    done = 0
    seen: set[str] = set()
    try:
        for batch in _batches(run, index_dir, workers, reads.lookup):
            key = str(batch.file.path)
            entry = run.new.setdefault(key, FileEntry(sigs[key]))
            run.skipped.extend(batch.skipped)
            fresh = {p.content_hash: p.extraction for p in batch.prepared if not p.cached}
            if fresh:
                cache.put_many(fresh)
            new_profiles = {p.content_hash: p.profile for p in batch.prepared if p.profile is not None}
            if new_profiles:
                cache.put_profiles(new_profiles)
            if batch.complete:
                reads.keep(batch)
            batch_prepared = [_with_id(p, _dedupe_id(p.article.id, seen)) for p in batch.prepared]
            run.extracted += sum(not p.cached for p in batch_prepared)
            for p in batch_prepared:
                run.trimmed.extend(Skipped(p.article.source_file, note, p.article.record_id) for note in p.notes)
                entry.ids.append(p.article.id)
                entry.hashes.append(p.content_hash)
                state.add(p.extraction)
            for p in batch_prepared:  # counted by the inner format: a zip of JSON counts as json
                run.per_format[p.article.format] = run.per_format.get(p.article.format, 0) + 1
            if batch.pickled is not None and all(p is q for p, q in zip(batch_prepared, batch.prepared, strict=True)):
                spool.write_pickled(batch.pickled, len(batch_prepared))  # from the read cache, as it was kept
            elif batch.prepared:
                spool.write(batch_prepared)
            if batch.final:
                done += 1
                if not entry.ids:
                    del run.new[key]  # nothing indexable: the file stays "new" and is looked at again next time
                if progress:
                    progress("read", done, len(run.todo))
        reads.flush()
        run.read = len(run.todo) - reads.hits
    finally:
        cache.close()


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _with_id(prepared: pipeline.Prepared, article_id: str) -> pipeline.Prepared:
    """The prepared article under ``article_id``: itself when that is its id (nearly always; copying two
    dataclasses per article was a tenth of a cached rebuild's prepare phase in the parent)."""
    if article_id == prepared.article.id:
        return prepared
    return replace(prepared, article=replace(prepared.article, id=article_id))


def _dedupe_id(article_id: str, seen: set[str]) -> str:
    """Two records with the same id in one run both stay: the later one gets a numbered id."""
    n, candidate = 1, article_id
    while candidate in seen:
        n += 1
        candidate = f"{article_id}-{n}"
    seen.add(candidate)
    return candidate


def _final_document(prepared: pipeline.Prepared, run: _Run, state: CorpusState) -> tuple[dict, str]:
    """An article's index document, finalised against the corpus, and where it came from."""
    article = state.finalize(prepared)
    doc = article_to_doc(article, file_key=prepared.file_key, file_sig=run.new[prepared.file_key].sig,
                         content_hash=prepared.content_hash)
    return doc, article.source_file + (f" (record {article.record_id})" if article.record_id else "")


def _documents(run: _Run, spool: Spool, state: CorpusState,
               progress: ProgressFn | None) -> Iterator[tuple[dict, str]]:
    """The spooled articles as index documents, finalised here (the one-process write)."""
    for n, prepared in enumerate(spool.read(), 1):
        yield _final_document(prepared, run, state)
        if progress and (n % 500 == 0 or n == spool.count):
            progress("write", n, spool.count)


def _parallel_sink(ix, main, run: _Run, spool: Spool, state: CorpusState, workers: int,
                   progress: ProgressFn | None) -> segments.ParallelWriter:
    """Writer processes that read their share of the spool themselves and build, validate and add
    each document: the parent only hands out offsets, so every core does the per-document work."""
    spool.close_writing()
    state.ready()
    path = spool.path

    def documents(offsets: list[int]) -> Iterator[tuple[dict, str]]:  # runs in a writer process
        for prepared in spool_read_at(path, offsets):
            yield _final_document(prepared, run, state)

    report = (lambda n: progress("write", n, spool.count)) if progress else None
    sink = segments.ParallelWriter(ix, main, workers, WRITER_LIMIT_MB, documents=documents, progress=report)
    for file, _ in run.todo:  # what the parent expects back, independently of what the writers report
        entry = run.new.get(str(file.path))
        for article_id in entry.ids if entry else ():
            sink.expect(article_id, file.display)
    sink.start()
    return sink


def _delete_file(main, key: str, words: Counter) -> int:
    """Delete the documents of the file ``key`` (as ``delete_by_term`` does), taking their words out
    of the spelling vocabulary ``words``; returns how many were deleted."""
    s = main.searcher()
    deleted = 0
    for docnum in list(s.docs_for_query(whoosh_query.Term(FILE_KEY, key), for_deletion=True)):
        words.subtract(spell_words(s.stored_fields(docnum)))
        main.delete_document(docnum)
        deleted += 1
    return deleted


def _write(ix, index_dir: Path, run: _Run, spool: Spool, state: CorpusState, full: bool, workers: int,
           progress: ProgressFn | None) -> tuple[int, int]:
    """Phase 3: deletions, then the new documents, in one commit. Returns (added, updated) counts.

    Enough documents for every writer process to fill a segment are written in parallel
    (:mod:`segments`); a small incremental run is written by the one main writer, which is faster
    than starting processes and leaves no small segments behind.
    """
    main = speed_up_commit(ix.writer(limitmb=WRITER_LIMIT_MB))
    # The spelling vocabulary (word -> live documents) is counted, not indexed: the previous
    # generation's counts, less the words of the documents deleted here, plus those the writers
    # count in the documents they write (search/spelling.py).
    start = None if full else search_generation.previous(index_dir, main.searcher(), ix.latest_generation())
    words = Counter(start.counts if start else ())
    sink = None

    def publish(s, generation: int) -> None:
        """The search side's per-generation arrays, written before the commit publishes the generation
        (from the previous generation's where its segments are unchanged)."""
        elsewhere = sink if isinstance(sink, segments.ParallelWriter) else None  # writers read their segments
        search_generation.write(index_dir, s, generation, words + sink.words, start, elsewhere)

    publish_hook(main, publish)
    before = ix.doc_count()
    parallel = workers > 1 and spool.count >= PARALLEL_WRITE_MIN_DOCS * workers
    deleted = 0
    old_ids = {i for e in run.old.values() for i in e.ids}
    counts = {"added": 0, "updated": 0}
    try:
        sink = _parallel_sink(ix, main, run, spool, state, workers, progress) if parallel \
            else segments.SerialWriter(main)
        if not full:  # while the writer processes start
            for key in run.removed_keys + [str(f.path) for f, _ in run.todo if str(f.path) in run.old]:
                deleted += _delete_file(main, key, words)
        if isinstance(sink, segments.ParallelWriter):
            for job in spool.jobs(segments.BATCH_SIZE):
                sink.send(job)
        else:
            for doc, where in _documents(run, spool, state, progress):
                reason = sink.add(doc, where)  # a document Whoosh would fail on is skipped, the rest go on
                if reason:
                    run.skipped.append(Skipped(where, f"not indexable: {reason}"))
                else:
                    counts["updated" if doc[ID] in old_ids else "added"] += 1
        written = sink.commit(writing.CLEAR if full else writing.MERGE_SMALL)
    except BaseException:
        if sink is not None:
            sink.cancel()  # writer processes stopped; no MAIN.tmp or lock left behind
        else:
            abandon_writer(main, index_dir)
        raise
    if isinstance(sink, segments.ParallelWriter):
        run.skipped.extend(Skipped(where, f"not indexable: {reason}") for where, reason in sink.skipped)
        for article_id in sink.files:
            counts["updated" if article_id in old_ids else "added"] += 1
    expected = written + (0 if full else before - deleted)
    segments.check_count(ix, expected)
    return counts["added"], counts["updated"]


def _unchanged_index(run: _Run, spool: Spool, index_dir: Path, generation: int) -> bool:
    """Nothing to write or delete: no document prepared (every new file was skipped: documentation,
    an empty file), no indexed file changed or gone, and the corpus state on disk is the index's."""
    return (spool.count == 0 and not run.removed_keys and not any(str(f.path) in run.old for f, _ in run.todo)
            and CorpusState.saved_for(index_dir, generation))


def _nothing_changed(ix, index_dir: Path, run: _Run, start: float, stages: dict[str, float]) -> ReindexSummary:
    """Nothing to write or delete: no commit. A commit would only rewrite the same generation's search
    data and corpus state (half a minute over a 40,000-article corpus) and make every searcher reopen.
    The manifest is still saved: it records touched-but-identical files' new signatures, so the next
    run does not hash them again, and the time of this reindex."""
    try:
        manifest.save(index_dir, ix.latest_generation(), run.new)
    except OSError as exc:
        raise IndexWriteError(f"could not save the manifest in {index_dir}: {_reason(exc)}; "
                              "the index is intact") from exc
    return ReindexSummary(unchanged=run.unchanged, skipped=tuple(run.skipped), articles=ix.doc_count(),
                          seconds=time.monotonic() - start, stage_seconds=stages, read=run.read)


def reindex(paths: Sequence[Path], index_dir: Path = DEFAULT_INDEX_DIR, *, full: bool = False,
            fmt: str | None = None, fields: dict[str, str] | None = None, workers: int = WORKERS,
            progress: ProgressFn | None = None, follow_links: bool = False) -> ReindexSummary:
    """Index every article under ``paths`` into ``index_dir`` (created if needed); see the module docstring.

    Symbolic links are followed only with ``follow_links``, and then only inside ``paths``; every
    refused link is in the summary's ``skipped`` with its reason (see sources.discover).

    Raises IndexBusyError when another reindex holds the directory and IndexWriteError when the
    index cannot be written; in both cases the previous index is untouched.
    """
    start = time.monotonic()
    index_dir = Path(index_dir)
    ix, rebuild = _open_or_create(index_dir)
    full = full or rebuild
    with reindex_lock(index_dir):
        try:
            for stale in index_dir.glob(".spool-*.pickle"):  # left by a reindex that was killed
                stale.unlink(missing_ok=True)
            run = _Run(old={} if full else manifest.load(index_dir, ix))
            overrides = {k: v for k, v in dict(format=fmt, fields=fields).items() if v}  # SourceSettings names
            _scan([Path(p) for p in paths], run, overrides, follow_links)
            stages = {"scan": time.monotonic() - start}
            state = CorpusState.load(index_dir, ix, run.old, full=full)
            state.forget(run.old, run.removed_keys + [str(f.path) for f, _ in run.todo])
            if not full:
                state.known_speakers(index_dir, ix)
            with Spool(index_dir) as spool:
                mark = time.monotonic()
                _prepare(run, index_dir, spool, state, workers, progress)
                stages["prepare"] = time.monotonic() - mark
                if not full and _unchanged_index(run, spool, index_dir, ix.latest_generation()):
                    return _nothing_changed(ix, index_dir, run, start, stages)
                mark = time.monotonic()
                added, updated = _write(ix, index_dir, run, spool, state, full, workers, progress)
                stages["write"] = time.monotonic() - mark
        except (OSError, sqlite3.Error) as exc:
            raise IndexWriteError(f"could not write the index in {index_dir}: {_reason(exc)}; "
                                  "the previous index is intact") from exc
        except BrokenProcessPool as exc:
            raise ReindexError("a reader or extractor process died (out of memory, or killed); "
                               "the previous index is intact: run the reindex again") from exc
        generation = ix.latest_generation()
        try:
            manifest.save(index_dir, generation, run.new)
            state.save(index_dir, generation, ix)
            (index_dir / SCHEMA_FILE).write_text(SCHEMA_VERSION + "\n", encoding="utf-8")
        except (OSError, sqlite3.Error) as exc:
            raise IndexWriteError(f"the index in {index_dir} was updated, but its manifest could not be saved "
                                  f"({_reason(exc)}); the next reindex rebuilds it from the index") from exc
        maintenance.prune_cache(index_dir, run.new)
        removed = sum(len(run.old[k].ids) for k in run.removed_keys)
        changed_away = sum(len(run.old[str(f.path)].ids) for f, _ in run.todo if str(f.path) in run.old) - updated
        return ReindexSummary(
            added=added, updated=updated, unchanged=run.unchanged, removed=removed + max(0, changed_away),
            skipped=tuple(run.skipped), articles=ix.doc_count(), per_format=dict(run.per_format),
            seconds=time.monotonic() - start, stage_seconds=stages, extracted=run.extracted,
            trimmed=tuple(run.trimmed), read=run.read,
        )
