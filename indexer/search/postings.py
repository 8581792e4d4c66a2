"""One term's postings as numpy arrays: document numbers and frequencies.

Every part of a search reads postings this way (matching, BM25, feedback, phrases, suggestions): a
Whoosh list is read a block at a time, and the generation's postings cache (``context``) keeps it,
in front of the common terms' lists that the reindex wrote and the process maps (``hot``).
"""

from __future__ import annotations

import numpy as np
from whoosh.searching import Searcher

from ..whoosh_io import segments, term_postings
from .context import current, expired


def read_postings(s: Searcher, field: str, text) -> tuple[np.ndarray, np.ndarray, bool]:
    """Document numbers (global) and frequencies of one term, read a block at a time, and whether
    the list is complete (reading stops at the time limit: a common word's blocks, decompressed
    for the first time, can take a second at 100k documents)."""
    ids_parts, w_parts = [], []
    complete = True
    for sub, offset in segments(s):
        walk = term_postings(sub.reader(), field, text, stop=expired)
        if walk is None:
            continue
        for ids, weights in walk:
            ids_parts.append(np.asarray(ids, dtype=np.int64) + offset)
            w_parts.append(np.asarray(weights, dtype=np.float32))
        if walk.stopped:
            complete = False
    if not ids_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32), complete
    return np.concatenate(ids_parts), np.concatenate(w_parts), complete


def postings(s: Searcher, field: str, text) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, term frequencies) of one term, from the generation's cache when there is one."""
    cache = current().postings
    key = (field, text if isinstance(text, bytes) else str(text).encode("utf-8"))
    item = cache.get(key) if cache is not None else None
    if item is None:
        ids, tfs, complete = read_postings(s, field, text)
        ids.flags.writeable = False
        tfs.flags.writeable = False
        item = (ids, tfs)
        if cache is not None and complete:  # a list cut short by the time limit is not kept
            cache.put(key, item)
    return item
