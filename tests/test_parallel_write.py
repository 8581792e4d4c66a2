"""Segment-parallel writing: every core writes, nothing is dropped, and a loss fails loudly before the commit."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index

from indexer import NewsIndex, reindex, whoosh_io
from indexer.aliases.table import aliases_from_index
from indexer.config import MAX_PER_PAGE
from indexer.errors import IndexWriteError
from indexer.ingest import build, segments
from indexer.ingest.maintenance import optimize, stats
from indexer.schema import SCHEMA
from indexer.search import generation

from .synthetic import article_text, write_articles

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,200 fictional articles: more than PARALLEL_WRITE_MIN_DOCS for each of two writer processes."""
    directory = tmp_path_factory.mktemp("volume")
    write_articles(directory, 1200, seed=11)
    return directory


def _ids(index_dir: Path, query: str) -> set[str]:
    """Every article the query matches, over all pages (the order among equal scores follows document
    numbers, which differ between a one- and a two-segment index; the set of matches may not)."""
    ix = NewsIndex.open(index_dir, time_limit_s=None)  # the segments are the subject, not the machine's load
    first = ix.search(query, per_page=MAX_PER_PAGE)
    ids = {h.id for h in first.hits}
    for number in range(2, -(-first.total // MAX_PER_PAGE) + 1):
        ids |= {h.id for h in ix.search(query, per_page=MAX_PER_PAGE, page=number).hits}
    assert len(ids) == first.total and not first.partial
    return ids


def test_two_writer_processes_build_an_ordinary_index_with_the_same_results(volume: Path, tmp_path: Path):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    reindex([volume], serial, workers=1)
    summary = reindex([volume], parallel, workers=2)
    assert summary.added == summary.articles == 1200

    plain = whoosh_index.open_dir(str(parallel))  # an ordinary Whoosh index, readable without newsindex
    assert plain.doc_count() == 1200
    assert stats(parallel).segments == 2 and stats(serial).segments == 1
    for query in ("harbour expansion", '"rail strike" Wexmoor', "speaker:brennick treaty"):
        assert _ids(parallel, query) == _ids(serial, query), query


def _doc(n: int, speaker: str = "Ada Vole") -> dict:
    return {"id": f"doc-{n:04d}", "title": f"Harbour report {n}", "body": f"Ada Vole said the harbour plan {n} works.",
            "speakers": speaker, "file_key": f"/fictional/{n}.txt"}


def test_a_document_that_fails_validation_is_skipped_with_its_reason_and_its_batch_is_written(tmp_path: Path):
    ix = whoosh_index.create_in(str(tmp_path), SCHEMA)
    writer = segments.ParallelWriter(ix, ix.writer(), workers=2)
    for n in range(250):  # batches of 100: document 120 sits in the middle of the second batch
        doc = _doc(n, speaker="Ada\ud800 Vole") if n == 120 else _doc(n)
        writer.add(doc, f"/fictional/{n}.txt")
    assert writer.commit(None) == 249

    assert writer.skipped == [("/fictional/120.txt", "field 'speakers': cannot be indexed "
                               "('utf-8' codec can't encode character '\\ud800' in position 3: surrogates not allowed)")]
    with ix.searcher() as s:
        ids = {s.stored_fields(d)["id"] for d in range(s.doc_count_all())}
    assert ids == {f"doc-{n:04d}" for n in range(250) if n != 120}


def test_a_reindex_skips_an_invalid_document_with_its_file_and_writes_the_rest_in_parallel(
        volume: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    real = build.article_to_doc

    def one_bad(article, **kwargs):  # the writer processes build documents: they inherit this
        doc = real(article, **kwargs)
        if article.source_file.endswith("article-00007.txt"):
            doc["speakers"] = "Ada\ud800 Vole"
        return doc
    monkeypatch.setattr(build, "article_to_doc", one_bad)

    summary = reindex([volume], tmp_path / "ix", workers=2)
    assert (summary.added, summary.articles) == (1199, 1199) and stats(tmp_path / "ix").segments == 2
    refused = [s for s in summary.skipped if s.reason.startswith("not indexable")]
    assert [(Path(s.source_file).name, s.reason) for s in refused] == [(
        "article-00007.txt", "not indexable: field 'speakers': cannot be indexed "
        "('utf-8' codec can't encode character '\\ud800' in position 3: surrogates not allowed)")]


@pytest.mark.parametrize("value, reason", [
    ("not a date", "field 'date': needs datetime, not str"),
    (42, "field 'date': needs datetime, not int"),
])
def test_a_value_of_the_wrong_type_is_refused_before_it_reaches_a_writer(value: object, reason: str):
    assert segments.invalid_reason({"id": "x", "date": value}, SCHEMA) == reason
    assert segments.invalid_reason({"id": "x", "colour": "red"}, SCHEMA) == "unknown field 'colour'"


def _lose(lost_id: str):
    real = segments.add_document

    def add(writer, doc):  # a writer that silently drops one document, as MpWriter can
        if doc["id"] != lost_id:
            real(writer, doc)
    return add


def test_a_document_lost_by_a_writer_fails_the_reindex_names_its_file_and_keeps_the_old_index(
        volume: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    index_dir = tmp_path / "ix"
    reindex([volume / "article-00001.txt", volume / "article-00002.txt"], index_dir, workers=1)
    lost = next(a for a in NewsIndex.open(index_dir).search("update number 2").hits).id
    monkeypatch.setattr(segments, "add_document", _lose(lost))

    with pytest.raises(IndexWriteError, match=r"1 of 1200 documents are missing .*article-00002\.txt.*"
                                              r"previous index is intact"):
        reindex([volume], index_dir, full=True, workers=2)
    ix = NewsIndex.open(index_dir)
    assert ix.doc_count() == 2 and ix.search("update").total == 2


def test_a_failing_writer_process_fails_the_reindex_and_keeps_the_old_index(
        volume: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    index_dir = tmp_path / "ix"
    reindex([volume / "article-00003.txt"], index_dir, workers=1)

    def broken(writer, doc):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(segments, "add_document", broken)
    with pytest.raises(IndexWriteError, match="No space left on device.*previous index is intact"):
        reindex([volume], index_dir, full=True, workers=2)
    assert NewsIndex.open(index_dir).doc_count() == 1


def test_optimize_merges_the_segments_and_the_next_reindex_finds_everything_unchanged(volume: Path, tmp_path: Path):
    index_dir = tmp_path / "ix"
    reindex([volume], index_dir, workers=2)
    before = _ids(index_dir, "water rationing reservoir")

    cli = [sys.executable, "-m", "indexer.cli"]
    shown = json.loads(subprocess.run([*cli, "stats", "--index-dir", str(index_dir), "--json"], cwd=ROOT,
                                      capture_output=True, text=True, check=True).stdout)
    assert (shown["documents"], shown["segments"]) == (1200, 2) and shown["last_reindex"].endswith("Z")
    merged = subprocess.run([*cli, "optimize", "--index-dir", str(index_dir)], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    assert "2 segment(s) merged into 1" in merged

    assert stats(index_dir).segments == 1 and _ids(index_dir, "water rationing reservoir") == before
    again = reindex([volume], index_dir, workers=2)
    assert (again.unchanged, again.added, again.extracted) == (1200, 0, 0)
    assert optimize(index_dir)[0].documents == 1200


def _written_and_fresh(index_dir: Path) -> tuple[dict, dict, int]:
    """The generation's arrays as the reindex wrote them, and as the parent alone builds them from the
    index (reading every segment itself), with the number of segments."""
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as s:
        path = generation.directory(index_dir, ix.latest_generation())
        meta = json.loads((path / "meta.json").read_text())
        written = generation._map_arrays(path / generation.ARRAYS_FILE, meta["arrays"])
        return written, generation._flat(s), len(whoosh_io.segments(s))


def _tagged(path: Path, tags: list[str], seed: int) -> None:
    """A JSON-lines file of fictional articles, one per tag spelling given (the tags facet folds case)."""
    rng = random.Random(seed)
    records = [{"id": f"{path.stem}-{i}", "title": f"Tagged report {path.stem} {i}", "date": f"2021-05-0{i % 9 + 1}",
                "body": article_text(rng, i), "tags": [tag]} for i, tag in enumerate(tags)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_the_search_data_the_writer_processes_read_equals_the_whole_index_build(tmp_path: Path):
    """Each writer process reads the common terms' postings and positions of the segment it wrote,
    in its own document numbers; the parent joins them with the segments' offsets. Every array must
    be what reading the whole new index gives: after a full parallel build, and after an incremental
    parallel run that keeps a segment with deletions (its common terms' part, facet arrays and field
    lengths lent by the previous generation). The tags facet folds case (one value per lower-cased
    tag, named by its most common spelling): the run deletes every article of one tag and makes
    another spelling of a tag the most common one, so folding is decided again over lent and new
    documents. The alias table saved with the corpus state (from the speaker facet) is the one
    reading every stored article gives."""
    data, index_dir = tmp_path / "data", tmp_path / "ix"
    paths = write_articles(data, 600, seed=21)
    _tagged(data / "kept.jsonl", ["Harbour Works"] * 5 + ["Dam Board"] * 2, seed=1)
    _tagged(data / "changed.jsonl", ["HARBOUR WORKS"] * 4, seed=2)
    _tagged(data / "removed.jsonl", ["Reservoir Watch"] * 3, seed=3)
    reindex([data], index_dir, workers=2)
    for path in paths[:3]:
        path.write_text(path.read_text(encoding="utf-8").replace("The ", "A ", 1), encoding="utf-8")
    write_articles(data, 520, seed=22, start=600)
    _tagged(data / "changed.jsonl", ["Dam Board"], seed=4)
    _tagged(data / "added.jsonl", ["harbour works"] * 7, seed=5)
    (data / "removed.jsonl").unlink()
    summary = reindex([data], index_dir, workers=2)
    assert (summary.added, summary.updated, summary.removed) == (527, 4, 6)
    ix = NewsIndex.open(index_dir)
    tags = {f.value: f.count for f in ix.search("tagged report", per_page=1).facets["tags"]}
    assert tags == {"harbour works": 12, "Dam Board": 3}
    for run in ("incremental", "full"):
        written, fresh, parts = _written_and_fresh(index_dir)
        assert parts >= 2, run
        assert any(name.startswith("hotpos.") and len(array) for name, array in fresh.items()), run
        assert sorted(written) == sorted(fresh), run
        for name, array in fresh.items():
            assert written[name].dtype == array.dtype and np.array_equal(written[name], array), (run, name)
        saved = json.loads((index_dir / "aliases.json").read_text(encoding="utf-8"))
        assert saved["aliases"] == aliases_from_index(whoosh_index.open_dir(str(index_dir))), run
        reindex([data], index_dir, full=True, workers=2)
