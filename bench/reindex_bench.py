"""Reindex benchmark: full build of the shared corpus, a cached rebuild, and a 1%-changed incremental run.

Prints records/s per stage (prepare = read + extract, write), totals and peak RSS (this process plus
worker processes). Run by hand for the real figures; ``--smoke`` runs the same steps on the demo set in
seconds (CI). The corpus is copied to a temporary folder first, because the incremental step edits files.

    python bench/reindex_bench.py                 # whole ../shared/corpus
    python bench/reindex_bench.py --smoke
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer import reindex  # noqa: E402
from indexer.models import ReindexSummary  # noqa: E402


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def report(name: str, s: ReindexSummary) -> None:
    n = s.added + s.updated
    prep, write = s.stage_seconds.get("prepare", 0.0), s.stage_seconds.get("write", 0.0)
    rate = lambda k, t: f"{k / t:,.0f}/s" if t > 0 else "n/a"  # noqa: E731
    print(f"{name}: {s.seconds:.1f}s total, {n:,} articles written ({s.extracted:,} extracted), "
          f"{s.unchanged:,} unchanged, {len(s.skipped)} skipped; end-to-end {rate(n, s.seconds)}; "
          f"prepare {prep:.1f}s ({rate(n, prep)}), write {write:.1f}s ({rate(n, write)}), "
          f"scan {s.stage_seconds.get('scan', 0.0):.1f}s; peak RSS {peak_rss_mb():.0f} MB")
    if s.per_format:
        print("  by format: " + ", ".join(f"{k} {v:,}" for k, v in sorted(s.per_format.items())))


def touch_one_percent(folder: Path, seed: int = 1) -> int:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".sgm"))
    chosen = random.Random(seed).sample(files, max(1, len(files) // 100))
    for path in chosen:
        with open(path, "ab") as fh:
            fh.write(b"\n")
    return len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="demo set only (seconds)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    source = ROOT / "demo" / "articles" if args.smoke else args.corpus
    if not source.exists():
        print(f"corpus not found at {source}; nothing to measure")
        return
    with tempfile.TemporaryDirectory() as tmp:
        data, index_dir = Path(tmp) / "data", Path(tmp) / "index"
        shutil.copytree(source, data)
        full = reindex([data], index_dir)
        report("full build", full)
        cached = reindex([data], index_dir, full=True)
        report("full rebuild, extraction cached", cached)
        changed = touch_one_percent(data)
        incremental = reindex([data], index_dir)
        report(f"incremental ({changed} files changed)", incremental)
        print(f"incremental / full build time: {incremental.seconds / full.seconds:.1%}")


if __name__ == "__main__":
    main()
