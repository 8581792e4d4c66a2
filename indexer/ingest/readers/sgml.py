"""Newswire SGML of the Reuters-21578 kind: many ``<REUTERS NEWID="n">`` records per ``.sgm`` file.

Records are streamed one at a time (a file is read line by line and each record is parsed when its
``</REUTERS>`` arrives), so the reader never holds more than one record. Per record:

* ``record_id`` = ``NEWID``; ``source`` = "Reuters" unless the settings name one.
* ``date`` from ``<DATE>`` (``26-FEB-1987 15:01:01.79``, read in the source's zone, default UTC); the raw
  string is kept in ``date_text``.
* ``title`` from ``<TITLE>``, ``authors`` from ``<AUTHOR>`` ("By Cal Mankowski, Reuters" -> "Cal Mankowski").
* ``body``: ``<BODY>``; for ``TYPE="UNPROC"`` records (no TITLE/BODY tags) the whole ``<TEXT>`` with tags
  removed; for ``TYPE="BRIEF"`` records (title only) the title. So every record that has any text is
  an article; only a record with no text at all is a :class:`Skipped`.
* ``tags``: the values of TOPICS, PLACES, PEOPLE, ORGS, EXCHANGES and COMPANIES, as **plain values**
  (``cocoa``, ``usa``, ``reagan``, ``opec``) in that order, without duplicates. The category names are
  distinct in this corpus, so prefixes would only make tags harder to type in a query.

Files are ASCII with stray Latin-1 bytes (0xFC in reut2-017): each record is decoded on its own with
the project's fallback (UTF-8, else cp1252) and flagged. Entities (``&lt;``, ``&#3;``) are unescaped and
the resulting control characters dropped; the wire sign-off line "Reuter" is removed; the hard-wrapped
lines are joined back into the indented paragraphs they were.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO

from ...errors import ReaderError
from ...models import RawArticle, Skipped
from ...text.clean import decode, normalize
from ...text.dates import parse_date, to_utc
from ..sources import SourceSettings
from .common import MAX_RECORD_BYTES, check_stream_head

_OPEN = re.compile(rb"<REUTERS\b")
_CLOSE = b"</REUTERS>"
_NEWID = re.compile(r'\bNEWID="(\d+)"')
_TEXT = re.compile(r"<TEXT\b([^>]*)>(.*?)</TEXT>", re.DOTALL)
_TYPE = re.compile(r'TYPE="(\w+)"')
_TAG_LISTS = ("TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES", "COMPANIES")
_D = re.compile(r"<D>(.*?)</D>", re.DOTALL)
_ANY_TAG = re.compile(r"<[^>]+>")
_SIGNOFF = re.compile(r"\n\s*REUTERS?\s*$", re.IGNORECASE)
_REUTERS_DATE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d+):(\d{2}):(\d{2})")
_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}


def _element(name: str, text: str) -> str | None:
    match = re.search(rf"<{name}\b[^>]*>(.*?)</{name}>", text, re.DOTALL)
    return match.group(1) if match else None


def _unescape(raw: str) -> str:
    return normalize(html.unescape(raw))


def _paragraphs(raw: str) -> str:
    """Join hard-wrapped wire lines; an indented line starts a new paragraph."""
    text = _SIGNOFF.sub("", _unescape(raw).rstrip())
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if (line[:1].isspace() or not line.strip()) and paragraphs[-1]:
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line.strip())
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _date(raw: str | None, zone_name: str | None) -> tuple[str | None, datetime | None]:
    """The record's date; a broken time of day (``605:12:19.12`` in NEWID 17192) keeps the calendar day."""
    if not raw:
        return None, None
    text = " ".join(_unescape(raw).split())
    match = _REUTERS_DATE.search(text)
    if not match or match.group(2).upper() not in _MONTHS:
        return text, parse_date(text, zone_name)
    day, mon, year, hh, mm, ss = match.groups()
    try:
        value = datetime(int(year), _MONTHS[mon.upper()], int(day), int(hh), int(mm), int(ss))
    except ValueError:
        try:
            return text, datetime(int(year), _MONTHS[mon.upper()], int(day), tzinfo=UTC)
        except ValueError:
            return text, None
    return text, to_utc(value, zone_name)


def _author(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    name = " ".join(_unescape(raw).split())
    name = re.sub(r"^by\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r",?\s*reuters?$", "", name, flags=re.IGNORECASE).strip(" ,")
    return (name,) if name else ()


def parse_record(record: str, display: str, settings: SourceSettings, fallback: bool) -> RawArticle | Skipped:
    """One ``<REUTERS>`` record as an article (or Skipped when it holds no text at all)."""
    newid = _NEWID.search(record)
    record_id = newid.group(1) if newid else None
    tags: list[str] = []
    for name in _TAG_LISTS:
        block = _element(name, record) or ""
        for value in _D.findall(block):
            value = _unescape(value).strip()
            if value and value not in tags:
                tags.append(value)
    text_match = _TEXT.search(record)
    text_type, text = "", ""
    if text_match:
        type_match = _TYPE.search(text_match.group(1))
        text_type, text = (type_match.group(1).upper() if type_match else ""), text_match.group(2)
    raw_title = _element("TITLE", text)
    title = " ".join(_unescape(raw_title).split()) if raw_title else None
    raw_body = _element("BODY", text)
    body = _paragraphs(raw_body) if raw_body else ""
    if not body and text_type != "BRIEF":
        body = _paragraphs(_ANY_TAG.sub("", text))  # UNPROC: the unparsed text is the article
    body = body or title or ""
    if not body:
        return Skipped(display, "record without text", record_id)
    date_text, date = _date(_element("DATE", record), settings.timezone)
    return RawArticle(
        source_file=display, body=body, record_id=record_id, title=title or None, date_text=date_text, date=date,
        source=settings.source or "Reuters", authors=_author(_element("AUTHOR", text)), tags=tuple(tags),
        format="sgml", decode_fallback=fallback,
    )


def read_sgml_stream(stream: BinaryIO, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """The records of a Reuters-style SGML file, one at a time."""
    check_stream_head(stream)
    buffer: list[bytes] = []
    size = 0
    inside = False
    found = 0
    while line := stream.readline(MAX_RECORD_BYTES):
        if not inside:
            match = _OPEN.search(line)
            if not match:
                continue
            inside, buffer, size = True, [line[match.start():]], len(line)
        else:
            buffer.append(line)
            size += len(line)
        if _CLOSE in line:
            inside = False
            found += 1
            text, fallback = decode(b"".join(buffer))
            yield parse_record(text, display, settings, fallback)
        elif size > MAX_RECORD_BYTES:
            inside = False
            found += 1
            record_id = _NEWID.search(decode(buffer[0])[0])
            yield Skipped(display, f"record larger than {MAX_RECORD_BYTES:,} bytes (no </REUTERS>?)",
                          record_id.group(1) if record_id else None)
    if inside:
        record_id = _NEWID.search(decode(buffer[0])[0])
        yield Skipped(display, "record cut off at end of file (no </REUTERS>)",
                      record_id.group(1) if record_id else None)
    elif found == 0:
        raise ReaderError("no <REUTERS> records in SGML file")
