// The threshold explorer's engine: the `thresholds` Python package, run by Pyodide in a module worker.
//
// Start it with `new Worker(url, { type: "module" })` and talk to it with postMessage:
//   page → worker  {type: "init", frameworkUrl, pyodideUrl}     absolute URLs; pyodideUrl ends in "/"
//   worker → page  {type: "progress", stage: "download" | "runtime" | "framework", message,
//                   loaded, total}   loaded/total: bytes of the runtime fetched so far, of all
//                                    (as sent over the network: compressed when the server compresses)
//                  {type: "ready", elapsedMs}  or  {type: "error", message, network}
//                                    network: true when a download failed (the connection, not the browser)
//   page → worker  {type: "assess", id, ticked: [indicator ids]}
//   worker → page  {type: "result", id, result, html, summary, line, record, text}  or  {type: "error", id, message}
//
// Everything comes from the site's own origin: the Pyodide runtime in a versioned folder
// (explorer/tools/pyodide_assets.py), whose stdlib.zip holds the standard-library modules the engine
// needs and the `thresholds` package, all precompiled to bytecode, so nothing is installed at
// start-up; and the framework JSON. The Python side is reached only through the public functions of
// thresholds.browser; no Python source lives in this file. Nothing is stored anywhere.

const STDLIB = "stdlib.zip";
const LOCKFILE = "pyodide-lock.json"; // a lock file with no packages: nothing to install (fallback)
const MANIFEST = "runtime.json"; // each file's size, raw and compressed, and the lock file's header
// The large files, fetched here first so the page can show bytes arriving. They are the same URLs
// Pyodide then asks for, so its requests are answered by the HTTP cache (or join ours in flight):
// the runtime folder is served as immutable.
const PREFETCH = ["pyodide.asm.wasm", STDLIB, "pyodide.asm.mjs"];
const PROGRESS_EVERY_MS = 250;

let engine = null; // Promise of the thresholds.browser module (a PyProxy), set by init

self.onmessage = async ({ data: msg }) => {
  if (msg?.type === "init") {
    engine ??= init(msg);
    engine.catch(() => {}); // reported below; assess calls see the rejection themselves
    try {
      await engine;
      // A worker's clock starts with the worker, so this counts fetching this file too.
      self.postMessage({ type: "ready", elapsedMs: Math.round(performance.now()) });
    } catch (err) {
      console.error("[explorer]", err);
      self.postMessage({ type: "error", message: describe(err), network: downloadFailed || isNetworkError(err) });
    }
  } else if (msg?.type === "assess") {
    try {
      if (!engine) throw new Error("assess before init");
      const browser = await engine;
      const ticked = Array.isArray(msg.ticked) ? msg.ticked.map(String) : [];
      // {result, html, summary, line, record, text}: presented by thresholds.present, placed as they are.
      const views = JSON.parse(browser.assess_json(JSON.stringify(ticked)));
      self.postMessage({ ...views, type: "result", id: msg.id });
    } catch (err) {
      console.error("[explorer]", err);
      self.postMessage({ type: "error", id: msg.id, message: describe(err) });
    }
  }
};

// Pyodide can fail inside promises nobody awaits (a missing file, say): report it rather than hang.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  console.error("[explorer]", event.reason);
  self.postMessage({ type: "error", message: describe(event.reason), network: downloadFailed || isNetworkError(event.reason) });
});

let downloadFailed = false; // a prefetch lost its connection: a later failure is the network's

// fetch() rejects with a TypeError when the connection fails (offline, reset, DNS).
function isNetworkError(err) {
  return err instanceof TypeError && /fetch|network/i.test(String(err?.message));
}

