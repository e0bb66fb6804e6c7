// The threshold explorer's engine: the `thresholds` Python package, run by Pyodide in a module worker.
//
// Start it with `new Worker(url, { type: "module" })` and talk to it with postMessage:
//   page → worker  {type: "init", frameworkUrl, pyodideUrl}     absolute URLs; pyodideUrl ends in "/"
//   worker → page  {type: "progress", stage: "runtime" | "packages" | "framework", message}
//                  {type: "ready", elapsedMs}  or  {type: "error", message}
//   page → worker  {type: "assess", id, ticked: [indicator ids]}
//   worker → page  {type: "result", id, result, html, summary, line, record, text}  or  {type: "error", id, message}
//
// Everything comes from the site's own origin: the Pyodide runtime, the lock file that lists the
// `thresholds` wheel, a standard library precompiled to bytecode (explorer/tools/pyodide_assets.py)
// and the framework JSON. The Python side is reached only through the public functions of
// thresholds.browser; no Python source lives in this file. Nothing is stored anywhere.

const STDLIB = "python_stdlib_compiled.zip";
const LOCKFILE = "pyodide-lock.json";

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
      self.postMessage({ type: "error", message: describe(err) });
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
  self.postMessage({ type: "error", message: describe(event.reason) });
});

async function init({ frameworkUrl, pyodideUrl }) {
  // Default: the site layout, this file at <site>/assets/explorer/ and Pyodide at <site>/pyodide/.
  const base = new URL(pyodideUrl || "../../pyodide/", import.meta.url);
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  checkWebAssembly();
  // The framework downloads while Python starts.
  const frameworkText = fetch(frameworkUrl, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`could not load the framework (${response.status} ${frameworkUrl})`);
    return response.text();
  });
  frameworkText.catch(() => {}); // awaited below
  // "How other areas describe this" (issue 11): every authority's compact framework, beside this one's
  // JSON on the same origin. Optional: a site without a vocabulary of concerns has no such file.
  const othersText = fetch(new URL("concerns-index.json", frameworkUrl), { credentials: "same-origin" })
    .then((response) => (response.ok ? response.text() : null), () => null);

  progress("runtime", "Starting Python in your browser…");
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const pyodide = await loadPyodide({
    indexURL: base.href,
    lockFileURL: new URL(LOCKFILE, base).href,
    stdLibURL: new URL(STDLIB, base).href,
    stdout: () => {},
    stderr: (line) => console.warn("[explorer]", line),
  });

  progress("packages", "Loading the threshold engine…");
  await pyodide.loadPackage("thresholds", { messageCallback: () => {}, errorCallback: (m) => console.warn("[explorer]", m) });
  const browser = pyodide.pyimport("thresholds.browser");

  progress("framework", "Loading the framework…");
  browser.load_framework(await frameworkText);
  const others = await othersText;
  if (others) browser.load_others(others);
  return browser;
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
