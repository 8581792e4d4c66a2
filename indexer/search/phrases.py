"""Exact phrases (``"german banks"``) checked with numpy on cached position arrays.

Whoosh's phrase matcher walks span matchers document by document (``skip_to``, then a position list
per word per document): 10-50 ms for a phrase of two common words at 25k documents. Here a document
matches when word *i* occurs at the first word's position + *i*. Each term's occurrences are kept
as one sorted int64 array (``document << 32 | position``) in the generation's postings cache, so the
check is a few ``np.isin`` calls. Only exact phrases (slop 1) are done here; anything else returns
None and Whoosh does it.
"""

from __future__ import annotations

import pickle

import numpy as np
from whoosh import query as Q
from whoosh.searching import Searcher

from .context import current, expired


def _read_keys(s: Searcher, field: str, text: bytes) -> tuple[np.ndarray, bool] | None:
    """Every occurrence of a term as ``document << 32 | position`` (global document numbers), sorted,
    and whether that is all of them (reading stops at the time limit)."""
    parts: list[int] = []
    complete = True
    segments = list(s.subsearchers) if s.subsearchers else [(s, 0)]
    for sub, offset in segments:
        reader = sub.reader()
        if (field, text) not in reader:
            continue
        m = reader.postings(field, text)
        if not all(hasattr(m, a) for a in ("_read_ids", "_read_values", "_next_block")):
            return None
        while m.is_active():
            if expired():
                complete = False
                break
            m._read_ids()
            m._read_values()
            for doc, v in zip(m._ids, m._values, strict=True):
                if not isinstance(v, bytes):
                    return None
                base = (doc + offset) << 32
                pos = base
                for d in pickle.loads(v[4:] if v.endswith(b".") else v[4:] + b"."):
                    pos += d
                    parts.append(pos)
            m._next_block()
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


def phrase_mask(s: Searcher, q: Q.Phrase, candidates: np.ndarray) -> np.ndarray | None:
    """Documents of ``candidates`` where the words occur as the exact phrase;
    None when this phrase is not one done here (a slop, a field without positions)."""
    if q.slop != 1 or len(q.words) < 2:
        return None
    try:
        field = s.schema[q.fieldname]
        if not field.format.supports("positions"):
            return None
        texts = [field.to_bytes(w) for w in q.words]
    except Exception:  # noqa: BLE001 - an unknown field: let Whoosh answer
        return None
    starts = None
    for i, text in enumerate(texts):
        if expired():
            return np.zeros(len(candidates), dtype=bool)
        keys = _keys(s, q.fieldname, text)
        if keys is None:
            return None
        starts = keys if starts is None else starts[np.isin(starts + i, keys)]
        if not len(starts):
            break
    out = np.zeros(len(candidates), dtype=bool)
    out[(starts >> 32)] = True
    return out & candidates
