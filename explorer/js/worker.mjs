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
const WASM = "pyodide.asm.wasm";
const SCRIPT = "pyodide.asm.mjs"; // Pyodide's runtime script (imported, not fetched)
const LOCKFILE = "pyodide-lock.json"; // a lock file with no packages: nothing to install (fallback)
const MANIFEST = "runtime.json"; // each file's size, raw and compressed, and the lock file's header
// The brotli decoder (npm brotli-dec-wasm, in the runtime folder) and the files fetched as brotli copies.
const DECODER = "brotli_dec_wasm.js";
const DECODER_WASM = "brotli_dec_wasm_bg.wasm";
const BROTLI_COPIES = { [WASM]: "application/wasm", [STDLIB]: "application/zip" }; // name → its type
const DECODED_CHUNK = 256 * 1024; // the most the decoder writes per call
const PROGRESS_EVERY_MS = 250;
// Each large file is downloaded once, all three as soon as the worker starts (before pyodide.mjs has
// arrived): the runtime script, the wasm, and the standard library. Pyodide asks for the wasm and the
// library with fetch(): it is handed the responses already on their way, and it compiles the wasm while
// its bytes arrive (WebAssembly.instantiateStreaming). The Meter counts the bytes as they arrive, so the
// page is shown them: of the brotli copies as it decodes them (below); of a file fetched as it is, from
// a copy of its body (Response.clone: the browser tees the stream), so that Pyodide's own stream never
// passes through JavaScript (measured: about 20 ms sooner ready than when every chunk was re-queued
// through a stream made here). (Fetching a file a second time, even from the
// HTTP cache, waits for the whole first download: the wasm was compiled only after its last byte.)
// The library, the smaller file, arrives first: Python starts as soon as the wasm is compiled.
// (Measured on a 10 Mbit/s link: with the library last, start-up after its last byte took twice as long.)
//
// The wasm and the library are fetched as their brotli copies (<file>.br, written by the build) and
// decoded here as they arrive, by a small brotli decoder in WebAssembly: a web server sends a .br file
// as it is, so every server sends these at their brotli size (3.4 MB), whether it compresses or not.
// Browsers accept brotli from a server only over HTTPS; over plain HTTP, as many intranets serve the
// site, they got gzip, 0.84 MB more (measured on a 10 Mbit/s link: ready 0.8 s sooner this way).
// Without a .br copy or the decoder, the file itself is fetched, compressed as the server sees fit.

const networkFetch = self.fetch.bind(self); // (replaced while loadPyodide runs, see init)

let engine = null; // Promise of the thresholds.browser module (a PyProxy), set by init
let afterReady = null; // Promise of the work done just after ready (see init); assess waits for it

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
      await afterReady;
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

let downloadFailed = false; // a download lost its connection: a later failure is the network's

// fetch() rejects with a TypeError when the connection fails (offline, reset, DNS).
function isNetworkError(err) {
  return err instanceof TypeError && /fetch|network/i.test(String(err?.message));
}

function downloadError(err) {
  if (downloadFailed) return;
  downloadFailed = true;
  // Reported at once: Pyodide does not always say so (a failed wasm compile only logs a warning).
  self.postMessage({ type: "error", message: `a download failed: ${describe(err)}`, network: true });
}

