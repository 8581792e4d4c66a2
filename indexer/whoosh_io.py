"""The one module that touches Whoosh below its public API, pinned to Whoosh-Reloaded 2.7.5.

Three speed-ups need Whoosh's internals, and they live here so a Whoosh change breaks one file, with
a message saying so, rather than four modules at random:

* **Posting blocks.** Totals, facets and ranking tiers need every document of a term, and
  ``Searcher.docs_for_query`` or a matcher's ``next()`` deliver them one Python call at a time. The
  on-disk matcher (``W3LeafMatcher``) reads postings in blocks; taking its decoded block arrays whole
  (:class:`PostingWalk`) is many times faster. Positions come through the field format's own
  ``decode_positions``.
* **The commit.** Whoosh's segment writer reads the length column once per posting, a file read
  each: :func:`speed_up_commit` reads each field's column once into memory (same values).
* **Abandoning a writer.** On a full disk ``cancel()`` itself can fail, leaving the writer's run
  files (``MAIN.tmp``) and lock behind: :func:`abandon_writer` removes them in any case.
* **Segment-parallel writing.** Writer processes each write one segment without taking the lock
  (:func:`segment_writer`, :func:`finish_segment`), and the parent adds the finished segments to its
  own commit in one table-of-contents write (:func:`commit_segments`); MpWriter does the same
  internally but can drop a segment silently (see indexer/ingest/segments.py).
* **Analyzer stages.** Snippets run the body analyzer's tokenizer and stemmer directly
  (:func:`analyzer_stage` picks them by type, not by position in the chain).
* **Publishing a generation.** :func:`publish_hook` lets the reindex write the search side's
  per-generation arrays for the exact segments a commit is about to publish, before the table of
  contents naming them exists (``search/generation.py``).
* **One map per segment, no copies.** :class:`SegmentMaps` opens searchers whose readers share one
  memory map per segment per process and read it without Whoosh's ``BytesIO`` copy (below).

Everything else in newsindex uses Whoosh's public API only (tests/test_whoosh_io.py checks that no
other module names a ``_``-prefixed Whoosh attribute, and pins what this module returns).
"""

from __future__ import annotations

import mmap
import pickle
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from types import MethodType
from typing import Any, TypeVar

import numpy as np
import whoosh
from whoosh import query as Q
from whoosh.codec.base import WrappingSegment
from whoosh.filedb.structfile import BufferFile
from whoosh.index import FileIndex
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

#: The Whoosh release these internals were written and tested against (requirements.txt pins it).
PINNED_VERSION = "2.7.5"
INSTALLED_VERSION = ".".join(str(n) for n in whoosh.__version__)


class WhooshInternalsChanged(ImportError):
    """The installed Whoosh lacks an internal this adapter relies on."""


def _changed(what: str) -> WhooshInternalsChanged:
    return WhooshInternalsChanged(
        f"indexer/whoosh_io.py relies on {what} of Whoosh-Reloaded {PINNED_VERSION}, which the installed "
        f"Whoosh {INSTALLED_VERSION} does not have. Install Whoosh-Reloaded=={PINNED_VERSION} (requirements.txt) "
        f"or update the adapter and its tests (tests/test_whoosh_io.py).")


def require(owner: Any, names: Sequence[str], where: str) -> None:
    """Raise WhooshInternalsChanged, naming the versions, unless ``owner`` has every attribute in ``names``."""
    missing = [n for n in names if not hasattr(owner, n)]
    if missing:
        raise _changed(f"{where}.{', '.join(missing)}")


try:
    from whoosh.codec.whoosh3 import (
        LENGTHS_COLUMN,
        STORED_COLUMN,
        W3Codec,
        W3LeafMatcher,
        W3PerDocReader,
        W3PostingsWriter,
        _lenfield,
    )
except ImportError as exc:  # pragma: no cover - only on a changed Whoosh
    raise _changed("whoosh.codec.whoosh3 (LENGTHS_COLUMN, STORED_COLUMN, W3Codec, W3LeafMatcher, W3PerDocReader, "
                   "W3PostingsWriter, _lenfield)") from exc

