"""One search, start to finish: the query rules live here and nowhere else.

AND first; when fewer than ``RELAX_BELOW`` documents hold every word, the words are also ORed
(``Or([AND, OR])``), so documents with all words still rank first and one missing a word is still
found below them. Facets, timeline and total are counted over the same full matching set.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from whoosh import query as Q
from whoosh import scoring
from whoosh.collectors import TimeLimitCollector
from whoosh.searching import Searcher, TimeLimit

from ..config import DEFAULT_PER_PAGE, FACET_SIZE, MAX_PAGE, MAX_PER_PAGE, SEARCH_TIME_LIMIT_S
from ..errors import QueryError
from ..models import FacetCount, SearchHit, SearchPage, TimelineBucket
from ..schema import split_values, stored_date
from . import highlight
from .filters import Filters, filter_query
from .query import ParsedQuery, date_query, parse
from .suggest import did_you_mean
from .values import ValueArray

RELAX_BELOW = 10
SORTS = ("relevance", "newest", "oldest")
FACETS = {"speakers": "speakers", "topics": "topics", "sources": "source", "years": "year", "months": "month"}
WEIGHTING = scoring.BM25F(B=0.75, K1=1.2, title_B=0.3)


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
            per_page = int(per_page or DEFAULT_PER_PAGE)
        except (TypeError, ValueError):
            raise QueryError("page and per_page must be whole numbers") from None
        if not 1 <= page <= MAX_PAGE:
            raise QueryError(f"page must be between 1 and {MAX_PAGE}")
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        return cls(parse(query), filters, sort, page, per_page, facets, query or "")


def _mask(s: Searcher, q: Q.Query, deadline: float) -> tuple[np.ndarray, bool]:
    """Boolean array over document numbers: which documents match. Stops at the deadline (partial)."""
    mask = np.zeros(s.doc_count_all(), dtype=bool)
    batch: list[int] = []
    for n, docnum in enumerate(s.docs_for_query(q), 1):
        batch.append(docnum)
        if n % 4096 == 0:
            mask[batch] = True
            batch.clear()
            if time.perf_counter() > deadline:
                return mask, True
    mask[batch] = True
    return mask, False


def _facets(arrays: Mapping[str, ValueArray], mask: np.ndarray, aliases: Mapping[str, str]) -> dict:
    out = {}
    for name, field in FACETS.items():
        array = arrays[field]
        counts = array.count(mask)
        top = np.argsort(-counts, kind="stable")[:FACET_SIZE * (4 if name == "months" else 1)]
        items = [FacetCount(array.values[i], int(counts[i])) for i in top if counts[i] > 0]
        if name in ("years", "months"):
            items.sort(key=lambda f: f.value)
        out[name] = tuple(items)
    return out


def _timeline(arrays: Mapping[str, ValueArray], mask: np.ndarray) -> tuple[tuple[TimelineBucket, ...], str | None]:
    """Counts per year, month or day, the granularity chosen so the chart has a readable number of bars."""
    for field, limit in (("day", 62), ("month", 48), ("year", 10_000)):
        array = arrays[field]
        counts = array.count(mask)
        present = np.nonzero(counts)[0]
        if not len(present):
            return (), None
        periods = sorted(array.values[i] for i in present)
        if _span(field, periods[0], periods[-1]) <= limit:
            by = dict(zip(array.values, counts.tolist(), strict=True))
            return tuple(TimelineBucket(p, by[p]) for p in periods), field
    return (), None


def _span(field: str, first: str, last: str) -> int:
    if field == "year":
        return int(last) - int(first) + 1
    if field == "month":
        return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    from datetime import date
    return (date.fromisoformat(last) - date.fromisoformat(first)).days + 1


def _hit(h, score: float) -> SearchHit:
    fields = h.fields()
    return SearchHit(
        id=fields["id"], title=fields.get("title", ""), date=stored_date(fields), source=fields.get("source"),
        speakers=split_values(fields.get("speakers")), topics=split_values(fields.get("topics")),
        score=round(float(score or 0.0), 4), snippet=highlight.body_snippet(h), source_file=fields.get("source_file", ""),
        record_id=fields.get("record_id"), title_html=highlight.title_html(h), url=fields.get("url"),
    )


def _top(s: Searcher, q: Q.Query, request: SearchRequest, deadline: float) -> tuple[list[SearchHit], bool]:
    limit = request.page * request.per_page
    kwargs: dict = {}
    if request.sort != "relevance":
        kwargs = {"sortedby": "date", "reverse": request.sort == "newest"}
    collector = s.collector(limit=limit, **kwargs)
    timed = TimeLimitCollector(collector, timelimit=max(0.05, deadline - time.perf_counter()), use_alarm=False)
    partial = False
    try:
        s.search_with_collector(q, timed)
    except TimeLimit:
        partial = True
    results = timed.results()
    start = (request.page - 1) * request.per_page
    hits = [_hit(results[i], results.score(i)) for i in range(start, min(len(results), limit))]
    return hits, partial


def run_search(s: Searcher, arrays: Mapping[str, ValueArray], aliases: Mapping[str, str],
               request: SearchRequest, started: float) -> SearchPage:
    deadline = started + SEARCH_TIME_LIMIT_S
    parsed = request.parsed
    parts = [filter_query(request.filters, arrays, aliases)] + [date_query(a, b) for a, b in parsed.dates]
    filt = [p for p in parts if p is not None]
    # An empty query (or one holding only date clauses) browses everything; text that parsed to
    # nothing searchable (a lone "(((") matches nothing rather than everything.
    browse = not parsed.text and (not request.raw.strip() or bool(parsed.dates))
    words = Q.Every() if browse else parsed.query
    q = Q.And([words, *filt]) if filt else words
    if not browse and parsed.query is Q.NullQuery:
        q = Q.NullQuery
    mask, partial = _mask(s, q, deadline)
    if not browse and parsed.loose is not Q.NullQuery and mask.sum() < RELAX_BELOW and parsed.loose != parsed.query:
        relaxed = Q.Or([parsed.query, parsed.loose])
        q = Q.And([relaxed, *filt]) if filt else relaxed
        mask, partial = _mask(s, q, deadline)
    request_sorted = request
    if browse and request.sort == "relevance":
        request_sorted = SearchRequest(parsed, request.filters, "newest", request.page, request.per_page,
                                       request.facets, request.raw)
    total = int(mask.sum())
    hits, cut = _top(s, q, request_sorted, deadline) if total else ([], False)
    facets = _facets(arrays, mask, aliases) if request.facets else {}
    timeline, granularity = _timeline(arrays, mask) if request.facets else ((), None)
    suggestion = did_you_mean(s, parsed.text, total) if parsed.words else None
    return SearchPage(
        query=request.raw, total=total, page=request.page, per_page=request.per_page, hits=tuple(hits),
        facets=facets, timeline=timeline, timeline_granularity=granularity, suggestion=suggestion,
        message=parsed.message, partial=partial or cut, took_ms=round((time.perf_counter() - started) * 1000, 2),
    )
