#!/usr/bin/env python3
"""Build the self-hosted Pyodide folder the explorer loads (the site serves it at ``<site>/pyodide/``).

    .venv/bin/python explorer/tools/pyodide_assets.py --out build/pyodide

Offline and reproducible. The folder holds:

* the Pyodide runtime, copied from ``node_modules/pyodide`` (the npm package): ``pyodide.mjs``,
  ``pyodide.asm.mjs``, ``pyodide.asm.wasm`` and the stock ``python_stdlib.zip``;
* ``thresholds-<version>-py3-none-any.whl``, built from this repository with the standard backend
  (``pip wheel --no-build-isolation``, from a clean copy of the sources, SOURCE_DATE_EPOCH fixed);
* ``pyodide-lock.json``: Pyodide's own lock file plus that wheel (``pyodide lockfile add-wheels``), with
  a relative ``file_name`` so the folder works at any site path;
* ``python_stdlib_compiled.zip``: the standard library compiled to bytecode *by Pyodide itself* under
  Node (so the bytecode matches Pyodide's Python), ``.pyc`` in place of ``.py``. The page passes it to
  ``loadPyodide`` as ``stdLibURL``; Python then skips compiling the stdlib at every start.

Each step records a hash of its inputs and outputs beside the output folder (``.<out>-cache/``), so an
unchanged run does nothing. After a rebuild, Node loads Pyodide from the folder exactly as the page
does (compiled stdlib + lock file) and imports ``thresholds`` as a check.

When Pyodide imports this file (to compile its stdlib) only ``compile_stdlib`` runs there.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent  # (not .parents[2]: Pyodide imports this from /x/)
RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK = "pyodide-lock.json"
COMPILED_STDLIB = "python_stdlib_compiled.zip"
PACKAGE = "thresholds"
# Wheel timestamps (the zip format cannot go earlier than 1980).
SOURCE_DATE_EPOCH = "315532800"

# Node side of the stdlib compile: load stock Pyodide, import this file inside it, compile.
# (JavaScript only; the Python that runs in Pyodide is compile_stdlib below.) A Pyodide error's
# stack quotes the minified runtime, so only the message is printed.
_NODE_COMPILE = r"""
const [pyodideDir, toolsDir, outDir, outName] = process.argv.slice(1);
try {
  const { pathToFileURL } = await import("node:url");
  const { loadPyodide } = await import(pathToFileURL(pyodideDir + "/pyodide.mjs").href);
  const py = await loadPyodide({ indexURL: pyodideDir + "/", stdout: console.log, stderr: console.error });
  py.mountNodeFS("/assets-tools", toolsDir);
  py.mountNodeFS("/assets-out", outDir);
  const sys = py.pyimport("sys");
  sys.path.insert(0, "/assets-tools");
  sys.dont_write_bytecode = true;
  const stdlib = sys.path.toJs().find((p) => p.endsWith(".zip"));
  console.log(py.pyimport("pyodide_assets").compile_stdlib(stdlib, "/assets-out/" + outName, stdlib));
} catch (e) {
  console.error(String(e?.message ?? e).slice(-4000));
  process.exitCode = 1;
}
"""

# Node side of the check: load Pyodide the way the worker does and import the package.
_NODE_VERIFY = r"""
const [outDir, stdlibName, lockName, pkg] = process.argv.slice(1);
try {
  const { pathToFileURL } = await import("node:url");
  const { loadPyodide } = await import(pathToFileURL(outDir + "/pyodide.mjs").href);
  const t0 = performance.now();
  const py = await loadPyodide({
    indexURL: outDir + "/", lockFileURL: outDir + "/" + lockName, stdLibURL: outDir + "/" + stdlibName,
    packages: [pkg], stdout: () => {}, stderr: console.error,
  });
  const ms = performance.now() - t0;
  const mod = py.pyimport(pkg);
  const json = py.pyimport("json");
  console.log(JSON.stringify({ ms: Math.round(ms), version: mod.__version__, module: mod.__file__, json: json.__file__ }));
} catch (e) {
  console.error(String(e?.message ?? e).slice(-4000));
  process.exitCode = 1;
}
"""


# --------------------------------------------------------------------------------------------
# Runs inside Pyodide (standard library only).


def compile_stdlib(source_zip: str, target_zip: str, prefix: str) -> str:
    """Compile every .py in the stdlib zip; write a zip with each .pyc in place of its .py.

    Called inside Pyodide under Node. ``prefix`` is where Pyodide mounts the zip (for example
    ``/lib/python314.zip``), so tracebacks name the usual paths. Unchecked hash-based .pyc files are
    deterministic and never look for the source; modules that fail to compile keep their .py.
    """
    import compileall
    import py_compile

    work = tempfile.mkdtemp()
    with zipfile.ZipFile(source_zip) as z:
        names = z.namelist()
        z.extractall(work)
    compileall.compile_dir(
        work, ddir=prefix, legacy=True, quiet=1, optimize=0, workers=1,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )
    compiled = kept = 0
    with zipfile.ZipFile(target_zip, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name in names:
            path = os.path.join(work, name)
            if name.endswith("/"):
                info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                info.external_attr = (0o40755 << 16) | 0x10
                out.writestr(info, b"")
                continue
            if name.endswith(".py") and os.path.exists(path + "c"):
                name, path = name + "c", path + "c"
                compiled += 1
            elif name.endswith(".py"):
                kept += 1
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                out.writestr(info, f.read(), compresslevel=9)
    shutil.rmtree(work)
    return f"compiled {compiled} modules, kept {kept} as source"


# --------------------------------------------------------------------------------------------
# Host side.


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _digest(*parts: object) -> str:
    """A hash of inputs: files (name and content) and plain values."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            h.update(str(part.relative_to(ROOT) if part.is_relative_to(ROOT) else part).encode())
            h.update(_sha256(part).encode() if part.exists() else b"<missing>")
        else:
            h.update(repr(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def _package_sources() -> list[Path]:
    """What the wheel is built from: the project metadata, its readme and licence files, the package."""
    files = [ROOT / "pyproject.toml", ROOT / "README.md"]
    files += sorted(p for pattern in ("LICEN[CS]E*", "COPYING*", "NOTICE*", "AUTHORS*") for p in ROOT.glob(pattern))
    pkg = ROOT / "explorer" / PACKAGE
    files += sorted(p for p in pkg.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    return files


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        # Last lines only, each cut short: a crash in Pyodide's runtime prints its minified source.
        for line in (proc.stdout + proc.stderr).splitlines()[-40:]:
            sys.stderr.write(line[:500] + "\n")
        shown = " ".join(str(c) for c in cmd if "\n" not in str(c))[:200]
        raise SystemExit(f"pyodide_assets: failed with status {proc.returncode}: {shown}")
    return proc


def _node() -> str:
    node = shutil.which("node") or "/usr/bin/node"
    if not Path(node).exists():
        raise SystemExit("pyodide_assets: node not found (Node 20+ is needed to compile the stdlib)")
    return node


class Builder:
    def __init__(self, out: Path, pyodide_dir: Path, force: bool, verbose: bool):
        self.out = out
        self.pyodide_dir = pyodide_dir
        self.cache = out.parent / f".{out.name}-cache"
        self.stamp_file = self.cache / "stamp.json"
        self.force = force
        self.verbose = verbose
        self.script = Path(__file__).resolve()
        try:
            self.stamps = {} if force else json.loads(self.stamp_file.read_text())
        except (OSError, ValueError):
            self.stamps = {}
        self.changed: list[str] = []

    def log(self, msg: str) -> None:
        print(f"pyodide_assets: {msg}", flush=True)

    def fresh(self, step: str, key: str) -> bool:
        """True when the step's inputs are unchanged and its outputs are as it left them."""
        stamp = self.stamps.get(step)
        if not stamp or stamp.get("inputs") != key:
            return False
        return all((self.out / n).is_file() and _sha256(self.out / n) == h for n, h in stamp["outputs"].items())

    def record(self, step: str, key: str, outputs: list[str]) -> None:
        self.stamps[step] = {"inputs": key, "outputs": {n: _sha256(self.out / n) for n in outputs}}
        self.changed.append(step)
        self.cache.mkdir(parents=True, exist_ok=True)
        self.stamp_file.write_text(json.dumps(self.stamps, indent=1, sort_keys=True) + "\n")

    # Steps ---------------------------------------------------------------------------------

    def runtime(self) -> None:
        sources = [self.pyodide_dir / n for n in RUNTIME]
        for src in sources:
            if not src.is_file():
                raise SystemExit(f"pyodide_assets: {src} is missing: run `npm ci` first")
        key = _digest(self.script, *sources)
        if self.fresh("runtime", key):
            return
        for src in sources:
            shutil.copyfile(src, self.out / src.name)
        self.record("runtime", key, list(RUNTIME))
        self.log(f"copied the Pyodide {self.pyodide_version()} runtime")

    def wheel(self) -> str:
        key = _digest(self.script, *_package_sources())
        stamp = self.stamps.get("wheel", {})
        if self.fresh("wheel", key):
            return next(iter(stamp["outputs"]))
        # The build backend (pyproject.toml) from this environment keeps the build offline; without
        # it pip fetches one into an isolated environment, which needs the package index.
        try:
            import setuptools  # noqa: F401
            isolation = ["--no-build-isolation"]
        except ImportError:
            isolation = []
            self.log("setuptools is not installed here: pip will fetch it to build the wheel "
                     "(add setuptools>=68 to the dev extra to build offline)")
        with tempfile.TemporaryDirectory(prefix="thresholds-wheel-") as tmp:
            # A clean copy: setuptools' in-tree build/ directory can leak deleted modules into a wheel.
            src = Path(tmp) / "src"
            for path in _package_sources():
                if path.exists():
                    dest = src / path.relative_to(ROOT)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, dest)
                    dest.chmod(0o644)
            dist = Path(tmp) / "dist"
            env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0"}
            _run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "--no-cache-dir",
                  "--disable-pip-version-check", "-q", "-w", str(dist), str(src)], env=env)
            wheels = list(dist.glob(f"{PACKAGE}-*-py3-none-any.whl"))
            if len(wheels) != 1:
                raise SystemExit(f"pyodide_assets: expected one pure-python wheel, got {[w.name for w in dist.iterdir()]}")
            for old in self.out.glob(f"{PACKAGE}-*.whl"):
                old.unlink()
            shutil.copyfile(wheels[0], self.out / wheels[0].name)
        self.record("wheel", key, [wheels[0].name])
        self.log(f"built {wheels[0].name}")
        return wheels[0].name

    def lock(self, wheel_name: str) -> None:
        base = self.pyodide_dir / LOCK
        key = _digest(self.script, base, self.out / wheel_name)
        if self.fresh("lock", key):
            return
        cli = Path(sys.executable).parent / "pyodide"
        if not cli.exists():
            raise SystemExit(f"pyodide_assets: {cli} not found: install pyodide-build (the dev extra)")
        target = self.out / LOCK
        # --base-path makes file_name relative to the lock file, so the folder works at any URL.
        _run([str(cli), "lockfile", "add-wheels", "--input", str(base), "--output", str(target),
              "--base-path", str(self.out), str(self.out / wheel_name)])
        entry = json.loads(target.read_text())["packages"].get(PACKAGE, {})
        if entry.get("file_name") != wheel_name:
            raise SystemExit(f"pyodide_assets: unexpected lock entry for {PACKAGE}: {entry}")
        self.record("lock", key, [LOCK])
        self.log(f"wrote {LOCK} ({PACKAGE} added)")

    def compiled_stdlib(self) -> None:
        import inspect

        # Keyed on the code that does the work, not the whole script: this step takes seconds.
        sources = [self.pyodide_dir / n for n in ("python_stdlib.zip", "pyodide.asm.wasm", "pyodide.asm.mjs")]
        key = _digest(inspect.getsource(compile_stdlib), _NODE_COMPILE, *sources)
        if self.fresh("stdlib", key):
            return
        started = time.perf_counter()
        self.cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.cache) as tmp:
            proc = _run([_node(), "--input-type=module", "-e", _NODE_COMPILE,
                         str(self.pyodide_dir.resolve()), str(self.script.parent), tmp, COMPILED_STDLIB])
            shutil.move(Path(tmp) / COMPILED_STDLIB, self.out / COMPILED_STDLIB)
        (self.out / COMPILED_STDLIB).chmod(0o644)  # (written through Pyodide's NODEFS as 0666)
        self.record("stdlib", key, [COMPILED_STDLIB])
        report = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
        self.log(f"compiled the stdlib in Pyodide ({report}; {time.perf_counter() - started:.1f} s)")

    def prune(self, keep: set[str]) -> None:
        for path in self.out.iterdir():
            if path.name not in keep and not path.name.startswith("."):  # (Make's .stamp)
                shutil.rmtree(path) if path.is_dir() else path.unlink()
                self.log(f"removed stale {path.name}")

    def verify(self, wheel_name: str) -> None:
        proc = _run([_node(), "--input-type=module", "-e", _NODE_VERIFY,
                     str(self.out.resolve()), COMPILED_STDLIB, LOCK, PACKAGE])
        info = json.loads(proc.stdout.strip().splitlines()[-1])
        if not str(info["json"]).endswith(".pyc") or not str(info["module"]).endswith(".py"):
            raise SystemExit(f"pyodide_assets: check failed, modules came from the wrong place: {info}")
        self.log(f"checked: Node loaded Pyodide with the compiled stdlib and imported {PACKAGE} "
                 f"{info['version']} in {info['ms']} ms")

    def pyodide_version(self) -> str:
        return json.loads((self.pyodide_dir / "package.json").read_text())["version"]

    def run(self, verify: bool) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        self.runtime()
        wheel_name = self.wheel()
        self.lock(wheel_name)
        self.compiled_stdlib()
        self.prune(set(RUNTIME) | {LOCK, COMPILED_STDLIB, wheel_name})
        if self.changed or verify:
            self.verify(wheel_name)
        if not self.changed:
            self.log(f"{self.out} is up to date")
        elif self.verbose:
            for path in sorted(self.out.iterdir()):
                self.log(f"  {path.name:34} {path.stat().st_size:>10,} bytes")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pyodide", help="output folder (default: build/pyodide)")
    parser.add_argument("--pyodide-dir", type=Path, default=ROOT / "node_modules" / "pyodide",
                        help="the npm pyodide package (default: node_modules/pyodide)")
    parser.add_argument("--force", action="store_true", help="rebuild everything")
    parser.add_argument("--verify", action="store_true", help="load the folder in Node even when nothing changed")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the files and sizes")
    args = parser.parse_args(argv)
    Builder(args.out.resolve(), args.pyodide_dir.resolve(), args.force, args.verbose).run(args.verify)
    return 0


if __name__ == "__main__":
    sys.exit(main())
