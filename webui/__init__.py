"""The Flask web UI and HTTP API: thin views over :class:`indexer.NewsIndex`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from indexer.config import DEFAULT_BASE_URL, DEFAULT_INDEX_DIR, EXPORT_MAX_ROWS, MAX_REQUEST_BYTES

from . import api, errors, feeds, params, present, views


def check_base_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL without query or fragment (the root absolute links hang
    from), else ValueError saying so."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment \
            or any(c in url for c in " \t\r\n\"'<>"):
        raise ValueError(f"the base URL must look like https://news.example.org or http://127.0.0.1:8000/news, "
                         f"not {url[:100]!r}")
    return url.rstrip("/")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """App factory (Flask tutorial style): defaults from indexer.config, then env, then ``test_config``."""
    app = Flask(__name__)
    app.config.from_mapping(INDEX_DIR=str(DEFAULT_INDEX_DIR),  # config read NEWSINDEX_INDEX_DIR
                            BASE_URL=DEFAULT_BASE_URL,  # config read NEWSINDEX_BASE_URL
                            MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES, EXPORT_MAX_ROWS=EXPORT_MAX_ROWS)
    app.json.sort_keys = False  # keep serialize's field order: it is the documented shape
    if test_config:
        app.config.update(test_config)
    app.config["BASE_URL"] = check_base_url(app.config["BASE_URL"])
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    app.jinja_env.globals.update(highlight=present.highlight, absolute_url=present.absolute_url,
                                 safe_url=present.safe_url,
                                 utc_text=present.utc_text, local_text=present.local_text,
                                 paragraphs=present.paragraphs, sort_menu=params.SORT_MENU,
                                 date_label=present.date_label)
    errors.register(app)
    return app
