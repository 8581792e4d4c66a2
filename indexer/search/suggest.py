"""Did you mean: a corrected query from the index's own words and speaker names.

Whoosh's ``correct_query`` works on stemmed terms and ranks candidates by frequency alone
(``recesion`` → ``prices``). This tries each unknown word at edit distance 1, then 2, against the
unstemmed spelling lists of the body and of speaker names, and keeps the query's other words as typed.
"""

from __future__ import annotations

import re

from whoosh.searching import Searcher

FEW_RESULTS = 3
_FIELDS = ("body", "speakers_text")


def _known(s: Searcher, word: str) -> bool:
    reader = s.reader()
    for field in _FIELDS:
        spf = s.schema[field].spelling_fieldname(field)
        if (spf, word) in reader:
            return True
    return False


def _correct(s: Searcher, word: str) -> str | None:
    for maxdist, prefix in ((1, 0), (2, 1)):
        for field in _FIELDS:
            found = s.suggest(field, word, limit=1, maxdist=maxdist, prefix=prefix)
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
