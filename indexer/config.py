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
DEFAULT_BASE_URL = os.environ.get("NEWSINDEX_BASE_URL", "http://127.0.0.1:8000")

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
#: Longer "words" are no words: not indexed (the analyzers drop them), not stemmed, not spell-checked
#: (URLs, encoded blobs or hostile input; the spelling table's delete table grows with a word's length).
MAX_WORD_CHARS = 64
FACET_SIZE = 10
#: Terms in at least this share of the documents have their postings written with the generation's
#: search data and mapped at open (``search/hot.py``): decoding a common word's posting list from
#: Whoosh's blocks is what made the first searches of a fresh process slow. At 25k articles: about
#: 1,400 body terms, 1.4M postings, 17 MB.
HOT_POSTINGS_MIN_SHARE = 0.005
#: ... and the positions (for phrases) of the terms in at least this share. A phrase's first use
#: decodes its words' positions from Whoosh's blocks (60 µs per 128 postings plus each posting's
#: own unpickling): 40 ms for two common words at 100k articles. Terms in at least 2% of the
#: documents hold most of the positions of common words (at 24,733 articles 822 body terms, 2.0M
#: positions, 16 MB, 2.8 s of the reindex); below it a term's first phrase decodes at most 2% of
#: the documents' postings.
HOT_POSITIONS_MIN_SHARE = 0.02
#: The search ``NewsIndex.warm`` runs once (as Solr's ``firstSearcher`` queries do): every stage of a
#: search (parsing, matching, ranking with feedback, snippets, facets, the timeline) has its first
#: call, with its one-time costs, before a visitor's. Ordinary words, so every stage runs.
WARM_UP_QUERY = "news report"
SEARCH_TIME_LIMIT_S = 0.8  # the budget of one whole search call: a pathological query returns partial results, flagged

#: Result orders a search accepts (the CLI's --sort, the web UI's sort menu, the API's sort=).
SORTS = ("relevance", "newest", "oldest")
DEFAULT_SORT = "relevance"

#: Which bare words an article must hold (the CLI's --match, the web UI's switch, the API's match=):
#: any (ranked recall: one is enough, more rank higher) or all (every word, the strict reading).
MATCHES = ("any", "all")
DEFAULT_MATCH = "any"

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

#: An article's body is cut at this many characters (a news story is a few thousand; a record past this
#: is a dump in the wrong field), and a run of non-space characters longer than MAX_RUN_CHARS (no word,
#: no URL) is cut to MAX_WORD_CHARS; both are reported in the reindex summary.
MAX_BODY_CHARS = 2_000_000
MAX_RUN_CHARS = 1_000

#: Files larger than this are refused by text readers rather than loaded whole.
MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024

#: Extraction reads at most this much of a body (cut at a paragraph end): a news story is far shorter
#: (the longest in the shared corpus has 77,000 characters), and a 5 MB "article" must not hold a
#: build worker for a minute.  The whole body is still indexed for search.
MAX_EXTRACT_CHARS = 200_000
#: Reading and extracting one file (or one batch of a streamed file) may take this long; past it the file
#: is skipped with the reason, so one pathological page cannot hold a reindex for minutes.
FILE_TIME_LIMIT_S = float(os.environ.get("NEWSINDEX_FILE_TIME_LIMIT_S", "60"))

#: The extraction cache (extractions, term profiles, files' read batches) is pruned to what the index holds
#: when its extraction rows outnumber the indexed articles by this factor (and by CACHE_PRUNE_MIN_DEAD rows):
#: each edit, removal or extractor upgrade leaves rows behind, and pruning when they have doubled keeps the
#: file within about twice its live size at a cost spread over many reindexes. ``optimize`` always prunes.
CACHE_PRUNE_FACTOR = 2
CACHE_PRUNE_MIN_DEAD = 1_000

#: Worker processes for reading and extraction during a reindex.
WORKERS = max(1, min(2, os.cpu_count() or 1))
# The index writer's in-memory posting buffer per process, in MB (Whoosh's ``limitmb``): past it, postings
# spill to sorted runs on disk. 128 keeps a two-process write under the 1 GB peak-memory target.
WRITER_LIMIT_MB = 128
# Documents per writer process below which a reindex writes with one process: starting processes and
# leaving small segments costs more than it saves on a small incremental run.
PARALLEL_WRITE_MIN_DOCS = 250
# Writer processes run this much nicer than the reindex. 0: they do the reindex's own work (building and
# writing documents, which the one-process write does at the reindex's priority, as the read/extract pool
# does); at 5 they lost to the one-process write on a busy machine. To yield to a server, run the
# reindex under `nice`: every process of it inherits the niceness.
WRITER_NICENESS = 0
