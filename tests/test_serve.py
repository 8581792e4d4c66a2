"""``newsindex serve``: waitress workers share one socket, answer, and all stop together."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[str]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return out.split()


def test_two_server_processes_answer_and_stop_together(demo_index_dir: Path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "indexer.cli", "serve", "--port", str(port), "--processes", "2",
                             "--index-dir", str(demo_index_dir)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=treaty", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server never answered")
        assert b'"total"' in body
        assert len(_children(proc.pid)) == 1
        statuses = {urllib.request.urlopen(f"http://127.0.0.1:{port}/?q=water", timeout=5).status for _ in range(20)}
        assert statuses == {200}
    finally:
        children = _children(proc.pid)
        proc.terminate()
        proc.wait(timeout=10)
    time.sleep(0.5)
    for pid in children:
        assert subprocess.run(["kill", "-0", pid], capture_output=True).returncode != 0, "a worker outlived the server"


def test_serving_on_a_port_in_use_is_a_clear_error(demo_index_dir: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "indexer.cli", "serve", "--port", str(port),
                               "--index-dir", str(demo_index_dir)], cwd=ROOT, capture_output=True, text=True,
                              timeout=30)
    assert done.returncode == 1 and "cannot serve" in done.stderr and "Traceback" not in done.stderr
