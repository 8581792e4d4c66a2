"""Every default of newsindex, declared once. Environment variables override the few that deploys change."""

from __future__ import annotations

import os
from pathlib import Path

#: Where ``reindex`` writes and ``search``/``serve`` read when no ``--index-dir`` is given.
DEFAULT_INDEX_DIR = Path(os.environ.get("NEWSINDEX_INDEX_DIR", "index_data"))

#: Zone used for a date written without one when the source does not name its own zone.
DEFAULT_TIMEZONE = "UTC"

#: Per-folder settings file: the nearest one above an article applies to it (source name, zone, format).
SOURCE_SETTINGS_FILE = "newsindex-source.json"

DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_QUERY_CHARS = 2_000  # longer queries are cut, and the page says so
FACET_SIZE = 10
SEARCH_TIME_LIMIT_S = 0.8  # the budget of one whole search call: a pathological query returns partial results, flagged

#: Result orders a search accepts (the CLI's --sort, the web UI's sort menu, the API's sort=).
SORTS = ("relevance", "newest", "oldest")
DEFAULT_SORT = "relevance"

#: BM25F (Whoosh's scorer and the numpy one in search/scoring.py). Length normalisation is mild (B 0.3,
#: every field; Robertson's 0.75 is tuned for TREC ad hoc). News corpora hold one-line briefs and flashes
#: (a headline repeated as the body, 30-250 characters) next to the full story of the same event; at
#: B 0.75 the brief, merely repeating the headline's words, outranks the story a reader remembers and
#: describes. Known-item MRR@10 by body B: 0.75 → 0.934, 0.45 → 0.945, 0.3 → 0.960, 0.2/0.1 → 0.972,
#: 0 → 0.960 (the dev set: 45 queries, so a plateau, not a tuned point). Field boosts: schema.FIELD_BOOSTS.
BM25_K1 = 1.2
BM25_B = 0.3

#: Quotes shown on a search page when the query names a speaker.
QUOTES_ON_PAGE = 5

#: Web UI and HTTP API: the largest request body, rows of a CSV/JSON export (a deploy may lower it in the
#: app config), entries of an Atom feed, autocomplete suggestions.
MAX_REQUEST_BYTES = 64 * 1024
EXPORT_MAX_ROWS = 10_000
FEED_ENTRIES = 50
SUGGEST_LIMIT = 10

#: Files larger than this are refused by text readers rather than loaded whole.
MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024

#: Worker processes for reading and extraction during a reindex.
WORKERS = max(1, min(2, os.cpu_count() or 1))
# The index writer's in-memory posting buffer per process, in MB (Whoosh's ``limitmb``): past it, postings
# spill to sorted runs on disk. 128 keeps a two-process write under the 1 GB peak-memory target.
WRITER_LIMIT_MB = 128
# Documents per writer process below which a reindex writes with one process: starting processes and
# leaving small segments costs more than it saves on a small incremental run.
PARALLEL_WRITE_MIN_DOCS = 250
# Writer processes run this much nicer than the reindex: a server searching the same machine keeps the
# cores first (its searches have a time budget), and on an idle machine niceness costs nothing.
WRITER_NICENESS = 5
