"""The read cache: a file whose bytes were read, cleaned and extracted before is not read again.

A rebuild with every extraction cached still read every file, parsed its format, cleaned and hashed
every article, and only then found its extraction by content hash: about a millisecond per article,
a fifth of a cached rebuild's CPU (BBC, one process), and a process pool started for it. What a
small file's reading produces (its :class:`~.pipeline.Batch`: the prepared articles, what was skipped
and why, the format) depends on nothing but

- the file's bytes (its SHA-256, which the scan computes anyway), its path and the path as the user
  spelled it (article ids and ``source_file`` come from them), and the folder's source settings;
- the sidecar metadata tables near it (``readers.sidecar``: their size and mtime);
- the code that reads, cleans and extracts (:func:`version`: a hash of those modules' source, the
  extractor's version and the versions of the third-party readers), so no one has to remember to
  bump a number when a reader changes.

So the parent keeps it, compressed, in the extraction cache's SQLite file (one row per file path,
replaced when the file changes: the table never holds more rows than the collection has files),
and a later reindex that finds the same key takes the batch from there instead of sending the file
to a reader process. A file whose bytes, sidecar, settings or reading code changed gets another key
and is read again. Only what is decided by those inputs is kept: a file read whole and to its end,
or refused by its reader for what its bytes are (empty, not an article: a ``ReaderError``); not one
cut by the per-file time limit, not one that failed with an I/O or decoding error, not a streamed
large file, and not one whose text is larger than :data:`MAX_CACHED_CHARS` (a small archive that
expands to a lot is read again rather than stored).
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import zlib
from dataclasses import replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .. import extract
from .pipeline import Batch
from .readers import sidecar
from .sources import SourceFile

#: The largest text (titles and bodies, characters) of one file that is kept in the cache.
MAX_CACHED_CHARS = 8 * 1024 * 1024
_PACKAGE = Path(__file__).resolve().parents[1]
#: The modules whose code decides what reading a file produces (besides extraction, versioned apart).
_CODE = ("ingest/readers/*.py", "text/*.py", "ingest/articles.py", "ingest/pipeline.py", "ingest/repeated.py",
         "ingest/sources.py", "ingest/read_cache.py", "models.py", "config.py")
#: Third-party packages the readers call.
_PACKAGES = ("trafilatura", "lxml", "lxml_html_clean", "feedparser", "python-dateutil")


@lru_cache(maxsize=1)
def version() -> str:
    """A hash of everything besides a file's inputs that decides its batch (see the module docstring)."""
    digest = hashlib.sha256(f"{extract.EXTRACTOR_VERSION}\0{sys.version_info[:2]}".encode())
    for pattern in _CODE:
        for path in sorted(_PACKAGE.glob(pattern)):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in _PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()[:24]


def key(file: SourceFile, sig: str, sidecars: dict[Path, str]) -> str:
    """The cache key of ``file`` whose scan signature is ``sig`` (``size:mtime:sha256``)."""
    sha = sig.rsplit(":", 1)[-1]
    parts = (version(), sha, str(file.path), file.display, repr(file.settings), sidecar.signature(file.path, sidecars))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def encode(batch: Batch) -> bytes | None:
    """The batch as kept (None when it may not be: see the module docstring). Its extractions are in
    the cache already and its profiles stored, so it is kept as cached and without them."""
    if not batch.complete or not batch.final:
        return None
    if sum(len(p.article.body) + len(p.article.title) for p in batch.prepared) > MAX_CACHED_CHARS:
        return None
    prepared = tuple(replace(p, cached=True, profile=None) for p in batch.prepared)
    pickled = pickle.dumps(prepared, pickle.HIGHEST_PROTOCOL)  # also what the spool holds (``decode``)
    return zlib.compress(pickle.dumps((batch.format, pickled, batch.skipped), pickle.HIGHEST_PROTOCOL), 1)


def decode(file: SourceFile, blob: bytes) -> Batch | None:
    """The kept batch of ``file``, or None when the row cannot be read (then the file is read again)."""
    try:
        fmt, pickled, skipped = pickle.loads(zlib.decompress(blob))
        prepared = pickle.loads(pickled)
    except Exception:  # noqa: BLE001 - a damaged cache row costs a read, never the reindex
        return None
    return Batch(file, prepared, skipped, fmt, pickled=pickled)  # not ``complete``: it is kept already