_BLOCK_METHODS = ("_read_ids", "_read_weights", "_read_values", "_next_block", "is_active")
require(W3LeafMatcher, _BLOCK_METHODS, "whoosh.codec.whoosh3.W3LeafMatcher")
require(W3PerDocReader, ("_cached_reader", "doc_count_all"), "whoosh.codec.whoosh3.W3PerDocReader")
require(W3PostingsWriter, ("_write_block",), "whoosh.codec.whoosh3.W3PostingsWriter")
require(SegmentWriter, ("_finalize_segment", "_close_segment", "_merge_segments", "_commit_toc", "_finish"),
        "whoosh.writing.SegmentWriter")


# -- segments and posting blocks ----------------------------------------------------------------

def segments(s: Searcher) -> list[tuple[Searcher, int]]:
    """(sub-searcher, offset of its first document) per segment; one pair for a one-segment index."""
    return list(s.subsearchers) if s.subsearchers else [(s, 0)]


def document_frequencies(reader: Any, field: str) -> dict[bytes, int]:
    """``term -> documents holding it`` (deleted ones included, as Whoosh counts) for every term of ``field``.

    Summed segment by segment: a multi-segment reader's ``iter_field`` looks every term up in every
    segment to merge its statistics, several times the cost for a vocabulary-sized field.
    """
    counts: dict[bytes, int] = {}
    for leaf, _ in reader.leaf_readers():
        for term, info in leaf.iter_field(field):
            counts[term] = counts.get(term, 0) + info.doc_frequency()
    return counts


class PostingWalk:
    """One term's postings in one segment, read a block at a time.

    Iterating yields ``(document numbers, weights)`` per block, or ``(document numbers, raw values)``
    when ``values`` is true; ``stop()`` is asked before each block is read, and ``stopped`` says
    whether it cut the walk short. In a segment with deleted documents their postings are dropped, as
    Whoosh's matcher drops them (block by block, with numpy). ``blockwise`` is False for a matcher that
    is not Whoosh's on-disk one: it is then walked a posting at a time (weights only; values are not offered).
    """

    def __init__(self, matcher: Any, *, values: bool = False, stop: Callable[[], bool] | None = None) -> None:
        self._excluded: np.ndarray | None = None
        if (isinstance(matcher, FilterMatcher) and getattr(matcher, "_exclude", False)
                and isinstance(getattr(matcher, "child", None), W3LeafMatcher)):
            # A segment with deleted documents: Whoosh wraps its on-disk matcher in a filter that drops
            # them a posting at a time. The blocks are read whole and the deleted documents dropped with
            # numpy instead (same postings; the filter may have stepped the child past deleted ones only,
            # and a block is always decoded whole).
            self._excluded = _deleted_mask(matcher._ids)
            matcher = matcher.child
        self._m = matcher
        self._values = values
        self._stop = stop or (lambda: False)
        self.blockwise = isinstance(matcher, W3LeafMatcher)
        self.stopped = False

    def __iter__(self) -> Iterator[tuple[Sequence[int], Sequence[Any]]]:
        m = self._m
        if not self.blockwise:
            if self._values:
                raise ValueError("raw values are only read from Whoosh's on-disk matcher")
            pairs = []
            while m.is_active():
                pairs.append((m.id(), m.weight()))
                m.next()
            if pairs:
                yield [p[0] for p in pairs], [p[1] for p in pairs]
            return
        while m.is_active():
            if self._stop():
                self.stopped = True
                return
            m._read_ids()
            if self._values:
                m._read_values()
                yield self._live(m._ids, m._values)
            else:
                m._read_weights()
                yield self._live(m._ids, m._weights)
            m._next_block()

    def _live(self, ids: Sequence[int], payload: Sequence[Any]) -> tuple[Sequence[int], Sequence[Any]]:
        """A block's postings without those of deleted documents."""
        if self._excluded is None or not len(self._excluded):
            return ids, payload
        array = np.asarray(ids, dtype=np.int64)
        deleted = self._excluded  # a boolean mask over document numbers, up to the last deleted one
        keep = np.ones(len(array), dtype=bool)
        inside = array < len(deleted)
        keep[inside] = ~deleted[array[inside]]
        if keep.all():
            return ids, payload
        if self._values:
            return array[keep], [v for v, k in zip(payload, keep.tolist(), strict=True) if k]
        return array[keep], np.asarray(payload, dtype=np.float32)[keep]


