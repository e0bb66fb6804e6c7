// The threshold explorer page: ticks go to the engine in a Web Worker (worker.mjs); what to show comes
// back already presented by Python (thresholds.present): the panel, the sticky summary, the short line
// for the live region, the print record and the plain text to copy. This script only places them.
// The checklist and the act-now card work without it; when the engine cannot run, the page says so and
// shows no result. Nothing is stored, and leaving the page forgets every tick (see forget()).
//
// A classic script, loaded without `async` at the top of the page's <head> (macros/render.py,
// explorer_head), with the URLs as its own data- attributes: it starts the engine before the parser has
// reached the body, and wires up the page once it has been parsed. Everything is inside this one
// function, so it adds nothing to the page's global scope.
(() => {
"use strict";

// Loading is watched by its progress, never by a fixed deadline: the worker reports the bytes of
// the runtime as they arrive. A slow network is reported as slow, with the bytes so far, and the
// checklist and guidance stay usable meanwhile. Only once everything has arrived and Python makes
// no progress for STARTUP_STALL_MS (without 'wasm-unsafe-eval' in the CSP, loadPyodide neither
// resolves nor rejects) is the explorer reported as unable to run here.
const SLOW_AFTER_MS = 4000; // still loading after this: say it is the network, with the bytes so far
const NETWORK_STALL_MS = 20000; // no new bytes for this long: say the download has stalled (and keep waiting)
const STARTUP_STALL_MS = 45000; // all bytes in, no progress for this long: the browser cannot run it
const UNAVAILABLE = "The explorer cannot run in this browser, so it cannot suggest a level. "
  + "The checklist and the guidance pages still work.";
// A download that failed is the network's doing, not the browser's: say so, and how to try again.
const NETWORK_FAILED = "The explorer could not finish downloading: the network connection failed. "
  + "Reload the page to try again. The checklist and the guidance pages still work.";
const LIVE_EVERY_MS = 3000; // the loading figures in the status line (a live region) change at most this often
const USABLE = "Meanwhile the checklist and the guidance pages work as usual.";

// The engine starts now, while the page is still being parsed; the page is wired up once it has been.
const engine = startEngine(document.currentScript?.dataset ?? {});
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", wire, { once: true });
} else {
  wire();
}

function wire() {
  const form = document.getElementById("explorer");
  if (form) return start(form, engine);
  engine.worker?.terminate(); // (no explorer form on this page)
  loadThemeScripts();
}

// The theme's scripts (Material's bundle: tooltips, back to top, the drawer's finishing touches) wait
// in a <template> on the explorer page (overrides/main.html, pages.Page.theme_scripts_later) and are
// loaded here once the explorer is ready or has given up, once loading is slow, or as soon as the
// reader reaches for the header. Evaluated while the engine starts, they took 100-250 ms of the main
// thread, which on a 2-core machine competes with the worker (measured: ready about 100 ms sooner).
// The page works without them: the checklist, the danger question and the header links are plain HTML.
function loadThemeScripts() {
  const template = document.getElementById("theme-scripts");
  if (!template) return;
  template.remove();
  (async () => {
    for (const parsed of template.content.querySelectorAll("script")) {
      const script = document.createElement("script"); // (a script parsed inside a <template> never runs)
      for (const { name, value } of parsed.attributes) script.setAttribute(name, value);
      script.textContent = parsed.textContent;
      const loaded = new Promise((resolve) => { script.onload = script.onerror = resolve; });
      document.body.append(script);
      if (script.src) await loaded; // in order, as the parser would have run them
    }
    // The theme starts on DOMContentLoaded, which has passed: it is told again (this script listened once).
    document.dispatchEvent(new Event("DOMContentLoaded"));
  })();
}

// The Web Worker, started with the URLs named by this script's attributes. Its messages wait in `queue`
// until start() takes over. Returns {worker, queue} or {failed: reason}.
function startEngine(urls) {
  if (!urls.workerUrl || !urls.frameworkUrl || !urls.pyodideUrl) {
    return { failed: "the page script was loaded without the engine's URLs" };
  }
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    return { failed: "no WebAssembly or no Web Workers" };
  }
  const absolute = (url) => new URL(url, document.baseURI).href;
  let moduleWorkers = false;
  const options = { get type() { moduleWorkers = true; return "module"; } }; // read only where supported
  let worker;
  try {
    worker = new Worker(absolute(urls.workerUrl), options);
  } catch (err) {
    return { failed: err };
  }
  if (!moduleWorkers) {
    worker.terminate();
    return { failed: "module workers are not supported" };
  }
  const queue = [];
  worker.onmessage = (event) => queue.push(["message", event]);
  worker.onerror = (event) => queue.push(["error", event]);
  worker.onmessageerror = (event) => queue.push(["messageerror", event]);
  worker.postMessage({
    type: "init",
    frameworkUrl: absolute(urls.frameworkUrl),
    pyodideUrl: absolute(urls.pyodideUrl),
  });
  return { worker, queue };
}

