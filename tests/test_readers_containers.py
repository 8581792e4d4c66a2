"""Compressed files and zip archives, including truncated and corrupt ones."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import zipfile
from pathlib import Path

import pytest

from indexer.errors import ReaderError
from indexer.ingest.readers import detect_format
from indexer.ingest.sources import SourceSettings

from .readers import read


def jsonl(n: int) -> bytes:
    return "".join(json.dumps({"id": f"r{i}", "body": f"Report {i} by Solveig Harrow. " + "pad " * 50}) + "\n"
                   for i in range(n)).encode()


TEXT = b"Harbour wall repaired\n\nInspector Tobiah Fenwright said the wall would hold this winter.\n"


@pytest.mark.parametrize(("suffix", "compress"), [(".gz", gzip.compress), (".xz", lzma.compress), (".bz2", bz2.compress)])
def test_compressed_jsonl(tmp_path: Path, suffix: str, compress) -> None:
    path = tmp_path / f"reports.jsonl{suffix}"
    path.write_bytes(compress(jsonl(5)))
    assert detect_format(path, SourceSettings()) in {"gzip", "xz", "bz2"}
    articles, skipped = read(path)
    assert not skipped
    assert [a.record_id for a in articles] == [f"r{i}" for i in range(5)]
    assert all(a.source_file == path.name and a.format == "jsonl" for a in articles)


def test_compressed_text_and_sniffed_inner(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(TEXT))
    [article], _ = read(path)
    assert article.title == "Harbour wall repaired" and article.format == "text"
    sniffed = tmp_path / "dump.gz"  # no inner extension: the decompressed bytes decide
    sniffed.write_bytes(gzip.compress(b'[{"body": "Clerk Wynn Abernathy resigned."}]'))
    [article], _ = read(sniffed)
    assert article.format == "json"


def test_truncated_gzip_keeps_records_read_before(tmp_path: Path) -> None:
    data = gzip.compress(jsonl(2000))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    articles, skipped = read(path)
    assert 0 < len(articles) < 2000
    assert [a.record_id for a in articles] == [f"r{i}" for i in range(len(articles))]
    assert len(skipped) == 1 and "truncated or corrupt compressed data" in skipped[0].reason
    assert "rest not read" in skipped[0].reason and skipped[0].source_file == path.name


def test_truncated_gzip_single_document_fails_whole(tmp_path: Path) -> None:
    data = gzip.compress(TEXT * 50)
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReaderError, match="truncated or corrupt compressed data"):
        read(path)


def test_not_really_gzip(tmp_path: Path) -> None:
    path = tmp_path / "fake.json.gz"
    path.write_bytes(b"this is not gzip at all")
    with pytest.raises(ReaderError, match="compressed data"):
        read(path)


def test_zip_members(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bundle/README.txt", "About this bundle.")
        archive.writestr("bundle/docs/harbour-1.txt", TEXT)
        archive.writestr("bundle/keys/harbour-1.key", "harbour wall\nTobiah Fenwright\n")
        archive.writestr("bundle/lan.txt", "en-US")
        archive.writestr("bundle/more.jsonl.gz", gzip.compress(jsonl(2)))
        archive.writestr("bundle/blob.txt", b"\x00\x01\x02\x03")
        archive.writestr("__MACOSX/bundle/._harbour-1.txt", b"\x00junk")
        archive.writestr("bundle/empty/", b"")
    articles, skipped = read(path)
    assert [(a.source_file, a.record_id) for a in articles] == [
        ("bundle.zip!bundle/docs/harbour-1.txt", "bundle/docs/harbour-1.txt"),
        ("bundle.zip!bundle/more.jsonl.gz", "bundle/more.jsonl.gz#r0"),
        ("bundle.zip!bundle/more.jsonl.gz", "bundle/more.jsonl.gz#r1"),
    ]
    reasons = {s.source_file.split("!")[1]: s.reason for s in skipped}
    assert reasons == {
        "bundle/README.txt": "documentation file, not an article",
        "bundle/keys/harbour-1.key": "not an article format (.key)",
        "bundle/lan.txt": "too short to be an article (1 word)",
        "bundle/blob.txt": "binary file (NUL bytes), not text",
    }


def test_bad_and_empty_zip(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ReaderError, match="not a readable zip"):
        read(bad)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    with pytest.raises(ReaderError, match="empty zip"):
        read(empty)


def test_format_override_applies_inside_containers(tmp_path: Path) -> None:
    path = tmp_path / "export.dat.gz"
    path.write_bytes(gzip.compress(b"headline\tstory\nQuay news\tHarbourmaster Ione Skelby retired.\n"))
    [article], _ = read(path, SourceSettings(format="tsv"))
    assert article.title == "Quay news" and article.format == "tsv"
