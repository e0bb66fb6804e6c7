"""Run pytest inside Pyodide: imported by run_core_tests.mjs, never collected by pytest itself.

The repository is mounted read-only in spirit at ``host``; what the tests need is copied into
Pyodide's in-memory file system at ``root`` (the repository's own path, so paths in messages look
as they do in CPython) and nothing is ever written back to the host: no __pycache__, no
.pytest_cache, no .hypothesis folder.
"""

from __future__ import annotations

import os
import shutil
import sys

# What the core tests read: the package from source, the tests, the data, and the JSON copies of the
# YAML data (Pyodide has no PyYAML; tests/core/conftest.py reads THRESHOLDS_JSON_DIR instead).
COPY = ("pyproject.toml", "explorer/thresholds", "tests", "frameworks", "build/pyodide-test/json")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".hypothesis")


def main(host: str, root: str, args) -> int:
    sys.dont_write_bytecode = True
    for rel in COPY:
        source, target = os.path.join(host, rel), os.path.join(root, rel)
        if os.path.isdir(source):
            shutil.copytree(source, target, ignore=SKIP, dirs_exist_ok=True)
        elif os.path.isfile(source):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target)
    os.chdir(root)
    sys.path.insert(0, os.path.join(root, "explorer"))
    os.environ["THRESHOLDS_JSON_DIR"] = os.path.join(root, "build", "pyodide-test", "json")

    import pytest

    return int(pytest.main(["-p", "no:cacheprovider", *list(args)], plugins=[PyodideProfile()]))


class PyodideProfile:
    """WebAssembly is slower than native: no per-example deadline (a test's own settings still win).

    Set in pytest_configure, after pytest has loaded hypothesis's plugin, so that import is rewritten.
    """

    @staticmethod
    def pytest_configure(config) -> None:
        from hypothesis import settings

        settings.register_profile("pyodide", deadline=None)
        settings.load_profile("pyodide")