function start(form, engine) {
  const $ = (id) => document.getElementById(id);
  const status = $("explorer-status");
  const panel = $("explorer-result");
  const views = { // element → what it shows before any result (restored by clear)
    panel, summary: $("explorer-summary"), live: $("explorer-live"), record: $("explorer-record"),
  };
  const initial = Object.fromEntries(Object.entries(views).map(([k, el]) => [k, el ? el.innerHTML : ""]));
  const boxes = () => [...form.querySelectorAll('input[type="checkbox"].indicator-box')];

  let worker = null;
  let latest = 0; // id of the newest assess request: only its answer is shown
  let result = null; // the presented result on show ({result, html, summary, line, record, text}), for "copy"
  let timer = null;
  const loading = { started: performance.now(), loaded: 0, total: 0, downloading: true, bytesAt: performance.now() };

  const say = (text) => { if (status) status.textContent = text; };
  // The status line is a live region: while loading, its figures change at most every few seconds,
  // so a screen reader is not read a new number on every chunk. A new kind of message goes at once.
  let loadingSaid = { kind: "", at: -Infinity };
  const sayLoading = (kind, text) => {
    const now = performance.now();
    if (kind === loadingSaid.kind && now - loadingSaid.at < LIVE_EVERY_MS) return;
    loadingSaid = { kind, at: now };
    say(text);
  };
  const setState = (state) => { form.dataset.state = state; };

  function unavailable(reason, network = false) {
    if (form.dataset.state === "unavailable") return;
    setState("unavailable");
    clearTimeout(timer);
    worker?.terminate();
    worker = null;
    result = null;
    latest += 1;
    restore();
    say(network ? NETWORK_FAILED : UNAVAILABLE);
    console.warn("[explorer] unavailable:", reason);
    loadThemeScripts();
  }

  // Re-checked every second while loading: the status line, and the only timeout (stalled start-up).
  function watch() {
    clearTimeout(timer);
    if (form.dataset.state !== "loading") return;
    const now = performance.now();
    if (!loading.downloading && now - loading.bytesAt > STARTUP_STALL_MS) {
      return unavailable(`no progress for ${STARTUP_STALL_MS / 1000} s after the download`);
    }
    const bytes = loading.total ? `${mb(loading.loaded)} of ${mb(loading.total)} MB` : "";
    if (loading.downloading && now - loading.bytesAt > NETWORK_STALL_MS) {
      form.dataset.network = "stalled";
      sayLoading("stalled", `The download has stalled${bytes ? ` at ${bytes}` : ""}: the network may be down. `
        + `The explorer will carry on if the connection comes back; or reload the page. ${USABLE}`);
    } else if (now - loading.started > SLOW_AFTER_MS) {
      form.dataset.network = "slow";
      loadThemeScripts(); // (no longer worth holding back)
      if (loading.downloading) sayLoading("slow", `Still loading${bytes ? `: ${bytes}` : ""}… The network is slow. ${USABLE}`);
      else sayLoading("starting", `Nearly ready: starting Python in your browser… ${USABLE}`);
    }
    timer = setTimeout(watch, 1000);
  }

  function onProgress(msg) {
    const now = performance.now();
    if (typeof msg.loaded === "number" && msg.loaded > loading.loaded) loading.bytesAt = now;
    if (typeof msg.loaded === "number") loading.loaded = Math.max(loading.loaded, msg.loaded);
    if (typeof msg.total === "number") loading.total = Math.max(loading.total, msg.total);
    if (msg.stage !== "download" && loading.downloading) {
      loading.downloading = false;
      loading.bytesAt = now; // start-up is timed from the last byte
    } else if (msg.stage !== "download") {
      loading.bytesAt = now;
    }
    if (form.dataset.network === "stalled") delete form.dataset.network;
    if (now - loading.started <= SLOW_AFTER_MS) {
      const bytes = msg.stage === "download" && loading.total ? ` (${mb(loading.loaded)} of ${mb(loading.total)} MB)` : "";
      sayLoading(msg.stage, `Loading the explorer: ${msg.message}${bytes}`);
    }
    watch();
  }

  function assess() {
    if (!worker || form.dataset.state !== "ready") return;
    latest += 1;
    panel?.setAttribute("aria-busy", "true");
    const ticked = boxes().filter((b) => b.checked).map((b) => b.value);
    if (!ticked.length) return clearResult(); // nothing ticked: nothing to suggest
    worker.postMessage({ type: "assess", id: latest, ticked });
  }

  // Place what Python presented: the panel, the sticky summary, the live line, the print record.
  function place(msg) {
    result = msg;
    if (views.panel) {
      views.panel.innerHTML = msg.html;
      views.panel.removeAttribute("aria-busy");
    }
    if (views.summary) views.summary.innerHTML = msg.summary;
    if (views.live) views.live.textContent = msg.line;
    if (views.record) views.record.innerHTML = msg.record;
  }

  function restore() {
    for (const [key, el] of Object.entries(views)) if (el) el.innerHTML = initial[key];
    panel?.removeAttribute("aria-busy");
  }

  function clearResult() {
    latest += 1; // drop any answer still on its way
    result = null;
    restore();
  }

  // Every tick, the danger answer, the filter and the result: gone when the page is left, and again
  // if the browser brings it back from its back/forward cache (a shared computer's next user).
  function forget() {
    boxes().forEach((b) => { b.checked = false; });
    document.querySelectorAll('input[name="danger"]').forEach((r) => { r.checked = false; });
    const filter = $("explorer-filter");
    if (filter && filter.value) {
      filter.value = "";
      filter.dispatchEvent(new Event("input"));
    }
    clearResult();
  }

  function onMessage({ data: msg }) {
    if (form.dataset.state === "unavailable") return;
    if (msg.type === "progress") {
      onProgress(msg);
    } else if (msg.type === "ready") {
      clearTimeout(timer);
      setState("ready");
      delete form.dataset.network;
      loadThemeScripts();
      say("The explorer is ready: tick the indicators that apply and the suggested level updates below.");
      if (boxes().some((b) => b.checked)) assess(); // ticks made while loading, or restored by the browser
    } else if (msg.type === "result") {
      if (msg.id !== latest) return; // an older answer: a newer request is on its way
      place(msg);
    } else if (msg.type === "error") {
      unavailable(msg.message, msg.network === true);
    }
  }

  // The page ---------------------------------------------------------------------------------

  setState("loading");
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", (event) => {
    if (event.target.matches?.("input.indicator-box")) assess();
  });
  form.addEventListener("click", (event) => { // "Remove" in the list of ticks unticks that indicator
    const button = event.target.closest?.("button[data-untick]");
    if (!button) return;
    const box = boxes().find((b) => b.value === button.dataset.untick);
    if (!box) return;
    box.checked = false;
    assess();
    panel?.focus({ preventScroll: true }); // the list is redrawn: stay in the result, not back up the checklist
  });
  $("explorer-clear")?.addEventListener("click", () => {
    boxes().forEach((b) => { b.checked = false; });
    clearResult();
    if (form.dataset.state === "ready") say("Cleared: no indicators ticked.");
  });
  $("explorer-print")?.addEventListener("click", () => window.print());
  $("explorer-copy")?.addEventListener("click", async () => {
    if (form.dataset.state === "unavailable") return say(UNAVAILABLE);
    if (!result) return say("Nothing to copy yet: tick the indicators that apply first.");
    say((await copyText(result.text)) ? "Summary copied." : "Could not copy: select the result and copy it instead.");
  });
  setUpDanger($("danger-yes"), $("danger-no"), $("act-now"), $("explorer-checklist"));
  window.addEventListener("pagehide", forget);
  window.addEventListener("pageshow", (event) => { if (event.persisted) forget(); });
  setUpFilter(form, $("explorer-filter"), $("explorer-filter-count"));
  for (const kind of ["pointerdown", "focusin"]) {
    document.querySelector(".md-header")?.addEventListener(kind, loadThemeScripts, { once: true });
  }

  // The engine -------------------------------------------------------------------------------

  if (engine.failed) return unavailable(engine.failed);
  worker = engine.worker;
  const onError = (event) => unavailable(event.message || "the worker failed to start");
  const onMessageError = () => unavailable("a message could not be read");
  worker.onmessage = onMessage;
  worker.onerror = onError;
  worker.onmessageerror = onMessageError;
  watch();
  say("Loading the explorer…");
  // What the worker said before the page was wired up, in order.
  const handlers = { message: onMessage, error: onError, messageerror: onMessageError };
  for (const [kind, event] of engine.queue.splice(0)) handlers[kind](event);
}

