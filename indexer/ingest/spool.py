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
        pickle.dump(list(items), self._fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(items)

    def read(self) -> Iterator[Prepared]:
        self._fh.close()
        with open(self.path, "rb") as fh:
            while True:
                try:
                    batch = pickle.load(fh)
                except EOFError:
                    return
                yield from batch
