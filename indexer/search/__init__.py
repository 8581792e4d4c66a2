"""The search module: query language, filters, ranking, facets, snippets and suggestions."""

from .engine import NewsIndex
from .highlight import mark_query

__all__ = ["NewsIndex", "mark_query"]
