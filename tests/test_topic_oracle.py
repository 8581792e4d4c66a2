"""The best-8 ceiling of a candidate source (``bench/topic_oracle.py``) with the shared scorer's matching."""

from __future__ import annotations

import pytest

from bench.evaluate import EVAL

pytestmark = pytest.mark.skipif(not (EVAL / "score.py").exists(), reason="../shared/eval/score.py is absent")


def test_the_oracle_picks_the_candidates_that_find_the_most_gold_topics() -> None:
    from bench.topic_oracle import ceiling
    gold = ["harbour ferry strike", "tidal gates", "Quillhaven port budget"]
    cands = ["ferry", "harbour ferry strike talks", "tidal gate", "weather"]
    assert ceiling([(gold, cands)], strict=True) == pytest.approx(2 / 3)  # "ferry" holds too few words
    assert ceiling([(gold, cands)], strict=False) == pytest.approx(2 / 3)
    assert ceiling([(gold, ["ferry", "port budget"])], strict=False) == pytest.approx(2 / 3)  # the reverse
    assert ceiling([(gold, ["ferry", "port budget"])], strict=True) == 0.0


def test_the_oracle_is_held_to_eight_candidates() -> None:
    from bench.topic_oracle import ceiling
    gold = [f"subject {n}" for n in range(10)]
    assert ceiling([(gold, gold)], strict=True) == pytest.approx(0.8)
