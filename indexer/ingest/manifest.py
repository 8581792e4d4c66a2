"""What the index was built from: per file, its signature and the ids of its articles.

The manifest is a cache of facts the index itself stores (``file_key``, ``file_sig`` and ``id`` on
every document), tagged with the Whoosh generation it describes. If a reindex dies between its commit
and writing the manifest, the tag no longer matches and the manifest is rebuilt from the index, so the
two can never disagree for long.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from whoosh.index import FileIndex

from ..atomic import write_json
from ..schema import CONTENT_HASH, FILE_KEY, FILE_SIG, ID

FILENAME = "manifest.json"


@dataclass(slots=True)
class FileEntry:
    sig: str  # "size:mtime_ns:sha256"
    ids: list[str] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)  # content hashes: extraction cache keys

    @property
    def size_mtime(self) -> str:
        return self.sig.rsplit(":", 1)[0]

    @property
    def sha256(self) -> str:
        return self.sig.rsplit(":", 1)[-1]


def load(index_dir: Path, ix: FileIndex) -> dict[str, FileEntry]:
    """The manifest for the index's current generation, rebuilt from stored fields when stale or missing."""
    generation = ix.latest_generation()
    try:
        data = json.loads((index_dir / FILENAME).read_text(encoding="utf-8"))
        if data.get("generation") == generation:
            return {k: FileEntry(**v) for k, v in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return from_index(ix)


def from_index(ix: FileIndex) -> dict[str, FileEntry]:
    files: dict[str, FileEntry] = {}
    with ix.searcher() as s:
        for fields in s.all_stored_fields():
            entry = files.setdefault(fields.get(FILE_KEY, ""), FileEntry(fields.get(FILE_SIG, "")))
            entry.ids.append(fields[ID])
            entry.hashes.append(fields.get(CONTENT_HASH, ""))
    return files


def save(index_dir: Path, generation: int, files: dict[str, FileEntry]) -> None:
    """Write atomically: a crash leaves the old manifest or the new one."""
    write_json(index_dir / FILENAME, {
        "generation": generation, "reindexed_at": datetime.now(UTC).isoformat(), "files": {
        k: {"sig": v.sig, "ids": v.ids, "hashes": v.hashes} for k, v in files.items()}})
