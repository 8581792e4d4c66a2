"""Typed errors of the library. The CLI and the web UI translate them into messages and statuses."""


class NewsIndexError(Exception):
    """Base class: every error the library raises on purpose."""


class IndexNotFoundError(NewsIndexError):
    """No index exists at the given directory yet (run ``newsindex reindex PATH``)."""


class IndexCorruptError(IndexNotFoundError):
    """The index exists but cannot be read (a segment deleted, a file truncated); rebuild it with --full.

    A kind of IndexNotFoundError: there is no usable index, and everything that handles that case
    (a 503 with Retry-After in the web UI, exit status 1 on the CLI) is right for this one too.
    """


class IndexBusyError(NewsIndexError):
    """Another reindex holds the index's write lock."""


class IndexWriteError(NewsIndexError):
    """The index could not be written (read-only directory, disk full); the previous index is intact."""


class ReindexError(NewsIndexError):
    """A reindex stopped part-way for a reason other than writing (a worker process died); nothing was written."""


class ReaderError(NewsIndexError):
    """A whole file could not be read; the reindex skips it and reports this message."""


class RecordError(NewsIndexError):
    """One record inside a multi-article file is unusable; the rest of the file is still read."""


class QueryError(NewsIndexError):
    """A query parameter is invalid (bad date, unknown sort); the message says which and why."""
