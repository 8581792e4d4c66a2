"""Checks every search page must pass, shared by the query-language and fuzz tests."""

from __future__ import annotations

from indexer import NewsIndex, SearchPage


def assert_consistent(news_index: NewsIndex, page: SearchPage) -> None:
    """A page's hits are its slice of ``total`` (all of it unless the time limit cut the search short),
    no hit twice, and the total counts no more documents than the index holds."""
    assert page.total <= news_index.doc_count()
    expected = max(0, min(page.per_page, page.total - (page.page - 1) * page.per_page))
    assert len(page.hits) == expected or (page.partial and len(page.hits) <= expected)
    assert len({h.id for h in page.hits}) == len(page.hits)
