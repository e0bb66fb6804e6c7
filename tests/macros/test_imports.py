"""No module in macros/ imports another in a cycle (issue 12): the page wiring imports the renderers,
never the other way round. Imports inside functions and under TYPE_CHECKING count too."""

from __future__ import annotations

import ast
from pathlib import Path

MACROS = Path(__file__).resolve().parents[2] / "macros"


def imports_between(folder: Path) -> dict[str, set[str]]:
    """module → the modules of the same package it imports (anywhere in the file)."""
    names = {p.stem for p in folder.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level or module.split(".")[0] == folder.name:
                    inner = module.split(".", 1)[1] if module.startswith(folder.name + ".") else (
                        "" if module == folder.name else module)
                    found |= {inner.split(".")[0]} if inner else {a.name for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith(folder.name + ".")}
        graph[path.stem] = (found & names) - {path.stem}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, each as the modules round it."""
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_no_module_in_macros_imports_another_in_a_cycle():
    graph = imports_between(MACROS)
    # The graph is read: the registry imports the renderers, which import nothing that wires pages.
    assert {"render", "toolkit_render", "concerns_render", "site"} <= graph["pages"]
    assert "render" in graph["toolkit_render"] and "pages" in graph["__init__"]
    assert cycles(graph) == []


def test_a_cycle_is_found(tmp_path):
    package = tmp_path / "macros"
    package.mkdir()
    (package / "a.py").write_text("from macros import b\n")
    (package / "b.py").write_text("def f():\n    from . import a\n")
    (package / "c.py").write_text("from macros.a import x\n")
    assert cycles(imports_between(package)) == [["a", "b", "a"]]
