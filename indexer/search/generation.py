"""What a search needs of one index generation, written beside the index and memory-mapped at open.

Every search reads per-generation arrays: the facet fields as CSR rows (``values``), the live-document
mask, publication times, per-field lengths for BM25F (``scoring``) and the spelling table
(``spelling``). Built from Whoosh's postings they cost seconds at 25k documents, a Python-heap copy in
every server process, and more when several processes or threads start at once. So the reindex builds
them once, just before it publishes a generation, into ``generation-<N>/`` in the index directory
(one file of aligned arrays, plus ``meta.json`` naming their types, shapes and offsets), and
searching processes map it read-only:
opening costs milliseconds, and the pages are the operating system's page cache, shared by every
worker process instead of copied into each.

``meta.json`` names the segments (id, documents, deletions) the arrays describe; a directory that
does not match the index's current segments is ignored (a rebuilt index restarting at generation 0,
a copy of another index). An index written before these files existed, or by a writer that does not
produce them, still opens: the data is built from the index then, written for the next process when
the directory is writable, and kept in memory when it is not.
"""

from __future__ import annotations

import json
import logging
import mmap
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh.searching import Searcher

from ..schema import CASE_FOLDED, TEXT_FIELDS, VALUE_ARRAY_FIELDS
from ..whoosh_io import segments
from . import hot, spelling
from .masks import live_mask
from .scoring import field_lengths
from .values import Lent, StringTable, Terms, ValueArray, build_arrays, date_keys

LAYOUT = 6  # version of the files' layout: a change makes older directories rebuild
PREFIX = "generation-"
ARRAYS_FILE = "arrays.bin"
KEEP = 2  # generations kept on disk: the new one and the one before (processes still switching)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GenerationData:
    """The per-generation arrays, in memory or mapped from ``source`` (None: built in this process)."""

    arrays: dict[str, ValueArray]
    live: np.ndarray
    date_keys: np.ndarray
    lengths: dict[str, np.ndarray]
    vocab: spelling.Vocabulary
    source: Path | None = None
    hot: hot.Postings = field(default_factory=dict)  # common terms' postings (``hot``)
    terms: dict[str, Terms] = field(default_factory=dict)  # facet fields before case folding (``values``)


def signature(s: Searcher) -> list[list]:
    """The segments a generation is made of: (segment id, documents, deleted documents)."""
    out = []
    for reader, _ in s.reader().leaf_readers():
        segment = reader.segment()
        if segment is None:  # an empty index
            continue
        out.append([segment.segment_id(), segment.doc_count_all(), segment.deleted_count()])
    return out


def directory(index_dir: Path, generation: int) -> Path:
    return Path(index_dir) / f"{PREFIX}{generation}"


@dataclass(frozen=True, slots=True)
class Previous:
    """What a writer knows of the generation it started from: the vocabulary of its live documents
    (``word → documents``), its data when that was on disk, and the segments that data describes."""

    counts: dict[str, int]
    data: GenerationData | None = None
    segments: tuple[tuple, ...] = ()

    def kept(self, s: Searcher) -> int:
        """How many leading segments of ``s`` are this generation's, in the same place (deletions aside)."""
        if self.data is None:
            return 0
        n = 0
        for old, new in zip(self.segments, signature(s), strict=False):
            if list(old[:2]) != list(new[:2]):
                break
            n += 1
        return n


def previous(index_dir: Path, s: Searcher, generation: int) -> Previous:
    """The generation ``s`` reads (generation ``generation``), as a reindex or ``optimize`` starts
    from it: its data when that describes ``s``, else the vocabulary counted from the stored documents."""
    data = load(index_dir, s, generation)
    if data is not None:
        return Previous(data.vocab.counts(), data, tuple(tuple(x) for x in signature(s)))
    return Previous(dict(spelling.counts_from_index(s.reader())))


