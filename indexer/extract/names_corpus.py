"""Corpus-level entity typing: a name is decided person, organisation or place once, from every article.

One article often gives no evidence of what a name is (``Morgan Stanley sees the company as …``,
``Hong Kong boasts an enviable savings rate``), while others do (``Morgan Stanley analyst``, ``shares of
Morgan Stanley``, ``in Hong Kong``).  Each extraction records its own verdict on every name it writes
(``entity.article_kind``: company evidence first, then place, then person, as ``entity.is_person``
weighs them); :class:`NameKinds` counts the articles of each verdict per name, is kept in the corpus
state beside the topic statistics (added and taken out with the articles, so it is re-decided as the
corpus grows), and :func:`decide_speakers` applies it when an article is finalised.

The rule: a speaker name is no person when at least ``MIN_ARTICLES`` articles write it as an
organisation or a place and they outnumber the articles that write it as a person (an honorific, an
age, a role, a he/she that refers to it).  A person's name is written as a person far more often than
a company's is (``Morgan`` is a given name, ``Stanley`` a surname: the text, not the name, decides), so
a name is moved only on a majority of the corpus's evidence, never on one article's.  Organisations
go to ``orgs``; places go nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Quote
from .entity import ORG, PERSON, PLACE

#: Articles that must write a name as an organisation or a place before the corpus overrules the
#: article: one or two can be a misreading (``X said in its …`` after a person's quote).
MIN_ARTICLES = 3
_KINDS = (PERSON, ORG, PLACE)


class NameKinds:
    """Articles per name and verdict; JSON-serialisable and updatable in place (like ``CorpusStats``)."""

    def __init__(self, counts: dict[str, list[int]] | None = None) -> None:
        self.counts: dict[str, list[int]] = counts or {}

    def _update(self, kinds: Iterable[tuple[str, str]], step: int) -> None:
        for name, kind in kinds:
            row = self.counts.setdefault(name, [0, 0, 0])
            row[_KINDS.index(kind)] += step
            if not any(row):
                del self.counts[name]

    def add(self, kinds: Iterable[tuple[str, str]]) -> None:
        self._update(kinds, 1)

    def remove(self, kinds: Iterable[tuple[str, str]]) -> None:
        self._update(kinds, -1)

    def kind(self, name: str) -> str:
        """``person`` unless the corpus writes ``name`` as an organisation or a place (module docstring)."""
        person, org, place = self.counts.get(name.replace("’", "'"), (0, 0, 0))
        if org + place >= MIN_ARTICLES and org + place > person:
            return ORG if org >= place else PLACE
        return PERSON

    def person(self, name: str) -> bool:
        return self.kind(name) == PERSON

    def to_dict(self) -> dict[str, list[int]]:
        return self.counts

    @classmethod
    def from_dict(cls, data: dict[str, list[int]]) -> "NameKinds":
        return cls({str(k): [int(x) for x in v] for k, v in data.items() if len(v) == 3})


def decide_speakers(speakers: tuple[str, ...], orgs: tuple[str, ...], quotes: tuple[Quote, ...],
                    kinds: NameKinds | None) -> tuple[tuple[str, ...], tuple[str, ...], tuple[Quote, ...]]:
    """The article's speakers with the corpus's decision applied: an organisation moves to ``orgs``
    (its quotes go: a quote belongs to a person), a place is dropped."""
    if kinds is None:
        return speakers, orgs, quotes
    verdict = {s: kinds.kind(s) for s in speakers}
    if all(v == PERSON for v in verdict.values()):
        return speakers, orgs, quotes
    people = tuple(s for s in speakers if verdict[s] == PERSON)
    more_orgs = tuple(dict.fromkeys([*orgs, *(s for s in speakers if verdict[s] == ORG)]))
    return people, more_orgs, tuple(q for q in quotes if q.speaker in people)
