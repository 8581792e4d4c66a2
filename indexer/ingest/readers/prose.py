"""Is this text prose? Documentation, word lists and data files sit beside articles in collections.

A collection's notes (``cat-descriptions_120396.txt``), category lists (``all-topics-strings.lc.txt``)
and data dumps (Prolog facts, tables) are text files like the articles, and their names follow no
rule, so they are told apart by what they hold. News is prose: sentences of ordinary words, in lines
or paragraphs of several words. Each test below has a wide margin over what articles do (measured
over the 2,225 BBC and 929 PolNeAR articles of the shared corpus: at most 42 words per sentence end,
at least 7.7 words per line, at least 80 % word tokens), so it does not fire on a short or oddly
wrapped article.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")
_WORD = re.compile(r"^[\W_]*[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]+)*[\W_]*$")

MIN_WORDS = 30  # shorter texts are judged by the reader's minimum length, not here
#: The sentence test needs a long text: a blurb of a few dozen words may well have no full stop
#: (a podcast teaser in KPCrowd: 42 words, none), a page of documentation runs to hundreds.
MIN_WORDS_FOR_SENTENCES = 150
MAX_WORDS_PER_SENTENCE = 80  # prose ends a sentence every 15-25 words; articles measured at most 42
MIN_LINES_FOR_LIST = 20
MIN_WORDS_PER_LINE = 4  # a list: one entry per line (articles measured at least 7.7 words per line)
MIN_WORD_SHARE = 0.5  # code and data: most tokens are not words (articles measured 80 % and more)


def not_prose(text: str) -> str | None:
    """Why ``text`` is not an article (a list, a table, data), or None when it reads as prose."""
    tokens = text.split()
    if len(tokens) < MIN_WORDS:
        return None
    lines = sum(1 for line in text.splitlines() if line.strip())
    if lines >= MIN_LINES_FOR_LIST and len(tokens) / lines < MIN_WORDS_PER_LINE:
        return f"a list, not an article ({len(tokens) / lines:.1f} words per line over {lines} lines)"
    sentences = len(_SENTENCE_END.findall(text))
    if len(tokens) >= MIN_WORDS_FOR_SENTENCES and sentences * MAX_WORDS_PER_SENTENCE < len(tokens):
        return "not prose (almost no sentences): documentation or a list, not an article"
    words = sum(1 for t in tokens if _WORD.match(t))
    if words < MIN_WORD_SHARE * len(tokens):
        return f"data or code, not an article (only {words / len(tokens):.0%} of its tokens are words)"
    return None
