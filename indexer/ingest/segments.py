"""Segment-parallel writing: several processes each write one Whoosh segment, one commit adds them all.

Why: one Whoosh writer analyses, sorts and writes every posting in one process (about 110–150
documents/s here), while reading and cached extraction run at over 1,500/s. A Whoosh index is a list of
segments named in one table of contents, so segments written by separate processes can join the index
in a single table-of-contents write, which stays atomic for readers: they see the old index or the new.

Why not Whoosh's ``MpWriter``: it waits one second for each sub-writer's result and silently leaves out
the segment of any that is late, and one document that fails inside a sub-writer leaves its partial
postings attached to the next document's number. Here (1) every document is validated against the schema
before it reaches a writer process, so a bad one is skipped with its file and reason and the rest of its
batch is written; (2) each process reports the ids it wrote and the parent reads the ids back from every
new segment on disk before the commit, so a lost document fails the reindex, names its file and keeps the
previous index; (3) a writer process that dies fails the reindex the same way.
"""

from __future__ import annotations

import ctypes
import os
import queue
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing import get_context
from typing import Any

from whoosh import fields as wf
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from ..config import WRITER_NICENESS
from ..errors import IndexWriteError, ReindexError
from ..schema import ID, spell_words
from ..search import hot
from ..whoosh_io import abandon_segment, abandon_writer, commit_segments, finish_segment, segment_terms, segment_writer
from .lock import forget_inherited_locks

#: Documents sent to a writer process in one message.
BATCH_SIZE = 100
_PR_SET_PDEATHSIG = 1
#: Seconds between a writer process's checks that its parent is still alive.
_POLL = 1.0


def invalid_reason(doc: Mapping[str, Any], schema: wf.Schema) -> str | None:
    """Why Whoosh would fail on ``doc`` part-way through adding it, or None when it is safe to add.

    A failure inside ``add_document`` leaves the postings already added for that document in the
    writer's pool, where they attach to the next document: so nothing may fail there. Each value is
    checked here for what its field type needs (a datetime, a number, text), and the short exact-value
    fields (keywords, ids) are analysed in full, because their terms are the raw values and a value UTF-8
    cannot encode fails only when it is written. Long text fields need no dry run: their tokenizer
    keeps only word characters, which always encode.
    """
    for name, value in doc.items():
        if value is None or name.startswith("_"):
            continue
        if name not in schema:
            return f"unknown field {name!r}"
        reason = _value_problem(schema[name], value)
        if reason:
            return f"field {name!r}: {reason}"
    return None


def _value_problem(kind: wf.FieldType, value: Any) -> str | None:
    if isinstance(kind, wf.STORED):
        return None
    expected = {wf.DATETIME: datetime, wf.BOOLEAN: bool, wf.NUMERIC: int | float}
    for field_type, python_type in expected.items():
        if isinstance(kind, field_type):
            ok = isinstance(value, python_type) and not (field_type is wf.NUMERIC and isinstance(value, bool))
            return None if ok else f"needs {field_type.__name__.lower()}, not {type(value).__name__}"
    if not isinstance(value, str):
        return f"needs text, not {type(value).__name__}"
    if isinstance(kind, wf.KEYWORD | wf.ID):
        try:
            # Every term of an exact-value field is a piece of the value (split on commas or spaces,
            # stripped, lower-cased), so a value that encodes whole has only terms that encode: the
            # full analysis (a third of the parent's time per document) runs only to word the reason.
            value.encode("utf-8")
            return None
        except UnicodeError:
            pass
        try:
            for _ in kind.index(value):
                pass
        except (UnicodeError, ValueError) as exc:
            return f"cannot be indexed ({exc})"
    return None


@dataclass(frozen=True, slots=True)
class WrittenSegment:
    """What one writer process hands back: its segment (None when it got no documents), the ids it
    wrote, the documents it refused before adding them as (id, where it came from, reason), and the
    spelling vocabulary of the documents it wrote (``word → documents``, see search/spelling.py)."""

    segment: Any
    ids: tuple[str, ...]
    skipped: tuple[tuple[str, str, str], ...] = ()
    words: Counter = field(default_factory=Counter)