@lru_cache(maxsize=16)
def _deleted_mask(ids: frozenset) -> np.ndarray:
    """A reader's deleted documents (Whoosh keeps one frozenset per reader) as a boolean mask."""
    mask = np.zeros(max(ids, default=-1) + 1, dtype=bool)
    mask[np.fromiter(ids, dtype=np.int64, count=len(ids))] = True
    return mask


def term_postings(reader: Any, field: str, text: bytes, *, values: bool = False,
                  stop: Callable[[], bool] | None = None) -> PostingWalk | None:
    """The postings of ``field:text`` in one segment's reader, or None when the segment has none."""
    if (field, text) not in reader:
        return None
    try:
        matcher = reader.postings(field, text)
    except Exception:  # noqa: BLE001 - TermNotFound and friends: no documents
        return None
    return PostingWalk(matcher, values=values, stop=stop)


def decode_positions(field_format: Any, value: bytes) -> list[int]:
    """A posting's positions, decoded by the field format's own decoder."""
    return field_format.decode_positions(value)


# -- queries and analyzers ----------------------------------------------------------------------

_NULL_QUERY_TYPE = type(Q.NullQuery)


def is_null_query(q: Any) -> bool:
    """True for Whoosh's "matches nothing" query (the parser's answer to an empty or stop-word query)."""
    return q is Q.NullQuery or isinstance(q, _NULL_QUERY_TYPE)


S = TypeVar("S")


def analyzer_stage(analyzer: Any, kind: type[S]) -> S:
    """The first stage of type ``kind`` in an analyzer chain (its tokenizer, a filter)."""
    for item in getattr(analyzer, "items", (analyzer,)):
        if isinstance(item, kind):
            return item
    raise LookupError(f"the analyzer has no {kind.__name__} stage")


# -- the commit speed-up ------------------------------------------------------------------------

class _InMemoryLengths:
    """A per-document reader whose ``doc_field_length`` reads each field's length column once.

    When Whoosh writes a segment it asks the length column for every posting
    (``FieldWriter.add_postings`` → ``doc_field_length``), and each ask is a Python-level file read:
    millions of reads for a corpus-sized commit (minutes at 30k articles).
    """

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._columns: dict[str, list[int] | None] = {}

    def _column(self, fieldname: str) -> list[int] | None:
        if fieldname not in self._columns:
            col = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            self._columns[fieldname] = None if col is None else [col[i] for i in range(self._reader.doc_count_all())]
        return self._columns[fieldname]

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        column = self._column(fieldname)
        if column is None:
            return default
        lbyte = column[docnum]
        return byte_to_length(lbyte) if lbyte else None  # same results as Whoosh's own reader

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


#: Postings pickled together in a sorted run: one ``pickle.dump`` per chunk instead of one per posting.
RUN_CHUNK = 10_000


def _write_run_chunked(pool: Any, f: Any, items: Iterable[tuple]) -> None:
    items = iter(items)
    while chunk := list(islice(items, RUN_CHUNK)):
        pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
    f.close()


def _read_run_chunked(pool: Any, path: str) -> Iterator[tuple]:
    f = pool._open_run(path)
    try:
        while True:
            try:
                chunk = pickle.load(f)
            except EOFError:
                return
            yield from chunk
    finally:
        f.close()
        pool._remove_run(path)


#: A posting block whose raw data is estimated below this many bytes is written uncompressed.
RAW_BLOCK_BYTES = 96


