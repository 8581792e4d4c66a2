"""Searchers that read each segment from one shared memory map, without copying it.

Whoosh's rule is one ``Searcher`` per thread (a shared one gave corrupt reads under 8 threads), and
each thread's searcher cost about 130 MB at 25k articles, which is why a server's memory grew with
its thread count (1, 2, 4, 8 threads: 0.65, 0.9, 1.4, 2.45 GB). Two causes, both here:

* every ``ix.searcher()`` maps each segment's compound file again, and the kernel counts a page once
  per mapping: every thread brought its own copy of the pages it read into the resident set;
* Whoosh's ``BufferFile`` wraps each sub-file of the map in ``BytesIO(buf)``, which *copies* it: the
  postings (76 MB), the term index (30 MB) and the stored articles (27 MB) were copied onto the heap
  by every reader that opened them.

Here every thread still gets its own searcher, readers and file objects (nothing with a read
position is shared), but all of them read a segment through one ``CompoundStorage`` per process,
whose files are views of the map: ``read`` and ``get`` copy only the bytes asked for. The map is
released when the last reader of an old generation is gone.

This touches Whoosh internals (``FileIndex._read_toc``, ``FileIndex._reader``, segment wrappers),
so it is kept in this one module.
"""

from __future__ import annotations

import mmap
import threading
import time
from typing import Any

from whoosh.codec.base import WrappingSegment
from whoosh.filedb.structfile import BufferFile
from whoosh.index import FileIndex
from whoosh.searching import Searcher


class _View:
    """A read-only file over ``length`` bytes of a map from ``base``: what ``BytesIO(buf)`` gives
    Whoosh, without the copy of the whole buffer."""

    __slots__ = ("_map", "_base", "_end", "_pos")

    def __init__(self, source: mmap.mmap, base: int, length: int) -> None:
        self._map, self._base, self._end, self._pos = source, base, base + length, base

    def read(self, n: int | None = -1) -> bytes:
        start = self._pos
        end = self._end if n is None or n < 0 else min(self._end, start + n)
        self._pos = end
        return self._map[start:end]

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        nl = self._map.find(b"\n", self._pos, self._end)
        end = self._end if nl < 0 else nl + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        return self.read(end - self._pos)

    def seek(self, pos: int, whence: int = 0) -> int:
        base = (self._base, self._pos, self._end)[whence]
        self._pos = min(self._end, max(self._base, base + pos))
        return self._pos - self._base

    def tell(self) -> int:
        return self._pos - self._base

    def close(self) -> None:
        pass


class _MappedFile(BufferFile):
    """Whoosh's ``BufferFile`` (``get`` slices the view), reading through a ``_View``."""

    def __init__(self, source: mmap.mmap, base: int, length: int, name: str) -> None:
        self._buf = memoryview(source)[base:base + length]
        self._name = name
        self.file = _View(source, base, length)
        self.onclose = None
        self.is_real = False
        self.is_closed = False


class _SharedFiles:
    """A segment's compound storage shared by readers in several threads; a reader closing it
    leaves it open for the others (the map is unmapped when it is garbage)."""

    def __init__(self, compound: Any) -> None:
        self._compound = compound

    def open_file(self, name: str, *args: Any, **kwargs: Any) -> Any:
        source = getattr(self._compound, "_source", None)
        if not isinstance(source, mmap.mmap):  # not mapped (no mmap on this system): Whoosh's own files
            return self._compound.open_file(name, *args, **kwargs)
        offset, length = self._compound.range(name)
        return _MappedFile(source, offset, length, name)

    def close(self) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._compound, name)


class _SharedSegment(WrappingSegment):
    def __init__(self, child: Any, files: _SharedFiles) -> None:
        super().__init__(child)
        self._files = files

    def open_compound_file(self, storage: Any) -> _SharedFiles:
        return self._files

    def __getattr__(self, name: str) -> Any:  # the codec reads some segment attributes directly
        if name.startswith("__") or name in ("_child", "_files"):
            raise AttributeError(name)
        return getattr(self._child, name)


class SegmentMaps:
    """The open segment files of one index in this process, by segment id."""

    def __init__(self, ix: FileIndex) -> None:
        self._ix = ix
        self._files: dict[str, _SharedFiles] = {}
        self._lock = threading.Lock()

    def _wrap(self, segments: list) -> list:
        with self._lock:
            current: dict[str, _SharedFiles] = {}
            out = []
            for seg in segments:
                if not seg.is_compound():
                    out.append(seg)
                    continue
                key = seg.segment_id()
                files = self._files.get(key) or _SharedFiles(seg.open_compound_file(self._ix.storage))
                current[key] = files
                out.append(_SharedSegment(seg, files))
            self._files = current  # segments of older generations: dropped here, unmapped when unused
            return out

    def searcher(self, **kwargs: Any) -> Searcher:
        """A new searcher over the index's latest generation (retrying while a commit swaps files,
        as ``FileIndex.reader`` does)."""
        for attempt in range(10):
            try:
                toc = self._ix._read_toc()
                reader = FileIndex._reader(self._ix.storage, toc.schema, self._wrap(list(toc.segments)),
                                           toc.generation)
                return Searcher(reader, fromindex=self._ix, **kwargs)
            except OSError:
                if attempt == 9:
                    raise
                time.sleep(0.05)
        raise AssertionError("unreachable")