#: Turns one job (what the parent queued) into (document, where it came from) pairs, in a writer process.
JobDocuments = Callable[[Any], Iterable[tuple[dict, str]]]


def _documents_as_sent(job: Any) -> Iterable[tuple[dict, str]]:
    return job


def check_count(ix: Any, expected: int) -> None:
    """After a commit, the index must hold exactly the documents kept plus those written."""
    held = ix.doc_count()
    if held != expected:
        raise IndexWriteError(f"the index holds {held} documents after the commit, but {expected} were kept or "
                              "written; run `newsindex reindex --full`")


@dataclass(slots=True)
class SerialWriter:
    """The one-process path with the same interface as :class:`ParallelWriter`."""

    main: Any
    written: int = 0
    words: Counter = field(default_factory=Counter)  # spelling vocabulary of the documents written

    def add(self, doc: dict, file: str) -> str | None:
        """Add ``doc`` unless it is invalid; returns why it was not added, or None."""
        reason = invalid_reason(doc, self.main.schema)
        if reason is None:
            add_document(self.main, doc)
            self.words.update(spell_words(doc))
            self.written += 1
        return reason

    def commit(self, mergetype: Callable | None) -> int:
        self.main.commit(mergetype=mergetype)
        return self.written

    def cancel(self) -> None:
        if not self.main.is_closed:
            abandon_writer(self.main, self.main.storage.folder)


def _parent_alive(parent: int) -> bool:
    return os.getppid() == parent


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a SIGKILLed reindex leaves no writer behind)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent-alive poll below still ends the process
        pass


def _writer_process(ix: Any, jobs: Any, tasks: Any, results: Any, parent: int, limitmb: int,
                    documents: JobDocuments) -> None:
    """Body of one writer process: build, validate and add the documents of every job it takes from
    ``jobs`` to its own segment; reports progress after each job and its segment at the end. Then,
    until told to stop, it reads the parts of new segments the commit's search data asks for
    (``tasks``: see :meth:`ParallelWriter.submit`)."""
    _die_with_parent()
    forget_inherited_locks()
    if WRITER_NICENESS:
        os.nice(WRITER_NICENESS)  # see config.WRITER_NICENESS
    writer = segment_writer(ix, limitmb)
    ids: list[str] = []
    skipped: list[tuple[str, str, str]] = []
    words: Counter = Counter()
    try:
        while True:
            try:
                job = jobs.get(timeout=_POLL)
            except queue.Empty:
                if not _parent_alive(parent):  # the reindex was killed: leave nothing running
                    abandon_segment(writer)
                    return
                continue
            if job is None:
                break
            done = 0
            for doc, where in documents(job):
                # Validated here, before Whoosh sees it: a failure inside add_document would leave the
                # document's half-added postings attached to the next one.
                reason = invalid_reason(doc, writer.schema)
                if reason is not None:
                    skipped.append((str(doc.get(ID)), where, reason))
                else:
                    add_document(writer, doc)
                    words.update(spell_words(doc))
                    ids.append(doc[ID])
                done += 1
            results.put(("progress", done))
        results.put(("ok", WrittenSegment(finish_segment(writer), tuple(ids), tuple(skipped), words)))
    except BaseException as exc:  # reported to the parent, which fails the reindex
        try:
            abandon_segment(writer)
        finally:
            results.put(("error", f"{type(exc).__name__}: {exc}"))
        return
    _serve_parts(ix, tasks, results, parent)


def _serve_parts(ix: Any, tasks: Any, results: Any, parent: int) -> None:
    """Read the search data's part of each segment asked for (``hot.segment_part``) until told to stop."""
    while True:
        try:
            task = tasks.get(timeout=_POLL)
        except queue.Empty:
            if not _parent_alive(parent):
                return
            continue
        if task is None:
            return
        segment, plan = task
        try:
            with Searcher(SegmentReader(ix.storage, ix.schema, segment)) as searcher:
                part = hot.segment_part(searcher, plan)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the reindex
            results.put(("error", f"reading a segment's search data: {type(exc).__name__}: {exc}"))
            return
        results.put(("part", (segment.segment_id(), part)))


