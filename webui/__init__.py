"""The Flask web UI and HTTP API: thin views over :class:`indexer.NewsIndex`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from indexer.config import DEFAULT_INDEX_DIR, EXPORT_MAX_ROWS, MAX_REQUEST_BYTES

from . import api, errors, feeds, params, present, views


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """App factory (Flask tutorial style): defaults from indexer.config, then env, then ``test_config``."""
    app = Flask(__name__)
    app.config.from_mapping(INDEX_DIR=str(DEFAULT_INDEX_DIR),  # config read NEWSINDEX_INDEX_DIR
                            MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES, EXPORT_MAX_ROWS=EXPORT_MAX_ROWS)
    app.json.sort_keys = False  # keep serialize's field order: it is the documented shape
    if test_config:
        app.config.update(test_config)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    app.jinja_env.globals.update(highlight=present.highlight, safe_url=present.safe_url,
                                 utc_text=present.utc_text, local_text=present.local_text,
                                 paragraphs=present.paragraphs, sort_menu=params.SORT_MENU,
                                 date_label=present.date_label)
    errors.register(app)
    return app
