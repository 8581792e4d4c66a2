"""Paragraphs one bundle file repeats under many different titles: page furniture, not any one story.

A scraped dump (a news-please or CommonCrawl export, a feed, a CSV) often holds, besides each story,
text its site puts on every page: a footer (``Subscribe now to stay ahead with the most trusted
business news source.``), an author's sign-off, or a module of teasers for other stories, a headline
and its lead pasted into whichever article the scraper was on. The Yahoo Finance set in the shared
corpus has all three: 1,045 of 2020's 1,855 records hold a paragraph that recurs in five or more
records with five or more titles, and the teaser ``A rising tide lifts all boats, as President John
Kennedy said`` made John Kennedy a speaker of 109 finance stories. A paragraph that one source writes
word for word under many different titles says nothing about any one of them, so extraction (speakers,
quotes, organisations, topics) does not read it. The body itself is kept whole, stored and searched:
nothing the source holds is lost, and a reader can still find the page by its footer.

The count is per file, over every record of it, before any is extracted (a first, cheap pass of the
reader over the raw text: hashes only, bounded). A story republished under its own title (an update, a correction)
repeats its paragraphs under one title, or a few, and keeps them: it takes :data:`MIN_TITLES`
different titles, which a wire story's rewrites do not reach. Short lines (a dateline, ``Reuters``,
``Qtly div 10 cts vs 10 cts``) are left alone: whether ten companies declared the same dividend is the
news, and :data:`MIN_CHARS` keeps such lines out. Single-article formats (a web page, a text file)
are one record per file, so this never applies to them; furniture across files is the HTML reader's
job (trafilatura drops it by the page's structure).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

#: A paragraph shorter than this (characters, spaces collapsed) is never furniture.
MIN_CHARS = 60
#: Furniture recurs under at least this many different titles in one file.
MIN_TITLES = 5
#: Distinct paragraphs counted per file; beyond it new ones are not tracked (memory stays bounded).
MAX_TRACKED = 500_000


def fingerprint(paragraph: str) -> bytes | None:
    """A short hash of a paragraph with case and spacing folded, or None when it is too short to count."""
    if len(paragraph) < MIN_CHARS:
        return None
    text = " ".join(paragraph.split())
    if len(text) < MIN_CHARS:
        return None
    return hashlib.blake2b(text.casefold().encode("utf-8", "surrogatepass"), digest_size=8).digest()


def _title_key(title: str) -> int:
    return hash(" ".join(title.split()).casefold())


class Counter:
    """Counts, per paragraph, the different titles it appears under, up to :data:`MIN_TITLES`."""

    __slots__ = ("_titles",)

    def __init__(self) -> None:
        self._titles: dict[bytes, set[int]] = {}

    def add(self, title: str, body: str) -> None:
        """Count one record's paragraphs (each once, however often the record repeats it)."""
        key = _title_key(title)
        for paragraph in set(body.split("\n")):
            mark = fingerprint(paragraph)
            if mark is None:
                continue
            seen = self._titles.get(mark)
            if seen is None:
                if len(self._titles) < MAX_TRACKED:
                    self._titles[mark] = {key}
            elif len(seen) < MIN_TITLES:
                seen.add(key)

    def repeated(self) -> frozenset[bytes]:
        """The fingerprints of the paragraphs seen under :data:`MIN_TITLES` titles or more."""
        return frozenset(mark for mark, seen in self._titles.items() if len(seen) >= MIN_TITLES)


def repeated_in(records: Iterable[tuple[str, str]]) -> frozenset[bytes]:
    """The furniture of a file whose records are given as ``(title, body)``."""
    counter = Counter()
    for title, body in records:
        counter.add(title, body)
    return counter.repeated()


def without(body: str, repeated: frozenset[bytes]) -> str:
    """``body`` without the paragraphs in ``repeated``; the same object when none is there."""
    if not repeated:
        return body
    lines = body.split("\n")
    kept = [line for line in lines if fingerprint(line) not in repeated]
    if len(kept) == len(lines):
        return body
    return "\n".join(kept).strip()
