"""The Whoosh adapter (indexer/whoosh_io.py): what it returns, pinned against Whoosh's own public API on a
real index, and the rule that no other module reaches below that API.

If Whoosh is upgraded, these tests say which internal changed; the adapter itself refuses to load with
a message naming the pinned and the installed versions.
"""

from __future__ import annotations

import ast
import re
import warnings
from pathlib import Path

import pytest
import whoosh
from whoosh import fields, index
from whoosh import query as Q
from whoosh.analysis import RegexTokenizer, StemFilter
from whoosh.matching import ListMatcher
from whoosh.writing import SegmentWriter

from indexer import whoosh_io
from indexer.schema import NAMES, SCHEMA, STEM
from indexer.whoosh_io import (
    PostingWalk,
    WhooshInternalsChanged,
    analyzer_stage,
    decode_positions,
    is_null_query,
    require,
    segments,
    speed_up_commit,
    term_postings,
)

ROOT = Path(__file__).resolve().parents[1]
WORDS = "ferry council tide pier ballast lantern gull beacon".split()  # "harbour" is in every document


def documents(n: int) -> list[dict[str, str]]:
    """Fictional harbour notes: "harbour" in every document (several posting blocks), other words in some."""
    return [{"id": f"d{i}", "body": " ".join(["harbour"] + [WORDS[(i * k) % len(WORDS)] for k in range(1, 2 + i % 7)]
                                            + ["harbour"] * (i % 3))}
            for i in range(n)]