// "Yes" shows the act-now card (CSS does that on its own, without this script) and moves there;
// "No" moves on to the checklist.
function setUpDanger(yes, no, card, checklist) {
  yes?.addEventListener("change", () => {
    if (!yes.checked || !card) return;
    card.setAttribute("tabindex", "-1");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "start" });
  });
  no?.addEventListener("change", () => {
    if (!no.checked || !checklist) return;
    checklist.querySelector("input")?.focus({ preventScroll: true });
    checklist.scrollIntoView({ block: "start" });
  });
}

// What is typed, as Python normalised each indicator's search terms (thresholds.search.normalise).
function normalise(text) {
  return text.replaceAll("**", " ").toLowerCase().replace(/[^\p{L}\p{N}_'&]+/gu, " ").trim();
}

// Megabytes (10^6 bytes) with one decimal, as the status line shows them.
function mb(bytes) {
  return (bytes / 1e6).toFixed(1);
}

// The filter: each typed word must start a word of the indicator's search terms (data-terms: its
// text, domain, sub-heading, glossary expansions and plain words, worked out when the site was built).
function setUpFilter(form, input, count) {
  if (!input) return;
  const items = [...form.querySelectorAll(".indicator")].map((el) => ({
    el, terms: ` ${el.dataset.terms ?? normalise((el.querySelector("label") ?? el).textContent)}`,
  }));
  const groups = [...form.querySelectorAll("fieldset.indicator-group")];
  let announce = null;
  // Enter in the filter must not submit anything (the form has no action, and the CSP allows none).
  input.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
  input.addEventListener("input", () => {
    const words = normalise(input.value).split(" ").filter(Boolean);
    let shown = 0;
    for (const { el, terms } of items) {
      el.hidden = !words.every((w) => terms.includes(` ${w}`));
      if (!el.hidden) shown += 1;
    }
    for (const group of groups) {
      group.hidden = ![...group.querySelectorAll(".indicator")].some((el) => !el.hidden);
    }
    clearTimeout(announce); // announce once typing pauses, not on every key
    announce = setTimeout(() => {
      if (count) {
        count.textContent = words.length
          ? `${shown} of ${items.length} indicators match “${input.value.trim()}”.`
          : "";
      }
    }, 400);
  });
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}
})();
