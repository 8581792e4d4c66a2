"""Corpus-wide speaker aliases: one facet entry per person, and ``speaker:obama`` finding Barack Obama.

Articles give "Obama", "President Obama", "Barack Obama", "Dmitri Medvedev" and "Dmitry Medvedev".
The table maps a lower-cased variant or bare surname to the canonical full name, the most frequent
full spelling.  A surname shared by two different people (Bill and Hillary Clinton) is left out, so
the two never merge; first-name variants (Dmitri/Dmitry) merge only when they look like spellings of
one name, not different people.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

_TITLES = frozenset(
    "mr mrs ms miss dr sen senator rep representative gov governor president vice secretary judge justice "
    "gen general rev pope king queen prince sheikh mayor chancellor ambassador speaker professor prof sir "
    "lord lady dame minister former "
    "".split())


#: A bare surname shared by several people goes to one of them only when that one is named this many
#: times more often than the next; otherwise (Bill and Hillary Clinton) it is left out.
DOMINANCE = 10


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def _parts(name: str) -> list[str]:
    words = [w.strip(".,") for w in name.replace("’", "'").split()]
    while words and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    if words and words[-1].lower().rstrip(".") in ("jr", "sr", "ii", "iii"):
        words = words[:-1]
    return words


def _key(name: str) -> str:
    return " ".join(_fold(w).lower() for w in _parts(name))


def _same_first(a: str, b: str) -> bool:
    """Spelling variants of one first name: Dmitri/Dmitry, Mohammed/Muhammad, not Bill/Hillary."""
    a, b = _fold(a).lower(), _fold(b).lower()
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 4:
        return False
    common = sum(1 for x, y in zip(a, b, strict=False) if x == y)
    return common >= max(len(a), len(b)) - 2 and abs(len(a) - len(b)) <= 2


def build_alias_table(speaker_lists: Iterable[Sequence[str]]) -> dict[str, str]:
    """Map lower-cased variants and unambiguous surnames to one canonical full name."""
    return alias_table(Counter(n for names in speaker_lists for n in set(names)).items())


def alias_table(speakers: Iterable[tuple[str, int]]) -> dict[str, str]:
    """:func:`build_alias_table` from each speaker name and the number of articles naming it (what an
    index's speaker facet holds, without reading every stored article)."""
    counts: Counter[str] = Counter()
    for n, articles in speakers:
        if _parts(n):
            counts[" ".join(_parts(n))] += articles
    by_surname: dict[str, list[str]] = defaultdict(list)
    for full in counts:
        if len(full.split()) >= 2:
            by_surname[_fold(full.split()[-1]).lower()].append(full)
    table: dict[str, str] = {}
    for surname, fulls in by_surname.items():
        fulls.sort(key=lambda f: (-counts[f], f))
        people: list[list[str]] = []  # groups of spellings of one person
        for f in fulls:
            for group in people:
                if _same_first(group[0].split()[0], f.split()[0]):
                    group.append(f)
                    break
            else:
                people.append([f])
        for group in people:
            for variant in group:
                table[_key(variant)] = group[0]
        weights = sorted((sum(counts[v] for v in g), g[0]) for g in people)[::-1]
        if len(people) == 1 or weights[0][0] >= DOMINANCE * weights[1][0]:
            table[surname] = weights[0][1]  # Obama -> Barack Obama, not Michelle, at 10:1 or more
    for name in counts:  # single-word speakers with no full name: themselves
        if len(name.split()) == 1:
            table.setdefault(_key(name), name)
    return table


def canonical_speaker(name: str, table: Mapping[str, str]) -> str:
    """The table's canonical name for ``name``, or ``name`` without titles when it has none."""
    key = _key(name)
    if key in table:
        return table[key]
    parts = _parts(name)
    return " ".join(parts) if parts else name.strip()
