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
from dataclasses import dataclass

#: A paragraph shorter than this (characters, spaces collapsed) is never furniture on its own.
MIN_CHARS = 60
#: Furniture recurs under at least this many different titles in one file.
MIN_TITLES = 5
#: Distinct lines counted per file; beyond it new ones are not tracked (memory stays bounded).
MAX_TRACKED = 500_000


@dataclass(frozen=True, slots=True)
class Furniture:
    """What one file repeats under :data:`MIN_TITLES` titles or more, as fingerprints.

    ``paragraphs`` are furniture wherever they stand. ``lines`` (shorter than :data:`MIN_CHARS`: an
    outlet's name, a short headline) only beside furniture: a teaser block is an outlet line, a
    headline and a lead, and travels whole, whereas ``Reuters`` or a results-table line alone is text.
    """

    paragraphs: frozenset[bytes] = frozenset()
    lines: frozenset[bytes] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.paragraphs)


NO_FURNITURE = Furniture()


def _folded(line: str) -> str:
    return " ".join(line.split()).casefold()


def _mark(folded: str) -> bytes:
    return hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def fingerprint(paragraph: str) -> bytes | None:
    """A short hash of a paragraph with case and spacing folded, or None when it is too short to be
    furniture on its own."""
    if len(paragraph) < MIN_CHARS:
        return None
    text = _folded(paragraph)
    return _mark(text) if len(text) >= MIN_CHARS else None


def _title_key(title: str) -> int:
    return hash(_folded(title))


class Counter:
    """Counts, per line, the different titles it appears under, up to :data:`MIN_TITLES`.

    A line's titles are a tuple of title hashes, not a set: most lines appear once, and a one-item tuple
    takes a fifth of an empty set's memory (the table may track :data:`MAX_TRACKED` lines)."""

    __slots__ = ("_titles",)

    def __init__(self) -> None:
        self._titles: dict[tuple[bool, bytes], tuple[int, ...]] = {}

    def add(self, title: str, body: str) -> None:
        """Count one record's lines (each once, however often the record repeats it)."""
        key = _title_key(title)
        for line in set(body.split("\n")):
            text = _folded(line)
            if not text:
                continue
            mark = (len(text) >= MIN_CHARS, _mark(text))
            seen = self._titles.get(mark)
            if seen is None:
                if len(self._titles) < MAX_TRACKED:
                    self._titles[mark] = (key,)
            elif len(seen) < MIN_TITLES and key not in seen:
                self._titles[mark] = (*seen, key)

    def repeated(self) -> Furniture:
        """The lines seen under :data:`MIN_TITLES` titles or more."""
        found = [(long, mark) for (long, mark), seen in self._titles.items() if len(seen) >= MIN_TITLES]
        paragraphs = frozenset(mark for long, mark in found if long)
        if not paragraphs:
            return NO_FURNITURE
        return Furniture(paragraphs, frozenset(mark for long, mark in found if not long))


def repeated_in(records: Iterable[tuple[str, str]]) -> Furniture:
    """The furniture of a file whose records are given as ``(title, body)``."""
    counter = Counter()
    for title, body in records:
        counter.add(title, body)
    return counter.repeated()


def without(body: str, furniture: Furniture) -> str:
    """``body`` without its furniture; the same object when it has none.

    A repeated short line goes with the furniture next to it (blank lines between do not count), in
    both directions, so an outlet line above a pasted headline above a pasted lead goes with the lead."""
    if not furniture:
        return body
    lines = body.split("\n")
    texts = [_folded(line) for line in lines]
    gone = [len(t) >= MIN_CHARS and _mark(t) in furniture.paragraphs for t in texts]
    if not any(gone):
        return body
    near = [bool(t) and len(t) < MIN_CHARS and _mark(t) in furniture.lines for t in texts]
    order = [i for i, t in enumerate(texts) if t]
    for sequence in (order, order[::-1]):  # chains downwards, then upwards
        for previous, i in zip(sequence, sequence[1:], strict=False):
            if near[i] and gone[previous]:
                gone[i] = True
    return "\n".join(line for line, g in zip(lines, gone, strict=True) if not g).strip()
