"""``NewsIndex``: the one search API behind the CLI, the web UI and embedding programs.

Whoosh rules it follows (see the project's Whoosh brief): one searcher per thread, reopened when the
index changes (never ``refresh()``, broken in 2.7.5); everything a caller receives is copied into
frozen dataclasses inside the searcher's lifetime, so results stay usable after the call; and the
per-generation data (facet arrays, the alias table) is built once per index generation and shared.
"""

from __future__ import annotations

import pickle
import struct
import threading
import time
import zlib
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import numpy.ma  # noqa: F401 - numpy imports it lazily in the first np.unique: 80-100 ms of a first search
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from ..aliases.table import load_aliases
from ..config import DEFAULT_INDEX_DIR, DEFAULT_MATCH, DEFAULT_SORT, MAX_PER_PAGE, SEARCH_TIME_LIMIT_S, WARM_UP_QUERY
from ..errors import IndexCorruptError, IndexNotFoundError, QueryError
from ..models import Article, QuotePage, SearchHit, SearchPage, Suggestion
from ..schema import BODY, SPEAKERS, TOPICS, doc_to_article, stored_body, stored_title
from ..whoosh_io import SegmentMaps
from . import profiles
from .context import PostingCache, searching
from .execute import WEIGHTING, SearchRequest, make_hit, run_search
from .filters import Filters, filter_mask
from .generation import GenerationData, open_generation
from .query import normalize_query
from .quotes import find_quotes, split_request
from .scoring import LiveStats
from .suggest import complete

#: What reading a damaged index raises: a missing or truncated segment, a TOC that does not unpickle.
_DAMAGE = (OSError, EOFError, pickle.UnpicklingError, struct.error, zlib.error)
_F = TypeVar("_F", bound=Callable[..., Any])


def damaged_index(index_dir: Path, exc: BaseException) -> IndexCorruptError:
    detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return IndexCorruptError(f"the index in {index_dir} is damaged and cannot be read ({type(exc).__name__}: "
                             f"{detail[:200]}); rebuild it with `newsindex reindex --full PATH...`")


