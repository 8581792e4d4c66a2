"""The postings of a generation's common terms, written with its search data and mapped at open.

A posting list read through Whoosh is unpickled and delta-decoded a block at a time in Python: for
the common words of a query (``said``, ``bank``, ``rates``) that is tens to hundreds of milliseconds
at 25k documents, paid by every fresh process on its first searches (the postings cache then keeps
them). So the reindex, while it writes the generation's other arrays (``generation``), also writes
the document numbers and frequencies of every term of the scored text fields found in at least
``HOT_POSTINGS_MIN_SHARE`` of the documents; a searching process maps them and the postings cache
answers from them before it reads anything from Whoosh. Rare terms are cheap to decode and are left
to Whoosh. The arrays are exactly what ``masks.postings`` would read (deleted documents included, as
there): a test holds them equal.
"""

from __future__ import annotations

import numpy as np
from whoosh.searching import Searcher

from ..config import HOT_POSTINGS_MIN_SHARE
from ..schema import TEXT_FIELDS
from ..whoosh_io import document_frequencies
from .masks import read_postings

Postings = dict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]]


def build(s: Searcher) -> dict[str, np.ndarray]:
    """Flat arrays (``hot.<field>.*``) of the common terms' postings, for the generation's file."""
    out: dict[str, np.ndarray] = {}
    threshold = max(1, int(HOT_POSTINGS_MIN_SHARE * s.doc_count_all()))
    reader = s.reader()
    for field in TEXT_FIELDS:
        terms = common_terms(reader, field, threshold)
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


def common_terms(reader, field: str, threshold: int) -> list[bytes]:
    """The terms of ``field`` in at least ``threshold`` documents, in term order."""
    return sorted(term for term, n in document_frequencies(reader, field).items() if n >= threshold)


def assemble(flat: dict[str, np.ndarray]) -> Postings:
    """``(field, term) -> (document numbers, frequencies)``, views into the (mapped) flat arrays."""
    out: Postings = {}
    for field in TEXT_FIELDS:
        blob = flat[f"hot.{field}.terms"].tobytes()
        ends = flat[f"hot.{field}.term_ends"].tolist()
        starts = flat[f"hot.{field}.starts"].tolist()
        ids, tfs = flat[f"hot.{field}.ids"], flat[f"hot.{field}.tfs"]
        begin = 0
        for i, end in enumerate(ends):
            out[(field, blob[begin:end])] = (ids[starts[i]:starts[i + 1]], tfs[starts[i]:starts[i + 1]])
            begin = end
    return out
