"""No single request or file can take newsindex down (issue 14): hostile queries and hostile articles.

One real index holds ordinary generated articles plus the hostile ones (a lone surrogate in a JSON
title, a one-megabyte word, bidi overrides and zero-width characters in a title); every listed request
answers 200 or 400 quickly, flagged partial where the budget cut it. No timing assertions beyond the
issue's own generous 2 s bound; the measured times are printed (``-s``).
"""

from __future__ import annotations

import json
import random
import string
import time
from pathlib import Path

import pytest

from indexer import NewsIndex, reindex
from indexer.config import MAX_QUERY_OPERATORS, MAX_QUERY_WORDS, MAX_WORD_CHARS
from indexer.ingest import pipeline
from indexer.ingest.readers.html import strip_tags
from indexer.search.query import parse
from tests.synthetic import write_articles

RNG = random.Random(14)
LONG_WORD = "".join(RNG.choice(string.ascii_lowercase) for _ in range(1_000_000))
HOSTILE_QUERIES = {
    "2,000 random letters": "".join(RNG.choice(string.ascii_lowercase) for _ in range(2_000)),
    "ﬃ × 9000": "ﬃ" * 9_000,
    "NOT × 500": "NOT " * 500,
    "(w AND × 40": " ".join(f"(w{i} AND" for i in range(40)),
    "budget㈱ × 600 (brackets inside one word)": "budget" + "㈱" * 600,
    "300 words": " ".join("".join(RNG.choice(string.ascii_lowercase) for _ in range(7)) for _ in range(300)),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    articles = root / "articles"
    write_articles(articles / "wire", 30, seed=14)
    # A JSON escape decodes to a lone surrogate: no page, feed or terminal can encode it as it is.
    (articles / "lone.json").write_text(
        '{"title": "Lone \\ud800 surrogate treaty", "body": "The Port Osran treaty text holds a lone '
        'surrogate in its title, and nothing else unusual.", "date": "2021-05-04"}', encoding="utf-8")
    (articles / "spoof.json").write_text(json.dumps({
        "title": "Harbour \u202egnidaer\u202c vote \u200bin Wexmoor\u2066",
        "body": "The harbour vote in Wexmoor was spoofed in its title only. \"We object,\" said Talia Brennick.",
        "date": "2021-05-05", "author": "Dario\u200b Vesk\u202e"}), encoding="utf-8")
    (articles / "longword.txt").write_text(
        f"4 May 2021 10:00\n\nReservoir ledger with a long word\n\nThe reservoir ledger {LONG_WORD} ends here.\n",
        encoding="utf-8")
    summary = reindex([articles], root / "ix", workers=1)
    assert summary.skipped == ()
    return root


@pytest.fixture(scope="module")
def hostile_index(hostile: Path) -> NewsIndex:
    return NewsIndex.open(hostile / "ix")


@pytest.fixture(scope="module")
def hostile_client(hostile: Path):
    from webui import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(hostile / "ix")}).test_client()


@pytest.mark.parametrize("name", list(HOSTILE_QUERIES))
def test_each_hostile_query_answers_quickly_over_the_api(hostile_client, name: str) -> None:
    started, cpu = time.perf_counter(), time.thread_time()
    response = hostile_client.get("/api/search", query_string={"q": HOSTILE_QUERIES[name]})
    took, cpu = time.perf_counter() - started, time.thread_time() - cpu
    print(f"\n/api/search q={name}: {response.status_code} in {took:.2f} s ({cpu:.2f} s CPU)")
    assert response.status_code in (200, 400)
    # The bound, on the CPU this request used (the test client answers on this thread), so a
    # loaded machine cannot fail it: measured 0.05-0.6 s (before: 13-28 s).
    assert cpu < 2.0
    if response.status_code == 200:
        data = response.get_json()
        assert data["message"]  # what was cut or ignored is said
        assert data["partial"] in (True, False)


