"""The JSON API: the same searches as the pages, in the shapes of indexer.serialize (a public contract)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request

from indexer.config import SUGGEST_LIMIT
from indexer.serialize import article_to_dict, page_to_dict, suggestions_to_list

from .index_access import get_index
from .params import SearchArgs

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search() -> dict[str, Any]:
    """Same parameters as the search page; an empty query browses everything, newest first."""
    args = SearchArgs.from_args(request.args)
    return page_to_dict(get_index().search(args.q, **args.search_kwargs()))


@bp.get("/articles/<article_id>")
def article(article_id: str) -> dict[str, Any]:
    found = get_index().get(article_id)
    if found is None:
        abort(404, "No article with that id.")
    return article_to_dict(found)


@bp.get("/suggest")
def suggest() -> dict[str, Any]:
    """Autocomplete for the search box: speakers, topics and titles (NewsIndex.suggest)."""
    prefix = SearchArgs.from_args({"q": request.args.get("q", "")}).q[:100]
    if not prefix:
        return {"query": "", "suggestions": []}
    items = get_index().suggest(prefix, limit=SUGGEST_LIMIT)
    return {"query": prefix, "suggestions": suggestions_to_list(items)}
