"""Topic values a facet can show: the corpus vocabulary, editor labels and one canonical form per topic.

Every article here is fictional (invented companies, towns and people).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract import CorpusStats, extract_one, finalize_topics
from indexer.extract.burst import adaptation, coherence, verb
from indexer.extract.corpus import (
    MIN_COHERENCE,
    MIN_PHRASE_LEAD_SHARE,
    MIN_RECUR,
    ONE_OFF_MAX,
    ONE_OFF_RANK,
    RESERVE_ADAPTATION,
    VOCAB_MIN_DOCS,
    competing_values,
    fold,
    never_topic,
)
from indexer.extract.labels import MODEL_FILE, assign, thresholds
from indexer.extract.topics import CANDIDATES

RESULTS_TABLE = ("Korvane Tooling Inc <KRVT> 3rd qtr net", """
Shr profit 42 cts vs loss 18 cts
    Net profit 4,210,000 vs loss 1,830,000
    Revs 61.4 mln vs 55.2 mln
    Nine mths
    Shr profit 1.02 dlrs vs profit 33 cts
    Net profit 10.3 mln vs profit 3,340,000
    Revs 180.9 mln vs 161.0 mln
    NOTE: Qtly div eight cts vs eight cts prior, pay Dec 15, record Nov 30.
