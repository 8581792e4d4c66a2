"""Raw scraped text: junk lines, then an optional date line, the title, and the body.

Handles the seed's shape (icon-label junk, ``26 Mar, 2012 20:47``, title, body) and the plain
"title on line 1" shape of BBC and PolNeAR files, without any site-specific word list: junk is found
by the generic filter in :mod:`indexer.text.boilerplate`, the date line by parsing it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ...config import MAX_TEXT_FILE_BYTES
from ...errors import ReaderError
from ...models import RawArticle
from ...text.boilerplate import drop_junk
from ...text.clean import decode, normalize, squeeze, unglue
from ...text.dates import looks_like_date_line
from ..sources import SourceSettings
from .prose import not_prose

_HEAD_LINES = 4  # the date line is looked for among the first lines only
_MAX_TITLE_CHARS = 300


@dataclass(frozen=True, slots=True)
class TextParts:
    title: str | None
    date_text: str | None
    body: str


def split_article(text: str) -> TextParts:
    """Find date line, title and body in a scraped page's text.

    Paragraphs are kept (joined by blank lines) so snippets and quote extraction see real
    paragraph breaks; lines glued by the scraper are separated first.
    """
    lines = [squeeze(line) for line in unglue(normalize(text)).split("\n")]
    lines = drop_junk([line for line in lines if line])
    date_text = None
    for i, line in enumerate(lines[:_HEAD_LINES]):
        if looks_like_date_line(line):
            date_text = line
            del lines[i]
            break
    title = None
    if lines and len(lines[0]) <= _MAX_TITLE_CHARS and len(lines) > 1:
        title = lines.pop(0)
    return TextParts(title, date_text, "\n\n".join(lines))


def read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_TEXT_FILE_BYTES:
        raise ReaderError(f"file too large for a text article ({size:,} bytes; limit {MAX_TEXT_FILE_BYTES:,})")
    return path.read_bytes()


def check_text_bytes(data: bytes) -> None:
    """Refuse empty and binary files with a reason instead of indexing noise."""
    if not data.strip():
        raise ReaderError("empty file")
    if b"\x00" in data[:8192]:
        raise ReaderError("binary file (NUL bytes), not text")


def check_prose(text: str) -> None:
    """Refuse documentation, lists and data files by what they hold (their names follow no rule)."""
    problem = not_prose(text)
    if problem:
        raise ReaderError(problem)


def text_article(data: bytes, display: str, settings: SourceSettings) -> RawArticle:
    """The article in a text file's bytes (from a path or a container's stream): checked, decoded, split."""
    check_text_bytes(data)
    text, fallback = decode(data)
    check_prose(text)
    parts = split_article(text)
    if not parts.body.strip():
        raise ReaderError("no body text found")
    return RawArticle(
        source_file=display, body=parts.body, title=parts.title, date_text=parts.date_text,
        source=settings.source, format="text", decode_fallback=fallback,
    )


def read_text(path: Path, display: str, settings: SourceSettings) -> Iterator[RawArticle]:
    """One article per text file."""
    yield text_article(read_bytes(path), display, settings)
