"""Reindex benchmark: full, cached and 1%-changed reindexes with one and two worker processes.

For each set-up, on its own copy of the corpus, it runs a full build (read, extract, write), a full
rebuild with every extraction cached, and an incremental run after 1% of the files changed, and prints
articles/s end to end and per stage (prepare = read + extract, write). Three set-ups run in one bench,
so their ratios are comparable on a shared machine:

- ``serial writer``: two read/extract processes and one index writer (how every reindex wrote before
  segment-parallel writing);
- ``--workers 1``: one process for everything;
- ``--workers 2``: two read/extract processes, then two writer processes each writing a segment.

Each reindex runs in a process of its own (this script, ``--child``), so its figures are its own:
the CPU seconds of that process (``parent``: the prepare phase's lookups, the commit's serial tail)
and of its whole tree (with its reader and writer processes), and the peak RSS of the largest
process of the tree (``os.wait4``'s resource usage of the child, which covers the descendants it
waited for; the processes' peaks are not summed, as they do not all peak at the same moment).

Then the search latency (the full call: top 10, snippets, facets, timeline) on the freshly built
multi-segment index and on the same index after ``optimize``, because segments cost query time.

``--baseline-tree PATH`` also runs the full build with extraction of another checkout of newsindex
(the code before segment-parallel writing: ``git worktree add --detach ../newsindex-c5d6499 c5d6499^``
from this repository) on the same corpus, alternating old and new ``--baseline-rounds`` times, each
with its default workers and a fresh index, and prints the new/old ratio of articles/s.

    python bench/reindex_bench.py                       # whole ../shared/corpus (about an hour here)
    python bench/reindex_bench.py --corpus ../shared/corpus/bbc-fulltext
    python bench/reindex_bench.py --corpus ../shared/corpus/bbc-fulltext --baseline-tree ../newsindex-c5d6499 \\
        --baseline-only                                 # just the old/new full builds
    python bench/reindex_bench.py --smoke               # demo set, seconds (CI)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(spec: dict) -> None:
    """Runs one reindex in this process (``--child``) and prints its summary as one JSON line."""
    sys.path.insert(0, spec["tree"])  # this checkout, or the baseline's
    from indexer import reindex as run_reindex
    from indexer.ingest import build as build_module

    if spec.get("serial"):  # one main writer whatever the size (the behaviour before parallel writing)
        build_module.PARALLEL_WRITE_MIN_DOCS = 10**12
    kwargs = {"full": spec.get("full", False)}
    if spec.get("workers"):
        kwargs["workers"] = spec["workers"]
    before = resource.getrusage(resource.RUSAGE_SELF)  # the interpreter's start and imports: not the reindex's
    s = run_reindex([Path(spec["data"])], Path(spec["index_dir"]), **kwargs)
    own = resource.getrusage(resource.RUSAGE_SELF)
    setup = before.ru_utime + before.ru_stime
    print(json.dumps({"seconds": s.seconds, "added": s.added, "updated": s.updated, "unchanged": s.unchanged,
                      "extracted": getattr(s, "extracted", 0), "skipped": len(s.skipped),
                      "stage_seconds": dict(s.stage_seconds), "setup_cpu": setup,
                      "parent_cpu": own.ru_utime + own.ru_stime - setup}))


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:  # before this checkout's indexer is imported
    child(json.loads(sys.argv[2]))
    sys.exit(0)
sys.path.insert(0, str(ROOT))

from whoosh import index as whoosh_index  # noqa: E402

from indexer import NewsIndex, reindex  # noqa: E402
from indexer.config import WRITER_LIMIT_MB  # noqa: E402
from indexer.ingest import segments  # noqa: E402
from indexer.ingest.maintenance import optimize, stats  # noqa: E402
from indexer.schema import SCHEMA  # noqa: E402
from indexer.whoosh_io import finish_segment, segment_writer  # noqa: E402

SEARCHES = ["missile defense", "interest rates central bank", "election campaign", "oil prices", "said",
            "trade deficit talks", "football", "court ruling appeal", "shares rose", "minister"]


@dataclass(frozen=True)
class Run:
    """One reindex, measured from outside its process tree."""

    summary: dict  # the ReindexSummary's numbers, as the child printed them
    parent_cpu: float  # the reindex process's own CPU seconds (its start and imports left out)
    tree_cpu: float  # with every reader and writer process it waited for (same)
    peak_rss_mb: float  # the largest process of the tree

    @property
    def written(self) -> int:
        return self.summary["added"] + self.summary["updated"]

    @property
    def rate(self) -> float:
        return self.written / self.summary["seconds"] if self.summary["seconds"] else 0.0


def measure(data: Path, index_dir: Path, *, workers: int | None = None, full: bool = False, serial: bool = False,
            tree: Path = ROOT) -> Run:
    """One reindex in a child process: its own CPU time and peak RSS, whatever ran before it here."""
    spec = {"tree": str(tree), "data": str(data), "index_dir": str(index_dir), "workers": workers, "full": full,
            "serial": serial}
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)],
                            stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)  # the child's usage, and its waited-for descendants'
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"the reindex in {index_dir} failed (exit status {proc.returncode})")
    summary = json.loads(out.strip().splitlines()[-1])
    tree_cpu = usage.ru_utime + usage.ru_stime - summary["setup_cpu"]
    return Run(summary, summary["parent_cpu"], tree_cpu, usage.ru_maxrss / 1024)


def report(name: str, run: Run) -> float:
    """Prints one run; the CPU seconds per article are what other jobs on a shared machine disturb least."""
    s, n = run.summary, run.written
    prep, write = s["stage_seconds"].get("prepare", 0.0), s["stage_seconds"].get("write", 0.0)
    rate = lambda k, t: f"{k / t:,.0f}/s" if t > 0 else "n/a"  # noqa: E731
    print(f"  {name}: {s['seconds']:.1f}s, {n:,} articles written ({s['extracted']:,} extracted), "
          f"{s['unchanged']:,} unchanged, {s['skipped']} skipped; end-to-end {rate(n, s['seconds'])}; prepare "
          f"{prep:.1f}s ({rate(n, prep)}), write {write:.1f}s ({rate(n, write)}); CPU {run.tree_cpu:.1f}s "
          f"({rate(n, run.tree_cpu)} per CPU-second), of which the reindex process {run.parent_cpu:.1f}s; load "
          f"{os.getloadavg()[0]:.1f}; peak RSS {run.peak_rss_mb:.0f} MB", flush=True)
    return run.rate


def touch_one_percent(folder: Path, seed: int = 1) -> int:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".sgm"))
    chosen = random.Random(seed).sample(files, max(1, len(files) // 100))
    for path in chosen:
        with open(path, "ab") as fh:
            fh.write(b"\n")
    return len(chosen)


def run_setup(name: str, source: Path, tmp: Path, workers: int, serial: bool = False
              ) -> tuple[dict[str, float], Path]:
    data, index_dir = tmp / f"data-{name}", tmp / f"index-{name}"
    shutil.copytree(source, data)
    print(f"{name}:", flush=True)
    full = measure(data, index_dir, workers=workers, serial=serial)
    rates = {"full": report("full build", full), "peak_rss": full.peak_rss_mb}
    cached = measure(data, index_dir, workers=workers, serial=serial, full=True)
    rates["cached"] = report("full rebuild, extraction cached", cached)
    changed = touch_one_percent(data)
    incremental = measure(data, index_dir, workers=workers, serial=serial)
    report(f"incremental ({changed} files changed)", incremental)
    print(f"  incremental / full build: {incremental.summary['seconds'] / full.summary['seconds']:.1%} by wall, "
          f"{incremental.tree_cpu / full.tree_cpu:.1%} by CPU")
    rates["peak_rss"] = max(full.peak_rss_mb, cached.peak_rss_mb, incremental.peak_rss_mb)
    st = stats(index_dir)
    print(f"  index: {st.documents:,} documents in {st.segments} segment(s), {st.size_bytes / 1e6:,.0f} MB")
    return rates, index_dir


def baseline(source: Path, tmp: Path, tree: Path, rounds: int) -> None:
    """The full build with extraction of the code in ``tree`` against this checkout's, alternated (old,
    new, old, new...) on one copy of the corpus, each with its default workers and a fresh index."""
    if not (tree / "indexer" / "__init__.py").exists():
        raise SystemExit(f"--baseline-tree {tree}: no newsindex checkout there (see the module docstring)")
    data = tmp / "data-baseline"
    shutil.copytree(source, data)
    print(f"full build with extraction, {tree} (old) against this checkout (new), alternated:", flush=True)
    ratios = []
    for i in range(rounds):
        old = measure(data, tmp / f"index-old-{i}", tree=tree.resolve())
        report(f"old, round {i + 1}", old)
        new = measure(data, tmp / f"index-new-{i}")
        report(f"new, round {i + 1}", new)
        ratios.append(new.rate / old.rate if old.rate else 0.0)
    print(f"full build with extraction, new / old articles/s: {', '.join(f'{r:.2f}x' for r in ratios)} "
          f"(median {statistics.median(ratios):.2f}x)")


def whoosh_floor(source: Path, tmp: Path) -> None:
    """Whoosh's own cost per document, in one process: the floor under any writer process.

    The corpus's final documents are recorded through the writer seam during a one-process reindex,
    then added to a fresh segment writer (analysis, posting pool) and its segment written, timed in
    CPU seconds so that other jobs on the machine do not count.
    """
    docs: list[dict] = []
    real = segments.add_document

    def record(writer: object, doc: dict) -> None:
        docs.append(doc)
        real(writer, doc)
    segments.add_document = record
    try:
        reindex([source], tmp / "floor-index", workers=1)
    finally:
        segments.add_document = real
    (tmp / "floor-segment").mkdir()
    ix = whoosh_index.create_in(str(tmp / "floor-segment"), SCHEMA)
    writer = segment_writer(ix, WRITER_LIMIT_MB)
    start = time.process_time()
    for doc in docs:
        writer.add_document(**doc)
    added = time.process_time()
    finish_segment(writer)
    done = time.process_time()
    n = len(docs)
    print(f"Whoosh alone, one process, {n:,} documents: add {(added - start) / n * 1000:.2f} ms + segment write "
          f"{(done - added) / n * 1000:.2f} ms per document = {n / (done - start):,.0f} documents per CPU-second")


def search_p95(index_dir: Path, rounds: int) -> tuple[float, float]:
    ix = NewsIndex.open(index_dir)
    for q in SEARCHES:  # warm: generation data, caches
        ix.search(q)
    times = []
    for _ in range(rounds):
        for q in SEARCHES:
            t = time.perf_counter()
            ix.search(q)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="demo set only (seconds)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--floor", action="store_true", help="only Whoosh's own cost per document (CPU time)")
    parser.add_argument("--baseline-tree", type=Path, help="another newsindex checkout whose full build to compare")
    parser.add_argument("--baseline-rounds", type=int, default=2, help="old/new pairs of full builds (default 2)")
    parser.add_argument("--baseline-only", action="store_true", help="only the --baseline-tree comparison")
    args = parser.parse_args()
    source = ROOT / "demo" / "articles" if args.smoke else args.corpus
    if not source.exists():
        print(f"corpus not found at {source}; nothing to measure")
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.floor:
            whoosh_floor(source, tmp)
            return
        if not args.baseline_only:
            setups(source, tmp, rounds=2 if args.smoke else 20)
        if args.baseline_tree:
            baseline(source, tmp, args.baseline_tree, args.baseline_rounds)


def setups(source: Path, tmp: Path, rounds: int) -> None:
    serial, _ = run_setup("serial writer (2 read/extract processes, 1 writer)", source, tmp, 2, serial=True)
    one, _ = run_setup("--workers 1", source, tmp, 1)
    two, index_dir = run_setup("--workers 2", source, tmp, 2)
    print(f"\n--workers 2 / --workers 1: full {two['full'] / one['full']:.2f}x, "
          f"cached {two['cached'] / one['cached']:.2f}x")
    print(f"--workers 2 / serial writer: full {two['full'] / serial['full']:.2f}x, "
          f"cached {two['cached'] / serial['cached']:.2f}x")
    segmented = stats(index_dir).segments
    p50, p95 = search_p95(index_dir, rounds)
    optimize(index_dir)
    o50, o95 = search_p95(index_dir, rounds)
    print(f"search, full call: {segmented} segments p50 {p50:.1f} ms / p95 {p95:.1f} ms; after optimize "
          f"(1 segment) p50 {o50:.1f} ms / p95 {o95:.1f} ms; p95 ratio {p95 / o95:.2f}")
    print(f"peak RSS of one reindex (its largest process): serial writer {serial['peak_rss']:.0f} MB, "
          f"--workers 1 {one['peak_rss']:.0f} MB, --workers 2 {two['peak_rss']:.0f} MB")


if __name__ == "__main__":
    main()
