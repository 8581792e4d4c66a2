"""Per-generation search data: written by the reindex, memory-mapped at open, shared by threads.

Specification: the reindex writes the arrays a search needs (facets, live mask, dates, lengths, the
spelling table) into ``generation-<N>/`` before it publishes generation N; opening the index maps them
(no build); an index without them (an older version's) still opens and gives the same answers; files
that describe other segments are never used; the common terms' postings are mapped too, equal to
Whoosh's; every thread of a process uses one generation object and
one memory map per segment; a 1 MB "word" in the corpus costs the spelling table nothing.
"""

from __future__ import annotations

import json
import mmap
import os
import random
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from whoosh import index as whoosh_index

from indexer import NewsIndex, reindex
from indexer.cli import main
from indexer.config import HOT_POSITIONS_MIN_SHARE, HOT_POSTINGS_MIN_SHARE, MAX_WORD_CHARS
from indexer.search import generation
from indexer.search.phrases import POSITIONS
from indexer.search.postings import read_postings
from indexer.whoosh_io import segments

from .conftest import DEMO
from .synthetic import article_text, write_articles

QUERIES = ["flexibility missile defense", "water rationing", "missle defence flexibilty", "speaker:medvedev", ""]


def _answers(ix: NewsIndex) -> list:
    out = []
    for q in QUERIES:
        page = ix.search(q, per_page=20)
        out.append((page.total, [h.id for h in page.hits], page.facets, page.timeline, page.suggestion))
    return out


def _mapped(array) -> bool:
    """True when the array's memory is a memory map (walking the views' bases)."""
    base = array
    while base is not None and not isinstance(base, mmap.mmap):
        base = base.obj if isinstance(base, memoryview) else getattr(base, "base", None)
    return isinstance(base, mmap.mmap)


