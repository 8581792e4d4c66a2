"""Run extraction over the hand-labelled dev sets and score it with the shared scorer.

    python bench/evaluate.py [--background N] [--workers N] [--corpus] [--no-topics] [--top-speakers N]
                             [--top N] [--no-facet]

Reads ``../shared`` relative to the repository root (or ``NEWSINDEX_SHARED``).  Speakers are scored on
both dev sets with the shared ``score.py``: PolNeAR dev (84 articles) and the cross-source dev set (70
BBC, Reuters-21578 and Yahoo Finance articles), per source and overall: micro P/R/F1, macro F1 and the
false names predicted on articles without a named speaker.  Topics are scored lenient and ``--strict``;
their finalisation uses corpus statistics from a background collection like the index's (PolNeAR
train+dev and the first N Reuters stories), as a build would.  ``--top-speakers N`` extracts the whole
shared corpus and lists its N most frequent speaker values (what the facet shows); run it under nice.
The topics section (``topics_report``, skipped with ``--no-facet``) extracts and finalises topics over
the whole shared corpus as an index of it would and prints what the topic facet shows: the ``--top``
most frequent values, how many distinct values there are and how many name a single article, KPCrowd
keyphrase recall@8, and the seed article's topics in the demo index.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import lzma
import multiprocessing as mp
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from indexer.ingest import repeated  # noqa: E402  (after the path insert: run as a script)

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
    """Reuters-21578 stories with a body, read by the index's own SGML reader (hard-wrapped wire lines
    joined into paragraphs, entities decoded, the sign-off dropped), so the figures are the index's."""
    from indexer.ingest.readers.sgml import read_sgml_stream
    from indexer.ingest.sources import SourceSettings
    from indexer.models import RawArticle

    out: dict[str, tuple[str, str]] = {}
    for f in sorted((CORPUS / "reuters21578").glob("*.sgm")):
        with f.open("rb") as stream:
            for rec in read_sgml_stream(stream, f.name, SourceSettings()):
                if isinstance(rec, RawArticle) and rec.record_id and rec.body != (rec.title or ""):
                    out[rec.record_id] = (rec.title or "", rec.body)
        if limit and len(out) >= limit:
            break
    return out


def bbc_file(path: Path) -> tuple[str, str]:
    """A BBC file's (title, body), decoded as the index decodes it (UTF-8, else cp1252): all but one of the
    files are UTF-8, and reading them as Latin-1 gave the extractor mojibake (``Â£``) the index never sees."""
    from indexer.text.clean import decode

    title, _, body = decode(path.read_bytes())[0].partition("\n")
    return title.strip(), body.strip()


def bbc() -> list[tuple[str, str]]:
    return [bbc_file(f) for f in sorted((CORPUS / "bbc-fulltext" / "bbc").glob("*/*.txt"))]


def yahoo_file(path: Path) -> list[tuple[str, str]]:
    """One Yahoo Finance file's articles (title, main text) in order, without the paragraphs the file
    repeats under many titles: extraction in a reindex does not read them either (``ingest.repeated``)."""
    items = [((rec.get("title") or "").strip(), (rec.get("maintext") or "").strip())
             for rec in json.loads(lzma.open(path).read())]
    furniture = repeated.repeated_in(items)
    return [(title, repeated.without(body, furniture)) for title, body in items]


def yahoo() -> list[tuple[str, str]]:
    """Yahoo Finance articles, every year's file in order."""
    return [item for f in sorted((CORPUS / "yahoo-finance-news").glob("*_processed.json.xz")) for item in yahoo_file(f)]


