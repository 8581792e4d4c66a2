"""SMART-style test collections (the TIME magazine ``TIME.ALL``): many articles in one file.

Each article starts with a header line ``*TEXT <id> <MM/DD/YY> PAGE <nnn>`` and the file ends with
``*STOP``. The record id is the text number as written (``017``); the date comes from the header and is
read as 19YY (these collections predate 2000; a malformed header such as ``08/30 63`` is read too).
The collection has no titles, so ``title`` is left for extraction to derive. Text lines are double
spaced; single line breaks are joined and blank-line runs are not paragraph breaks, so the body is one
reflowed paragraph. Streamed record by record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO

from ...errors import ReaderError
from ...models import RawArticle, Skipped
from ...text.clean import clean_text, decode
from ..sources import SourceSettings
from .common import MAX_RECORD_BYTES, check_stream_head

_HEADER = re.compile(r"^\*TEXT\s+(\S+)(?:\s+(\d{1,2})/(\d{1,2})[/ ](\d{2,4}))?(?:\s+PAGE\s+(\S+))?", re.IGNORECASE)
_STOP = re.compile(r"^\*STOP\b", re.IGNORECASE)


def _date(month: str | None, day: str | None, year: str | None) -> datetime | None:
    if not (month and day and year):
        return None
    full = int(year) + (1900 if len(year) == 2 else 0)
    try:
        return datetime(full, int(month), int(day), tzinfo=UTC)  # a date only: kept on its day
    except ValueError:
        return None


def _article(header: str, lines: list[str], display: str, settings: SourceSettings,
             fallback: bool) -> RawArticle | Skipped:
    match = _HEADER.match(header)
    record_id = match.group(1) if match else None
    body = clean_text(" ".join(line.strip() for line in lines if line.strip()))
    if not body:
        return Skipped(display, "record without text", record_id)
    date = _date(*match.group(2, 3, 4)) if match else None
    date_text = "/".join(match.group(2, 3, 4)) if match and match.group(2) else None
    return RawArticle(
        source_file=display, body=body, record_id=record_id, date_text=date_text, date=date,
        source=settings.source, format="smart", decode_fallback=fallback,
    )


def read_smart_stream(stream: BinaryIO, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """The ``*TEXT`` records of a SMART collection file, one at a time."""
    check_stream_head(stream)
    header: str | None = None
    lines: list[str] = []
    size = 0
    fallback = False
    found = 0
    while raw := stream.readline(MAX_RECORD_BYTES):
        line, line_fallback = decode(raw)
        if line.startswith("*TEXT") or _STOP.match(line):
            if header is not None:
                found += 1
                yield _article(header, lines, display, settings, fallback)
            header = line.strip() if line.startswith("*TEXT") else None
            lines, size, fallback = [], 0, False
            continue
        if header is None:
            continue
        size += len(raw)
        if size > MAX_RECORD_BYTES:
            match = _HEADER.match(header)
            yield Skipped(display, f"record larger than {MAX_RECORD_BYTES:,} bytes", match.group(1) if match else None)
            header, lines, size = None, [], 0
            continue
        lines.append(line)
        fallback |= line_fallback
    if header is not None:
        found += 1
        yield _article(header, lines, display, settings, fallback)
    if found == 0:
        raise ReaderError("no *TEXT records in SMART file")
