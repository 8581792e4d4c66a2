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
* **Segment-parallel writing.** Writer processes each write one segment without taking the lock
  (:func:`segment_writer`, :func:`finish_segment`), and the parent adds the finished segments to its
  own commit in one table-of-contents write (:func:`commit_segments`); MpWriter does the same
  internally but can drop a segment silently (see indexer/ingest/segments.py).
* **Analyzer stages.** Snippets run the body analyzer's tokenizer and stemmer directly
  (:func:`analyzer_stage` picks them by type, not by position in the chain).

Everything else in newsindex uses Whoosh's public API only (tests/test_whoosh_io.py checks that no
other module names a ``_``-prefixed Whoosh attribute, and pins what this module returns).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from types import MethodType
from typing import Any, TypeVar

import whoosh
from whoosh import query as Q
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
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, _lenfield
except ImportError as exc:  # pragma: no cover - only on a changed Whoosh
    raise _changed("whoosh.codec.whoosh3 (LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, _lenfield)") from exc

_BLOCK_METHODS = ("_read_ids", "_read_weights", "_read_values", "_next_block", "is_active")
require(W3LeafMatcher, _BLOCK_METHODS, "whoosh.codec.whoosh3.W3LeafMatcher")
require(W3PerDocReader, ("_cached_reader", "doc_count_all"), "whoosh.codec.whoosh3.W3PerDocReader")
require(SegmentWriter, ("_finalize_segment", "_close_segment", "_merge_segments", "_commit_toc", "_finish"),
        "whoosh.writing.SegmentWriter")


# -- segments and posting blocks ----------------------------------------------------------------

def segments(s: Searcher) -> list[tuple[Searcher, int]]:
    """(sub-searcher, offset of its first document) per segment; one pair for a one-segment index."""
    return list(s.subsearchers) if s.subsearchers else [(s, 0)]


class PostingWalk:
    """One term's postings in one segment, read a block at a time.

    Iterating yields ``(document numbers, weights)`` per block, or ``(document numbers, raw values)``
    when ``values`` is true; ``stop()`` is asked before each block is read, and ``stopped`` says
    whether it cut the walk short. ``blockwise`` is False for a matcher that is not Whoosh's on-disk
    one: it is then walked a posting at a time (weights only; values are not offered).
    """

    def __init__(self, matcher: Any, *, values: bool = False, stop: Callable[[], bool] | None = None) -> None:
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
                yield m._ids, m._values
            else:
                m._read_weights()
                yield m._ids, m._weights
            m._next_block()


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


def speed_up_commit(writer: Any) -> Any:
    """Make ``writer`` faster without changing what it writes; returns the writer.

    Two changes, on this writer instance only: its segment flush reads document lengths from memory
    (:class:`_InMemoryLengths`), and its posting pool pickles the sorted runs it spills to disk in chunks
    of postings rather than one ``pickle.dump`` per posting (the runs are temporary files read back only
    by the same pool; chunked, writing and reading them costs about a fifteenth of the time).
    """
    require(writer, ("per_document_reader", "pool"), type(writer).__name__)
    require(writer.pool, ("_write_run", "_read_run", "_open_run", "_remove_run"), "whoosh.writing.PostingPool")
    original = writer.per_document_reader
    writer.per_document_reader = lambda: _InMemoryLengths(original())
    writer.pool._write_run = MethodType(_write_run_chunked, writer.pool)
    writer.pool._read_run = MethodType(_read_run_chunked, writer.pool)
    return writer


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
