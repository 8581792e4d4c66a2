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

#: Title matches count three times a body match; speakers and topics twice (query-time boosts).
FIELD_BOOSTS = {"title": 3.0, "body": 1.0, "speakers_text": 2.0, "topics_text": 2.0}

#: Files larger than this are refused by text readers rather than loaded whole.
MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024

#: Worker processes for reading and extraction during a reindex.
WORKERS = max(1, min(2, os.cpu_count() or 1))
# The index writer's in-memory posting buffer per process, in MB (Whoosh's ``limitmb``): past it, postings
# spill to sorted runs on disk. 128 keeps a two-process write under the 1 GB peak-memory target.
WRITER_LIMIT_MB = 128
# Documents per writer process below which a reindex writes with one process: starting processes and
# leaving small segments costs more than it saves on a small incremental run.
PARALLEL_WRITE_MIN_DOCS = 500
