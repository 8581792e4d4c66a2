"""Known-item evaluation: can search find an article again from what a past reader would type?

Builds (or reuses, with ``--index-dir``) an index of the shared corpus (Reuters-21578 SGML, BBC,
PolNeAR train+dev), runs every query of ``known-items-dev.tsv`` through ``NewsIndex.search`` exactly
as a user's query would go, writes the run file (``query<TAB>corpus:doc_id``) and scores it with the
shared ``score.py``. The mapping from indexed articles back to the label ids is by source path
(BBC, PolNeAR) and record id (Reuters NEWID), the only identities the labels know.

    python -m bench.known_items --index-dir /tmp/ki        # build there if missing, then score
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer import NewsIndex, reindex  # noqa: E402

SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
CORPUS = SHARED / "corpus"
PARTS = (CORPUS / "reuters21578", CORPUS / "bbc-fulltext" / "bbc",
         CORPUS / "polnear" / "data" / "train" / "text", CORPUS / "polnear" / "data" / "dev" / "text")


def label_id(source_file: str, record_id: str | None) -> str | None:
    """The ``corpus:doc_id`` of an indexed article, or None for articles the labels cannot name."""
    path = source_file.replace("\\", "/")
    if (m := re.search(r"bbc-fulltext/(bbc/[^/]+/[^/]+\.txt)$", path)):
        return f"bbc:{m[1]}"
    if (m := re.search(r"polnear/data/dev/text/([^/]+)\.txt$", path)):
        return f"polnear-dev:{m[1]}"
    if "reut2-" in path and record_id:
        return f"reuters:{record_id}"
    return None


def build(index_dir: Path) -> None:
    parts = [p for p in PARTS if p.exists()]
    print(f"indexing {', '.join(str(p) for p in parts)} into {index_dir}", file=sys.stderr)
    summary = reindex(parts, index_dir)
    print(f"{summary.articles} articles in {summary.seconds:.0f} s", file=sys.stderr)


def run(index_dir: Path, gold: Path, out: Path, depth: int = 10) -> None:
    ix = NewsIndex.open(index_dir, time_limit_s=None)  # rankings, not the machine's load, are measured
    with open(gold, encoding="utf-8") as fh, open(out, "w", encoding="utf-8") as run_file:
        for row in csv.DictReader(fh, delimiter="\t"):
            page = ix.search(row["query"], per_page=depth, facets=False)
            for hit in page.hits:
                doc = label_id(hit.source_file, hit.record_id) or f"other:{hit.id}"
                run_file.write(f"{row['query']}\t{doc}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index-dir", type=Path, default=Path("/tmp/newsindex-known-items"))
    ap.add_argument("--gold", type=Path, default=EVAL / "known-items-dev.tsv")
    ap.add_argument("--run", type=Path, default=Path("/tmp/known-items-run.tsv"))
    ap.add_argument("--rebuild", action="store_true", help="reindex even when the index exists")
    ap.add_argument("--json", action="store_true", help="per-query detail from score.py")
    args = ap.parse_args(argv)
    if args.rebuild or not (args.index_dir / "_MAIN_0.toc").exists() and not list(args.index_dir.glob("*.toc")):
        build(args.index_dir)
    run(args.index_dir, args.gold, args.run)
    cmd = [sys.executable, str(EVAL / "score.py"), "known-items", str(args.run), "--gold", str(args.gold)]
    return subprocess.call(cmd + (["--json"] if args.json else []))


if __name__ == "__main__":
    raise SystemExit(main())
