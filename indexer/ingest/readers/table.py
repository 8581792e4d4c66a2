"""CSV and TSV tables of articles, one row per article, streamed with the standard ``csv`` module.

The delimiter follows the extension (``.tsv`` tab, ``.csv`` comma) unless ``settings.fields["delimiter"]``
says otherwise. TSV is read without quote processing by default (the IANA TSV format has no quoting,
and statements such as LIAR's start with a ``"`` that must stay text); CSV uses standard quoting.

The first row is the header, unless the settings name the columns (``"columns": "id,label,statement"``)
or say ``"header": "none"`` and map fields to 1-based column numbers (``{"body": "3"}``). That is how a
headerless file such as LIAR's ``train.tsv`` is read without shipping anything from it:

    {"format": "tsv", "fields": {"header": "none", "record_id": "1", "body": "3", "tags": "4"}}

A row with a missing body, too few columns or a bad type becomes a :class:`Skipped` with its line
number; a header without any body column fails the whole file with a :class:`ReaderError`.
"""

from __future__ import annotations

import csv
import itertools
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ...errors import ReaderError, RecordError
from ...models import RawArticle, Skipped
from ...text.clean import decode
from ..sources import SourceSettings
from .common import MAX_RECORD_BYTES, SNIFF_BYTES, check_not_binary, check_stream_head
from .fields import DEFAULT_FIELDS, field_map, to_article

_DELIMITERS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}

# A news body is far longer than csv's default 128 KiB field limit; the record cap bounds it instead.
csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, MAX_RECORD_BYTES)))


class _LineTooLong(ReaderError):
    """A line over the record limit: the table cannot be resynchronised after it."""


class _Lines:
    """Decoded lines of a byte stream (UTF-8, falling back to cp1252 per line, which is remembered)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.fallback = False

    def __iter__(self) -> Iterator[str]:
        first = True
        while raw := self._stream.readline(MAX_RECORD_BYTES + 1):
            if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
                raise _LineTooLong(f"a line is longer than {MAX_RECORD_BYTES:,} bytes; rest of file not read")
            if first:
                check_not_binary(raw[:SNIFF_BYTES])
                raw = raw.removeprefix(b"\xef\xbb\xbf")
                first = False
            text, fallback = decode(raw)
            self.fallback |= fallback
            yield text


def _dialect(settings: SourceSettings, tsv: bool) -> dict[str, object]:
    opts = {k.lower(): v for k, v in settings.fields.items()}
    delimiter = opts.get("delimiter")
    delim = _DELIMITERS.get(delimiter.lower(), delimiter) if delimiter else ("\t" if tsv else ",")
    if len(delim) != 1:
        raise ReaderError(f"delimiter must be one character, got {delimiter!r}")
    quoting = opts.get("quoting", "none" if delim == "\t" else "csv").lower()
    return {"delimiter": delim, "quoting": csv.QUOTE_NONE if quoting == "none" else csv.QUOTE_MINIMAL}


def _header(settings: SourceSettings) -> tuple[list[str] | None, bool]:
    """(column names given in the settings, whether the file's first row is a header)."""
    opts = {k.lower(): v for k, v in settings.fields.items()}
    if opts.get("columns"):
        return [c.strip() for c in opts["columns"].split(",")], False
    no_header = opts.get("header", "").lower() in {"none", "no", "false", "0"}
    return None, not no_header


def _read_table(stream: BinaryIO, display: str, settings: SourceSettings, tsv: bool) -> Iterator[RawArticle | Skipped]:
    fmt = "tsv" if tsv else "csv"
    check_stream_head(stream)
    lines = _Lines(stream)
    reader = csv.reader(lines, strict=False, **_dialect(settings, tsv))  # type: ignore[arg-type]
    columns, has_header = _header(settings)
    mapping = field_map(settings)
    first: list[str] | None = None
    if has_header:
        try:
            columns = [c.strip() for c in next(reader)]
        except StopIteration:
            raise ReaderError("empty file") from None
        except csv.Error as exc:
            raise ReaderError(f"unreadable header row: {exc}") from None
        guessed = _headerless_mapping(columns, mapping)
        if guessed is not None:  # the "header" is a data row: read the file as headerless
            first, columns, has_header, mapping = columns, None, False, guessed
    _check_body_column(columns, mapping)
    rows = 0
    start = 1 if first is not None else reader.line_num + 1
    source = itertools.chain([first], reader) if first is not None else reader
    while True:
        try:
            row = next(source)
        except StopIteration:
            break
        except _LineTooLong as exc:
            if rows == 0:
                raise
            yield Skipped(display, str(exc), str(start))
            return
        except csv.Error as exc:
            yield Skipped(display, f"unreadable row: {exc}", str(start))
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if columns is not None and len(row) < len(columns):
            yield Skipped(display, f"row has {len(row)} columns, header has {len(columns)}", str(line))
            continue
        record = _record(row, columns)
        try:
            yield to_article(record, display, settings, fmt=fmt, fallback_id=str(line), mapping=mapping,
                             decode_fallback=lines.fallback)
        except RecordError as exc:
            yield Skipped(display, str(exc), str(line))
    if rows == 0 and not has_header:
        raise ReaderError("empty file")


def _headerless_mapping(row: list[str], mapping: dict[str, str]) -> dict[str, str] | None:
    """A mapping for a table whose first row is data, not names, or None when it looks like a header.

    Header cells are short names; a first row with no known body column but a cell of running text
    (six words or more) is data. Its longest text cell is the body and a first cell without spaces
    is the record id, so a headerless export such as LIAR's statements is indexed rather than skipped.
    """
    names = {c.lower() for c in row}
    if "body" in mapping or names.intersection(DEFAULT_FIELDS["body"]):
        return None
    words = [len(cell.split()) for cell in row]
    if not words or max(words) < 6:
        return None
    guessed = dict(mapping)
    guessed["body"] = str(words.index(max(words)) + 1)
    if " " not in row[0].strip() and words.index(max(words)) != 0:
        guessed.setdefault("record_id", "1")
    return guessed


def _record(row: list[str], columns: list[str] | None) -> dict[str, str]:
    """A row as a mapping: by header name and, always, by 1-based column number."""
    record = {str(i): cell for i, cell in enumerate(row, start=1)}
    if columns:
        record.update({name: cell for name, cell in zip(columns, row, strict=False) if name})
    return record


def _check_body_column(columns: list[str] | None, mapping: dict[str, str]) -> None:
    if "body" in mapping:
        path = mapping["body"]
        if columns is not None and path not in columns and not path.isdigit():
            raise ReaderError(f"no column {path!r} for the body (columns: {', '.join(columns)})")
        return
    if columns is None:
        raise ReaderError('a table without a header needs a body column: set fields {"body": "<column number>"}')
    names = {c.lower() for c in columns}
    if not names.intersection(DEFAULT_FIELDS["body"]):
        raise ReaderError(f"no body column (columns: {', '.join(columns)}); map one with fields.body")


def read_csv_stream(stream: BinaryIO, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """Articles of a comma-separated table with a header row."""
    return _read_table(stream, display, settings, tsv=False)


def read_tsv_stream(stream: BinaryIO, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """Articles of a tab-separated table (no quoting by default)."""
    return _read_table(stream, display, settings, tsv=True)
