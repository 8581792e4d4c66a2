"""Format detection (extension, content sniffing, --format override) and sidecar metadata tables."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from indexer.errors import ReaderError
from indexer.ingest.readers import (
    EXTENSIONS,
    READERS,
    STREAM_READERS,
    detect_format,
    read_file,
)
from indexer.ingest.sources import SourceSettings
from indexer.models import RawArticle

PLAIN = "Ferry timetable to change\n\nCouncillor Marta Quillfeather said the crossings would double.\n"


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("a.txt", PLAIN, "text"),
    ("noext", PLAIN, "text"),
    ("noext", "<!DOCTYPE html><html><body>x</body></html>", "html"),
    ("page.xml", '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
    ("TIME.ALL", "*TEXT 001 01/01/63 PAGE 001\n\nX\n", "smart"),
    ("x.unknown", "[]", "json"),
    ("a.ndjson", "{}", "jsonl"),
    ("a.tab", "a\tb", "tsv"),
])
def test_detect(tmp_path: Path, name: str, content: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    assert detect_format(path, SourceSettings()) == expected


@pytest.mark.parametrize(("name", "reason"), [
    ("README", "documentation"), ("SOURCE.txt", "documentation"), ("a.ann", "not an article format"),
    ("words.stp", "not an article format"), ("metadata.tsv", "sidecar metadata"),
    ("x.unknown", "unsupported file type"),
])
def test_detect_refusals(tmp_path: Path, name: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text("plain words here")
    with pytest.raises(ReaderError, match=reason):
        detect_format(path, SourceSettings())


def test_binary_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(b"\x7fELF\x00\x00\x00")
    with pytest.raises(ReaderError, match="binary"):
        detect_format(path, SourceSettings())


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty"),
    ("empty.json", b"   ", "empty"),
    ("blob.json", b"[\x00\x00\x01\x02", "binary"),
    ("empty.csv", b"", "empty"),
    ("blob.csv", b"body\n\x00\x00\x00", "binary"),
    ("empty.htm", b"", "empty"),
    ("blob.html", b"<html>\x00\x01\x02" * 100, "binary"),
])
def test_empty_and_binary_files_are_refused_with_the_reason(tmp_path: Path, name: str, content: bytes,
                                                            reason: str) -> None:
    """Every reader names the reason (counted in the summary) instead of indexing nothing silently."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReaderError, match=reason):
        list(read_file(path, path.name, SourceSettings()))


def test_format_override_and_aliases(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text('{"body": "x"}\n')
    assert detect_format(path, SourceSettings(format="ndjson")) == "jsonl"
    with pytest.raises(ReaderError, match="unknown format"):
        detect_format(path, SourceSettings(format="docx"))


def test_every_extension_has_a_reader() -> None:
    assert set(EXTENSIONS.values()) <= set(READERS)
    assert set(STREAM_READERS) <= set(READERS)


def _write_sidecar_tree(root: Path) -> Path:
    (root / "data" / "train" / "text").mkdir(parents=True)
    (root / "data" / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\tauthor\ttitle\n"
        "train\tgazette_2016-05-01_ferry\tlowmere-gazette\t2016-05-01\tOsric Vandermolen\tFerry timetable to change\n"
        "train\tgazette_2016-05-02_other\tlowmere-gazette\tNone\tNone\tOther\n")
    article = root / "data" / "train" / "text" / "gazette_2016-05-01_ferry.txt"
    article.write_text(PLAIN)
    return article


def test_sidecar_metadata_applies(tmp_path: Path) -> None:
    path = _write_sidecar_tree(tmp_path)
    [article] = list(read_file(path, path.name, SourceSettings()))
    assert isinstance(article, RawArticle)
    assert article.source == "lowmere-gazette" and article.authors == ("Osric Vandermolen",)
    assert article.date == datetime(2016, 5, 1, tzinfo=UTC) and article.date_text == "2016-05-01"
    assert article.title == "Ferry timetable to change"
    [overridden] = list(read_file(path, path.name, SourceSettings(source="LG")))
    assert overridden.source == "LG"  # settings beat the sidecar for the source


def test_no_sidecar_row_leaves_article_alone(tmp_path: Path) -> None:
    path = _write_sidecar_tree(tmp_path)
    other = path.with_name("unlisted.txt")
    other.write_text(PLAIN)
    [article] = list(read_file(other, other.name, SourceSettings()))
    assert article.source is None and article.date is None
