"""Run extraction over the hand-labelled dev set and score it with the shared scorer.

    python bench/evaluate.py [--background N] [--workers N] [--corpus]

Reads ``../shared`` relative to the repository root (or ``NEWSINDEX_SHARED``), writes predictions to a
temporary directory, runs ``score.py speakers`` and ``score.py topics`` (lenient and ``--strict``) and
prints the figures and the throughput.  Topic finalisation uses corpus statistics from a background
collection like the index's (PolNeAR train+dev and the first N Reuters stories), as a build would.
"""

from __future__ import annotations

import argparse
import html
import json
import multiprocessing as mp
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("NEWSINDEX_SHARED", ROOT.parent / "shared"))
CORPUS = Path(os.environ.get("NEWSINDEX_CORPUS", SHARED / "corpus"))
EVAL = SHARED / "eval"


def polnear(split: str) -> dict[str, tuple[str, str]]:
    out = {}
    for f in sorted((CORPUS / "polnear" / "data" / split / "text").glob("*.txt")):
        title, _, body = f.read_text(encoding="utf-8").partition("\n")
        out[f.stem] = (title.strip(), body.strip())
    return out


def reuters(limit: int | None = None) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for f in sorted((CORPUS / "reuters21578").glob("*.sgm")):
        raw = f.read_bytes().decode("latin-1")
        for rec in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', raw, re.DOTALL):
            title = re.search(r"<TITLE>(.*?)</TITLE>", rec.group(2), re.DOTALL)
            body = re.search(r"<BODY>(.*?)</BODY>", rec.group(2), re.DOTALL)
            if body is None:
                continue
            text = re.sub(r"\s*Reuter\s*\x03?\s*$", "", html.unescape(body.group(1)))
            out[rec.group(1)] = (html.unescape(title.group(1)) if title else "", text.strip())
        if limit and len(out) >= limit:
            break
    return out


def bbc() -> list[tuple[str, str]]:
    out = []
    for f in sorted((CORPUS / "bbc-fulltext" / "bbc").glob("*/*.txt")):
        title, _, body = f.read_bytes().decode("latin-1").partition("\n")
        out.append((title.strip(), body.strip()))
    return out


def whole_corpus_throughput(workers: int) -> None:
    """Extraction speed over the ~24k-article shared corpus (every Reuters story, BBC, PolNeAR), both cores."""
    items = list(reuters(None).values()) + bbc() + list(polnear("train").values()) + list(polnear("dev").values())
    _, secs, cpu = run_parallel(items, workers)
    print(f"whole corpus: {len(items)} articles in {secs:.1f}s on {workers} workers = {len(items) / secs:.0f} art/s "
          f"({len(items) / cpu:.0f} art/s per CPU-second)")


def years() -> dict[str, int]:
    """Publication year per evaluation key (``p:`` PolNeAR metadata.tsv, ``r:`` Reuters DATE), as a build has it."""
    out: dict[str, int] = {}
    meta = CORPUS / "polnear" / "data" / "metadata.tsv"
    for line in meta.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) > 5 and cols[5][:4].isdigit():
            out[f"p:{cols[1]}"] = int(cols[5][:4])
    for f in sorted((CORPUS / "reuters21578").glob("*.sgm")):
        raw = f.read_bytes().decode("latin-1")
        for m in re.finditer(r'NEWID="(\d+)"[^>]*>\s*<DATE>\s*\d+-[A-Z]+-(\d{4})', raw):
            out[f"r:{m.group(1)}"] = int(m.group(2))
    return out


def _work(chunk: list[tuple[str, str]]):
    from indexer.extract import extract_batch
    extract_batch([("Warm-up", "Tables load once per process, as in a build's workers.")])
    cpu0 = time.process_time()
    out = extract_batch(chunk)
    return out, time.process_time() - cpu0