class _RawSmallBlocks(W3PostingsWriter):
    """Whoosh's posting writer, leaving small blocks uncompressed.

    Whoosh compresses every posting block with zlib; most terms of a news corpus occur in one or two
    articles, so most blocks hold a posting or two, which zlib cannot shrink (its header alone is six
    bytes) but which cost a ``zlib.compress`` call each: a fifth of a segment's write time. Whoosh's
    own code means to skip blocks under 20 bytes, but the line that would do it is overwritten by the
    next one. Each block records its compression level, and readers decompress only blocks that say
    so, so the index stays an ordinary Whoosh index.
    """

    def _write_block(self, last: bool = False) -> None:
        estimate = 8 * len(self._ids) + sum(map(len, self._values))
        if estimate >= RAW_BLOCK_BYTES or not self._compression:
            super()._write_block(last)
            return
        level, self._compression = self._compression, 0
        try:
            super()._write_block(last)
        finally:
            self._compression = level


def _raw_small_blocks(codec: Any) -> Any:
    require(codec, ("_blocklimit", "_compression", "_inlinelimit"), type(codec).__name__)

    def postings_writer(dbfile: Any, byteids: bool = False) -> _RawSmallBlocks:
        return _RawSmallBlocks(dbfile, blocklimit=codec._blocklimit, byteids=byteids,
                               compression=codec._compression, inlinelimit=codec._inlinelimit)
    return postings_writer


def speed_up_commit(writer: Any) -> Any:
    """Make ``writer`` faster without changing what it finds; returns the writer.

    Three changes, on this writer instance only: its segment flush reads document lengths from memory
    (:class:`_InMemoryLengths`); its posting pool pickles the sorted runs it spills to disk in chunks
    of postings rather than one ``pickle.dump`` per posting (the runs are temporary files read back only
    by the same pool; chunked, writing and reading them costs about a fifteenth of the time); and its
    small posting blocks are written uncompressed (:class:`_RawSmallBlocks`).
    """
    require(writer, ("per_document_reader", "pool", "fieldwriter"), type(writer).__name__)
    require(writer.pool, ("_write_run", "_read_run", "_open_run", "_remove_run"), "whoosh.writing.PostingPool")
    require(writer.fieldwriter, ("_codec",), type(writer.fieldwriter).__name__)
    original = writer.per_document_reader
    writer.per_document_reader = lambda: _InMemoryLengths(original())
    writer.pool._write_run = MethodType(_write_run_chunked, writer.pool)
    writer.pool._read_run = MethodType(_read_run_chunked, writer.pool)
    codec = writer.fieldwriter._codec
    if isinstance(codec, W3Codec):
        codec = W3Codec(codec._blocklimit, codec._compression, codec._inlinelimit)  # this writer's own
        codec.postings_writer = _raw_small_blocks(codec)
        writer.fieldwriter._codec = codec
    return writer


def abandon_writer(writer: Any, index_dir: Any) -> None:
    """Cancel a failed writer so that it leaves nothing behind: its temporary run files (``MAIN.tmp``)
    and its lock go even when ``cancel()`` fails (it closes the segment it was writing, which a full
    disk refuses). The original error is the caller's to report; this never raises."""
    import shutil
    from pathlib import Path

    try:
        writer.cancel()
    except Exception:  # noqa: BLE001 - best effort: the caller is already handling the real error
        temp = getattr(writer, "_tempstorage", None)
        lock = getattr(writer, "writelock", None)
        for cleanup in (temp.destroy if temp else None, lock.release if lock else None):
            try:
                if cleanup is not None:
                    cleanup()
            except Exception:  # noqa: BLE001, S110 - the directory is removed below
                pass
    shutil.rmtree(Path(index_dir) / f"{getattr(writer, 'indexname', 'MAIN')}.tmp", ignore_errors=True)


def publish_hook(writer: Any, callback: Callable[[Searcher, int], None]) -> Any:
    """Call ``callback(searcher, generation)`` during ``writer.commit()``, after the segments are
    final and before the TOC naming them is written (so data derived from a generation exists before
    any reader can open it); an exception in it cancels the commit like any write error. Returns the writer."""
    require(writer, ("_commit_toc", "storage", "schema", "generation"), type(writer).__name__)
    original = writer._commit_toc

    def commit_toc(segments: list) -> None:
        # Read through views of the segment maps (below): Whoosh's own reader would copy every
        # segment's postings, terms and stored fields onto the heap (about 480 MB at 100k articles).
        mapped = [_SharedSegment(seg, _SharedFiles(seg.open_compound_file(writer.storage)))
                  if seg.is_compound() else seg for seg in segments]
        reader = FileIndex._reader(writer.storage, writer.schema, mapped, writer.generation)
        searcher = Searcher(reader)
        try:
            callback(searcher, writer.generation)
        finally:
            searcher.close()
        original(segments)

    writer._commit_toc = commit_toc
    return writer


