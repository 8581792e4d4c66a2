"""Which reader reads a file: the format tables and the decision by name, setting and first bytes.

Kept apart from the registry in ``__init__`` so that the container readers, which dispatch what they
unpack by the same rules, can import it without importing the registry that imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

from ...errors import ReaderError
from ..sources import SourceSettings, is_documentation
from .common import StreamReader, sniff
from .feed import read_feed_stream
from .html import read_html_stream
from .jsonfmt import read_json_stream, read_jsonl_stream
from .plain import read_text_stream
from .sgml import read_sgml_stream
from .sidecar import is_sidecar
from .smart import read_smart_stream
from .table import read_csv_stream, read_tsv_stream

#: Readers over a byte stream: what containers hand their decompressed contents to.
STREAM_READERS: dict[str, StreamReader] = {
    "text": read_text_stream, "html": read_html_stream, "json": read_json_stream, "jsonl": read_jsonl_stream,
    "csv": read_csv_stream, "tsv": read_tsv_stream, "feed": read_feed_stream, "sgml": read_sgml_stream,
    "smart": read_smart_stream,
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

#: Formats that hold other files: their contents are read by the other readers.
CONTAINERS = frozenset({"gzip", "xz", "bz2", "zip"})

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
    if EXTENSIONS.get(suffix) in CONTAINERS:
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
