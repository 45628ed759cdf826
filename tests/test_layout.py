"""The package layout: one package per pipeline stage, short faces, no import loops.

Imports are read from the source (every ``import`` statement, also those inside functions, except
type-checking-only ones), so a loop hidden in a function-level import is found too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from storyline.paths import PACKAGE_DIR

STAGES = ("ingest", "annotate", "reconcile", "tls", "export", "web", "evaluate")
SHARED_GROUND = ("records", "errors", "settings", "store", "pipeline", "cli", "paths")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every import node under ``tree``, skipping ``if TYPE_CHECKING:`` bodies."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            yield from (n for child in node.orelse for n in _imports_of(child))
            continue
        yield from _imports_of(node)


def _imports_of(node: ast.AST):
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node
    else:
        yield from _imports(node)


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The storyline modules an import statement loads (a name that is a module counts as one)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in MODULES}
    is_package = MODULES[module].name == "__init__.py"
    if node.level:
        base = module.split(".")
        base = base if is_package else base[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    out = set()
    for alias in node.names:
        sub = f"{source}.{alias.name}"
        if sub in MODULES:
            out.add(sub)
        elif source in MODULES:
            out.add(source)
    return out


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[module] = {t for node in _imports(tree) for t in _targets(module, node)} - {module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_loops_between_modules():
    assert _cycles(import_graph()) == []


def test_the_graph_sees_function_level_imports():
    """The reader would miss hidden loops if it skipped imports inside functions."""
    graph = import_graph()
    # pipeline.reconcile imports the reconcile modules inside the function
    assert "storyline.reconcile.coref" in graph["storyline.pipeline"]
    # a loop written on purpose is found
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_pipeline_stages_are_packages_and_the_shared_ground_sits_on_top():
    for stage in STAGES:
        assert (PACKAGE_DIR / stage / "__init__.py").is_file(), stage
    for name in SHARED_GROUND:
        assert (PACKAGE_DIR / f"{name}.py").is_file(), name
    top = {p.stem for p in PACKAGE_DIR.glob("*.py")} - {"__init__", "_version"}
    assert top == set(SHARED_GROUND), "a stage module sits at the top: give it its stage's package"


@pytest.mark.parametrize("package", [m for m, p in MODULES.items() if p.name == "__init__.py"])
def test_each_package_face_says_what_goes_in_and_out_and_holds_no_logic(package):
    tree = ast.parse(MODULES[package].read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree)
    assert doc and len(doc.split()) >= 20, f"{package}: the face's docstring should say what the stage offers"
    body = tree.body[1:]
    if package == "storyline":  # the top face also carries storyline.build, a one-line lazy call
        body = [n for n in body if not (isinstance(n, ast.FunctionDef) and n.name == "build")]
    logic = [ast.unparse(n).splitlines()[0] for n in body
             if not isinstance(n, (ast.Import, ast.ImportFrom))
             and not (isinstance(n, ast.Assign) and [getattr(t, "id", "") for t in n.targets] == ["__all__"])]
    assert not logic, f"{package}: logic in the face: {logic}"


def test_public_imports_keep_working():
    import storyline
    from storyline import records
    from storyline.cli import main
    from storyline.export import load

    assert callable(storyline.build) and callable(load) and callable(main)
    assert storyline.Dossier is records.Dossier
