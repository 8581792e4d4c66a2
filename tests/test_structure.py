"""The package structure: the search side never loads the ingest side, and no module imports itself in a circle.

These are the rules docs/architecture.md describes; the tests make them hold as the code grows.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Modules the search side must never load: file readers, extractors, the build and its workers.
INGEST_PREFIXES = ("indexer.ingest", "indexer.extract")


def loaded_after(code: str) -> list[str]:
    """The project modules in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
    probe += "('indexer', 'webui'))))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def ingest_modules(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith(INGEST_PREFIXES)]


def test_importing_the_search_api_loads_no_reader_extractor_or_build_module():
    modules = loaded_after("import indexer.search")
    assert "indexer.search.index" in modules  # the probe sees what it should
    assert ingest_modules(modules) == []


def test_opening_and_searching_an_index_loads_no_ingest_module(tmp_path):
    # Build in one process, search in another: the searching process must stay on its side.
    index_dir = tmp_path / "ix"
    subprocess.run([sys.executable, "-m", "indexer.cli", "reindex", str(ROOT / "demo" / "articles" / "rt"),
                    "--index-dir", str(index_dir)], cwd=ROOT, capture_output=True, check=True)
    modules = loaded_after(f"from indexer import NewsIndex\nix = NewsIndex.open({str(index_dir)!r})\n"
                           "assert ix.search('missile defense').total == 1\nix.quotes('speaker:medvedev')\n"
                           "ix.suggest('med')")
    assert ingest_modules(modules) == []


def test_the_web_app_loads_no_ingest_module():
    modules = loaded_after("import webui\nwebui.create_app({'INDEX_DIR': '/nonexistent'})")
    assert "webui.views" in modules
    assert ingest_modules(modules) == []


def test_importing_the_package_loads_neither_side_until_asked():
    modules = loaded_after("import indexer")
    assert not [m for m in modules if m.startswith(("indexer.search", *INGEST_PREFIXES))]
    modules = loaded_after("from indexer import reindex, NewsIndex\nassert callable(reindex)")
    assert "indexer.ingest.build" in modules and "indexer.search.index" in modules


def test_the_cli_loads_neither_side_for_help():
    modules = loaded_after("import indexer.cli")
    assert not [m for m in modules if m.startswith(("indexer.search", *INGEST_PREFIXES))]


# -- the import graph ------------------------------------------------------------------------------

def project_modules() -> dict[str, tuple[Path, bool]]:
    """Every module of indexer/ and webui/: dotted name -> (file, is a package's __init__)."""
    found = {}
    for package in ("indexer", "webui"):
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports, counting imports inside functions too (an import
    moved into a function still closes a cycle; it only hides it until the function runs)."""
    modules = project_modules()
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in modules.items():
        package = name.split(".") if is_package else name.split(".")[:-1]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = ".".join(package[:len(package) - node.level + 1] + [node.module or ""]).strip(".") \
                    if node.level else node.module or ""
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.add(sub if sub in modules else base)
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a cycle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_walker_finds_a_cycle_hidden_in_a_function():
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    graph = import_graph()
    assert "indexer.search.query" in graph["indexer.search.execute"]
    assert "indexer.ingest.build" in graph["indexer.cli"]  # imported inside the reindex command


def test_no_import_cycle():
    assert cycles(import_graph()) == []


@pytest.mark.parametrize("package", ["indexer.search", "indexer.aliases", "indexer.text"])
def test_search_side_packages_import_nothing_from_ingest(package):
    graph = import_graph()
    offenders = {m: sorted(t for t in targets if t.startswith(INGEST_PREFIXES))
                 for m, targets in graph.items() if m == package or m.startswith(package + ".")}
    assert {m: t for m, t in offenders.items() if t} == {}


# -- each fact declared once -------------------------------------------------------------------------

#: Modules that use words which happen to equal index field names for a vocabulary of their own. None
#: of them may import Whoosh or the schema (checked below), so none of them can be reading the index.
OTHER_VOCABULARIES = {
    "indexer/serialize.py": "the public JSON contract (docs/api.md)",
    "indexer/cli.py": "keys of serialize's JSON, printed as text",
    "indexer/ingest/readers/": "keys of source records, mapped onto RawArticle attributes",
    "indexer/ingest/sources.py": "keys of newsindex-source.json",
    "indexer/ingest/cache.py": "keys of the extraction cache's JSON (Extraction attributes)",
    "indexer/extract/": "regular-expression group names in the extractors",
    "webui/": "URL parameters, JSON error bodies and CSV export columns",
}


def other_vocabulary(path: Path) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return any(rel == k or (k.endswith("/") and rel.startswith(k)) for k in OTHER_VOCABULARIES)


def python_files() -> list[Path]:
    return sorted(p for package in ("indexer", "webui") for p in (ROOT / package).rglob("*.py"))


def quoted_field_names(path: Path, names: set[str]) -> list[str]:
    """Every string literal (docstrings aside) that is exactly an index field name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return [f"{where}:{node.lineno} {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names
            and id(node) not in docstrings]


def field_names() -> set[str]:
    from indexer.schema import SCHEMA

    return set(SCHEMA.names())


def test_the_field_name_check_sees_quoted_names_and_skips_docstrings(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('def f(d):\n    """id"""\n    return d.get("title"), f"{d[\'body\']}"\n')
    found = quoted_field_names(probe, field_names())
    assert [hit.split(" ", 1)[1] for hit in found] in (["'title'", "'body'"], ["'body'", "'title'"])


def test_field_names_are_spelled_only_in_the_schema():
    names = field_names()
    found = [hit for path in python_files() if path.name != "schema.py" and not other_vocabulary(path)
             for hit in quoted_field_names(path, names)]
    assert found == []


def test_modules_with_their_own_vocabulary_do_not_touch_the_index():
    graph = import_graph()
    for path in python_files():
        if not other_vocabulary(path):
            continue
        source = path.read_text(encoding="utf-8")
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        assert "import whoosh" not in source and "from whoosh" not in source, path
        assert "indexer.schema" not in graph[module], path


def test_sort_names_are_declared_once():
    from click.testing import CliRunner

    from indexer import cli, config
    from webui.params import SORT_MENU

    assert [value for value, _ in SORT_MENU] == list(config.SORTS)
    sort_option = next(p for p in cli.search.params if p.name == "sort")
    assert tuple(sort_option.type.choices) == config.SORTS and sort_option.default == config.DEFAULT_SORT
    assert "relevance" in CliRunner().invoke(cli.main, ["search", "--help"]).output
