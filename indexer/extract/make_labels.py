"""Train the editor-label classifier shipped as ``labels.npz`` (run by hand, once; needs scikit-learn).

    python -m indexer.extract.make_labels CORPUS_DIR [DEV_TOPICS_JSONL]

Labelled data the shared corpus carries:

* Reuters-21578 TOPICS, the standard ModApte split: training documents are ``LEWISSPLIT="TRAIN"`` with
  ``TOPICS="YES"`` (9,603, including those the editors gave no category: they are every label's
  negatives, which keeps ``mergers and acquisitions`` off bond and rating stories); the 90 categories
  are those with at least one training and one test document, of which those with ``MIN_POSITIVE``
  training documents are learnt.
  Each is named by its entry in ``cat-descriptions_120396.txt`` (``Mergers/Acquisitions`` →
  ``mergers and acquisitions``); ``NAMES`` below only words the few that are codes or an index name
  rather than what a desk files under (``EARN`` → ``earnings``).
* The contest an article writes about (``presidential election``, from ``events.py``), learnt from the
  articles that write it (PolNeAR train, the Reuters training split and BBC), so that election-season
  stories that never write the word get it too.

Never the dev set: the Reuters documents of the topics dev set are left out and the script checks it.
Per label a logistic regression over sublinear tf-idf words (``labels.tokens``), given from probability
0.5 on (per-label thresholds chosen by cross-validated F1 all came out at that floor, so they were dropped).
A contest label is learnt from articles that *write* the contest, so its positives are only some of the
articles about it (positive-unlabelled data): following Elkan & Noto (2008), its classifier's
probabilities are divided by c, the mean cross-validated probability of its labelled positives (held-out
folds of the training side, never dev), so its threshold is ``THRESHOLD * c``.
Weights are stored as float16 over the 12,000 most useful words, with the vocabulary and idf: no pickle.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import numpy as np

from .events import is_contest
from .labels import MODEL_FILE, tokens
from .topics import candidates

#: Readable names where the category description is a code list or an index name, not a desk's label.
NAMES = {
    "earn": "earnings", "acq": "mergers and acquisitions", "money-fx": "foreign exchange", "alum": "aluminium",
    "veg-oil": "vegetable oil", "l-cattle": "live cattle", "iron-steel": "iron and steel", "nat-gas": "natural gas",
    "pet-chem": "petrochemicals", "gnp": "economic growth", "instal-debt": "consumer credit", "jet": "jet fuel",
    "heat": "heating oil", "fuel": "fuel oil", "gas": "gasoline", "dlr": "dollar", "dmk": "D-Mark",
    "dfl": "guilder", "nkr": "Norwegian crown", "nzdlr": "New Zealand dollar", "rand": "South African rand",
    "meal-feed": "animal feed", "reserves": "foreign reserves", "cpu": "capacity utilisation",
    "lei": "leading indicators", "ipi": "industrial production", "jobs": "unemployment", "ship": "shipping",
    "interest": "interest rates", "income": "personal income", "bop": "balance of payments",
    "cpi": "consumer prices", "wpi": "wholesale prices", "retail": "retail sales", "crude": "crude oil",
    "strategic-metal": "strategic metals", "palmkernel": "palm kernel", "copra-cake": "copra",
}
MAX_FEATURES = 12000
#: A category needs this many training documents to be learnt (ModApte has 90 with 1 to 2,877).
MIN_POSITIVE = 10
#: A label is given from this probability on: more likely than not.
THRESHOLD = 0.5
MIN_CONTEST_DOCS = 30
#: Folds of the cross-validation that estimates a contest label's labelled share (``labelled_share``).
PU_FOLDS = 5
_DESC = re.compile(r"^\s*([A-Z][^()@]*?)\s*\(([A-Z0-9-]+)\)")


def readable_names(root: Path) -> dict[str, str]:
    """Category code → readable name, from the collection's category descriptions."""
    out: dict[str, str] = {}
    text = (root / "reuters21578" / "cat-descriptions_120396.txt").read_text(encoding="latin-1")
    for line in text.splitlines():
        m = _DESC.match(line)
        if m:
            out[m.group(2).lower()] = m.group(1).replace("/", " and ").lower()
        elif re.fullmatch(r"[A-Z][A-Z-]+", line.strip()):
            out[line.strip().lower()] = line.strip().lower().replace("-", " ")
    out.update(NAMES)
    return out


