"""Page furniture in a bundle file: a paragraph the file repeats word for word under many different titles
(a footer, an author's sign-off, a teaser of another story) is no part of any one story, so extraction does
not read it, while the body keeps it, stored and searchable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer import NewsIndex, reindex
from indexer.ingest import pipeline, repeated

#: A teaser of another story, pasted by the scraper into whichever page it was on: its speaker is no
#: speaker of those pages.
TEASER = ("A rising tide lifts all boats, as harbourmaster Odile Brennan said on Tuesday, and the Varnholt "
          "quays are busier than they have been in a decade.")
FOOTER = "Subscribe now to stay ahead with the most trusted harbour news source in Varnholt."
STORIES = [
    ("Ferry fares rise in Varnholt", "Ferry fares will rise by a tenth in March, said Tomas Reyl, who runs the line."),
    ("Grain silo reopens", "The north silo reopened on Monday, said Ilse Marrow, the silo's manager."),
    ("Lighthouse keeper retires", "After forty years the lamp is someone else's job, said Piet Ardane."),
    ("Dock workers vote on pay", "Members will vote on the offer next week, said union steward Hana Vostrik."),
    ("New crane for the east quay", "The crane lifts twice the load of the old one, said engineer Rafe Dunmore."),
    ("Fish market moves indoors", "Stalls open in the old customs hall in May, said trader Lene Oskam."),
]
OWN_SPEAKERS = ["Tomas Reyl", "Ilse Marrow", "Piet Ardane", "Hana Vostrik", "Rafe Dunmore", "Lene Oskam"]


def _records(stories: list[tuple[str, str]], *, padding: int = 0) -> list[dict]:
    return [{"title": title, "date": f"2024-03-{n + 1:02d}", "maintext": f"{own}\n{TEASER}\n{FOOTER}",
             **({"raw_html": "x" * padding} if padding else {})}
            for n, (title, own) in enumerate(stories)]


def _speakers_by_title(index_dir: Path) -> dict[str, list[str]]:
    hits = NewsIndex.open(index_dir).search("", per_page=50).hits
    return {h.title: list(h.speakers) for h in hits}


@pytest.mark.parametrize("padding", [0, 400_000], ids=["read whole", "streamed by the parent"])
def test_a_teaser_pasted_under_many_titles_gives_no_speaker_but_stays_searchable(tmp_path: Path, padding: int):
    folder = tmp_path / "scrape"
    folder.mkdir()
    path = folder / "dump.json"
    path.write_text(json.dumps(_records(STORIES, padding=padding)), encoding="utf-8")
    assert pipeline.reads_whole(next(pipeline.discover([path], []))) is (padding == 0)

    index_dir = tmp_path / "ix"
    reindex([folder], index_dir, workers=1)

    speakers = _speakers_by_title(index_dir)
    assert [speakers[title] for title, _ in STORIES] == [[name] for name in OWN_SPEAKERS]
    ix = NewsIndex.open(index_dir)
    assert ix.search('"Odile Brennan"').total == len(STORIES)  # the body keeps the teaser: nothing lost
    assert ix.search('"most trusted harbour news source"').total == len(STORIES)


def test_a_story_republished_under_its_own_title_keeps_its_paragraphs(tmp_path: Path):
    """Updates and corrections repeat a story under one title: that is the story, not furniture."""
    records = [{"title": "Varnholt harbour reopens after storm", "date": f"2024-04-0{n + 1}",
                "maintext": f"Update {n + 1}.\n{TEASER}"} for n in range(6)]
    path = tmp_path / "updates.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    reindex([path], tmp_path / "ix", workers=1)
    hits = NewsIndex.open(tmp_path / "ix").search("", per_page=50).hits
    assert len(hits) == 6
    assert all(list(h.speakers) == ["Odile Brennan"] for h in hits)


def test_furniture_takes_five_titles_and_a_paragraph_long_enough_to_be_prose():
    four = [(f"Story {n}", f"Own text {n}.\n{TEASER}") for n in range(repeated.MIN_TITLES - 1)]
    assert not repeated.repeated_in(four)
    five = [*four, ("Story five", f"Own text five.\n{TEASER}")]
    assert repeated.repeated_in(five).paragraphs == {repeated.fingerprint(TEASER)}

    short = "Qtly div 10 cts vs 10 cts prior"  # the same line in ten results notices is the news itself
    notices = [(f"Company {n} dividend", f"{short}\nPayable April {n}.") for n in range(10)]
    assert repeated.without(notices[0][1], repeated.repeated_in(notices)) == notices[0][1]


def test_a_teaser_block_goes_whole_its_outlet_line_and_short_headline_with_its_lead():
    """A pasted teaser is an outlet line, a headline and a lead; lines that short, repeated under as many
    titles, go with the lead they stand beside, and stay where they stand alone."""
    block = f"Harbour Wire\n\nQuay fees rise again\n{TEASER}"
    records = [(title, f"Harbour Wire\n{own}\n{block}") if n == 0 else (title, f"{own}\n{block}")
               for n, (title, own) in enumerate(STORIES)]
    furniture = repeated.repeated_in(records)
    assert repeated.without(records[1][1], furniture) == STORIES[1][1]
    # The outlet's name above the first story stands beside its own text, not beside furniture.
    assert repeated.without(records[0][1], furniture) == f"Harbour Wire\n{STORIES[0][1]}"


def test_spacing_and_case_do_not_hide_a_repeat_and_the_story_keeps_its_other_lines():
    records = [(f"Story {n}", f"Own line {n}.\n{TEASER.upper() if n % 2 else TEASER.replace(' ', '  ')}")
               for n in range(6)]
    furniture = repeated.repeated_in(records)
    assert repeated.without(records[1][1], furniture) == "Own line 1."
    body = "Nothing here repeats."
    assert repeated.without(body, furniture) is body
