"""Per-generation value arrays for facets, timelines and exact filters.

Whoosh's own facets rebuild per-document value lists from the postings on every search (30-800 ms
at 20k documents). Instead, once per index generation, each facet field is turned into a CSR matrix
(document → value ids) with numpy; counting the values of any set of matching documents is then one
``bincount``, well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from whoosh.searching import Searcher

from ..schema import CASE_FOLDED, DATE, DAY, VALUE_ARRAY_FIELDS
from ..whoosh_io import segments, term_postings


class StringTable(Sequence[str]):
    """The values of a facet field, by value id: one UTF-8 blob and its offsets (mapped from the
    generation's files), each value decoded when asked for. A facet shows ten values of thousands,
    so a process decodes the whole table only when something needs all of them (a filter's lookup,
    autocomplete), once."""

    __slots__ = ("_blob", "_offsets", "_all", "_index")

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self._blob, self._offsets = blob, offsets
        self._all: tuple[str, ...] | None = None
        self._index: dict[str, int] | None = None

    @classmethod
    def of(cls, values: Sequence[str]) -> StringTable:
        return cls(*strings_to_arrays(tuple(values)))

    @property
    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        return self._blob, self._offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):  # type: ignore[override]
        if self._all is not None or isinstance(i, slice):
            return self.all()[i]
        a, b = int(self._offsets[i]), int(self._offsets[i + 1])
        return bytes(self._blob[a:b - 1]).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self.all())

    def __eq__(self, other: object) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def all(self) -> tuple[str, ...]:
        if self._all is None:
            self._all = strings_from_arrays(self._blob, self._offsets)
        return self._all

    def find(self, value: str) -> int:
        """The id of ``value``, or -1."""
        if self._index is None:
            self._index = {v: i for i, v in enumerate(self.all())}
        return self._index.get(value, -1)


class ValueArray:
    """One facet field as arrays: which documents hold which value ids (flat and as CSR rows)."""

    __slots__ = ("values", "rows", "ids", "indptr", "doc_ids", "_lower", "_lens", "_present")

    def __init__(self, values: StringTable | Sequence[str], rows: np.ndarray, ids: np.ndarray,
                 lower: dict[str, str] | None = None, indptr: np.ndarray | None = None,
                 doc_ids: np.ndarray | None = None) -> None:
        self.values = values if isinstance(values, StringTable) else StringTable.of(values)  # id -> value
        self.rows = rows  # entry -> document number
        self.ids = ids  # entry -> value id
        self.indptr = np.zeros(1, dtype=np.int64) if indptr is None else indptr  # doc -> first entry (CSR)
        self.doc_ids = np.zeros(0, dtype=np.int64) if doc_ids is None else doc_ids  # CSR entries -> value id
        self._lower = lower
        self._lens: np.ndarray | None = None  # doc -> number of entries, from indptr (on first use)
        self._present: np.ndarray | None = None  # doc -> holds a value (on first use)

    @property
    def lower(self) -> dict[str, str]:
        """Lower-cased value -> value, for case-insensitive filters (built on first use)."""
        if self._lower is None:
            self._lower = {v.lower(): v for v in self.values}
        return self._lower

    def present(self, size: int) -> np.ndarray:
        """Read-only mask of the documents holding a value, made once per generation (the undated
        count and filter read it on every search)."""
        if self._present is None or len(self._present) != size:
            mask = np.zeros(size, dtype=bool)
            mask[self.rows] = True
            mask.flags.writeable = False
            self._present = mask
        return self._present

    def count(self, mask: np.ndarray, docs: np.ndarray | None = None) -> np.ndarray:
        """How many documents in ``mask`` (a boolean array over document numbers) hold each value.

        With ``docs`` (``np.flatnonzero(mask)``) and few matches, only those documents' entries are
        read (CSR slices); otherwise one pass over every entry. For a many-valued field (topics: ~7
        entries per article) the pass goes in document order, the mask repeated per entry and read
        sequentially: gathering it through ``rows`` (value order) jumps around memory, 2x the CPU
        over 100k articles. A field of about one value per article gathers faster."""
        has_csr = len(self.indptr) > len(mask)
        if docs is not None and has_csr and len(docs) * 8 < len(mask):
            starts = self.indptr[docs]
            lens = self.indptr[docs + 1] - starts
            n = int(lens.sum())
            if n == 0:
                return np.zeros(len(self.values), dtype=np.int64)
            idx = np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(n)
            return np.bincount(self.doc_ids[idx], minlength=len(self.values))
        if has_csr and len(self.doc_ids) > 2 * len(mask):
            if self._lens is None:
                self._lens = np.diff(self.indptr[:len(mask) + 1])
            return np.bincount(self.doc_ids[np.repeat(mask, self._lens)], minlength=len(self.values))
        return np.bincount(self.ids[mask[self.rows]], minlength=len(self.values))


@dataclass(frozen=True, slots=True)
class Terms:
    """One facet field before case folding: its terms holding a live document, in lexicon order, and
    which live documents hold each (``rows``: entry -> document, grouped by term, ascending within;
    ``ids``: entry -> term). For a field that is not case-folded these are its :class:`ValueArray`'s
    own ``values``, ``rows`` and ``ids``; a case-folded field keeps them beside its arrays, because
    folding forgets which spelling each document held, and a later commit needs that to fold again."""

    values: StringTable
    rows: np.ndarray
    ids: np.ndarray


@dataclass(frozen=True, slots=True)
class Lent:
    """What a commit's previous generation lends: each field's :class:`Terms`, the document numbers
    its kept segments cover (``prefix``: they are unchanged, in the same place), how many segments
    those are, and the new generation's live mask (documents deleted since are dropped)."""

    terms: Mapping[str, Terms]
    prefix: int
    kept: int
    live: np.ndarray


def build_arrays(searcher: Searcher, lent: Lent | None = None,
                 read: Mapping[int, Mapping[str, list[tuple[bytes, np.ndarray]]]] | None = None
                 ) -> tuple[dict[str, ValueArray], dict[str, Terms]]:
    """Every facet field's value arrays, and each field's :class:`Terms` (see there).

    With ``lent``, the kept segments' part of every term comes from the previous generation (less the
    documents deleted since) and only the other segments are read: a commit that adds a few files to
    a large index reads their segment, not every posting of every facet field. Same arrays as reading
    the whole index (``tests/test_parallel_write.py``, ``tests/test_generation.py``). ``read`` holds
    the terms of segments read elsewhere (by their place: the reindex's writer processes read the
    segments they wrote, ``hot.start``), in global document numbers."""
    size = searcher.doc_count_all()
    arrays, terms = {}, {}
    for name in VALUE_ARRAY_FIELDS:
        held = _term_rows(searcher, name, lent, read or {})
        terms[name] = held
        if name in CASE_FOLDED:
            starts = np.searchsorted(held.ids, np.arange(len(held.values) + 1))
            rows = [held.rows[a:b] for a, b in zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True)]
            values, rows, ids = fold_case(list(held.values), rows)
            all_rows = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
            all_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
            table = StringTable.of(values)
        else:
            table, all_rows, all_ids = held.values, held.rows, held.ids
        order = np.argsort(all_rows, kind="stable")
        indptr = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(all_rows, minlength=size)[:size], out=indptr[1:])
        arrays[name] = ValueArray(table, all_rows, all_ids, None, indptr, all_ids[order])
    return arrays, terms


