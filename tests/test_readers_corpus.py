"""The readers over the real public corpora in ../shared/corpus (never copied into the repo).

Each test skips with the reason when its corpus folder is absent. Set NEWSINDEX_CORPUS to point
elsewhere. Run with ``-s`` to see read throughput (records/s) per format.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from indexer.errors import ReaderError
from indexer.ingest.readers import read_file
from indexer.ingest.sources import SourceSettings
from indexer.models import RawArticle, Skipped

from .conftest import corpus_path as corpus  # $NEWSINDEX_CORPUS, else $NEWSINDEX_SHARED/corpus, else ../shared/corpus


def read_all(paths: list[Path], settings: SourceSettings | None = None, label: str = ""
             ) -> tuple[list[RawArticle], list[Skipped], Counter[str]]:
    articles: list[RawArticle] = []
    skipped: list[Skipped] = []
    refused: Counter[str] = Counter()
    start = time.perf_counter()
    for path in paths:
        try:
            for item in read_file(path, str(path), settings or SourceSettings()):
                (articles if isinstance(item, RawArticle) else skipped).append(item)  # type: ignore[arg-type]
        except ReaderError as exc:
            refused[str(exc)] += 1
    seconds = time.perf_counter() - start
    print(f"\n[throughput] {label}: {len(articles)} articles in {seconds:.2f} s = {len(articles) / seconds:,.0f} records/s")
    return articles, skipped, refused


def test_reuters_all_records() -> None:
    files = sorted(corpus("reuters21578").glob("reut2-*.sgm"))
    assert len(files) == 22
    articles, skipped, refused = read_all(files, label="sgml (Reuters-21578)")
    assert not refused
    # 21,578 records; exactly one (NEWID 12793, an UNPROC record holding only "&#2; &#3;") has no text.
    assert len(articles) + len(skipped) == 21_578
    assert [(s.record_id, s.reason) for s in skipped] == [("12793", "record without text")]
    assert len({a.record_id for a in articles}) == 21_577
    assert sum(a.title is not None for a in articles) == 20_841
    assert sum(a.date is not None for a in articles) == 21_577
    assert sum(a.decode_fallback for a in articles) >= 1  # the stray 0xFC byte in reut2-017
    assert all("&lt;" not in a.body and "\x03" not in a.body for a in articles)
    assert sum("reagan" in a.tags for a in articles) > 0


def test_bbc_text_files() -> None:
    files = sorted(corpus("bbc-fulltext").rglob("*.txt"))
    articles, skipped, refused = read_all(files, label="text (BBC)")
    assert len(articles) == 2_225 and not skipped
    assert refused == Counter({"documentation file, not an article": 1})  # bbc/README.TXT
    assert all(a.title for a in articles)


def test_yahoo_json_xz() -> None:
    files = sorted(corpus("yahoo-finance-news").glob("*.json.xz"))
    articles, skipped, refused = read_all(files, label="json.xz (Yahoo finance)")
    assert not refused and not skipped
    assert len(articles) == 4_253
    assert all(a.title and a.date and a.url for a in articles)
    assert sum(bool(a.authors) for a in articles) == 1_339


def test_liar_headerless_tsv() -> None:
    files = sorted(corpus("liar").glob("*.tsv"))
    settings = SourceSettings(source="PolitiFact", fields={"header": "none", "record_id": "1", "body": "3", "tags": "4"})
    articles, skipped, refused = read_all(files, settings, label="tsv (LIAR)")
    assert not refused and not skipped
    assert len(articles) == 12_836
    assert len({t for a in articles for t in a.tags}) >= 140


def test_kpcrowd_zip() -> None:
    path = corpus("kpcrowd500", "500N-KPCrowd-v1.1.zip")
    articles, skipped, refused = read_all([path], label="zip of .txt (KPCrowd)")
    assert not refused
    assert len(articles) == 500
    reasons = Counter(s.reason for s in skipped)
    assert reasons["not an article format (.key)"] == 500
    assert reasons["documentation file, not an article"] == 1  # README.txt
    assert reasons["too short to be an article (1 word)"] == 2  # lan.txt "en-US", language.txt "english"


def test_time_smart() -> None:
    articles, skipped, refused = read_all([corpus("time-ir", "TIME.ALL")], label="smart (TIME)")
    assert not refused and not skipped
    assert len(articles) == 423
    assert all(a.date and a.date.year == 1963 for a in articles)
    refused_stp = read_all([corpus("time-ir", "TIME.STP")], label="TIME.STP")[2]
    assert refused_stp == Counter({"not an article format (.stp)": 1})


def test_polnear_text_with_sidecar_metadata() -> None:
    root = corpus("polnear", "data")
    files = sorted(p for p in root.rglob("*.txt"))
    articles, skipped, refused = read_all(files, label="text + sidecar (PolNeAR)")
    assert not refused and not skipped
    assert len(articles) == 928  # train 840 + dev 84 + annotator-training 4 (test held back)
    assert all(a.source and a.date for a in articles)
    assert {a.source for a in articles} <= {"huff-post", "breitbart", "nyt", "politico", "wash-post", "west-journal",
                                          "usa-today"}
