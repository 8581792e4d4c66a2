"""Editor labels the text never writes: ``earnings`` for a results table, ``mergers and acquisitions``.

A desk files a story under a label from its own vocabulary, which the story's words only suggest.
The corpus carries such labels: Reuters-21578's TOPICS (the ModApte training split, 90 categories,
named from the collection's category descriptions) and the contest an article writes about
("presidential election", dated at finalisation).  ``make_labels.py`` learns one logistic regression
per label over tf-idf word features, once, and ships the weights as ``labels.npz`` (float16, about
a megabyte); here they are applied with numpy: no scikit-learn, nothing downloaded, one load per
process.  A label is given only when its probability reaches the threshold learnt for it: 0.5 for the
wire's categories; for a contest, learnt from the articles that write it, 0.5 times the share of the
contest's articles that write it (Elkan & Noto's positive-unlabelled calibration, ``make_labels``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from importlib import resources

import numpy as np

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
MODEL_FILE = "labels.npz"


def tokens(title: str, body: str) -> list[str]:
    """The words the classifier sees (training and use share this): lower-case, title counted twice."""
    return _WORD.findall(f"{title}\n{title}\n{body}".lower())


@cache
def _model() -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray, np.ndarray, tuple[str, ...]]:
    with resources.files(__package__).joinpath(MODEL_FILE).open("rb") as f:
        data = np.load(f, allow_pickle=False)
        vocab = {w: n for n, w in enumerate(str(data["vocab"]).split("\n"))}
        names = tuple(str(data["names"]).split("\n"))
        return (vocab, data["idf"].astype(np.float32), data["coef"].astype(np.float32),
                data["intercept"].astype(np.float32), data["threshold"].astype(np.float32), names)


def label_names() -> tuple[str, ...]:
    """Every label the model can give."""
    return _model()[5]


def thresholds() -> dict[str, float]:
    """Each label's threshold: 0.5 for the wire's categories, lower for a contest (``make_labels.labelled_share``)."""
    _, _, _, _, threshold, names = _model()
    return dict(zip(names, threshold.tolist(), strict=True))


def probabilities(title: str, body: str) -> dict[str, float]:
    """Every label's probability for the article (sublinear tf-idf, l2-normalised, as in training)."""
    vocab, idf, coef, intercept, _, names = _model()
    counts = Counter(n for n in (vocab.get(t) for t in tokens(title, body)) if n is not None)
    if not counts:
        return dict.fromkeys(names, 0.0)
    idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
    x = tf * idf[idx]
    x /= np.linalg.norm(x)
    z = x @ coef[idx] + intercept
    p = 1.0 / (1.0 + np.exp(-z))
    return dict(zip(names, p.tolist(), strict=True))


def assign(title: str, body: str, limit: int = 2) -> tuple[str, ...]:
    """Up to ``limit`` labels whose probability reaches their threshold, most confident first."""
    vocab, _, _, _, threshold, names = _model()
    probs = probabilities(title, body)
    sure = [(p / float(threshold[n]), name) for n, (name, p) in enumerate(probs.items()) if p >= threshold[n]]
    return tuple(name for _, name in sorted(sure, reverse=True)[:limit])