def reuters_modapte(root: Path) -> tuple[list[tuple[str, str, str, list[str]]], set[str]]:
    """ModApte training documents ``(newid, title, body, topics)`` and the category codes with a test document."""
    train, test_cats = [], set()
    for f in sorted((root / "reuters21578").glob("*.sgm")):
        raw = f.read_bytes().decode("latin-1")
        for rec in re.finditer(r"<REUTERS([^>]*)>(.*?)</REUTERS>", raw, re.DOTALL):
            attrs, inner = rec.group(1), rec.group(2)
            if 'TOPICS="YES"' not in attrs:
                continue
            found = re.search(r"<TOPICS>(.*?)</TOPICS>", inner)
            topics = re.findall(r"<D>(.*?)</D>", found.group(1)) if found else []
            if 'LEWISSPLIT="TEST"' in attrs:
                test_cats.update(topics)
                continue
            if 'LEWISSPLIT="TRAIN"' not in attrs:
                continue
            title = re.search(r"<TITLE>(.*?)</TITLE>", inner, re.DOTALL)
            body = re.search(r"<BODY>(.*?)</BODY>", inner, re.DOTALL)
            newid = re.search(r'NEWID="(\d+)"', attrs).group(1)  # type: ignore[union-attr]
            train.append((newid, html.unescape(title.group(1)) if title else "",
                          html.unescape(body.group(1)) if body else "", topics))
    return train, test_cats


def other_texts(root: Path) -> list[tuple[str, str]]:
    """PolNeAR train and BBC articles (title, body): more news for the contest label, none from dev."""
    out = []
    for f in sorted((root / "polnear" / "data" / "train" / "text").glob("*.txt")):
        title, _, body = f.read_text(encoding="utf-8").partition("\n")
        out.append((title, body))
    for f in sorted((root / "bbc-fulltext" / "bbc").glob("*/*.txt")):
        title, _, body = f.read_bytes().decode("latin-1").partition("\n")
        out.append((title, body))
    return out


def labelled_share(clf, x, y) -> float:
    """Elkan & Noto's c = P(written | about the contest): the mean held-out probability of the labelled positives."""
    from sklearn.model_selection import cross_val_predict
    held_out = cross_val_predict(clf, x, y, cv=PU_FOLDS, method="predict_proba")[:, 1]
    return float(held_out[y == 1].mean())


def main() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    root = Path(sys.argv[1])
    dev_path = Path(sys.argv[2]) if len(sys.argv) > 2 else root.parent / "eval" / "topics-dev.jsonl"
    dev_ids = {r["id"] for r in map(json.loads, dev_path.open()) if r["corpus"] == "reuters"}
    names = readable_names(root)
    train, test_cats = reuters_modapte(root)
    train = [d for d in train if d[0] not in dev_ids]
    assert not dev_ids & {d[0] for d in train}, "a dev article is in the training set"
    cats = sorted({c for d in train for c in d[3]} & test_cats)
    learnt = [c for c in cats if sum(c in d[3] for d in train) >= MIN_POSITIVE]
    print(f"ModApte training documents (with none of the {len(cats)} categories too): {len(train)} "
          f"(dev Reuters ids left out: {len(dev_ids)}); {len(learnt)} categories with {MIN_POSITIVE}+ documents",
          file=sys.stderr)
    docs = [(t, b) for _, t, b, _ in train] + other_texts(root)
    ys = {names.get(c, c): np.array([c in d[3] for d in train] + [False] * (len(docs) - len(train)), dtype=int)
          for c in learnt}
    contests = [next((c for c in candidates(t, b) if is_contest(c)), None) for t, b in docs]
    print(f"contest mentions: {sum(1 for c in contests if c)} of {len(docs)} documents", file=sys.stderr)
    for label in sorted({c.split()[-2] + " election" for c in contests if c}):
        y = np.array([bool(c) and c.endswith(label) for c in contests], dtype=int)
        if y.sum() >= MIN_CONTEST_DOCS:
            ys[label] = y
    # Reuters categories are learnt from Reuters documents only (the others carry no such labels).
    reuters_rows = np.arange(len(train))
    vec = TfidfVectorizer(analyzer=lambda d: tokens(*d), sublinear_tf=True, min_df=3, max_df=0.5,
                          max_features=MAX_FEATURES)
    x = vec.fit_transform(docs)
    coef = np.zeros((x.shape[1], len(ys)), dtype=np.float32)
    intercept = np.zeros(len(ys), dtype=np.float32)
    threshold = np.zeros(len(ys), dtype=np.float32)
    for n, (label, y) in enumerate(ys.items()):
        rows = reuters_rows if n < len(learnt) else np.arange(len(docs))
        clf = LogisticRegression(C=10.0, solver="liblinear")
        threshold[n] = THRESHOLD if n < len(learnt) else THRESHOLD * labelled_share(clf, x[rows], y[rows])
        clf.fit(x[rows], y[rows])
        coef[:, n], intercept[n] = clf.coef_[0], clf.intercept_[0]
        print(f"{label}: {int(y[rows].sum())} positive, threshold {threshold[n]:.2f}", file=sys.stderr)
    out = Path(__file__).with_name(MODEL_FILE)
    np.savez_compressed(out, vocab="\n".join(vec.get_feature_names_out()), idf=vec.idf_.astype(np.float16),
                        coef=coef.astype(np.float16), intercept=intercept, threshold=threshold,
                        names="\n".join(ys))
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main()
