"""Regenerate ``pos_lexicon.py``: verbs and adjectives learnt from raw news text (run by hand).

    python -m indexer.extract.make_pos_lexicon CORPUS_DIR > indexer/extract/pos_lexicon.py

Without a tagger, topic chunks need to know which words are verbs ("regulate", "weigh") or
adjectives ("useful", "ready") so that a candidate is cut there and a lone adjective is never a
topic.  Distribution in a large news sample gives that cheaply: a word seen after a modal or
infinitive "to" far more often than after a determiner is a verb; one seen after "very/so/too/
more/most" far more than after a determiner is an adjective.  Learnt from PolNeAR train, Reuters
and BBC only (never the dev set), then shipped as a plain module so nothing is computed at run time.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

# Closed-class context words that tell a verb or an adjective by what precedes it (see the docstring):
# modals and "to" before verbs, degree words before adjectives, determiners before nouns, copulas and
# the punctuation or function words that follow a predicative adjective.
_MODAL = frozenset("to will would could should might must can cannot won't didn't doesn't don't not "
                   "shall may".split())
_DEGREE = frozenset("very so too more most less least increasingly extremely fairly rather".split())
_DET = frozenset("the a an this that these those his her their its our my your every each "
                 "any some no".split())
_COPULA = frozenset("is are was were be been being seems seemed remain remains remained become became".split())
_AFTER_ADJ = frozenset(". , ; and to for that than about with in of but or".split())
_WORD = re.compile(r"[a-z][a-z'’-]*|[^\sa-z]+")


def _texts(root: Path):
    for f in sorted((root / "polnear" / "data" / "train" / "text").glob("*.txt")):
        yield f.read_text(encoding="utf-8")
    for f in sorted((root / "bbc-fulltext" / "bbc").glob("*/*.txt")):
        yield f.read_bytes().decode("latin-1")
    for f in sorted((root / "reuters21578").glob("*.sgm")):
        yield from re.findall(r"<BODY>(.*?)</BODY>", f.read_bytes().decode("latin-1"), re.DOTALL)


def learn(root: Path) -> tuple[list[str], list[str]]:
    after_modal: Counter[str] = Counter()
    after_degree: Counter[str] = Counter()
    after_det: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text in _texts(root):
        toks = _WORD.findall(text.lower())
        total.update(toks)
        for prev, tok, nxt in zip(toks, toks[1:], toks[2:], strict=False):
            if prev in _COPULA and nxt in _AFTER_ADJ:
                after_degree[tok] += 1
            if prev in _MODAL:
                after_modal[tok] += 1
            elif prev in _DEGREE:
                after_degree[tok] += 1
            elif prev in _DET:
                after_det[tok] += 1
    verbs = sorted(w for w, n in after_modal.items()
                   if n >= 3 and n >= 3 * (after_det[w] + 1) and len(w) > 2 and w.isalpha()
                   and not w.endswith(("s", "ly")))
    adjs = sorted(w for w, n in after_degree.items()
                  if n >= 3 and n >= 2 * (after_det[w] + 1) and len(w) > 2 and w.isalpha() and w not in verbs
                  and not w.endswith("ly"))
    return verbs, adjs


def _emit(name: str, words: list[str]) -> str:
    lines, line = [], ""
    for w in words:
        if len(line) + len(w) > 100:
            lines.append(f'    "{line}"')
            line = ""
        line += w + " "
    lines.append(f'    "{line}"')
    return f"{name} = frozenset(\n" + "\n".join(lines) + "\n    .split()\n)\n"


def main() -> None:
    verbs, adjs = learn(Path(sys.argv[1]))
    print('"""Verb bases and adjectives learnt by ``make_pos_lexicon.py`` from PolNeAR train, Reuters and BBC."""\n')
    print("# fmt: off")
    print(_emit("LEARNT_VERBS", verbs))
    print(_emit("LEARNT_ADJECTIVES", adjs))


if __name__ == "__main__":
    main()
