"""Zip bomb drill: peak memory of a reindex over a small zip of a CSV whose cells are one-megabyte "words".

    python bench/zip_bomb.py            # a 1 MB zip of 1,000 rows (1 GB of CSV), workers as the default
    python bench/zip_bomb.py --smoke    # 100 rows

Builds the zip in a temporary folder, runs ``reindex`` in a subprocess, samples the resident memory of
it and its workers every half second, and prints the largest single process, the time, and what the
summary said (indexed with each word cut, or skipped past the per-file time limit). The documented bound
is 1 GB. Only temporary files are written.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(path: Path, rows: int) -> int:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z, \
            z.open("bomb.csv", "w") as f:
        f.write(b"title,body\n")
        for i in range(rows):
            f.write(b'Row %d,"Intro words ' % i + b"abcdefgh"[i % 8:i % 8 + 1] * 1_000_000 + b' end"\n')
    return path.stat().st_size


def rss_mb(pids: list[int]) -> list[int]:
    out = []
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS"):
                    out.append(int(line.split()[1]) // 1024)
        except OSError:
            pass
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--rows", type=int, default=1_000)
    args = parser.parse_args()
    rows = 100 if args.smoke else args.rows
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        size = build(folder / "bomb.zip", rows)
        code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from indexer import reindex; "
                f"s = reindex([{str(folder)!r}], {str(Path(tmp) / 'ix')!r}); "
                "print(s.added, len(s.trimmed), [x.reason for x in s.skipped + s.trimmed][:1])")
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        peak = 0
        while proc.poll() is None:
            kids = subprocess.run(["ps", "-o", "pid=", "--ppid", str(proc.pid)], capture_output=True,
                                  text=True).stdout.split()
            peak = max([peak, *rss_mb([proc.pid, *map(int, kids)])])
            time.sleep(0.5)
        out = proc.stdout.read().strip() if proc.stdout else ""
    added, trimmed, reason = (out.split(" ", 2) + ["", "", ""])[:3]
    print(f"zip bomb: {size / 1e6:.1f} MB zip, {rows:,} rows of a 1 MB word ({rows / 1000:.1f} GB of CSV): "
          f"{time.monotonic() - started:.0f} s, largest process {peak} MB; {added} indexed "
          f"({trimmed} with a word cut), first reason: {reason}")
    if proc.returncode != 0 or peak > 1024:
        raise SystemExit("FAIL")


if __name__ == "__main__":
    main()
