"""One search, start to finish: the query rules live here and nowhere else.

Filters and the query become numpy masks over document numbers (``filters``, ``masks``); the
matching set holds every document that matches the query's required parts and, by default, any of
its words; ``ranking`` orders it (soft tiers by how many words a document holds, BM25F within them).
Total, facets and timeline are counted over the same full matching set (``facets``); only the page is
read and highlighted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from whoosh import query as Q
from whoosh import scoring
from whoosh.searching import Searcher

from ..config import (
    BM25_B,
    BM25_K1,
    DEFAULT_MATCH,
    DEFAULT_PER_PAGE,
    MATCHES,
    MAX_PAGE,
    MAX_PER_PAGE,
    QUOTES_ON_PAGE,
    SORTS,
)
from ..errors import QueryError
from ..models import SearchHit, SearchPage
from ..schema import BODY, FACETS, TITLE, doc_to_hit, stored_body, stored_title
from . import highlight
from .context import current, expired, stored_fields
from .facets import Counts, facet_counts, timeline_of
from .filters import Filters, dated_mask, filter_mask, period_mask
from .masks import query_mask
from .query import ParsedQuery, parse
from .quotes import find_quotes, split_request
from .ranking import Plan, plan, ranked
from .scoring import LiveStats
from .spelling import Vocabulary
from .suggest import did_you_mean
from .values import ValueArray


class Generation(Protocol):
    """What run_search needs from the per-generation state (engine._Generation)."""

    arrays: dict[str, ValueArray]
    aliases: dict[str, str]
    live: np.ndarray
    date_keys: np.ndarray
    vocab: Vocabulary
    lengths: dict[str, np.ndarray]
    stats: LiveStats

WEIGHTING = scoring.BM25F(B=BM25_B, K1=BM25_K1)  # as in scoring.py (the numpy BM25F)


@dataclass(frozen=True, slots=True)
class SearchRequest:
    parsed: ParsedQuery
    filters: Filters
    sort: str
    page: int
    per_page: int
    facets: bool
    raw: str
    match: str = DEFAULT_MATCH

    @classmethod
    def build(cls, query: str, filters: Filters, *, sort: str, page: int, per_page: int | None,
              facets: bool, match: str = DEFAULT_MATCH) -> SearchRequest:
        if sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {str(sort)[:30]!r}")
        if match not in MATCHES:
            raise QueryError(f"match must be one of {', '.join(MATCHES)}, not {str(match)[:30]!r}")
        try:
            page = int(page)
            per_page = DEFAULT_PER_PAGE if per_page is None else int(per_page)
        except (TypeError, ValueError):
            raise QueryError("page and per_page must be whole numbers") from None
        if not 1 <= page <= MAX_PAGE:
            raise QueryError(f"page must be between 1 and {MAX_PAGE}")
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        return cls(parse(query), filters, sort, page, per_page, facets, query or "", match)


def make_hit(s: Searcher, docnum: int, score: float, body_terms: frozenset[str],
             title_terms: frozenset[str], relevance: str | None = None) -> SearchHit:
    fields = stored_fields(s, docnum)
    return doc_to_hit(fields, score=round(float(score or 0.0), 4),
                      snippet=highlight.body_snippet(stored_body(fields), body_terms),
                      title_html=highlight.title_html(stored_title(fields), title_terms), relevance=relevance)


def _by_date(mask: np.ndarray, keys: np.ndarray, newest: bool, start: int, stop: int) -> list[tuple[int, float]]:
    """Documents of ``mask`` ranked by publication time (undated last), as (docnum, 0.0)."""
    docs = np.flatnonzero(mask)
    k = keys[docs]
    if newest:
        order = np.lexsort((docs, -k))
    else:
        order = np.lexsort((docs, np.where(k < 0, np.iinfo(np.int64).max, k)))
    return [(int(d), 0.0) for d in docs[order[start:stop]]]


def _message(message: str | None, partial: bool) -> str | None:
    if not partial:
        return message
    note = "The search ran out of time: these are the results found so far."
    return f"{message} {note}" if message else note


def run_search(s: Searcher, state: Generation, request: SearchRequest, started: float) -> SearchPage:
    """One search: filters and query to masks, tiers ranked, page read and highlighted, facets counted."""
    parsed = request.parsed
    arrays = state.arrays
    base = filter_mask(request.filters, arrays, state.aliases, state.live)
    for start, stop in parsed.dates:
        base &= period_mask(arrays, start, stop, len(base))
    # An empty query (or one holding only date clauses) browses everything; text that parsed to
    # nothing searchable (a lone "(((") matches nothing rather than everything.
    browse = not parsed.text and (not request.raw.strip() or bool(parsed.dates) or parsed.undated)
    if parsed.undated:
        base &= ~dated_mask(arrays, len(base))
    # A query of exact values only (topic:x tag:y) is a filter: browsed like the same filters given
    # as parameters (the same articles, newest first).
    if parsed.filters_only:
        base &= query_mask(s, parsed.query, state.live)
        browse = True
    sort = request.sort
    if browse:
        p = Plan((base,), Q.Every(), Q.NullQuery)
        sort = "newest" if sort == "relevance" else sort
    elif parsed.query is Q.NullQuery:
        p = Plan((np.zeros_like(base),), Q.NullQuery, Q.NullQuery)
    else:
        p = plan(s, parsed, base, state.live, arrays, request.match)
    mask = p.union
    total = int(mask.sum())
    first = (request.page - 1) * request.per_page
    last = first + request.per_page
    if total <= first:
        ranked_docs = []
    elif sort == "relevance":
        ranked_docs = ranked(s, p, first, last, state.lengths, state.stats)
    else:
        ranked_docs = _by_date(mask, state.date_keys, sort == "newest", first, last)
    body_terms = highlight.query_terms(p.highlight, BODY)
    title_terms = highlight.query_terms(p.highlight, TITLE)
    hits = tuple(make_hit(s, d, sc, body_terms, title_terms, p.tier_label(d)) for d, sc in ranked_docs)
    counted = Counts(arrays, mask) if request.facets and total else None
    facets, other = facet_counts(arrays, counted) if counted else (
        {name: () for name in FACETS} if request.facets else {}, {})
    timeline, granularity = timeline_of(arrays, counted) if counted else ((), None)
    undated = int((mask & ~dated_mask(arrays, len(mask))).sum()) if counted else 0
    suggestion = did_you_mean(s, state.vocab, parsed, total, state.lengths) if parsed.words and not expired() else None
    who, said = split_request(parsed.text, request.filters.speaker)
    quotes = tuple(find_quotes(s, arrays, state.aliases, state.live, mask, who, said)[:QUOTES_ON_PAGE]) \
        if who and total and not expired() else ()
    partial = current().partial
    return SearchPage(
        query=request.raw, total=total, page=request.page, per_page=request.per_page, hits=hits,
        facets=facets, timeline=timeline, timeline_granularity=granularity, undated=undated, facet_other=other,
        suggestion=suggestion,
        message=_message(parsed.message, partial), partial=partial,
        took_ms=round((time.perf_counter() - started) * 1000, 2), quotes=quotes,
    )
