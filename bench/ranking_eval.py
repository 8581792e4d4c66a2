"""Ranking evaluation: MAP and nDCG@10 on the Reuters-21578 topics task, known-item MRR@10, and the
same for a plain-BM25 Whoosh baseline over the same documents, in one run.

The topics task (ad hoc retrieval with the Reuters categories as topics): the TOPICS categories of
``cat-descriptions_120396.txt`` that label at least 20 stories of the collection (57 of the 135);
the query is the category's description in lower case (``Money/Foreign Exchange (MONEY-FX)`` ->
``money/foreign exchange``; a commodity listed by its code alone, ``IRON-STEEL``, is queried as
``iron-steel``); the relevant documents are the stories labelled with it. Retrieval is over one index
of the Reuters, BBC and PolNeAR articles together (the other sources are distractors); runs are cut
at 1,000; every query counts (an empty ranking scores 0). Known items: the 45 queries of
``known-items-dev.tsv``, MRR@10 and success@10 (as ``score.py known-items`` computes them).

The baseline is plain BM25 (Whoosh's BM25F, K1 1.2, B 0.75) over one stemmed text field (title and
body) of a Whoosh index built from the project index's stored articles, queried with OR: what a
bag-of-words engine gives without any of the project's ranking, so a change is measured against a
fixed reference in the same run (the figures are ratios on one machine, never absolute timings).

Both indexes are cached under ``--cache-dir`` (reused while they exist; ``--rebuild`` forces a new
build). ``--smoke`` indexes one Reuters file (1,000 stories) in a temporary directory and evaluates
the categories that label at least 5 of them: a check that the harness runs, in well under a minute.

    python -m bench.ranking_eval                     # full run (first build: several minutes)
    python -m bench.ranking_eval --smoke             # CI
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from whoosh import fields as wf  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402
from whoosh.analysis import StemmingAnalyzer  # noqa: E402
from whoosh.qparser import OrGroup, QueryParser  # noqa: E402

from bench.known_items import CORPUS, EVAL, PARTS, label_id  # noqa: E402
from indexer import NewsIndex, reindex  # noqa: E402
from indexer.config import MAX_PER_PAGE  # noqa: E402

REUTERS = CORPUS / "reuters21578"
DESCRIPTIONS = REUTERS / "cat-descriptions_120396.txt"
MIN_STORIES = 20
DEPTH = 1000
_CATEGORY = re.compile(r"^(.*?)\s*\(([A-Z][A-Z-]*)\)\s*$")
_CODE = re.compile(r"^([A-Z][A-Z-]*)\s*$")
_RECORD = re.compile(r'<REUTERS\b[^>]*\bNEWID="(\d+)"(.*?)</REUTERS>', re.S)
_TOPICS = re.compile(r"<TOPICS>(.*?)</TOPICS>", re.S)
_D = re.compile(r"<D>(.*?)</D>")

Ranker = Callable[[str, int], list[str]]


@dataclass(frozen=True, slots=True)
class Topic:
    code: str  # lower case, as in the SGML (money-fx)
    query: str  # the description, lower case
    relevant: frozenset[str]  # reuters:NEWID


def categories(path: Path = DESCRIPTIONS) -> dict[str, str]:
    """The TOPICS categories (code -> description) of the first list in the descriptions file,
    which runs from "Subject Codes (135)" to the first rule line."""
    out: dict[str, str] = {}
    inside = False
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("****Subject Codes"):
            inside = True
            continue
        if not inside:
            continue
        if line.startswith("____"):
            break
        if line.startswith("**") or not line.strip():
            continue
        if (m := _CATEGORY.match(line.strip())):
            out[m[2].lower()] = m[1]
        elif (m := _CODE.match(line.strip())):
            out[m[1].lower()] = m[1]
    return out


def labels(files: Iterable[Path]) -> dict[str, set[str]]:
    """TOPICS category -> the stories (reuters:NEWID) labelled with it."""
    out: dict[str, set[str]] = {}
    for path in files:
        text = path.read_text(encoding="latin-1")
        for m in _RECORD.finditer(text):
            topics = _TOPICS.search(m[2])
            for code in _D.findall(topics[1]) if topics else ():
                out.setdefault(code.strip().lower(), set()).add(f"reuters:{m[1]}")
    return out


def topics(files: Iterable[Path], min_stories: int = MIN_STORIES) -> list[Topic]:
    """The evaluated topics: described categories that label at least ``min_stories`` stories."""
    by_code = labels(files)
    return [Topic(code, desc.lower(), frozenset(by_code[code]))
            for code, desc in categories().items() if len(by_code.get(code, ())) >= min_stories]


def known_items(gold: Path = EVAL / "known-items-dev.tsv") -> list[tuple[str, str]]:
    with open(gold, encoding="utf-8") as fh:
        return [(row["query"], f"{row['corpus']}:{row['doc_id']}") for row in csv.DictReader(fh, delimiter="\t")]


# -- metrics ---------------------------------------------------------------------------------------
def average_precision(ranking: list[str], relevant: frozenset[str]) -> float:
    hits, total = 0, 0.0
    for i, doc in enumerate(ranking, 1):
        if doc in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant) if relevant else 0.0


def ndcg(ranking: list[str], relevant: frozenset[str], k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 1) for i, doc in enumerate(ranking[:k], 1) if doc in relevant)
    ideal = sum(1 / math.log2(i + 1) for i in range(1, min(k, len(relevant)) + 1))
    return dcg / ideal if ideal else 0.0


def first_rank(ranking: list[str], target: str, k: int = 10) -> int | None:
    seen: list[str] = []
    for doc in ranking:  # each document counted once, as score.py does
        if doc not in seen:
            seen.append(doc)
        if len(seen) > k:
            return None
        if doc == target:
            return len(seen)
    return None


@dataclass(frozen=True, slots=True)
class Figures:
    map: float
    ndcg10: float
    mrr10: float
    success10: float
    repeats: int  # topic rankings that return a document twice
    empty: int  # topic queries with no result at all
    seconds: float


def evaluate(rank: Ranker, tasks: list[Topic], items: list[tuple[str, str]]) -> Figures:
    started = time.perf_counter()
    aps, ndcgs, repeats, empty = [], [], 0, 0
    for t in tasks:
        ranking = rank(t.query, DEPTH)
        repeats += len(set(ranking)) != len(ranking)
        empty += not ranking
        aps.append(average_precision(ranking, t.relevant))
        ndcgs.append(ndcg(ranking, t.relevant))
    ranks = [first_rank(rank(q, 10), target) for q, target in items]
    n = len(items) or 1
    return Figures(sum(aps) / len(aps) if aps else 0.0, sum(ndcgs) / len(ndcgs) if ndcgs else 0.0,
                   sum(1 / r for r in ranks if r) / n, sum(1 for r in ranks if r) / n, repeats, empty,
                   time.perf_counter() - started)


# -- the two engines ---------------------------------------------------------------------------------
def newsindex_ranker(ix: NewsIndex, **search: object) -> Ranker:
    """Rankings from ``NewsIndex.search``, paged as a user (or the CSV export) pages."""
    def rank(query: str, depth: int) -> list[str]:
        out: list[str] = []
        page = 1
        while len(out) < depth:
            result = ix.search(query, page=page, per_page=min(MAX_PER_PAGE, depth), facets=False, **search)
            out += [label_id(h.source_file, h.record_id) or f"other:{h.id}" for h in result.hits]
            if len(result.hits) < result.per_page:
                break
            page += 1
        return out[:depth]
    return rank


BASELINE_SCHEMA = wf.Schema(label=wf.ID(stored=True), text=wf.TEXT(analyzer=StemmingAnalyzer()))


def build_baseline(index_dir: Path, target: Path) -> None:
    """One stemmed text field (title + body) per article of the project index."""
    target.mkdir(parents=True, exist_ok=True)
    bix = whoosh_index.create_in(str(target), BASELINE_SCHEMA)
    writer = bix.writer(limitmb=256)
    with whoosh_index.open_dir(str(index_dir)).searcher() as s:
        for stored in s.all_stored_fields():
            label = label_id(stored.get("source_file", ""), stored.get("record_id")) or f"other:{stored['id']}"
            writer.add_document(label=label, text=f"{stored.get('title', '')}\n{stored.get('body', '')}")
    writer.commit()


def baseline_ranker(target: Path) -> Ranker:
    bix = whoosh_index.open_dir(str(target))
    searcher = bix.searcher()  # BM25F(K1 1.2, B 0.75): Whoosh's default
    parser = QueryParser("text", bix.schema, group=OrGroup)

    def rank(query: str, depth: int) -> list[str]:
        results = searcher.search(parser.parse(query), limit=depth)
        return [hit["label"] for hit in results]
    return rank


# -- the run ------------------------------------------------------------------------------------------
def _report(name: str, f: Figures, n_topics: int, n_items: int) -> None:
    print(f"{name:<20} MAP {f.map:.3f}   nDCG@10 {f.ndcg10:.3f}   ({n_topics} topics; {f.empty} empty, "
          f"{f.repeats} with repeats)   known items ({n_items}): MRR@10 {f.mrr10:.3f}  "
          f"success@10 {f.success10:.3f}   [{f.seconds:.0f} s]")


def prepare(cache: Path, parts: list[Path], rebuild: bool) -> tuple[Path, Path]:
    index_dir, base_dir = cache / "index", cache / "bm25"
    if rebuild or not whoosh_index.exists_in(str(index_dir)):
        print(f"indexing {', '.join(str(p) for p in parts)} into {index_dir}", file=sys.stderr)
        reindex(parts, index_dir)
    if rebuild or not whoosh_index.exists_in(str(base_dir)):
        print(f"building the BM25 baseline in {base_dir}", file=sys.stderr)
        build_baseline(index_dir, base_dir)
    return index_dir, base_dir


def run(cache: Path, parts: list[Path], sgml: list[Path], min_stories: int, items: list[tuple[str, str]],
        rebuild: bool = False, match: str | None = None) -> None:
    index_dir, base_dir = prepare(cache, parts, rebuild)
    tasks = topics(sgml, min_stories)
    ix = NewsIndex.open(index_dir, time_limit_s=None)  # rankings, not the machine's load, are measured
    ix.warm()
    engines: list[tuple[str, Ranker]] = [("newsindex", newsindex_ranker(ix))]
    if match:
        engines.append((f"newsindex match={match}", newsindex_ranker(ix, match=match)))
    engines.append(("BM25 baseline", baseline_ranker(base_dir)))
    for name, ranker in engines:
        _report(name, evaluate(ranker, tasks, items), len(tasks), len(items))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "newsindex-ranking-eval",
                    help="where both indexes are kept between runs")
    ap.add_argument("--rebuild", action="store_true", help="rebuild both indexes")
    ap.add_argument("--match", choices=("all",), help="also evaluate the search with this match mode")
    ap.add_argument("--smoke", action="store_true", help="one Reuters file, in a temporary directory (CI)")
    args = ap.parse_args(argv)
    if not DESCRIPTIONS.exists():
        print(f"skipped: the Reuters-21578 corpus is not at {REUTERS}")
        return 0
    if args.smoke:
        first = REUTERS / "reut2-000.sgm"
        items = [(q, target) for q, target in known_items()
                 if target.startswith("reuters:") and int(target.split(":")[1]) <= 1000]
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), [first], [first], 5, items, match=args.match)
        return 0
    parts = [p for p in PARTS if p.exists()]
    run(args.cache_dir, parts, sorted(REUTERS.glob("reut2-*.sgm")), MIN_STORIES, known_items(),
        rebuild=args.rebuild, match=args.match)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
