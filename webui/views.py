"""Views: each reads its parameters, calls NewsIndex once, and renders HTML or JSON from the same page."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from indexer.serialize import article_to_dict, page_to_dict

from .index_access import get_index

bp = Blueprint("search", __name__)

_PARAMS = ("speaker", "topic", "source", "since", "until", "last")


def _search_page():
    args = request.args
    q = args.get("q", "")
    filters = {k: args.get(k) or None for k in _PARAMS}
    return q, filters, get_index().search(
        q, sort=args.get("sort", "relevance"), page=args.get("page", "1"), per_page=args.get("per_page"), **filters)


@bp.get("/")
def index():
    q, filters, page = _search_page()
    return render_template("search.html", q=q, filters=filters, page=page)


@bp.get("/api/search")
def api_search():
    return page_to_dict(_search_page()[2])


@bp.get("/articles/<article_id>")
def article(article_id: str):
    found = get_index().get(article_id)
    if found is None:
        abort(404, "No article with that id.")
    return render_template("article.html", article=found)


@bp.get("/api/articles/<article_id>")
def api_article(article_id: str):
    found = get_index().get(article_id)
    if found is None:
        abort(404, "No article with that id.")
    return article_to_dict(found)
