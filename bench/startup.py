"""Start-up and memory probes for ``search_bench``: a fresh process's first searches, and a real server's RSS.

Each probe runs in a new process, so nothing of the benchmark's own warm state (imported modules,
per-generation data, the postings cache) helps it; the operating system's page cache is warm (the
index was just read), as it is when a server restarts.

* ``cold_searches``: a new Python process opens the index and loads its generation (``warm``, as
  ``newsindex serve`` does before its first request) and runs the first ten queries: the time from
  ``NewsIndex.open`` to the first answer, and each of the ten latencies.
* ``server_first_answer``: ``newsindex serve`` with its defaults is started; the time from spawning it
  to the first answered ``/api/search``.
* ``server_rss``: ``newsindex serve`` with ``threads`` threads per process; clients keep every thread
  busy (more concurrent requests than threads, slow enough to overlap) and then the resident memory
  of every server process is read from ``/proc``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_COLD = r"""
import gc, json, sys, time
t0 = time.perf_counter()
from indexer import NewsIndex
imported = time.perf_counter()
queries = json.loads(sys.argv[2])
ix = NewsIndex.open(sys.argv[1])
ix.warm()  # as `newsindex serve` does before its first request (webui.server._warmed) ...
gc.freeze()  # ... and so does this
opened = time.perf_counter()
times = []
for q, kw in queries:
    t = time.perf_counter()
    ix.search(q, **kw)
    times.append((time.perf_counter() - t) * 1000)
first = times[0] + (opened - imported) * 1000
print(json.dumps({"import_ms": (imported - t0) * 1000, "open_ms": (opened - imported) * 1000,
                  "open_to_first_ms": first, "times_ms": times}))
"""


def cold_searches(index_dir: Path, queries: list[tuple[str, dict]]) -> dict:
    """Open the index in a new process and time its first ``len(queries)`` searches."""
    out = subprocess.run([sys.executable, "-c", _COLD, str(index_dir), json.dumps(queries)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(index_dir: Path, threads: int | None, processes: int | None) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "indexer.cli", "serve", "--port", str(port), "--index-dir", str(index_dir)]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    if processes is not None:
        cmd += ["--processes", str(processes)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc, f"http://127.0.0.1:{port}"


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _get(base: str, q: str, kw: dict | None = None, timeout: float = 60) -> int:
    params = {"q": q, **(kw or {})}
    with urllib.request.urlopen(f"{base}/api/search?{urllib.parse.urlencode(params)}", timeout=timeout) as r:
        r.read()
        return r.status


def _wait(base: str, proc: subprocess.Popen, q: str, limit_s: float = 300) -> float:
    """Seconds until the server answers a search (polling every 10 ms)."""
    began = time.perf_counter()
    while time.perf_counter() - began < limit_s:
        if proc.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            if _get(base, q, timeout=limit_s) == 200:
                return time.perf_counter() - began
        except OSError:
            time.sleep(0.01)
    raise RuntimeError("the server did not answer")


def server_first_answer(index_dir: Path, query: str) -> float:
    """Seconds from spawning ``newsindex serve`` (its defaults) to its first answered search."""
    proc, base = _start(index_dir, None, None)
    try:
        return _wait(base, proc, query)
    finally:
        _stop(proc)


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (a served index: the parent and its forked workers)."""
    out = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            out += _tree(int(child))
    return out


def _memory(pid: int) -> dict[str, int]:
    """VmRSS, RssAnon, RssFile of one process, and its Pss from smaps_rollup, in kB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile"):
            out[key] = int(value.split()[0])
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                out["Pss"] = int(line.split()[1])
    except OSError:
        pass
    return out


def server_rss(index_dir: Path, queries: list[tuple[str, dict]], threads: int | None, processes: int | None,
               rounds: int = 3) -> dict:
    """Resident memory of ``newsindex serve`` after every thread has served requests.

    ``3 × threads × processes`` clients run the query set concurrently ``rounds`` times over, so every
    thread of every process takes requests (waitress hands each request to an idle thread)."""
    proc, base = _start(index_dir, threads, processes)
    try:
        _wait(base, proc, queries[0][0])
        n_clients = 3 * (threads or 8) * (processes or 2)
        errors: list[str] = []

        def client(k: int) -> None:
            for i in range(rounds * len(queries) // n_clients + 1):
                q, kw = queries[(k + i * n_clients) % len(queries)]
                try:
                    _get(base, q, kw)
                except OSError as exc:
                    errors.append(str(exc))

        workers = [threading.Thread(target=client, args=(k,)) for k in range(n_clients)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        time.sleep(0.5)
        per = [_memory(p) for p in _tree(proc.pid)]
        return {"processes": len(per), "rss_mb": sum(m["VmRSS"] for m in per) / 1024,
                "anon_mb": sum(m["RssAnon"] for m in per) / 1024, "file_mb": sum(m["RssFile"] for m in per) / 1024,
                "pss_mb": sum(m.get("Pss", 0) for m in per) / 1024,
                "per_process_mb": [round(m["VmRSS"] / 1024) for m in per], "errors": len(errors)}
    finally:
        _stop(proc)


def report(index_dir: Path, queries: list[tuple[str, dict]], warm_p95: float, label: str,
           threads: tuple[int, ...] = (1, 2, 4, 8)) -> None:
    """Print the start-up figures and RSS by thread count for one index."""
    cold = cold_searches(index_dir, queries[:10])
    ten = cold["times_ms"]
    print(f"  start ({label}): import {cold['import_ms']:.0f} ms, open + load {cold['open_ms']:.0f} ms, "
          f"open-to-first-answer {cold['open_to_first_ms']:.0f} ms")
    print(f"  first ten searches: max {max(ten):.1f} ms, p50 {sorted(ten)[len(ten) // 2]:.1f} ms "
          f"({max(ten) / warm_p95:.1f}x warm p95 {warm_p95:.1f} ms): " + ", ".join(f"{t:.0f}" for t in ten))
    first = server_first_answer(index_dir, queries[0][0])
    print(f"  serve (defaults): first search answered {first:.2f} s after spawning the server")
    for n in threads:
        m = server_rss(index_dir, queries, n, 1)
        print(f"  serve, 1 process x {n} threads: RSS {m['rss_mb']:.0f} MB (anon {m['anon_mb']:.0f}, "
              f"file {m['file_mb']:.0f}, PSS {m['pss_mb']:.0f}){' errors ' + str(m['errors']) if m['errors'] else ''}")
    m = server_rss(index_dir, queries, None, None)
    print(f"  serve, defaults ({m['processes']} processes): whole server RSS {m['rss_mb']:.0f} MB "
          f"(per process {m['per_process_mb']}; anon {m['anon_mb']:.0f}, file {m['file_mb']:.0f}, "
          f"PSS {m['pss_mb']:.0f}){' errors ' + str(m['errors']) if m['errors'] else ''}")


if __name__ == "__main__":  # python -m bench.startup INDEX_DIR: the probes alone
    sys.path.insert(0, str(ROOT))
    from bench.search_bench import queries as _queries

    report(Path(sys.argv[1]), _queries(), float(os.environ.get("WARM_P95", "10")), Path(sys.argv[1]).name)
