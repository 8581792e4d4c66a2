"""Crash drill: SIGKILL a reindex at random points; the index must always open, search, and hold the
old or the new state, and the next reindex must complete with every article present.

    python bench/crash_drill.py                       # 20 kill points over BBC + PolNeAR (~15 min)
    python bench/crash_drill.py --points 20 --corpus ../shared/corpus   # the whole shared corpus (hours)
    python bench/crash_drill.py --smoke               # 4 points over 600 generated articles (CI)

Each trial starts from a copy of the "old" index (a subset of the corpus, extraction cache warm) and
reindexes the whole corpus in a subprocess, killed after a random delay within one run's duration.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer import NewsIndex, reindex  # noqa: E402
from tests.synthetic import write_articles  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def cli_reindex(paths: list[Path], index_dir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "indexer.cli", "reindex", *map(str, paths),
                             "--index-dir", str(index_dir)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def check(index_dir: Path, allowed: set[int]) -> int:
    ix = NewsIndex.open(index_dir)
    count = ix.doc_count()
    page = ix.search("", per_page=5)  # browse all: every document must be reachable
    ix.close()
    if count not in allowed:
        raise SystemExit(f"FAIL: {count} documents, expected one of {sorted(allowed)}")
    if page.total != count or (count and not page.hits):
        raise SystemExit(f"FAIL: the index holds {count} documents but a search reached {page.total}")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--points", type=int, default=20)
    parser.add_argument("--corpus", type=Path, nargs="*")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if args.smoke:
            paths = [tmp_path / "generated"]
            write_articles(paths[0], 600)
            points = min(args.points, 4)
        else:
            paths = args.corpus or [SHARED / "bbc-fulltext", SHARED / "polnear" / "data"]
            missing = [p for p in paths if not p.exists()]
            if missing:
                print(f"corpus not found: {missing}; nothing to drill")
                return
            points = args.points
        warm, old = tmp_path / "warm", tmp_path / "old"
        new_count = reindex(paths, warm).articles  # warms the extraction cache
        subset = sorted(p for p in paths[0].rglob("*") if p.is_file())[:50]
        old.mkdir()
        shutil.copy(warm / "extraction-cache.sqlite", old / "extraction-cache.sqlite")
        old_count = reindex(subset, old).articles
        started = time.monotonic()
        trial = tmp_path / "trial"
        shutil.copytree(old, trial)
        assert cli_reindex(paths, trial).wait() == 0
        duration = time.monotonic() - started
        print(f"old state {old_count} articles, new state {new_count}; a cached reindex takes {duration:.1f}s")
        seen = {old_count: 0, new_count: 0}
        for n in range(1, points + 1):
            shutil.rmtree(trial)
            shutil.copytree(old, trial)
            delay = rng.uniform(0.05, duration)
            proc = cli_reindex(paths, trial)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            after_kill = check(trial, {old_count, new_count})
            seen[after_kill] += 1
            resumed = reindex(paths, trial)
            final = check(trial, {new_count})
            print(f"point {n:2d}: killed at {delay:5.1f}s -> {after_kill} articles (searchable); "
                  f"next reindex completed with {final} (added {resumed.added}, unchanged {resumed.unchanged})")
        print(f"survived {points}/{points} kill points: {seen[old_count]} left the old state, "
              f"{seen[new_count]} the new; every next reindex completed with all {new_count} articles")


if __name__ == "__main__":
    main()
