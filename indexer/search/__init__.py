"""The search module: query language, filters, ranking, facets, snippets and suggestions."""

from .engine import NewsIndex
from .highlight import mark_query, query_marks, text_html

__all__ = ["NewsIndex", "mark_query", "query_marks", "text_html"]
