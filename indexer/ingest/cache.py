"""The extraction cache: an unchanged article is never extracted twice, across reindexes.

Keyed by the article's content hash and the extractor version, stored in SQLite beside the index.
It is only a cache: losing it costs time, never data, so a damaged file is simply recreated.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Pruned:
    """Rows a prune deleted, per table."""

    extractions: int = 0
    profiles: int = 0
    read_files: int = 0


def _keep_only(db: sqlite3.Connection, table: str, keys: Iterable[str]) -> int:
    """Delete every row of ``table`` whose key is not in ``keys``; returns how many."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS live_key (key TEXT PRIMARY KEY)")
    db.execute("DELETE FROM live_key")
    db.executemany("INSERT OR IGNORE INTO live_key VALUES (?)", ((k,) for k in keys))
    deleted = db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM live_key)").rowcount
    db.execute("DELETE FROM live_key")
    return deleted


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

    def rows(self) -> int:
        """Extractions held, of any extractor version."""
        return self._db.execute("SELECT COUNT(*) FROM extraction").fetchone()[0]

    def prune(self, live: Collection[str], *, vacuum: bool = False) -> Pruned:
        """Keep only what the index needs: the current extractor's extraction and the current term
        profile of each content hash in ``live`` (the indexed articles'), and the read batches of files
        that still exist. Everything else (edited, removed or re-extracted articles, older versions) is
        deleted; SQLite reuses the freed pages, so the file stops growing, and ``vacuum`` also gives
        them back to the disk (rewriting the file: ``optimize`` only)."""
        with self._db:
            extractions = _keep_only(self._db, "extraction", (self._key(h) for h in live))
            profile_rows = _keep_only(self._db, profiles.TABLE, (profiles.key(h) for h in live))
            gone = [(p,) for (p,) in self._db.execute("SELECT path FROM read_file") if not Path(p).is_file()]
            self._db.executemany("DELETE FROM read_file WHERE path = ?", gone)
        if vacuum:
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # into the file, and the log emptied
        return Pruned(extractions, profile_rows, len(gone))

    def close(self) -> None:
        self._db.close()
