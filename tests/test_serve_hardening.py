"""The server under hostile clients and a damaged index: real ``newsindex serve`` processes on loopback.

Waitress's own error pages carry the security headers; absolute links never come from the Host
header; a damaged index is one clear sentence on the CLI and a 503 from a server that keeps running.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main
from tests.test_serve import ROOT, _free_port
from webui.errors import SECURITY_HEADERS


def _start(index_dir: Path, *extra: str) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "indexer.cli", "serve", "--port", str(port), "--processes", "1",
                             "--index-dir", str(index_dir), *extra], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    for _ in range(150):
        if proc.poll() is not None:
            raise AssertionError(f"the server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise AssertionError("the server never listened")


def _raw(port: int, request: bytes) -> tuple[int, dict[str, str]]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
    return int(head[0].split()[1]), headers


@pytest.fixture()
def server(demo_index_dir: Path):
    proc, port = _start(demo_index_dir, "--base-url", "https://news.example.org/archive")
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_waitress_error_pages_carry_the_security_headers(server: int) -> None:
    bad_line = _raw(server, b"GET /\x00 nonsense\r\n\r\n")
    too_large = _raw(server, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 300_000 + b"\r\n\r\n")
    for status, headers in (bad_line, too_large):
        assert status in (400, 431)
        for name, value in SECURITY_HEADERS.items():
            assert headers.get(name) == value, (status, name)
    assert too_large[0] == 431


def test_absolute_links_come_from_the_base_url_never_the_host_header(server: int) -> None:
    for path in ("/opensearch.xml", "/feed.atom?q=treaty"):
        status, _ = _raw(server, f"GET {path} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n".encode())
        assert status == 200
        request = urllib.request.Request(f"http://127.0.0.1:{server}{path}", headers={"Host": "evil.example"})
        body = urllib.request.urlopen(request, timeout=10).read().decode()
        assert "evil.example" not in body
        assert "https://news.example.org/archive/" in body


def test_a_bad_base_url_is_refused(demo_index_dir: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--index-dir", str(demo_index_dir), "--base-url", "javascript:x"])
    assert result.exit_code == 2 and "base URL must look like" in result.output


@pytest.fixture()
def damaged(demo_index_dir: Path, tmp_path: Path) -> Path:
    """A copy of the demo index whose segment files were deleted (as a half-finished cleanup would)."""
    copy = tmp_path / "damaged"
    shutil.copytree(demo_index_dir, copy)
    for segment in copy.glob("*.seg"):
        segment.unlink()
    return copy


def _truncated(demo_index_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "truncated"
    shutil.copytree(demo_index_dir, copy)
    for part in [*copy.glob("*.seg"), *copy.glob("_MAIN_*.toc")]:
        part.write_bytes(part.read_bytes()[:200])
    return copy


def test_a_damaged_index_is_one_sentence_on_the_cli(damaged: Path, demo_index_dir: Path, tmp_path: Path) -> None:
    for index_dir in (damaged, _truncated(demo_index_dir, tmp_path)):
        for command in (["search", "treaty"], ["search", "treaty", "--json"], ["quotes", "treaty"]):
            result = CliRunner().invoke(main, [*command, "--index-dir", str(index_dir)])
            assert result.exit_code == 1, result.output
            assert "Traceback" not in result.output and "Aborted" not in result.output
            assert f"the index in {index_dir} is damaged" in result.output
            assert "newsindex reindex --full" in result.output


def test_serve_keeps_running_on_a_damaged_index_and_answers_503(damaged: Path) -> None:
    proc, port = _start(damaged)
    try:
        for path in ("/api/search?q=treaty", "/?q=treaty"):
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            assert err.value.code == 503
            body = err.value.read().decode()
            assert "is damaged" in body and "newsindex reindex --full" in body
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=10)
