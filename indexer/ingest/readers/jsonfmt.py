"""JSON and JSON Lines news dumps, streamed so that neither a 1 GB ``.jsonl`` nor a big array is loaded whole.

* JSON Lines / NDJSON: one object per line, read line by line. A bad line (invalid JSON, not an object,
  no body, a wrong type) becomes a :class:`Skipped` with its line number, and reading goes on.
* JSON: a top-level array of article objects, or an object holding that array under a common key
  (``articles``, ``items``, ``data``, ...; or the dotted path in ``settings.fields["records"]``, e.g.
  ``response.docs``), or one article object, or several objects one after another (JSON Lines saved
  as ``.json``). The array is walked element by element with the standard
  library's ``raw_decode`` over a sliding buffer, so memory is bounded by the largest single element
  (:data:`MAX_RECORD_BYTES`), not by the file. No third-party streaming parser is needed.
  Invalid JSON inside an array cannot be resynchronised: the elements before it are kept and a Skipped
  says where reading stopped.

Record ids come from the record (``id``, ``uuid``, ``guid``...) or are the 1-based line number (JSONL)
or 1-based position in the array (JSON).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ...errors import ReaderError, RecordError
from ...models import RawArticle, Skipped
from ...text.clean import decode
from ..sources import SourceSettings
from .common import MAX_RECORD_BYTES, check_not_binary, check_stream_head
from .fields import field_map, to_article

#: Keys under which a wrapper object usually holds its list of articles.
LIST_KEYS = ("articles", "items", "data", "results", "records", "documents", "docs", "entries", "posts",
             "news", "stories", "hits")

_CHUNK = 1 << 16
_WS = " \t\r\n"


class _TextChunks:
    """Decoded text of a byte stream, chunk by chunk: UTF-8 (BOM dropped), U+FFFD for bad bytes (flagged)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self.replaced = False
        self.first = True

    def read(self, size: int) -> str:
        data = self._stream.read(size)
        if self.first:
            self.first = False
            check_not_binary(data)
        pending = self._decoder.getstate()[0]
        try:
            return self._decoder.decode(data, final=not data)
        except UnicodeDecodeError:
            self.replaced = True
            self._decoder = codecs.getincrementaldecoder("utf-8-sig")("replace")
            return self._decoder.decode(pending + data, final=not data)


