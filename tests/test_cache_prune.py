"""The extraction cache beside an index stays bounded: rows no indexed article needs (edited, removed,
re-extracted articles) are pruned once they outnumber the live ones, and always by ``optimize``, without
costing a later reindex any extraction it could have reused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from indexer import NewsIndex, reindex
from indexer.ingest import maintenance
from indexer.search import profiles

ARTICLES = 12


def _write(folder: Path, edition: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(ARTICLES):
        (folder / f"story-{n:02d}.txt").write_text(
            f"Harbour notice {n}\n\nThe Velm harbour board met for the {n}th time, edition {edition}, "
            f"said clerk Ansel Brook. The quay fee stays at {edition + n} crowns.\n", encoding="utf-8")


def _rows(index_dir: Path) -> dict[str, int]:
    db = sqlite3.connect(index_dir / profiles.FILENAME)
    try:
        return {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("extraction", profiles.TABLE, "read_file")}
    finally:
        db.close()


def _disk(index_dir: Path) -> int:
    """The cache's bytes on disk, its write-ahead log included."""
    return sum(p.stat().st_size for p in index_dir.glob(profiles.FILENAME + "*"))


def test_edits_leave_no_more_than_twice_the_live_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(maintenance, "CACHE_PRUNE_MIN_DEAD", 0)  # the default waits for 1,000 dead rows
    folder, index_dir = tmp_path / "wire", tmp_path / "ix"
    for edition in range(6):
        _write(folder, edition)
        reindex([folder], index_dir, workers=1)
        rows = _rows(index_dir)
        assert rows["extraction"] <= maintenance.CACHE_PRUNE_FACTOR * ARTICLES
        assert rows[profiles.TABLE] <= maintenance.CACHE_PRUNE_FACTOR * ARTICLES
    assert NewsIndex.open(index_dir).search('"edition 5"').total == ARTICLES
    rebuilt = reindex([folder], index_dir, full=True, workers=1)
    assert (rebuilt.added, rebuilt.extracted) == (ARTICLES, 0)  # what is indexed kept its cached extraction


def test_below_the_threshold_a_reindex_keeps_the_dead_rows(tmp_path: Path):
    folder, index_dir = tmp_path / "wire", tmp_path / "ix"
    for edition in range(3):
        _write(folder, edition)
        reindex([folder], index_dir, workers=1)
    assert _rows(index_dir)["extraction"] == 3 * ARTICLES  # 24 dead rows: far below 1,000


def test_optimize_prunes_every_dead_row_and_shrinks_the_file(tmp_path: Path):
    folder, index_dir = tmp_path / "wire", tmp_path / "ix"
    for edition in range(3):
        _write(folder, edition)
        reindex([folder], index_dir, workers=1)
    (folder / "story-00.txt").unlink()
    reindex([folder], index_dir, workers=1)
    size_before = _disk(index_dir)

    NewsIndex.open(index_dir)  # a searcher may hold the cache file open meanwhile
    maintenance.optimize(index_dir)

    assert _rows(index_dir) == {"extraction": ARTICLES - 1, profiles.TABLE: ARTICLES - 1,
                                "read_file": ARTICLES - 1}  # the removed file's read batch went too
    assert _disk(index_dir) < size_before
    rebuilt = reindex([folder], index_dir, full=True, workers=1)
    assert (rebuilt.added, rebuilt.extracted, rebuilt.read) == (ARTICLES - 1, 0, 0)
