"""The raw-text reader over a byte stream, for text found inside ``.gz``/``.xz``/``.bz2``/``.zip`` containers.

It is :func:`indexer.ingest.readers.text.read_text` with the file read from a stream (at most
:data:`MAX_TEXT_FILE_BYTES`) instead of a path: same checks, same decoding, same title/date/body split.

Both text paths also refuse a "text" of fewer than :data:`MIN_WORDS` words: collections ship small
label files beside their articles (KPCrowd's ``lan.txt`` holds ``en-US``), and one or two words are
not an article. A title-only story ("Merkel urges Myanmar to free prisoners") still passes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ...config import MAX_TEXT_FILE_BYTES
from ...errors import ReaderError
from ...models import RawArticle
from ..sources import SourceSettings
from .common import read_limited
from .text import read_text, text_article

MIN_WORDS = 2


def _check_words(article: RawArticle) -> RawArticle:
    words = len(article.body.split()) + len((article.title or "").split())
    if words < MIN_WORDS:
        raise ReaderError(f"too short to be an article ({words} word{'s' if words != 1 else ''})")
    return article


def read_text_file(path: Path, display: str, settings: SourceSettings) -> Iterator[RawArticle]:
    """:func:`read_text` plus the minimum-length check."""
    for article in read_text(path, display, settings):
        yield _check_words(article)


def read_text_stream(stream: BinaryIO, display: str, settings: SourceSettings) -> Iterator[RawArticle]:
    """One article per text stream."""
    yield _check_words(text_article(read_limited(stream, MAX_TEXT_FILE_BYTES), display, settings))