""")

TAKEOVER = ("Brennick Foods agrees to buy Osterwald Dairies", """
Brennick Foods Corp said it agreed to acquire Osterwald Dairies Inc for 31 dlrs a share in cash, or about
420 mln dlrs. The merger agreement was approved by both boards, and Brennick said it will begin a tender
offer for all Osterwald shares next week. Osterwald's largest shareholder agreed to tender its stake.
The acquisition is subject to regulatory approval and to a majority of shares being tendered.
""")


def _stats(counts: dict[str, int], n_docs: int = 1000) -> CorpusStats:
    """Corpus statistics in which each phrase is a candidate of the given number of articles."""
    stats = CorpusStats()
    for n in range(n_docs):
        stats.add([p for p, c in counts.items() if n < c] + [f"filler subject {n}"])
    return stats


def test_a_results_table_is_filed_under_earnings_not_its_table_lines() -> None:
    e = extract_one(*RESULTS_TABLE)
    topics = finalize_topics(e.topics, None, labels=e.labels)
    assert topics[0] == "earnings"
    folded = {fold(t) for t in topics}
    assert not folded & {"qtly div", "div", "mth", "nine mth", "shr", "net", "note", "eight", "prior pay"}


def test_a_takeover_is_filed_under_mergers_and_acquisitions() -> None:
    assert "mergers and acquisitions" in assign(*TAKEOVER)


def test_an_opinion_piece_about_a_local_festival_gets_no_wire_label() -> None:
    text = ("The lantern festival returns to Vellmar", "Every autumn the lanterns come out in Vellmar. Children "
            "paint paper lanterns, the bakers sell honey cakes, and the old bridge is lit for three nights. "
            "This year the festival adds a choir from the mountain villages and a parade of boats.")
    assert assign(*text) == ()


@pytest.mark.parametrize("phrase", ["company", "country", "system", "period", "total", "record",
                                    "spokesman", "analyst", "note", "NOTE", "company spokesman"])
def test_generic_and_reporting_words_are_never_a_topic(phrase: str) -> None:
    assert never_topic(phrase)
    stats = _stats({phrase: 40, "harbour dredging": 40})
    assert finalize_topics([phrase, "harbour dredging"], stats) == ("harbour dredging",)
    assert phrase not in finalize_topics([phrase, "harbour dredging"], None)


@pytest.mark.parametrize("phrase", ["coffee", "election", "missile defense", "harbour dredging", "tax reform"])
def test_subjects_are_topics(phrase: str) -> None:
    assert not never_topic(phrase)


def test_number_words_and_period_abbreviations_break_phrases() -> None:
    e = extract_one("Tarrow Mills nine mths net", "Nine mths shr 1.10 dlrs vs 90 cts. Qtly div seven cts vs "
                    "seven cts prior. Tarrow Mills expects stg sales to rise in the textile market.")
    words = {w for t in e.topics for w in fold(t).split()}
    assert not words & {"nine", "seven", "mth", "qtly", "div", "stg", "shr"}


def test_a_generic_noun_leading_an_article_is_not_its_topic() -> None:
    body = ("The company said the company would keep the company's system. The country's system is old, "
            "the company said, and the country needs a new system for grain silos in Ostrava Vale. "
            "Grain silos are the company's main business.")
    e = extract_one("The company and the country", body)
    topics = finalize_topics(e.topics, None, labels=e.labels)
    assert "grain silo" in topics
    assert not {fold(t) for t in topics} & {"company", "country", "system"}


def test_in_a_large_corpus_a_value_that_recurs_comes_before_the_articles_own_phrase() -> None:
    stats = _stats({"harbour dredging": MIN_RECUR, "ferry timetable": 1}, n_docs=VOCAB_MIN_DOCS)
    assert finalize_topics(["ferry timetable", "harbour dredging"], stats) == ("harbour dredging",
                                                                             "ferry timetable")


def test_an_articles_own_phrase_only_fills_a_slot_shared_values_leave_empty() -> None:
    stats = _stats({"harbour dredging": MIN_RECUR, "pier repairs": MIN_RECUR, "ferry timetable": 1},
                   n_docs=VOCAB_MIN_DOCS)
    assert finalize_topics(["ferry timetable", "harbour dredging", "pier repairs"], stats, k=2) == (
        "harbour dredging", "pier repairs")


def test_an_article_keeps_few_phrases_no_other_article_writes_and_only_strong_ones() -> None:
    own = ["ferry timetable", "lighthouse keeper", "tide gauge", "quay lamps", "buoy paint", "dock cranes"]
    stats = _stats({"harbour dredging": MIN_RECUR, **dict.fromkeys(own, 1)}, n_docs=VOCAB_MIN_DOCS)
    topics = finalize_topics([*own, "harbour dredging"], stats)
    assert topics[0] == "harbour dredging"
    assert len(topics) == 1 + ONE_OFF_MAX and set(topics[1:]) <= set(own[:ONE_OFF_RANK])
    weak = ["company", "country", "system", "spokesman", "record", "period"][:ONE_OFF_RANK]
    assert len(weak) == ONE_OFF_RANK and all(map(never_topic, weak))
    assert finalize_topics([*weak, "ferry timetable"], stats) == ()


def test_the_shown_topics_are_chosen_from_the_values_that_compete_and_refused_phrases_never_compete() -> None:
    own = ["ferry timetable", "lighthouse keeper", "tide gauge", "quay lamps", "buoy paint", "dock cranes"]
    stats = _stats({"harbour dredging": MIN_RECUR, "pier repairs": MIN_RECUR, **dict.fromkeys(own, 1)},
                   n_docs=VOCAB_MIN_DOCS)
    cands = ["company", *own, "harbour dredging", "spokesman", "pier repairs"]
    competing = competing_values(cands, stats, labels=["shipping"])
    assert competing[0] == "shipping"  # the editor label first, then the shared values, then the article's own
    assert competing[1:3] == ("harbour dredging", "pier repairs")
    assert not set(competing) & {"company", "spokesman"}  # generic and reporting words never compete
    assert len(set(competing) & set(own)) == ONE_OFF_MAX  # the article's own phrases within their budget
    shown = finalize_topics(cands, stats, labels=["shipping"])
    assert set(shown) <= set(competing) and shown[:3] == competing[:3]


def test_in_a_small_collection_a_single_article_subject_stays() -> None:
    stats = _stats({"harbour dredging": 3, "ferry timetable": 1}, n_docs=40)
    assert set(finalize_topics(["ferry timetable", "harbour dredging"], stats)) == {"ferry timetable",
                                                                                  "harbour dredging"}


def test_an_unknown_single_word_must_recur() -> None:
    assert finalize_topics(["zorbling", "harbour dredging"], None) == ("harbour dredging",)
    stats = _stats({"zorbling": 5, "harbour dredging": 5}, n_docs=40)
    assert "zorbling" in finalize_topics(["zorbling", "harbour dredging"], stats)


@pytest.mark.parametrize("variants, shown", [
    ({"ICCO": 5, "icco": 2}, "ICCO"),
    ({"missile defense": 6, "missile defence": 3}, "missile defense"),
    ({"harbour dredging": 4, "harbor dredging": 2}, "harbour dredging"),
    ({"U.S. farm subsidy": 3, "US farm subsidy": 5}, "US farm subsidy"),
    ({"privatisation": 4, "privatization": 3}, "privatisation"),
])
def test_spelling_and_case_variants_are_one_value_in_the_commonest_form(variants: dict[str, int],
                                                                         shown: str) -> None:
    stats = _stats(variants, n_docs=100)
    assert len({fold(v) for v in variants}) == 1
    for variant in variants:
        assert finalize_topics([variant, "ferry timetable"], stats)[0] == shown
    assert stats.key_df(next(iter(variants))) == sum(variants.values())


def test_variants_in_one_article_are_shown_once() -> None:
    stats = _stats({"missile defense": 6, "missile defence": 3}, n_docs=100)
    assert finalize_topics(["missile defence", "missile defense", "ferry timetable"], stats) == (
        "missile defense", "ferry timetable")


def test_a_contest_label_is_dated() -> None:
    assert finalize_topics(["harbour dredging"], None, year=2023, labels=["mayoral election"])[0] == (
        "2023 mayoral election")


def test_a_set_line_of_notices_that_never_leads_an_article_is_no_value() -> None:
    stats = _stats({}, n_docs=900)
    for n in range(100):  # both in 100 articles; the tariff leads 30 of them, the notice line none
        lead = ["ferry tariff"] if n < 30 else [f"quay {n}"]
        stats.add([*lead, f"buoy {n}", f"mast {n}", "sailing notice", *([] if n < 30 else ["ferry tariff"])])
    assert stats.lead["sailing notice"] < MIN_PHRASE_LEAD_SHARE * stats.df["sailing notice"]
    assert finalize_topics(["sailing notice", "ferry tariff"], stats) == ("ferry tariff",)
    few = _stats({}, n_docs=40)  # in too few articles to say either way
    for n in range(5):
        few.add([f"quay {n}", f"buoy {n}", f"mast {n}", "sailing notice"])
    assert few.lead["sailing notice"] == 0 and "sailing notice" in finalize_topics(["sailing notice"], few)


def test_a_phrase_that_restates_the_contest_label_is_not_shown_beside_it() -> None:
    topics = finalize_topics(["ongoing mayoral election", "harbour dredging"], None, year=2023,
                             labels=["mayoral election"])
    assert topics == ("2023 mayoral election", "harbour dredging")


def test_a_contest_label_learnt_from_articles_that_write_it_is_calibrated_for_those_that_do_not() -> None:
    # Positive-unlabelled calibration (make_labels.labelled_share): wire categories keep 0.5.
    limits = thresholds()
    assert limits["earnings"] == limits["mergers and acquisitions"] == 0.5
    assert 0.1 < limits["presidential election"] < 0.5 and 0.1 < limits["general election"] < 0.5


def test_the_label_model_is_small_and_shipped_in_the_package() -> None:
    path = Path(__file__).resolve().parents[1] / "indexer" / "extract" / MODEL_FILE
    assert path.stat().st_size < 4 * 1024 * 1024


def test_the_seed_keeps_its_subjects_and_loses_filler(news_index) -> None:
    topics = news_index.search("flexibility missile defense").hits[0].topics
    assert "missile defense" in topics and "global nuclear security summit" in topics
    assert not {fold(t) for t in topics} & {"mic", "country", "system"}


def test_a_phrase_spelt_like_an_editor_label_is_shown_as_the_label() -> None:
    assert finalize_topics(["interest rate", "harbour dredging"], None)[0] == "interest rates"
    assert fold("interest rates") == fold("Interest Rate")


# --- topics-11: genericness from the background collection's own statistics ------------------------------

@pytest.mark.parametrize("word", ["contract", "plant", "facility", "company"])
def test_a_noun_every_kind_of_story_uses_is_no_one_word_value(word: str) -> None:
    """Coherence: the background articles that use these are no more alike than random ones."""
    assert coherence(word) is not None and coherence(word) < MIN_COHERENCE
    stats = _stats({word: 40, "harbour dredging": 40})
    assert finalize_topics([word, "harbour dredging"], stats) == ("harbour dredging",)
    assert finalize_topics([word, "harbour dredging"], None) == ("harbour dredging",)


@pytest.mark.parametrize("word", ["coffee", "election", "loan", "court", "veto"])
def test_a_noun_whose_stories_share_a_subject_stays_a_value(word: str) -> None:
    assert coherence(word) is not None and coherence(word) >= MIN_COHERENCE
    stats = _stats({word: 40, "harbour dredging": 40})
    assert word in finalize_topics([word, "harbour dredging"], stats)


def test_a_generic_head_still_counts_with_a_telling_modifier() -> None:
    """The rule is for bare words: "supply contract" or "power plant" say what the story is about."""
    stats = _stats({"supply contract": 40, "power plant": 40})
    assert set(finalize_topics(["supply contract", "power plant"], stats)) == {"supply contract", "power plant"}


def test_a_word_news_uses_as_a_verb_is_no_one_word_value() -> None:
    """ "to win", "will cut": what happened, not what about; "vote" and "bid" are nouns as often."""
    assert verb("win") and verb("cut") and not verb("vote") and not verb("bid")
    stats = _stats({"win": 40, "vote": 40, "harbour dredging": 40})
    assert finalize_topics(["win", "vote", "harbour dredging"], stats) == ("vote", "harbour dredging")


def test_a_study_or_report_is_what_the_story_reports_on_not_its_subject() -> None:
    e = extract_one("Study finds Ostrava Vale grain silos leak", "A study by the Ostrava Vale farm office found "
                    "that grain silos leak in wet winters. The study, a survey of 40 silos, says the grain silo "
                    "roofs need new seals. The report urges farmers to check seals before the rains.")
    topics = finalize_topics(e.topics, None, labels=e.labels)
    assert any("grain silo" in t for t in topics)
    assert not {fold(t) for t in topics} & {"study", "survey", "report"}


def test_a_set_purpose_clause_is_no_topic() -> None:
    """ "for general corporate purposes": a shell noun closes the notice's line, it names no subject."""
    e = extract_one("Pellworth Mills files for debt offering", "Pellworth Mills Inc said it filed for an offering "
                    "of 50 mln dlrs of debentures. Proceeds will be used for general corporate purposes and to "
                    "repay bank debt. Pellworth Mills makes cotton yarn.")
    assert not any(fold(t).endswith("purpose") for t in e.topics)


