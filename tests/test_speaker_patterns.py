"""The attribution pattern table (``indexer/extract/patterns.py``) specifies itself: each row's fictional
examples, run through the real extractor, give the speakers the row promises, and the row is the one
that fires on them; each row names the test that specifies it, and that test exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.extract.article import prepare
from indexer.extract.finder import Finder
from indexer.extract.patterns import CUES, SENTENCE, SUBJECTS, TABLE, attribute
from indexer.extract.speakers import find_speakers

from .test_extract_speakers import FICTIONAL

ROOT = Path(__file__).resolve().parents[1]


def fired(text: str) -> list[str]:
    """Names of the rows the matcher fired on ``text``, in order."""
    finder = Finder(prepare(text))
    finder.trace = []
    attribute(finder)
    return finder.trace


@pytest.mark.parametrize("row", TABLE, ids=[r.name for r in TABLE])
def test_row_examples(row) -> None:
    for text, expected in row.examples:
        assert sorted(find_speakers(text)[0]) == sorted(expected), text
        assert row.name in fired(text), (text, fired(text))


def test_every_row_is_documented_and_specified() -> None:
    assert len({r.name for r in TABLE}) == len(TABLE)
    fictional = {r[0] for r in FICTIONAL}
    for row in TABLE:
        assert row.shape and 1 <= len(row.examples) <= 3, row.name
        m = re.fullmatch(r"(tests/\w+\.py)::(\w+)\[(.+)\]", row.spec)
        assert m, row.spec
        path, func, case = m.groups()
        assert f"def {func}(" in (ROOT / path).read_text(encoding="utf-8"), row.spec
        if func == "test_fictional_patterns":
            assert case in fictional, row.spec
        else:
            assert (func, case) == ("test_row_examples", row.name), row.spec


def test_the_first_row_that_holds_wins() -> None:
    # "said" after a quote is read once, by the row for an inverted name; the rows after it never fire
    trace = fired("“We will win,” said Orrin Vale.")
    assert trace == ["speech-verb", "quote-said-name"]
    # a tentative row that finds nothing lets the walk go on: the appositive finds no name, the inverted name does
    assert fired("Prices fell, says Edda Morn.")[-2:] == ["appositive", "says-name-role"]


def test_the_tables_are_walked_in_their_stages() -> None:
    assert TABLE == CUES + SUBJECTS + SENTENCE
    assert fired("Nothing was said here.") == ["speech-verb", "passive-or-negated", "lone-quote"]


def test_a_row_holds_only_at_the_tokens_it_declares() -> None:
    """The matcher tries a row only at the words in its ``opens`` (None: a sentence's first token); a row
    whose ``when`` held elsewhere would be silently skipped."""
    from indexer.extract.patterns import Site

    texts = [t for row in TABLE for t, _ in row.examples] + [r[1] for r in FICTIONAL]
    for text in texts:
        finder = Finder(prepare(text))
        for idx, sent in enumerate(finder.art.sentences):
            for i, tok in enumerate(sent.tokens):
                site = Site(finder, idx, i, sent.tokens, tok.lower())
                for row in CUES:
                    if row.when(site):
                        assert (row.opens is None and i == 0) or tok.lower() in (row.opens or ()), (row.name, text)
