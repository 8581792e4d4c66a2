"""A name is decided person, organisation or place once, from the whole corpus's evidence (fictional articles).

One article may give no clue that ``Harlow Brenton`` is a firm (``Harlow Brenton said …``); other
articles do (``shares of Harlow Brenton``, ``a Harlow Brenton analyst``).  The corpus state pools every
article's verdict and the build applies it to every article it writes (``indexer/extract/names_corpus.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from indexer import NewsIndex, reindex
from indexer.extract import NameKinds, decide_speakers, extract_one

SPEAKS = ("Harbour outlook", "Harlow Brenton sees the harbour market recovering this year. “Prices will rise "
          "again next year as ferries return,” Harlow Brenton said on Monday.")
AS_A_FIRM = [(f"Brenton shares {n}", f"Shares of Harlow Brenton rose {n + 2} percent on Tuesday. “The ferries are "
              f"back,” said Ida Marsh, a Harlow Brenton analyst, who expects more. Story {n}.") for n in range(3)]
PLACE_SPEAKS = ("Port note", "“Trade is strong and the harbour is full,” Tal Varro said in a note on Monday.")
AS_A_PLACE = [(f"Ships {n}", f"Ships wait in Tal Varro. “Trade is strong,” said Ada Kemp, who runs a shop in "
               f"Tal Varro. Story {n}.") for n in range(3)]
AS_A_PERSON = [(f"Brenton profile {n}", f"Harlow Brenton, 52, runs the ferry line. “We sail at dawn,” Harlow "
                f"Brenton said, and he smiled. Story {n}.") for n in range(4)]


def _write(folder: Path, articles: list[tuple[str, str]], stem: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, (title, body) in enumerate(articles):
        (folder / f"{stem}-{n}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def _kinds(articles: list[tuple[str, str]]) -> NameKinds:
    kinds = NameKinds()
    for title, body in articles:
        kinds.add(extract_one(title, body).kinds)
    return kinds


def test_each_article_records_its_own_verdict_on_the_names_it_writes() -> None:
    assert ("Harlow Brenton", "org") in extract_one(*AS_A_FIRM[0]).kinds
    assert ("Tal Varro", "place") in extract_one(*AS_A_PLACE[0]).kinds
    assert ("Harlow Brenton", "person") in extract_one(*AS_A_PERSON[0]).kinds
    alone = extract_one(*SPEAKS)
    assert alone.speakers == ("Harlow Brenton",) and not alone.kinds  # the article alone cannot tell


def test_a_speaker_the_corpus_writes_as_a_firm_moves_to_orgs_with_its_quotes_dropped() -> None:
    e = extract_one(*SPEAKS)
    speakers, orgs, quotes = decide_speakers(e.speakers, e.orgs, e.quotes, _kinds([SPEAKS, *AS_A_FIRM]))
    assert (speakers, orgs, quotes) == ((), ("Harlow Brenton",), ())


def test_a_speaker_the_corpus_writes_as_a_place_is_dropped() -> None:
    e = extract_one(*PLACE_SPEAKS)
    speakers, orgs, _ = decide_speakers(e.speakers, e.orgs, e.quotes, _kinds([PLACE_SPEAKS, *AS_A_PLACE]))
    assert (speakers, orgs) == ((), ())


def test_fewer_than_three_articles_of_evidence_never_overrule_the_article() -> None:
    e = extract_one(*SPEAKS)
    speakers, _, _ = decide_speakers(e.speakers, e.orgs, e.quotes, _kinds([SPEAKS, *AS_A_FIRM[:2]]))
    assert speakers == ("Harlow Brenton",)


def test_a_name_written_as_a_person_more_often_than_as_a_firm_stays_a_person() -> None:
    e = extract_one(*SPEAKS)
    speakers, _, _ = decide_speakers(e.speakers, e.orgs, e.quotes, _kinds([SPEAKS, *AS_A_FIRM, *AS_A_PERSON]))
    assert speakers == ("Harlow Brenton",)


def test_the_counts_follow_articles_in_and_out() -> None:
    kinds = _kinds(AS_A_FIRM)
    assert kinds.kind("Harlow Brenton") == "org"
    kinds.remove(extract_one(*AS_A_FIRM[0]).kinds)
    assert kinds.kind("Harlow Brenton") == "person" and kinds.counts["Harlow Brenton"] == [0, 2, 0]
    assert NameKinds.from_dict(json.loads(json.dumps(kinds.to_dict()))).counts == kinds.counts


def _index_values(index: Path) -> tuple[set[str], dict[str, tuple[str, ...]]]:
    ix = NewsIndex.open(index)
    hit = ix.search('"harbour market recovering"').hits[0]
    article = ix.get(hit.id)
    assert article is not None
    return set(ix.values("speakers")), {"speakers": article.speakers, "orgs": article.orgs}


def test_an_index_decides_from_the_corpus_and_keeps_the_evidence_for_the_next_reindex(tmp_path: Path) -> None:
    src = tmp_path / "articles"
    _write(src / "speaks", [SPEAKS], "speaks")
    alone = tmp_path / "alone"
    reindex([src], alone, workers=1)
    speakers, fields = _index_values(alone)
    assert "Harlow Brenton" in speakers and fields["speakers"] == ("Harlow Brenton",)  # one article cannot tell

    grown = tmp_path / "grown"
    _write(src / "firm", AS_A_FIRM, "firm")
    reindex([src / "firm"], grown, workers=1)  # the evidence is indexed first …
    reindex([src / "firm", src / "speaks"], grown, workers=1)  # … and read back from the corpus state
    speakers, fields = _index_values(grown)
    assert "Harlow Brenton" not in speakers and "Ida Marsh" in speakers
    assert fields == {"speakers": (), "orgs": ("Harlow Brenton",)}
    stats = json.loads((grown / "topic-stats.json").read_text(encoding="utf-8"))
    assert stats["kinds"]["Harlow Brenton"] == [0, 3, 0]
