"""The search module: query language, filters, ranking, facets, snippets and suggestions."""

from .highlight import mark_query, query_marks, text_html
from .index import NewsIndex

__all__ = ["NewsIndex", "mark_query", "query_marks", "text_html"]
