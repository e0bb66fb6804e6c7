#!/usr/bin/env python3
"""Build the self-hosted Pyodide folder the explorer loads (the site serves it at ``<site>/pyodide/``).

    .venv/bin/python explorer/tools/pyodide_assets.py --out build/pyodide

Offline and reproducible. The output is one folder named by the Pyodide version and a hash of its
contents, ``build/pyodide/<version>-<hash>/``, so a deployment can cache it for a year (a new build
gets a new name; the page that names it is always revalidated). It holds:

* the Pyodide runtime, copied from ``node_modules/pyodide`` (the npm package): ``pyodide.mjs``,
  ``pyodide.asm.mjs`` and ``pyodide.asm.wasm``;
* ``stdlib.zip``: only the standard-library modules the explorer imports, plus the ``thresholds`` core,
  all compiled to bytecode *by Pyodide itself* under Node (so the bytecode matches Pyodide's Python),
  docstrings stripped except dataclasses' (asserts kept), stored uncompressed so that HTTP compression
  (brotli, gzip) can do better than the zip's own deflate. The modules are found by tracing: Pyodide starts with the whole
  compiled library, imports ``thresholds.browser``, loads every framework, assesses, and fails on
  purpose, and every module that came from the library is kept. ``tests/pyodide`` runs the core tests
  against this library to prove the trace missed nothing the core needs;
* the brotli decoder the worker decodes the wasm's and the library's ``.br`` copies with, copied from
  ``node_modules/brotli-dec-wasm`` (npm): ``brotli_dec_wasm.js``, ``brotli_dec_wasm_bg.wasm`` and its
  licence. The worker always fetches those two files' brotli copies as they are, so every web server
  sends them at their brotli size, whether it compresses, gzips (browsers offer brotli over HTTPS
  only) or not at all;
* ``pyodide-lock.json``: a lock file with no packages (the package is in the library, so nothing is
  installed at start-up: no ``loadPackage``, none of zipfile, tarfile, shutil or importlib.metadata);
* ``runtime.json``: each file's size as served, gzip- and brotli-compressed, for the explorer's progress;
* ``<file>.gz`` and ``<file>.br`` beside every file over 1 KB (nginx ``gzip_static``/``brotli_static``).

Each step records a hash of its inputs and outputs in ``build/.pyodide-cache/``, so an unchanged run
does nothing. After a rebuild, Node decodes the brotli copies with the shipped decoder and compares them
with their files, then loads Pyodide from the folder exactly as the worker does, imports the package,
loads a framework and assesses, as a check.

When Pyodide imports this file (to compile) only the functions under "Runs inside Pyodide" are used.
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
RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
# The brotli decoder (npm brotli-dec-wasm): its files as the folder holds them, from the package's.
DECODER_JS, DECODER_WASM = "brotli_dec_wasm.js", "brotli_dec_wasm_bg.wasm"
DECODER = {DECODER_JS: "pkg/" + DECODER_JS, DECODER_WASM: "pkg/" + DECODER_WASM, "brotli_dec_wasm.LICENSE.txt": "LICENSE-MIT.txt"}
# What the worker fetches as brotli copies and decodes itself (explorer/js/worker.mjs: BROTLI_COPIES).
DECODED_BY_WORKER = ("pyodide.asm.wasm", "stdlib.zip")
LOCK = "pyodide-lock.json"
STDLIB = "stdlib.zip"
MANIFEST = "runtime.json"
PACKAGE = "thresholds"
# The core modules the browser imports (the package's build-side modules need PyYAML).
PACKAGE_ENTRY = "thresholds.browser"
PRECOMPRESS_MIN = 1024
# Library modules Pyodide's start-up would import, but only to try them: shutil and zipfile try these
# compression modules, and asyncio tries ssl, and each carries on without them (every such `import` is
# inside `try: ... except ImportError`). The engine never compresses and never opens a connection. They
# are left out of the compiled library, so the trace runs without them, as the site does: start-up
# imports fewer modules, and nothing that only they import is shipped (ssl's base64). (The core tests
# run in Pyodide against the library without them.)
OPTIONAL_MODULES = ("bz2", "lzma", "compression", "ssl")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the zip format cannot go earlier

# Node side of the stdlib compile: load stock Pyodide, import this file inside it, compile.
# (JavaScript only; the Python that runs in Pyodide is compile_stdlib below.) A Pyodide error's
# stack quotes the minified runtime, so only the message is printed.
_NODE_COMPILE = r"""
const [pyodideDir, toolsDir, outDir, outName, leaveOut] = process.argv.slice(1);
try {
  const { pathToFileURL } = await import("node:url");
  const { loadPyodide } = await import(pathToFileURL(pyodideDir + "/pyodide.mjs").href);
  // PYTHONNODEBUGRANGES: no column tables in the bytecode (tracebacks lose only their ^^^ marks).
  const py = await loadPyodide({ indexURL: pyodideDir + "/", stdout: console.log, stderr: console.error,
                                 env: { PYTHONNODEBUGRANGES: "1" } });
  py.mountNodeFS("/assets-tools", toolsDir);
  py.mountNodeFS("/assets-out", outDir);
  const sys = py.pyimport("sys");
  sys.path.insert(0, "/assets-tools");
  sys.dont_write_bytecode = true;
  const stdlib = sys.path.toJs().find((p) => p.endsWith(".zip"));
  console.log(py.pyimport("pyodide_assets").compile_stdlib(stdlib, "/assets-out/" + outName, stdlib, leaveOut));
} catch (e) {
  console.error(String(e?.message ?? e).slice(-4000));
  process.exitCode = 1;
}
"""

# Node side of the trace: start Pyodide on the whole compiled library the way the worker does, use
# the engine the way the worker does (from JavaScript), then list the modules that came from the zip.
# Only after that is this file imported, to compile the package (its own imports are not counted).
_NODE_TRACE = r"""
const [pyodideDir, stdlib, lockFile, srcDir, toolsDir, outDir, frameworksJson] = process.argv.slice(1);
try {
  const { pathToFileURL } = await import("node:url");
  const { readFileSync } = await import("node:fs");
  const { loadPyodide } = await import(pathToFileURL(pyodideDir + "/pyodide.mjs").href);
  const py = await loadPyodide({ indexURL: pyodideDir + "/", stdLibURL: stdlib, lockFileURL: lockFile,
                                 stdout: () => {}, stderr: console.error, env: { PYTHONNODEBUGRANGES: "1" } });
  const sys = py.pyimport("sys");
  sys.dont_write_bytecode = true;
  py.mountNodeFS("/trace-src", srcDir);
  sys.path.insert(0, "/trace-src");
  const browser = py.pyimport("__PACKAGE_ENTRY__");
  const { frameworks, others } = JSON.parse(readFileSync(frameworksJson, "utf8"));
  let calls = 0;
  for (const [n, text] of frameworks.entries()) {
    browser.load_framework(text);
    // After ready the worker imports what presents a result, and loads the other areas' frameworks
    // (what they import is shipped too).
    browser.warm_up();
    if (n === 0 && others) browser.load_others(others);
    const ids = JSON.parse(text).indicators.map((i) => i.id);
    const cases = [[], ids, ...ids.map((id) => [id]), ids.filter((_, i) => i % 3 === 0)];
    for (const ticked of cases) { browser.assess_json(JSON.stringify(ticked)); calls += 1; }
    try { browser.assess_json(JSON.stringify(["no-such-indicator"])); } catch (e) { String(e.message); }
  }
  // The failure paths: Pyodide formats the Python traceback for the JavaScript error.
  for (const bad of ["{", "[]", JSON.stringify({ id: "x" })]) {
    try { browser.load_framework(bad); } catch (e) { String(e.message); }
  }
  try { browser.assess_json("not json"); } catch (e) { String(e.message); }
  const modules = [];
  for (const name of sys.modules.keys()) {
    const mod = sys.modules.get(name);
    const file = mod?.__file__;
    if (typeof file === "string") modules.push([name, file]);
    mod?.destroy?.();
  }
  py.mountNodeFS("/assets-tools", toolsDir);
  py.mountNodeFS("/assets-out", outDir);
  sys.path.insert(0, "/assets-tools");
  const tool = py.pyimport("pyodide_assets");
  const compiled = tool.compile_package(JSON.stringify(modules), "/trace-src", "/assets-out");
  console.log(JSON.stringify({ modules, calls, compiled: JSON.parse(compiled) }));
} catch (e) {
  console.error(String(e?.message ?? e).slice(-4000));
  process.exitCode = 1;
}
""".replace("__PACKAGE_ENTRY__", PACKAGE_ENTRY)

# Node side of the check: load Pyodide the way the worker does, then use the engine.
_NODE_VERIFY = r"""
const [outDir, stdlibName, lockName, entry, frameworkFile, decoderJs, decoderWasm, copies] = process.argv.slice(1);
try {
  const { pathToFileURL } = await import("node:url");
  const { readFileSync, existsSync } = await import("node:fs");
  // The brotli copies the worker decodes, decoded by the shipped decoder: each must be its file.
  const decoder = await import(pathToFileURL(outDir + "/" + decoderJs).href);
  await decoder.default({ module_or_path: readFileSync(outDir + "/" + decoderWasm) });
  const decoded = [];
  for (const name of copies.split(",").filter((n) => existsSync(outDir + "/" + n + ".br"))) {
    const copy = decoder.decompress(readFileSync(outDir + "/" + name + ".br"));
    if (!readFileSync(outDir + "/" + name).equals(copy)) throw new Error(`${name}.br does not decode to ${name}`);
    decoded.push(name);
  }
  const { loadPyodide } = await import(pathToFileURL(outDir + "/pyodide.mjs").href);
  const t0 = performance.now();
  const py = await loadPyodide({
    indexURL: outDir + "/", lockFileURL: outDir + "/" + lockName, stdLibURL: outDir + "/" + stdlibName,
    stdout: () => {}, stderr: console.error,
  });
  const browser = py.pyimport(entry);
  const ms = performance.now() - t0;
  const text = readFileSync(frameworkFile, "utf8");
  browser.load_framework(text);
  const ids = JSON.parse(text).indicators.map((i) => i.id);
  const answer = JSON.parse(browser.assess_json(JSON.stringify(ids)));
  console.log(JSON.stringify({ ms: Math.round(ms), module: browser.__file__, keys: Object.keys(answer), decoded }));
} catch (e) {
  console.error(String(e?.message ?? e).slice(-4000));
  process.exitCode = 1;
}
"""


# --------------------------------------------------------------------------------------------
# Runs inside Pyodide (standard library only).


def _is_dataclass(node) -> bool:
    """A class decorated ``@dataclass``, ``@dataclass(...)`` or ``@dataclasses.dataclass(...)``."""
    import ast

    for dec in node.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        if (isinstance(target, ast.Name) and target.id == "dataclass") or \
                (isinstance(target, ast.Attribute) and target.attr == "dataclass"):
            return True
    return False


def _strip_docstrings(tree):
    """Remove module, class and function docstrings (like -OO), keeping asserts and line numbers.

    A dataclass keeps its docstring: without one, ``@dataclass`` writes one from ``inspect.signature``
    as the class is made, which in Pyodide costs more start-up time than the text costs bytes.
    """
    import ast

    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and _is_dataclass(node):
            continue
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                doc = body.pop(0)
                if not body:
                    body.append(ast.copy_location(ast.Pass(), doc))
    return tree


def compile_source(source: bytes, display_path: str) -> bytes:
    """One module's .pyc: docstrings stripped, unchecked hash-based (deterministic, never stats a source)."""
    import ast
    import importlib.util
    from importlib._bootstrap_external import _code_to_hash_pyc

    tree = _strip_docstrings(ast.parse(source, display_path))
    code = compile(tree, display_path, "exec", dont_inherit=True, optimize=0)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def compile_stdlib(source_zip: str, target_zip: str, prefix: str, leave_out: str = "") -> str:
    """Compile every .py in the stdlib zip; write a zip with each .pyc in place of its .py.

    Called inside Pyodide under Node. ``prefix`` is where Pyodide mounts the zip (for example
    ``/lib/python314.zip``), so tracebacks name the usual paths. Modules that fail to compile keep
    their .py. ``leave_out`` names top-level modules and packages (comma-separated) to leave out. This
    zip is the library the engine may use; the site gets the traced part of it.
    """
    omit = {m for m in leave_out.split(",") if m}
    compiled = kept = 0
    with zipfile.ZipFile(source_zip) as z, zipfile.ZipFile(target_zip, "w", zipfile.ZIP_STORED) as out:
        for info in z.infolist():
            name = info.filename
            if name.split("/")[0].removesuffix(".py") in omit:
                continue
            data = z.read(info)
            if name.endswith(".py"):
                try:
                    data = compile_source(data, f"{prefix}/{name}")
                    name += "c"
                    compiled += 1
                except (SyntaxError, ValueError):
                    kept += 1
            entry = zipfile.ZipInfo(name, ZIP_DATE)
            entry.external_attr = ((0o40755 << 16) | 0x10) if name.endswith("/") else (0o644 << 16)
            out.writestr(entry, data)
    return f"compiled {compiled} modules, kept {kept} as source"


