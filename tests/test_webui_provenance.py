"""Where an article came from, on its page and in the CSV export; the export's Excel option and its cap.

A JSON Lines file of fictional articles with record ids and bylines is indexed for real (the demo set holds
raw text only, which states neither).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from indexer import reindex

RECORDS = [
    {"id": "wire-0417", "headline": "Quay wall in Port Osran to be rebuilt, café owners relieved", "byline": "Maren Tollefsby; Ivo Darrant",
     "published": "2023-04-17T09:30:00Z", "publisher": "Osran Wire",
     "text": "The harbour board of Port Osran approved a new quay wall, said chair Odile Verhanen. "
             "Café owners on the quay welcomed the plan."},
    {"id": "wire-0418", "headline": "Ferry timetable cut for the winter", "byline": "Ivo Darrant",
     "published": "2023-04-18T07:00:00Z", "publisher": "Osran Wire",
     "text": "The Port Osran ferry will sail twice a day from November, the harbour board said."},
]


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    from webui import create_app

    folder = tmp_path_factory.mktemp("wire")
    source = folder / "articles" / "osran-wire.jsonl"
    source.parent.mkdir()
    source.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    reindex([source.parent], folder / "index", workers=1)
    app = create_app({"TESTING": True, "INDEX_DIR": str(folder / "index")})
    return app, source


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_article_page_shows_source_file_record_id_and_stored_authors(wire):
    app, source = wire
    client = app.test_client()
    hit = client.get("/api/search?q=quay wall").get_json()["hits"][0]
    html = client.get(f"/articles/{hit['id']}").get_data(as_text=True)
    provenance = html[html.index('<section class="provenance"'):]
    provenance = provenance[:provenance.index("</section>")]
    assert f'<code class="path">{source}</code>' in provenance
    assert "<dt>Record</dt><dd><code>wire-0417</code></dd>" in provenance
    assert "<dt>Authors</dt><dd>Maren Tollefsby; Ivo Darrant</dd>" in provenance
    assert '<p class="byline">By Maren Tollefsby, Ivo Darrant</p>' in html


def test_article_without_stored_authors_or_record_says_so(client):
    seed = client.get("/api/search?q=flexibility missile defense").get_json()["hits"][0]
    html = client.get(f"/articles/{seed['id']}").get_data(as_text=True)
    assert "<dt>Record</dt><dd>the whole file</dd>" in html and "<dt>Authors</dt><dd>none stored</dd>" in html
    assert "000_6381692b0aaf99be.txt</code>" in html and 'class="byline"' not in html


def test_csv_export_has_provenance_columns(wire):
    app, source = wire
    response = app.test_client().get("/export.csv?q=port osran&sort=oldest")
    rows = _rows(response)
    assert [(r["record_id"], r["authors"], r["source_file"]) for r in rows] == [
        ("wire-0417", "Maren Tollefsby; Ivo Darrant", str(source)), ("wire-0418", "Ivo Darrant", str(source))]
    assert list(rows[0])[-3:] == ["source_file", "record_id", "authors"]


def test_csv_relevance_is_a_tier_label_never_a_raw_score(client):
    rows = _rows(client.get("/export.csv?q=flexibility missile defense"))
    assert "score" not in rows[0]
    assert rows[0]["relevance"] == "all words"  # the seed, the only article with all three words
    assert {r["relevance"] for r in rows[1:]} <= {"all but one word", "some of the words"}
    assert {r["relevance"] for r in _rows(client.get("/export.csv?q=treaty"))} == {""}  # one kind of match


def test_results_page_shows_the_tier_in_words_not_the_score(client):
    html = client.get("/?q=flexibility missile defense").get_data(as_text=True)
    api = client.get("/api/search?q=flexibility missile defense").get_json()["hits"]
    assert html.count('<span class="relevance">matches all words</span>') == 1
    assert '<span class="relevance">matches some of the words</span>' in html
    for hit in api:  # no raw score anywhere on the page
        assert f"{hit['score']}" not in html


def test_bom_option_makes_an_excel_friendly_file(wire):
    app, _ = wire
    client = app.test_client()
    plain = client.get("/export.csv?q=quay")
    excel = client.get("/export.csv?q=quay&bom=1")
    assert excel.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert excel.data.startswith(b"\xef\xbb\xbfid,title,") and not plain.data.startswith(b"\xef\xbb\xbf")
    assert excel.data[3:] == plain.data  # otherwise the same bytes
    assert "café owners relieved" in excel.data.decode("utf-8-sig")  # what Excel then reads as UTF-8
    assert client.get("/export.csv?q=quay&bom=0").data == plain.data


@pytest.mark.parametrize("value", ["2", "maybe", "x" * 10_000, "1; DROP"])
def test_bad_bom_value_is_a_clear_400(client, value):
    response = client.get("/export.csv", query_string={"q": "treaty", "bom": value})
    assert response.status_code == 400
    assert "bom must be 1" in response.get_data(as_text=True)


def test_cap_is_in_the_csv_headers_and_stated_on_the_page_when_hit(app):
    client = app.test_client()
    total = client.get("/api/search?since=1900").get_json()["total"]
    app.config["EXPORT_MAX_ROWS"] = 7
    response = client.get("/export.csv?since=1900")
    assert (response.headers["X-Export-Limit"], response.headers["X-Export-Rows"]) == ("7", "7")
    assert response.headers["X-Export-Truncated"] == "true" and response.headers["X-Total-Count"] == str(total)
    page = client.get("/?since=1900").get_data(as_text=True)
    assert f"The CSV export holds the first 7 of these {total} results (its limit)" in page
    small = client.get("/?q=flexibility missile defense").get_data(as_text=True)
    assert "export-cap" not in small  # under the cap: nothing to say
    app.config["EXPORT_MAX_ROWS"] = 10_000
    assert client.get("/export.csv?since=1900").headers["X-Export-Truncated"] == "false"
    assert "export-cap" not in client.get("/?since=1900").get_data(as_text=True)
