"""Which documents match a query, as a numpy boolean array over document numbers.

Totals, facets, timelines and the ranking tiers are all computed over the *whole* matching set, so
this runs on every search. ``Searcher.docs_for_query`` walks Whoosh's matcher tree one document at a
time; for the shapes the query language produces (terms ORed across fields, ANDed across words) it
is much cheaper to read each term's posting list block by block and combine the lists with numpy.
Anything else (phrases, ranges, nested operators) falls back to ``docs_for_query``.
"""

from __future__ import annotations

import time

import numpy as np
from whoosh import query as Q
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.searching import Searcher

from ..whoosh_io import is_null_query, segments
from .context import expired
from .phrases import phrase_mask
from .postings import postings


def term_mask(s: Searcher, field: str, text, size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[postings(s, field, text)[0]] = True
    return mask


def live_mask(s: Searcher) -> np.ndarray:
    """True for every document that is not deleted."""
    mask = np.ones(s.doc_count_all(), dtype=bool)
    for sub, offset in segments(s):
        reader = sub.reader()
        if reader.has_deletions():
            dead = [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
            mask[np.asarray(dead, dtype=np.int64) + offset] = False
    return mask


class DocList(Q.Query):
    """The documents of a numpy mask as a query (score 0), so ``And([DocList, words])`` scores the
    words only on those documents instead of walking every posting of a common word."""

    def __init__(self, mask: np.ndarray, top: Searcher, ids: np.ndarray | None = None) -> None:
        self.ids = np.flatnonzero(mask) if ids is None else ids
        self._offsets = {id(sub): off for sub, off in top.subsearchers} if top.subsearchers else {}
        self.boost = 1.0

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, ixreader) -> int:
        return len(self.ids)

    def estimate_min_size(self, ixreader) -> int:
        return len(self.ids)

    def matcher(self, searcher, context=None):
        offset = self._offsets.get(id(searcher), 0)
        size = searcher.doc_count_all()
        lo, hi = np.searchsorted(self.ids, [offset, offset + size])
        local = (self.ids[lo:hi] - offset).tolist()
        return ListMatcher(local, all_weights=0.0) if local else NullMatcher()


def query_mask(s: Searcher, q: Q.Query, live: np.ndarray) -> np.ndarray:
    """Boolean array of the documents matching ``q`` (deleted documents excluded).

    Past the search's time limit it returns only documents it has confirmed (a subset of the true
    answer): an AND whose parts were not all evaluated confirms nothing, a NOT whose excluded part
    may be incomplete confirms nothing, a phrase confirms the documents checked so far.
    """
    size = len(live)
    if is_null_query(q):
        return np.zeros(size, dtype=bool)
    if isinstance(q, Q.Every):
        return live.copy()
    if isinstance(q, Q.Term):
        text = q.text
        try:
            text = s.schema[q.fieldname].to_bytes(text)
        except Exception:  # noqa: BLE001 - unknown field: no documents
            return np.zeros(size, dtype=bool)
        return term_mask(s, q.fieldname, text, size) & live
    if isinstance(q, Q.Or):
        out = np.zeros(size, dtype=bool)
        for sub in q.subqueries:
            if expired():
                break
            out |= query_mask(s, sub, live)
        return out
    if isinstance(q, Q.And):
        out = live.copy()
        for sub in q.subqueries:
            if expired():
                return np.zeros(size, dtype=bool)
            if isinstance(sub, Q.Not):
                out &= _excluded(s, sub.query, live)
            else:
                out &= query_mask(s, sub, live)
            if not out.any():
                break
        return out
    if isinstance(q, Q.AndNot):
        return query_mask(s, q.a, live) & _excluded(s, q.b, live)
    if isinstance(q, Q.Not):
        return live & _excluded(s, q.query, live)
    if isinstance(q, Q.Phrase):  # positions are checked only where every word occurs
        cand = live.copy()
        for word in q.words:
            cand &= query_mask(s, Q.Term(q.fieldname, word), live)
            if not cand.any():
                return cand
        exact = phrase_mask(s, q, cand)
        if exact is not None:
            return exact & live
        return _in_chunks(s, q, cand) & live
    mask = np.zeros(size, dtype=bool)
    found: list[int] = []
    for docnum in s.docs_for_query(q):
        found.append(docnum)
        if expired():
            break
    mask[np.asarray(found, dtype=np.int64)] = True
    return mask & live


def _in_chunks(s: Searcher, q: Q.Query, candidates: np.ndarray) -> np.ndarray:
    """Whoosh's matcher for ``q`` over the candidates a chunk at a time, so the time limit is checked
    even when thousands of candidates in a row do not match (a sloppy phrase of common words can
    spend seconds in one matcher). Chunks start small and grow while they take under 10 ms."""
    mask = np.zeros(len(candidates), dtype=bool)
    ids = np.flatnonzero(candidates)
    start, chunk = 0, 16
    while start < len(ids) and not expired():
        began = time.perf_counter()
        part = Q.And([DocList(candidates, s, ids[start:start + chunk]), q])
        mask[np.fromiter(s.docs_for_query(part), dtype=np.int64)] = True
        start += chunk
        chunk = min(1024, chunk * 2) if time.perf_counter() - began < 0.01 else max(4, chunk // 2)
    return mask


def _excluded(s: Searcher, q: Q.Query, live: np.ndarray) -> np.ndarray:
    """The documents *not* matching ``q``; none at all if the time limit may have cut ``q`` short."""
    hit = query_mask(s, q, live)
    return np.zeros(len(live), dtype=bool) if expired() else ~hit
