"""Dump what attribution gives, article by article, so a refactor can be checked byte-identical.

    python bench/dump_speakers.py OUT_DIR [--wide] [--workers N]

Writes one JSON line per article (speakers, organisations, every quote with its text, cue and evidence,
and the person words topics leave out) for PolNeAR dev and the cross-source dev set; ``--wide`` adds
PolNeAR train, all of BBC and Reuters-21578 and a ~4,000-article Yahoo Finance sample.  Run it before
and after a change to the speaker code and compare the files with ``cmp``: a change meant to keep
behaviour must leave every file identical (the pattern table was checked this way, docs/extraction.md).
Reads ``../shared`` as ``bench/evaluate.py`` does; writes only to OUT_DIR.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate as ev  # noqa: E402  (the dev-set readers, shared with the evaluation)


def _work(chunk: list[tuple[str, tuple[str, str]]]) -> list[str]:
    from indexer.extract.backend import bounded
    from indexer.extract.speakers import analyse

    out = []
    for key, (title, body) in chunk:
        speakers, orgs, quotes, people, _ = analyse(bounded(body), title)
        out.append(json.dumps({"key": key, "speakers": speakers, "orgs": orgs,
                               "quotes": [[q.speaker, q.text, q.cue, q.evidence] for q in quotes],
                               "people": sorted(people)}, ensure_ascii=False))
    return out


def _dump(name: str, items: list[tuple[str, tuple[str, str]]], out: Path, workers: int) -> None:
    chunks = [items[i : i + 32] for i in range(0, len(items), 32)]
    with mp.get_context("fork").Pool(workers) as pool:
        parts = pool.map(_work, chunks)
    (out / f"{name}.jsonl").write_text("".join(line + "\n" for part in parts for line in part), encoding="utf-8")
    print(f"{name}: {len(items)} articles", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--wide", action="store_true", help="also PolNeAR train, BBC, Reuters and a Yahoo sample")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    _dump("polnear-dev", list(ev.polnear("dev").items()), args.out, args.workers)
    gold, items = ev.cross_dev()
    _dump("cross-dev", [(g["id"], it) for g, it in zip(gold, items, strict=True)], args.out, args.workers)
    if args.wide:
        _dump("polnear-train", list(ev.polnear("train").items()), args.out, args.workers)
        _dump("bbc", [(str(n), it) for n, it in enumerate(ev.bbc())], args.out, args.workers)
        _dump("reuters", list(ev.reuters(None).items()), args.out, args.workers)
        yahoo = ev.yahoo()
        _dump("yahoo", [(str(n), it) for n, it in enumerate(yahoo[:: max(1, len(yahoo) // 4000)])],
              args.out, args.workers)


if __name__ == "__main__":
    main()
