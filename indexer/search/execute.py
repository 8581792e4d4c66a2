"""One search, start to finish: the query rules live here and nowhere else.

Filters and the query become numpy masks over document numbers (``filters``, ``masks``); ranking
tiers (``ranking``) put documents holding every word first and those missing one below them. Total,
facets and timeline are counted over the same full matching set; only the page is read and highlighted.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np
from whoosh import query as Q
from whoosh import scoring
from whoosh.searching import Searcher

from ..config import DEFAULT_PER_PAGE, FACET_SIZE, MAX_PAGE, MAX_PER_PAGE
from ..errors import QueryError
from ..models import FacetCount, SearchHit, SearchPage, TimelineBucket
from ..schema import split_values, stored_date
from . import highlight
from .context import current, expired, stored_fields
from .filters import Filters, filter_mask, period_mask
from .query import ParsedQuery, parse
from .quotes import find_quotes, split_request
from .ranking import Plan, plan, ranked
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

QUOTES_ON_PAGE = 5
SORTS = ("relevance", "newest", "oldest")
FACETS = {"speakers": "speakers", "topics": "topics", "sources": "source", "years": "year", "months": "month"}
WEIGHTING = scoring.BM25F(B=0.3, K1=1.2)  # as in scoring.py (the numpy BM25F): why B is 0.3 is there


@dataclass(frozen=True, slots=True)
class SearchRequest:
    parsed: ParsedQuery
    filters: Filters
    sort: str
    page: int
    per_page: int
    facets: bool
    raw: str

    @classmethod
    def build(cls, query: str, filters: Filters, *, sort: str, page: int, per_page: int | None,
              facets: bool) -> SearchRequest:
        if sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {str(sort)[:30]!r}")
        try:
            page = int(page)
            per_page = DEFAULT_PER_PAGE if per_page is None else int(per_page)
        except (TypeError, ValueError):
            raise QueryError("page and per_page must be whole numbers") from None
        if not 1 <= page <= MAX_PAGE:
            raise QueryError(f"page must be between 1 and {MAX_PAGE}")
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        return cls(parse(query), filters, sort, page, per_page, facets, query or "")


class _Counts:
    """Value counts of one matching set, each field counted once (facets and timeline share them)."""

    def __init__(self, arrays: Mapping[str, ValueArray], mask: np.ndarray) -> None:
        self.arrays, self.mask = arrays, mask
        self.docs = np.flatnonzero(mask)
        self._done: dict[str, np.ndarray] = {}

    def __call__(self, field: str) -> np.ndarray:
        if field not in self._done:
            self._done[field] = self.arrays[field].count(self.mask, self.docs)
        return self._done[field]


def _top(counts: np.ndarray, k: int) -> np.ndarray:
    """Indexes of the ``k`` largest counts, largest first, ties by index (as a stable argsort)."""
    nonzero = np.flatnonzero(counts)
    if len(nonzero) > k:
        kth = np.partition(counts[nonzero], len(nonzero) - k)[len(nonzero) - k]
        nonzero = nonzero[counts[nonzero] >= kth]
    return nonzero[np.lexsort((nonzero, -counts[nonzero]))][:k]


def _facets(arrays: Mapping[str, ValueArray], counted: _Counts) -> dict:
    out = {}
    for name, field in FACETS.items():
        array = arrays[field]
        counts = counted(field)
        top = _top(counts, FACET_SIZE * (4 if name == "months" else 1))
        items = [FacetCount(array.values[i], int(counts[i])) for i in top if counts[i] > 0]
        if name in ("years", "months"):
            items.sort(key=lambda f: f.value)
        out[name] = tuple(items)
    return out


def _timeline(arrays: Mapping[str, ValueArray], counted: _Counts) -> tuple[tuple[TimelineBucket, ...], str | None]:
    """Counts per year, month or day, the granularity chosen so the chart has a readable number of
    bars: days when the matches span at most 62 days, months up to 48 months, else years. Coarse
    counts come first, so the many-valued day field is counted only when the span is short."""
    chosen = None
    for field, limit, finer in (("year", 5, "month"), ("month", 3, "day"), ("day", 62, None)):
        counts = counted(field)
        present = np.flatnonzero(counts)
        if not len(present):
            break
        values = arrays[field].values
        periods = sorted(values[i] for i in present)
        span = _span(field, periods[0], periods[-1])
        if field == "year" or span <= (48 if field == "month" else 62):
            chosen = (field, periods, dict(zip((values[i] for i in present), counts[present].tolist(), strict=True)))
        if finer is None or span > limit:
            break
    if chosen is None:
        return (), None
    field, periods, by = chosen
    return tuple(TimelineBucket(p, by[p]) for p in periods), field


def _span(field: str, first: str, last: str) -> int:
    if field == "year":
        return int(last) - int(first) + 1
    if field == "month":
        return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    return (date.fromisoformat(last) - date.fromisoformat(first)).days + 1


def make_hit(s: Searcher, docnum: int, score: float, body_terms: frozenset[str],
             title_terms: frozenset[str], relevance: str | None = None) -> SearchHit:
    fields = stored_fields(s, docnum)
    title = fields.get("title", "")
    return SearchHit(
        id=fields["id"], title=title, date=stored_date(fields), source=fields.get("source"),
        speakers=split_values(fields.get("speakers")), topics=split_values(fields.get("topics")),
        score=round(float(score or 0.0), 4), snippet=highlight.body_snippet(fields.get("body", ""), body_terms),
        source_file=fields.get("source_file", ""), record_id=fields.get("record_id"),
        title_html=highlight.title_html(title, title_terms), url=fields.get("url"),
        authors=tuple(fields.get("authors") or ()), relevance=relevance,
    )


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
    browse = not parsed.text and (not request.raw.strip() or bool(parsed.dates))
    sort = request.sort
    if browse:
        p = Plan((base,), Q.Every(), Q.NullQuery)
        sort = "newest" if sort == "relevance" else sort
    elif parsed.query is Q.NullQuery:
        p = Plan((np.zeros_like(base),), Q.NullQuery, Q.NullQuery)
    else:
        p = plan(s, parsed, base, state.live, arrays)
    mask = p.union
    total = int(mask.sum())
    first = (request.page - 1) * request.per_page
    last = first + request.per_page
    if total <= first:
        ranked_docs = []
    elif sort == "relevance":
        ranked_docs = ranked(s, p, first, last, state.lengths)
    else:
        ranked_docs = _by_date(mask, state.date_keys, sort == "newest", first, last)
    body_terms = highlight.query_terms(p.highlight, "body")
    title_terms = highlight.query_terms(p.highlight, "title")
    hits = tuple(make_hit(s, d, sc, body_terms, title_terms, p.tier_label(d)) for d, sc in ranked_docs)
    counted = _Counts(arrays, mask) if request.facets and total else None
    facets = _facets(arrays, counted) if counted else {name: () for name in FACETS} if request.facets else {}
    timeline, granularity = _timeline(arrays, counted) if counted else ((), None)
    suggestion = did_you_mean(s, state.vocab, parsed, total, state.lengths) if parsed.words and not expired() else None
    who, said = split_request(parsed.text, request.filters.speaker)
    quotes = tuple(find_quotes(s, arrays, state.aliases, state.live, mask, who, said)[:QUOTES_ON_PAGE]) \
        if who and total and not expired() else ()
    partial = current().partial
    return SearchPage(
        query=request.raw, total=total, page=request.page, per_page=request.per_page, hits=hits,
        facets=facets, timeline=timeline, timeline_granularity=granularity, suggestion=suggestion,
        message=_message(parsed.message, partial), partial=partial,
        took_ms=round((time.perf_counter() - started) * 1000, 2), quotes=quotes,
    )
