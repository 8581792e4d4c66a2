"""Other formats of a search: a CSV export of the whole result set, an Atom feed, an OpenSearch description.

The export streams: rows go out page by page as the library returns them, so memory stays flat up to
the documented cap (``EXPORT_MAX_ROWS``, 10,000 by default; the response's headers say when it cut the
export, and the search page says so before the click). Cells a spreadsheet would run as a formula
(starting with = + - @, tab or CR) get a leading apostrophe (CSV injection). ``bom=1`` starts the file
with a UTF-8 byte order mark, without which Excel reads UTF-8 as a legacy code page and mangles accents.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context

from indexer.config import EXPORT_MAX_ROWS, FEED_ENTRIES, MAX_PER_PAGE
from indexer.errors import QueryError
from indexer.models import SearchHit, SearchPage
from indexer.serialize import iso

from .index_access import get_index
from .params import SearchArgs

bp = Blueprint("feeds", __name__)

#: ``relevance`` is the hit's tier label, not its raw score (scores only order hits within a tier);
#: ``date_local`` is the article's own date in its source's zone; ``source_file``, ``record_id`` and
#: ``authors`` say where each article came from.
CSV_COLUMNS = ("id", "title", "date", "date_local", "source", "speakers", "topics", "url", "relevance",
               "source_file", "record_id", "authors")
BOM = "\ufeff"
_BOOLEAN = {"": False, "0": False, "false": False, "no": False, "1": True, "true": True, "yes": True}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A formula trigger after a separator: a spreadsheet in a locale that splits on ";" (or one that is told
# to split on tabs or commas) starts a new cell there, so "a;=HYPERLINK(...)" would run. Signs before
# a digit ("rose;-3%") stay as they are.
_FORMULA_AFTER_SEPARATOR = re.compile(r"([;,\t|]\s*)(?=[=@]|[+-](?![\d.\s]))")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs: formula-like starts get a leading quote, at the
    start of the cell and after every separator character."""
    text = "" if value is None else str(value)
    text = _FORMULA_AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(hit: SearchHit) -> list[str]:
    values = (hit.id, hit.title, iso(hit.date), hit.date_local, hit.source, "; ".join(hit.speakers),
              "; ".join(hit.topics), hit.url, hit.relevance, hit.source_file, hit.record_id, "; ".join(hit.authors))
    return [csv_cell(v) for v in values]


def wants_bom(value: str | None) -> bool:
    """The ``bom`` parameter: 1/true/yes or 0/false/no (empty = no); anything else is a QueryError (a 400)."""
    key = (value or "").strip().lower()
    if key not in _BOOLEAN:
        raise QueryError(f"bom must be 1 (a byte order mark, for Excel) or 0, not {value[:30]!r}")
    return _BOOLEAN[key]


def export_cap() -> int:
    """The most rows one export sends (app setting ``EXPORT_MAX_ROWS``)."""
    return int(current_app.config.get("EXPORT_MAX_ROWS", EXPORT_MAX_ROWS))


def _csv_lines(first: SearchPage, args: SearchArgs, cap: int, bom: bool) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield (BOM if bom else "") + flush()
    page, sent = first, 0
    while True:
        for hit in page.hits[: cap - sent]:
            writer.writerow(_row(hit))
            sent += 1
        yield flush()
        if sent >= cap or page.page >= page.page_count or not page.hits:
            return
        page = get_index().search(args.q, **args.search_kwargs(page=page.page + 1, per_page=MAX_PER_PAGE,
                                                               facets=False))


@bp.get("/export.csv")
def export_csv() -> Response:
    """Every hit of a search as CSV (up to the cap), in the search's sort order."""
    args = SearchArgs.from_args(request.args)
    bom = wants_bom(request.args.get("bom"))
    cap = export_cap()
    # The first page is fetched before streaming starts, so a bad parameter is still a clean 400.
    first = get_index().search(args.q, **args.search_kwargs(page=1, per_page=MAX_PER_PAGE, facets=False))
    headers = {"Content-Disposition": 'attachment; filename="newsindex-export.csv"',
               "X-Total-Count": str(first.total), "X-Export-Limit": str(cap),
               "X-Export-Rows": str(min(first.total, cap)), "X-Export-Truncated": str(first.total > cap).lower()}
    return Response(stream_with_context(_csv_lines(first, args, cap, bom)),
                    content_type="text/csv; charset=utf-8", headers=headers)


@bp.get("/feed.atom")
def feed_atom() -> Response:
    """The newest matches of any search as an Atom feed (subscribe to a query)."""
    args = SearchArgs.from_args(request.args)
    page = get_index().search(args.q, **args.search_kwargs(sort="newest", page=1, per_page=FEED_ENTRIES,
                                                           facets=False))
    dates = [h.date for h in page.hits if h.date]
    updated = max(dates) if dates else datetime(2000, 1, 1, tzinfo=UTC)
    body = render_template("feed.xml", args=args, page=page, updated=iso(updated), iso=iso)
    return Response(body, mimetype="application/atom+xml")


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    """Lets a browser add newsindex as a search engine (linked from every page's head)."""
    return Response(render_template("opensearch.xml"), mimetype="application/opensearchdescription+xml")
