"""Exact phrases (``"german banks"``) checked with numpy on cached position arrays.

Whoosh's phrase matcher walks span matchers document by document (``skip_to``, then a position list
per word per document): 10-50 ms for a phrase of two common words at 25k documents. Here a document
matches when word *i* occurs at the first word's position + *i*. Each term's occurrences are kept
as one sorted int64 array (``document << 32 | position``) in the generation's postings cache, so the
check is a few ``np.searchsorted`` calls. Sloppy phrases (``"a b"~3``) work the same way: Whoosh's
span matcher can scan every document holding the words before its first match, seconds on common
words, and cannot be stopped at the time limit.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as Q
from whoosh.searching import Searcher

from ..whoosh_io import decode_positions, segments, term_postings
from .context import current, expired


def _read_keys(s: Searcher, field: str, text: bytes) -> tuple[np.ndarray, bool] | None:
    """Every occurrence of a term as ``document << 32 | position`` (global document numbers), sorted,
    and whether that is all of them (reading stops at the time limit)."""
    parts: list[int] = []
    complete = True
    fmt = s.schema[field].format
    for sub, offset in segments(s):
        walk = term_postings(sub.reader(), field, text, values=True, stop=expired)
        if walk is None:
            continue
        if not walk.blockwise:
            return None
        for docs, values in walk:
            for doc, v in zip(docs, values, strict=True):
                if not isinstance(v, bytes):
                    return None
                base = (doc + offset) << 32
                parts.extend(base + p for p in decode_positions(fmt, v))
        if walk.stopped:
            complete = False
    return np.asarray(parts, dtype=np.int64), complete


def _keys(s: Searcher, field: str, text: bytes) -> np.ndarray | None:
    cache = current().postings
    key = ("\x00pos:" + field, text)
    item = cache.get(key) if cache is not None else None
    if item is None:
        read = _read_keys(s, field, text)
        if read is None:
            return None
        keys, complete = read
        item = (keys, keys[:0])
        if cache is not None and complete:
            cache.put(key, item)
    return item[0]


def _follow(ends: np.ndarray, keys: np.ndarray, slop: int) -> np.ndarray:
    """Occurrences in ``keys`` 1 to ``slop`` positions after any of ``ends`` (same document)."""
    lo = np.searchsorted(keys, ends + 1)
    hi = np.searchsorted(keys, ends + slop, side="right")
    lens = hi - lo
    n = int(lens.sum())
    if n == 0:
        return keys[:0]
    idx = np.repeat(lo - (np.cumsum(lens) - lens), lens) + np.arange(n)
    return np.unique(keys[idx])


def phrase_mask(s: Searcher, q: Q.Phrase, candidates: np.ndarray) -> np.ndarray | None:
    """Documents of ``candidates`` where the words occur in order, each 1 to ``slop`` positions
    after the previous one (Whoosh's ``SpanNear2(ordered=True, mindist=1)``, which its ``Phrase``
    uses; slop 1 is the exact phrase); None when the field has no positions."""
    if len(q.words) < 2 or q.slop < 1:
        return None
    try:
        field = s.schema[q.fieldname]
        if not field.format.supports("positions"):
            return None
        texts = [field.to_bytes(w) for w in q.words]
    except Exception:  # noqa: BLE001 - an unknown field: let Whoosh answer
        return None
    ends = None
    for text in texts:
        if expired():
            return np.zeros(len(candidates), dtype=bool)
        keys = _keys(s, q.fieldname, text)
        if keys is None:
            return None
        ends = keys if ends is None else _follow(ends, keys, q.slop)
        if not len(ends):
            break
    out = np.zeros(len(candidates), dtype=bool)
    out[(ends >> 32)] = True
    return out & candidates