def _generation_dirs(index_dir: Path) -> list[Path]:
    return sorted(index_dir.glob(f"{generation.PREFIX}*"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("generation") / "ix"
    reindex([DEMO], index_dir, workers=1)
    return index_dir


def _copy(index_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(index_dir, target)
    return target


def test_reindex_writes_the_generation_before_publishing_it(built: Path) -> None:
    ix = NewsIndex.open(built)
    gen = ix._searcher().reader().generation()
    dirs = _generation_dirs(built)
    assert [d.name for d in dirs] == [f"{generation.PREFIX}{gen}"]
    meta = json.loads((dirs[0] / "meta.json").read_text())
    assert meta["generation"] == gen and meta["layout"] == generation.LAYOUT
    assert meta["segments"] == generation.signature(ix._searcher())
    assert {"live", "date_keys", "spell.keys", "facet.speakers.rows", "length.body"} <= set(meta["arrays"])


def test_open_maps_the_files_instead_of_building(built: Path) -> None:
    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    ix = NewsIndex.open(built)
    ix.warm()
    state = ix._generation
    assert state.source == _generation_dirs(built)[0]
    mapped = [state.live, state.date_keys, state.lengths["body"], state.arrays["topics"].rows,
              state.arrays["speakers"].indptr, state.vocab._keys, state.vocab._words]
    assert all(_mapped(a) for a in mapped)
    assert all(not a.flags.writeable for a in mapped)  # read-only maps: shared pages, never copied
    if fds is not None:  # one map of one file, not a file descriptor per array
        assert len(os.listdir("/proc/self/fd")) - fds <= 3


def test_common_terms_postings_are_mapped_and_equal_to_whooshs(built: Path) -> None:
    """The postings of the generation's common terms come from the map, never decoded from Whoosh's
    blocks at search time, and hold exactly what reading them through Whoosh gives."""
    ix = NewsIndex.open(built)
    ix.warm()
    state = ix._generation
    s = ix._searcher()
    hot = {key: item for key, item in state.postings._fixed.items() if not key[0].startswith(POSITIONS)}
    assert hot and {field for field, _ in hot} >= {"title", "body"}
    share = HOT_POSTINGS_MIN_SHARE * s.doc_count_all()
    for (field, term), (ids, tfs) in hot.items():
        assert _mapped(ids) and _mapped(tfs) and not ids.flags.writeable
        whoosh_ids, whoosh_tfs, complete = read_postings(s, field, term)
        assert complete and ids.tolist() == whoosh_ids.tolist() and tfs.tolist() == whoosh_tfs.tolist()
        assert len(ids) >= share
    common = max(hot, key=lambda key: len(hot[key][0]))
    assert state.postings.get(common) is hot[common]  # the cache answers from the map


def test_very_common_terms_positions_are_mapped_and_equal_to_whooshs(built: Path) -> None:
    """Phrases of common words read their positions from the map, and the map holds exactly the
    positions Whoosh's own matcher gives, document by document."""
    ix = NewsIndex.open(built)
    ix.warm()
    s = ix._searcher()
    mapped = {(field[len(POSITIONS):], term): keys for (field, term), (keys, _) in ix._generation.postings._fixed.items()
              if field.startswith(POSITIONS)}
    assert {field for field, _ in mapped} >= {"title", "body"}
    share = HOT_POSITIONS_MIN_SHARE * s.doc_count_all()
    for (field, term), keys in list(mapped.items())[::7]:
        assert _mapped(keys) and not keys.flags.writeable
        m = s.reader().postings(field, term)
        whoosh = []
        while m.is_active():
            whoosh += [(m.id() << 32) | p for p in m.value_as("positions")]
            m.next()
        assert keys.tolist() == whoosh and len(set(k >> 32 for k in whoosh)) >= share


def test_an_index_without_the_files_still_opens_and_answers_the_same(built: Path, tmp_path: Path) -> None:
    expected = _answers(NewsIndex.open(built))
    old = _copy(built, tmp_path)
    for d in _generation_dirs(old):  # as an older newsindex wrote it
        shutil.rmtree(d)
    ix = NewsIndex.open(old)
    assert _answers(ix) == expected
    assert len(_generation_dirs(old)) == 1  # written for the next process
    assert _answers(NewsIndex.open(old)) == expected


def test_an_unwritable_index_keeps_the_data_in_memory(built: Path, tmp_path: Path, monkeypatch) -> None:
    expected = _answers(NewsIndex.open(built))
    old = _copy(built, tmp_path)
    for d in _generation_dirs(old):
        shutil.rmtree(d)

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(generation, "save", refuse)  # a read-only index directory
    ix = NewsIndex.open(old)
    assert _answers(ix) == expected
    assert ix._generation.source is None
    assert _generation_dirs(old) == []


def test_files_of_other_segments_are_never_used(tmp_path: Path) -> None:
    """Two indexes at the same generation number: one's files copied into the other are ignored."""
    a, b = tmp_path / "a", tmp_path / "b"
    reindex([DEMO], a, workers=1)
    reindex([DEMO / "rt"], b, workers=1)
    gen_b = _generation_dirs(b)[0]
    expected = _answers(NewsIndex.open(b))
    shutil.rmtree(gen_b)
    shutil.copytree(_generation_dirs(a)[0], gen_b)
    assert _answers(NewsIndex.open(b)) == expected


def test_a_reindex_replaces_the_generation_and_keeps_one_before(demo_copy: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    reindex([demo_copy], index_dir, workers=1)
    ix = NewsIndex.open(index_dir)
    before = ix.search("aqueduct").total
    first = ix._state(ix._searcher())
    extra = demo_copy / "extra.txt"
    extra.write_text("Quillan aqueduct reopens\n\nThe Quillan aqueduct reopened on Monday, said Mara Quell.\n")
    reindex([demo_copy], index_dir, workers=1)
    assert ix.search("aqueduct").total == before + 1  # the open index switched to the new generation
    second = ix._state(ix._searcher())
    assert second is not first and second.source is not None
    assert second.source.name == f"{generation.PREFIX}{second.generation}"
    reindex([demo_copy], index_dir, workers=1)
    names = [d.name for d in _generation_dirs(index_dir)]
    assert len(names) == generation.KEEP


def test_threads_share_one_generation_and_one_map_per_segment(built: Path) -> None:
    ix = NewsIndex.open(built)
    seen: list = []

    def search() -> None:
        ix.search("missile defense")
        s = ix._searcher()
        seen.append((ix._state(s), s, [r.storage() for r, _ in s.reader().leaf_readers()]))

    threads = [threading.Thread(target=search) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    states = {id(state) for state, _, _ in seen}
    searchers = {id(s) for _, s, _ in seen}
    assert len(states) == 1  # one generation object for the process, not one per thread
    assert len(searchers) == 4  # each thread still has its own searcher (Whoosh's rule)
    files = {id(storage.a._compound) for _, _, storages in seen for storage in storages}
    assert len(files) == len(seen[0][2])  # ... over the same memory map of each segment


@pytest.fixture(scope="module")
def megaword(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index whose corpus holds one 1 MB 'word' (one article of a fictional harbour town)."""
    root = tmp_path_factory.mktemp("megaword")
    data = root / "articles"
    data.mkdir()
    letters = "abcdefghijklmnopqrstuvwxyz"
    word = "".join(letters[(i * 7 + i // 26) % 26] for i in range(1_000_000))
    (data / "long.txt").write_text(f"Quillan harbour treaty signed\n\nThe Quillan harbour treaty was signed on "
                                   f"Tuesday, said Mara Quell. {word} The council votes on the treaty next week.\n")
    (data / "short.txt").write_text("Harbour council meets\n\nThe Quillan council met to discuss the treaty and "
                                    "the harbour, said Tomas Brint.\n")
    reindex([data], root / "ix", workers=1)
    return root / "ix"


def test_a_megabyte_word_is_neither_filed_nor_expanded(megaword: Path) -> None:
    ix = NewsIndex.open(megaword)
    ix.warm()
    vocab = ix._generation.vocab
    words = [vocab.word(i) for i in range(len(vocab))]
    assert "treaty" in words and "quillan" in words
    assert max(len(w) for w in words) <= MAX_WORD_CHARS
    assert vocab.entries <= (MAX_WORD_CHARS + 1) * len(vocab)  # linear in the vocabulary
    probe = "abc" * 400
    assert vocab.candidates(probe) == []
    assert ix.search(probe + " treaty").total >= 0


def test_cli_search_over_a_megabyte_word(megaword: Path) -> None:
    result = CliRunner().invoke(main, ["search", "treaty", "--index-dir", str(megaword), "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.output)["total"] == 2


def test_spelling_table_gives_the_nearest_then_most_frequent() -> None:
    from indexer.search.spelling import Vocabulary, build_table

    vocab = Vocabulary(build_table({"minister": 40, "monster": 90, "ministers": 5, "missile": 30, "letter": 3}))
    assert vocab.candidates("minster", maxdist=1) == ["monster", "minister"]  # both one edit: most frequent first
    assert vocab.candidates("missle") == ["missile"]
    assert vocab.candidates("leter") == ["letter"]  # a doubled letter's delete is filed once
    assert vocab.frequency("minister") == 40 and vocab.frequency("ministre") == 0
    assert vocab.candidates("x" * (MAX_WORD_CHARS + 1)) == []


def test_an_incremental_commit_writes_exactly_the_arrays_the_index_alone_gives(tmp_path: Path) -> None:
    """The commit's search data lends the previous generation's arrays for the segments it kept (the
    common terms' postings, less newly deleted documents) and counts the vocabulary: every array must
    still be what building from the new index alone gives."""
    data, index_dir = tmp_path / "data", tmp_path / "ix"
    paths = write_articles(data, 300, seed=5)
    reindex([data], index_dir, workers=1)
    rng = random.Random(9)
    for path in paths[:3]:
        path.write_text(article_text(rng, 900 + paths.index(path)), encoding="utf-8")
    paths[3].unlink()
    write_articles(data, 2, seed=6, start=300)
    summary = reindex([data], index_dir, workers=1)
    assert (summary.added, summary.updated, summary.removed) == (2, 3, 1)

    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as s:
        parts = segments(s)
        assert len(parts) == 2 and parts[0][0].reader().has_deletions()  # one kept segment, with deletions
        path = generation.directory(index_dir, ix.latest_generation())
        meta = json.loads((path / "meta.json").read_text())
        written = generation._map_arrays(path / generation.ARRAYS_FILE, meta["arrays"])
        fresh = generation._flat(s)
    assert sorted(written) == sorted(fresh)
    for name, array in fresh.items():
        assert written[name].dtype == array.dtype and np.array_equal(written[name], array), name
