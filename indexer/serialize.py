"""JSON shapes of the public API, declared once for the CLI and the HTTP API.

The field names (``query``, ``total``, ``hits``; per hit ``id``, ``title``, ``date``, ``source``,
``speakers``, ``topics``, ``score``, ``snippet``, ``source_file``, ``record_id``) are a contract other
tools read: keep them. ``date`` is the instant, ISO 8601 in UTC with a ``Z``; ``date_local`` the
article's own date in its source's zone (``2012-03-27T01:30:00+04:00``, or ``2012-03-27`` when the
source gave no time), which the day/month/year filters and the timeline use.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .models import (
    Article,
    Extraction,
    FacetCount,
    IndexStats,
    Quote,
    QuoteHit,
    QuotePage,
    SearchHit,
    SearchPage,
    Suggestion,
)


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def hit_to_dict(hit: SearchHit) -> dict[str, Any]:
    return {
        "id": hit.id, "title": hit.title, "date": iso(hit.date), "source": hit.source,
        "date_local": hit.date_local, "speakers": list(hit.speakers), "topics": list(hit.topics),
        "score": hit.score, "snippet": hit.snippet, "source_file": hit.source_file, "record_id": hit.record_id,
        "url": hit.url, "title_html": hit.title_html, "authors": list(hit.authors), "relevance": hit.relevance,
    }


def quote_hit_to_dict(hit: QuoteHit) -> dict[str, Any]:
    return {"article_id": hit.article_id, "title": hit.title, "date": iso(hit.date), "date_local": hit.date_local,
            "speaker": hit.speaker,
            "text_html": hit.text_html, "cue": hit.cue, "score": hit.score}


def quote_page_to_dict(page: QuotePage) -> dict[str, Any]:
    """The quote-search JSON: the resolved speaker, paging, and one object per quote."""
    return {"query": page.query, "speaker": page.speaker, "total": page.total, "page": page.page,
            "per_page": page.per_page, "page_count": page.page_count, "message": page.message,
            "took_ms": page.took_ms, "hits": [quote_hit_to_dict(h) for h in page.hits]}


def suggestions_to_list(items: tuple[Suggestion, ...]) -> list[dict[str, str]]:
    return [{"value": s.text, "kind": s.kind} for s in items]


def _facets(facets: dict[str, tuple[FacetCount, ...]]) -> dict[str, list[dict[str, Any]]]:
    return {name: [{"value": f.value, "count": f.count} for f in values] for name, values in facets.items()}


def page_to_dict(page: SearchPage, *, full: bool = True) -> dict[str, Any]:
    """The search JSON. ``full`` adds facets, timeline, suggestion and paging (the HTTP API's shape)."""
    out: dict[str, Any] = {"query": page.query, "total": page.total, "hits": [hit_to_dict(h) for h in page.hits]}
    if page.message:
        out["message"] = page.message
    if full:
        out.update(
            page=page.page, per_page=page.per_page, page_count=page.page_count, partial=page.partial,
            took_ms=page.took_ms, suggestion=page.suggestion, facets=_facets(dict(page.facets)),
            facet_other=dict(page.facet_other),
            timeline={"granularity": page.timeline_granularity, "undated": page.undated,
                      "buckets": [{"period": b.period, "count": b.count} for b in page.timeline]},
            quotes=[quote_hit_to_dict(q) for q in page.quotes],
        )
    return out


def quote_to_dict(q: Quote) -> dict[str, str]:
    """A quote with its evidence: the sentence that attributes it."""
    return {"speaker": q.speaker, "text": q.text, "cue": q.cue, "evidence": q.evidence}


def article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id, "title": article.title, "date": iso(article.date), "date_local": article.date_local,
        "source": article.source, "url": article.url, "authors": list(article.authors),
        "speakers": list(article.speakers),
        "orgs": list(article.orgs), "topics": list(article.topics), "tags": list(article.tags),
        "quotes": [quote_to_dict(q) for q in article.quotes],
        "body": article.body, "source_file": article.source_file, "record_id": article.record_id,
        "timezone": article.timezone,
    }


def extraction_to_dict(article: Article, extraction: Extraction | None = None) -> dict[str, Any]:
    """What ``newsindex extract`` prints per article: the extracted fields, no body."""
    return {
        "title": article.title, "date": iso(article.date), "date_local": article.date_local,
        "source": article.source, "speakers": list(article.speakers), "orgs": list(article.orgs),
        "topics": list(article.topics),
        "quotes": [quote_to_dict(q) for q in article.quotes],
        "source_file": article.source_file, "record_id": article.record_id,
        "decode_fallback": article.decode_fallback,
    }


def stats_to_dict(stats: IndexStats) -> dict[str, Any]:
    """``newsindex stats --json``."""
    return {"documents": stats.documents, "deleted": stats.deleted, "segments": stats.segments,
            "size_bytes": stats.size_bytes, "generation": stats.generation, "last_reindex": iso(stats.last_reindex)}
