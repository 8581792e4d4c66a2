"""The postings of a generation's common terms, written with its search data and mapped at open.

A posting list read through Whoosh is unpickled and delta-decoded a block at a time in Python: for
the common words of a query (``said``, ``bank``, ``rates``) that is tens to hundreds of milliseconds
at 25k documents, paid by every fresh process on its first searches (the postings cache then keeps
them). So the reindex, while it writes the generation's other arrays (``generation``), also writes
the document numbers and frequencies of every term of the scored text fields found in at least
``HOT_POSTINGS_MIN_SHARE`` of the documents; a searching process maps them and the postings cache
answers from them before it reads anything from Whoosh. Rare terms are cheap to decode and are left
to Whoosh. The arrays are exactly what ``postings.postings`` would read (deleted documents included, as
there): a test holds them equal.

The terms in at least ``HOT_POSITIONS_MIN_SHARE`` of the documents also get their positions
(``document << 32 | position``, what ``phrases`` reads), so a phrase of common words is a few
``searchsorted`` calls from the first search on.
"""

from __future__ import annotations

import numpy as np
from whoosh.searching import Searcher

from ..config import HOT_POSITIONS_MIN_SHARE, HOT_POSTINGS_MIN_SHARE
from ..schema import TEXT_FIELDS
from ..whoosh_io import document_frequencies
from .phrases import POSITIONS, read_keys
from .postings import read_postings

Postings = dict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]]


def build(s: Searcher) -> dict[str, np.ndarray]:
    """Flat arrays (``hot.<field>.*``) of the common terms' postings, for the generation's file."""
    out: dict[str, np.ndarray] = {}
    threshold = max(1, int(HOT_POSTINGS_MIN_SHARE * s.doc_count_all()))
    reader = s.reader()
    for field in TEXT_FIELDS:
        frequencies = document_frequencies(reader, field)
        terms = sorted(term for term, n in frequencies.items() if n >= threshold)
        out.update(_positions(s, field, frequencies))
        ids, tfs, starts = [], [], [0]
        for term in terms:
            term_ids, term_tfs, _ = read_postings(s, field, term)
            ids.append(term_ids)
            tfs.append(term_tfs)
            starts.append(starts[-1] + len(term_ids))
        blob = b"".join(terms)
        out[f"hot.{field}.terms"] = np.frombuffer(blob, dtype=np.uint8).copy()
        out[f"hot.{field}.term_ends"] = np.cumsum([len(t) for t in terms], dtype=np.int64)
        out[f"hot.{field}.starts"] = np.asarray(starts, dtype=np.int64)
        out[f"hot.{field}.ids"] = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        out[f"hot.{field}.tfs"] = np.concatenate(tfs) if tfs else np.zeros(0, dtype=np.float32)
    return out


def _positions(s: Searcher, field: str, frequencies: dict[bytes, int]) -> dict[str, np.ndarray]:
    """Flat arrays (``hotpos.<field>.*``) of the very common terms' positions."""
    threshold = max(1, int(HOT_POSITIONS_MIN_SHARE * s.doc_count_all()))
    if not s.schema[field].format.supports("positions"):
        return {}
    terms, keys, starts = [], [], [0]
    for term in sorted(t for t, n in frequencies.items() if n >= threshold):
        read = read_keys(s, field, term)
        if read is None or not read[1]:  # not Whoosh's on-disk postings: phrases read them as before
            continue
        terms.append(term)
        keys.append(read[0])
        starts.append(starts[-1] + len(read[0]))
    return {f"hotpos.{field}.terms": np.frombuffer(b"".join(terms), dtype=np.uint8).copy(),
            f"hotpos.{field}.term_ends": np.cumsum([len(t) for t in terms], dtype=np.int64),
            f"hotpos.{field}.starts": np.asarray(starts, dtype=np.int64),
            f"hotpos.{field}.keys": np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)}


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
