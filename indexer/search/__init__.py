"""The search module: query language, filters, ranking, facets, snippets and suggestions."""

from .engine import NewsIndex

__all__ = ["NewsIndex"]
