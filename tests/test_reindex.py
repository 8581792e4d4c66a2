"""Reindexing: incremental by content, atomic for readers, safe against kills and concurrent runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from indexer import IndexBusyError, NewsIndex, reindex
from indexer.ingest.lock import LOCK_FILE
from indexer.ingest.maintenance import stats

from .synthetic import write_articles

ROOT = Path(__file__).resolve().parents[1]


def _count(index_dir: Path) -> int:
    return NewsIndex.open(index_dir).doc_count()


def test_incremental_reindex_adds_updates_and_removes(demo_copy: Path, tmp_path: Path):
    index_dir = tmp_path / "ix"
    first = reindex([demo_copy], index_dir, workers=1)
    assert first.added == 35 and first.updated == 0 and first.removed == 0
    assert [s.reason for s in first.skipped] == ["documentation file, not an article"]

    again = reindex([demo_copy], index_dir, workers=1)
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 35, 0)

    new = demo_copy / "valley-wire" / "2025-07-01-new.txt"
    new.write_text("1 July, 2025 08:00\n\nNew reservoir opens in Sarn\n\n"
                   "The Quillan reservoir opened on Tuesday, said engineer Mara Quell.\n", encoding="utf-8")
    changed = next((demo_copy / "harbour-herald").glob("2022-03-03-*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8").replace("Port Osran", "Port Osran-by-the-Sea", 1),
                       encoding="utf-8")
    removed = next((demo_copy / "tidewater-digital").glob("2025-01-20-*.txt"))
    removed.unlink()

    summary = reindex([demo_copy], index_dir, workers=1)
    assert (summary.added, summary.updated, summary.unchanged, summary.removed) == (1, 1, 33, 1)
    ix = NewsIndex.open(index_dir)
    assert ix.doc_count() == 35
    assert ix.search("Quillan reservoir").hits[0].title == "New reservoir opens in Sarn"
    assert ix.search('"Port Osran-by-the-Sea"').total == 1
    removed_hits = [h for h in ix.search("data breach law encrypt", per_page=100).hits
                    if h.source_file.endswith(removed.name)]
    assert removed_hits == []


def test_an_unchanged_file_is_not_read_again(demo_copy: Path, tmp_path: Path):
    """Same size and mtime: the file is not opened. Proof: bytes swapped behind the index's back stay unseen."""
    index_dir = tmp_path / "ix"
    reindex([demo_copy], index_dir, workers=1)
    target = demo_copy / "rt" / "000_6381692b0aaf99be.txt"
    st = target.stat()
    data = target.read_bytes()
    target.write_bytes(data.replace(b"flexibility", b"FLEXIBILITY").replace(b"Medvedev", b"Zqxvedev"))
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    summary = reindex([demo_copy], index_dir, workers=1)
    assert summary.unchanged == 35
    assert NewsIndex.open(index_dir).search("zqxvedev").total == 0


def test_touched_but_identical_file_counts_as_unchanged(demo_copy: Path, tmp_path: Path):
    index_dir = tmp_path / "ix"
    reindex([demo_copy], index_dir, workers=1)
    target = next((demo_copy / "valley-wire").glob("*.txt"))
    os.utime(target, (time.time() + 100, time.time() + 100))
    summary = reindex([demo_copy], index_dir, workers=1)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 0, 35)


def test_full_rebuild_keeps_only_the_given_paths(demo_copy: Path, tmp_path: Path):
    index_dir = tmp_path / "ix"
    reindex([demo_copy], index_dir, workers=1)
    summary = reindex([demo_copy / "rt"], index_dir, full=True, workers=1)
    assert summary.articles == 1 and _count(index_dir) == 1


