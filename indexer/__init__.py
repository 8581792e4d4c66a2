"""newsindex: a searchable full-text news index.

Embed it::

    from indexer import NewsIndex
    page = NewsIndex.open("index_data").search("flexibility missile defense", speaker="medvedev")
    for hit in page.hits:
        print(hit.title, hit.date, hit.speakers)

``NewsIndex`` and ``reindex`` are loaded on first use (PEP 562): a program that only searches never
loads the readers and extractors, and ``newsindex --help`` loads neither side.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import IndexBusyError, IndexCorruptError, IndexNotFoundError, IndexWriteError, NewsIndexError, QueryError
from .models import Article, FacetCount, Quote, ReindexSummary, SearchHit, SearchPage, TimelineBucket

if TYPE_CHECKING:
    from .ingest.build import reindex
    from .search import NewsIndex

__all__ = [
    "IndexCorruptError",
    "NewsIndex", "reindex", "Article", "FacetCount", "Quote", "ReindexSummary", "SearchHit", "SearchPage",
    "TimelineBucket", "NewsIndexError", "IndexNotFoundError", "IndexBusyError", "IndexWriteError", "QueryError",
]

_LAZY = {"NewsIndex": "indexer.search", "reindex": "indexer.ingest.build"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'indexer' has no attribute {name!r}")
