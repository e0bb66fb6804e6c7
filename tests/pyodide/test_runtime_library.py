"""What explorer/tools/pyodide_assets.py puts in the runtime's stdlib.zip, checked in CPython.

The trimmed library is proven complete by the core tests run inside Pyodide against it
(test_in_pyodide.py); these check the choices that make it smaller and start faster.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("pyodide_assets", ROOT / "explorer" / "tools" / "pyodide_assets.py")
assets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(assets)

SOURCE = '''"""Module doc."""
from dataclasses import dataclass
import dataclasses

@dataclass(frozen=True)
class Kept:
    """Kept: @dataclass would otherwise build one from inspect.signature."""
    a: int

@dataclasses.dataclass
class AlsoKept:
    """Also kept."""

class Plain:
    """Stripped."""
    def method(self):
        """Stripped."""
        return 1
'''


def _docstrings(tree: ast.Module) -> dict[str, str | None]:
    found = {"<module>": ast.get_docstring(tree)}
    for node in ast.walk(tree):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            found[node.name] = ast.get_docstring(node)
    return found


def test_only_dataclasses_keep_their_docstrings():
    docs = _docstrings(assets._strip_docstrings(ast.parse(SOURCE)))
    assert docs == {"<module>": None, "Kept": "Kept: @dataclass would otherwise build one from inspect.signature.",
                    "AlsoKept": "Also kept.", "Plain": None, "method": None}
    # The code still compiles and runs the same.
    namespace: dict = {}
    exec(compile(assets._strip_docstrings(ast.parse(SOURCE)), "x", "exec"), namespace)
    assert namespace["Plain"]().method() == 1 and namespace["Kept"](1).a == 1


def _library() -> list[str]:
    folder = assets.current(ROOT / "build" / "pyodide")
    assert folder is not None, "build the runtime first (make build)"
    with zipfile.ZipFile(folder / assets.STDLIB) as z:
        return z.namelist()


def test_the_library_leaves_out_the_optional_compression_modules():
    names = _library()
    for module in assets.OPTIONAL_MODULES:
        assert not [n for n in names if n == f"{module}.pyc" or n.startswith(f"{module}/")], module
    assert "shutil.pyc" in names and "zipfile/__init__.pyc" in names  # what tries them is there


def test_the_library_holds_what_the_engine_imports_after_ready():
    # thresholds.browser imports these in load_others; the trace calls it, so they are shipped.
    names = _library()
    assert {"thresholds/browser.pyc", "thresholds/compare.pyc", "thresholds/concerns.pyc", "difflib.pyc"} <= set(names)


def _worker_constant(name: str) -> str:
    found = re.search(rf"^const {name} = (.+?);", (ROOT / "explorer" / "js" / "worker.mjs").read_text(), re.M)
    assert found, f"worker.mjs has no const {name}"
    return found.group(1)


def test_the_worker_decodes_the_files_the_folder_has_brotli_copies_of():
    # Two languages, one list: the worker fetches <file>.br for each of BROTLI_COPIES and loads the
    # decoder by name; the build writes those copies and ships that decoder.
    copies = set(re.findall(r"\[(\w+)\]:", _worker_constant("BROTLI_COPIES")))
    names = {n: json.loads(_worker_constant(n)) for n in ("WASM", "STDLIB", "DECODER", "DECODER_WASM")}
    assert {names[c] for c in copies} == set(assets.DECODED_BY_WORKER)
    assert {names["DECODER"], names["DECODER_WASM"]} == {assets.DECODER_JS, assets.DECODER_WASM}
    folder = assets.current(ROOT / "build" / "pyodide")
    assert folder is not None, "build the runtime first (make build)"
    for name in (*assets.DECODED_BY_WORKER, *assets.DECODER):
        assert (folder / name).is_file(), name
    for name in assets.DECODED_BY_WORKER:
        assert (folder / (name + ".br")).is_file(), f"no brotli copy of {name}: is the brotli module installed?"