@pytest.mark.parametrize("name", ["NOT × 500", "(w AND × 40", "2,000 random letters"])
def test_the_article_page_parses_a_hostile_q_once(hostile_client, hostile_index: NewsIndex, name: str) -> None:
    article_id = hostile_index.search("reservoir ledger").hits[0].id
    started, cpu = time.perf_counter(), time.thread_time()
    response = hostile_client.get(f"/articles/{article_id}", query_string={"q": HOSTILE_QUERIES[name] + " ledger"})
    took, cpu = time.perf_counter() - started, time.thread_time() - cpu
    print(f"\n/articles/<id> q={name}: {response.status_code} in {took:.2f} s ({cpu:.2f} s CPU)")
    assert response.status_code == 200 and cpu < 2.0  # before: 8.8 s


def test_query_size_is_limited_by_words_and_operators_not_only_characters() -> None:
    words = parse(" ".join(f"word{i}" for i in range(MAX_QUERY_WORDS + 20)))
    assert len(words.words) == MAX_QUERY_WORDS and f"first {MAX_QUERY_WORDS} words" in words.message
    ops = parse(" OR ".join(f"w{i}" for i in range(MAX_QUERY_OPERATORS + 10)))
    assert f"cut after {MAX_QUERY_OPERATORS} operators" in ops.message
    assert len(ops.words) == MAX_QUERY_OPERATORS + 1


def test_a_word_longer_than_the_limit_is_ignored_with_a_note(hostile_index: NewsIndex) -> None:
    page = hostile_index.search("reservoir " + "q" * (MAX_WORD_CHARS + 1))
    assert page.total >= 1 and f"longer than {MAX_WORD_CHARS} characters" in page.message
    assert page.suggestion is None
    assert hostile_index.search("z" * 3_000).total == 0


def test_a_lone_surrogate_is_replaced_at_read_time(hostile_client, hostile_index: NewsIndex) -> None:
    hit = hostile_index.search("surrogate treaty").hits[0]
    assert hit.title == "Lone \ufffd surrogate treaty"
    for url in ("/?q=treaty", "/feed.atom?q=treaty", "/api/search?q=surrogate", f"/articles/{hit.id}",
                "/export.csv?q=treaty"):
        response = hostile_client.get(url)
        assert response.status_code == 200, url
        response.get_data().decode("utf-8")