def cross_dev() -> tuple[list[dict], list[tuple[str, str]]]:
    """Gold rows of the cross-source dev set and each row's (title, body), read as the rows name them."""
    rows = [json.loads(line) for line in (EVAL / "speakers-cross-dev.jsonl").open(encoding="utf-8")]
    rts: dict[str, tuple[str, str]] | None = None
    yahoo_files: dict[str, list[tuple[str, str]]] = {}
    items = []
    for row in rows:
        src = row["source_file"]
        if src.startswith("bbc-fulltext/"):
            items.append(bbc_file(CORPUS / src))
        elif src.startswith("reuters21578"):
            rts = rts if rts is not None else reuters(None)
            items.append(rts[str(row["record_id"])])
        else:
            if src not in yahoo_files:
                yahoo_files[src] = yahoo_file(CORPUS / src)
            items.append(yahoo_files[src][int(row["record_id"]) - 1])  # 1-based position in the file's array
    return rows, items


def scorer():
    """The shared ``score.py`` as a module (its matching is the one every figure uses)."""
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def source_of(row: dict) -> str:
    if "source_file" not in row:
        return "polnear"
    return row["source_file"].split("/")[0].split("-")[0].replace("reuters21578", "reuters")


def speaker_table(title: str, gold: list[dict], preds: list[dict]) -> str:
    """One line per source and one overall: micro P/R/F1, macro F1, false names on speakerless articles."""
    score = scorer().score_speakers
    by_source: dict[str, list[int]] = {}
    for n, row in enumerate(gold):
        by_source.setdefault(source_of(row), []).append(n)
    groups = list(by_source.items())
    if len(groups) > 1:
        groups.append(("all", list(range(len(gold)))))
    lines = [f"== speakers, {title}",
             f"{'source':<9}{'arts':>5}{'micro P':>9}{'R':>7}{'F1':>7}{'macro P':>9}{'R':>7}{'F1':>7}"
             f"{'false names':>13}  (on arts without gold)"]
    for name, idx in groups:
        r = score([gold[i] for i in idx], [preds[i] for i in idx])
        mi, ma = r["micro"], r["macro"]
        empty = len(idx) - ma["articles_with_gold"]
        lines.append(f"{name:<9}{len(idx):>5}{mi['precision']:>9.3f}{mi['recall']:>7.3f}{mi['f1']:>7.3f}"
                     f"{ma['precision']:>9.3f}{ma['recall']:>7.3f}{ma['f1']:>7.3f}"
                     f"{r['predictions_on_articles_without_gold']:>8} on {empty}")
    orgs = score(gold, preds, field="orgs")["micro"]
    lines.append(f"orgs (secondary, all): micro P {orgs['precision']:.3f} R {orgs['recall']:.3f} F1 {orgs['f1']:.3f}")
    return "\n".join(lines)


def name_kinds(results):
    """The corpus state's per-name verdict counts over these extractions, as a build pools them."""
    from indexer.extract import NameKinds
    kinds = NameKinds()
    for e in results:
        kinds.add(e.kinds)
    return kinds


def decided(e, kinds) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An extraction's speakers and orgs after the corpus-level decision (``kinds`` None: the article's own)."""
    from indexer.extract import decide_speakers
    speakers, orgs, _ = decide_speakers(e.speakers, e.orgs, e.quotes, kinds)
    return speakers, orgs


def top_speakers(workers: int, n: int):
    """The N most frequent speaker values over the whole shared corpus, with article counts: first as
    each article decides them alone, then after the corpus-level decision (what an index of it shows),
    with every value that decision takes out of the list.  Returns the whole corpus's name verdicts."""
    items = list(reuters(None).values()) + bbc() + yahoo() + list(polnear("train").values()) \
        + list(polnear("dev").values())
    results, secs, _ = run_parallel(items, workers)
    kinds = name_kinds(results)
    tops = []
    for pooled in (None, kinds):
        counts: Counter = Counter()
        for e in results:
            counts.update(set(decided(e, pooled)[0]))
        tops.append(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])
    print(f"top {n} speaker values over {len(items)} articles ({len(items) / secs:.0f} art/s), "
          "article-level decision only:")
    for rank, (name, c) in enumerate(tops[0], 1):
        print(f"{rank:>4} {c:>5}  {name}")
    print(f"\ntop {n} after the corpus-level decision ({sum(1 for _ in kinds.counts)} names with evidence); "
          "[articles writing the name as person/org/place]:")
    for rank, (name, c) in enumerate(tops[1], 1):
        print(f"{rank:>4} {c:>5}  {name}  {kinds.counts.get(name, [0, 0, 0])}")
    after = {name for name, _ in tops[1]}
    gone = [(name, c) for name, c in tops[0] if name not in after]
    print(f"\ntaken out of the top {n} by the corpus-level decision ({len(gone)}):")
    for name, c in gone:
        print(f"  {c:>5}  {name} -> {kinds.kind(name)}  {kinds.counts.get(name)}")
    return kinds


