"""Autocomplete ranks speakers by how many articles quote them (fictional people, a real index)."""

from __future__ import annotations

from pathlib import Path

from indexer import NewsIndex, reindex


def test_the_most_quoted_person_comes_first_even_when_another_name_starts_with_the_prefix(tmp_path: Path) -> None:
    src = tmp_path / "articles"
    src.mkdir()
    for n in range(3):
        (src / f"pell-{n}.txt").write_text(
            f"Harbour story {n}\n\n“The pier is safe,” said Orrin Pell, the harbour master. Story {n}.\n", encoding="utf-8")
    (src / "gray.txt").write_text(
        "Ferry story\n\n“The ferry is late,” said Pellam Gray, the ferry captain.\n", encoding="utf-8")
    reindex([src], tmp_path / "index", workers=1)
    speakers = [s.text for s in NewsIndex.open(tmp_path / "index").suggest("pell") if s.kind == "speaker"]
    assert speakers == ["Orrin Pell", "Pellam Gray"]
