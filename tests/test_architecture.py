"""The package's shape: no import cycle, every stage imports only from itself, earlier stages and the shared
modules, pyvis only in its adapter, and one table of export formats."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
from conftest import ROOT

PACKAGE = ROOT / "graph"
# The stages in the order data flows; a module may import from its own stage and from any earlier one.
STAGES = [
    ("graph.model", "graph.problems", "graph.style", "graph.text", "graph.canonical", "graph.write"),
    ("graph.read",), ("graph.check",), ("graph.load",), ("graph.analysis",), ("graph.export",), ("graph.page",),
    ("graph.importers",), ("graph.positions", "graph.builds", "graph.notebook"), ("graph.site",), ("graph.cli",),
]


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node: ast.AST, package: str, modules: set[str]) -> list[str]:
    """The package's modules that one import statement names (a module, or the module a name comes from)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in modules]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        parts = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*parts, base] if base else parts)
    found = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
    return [m for m in found if m in modules]


def import_graph() -> nx.DiGraph:
    """Every import between the package's modules, those inside functions too (they run, only later)."""
    paths = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    graph = nx.DiGraph()
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(node, package, set(paths)):
                if target != name and target != "graph":  # graph/__init__ only re-exports, lazily
                    graph.add_edge(name, target)
    return graph


def _stage(module: str) -> tuple[int, str]:
    for rank, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                return rank, prefix
    raise AssertionError(f"{module} belongs to no stage: add it to STAGES")


def test_the_import_graph_has_no_cycle():
    graph = import_graph()
    assert graph.number_of_edges() > 100  # the walk found the imports
    assert list(nx.simple_cycles(graph)) == []


def test_a_stage_imports_only_from_itself_and_earlier_stages():
    backwards = []
    for a, b in import_graph().edges():
        if a in ("graph", "graph.__main__"):
            continue
        (rank_a, stage_a), (rank_b, stage_b) = _stage(a), _stage(b)
        if rank_b > rank_a or (rank_b == rank_a and stage_a != stage_b and rank_a > 0):
            backwards.append(f"{a} -> {b}")
    assert backwards == []


def test_the_model_never_imports_a_later_stage():
    assert {b for _, b in import_graph().out_edges("graph.model")} <= {"graph.problems", "graph.style"}


def test_pyvis_is_imported_by_its_adapter_only():
    def names(node: ast.AST) -> list[str]:
        if isinstance(node, ast.Import):
            return [a.name for a in node.names]
        return [node.module or ""] if isinstance(node, ast.ImportFrom) else []

    importers = [p.relative_to(ROOT).as_posix() for p in sorted(PACKAGE.rglob("*.py"))
                 if any(n.split(".")[0] == "pyvis" for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                        for n in names(node))]
    assert importers == ["graph/page/vis.py"]


def test_every_export_format_is_one_module_in_the_export_stage():
    from graph.export.formats import FORMATS

    for fmt in FORMATS.values():
        assert (PACKAGE / "export" / f"{fmt.module}.py").is_file(), fmt


def test_tests_mirror_the_package():
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert stages <= {p.name for p in (ROOT / "tests").iterdir() if p.is_dir()}
