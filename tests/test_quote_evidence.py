"""A quote is a statement and keeps its evidence: the sentence that attributes it, stored in the index,
returned by ``GET /api/articles/<id>`` and shown (escaped) under the quote on the article page.

Fictional people and companies only; a real Whoosh index built from files written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import reindex
from indexer.extract.speakers import find_speakers

ARTICLE = """Mon 06 Mar 2023 10:00

Harbour board backs the new ferry <b>plan</b>

“The ferry will run every hour,” Tilda Marsh told reporters on Monday <b>at the pier</b>.
Casa Brandt said in its weekly review that cocoa arrivals were slow.
"""


@pytest.fixture()
def evidence_app(tmp_path: Path):
    from webui import create_app

    src = tmp_path / "articles"
    src.mkdir()
    (src / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    index_dir = tmp_path / "index"
    reindex([src], index_dir, workers=1)
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)})


def test_the_api_returns_each_quote_with_its_attributing_sentence(evidence_app) -> None:
    client = evidence_app.test_client()
    hit = client.get("/api/search?q=ferry").get_json()["hits"][0]
    quotes = client.get(f"/api/articles/{hit['id']}").get_json()["quotes"]
    assert quotes == [{"speaker": "Tilda Marsh", "text": "The ferry will run every hour,", "cue": "told",
                       "evidence": "“The ferry will run every hour,” Tilda Marsh told reporters on Monday "
                                   "<b>at the pier</b>."}]


def test_the_article_page_shows_the_evidence_escaped_under_the_quote(evidence_app) -> None:
    client = evidence_app.test_client()
    hit = client.get("/api/search?q=ferry").get_json()["hits"][0]
    page = client.get(f"/articles/{hit['id']}").get_data(as_text=True)
    assert 'class="evidence"' in page
    assert "Tilda Marsh told reporters on Monday &lt;b&gt;at the pier&lt;/b&gt;." in page
    assert "<b>at the pier</b>" not in page


NARRATION = [
    ("a manner adverbial after the cue", "Orla Penhale said in a statement.", "Penhale"),
    ("a preposition after the cue", "Orla Penhale called for the resignation of the harbour board.", "Penhale"),
    ("a comma right after the cue", "Orla Penhale responded, as the harbour board looked on.", "Penhale"),
]


@pytest.mark.parametrize("case,text,surname", NARRATION, ids=[n[0] for n in NARRATION])
def test_narration_fragments_are_never_stored_as_quotes(case: str, text: str, surname: str) -> None:
    speakers, _, quotes = find_speakers(text)
    assert any(s.endswith(surname) for s in speakers)
    assert all(not q.text.startswith((",", "in a statement", "for the", "Orla")) for q in quotes), quotes


def test_a_statement_in_the_next_sentence_is_the_quote() -> None:
    _, _, quotes = find_speakers("Orla Penhale said in a statement. “The pier reopens in May.”")
    assert [(q.speaker, q.text, q.evidence) for q in quotes] == [
        ("Orla Penhale", "The pier reopens in May.", "Orla Penhale said in a statement.")]


def test_the_statement_before_the_subject_when_the_cue_ends_the_sentence() -> None:
    _, _, quotes = find_speakers("Cocoa arrivals at the pier were slow, Orla Penhale said.")
    assert [q.text for q in quotes] == ["Cocoa arrivals at the pier were slow"]


def test_a_quoted_term_inside_narration_is_not_the_statement() -> None:
    _, _, quotes = find_speakers("Orla Penhale said the count was “very close” and promised a recount.")
    assert [q.text for q in quotes] == ["the count was “very close” and promised a recount."]
