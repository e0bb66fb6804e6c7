"""The core imports only the standard library, so the same code runs in Pyodide."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import thresholds

PACKAGE = Path(thresholds.__file__).resolve().parent
CORE = ["__init__", "errors", "text", "model", "assess", "html", "browser", "diff", "present", "search", "safety",
        "concerns", "compare"]
BUILD_SIDE = {"source", "schema", "catalog", "cli", "__main__", "toolkit", "vocabulary", "template", "site_cli", "precompress"}


def imports_of(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: must stay inside the core
                found |= {f".{node.module or ''}".split(".")[1] or alias.name for alias in node.names}
            else:
                found.add(node.module.split(".")[0])
    return found


def test_core_modules_import_only_the_standard_library_and_each_other():
    for module in CORE:
        for name in imports_of(module):
            if name in CORE or name == "":
                continue
            assert name not in BUILD_SIDE, f"{module} imports build-side module {name}"
            assert name in sys.stdlib_module_names or name == "__future__", f"{module} imports {name}"


def test_every_module_is_either_core_or_build_side():
    # A new module must be placed on one side, so the core check above cannot silently miss it.
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    unplaced = modules - set(CORE) - BUILD_SIDE
    assert not unplaced, f"add these to CORE (runs in Pyodide) or BUILD_SIDE: {sorted(unplaced)}"


def test_the_checker_catches_a_third_party_import(tmp_path, monkeypatch):
    # The check itself can fail: a core module importing yaml is caught.
    fake = tmp_path / "model.py"
    fake.write_text("import yaml\nfrom .source import read\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path)
    assert imports_of("model") == {"yaml", "source"}
