"""The one way reader tests read a file: every yielded article and every skipped record, apart."""

from __future__ import annotations

from pathlib import Path

from indexer.ingest.readers import read_file
from indexer.ingest.sources import SourceSettings
from indexer.models import RawArticle, Skipped


def read(path: Path, settings: SourceSettings | None = None) -> tuple[list[RawArticle], list[Skipped]]:
    items = list(read_file(path, path.name, settings or SourceSettings()))
    return [i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, Skipped)]
