"""A temporary on-disk queue of prepared articles between the prepare and write phases.

Topics are ranked against statistics of the whole corpus, which are only complete once every file
has been extracted; spooling lets the writer wait for that without holding the corpus in memory.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path

from .pipeline import Prepared


class Spool:
    def __init__(self, directory: Path) -> None:
        self.path = directory / f".spool-{os.getpid()}.pickle"
        self.count = 0
        #: (offset, articles) of every pickled batch: writer processes read their share by offset.
        self.chunks: list[tuple[int, int]] = []
        self._fh = None

    def __enter__(self) -> "Spool":
        self._fh = open(self.path, "wb")
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._fh and not self._fh.closed:
                self._fh.close()  # flushes: raises OSError on a full disk
        finally:
            self.path.unlink(missing_ok=True)  # never left behind, whatever went wrong

    def write(self, items: Sequence[Prepared]) -> None:
        self.chunks.append((self._fh.tell(), len(items)))
        pickle.dump(list(items), self._fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(items)

    def write_pickled(self, pickled: bytes, count: int) -> None:
        """Spool ``count`` articles already pickled as one sequence (a read-cache batch: not unpickled
        and pickled again)."""
        self.chunks.append((self._fh.tell(), count))
        self._fh.write(pickled)
        self.count += count

    def close_writing(self) -> None:
        """Flush the spool so that it can be read (by this process or by writer processes)."""
        self._fh.close()

    def read(self) -> Iterator[Prepared]:
        self.close_writing()
        with open(self.path, "rb") as fh:
            while True:
                try:
                    batch = pickle.load(fh)
                except EOFError:
                    return
                yield from batch

    def jobs(self, size: int) -> Iterator[list[int]]:
        """The batches' offsets in groups of about ``size`` articles: one writer process's job each."""
        job: list[int] = []
        held = 0
        for offset, n in self.chunks:
            job.append(offset)
            held += n
            if held >= size:
                yield job
                job, held = [], 0
        if job:
            yield job


def read_at(path: Path, offsets: Sequence[int]) -> Iterator[Prepared]:
    """The articles of the batches spooled at ``offsets`` (read by a writer process, with its own file)."""
    with open(path, "rb") as fh:
        for offset in offsets:
            fh.seek(offset)
            yield from pickle.load(fh)