def compile_package(modules_json: str, src_root: str, out_dir: str) -> str:
    """Compile the package's modules that the trace imported into ``out_dir/<package>/``."""
    written = []
    for name, file in json.loads(modules_json):
        if name != PACKAGE and not name.startswith(PACKAGE + "."):
            continue
        rel = os.path.relpath(file, src_root)
        if rel.startswith("..") or not rel.endswith(".py"):
            raise ValueError(f"{name} was imported from {file}, not from the sources")
        with open(file, "rb") as f:
            data = compile_source(f.read(), rel)
        target = os.path.join(out_dir, rel + "c")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)
        written.append(rel + "c")
    return json.dumps(sorted(written))


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
    pkg = ROOT / "explorer" / PACKAGE
    return sorted(p for p in pkg.rglob("*.py") if "__pycache__" not in p.parts)


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


def engine_inputs(directory: Path) -> dict:
    """What the trace feeds the engine, loaded once: every framework in the repository as the browser gets
    it, and what the worker passes to ``load_others`` (the site's data/concerns-index.json), or None
    without a vocabulary of concerns (the site then has no such file)."""
    sys.path.insert(0, str(ROOT / "explorer"))
    from thresholds import catalog
    from thresholds.compare import index_json

    items = catalog.load_all(directory)
    vocabulary = catalog.load_concerns(directory)
    others = index_json([item.data for item in items], vocabulary) if vocabulary and vocabulary.concerns else None
    return {"frameworks": [catalog.to_json(item) for item in items], "others": others}


