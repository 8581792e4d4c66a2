"""Ranking specification: a match is never dropped, strictness only when asked, paging is stable.

The articles are fictional (invented country, bank, ferry line and toll bridge), written to a
temporary folder and indexed for real.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import NewsIndex, reindex
from indexer.cli import main as cli
from indexer.errors import QueryError

DESCRIPTIVE = "government pressure on the central bank to cut interest rates before the election in Veltravia"
TIES = 130  # more than one export page (100): ties straddle page boundaries of every size tested

ARTICLES = {
    # holds only a few of the descriptive query's words: "central bank", "interest rates", "Veltravia"
    "bank-holds-rates.txt": ("Veltravian central bank holds its benchmark steady",
                             "The central bank of Veltravia left interest rates unchanged on Tuesday, citing "
                             "stubborn food prices in the northern provinces."),
    "every-word.txt": ("Veltravia election looms over central bank",
                       "Government pressure on the central bank to cut interest rates before the election grew "
                       "this week, as ministers in Veltravia urged the governor to act."),
    "ferry-subsidy.txt": ("Ferry subsidy vote delayed in Orlinsk",
                          "The Orlinsk council delayed its vote on the ferry subsidy until the spring session."),
    "ferry-only.txt": ("Ferry timetable changes",
                       "The Orlinsk ferry will leave ten minutes earlier from Monday, the operator said."),
    "subsidy-only.txt": ("Farm subsidy reform",
                         "Orlinsk farmers welcomed the subsidy reform announced by the agriculture office."),
    "harbour-phrase.txt": ("Harbour fees",
                           "Interest rates on harbour loans rose, and the harbour board raised its fees."),
    "harbour-apart.txt": ("Harbour loans",
                          "The harbour board said interest on loans and the rates for berths were reviewed."),
}


@pytest.fixture(scope="module")
def ranking_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("ranking-articles")
    for name, (title, body) in ARTICLES.items():
        (src / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    ties = src / "ties"
    ties.mkdir()
    for i in range(TIES):  # three variants, interleaved: every document ties with a third of the others
        (ties / f"notice-{i:03d}.txt").write_text(
            f"Marrowby tollbridge levy notice {i:03d}\n\nThe Marrowby tollbridge levy notice was posted "
            f"at the gate, as every quarter.{' The levy is due.' * (i % 3)}\n", encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("ranking-index")
    reindex([src], index_dir, workers=1)
    return index_dir


@pytest.fixture(scope="module")
def ix(ranking_index: Path) -> NewsIndex:
    return NewsIndex.open(ranking_index)


def titles(ix: NewsIndex, query: str, **kw) -> list[str]:
    return [h.title for h in ix.search(query, per_page=100, **kw).hits]


def paged_ids(ix: NewsIndex, query: str, per_page: int, **kw) -> tuple[int, list[str]]:
    """Every id of a search, page by page to the end, and the total the first page announced."""
    first = ix.search(query, per_page=per_page, facets=False, **kw)
    ids, page = [h.id for h in first.hits], 1
    while len(ids) < first.total and page < 1000:
        page += 1
        ids += [h.id for h in ix.search(query, page=page, per_page=per_page, facets=False, **kw).hits]
    return first.total, ids


# -- never drop a match ---------------------------------------------------------------------------
def test_long_descriptive_query_finds_an_article_holding_only_some_words(ix: NewsIndex) -> None:
    found = titles(ix, DESCRIPTIVE)
    assert "Veltravian central bank holds its benchmark steady" in found
    assert found[0] == "Veltravia election looms over central bank"  # more of the words: ranked first


def test_any_word_matches_and_more_words_rank_higher(ix: NewsIndex) -> None:
    found = titles(ix, "ferry subsidy")
    assert set(found) == {"Ferry subsidy vote delayed in Orlinsk", "Ferry timetable changes", "Farm subsidy reform"}
    assert found[0] == "Ferry subsidy vote delayed in Orlinsk"
    assert ix.search("ferry subsidy").total == 3


# -- strictness when asked ------------------------------------------------------------------------
def test_match_all_requires_every_word(ix: NewsIndex) -> None:
    assert titles(ix, DESCRIPTIVE, match="all") == ["Veltravia election looms over central bank"]
    assert titles(ix, "ferry subsidy", match="all") == ["Ferry subsidy vote delayed in Orlinsk"]


@pytest.mark.parametrize("query", ["+ferry subsidy", "ferry +subsidy +orlinsk"])
def test_plus_word_is_required(ix: NewsIndex, query: str) -> None:
    required = [w[1:] for w in query.split() if w.startswith("+")]
    for hit in ix.search(query, per_page=100).hits:
        article = ix.get(hit.id)
        text = f"{article.title} {article.body}".lower()
        assert all(w in text for w in required), (query, hit.title)
    assert "Ferry subsidy vote delayed in Orlinsk" in titles(ix, query)


def test_plus_word_is_required_and_any_other_word_matches(ix: NewsIndex) -> None:
    assert set(titles(ix, "+ferry timetable subsidy")) == {"Ferry timetable changes",
                                                           "Ferry subsidy vote delayed in Orlinsk"}


def test_words_joined_by_and_are_required(ix: NewsIndex) -> None:
    assert titles(ix, "ferry AND subsidy") == ["Ferry subsidy vote delayed in Orlinsk"]
    assert titles(ix, "ferry AND subsidy farmers orlinsk") == ["Ferry subsidy vote delayed in Orlinsk"]
    assert titles(ix, "ferry AND subsidy farmers") == []  # every required part, and one of the other words


def test_phrase_is_required(ix: NewsIndex) -> None:
    assert titles(ix, '"interest rates" harbour') == ["Harbour fees"]
    assert "Harbour loans" in titles(ix, "interest rates harbour")


@pytest.mark.parametrize("bad", ["most", "", "ALL", None, 1])
def test_bad_match_value_is_a_query_error(ix: NewsIndex, bad: object) -> None:
    with pytest.raises(QueryError, match="match must be one of any, all"):
        ix.search("ferry", match=bad)


# -- stable paging ----------------------------------------------------------------------------------
@pytest.mark.parametrize("per_page", [1, 7, 10, 100])
def test_paging_returns_every_tied_match_once(ix: NewsIndex, per_page: int) -> None:
    total, ids = paged_ids(ix, "tollbridge levy notice", per_page)
    assert total == TIES == len(ids) == len(set(ids))


def test_tied_order_is_the_same_on_every_call(ix: NewsIndex) -> None:
    runs = {tuple(paged_ids(ix, "marrowby levy", 10)[1]) for _ in range(3)}
    assert len(runs) == 1


def test_total_counts_every_match_of_a_long_query(ix: NewsIndex) -> None:
    query = f"{DESCRIPTIVE} ferry tollbridge"
    total, ids = paged_ids(ix, query, 9)
    assert total == len(ids) == len(set(ids)) == TIES + 6  # tollbridge, bank (2), ferry (2), harbour (2)


# -- the same in the web API, the CSV export and the CLI ---------------------------------------------
@pytest.fixture()
def ranking_client(ranking_index: Path):
    from webui import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(ranking_index)}).test_client()


def test_api_match_parameter(ranking_client) -> None:
    recall = ranking_client.get("/api/search", query_string={"q": "ferry subsidy"}).get_json()
    strict = ranking_client.get("/api/search", query_string={"q": "ferry subsidy", "match": "all"}).get_json()
    assert (recall["total"], strict["total"]) == (3, 1)
    bad = ranking_client.get("/api/search", query_string={"q": "ferry", "match": "some"})
    assert bad.status_code == 400 and "match must be one of any, all" in bad.get_json()["error"]["message"]


def test_api_paging_returns_every_tied_match_once(ranking_client) -> None:
    ids: list[str] = []
    for page in (1, 2, 3):
        data = ranking_client.get("/api/search", query_string={"q": "levy", "page": page, "per_page": 50}).get_json()
        ids += [h["id"] for h in data["hits"]]
    assert data["total"] == TIES == len(ids) == len(set(ids))


def test_csv_export_holds_every_tied_match_once(ranking_client) -> None:
    resp = ranking_client.get("/export.csv", query_string={"q": "tollbridge notice"})
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True))))[1:]
    ids = [r[0] for r in rows]
    assert int(resp.headers["X-Total-Count"]) == TIES == len(ids) == len(set(ids))


def test_search_page_offers_the_match_switch(ranking_client) -> None:
    html = ranking_client.get("/", query_string={"q": "ferry subsidy", "match": "all"}).get_data(as_text=True)
    assert "<strong>1</strong> result" in html
    assert 'aria-current="true" class="current" href="/?q=ferry+subsidy&amp;match=all"' in html
    assert 'href="/?q=ferry+subsidy">Any word' in html


def test_cli_match_flag(ranking_index: Path) -> None:
    runner = CliRunner()
    strict = runner.invoke(cli, ["search", "--index-dir", str(ranking_index), "--match", "all", "--json",
                                 "ferry", "subsidy"])
    assert strict.exit_code == 0 and '"total": 1' in strict.output
    bad = runner.invoke(cli, ["search", "--index-dir", str(ranking_index), "--match", "most", "ferry"])
    assert bad.exit_code != 0 and "match must be one of any, all" in bad.output
