"""Best-8 ceiling of a topic candidate source: judge candidates before spending time on ranking.

    python bench/topic_oracle.py [--source MODULE:FUNCTION]... [--misses N] [--rules] [--no-kpcrowd]

An oracle picks, per article, the 8 candidates that find the most gold topics (greedy maximum coverage;
exact on the dev set, whose articles have at most six gold topics each) and reports the recall@8 that
choice reaches, lenient and strict, with the shared scorer's matching (``score.py``: Porter stems, a
prediction holding every gold word, or leniently the reverse).  No ranking can do better with the same
candidates, so a new candidate source is worth ranking only if it raises this ceiling.

Rows: ``current`` is what the extraction keeps today (its candidates and reserve, its editor labels dated
with the article's year); then per ``--source`` (a function ``(title, body) -> iterable of phrases``, the
option repeatable) its candidates alone and ``current + source``, the ceiling the source added to today's
would give.  Figures are printed for the 60 dev articles and for KPCrowd (500 articles, ~48 keyphrases each, a
collection no rule was written on, so a ceiling that rises on both is no fit to dev).  ``--misses N``
lists N dev gold topics (and N KPCrowd keyphrases) whose words are all in the text yet no candidate
holds them all: what a new source would have to produce.  ``--rules`` adds the dev ceilings of today's
candidates that the corpus vocabulary rules pass (``corpus._is_value`` with the statistics of ``evaluate.py``'s
background collection) and of the values that actually compete for the 8 slots (``corpus.competing_values``: the
rules with the one-off budget and the reserve's rules): the gap between the first two rows is what the rules cost,
the gap from the last to the shown topics what ranking and the overlap rules cost.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.evaluate import EVAL, kpcrowd, polnear, reuters, scorer, years  # noqa: E402

K = 8


def best_k(gold: Sequence[frozenset], cands: Iterable[frozenset], strict: bool, k: int = K) -> int:
    """Gold topics found by the best ``k`` candidates (greedy maximum coverage)."""
    match = scorer().topic_match
    covers = [c for c in ({n for n, g in enumerate(gold) if match(g, pk, strict)} for pk in set(cands)) if c]
    found: set[int] = set()
    for _ in range(k):
        best = max(covers, key=lambda c: len(c - found), default=set())
        if not best - found:
            break
        found |= best
    return len(found)


def ceiling(rows: list[tuple[list[str], list[str]]], strict: bool) -> float:
    """Mean over articles of the best-``k`` recall: ``rows`` are (gold topics, candidate phrases)."""
    key = scorer().topic_key
    total = 0.0
    for gold, cands in rows:
        gk = [key(g) for g in gold]
        total += best_k(gk, [key(c) for c in cands if key(c)], strict) / len(gk) if gk else 0.0
    return total / max(1, len(rows))


def dev_articles() -> list[tuple[str, tuple[str, str], list[str], int | None]]:
    """(key, (title, body), gold topics, year) for the 60 dev articles, in the gold file's order."""
    gold = [json.loads(line) for line in (EVAL / "topics-dev.jsonl").open(encoding="utf-8")]
    pol, rts, year_of = polnear("dev"), reuters(None), years()
    out = []
    for row in gold:
        key = ("r:" if row["corpus"] == "reuters" else "p:") + row["id"]
        text = rts[row["id"]] if row["corpus"] == "reuters" else pol[row["id"]]
        out.append((key, text, row["topics"], year_of.get(key)))
    return out


#: How many of an article's current candidates are its labels (they come first), by the list's identity.
_N_LABELS: dict[int, int] = {}


def current_candidates(texts: list[tuple[str, str]], years_: list[int | None]) -> list[list[str]]:
    """What the extraction keeps today: dated editor labels, then candidates and reserve."""
    from indexer.extract import extract_batch
    from indexer.extract.events import dated
    out = []
    for e, year in zip(extract_batch(texts), years_, strict=True):
        out.append([dated(p, year) for p in (*e.labels, *e.topics)])
        _N_LABELS[id(out[-1])] = len(e.labels)
    return out


