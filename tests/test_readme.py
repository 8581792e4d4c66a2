"""The README's quick start is what CI runs: the two commands are one line each, make and use a virtual
environment (a stock Debian/Ubuntu Python refuses ``pip install`` outside one, PEP 668), and .ci/run runs the
test command verbatim, keeping the browser tests mandatory."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = "python3 -m venv .venv && . .venv/bin/activate && "


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Quick start"):readme.index("\n## ", readme.index("## Quick start") + 1)]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, re.DOTALL)]


def test_both_quick_start_commands_are_one_line_in_a_virtual_environment():
    serve, tests = _quick_start_commands()
    assert "\n" not in serve and "\n" not in tests
    assert serve == VENV + "python3 -m pip install -r requirements.txt -e . && newsindex reindex demo && newsindex serve"
    assert tests == VENV + "python3 -m pip install -r requirements-dev.txt -e . && python3 -m pytest"


def test_ci_runs_the_readme_test_command_verbatim_with_the_browser_required():
    _, tests = _quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in ci.splitlines() if not line.lstrip().startswith("#")]
    run = [line for line in lines if line.startswith(tests)]
    assert run == [tests + " || {"], "the README's test command must be run verbatim, its status checked"
    after = ci[ci.index(tests):]
    assert 'exit "$status"' in after.split("}", 1)[0]  # any failure, exit 5 (nothing collected) too, fails CI
    assert "set -euo pipefail" in lines  # a failing (or empty: exit 5) pytest run fails CI
    assert "export NEWSINDEX_REQUIRE_BROWSER=1" in lines
    assert re.search(r"apt-get install .*packages", ci) and "packages+=(chromium)" in ci and "packages+=(wrk)" in ci
