"""Symbolic links under the paths given to reindex: never out of the roots, never in a loop, each refusal named.

Real folders with real links in a temporary directory; a real Whoosh index.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer import NewsIndex, reindex
from tests.synthetic import write_articles


@pytest.fixture()
def linked(tmp_path: Path) -> Path:
    """A folder with two articles and every kind of link: to a file inside, to a folder inside, to a
    file outside (a stand-in for /etc/passwd), a loop to its own parent, a link to itself, and a dangling one."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret ledger\n\nroot:x:0:0:the secret ledger of Halsk\n", encoding="utf-8")
    root = tmp_path / "articles"
    write_articles(root / "wire", 2, seed=3)
    write_articles(root / "archive" / "old", 1, seed=4, start=10)
    os.symlink(root / "wire" / "article-00000.txt", root / "copy.txt")
    os.symlink(root / "archive" / "old", root / "wire" / "old-link")
    os.symlink(outside / "secret.txt", root / "passwd.txt")
    os.symlink(outside, root / "outside-dir")
    os.symlink(root, root / "archive" / "loop")
    os.symlink(root / "self.txt", root / "self.txt")
    os.symlink(root / "gone.txt", root / "dangling.txt")
    return root


def _reasons(summary) -> dict[str, str]:
    return {Path(s.source_file).name: s.reason for s in summary.skipped}


def test_links_are_refused_by_default_each_with_its_reason(linked: Path, tmp_path: Path) -> None:
    summary = reindex([linked], tmp_path / "ix", workers=1)
    assert summary.added == 3  # the three real articles, each once
    reasons = _reasons(summary)
    assert "not followed" in reasons["copy.txt"] and "--follow-links" in reasons["copy.txt"]
    assert "symbolic link to a folder" in reasons["old-link"]
    assert "symbolic link to a file" in reasons["passwd.txt"]
    assert reasons["self.txt"] == "symbolic link loop"
    assert reasons["dangling.txt"].startswith("dangling symbolic link")
    assert NewsIndex.open(tmp_path / "ix").search("secret ledger").total == 0


def test_follow_links_stays_inside_the_roots_and_never_loops(linked: Path, tmp_path: Path) -> None:
    summary = reindex([linked], tmp_path / "ix", workers=1, follow_links=True)
    assert summary.added == 3  # the links inside lead to articles already indexed: no duplicates
    reasons = _reasons(summary)
    assert reasons["passwd.txt"] == "symbolic link to outside the given paths: not followed"
    assert reasons["outside-dir"] == "symbolic link to outside the given paths: not followed"
    assert reasons["loop"].startswith("symbolic link loop")
    assert reasons["self.txt"] == "symbolic link loop"
    assert reasons["dangling.txt"].startswith("dangling symbolic link")
    assert "copy.txt" not in reasons  # followed: its target is the same file, indexed once
    assert reasons["old-link"] == "symbolic link to a folder already walked: not followed twice"
    assert NewsIndex.open(tmp_path / "ix").search("secret ledger").total == 0


def test_a_folder_reached_only_through_a_link_is_indexed_with_follow_links(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    write_articles(root / "store" / ".hidden-real", 2, seed=8)  # hidden: the walk itself never enters it
    os.symlink(root / "store" / ".hidden-real", root / "visible")
    assert reindex([root], tmp_path / "ix1", workers=1).added == 0
    assert reindex([root], tmp_path / "ix2", workers=1, follow_links=True).added == 2


def test_the_cli_prints_each_refused_link(linked: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from indexer.cli import main

    result = CliRunner().invoke(main, ["reindex", str(linked), "--index-dir", str(tmp_path / "ix"),
                                       "--workers", "1", "--follow-links"])
    assert result.exit_code == 0, result.output
    assert f"skipped {linked / 'passwd.txt'}: symbolic link to outside the given paths" in result.output
    assert f"skipped {linked / 'archive' / 'loop'}: symbolic link loop" in result.output
