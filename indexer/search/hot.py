"""The postings of a generation's common terms, written with its search data and mapped at open.

A posting list read through Whoosh is unpickled and delta-decoded a block at a time in Python: for
the common words of a query (``said``, ``bank``, ``rates``) that is tens to hundreds of milliseconds
at 25k documents, paid by every fresh process on its first searches (the postings cache then keeps
them). So the reindex, while it writes the generation's other arrays (``generation``), also writes
the document numbers and frequencies of every term of the scored text fields found in at least
``HOT_POSTINGS_MIN_SHARE`` of the documents; a searching process maps them and the postings cache
answers from them before it reads anything from Whoosh. Rare terms are cheap to decode and are left
to Whoosh. The arrays are exactly what ``postings.postings`` would read (deleted documents left out, as
there): a test holds them equal. An incremental commit takes the kept segments' part of each list from
the previous generation's arrays and reads only its new segments (``build``'s ``reuse``).

The terms in at least ``HOT_POSITIONS_MIN_SHARE`` of the documents also get their positions
(``document << 32 | position``, what ``phrases`` reads), so a phrase of common words is a few
``searchsorted`` calls from the first search on.
"""

from __future__ import annotations

import numpy as np
from whoosh.searching import Searcher

from ..config import HOT_POSITIONS_MIN_SHARE, HOT_POSTINGS_MIN_SHARE
from ..schema import TEXT_FIELDS
from ..whoosh_io import document_frequencies, segments, term_postings
from .phrases import POSITIONS, read_keys

Postings = dict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]]


def build(s: Searcher, reuse: tuple[Postings, int] | None = None, live: np.ndarray | None = None
          ) -> dict[str, np.ndarray]:
    """Flat arrays (``hot.<field>.*``, ``hotpos.<field>.*``) of the common terms' postings and the
    very common terms' positions, for the generation's file.

    ``reuse`` is the previous generation's postings and how many leading segments of ``s`` it
    described unchanged (the same segments, in the same place: their document numbers are the same;
    only deletions may be new). Those segments' part of a term's list is then taken from it, less
    the documents ``live`` (``s``'s live mask) no longer holds, and only the other segments (an
    incremental reindex's new ones) are read from Whoosh: the same arrays, without re-reading
    every common word's postings of the whole index at every commit."""
    out: dict[str, np.ndarray] = {}
    threshold = max(1, int(HOT_POSTINGS_MIN_SHARE * s.doc_count_all()))
    reader = s.reader()
    parts = segments(s)
    old, kept = reuse if reuse is not None and live is not None else ({}, 0)
    prefix = parts[kept][1] if kept < len(parts) else s.doc_count_all()
    for field in TEXT_FIELDS:
        frequencies = document_frequencies(reader, field)
        terms = sorted(term for term, n in frequencies.items() if n >= threshold)
        out.update(_positions(s, field, frequencies, old, prefix, live))
        unseen = {t for t in terms if (field, t) not in old}
        head = _postings(parts[:kept], field, unseen)
        tail = _postings(parts[kept:], field, set(terms))
        ids, tfs, starts = [], [], [0]
        for term in terms:
            if term in unseen:
                head_ids, head_tfs = head[term]
            else:
                head_ids, head_tfs = old[(field, term)]
                keep = _kept(head_ids, prefix, live)
                head_ids, head_tfs = head_ids[keep], head_tfs[keep]
            term_ids = np.concatenate([head_ids, tail[term][0]])
            ids.append(term_ids)
            tfs.append(np.concatenate([head_tfs, tail[term][1]]))
            starts.append(starts[-1] + len(term_ids))
        out.update(_pack(f"hot.{field}", terms, starts, ids=(ids, np.int64), tfs=(tfs, np.float32)))
    return out


def _pack(prefix: str, terms: list[bytes], starts: list[int], **columns: tuple[list[np.ndarray], type]
          ) -> dict[str, np.ndarray]:
    """One family of flat arrays: the terms as one byte blob with their ends, where each term's run
    starts, and each column's runs concatenated (read back by :func:`_terms`)."""
    out = {f"{prefix}.terms": np.frombuffer(b"".join(terms), dtype=np.uint8).copy(),
           f"{prefix}.term_ends": np.cumsum([len(t) for t in terms], dtype=np.int64),
           f"{prefix}.starts": np.asarray(starts, dtype=np.int64)}
    for name, (runs, dtype) in columns.items():
        out[f"{prefix}.{name}"] = np.concatenate(runs) if runs else np.zeros(0, dtype=dtype)
    return out