class Builder:
    def __init__(self, out: Path, pyodide_dir: Path, decoder_dir: Path, force: bool, verbose: bool):
        self.out = out
        self.pyodide_dir = pyodide_dir
        self.decoder_dir = decoder_dir
        self.cache = out.parent / f".{out.name}-cache"
        self.work = self.cache / "work"
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

    def fresh(self, step: str, key: str, where: Path) -> bool:
        """True when the step's inputs are unchanged and its outputs are as it left them."""
        stamp = self.stamps.get(step)
        if not stamp or stamp.get("inputs") != key:
            return False
        return all((where / n).is_file() and _sha256(where / n) == h for n, h in stamp["outputs"].items())

    def record(self, step: str, key: str, where: Path, outputs: list[str], **extra) -> None:
        self.stamps[step] = {"inputs": key, "outputs": {n: _sha256(where / n) for n in outputs}, **extra}
        self.changed.append(step)
        self.cache.mkdir(parents=True, exist_ok=True)
        self.stamp_file.write_text(json.dumps(self.stamps, indent=1, sort_keys=True) + "\n")

    def pyodide_version(self) -> str:
        return json.loads((self.pyodide_dir / "package.json").read_text())["version"]

    # Steps ---------------------------------------------------------------------------------

    def check_runtime(self) -> None:
        needed = [self.pyodide_dir / n for n in (*RUNTIME, "python_stdlib.zip", LOCK)]
        for path in needed + [self.decoder_dir / n for n in DECODER.values()]:
            if not path.is_file():
                raise SystemExit(f"pyodide_assets: {path} is missing: run `npm ci` first")

    def empty_lock(self) -> None:
        """Pyodide's lock file with its packages removed: start-up reads it, nothing is installed."""
        info = json.loads((self.pyodide_dir / LOCK).read_text())["info"]
        self.work.mkdir(parents=True, exist_ok=True)
        (self.work / LOCK).write_text(json.dumps({"info": info, "packages": {}}, sort_keys=True, separators=(",", ":")))

    def compiled_stdlib(self) -> None:
        import inspect

        # Keyed on the code that does the work, not the whole script: this step takes a while.
        sources = [self.pyodide_dir / n for n in ("python_stdlib.zip", "pyodide.asm.wasm", "pyodide.asm.mjs")]
        code = [inspect.getsource(f) for f in (_is_dataclass, _strip_docstrings, compile_source, compile_stdlib)]
        key = _digest(*code, _NODE_COMPILE, *sources, *OPTIONAL_MODULES)
        if self.fresh("stdlib", key, self.work):
            return
        started = time.perf_counter()
        self.work.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.cache) as tmp:
            proc = _run([_node(), "--input-type=module", "-e", _NODE_COMPILE,
                         str(self.pyodide_dir.resolve()), str(self.script.parent), tmp, "stdlib-full.zip",
                         ",".join(OPTIONAL_MODULES)])
            shutil.move(Path(tmp) / "stdlib-full.zip", self.work / "stdlib-full.zip")
        self.record("stdlib", key, self.work, ["stdlib-full.zip"])
        report = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
        self.log(f"compiled the stdlib in Pyodide ({report}; {time.perf_counter() - started:.1f} s)")

    def trace(self, frameworks_dir: Path) -> dict:
        """Which library modules the engine imports, and the package compiled (in work/package/)."""
        import inspect

        fw_file = self.work / "frameworks.json"
        fw_file.write_text(json.dumps(engine_inputs(frameworks_dir)))
        code = [inspect.getsource(f) for f in (_is_dataclass, _strip_docstrings, compile_source, compile_package)]
        key = _digest(*code, _NODE_TRACE, self.work / "stdlib-full.zip", fw_file, *_package_sources())
        package_dir = self.work / "package"
        if self.fresh("trace", key, self.work) and (self.work / "trace.json").is_file():
            return json.loads((self.work / "trace.json").read_text())
        shutil.rmtree(package_dir, ignore_errors=True)
        package_dir.mkdir(parents=True)
        started = time.perf_counter()
        proc = _run([_node(), "--input-type=module", "-e", _NODE_TRACE,
                     str(self.pyodide_dir.resolve()), str(self.work / "stdlib-full.zip"), str(self.work / LOCK),
                     str(ROOT / "explorer"), str(self.script.parent), str(package_dir), str(fw_file)])
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        (self.work / "trace.json").write_text(json.dumps(result, indent=1) + "\n")
        outputs = ["trace.json"] + [f"package/{n}" for n in result["compiled"]]
        self.record("trace", key, self.work, outputs)
        from_zip = [m for m in result["modules"] if ".zip/" in m[1]]
        self.log(f"traced the engine in Pyodide: {len(from_zip)} library modules, {len(result['compiled'])} "
                 f"package modules, {result['calls']} assessments ({time.perf_counter() - started:.1f} s)")
        return result

    def trimmed_stdlib(self, traced: dict) -> bytes:
        """The traced library modules and the compiled package, stored (uncompressed) in one zip."""
        # A module the zip's importer loaded names its .pyc; one that names a .py is frozen into the
        # runtime (abc, codecs, os, ...) and needs no file.
        wanted = {file.split(".zip/", 1)[1] for name, file in traced["modules"] if ".zip/" in file and file.endswith(".pyc")}
        with zipfile.ZipFile(self.work / "stdlib-full.zip") as full:
            names = set(full.namelist())
            missing = sorted(wanted - names)
            if missing:
                raise SystemExit(f"pyodide_assets: traced modules not in the library: {missing[:5]}")
            entries = {name: full.read(name) for name in wanted}
        for rel in traced["compiled"]:
            entries[rel] = (self.work / "package" / rel).read_bytes()
        # Directory entries for every package folder, as the stock zip has them.
        folders = {"/".join(n.split("/")[:i]) + "/" for n in entries for i in range(1, n.count("/") + 1)}
        buffer = tempfile.SpooledTemporaryFile()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
            for name in sorted(folders) + sorted(entries):
                info = zipfile.ZipInfo(name, ZIP_DATE)
                info.external_attr = ((0o40755 << 16) | 0x10) if name.endswith("/") else (0o644 << 16)
                out.writestr(info, b"" if name.endswith("/") else entries[name])
        buffer.seek(0)
        return buffer.read()

    def assemble(self, traced: dict) -> Path:
        """The versioned folder: runtime, library, lock file, manifest, precompressed copies."""
        files: dict[str, bytes] = {name: (self.pyodide_dir / name).read_bytes() for name in RUNTIME}
        files.update({name: (self.decoder_dir / source).read_bytes() for name, source in DECODER.items()})
        files[STDLIB] = self.trimmed_stdlib(traced)
        files[LOCK] = (self.work / LOCK).read_bytes()
        # Imported here, not at the top: Pyodide imports this file too (compile_package), without the package.
        from thresholds.precompress import gzip_method, precompress

        h = hashlib.sha256(gzip_method().encode())  # (a new encoder is a new folder: its copies differ)
        for name in sorted(files):
            h.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
        folder = self.out / f"{self.pyodide_version()}-{h.hexdigest()[:12]}"
        if folder.is_dir() and (folder / MANIFEST).is_file():
            self.prune(keep=folder)
            return folder
        tmp = self.out / (".tmp-" + folder.name)
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        manifest = {"version": self.pyodide_version(), "files": {}}
        for name, data in files.items():
            (tmp / name).write_bytes(data)
            sizes = {"raw": len(data)}
            if len(data) >= PRECOMPRESS_MIN:
                for packed in precompress(tmp / name, self.cache / "compressed"):
                    sizes[packed.suffix.lstrip(".")] = packed.stat().st_size
            manifest["files"][name] = sizes
        manifest["lock_info"] = json.loads(files[LOCK])["info"]
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
        tmp.rename(folder)
        self.changed.append("assemble")
        self.prune(keep=folder)
        self.log(f"wrote {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
        return folder

    def prune(self, keep: Path) -> None:
        for path in self.out.iterdir():
            if path != keep and not path.name.startswith(".stamp"):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
                self.log(f"removed stale {path.name}")

    def verify(self, folder: Path) -> None:
        sample = self.work / "sample-framework.json"  # (the first framework the trace was given)
        sample.write_text(json.loads((self.work / "frameworks.json").read_text())["frameworks"][0])
        proc = _run([_node(), "--input-type=module", "-e", _NODE_VERIFY,
                     str(folder.resolve()), STDLIB, LOCK, PACKAGE_ENTRY, str(sample), DECODER_JS, DECODER_WASM,
                     ",".join(DECODED_BY_WORKER)])
        info = json.loads(proc.stdout.strip().splitlines()[-1])
        if not str(info["module"]).endswith(".zip/thresholds/browser.pyc"):
            raise SystemExit(f"pyodide_assets: check failed, the engine came from the wrong place: {info}")
        missing = sorted(set(DECODED_BY_WORKER) - set(info["decoded"]))
        if missing:
            # (No brotli module: the explorer still works, fetching these as the server sends them.)
            self.log(f"warning: no brotli copy of {', '.join(missing)} (pip install brotli): the explorer will "
                     "download the files themselves, compressed only if the web server compresses them")
        self.log(f"checked: the brotli copies decode to their files ({', '.join(info['decoded']) or 'none'}); Node "
                 f"loaded Pyodide from {folder.name} and imported {PACKAGE_ENTRY} from the library in {info['ms']} ms, "
                 "then assessed")

    def run(self, verify: bool, frameworks_dir: Path) -> Path:
        self.out.mkdir(parents=True, exist_ok=True)
        self.check_runtime()
        self.empty_lock()
        self.compiled_stdlib()
        traced = self.trace(frameworks_dir)
        folder = self.assemble(traced)
        if self.changed or verify:
            self.verify(folder)
        if not self.changed:
            self.log(f"{folder} is up to date")
        elif self.verbose:
            for path in sorted(folder.iterdir()):
                self.log(f"  {path.name:34} {path.stat().st_size:>10,} bytes")
        return folder


def current(out: Path) -> Path | None:
    """The versioned runtime folder in ``out`` (the one with a manifest), if built."""
    found = sorted(p.parent for p in out.glob(f"*/{MANIFEST}"))
    return found[-1] if found else None


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pyodide", help="output folder (default: build/pyodide)")
    parser.add_argument("--pyodide-dir", type=Path, default=ROOT / "node_modules" / "pyodide",
                        help="the npm pyodide package (default: node_modules/pyodide)")
    parser.add_argument("--decoder-dir", type=Path, default=ROOT / "node_modules" / "brotli-dec-wasm",
                        help="the npm brotli-dec-wasm package (default: node_modules/brotli-dec-wasm)")
    parser.add_argument("--frameworks", type=Path, default=ROOT / "frameworks",
                        help="frameworks to exercise while tracing (default: ./frameworks)")
    parser.add_argument("--force", action="store_true", help="rebuild everything")
    parser.add_argument("--verify", action="store_true", help="load the folder in Node even when nothing changed")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the files and sizes")
    args = parser.parse_args(argv)
    Builder(args.out.resolve(), args.pyodide_dir.resolve(), args.decoder_dir.resolve(), args.force, args.verbose).run(args.verify, args.frameworks.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
