"""``newsindex serve``: waitress, in one process per core, sharing one listening socket.

Searching is CPU-bound Python, so one process serves one core whatever its thread count (the GIL).
The socket is bound once and inherited by forked workers, each running its own waitress with its
own NewsIndex (Whoosh searchers must not cross processes). Every worker reopens the index when a
reindex finishes, so no restart is needed.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from typing import Any

from waitress import serve as waitress_serve

from indexer.errors import NewsIndexError

from .index_access import get_index


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def _warmed(app: Any) -> Any:
    """Load the index's per-generation data before the first request, so no visitor waits for it."""
    with app.app_context():
        try:
            get_index().warm()
        except NewsIndexError:  # no index yet: the app shows how to build one
            pass
    return app


def serve(make_app: Any, *, host: str, port: int, threads: int, processes: int) -> None:
    """Serve ``make_app()`` on host:port with ``processes`` waitress workers of ``threads`` threads each."""
    sock = _bind(host, port)
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
    waitress_serve(_warmed(make_app()), sockets=[sock], threads=threads, ident="newsindex")
