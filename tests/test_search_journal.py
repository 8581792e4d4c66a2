"""Issue 13, index and search side: what a journalist meets in the first ten minutes.

Phrases never span two values of a multi-valued field; every article keeps its own calendar day in
its source's zone; undated articles and articles without a source are a bucket of their own, so
facet counts add up; ``topic:``/``tag:`` and the ``topic``/``tag`` filters mean the same thing; and
every new parameter refuses a bad value with a clear message (a 400 on the web, an error in the CLI).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import NewsIndex
from indexer.cli import main
from indexer.errors import QueryError
from indexer.serialize import page_to_dict
from tests.journal_fixture import build_journal_index


@pytest.fixture(scope="module")
def journal_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_journal_index(tmp_path_factory.mktemp("journal"))


@pytest.fixture(scope="module")
def ix(journal_dir: Path) -> NewsIndex:
    return NewsIndex.open(journal_dir)


@pytest.fixture(scope="module")
def client(journal_dir: Path):
    from webui import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(journal_dir)}).test_client()


def ids(page) -> set[str]:
    return {h.id for h in page.hits}


def titles(page) -> set[str]:
    return {h.title for h in page.hits}


# ---------------------------------------------------------------- 1. phrases within one value


@pytest.mark.parametrize(("field", "across", "within"), [
    ("topics", '"mic flexibility"', '"flexibility plan"'),
    ("speakers", '"brennick dario"', '"dario vesk"'),
])
def test_a_phrase_never_spans_two_values_of_a_multi_valued_field(ix, field, across, within):
    assert ix.search(across).total == 0, f"{across} joined the last word of one {field} value to the next"
    assert ix.search(across.rstrip('"') + '"~20').total == 0  # nor does a sloppy phrase (a 100-position gap)
    assert "gap-1" in ids(ix.search(within, per_page=50)), f"{within} lies inside one {field} value"


def test_quote_texts_are_apart_in_the_index_too(journal_dir):
    """Quotes are searched word by word today; a phrase over them must still not join two quotes."""
    from whoosh import index as whoosh_index
    from whoosh import query as Q

    with whoosh_index.open_dir(str(journal_dir)).searcher() as s:
        def found(words: list[str], slop: int = 1) -> bool:
            return bool(list(s.docs_for_query(Q.Phrase("quotes_text", words, slop=slop))))

        assert found(["build", "wall"]) and found(["harbour", "grow"])
        assert not found(["wall", "harbour"]) and not found(["wall", "harbour"], slop=20)


def test_quote_search_still_finds_words_of_each_quote(ix):
    assert [h.article_id for h in ix.quotes("walls", speaker="Talia Brennick").hits] == ["gap-1"]
    assert [h.article_id for h in ix.quotes("harbours", speaker="Dario Vesk").hits] == ["gap-1"]


@pytest.mark.parametrize(("param", "clause", "value", "other"), [
    ("topic", "topic", "missile mic", "mic flexibility"),
    ("tag", "tag", "Quay Fees", "Fees Tide"),
])
def test_exact_value_fields_match_one_whole_value(ix, param, clause, value, other):
    assert ids(ix.search(**{param: value})) == {"gap-1"}
    assert ids(ix.search(f'{clause}:"{value}"')) == {"gap-1"}
    assert ix.search(**{param: other}).total == 0 and ix.search(f'{clause}:"{other}"').total == 0


# ---------------------------------------------------------------- 2. the article's own day


def test_an_article_published_at_0130_local_is_found_by_its_local_day(ix):
    page = ix.search(since="2012-03-27", until="2012-03-27")
    assert titles(page) == {"Lorvant harbour dues rise before dawn"}
    [hit] = page.hits
    assert hit.date.isoformat() == "2012-03-26T21:30:00+00:00"  # the instant stays UTC
    assert hit.date_local == "2012-03-27T01:30:00+04:00"
    assert titles(ix.search("date:2012-03-27")) == titles(page) == titles(ix.search(date="2012-03-27"))
    assert "Lorvant harbour dues rise before dawn" not in titles(ix.search(since="2012-03-26", until="2012-03-26"))


def test_month_and_timeline_use_the_local_day_and_sorting_the_instant(ix):
    page = ix.search("lorvant", since="2012-03", until="2012-03", sort="newest")
    assert [h.title for h in page.hits] == ["Flash: Lorvant port closed by fog", "Lorvant harbour dues rise before dawn",
                                            "Lorvant ferry timetable changes"]
    assert page.timeline_granularity == "day"
    assert {b.period: b.count for b in page.timeline} == {"2012-03-26": 1, "2012-03-27": 1, "2012-03-28": 1}


def test_date_local_in_json_article_and_hit(ix):
    page = ix.search("dawn")
    data = page_to_dict(page)
    assert data["hits"][0]["date_local"] == "2012-03-27T01:30:00+04:00"
    assert data["hits"][0]["date"] == "2012-03-26T21:30:00Z"
    assert ix.get(page.hits[0].id).date_local == "2012-03-27T01:30:00+04:00"


def test_csv_atom_and_pages_show_the_local_date_and_zone(client):
    assert "27 Mar 2012 01:30 MSK" in client.get("/?q=dawn").get_data(as_text=True)
    csv_text = client.get("/export.csv?q=dawn").get_data(as_text=True)
    header, row = csv_text.splitlines()[:2]
    assert "date_local" in header.split(",") and "2012-03-27T01:30:00+04:00" in row
    assert "<published>2012-03-27T01:30:00+04:00</published>" in client.get("/feed.atom?q=dawn").get_data(as_text=True)
    hit_id = client.get("/api/search?q=dawn").get_json()["hits"][0]["id"]
    assert "27 Mar 2012 01:30 MSK" in client.get(f"/articles/{hit_id}").get_data(as_text=True)


# ---------------------------------------------------------------- 3. undated, unknown source, sums


def test_undated_is_a_filter_in_every_way_in(ix, journal_dir):
    undated = {"Lorvant dockers meet", "Wexmoor orchard blossoms early"}
    assert titles(ix.search(date="undated")) == undated
    assert titles(ix.search("date:undated")) == undated
    assert titles(ix.search("lorvant", date="undated")) == {"Lorvant dockers meet"}
    out = CliRunner().invoke(main, ["search", "--index-dir", str(journal_dir), "--date", "undated", "--json"])
    assert out.exit_code == 0 and {h["title"] for h in json.loads(out.output)["hits"]} == undated


def test_facet_counts_add_up_to_the_total(ix):
    for query in ("", "lorvant", "valdoria OR wexmoor OR lorvant"):
        page = ix.search(query)
        for facet in ("sources", "years"):
            listed = sum(f.count for f in page.facets[facet])
            assert listed + page.facet_other[facet] == page.total, (query, facet, page.facets[facet])
        assert sum(b.count for b in page.timeline) + page.undated == page.total
    everything = ix.search("")
    assert ("undated", 2) in [(f.value, f.count) for f in everything.facets["years"]]
    assert ("unknown source", 1) in [(f.value, f.count) for f in everything.facets["sources"]]
    assert titles(ix.search(source="unknown source")) == {"Wexmoor orchard blossoms early"}
    assert page_to_dict(everything)["timeline"]["undated"] == 2


def test_undated_count_is_shown_beside_the_timeline(client):
    html = client.get("/?q=lorvant").get_data(as_text=True)
    assert "1 undated" in html and "date=undated" in html


# ---------------------------------------------------------------- 4. one meaning for topics and tags


@pytest.mark.parametrize("value", ["harbour dues", "HARBOUR DUES", "Harbour Dues"])
def test_topic_clause_and_topic_filter_select_the_same_articles(ix, value):
    by_filter = ids(ix.search(topic=value))
    assert by_filter == {"gap-2", "gap-3", "gap-4"}
    assert ids(ix.search(f'topic:"{value}"')) == by_filter
    assert ids(ix.search("valdoria", topic=value)) == ids(ix.search(f'valdoria topic:"{value}"'))


def test_a_topic_is_exact_not_a_word_of_a_topic(ix):
    assert ids(ix.search(topic="dues")) == ids(ix.search("topic:dues")) == {"gap-4"}


def test_case_variants_are_one_facet_value_in_their_most_common_form(ix):
    topics = {f.value: f.count for f in ix.search("valdoria").facets["topics"]}
    assert topics["harbour dues"] == 3 and "Harbour Dues" not in topics
    tags = {f.value: f.count for f in ix.search("lorvant").facets["tags"]}
    assert tags["Shipping"] == 3 and "shipping" not in tags


def test_source_tags_are_a_facet_filter_and_clause(ix, client):
    assert titles(ix.search(tag="shipping")) == titles(ix.search("tag:SHIPPING")) == {
        "Lorvant harbour dues rise before dawn", "Lorvant ferry timetable changes", "Lorvant dockers meet"}
    assert client.get("/api/search?tag=lorvant").get_json()["total"] == 1
    html = client.get("/?q=lorvant").get_data(as_text=True)
    assert "tag=Shipping" in html  # the facet link


# ---------------------------------------------------------------- 5. headline-only records


def test_a_headline_only_record_is_indexed(ix):
    [hit] = ix.search("fog").hits
    assert hit.title == "Flash: Lorvant port closed by fog" and hit.source == "Lorvant Wire"


# ---------------------------------------------------------------- 6. bad values


@pytest.mark.parametrize("kwargs", [
    {"date": "yesterday-ish"}, {"date": "2012-13"}, {"tag": "x" * 10_000}, {"topic": "y" * 10_000},
    {"source": "z" * 10_000}, {"since": "s" * 10_000}, {"tag": 5},
])
def test_bad_parameter_values_raise_a_clear_query_error(ix, kwargs):
    with pytest.raises(QueryError) as err:
        ix.search("lorvant", **kwargs)
    name = next(iter(kwargs))
    assert name in str(err.value) and len(str(err.value)) < 200


@pytest.mark.parametrize("query", ["date=yesterday-ish", "tag=" + "t" * 10_000, "date=" + "d" * 10_000,
                                   "topic=" + "p" * 10_000, "date=[2012 to soon]"])
@pytest.mark.parametrize("path", ["/", "/api/search", "/export.csv", "/feed.atom"])
def test_bad_values_are_a_400_with_a_message(client, path, query):
    response = client.get(f"{path}?q=lorvant&{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert name in response.get_data(as_text=True)


def test_cli_bad_date_is_a_clear_error(journal_dir):
    out = CliRunner().invoke(main, ["search", "lorvant", "--index-dir", str(journal_dir), "--date", "yesterday-ish"])
    assert out.exit_code != 0 and "date must be" in out.output and "Traceback" not in out.output
