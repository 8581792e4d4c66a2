"""``NewsIndex``: the one search API behind the CLI, the web UI and embedding programs.

Whoosh rules it follows (see the project's Whoosh brief): one searcher per thread, reopened when the
index changes (never ``refresh()``, broken in 2.7.5); everything a caller receives is copied into
frozen dataclasses inside the searcher's lifetime, so results stay usable after the call; and the
per-generation data (facet arrays, the alias table) is built once per index generation and shared.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.searching import Searcher

from ..config import DEFAULT_INDEX_DIR
from ..corpus_state import load_aliases
from ..errors import IndexNotFoundError
from ..models import Article, SearchPage
from ..schema import doc_to_article
from .filters import Filters
from .masks import live_mask
from .run import WEIGHTING, SearchRequest, run_search
from .values import build_arrays, date_keys


class _Generation:
    """Data derived from one index generation, shared by every thread's searcher."""

    def __init__(self, s: Searcher, generation: int, aliases: dict[str, str]) -> None:
        self.generation = generation
        self.arrays = build_arrays(s)
        self.aliases = aliases
        self.doc_count = s.doc_count()
        self.live = live_mask(s)
        self.date_keys = date_keys(s, self.arrays)


class NewsIndex:
    """An open news index. Thread-safe: share one instance across a web server's threads."""

    def __init__(self, index_dir: Path, ix: whoosh_index.FileIndex) -> None:
        self.index_dir = index_dir
        self._ix = ix
        self._local = threading.local()
        self._lock = threading.Lock()
        self._generation: _Generation | None = None

    @classmethod
    def open(cls, index_dir: str | Path = DEFAULT_INDEX_DIR) -> NewsIndex:
        """Open the index in ``index_dir``; IndexNotFoundError when none was built there yet."""
        path = Path(index_dir)
        try:
            if not whoosh_index.exists_in(str(path)):
                raise IndexNotFoundError(f"no index in {path}: run `newsindex reindex PATH` first")
            return cls(path, whoosh_index.open_dir(str(path)))
        except OSError as exc:
            raise IndexNotFoundError(f"cannot open the index in {path}: {exc.strerror or exc}") from exc

    # -- searchers and per-generation data -------------------------------------------------------
    def _searcher(self) -> Searcher:
        s = getattr(self._local, "searcher", None)
        if s is None or not s.up_to_date():
            if s is not None:
                s.close()
            s = self._local.searcher = self._ix.searcher(weighting=WEIGHTING)
        return s

    def _state(self, s: Searcher) -> _Generation:
        gen = s.reader().generation()
        current = self._generation
        if current is not None and current.generation == gen:
            return current
        with self._lock:
            if self._generation is None or self._generation.generation != gen:
                self._generation = _Generation(s, gen, load_aliases(self.index_dir, self._ix))
            return self._generation

    def close(self) -> None:
        s = getattr(self._local, "searcher", None)
        if s is not None:
            s.close()
            self._local.searcher = None

    # -- the API ---------------------------------------------------------------------------------
    def search(self, query: str = "", *, speaker: str | None = None, topic: str | None = None,
               source: str | None = None, since: str | None = None, until: str | None = None,
               last: str | None = None, sort: str = "relevance", page: int = 1, per_page: int | None = None,
               facets: bool = True) -> SearchPage:
        """Ranked search with filters, facets over the whole result set, timeline and snippets.

        Never raises on any ``query`` text (malformed syntax is read best-effort and the page's
        ``message`` says so); raises QueryError for an invalid parameter (a bad date or sort).
        """
        started = time.perf_counter()
        s = self._searcher()
        state = self._state(s)
        request = SearchRequest.build(query, Filters(speaker, topic, source, since, until, last),
                                      sort=sort, page=page, per_page=per_page, facets=facets)
        return run_search(s, state, request, started)

    def get(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        if not isinstance(article_id, str) or not article_id or len(article_id) > 200:
            return None
        fields = self._searcher().document(id=article_id)
        return doc_to_article(fields) if fields else None

    def doc_count(self) -> int:
        return self._searcher().doc_count()

    def values(self, field: str) -> tuple[str, ...]:
        """Every distinct value of a facet field (speakers, topics, source, year, month)."""
        s = self._searcher()
        return self._state(s).arrays[field].values

    def matching_mask(self, q: Q.Query) -> np.ndarray:
        s = self._searcher()
        mask = np.zeros(s.doc_count_all(), dtype=bool)
        mask[list(s.docs_for_query(q))] = True
        return mask
