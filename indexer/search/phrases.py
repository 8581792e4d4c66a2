"""Exact phrases (``"german banks"``) checked with numpy on position arrays.

Whoosh's phrase matcher walks span matchers document by document (``skip_to``, then a position list
per word per document): 10-50 ms for a phrase of two common words at 25k documents. Here a document
matches when word *i* occurs at the first word's position + *i*. The documents holding every word
come from the postings (mapped for common words); positions are decoded only in those, as one sorted
int64 array per word (``document << 32 | position``), so the check is a few ``np.searchsorted``
calls, and the matching documents are kept in the generation's postings cache. (Decoding every
position of both words, as before, made the first phrase of common words after a start 60 ms.)
Sloppy phrases (``"a b"~3``) work the same way: Whoosh's span matcher can scan every document
holding the words before its first match, seconds on common words, and cannot be stopped at the
time limit.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as Q
from whoosh.searching import Searcher

from ..whoosh_io import decode_positions, segments, term_postings
from .context import current, expired
from .postings import postings

POSITIONS = "\x00pos:"  # key prefix of a term's positions in the postings cache (``hot`` maps common ones)


def read_keys(s: Searcher, field: str, text: bytes, wanted: np.ndarray | None = None
              ) -> tuple[np.ndarray, bool] | None:
    """The occurrences of a term as ``document << 32 | position`` (global document numbers), sorted,
    in every document or only in ``wanted`` (sorted global numbers), and whether that is all of them
    (reading stops at the time limit); None for postings that are not Whoosh's on-disk blocks. Only
    the postings of wanted documents are decoded: a phrase of two common words occurs in a fraction
    of either word's documents."""
    parts: list[int] = []
    complete = True
    fmt = s.schema[field].format
    for sub, offset in segments(s):
        local = None
        if wanted is not None:
            lo, hi = np.searchsorted(wanted, [offset, offset + sub.doc_count_all()])
            if lo == hi:
                continue
            local = wanted[lo:hi] - offset
        walk = term_postings(sub.reader(), field, text, values=True, stop=expired)
        if walk is None:
            continue
        if not walk.blockwise:
            return None
        for docs, values in walk:
            ids = np.asarray(docs, dtype=np.int64)
            keep = range(len(ids)) if local is None else \
                np.flatnonzero(local[np.minimum(np.searchsorted(local, ids), len(local) - 1)] == ids).tolist()
            for i in keep:
                v = values[i]
                if not isinstance(v, bytes):
                    return None
                base = (int(ids[i]) + offset) << 32
                parts.extend(base + p for p in decode_positions(fmt, v))
        if walk.stopped:
            complete = False
    return np.asarray(parts, dtype=np.int64), complete


def _matches(s: Searcher, field: str, texts: list[bytes], slop: int) -> np.ndarray | None:
    """Documents (sorted, global numbers) where the words occur in order within ``slop``, kept in
    the generation's postings cache: a phrase is asked for again by every page and facet click."""
    cache = current().postings
    key = ("\x00phrase:" + field, b"\x00".join(texts) + b"\x00" + str(slop).encode())
    item = cache.get(key) if cache is not None else None
    if item is not None:
        return item[0]
    wanted = None
    for text in texts:  # positions are decoded only where every word occurs
        ids = postings(s, field, text)[0]
        wanted = ids if wanted is None else np.intersect1d(wanted, ids, assume_unique=True)
        if not len(wanted):
            break
    ends, where, complete = None, wanted, True
    for text in texts:
        if not len(where):
            break
        if expired():
            return None
        mapped = cache.get((POSITIONS + field, text)) if cache is not None else None
        if mapped is not None:  # a very common term's positions, mapped (``hot``)
            keys, done = mapped[0], True
        else:
            read = read_keys(s, field, text, where)
            if read is None:
                return None
            keys, done = read
        complete = complete and done
        if ends is None:
            ends = keys
        else:
            ends = _follow(ends, keys, slop)
            where = np.unique(ends >> 32)
    docs = where if ends is not None else wanted[:0]  # ``where``: the documents the last word ends a match in
    if cache is not None and complete and not expired():
        cache.put(key, (docs, docs[:0]))
    return docs


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
    out = np.zeros(len(candidates), dtype=bool)
    if expired():
        return out
    docs = _matches(s, q.fieldname, texts, q.slop)
    if docs is None:  # the time limit, or a matcher without raw values: nothing confirmed / Whoosh's
        return out if expired() else None
    out[docs] = True
    return out & candidates
