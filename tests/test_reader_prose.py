"""Documentation, lists and data files are told from articles by content, not by name (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import ReaderError
from indexer.ingest.readers.prose import not_prose
from tests.conftest import DEMO, corpus_path
from tests.readers import read

CATEGORY_LIST = "Notes on the Lorvant Wire categories\n\n" + "\n".join(
    f"Harbour Matters {n} (HARB-{n})" for n in range(60)) + "\n"
WORD_LIST = "\n".join(f"halsk-{n}" for n in range(40)) + "\n"
FACTS = "\n".join(f'fact("Valdoria{n}","Capital",["Port Osran {n}"]).' for n in range(40)) + "\n"


@pytest.mark.parametrize(("name", "text", "reason"), [
    ("notes_1996.txt", CATEGORY_LIST, "a list"), ("strings.lc.txt", WORD_LIST, "a list"),
    ("facts.txt", FACTS, "a list"), ("story.txt", "Lorvant Harbour Matters Register " * 40, "not prose"),
])
def test_non_articles_are_skipped_with_the_reason(tmp_path: Path, name, text, reason):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReaderError, match=reason):
        read(path)


def test_a_short_blurb_without_a_full_stop_is_an_article(tmp_path: Path):
    path = tmp_path / "podcast.txt"
    path.write_text("Harbour Weekly podcast: the Lorvant dues\nIlse Varrow and Dario Vesk join Talia Brennick to "
                    "discuss the harbour board's new dues, the ferry timetable and whether fog closes the port "
                    "more often than it used to and what the dockers make of it all ", encoding="utf-8")
    [article], _ = read(path)
    assert article.title == "Harbour Weekly podcast: the Lorvant dues"


def test_every_demo_article_reads_as_prose():
    for path in DEMO.rglob("*.txt"):
        assert not_prose(path.read_text(encoding="utf-8")) is None, path


def test_reuters_documentation_is_skipped_and_its_articles_are_not():
    folder = corpus_path("reuters21578")
    assert not_prose((folder / "cat-descriptions_120396.txt").read_text(encoding="latin-1"))
    assert not_prose((folder / "all-topics-strings.lc.txt").read_text(encoding="latin-1"))
    assert not_prose((folder / "feldman-cia-worldfactbook-data.txt").read_text(encoding="latin-1"))
    bbc = sorted(corpus_path("bbc-fulltext", "bbc").rglob("*.txt"))
    assert [p for p in bbc if not_prose(p.read_text(encoding="latin-1"))] == []
