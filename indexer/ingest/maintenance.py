"""Index upkeep: what an index holds (``newsindex stats``), merging its segments and pruning its cache
(``newsindex optimize``).

A parallel reindex leaves one segment per writer process, and incremental runs add small ones that
Whoosh's merge policy folds in as they accumulate. Every segment costs a little at query time, so
``optimize`` merges them all into one, under the reindex lock, in one atomic commit.

The extraction cache beside the index keeps a row for every article ever extracted; edits, removals and
extractor upgrades leave rows no indexed article needs. A reindex prunes them once they outnumber the
live ones (``config.CACHE_PRUNE_FACTOR``), ``optimize`` always, and gives the space back to the disk.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index

from .. import extract
from ..atomic import write_json
from ..config import CACHE_PRUNE_FACTOR, CACHE_PRUNE_MIN_DEAD
from ..errors import IndexNotFoundError
from ..models import IndexStats
from ..search import generation as search_generation
from ..whoosh_io import abandon_writer, publish_hook, segment_count, speed_up_commit
from . import manifest
from .cache import ExtractionCache, Pruned
from .corpus_state import ALIASES_FILE, STATS_FILE
from .lock import reindex_lock
from .manifest import FILENAME as MANIFEST_FILE
from .manifest import FileEntry

#: Files beside the index that describe one generation and stay true when segments merge (they hold no
#: document numbers): after ``optimize`` they are re-tagged with the new generation instead of rebuilt.
_GENERATION_FILES = (MANIFEST_FILE, STATS_FILE, ALIASES_FILE)


def _open(index_dir: Path) -> whoosh_index.FileIndex:
    if not whoosh_index.exists_in(str(index_dir)):
        raise IndexNotFoundError(f"no index in {index_dir}; build one with `newsindex reindex PATH`")
    return whoosh_index.open_dir(str(index_dir))


def stats(index_dir: Path) -> IndexStats:
    """Documents, segments, size on disk, generation and the time of the last reindex."""
    index_dir = Path(index_dir)
    ix = _open(index_dir)
    size = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())
    manifest = index_dir / MANIFEST_FILE
    last = None
    if manifest.exists():
        try:
            stamp = json.loads(manifest.read_text(encoding="utf-8")).get("reindexed_at")
            last = datetime.fromisoformat(stamp) if stamp else None
        except (OSError, ValueError):
            last = None
        last = last or datetime.fromtimestamp(manifest.stat().st_mtime, UTC)
    return IndexStats(documents=ix.doc_count(), deleted=ix.doc_count_all() - ix.doc_count(),
                      segments=segment_count(ix), size_bytes=size, generation=ix.latest_generation(),
                      last_reindex=last)


def optimize(index_dir: Path) -> tuple[IndexStats, float]:
    """Merge every segment into one (and drop deleted documents); returns the new stats and the seconds taken."""
    index_dir = Path(index_dir)
    start = time.monotonic()
    with reindex_lock(index_dir):
        ix = _open(index_dir)
        before = ix.latest_generation()
        writer = speed_up_commit(ix.writer())
        # Document numbers change when segments merge: the search side's arrays are rewritten for the
        # new generation before its table of contents is published, as at every reindex. The documents
        # stay the same, and so does their spelling vocabulary.
        words = search_generation.previous(index_dir, writer.searcher(), before).counts
        publish_hook(writer, lambda s, generation: search_generation.write(index_dir, s, generation, words))
        try:
            writer.commit(optimize=True)
        except BaseException:
            abandon_writer(writer, index_dir)
            raise
        _retag(index_dir, before, ix.latest_generation())
        prune_cache(index_dir, manifest.load(index_dir, ix), always=True)
    return stats(index_dir), time.monotonic() - start


def prune_cache(index_dir: Path, files: Mapping[str, FileEntry], *, always: bool = False) -> Pruned:
    """Prune the extraction cache to the articles of ``files`` (the index's manifest): when ``always``
    (and then the file shrinks too), else only once dead rows outnumber live ones by the configured factor.

    Called under the reindex lock. A cache: a failure here costs a later reindex time, never the index,
    so it is not raised.
    """
    live = {h for entry in files.values() for h in entry.hashes}
    try:
        cache = ExtractionCache(index_dir, extract.EXTRACTOR_VERSION)
        try:
            rows = cache.rows()
            if always or (rows - len(live) >= CACHE_PRUNE_MIN_DEAD and rows > CACHE_PRUNE_FACTOR * len(live)):
                return cache.prune(live, vacuum=always)
        finally:
            cache.close()
    except sqlite3.Error:
        pass
    return Pruned()


def _retag(index_dir: Path, old: int, new: int) -> None:
    for name in _GENERATION_FILES:
        path = index_dir / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # missing or unreadable: the reader rebuilds it from the index, as after any crash
        if isinstance(data, dict) and data.get("generation") == old:
            data["generation"] = new
            write_json(path, data)