def test_cli_json_prints_the_surrogate_article(hostile: Path) -> None:
    from click.testing import CliRunner

    from indexer.cli import main

    result = CliRunner().invoke(main, ["search", "surrogate", "--json", "--index-dir", str(hostile / "ix")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["hits"][0]["title"] == "Lone \ufffd surrogate treaty"


def test_bidi_overrides_and_zero_width_characters_leave_titles_and_names(hostile_index: NewsIndex) -> None:
    article = hostile_index.get(hostile_index.search("spoofed harbour").hits[0].id)
    assert article.title == "Harbour gnidaer vote in Wexmoor"
    assert article.authors == ("Dario Vesk",)


def test_a_one_megabyte_word_is_cut_and_reported(tmp_path: Path, hostile_index: NewsIndex) -> None:
    article = hostile_index.get(hostile_index.search("reservoir ledger").hits[0].id)
    assert LONG_WORD[:MAX_WORD_CHARS] + "..." in article.body and len(article.body) < 1_000
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "long.txt").write_text(f"Long word\n\nA ledger {LONG_WORD} ends.\n", encoding="utf-8")
    summary = reindex([folder], tmp_path / "ix", workers=1)
    assert summary.added == 1 and summary.skipped == ()
    assert [t.reason for t in summary.trimmed] == [f"a 1,000,000-character word cut to {MAX_WORD_CHARS} characters"]


@pytest.mark.parametrize("unit", ["<script ", "<a", "<!--", "<p", "<title>", "<style x='"])
def test_the_html_fallback_is_linear(unit: str) -> None:
    """Stripping 8x the markup takes about 8x the time (it was quadratic: 1.45 s at 58 KB, 23 s at 234 KB)."""
    def cost(size: int) -> float:
        page = unit * (size // len(unit))
        started = time.perf_counter()
        strip_tags(page)
        return time.perf_counter() - started

    small, big = min(cost(60_000) for _ in range(3)), min(cost(480_000) for _ in range(3))
    print(f"\nstrip_tags {unit!r}: 60 KB {small * 1000:.1f} ms, 480 KB {big * 1000:.1f} ms")
    assert big < 0.5  # quadratic would be 64x the small page: seconds


def test_strip_tags_keeps_the_visible_text() -> None:
    page = ("<html><head><title>T</title></head><body><p>Hello <b>world</b></p><script>if (a<b) x()</script>"
            "<!-- note --><p>Two</p><script>never closed <p>hidden")
    assert strip_tags(page).split() == ["Hello", "world", "Two"]


def test_a_file_past_the_time_limit_is_skipped_with_its_reason(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "a"
    write_articles(folder, 3, seed=5)
    reindex([folder], tmp_path / "warm", workers=1)  # extraction tables loaded: ordinary files take milliseconds
    big = "".join(f"<div><p>Paragraph {i} of a long page about the reservoir.</p></div>" for i in range(40_000))
    (folder / "slow.html").write_text(f"<html><body>{big}</body></html>", encoding="utf-8")  # 2.6 MB: streamed
    (folder / "slow2.html").write_text(f"<html><body>{big[:1_800_000]}</body></html>", encoding="utf-8")  # whole
    monkeypatch.setattr(pipeline, "FILE_TIME_LIMIT_S", 1.0)  # each page takes several seconds
    summary = reindex([folder], tmp_path / "ix", workers=1)
    assert sorted(Path(s.source_file).name for s in summary.skipped) == ["slow.html", "slow2.html"]
    reasons = {Path(s.source_file).name: s.reason for s in summary.skipped}
    assert reasons["slow.html"].startswith("reading one record of this file took over 1 s (the per-file time limit)")
    assert reasons["slow2.html"].startswith("reading and extracting this file took over 1 s")
    assert summary.added == 3


def test_a_time_limit_discarded_once_fires_again() -> None:
    """An over-time exception raised where Python discards it (a ``__del__``, simulated here by a bare
    ``except``) must not let the work run on: the limit fires again until the block is left."""
    started = time.monotonic()
    with pytest.raises(pipeline._OverTime):
        with pipeline.time_limit(0.2):
            try:
                time.sleep(5)
            except BaseException:  # noqa: BLE001 - what a discarded exception looks like to the code that runs on
                pass
            time.sleep(5)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("cell, safe", [(";=1+1", ";'=1+1"), ("Harbour;=HYPERLINK(\"http://x\")", "Harbour;'=HYPERLINK(\"http://x\")"),
                                        ("a,@SUM(A1)", "a,'@SUM(A1)"), ("a\t+cmd", "a\t'+cmd"), ("=A1", "'=A1"),
                                        ("rose;-3%", "rose;-3%"), ("plain; text", "plain; text")])
def test_csv_cells_never_start_a_formula_after_a_separator(cell: str, safe: str) -> None:
    from webui.feeds import csv_cell

    assert csv_cell(cell) == safe


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../../etc/passwd"])
def test_a_bad_time_zone_in_a_settings_file_is_an_error_with_its_reason(tmp_path: Path, zone: str) -> None:
    folder = tmp_path / "a"
    write_articles(folder, 2, seed=9)
    (folder / "newsindex-source.json").write_text(json.dumps({"source": "Mars Wire", "timezone": zone}))
    summary = reindex([folder], tmp_path / "ix", workers=1)
    problems = [s for s in summary.skipped if s.source_file.endswith("newsindex-source.json")]
    assert len(problems) == 1 and f"{zone!r} is not an IANA time zone name" in problems[0].reason


def test_brackets_nested_deeper_than_the_limit_are_cut() -> None:
    from indexer.config import MAX_QUERY_DEPTH

    parsed = parse(" ".join(f"(w{i} AND" for i in range(MAX_QUERY_DEPTH + 5)))
    assert f"nest deeper than {MAX_QUERY_DEPTH}" in parsed.message
    assert parsed.words == tuple(f"w{i}" for i in range(MAX_QUERY_DEPTH))
