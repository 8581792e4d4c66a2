"""A small fictional index for the journalist's first ten minutes (issue 13): local dates, undated
articles, a source-less article, source-given tags, case variants of topics, and multi-valued fields
whose neighbouring values would form a phrase if the index ran them together.

Articles read from files go through the real reindex (readers, dates in the source's zone); the
documents whose speakers, topics and quotes the test must choose are written with ``article_to_doc``
(no text format states them), as the hostile-fields test does.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index

from indexer import reindex
from indexer.models import Article, Quote
from indexer.schema import article_to_doc

#: Published 01:30 Moscow time on 27 March 2012, which is 21:30 UTC on the 26th.
EARLY_ID_RECORD = "w1"
WIRE_RECORDS = [
    {"id": "w1", "title": "Lorvant harbour dues rise before dawn", "date": "2012-03-27 01:30",
     "body": "The Lorvant harbour board raised dues overnight, its chair Ilse Varrow said.",
     "tags": ["Shipping", "LORVANT"]},
    {"id": "w2", "title": "Lorvant ferry timetable changes", "date": "2012-03-26 12:00",
     "body": "Ferries between Lorvant and Halsk run hourly from Monday, the operator said.",
     "tags": ["shipping"]},
    {"id": "w3", "title": "Lorvant dockers meet", "body": "Dockers in Lorvant met on an unknown day to talk pay.",
     "tags": ["Shipping"]},
    {"id": "w4", "title": "Flash: Lorvant port closed by fog", "date": "2012-03-28 08:00"},
]
NO_SOURCE_TEXT = ("Wexmoor orchard blossoms early\n\nThe orchards of Wexmoor blossomed three weeks early this "
                  "spring. Growers in the valley said the warm winter had done it, and that frost was now "
                  "the danger. The cooperative will meet to plan its harvest.\n")

GAP_ARTICLES = [
    Article(id="gap-1", title="Valdoria budget note", body="The Valdoria council met about the budget.",
            source_file="gap.json", date=datetime(2019, 5, 2, 9, 0, tzinfo=UTC), source="Gap Gazette",
            speakers=("Talia Brennick", "Dario Vesk"), topics=("missile mic", "flexibility plan"),
            quotes=(Quote("Talia Brennick", "we build walls", "said"), Quote("Dario Vesk", "harbours grow", "said")),
            orgs=("Osran Trust", "Halsk Bank"), tags=("Quay Fees", "Tide Tables")),
    Article(id="gap-2", title="Valdoria harbour dues", body="A note about the harbour dues of Valdoria.",
            source_file="gap.json", date=datetime(2019, 5, 3, 9, 0, tzinfo=UTC), source="Gap Gazette",
            topics=("Harbour Dues",)),
    Article(id="gap-3", title="Valdoria dues again", body="Another note: Valdoria harbour dues went up.",
            source_file="gap.json", date=datetime(2019, 5, 4, 9, 0, tzinfo=UTC), source="Gap Gazette",
            topics=("harbour dues",)),
    Article(id="gap-4", title="Valdoria dues, third note", body="Valdoria harbour dues went up once more.",
            source_file="gap.json", date=datetime(2019, 5, 5, 9, 0, tzinfo=UTC), source="Gap Gazette",
            topics=("harbour dues", "dues")),
]


def build_journal_index(tmp: Path) -> Path:
    articles = tmp / "articles"
    wire = articles / "lorvant-wire"
    wire.mkdir(parents=True)
    (wire / "newsindex-source.json").write_text('{"source": "Lorvant Wire", "timezone": "Europe/Moscow"}')
    (wire / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in WIRE_RECORDS), encoding="utf-8")
    loose = articles / "loose"
    loose.mkdir()
    (loose / "orchard.txt").write_text(NO_SOURCE_TEXT, encoding="utf-8")
    index_dir = tmp / "index"
    reindex([articles], index_dir, workers=1)
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.writer() as writer:
        for article in GAP_ARTICLES:
            writer.update_document(**article_to_doc(article, file_key="gap", file_sig="0", content_hash="0"))
    return index_dir