# -- one memory map per segment per process ------------------------------------------------------
# Searchers that read each segment from one shared memory map, without copying it.
#
# Whoosh's rule is one ``Searcher`` per thread (a shared one gave corrupt reads under 8 threads), and
# each thread's searcher cost about 130 MB at 25k articles, which is why a server's memory grew with
# its thread count (1, 2, 4, 8 threads: 0.65, 0.9, 1.4, 2.45 GB). Two causes, both here:
#
# * every ``ix.searcher()`` maps each segment's compound file again, and the kernel counts a page once
#   per mapping: every thread brought its own copy of the pages it read into the resident set;
# * Whoosh's ``BufferFile`` wraps each sub-file of the map in ``BytesIO(buf)``, which *copies* it: the
#   postings (76 MB), the term index (30 MB) and the stored articles (27 MB) were copied onto the heap
#   by every reader that opened them.
#
# Here every thread still gets its own searcher, readers and file objects (nothing with a read
# position is shared), but all of them read a segment through one ``CompoundStorage`` per process,
# whose files are views of the map: ``read`` and ``get`` copy only the bytes asked for. The map is
# released when the last reader of an old generation is gone.

require(FileIndex, ("_read_toc", "_reader"), "whoosh.index.FileIndex")


class _View:
    """A read-only file over ``length`` bytes of a map from ``base``: what ``BytesIO(buf)`` gives
    Whoosh, without the copy of the whole buffer."""

    __slots__ = ("_map", "_base", "_end", "_pos")

    def __init__(self, source: mmap.mmap, base: int, length: int) -> None:
        self._map, self._base, self._end, self._pos = source, base, base + length, base

    def read(self, n: int | None = -1) -> bytes:
        start = self._pos
        end = self._end if n is None or n < 0 else min(self._end, start + n)
        self._pos = end
        return self._map[start:end]

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        nl = self._map.find(b"\n", self._pos, self._end)
        end = self._end if nl < 0 else nl + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        return self.read(end - self._pos)

    def seek(self, pos: int, whence: int = 0) -> int:
        base = (self._base, self._pos, self._end)[whence]
        self._pos = min(self._end, max(self._base, base + pos))
        return self._pos - self._base

    def tell(self) -> int:
        return self._pos - self._base

    def close(self) -> None:
        pass


class _MappedFile(BufferFile):
    """Whoosh's ``BufferFile`` (``get`` slices the view), reading through a ``_View``."""

    def __init__(self, source: mmap.mmap, base: int, length: int, name: str) -> None:
        self._buf = memoryview(source)[base:base + length]
        self._name = name
        self.file = _View(source, base, length)
        self.onclose = None
        self.is_real = False
        self.is_closed = False


class _SharedFiles:
    """A segment's compound storage shared by readers in several threads; a reader closing it
    leaves it open for the others (the map is unmapped when it is garbage).

    It also holds the segment's one reader of stored documents: opening one computes every
    document's offset in a Python loop (8 ms at 25k articles, 30 ms at 100k), which each thread's
    first search paid again. That reader only slices the map (``BufferFile.get``), so threads share it.
    """

    def __init__(self, compound: Any) -> None:
        self._compound = compound
        self._stored: Any = None
        self._stored_lock = threading.Lock()

    def share_stored(self, perdoc: Any) -> None:
        """Give a segment's per-document reader the process's reader of stored documents."""
        with self._stored_lock:
            if self._stored is None:
                self._stored = perdoc._cached_reader("_stored", STORED_COLUMN)
            else:
                perdoc._readers["_stored"] = self._stored

    def open_file(self, name: str, *args: Any, **kwargs: Any) -> Any:
        source = getattr(self._compound, "_source", None)
        if not isinstance(source, mmap.mmap):  # not mapped (no mmap on this system): Whoosh's own files
            return self._compound.open_file(name, *args, **kwargs)
        offset, length = self._compound.range(name)
        return _MappedFile(source, offset, length, name)

    def close(self) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._compound, name)


