"""Reindex benchmark: full, cached and 1%-changed reindexes with one and two worker processes.

For each set-up, on its own copy of the corpus, it runs a full build (read, extract, write), a full
rebuild with every extraction cached, and an incremental run after 1% of the files changed, and prints
articles/s end to end and per stage (prepare = read + extract, write) and the peak RSS. Three set-ups
run in one process, so their ratios are comparable on a shared machine:

- ``serial writer``: two read/extract processes and one index writer (how every reindex wrote before
  segment-parallel writing);
- ``--workers 1``: one process for everything;
- ``--workers 2``: two read/extract processes, then two writer processes each writing a segment.

Then the search latency (the full call: top 10, snippets, facets, timeline) on the freshly built
multi-segment index and on the same index after ``optimize``, because segments cost query time.

    python bench/reindex_bench.py                       # whole ../shared/corpus (about an hour here)
    python bench/reindex_bench.py --corpus ../shared/corpus/bbc-fulltext
    python bench/reindex_bench.py --smoke               # demo set, seconds (CI)
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from whoosh import index as whoosh_index  # noqa: E402

from indexer import NewsIndex, reindex  # noqa: E402
from indexer.config import WRITER_LIMIT_MB  # noqa: E402
from indexer.ingest import build, segments  # noqa: E402
from indexer.ingest.maintenance import optimize, stats  # noqa: E402
from indexer.models import ReindexSummary  # noqa: E402
from indexer.schema import SCHEMA  # noqa: E402
from indexer.whoosh_io import finish_segment, segment_writer  # noqa: E402

SEARCHES = ["missile defense", "interest rates central bank", "election campaign", "oil prices", "said",
            "trade deficit talks", "football", "court ruling appeal", "shares rose", "minister"]


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pool and writer processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run: Callable[[], ReindexSummary]) -> tuple[ReindexSummary, float]:
    before = cpu_seconds()
    summary = run()
    return summary, cpu_seconds() - before


def report(name: str, s: ReindexSummary, cpu: float) -> float:
    """Prints one run; the CPU seconds per article are what other jobs on a shared machine disturb least."""
    n = s.added + s.updated
    prep, write = s.stage_seconds.get("prepare", 0.0), s.stage_seconds.get("write", 0.0)
    rate = lambda k, t: f"{k / t:,.0f}/s" if t > 0 else "n/a"  # noqa: E731
    print(f"  {name}: {s.seconds:.1f}s, {n:,} articles written ({s.extracted:,} extracted), {s.unchanged:,} "
          f"unchanged, {len(s.skipped)} skipped; end-to-end {rate(n, s.seconds)}; prepare {prep:.1f}s "
          f"({rate(n, prep)}), write {write:.1f}s ({rate(n, write)}); CPU {cpu:.1f}s ({rate(n, cpu)} per "
          f"CPU-second); load {os.getloadavg()[0]:.1f}; peak RSS {peak_rss_mb():.0f} MB", flush=True)
    return n / s.seconds if s.seconds else 0.0


def touch_one_percent(folder: Path, seed: int = 1) -> int:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".sgm"))
    chosen = random.Random(seed).sample(files, max(1, len(files) // 100))
    for path in chosen:
        with open(path, "ab") as fh:
            fh.write(b"\n")
    return len(chosen)


@contextmanager
def serial_writer() -> Iterator[None]:
    """Write with the one main writer whatever the size (the behaviour before segment-parallel writing)."""
    saved = build.PARALLEL_WRITE_MIN_DOCS
    build.PARALLEL_WRITE_MIN_DOCS = 10**12
    try:
        yield
    finally:
        build.PARALLEL_WRITE_MIN_DOCS = saved


def run_setup(name: str, source: Path, tmp: Path, workers: int) -> tuple[dict[str, float], Path]:
    data, index_dir = tmp / f"data-{name}", tmp / f"index-{name}"
    shutil.copytree(source, data)
    print(f"{name}:", flush=True)
    rates = {"full": report("full build", *timed(lambda: reindex([data], index_dir, workers=workers)))}
    rates["cached"] = report("full rebuild, extraction cached",
                             *timed(lambda: reindex([data], index_dir, full=True, workers=workers)))
    start = time.monotonic()
    changed = touch_one_percent(data)
    report(f"incremental ({changed} files changed)", *timed(lambda: reindex([data], index_dir, workers=workers)))
    rates["incremental_s"] = time.monotonic() - start
    st = stats(index_dir)
    print(f"  index: {st.documents:,} documents in {st.segments} segment(s), {st.size_bytes / 1e6:,.0f} MB")
    return rates, index_dir


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
        with serial_writer():
            serial, _ = run_setup("serial writer (2 read/extract processes, 1 writer)", source, tmp, 2)
        one, _ = run_setup("--workers 1", source, tmp, 1)
        two, index_dir = run_setup("--workers 2", source, tmp, 2)
        print(f"\n--workers 2 / --workers 1: full {two['full'] / one['full']:.2f}x, "
              f"cached {two['cached'] / one['cached']:.2f}x")
        print(f"--workers 2 / serial writer: full {two['full'] / serial['full']:.2f}x, "
              f"cached {two['cached'] / serial['cached']:.2f}x")
        rounds = 2 if args.smoke else 20
        segmented = stats(index_dir).segments
        p50, p95 = search_p95(index_dir, rounds)
        optimize(index_dir)
        o50, o95 = search_p95(index_dir, rounds)
        print(f"search, full call: {segmented} segments p50 {p50:.1f} ms / p95 {p95:.1f} ms; after optimize "
              f"(1 segment) p50 {o50:.1f} ms / p95 {o95:.1f} ms; p95 ratio {p95 / o95:.2f}")
        print(f"peak RSS over all runs: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
