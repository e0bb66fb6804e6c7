#!/usr/bin/env node
// Run the core tests (tests/core) inside real Pyodide under Node, offline.
//
//   node tests/pyodide/run_core_tests.mjs [--no-prepare] [pytest arguments…]   (default: tests/core)
//
// First it runs the preparation step (`python tests/pyodide/test_in_pyodide.py --prepare`: the
// pytest and hypothesis wheels in build/pyodide-test/wheels, a test-only lock file, JSON copies of
// the YAML data) with $PYTHON, or .venv/bin/python. Then it loads Pyodide from node_modules/pyodide,
// installs the wheels from that lock file, and calls pytest.main through tests/pyodide/pyodide_pytest.py.
// Exits with pytest's status.
//
// In Node, Pyodide fetches a package missing from the local folder from a CDN: so every wheel the
// test packages need is checked to be on disk before anything is loaded.
//
// Python's standard library is the site's trimmed one (build/pyodide/<version>-<hash>/stdlib.zip, made
// by explorer/tools/pyodide_assets.py from a trace). pytest and hypothesis need more of the library,
// so the stock library is put on sys.path after it; a guard (pyodide_pytest.TrimmedLibraryGuard)
// fails the run if the core itself imports any module the trimmed library lacks.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TEST_DIR = join(ROOT, "build", "pyodide-test");
const LOCK = join(TEST_DIR, "pyodide-lock.json");
const PYODIDE = join(ROOT, "node_modules", "pyodide");
const PACKAGES = ["pytest", "hypothesis"];
const RUNTIME_BUILD = join(ROOT, "build", "pyodide");

function fail(message, status = 2) {
  console.error(`run_core_tests: ${message}`);
  process.exit(status);
}

let args = process.argv.slice(2);
const prepare = !args.includes("--no-prepare");
args = args.filter((a) => a !== "--no-prepare");
if (!args.some((a) => !a.startsWith("-"))) args.push("tests/core");

if (prepare) {
  const venv = join(ROOT, ".venv", "bin", "python");
  const python = process.env.PYTHON || (existsSync(venv) ? venv : "python3");
  const step = spawnSync(python, [join(ROOT, "tests", "pyodide", "test_in_pyodide.py"), "--prepare"], { stdio: "inherit" });
  if (step.status !== 0) fail(`the preparation step failed (${python} tests/pyodide/test_in_pyodide.py --prepare)`);
}

// Offline guard: every package the test packages depend on must be a wheel on disk.
if (!existsSync(LOCK)) fail(`${LOCK} is missing: run python tests/pyodide/test_in_pyodide.py --prepare`);
const lock = JSON.parse(readFileSync(LOCK, "utf8")).packages;
const needed = new Set();
const visit = (name) => {
  const key = name.toLowerCase().replace(/[-_.]+/g, "-");
  if (needed.has(key)) return;
  if (!lock[key]) fail(`${key} is not in the test lock file`);
  needed.add(key);
  lock[key].depends.forEach(visit);
};
PACKAGES.forEach(visit);
for (const key of needed) {
  const file = resolve(TEST_DIR, lock[key].file_name);
  if (!existsSync(file)) fail(`${file} is missing (Pyodide would try to download it): run the preparation step`);
}

const runtimes = existsSync(RUNTIME_BUILD)
  ? readdirSync(RUNTIME_BUILD).filter((d) => existsSync(join(RUNTIME_BUILD, d, "runtime.json"))).sort() : [];
if (!runtimes.length) fail(`no runtime in ${RUNTIME_BUILD}: run make build (explorer/tools/pyodide_assets.py)`);
const TRIMMED = join(RUNTIME_BUILD, runtimes.at(-1), "stdlib.zip");

try {
  const { loadPyodide } = await import(pathToFileURL(join(PYODIDE, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL: PYODIDE + "/",
    stdLibURL: TRIMMED,
    lockFileURL: LOCK,
    packageCacheDir: TEST_DIR + "/",
    stdout: () => {},
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  // Unbatched, so pytest's progress dots stay on one line.
  pyodide.setStdout({ write: (bytes) => process.stdout.write(bytes) && bytes.length || bytes.length });
  pyodide.setStderr({ write: (bytes) => process.stderr.write(bytes) && bytes.length || bytes.length });
  pyodide.mountNodeFS("/host", ROOT);
  pyodide.mountNodeFS("/stock-stdlib", PYODIDE);
  const sys = pyodide.pyimport("sys");
  sys.path.insert(0, "/host/tests/pyodide");
  // The guard goes in before the core is imported: it knows the trimmed library's modules. The stock
  // library then answers what the trimmed one lacks (for pytest and hypothesis, and installing them).
  const runner = pyodide.pyimport("pyodide_pytest");
  const guard = runner.install_guard(join(ROOT, "explorer"), "/stock-stdlib/python_stdlib.zip");
  await pyodide.loadPackage(PACKAGES, { messageCallback: () => {} });
  const status = runner.main("/host", ROOT, args, guard);
  process.exitCode = status;
} catch (err) {
  // A Pyodide error's stack quotes the minified runtime: the message is what matters.
  fail(String(err?.message ?? err).slice(-4000), 3);
}
