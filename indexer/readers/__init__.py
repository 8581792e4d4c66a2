"""Readers turn one file into raw articles. Which reader runs is decided here, by extension and content.

Every reader is a generator of :class:`RawArticle` (or :class:`Skipped` for a bad record inside an
otherwise good file) and raises :class:`ReaderError` when the whole file is unusable, so the build
can report each problem with its file and record and go on with the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ReaderError
from ..models import RawArticle, Skipped
from ..sources import SourceSettings, is_documentation
from .text import read_text

Reader = Callable[[Path, str, SourceSettings], Iterator[RawArticle | Skipped]]

READERS: dict[str, Reader] = {"text": read_text}

#: Extensions read as each format; a file with none of them is sniffed by content.
EXTENSIONS: dict[str, str] = {".txt": "text", ".text": "text", "": "text"}

#: Extensions that are known not to hold articles (annotation, code, images, archives we do not open).
NOT_ARTICLES = frozenset({".ann", ".py", ".pyc", ".png", ".jpg", ".jpeg", ".gif", ".pdf", ".dtd", ".stp", ".key"})


def detect_format(path: Path, settings: SourceSettings) -> str:
    """The reader name for ``path``; raises ReaderError with the reason when it is not an article file."""
    if settings.format:
        if settings.format not in READERS:
            raise ReaderError(f"unknown format {settings.format!r} (known: {', '.join(sorted(READERS))})")
        return settings.format
    suffix = path.suffix.lower()
    if is_documentation(path):
        raise ReaderError("documentation file, not an article")
    if suffix in NOT_ARTICLES:
        raise ReaderError(f"not an article format ({suffix})")
    fmt = EXTENSIONS.get(suffix)
    if fmt is None:
        raise ReaderError(f"unsupported file type ({suffix})")
    return fmt


def read_file(path: Path, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """The articles in one file, read by the detected (or configured) reader."""
    return READERS[detect_format(path, settings)](path, display, settings)
