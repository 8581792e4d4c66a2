"""Search latency benchmark: the full search call against a plain Whoosh baseline, at 24k and ~100k.

The full call is what the web UI makes: ``NewsIndex.search`` with top 10, snippets, every facet and
the timeline. The baseline, measured in the same run on the same index and searcher settings, is
plain Whoosh: ``QueryParser("body")`` with its default AND, top 10 with stored fields, no facets, no
snippets. Queries are a fixed, deterministic set of at least 200 built from the known-item queries
(all words, single words, two-word phrases, with source and date filters) plus zero-hit queries.

The ~100k index replicates the real corpus with new ids: every stored article is re-written through
``schema.article_to_doc`` (so every derived field is rebuilt), four times over.

    python -m bench.search_bench --index-dir /tmp/ki-full --big-dir /tmp/bench-100k
    python -m bench.search_bench --smoke          # demo set only, well under a minute (CI)
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from whoosh import index as whoosh_index  # noqa: E402
from whoosh.qparser import QueryParser  # noqa: E402

from bench import startup  # noqa: E402
from bench.known_items import EVAL, build  # noqa: E402
from indexer import NewsIndex, reindex  # noqa: E402
from indexer.aliases.table import ALIASES_FILE  # noqa: E402
from indexer.config import SEARCH_TIME_LIMIT_S  # noqa: E402
from indexer.schema import article_to_doc, doc_to_article  # noqa: E402

DEMO = ROOT / "demo" / "articles"
_COMMON = "said year percent government market company would also first told people last new two".split()
PATHOLOGICAL = [  # each must finish well under a second (config.SEARCH_TIME_LIMIT_S), flagged partial if cut
    " OR ".join(f'"{a} {b}"~6' for a, b in zip(_COMMON, _COMMON[1:] + _COMMON[:1], strict=True)),
    " ".join(f'"{a} {b}"~3' for a, b in zip(_COMMON, _COMMON[::-1], strict=True)),
    " OR ".join(_COMMON * 3) + " NOT ("
    + " OR ".join(f'"{a} {b}"' for a, b in zip(_COMMON, _COMMON[3:], strict=False)) + ")",
    " ".join(w + "s" for w in _COMMON * 30)[:3000],
    "(" * 40 + " OR ".join(_COMMON) + ")" * 10,
]
ZERO_HIT = ["qqzzxv", "blorptangle missile", "xylophonic zebraquartz", "nonexistentword treaty 1987",
            "zzkk", "frobnicate mergers", '"qqq www"', "wibblewobble", "kestrelqq defence", "plumbusqq"]


def queries(limit: int | None = None) -> list[tuple[str, dict]]:
    """The fixed query set: (query text, filter parameters)."""
    with open(EVAL / "known-items-dev.tsv", encoding="utf-8") as fh:
        base = [row["query"] for row in csv.DictReader(fh, delimiter="\t")]
    out: list[tuple[str, dict]] = []
    for q in base:
        words = q.split()
        out.append((q, {}))
        out.append((words[0], {}))
        out.append((f'"{words[0]} {words[1]}"', {}))
        out.append((" ".join(words[:2]), {"source": "Reuters"}))
        out.append((" ".join(words[-2:]), {"since": "1987-03-01", "until": "1987-10-31"}))
    out += [(z, {}) for z in ZERO_HIT]
    out += [(z, {"source": "Reuters"}) for z in ZERO_HIT[:5]]
    return out[:limit] if limit else out


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def measure(index_dir: Path, qs: list[tuple[str, dict]], label: str, threads: tuple[int, ...] = (1, 2, 4, 8),
            start: bool = True) -> None:
    ix = NewsIndex.open(index_dir)
    for q, kw in qs:  # warm: per-generation arrays, OS cache, stem caches
        ix.search(q, **kw)
    full, zero_full = [], []
    for q, kw in qs:
        t = time.perf_counter()
        page = ix.search(q, **kw)
        ms = (time.perf_counter() - t) * 1000
        full.append(ms)
        if page.total == 0:
            zero_full.append(ms)
    raw = whoosh_index.open_dir(str(index_dir))
    parser = QueryParser("body", raw.schema)
    base, zero_base = [], []
    with raw.searcher() as s:
        for q, _ in qs:
            s.search(parser.parse(q), limit=10)
        for q, _ in qs:
            t = time.perf_counter()
            results = s.search(parser.parse(q), limit=10)
            _ = [r.fields() for r in results]
            ms = (time.perf_counter() - t) * 1000
            base.append(ms)
            if not len(results.top_n):
                zero_base.append(ms)
    slow = []
    for q in PATHOLOGICAL:
        t = time.perf_counter()
        page = ix.search(q)
        slow.append(((time.perf_counter() - t) * 1000, page.partial))
    print(f"{label}: {ix.doc_count()} docs, {len(qs)} queries")
    print(f"  full call  p50 {statistics.median(full):7.2f} ms   p95 {_pct(full, .95):7.2f} ms   max {max(full):7.1f}")
    print(f"  baseline   p50 {statistics.median(base):7.2f} ms   p95 {_pct(base, .95):7.2f} ms   max {max(base):7.1f}")
    if zero_full and zero_base:
        print(f"  zero-hit   full p50 {statistics.median(zero_full):.2f} / p95 {_pct(zero_full, .95):.2f} ms "
              f"({len(zero_full)} q)   baseline p50 {statistics.median(zero_base):.2f} / "
              f"p95 {_pct(zero_base, .95):.2f} ms ({len(zero_base)} q)")
    print(f"  pathological ({len(slow)} q, limit {SEARCH_TIME_LIMIT_S} s): max {max(ms for ms, _ in slow):.0f} ms, "
          f"{sum(p for _, p in slow)} partial: " + ", ".join(f"{ms:.0f}{'*' if p else ''}" for ms, p in slow))
    if start:
        startup.report(index_dir, qs, _pct(full, .95), label, threads)


def replicate(source_dir: Path, target: Path, copies: int) -> None:
    """A bigger index from the articles of ``source_dir``: ``copies`` copies with new ids."""
    src = whoosh_index.open_dir(str(source_dir))
    target.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(target), src.schema)
    writer = ix.writer(procs=2, multisegment=True, limitmb=256)
    n = 0
    with src.searcher() as s:
        for fields in s.all_stored_fields():
            article = doc_to_article(fields)
            for c in range(copies):
                key = f"r{c}:{fields.get('file_key')}"
                doc = article_to_doc(replace(article, id=f"{article.id}-r{c}"), file_key=key,
                                     file_sig="", content_hash=fields.get("content_hash", ""))
                writer.add_document(**doc)
                n += 1
    writer.commit()
    # The replica holds the same people: the source's alias table, tagged with the replica's generation
    # (as a reindex would write it; without it every process opening the replica rebuilds it).
    aliases = json.loads((source_dir / ALIASES_FILE).read_text(encoding="utf-8"))["aliases"]
    (target / ALIASES_FILE).write_text(json.dumps({"generation": ix.latest_generation(), "aliases": aliases}),
                                       encoding="utf-8")
    print(f"replicated {n} documents into {target}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index-dir", type=Path, default=Path("/tmp/newsindex-known-items"))
    ap.add_argument("--big-dir", type=Path, default=Path("/tmp/newsindex-bench-100k"))
    ap.add_argument("--copies", type=int, default=4, help="replicas of the corpus in the big index")
    ap.add_argument("--skip-big", action="store_true")
    ap.add_argument("--smoke", action="store_true", help="demo set only, a few queries (CI)")
    ap.add_argument("--no-start", action="store_true", help="skip the start-up and server memory probes")
    args = ap.parse_args(argv)
    if args.smoke:
        with tempfile.TemporaryDirectory() as tmp:
            reindex([DEMO], Path(tmp) / "ix", workers=1)
            measure(Path(tmp) / "ix", queries(60), "smoke (demo set)", threads=(1, 2), start=not args.no_start)
        return 0
    if not whoosh_index.exists_in(str(args.index_dir)):
        build(args.index_dir)
    measure(args.index_dir, queries(), "shared corpus", start=not args.no_start)
    if not args.skip_big:
        if not whoosh_index.exists_in(str(args.big_dir)):
            replicate(args.index_dir, args.big_dir, args.copies)
        measure(args.big_dir, queries(), "replicated corpus", start=not args.no_start)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
