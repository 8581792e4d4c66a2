"""Sidecar metadata: a ``metadata.tsv`` / ``metadata.csv`` table that describes the article files near it.

Collections of one-article files often keep their metadata in a table beside the text instead of in
it (PolNeAR's ``data/metadata.tsv`` gives ``publisher``, ``publication_date``, ``author`` and ``title`` per
``filename``). Nothing here is specific to one corpus: for a one-article file (text or HTML), the nearest
directory at or above it, up to :data:`MAX_LEVELS` levels, holding a file named in :data:`SIDECAR_NAMES`
is used when that table has a key column (:data:`KEY_COLUMNS`). The row whose key equals the file's name
or its name without extension supplies title, date, authors, source, url and tags, found by the same
common column names as the CSV reader (``publication_date``, ``publisher``, ...).

The sidecar is structured, per-file metadata, so its values win over what a reader guessed from the
text; the source named in the settings (CLI or ``newsindex-source.json``) still wins over it. The table
is read once per process (cached by path, size and mtime) and capped at :data:`MAX_SIDECAR_BYTES`.
The sidecar file itself is not an article file: ``detect_format`` reports it as metadata.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from ...models import RawArticle, Skipped
from ...text.clean import decode
from ..sources import SourceSettings
from .common import date_fields, http_url
from .fields import DEFAULT_FIELDS

SIDECAR_NAMES = ("metadata.tsv", "metadata.csv")
KEY_COLUMNS = ("filename", "file_name", "file", "path", "doc_id", "docid", "document")
MAX_LEVELS = 3
MAX_SIDECAR_BYTES = 50 * 1024 * 1024

Row = Mapping[str, str]


@lru_cache(maxsize=32)
def _load(path: Path, size: int, mtime: float) -> dict[str, Row] | None:  # size/mtime: cache key only
    """The table as {key: row}, or None when it is too big, unreadable or has no key column."""
    if size > MAX_SIDECAR_BYTES:
        return None
    try:
        text, _ = decode(path.read_bytes())
    except OSError:
        return None
    tsv = path.suffix.lower() == ".tsv"
    reader = csv.reader(text.splitlines(), delimiter="\t" if tsv else ",",
                        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error):
        return None
    key = next((k for k in KEY_COLUMNS if k in header), None)
    if key is None:
        return None
    index = header.index(key)
    rows: dict[str, Row] = {}
    try:
        for cells in reader:
            if len(cells) > index and cells[index].strip():
                rows.setdefault(cells[index].strip(), dict(zip(header, (c.strip() for c in cells), strict=False)))
    except csv.Error:
        return None
    return rows


def find_row(path: Path) -> Row | None:
    """The sidecar row describing ``path``, if any table near it names it."""
    directory = path.parent
    for _ in range(MAX_LEVELS + 1):
        for name in SIDECAR_NAMES:
            table_path = directory / name
            if table_path.is_file():
                stat = table_path.stat()
                rows = _load(table_path, stat.st_size, stat.st_mtime)
                if rows is not None:
                    # Keys may be bare names, names without extension, or paths relative to the table.
                    for key in (path.name, path.stem, path.relative_to(directory).as_posix()):
                        if key in rows:
                            return rows[key]
                    return None  # the nearest table decides; an unrelated one further up must not
        if directory.parent == directory:
            break
        directory = directory.parent
    return None


def signature(path: Path, memo: dict[Path, str]) -> str:
    """Size and mtime of every sidecar table :func:`find_row` could read for ``path`` (``memo``: per
    directory, for one run): what, besides the file's own bytes, its records depend on."""
    directory = path.parent
    parts = []
    for _ in range(MAX_LEVELS + 1):
        if directory not in memo:
            found = []
            for name in SIDECAR_NAMES:
                try:
                    stat = (directory / name).stat()
                except OSError:
                    continue
                found.append(f"{directory / name}:{stat.st_size}:{stat.st_mtime_ns}")
            memo[directory] = ";".join(found)
        parts.append(memo[directory])
        if directory.parent == directory:
            break
        directory = directory.parent
    return "|".join(parts)


def _first(row: Row, field: str) -> str | None:
    for name in DEFAULT_FIELDS[field]:
        value = row.get(name)
        if value and value.lower() not in {"none", "null", "nan", "n/a"}:
            return value
    return None


def apply(row: Row, article: RawArticle, settings: SourceSettings) -> RawArticle:
    """``article`` with the values the sidecar row gives."""
    changes: dict[str, object] = {}
    if title := _first(row, "title"):
        changes["title"] = title
    if raw_date := _first(row, "date"):
        changes["date_text"], changes["date"] = date_fields(raw_date, settings.timezone)
    if author := _first(row, "authors"):
        changes["authors"] = tuple(a.strip() for a in author.replace("|", ";").split(";") if a.strip())
    if not settings.source and (source := _first(row, "source")):
        changes["source"] = source
    if url := http_url(_first(row, "url")):
        changes["url"] = url
    if tags := _first(row, "tags"):
        changes["tags"] = tuple(dict.fromkeys(t.strip() for t in tags.replace(";", ",").split(",") if t.strip()))
    return dataclasses.replace(article, **changes) if changes else article  # type: ignore[arg-type]


def with_sidecar(path: Path, items: Iterator[RawArticle | Skipped], settings: SourceSettings
                 ) -> Iterator[RawArticle | Skipped]:
    """Apply the sidecar row for ``path`` (looked up once, lazily) to its one-article records."""
    row: Row | None = None
    looked = False
    for item in items:
        if isinstance(item, RawArticle) and item.record_id is None:
            if not looked:
                row, looked = find_row(path), True
            if row is not None:
                item = apply(row, item, settings)
        yield item


def is_sidecar(path: Path) -> bool:
    return path.name.lower() in SIDECAR_NAMES
