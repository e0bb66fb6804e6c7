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


class TrimmedLibraryGuard:
    """Records every import by the core of a module that the site's trimmed library lacks.

    The site ships only the library modules a trace saw (explorer/tools/pyodide_assets.py) and the
    core's own modules compiled inside it. This finder sits first on sys.meta_path and never loads
    anything: for a module not in the trimmed library (nor built in, frozen or already loaded), it
    looks at who is importing. The first frame outside the import system and the libraries decides:
    a core module the site ships (one compiled into the trimmed zip) is a miss the trace did not
    see, and fails the run; pytest, hypothesis and the tests may import what they like.
    """

    def __init__(self, sources: str, library: str | None = None):
        import zipfile

        self.sources = os.path.join(sources, "")
        self.library = library or next(p for p in sys.path if p.endswith(".zip"))
        names = zipfile.ZipFile(self.library).namelist()
        self.shipped = {self._module(n) for n in names if n.endswith((".pyc", ".py"))}
        self.core_files = {n.removesuffix("c") for n in names if n.startswith("thresholds/") and n.endswith(".pyc")}
        self.misses: list[str] = []

    @staticmethod
    def _module(name: str) -> str:
        name = name.rsplit(".", 1)[0].replace("/", ".")
        return name.removesuffix(".__init__")

    def find_spec(self, fullname, path=None, target=None):
        import _imp

        if fullname in self.shipped or fullname in sys.modules or fullname in sys.builtin_module_names \
                or _imp.is_frozen(fullname):
            return None
        frame = sys._getframe(1)
        while frame is not None:
            file = frame.f_code.co_filename
            if file.startswith("<frozen") or ".zip/" in file or file.startswith(self.library):
                frame = frame.f_back
                continue
            break
        if frame is not None:
            file = frame.f_code.co_filename
            if file.startswith(self.sources) and os.path.relpath(file, self.sources) in self.core_files:
                self.misses.append(f"{os.path.relpath(file, self.sources)}:{frame.f_lineno} imports {fullname}")
        return None


class StockLibraryFinder:
    """Last on sys.meta_path: finds in the stock library what the trimmed one lacks, submodules too
    (a package found in the trimmed zip searches only there, as ``encodings`` does for codecs)."""

    def __init__(self, stock_zip: str):
        self.stock = stock_zip

    def find_spec(self, fullname, path=None, target=None):
        import zipimport

        folder = "/".join(fullname.split(".")[:-1])
        try:
            return zipimport.zipimporter(self.stock + ("/" + folder + "/" if folder else "")).find_spec(fullname)
        except zipimport.ZipImportError:
            return None


def install_guard(sources: str, stock_zip: str) -> TrimmedLibraryGuard:
    """Put the guard first on sys.meta_path and the stock library last; ``sources`` holds the core."""
    sys.meta_path.append(StockLibraryFinder(stock_zip))
    guard = TrimmedLibraryGuard(sources)
    sys.meta_path.insert(0, guard)
    return guard


def main(host: str, root: str, args, guard: TrimmedLibraryGuard | None = None) -> int:
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
    if guard is not None:
        guard.sources = os.path.join(root, "explorer", "")  # (the tests import the core from this copy)
    os.environ["THRESHOLDS_JSON_DIR"] = os.path.join(root, "build", "pyodide-test", "json")

    import pytest

    status = int(pytest.main(["-p", "no:cacheprovider", *list(args)], plugins=[PyodideProfile()]))
    if guard is not None:
        if guard.misses:
            print("\nThe core imported modules the site's trimmed standard library lacks "
                  "(explorer/tools/pyodide_assets.py traces what it needs):", file=sys.stderr)
            for miss in sorted(set(guard.misses)):
                print("  " + miss, file=sys.stderr)
            return status or 1
        print(f"\ntrimmed standard library: the core imported nothing outside its {len(guard.shipped)} modules")
    return status


class PyodideProfile:
    """WebAssembly is slower than native: no per-example deadline (a test's own settings still win).

    Set in pytest_configure, after pytest has loaded hypothesis's plugin, so that import is rewritten.
    """

    @staticmethod
    def pytest_configure(config) -> None:
        from hypothesis import settings

        settings.register_profile("pyodide", deadline=None)
        settings.load_profile("pyodide")
