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
from pathlib import Path, PurePath

from ...errors import ReaderError
from ...models import RawArticle, Skipped
from ..sources import SourceSettings, is_documentation
from .common import MAX_DOCUMENT_BYTES, SNIFF_BYTES, StreamReader, from_path, sniff
from .containers import OPENERS, read_compressed, read_zip
from .feed import read_feed_stream
from .html import read_html_stream
from .jsonfmt import read_json_stream, read_jsonl_stream
from .plain import read_text_file, read_text_stream
from .sgml import read_sgml_stream
from .sidecar import is_sidecar, with_sidecar
from .smart import read_smart_stream
from .table import read_csv_stream, read_tsv_stream

Reader = Callable[[Path, str, SourceSettings], Iterator[RawArticle | Skipped]]

#: Readers over a byte stream: what containers hand their decompressed contents to.
STREAM_READERS: dict[str, StreamReader] = {
    "text": read_text_stream, "html": read_html_stream, "json": read_json_stream, "jsonl": read_jsonl_stream,
    "csv": read_csv_stream, "tsv": read_tsv_stream, "feed": read_feed_stream, "sgml": read_sgml_stream,
    "smart": read_smart_stream,
}

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

#: Other names accepted for ``settings.format`` / ``--format``.
FORMAT_ALIASES = {"txt": "text", "htm": "html", "ndjson": "jsonl", "rss": "feed", "atom": "feed",
                  "reuters": "sgml", "sgm": "sgml"}

#: Formats with one article per file: the ones sidecar metadata tables apply to.
SINGLE_DOCUMENT = frozenset({"text", "html"})

#: Extensions read as each format; a file with none of them is sniffed by content.
EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".rss": "feed", ".atom": "feed",
    ".sgm": "sgml", ".sgml": "sgml",
    ".gz": "gzip", ".xz": "xz", ".bz2": "bz2", ".zip": "zip",
}

#: Extensions whose content decides the format (``.xml`` may be a feed or anything else).
SNIFFED = frozenset({".xml", ""})

#: Extensions that are known not to hold articles (annotation, code, images, archives we do not open).
NOT_ARTICLES = frozenset({".ann", ".py", ".pyc", ".png", ".jpg", ".jpeg", ".gif", ".pdf", ".dtd", ".stp", ".key",
                          ".tar", ".7z", ".rar", ".exe", ".so", ".dll", ".whl", ".mp3", ".mp4", ".webp", ".svg",
                          ".css", ".js", ".ico", ".woff", ".woff2", ".ttf", ".doc", ".docx", ".xls", ".xlsx"})


def format_for_name(name: str, head: Callable[[], bytes], settings: SourceSettings) -> str:
    """The format for a file called ``name`` whose first bytes ``head()`` returns (read only if needed).

    Raises ReaderError with the reason for documentation, non-article and unrecognised files.
    """
    path = PurePath(name)
    suffix = path.suffix.lower()
    if suffix in OPENERS or suffix == ".zip":
        return EXTENSIONS[suffix]  # containers first: a --format applies to what is inside them
    if is_documentation(Path(path.name)):
        raise ReaderError("documentation file, not an article")
    if is_sidecar(Path(path.name)):
        raise ReaderError("sidecar metadata table (applied to the articles beside it), not articles")
    if suffix in NOT_ARTICLES:
        raise ReaderError(f"not an article format ({suffix})")
    if settings.format:
        fmt = FORMAT_ALIASES.get(settings.format.lower(), settings.format.lower())
        if fmt not in STREAM_READERS:
            raise ReaderError(f"unknown format {settings.format!r} (known: {', '.join(sorted(STREAM_READERS))})")
        return fmt
    fmt = EXTENSIONS.get(suffix)
    if fmt is not None and suffix not in SNIFFED:
        return fmt
    sniffed = sniff(head())
    if sniffed:
        return sniffed
    if suffix == "":
        return "text"  # a file without an extension and no recognisable markup: plain text
    if suffix == ".xml":
        raise ReaderError("XML that is not an RSS/Atom feed or newswire SGML")
    raise ReaderError(f"unsupported file type ({suffix})")


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
