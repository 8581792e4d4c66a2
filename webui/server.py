"""``newsindex serve``: waitress, in one process per core, sharing one listening socket.

Searching is CPU-bound Python, so one process serves one core whatever its thread count (the GIL).
The socket is bound once and inherited by forked workers, each running its own waitress with its
own NewsIndex (Whoosh searchers must not cross processes). Every worker reopens the index when a
reindex finishes, so no restart is needed.
"""

from __future__ import annotations

import ctypes
import gc
import os
import resource
import signal
import socket
import sys
from typing import Any

from waitress import create_server
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.task import ErrorTask

from indexer.config import CHANNEL_TIMEOUT_S, CONNECTION_LIMIT
from indexer.errors import NewsIndexError

from .errors import SECURITY_HEADERS
from .index_access import get_index


class _SecureErrorTask(ErrorTask):
    """Waitress's own error responses (400 bad request line, 431 headers too large, 413) with the same
    security headers as every page of the app: they never reach Flask's after_request."""

    def execute(self) -> None:
        self.response_headers.extend(SECURITY_HEADERS.items())
        super().execute()


class _SecureChannel(HTTPChannel):
    error_task_class = _SecureErrorTask


#: glibc's mallopt parameter and the size above which a buffer gets its own mapping.
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD_BYTES = 128 * 1024


def tune_allocator() -> None:
    """Give the memory of large temporary buffers back to the OS when they are freed.

    glibc raises its mmap threshold each time a large block is freed (up to 32 MB), after which big
    temporaries (a hostile query's normalised text, a page's arrays) come from the heap and stay as
    fragmentation: 1,000 hostile queries grew a worker by 30% and it never shrank. A fixed threshold
    keeps them in their own mappings, unmapped on free (the same run: 13%). No effect off glibc.
    """
    try:
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_BYTES)
    except (OSError, AttributeError):
        pass


def _raise_fd_limit(wanted: int) -> None:
    """Let the process hold ``wanted`` open connections (plus index files): raise the soft limit to fit."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        target = wanted + 256 if hard == resource.RLIM_INFINITY else min(hard, wanted + 256)
        if soft != resource.RLIM_INFINITY and soft < target:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError):
        pass


def waitress_serve(app: Any, *, sockets: list[socket.socket], threads: int, ident: str) -> None:
    """waitress.serve with the connection settings that survive a slowloris from one client (see
    indexer.config: many cheap half-open connections, poll() rather than select()'s 1,024 descriptors,
    idle ones closed) and security headers on waitress's own error pages."""
    _raise_fd_limit(CONNECTION_LIMIT)
    tune_allocator()
    server = create_server(app, sockets=sockets, threads=threads, ident=ident, connection_limit=CONNECTION_LIMIT,
                           channel_timeout=CHANNEL_TIMEOUT_S, cleanup_interval=min(30, CHANNEL_TIMEOUT_S),
                           asyncore_use_poll=True)
    for dispatcher in [server, *getattr(server, "map", {}).values()]:
        if isinstance(dispatcher, BaseWSGIServer):
            dispatcher.channel_class = _SecureChannel
    server.run()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def _warmed(app: Any) -> Any:
    """Load the index's per-generation data before the first request, so no visitor waits for it.

    Then freeze what is allocated so far out of the garbage collector's reach (``gc.freeze``): the
    modules, the schema and the generation's tables are never garbage, yet every full collection
    walked them again, 10-20 ms that fell on whichever search happened to allocate at that moment.
    (Before a fork it also keeps the collector from writing to, and so copying, the parent's pages.)"""
    with app.app_context():
        try:
            get_index().warm()
        except NewsIndexError:  # no index yet: the app shows how to build one
            pass
    gc.freeze()
    return app


def serve(make_app: Any, *, host: str, port: int, threads: int, processes: int) -> None:
    """Serve ``make_app()`` on host:port with ``processes`` waitress workers of ``threads`` threads each."""
    sock = _bind(host, port)
    # The parent opens the index first: an index whose search data is not on disk yet (written by an
    # older version) gets it built and written once here, and the workers forked below only map it.
    app = _warmed(make_app())
    children: list[int] = []
    for _ in range(max(0, processes - 1)):
        pid = os.fork()
        if pid == 0:  # a worker: its own app, its own index searchers
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            waitress_serve(_warmed(make_app()), sockets=[sock], threads=threads, ident="newsindex")
            sys.exit(0)
        children.append(pid)

    def stop(signum: int, _frame: Any) -> None:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in children:  # reap them: no worker outlives the server, not even as a zombie
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    waitress_serve(app, sockets=[sock], threads=threads, ident="newsindex")