def _start_reindex(paths: list[Path], index_dir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "indexer.cli", "reindex", *map(str, paths),
                             "--index-dir", str(index_dir), "--workers", "1"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_lock(index_dir: Path, proc: subprocess.Popen) -> None:
    lock = index_dir / LOCK_FILE
    for _ in range(400):
        if lock.exists() and lock.read_text().strip() == str(proc.pid):
            return
        time.sleep(0.025)
    raise AssertionError("the reindex never took its lock")


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,200 generated fictional articles: enough for a reindex that takes several seconds."""
    directory = tmp_path_factory.mktemp("volume")
    write_articles(directory, 1200)
    return directory


def test_a_concurrent_reindex_stops_at_once_with_a_clear_message(volume: Path, tmp_path: Path):
    index_dir = tmp_path / "ix"
    reindex([volume / "article-00000.txt"], index_dir, workers=1)
    proc = _start_reindex([volume], index_dir)
    try:
        _wait_for_lock(index_dir, proc)
        started = time.monotonic()
        with pytest.raises(IndexBusyError, match="already writing"):
            reindex([volume], index_dir, workers=1)
        assert time.monotonic() - started < 2
        cli = subprocess.run([sys.executable, "-m", "indexer.cli", "reindex", str(volume), "--index-dir",
                              str(index_dir)], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert cli.returncode == 1
        assert "already writing" in cli.stderr and "Traceback" not in cli.stderr
    finally:
        proc.kill()
        proc.wait()


def test_a_reindex_killed_midway_leaves_the_previous_index_searchable(volume: Path, tmp_path: Path):
    index_dir = tmp_path / "ix"
    reindex([volume / "article-00001.txt", volume / "article-00002.txt"], index_dir, workers=1)
    for delay in (0.3, 1.5, 3.0):
        proc = _start_reindex([volume], index_dir)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ix = NewsIndex.open(index_dir)
        assert ix.doc_count() in (2, 1200)
        assert ix.search("harbour OR rail OR treaty OR water").total == ix.doc_count()
    final = reindex([volume], index_dir, workers=1)
    assert final.articles == 1200 and _count(index_dir) == 1200


def test_readers_searching_during_a_reindex_see_old_or_new_state_and_no_error(volume: Path, tmp_path: Path):
    index_dir = tmp_path / "ix"
    reindex([volume / "article-00003.txt"], index_dir, workers=1)
    ix = NewsIndex.open(index_dir)
    errors: list[BaseException] = []
    totals: set[int] = set()
    stop = threading.Event()

    def search_loop() -> None:
        while not stop.is_set():
            try:
                page = ix.search("update")
                if not page.partial:  # a page cut short by the time budget (a loaded machine) is flagged, not a state
                    totals.add(page.total)
            except BaseException as exc:  # noqa: BLE001 - the test collects every failure
                errors.append(exc)

    threads = [threading.Thread(target=search_loop) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        proc = _start_reindex([volume], index_dir)
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
        time.sleep(0.2)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert totals <= {1, 1200} and 1200 in totals


def test_after_a_killed_parallel_reindex_the_next_one_starts_at_once(volume: Path, tmp_path: Path):
    """Workers of a SIGKILLed reindex die with it and do not keep its lock."""
    index_dir = tmp_path / "ix"
    proc = subprocess.Popen([sys.executable, "-m", "indexer.cli", "reindex", str(volume), "--index-dir",
                             str(index_dir), "--workers", "2"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _wait_for_lock(index_dir, proc)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(0.3)
    summary = reindex([volume], index_dir, workers=2)
    assert summary.articles == 1200


def test_a_second_reindex_does_no_extraction(demo_copy: Path, tmp_path: Path):
    """Extraction is cached by content hash: a full rebuild re-reads every file but extracts nothing again."""
    index_dir = tmp_path / "ix"
    first = reindex([demo_copy], index_dir, workers=1)
    assert first.extracted == first.added == 35

    rebuilt = reindex([demo_copy], index_dir, full=True, workers=1)
    assert rebuilt.added == 35 and rebuilt.extracted == 0
    assert _count(index_dir) == 35

    one = next((demo_copy / "harbour-herald").glob("*.txt"))
    one.write_text(one.read_text(encoding="utf-8") + "\nA late paragraph, said Mara Quell.\n", encoding="utf-8")
    changed = reindex([demo_copy], index_dir, workers=1)
    assert (changed.updated, changed.extracted) == (1, 1)


def test_a_reindex_with_nothing_changed_commits_nothing(demo_copy: Path, tmp_path: Path):
    """Nothing new, changed or gone (a touched but identical file included): the same generation stays,
    so searchers keep their open index and no search data is rewritten; the manifest records the new
    signature, so the touched file is not hashed again."""
    index_dir = tmp_path / "ix"
    reindex([demo_copy], index_dir, workers=1)
    generation = stats(index_dir).generation
    before = sorted(p.name for p in index_dir.iterdir())
    target = next((demo_copy / "valley-wire").glob("*.txt"))
    os.utime(target, (time.time() + 100, time.time() + 100))
    summary = reindex([demo_copy], index_dir, workers=1)
    assert (summary.added, summary.updated, summary.unchanged, summary.removed) == (0, 0, 35, 0)
    assert sorted(p.name for p in index_dir.iterdir()) == before  # no new generation, no new segment
    manifest = (index_dir / "manifest.json").read_text(encoding="utf-8")
    assert f"{target.stat().st_size}:{target.stat().st_mtime_ns}:" in manifest
    assert stats(index_dir).generation == generation
    assert NewsIndex.open(index_dir).search("flexibility missile defense").hits[0].speakers[0] == "Barack Obama"


def test_a_reindex_killed_before_saving_its_corpus_state_is_completed_by_the_next(demo_copy: Path, tmp_path: Path):
    """Statistics older than the index (a reindex killed between its commit and its state): the next
    reindex writes them even with nothing changed."""
    import json

    index_dir = tmp_path / "ix"
    reindex([demo_copy], index_dir, workers=1)
    stats_file = index_dir / "topic-stats.json"
    data = json.loads(stats_file.read_text(encoding="utf-8"))
    data["generation"] -= 1
    stats_file.write_text(json.dumps(data), encoding="utf-8")
    reindex([demo_copy], index_dir, workers=1)
    assert json.loads(stats_file.read_text(encoding="utf-8"))["generation"] == data["generation"] + 2