def dev_tables(polnear_gold: list[dict], pol_ext: list, cross_gold: list[dict], cross_ext: list, kinds,
               tmp: Path, how: str) -> None:
    """Both dev sets' speaker tables, with the corpus-level decision from ``kinds``."""
    pol_preds, cross_preds = [], []
    for gold, exts, preds in ((polnear_gold, pol_ext, pol_preds), (cross_gold, cross_ext, cross_preds)):
        for g, e in zip(gold, exts, strict=True):
            speakers, orgs = decided(e, kinds)
            preds.append({"id": g["id"], "speakers": list(speakers), "orgs": list(orgs)})
    for name, preds in (("speakers", pol_preds), ("speakers-cross", cross_preds)):
        with (tmp / f"{name}.jsonl").open("w") as f:
            f.writelines(json.dumps(p) + "\n" for p in preds)
    print(speaker_table(f"PolNeAR dev ({how})", polnear_gold, pol_preds))
    print(speaker_table(f"cross-source dev ({how})", cross_gold, cross_preds))


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
    extract_batch([("Warm-up", "Alan Smith said tables load once per process, as in a build's workers.")])
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


# --- Topics over the whole corpus (issue 15): what the topic facet shows ---------------------------------------

def kpcrowd() -> dict[str, tuple[tuple[str, str], list[str]]]:
    """KPCrowd 500N: ``{doc id: ((title, body), gold keyphrases)}`` read from the zip as shipped."""
    import zipfile
    path = CORPUS / "kpcrowd500" / "500N-KPCrowd-v1.1.zip"
    out: dict[str, tuple[tuple[str, str], list[str]]] = {}
    if not path.exists():
        return out
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        for name in sorted(n for n in names if "/docsutf8/" in n and n.endswith(".txt")):
            key = name.replace("/docsutf8/", "/keys/")[:-4] + ".key"
            if key not in names:
                continue
            title, _, body = z.read(name).decode("utf-8", "replace").partition("\n")
            keys = [k.strip() for k in z.read(key).decode("utf-8", "replace").splitlines() if k.strip()]
            out[Path(name).stem] = ((title.strip(), body.strip()), keys)
    return out


def read_as_indexed(folder: Path) -> list[tuple[str, str]]:
    """Every article of ``folder`` as a reindex reads it (its readers, no field mapping): for collections
    whose format this script does not parse itself (LIAR's TSV, TIME's SMART file)."""
    from indexer.ingest.readers import read_file
    from indexer.ingest.sources import SourceSettings, discover
    from indexer.models import RawArticle

    out = []
    for file in discover([folder], []):
        try:
            items = list(read_file(file.path, file.display, SourceSettings()))
        except Exception:  # noqa: BLE001 - documentation and other files a reindex skips
            continue
        out += [(item.title or "", item.body) for item in items if isinstance(item, RawArticle)]
    return out


