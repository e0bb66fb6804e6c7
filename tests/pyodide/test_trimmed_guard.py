"""The guard that proves the trimmed library complete (pyodide_pytest.TrimmedLibraryGuard) can fail.

It runs inside Pyodide with the core tests; here, in CPython, it is fed a small zip and code that
claims to live in the core's files, to show it reports the core's misses and nothing else.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # (this folder is no package: Pyodide imports pyodide_pytest by path)
from pyodide_pytest import TrimmedLibraryGuard  # noqa: E402


def _guard(tmp_path):
    library = tmp_path / "lib.zip"
    with zipfile.ZipFile(library, "w") as z:
        for name in ("json/__init__.pyc", "thresholds/__init__.pyc", "thresholds/html.pyc"):
            z.writestr(name, b"")
    return TrimmedLibraryGuard(str(tmp_path / "src"), str(library))


def _import_from(guard, file: str, name: str) -> None:
    # Code compiled under the core's file name stands for the core importing `name`.
    exec(compile(f"guard.find_spec({name!r})", file, "exec"), {"guard": guard})


def test_a_core_import_outside_the_library_is_reported(tmp_path):
    guard = _guard(tmp_path)
    _import_from(guard, str(tmp_path / "src" / "thresholds" / "html.py"), "no_such_module_here")
    assert guard.misses == ["thresholds/html.py:1 imports no_such_module_here"]


def test_what_the_library_holds_and_imports_by_tests_are_not(tmp_path):
    guard = _guard(tmp_path)
    _import_from(guard, str(tmp_path / "src" / "thresholds" / "html.py"), "json")  # in the library
    _import_from(guard, str(tmp_path / "src" / "thresholds" / "html.py"), "sys")  # built in
    _import_from(guard, str(tmp_path / "tests" / "test_html.py"), "no_such_module_here")  # a test's own
    # A build-side module of the package (not shipped to the browser) may import what it likes.
    _import_from(guard, str(tmp_path / "src" / "thresholds" / "cli.py"), "no_such_module_here")
    assert guard.misses == []
