"""The work done in the reindex's worker processes: read files, clean, and extract (or reuse cached extraction).

Small files are read whole by a worker (reading HTML is as costly as extraction, so it is spread over
the cores too); a large multi-record file is streamed by the parent in batches, so memory stays flat
however big one JSONL or SGML dump is. Either way the parent gets :class:`Prepared` articles back and
is the only one that writes the index.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import extract
from ..aliases.table import canonical_names, speaker_table
from ..config import FILE_TIME_LIMIT_S, MAX_BODY_CHARS, MAX_RUN_CHARS, MAX_WORD_CHARS
from ..errors import ReaderError
from ..models import Article, Extraction, RawArticle, Skipped
from ..search import profiles
from ..text.clean import bound_text, clean_text
from .articles import clean_title, content_hash, make_article
from .cache import ExtractionCache
from .lock import forget_inherited_locks
from .readers import detect_format, read_file
from .readers.formats import SINGLE_DOCUMENT
from .repeated import NO_FURNITURE, Counter, Furniture, without
from .sources import SourceFile, discover

#: A file at most this big is read whole inside one worker; a bigger one is streamed by the parent.
WHOLE_FILE_BYTES = 2 * 1024 * 1024
BATCH_SIZE = 64
#: Raw text a worker holds before preparing it, when a small file expands to a lot (a compressed archive).
WHOLE_FILE_CHUNK_CHARS = 16 * 1024 * 1024
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
REFIRE_S = 0.05  # the per-file alarm's repeat once it has fired (``time_limit``)


@dataclass(frozen=True, slots=True)
class Prepared:
    article: Article
    file_key: str
    content_hash: str
    extraction: Extraction  # topics here are candidates; the parent finalises them with corpus stats
    cached: bool
    notes: tuple[str, ...] = ()  # what was cut to keep the article within bounds (reported, not skipped)
    profile: bytes | None = None  # the article's term profile (``search.profiles``) when none is stored yet


@dataclass(frozen=True, slots=True)
class Batch:
    """Articles of one file (or part of one), with anything skipped on the way."""

    file: SourceFile
    prepared: tuple[Prepared, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    format: str | None = None
    final: bool = True  # the last batch of its file
    #: Read whole and to the end within the time limit: what the file's bytes alone decide, so the
    #: parent may keep it for the next reindex (``read_cache``).
    complete: bool = False
    #: ``prepared`` as pickled in the read cache (``read_cache``), which the spool takes as it is.
    pickled: bytes | None = None


@dataclass(slots=True)
class _WorkerState:
    cache: ExtractionCache | None = None
    cache_dir: Path | None = None
    pid: int = field(default_factory=os.getpid)


_state = _WorkerState()


def worker_init() -> None:
    """Start of every worker process: let go of the parent's reindex lock, and die with the parent.

    Without this a SIGKILLed reindex leaves its workers running, still holding the inherited lock,
    so the next reindex would be refused until they finish.
    """
    forget_inherited_locks()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass


def _cache(cache_dir: Path | None) -> ExtractionCache | None:
    """One read-only cache connection per process (a forked SQLite handle must not be reused)."""
    if cache_dir is None:
        return None
    if _state.cache is None or _state.cache_dir != cache_dir or _state.pid != os.getpid():
        try:
            _state.cache = ExtractionCache(cache_dir, extract.EXTRACTOR_VERSION, readonly=True)
        except Exception:  # noqa: BLE001 - no cache yet, or unreadable: extract everything
            _state.cache = None
        _state.cache_dir, _state.pid = cache_dir, os.getpid()
    return _state.cache


def _cleaned_body(raw_body: str) -> tuple[str, list[str]]:
    """A reader's body as it is indexed, with what was cut to keep it within bounds."""
    # Bounded before cleaning too: cleaning a one-megabyte "word" costs a quarter of a second.
    text, cut = bound_text(raw_body, MAX_BODY_CHARS, MAX_RUN_CHARS, MAX_WORD_CHARS)
    body, more_cut = bound_text(clean_text(text), MAX_BODY_CHARS, MAX_RUN_CHARS, MAX_WORD_CHARS)
    return body, cut + more_cut


