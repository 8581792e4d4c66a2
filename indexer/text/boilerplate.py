"""A generic junk-line filter for scraped text: icon labels, menus and share bars, with no site word lists.

Real sentences are made of function words ("the", "of", "to", ...): about 40-50% of English running
text. A scraped icon sprite (``icon bookmark-bicon bookmarkicon cameraicon ...``) or a navigation menu
has almost none, and no sentence punctuation. The thresholds below were checked against the seed and
the corpus texts in the tests: they drop the junk and keep every body sentence.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’-]*")
_SENTENCE_PUNCT = re.compile(r"[.!?:;\"“”]")
_ENDS_SENTENCE = re.compile(r"[.!?\"“”’)]\s*$")
_LIST_PUNCT = re.compile(r"[,;()]")

FUNCTION_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most
    my myself no nor not now of off on once only or other our ours out over own same she should so some
    such than that the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your yours
    said says say told also new one two may might must shall""".split()
)


def _function_share(words: list[str]) -> float:
    return sum(w.lower() in FUNCTION_WORDS for w in words) / len(words)


def is_junk(line: str) -> bool:
    """True when a line is page furniture rather than prose.

    Three shapes, from the measured rule in the project brief: a long line with almost no function
    words; a long line dominated by one repeated token; a very long line with no sentence
    punctuation. Short lines (titles, datelines, bylines), lines that end a sentence, and
    comma-separated lists of names (team sheets, results tables) are never junk here.
    """
    words = _WORD.findall(line)
    n = len(words)
    if n < 12 or _ENDS_SENTENCE.search(line) or len(_LIST_PUNCT.findall(line)) >= n / 10:
        return False  # a finished sentence, or a list of names (team sheets, results), is content
    share = _function_share(words)
    if share < 0.08:
        return True
    if n >= 20 and share < 0.20:
        top = Counter(w.lower() for w in words).most_common(1)[0][1]
        if top / n >= 0.20:
            return True
    return n >= 40 and share < 0.20 and not _SENTENCE_PUNCT.search(line)


def drop_junk(lines: list[str]) -> list[str]:
    """The lines that are not junk, in order."""
    return [line for line in lines if not is_junk(line)]