class _SharedSegment(WrappingSegment):
    def __init__(self, child: Any, files: _SharedFiles) -> None:
        super().__init__(child)
        self._files = files

    def open_compound_file(self, storage: Any) -> _SharedFiles:
        return self._files

    def __getattr__(self, name: str) -> Any:  # the codec reads some segment attributes directly
        if name.startswith("__") or name in ("_child", "_files"):
            raise AttributeError(name)
        return getattr(self._child, name)


class SegmentMaps:
    """The open segment files of one index in this process, by segment id."""

    def __init__(self, ix: FileIndex) -> None:
        self._ix = ix
        self._files: dict[str, _SharedFiles] = {}
        self._lock = threading.Lock()

    def _wrap(self, segments: list) -> list:
        with self._lock:
            current: dict[str, _SharedFiles] = {}
            out = []
            for seg in segments:
                if not seg.is_compound():
                    out.append(seg)
                    continue
                key = seg.segment_id()
                files = self._files.get(key) or _SharedFiles(seg.open_compound_file(self._ix.storage))
                current[key] = files
                out.append(_SharedSegment(seg, files))
            self._files = current  # segments of older generations: dropped here, unmapped when unused
            return out

    def searcher(self, **kwargs: Any) -> Searcher:
        """A new searcher over the index's latest generation (retrying while a commit swaps files,
        as ``FileIndex.reader`` does)."""
        for attempt in range(10):
            try:
                toc = self._ix._read_toc()
                reader = FileIndex._reader(self._ix.storage, toc.schema, self._wrap(list(toc.segments)),
                                           toc.generation)
                for leaf, _ in reader.leaf_readers():
                    seg = getattr(leaf, "_segment", None)
                    if isinstance(seg, _SharedSegment) and isinstance(leaf._perdoc, W3PerDocReader):
                        seg._files.share_stored(leaf._perdoc)
                return Searcher(reader, fromindex=self._ix, **kwargs)
            except OSError:
                if attempt == 9:
                    raise
                time.sleep(0.05)
        raise AssertionError("unreachable")
# -- segment-parallel writing ---------------------------------------------------------------------

def segment_writer(ix: Any, limitmb: int) -> Any:
    """A writer of one new segment that does not take the index lock (the parent process holds it)."""
    return speed_up_commit(SegmentWriter(ix, _lk=False, limitmb=limitmb))


def finish_segment(writer: Any) -> Any:
    """Write out a segment writer's segment without committing it; None when it holds no document.

    Not ``commit``/``cancel``: those end with ``_finish``, which deletes the temporary folder that every
    writer of the index shares (``MAIN.tmp``) while the other processes still write their runs there.
    """
    if writer.doc_count() == 0:
        abandon_segment(writer)
        return None
    return writer._finalize_segment()


def abandon_segment(writer: Any) -> None:
    """Close a segment writer's files without writing a segment or touching the shared temporary folder."""
    writer._close_segment()


def segment_terms(ix: Any, segment: Any, field: str) -> set[str]:
    """The terms of ``field`` in one (not yet committed) segment, read back from disk."""
    reader = SegmentReader(ix.storage, ix.schema, segment)
    try:
        return {term.decode("utf-8") for term in reader.lexicon(field)}
    finally:
        reader.close()


def commit_segments(main: Any, segments: list[Any], mergetype: Callable | None) -> None:
    """Commit ``main`` (its deletions and merges) together with finished segments, in one TOC write."""
    final = main._merge_segments(mergetype, None, None)
    final.extend(segments)
    if main._added:
        final.append(main._finalize_segment())
    else:
        main._close_segment()
    main._commit_toc(final)
    main._finish()


def segment_count(ix: Any) -> int:
    """How many segments the index's current generation has."""
    return len(ix._segments())
