"""Where the site serves the explorer's Python runtime: ``pyodide/<version>-<hash>/``.

explorer/tools/pyodide_assets.py builds one folder named by the Pyodide version and a hash of its
contents, so the runtime can be cached for a year: a new build has a new name, and the pages that
name it are always revalidated.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_BUILD = ROOT / "build" / "pyodide"
MANIFEST = "runtime.json"  # (pyodide_assets.MANIFEST)


def runtime_folder(build: Path = PYODIDE_BUILD) -> Path | None:
    """The built runtime folder, or None before `make build` has made one."""
    found = sorted(p.parent for p in build.glob(f"*/{MANIFEST}"))
    return found[-1] if found else None


def pyodide_path(build: Path = PYODIDE_BUILD) -> str:
    """The runtime's site-relative folder, ending in "/" (e.g. "pyodide/314.0.7-6d6d5535bacb/")."""
    folder = runtime_folder(build)
    return f"pyodide/{folder.name}/" if folder else "pyodide/"