def whole_corpus() -> dict[str, tuple[str, str]]:
    """Every article of the shared corpus an index of it holds: Reuters, BBC, PolNeAR train+dev, KPCrowd,
    Yahoo Finance (without its files' furniture, as a reindex reads them), LIAR and TIME."""
    docs: dict[str, tuple[str, str]] = {f"r:{k}": v for k, v in reuters(None).items()}
    docs.update({f"b:{n}": v for n, v in enumerate(bbc())})
    for split in ("train", "dev"):
        docs.update({f"p:{k}": v for k, v in polnear(split).items()})
    docs.update({f"k:{k}": v for k, (v, _) in kpcrowd().items()})
    docs.update({f"y:{n}": v for n, v in enumerate(yahoo())})
    for name in ("liar", "time-ir"):
        docs.update({f"{name}:{n}": v for n, v in enumerate(read_as_indexed(CORPUS / name))})
    return docs


def facet_counts(finals: list[tuple[str, ...]]) -> Counter:
    """Articles per topic value, values grouped case-folded as the facet groups them (shown in the commonest form)."""
    by_fold: dict[str, Counter] = {}
    for topics in finals:
        for t in set(topics):
            by_fold.setdefault(t.casefold(), Counter())[t] += 1
    return Counter({forms.most_common(1)[0][0]: sum(forms.values()) for forms in by_fold.values()})


def seed_topics() -> tuple[str, ...]:
    """The seed article's topics in an index of the demo set, as a reader sees them."""
    from indexer import NewsIndex, reindex
    with tempfile.TemporaryDirectory(prefix="newsindex-demo-") as tmp:
        reindex([ROOT / "demo" / "articles"], Path(tmp), workers=1)
        hits = NewsIndex.open(Path(tmp)).search("flexibility missile defense").hits
        return tuple(hits[0].topics) if hits else ()