def _guarded(method: _F) -> _F:
    """Run an API method; if the index's files fail to read, retry once with a fresh searcher (a
    commit may have replaced them under this thread's), then raise IndexCorruptError saying how to
    rebuild, never a raw EOFError or FileNotFoundError."""

    @wraps(method)
    def run(self: NewsIndex, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except QueryError:
            raise
        except _DAMAGE:
            self.close()
        try:
            return method(self, *args, **kwargs)
        except QueryError:
            raise
        except _DAMAGE as exc:
            self.close()
            raise damaged_index(self.index_dir, exc) from exc

    return run  # type: ignore[return-value]


class _Generation:
    """Data derived from one index generation, shared by every thread's searcher: the arrays mapped
    from the files the reindex wrote (``generation``), the alias table and the postings cache."""

    def __init__(self, data: GenerationData, generation: int, aliases: dict[str, str], stats: LiveStats) -> None:
        self.generation = generation
        self.stats = stats  # BM25's N, document frequencies and average lengths over live documents
        self.arrays = data.arrays
        self.aliases = aliases
        self.live = data.live
        self.date_keys = data.date_keys
        self.lengths = data.lengths
        self.vocab = data.vocab
        self.source = data.source  # the mapped directory, or None when built in this process
        #: Live articles per speaker and per topic value: autocomplete ranks by them.
        self.value_counts = {kind: self.arrays[field].count(self.live)
                             for kind, field in (("speaker", SPEAKERS), ("topic", TOPICS))}
        self.postings = PostingCache(fixed=data.hot)


class NewsIndex:
    """An open news index. Thread-safe: share one instance across a web server's threads."""

    def __init__(self, index_dir: Path, ix: whoosh_index.FileIndex,
                 time_limit_s: float | None = SEARCH_TIME_LIMIT_S) -> None:
        self.index_dir = index_dir
        self._ix = ix
        self.time_limit_s = time_limit_s  # per search call; None: none (evaluations, batch jobs)
        self._maps = SegmentMaps(ix)  # one memory map per segment for every thread's searcher
        self._local = threading.local()
        self._lock = threading.Lock()
        self._generation: _Generation | None = None  # the newest generation's data
        self._previous: _Generation | None = None  # the one before, while threads switch

    @classmethod
    def open(cls, index_dir: str | Path = DEFAULT_INDEX_DIR, *,
             time_limit_s: float | None = SEARCH_TIME_LIMIT_S) -> NewsIndex:
        """Open the index in ``index_dir``; IndexNotFoundError when none was built there yet.

        ``time_limit_s`` bounds each search call (a page cut short is flagged ``partial``); a batch
        job or an evaluation that must not depend on the machine's load passes None."""
        path = Path(index_dir)
        try:
            exists = whoosh_index.exists_in(str(path))  # reads the table of contents
        except (PermissionError, NotADirectoryError) as exc:
            raise IndexNotFoundError(f"cannot open the index in {path}: {exc.strerror or exc}") from exc
        except (*_DAMAGE, KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
            raise damaged_index(path, exc) from exc
        if not exists:
            raise IndexNotFoundError(f"no index in {path}: run `newsindex reindex PATH` first")
        try:
            ix = whoosh_index.open_dir(str(path))
            opened = cls(path, ix, time_limit_s)
        except (PermissionError, NotADirectoryError) as exc:
            raise IndexNotFoundError(f"cannot open the index in {path}: {exc.strerror or exc}") from exc
        except (*_DAMAGE, KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
            raise damaged_index(path, exc) from exc
        opened.warm()  # reads every segment's columns now: a damaged index says so here, not mid-search
        return opened

    # -- searchers and per-generation data -------------------------------------------------------
    def _searcher(self) -> Searcher:
        s = getattr(self._local, "searcher", None)
        if s is None or not s.up_to_date():
            if s is not None:
                s.close()
            s = self._local.searcher = self._maps.searcher(weighting=WEIGHTING)
        return s

    def _state(self, s: Searcher) -> _Generation:
        """The shared data of ``s``'s generation. The newest and the one before are kept: during an
        index switch, threads still answering on the old generation keep its data instead of
        rebuilding it against the new one's."""
        gen = s.reader().generation()
        for known in (self._generation, self._previous):
            if known is not None and known.generation == gen:
                return known
        with self._lock:
            for known in (self._generation, self._previous):
                if known is not None and known.generation == gen:
                    return known
            data = open_generation(self.index_dir, s, gen)
            stats = LiveStats.of(s, data.lengths, data.live, scope=(str(self.index_dir.resolve()), gen))
            state = _Generation(data, gen, load_aliases(self.index_dir, self._ix), stats)
            if self._generation is None or gen > self._generation.generation:
                self._previous, self._generation = self._generation, state
            else:
                self._previous = state
            return state

    @_guarded
    def warm(self) -> None:
        """Load the current generation's data now (a server calls this at start), not in the first search,
        and run ``WARM_UP_QUERY`` once: the first call of every stage of a search (the query parser's
        patterns, the profile store's connection, numpy's and Whoosh's lazy set-ups) costs a few
        milliseconds once per process, which a visitor's first search would otherwise pay."""
        self._state(self._searcher())
        profiles.store_for(str(self.index_dir.resolve())).connect()
        self.search(WARM_UP_QUERY)

    def close(self) -> None:
        s = getattr(self._local, "searcher", None)
        if s is not None:
            s.close()
            self._local.searcher = None

    # -- the API ---------------------------------------------------------------------------------
    @_guarded
    def search(self, query: str = "", *, speaker: str | None = None, topic: str | None = None,
               source: str | None = None, since: str | None = None, until: str | None = None,
               last: str | None = None, sort: str = DEFAULT_SORT, page: int = 1, per_page: int | None = None,
               facets: bool = True, tag: str | None = None, date: str | None = None,
               match: str = DEFAULT_MATCH) -> SearchPage:
        """Ranked search with filters, facets over the whole result set, timeline and snippets.

        ``topic``, ``tag`` and ``source`` select one exact value (any case); ``source="unknown source"``
        the articles without one. ``since``/``until``/``date`` are the article's own calendar day;
        ``date`` is one period (``2012-03``), a range (``[2012-01 to 2012-06]``) or ``"undated"``.
        ``match="any"`` (the default) finds every article holding any of the query's words, those
        holding more of them ranked higher; ``match="all"`` requires every word.

        Never raises on any ``query`` text (malformed syntax is read best-effort and the page's
        ``message`` says so); raises QueryError for an invalid parameter (a bad date, sort or match).
        """
        started = time.perf_counter()
        s = self._searcher()
        state = self._state(s)
        with searching(state.postings, self.time_limit_s):  # the clock starts once the generation is loaded
            request = SearchRequest.build(query, Filters(speaker, topic, source, since, until, last, tag, date),
                                          sort=sort, page=page, per_page=per_page, facets=facets, match=match)
            return run_search(s, state, request, started)

    @_guarded
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
            with searching(state.postings, self.time_limit_s):  # the clock starts once the generation is loaded
                found = find_quotes(s, state.arrays, state.aliases, state.live, base, who, words)
            message = None
        except Exception:  # noqa: BLE001 - quote text is user input: answer empty, never raise
            found, message = [], "The quote search could not read this query."
        first = (request.page - 1) * request.per_page
        return QuotePage(query=query if isinstance(query, str) else "", speaker=who, total=len(found),
                         page=request.page, per_page=request.per_page,
                         hits=tuple(found[first:first + request.per_page]), message=message,
                         took_ms=round((time.perf_counter() - started) * 1000, 2))

    @_guarded
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

    @_guarded
    def suggest(self, prefix: str, limit: int = 10) -> tuple[Suggestion, ...]:
        """Autocomplete for a search box: speakers, topics, then titles matching the prefix."""
        if not isinstance(limit, int) or not 1 <= limit <= MAX_PER_PAGE:
            raise QueryError(f"limit must be between 1 and {MAX_PER_PAGE}")
        if not isinstance(prefix, str):
            return ()
        s = self._searcher()
        state = self._state(s)
        prefix = normalize_query(prefix)[:100]
        return tuple(Suggestion(kind, text) for kind, text in
                     complete(s, state.arrays[SPEAKERS].values, state.arrays[TOPICS].values, prefix, limit,
                              state.value_counts))

    @_guarded
    def get(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        if not isinstance(article_id, str) or not article_id or len(article_id) > 200:
            return None
        fields = self._searcher().document(id=article_id)
        return doc_to_article(fields) if fields else None

    @_guarded
    def doc_count(self) -> int:
        return self._searcher().doc_count()

    @_guarded
    def values(self, field: str) -> tuple[str, ...]:
        """Every distinct value of a facet field (speakers, topics, source, year, month)."""
        s = self._searcher()
        return tuple(self._state(s).arrays[field].values)
