"""Library errors and HTTP errors as pages or JSON: a user never sees a traceback or a bare 500."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import IndexCorruptError, IndexNotFoundError, QueryError

#: Sent with every response: the app's (after_request) and waitress's own error pages (webui.server).
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _error(status: int, title: str, message: str) -> tuple[Any, int]:
    """The error as JSON under /api/, else as a page (with the search box, so the user can go on)."""
    if _wants_json():
        return {"error": {"status": status, "title": title, "message": message}}, status
    return render_template("error.html", status=status, title=title, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(QueryError)
    def bad_query(exc: QueryError):
        return _error(400, "Bad request", str(exc))

    @app.errorhandler(IndexNotFoundError)
    def no_index(exc: IndexNotFoundError):
        response, status = _error(503, "No index yet", f"{exc}. To build one, run newsindex reindex PATH.")
        return response, status, {"Retry-After": "30"}

    @app.errorhandler(IndexCorruptError)
    def damaged_index(exc: IndexCorruptError):
        response, status = _error(503, "Index damaged", f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
        return response, status, {"Retry-After": "60"}

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return _error(exc.code or 500, exc.name, exc.description or "")

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unexpected error")
        return _error(500, "Something went wrong", "The error was logged; please try again.")

    @app.after_request
    def security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response
