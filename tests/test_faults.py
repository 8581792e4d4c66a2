"""Faults while writing: a full disk or a read-only index directory gives a clear error, the old index intact.

These tests need root to mount a small tmpfs (a real "No space left on device") and a read-only bind
mount in a private mount namespace; they skip, saying so, where the machine does not allow mounts.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from indexer import IndexWriteError, NewsIndex, reindex

from .conftest import DEMO
from .synthetic import write_articles

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def small_disk(tmp_path: Path):
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or 'mount failed'})")
    yield mount_point
    subprocess.run(["umount", "--lazy", str(mount_point)], check=False)


def test_disk_full_during_a_reindex_is_a_clear_error_and_the_old_index_survives(small_disk: Path, tmp_path: Path):
    index_dir = small_disk / "index"
    reindex([DEMO], index_dir, workers=1)
    before = NewsIndex.open(index_dir).search("water rationing")
    write_articles(tmp_path / "more", 3000)
    with pytest.raises(IndexWriteError, match="No space left on device|disk is full") as caught:
        reindex([DEMO, tmp_path / "more"], index_dir, workers=1)
    assert "previous index is intact" in str(caught.value)
    ix = NewsIndex.open(index_dir)
    assert ix.doc_count() == 35
    assert [h.id for h in ix.search("water rationing").hits] == [h.id for h in before.hits]
    ix.close()


def test_read_only_index_directory_is_a_clear_error_and_the_old_index_survives(tmp_path: Path):
    index_dir = tmp_path / "index"
    reindex([DEMO], index_dir, workers=1)
    write_articles(tmp_path / "more", 20)
    script = (f"mount --bind -o ro {index_dir} {index_dir} && "
              f"{sys.executable} -m indexer.cli reindex {tmp_path / 'more'} --index-dir {index_dir}")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    if "mount:" in done.stderr or "unshare:" in done.stderr:
        pytest.skip(f"cannot make a read-only mount here: {done.stderr.strip()[:200]}")
    assert done.returncode == 1
    assert "Read-only file system" in done.stderr and "Traceback" not in done.stderr
    assert NewsIndex.open(index_dir).doc_count() == 35


@pytest.mark.parametrize("more", [300, 3000])
def test_a_disk_full_reindex_leaves_no_temporary_files(small_disk: Path, tmp_path: Path, more: int):
    """Whichever phase the disk fills in (spooling prepared articles, Whoosh's run files, the segment),
    nothing of the failed run is left: no ``.spool-*.pickle``, no ``MAIN.tmp``, no write lock held."""
    index_dir = small_disk / "index"
    reindex([DEMO], index_dir, workers=1)
    filler = small_disk / "filler"
    write_articles(tmp_path / "more", more)
    free = _free_bytes(small_disk)
    filler.write_bytes(b"\0" * max(0, free - 600_000))  # leave a little room: the run fails part-way
    with pytest.raises(IndexWriteError):
        reindex([DEMO, tmp_path / "more"], index_dir, workers=1)
    left = sorted(p.name for p in index_dir.iterdir())
    assert not [n for n in left if n.startswith(".spool-") or n.endswith(".tmp")], left
    filler.unlink()
    assert reindex([DEMO], index_dir, workers=1).articles == 35  # the lock was released


def _free_bytes(path: Path) -> int:
    import os

    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize
