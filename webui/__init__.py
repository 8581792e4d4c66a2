"""The Flask web UI and HTTP API: thin views over :class:`indexer.NewsIndex`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from indexer.config import DEFAULT_BASE_URL, DEFAULT_INDEX_DIR


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
    app.config.from_mapping(INDEX_DIR=os.environ.get("NEWSINDEX_INDEX_DIR", str(DEFAULT_INDEX_DIR)),
                            BASE_URL=os.environ.get("NEWSINDEX_BASE_URL", DEFAULT_BASE_URL),
                            MAX_CONTENT_LENGTH=64 * 1024, EXPORT_MAX_ROWS=10_000)
    app.json.sort_keys = False  # keep serialize's field order: it is the documented shape
    if test_config:
        app.config.update(test_config)
    app.config["BASE_URL"] = check_base_url(app.config["BASE_URL"])
    from . import api, errors, feeds, present, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    app.jinja_env.globals.update(highlight=present.highlight, absolute_url=present.absolute_url,
                                 safe_url=present.safe_url,
                                 utc_text=present.utc_text, local_text=present.local_text,
                                 paragraphs=present.paragraphs)
    errors.register(app)
    return app
