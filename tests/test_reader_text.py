"""The raw-text reader: junk lines out, date line and title found, no body sentence lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.ingest.readers.text import read_text, split_article
from indexer.ingest.sources import SourceSettings
from indexer.text.boilerplate import is_junk
from indexer.text.clean import clean_text, decode

from .conftest import SEED, corpus_path


def _sentences(text: str) -> list[str]:
    """Sentence-ish chunks of at least five words, normalised for comparison."""
    text = clean_text(text)
    parts = re.split(r"(?<=[.!?”\"])\s+", text)
    return [" ".join(p.split()) for p in parts if len(p.split()) >= 5]


def test_seed_is_split_into_date_title_and_body():
    parts = split_article(SEED.read_text(encoding="utf-8"))
    assert parts.date_text == "26 Mar, 2012 20:47"
    assert parts.title == "Obama caught on mic: 'After my election I have more flexibility' (VIDEO)"
    assert parts.body.startswith("On Monday while President Obama")
    assert "icon" not in parts.body.split()[0:5]
    assert "bookmarkicon" not in parts.body


def test_seed_icon_line_is_junk_and_no_body_sentence_is_lost():
    raw = SEED.read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if line.strip()]
    assert is_junk(lines[0])
    body = split_article(raw).body
    flat = " ".join(body.split())
    for sentence in _sentences("\n".join(lines[3:])):
        assert sentence in flat


@pytest.mark.parametrize("glued, expected", [
    ("more flexibility,” Obama implored.Obama assured the", "implored. Obama assured"),
    ("“I understand,” Medvedev responded,referring to the", "responded, referring to"),
    ("he said.“I will", "said. “I will"),
])
def test_text_glued_by_scraping_is_separated(glued, expected):
    assert expected in clean_text(glued)


@pytest.mark.parametrize("kept", ["U.S. officials", "1,000 people", "e.g. this", "3.5 percent", "Mr. Smith"])
def test_ungluing_leaves_abbreviations_and_numbers_alone(kept):
    assert clean_text(kept) == kept


def test_crlf_bom_and_curly_quotes(tmp_path: Path):
    path = tmp_path / "a.txt"
    text = "\ufeff5 May, 2020 10:00\r\n\r\nHarbour vote delayed\r\n\r\n“We will wait,” said Mayor Ilka Varn.\r\n"
    path.write_bytes(text.encode("utf-8"))
    (article,) = read_text(path, "a.txt", SourceSettings())
    assert article.title == "Harbour vote delayed"
    assert article.date_text == "5 May, 2020 10:00"
    assert "\r" not in article.body and "“We will wait,” said Mayor Ilka Varn." in article.body
    assert article.decode_fallback is False


def test_non_utf8_bytes_are_decoded_with_a_recorded_fallback(tmp_path: Path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Caf\xe9 owners protest\n\nThe caf\xe9 owners of Lorvant said prices rose \x93sharply\x94.\n"
                     .encode("latin-1"))
    (article,) = read_text(path, str(path), SourceSettings())
    assert article.decode_fallback is True
    assert "café owners" in article.body and "“sharply”" in article.body


def test_decode_prefers_utf8():
    assert decode("naïve".encode()) == ("naïve", False)


def test_polnear_and_bbc_title_on_line_one():
    bbc = corpus_path("bbc-fulltext", "bbc", "tech", "241.txt")
    (article,) = read_text(bbc, str(bbc), SourceSettings())
    assert article.title == "Hollywood to sue net film pirates"
    assert article.date_text is None
    polnear_dir = corpus_path("polnear", "data", "train", "text")
    path = sorted(polnear_dir.glob("*.txt"))[0]
    (article,) = read_text(path, str(path), SourceSettings())
    assert article.title == path.read_text(encoding="utf-8").splitlines()[0].strip()


def test_junk_filter_keeps_every_line_of_real_corpus_texts():
    """No body line of 300 BBC and PolNeAR articles is taken for junk."""
    files = sorted(corpus_path("bbc-fulltext", "bbc").glob("*/*.txt"))[::10]
    files += sorted(corpus_path("polnear", "data", "train", "text").glob("*.txt"))[::6]
    dropped = []
    for path in files:
        text, _ = decode(path.read_bytes())
        dropped += [(path.name, line[:60]) for line in text.splitlines() if line.strip() and is_junk(line.strip())]
    assert len(files) > 250
    assert dropped == []


def test_whole_text_bodies_keep_all_sentences_on_corpus_texts():
    for path in sorted(corpus_path("polnear", "data", "train", "text").glob("*.txt"))[:40]:
        text, _ = decode(path.read_bytes())
        body = " ".join(split_article(text).body.split())
        for sentence in _sentences("\n".join(text.splitlines()[1:])):
            assert sentence in body, (path.name, sentence)
