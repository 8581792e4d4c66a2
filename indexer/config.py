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

#: The root of absolute links (feeds, OpenSearch) when no --base-url / NEWSINDEX_BASE_URL is given; the
#: Host header is never used (a client can forge it). ``serve`` passes its own host and port.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"

#: Waitress, per server process. Idle connections close after CHANNEL_TIMEOUT_S; a process holds up to
#: CONNECTION_LIMIT open connections (a connection that trickles a header holds no thread, only a
#: socket, so the limit is sized well above one client's slowloris, and ulimit -n is raised to fit).
CHANNEL_TIMEOUT_S = 30
CONNECTION_LIMIT = 2_000

DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_QUERY_CHARS = 2_000  # longer queries are cut, and the page says so
#: A query's cost grows with its words and operators, not its characters: past these it is cut, and the page says so.
MAX_QUERY_WORDS = 64
MAX_QUERY_OPERATORS = 32  # AND, OR, NOT, -word, +word and opening brackets
MAX_QUERY_DEPTH = 8  # brackets nested deeper than this
#: Longer "words" are no words: not indexed (the analyzers drop them), not stemmed, not spell-checked.
MAX_WORD_CHARS = 64
FACET_SIZE = 10
SEARCH_TIME_LIMIT_S = 0.8  # the budget of one whole search call: a pathological query returns partial results, flagged

#: Title matches count three times a body match; speakers and topics twice (query-time boosts).
FIELD_BOOSTS = {"title": 3.0, "body": 1.0, "speakers_text": 2.0, "topics_text": 2.0}

#: An article's body is cut at this many characters (a news story is a few thousand; a record past this
#: is a dump in the wrong field), and a run of non-space characters longer than MAX_RUN_CHARS (no word,
#: no URL) is cut to MAX_WORD_CHARS; both are reported in the reindex summary.
MAX_BODY_CHARS = 2_000_000
MAX_RUN_CHARS = 1_000

#: Files larger than this are refused by text readers rather than loaded whole.
MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024

#: Reading and extracting one file (or one batch of a streamed file) may take this long; past it the file
#: is skipped with the reason, so one pathological page cannot hold a reindex for minutes.
FILE_TIME_LIMIT_S = float(os.environ.get("NEWSINDEX_FILE_TIME_LIMIT_S", "60"))

#: Worker processes for reading and extraction during a reindex.
WORKERS = max(1, min(2, os.cpu_count() or 1))
