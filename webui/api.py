"""The JSON API: the same searches as the pages, in the shapes of indexer.serialize (a public contract)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request

from indexer.serialize import article_to_dict, page_to_dict

from .index_access import get_index
from .params import SearchArgs

bp = Blueprint("api", __name__, url_prefix="/api")

SUGGEST_LIMIT = 10


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
    """Autocomplete for the search box: speakers, topics (and titles, once NewsIndex.suggest lands)."""
    prefix = SearchArgs.from_args({"q": request.args.get("q", "")}).q[:100]
    if not prefix:
        return {"query": "", "suggestions": []}
    ix = get_index()
    library = getattr(ix, "suggest", None)
    items = library(prefix, limit=SUGGEST_LIMIT) if library else _value_suggestions(prefix)
    return {"query": prefix, "suggestions": [_suggestion(item) for item in items][:SUGGEST_LIMIT]}


def _suggestion(item: Any) -> dict[str, Any]:
    """One suggestion as JSON, whether the library gives plain strings, dicts or small dataclasses."""
    if isinstance(item, str):
        return {"value": item, "kind": None}
    if isinstance(item, dict):
        return {"value": str(item.get("value", "")), "kind": item.get("kind")}
    return {"value": str(getattr(item, "value", item)), "kind": getattr(item, "kind", None)}


def _value_suggestions(prefix: str) -> list[dict[str, str]]:
    """Until NewsIndex.suggest lands: speakers and topics whose name or any word of it starts with the prefix."""
    ix = get_index()
    low = prefix.casefold()
    out = []
    for field, kind in (("speakers", "speaker"), ("topics", "topic")):
        for value in ix.values(field):
            words = value.casefold()
            if words.startswith(low) or any(w.startswith(low) for w in words.split()):
                out.append({"value": value, "kind": kind})
    return out[:SUGGEST_LIMIT]
