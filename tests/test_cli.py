"""The CLI: the same search as the library, the documented JSON names, and errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main

from .conftest import DEMO, SEED

JSON_HIT_FIELDS = {"id", "title", "date", "source", "speakers", "topics", "score", "snippet", "source_file",
                   "record_id"}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_search_json_of_the_seed(demo_index_dir: Path):
    result = run("search", "flexibility missile defense", "--index-dir", str(demo_index_dir), "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {"query", "total", "hits"} <= set(data)
    assert data["query"] == "flexibility missile defense"
    top = data["hits"][0]
    assert JSON_HIT_FIELDS <= set(top)
    assert top["title"].startswith("Obama caught on mic")
    assert top["date"] == "2012-03-26T16:47:00Z"
    assert top["source_file"].endswith("rt/000_6381692b0aaf99be.txt")
    assert top["record_id"] is None
    assert sorted(top["speakers"]) == ["Barack Obama", "Ben Rhodes", "Dmitri Medvedev"]  # as the seed spells them


def test_cli_and_library_give_the_same_ranking(demo_index_dir: Path, news_index):
    result = run("search", "water rationing", "--index-dir", str(demo_index_dir), "--json", "--limit", "5")
    cli_ids = [h["id"] for h in json.loads(result.output)["hits"]]
    assert cli_ids == [h.id for h in news_index.search("water rationing", per_page=5).hits]


def test_readable_output_lists_ranked_hits(demo_index_dir: Path):
    result = run("search", "rail", "strike", "--index-dir", str(demo_index_dir), "--limit", "3")
    assert result.exit_code == 0
    assert "1. " in result.output and "results" in result.output


@pytest.mark.parametrize("query", ["AND", "(((", '"', "*", "date:[2012 to", "x" * 10_000, "speaker:", "-", "NOT"])
def test_garbage_queries_give_a_page_or_a_clear_message(demo_index_dir: Path, query: str):
    result = CliRunner().invoke(main, ["search", query, "--index-dir", str(demo_index_dir), "--json"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert isinstance(json.loads(result.output)["total"], int)


def test_bad_parameter_is_a_clear_error(demo_index_dir: Path):
    result = CliRunner().invoke(main, ["search", "treaty", "--since", "2012-13-45", "--index-dir", str(demo_index_dir)])
    assert result.exit_code != 0 and "since must be a date" in result.output


def test_search_without_an_index_says_how_to_build_one(tmp_path: Path):
    result = CliRunner().invoke(main, ["search", "x", "--index-dir", str(tmp_path / "none")])
    assert result.exit_code == 1 and "newsindex reindex" in result.output


def test_reindex_prints_a_summary_with_skipped_files(tmp_path: Path):
    result = run("reindex", str(DEMO), "--index-dir", str(tmp_path / "ix"), "--workers", "1")
    assert result.exit_code == 0
    assert "added 35, updated 0, unchanged 0, removed 0, skipped 1" in result.output
    assert "README.md: documentation file, not an article" in result.output


def test_extract_prints_fields_without_indexing():
    result = run("extract", str(SEED), "--json")
    data = json.loads(result.output.splitlines()[0])
    assert {"title", "date", "speakers", "topics", "source_file", "record_id"} <= set(data)
    assert data["date"] == "2012-03-26T16:47:00Z"
    assert "Vladimir Putin" not in data["speakers"]


def test_quotes_finds_what_medvedev_said_about_vladimir(demo_index_dir: Path):
    result = run("quotes", "speaker:medvedev vladimir", "--index-dir", str(demo_index_dir), "--json")
    data = json.loads(result.output)
    assert data["total"] >= 1
    top = data["hits"][0]
    assert "Medvedev" in top["speaker"]
    assert "I will transmit this information to <mark>Vladimir</mark>" in top["text_html"]


def test_related_lists_articles_like_the_seed(demo_index_dir: Path, news_index):
    seed_id = news_index.search("flexibility missile defense").hits[0].id
    result = run("related", seed_id, "--index-dir", str(demo_index_dir), "--json", "--limit", "3")
    related = json.loads(result.output)["related"]
    assert 1 <= len(related) <= 3 and seed_id not in [h["id"] for h in related]