def passing(dev: list[tuple[str, tuple[str, str], list[str], int | None]],
            cands: list[list[str]]) -> dict[str, list[list[str]]]:
    """Two rows judged with statistics over the background collection ``evaluate.py`` uses for dev (PolNeAR
    train+dev, 3,000 Reuters): each article's candidates that the corpus vocabulary rules pass (``corpus._is_value``),
    with its labels; and the values that compete for its 8 slots (``corpus.competing_values``: the rules, the
    one-off budget, the reserve's rules, the share cap, variants and label vocabulary merged), the ones the shown
    topics are chosen from."""
    from indexer.extract import CorpusStats, extract_batch
    from indexer.extract.corpus import ONE_OFF_RANK, _is_value, competing_values
    from indexer.extract.events import is_contest
    background = {f"p:{k}": v for split in ("train", "dev") for k, v in polnear(split).items()}
    background.update({f"r:{k}": v for k, v in reuters(3000).items()})
    background.update({key: text for key, text, _, _ in dev})
    extracted = dict(zip(background, extract_batch(list(background.values())), strict=True))
    stats = CorpusStats()
    for e in extracted.values():
        stats.add(e.topics, e.labels)
    def passes(rank: int, phrase: str) -> bool:  # rank among the article's own candidates, after its labels
        return is_contest(phrase) or _is_value(phrase, stats) \
            or 0 <= rank < ONE_OFF_RANK and _is_value(phrase, stats, one_off=True)

    competing = [list(competing_values(extracted[key].topics, stats, K, year, extracted[key].labels))
                 for key, _, _, year in dev]
    return {"current, values the rules pass": [[p for n, p in enumerate(c)
                                                if n < _N_LABELS[id(c)] or passes(n - _N_LABELS[id(c)], p)]
                                               for c in cands],
            "current, values that compete": competing}


def load_source(spec: str) -> Callable[[str, str], Iterable[str]]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def misses(rows: list[tuple[list[str], list[str]]], texts: list[tuple[str, str]], n: int) -> list[str]:
    """Gold phrases whose stems all occur in the text but that no candidate holds whole (strict)."""
    key, match = scorer().topic_key, scorer().topic_match
    out = []
    for (gold, cands), (title, body) in zip(rows, texts, strict=True):
        text = key(f"{title} {body}")
        ck = [key(c) for c in cands]
        out += [g for g in gold if key(g) <= text and not any(match(key(g), c, True) for c in ck)]
    return out[:n]


def report(name: str, texts: list[tuple[str, str]], gold: list[list[str]], years_: list[int | None],
           sources: dict[str, Callable[[str, str], Iterable[str]]], n_misses: int,
           rules: Callable[[list[list[str]]], dict[str, list[list[str]]]] | None = None) -> None:
    cur = current_candidates(texts, years_)
    sets = {"current": cur}
    if rules is not None:
        sets.update(rules(cur))
    for spec, source in sources.items():
        own = [list(source(t, b)) for t, b in texts]
        sets[spec] = own
        sets[f"current + {spec}"] = [a + b for a, b in zip(cur, own, strict=True)]
    print(f"== {name} ({len(texts)} articles): best-{K} ceiling lenient / strict, mean candidates per article")
    for label, cands in sets.items():
        rows = list(zip(gold, cands, strict=True))
        print(f"{label:<40} {ceiling(rows, False):.3f} / {ceiling(rows, True):.3f}   "
              f"{sum(len(c) for c in cands) / max(1, len(cands)):.1f}")
    if n_misses:
        last = list(sets.values())[-1]
        gone = misses(list(zip(gold, last, strict=True)), texts, n_misses)
        print(f"written in the text, held by no candidate ({len(gone)} shown): " + "; ".join(gone))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", action="append", default=[],
                    help="MODULE:FUNCTION taking (title, body) and returning candidate phrases (repeatable)")
    ap.add_argument("--misses", type=int, default=0, metavar="N")
    ap.add_argument("--no-kpcrowd", action="store_true")
    ap.add_argument("--rules", action="store_true",
                    help="also the dev ceiling of today's candidates the corpus vocabulary rules pass (extracts the "
                         "background collection: a minute more)")
    args = ap.parse_args()
    sources = {spec: load_source(spec) for spec in args.source}
    dev = dev_articles()
    rules = (lambda cands: passing(dev, cands)) if args.rules else None
    report("dev topics", [t for _, t, _, _ in dev], [g for _, _, g, _ in dev], [y for _, _, _, y in dev],
           sources, args.misses, rules)
    kp = {} if args.no_kpcrowd else kpcrowd()
    if kp:
        items = list(kp.values())
        report("KPCrowd keyphrases", [t for t, _ in items], [g for _, g in items], [None] * len(items),
               sources, args.misses)


if __name__ == "__main__":
    main()
