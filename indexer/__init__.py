"""newsindex: a searchable full-text news index.

Embed it::

    from indexer import NewsIndex
    page = NewsIndex.open("index_data").search("flexibility missile defense", speaker="medvedev")
    for hit in page.hits:
        print(hit.title, hit.date, hit.speakers)
"""

from .errors import IndexBusyError, IndexNotFoundError, IndexWriteError, NewsIndexError, QueryError
from .ingest.build import reindex
from .models import Article, FacetCount, Quote, ReindexSummary, SearchHit, SearchPage, TimelineBucket
from .search import NewsIndex

__all__ = [
    "NewsIndex", "reindex", "Article", "FacetCount", "Quote", "ReindexSummary", "SearchHit", "SearchPage",
    "TimelineBucket", "NewsIndexError", "IndexNotFoundError", "IndexBusyError", "IndexWriteError", "QueryError",
]
