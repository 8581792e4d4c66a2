"""The reindex lock: one writer per index directory, refused at once with a clear message.

Whoosh has its own write lock, but it raises a bare ``LockError`` only when the writer opens, after
the second reindex has already scanned and extracted everything. Taking our own ``fcntl`` lock first
makes a concurrent reindex stop immediately; the kernel drops it when the holder dies, even by SIGKILL.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import IndexBusyError, IndexWriteError

LOCK_FILE = "reindex.lock"

#: Lock descriptors this process holds. Forked workers inherit them and must close them
#: (see :func:`forget_inherited_locks`), or a killed reindex's orphaned workers would keep the lock.
_HELD: set[int] = set()


def forget_inherited_locks() -> None:
    """In a forked worker: close the inherited lock descriptors (the parent keeps its lock)."""
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


@contextmanager
def reindex_lock(index_dir: Path) -> Iterator[None]:
    path = index_dir / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise IndexWriteError(f"cannot write to the index directory {index_dir}: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "another process"
            raise IndexBusyError(
                f"another reindex (pid {holder}) is already writing {index_dir}; "
                "wait for it to finish, then run this again") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        _HELD.add(fd)
        yield
    finally:
        _HELD.discard(fd)
        os.close(fd)