async function init({ frameworkUrl, pyodideUrl }) {
  // Default: the site layout, this file at <site>/assets/explorer/ and Pyodide at <site>/pyodide/.
  const base = new URL(pyodideUrl || "../../pyodide/", import.meta.url);
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  checkWebAssembly();
  const fetchOptions = { credentials: "same-origin" };
  const url = (name) => new URL(name, base).href;

  const manifest = fetch(url(MANIFEST), fetchOptions).then((r) => (r.ok ? r.json() : null)).catch(() => null);
  const meter = new Meter(manifest);
  const decoder = loadDecoder(url(DECODER), meter.fetch(DECODER_WASM, url(DECODER_WASM), fetchOptions));
  // Pyodide imports the same script URL later: the worker's module map hands it this one.
  const script = meter.script(SCRIPT, import(url(SCRIPT)));
  const wasm = meter.fetch(WASM, url(WASM), fetchOptions, decoder);
  const stdlib = meter.fetch(STDLIB, url(STDLIB), fetchOptions, decoder);
  const handOver = new Map([[url(WASM), wasm], [url(STDLIB), stdlib]]);
  // The framework downloads while Python starts.
  const frameworkText = fetch(frameworkUrl, fetchOptions).then((response) => {
    if (!response.ok) throw new Error(`could not load the framework (${response.status} ${frameworkUrl})`);
    return response.text();
  });
  frameworkText.catch(() => {}); // awaited below

  const { loadPyodide } = await import(url("pyodide.mjs"));
  // Pyodide's own requests for the two files get the responses already on their way (once each).
  self.fetch = function (resource, options) {
    const key = resource instanceof Request ? resource.url : new URL(String(resource), base).href; // (Pyodide passes a URL)
    const response = handOver.get(key);
    if (response) {
      handOver.delete(key);
      return response;
    }
    return networkFetch(resource, options);
  };
  let pyodide;
  try {
    pyodide = await loadPyodide({
      indexURL: base.href,
      // The manifest carries the lock file's header (Pyodide checks its ABI): one request fewer.
      lockFileContents: manifest.then((m) => (m?.lock_info ? { info: m.lock_info, packages: {} }
        : networkFetch(url(LOCKFILE), fetchOptions).then((r) => r.json()))),
      stdLibURL: url(STDLIB),
      stdout: () => {},
      stderr: (line) => console.warn("[explorer]", line),
    });
  } finally {
    self.fetch = networkFetch;
  }
  await script;
  meter.done();

  progress("framework", "Loading the framework…");
  // The package sits inside stdlib.zip, already compiled: importing it installs nothing.
  const browser = pyodide.pyimport("thresholds.browser");
  browser.load_framework(await frameworkText);
  // Not needed to be ready, so done just after it has been reported (a timer runs after the message
  // is posted), and the first assess waits for them: importing the modules that present a result, and
  // "How other areas describe this" (issue 11), every authority's compact framework, beside this
  // one's JSON on the same origin. Optional: a site without a vocabulary of concerns has no such file.
  const presenter = new Promise((resolve) => setTimeout(resolve, 0)).then(() => browser.warm_up());
  const otherAreas = networkFetch(new URL("concerns-index.json", frameworkUrl), fetchOptions)
    .then((response) => (response.ok ? response.text() : null))
    .then((text) => { if (text) browser.load_others(text); })
    .catch((err) => console.warn("[explorer] no comparison with other areas:", describe(err)));
  afterReady = Promise.all([presenter, otherAreas]);
  return browser;
}

// Counts the bytes of the runtime's files as they arrive and reports them at most every
// PROGRESS_EVERY_MS. A response compressed by the server streams its decoded bytes: the share of the
// decoded size received is applied to the compressed size from runtime.json, so the figures are
// network bytes. The runtime script is imported, not fetched: it counts once it has arrived.
class Meter {
  constructor(manifest) {
    this.files = new Map(); // name → {fraction, wire}
    this.manifest = manifest;
    this.encoding = null; // of the first response: the script is assumed to come the same way
    this.last = 0;
    this.finished = false;
  }

  // The file's entry, its wire size from the manifest once known (so the total is right early).
  // A brotli copy is expected to come as it is (`encoding` "br").
  entry(name, encoding = null) {
    let entry = this.files.get(name);
    if (!entry) {
      entry = { fraction: 0, wire: 0 };
      this.files.set(name, entry);
      this.manifest.then((m) => {
        const sizes = m?.files?.[name] ?? {};
        // (Before any response says how the server encodes, gzip is the likelier guess.)
        if (!entry.wire) entry.wire = wireSize(sizes, encoding || this.encoding || "gzip", sizes.raw || 0);
      });
    }
    return entry;
  }

  async script(name, imported) {
    const entry = this.entry(name);
    try {
      return await imported;
    } catch (err) {
      downloadError(err);
      throw err;
    } finally {
      const sizes = (await this.manifest)?.files?.[name] ?? {};
      entry.wire = wireSize(sizes, this.encoding, sizes.raw || entry.wire);
      entry.fraction = 1;
      this.report(true);
    }
  }

