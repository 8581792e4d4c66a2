"""Did you mean: a corrected query from the index's own words and speaker names.

Whoosh's ``correct_query`` works on stemmed terms and ranks candidates by frequency alone
(``recesion`` → ``prices``). This tries each unknown word at edit distance 1, then 2, against the
unstemmed spelling lists of the body and of speaker names, and keeps the query's other words as typed.
"""

from __future__ import annotations

import re

from whoosh.searching import Searcher

FEW_RESULTS = 3
SPELL_FIELD = "spell"  # distinct unstemmed words of titles, bodies and speaker names (see schema)


def _known(s: Searcher, word: str) -> bool:
    return (SPELL_FIELD, word) in s.reader()


def _correct(s: Searcher, word: str) -> str | None:
    for maxdist, prefix in ((1, 0), (2, 1)):
        found = s.suggest(SPELL_FIELD, word, limit=1, maxdist=maxdist, prefix=prefix)
        if found:
            return found[0]
    return None


def did_you_mean(s: Searcher, text: str, total: int) -> str | None:
    """A corrected query when a word is unknown to the index or the results are few; else None."""
    tokens = re.findall(r"[\w'’-]+|[^\w\s]+|\s+", text)
    changed = False
    out = []
    for tok in tokens:
        word = tok.lower()
        if re.fullmatch(r"[^\W\d_]{3,}", word) and word not in ("and", "or", "not") and (
                not _known(s, word) or total < FEW_RESULTS):
            fix = None if _known(s, word) else _correct(s, word)
            if fix and fix != word:
                out.append(fix)
                changed = True
                continue
        out.append(tok)
    return "".join(out).strip() if changed else None
