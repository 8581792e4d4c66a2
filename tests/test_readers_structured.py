"""JSON, JSON Lines and CSV/TSV readers: field mapping, bad records, streaming."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from indexer.errors import ReaderError
from indexer.ingest.readers import detect_format, read_file
from indexer.ingest.sources import SourceSettings
from indexer.models import RawArticle

from .readers import read

ARTICLES = [
    {"id": "a1", "headline": "Bridge reopens", "text": "Engineer Petra Lindqvist-Amos said the bridge is safe.",
     "published": "2020-03-01T08:00:00Z", "link": "https://news.example.com/bridge", "byline": "Rolf Ambersby",
     "publisher": "Example News", "tags": ["transport", "town"]},
    {"uuid": "b2", "title": "Orchard sold", "content": "Farmer Hollis Brenneman sold the orchard.",
     "date": "2020-03-02", "authors": ["Ada Whitlock", {"name": "Cyr Pelham"}]},
]


# ------------------------------------------------------------------ JSON


def test_json_array_defaults(tmp_path: Path) -> None:
    path = tmp_path / "news.json"
    path.write_text(json.dumps(ARTICLES))
    articles, skipped = read(path)
    assert not skipped
    first, second = articles
    assert (first.record_id, first.title, first.url, first.source) == ("a1", "Bridge reopens", "https://news.example.com/bridge", "Example News")
    assert first.date == datetime(2020, 3, 1, 8, tzinfo=UTC)
    assert first.authors == ("Rolf Ambersby",) and first.tags == ("transport", "town")
    assert second.record_id == "b2" and second.authors == ("Ada Whitlock", "Cyr Pelham")
    assert second.date == datetime(2020, 3, 2, tzinfo=UTC)
    assert first.format == "json"


@pytest.mark.parametrize("key", ["articles", "items", "data"])
def test_json_wrapped_list(tmp_path: Path, key: str) -> None:
    path = tmp_path / "news.json"
    path.write_text(json.dumps({"status": "ok", "count": 2, key: ARTICLES}))
    articles, _ = read(path)
    assert [a.record_id for a in articles] == ["a1", "b2"]


def test_json_records_path_and_nested_fields(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    docs = [{"meta": {"headline": "Quay repaired", "when": "2019-07-07"}, "story": {"paras": ["One.", "Two."]}}]
    path.write_text(json.dumps({"response": {"docs": docs}}))
    settings = SourceSettings(fields={"records": "response.docs", "title": "meta.headline", "date": "meta.when",
                                      "body": "story.paras"})
    [article], _ = read(path, settings)
    assert article.title == "Quay repaired" and article.body == "One.\n\nTwo."
    assert article.record_id == "1"  # 1-based position when the record has no id
    assert article.date == datetime(2019, 7, 7, tzinfo=UTC)


def test_json_single_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(ARTICLES[0]))
    [article], _ = read(path)
    assert article.record_id == "a1"


def test_json_wrong_types_are_skipped_and_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([
        {"id": 1, "body": 42},
        "just a string",
        {"id": 3, "body": "Ok body from Nell Corrigan.", "title": {"nested": True}},
        {"id": 4, "body": "Fine body about Wendel Ashcombe.", "date": [2020]},
        {"id": 5},
        {"id": 6, "body": "Good record by Tamsin Roole."},
    ]))
    articles, skipped = read(path)
    assert [a.record_id for a in articles] == ["6"]
    reasons = {s.record_id: s.reason for s in skipped}
    assert "body" in reasons["1"] and "int" in reasons["1"]
    assert "not an object" in reasons["2"]
    assert "title" in reasons["3"] and "date" in reasons["4"] and "missing body" in reasons["5"]
    assert all(s.source_file == "mixed.json" for s in skipped)


def test_json_invalid_after_some_records(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text(json.dumps(ARTICLES)[:-1] + ', {"id": "x", "body": "half')
    articles, skipped = read(path)
    assert [a.record_id for a in articles] == ["a1", "b2"]
    assert len(skipped) == 1 and "rest of file not read" in skipped[0].reason


def test_json_invalid_from_start(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json at all")
    with pytest.raises(ReaderError, match="invalid JSON"):
        read(path)


def test_json_streams_large_arrays_across_buffer_boundaries(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    records = [{"id": i, "body": f"Record {i} by Quentin Marlowe. " + "x" * (i % 5000)} for i in range(3000)]
    path.write_text(json.dumps(records, indent=1))
    articles, skipped = read(path)
    assert not skipped and len(articles) == 3000 and articles[-1].record_id == "2999"


def test_jsonl_invalid_lines_among_valid_ones(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"body": "Line one about Greta Haverford."}), "{broken json", "",
             json.dumps(["not", "an", "object"]), json.dumps({"title": "Headline only"}), json.dumps({"id": "x"}),
             json.dumps({"guid": "g5", "body": "Line five about Milo Thackeray."})]
    path.write_text("\n".join(lines) + "\n")
    articles, skipped = read(path)
    assert [(a.record_id, a.format) for a in articles] == [("1", "jsonl"), ("5", "jsonl"), ("g5", "jsonl")]
    assert articles[1].title == articles[1].body == "Headline only"  # kept, as the SGML reader keeps briefs
    assert [(s.record_id, s.reason.split(":")[0]) for s in skipped] == [
        ("2", "invalid JSON"), ("4", "record is a list, not an object"), ("x", "missing body text and title")]


def test_jsonl_field_override_and_latin1_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.ndjson"
    path.write_bytes(json.dumps({"statement": "Claim by Renée Falk."}, ensure_ascii=False).encode("cp1252") + b"\n")
    [article], _ = read(path, SourceSettings(fields={"body": "statement"}))
    assert article.body == "Claim by Renée Falk." and article.decode_fallback


def test_jsonl_streams_without_loading_whole(tmp_path: Path) -> None:
    """A generator: the first record is available before the rest of the file is parsed."""
    path = tmp_path / "stream.jsonl"
    path.write_text("".join(json.dumps({"body": f"Record {i} about Edda Morrow."}) + "\n" for i in range(10000)))
    items = read_file(path, path.name, SourceSettings())
    first = next(items)
    assert isinstance(first, RawArticle) and first.record_id == "1"


def test_jsonl_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "dump"
    path.write_text('{"body": "a"}\n{"body": "b"}\n')
    assert detect_format(path, SourceSettings()) == "jsonl"


# ------------------------------------------------------------------ CSV / TSV


def test_csv_with_header_and_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text('id,title,body,date,author\n'
                    'c1,Dam inspected,"Inspector Yara Colfax said, ""all is well"".\nSecond paragraph.",2018-06-01,Bram Okonedo\n'
                    'c2,Short row\n'
                    'c3,No body,,2018-06-03,Lise Farrant\n'
                    'c4,Ok,Body from Anselm Voight.,not a date,\n')
    articles, skipped = read(path)
    assert [a.record_id for a in articles] == ["c1", "c3", "c4"]
    assert articles[1].title == articles[1].body == "No body"  # a headline-only row is kept
    c1 = articles[0]
    assert c1.body == 'Inspector Yara Colfax said, "all is well".\nSecond paragraph.'
    assert c1.authors == ("Bram Okonedo",) and c1.date == datetime(2018, 6, 1, tzinfo=UTC)
    assert articles[2].date is None and articles[2].date_text == "not a date"
    assert [(s.record_id, s.reason) for s in skipped] == [("4", "row has 2 columns, header has 5")]  # line numbers


def test_csv_without_body_column(tmp_path: Path) -> None:
    path = tmp_path / "prices.csv"
    path.write_text("ticker,price\nABC,1.0\n")
    with pytest.raises(ReaderError, match="no body column"):
        read(path)


def test_tsv_headerless_by_column_number(tmp_path: Path) -> None:
    """A LIAR-shaped file: no header, no quoting, statement in column 3, subjects in column 4."""
    path = tmp_path / "claims.tsv"
    path.write_text('7.json\ttrue\t"Quoted" start of a claim by Dara Penhallow.\ttaxes,economy\tdara-penhallow\n'
                    '8.json\tfalse\tSecond claim.\thealth\tjon-tarrow\n')
    settings = SourceSettings(source="FactDesk", fields={"header": "none", "record_id": "1", "body": "3", "tags": "4"})
    articles, skipped = read(path, settings)
    assert not skipped
    assert articles[0].body == '"Quoted" start of a claim by Dara Penhallow.'
    assert articles[0].record_id == "7.json" and articles[0].tags == ("taxes", "economy")
    assert articles[0].source == "FactDesk" and articles[0].format == "tsv"


def test_tsv_header_override_by_names(tmp_path: Path) -> None:
    path = tmp_path / "claims.tsv"
    path.write_text("9.json\tSome claim by Ivo Harrowgate.\teducation\n")
    settings = SourceSettings(fields={"columns": "id,statement,subject", "body": "statement", "tags": "subject"})
    [article], _ = read(path, settings)
    assert (article.record_id, article.body, article.tags) == ("9.json", "Some claim by Ivo Harrowgate.", ("education",))


def test_headerless_without_body_mapping(tmp_path: Path) -> None:
    path = tmp_path / "claims.tsv"
    path.write_text("1\t2\n")
    with pytest.raises(ReaderError, match="body"):
        read(path, SourceSettings(fields={"header": "none"}))


def test_format_override(tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    path.write_text("headline;story\nHarbour news;Harbourmaster Ione Skelby retired.\n")
    settings = SourceSettings(format="csv", fields={"delimiter": ";"})
    [article], _ = read(path, settings)
    assert article.title == "Harbour news"


def test_json_lines_saved_as_json(tmp_path: Path) -> None:
    path = tmp_path / "mislabelled.json"
    path.write_text('{"id": "m1", "body": "First by Hester Quarles."}\n{"id": "m2", "body": "Second."}\n')
    articles, skipped = read(path)
    assert [a.record_id for a in articles] == ["m1", "m2"] and not skipped


def test_json_trailing_garbage_reported(tmp_path: Path) -> None:
    path = tmp_path / "trailing.json"
    path.write_text('[{"id": "t1", "body": "Body by Lorcan Vesey."}] garbage')
    articles, skipped = read(path)
    assert [a.record_id for a in articles] == ["t1"]
    assert len(skipped) == 1 and "unexpected data after the array" in skipped[0].reason
