"""Dump what an index answers, to compare two builds of the same files (old code against new).

About 370 queries made from the corpus's own text with a fixed seed (single words, pairs, phrases,
misspellings: a letter dropped, doubled or swapped; a few fixed ones and a speaker filter), each with
its total, top 20 ids and scores, facets, timeline and suggestion, then a hash of every stored
document. Two dumps are equal when the indexes answer alike; build both with ``--workers 1`` (or
compare only sets), since two writer processes number the documents differently from run to run and
equal scores are ordered by document number.

    python bench/dump_search.py --index-dir IX --out answers.txt [--corpus ../shared/corpus/bbc-fulltext]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer import NewsIndex  # noqa: E402

FIXED = ["missle defence flexibilty", "goverment budgit", "electon campaing", "footbal", "chelsae", "blair",
         "speaker:blair", ""]


def queries(corpus: Path, seed: int = 7) -> list[str]:
    files = sorted(corpus.rglob("*.txt"))
    rng = random.Random(seed)
    words: list[str] = []
    for path in rng.sample(files, min(150, len(files))):
        words += re.findall(r"[A-Za-z]{4,}", path.read_text(errors="replace"))
    rng.shuffle(words)
    out = words[:120]
    out += [f"{a} {b}" for a, b in zip(words[120:240:2], words[121:240:2], strict=False)]
    out += [f'"{a} {b}"' for a, b in zip(words[240:300:3], words[241:300:3], strict=False)]
    for w in words[300:460]:
        k, op = rng.randrange(1, len(w) - 1), rng.randrange(3)
        out.append(w[:k] + w[k + 1:] if op == 0 else w[:k] + w[k] + w[k:] if op == 1
                   else w[:k - 1] + w[k] + w[k - 1] + w[k + 1:])
    return out + FIXED


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc-fulltext")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found at {args.corpus}; nothing to dump")
        return
    ix = NewsIndex.open(args.index_dir, time_limit_s=None)  # the answers are the subject, not the load
    asked = queries(args.corpus)
    suggested = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for q in asked:
            page = ix.search(q, per_page=20)
            suggested += bool(page.suggestion)
            out.write(json.dumps({
                "q": q, "total": page.total, "hits": [(h.id, round(h.score, 6)) for h in page.hits],
                "facets": {k: [(c.value, c.count) for c in v] for k, v in page.facets.items()},
                "timeline": [(b.period, b.count) for b in page.timeline], "suggestion": page.suggestion,
                "partial": page.partial}, default=str) + "\n")
        stored = {}
        for fields in ix._searcher().reader().all_stored_fields():
            stored[fields["id"]] = hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()
        for key in sorted(stored):
            out.write(f"doc {key} {stored[key]}\n")
    print(f"{len(asked)} queries ({suggested} with a suggestion), {len(stored)} stored documents -> {args.out}")


if __name__ == "__main__":
    main()
