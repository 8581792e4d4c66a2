"""RSS and Atom feeds through feedparser: one article per entry.

The entry's full content (``content[0].value``) is preferred to its summary, since many feeds carry
the whole story there; HTML in either is stripped to text. An entry with neither keeps its title as the
body (a headline is still worth finding, as with Reuters' title-only BRIEF items). Dates come from
``published`` or else ``updated`` as parsed by feedparser (UTC); a feed without dates gives articles
without dates, never the time of reading.

feedparser parses a document whole, so a feed is capped like a page (:data:`MAX_DOCUMENT_BYTES`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, BinaryIO

from ...errors import ReaderError
from ...models import RawArticle, Skipped
from ...text.clean import clean_text
from ..sources import SourceSettings
from .common import http_url, plausible_utc, read_limited
from .html import strip_tags
from .text import check_text_bytes


def _entry_date(entry: Any) -> tuple[str | None, datetime | None]:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return entry.get(key), plausible_utc(datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC))
        if entry.get(key):
            return entry.get(key), None  # a date feedparser could not read: kept for the date parser
    return None, None


def _entry_body(entry: Any) -> str:
    for item in entry.get("content") or []:
        text = clean_text(strip_tags(item.get("value") or ""))
        if text:
            return text
    return clean_text(strip_tags(entry.get("summary") or ""))


def _names(items: Any, key: str) -> tuple[str, ...]:
    values = (str(item.get(key) or "").strip() for item in items or [] if hasattr(item, "get"))
    return tuple(dict.fromkeys(v for v in values if v))


def read_feed_stream(stream: BinaryIO, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """One article per feed entry."""
    import feedparser  # deferred: only feeds need it

    data = read_limited(stream)
    check_text_bytes(data)
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            raise ReaderError(f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
        raise ReaderError("feed has no entries")
    feed_title = clean_text(strip_tags(parsed.feed.get("title") or "")) or None
    for number, entry in enumerate(parsed.entries, start=1):
        record_id = str(entry.get("id") or entry.get("link") or number)
        title = clean_text(strip_tags(entry.get("title") or "")) or None
        body = _entry_body(entry) or title
        if not body:
            yield Skipped(display, "feed entry without text", record_id)
            continue
        date_text, date = _entry_date(entry)
        authors = _names(entry.get("authors"), "name") or ((entry["author"],) if entry.get("author") else ())
        yield RawArticle(
            source_file=display, body=body, record_id=record_id, title=title, date_text=date_text, date=date,
            url=http_url(entry.get("link")), source=settings.source or feed_title, authors=authors,
            tags=_names(entry.get("tags"), "term"), format="feed",
        )