def _flat(s: Searcher, counts: Mapping[str, int] | None = None, before: Previous | None = None,
          elsewhere: hot.SegmentParts | None = None) -> dict[str, np.ndarray]:
    """Every array of the generation, by file name. ``counts`` is the vocabulary of ``s``'s live
    documents (``word → documents``), as the reindex counted it; without it, it is read from the
    stored documents (see ``spelling``). ``before``, the generation the writer started from, lends
    the parts of its arrays that describe segments ``s`` kept unchanged (``hot.build``); ``elsewhere``
    reads the common terms' and the facet fields' part of the segments it wrote, while this process
    builds the lengths and the spelling table (``hot.start``)."""
    live = live_mask(s)
    kept = before.kept(s) if before is not None else 0
    facet_parts: hot.FacetParts = {}  # the new segments' facet terms, read by the writer processes
    hot_arrays = hot.start(s, (before.data.hot, kept) if kept else None, live, elsewhere, VALUE_ARRAY_FIELDS,
                           facet_parts)
    out: dict[str, np.ndarray] = {"live": live}
    lengths_before = before.data.lengths if kept else None
    for name, lengths in field_lengths(s, lengths_before, kept).items():
        out[f"length.{name}"] = lengths
    if counts is None:
        counts = spelling.counts_from_index(s.reader())
    for name, value in spelling.build(counts).items():
        out[f"spell.{name}"] = value
    out.update(hot_arrays())
    lent = None
    if kept:  # the kept segments' facet arrays and lengths come from the previous generation
        parts = segments(s)
        prefix = parts[kept][1] if kept < len(parts) else s.doc_count_all()
        lent = Lent(before.data.terms, prefix, kept, live)
    arrays, terms = build_arrays(s, lent, facet_parts)
    out["date_keys"] = date_keys(s, arrays)
    for name, array in arrays.items():
        blob, offsets = array.values.arrays
        out.update({f"facet.{name}.values": blob, f"facet.{name}.offsets": offsets,
                    f"facet.{name}.rows": array.rows, f"facet.{name}.ids": array.ids,
                    f"facet.{name}.indptr": array.indptr, f"facet.{name}.doc_ids": array.doc_ids})
    for name in CASE_FOLDED:  # what folding forgets, for the next commit to lend (``values.Terms``)
        blob, offsets = terms[name].values.arrays
        out.update({f"terms.{name}.values": blob, f"terms.{name}.offsets": offsets,
                    f"terms.{name}.rows": terms[name].rows, f"terms.{name}.ids": terms[name].ids})
    return out


def _assemble(flat: dict[str, np.ndarray], source: Path | None) -> GenerationData:
    arrays = {}
    for name in VALUE_ARRAY_FIELDS:
        values = StringTable(flat[f"facet.{name}.values"], flat[f"facet.{name}.offsets"])
        arrays[name] = ValueArray(values, flat[f"facet.{name}.rows"], flat[f"facet.{name}.ids"], None,
                                  flat[f"facet.{name}.indptr"], flat[f"facet.{name}.doc_ids"])
    terms = {name: Terms(array.values, array.rows, array.ids) for name, array in arrays.items()}
    for name in CASE_FOLDED:
        terms[name] = Terms(StringTable(flat[f"terms.{name}.values"], flat[f"terms.{name}.offsets"]),
                            flat[f"terms.{name}.rows"], flat[f"terms.{name}.ids"])
    lengths = {name: flat[f"length.{name}"] for name in TEXT_FIELDS}
    vocab = spelling.Vocabulary({name: flat[f"spell.{name}"] for name in spelling.ARRAYS + spelling.KNOWN})
    return GenerationData(arrays, flat["live"], flat["date_keys"], lengths, vocab, source, hot.assemble(flat),
                          terms)


def write(index_dir: Path, s: Searcher, generation: int, counts: Mapping[str, int] | None = None,
          before: Previous | None = None, elsewhere: hot.SegmentParts | None = None) -> Path:
    """Build the generation's arrays from ``s`` (see :func:`_flat`) and write them into ``generation-<N>/``."""
    return save(index_dir, _flat(s, counts, before, elsewhere), signature(s), generation)