class _JsonStream:
    """A cursor over JSON text that decodes one value at a time from a bounded sliding buffer."""

    def __init__(self, chunks: _TextChunks) -> None:
        self._chunks = chunks
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._decoder = json.JSONDecoder()

    def _fill(self) -> None:
        want = max(_CHUNK, len(self._buf) - self._pos)  # doubling keeps re-decoding of big values linear-ish
        text = self._chunks.read(want)
        if not text:
            self._eof = True
        self._buf = self._buf[self._pos:] + text
        self._pos = 0

    def peek(self) -> str:
        """The next non-blank character, or '' at the end."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _WS:
                self._pos += 1
            if self._pos < len(self._buf) or self._eof:
                return self._buf[self._pos] if self._pos < len(self._buf) else ""
            self._fill()

    def take(self, expected: str) -> None:
        found = self.peek()
        if found != expected:
            raise json.JSONDecodeError(f"expected {expected!r}, found {found or 'end of file'!r}", self._buf, self._pos)
        self._pos += 1

    def value(self) -> Any:
        """The next complete JSON value (the caller has positioned on it with peek())."""
        self.peek()
        while True:
            try:
                obj, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError:
                if self._eof:
                    raise
            else:
                if end < len(self._buf) or self._eof:  # a number at the buffer's end may go on
                    self._pos = end
                    return obj
            if len(self._buf) - self._pos > MAX_RECORD_BYTES:
                raise RecordError(f"one JSON value is larger than {MAX_RECORD_BYTES:,} characters")
            self._fill()

    def array(self) -> Iterator[Any]:
        """The elements of the array starting here, one at a time."""
        self.take("[")
        if self.peek() == "]":
            self._pos += 1
            return
        while True:
            yield self.value()
            sep = self.peek()
            if sep == "]":
                self._pos += 1
                return
            self.take(",")


def _records(cursor: _JsonStream, path: list[str] | None) -> Iterator[Any]:
    """The article records: an array's elements, a wrapped array's elements, or one object."""
    first = cursor.peek()
    if first == "[" and not path:
        yield from cursor.array()
        if cursor.peek():
            raise json.JSONDecodeError("unexpected data after the array", "", 0)
        return
    if first != "{":
        if first == "":
            raise ReaderError("empty file")
        raise ReaderError("JSON is neither an array nor an object of articles")
    cursor.take("{")
    top: dict[str, Any] = {}
    while cursor.peek() != "}":
        key = cursor.value()
        cursor.take(":")
        wanted = (key == path[0]) if path else (str(key).lower() in LIST_KEYS)
        if wanted and cursor.peek() == "[" and (not path or len(path) == 1):
            yield from cursor.array()
            return
        if wanted and path and len(path) > 1 and cursor.peek() == "{":
            yield from _records(cursor, path[1:])
            return
        top[str(key)] = cursor.value()
        if cursor.peek() == ",":
            cursor.take(",")
    cursor.take("}")
    if path:
        raise ReaderError(f"no list of records at {'.'.join(path)!r}")
    yield top  # a single article object ...
    while cursor.peek() == "{":  # ... or the first of several: JSON Lines saved as .json
        yield cursor.value()
    if cursor.peek():
        raise json.JSONDecodeError("unexpected data after the object", "", 0)


def read_json_stream(stream: BinaryIO, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """Articles of a JSON document (array, wrapped array or single object), element by element."""
    chunks = _TextChunks(stream)
    cursor = _JsonStream(chunks)
    mapping = field_map(settings)
    records_path = settings.fields.get("records")
    path = records_path.split(".") if records_path else None
    count = 0
    records = _records(cursor, path)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except (json.JSONDecodeError, RecordError) as exc:
            if count == 0:
                raise ReaderError(f"invalid JSON: {exc}") from None
            yield Skipped(display, f"invalid JSON after record {count}: {exc}; rest of file not read", str(count + 1))
            return
        count += 1
        try:
            yield to_article(record, display, settings, fmt="json", fallback_id=str(count), mapping=mapping,
                             decode_fallback=chunks.replaced)
        except RecordError as exc:
            yield Skipped(display, str(exc), _record_id(record, count))
    if count == 0:
        raise ReaderError("no records in JSON file")


def read_jsonl_stream(stream: BinaryIO, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """Articles of a JSON Lines file, line by line (memory bounded by the longest line)."""
    check_stream_head(stream)
    mapping = field_map(settings)
    line_no = 0
    seen = 0
    while True:
        raw = stream.readline(MAX_RECORD_BYTES + 1)
        if not raw:
            break
        line_no += 1
        if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass  # skip the remainder of the oversized line
            yield Skipped(display, f"line longer than {MAX_RECORD_BYTES:,} bytes", str(line_no))
            continue
        if not raw.strip():
            continue
        seen += 1
        text, fallback = decode(raw)
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Skipped(display, f"invalid JSON: {exc.msg} (column {exc.colno})", str(line_no))
            continue
        try:
            yield to_article(record, display, settings, fmt="jsonl", fallback_id=str(line_no), mapping=mapping,
                             decode_fallback=fallback)
        except RecordError as exc:
            yield Skipped(display, str(exc), _record_id(record, line_no))
    if seen == 0:
        raise ReaderError("empty file")


def _record_id(record: Any, fallback: int) -> str:
    if isinstance(record, dict):
        for key in ("id", "uuid", "guid", "_id"):
            value = record.get(key)
            if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
                return str(value)
    return str(fallback)
