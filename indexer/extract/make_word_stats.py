"""Regenerate ``word_stats.tsv``: how common and how "bursty" each word is in news (run by hand).

    python -m indexer.extract.make_word_stats CORPUS_DIR > indexer/extract/word_stats.tsv

A topic word is one an article is *about*: it is rare across news in general and, once an article
uses it, the article tends to use it again (Church & Gale's adaptation, P(k ≥ 2 | k ≥ 1)).  Words
like "night", "example" or "yes" are common and said once.  Counting that needs a background
collection, so it is learnt once from PolNeAR train, BBC and Reuters (never the dev set), with how
often each word follows a determiner or a modal (which tells a noun use of "change" or "cuts" from a
verb use), and shipped as a small table: nothing is computed or downloaded at run time.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from .make_pos_lexicon import _DET, _MODAL, _texts

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
#: Per word: documents with it, documents with it twice, uses after a determiner, after a modal or
#: "to", and before "who" (people: "voters who", "the senator who").
COLUMNS = ("df", "df2", "det", "modal", "who")
#: Words seen in fewer documents are left out: a missing word is treated as rare.
MIN_DF = 5


def learn(root: Path) -> tuple[int, dict[str, Counter[str]]]:
    """Per word, the counts named in ``COLUMNS``."""
    n_docs = 0
    cols: dict[str, Counter[str]] = {k: Counter() for k in COLUMNS}
    for text in _texts(root):
        n_docs += 1
        words = _WORD.findall(text.lower())
        counts = Counter(words)
        cols["df"].update(counts.keys())
        cols["df2"].update(w for w, c in counts.items() if c >= 2)
        for prev, word, nxt in zip(words, words[1:], words[2:], strict=False):
            if prev in _DET:
                cols["det"][word] += 1
            elif prev in _MODAL:
                cols["modal"][word] += 1
            if nxt == "who":
                cols["who"][word] += 1
    return n_docs, cols


def main() -> None:
    n_docs, cols = learn(Path(sys.argv[1]))
    print("\t".join([f"#docs\t{n_docs}", *("0" * (len(COLUMNS) - 1))]))
    for w in sorted(w for w, n in cols["df"].items() if n >= MIN_DF):
        print("\t".join([w, *(str(cols[k][w]) for k in COLUMNS)]))


if __name__ == "__main__":
    main()