  // fetch(url), with its body counted as it streams; returns the response. With a `decoder` (a promise
  // of the brotli module, or of null), the file's brotli copy is fetched instead and decoded here.
  async fetch(name, url, options, decoder = null) {
    const entry = this.entry(name, decoder ? "br" : null);
    if (decoder) {
      const decoded = await this.brotliCopy(entry, name, url, options, decoder);
      if (decoded) return decoded;
    }
    let response;
    try {
      response = await networkFetch(url, options);
    } catch (err) {
      downloadError(err);
      throw err;
    }
    if (!response.ok || !response.body) {
      this.files.delete(name); // (nothing more of it will arrive: not counted, not waited for)
      return response;
    }
    const encoding = (response.headers.get("content-encoding") || "").toLowerCase();
    this.encoding ??= encoding;
    const length = Number(response.headers.get("content-length")) || 0;
    const sizes = (await this.manifest)?.files?.[name] ?? {};
    const raw = sizes.raw || (encoding ? 0 : length);
    entry.wire = wireSize(sizes, encoding, (encoding ? length : raw) || raw);
    // Pyodide gets the response itself (the wasm compiles from the network's stream, not through
    // JavaScript); a copy of its body, teed by the browser, is read here only to count the bytes.
    const reader = response.clone().body.getReader();
    let received = 0;
    (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += value.byteLength;
          entry.fraction = raw ? Math.min(1, received / raw) : 0;
          this.report();
        }
        entry.fraction = 1;
      } catch (err) {
        downloadError(err);
      }
      this.report(true);
    })();
    return response;
  }

  // The file decoded from its brotli copy as the bytes arrive, as a response of the file's type; or
  // null when there is no copy (or no decoder, or the server says it encoded the copy itself), so the
  // file itself is fetched. Pyodide compiles the wasm from this stream while it downloads.
  async brotliCopy(entry, name, url, options, decoder) {
    let response;
    try {
      response = await networkFetch(url + ".br", options);
    } catch (err) {
      console.warn(`[explorer] ${name}.br: ${describe(err)}; fetching ${name}`);
      return null;
    }
    const module = response.ok && response.body && !response.headers.get("content-encoding") ? await decoder : null;
    if (!module) {
      response.body?.cancel().catch(() => {});
      return null;
    }
    entry.wire = (await this.manifest)?.files?.[name]?.br || Number(response.headers.get("content-length")) || 0;
    const reader = response.body.getReader();
    const stream = new module.BrotliDecStream();
    const { NeedsMoreOutput, ResultSuccess } = module.BrotliStreamResultCode;
    let received = 0;
    let code = 0;
    // Each pull reads until it has decoded something: a stream whose pull adds nothing is not pulled
    // again, and a few small chunks off a slow link can leave the decoder wanting more input.
    const body = new ReadableStream({
      pull: async (controller) => {
        for (let decoded = false; !decoded;) {
          let chunk;
          try {
            chunk = await reader.read();
          } catch (err) {
            downloadError(err);
            throw err;
          }
          if (chunk.done) {
            entry.fraction = 1;
            this.report(true);
            stream.free();
            if (code === ResultSuccess) return controller.close();
            const err = new Error(`${name}.br ended before its last byte`); // (a download cut short)
            downloadError(err);
            return controller.error(err);
          }
          received += chunk.value.byteLength;
          entry.fraction = entry.wire ? Math.min(1, received / entry.wire) : 0;
          this.report();
          if (code === ResultSuccess) continue; // (anything after the end of the stream is ignored)
          let input = chunk.value;
          try {
            do {
              const out = stream.dec(input, DECODED_CHUNK);
              code = out.code;
              input = input.subarray(out.input_offset);
              const bytes = out.buf;
              out.free();
              if (bytes.byteLength) {
                controller.enqueue(bytes);
                decoded = true;
              }
            } while (code === NeedsMoreOutput);
          } catch (err) {
            // Bytes changed on the way (a proxy, say) or on the server: reloading is the remedy.
            const damaged = new Error(`${name}.br is damaged: ${describe(err)}`);
            downloadError(damaged);
            throw damaged;
          }
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { headers: { "Content-Type": BROTLI_COPIES[name] } });
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
    const complete = this.files.size >= 3 && [...this.files.values()].every((f) => f.fraction >= 1);
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

// The brotli decoder's module, instantiated from `wasm` (a promise of its response); null when it cannot
// be loaded (the files are then fetched without it).
async function loadDecoder(moduleUrl, wasm) {
  try {
    const module = await import(moduleUrl);
    await module.default({ module_or_path: wasm });
    return module;
  } catch (err) {
    console.warn("[explorer] no brotli decoder, fetching the files themselves:", describe(err));
    return null;
  }
}

// A file's size on the wire for a response's content-encoding, from runtime.json's sizes, or `otherwise`.
function wireSize(sizes, encoding, otherwise) {
  return (encoding === "br" && sizes.br) || (encoding === "gzip" && sizes.gz) || otherwise;
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