def _term_rows(searcher: Searcher, field: str, lent: Lent | None,
               read: Mapping[int, Mapping[str, list[tuple[bytes, np.ndarray]]]]) -> Terms:
    """``field``'s :class:`Terms` in ``searcher``: read from every segment, or from the segments after
    ``lent.kept`` joined with the lent part of the kept ones (a segment in ``read`` from there)."""
    parts = segments(searcher)
    if lent is None:
        got = _read_terms(parts, field, 0, read)
        terms = [term for term, docs in got if len(docs)]
        rows = [docs for _, docs in got if len(docs)]
        counts = [len(docs) for docs in rows]
        all_rows = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        ids = np.repeat(np.arange(len(terms), dtype=np.int64), counts)
        return Terms(StringTable.of([t.decode("utf-8") for t in terms]), all_rows, ids)
    before = lent.terms[field]
    keep = before.rows < lent.prefix
    keep[keep] = lent.live[before.rows[keep]]
    old_rows, old_ids = before.rows[keep], before.ids[keep]
    new = [(term, docs) for term, docs in _read_terms(parts, field, lent.kept, read) if len(docs)]
    # Every term either part holds, in lexicon order (the order of their UTF-8 bytes).
    old_terms = [v.encode("utf-8") for v in before.values]
    merged = sorted(set(old_terms).union(term for term, _ in new))
    number = {term: i for i, term in enumerate(merged)}
    old_to_merged = np.asarray([number[t] for t in old_terms], dtype=np.int64)
    new_ids = [np.full(len(docs), number[term], dtype=np.int64) for term, docs in new]
    all_ids = np.concatenate([old_to_merged[old_ids], *new_ids])
    all_rows = np.concatenate([old_rows, *(docs for _, docs in new)])
    order = np.lexsort((all_rows, all_ids))  # by term, then document: the lent documents come first
    all_ids, all_rows = all_ids[order], all_rows[order]
    present, all_ids = np.unique(all_ids, return_inverse=True)  # terms left with no live document go
    return Terms(StringTable.of([merged[i].decode("utf-8") for i in present.tolist()]), all_rows,
                 all_ids.astype(np.int64, copy=False))