async function init({ frameworkUrl, pyodideUrl }) {
  // Default: the site layout, this file at <site>/assets/explorer/ and Pyodide at <site>/pyodide/.
  const base = new URL(pyodideUrl || "../../pyodide/", import.meta.url);
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  checkWebAssembly();
  const fetchOptions = { credentials: "same-origin" };
  // The framework downloads while Python starts.
  const frameworkText = fetch(frameworkUrl, fetchOptions).then((response) => {
    if (!response.ok) throw new Error(`could not load the framework (${response.status} ${frameworkUrl})`);
    return response.text();
  });
  frameworkText.catch(() => {}); // awaited below
  // "How other areas describe this" (issue 11): every authority's compact framework, beside this one's
  // JSON on the same origin. Optional: a site without a vocabulary of concerns has no such file.
  const othersText = fetch(new URL("concerns-index.json", frameworkUrl), { credentials: "same-origin" })
    .then((response) => (response.ok ? response.text() : null), () => null);

  const manifest = fetch(new URL(MANIFEST, base), fetchOptions).then((r) => (r.ok ? r.json() : null)).catch(() => null);
  const meter = new Meter(manifest);
  const downloads = Promise.all(PREFETCH.map((name) => meter.prefetch(name, new URL(name, base).href)));
  // A download that loses its connection is reported at once: Pyodide's own fetch of the same file
  // would fail too, and it does not always say so (a failed wasm compile only logs a warning).
  downloads.catch((err) => {
    if (downloadFailed) self.postMessage({ type: "error", message: `a download failed: ${describe(err)}`, network: true });
  });

  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const pyodide = await loadPyodide({
    indexURL: base.href,
    // The manifest carries the lock file's header (Pyodide checks its ABI): one request fewer.
    lockFileContents: manifest.then((m) => (m?.lock_info ? { info: m.lock_info, packages: {} }
      : fetch(new URL(LOCKFILE, base), fetchOptions).then((r) => r.json()))),
    stdLibURL: new URL(STDLIB, base).href,
    stdout: () => {},
    stderr: (line) => console.warn("[explorer]", line),
  });
  await downloads.catch(() => {});
  meter.done();

  progress("framework", "Loading the framework…");
  // The package sits inside stdlib.zip, already compiled: importing it installs nothing.
  const browser = pyodide.pyimport("thresholds.browser");
  browser.load_framework(await frameworkText);
  const others = await othersText;
  if (others) browser.load_others(others);
  return browser;
}

// Counts the bytes of the prefetched files and reports them at most every PROGRESS_EVERY_MS.
// A response compressed by the server streams its decoded bytes: the share of the decoded size
// received is applied to the compressed size from runtime.json, so the figures are network bytes.
class Meter {
  constructor(manifest) {
    this.files = new Map(); // name → {fraction, wire}
    this.manifest = manifest;
    this.last = 0;
    this.finished = false;
  }

  async prefetch(name, url) {
    const entry = { fraction: 0, wire: 0 };
    this.files.set(name, entry);
    let response;
    try {
      response = await fetch(url, { credentials: "same-origin" });
    } catch (err) {
      downloadFailed = true;
      throw err;
    }
    if (!response.ok || !response.body) return;
    const encoding = (response.headers.get("content-encoding") || "").toLowerCase();
    const length = Number(response.headers.get("content-length")) || 0;
    const sizes = (await this.manifest)?.files?.[name] ?? {};
    const raw = sizes.raw || (encoding ? 0 : length);
    entry.wire = (encoding === "br" && sizes.br) || (encoding === "gzip" && sizes.gz) || (encoding ? length : raw) || raw;
    const reader = response.body.getReader();
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read().catch((err) => { downloadFailed = true; throw err; });
      if (done) break;
      received += value.byteLength;
      entry.fraction = raw ? Math.min(1, received / raw) : 0;
      this.report();
    }
    entry.fraction = 1;
    this.report(true);
  }

  report(force = false) {
    if (this.finished) return;
    const now = performance.now();
    if (!force && now - this.last < PROGRESS_EVERY_MS) return;
    this.last = now;
    let loaded = 0;
    let total = 0;
    for (const { fraction, wire } of this.files.values()) {
      loaded += fraction * wire;
      total += wire;
    }
    const complete = [...this.files.values()].every((f) => f.fraction >= 1);
    self.postMessage({
      type: "progress", stage: complete ? "runtime" : "download",
      message: complete ? "Starting Python in your browser…" : "Downloading the explorer…",
      loaded: Math.round(loaded), total: Math.round(total),
    });
  }

  done() {
    this.report(true);
    this.finished = true;
  }
}

// Without 'wasm-unsafe-eval' in the Content Security Policy, compiling WebAssembly throws here,
// where loadPyodide would wait forever instead.
function checkWebAssembly() {
  if (typeof WebAssembly !== "object") throw new Error("WebAssembly is not available");
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch (err) {
    throw new Error(`WebAssembly is blocked (${err?.message ?? err}); the Content Security Policy needs 'wasm-unsafe-eval'`);
  }
}

function progress(stage, message) {
  self.postMessage({ type: "progress", stage, message });
}

function describe(err) {
  // A PythonError's message is the whole traceback; its last line says what went wrong.
  const text = String(err?.message ?? err).trim();
  return text.split("\n").filter(Boolean).at(-1) || "unknown error";
}
