"""Placeholder interface; the real extractors land from the extraction work."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Extraction

EXTRACTOR_VERSION = "0"


def extract_batch(items: Sequence[tuple[str, str]]) -> list[Extraction]:
    return [Extraction() for _ in items]


class CorpusStats:
    def __init__(self) -> None:
        self.n_docs = 0

    def add(self, topics: Sequence[str]) -> None:
        self.n_docs += 1

    def remove(self, topics: Sequence[str]) -> None:
        self.n_docs -= 1

    def to_dict(self) -> dict:
        return {"n_docs": self.n_docs}

    @classmethod
    def from_dict(cls, data: dict) -> "CorpusStats":
        s = cls()
        s.n_docs = int(data.get("n_docs", 0))
        return s


def finalize_topics(candidates: Sequence[str], stats: CorpusStats | None, k: int = 8) -> tuple[str, ...]:
    return tuple(candidates[:k])