def topics_report(workers: int, top: int) -> None:
    """Topic facet over the whole shared corpus, KPCrowd keyphrase recall@8 and the seed's topics."""
    from indexer.extract import CorpusStats, finalize_topics
    docs = whole_corpus()
    keys = list(docs)
    results, secs, _ = run_parallel([docs[k] for k in keys], workers)
    stats = CorpusStats()
    for e in results:
        stats.add(e.topics, e.labels)
    year_of = years()
    finals = [finalize_topics(e.topics, stats, year=year_of.get(k), labels=e.labels)
              for k, e in zip(keys, results, strict=True)]
    counts = facet_counts(finals)
    single = sum(1 for n in counts.values() if n == 1)
    print(f"\ntopic facet over the whole shared corpus ({len(keys)} articles, extracted in {secs:.0f}s):")
    print(f"distinct topic values: {len(counts)}; naming a single article: {single} "
          f"({single / max(1, len(counts)):.1%})")
    print(f"the {top} most frequent values:")
    print(", ".join(f"{t} ({n})" for t, n in counts.most_common(top)))
    kp = kpcrowd()
    if kp:
        tmp = Path(tempfile.mkdtemp(prefix="newsindex-kpcrowd-"))
        final_of = dict(zip(keys, finals, strict=True))
        with (tmp / "gold.jsonl").open("w") as g, (tmp / "pred.jsonl").open("w") as p:
            for k, (_, gold) in kp.items():
                g.write(json.dumps({"id": k, "corpus": "kpcrowd", "topics": gold}) + "\n")
                p.write(json.dumps({"id": k, "topics": list(final_of[f"k:{k}"])}) + "\n")
        out = json.loads(score("topics", tmp / "pred.jsonl", "--gold", str(tmp / "gold.jsonl"), "--json"))
        res = out.get("topics", out)
        print(f"KPCrowd keyphrase recall@8 ({len(kp)} articles, ~48 keyphrases each): "
              f"{res['recall@8']:.3f} (micro {res['micro_recall@8']:.3f}, precision@8 "
              f"{res['precision@8_vs_topics_or_acceptable']:.3f})")
    print(f"seed topics (demo index): {', '.join(seed_topics())}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--background", type=int, default=3000, help="Reuters stories for corpus stats")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", action="store_true",
                    help="also time extraction over the whole ~24k-article shared corpus (about a minute)")
    ap.add_argument("--no-topics", action="store_true", help="speakers only: skip the background collection")
    ap.add_argument("--top-speakers", type=int, default=0, metavar="N",
                    help="list the N most frequent speaker values over the whole shared corpus")
    ap.add_argument("--top", type=int, default=50, help="topic facet: how many of the most frequent values to print")
    ap.add_argument("--no-facet", action="store_true", help="skip the whole-corpus topic facet section")
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
    cross_gold, cross_items = cross_dev()
    from indexer.extract import extract_batch
    extract_batch([("Warm-up", "Alan Smith said tables load once per process, as in a build's workers.")])
    cpu0 = time.process_time()
    extract_batch(dev_items)  # CPU time in one process: robust to other load on a shared machine
    dev_cpu = time.process_time() - cpu0
    cpu0 = time.process_time()
    cross_ext = extract_batch(cross_items)
    cross_cpu = time.process_time() - cpu0
    _, dev_secs, _ = run_parallel(dev_items, args.workers)
    if args.no_topics:
        keys = [f"p:{k}" for k in dev]
    results, secs, all_cpu = run_parallel([docs[k] for k in keys], args.workers)
    ext = dict(zip(keys, results, strict=True))

    polnear_gold = [json.loads(line) for line in (EVAL / "speakers-dev.jsonl").open(encoding="utf-8")]
    pol_ext = [ext[f"p:{g['id']}"] for g in polnear_gold]
    tmp = Path(tempfile.mkdtemp(prefix="newsindex-eval-"))
    print(f"predictions: {tmp}")
    # The corpus-level name decision pools the verdicts of everything this run extracted (an index of
    # these articles); --top-speakers repeats the tables with the whole shared corpus's verdicts.
    kinds = name_kinds([*results, *cross_ext])
    dev_tables(polnear_gold, pol_ext, cross_gold, cross_ext, kinds, tmp, f"corpus pass over {len(keys) + 70} articles")
    if not args.no_topics:
        stats = CorpusStats()
        for e in results:
            stats.add(e.topics, e.labels)
        year_of = years()
        with (tmp / "topics.jsonl").open("w") as f:
            for row in topic_gold:
                key = ("r:" if row["corpus"] == "reuters" else "p:") + row["id"]
                topics = finalize_topics(ext[key].topics, stats, year=year_of.get(key), labels=ext[key].labels)
                f.write(json.dumps({"id": row["id"], "topics": list(topics)}) + "\n")
        print("topics (lenient):\n" + score("topics", tmp / "topics.jsonl"))
        print("topics (strict):\n" + score("topics", tmp / "topics.jsonl", "--strict"))
    print(f"throughput, {args.workers} workers: dev {len(dev_items) / dev_secs:.0f} art/s "
          f"({len(dev_items)} articles, {dev_secs:.2f}s); "
          f"all {len(keys) / secs:.0f} art/s ({len(keys)} articles, {secs:.1f}s)")
    print(f"CPU-bound: {len(dev_items) / dev_cpu:.0f} PolNeAR dev art/s per CPU-second "
          f"(x{args.workers} cores = {args.workers * len(dev_items) / dev_cpu:.0f} art/s); "
          f"{len(cross_items) / cross_cpu:.0f} cross-source dev art/s per CPU-second; "
          f"mixed corpus {len(keys) / all_cpu:.0f} art/s per CPU-second ({len(keys)} articles)")
    if args.corpus:
        whole_corpus_throughput(args.workers)
    if args.top_speakers:
        whole = top_speakers(args.workers, args.top_speakers)
        dev_tables(polnear_gold, pol_ext, cross_gold, cross_ext, whole, tmp, "corpus pass over the whole shared corpus")
    if not args.no_topics and not args.no_facet:
        topics_report(args.workers, args.top)


if __name__ == "__main__":
    main()