def build(path: Path, docs: list[dict[str, str]], *, fast: bool = False, batches: int = 1):
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), body=fields.TEXT(analyzer=STEM))
    path.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(path), schema)
    size = -(-len(docs) // batches)
    for start in range(0, len(docs), size):
        writer = ix.writer()
        if fast:
            speed_up_commit(writer)
        for doc in docs[start:start + size]:
            writer.add_document(**doc)
        writer.commit(merge=False)  # one segment per batch: offsets are exercised
    return ix


def reference(reader, field: str, text: bytes) -> tuple[list[int], list[float], list[list[int]]]:
    """Document numbers, weights and positions through Whoosh's public matcher API, one posting at a time."""
    ids, weights, positions = [], [], []
    m = reader.postings(field, text)
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        positions.append(list(m.value_as("positions")))
        m.next()
    return ids, weights, positions


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    ix = build(tmp_path_factory.mktemp("harbour"), documents(700), batches=2)
    with ix.searcher() as s:
        yield s


def test_the_installed_whoosh_is_the_release_the_adapter_was_written_for():
    pin = re.search(r"^Whoosh-Reloaded==(\S+)$", (ROOT / "requirements.txt").read_text(), re.MULTILINE)
    assert pin and pin.group(1) == whoosh_io.PINNED_VERSION
    assert whoosh_io.INSTALLED_VERSION == ".".join(map(str, whoosh.__version__)) == whoosh_io.PINNED_VERSION


def test_a_missing_internal_is_reported_with_both_versions():
    with pytest.raises(WhooshInternalsChanged) as caught:
        require(object(), ("_read_ids", "is_active"), "whoosh.codec.whoosh3.W3LeafMatcher")
    message = str(caught.value)
    assert "W3LeafMatcher._read_ids" in message and "is_active" not in message.split("relies on")[1].split(",")[0]
    assert f"Whoosh-Reloaded {whoosh_io.PINNED_VERSION}" in message
    assert f"installed Whoosh {whoosh_io.INSTALLED_VERSION}" in message


def test_the_index_has_two_segments(harbour):
    assert [off for _, off in segments(harbour)] == [0, 350]


@pytest.mark.parametrize("word", ["harbour", "lantern", "gull"])
def test_posting_blocks_give_what_the_matcher_gives(harbour, word):
    text = word.encode()
    for sub, _ in segments(harbour):
        reader = sub.reader()
        ids, weights, positions = reference(reader, "body", text)
        walk = term_postings(reader, "body", text)
        blocks = list(walk)
        assert walk.blockwise and not walk.stopped
        assert [d for b, _ in blocks for d in b] == ids
        assert [w for _, b in blocks for w in b] == pytest.approx(weights)
        fmt = harbour.schema["body"].format
        values = [v for _, vs in term_postings(reader, "body", text, values=True) for v in vs]
        assert [decode_positions(fmt, v) for v in values] == positions


@pytest.mark.parametrize("word", ["harbour", "lantern", "gull"])
def test_a_segment_with_deleted_documents_is_still_read_by_blocks_without_them(tmp_path, word):
    ix = build(tmp_path / "ix", documents(400))
    writer = ix.writer()
    for n in (0, 1, 2, 5, 130, 131, 200, 399):  # the first postings, inside and across block boundaries
        writer.delete_by_term("id", f"d{n}")
    writer.commit(merge=False)
    with ix.searcher() as s:
        reader = segments(s)[0][0].reader()
        assert reader.has_deletions()
        text = word.encode()
        ids, weights, positions = reference(reader, "body", text)
        walk = term_postings(reader, "body", text)
        blocks = list(walk)
        assert walk.blockwise
        assert [int(d) for b, _ in blocks for d in b] == ids and not {0, 1, 130, 399} & set(ids)
        assert [w for _, b in blocks for w in b] == pytest.approx(weights)
        fmt = s.schema["body"].format
        values = [v for _, vs in term_postings(reader, "body", text, values=True) for v in vs]
        assert [decode_positions(fmt, v) for v in values] == positions


def test_a_common_word_spans_several_blocks(harbour):
    reader = segments(harbour)[0][0].reader()
    assert len(list(term_postings(reader, "body", b"harbour"))) >= 3  # 350 postings, 128 a block


def test_stop_is_asked_before_each_block(harbour):
    reader = segments(harbour)[0][0].reader()
    asked = []
    walk = term_postings(reader, "body", b"harbour", stop=lambda: asked.append(1) or len(asked) > 1)
    assert len(list(walk)) == 1 and walk.stopped


def test_an_absent_term_has_no_postings(harbour):
    assert term_postings(segments(harbour)[0][0].reader(), "body", b"zeppelin") is None


def test_a_matcher_that_is_not_on_disk_is_walked_a_posting_at_a_time():
    walk = PostingWalk(ListMatcher([2, 5, 9], all_weights=1.5))
    assert not walk.blockwise
    assert [(list(ids), list(ws)) for ids, ws in walk] == [([2, 5, 9], [1.5, 1.5, 1.5])]
    with pytest.raises(ValueError):
        list(PostingWalk(ListMatcher([2]), values=True))


def test_the_commit_speed_up_writes_the_same_index(tmp_path):
    docs = documents(300)
    plain = build(tmp_path / "plain", docs, batches=3)
    fast = build(tmp_path / "fast", docs, fast=True, batches=3)
    with plain.searcher() as a, fast.searcher() as b:
        assert a.doc_count() == b.doc_count() == 300
        for docnum in range(300):
            assert a.doc_field_length(docnum, "body") == b.doc_field_length(docnum, "body")
        q = Q.Or([Q.Term("body", "harbour"), Q.Term("body", "lantern")])  # stemmed forms
        assert [(h["id"], h.score) for h in a.search(q, limit=20)] == [(h["id"], h.score) for h in b.search(q, limit=20)]


def test_the_commit_speed_up_reads_the_lengths_whoosh_reads(tmp_path):
    ix = build(tmp_path / "ix", documents(50))
    writer = ix.writer()
    assert isinstance(writer, SegmentWriter)
    try:
        for doc in documents(60)[50:]:
            writer.add_document(**doc)
        writer.perdocwriter.close()  # what the flush does before it reads lengths back
        original = writer.per_document_reader()
        speed_up_commit(writer)
        faster = writer.per_document_reader()
        for docnum in range(10):
            assert faster.doc_field_length(docnum, "body") == original.doc_field_length(docnum, "body")
        assert faster.doc_field_length(0, "no_such_field", 7) == original.doc_field_length(0, "no_such_field", 7)
    finally:
        writer.cancel()


def test_null_query_is_recognised_whatever_instance():
    assert is_null_query(Q.NullQuery)
    assert is_null_query(Q.Or([]).normalize())
    assert is_null_query(type(Q.NullQuery)())
    assert not is_null_query(Q.Term("body", "ferry"))
    assert not is_null_query(Q.Every())


def test_analyzer_stages_are_found_by_type():
    assert isinstance(analyzer_stage(STEM, RegexTokenizer), RegexTokenizer)
    stemmer = analyzer_stage(SCHEMA["body"].analyzer, StemFilter)
    assert stemmer.stemfn("missiles") == "missil"
    with pytest.raises(LookupError):
        analyzer_stage(NAMES, StemFilter)  # names are not stemmed
    tokenizer = RegexTokenizer()
    assert analyzer_stage(tokenizer, RegexTokenizer) is tokenizer


# -- nobody else reaches below Whoosh's public API ----------------------------------------------------

def _private_names(tree: ast.AST) -> set[str]:
    """``_``-prefixed (not dunder) attribute and definition names in a module."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def _defined_names(tree: ast.AST) -> set[str]:
    """Names a project module defines itself: functions, classes, module globals, ``self._x`` attributes."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return names


def _project_modules() -> list[Path]:
    return sorted(p for package in ("indexer", "webui") for p in (ROOT / package).rglob("*.py"))


def whoosh_private_uses(path: Path, whoosh_private: set[str], ours: set[str]) -> list[str]:
    """Where a module imports a ``_`` name from Whoosh, reaches one through a Whoosh name
    (``Q.NullQuery.__class__``), or uses a ``_`` attribute that only Whoosh defines (``matcher._ids``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    whoosh_aliases = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
            for alias in node.names:
                whoosh_aliases.add(alias.asname or alias.name)
                if alias.name.startswith("_") or "._" in node.module:
                    found.append(f"{path.name}:{node.lineno} imports {node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("whoosh"):
                    whoosh_aliases.add((alias.asname or alias.name).split(".")[0])
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
            continue
        root = node.value
        while isinstance(root, ast.Attribute):
            root = root.value
        via_whoosh = isinstance(root, ast.Name) and root.id in whoosh_aliases
        whoosh_only = node.attr in whoosh_private and node.attr not in ours and not node.attr.startswith("__")
        if via_whoosh or whoosh_only:
            found.append(f"{path.name}:{node.lineno} uses .{node.attr}")
    return found


@pytest.fixture(scope="module")
def private_names():
    whoosh_root = Path(whoosh.__file__).parent
    whoosh_private = set()
    for path in whoosh_root.rglob("*.py"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # invalid escapes in Whoosh's bundled pyparsing
                whoosh_private |= _private_names(ast.parse(path.read_text(encoding="utf-8")))
        except SyntaxError:  # dead legacy modules in the wheel (see the Whoosh brief)
            continue
    ours = set()
    for path in _project_modules():
        if path.name == "whoosh_io.py":
            continue
        ours |= _defined_names(ast.parse(path.read_text(encoding="utf-8")))
    return whoosh_private, ours


def test_the_check_sees_the_internals_the_adapter_uses(private_names):
    whoosh_private, ours = private_names
    adapter = ROOT / "indexer" / "whoosh_io.py"
    found = " ".join(whoosh_private_uses(adapter, whoosh_private, ours))
    for name in ("_lenfield", "_read_ids", "_next_block", "_cached_reader", "_ids"):
        assert name in found


def test_no_module_but_the_adapter_uses_a_private_whoosh_name(private_names):
    whoosh_private, ours = private_names
    found = [use for path in _project_modules() if path.name != "whoosh_io.py"
             for use in whoosh_private_uses(path, whoosh_private, ours)]
    assert found == []


def _all_postings(ix) -> list[tuple]:
    with ix.searcher() as s:
        r = s.reader()
        return [(text, reference(r, "body", text)) for text in r.lexicon("body")]


def test_spilled_posting_runs_read_back_the_same_in_chunks(tmp_path):
    """A 1 MB posting buffer spills several sorted runs to disk; chunked runs give the same index."""
    docs = [{"id": f"d{i}", "body": " ".join(f"{w}{(i * k) % 97}" for k, w in enumerate(WORDS * 6))}
            for i in range(600)]
    indexes = []
    for name, fast in (("plain", False), ("chunked", True)):
        ix = index.create_in(str(tmp_path.joinpath(name).mkdir() or tmp_path / name),
                             fields.Schema(id=fields.ID(stored=True, unique=True), body=fields.TEXT(analyzer=STEM)))
        writer = ix.writer(limitmb=1)
        if fast:
            speed_up_commit(writer)
        for doc in docs:
            writer.add_document(**doc)
        spilled = writer.pool.runs[:] if fast else None
        writer.commit()
        if fast:
            assert len(spilled) >= 2  # the runs really were written (and read back) in chunks
        indexes.append(ix)
    assert _all_postings(indexes[0]) == _all_postings(indexes[1])


def _block_compression(ix, text: bytes) -> list[int]:
    """The compression level each posting block of ``body:text`` records (what a reader goes by)."""
    with ix.searcher() as s:
        m = s.reader().postings("body", text)
        levels = []
        while m.is_active():
            levels.append(m._compression)
            m._next_block()
        return levels


def test_small_posting_blocks_are_written_raw_and_read_back_the_same(tmp_path):
    """Blocks of a posting or two are left uncompressed; long ones still compressed; the postings identical."""
    docs = documents(300) + [{"id": "rare", "body": "harbour lighthouse"}]
    plain = build(tmp_path / "plain", docs)
    fast = build(tmp_path / "fast", docs, fast=True)
    assert _all_postings(plain) == _all_postings(fast)
    rare = next(t for t in fast.reader().lexicon("body") if fast.reader().doc_frequency("body", t) == 1)
    assert _block_compression(plain, rare) == [3] and _block_compression(fast, rare) == [0]
    assert set(_block_compression(fast, b"harbour")) == {3}  # 300 postings: full blocks are compressed


def test_document_frequencies_summed_by_segment_are_whooshs_merged_ones(harbour):
    reader = harbour.reader()
    assert len(list(reader.leaf_readers())) == 2
    merged = {term: info.doc_frequency() for term, info in reader.iter_field("body")}
    assert whoosh_io.document_frequencies(reader, "body") == merged and merged[b"harbour"] == 700