def test_the_coherence_column_is_shipped_with_the_word_table() -> None:
    assert coherence("the") is not None and coherence("the") < 1.0 < 2.0 < coherence("coffee")
    assert coherence("zorbling") is None


def test_reserve_candidates_only_fill_empty_slots_with_shared_values() -> None:
    """Candidates after the first ``CANDIDATES`` are no evidence for the statistics and never displace one."""
    first = [f"harbour topic {n}" for n in range(CANDIDATES)]
    stats = CorpusStats()
    for phrase in [*first, "ferry timetable", "contrast", "tariff"]:
        for _ in range(20):
            stats.add([phrase])
    for n in range(VOCAB_MIN_DOCS):
        stats.add([f"filler subject {n}", "quay lamps" if n == 0 else "tide gauge"])
    assert finalize_topics([*first, "ferry timetable"], stats, k=CANDIDATES) == tuple(first)
    few = ["harbour topic 0", *(f"tide gauge {n}" for n in range(CANDIDATES - 1)), "ferry timetable", "quay lamps"]
    topics = finalize_topics(few, stats)
    assert topics[0] == "harbour topic 0" and topics[-1] == "ferry timetable" and "quay lamps" not in topics
    said_once = finalize_topics([*few[:CANDIDATES], "contrast", "tariff"], stats)
    assert "tariff" in said_once and "contrast" not in said_once  # adaptation 0.31 and 0.09
    assert adaptation("contrast") < RESERVE_ADAPTATION <= adaptation("tariff")
    assert "contrast" in finalize_topics(["contrast", "tariff"], stats)  # among the first: the usual rules
    counted = CorpusStats()
    counted.add(few)
    assert "ferry timetable" not in counted.df and "harbour topic 0" in counted.df
    counted.remove(few)
    assert counted.n_docs == 0 and not counted.df
