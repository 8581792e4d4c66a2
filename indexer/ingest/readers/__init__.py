"""Readers turn one file into raw articles. Which reader runs is decided here, by extension and content.

Every reader is a generator of :class:`RawArticle` (or :class:`Skipped` for a bad record inside an
otherwise good file) and raises :class:`ReaderError` when the whole file is unusable, so the build
can report each problem with its file and record and go on with the rest.

Formats: ``text``, ``html``, ``json``, ``jsonl``, ``csv``, ``tsv``, ``feed`` (RSS/Atom), ``sgml``
(Reuters-21578 newswire), ``smart`` (SMART collections such as TIME.ALL), and the containers ``gzip``,
``xz``, ``bz2`` and ``zip`` whose contents are read by these same readers. The format comes from
``settings.format`` (the CLI's ``--format`` or a ``newsindex-source.json``), else the extension, else
the first bytes (for ``.xml``, files without an extension and unknown extensions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ...models import RawArticle, Skipped
from ..sources import SourceSettings
from .common import MAX_DOCUMENT_BYTES, SNIFF_BYTES, from_path
from .containers import read_compressed, read_zip
from .feed import read_feed_stream
from .formats import EXTENSIONS, SINGLE_DOCUMENT, STREAM_READERS, format_for_name
from .html import read_html_stream
from .jsonfmt import read_json_stream, read_jsonl_stream
from .plain import read_text_file
from .sgml import read_sgml_stream
from .sidecar import with_sidecar
from .smart import read_smart_stream
from .table import read_csv_stream, read_tsv_stream

__all__ = ["EXTENSIONS", "READERS", "STREAM_READERS", "detect_format", "read_file"]

Reader = Callable[[Path, str, SourceSettings], Iterator[RawArticle | Skipped]]

READERS: dict[str, Reader] = {
    "text": read_text_file,
    "html": from_path(read_html_stream, MAX_DOCUMENT_BYTES),
    "json": from_path(read_json_stream),
    "jsonl": from_path(read_jsonl_stream),
    "csv": from_path(read_csv_stream),
    "tsv": from_path(read_tsv_stream),
    "feed": from_path(read_feed_stream, MAX_DOCUMENT_BYTES),
    "sgml": from_path(read_sgml_stream),
    "smart": from_path(read_smart_stream),
    "gzip": read_compressed, "xz": read_compressed, "bz2": read_compressed,
    "zip": read_zip,
}


def detect_format(path: Path, settings: SourceSettings) -> str:
    """The reader name for ``path``; raises ReaderError with the reason when it is not an article file."""

    def head() -> bytes:
        with path.open("rb") as stream:
            return stream.read(SNIFF_BYTES)

    return format_for_name(path.name, head, settings)


def read_file(path: Path, display: str, settings: SourceSettings) -> Iterator[RawArticle | Skipped]:
    """The articles in one file, read by the detected (or configured) reader."""
    fmt = detect_format(path, settings)
    items = READERS[fmt](path, display, settings)
    return with_sidecar(path, items, settings) if fmt in SINGLE_DOCUMENT else items