def _kept(docs: np.ndarray, prefix: int, live: np.ndarray) -> np.ndarray:
    """Which of the previous generation's documents ``docs`` are still there: in the kept segments
    (below ``prefix``) and not deleted since."""
    keep = docs < prefix
    keep[keep] = live[docs[keep]]
    return keep


def _postings(parts: list[tuple[Searcher, int]], field: str, terms: set[bytes]
              ) -> dict[bytes, tuple[np.ndarray, np.ndarray]]:
    """What ``postings.read_postings`` reads for each of ``terms`` in the segments ``parts``: each
    segment's postings are read for the terms it holds (walking its lexicon), not looked up in every
    segment for every term."""
    found: dict[bytes, tuple[list, list]] = {term: ([], []) for term in terms}
    for sub, offset in parts if terms else ():
        reader = sub.reader()
        for term in reader.lexicon(field):
            if term in found:
                ids, tfs = found[term]
                for block_ids, weights in term_postings(reader, field, term) or ():
                    ids.append(np.asarray(block_ids, dtype=np.int64) + offset)
                    tfs.append(np.asarray(weights, dtype=np.float32))
    empty_ids, empty_tfs = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return {term: (np.concatenate(ids) if ids else empty_ids, np.concatenate(tfs) if tfs else empty_tfs)
            for term, (ids, tfs) in found.items()}


def _positions(s: Searcher, field: str, frequencies: dict[bytes, int], old: Postings, prefix: int,
               live: np.ndarray | None) -> dict[str, np.ndarray]:
    """Flat arrays (``hotpos.<field>.*``) of the very common terms' positions; a term the previous
    generation held keeps its kept segments' positions from there (see :func:`build`)."""
    threshold = max(1, int(HOT_POSITIONS_MIN_SHARE * s.doc_count_all()))
    if not s.schema[field].format.supports("positions"):
        return {}
    newer = np.arange(prefix, s.doc_count_all(), dtype=np.int64)  # the documents of the segments not kept
    terms, keys, starts = [], [], [0]
    for term in sorted(t for t, n in frequencies.items() if n >= threshold):
        before = old.get((POSITIONS + field, term))
        if before is not None and live is not None:
            read = read_keys(s, field, term, newer) if len(newer) else (np.zeros(0, dtype=np.int64), True)
            if read is not None:
                read = (np.concatenate([before[0][_kept(before[0] >> 32, prefix, live)], read[0]]), read[1])
        else:
            read = read_keys(s, field, term)
        if read is None or not read[1]:  # not Whoosh's on-disk postings: phrases read them as before
            continue
        terms.append(term)
        keys.append(read[0])
        starts.append(starts[-1] + len(read[0]))
    return _pack(f"hotpos.{field}", terms, starts, keys=(keys, np.int64))


def _terms(flat: dict[str, np.ndarray], prefix: str) -> list[tuple[bytes, int, int]]:
    """(term, start, stop) of each term in one field's flat arrays."""
    blob = flat[f"{prefix}.terms"].tobytes()
    ends = flat[f"{prefix}.term_ends"].tolist()
    starts = flat[f"{prefix}.starts"].tolist()
    return [(blob[(ends[i - 1] if i else 0):end], starts[i], starts[i + 1]) for i, end in enumerate(ends)]


def assemble(flat: dict[str, np.ndarray]) -> Postings:
    """``(field, term) -> (document numbers, frequencies)`` and ``(POSITIONS + field, term) -> (keys,
    nothing)``, views into the (mapped) flat arrays."""
    out: Postings = {}
    for field in TEXT_FIELDS:
        ids, tfs = flat[f"hot.{field}.ids"], flat[f"hot.{field}.tfs"]
        for term, start, stop in _terms(flat, f"hot.{field}"):
            out[(field, term)] = (ids[start:stop], tfs[start:stop])
        if f"hotpos.{field}.keys" in flat:
            keys = flat[f"hotpos.{field}.keys"]
            for term, start, stop in _terms(flat, f"hotpos.{field}"):
                out[(POSITIONS + field, term)] = (keys[start:stop], keys[start:start])
    return out
