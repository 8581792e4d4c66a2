"""Score speaker extraction on PolNeAR train against a "silver" set, or on dev against the gold.

    python bench/silver_speakers.py [--split train|dev] [--show N] [--json OUT]

The hand-labelled gold exists only for dev, and rules must not be tuned on it.  Train has PolNeAR's own
``Source`` spans; the silver speakers of an article are the named people heading those spans (a person
run not followed by a possessive), made canonical within the article as the extractor does (a bare
surname takes the article's full name).  The silver set is noisy: it keeps sources of actions and
nested sources and misses people referred to only by pronouns, so its absolute figures are lower than
dev's; it is for comparing rule changes.  Scoring uses the shared ``score.py`` (match by surname).
``--show N`` prints the missed and extra names of the N worst articles.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("NEWSINDEX_SHARED", ROOT.parent / "shared"))
CORPUS = Path(os.environ.get("NEWSINDEX_CORPUS", SHARED / "corpus"))
EVAL = SHARED / "eval"

from bench.evaluate import polnear as articles  # noqa: E402  (title and body of each PolNeAR article)


def _scorer():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def silver(split: str, bodies: dict[str, tuple[str, str]]) -> list[dict]:
    """Named heads of the PolNeAR ``Source`` spans of each article, canonical within the article."""
    from indexer.extract.article import canonical, prepare
    from indexer.extract.names import capitalised_runs, tokenize
    from indexer.extract.text import repair

    rows = []
    for doc, (_, body) in bodies.items():
        art = prepare(body)
        names: list[str] = []
        folder = CORPUS / "polnear" / "data" / split / "attributions"
        anns = sorted(folder.glob(f"{doc}_*.ann"))[:1]  # some articles were annotated twice: take one
        if not anns:
            continue
        for line in anns[0].read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or not parts[1].startswith("Source "):
                continue
            toks = tokenize(repair(parts[2]))  # the names as the extractor reads them (mojibake undone)
            for _, end, run in capitalised_runs(toks):
                if run.kind == "person" and toks[end : end + 1] not in (["'s"], ["’s"]):
                    name = canonical(art, run.name)
                    if name and name.replace("’", "'") not in names:
                        names.append(name.replace("’", "'"))
                    break
        rows.append({"id": doc, "speakers": names})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="train", choices=("train", "dev"))
    ap.add_argument("--show", type=int, default=0, help="print misses/extras of the N worst articles")
    ap.add_argument("--json", help="write the predictions here")
    args = ap.parse_args()
    from indexer.extract.speakers import find_speakers

    score = _scorer()
    bodies = articles(args.split)
    cpu0 = time.process_time()
    preds = [{"id": d, "speakers": list(find_speakers(b, t)[0])} for d, (t, b) in bodies.items()]
    if args.split != "dev":
        gold = silver(args.split, bodies)
        preds = [p for p in preds if p["id"] in {g["id"] for g in gold}]
    cpu = time.process_time() - cpu0
    if args.split == "dev":
        gold = [json.loads(line) for line in (EVAL / "speakers-dev.jsonl").open()]
    res = score.score_speakers(gold, preds)
    ma, mi = res["macro"], res["micro"]
    print(f"{args.split}: macro P/R/F1 {ma['precision']:.3f} / {ma['recall']:.3f} / {ma['f1']:.3f}; "
          f"micro {mi['precision']:.3f} / {mi['recall']:.3f} / {mi['f1']:.3f}; "
          f"predictions on no-gold articles {res['predictions_on_articles_without_gold']}; "
          f"{len(preds)} articles; {len(bodies) / cpu:.0f} art/s per CPU-second (speakers only)")
    if args.json:
        with open(args.json, "w") as f:
            for p in preds:
                f.write(json.dumps(p) + "\n")
    if args.show:
        by_id = {p["id"]: p["speakers"] for p in preds}
        rows = []
        for g in gold:
            pred = by_id[g["id"]]
            gs = {score.surname(n) for n in g["speakers"]}
            ps = {score.surname(n) for n in pred}
            miss = [n for n in g["speakers"] if score.surname(n) not in ps]
            extra = [n for n in pred if score.surname(n) not in gs]
            if miss or extra:
                rows.append((len(miss) + len(extra), g["id"], miss, extra))
        for _, doc, miss, extra in sorted(rows, reverse=True)[: args.show]:
            print(f"{doc}\n  missed: {miss}\n  extra:  {extra}")


if __name__ == "__main__":
    main()
