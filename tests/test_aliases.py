"""Corpus-wide aliases: one canonical full name per person, no merging of different people."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from indexer import NewsIndex, reindex
from indexer.aliases.merge import build_alias_table, canonical_speaker
from indexer.aliases.table import ALIASES_FILE

from .conftest import DEMO


def test_surname_maps_to_the_only_full_name() -> None:
    table = build_alias_table([["Barack Obama", "Ben Rhodes"], ["Obama"], ["President Obama"]])
    assert canonical_speaker("Obama", table) == "Barack Obama"
    assert canonical_speaker("President Obama", table) == "Barack Obama"
    assert canonical_speaker("obama", table) == "Barack Obama"


def test_spelling_variants_of_a_first_name_merge() -> None:
    table = build_alias_table([["Dmitry Medvedev"], ["Dmitry Medvedev"], ["Dmitri Medvedev"]])
    assert canonical_speaker("Dmitri Medvedev", table) == "Dmitry Medvedev"
    assert canonical_speaker("Medvedev", table) == "Dmitry Medvedev"


def test_two_people_with_one_surname_stay_apart() -> None:
    table = build_alias_table([["Bill Clinton"], ["Hillary Clinton"], ["Hillary Clinton"]])
    assert canonical_speaker("Bill Clinton", table) == "Bill Clinton"
    assert canonical_speaker("Hillary Clinton", table) == "Hillary Clinton"
    assert "clinton" not in table
    assert canonical_speaker("Clinton", table) == "Clinton"


def test_unknown_name_loses_only_its_title() -> None:
    assert canonical_speaker("Sen. Nora Vick", {}) == "Nora Vick"


def test_table_keys_are_lower_case() -> None:
    table = build_alias_table([["Zora Tamsin"]])
    assert all(k == k.lower() for k in table)


def test_bare_surname_goes_to_an_overwhelmingly_dominant_person_only() -> None:
    lists = [["Barack Obama"]] * 20 + [["Michelle Obama"]]
    assert canonical_speaker("Obama", build_alias_table(lists)) == "Barack Obama"
    lists = [["Barack Obama"]] * 5 + [["Michelle Obama"]]
    assert "obama" not in build_alias_table(lists)


def test_a_rebuilt_alias_table_is_saved_for_the_next_process(tmp_path: Path) -> None:
    """An index whose alias file is missing or stale (copied, written by another version) has the table
    rebuilt from every stored article by the first process that opens it, and saved beside the index:
    the next process reads it instead of reading every article again."""
    index_dir = tmp_path / "ix"
    reindex([DEMO], index_dir, workers=1)
    expected = json.loads((index_dir / ALIASES_FILE).read_text(encoding="utf-8"))
    (index_dir / ALIASES_FILE).unlink()
    copy = tmp_path / "copy"
    shutil.copytree(index_dir, copy)
    NewsIndex.open(copy).warm()
    assert json.loads((copy / ALIASES_FILE).read_text(encoding="utf-8")) == expected