def prepare(raws: Sequence[tuple[RawArticle, SourceFile]], cache_dir: Path | None,
            furniture: Furniture = NO_FURNITURE) -> tuple[list[Prepared], list[Skipped]]:
    """Clean, hash, and extract a batch of raw articles, reusing cached extraction where the text is unchanged.

    ``furniture`` holds the paragraphs the file repeats under many titles (``repeated``): extraction
    does not read them, while the body keeps them. The content hash then covers what extraction read as
    well as the body, since it keys the cached extraction.
    """
    cleaned: list[tuple[RawArticle, SourceFile, str, str, str, str]] = []
    skipped: list[Skipped] = []
    notes: dict[int, tuple[str, ...]] = {}
    for raw, file in raws:
        body, cut = _cleaned_body(raw.body)
        if not body:
            skipped.append(Skipped(raw.source_file, "no body text", raw.record_id))
            continue
        title = clean_title(raw, body)
        if cut:
            notes[len(cleaned)] = tuple(cut)
        raw_story = without(raw.body, furniture)
        story = body if raw_story is raw.body else _cleaned_body(raw_story)[0]
        digest = content_hash(title, body) if story is body else content_hash(title, f"{body}\0{story}")
        cleaned.append((raw, file, title, body, digest, story))
    cache = _cache(cache_dir)
    known = cache.get_many(c[4] for c in cleaned) if cache else {}
    missing = [c for c in cleaned if c[4] not in known]
    fresh = dict(zip((c[4] for c in missing), extract.extract_batch([(c[2], c[5]) for c in missing]), strict=True))
    profiled = cache.profiled(c[4] for c in cleaned) if cache else set()
    out = []
    for n, (raw, file, title, body, digest, _story) in enumerate(cleaned):
        extraction = known.get(digest) or fresh[digest]
        article = make_article(raw, extraction, file_key=str(file.path), settings=file.settings, title=title, body=body)
        # Profiles are only worth computing where they will be stored (a reindex, not ``newsindex extract``).
        profile = None if cache_dir is None or digest in profiled else profiles.encode(profiles.compute(title, body))
        out.append(Prepared(article, str(file.path), digest, extraction, digest in known, notes.get(n, ()), profile))
    return out, skipped


def _records(file: SourceFile) -> Iterator[RawArticle | Skipped]:
    yield from read_file(file.path, file.display, file.settings)


