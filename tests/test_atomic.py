"""Crash-safe JSON beside the index: concurrent writers of one file never fail each other.

A search process rebuilding a stale alias table and the reindex saving it write the same file at the
same moment; each must finish with a whole file in place (``indexer/atomic.py``).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from indexer.atomic import write_json


def test_concurrent_writers_of_one_file_all_succeed_and_leave_a_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "aliases.json"
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        for k in range(200):
            try:
                write_json(target, {"writer": n, "k": k, "pad": "x" * 2000})
            except BaseException as exc:  # noqa: BLE001 - the test collects every failure
                errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert json.loads(target.read_text(encoding="utf-8"))["k"] == 199
    assert [p.name for p in tmp_path.iterdir()] == ["aliases.json"]  # no temporary file left
