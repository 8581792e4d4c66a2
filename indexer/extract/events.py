"""Dated event labels: "2016 presidential election", the way news desks tag recurring contests.

An election recurs, so "presidential election" on its own mixes 2012 with 2016 in a facet; desks
(the NYT's "Presidential Election of 2016", the Guardian's "US elections 2016") name the contest
with its year.  Articles rarely spell that label out: they write "the presidential race", "the
Republican presidential nominee", "his presidential campaign".  An office word followed by a word
for the contest or its contestants is read as the contest itself, and the year is added at
finalisation from a year the text gives with it or else the article's date, which the cached
per-article candidates do not know.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Offices and kinds of contest that are named by year.
OFFICES = frozenset(
    "presidential mayoral gubernatorial congressional parliamentary senate general midterm legislative".split()
)
#: After an office word, these stand for the contest: a "presidential nominee" runs in a presidential election.
CONTEST_WORDS = frozenset(
    "election elections race races campaign campaigns contest nominee nominees candidate candidates "
    "candidacy contender contenders primary primaries".split()
)
_LABEL = re.compile(r"^(?:(?P<year>(?:19|20)\d\d) )?(?P<office>" + "|".join(sorted(OFFICES)) + r") election$")


def contest_labels(chunk: Sequence[str]) -> list[str]:
    """Event labels a content-word chunk stands for: ``Republican presidential nominee`` → presidential election."""
    out = []
    low = [w.lower().removesuffix("'s").removesuffix("’s") for w in chunk]
    for n in range(len(low) - 1):
        if low[n] in OFFICES and low[n + 1] in CONTEST_WORDS:
            year = low[n - 1] if n and low[n - 1].isdigit() and len(low[n - 1]) == 4 else ""
            out.append(f"{year} {low[n]} election".strip())
    return out


def is_contest(phrase: str) -> bool:
    return _LABEL.match(phrase) is not None


def dated(phrase: str, year: int | None) -> str:
    """``presidential election`` → ``2016 presidential election`` when the year is known and not already given."""
    m = _LABEL.match(phrase)
    if m is None or m.group("year") or year is None:
        return phrase
    return f"{year} {phrase}"