class _OverTime(BaseException):
    """Raised by the per-file alarm. A BaseException, so that no reader's or parser's broad
    ``except Exception`` (trafilatura has several) can swallow it and carry on."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_OverTime` in this thread after ``seconds`` of wall time.

    SIGALRM, so it works only in a process's main thread (a pool worker's task, or a reindex run from
    a program's main thread); elsewhere, and with ``seconds <= 0``, there is no limit. Python checks
    for signals between bytecodes, so a long C call (one regular expression) finishes first: the
    readers' patterns are linear for that reason.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise _OverTime

    previous = signal.signal(signal.SIGALRM, fire)
    # It fires again every REFIRE_S until the block is left: an exception raised while Python runs a
    # ``__del__`` or a weakref callback (a Whoosh lock's clean-up) is printed and discarded, and a
    # one-shot alarm lost that way would let the file run on unbounded.
    signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def furniture_of(file: SourceFile, fmt: str, *, streamed: bool = False) -> Furniture:
    """A first pass over a file of many records: the paragraphs it repeats under many titles (``repeated``).

    Read whole (in a worker, under the file's time limit) a reading error ends the file here exactly as
    it would in the pass that prepares it. Streamed (in the parent, a time limit per record), the counts
    of the records read before an error stand, and the preparing pass reports the error.
    """
    if fmt in SINGLE_DOCUMENT:
        return NO_FURNITURE
    counter = Counter()
    records = _records(file)
    try:
        while True:
            with time_limit(FILE_TIME_LIMIT_S) if streamed else contextlib.nullcontext():
                item = next(records, None)
            if item is None:
                break
            if isinstance(item, RawArticle):
                counter.add(item.title or "", item.body)
    except (_OverTime, ReaderError, OSError, EOFError, ValueError, UnicodeError, MemoryError):
        if not streamed:
            raise
    return counter.repeated()


def _over_time(file: SourceFile, what: str) -> Skipped:
    return Skipped(file.display, f"{what} took over {FILE_TIME_LIMIT_S:g} s (the per-file time limit): skipped")


def read_whole(file: SourceFile, cache_dir: Path | None) -> Batch:
    """Worker task for a small file: read every record, then prepare them in one batch, within the time limit."""
    try:
        with time_limit(FILE_TIME_LIMIT_S):
            return _read_whole(file, cache_dir)
    except _OverTime:
        return Batch(file, skipped=(_over_time(file, "reading and extracting this file"),))


def _read_whole(file: SourceFile, cache_dir: Path | None) -> Batch:
    try:
        fmt = detect_format(file.path, file.settings)
        furniture = furniture_of(file, fmt)
        raws: list[tuple[RawArticle, SourceFile]] = []
        skipped: list[Skipped] = []
        prepared: list[Prepared] = []
        held = 0
        for item in _records(file):
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            raws.append((item, file))
            held += len(item.body)
            # A small file may still hold gigabytes (a zip bomb of a CSV): prepare as records come, so
            # memory holds one chunk of raw text, not the whole file's.
            if held > WHOLE_FILE_CHUNK_CHARS or len(raws) >= BATCH_SIZE:
                done, more = prepare(raws, cache_dir, furniture)
                prepared += done
                skipped += more
                raws, held = [], 0
    except ReaderError as exc:  # what the bytes decide (empty, not an article, ...): kept like an article
        return Batch(file, skipped=(Skipped(file.display, str(exc)),), complete=True)
    except (OSError, EOFError, ValueError, UnicodeError, MemoryError) as exc:
        return Batch(file, skipped=(Skipped(file.display, f"unreadable: {type(exc).__name__}: {exc}"),))
    done, more = prepare(raws, cache_dir, furniture)
    return Batch(file, tuple(prepared + done), tuple(skipped + more), fmt, complete=True)


def prepare_batch(file: SourceFile, raws: list[RawArticle], skipped: list[Skipped], fmt: str,
                  final: bool, cache_dir: Path | None, furniture: Furniture = NO_FURNITURE) -> Batch:
    """Worker task for one batch of a streamed large file (the time limit applies to each batch)."""
    try:
        with time_limit(FILE_TIME_LIMIT_S):
            prepared, more = prepare([(r, file) for r in raws], cache_dir, furniture)
    except _OverTime:
        where = f"extracting records {raws[0].record_id}..{raws[-1].record_id}" if raws else "a batch"
        return Batch(file, (), (*skipped, _over_time(file, where)), fmt, final)
    return Batch(file, tuple(prepared), tuple(skipped + more), fmt, final)


def stream_batches(file: SourceFile) -> Iterator[tuple[list[RawArticle], list[Skipped], str, bool, Furniture]]:
    """Parent side for a large file: its records in batches, each with the file's furniture (``repeated``);
    a read error ends the file with a Skipped."""
    raws: list[RawArticle] = []
    skipped: list[Skipped] = []
    fmt = "unknown"
    furniture = NO_FURNITURE
    try:
        fmt = detect_format(file.path, file.settings)
        furniture = furniture_of(file, fmt, streamed=True)
        records = _records(file)
        while True:
            with time_limit(FILE_TIME_LIMIT_S):  # per record here: a big file may rightly take minutes
                item = next(records, None)
            if item is None:
                break
            (skipped.append(item) if isinstance(item, Skipped) else raws.append(item))
            if len(raws) >= BATCH_SIZE:
                yield raws, skipped, fmt, False, furniture
                raws, skipped = [], []
    except _OverTime:
        skipped.append(_over_time(file, "reading one record of this file"))
    except ReaderError as exc:
        skipped.append(Skipped(file.display, str(exc)))
    except (OSError, EOFError, ValueError, UnicodeError, MemoryError) as exc:
        skipped.append(Skipped(file.display, f"unreadable: {type(exc).__name__}: {exc}"))
    yield raws, skipped, fmt, True, furniture


def reads_whole(file: SourceFile) -> bool:
    """Small files are read whole by one worker; larger ones are streamed in batches."""
    try:
        return file.path.stat().st_size <= WHOLE_FILE_BYTES
    except OSError:
        return True  # the reader reports the error with its reason


def file_batches(file: SourceFile, cache_dir: Path | None) -> Iterator[Batch]:
    """All batches of one file in this process: whole if small, streamed if large."""
    if reads_whole(file):
        yield read_whole(file, cache_dir)
        return
    for raws, skipped, fmt, final, furniture in stream_batches(file):
        yield prepare_batch(file, raws, skipped, fmt, final, cache_dir, furniture)


def extract_files(paths: Sequence[Path], overrides: dict | None = None) -> Iterator[Article | Skipped]:
    """Read and extract articles without indexing (``newsindex extract``): for checking extraction."""
    problems: list[Skipped] = []
    for file in discover(paths, problems):
        if overrides:
            file = SourceFile(file.path, file.display, file.settings.merged(**overrides))
        for batch in file_batches(file, None):
            for p in batch.prepared:
                year = p.article.date.year if p.article.date else None
                topics = extract.finalize_topics(p.extraction.topics, None, year=year, labels=p.extraction.labels)
                article = replace(p.article, topics=topics)
                yield canonical_names(article, speaker_table([article.speakers]))
            yield from batch.skipped
    yield from problems