def run_parallel(items: list[tuple[str, str]], workers: int) -> tuple[list, float, float]:
    """Results, wall seconds, and CPU seconds spent extracting in the workers (robust to machine load)."""
    chunks = [items[i : i + 16] for i in range(0, len(items), 16)]
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        parts = pool.map(_work, chunks)
    results = [e for part, _ in parts for e in part]
    return results, time.perf_counter() - t0, sum(cpu for _, cpu in parts)


def score(kind: str, path: Path, *extra: str) -> str:
    cmd = [sys.executable, str(EVAL / "score.py"), kind, str(path), *extra]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--background", type=int, default=3000, help="Reuters stories for corpus stats")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", action="store_true",
                    help="also time extraction over the whole ~24k-article shared corpus (about a minute)")
    args = ap.parse_args()
    from indexer.extract import EXTRACTOR_VERSION, CorpusStats, finalize_topics
    print(f"extractor: {EXTRACTOR_VERSION}")

    dev = polnear("dev")
    rts = reuters(args.background)
    train = polnear("train")
    topic_gold = [json.loads(line) for line in (EVAL / "topics-dev.jsonl").open()]
    docs: dict[str, tuple[str, str]] = {f"p:{k}": v for k, v in dev.items()}
    docs.update({f"p:{k}": v for k, v in train.items()})
    docs.update({f"r:{k}": v for k, v in rts.items()})
    for row in topic_gold:
        if row["corpus"] == "reuters" and f"r:{row['id']}" not in docs:
            docs[f"r:{row['id']}"] = reuters(None)[row["id"]]
    keys = list(docs)

    dev_items = [docs[f"p:{k}"] for k in dev]
    from indexer.extract import extract_batch
    extract_batch([("Warm-up", "Tables load once per process, as in a build's workers.")])
    cpu0 = time.process_time()
    extract_batch(dev_items)  # CPU time in one process: robust to other load on a shared machine
    dev_cpu = time.process_time() - cpu0
    _, dev_secs, _ = run_parallel(dev_items, args.workers)
    results, secs, all_cpu = run_parallel([docs[k] for k in keys], args.workers)
    ext = dict(zip(keys, results, strict=True))
    stats = CorpusStats()
    for e in results:
        stats.add(e.topics)

    year_of = years()
    tmp = Path(tempfile.mkdtemp(prefix="newsindex-eval-"))
    with (tmp / "speakers.jsonl").open("w") as f:
        for k in dev:
            e = ext[f"p:{k}"]
            f.write(json.dumps({"id": k, "speakers": list(e.speakers), "orgs": list(e.orgs)}) + "\n")
    with (tmp / "topics.jsonl").open("w") as f:
        for row in topic_gold:
            key = ("r:" if row["corpus"] == "reuters" else "p:") + row["id"]
            topics = finalize_topics(ext[key].topics, stats, year=year_of.get(key))
            f.write(json.dumps({"id": row["id"], "topics": list(topics)}) + "\n")
    print(f"predictions: {tmp}")
    print(score("speakers", tmp / "speakers.jsonl"))
    print("topics (lenient):\n" + score("topics", tmp / "topics.jsonl"))
    print("topics (strict):\n" + score("topics", tmp / "topics.jsonl", "--strict"))
    print(f"throughput, {args.workers} workers: dev {len(dev_items) / dev_secs:.0f} art/s "
          f"({len(dev_items)} articles, {dev_secs:.2f}s); "
          f"all {len(keys) / secs:.0f} art/s ({len(keys)} articles, {secs:.1f}s)")
    print(f"CPU-bound: {len(dev_items) / dev_cpu:.0f} PolNeAR dev art/s per CPU-second "
          f"(x{args.workers} cores = {args.workers * len(dev_items) / dev_cpu:.0f} art/s); "
          f"mixed corpus {len(keys) / all_cpu:.0f} art/s per CPU-second ({len(keys)} articles)")
    if args.corpus:
        whole_corpus_throughput(args.workers)


if __name__ == "__main__":
    main()
