"""Regenerate ``word_stats.tsv``: how common and how "bursty" each word is in news (run by hand).

    python -m indexer.extract.make_word_stats CORPUS_DIR > indexer/extract/word_stats.tsv

A topic word is one an article is *about*: it is rare across news in general and, once an article
uses it, the article tends to use it again (Church & Gale's adaptation, P(k ≥ 2 | k ≥ 1)).  Words
like "night", "example" or "yes" are common and said once.  Counting that needs a background
collection, so it is learnt once from PolNeAR train, BBC and Reuters (never the dev set), with how
often each word follows a determiner or a modal (which tells a noun use of "change" or "cuts" from a
verb use), and shipped as a small table: nothing is computed or downloaded at run time.

The last column, ``coh``, is each word's *coherence*: how much more alike two articles that use the
word are than two articles picked at random (mean pairwise cosine of their sublinear tf-idf vectors,
the word's own weight left out, over the same figure for the whole collection; ×100, as an integer).
Articles that share a subject share more of their vocabulary (``coffee`` 236, ``election`` 304);
a word any kind of story uses is no more telling than chance (``the`` 92, ``company`` 106,
``contract`` 102, ``plant`` 114).
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from pathlib import Path

from .make_pos_lexicon import _DET, _MODAL, _texts

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
#: Per word: documents with it, documents with it twice, uses after a determiner, after a modal or
#: "to", before "who" (people: "voters who", "the senator who"), and coherence ×100 (module docstring).
COLUMNS = ("df", "df2", "det", "modal", "who", "coh")
#: Words seen in fewer documents are left out: a missing word is treated as rare.
MIN_DF = 5


def learn(root: Path) -> tuple[int, dict[str, Counter[str]]]:
    """Per word, the counts named in ``COLUMNS``."""
    n_docs = 0
    cols: dict[str, Counter[str]] = {k: Counter() for k in COLUMNS}
    docs: list[Counter[str]] = []
    for text in _texts(root):
        n_docs += 1
        words = _WORD.findall(text.lower())
        counts = Counter(words)
        docs.append(counts)
        cols["df"].update(counts.keys())
        cols["df2"].update(w for w, c in counts.items() if c >= 2)
        for prev, word, nxt in zip(words, words[1:], words[2:], strict=False):
            if prev in _DET:
                cols["det"][word] += 1
            elif prev in _MODAL:
                cols["modal"][word] += 1
            if nxt == "who":
                cols["who"][word] += 1
    vocab = sorted(w for w, n in cols["df"].items() if n >= MIN_DF)
    cols["coh"].update(coherence(docs, vocab, cols["df"]))
    return n_docs, cols


def coherence(docs: list[Counter[str]], vocab: list[str], df: Counter[str]) -> dict[str, int]:
    """Per word, ×100: mean pairwise cosine of the articles that use it (its own weight left out),
    over the mean pairwise cosine of all articles.

    With ``S`` the sum of the unit tf-idf vectors of the word's ``n`` articles, the mean pairwise
    cosine is ``(|S|² − Σ|x|²) / (n(n − 1))``; both sums are taken without the word's own column.
    Needs scipy (installed with scikit-learn from requirements-dev.txt), like ``make_labels``.
    """
    import numpy as np
    from scipy import sparse

    index = {w: n for n, w in enumerate(vocab)}
    n_docs = len(docs)
    rows, cols, vals = [], [], []
    for r, counts in enumerate(docs):
        for w, c in counts.items():
            if w in index:
                rows.append(r)
                cols.append(index[w])
                vals.append(1.0 + math.log(c))
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(n_docs, len(vocab)))
    x = x.multiply(np.log(n_docs / np.array([df[w] for w in vocab]))).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    x = (sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ x).tocsr()
    uses = (x > 0).astype(np.float64).T.tocsr()  # word × article
    sums = (uses @ x).tocsr()  # word × word: the sum of each word's article vectors
    own = sums.diagonal()
    sq = np.asarray(sums.multiply(sums).sum(axis=1)).ravel() - own**2
    own_sq = np.asarray(uses.multiply(x.T.multiply(x.T)).sum(axis=1)).ravel()  # Σ x_w² over its articles
    n = np.array([df[w] for w in vocab], dtype=np.float64)
    pair = (sq - (n - own_sq)) / np.maximum(n * (n - 1), 1.0)
    total = np.asarray(x.sum(axis=0)).ravel()
    base = (total @ total - n_docs) / (n_docs * (n_docs - 1))
    return {w: round(100 * pair[i] / base) for w, i in index.items()}


def main() -> None:
    n_docs, cols = learn(Path(sys.argv[1]))
    print("\t".join([f"#docs\t{n_docs}", *("0" * (len(COLUMNS) - 1))]))
    for w in sorted(w for w, n in cols["df"].items() if n >= MIN_DF):
        print("\t".join([w, *(str(cols[k][w]) for k in COLUMNS)]))


if __name__ == "__main__":
    main()
