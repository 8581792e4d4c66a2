"""Two indexes open in one process (an embedding program, a test) never share per-document caches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from indexer import NewsIndex, reindex

from .synthetic import write_articles

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "articles"


def _fresh(index_dir: Path, query: str) -> list[tuple[str, float]]:
    out = subprocess.run([sys.executable, "-m", "indexer.cli", "search", query, "--index-dir", str(index_dir),
                          "--json", "--limit", "10"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [(h["id"], round(h["score"], 6)) for h in json.loads(out)["hits"]]


def test_a_second_index_ranks_as_it_does_alone(tmp_path: Path):
    """Both indexes are at generation 1 with overlapping document numbers: the relevance feedback's
    document profiles once keyed on (generation, document) alone, so the second index borrowed the first's."""
    volume = tmp_path / "volume"
    write_articles(volume, 120, seed=5)
    first, second = tmp_path / "first", tmp_path / "second"
    reindex([DEMO], first, workers=1)
    reindex([volume], second, workers=1)
    query = "harbour treaty vote"
    NewsIndex.open(first).search(query)  # fills the caches with the first index's articles
    in_process = [(h.id, round(h.score, 6)) for h in NewsIndex.open(second).search(query).hits]
    assert in_process == _fresh(second, query)
