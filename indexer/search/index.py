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

from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from ..aliases.table import load_aliases
from ..config import DEFAULT_INDEX_DIR, DEFAULT_SORT, MAX_PER_PAGE, SEARCH_TIME_LIMIT_S
from ..errors import IndexNotFoundError, QueryError
from ..models import Article, QuotePage, SearchHit, SearchPage, Suggestion
from ..schema import BODY, SPEAKERS, TOPICS, doc_to_article, stored_body, stored_title
from .context import PostingCache, searching
from .execute import WEIGHTING, SearchRequest, make_hit, run_search
from .filters import Filters, filter_mask
from .masks import live_mask
from .query import normalize_query
from .quotes import find_quotes, split_request
from .scoring import field_lengths
from .spelling import Vocabulary
from .suggest import complete
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
        self.lengths = field_lengths(s)
        self.postings = PostingCache()
        # Built here, before any search's clock starts (about a second at 25k documents). Built on a
        # background thread instead, it held the GIL against the first searches after a reindex, which
        # then ran out of their time budget and came back partial (4 s and incomplete vs 2.4 s and whole).
        self.vocab = Vocabulary(s.reader())
        self.vocab.table()


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

    def warm(self) -> None:
        """Load the current generation's data now (a server calls this at start), not in the first search."""
        self._state(self._searcher())

    def close(self) -> None:
        s = getattr(self._local, "searcher", None)
        if s is not None:
            s.close()
            self._local.searcher = None

    # -- the API ---------------------------------------------------------------------------------
    def search(self, query: str = "", *, speaker: str | None = None, topic: str | None = None,
               source: str | None = None, since: str | None = None, until: str | None = None,
               last: str | None = None, sort: str = DEFAULT_SORT, page: int = 1, per_page: int | None = None,
               facets: bool = True, tag: str | None = None, date: str | None = None) -> SearchPage:
        """Ranked search with filters, facets over the whole result set, timeline and snippets.

        ``topic``, ``tag`` and ``source`` select one exact value (any case); ``source="unknown source"``
        the articles without one. ``since``/``until``/``date`` are the article's own calendar day;
        ``date`` is one period (``2012-03``), a range (``[2012-01 to 2012-06]``) or ``"undated"``.

        Never raises on any ``query`` text (malformed syntax is read best-effort and the page's
        ``message`` says so); raises QueryError for an invalid parameter (a bad date or sort).
        """
        started = time.perf_counter()
        s = self._searcher()
        state = self._state(s)
        with searching(state.postings, SEARCH_TIME_LIMIT_S):  # the clock starts once the generation is loaded
            request = SearchRequest.build(query, Filters(speaker, topic, source, since, until, last, tag, date),
                                          sort=sort, page=page, per_page=per_page, facets=facets)
            return run_search(s, state, request, started)

    def quotes(self, query: str = "", speaker: str | None = None, *, topic: str | None = None,
               since: str | None = None, until: str | None = None, last: str | None = None, page: int = 1,
               per_page: int | None = None) -> QuotePage:
        """Quote search: what ``speaker`` said about the words of ``query``, one hit per quote.

        The speaker comes from the parameter, a ``speaker:`` clause (``speaker:medvedev vladimir``)
        or a question (``what did medvedev say about missile defense``); aliases are resolved.
        Never raises on query text; QueryError for invalid parameters.
        """
        started = time.perf_counter()
        s = self._searcher()
        state = self._state(s)
        request = SearchRequest.build("", Filters(None, topic, None, since, until, last), sort=DEFAULT_SORT,
                                      page=page, per_page=per_page, facets=False)
        if speaker is not None and not isinstance(speaker, str):
            raise QueryError("speaker must be text")
        text = normalize_query(query if isinstance(query, str) else "")
        who, words = split_request(text, speaker)
        base = filter_mask(request.filters, state.arrays, state.aliases, state.live)
        try:
            with searching(state.postings, SEARCH_TIME_LIMIT_S):  # the clock starts once the generation is loaded
                found = find_quotes(s, state.arrays, state.aliases, state.live, base, who, words)
            message = None
        except Exception:  # noqa: BLE001 - quote text is user input: answer empty, never raise
            found, message = [], "The quote search could not read this query."
        first = (request.page - 1) * request.per_page
        return QuotePage(query=query if isinstance(query, str) else "", speaker=who, total=len(found),
                         page=request.page, per_page=request.per_page,
                         hits=tuple(found[first:first + request.per_page]), message=message,
                         took_ms=round((time.perf_counter() - started) * 1000, 2))

    def related(self, article_id: str, limit: int = 5) -> tuple[SearchHit, ...]:
        """More like this: articles sharing the most distinctive words of this one's body and title."""
        if not isinstance(limit, int) or not 1 <= limit <= MAX_PER_PAGE:
            raise QueryError(f"limit must be between 1 and {MAX_PER_PAGE}")
        if not isinstance(article_id, str) or not article_id or len(article_id) > 200:
            return ()
        s = self._searcher()
        docnum = s.document_number(id=article_id)
        if docnum is None:
            return ()
        fields = s.stored_fields(docnum)
        text = f"{stored_title(fields)}\n{stored_body(fields)}"
        try:
            results = s.more_like(docnum, BODY, text=text, top=limit, numterms=20)
        except Exception:  # noqa: BLE001 - an article with no usable words has no related articles
            return ()
        return tuple(make_hit(s, r.docnum, r.score, frozenset(), frozenset()) for r in results)

    def suggest(self, prefix: str, limit: int = 10) -> tuple[Suggestion, ...]:
        """Autocomplete for a search box: speakers, topics, then titles matching the prefix."""
        if not isinstance(limit, int) or not 1 <= limit <= MAX_PER_PAGE:
            raise QueryError(f"limit must be between 1 and {MAX_PER_PAGE}")
        if not isinstance(prefix, str):
            return ()
        s = self._searcher()
        arrays = self._state(s).arrays
        prefix = normalize_query(prefix)[:100]
        return tuple(Suggestion(kind, text) for kind, text in
                     complete(s, arrays[SPEAKERS].values, arrays[TOPICS].values, prefix, limit))

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
