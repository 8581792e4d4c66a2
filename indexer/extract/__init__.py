"""Extraction of speakers, quotes, source organisations and topic candidates from article text.

Public interface (the build pipeline codes against it):

* ``extract_batch(items)`` / ``extract_one(title, body)`` → :class:`~indexer.models.Extraction`.
  ``topics`` holds up to 20 candidate phrases, best first, then up to 20 in reserve (``topics.RESERVE``),
  and ``labels`` the editor labels a small shipped classifier gives with confidence (``labels.py``); the
  final 5–8 topics come from :func:`finalize_topics` with corpus statistics at write time.
* :class:`CorpusStats` and :func:`finalize_topics` for that corpus-level step; :class:`NameKinds` and
  :func:`decide_speakers` for the corpus-level entity decision (a name is a person, an organisation or a place,
  decided once from every article's evidence: ``names_corpus.py``).
* ``EXTRACTOR_VERSION``: part of the extraction cache key, bumped whenever output changes.

The back-end is rules plus shipped tables (``word_stats.tsv``, ``gender-guesser``'s given-name table) and
one small linear model applied with numpy (``labels.npz``), each loaded once per process, nothing downloaded;
why spaCy was measured and not adopted is in ``backend.py`` and docs/extraction.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Extraction
from . import backend
from .corpus import CorpusStats, finalize_topics
from .names_corpus import NameKinds, decide_speakers

EXTRACTOR_VERSION = "rules-15+topics-14"  # rules-15: wire credits, copyright lines unread; topics-14: dont, trillion

__all__ = ["EXTRACTOR_VERSION", "CorpusStats", "NameKinds", "decide_speakers", "extract_batch", "extract_one",
           "finalize_topics"]


def extract_batch(items: Sequence[tuple[str, str]]) -> list[Extraction]:
    """Extract every ``(title, body)`` pair, in order; the NLP model, if any, runs batched."""
    return backend.extract_batch(list(items))


def extract_one(title: str, body: str) -> Extraction:
    return extract_batch([(title, body)])[0]
