"""Compressed files and zip archives, read transparently and streamed.

* ``name.ext.gz`` / ``.xz`` / ``.bz2``: decompressed as a stream and read as ``name.ext`` (format from the
  inner extension, or sniffed from the decompressed bytes when it says nothing). ``source_file`` stays
  the compressed file's path.
* ``.zip``: every member is read by its own extension (compressed members too), with
  ``source_file = "archive.zip!member/path.txt"`` and ``record_id = "member/path.txt"`` for one-article
  members or ``"member/path.json#<inner id>"`` for multi-record ones, so ids stay unique in the archive.
  Directories, hidden entries and ``__MACOSX`` are passed over; documentation (README.txt) and non-article
  members (``.key`` keyphrase lists) are reported as :class:`Skipped` with the reason; a member that
  fails is a Skipped and the next member is read.

Damage: a truncated or corrupt compressed stream raises while reading. Streaming formats (JSONL, CSV,
JSON arrays, SGML, SMART) keep every record read before the damage and add a Skipped saying where it
stopped; one-document formats (text, HTML, feed) read the whole stream first, so they get nothing and
the file fails with a :class:`ReaderError` stating the cause.
"""

from __future__ import annotations

import bz2
import dataclasses
import gzip
import lzma
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ...errors import ReaderError
from ...models import RawArticle, Skipped
from ..sources import SourceSettings
from .formats import STREAM_READERS, format_for_name

#: Decompressing wrappers by suffix; the caller closes them (they never own the underlying file).
OPENERS: dict[str, Callable[[BinaryIO], BinaryIO]] = {
    ".gz": lambda f: gzip.GzipFile(fileobj=f, mode="rb"),  # type: ignore[dict-item]
    ".xz": lambda f: lzma.LZMAFile(f, mode="rb"),  # type: ignore[dict-item]  # noqa: SIM115
    ".bz2": lambda f: bz2.BZ2File(f, mode="rb"),  # type: ignore[dict-item]
}
_DAMAGE = (EOFError, OSError, zlib.error, lzma.LZMAError, zipfile.BadZipFile)


def _guarded(items: Iterator[RawArticle | Skipped], display: str) -> Iterator[RawArticle | Skipped]:
    """Pass records through; turn damage in the compressed stream into a ReaderError or a final Skipped."""
    count = 0
    try:
        for item in items:
            count += 1
            yield item
    except _DAMAGE as exc:
        reason = f"truncated or corrupt compressed data ({type(exc).__name__}: {exc})"
        if count == 0:
            raise ReaderError(reason) from None
        yield Skipped(display, f"{reason}; {count} records read before it, rest not read")


def _read_stream(stream: BinaryIO, name: str, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """Read ``stream`` as a file called ``name``: unwrap compression suffixes, then dispatch by format."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in OPENERS:
        with OPENERS[suffix](stream) as inner:
            yield from _guarded(_read_stream(inner, name[: -len(suffix)], display, settings), display)
        return
    try:
        head = stream.peek(4096) if hasattr(stream, "peek") else b""
    except _DAMAGE as exc:
        raise ReaderError(f"unreadable compressed data ({type(exc).__name__}: {exc})") from None
    fmt = format_for_name(name, lambda: head, settings)
    if fmt not in STREAM_READERS:
        raise ReaderError(f"{fmt} inside another container is not read")
    yield from _guarded(STREAM_READERS[fmt](stream, display, settings), display)


def read_compressed(path: Path, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """A ``.gz``/``.xz``/``.bz2`` file, decompressed on the fly and read as the file it contains."""
    with path.open("rb") as raw:
        yield from _read_stream(raw, path.name, display, settings)


def read_zip(path: Path, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """Every member of a zip archive, each by its own format."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReaderError(f"not a readable zip archive: {exc}") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir() and not _hidden(m.filename)]
        if not members:
            raise ReaderError("empty zip archive")
        for info in members:
            name = info.filename
            member_display = f"{display}!{name}"
            try:
                with archive.open(info) as stream:
                    for item in _read_stream(stream, name, member_display, settings):  # type: ignore[arg-type]
                        yield _with_member_id(item, name)
            except ReaderError as exc:
                yield Skipped(member_display, str(exc), name)
            except (RuntimeError, NotImplementedError, *_DAMAGE) as exc:  # encrypted, unknown method, damaged
                yield Skipped(member_display, f"unreadable zip member ({type(exc).__name__}: {exc})", name)


def _hidden(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _with_member_id(item: RawArticle | Skipped, member: str) -> RawArticle | Skipped:
    record_id = member if item.record_id is None else f"{member}#{item.record_id}"
    return dataclasses.replace(item, record_id=record_id)
