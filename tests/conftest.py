"""Shared fixtures: real data, real Whoosh indexes, no mocks.

The demo set (fictional articles plus the client's seed article) is indexed once per session into a
temporary directory; tests that write get their own ``tmp_path``. Tests that need the shared research
corpus find it at ``../shared/corpus`` (or ``$NEWSINDEX_CORPUS``) and skip with the reason when absent.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from indexer import NewsIndex, reindex

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "articles"
SEED = DEMO / "rt" / "000_6381692b0aaf99be.txt"
SHARED = Path(os.environ.get("NEWSINDEX_SHARED", ROOT.parent / "shared"))
CORPUS = Path(os.environ.get("NEWSINDEX_CORPUS", SHARED / "corpus"))


def corpus_path(*parts: str) -> Path:
    """A path in the shared corpus, or skip the test saying what is missing."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path} (set NEWSINDEX_CORPUS to run this test)")
    return path


@pytest.fixture(scope="session")
def demo_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("demo-index")
    reindex([DEMO], index_dir, workers=1)
    return index_dir


@pytest.fixture(scope="session")
def news_index(demo_index_dir: Path) -> NewsIndex:
    """The demo index without a time budget: what these specs check must not depend on the machine's
    load (the budget itself is specified in tests/test_search_limits.py)."""
    return NewsIndex.open(demo_index_dir, time_limit_s=None)


@pytest.fixture()
def demo_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo articles, for tests that add, change or delete files."""
    target = tmp_path / "articles"
    shutil.copytree(DEMO, target)
    return target


@pytest.fixture()
def app(demo_index_dir: Path):
    from webui import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(demo_index_dir)})


@pytest.fixture()
def client(app):
    return app.test_client()