def _read_terms(parts: list[tuple[Searcher, int]], field: str, first: int,
                read: Mapping[int, Mapping[str, list[tuple[bytes, np.ndarray]]]]) -> list[tuple[bytes, np.ndarray]]:
    """Every term of ``field`` in the segments from ``first`` on, in lexicon order, with the live
    documents holding it (global numbers, ascending): a segment's terms from ``read`` when it is there,
    else read here, one segment at a time (as :func:`segment_terms`)."""
    found: dict[bytes, list[np.ndarray]] = {}
    for i in range(first, len(parts)):
        got = read[i][field] if i in read else segment_terms([parts[i]], field)
        for term, docs in got:
            found.setdefault(term, []).append(docs)
    empty = np.zeros(0, dtype=np.int64)
    return [(term, np.concatenate(found[term]) if found[term] else empty) for term in sorted(found)]


def segment_terms(parts: list[tuple[Searcher, int]], field: str) -> list[tuple[bytes, np.ndarray]]:
    """Every term of ``field`` in lexicon order, with the live documents holding it (global numbers,
    ascending), in the segments ``parts``. Each segment's postings are read for the terms it holds, a
    block at a time: asking every segment for every term of the index costs a lookup per absent term."""
    read: dict[bytes, list[np.ndarray]] = {}
    for sub, offset in parts:
        reader = sub.reader()
        for term in reader.lexicon(field):
            for ids, _ in term_postings(reader, field, term) or ():
                read.setdefault(term, []).append(np.asarray(ids, dtype=np.int64) + offset)
            read.setdefault(term, [])
    empty = np.zeros(0, dtype=np.int64)
    return [(term, np.concatenate(read[term]) if read[term] else empty) for term in sorted(read)]


def strings_to_arrays(values: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-8 blob (NUL-separated) and each one's start offset (plus the end), for ``.npy``."""
    blob = "\x00".join(values).encode("utf-8")
    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum([len(v.encode("utf-8")) + 1 for v in values], out=offsets[1:])
    return np.frombuffer(blob, dtype=np.uint8).copy(), offsets


def strings_from_arrays(blob: np.ndarray, offsets: np.ndarray) -> tuple[str, ...]:
    """The inverse of ``strings_to_arrays`` (by offsets: a value may itself hold a NUL)."""
    data = bytes(blob)
    bounds = offsets.tolist()
    return tuple(data[a:b - 1].decode("utf-8") for a, b in zip(bounds, bounds[1:], strict=False))


def fold_case(values: list[str], rows: list[np.ndarray]) -> tuple[list[str], list[np.ndarray], list[np.ndarray]]:
    """Merge values equal but for case: one value per lower-cased form, named by its most common
    spelling (ties: the first in lexicon order), holding each document once."""
    groups: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        groups.setdefault(v.lower(), []).append(i)
    out_values: list[str] = []
    out_rows: list[np.ndarray] = []
    out_ids: list[np.ndarray] = []
    for members in groups.values():
        best = max(members, key=lambda i: (len(rows[i]), -i))
        docs = rows[members[0]] if len(members) == 1 else np.unique(np.concatenate([rows[i] for i in members]))
        out_ids.append(np.full(len(docs), len(out_values), dtype=np.int64))
        out_rows.append(docs)
        out_values.append(values[best])
    return out_values, out_rows, out_ids


def mask_of(array: ValueArray, values: list[str], size: int) -> np.ndarray:
    """Documents holding any of ``values`` (exact stored values)."""
    wanted = np.zeros(len(array.values) + 1, dtype=bool)
    for v in values:
        i = array.values.find(v)
        if i >= 0:
            wanted[i] = True
    mask = np.zeros(size, dtype=bool)
    mask[array.rows[wanted[array.ids]]] = True
    return mask


def date_keys(searcher: Searcher, arrays: dict[str, ValueArray]) -> np.ndarray:
    """Publication time per document number as int64 (Whoosh's raw column value); -1 when undated,
    so newest-first and oldest-first sorts are one numpy argsort over the matching documents."""
    size = searcher.doc_count_all()
    keys = np.full(size, -1, dtype=np.int64)
    dated = np.zeros(size, dtype=bool)
    dated[arrays[DAY].rows] = True
    reader = searcher.reader()
    if reader.has_column(DATE):
        column = reader.column_reader(DATE, translate=False)
        for docnum in np.flatnonzero(dated).tolist():
            keys[docnum] = int(column[docnum])
    return keys
