"""Per-search context: the per-generation postings cache, the time limit and a stored-fields cache.

One search sets a ``SearchContext`` in a ``ContextVar`` (so threads never see each other's), and the
low-level helpers (``masks``, ``scoring``, ``ranking``) read it without it being threaded through
every signature. Outside a search (tests calling a helper directly) there is no context: no cache,
no limit.

The postings cache holds, per ``(field, term)``, the term's document numbers and term frequencies as
numpy arrays, for one index generation (it lives in the generation's state, so a commit drops it).
Common words are read from disk and unpacked block by block once, not on every search. It is an LRU
bounded by the number of postings it holds.

The time limit is cooperative: loops that may run long call ``expired()`` and stop with what they
have confirmed so far; the search then flags its page ``partial``. No signals or alarms (they only
work on the main thread, and the web server answers on worker threads).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field

import numpy as np

MAX_CACHED_POSTINGS = 8_000_000  # about 100 MB of ids and frequencies
WORK_SHARE = 0.6  # matching and ranking stop at this share of the limit; the rest reads and counts the page


class PostingCache:
    """LRU of ``(field, term bytes) -> (document numbers int64, frequencies float32)``, in front of a
    fixed map of the generation's common terms (written by the reindex, see ``hot``)."""

    def __init__(self, max_postings: int = MAX_CACHED_POSTINGS,
                 fixed: Mapping[tuple[str, bytes], tuple[np.ndarray, np.ndarray]] | None = None) -> None:
        self._fixed = fixed or {}  # the generation's mapped common-term postings (``hot``): never evicted
        self._items: OrderedDict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._size = 0
        self._max = max_postings
        self._lock = threading.Lock()

    def get(self, key: tuple[str, bytes]) -> tuple[np.ndarray, np.ndarray] | None:
        item = self._fixed.get(key)
        if item is not None:
            return item
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: tuple[str, bytes], item: tuple[np.ndarray, np.ndarray]) -> None:
        n = len(item[0])
        if n > self._max:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = item
            self._size += n
            while self._size > self._max:
                _, old = self._items.popitem(last=False)
                self._size -= len(old[0])

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class SearchContext:
    postings: PostingCache | None = None
    deadline: float = float("inf")  # time.perf_counter() value
    partial: bool = False  # set once a loop stopped at the deadline
    stored: dict[int, dict] = field(default_factory=dict)  # docnum -> stored fields, for this search

    def expired(self) -> bool:
        if self.partial:
            return True
        if time.perf_counter() >= self.deadline:
            self.partial = True
        return self.partial

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.perf_counter())


_CURRENT: ContextVar[SearchContext | None] = ContextVar("newsindex_search", default=None)
_NO_CONTEXT = SearchContext()


def current() -> SearchContext:
    """The running search's context, or an inert one (no cache, no limit) outside a search."""
    return _CURRENT.get() or _NO_CONTEXT


def expired() -> bool:
    ctx = _CURRENT.get()
    return ctx is not None and ctx.expired()


@contextlib.contextmanager
def searching(postings: PostingCache | None, limit_s: float | None, started: float | None = None
              ) -> Iterator[SearchContext]:
    """Run a search in a fresh context. ``limit_s`` is the whole call's budget from ``started``: the
    loops stop at ``WORK_SHARE`` of it, so that reading, highlighting and counting whatever was found
    (tens of milliseconds, more on a loaded machine) still ends within the budget."""
    begin = time.perf_counter() if started is None else started
    ctx = SearchContext(postings, begin + limit_s * WORK_SHARE if limit_s is not None else float("inf"))
    token = _CURRENT.set(ctx)
    try:
        yield ctx
    finally:
        _CURRENT.reset(token)


def stored_fields(s, docnum: int) -> dict:
    """``s.stored_fields`` remembered for the rest of the search (ranking and snippets both read them)."""
    ctx = _CURRENT.get()
    if ctx is None:
        return s.stored_fields(docnum)
    fields = ctx.stored.get(docnum)
    if fields is None:
        fields = ctx.stored[docnum] = s.stored_fields(docnum)
    return fields
