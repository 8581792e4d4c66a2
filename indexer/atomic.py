"""Crash-safe JSON files beside the index (manifest, topic statistics, aliases).

Temp file, fsync, rename: a reader or a crash sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def write_json(path: Path, payload: object) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
