"""The fused indexing loop of the stemming analyzer gives the tokens of Whoosh's own chain.

Specification: for indexing (positions on or off, any start position) the fused loop yields the
same (text, position, boost) as the five-stage chain it inlines, over real news articles, the demo
set and hostile text (accents, stop words first, over-long tokens, dotted abbreviations, digits, an
empty value); every other call (a query, character offsets) is the chain itself; the analyzer
pickles (the index's schema holds it) without its memo and still fuses afterwards.
"""

from __future__ import annotations

import pickle

import pytest
from whoosh.analysis import CompositeAnalyzer

from indexer.config import MAX_WORD_CHARS
from indexer.schema import STEM, StemChain

from .conftest import CORPUS, DEMO

HOSTILE = ["", "the of and", "The Zürich café reopened; Ærø's ferry — naïve coöperation.", "U.S. e.g. 3.5% 2012",
           "a " + "x" * (MAX_WORD_CHARS + 1) + " harbour " + "y" * MAX_WORD_CHARS, "İstanbul ﬁnance ß straße",
           "it is the harbour, it is", "don't won't O'Neill's", "missiles missile missiling"]


def _texts() -> list[str]:
    texts = list(HOSTILE)
    for path in sorted(DEMO.rglob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    bbc = CORPUS / "bbc-fulltext" / "bbc"
    for path in sorted(bbc.rglob("*.txt"))[::10] if bbc.is_dir() else ():  # about 220 real articles
        texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def _tokens(analyzer, text: str, **kwargs) -> list[tuple]:
    return [(t.text, getattr(t, "pos", None), t.boost, t.stopped) for t in analyzer(text, **kwargs)]


CHAIN = CompositeAnalyzer(*STEM.items)


@pytest.mark.parametrize("kwargs", [dict(positions=True, boosts=True, mode="index"),
                                    dict(positions=True, mode="index", start_pos=101),
                                    dict(positions=False, mode="index")])
def test_indexing_tokens_are_the_chains(kwargs: dict) -> None:
    assert isinstance(STEM, StemChain) and STEM._fusable()
    for text in _texts():
        assert _tokens(STEM, text, **kwargs) == _tokens(CHAIN, text, **kwargs), text[:80]


def test_other_calls_are_the_chain_itself() -> None:
    for text in HOSTILE:
        for kwargs in (dict(mode="query"), dict(positions=True, chars=True, mode="index"),
                       dict(mode="index", removestops=False)):
            fused = [(t.text, t.stopped, getattr(t, "startchar", None)) for t in STEM(text, **kwargs)]
            assert fused == [(t.text, t.stopped, getattr(t, "startchar", None)) for t in CHAIN(text, **kwargs)]


def test_the_analyzer_pickles_without_its_memo_and_still_fuses() -> None:
    list(STEM("harbours and ferries", positions=True, mode="index"))
    copy = pickle.loads(pickle.dumps(STEM))
    assert "_memo" not in STEM.__getstate__() and copy == STEM and copy._fusable()
    text = HOSTILE[2]
    assert _tokens(copy, text, positions=True, mode="index") == _tokens(CHAIN, text, positions=True, mode="index")
