"""The app's one NewsIndex, opened lazily so the server starts before the first reindex."""

from __future__ import annotations

import threading

from flask import current_app

from indexer import NewsIndex

_lock = threading.Lock()


def get_index() -> NewsIndex:
    """The open index; raises IndexNotFoundError (shown as a 'run newsindex reindex' page) when none exists."""
    ext = current_app.extensions
    ix = ext.get("newsindex")
    if ix is None:
        with _lock:
            ix = ext.get("newsindex")
            if ix is None:
                ix = ext["newsindex"] = NewsIndex.open(current_app.config["INDEX_DIR"])
    return ix
