"""The extraction cache: an unchanged article is never extracted twice, across reindexes.

Keyed by the article's content hash and the extractor version, stored in SQLite beside the index.
It is only a cache: losing it costs time, never data, so a damaged file is simply recreated.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..models import Extraction, Quote
from ..search import profiles

FILENAME = profiles.FILENAME


def _encode(e: Extraction) -> str:
    return json.dumps({"speakers": e.speakers, "orgs": e.orgs, "topics": e.topics, "labels": e.labels,
                       "kinds": e.kinds, "quotes": [q.row() for q in e.quotes]}, ensure_ascii=False)


def _decode(text: str) -> Extraction:
    d = json.loads(text)
    return Extraction(speakers=tuple(d["speakers"]), orgs=tuple(d["orgs"]), topics=tuple(d["topics"]),
                      quotes=tuple(Quote(*q) for q in d["quotes"]), labels=tuple(d.get("labels", ())),
                      kinds=tuple((n, k) for n, k in d.get("kinds", ())))


class ExtractionCache:
    def __init__(self, index_dir: Path, version: str, *, readonly: bool = False) -> None:
        self.version = version
        path = index_dir / FILENAME
        try:
            self._db = self._connect(path, readonly)
        except sqlite3.DatabaseError:
            if readonly:
                raise
            path.unlink(missing_ok=True)
            self._db = self._connect(path, readonly)

    @staticmethod
    def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
        if readonly:
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        db = sqlite3.connect(path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # a cache: losing the last batch on power loss costs time only
        db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        profiles.create_table(db)  # the articles' term profiles, read by searching processes (``search.profiles``)
        # What reading each file produced, by path (``read_cache``): one row per file, replaced when it changes.
        db.execute("CREATE TABLE IF NOT EXISTS read_file "
                   "(path TEXT PRIMARY KEY, key TEXT NOT NULL, value BLOB NOT NULL)")
        return db

    def _key(self, content_hash: str) -> str:
        return f"{self.version}:{content_hash}"

    def get_many(self, hashes: Iterable[str]) -> dict[str, Extraction]:
        keys = {self._key(h): h for h in hashes}
        found: dict[str, Extraction] = {}
        items = list(keys)
        for start in range(0, len(items), 500):
            chunk = items[start:start + 500]
            rows = self._db.execute(
                f"SELECT key, value FROM extraction WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for key, value in rows:
                try:
                    found[keys[key]] = _decode(value)
                except (ValueError, KeyError, TypeError):
                    continue
        return found

    def put_many(self, items: Mapping[str, Extraction]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?)",
                                 [(self._key(h), _encode(e)) for h, e in items.items()])

    def profiled(self, hashes: Iterable[str]) -> set[str]:
        """Which of ``hashes`` already have a stored profile (an older cache file has no table: none)."""
        try:
            return profiles.stored(self._db, hashes)
        except sqlite3.OperationalError:
            return set()

    def put_profiles(self, items: Mapping[str, bytes]) -> None:
        profiles.put(self._db, items)

    def read_batch(self, path: str, key: str) -> bytes | None:
        """The kept batch of the file at ``path`` when it was kept under ``key`` (``read_cache``)."""
        try:
            row = self._db.execute("SELECT value FROM read_file WHERE path = ? AND key = ?", (path, key)).fetchone()
        except sqlite3.OperationalError:  # an older cache file, opened read-only: no table
            return None
        return row[0] if row else None

    def put_read_batches(self, items: Iterable[tuple[str, str, bytes]]) -> None:
        """Keep (path, key, batch) rows, replacing each path's previous one."""
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO read_file VALUES (?, ?, ?)", items)

    def close(self) -> None:
        self._db.close()
