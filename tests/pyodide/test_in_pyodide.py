"""The core tests, run again inside real Pyodide under Node (tests/pyodide/run_core_tests.mjs).

This file is also the runner's preparation step, safe to repeat and offline once the wheels are there:

    python tests/pyodide/test_in_pyodide.py --prepare

* downloads (once) the pure-python wheels of pytest and hypothesis and their dependencies, at the
  versions installed in this environment, into build/pyodide-test/wheels (``pip download
  --only-binary=:all: --no-deps``);
* writes build/pyodide-test/pyodide-lock.json: Pyodide's lock file plus those wheels (``pyodide
  lockfile add-wheels``), for the tests only; the site's lock file is built elsewhere;
* exports JSON copies of the frameworks, fixtures and golden cases (tests/pyodide/export_json.py),
  because Pyodide has no PyYAML.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEST_DIR = ROOT / "build" / "pyodide-test"
WHEELS = TEST_DIR / "wheels"
LOCK = TEST_DIR / "pyodide-lock.json"
BASE_LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
RUNNER = Path(__file__).with_name("run_core_tests.mjs")
TOP_LEVEL = ("pytest", "hypothesis")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(names=TOP_LEVEL) -> dict[str, str]:
    """The distributions (name → installed version) these need in Pyodide, markers evaluated there."""
    from packaging.requirements import Requirement

    python = json.loads(BASE_LOCK.read_text())["info"]["python"]
    env = {
        "python_version": ".".join(python.split(".")[:2]), "python_full_version": python,
        "sys_platform": "emscripten", "platform_system": "Emscripten", "os_name": "posix",
        "platform_machine": "wasm32", "implementation_name": "cpython",
        "platform_python_implementation": "CPython", "extra": "",
    }
    found: dict[str, str] = {}
    todo = list(names)
    while todo:
        name = _norm(todo.pop())
        if name in found:
            continue
        dist = importlib.metadata.distribution(name)
        found[name] = dist.version
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate(env):
                todo.append(req.name)
    return found


def _pure_wheels(name: str) -> dict[str, Path]:
    """The cached pure-python wheels of a distribution, by version."""
    found = {}
    for path in WHEELS.glob("*-none-any.whl"):
        dist, version, *_ = path.name.split("-")
        if _norm(dist) == name:
            found[version] = path
    return found


def _download(name: str, installed: str, python: str) -> Path:
    """The pure-python wheel of the installed version, else of the newest version before it.

    (Some releases ship only compiled wheels: hypothesis after 6.155.7, for one.)
    """
    from packaging.version import Version

    subprocess.run([sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--no-deps",
                    "--platform", "any", "--abi", "none", "--implementation", "py", "--python-version", python,
                    "--disable-pip-version-check", "-q", "-d", str(WHEELS), f"{name}<={installed}"], check=True)
    fit = [v for v in _pure_wheels(name) if Version(v) <= Version(installed)]
    if not fit:
        raise SystemExit(f"no pure-python wheel of {name}<={installed} could be downloaded")
    return _pure_wheels(name)[max(fit, key=Version)]


def prepare() -> None:
    WHEELS.mkdir(parents=True, exist_ok=True)
    python = ".".join(json.loads(BASE_LOCK.read_text())["info"]["python"].split(".")[:2])
    # Which wheel stands for each installed version: resolved once, then offline.
    resolved_file = WHEELS / "resolved.json"
    try:
        resolved = json.loads(resolved_file.read_text())
    except (OSError, ValueError):
        resolved = {}
    wheels = []
    for name, installed in sorted(requirements().items()):
        entry = resolved.get(name, {})
        wheel = WHEELS / entry.get("wheel", "-")
        if entry.get("installed") != installed or not wheel.is_file():
            wheel = _pure_wheels(name).get(installed) or _download(name, installed, python)
            resolved[name] = {"installed": installed, "wheel": wheel.name}
            if wheel.name.split("-")[1] != installed:
                print(f"test_in_pyodide: {name} {installed} has no pure-python wheel; Pyodide gets {wheel.name}")
        wheels.append(wheel)
    resolved_file.write_text(json.dumps(resolved, indent=1, sort_keys=True) + "\n")

    inputs = [BASE_LOCK, *wheels]
    if not LOCK.exists() or LOCK.stat().st_mtime < max(p.stat().st_mtime for p in inputs) \
            or set(_lock_files()) != {w.relative_to(TEST_DIR).as_posix() for w in wheels}:
        cli = Path(sys.executable).parent / "pyodide"
        proc = subprocess.run([str(cli), "lockfile", "add-wheels", "--input", str(BASE_LOCK), "--output", str(LOCK),
                               "--base-path", str(TEST_DIR), *map(str, wheels)], capture_output=True, text=True)
        if proc.returncode:
            raise SystemExit(f"pyodide lockfile add-wheels failed:\n{proc.stdout}{proc.stderr}")

    out = TEST_DIR / "json"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, str(ROOT / "tests" / "pyodide" / "export_json.py"), str(out)], check=True)


def _lock_files() -> list[str]:
    """The test lock's file names that are ours (under wheels/)."""
    try:
        packages = json.loads(LOCK.read_text())["packages"].values()
    except (OSError, ValueError):
        return []
    return [p["file_name"] for p in packages if p["file_name"].startswith("wheels/")]


@pytest.mark.pyodide
def test_core_tests_pass_inside_pyodide():
    node = shutil.which("node") or "/usr/bin/node"
    proc = subprocess.run([node, str(RUNNER)], cwd=ROOT, env={**os.environ, "PYTHON": sys.executable},
                          capture_output=True, text=True, timeout=1200)
    output = proc.stdout + proc.stderr
    tail = "\n".join(output.splitlines()[-60:])
    assert proc.returncode == 0, f"pytest in Pyodide exited {proc.returncode}:\n{tail}"
    summary = [line for line in output.splitlines() if re.match(r"=+ .* in [\d.]+s", line)]
    assert summary, f"no pytest summary line:\n{tail}"
    passed = re.search(r"(\d+) passed", summary[-1])
    assert passed and int(passed.group(1)) > 0, summary[-1]


if __name__ == "__main__":
    if sys.argv[1:] != ["--prepare"]:
        raise SystemExit(__doc__)
    prepare()
