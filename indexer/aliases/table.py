"""The corpus's speaker alias table: built from the indexed speakers, stored beside the index.

Speaker names are merged across articles ("Obama" → "Barack Obama" when only one Obama is known).
The table is derived data, tagged with the Whoosh generation it describes and rebuilt from the
index when stale (and then saved for the next process, when the directory is writable), so it can
never silently disagree with the index.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from whoosh.index import FileIndex

from ..atomic import write_json
from ..models import Article, Quote
from ..schema import stored_speakers
from .merge import alias_table, build_alias_table, canonical_speaker
from .people import unique_by_surname

ALIASES_FILE = "aliases.json"


def load_aliases(index_dir: Path, ix: FileIndex) -> dict[str, str]:
    """The alias table for the index's current generation (rebuilt from the speakers when stale)."""
    try:
        data = json.loads((index_dir / ALIASES_FILE).read_text(encoding="utf-8"))
        if data.get("generation") == ix.latest_generation():
            return dict(data["aliases"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    generation = ix.latest_generation()
    aliases = aliases_from_index(ix)
    try:  # for the next process (a server's workers, the next CLI call): reading every article costs seconds
        write_json(index_dir / ALIASES_FILE, {"generation": generation, "aliases": aliases})
    except OSError:
        pass  # a read-only index: rebuilt by each process, as before
    return aliases


def aliases_from_index(ix: FileIndex) -> dict[str, str]:
    with ix.searcher() as s:
        lists = [stored_speakers(f) for f in s.all_stored_fields()]
    return speaker_table(lists)


def aliases_from_speaker_counts(speakers: Iterable[tuple[str, int]]) -> dict[str, str]:
    """:func:`aliases_from_index` from each indexed speaker name and its number of live articles (the
    speaker facet of the index's search data): the same table, without unpickling every stored article."""
    return _with_known_people(alias_table(speakers))


def speaker_table(speaker_lists: list[tuple[str, ...]]) -> dict[str, str]:
    """The alias table of the corpus, with well-known full names filling surnames the corpus leaves bare."""
    return _with_known_people(build_alias_table(speaker_lists))


def _with_known_people(table: dict[str, str]) -> dict[str, str]:
    for surname, full in unique_by_surname().items():
        if table.get(surname, surname).lower() == surname:  # the corpus knows no full name for it
            table[surname] = full
    return table


def canonical_names(article: Article, table: dict[str, str]) -> Article:
    """The article with every speaker (and quote speaker) under its canonical name."""
    names = {n: canonical_speaker(n, table) for n in article.speakers}
    quotes = tuple(Quote(names.get(q.speaker) or canonical_speaker(q.speaker, table), q.text, q.cue,
                         q.evidence)
                   for q in article.quotes)
    return replace(article, speakers=tuple(dict.fromkeys(names.values())), quotes=quotes)
