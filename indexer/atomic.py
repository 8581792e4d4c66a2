"""Crash-safe JSON files beside the index (manifest, topic statistics, aliases).

Temp file, fsync, rename: a reader or a crash sees the old file or the new one, never half of one.
Each writer has a temp file of its own: a search process that rebuilds a stale alias table writes the
same file as the reindex that is about to save it, and a shared temp name let one writer's rename take
the other's file away (the reindex then failed with "No such file or directory").
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path


def write_json(path: Path, payload: object) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(payload, ensure_ascii=False))  # C encoder: json.dump's is pure Python
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk or a failed write leaves nothing behind
        raise
