"""A table whose first row is data (no header) is read, with its longest text column as the body."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import ReaderError
from indexer.ingest.readers import read_file
from indexer.ingest.sources import SourceSettings
from indexer.models import RawArticle


def test_headerless_tsv_rows_are_all_read(tmp_path: Path):
    path = tmp_path / "statements.tsv"
    path.write_text("101.json\ttrue\tSays the Sarn reservoir is at its lowest level since records began.\twater\n"
                    "102.json\tfalse\tClaims the Halsk radar was moved twelve kilometres last spring.\tdefence\n",
                    encoding="utf-8")
    items = list(read_file(path, str(path), SourceSettings()))
    assert all(isinstance(i, RawArticle) for i in items)
    assert [i.record_id for i in items] == ["101.json", "102.json"]
    assert items[1].body.startswith("Claims the Halsk radar")


def test_a_real_header_without_a_body_column_is_still_reported(tmp_path: Path):
    path = tmp_path / "t.csv"
    path.write_text("title,date\nNo body,2020-01-01\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="no body column"):
        list(read_file(path, str(path), SourceSettings()))
