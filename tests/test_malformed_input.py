"""Malformed input: every bad file is reported as skipped or indexed with the field missing; nothing else is lost."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from indexer import NewsIndex, reindex

from .synthetic import write_articles

GOOD = 40


def _bad_files(folder: Path) -> dict[str, str]:
    """name -> expectation: "skipped" or "indexed" (possibly with the date missing)."""
    folder.mkdir()
    files = {
        "binary.txt": (bytes(range(256)) * 64, "skipped"),
        "empty.txt": (b"", "skipped"),
        "whitespace.txt": (b" \n\t\n ", "skipped"),
        "invalid-utf8.txt": (b"Bad bytes \xff\xfe here\n\nThe \xc3\x28 council of Lorvant met on Monday.\n", "indexed"),
        "mixed-encodings.txt": ("Caf\u00e9 vote\n\nThe caf\u00e9 owners met. ".encode() + b"Na\xefve prices rose.\n",
                                "indexed"),
        "impossible-date.txt": (b"2012-02-30\n\nLeap day vote\n\nThe council of Halsk voted on the leap day plan.\n",
                                "indexed-nodate"),
        "far-future.txt": (b"12 Mar, 2999 10:00\n\nFuture vote\n\nThe council of Halsk voted on a plan.\n",
                           "indexed-nodate"),
        "before-1900.txt": (b"14 Oct, 1899 09:00\n\nHarbour report\n\nThe Port Osran quay was quiet, said Odo Venn.\n",
                            "indexed-nodate"),
        "deep.html": (("<html><body>" + "<div>" * 5000 + "<p>The Wexmoor ferry resumed service on Monday after "
                       "the strike ended, officials said.</p>" + "</div>" * 5000 + "</body></html>").encode(), "any"),
        "scripts.html": (("<html><head><title>Ferry news</title></head><body>" + "<script>alert(1)</script>" * 3000
                          + "<p>The Wexmoor ferry resumed service on Monday after the strike ended, a spokesman "
                            "for the operator said in a statement to reporters.</p></body></html>").encode(), "any"),
        "no-body.html": (b"<html><head><title>Nothing</title></head><body></body></html>", "skipped"),
        "wrong-types.json": (json.dumps([{"title": 5, "body": ["not", "text"], "date": {"x": 1}},
                                         {"title": "Good record", "body": "The Sarn reservoir rose, said Lucia Derrant.",
                                          "date": "2023-01-02"}]).encode(), "any"),
        "bad-lines.jsonl": (b'{"title": "Line one", "body": "The Halsk radar was moved, said Casimir Thorne."}\n'
                            b'{not json\n[1, 2]\n'
                            b'{"title": "Line four", "body": "The treaty talks resumed, said Ilse Marrow."}\n', "any"),
        "missing-column.csv": (b"title,date\nNo body here,2020-01-01\n", "skipped"),
        "truncated.txt.gz": (gzip.compress(b"1 May, 2020 10:00\n\nCut off\n\nThe story was " * 50)[:-30], "any"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: expect for name, (_, expect) in files.items()}


def test_bad_files_are_reported_or_indexed_and_good_ones_all_survive(tmp_path: Path):
    good = tmp_path / "corpus" / "good"
    write_articles(good, GOOD, seed=11)
    expectations = _bad_files(tmp_path / "corpus" / "bad")
    huge = tmp_path / "corpus" / "bad" / "huge.txt"
    with open(huge, "wb") as fh:  # 50 MB: refused by size, never loaded whole
        fh.write(b"Huge file\n\n")
        fh.write((b"The council met again and again and again. " * 1000 + b"\n") * 1200)
    expectations["huge.txt"] = "skipped"

    summary = reindex([tmp_path / "corpus"], tmp_path / "ix", workers=2)
    ix = NewsIndex.open(tmp_path / "ix")
    skipped = {Path(s.source_file.split("!")[0]).name: s.reason for s in summary.skipped}
    indexed = {Path(ix.get(h.id).source_file).name: ix.get(h.id) for h in ix.search("", per_page=100).hits}

    assert sum(name.startswith("article-") for name in indexed) == GOOD
    for name, expect in expectations.items():
        assert name in skipped or name in indexed, f"{name} was neither indexed nor reported"
        if expect == "skipped":
            assert name in skipped and skipped[name], name
        if expect.startswith("indexed"):
            assert name in indexed, (name, skipped.get(name))
        if expect == "indexed-nodate":
            assert indexed[name].date is None, name
    assert indexed["invalid-utf8.txt"].decode_fallback is True
    assert "too large" in skipped["huge.txt"]


@pytest.mark.parametrize("name", ["Good record", "Line one", "Line four"])
def test_good_records_inside_bad_files_are_kept(tmp_path: Path, name: str):
    _bad_files(tmp_path / "bad")
    reindex([tmp_path / "bad"], tmp_path / "ix", workers=1)
    assert NewsIndex.open(tmp_path / "ix").search(f'title:"{name}"').total == 1