def save(index_dir: Path, flat: dict[str, np.ndarray], segments: list[list], generation: int) -> Path:
    """Write the arrays atomically: into a temporary directory, renamed into place. When another
    process got there first with the same segments, its directory stands; older generations' are removed."""
    index_dir = Path(index_dir)
    target = directory(index_dir, generation)
    tmp = Path(tempfile.mkdtemp(prefix=f".{PREFIX}{generation}-", dir=index_dir))
    try:
        arrays = _write_arrays(tmp / ARRAYS_FILE, flat)
        meta = {"layout": LAYOUT, "generation": generation, "segments": segments, "arrays": arrays}
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        if target.exists() and _meta(target) != meta:  # stale: another index's, or half-written
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.replace(tmp, target)
        except OSError:
            if _meta(target) != meta:  # not a concurrent twin: a real failure
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _prune(index_dir, generation)
    return target


def _write_arrays(path: Path, flat: dict[str, np.ndarray]) -> dict[str, list]:
    """Every array into one file, each at a 64-byte aligned offset; returns name -> [dtype, shape, offset].
    One file is one map and one file descriptor per process (a ``.npy`` per array cost 47)."""
    out: dict[str, list] = {}
    with open(path, "wb") as fh:
        for name in sorted(flat):
            value = np.ascontiguousarray(flat[name])
            offset = -fh.tell() % 64
            fh.write(b"\0" * offset)
            out[name] = [value.dtype.str, list(value.shape), fh.tell()]
            fh.write(value.tobytes())
        fh.flush()
        os.fsync(fh.fileno())
    return out


def _map_arrays(path: Path, arrays: dict[str, list]) -> dict[str, np.ndarray]:
    """The arrays of ``_write_arrays``, as read-only ndarrays over one shared map of the file."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        source = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
    out = {}
    for name, (dtype, shape, offset) in arrays.items():
        count = int(np.prod(shape, dtype=np.int64))
        out[name] = np.frombuffer(source, dtype=np.dtype(dtype), count=count, offset=offset).reshape(shape)
    return out


def _meta(path: Path) -> dict | None:
    try:
        return json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _prune(index_dir: Path, generation: int) -> None:
    for path in index_dir.glob(f"{PREFIX}*"):
        try:
            n = int(path.name[len(PREFIX):])
        except ValueError:
            continue
        if n <= generation - KEEP:
            shutil.rmtree(path, ignore_errors=True)  # open maps of it stay valid (POSIX)
    for path in index_dir.glob(f".{PREFIX}*"):  # temporaries of a writer killed an hour or more ago
        try:
            if path.is_dir() and time.time() - path.stat().st_mtime > 3600:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def load(index_dir: Path, s: Searcher, generation: int) -> GenerationData | None:
    """The generation's arrays mapped from disk, or None when its directory is missing or does not
    describe this index's segments."""
    path = directory(index_dir, generation)
    meta = _meta(path)
    if not isinstance(meta, dict) or meta.get("layout") != LAYOUT or meta.get("segments") != signature(s):
        return None
    try:
        return _assemble(_map_arrays(path / ARRAYS_FILE, meta["arrays"]), path)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def open_generation(index_dir: Path, s: Searcher, generation: int) -> GenerationData:
    """The generation's data: mapped when written by the reindex; otherwise built now (an index from
    an older version), written for the next process when the directory is writable, else kept in memory."""
    data = load(index_dir, s, generation)
    if data is not None:
        return data
    log.warning("index %s has no search data for generation %d (written by an older newsindex?): "
                "building it now", index_dir, generation)
    flat = _flat(s)
    try:
        save(index_dir, flat, signature(s), generation)
    except OSError as exc:
        log.warning("could not save the search data in %s (%s): kept in memory; a reindex writes it",
                    index_dir, exc.strerror or exc)
        return _assemble(flat, None)
    data = load(index_dir, s, generation)
    return data if data is not None else _assemble(flat, None)
