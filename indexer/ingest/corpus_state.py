"""Corpus-wide knowledge a reindex keeps beside the index: topic statistics and the speaker alias table.

Topics are ranked against how common a phrase is across the whole corpus (a phrase in every article
is not a topic), a speaker name is decided person, organisation or place once from every article's
evidence (``extract.NameKinds``), and speaker names are merged across articles (the table itself:
``indexer.aliases``).
Both are derived data, tagged with the Whoosh generation they describe and rebuilt when stale, so
they can never silently disagree with the index.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import numpy as np
from whoosh.index import FileIndex

from .. import extract
from ..aliases.table import (
    ALIASES_FILE,
    aliases_from_index,
    aliases_from_speaker_counts,
    canonical_names,
    load_aliases,
    speaker_table,
)
from ..atomic import write_json
from ..models import Article, Extraction
from ..schema import SPEAKERS
from ..search import generation as search_generation
from .cache import ExtractionCache
from .manifest import FileEntry
from .pipeline import Prepared

STATS_FILE = "topic-stats.json"


class CorpusState:
    def __init__(self, stats: extract.CorpusStats, index_dir: Path, kinds: extract.NameKinds | None = None) -> None:
        self.stats = stats
        self.kinds = kinds or extract.NameKinds()
        self._index_dir = index_dir
        self._speakers: list[tuple[str, ...]] = []
        self._table: dict[str, str] | None = None

    @classmethod
    def load(cls, index_dir: Path, ix: FileIndex, old: Mapping[str, FileEntry], *, full: bool) -> "CorpusState":
        if not full:
            try:
                data = json.loads((index_dir / STATS_FILE).read_text(encoding="utf-8"))
                current = data.get("generation") == ix.latest_generation()
                if current and data.get("version") == extract.EXTRACTOR_VERSION:
                    return cls(extract.CorpusStats.from_dict(data["stats"]), index_dir,
                               extract.NameKinds.from_dict(data["kinds"]))
            except (OSError, ValueError, KeyError, TypeError):
                pass
        state = cls(extract.CorpusStats(), index_dir)
        if not full:  # stale or missing: rebuild from the cached extractions of what is indexed
            state._add_hashes([h for e in old.values() for h in e.hashes])
        return state

    def _extractions(self, hashes: list[str]) -> list[Extraction]:
        if not hashes:
            return []
        cache = ExtractionCache(self._index_dir, extract.EXTRACTOR_VERSION)
        try:
            found = cache.get_many(hashes)
        finally:
            cache.close()
        return [found[h] for h in hashes if h in found]

    def _add_hashes(self, hashes: list[str]) -> None:
        for e in self._extractions(hashes):
            self.stats.add(e.topics, e.labels)
            self.kinds.add(e.kinds)

    def forget(self, old: Mapping[str, FileEntry], keys: list[str]) -> None:
        """Take the articles of removed and changed files out of the statistics."""
        for e in self._extractions([h for k in keys if k in old for h in old[k].hashes]):
            self.stats.remove(e.topics, e.labels)
            self.kinds.remove(e.kinds)

    def add(self, extraction: Extraction) -> None:
        self.stats.add(extraction.topics, extraction.labels)
        self.kinds.add(extraction.kinds)
        if extraction.speakers:
            self._speakers.append(tuple(extraction.speakers))

    def known_speakers(self, index_dir: Path, ix: FileIndex) -> None:
        """Add the canonical names already in the index, so new articles merge with them."""
        try:
            previous = set(load_aliases(index_dir, ix).values())
        except Exception:  # noqa: BLE001 - an empty or new index has none
            previous = set()
        self._speakers.extend((name,) for name in previous)

    def ready(self) -> None:
        """Build the tables :meth:`finalize` reads, once: before writer processes fork, so that they
        share them rather than each building its own."""
        self._build_table()
        self.stats.key_df("")  # builds the spelling-variant table of the topic statistics

    def _build_table(self) -> None:
        """The alias table, over the speaker names the corpus decides are people (all counts are in)."""
        if self._table is None:
            people = (tuple(n for n in names if self.kinds.person(n)) for names in self._speakers)
            self._table = speaker_table([names for names in people if names])

    def finalize(self, prepared: Prepared) -> Article:
        """The article with its final topics (ranked against corpus statistics), its speakers decided
        against the corpus's evidence (an organisation moves to ``orgs``) and canonical speaker names."""
        self._build_table()
        article, date = prepared.article, prepared.article.date
        topics = extract.finalize_topics(prepared.extraction.topics, self.stats, year=date.year if date else None,
                                         labels=prepared.extraction.labels)
        speakers, orgs, quotes = extract.decide_speakers(article.speakers, article.orgs, article.quotes, self.kinds)
        article = canonical_names(replace(article, topics=topics, speakers=speakers, orgs=orgs, quotes=quotes),
                                  self._table)
        speakers, orgs, quotes = extract.decide_speakers(article.speakers, article.orgs, article.quotes, self.kinds)
        return replace(article, speakers=speakers, orgs=orgs, quotes=quotes)

    @staticmethod
    def saved_for(index_dir: Path, generation: int) -> bool:
        """Whether the statistics on disk describe ``generation``: a reindex killed between its commit and
        :meth:`save` leaves older ones, which only a reindex that writes brings up to date."""
        try:
            return json.loads((index_dir / STATS_FILE).read_text(encoding="utf-8")).get("generation") == generation
        except (OSError, ValueError, AttributeError):
            return False

    def save(self, index_dir: Path, generation: int, ix: FileIndex) -> None:
        write_json(index_dir / STATS_FILE, {"generation": generation, "version": extract.EXTRACTOR_VERSION,
                                             "stats": self.stats.to_dict(), "kinds": self.kinds.to_dict()})
        write_json(index_dir / ALIASES_FILE, {"generation": generation, "aliases": _aliases(index_dir, generation, ix)})


def _aliases(index_dir: Path, generation: int, ix: FileIndex) -> dict[str, str]:
    """The alias table of ``generation``, from the speaker facet its commit wrote (each name with its
    number of live articles): reading every stored article instead cost about a second per 25k
    articles at every commit, however few changed. From the stored articles when that data is missing."""
    with ix.searcher() as s:
        data = search_generation.load(index_dir, s, generation)
        if data is None:
            return aliases_from_index(ix)
        speakers = data.arrays[SPEAKERS]
        counts = np.bincount(speakers.ids, minlength=len(speakers.values)).tolist()
        return aliases_from_speaker_counts(zip(speakers.values, counts, strict=True))
