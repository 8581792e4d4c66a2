"""Plumbing shared by the readers: byte streams, size limits, content sniffing, date helpers.

Every reader is written once against a binary *stream* (``StreamReader``), and wrapped for a path
with :func:`from_path`. That is what lets a ``.gz``, ``.xz``, ``.bz2`` or ``.zip`` container hand its
decompressed stream to the same reader, without a temporary file and without loading it whole.

Memory stays bounded: multi-record formats (JSONL, CSV, JSON arrays, Reuters SGML, SMART) stream
record by record; single-document formats (text, HTML, feeds) read at most
:data:`MAX_DOCUMENT_BYTES` and refuse larger files with a :class:`ReaderError` that says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from ...config import MAX_TEXT_FILE_BYTES
from ...errors import ReaderError
from ...models import RawArticle, Skipped
from ...text.dates import parse_date, plausible, to_utc
from ..sources import SourceSettings

StreamReader = Callable[[BinaryIO, str, SourceSettings], Iterator[RawArticle | Skipped]]
PathReader = Callable[[Path, str, SourceSettings], Iterator[RawArticle | Skipped]]

#: Largest single document (text, HTML page, feed) read into memory; bigger ones are refused.
#: Reuses the project-wide text limit (20 MB): a news page is kilobytes, a 50 MB "page" is a dump.
MAX_DOCUMENT_BYTES = MAX_TEXT_FILE_BYTES
#: Largest single record (one JSON value inside an array, one JSONL line) held in memory.
MAX_RECORD_BYTES = MAX_TEXT_FILE_BYTES

SNIFF_BYTES = 4096
_CHUNK = 1 << 16


def from_path(stream_reader: StreamReader, max_bytes: int | None = None) -> PathReader:
    """A path reader that opens the file and streams it through ``stream_reader``.

    ``max_bytes`` refuses an oversized file from its size on disk, before a byte is read.
    """

    def reader(path: Path, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
        if max_bytes is not None:
            check_size(path.stat().st_size, max_bytes)
        with path.open("rb") as stream:
            yield from stream_reader(stream, display, settings)

    reader.__name__ = getattr(stream_reader, "__name__", "reader").replace("_stream", "")
    reader.__doc__ = stream_reader.__doc__
    return reader


def check_size(size: int, limit: int = MAX_DOCUMENT_BYTES) -> None:
    if size > limit:
        raise ReaderError(f"file too large for a single document ({size:,} bytes; limit {limit:,})")


def read_limited(stream: BinaryIO, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """All of ``stream`` if it is at most ``limit`` bytes, else ReaderError (never more than limit+1 read)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ReaderError(f"file too large for a single document (over {limit:,} bytes; limit {limit:,})")
    return data


def check_not_binary(head: bytes) -> None:
    if b"\x00" in head[:SNIFF_BYTES]:
        raise ReaderError("binary file (NUL bytes), not text")


def check_stream_head(stream: BinaryIO) -> None:
    """Refuse a binary stream from its first bytes, without consuming them (when it can peek)."""
    if hasattr(stream, "peek"):
        check_not_binary(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES])


# ---------------------------------------------------------------- sniffing

_XML_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
_SGML = re.compile(rb"<(?:!DOCTYPE\s+lewis|REUTERS)[\s>]")


def sniff(head: bytes) -> str | None:
    """The format that the first bytes of a file look like, or None when nothing specific matches.

    Only shapes with an unmistakable opening are recognised; plain prose is left to the caller.
    """
    check_not_binary(head)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text:
        return None
    if text.startswith(b"*TEXT "):
        return "smart"
    if _SGML.search(text[:1024]):
        return "sgml"
    if text[:1] in (b"<",):
        if _HTML.search(text):
            return "html"
        if _XML_FEED.search(text):
            return "feed"
        return None
    if text[:1] == b"[":
        return "json"
    if text[:1] == b"{":
        first, _, rest = text.partition(b"\n")
        # JSON Lines: a complete object on the first line and another object starting on the next one.
        if first.rstrip().endswith(b"}") and rest.lstrip()[:1] == b"{":
            return "jsonl"
        return "json"
    return None


# ---------------------------------------------------------------- dates


def date_fields(value: object, zone_name: str | None) -> tuple[str | None, datetime | None]:
    """``(date_text, date)`` from a structured value: a date string, an epoch number or a datetime.

    The raw string is always kept in ``date_text`` so a later, smarter parser can retry; ``date`` is
    set only when the value parses to a complete, plausible date (see :mod:`indexer.text.dates`).
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.isoformat(), to_utc(value, zone_name)
    if isinstance(value, bool):
        raise TypeError("a boolean is not a date")
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            parsed = datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return str(value), None
        return str(value), to_utc(parsed)
    if isinstance(value, str):
        text = value.strip()
        return (text or None), _iso_date(text, zone_name) or parse_date(text, zone_name)
    raise TypeError(f"expected a date string or number, got {type(value).__name__}")


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def _iso_date(text: str, zone_name: str | None) -> datetime | None:
    """Fast path for ISO 8601, the shape of nearly every structured dump (dateutil is ~50x slower).

    Same rules as :func:`indexer.text.dates.parse_date`: a date without a time stays on its calendar day
    (midnight UTC); a time without a zone is read in the source's zone.
    """
    if not _ISO.fullmatch(text):
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) == 10:
        return plausible_utc(value.replace(tzinfo=UTC))
    return to_utc(value, zone_name)


def plausible_utc(value: datetime) -> datetime | None:
    """An aware datetime in UTC, or None when outside the plausible publication range."""
    value = value.astimezone(UTC)
    return value if plausible(value) else None


def http_url(value: str | None) -> str | None:
    """Keep only absolute http(s) URLs: ``javascript:``, ``file:`` and relative links are dropped."""
    if value and re.match(r"https?://[^\s/]+", value.strip(), re.IGNORECASE):
        return value.strip()
    return None