def add_document(writer: Any, doc: Mapping[str, Any]) -> None:
    """Add one validated document to a segment writer (a seam the count-check test can break)."""
    writer.add_document(**doc)


@dataclass(slots=True)
class ParallelWriter:
    """Feeds jobs to ``workers`` writer processes; :meth:`commit` checks and adds their segments.

    The caller holds an ordinary Whoosh writer (``main``): it owns the index lock, applies deletions
    and merges, and writes the table of contents. A job is whatever ``documents`` (run in the writer
    process, inherited by fork) turns into documents: by default a list of (document, where) pairs
    (:meth:`add`); a reindex sends offsets into its spool, so that building each document, the
    expensive part, happens in the writer processes too. The parent names every document it expects
    (:meth:`expect`) independently of what the writers report, and reads the ids back from disk.
    Jobs go to whichever process is free.
    """

    ix: Any
    main: Any
    workers: int
    limitmb: int = 128
    documents: JobDocuments = _documents_as_sent
    progress: Callable[[int], None] | None = None  # called with the number of documents handled so far
    files: dict[str, str] = field(default_factory=dict)  # id -> file it came from, to name lost ones
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, reason) of refused documents
    words: Counter = field(default_factory=Counter)  # spelling vocabulary of the documents written
    #: The ids of the segments the writer processes wrote (they read those segments' search data).
    segment_ids: frozenset[str] = frozenset()
    _segments: dict[str, Any] = field(default_factory=dict)
    _batch: list[tuple[dict, str]] = field(default_factory=list)
    _procs: list[Any] = field(default_factory=list)
    _jobs: Any = None
    _tasks: Any = None
    _results: Any = None
    _handled: int = 0
    _asked: int = 0

    def start(self) -> None:
        ctx = get_context("fork")
        self._jobs = ctx.Queue(self.workers * 4)
        self._tasks = ctx.Queue()
        self._results = ctx.Queue()
        parent = os.getpid()
        for _ in range(self.workers):
            proc = ctx.Process(target=_writer_process, args=(self.ix, self._jobs, self._tasks, self._results, parent,
                                                             self.limitmb, self.documents), daemon=True)
            proc.start()
            self._procs.append(proc)

    def expect(self, article_id: str, file: str) -> None:
        """Name a document some job will produce, and the file it came from."""
        self.files[article_id] = file

    def add(self, doc: dict, file: str) -> None:
        """Queue ``doc`` (with the default ``documents``); it is validated in the writer process."""
        self.expect(doc[ID], file)
        self._batch.append((doc, file))
        if len(self._batch) >= BATCH_SIZE:
            self.send(self._batch)
            self._batch = []

    def send(self, job: Any) -> None:
        """Queue one job for the first free writer process (starting them on the first job)."""
        if not self._procs:
            self.start()
        while True:
            try:
                self._jobs.put(job, timeout=_POLL)
                return
            except queue.Full:
                self._drain()
                self._check_alive()

    def _drain(self) -> None:
        """Take the progress reports waiting on the result queue (an error ends the reindex)."""
        while True:
            try:
                status, value = self._results.get_nowait()
            except queue.Empty:
                return
            self._take(status, value, [])

    def _take(self, status: str, value: Any, written: list[WrittenSegment]) -> None:
        if status == "error":
            raise IndexWriteError(f"an index writer process failed: {value}; the previous index is intact")
        if status == "progress":
            self._handled += value
            if self.progress:
                self.progress(self._handled)
        else:
            written.append(value)  # a WrittenSegment ("ok") or a segment's part ("part")

    def _check_alive(self) -> None:
        """Before the end of input no writer process may have stopped: fail with its error if one did."""
        if all(p.exitcode is None for p in self._procs):
            return
        try:
            status, value = self._results.get(timeout=_POLL)
        except queue.Empty:
            status, value = "error", "it stopped without a word (killed, or out of memory)"
        if status in ("error", "progress"):
            self._take(status, value, [])
        raise ReindexError("an index writer process stopped before the end of its input; "
                           "the previous index is intact: run the reindex again")

    def _collect(self, expected: int | None = None) -> list[Any]:
        """Wait for ``expected`` results (default: every process's segment)."""
        written: list[Any] = []
        while len(written) < (len(self._procs) if expected is None else expected):
            try:
                status, value = self._results.get(timeout=_POLL)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in self._procs) or (
                        all(p.exitcode is not None for p in self._procs) and self._results.empty()):
                    raise ReindexError("an index writer process stopped without handing back its segment "
                                       "(killed, or out of memory); the previous index is intact") from None
                continue
            self._take(status, value, written)
        return written

    def commit(self, mergetype: Callable | None) -> int:
        """Finish every process's segment, check them against what was expected, and commit them at once.

        Returns the number of documents the new segments hold; the documents the writers refused are
        in :attr:`skipped`. Raises IndexWriteError naming the files of lost documents (before anything
        is committed) when the segments hold fewer than were expected and not refused.
        """
        if self._batch:
            self.send(self._batch)
            self._batch = []
        if not self._procs:
            self.main.commit(mergetype=mergetype)
            return 0
        for _ in self._procs:
            self._jobs.put(None)
        written = self._collect()
        refused = [r for w in written for r in w.skipped]
        for article_id, where, reason in refused:
            self.files.pop(article_id, None)
            self.skipped.append((where, reason))
        for w in written:
            self.words.update(w.words)
        segments = [w.segment for w in written if w.segment is not None]
        self._check_counts(segments)
        self._segments = {segment.segment_id(): segment for segment in segments}  # as the writers handed them
        self.segment_ids = frozenset(self._segments)
        commit_segments(self.main, segments, mergetype)  # its search-data hook may ask for parts (submit)
        for _ in self._procs:
            self._tasks.put(None)
        for proc in self._procs:
            proc.join()
        return sum(s.doc_count_all() for s in segments)

    def submit(self, segment_id: str, plan: hot.Plan) -> None:
        """Have a writer process read the part of the commit's search data (``hot.segment_part``) of
        the segment ``segment_id`` one of them wrote: the new segments' parts are read in parallel
        while the parent builds the other arrays."""
        self._tasks.put((self._segments[segment_id], plan))
        self._asked += 1

    def collect(self) -> dict[str, hot.Part]:
        """Every part submitted, by segment id (a writer process that fails fails the reindex)."""
        parts = dict(self._collect(self._asked))
        self._asked = 0
        return parts

    def _discard_jobs(self) -> None:
        """Let go of the jobs no writer will read. The queue's feeder thread may be blocked writing
        them into a full pipe whose readers were just killed, and at exit multiprocessing joins that
        thread: the process printed its error and never ended (a full test run stayed alive after its
        summary). What is still in the pipe is read back here, and the thread is not waited for."""
        if self._jobs is None:
            return
        for _ in range(self.workers * 4 + 1):  # the pipe holds at most the queue's bound
            try:
                self._jobs.get(timeout=_POLL / 10)
            except (queue.Empty, OSError, EOFError):
                break
        self._jobs.cancel_join_thread()
        self._jobs.close()

    def _check_counts(self, segments: list[Any]) -> None:
        on_disk: set[str] = set()
        for segment in segments:
            on_disk.update(segment_terms(self.ix, segment, ID))
        lost = sorted(set(self.files) - on_disk)
        if lost:
            where = sorted({self.files[i] for i in lost})
            shown = ", ".join(where[:5]) + (f" and {len(where) - 5} more" if len(where) > 5 else "")
            raise IndexWriteError(f"{len(lost)} of {len(self.files)} documents are missing from the new segments "
                                  f"(from {shown}); nothing was committed, the previous index is intact")

    def cancel(self) -> None:
        """Stop the writer processes and the main writer; nothing is committed."""
        for proc in self._procs:
            if proc.is_alive():
                proc.kill()
        for proc in self._procs:
            proc.join()
        self._discard_jobs()
        if self._tasks is not None:
            self._tasks.cancel_join_thread()
            self._tasks.close()
        if not self.main.is_closed:
            abandon_writer(self.main, self.ix.storage.folder)
