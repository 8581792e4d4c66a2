"""Document profiles: each article's indexed terms and their counts, computed once, by the reindex.

Relevance feedback (``feedback``) needs the term distribution of the thirty best matches of a query.
A process that has not seen those articles yet must read and analyse them: 30-100 ms, which made the
first searches after a (re)start 6-13 times the warm p95. The reindex's worker processes hold every
article's text anyway, so they compute its profile there, in parallel and once per distinct text
(keyed by content hash, like the extraction cache, so an unchanged article is never analysed again),
and the parent stores it in the extraction cache's SQLite file beside the index. A searching process
reads the profiles of a feedback head in one query; a profile that is missing (an index built before
this, a read-only directory) is computed as before, so the store only ever saves time.

The key carries a fingerprint of the body analyzer (tokenizer pattern, stop words, size bounds,
stemmer): a profile written under another analyzer is never read.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import struct
import threading
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .highlight import analyzer_signature, index_terms

FILENAME = "extraction-cache.sqlite"  # the extraction cache's file (``ingest.cache``): one file beside the index
TABLE = "profile"
_CHUNK = 500  # SQLite's bound on host parameters is 999 in old builds


def _fingerprint() -> str:
    """Changes whenever the body analyzer would index a text differently, or this file's format changes."""
    return hashlib.sha1(f"{analyzer_signature()}\x00profile-2".encode()).hexdigest()[:12]


VERSION = _fingerprint()


def profile_text(title: str, body: str) -> str:
    """The text a profile describes: what feedback analyses (the stored title and body)."""
    return f"{title}\n{body}"


@dataclass(frozen=True, slots=True)
class Profile:
    """An article's possible expansion words (alphabetic, three letters or more: ``eligible``) with
    their counts, and the number of all its terms (the denominator of each word's share)."""

    words: tuple[str, ...]
    counts: np.ndarray  # uint32, aligned with ``words``
    length: int


def eligible(word: str) -> bool:
    """A word feedback may add to a query: numbers, codes and two-letter stems are not a subject's vocabulary."""
    return len(word) >= 3 and word.isalpha()


def compute(title: str, body: str) -> Profile:
    """The body analyzer's terms of an article, counted."""
    terms = index_terms(profile_text(title, body))
    counts = Counter(terms)
    words = tuple(w for w in counts if eligible(w))
    return Profile(words, np.fromiter((counts[w] for w in words), dtype=np.uint32, count=len(words)), len(terms))


_HEAD = struct.Struct("<II")  # number of words, length


def encode(p: Profile) -> bytes:
    """Counts as little-endian uint32 and the words on lines, compressed: about 1 KB an article."""
    return zlib.compress(_HEAD.pack(len(p.words), p.length) + p.counts.astype("<u4").tobytes()
                         + "\n".join(p.words).encode("utf-8"), 1)


def decode(blob: bytes) -> Profile:
    raw = zlib.decompress(blob)
    n, length = _HEAD.unpack_from(raw)
    end = _HEAD.size + 4 * n
    counts = np.frombuffer(raw, dtype="<u4", count=n, offset=_HEAD.size)
    words = tuple(raw[end:].decode("utf-8").split("\n")) if n else ()
    if len(words) != n:
        raise ValueError("a profile whose words and counts disagree")
    return Profile(words, counts, length)


def _key(content_hash: str) -> str:
    return f"{VERSION}:{content_hash}"


def key(content_hash: str) -> str:
    """The table key of a content hash's profile: a profile of another ``VERSION`` has another key."""
    return _key(content_hash)


# -- the write side (the reindex, through ``ingest.cache``) ------------------------------------------

def create_table(db: sqlite3.Connection) -> None:
    db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (key TEXT PRIMARY KEY, value BLOB NOT NULL)")


def _rows(db: sqlite3.Connection, hashes: Iterable[str], columns: str = "key, value") -> Iterator[tuple]:
    """(content hash, stored profile) of those of ``hashes`` the table holds, in chunks of keys
    (``columns="key"``: the hashes alone)."""
    keys = {_key(h): h for h in hashes}
    items = list(keys)
    for start in range(0, len(items), _CHUNK):
        chunk = items[start:start + _CHUNK]
        for row in db.execute(f"SELECT {columns} FROM {TABLE} WHERE key IN ({','.join('?' * len(chunk))})",
                              chunk).fetchall():
            yield (keys[row[0]], *row[1:])


def stored(db: sqlite3.Connection, hashes: Iterable[str]) -> set[str]:
    """Which of ``hashes`` already have a profile (their keys only: a rebuild asks for every file's
    articles, and reading the profiles themselves cost a blob copy per article)."""
    return {h for h, in _rows(db, hashes, "key")}


def put(db: sqlite3.Connection, items: Mapping[str, bytes]) -> None:
    with db:
        db.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?)", [(_key(h), b) for h, b in items.items()])


# -- the read side (searching processes) --------------------------------------------------------------

class ProfileStore:
    """Read-only access to one index directory's stored profiles, shared by a process's threads.

    Never raises: a missing, locked or damaged file reads as "no profile" (the caller computes it)."""

    def __init__(self, index_dir: Path) -> None:
        self._path = index_dir / FILENAME
        self._db: sqlite3.Connection | None = None
        self._pid = -1
        self._lock = threading.Lock()

    def connect(self) -> None:
        """Open the connection now (a server's start), not in the first search that needs it."""
        with self._lock:
            db = self._connect()
            if db is not None:
                try:
                    db.execute(f"SELECT 1 FROM {TABLE} LIMIT 1").fetchall()
                except sqlite3.Error:
                    pass

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None and self._pid == os.getpid():
            return self._db
        self._db, self._pid = None, os.getpid()  # a forked copy of a parent's connection is never used
        if not self._path.exists():
            return None
        try:
            self._db = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, timeout=1, check_same_thread=False)
        except sqlite3.Error:
            self._db = None
        return self._db

    def get_many(self, hashes: Iterable[str]) -> dict[str, Profile]:
        """The stored profiles of ``hashes`` (those found)."""
        hashes = list(hashes)
        if not hashes:
            return {}
        out: dict[str, Profile] = {}
        with self._lock:
            db = self._connect()
            if db is None:
                return {}
            try:
                for h, blob in _rows(db, hashes):
                    out[h] = decode(blob)
            except (sqlite3.Error, zlib.error, struct.error, UnicodeError, ValueError):
                return out
        return out


_STORES: dict[str, ProfileStore] = {}
_STORES_LOCK = threading.Lock()


def store_for(index_dir: str) -> ProfileStore:
    """The process's store for one index directory (``LiveStats.scope[0]``)."""
    with _STORES_LOCK:
        store = _STORES.get(index_dir)
        if store is None:
            store = _STORES[index_dir] = ProfileStore(Path(index_dir))
        return store
