// The threshold explorer page: ticks go to the engine in a Web Worker (worker.mjs), the suggested
// level comes back as HTML for the result panel. The checklist works without this script; when the
// engine cannot run, the page says so and shows no result. Nothing is stored: no cookies or storage.

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

const form = document.getElementById("explorer");
if (form) start(form);

function start(form) {
  const $ = (id) => document.getElementById(id);
  const status = $("explorer-status");
  const panel = $("explorer-result");
  const initialPanel = panel ? panel.innerHTML : "";
  const boxes = () => [...form.querySelectorAll('input[type="checkbox"][name="indicator"]')];
  const absolute = (url) => new URL(url, document.baseURI).href;

  let worker = null;
  let latest = 0; // id of the newest assess request: only its answer is shown
  let result = null; // the result on show, for "copy"
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
    if (panel) panel.innerHTML = initialPanel;
    say(network ? NETWORK_FAILED : UNAVAILABLE);
    console.warn("[explorer] unavailable:", reason);
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
    worker.postMessage({ type: "assess", id: latest, ticked: boxes().filter((b) => b.checked).map((b) => b.value) });
  }

  function onMessage({ data: msg }) {
    if (form.dataset.state === "unavailable") return;
    if (msg.type === "progress") {
      onProgress(msg);
    } else if (msg.type === "ready") {
      clearTimeout(timer);
      setState("ready");
      delete form.dataset.network;
      say("The explorer is ready: tick the indicators that apply and the suggested level updates below.");
      if (boxes().some((b) => b.checked)) assess(); // ticks made while loading, or restored by the browser
    } else if (msg.type === "result") {
      if (msg.id !== latest) return; // an older answer: a newer request is on its way
      result = msg.result;
      if (panel) {
        panel.innerHTML = msg.html;
        panel.removeAttribute("aria-busy");
      }
    } else if (msg.type === "error") {
      unavailable(msg.message, msg.network === true);
    }
  }

  // The page ---------------------------------------------------------------------------------

  setState("loading");
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", (event) => {
    if (event.target.matches?.('input[name="indicator"]')) assess();
  });
  $("explorer-clear")?.addEventListener("click", () => {
    boxes().forEach((b) => { b.checked = false; });
    latest += 1; // drop any answer still on its way
    result = null;
    if (panel) {
      panel.innerHTML = initialPanel;
      panel.removeAttribute("aria-busy");
    }
    if (form.dataset.state === "ready") say("Cleared: no indicators ticked.");
  });
  $("explorer-print")?.addEventListener("click", () => window.print());
  $("explorer-copy")?.addEventListener("click", async () => {
    if (form.dataset.state === "unavailable") return say(UNAVAILABLE);
    if (!result) return say("Nothing to copy yet: tick the indicators that apply first.");
    say((await copyText(summary(result))) ? "Summary copied." : "Could not copy: select the result and copy it instead.");
  });
  setUpFilter(form, $("explorer-filter"), $("explorer-filter-count"));

  // The engine -------------------------------------------------------------------------------

  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    return unavailable("no WebAssembly or no Web Workers");
  }
  let moduleWorkers = false;
  const options = { get type() { moduleWorkers = true; return "module"; } }; // read only where supported
  try {
    worker = new Worker(absolute(form.dataset.workerUrl), options);
  } catch (err) {
    return unavailable(err);
  }
  if (!moduleWorkers) return unavailable("module workers are not supported");
  worker.onmessage = onMessage;
  worker.onerror = (event) => unavailable(event.message || "the worker failed to start");
  worker.onmessageerror = () => unavailable("a message could not be read");
  watch();
  say("Loading the explorer…");
  worker.postMessage({
    type: "init",
    frameworkUrl: absolute(form.dataset.frameworkUrl),
    pyodideUrl: absolute(form.dataset.pyodideUrl),
  });
}

// Megabytes (10^6 bytes) with one decimal, as the status line shows them.
function mb(bytes) {
  return (bytes / 1e6).toFixed(1);
}

// The filter: hide indicators whose label lacks any of the typed words, and groups left empty.
function setUpFilter(form, input, count) {
  if (!input) return;
  const items = [...form.querySelectorAll(".indicator")].map((el) => ({
    el, text: (el.querySelector("label") ?? el).textContent.toLowerCase(),
  }));
  const groups = [...form.querySelectorAll("fieldset.indicator-group")];
  let announce = null;
  input.addEventListener("input", () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const { el, text } of items) {
      el.hidden = !words.every((w) => text.includes(w));
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
          : `Showing all ${items.length} indicators.`;
      }
    }, 400);
  });
}

// The plain-text summary for the clipboard: what the result panel says, no case details.
function summary(r) {
  const lines = [
    `${r.authority} continuum of need, ${r.edition} edition`,
    `Summary made ${new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })} with the threshold explorer (nothing was saved or sent).`,
    "",
    `Suggested level: ${r.level.name} — ${r.level.title}`,
  ];
  if (r.act_now) lines.push("ACT NOW: a child may be suffering, or at risk of, significant harm. Call now; if a child is in immediate danger call 999.");
  lines.push("", "Why:");
  const deciding = (r.reasons ?? []).filter((reason) => reason.rank === r.level.rank);
  if (!deciding.length && !(r.ticked ?? []).length) lines.push("- No indicators ticked.");
  else if (!deciding.length) lines.push("- Nothing ticked reaches a higher level under this framework's rules.");
  for (const reason of deciding) {
    lines.push(`- ${plain(reason.explanation)}`);
    const texts = reason.indicator_texts ?? reason.indicators;
    texts.forEach((text, i) => lines.push(`  - ${plain(text)} (${reason.indicators[i]})`));
  }
  if (r.response?.length) lines.push("", "What to do next:", ...blocksText(r.response));
  if (r.contacts?.length) {
    lines.push("", "Who to call:");
    for (const c of r.contacts) {
      const ways = [
        ...(c.phones ?? []).map((p) => (p.label ? `${p.label}: ${p.number}` : p.number)),
        ...(c.emails ?? []),
      ];
      lines.push(`- ${c.name}${ways.length ? `: ${ways.join("; ")}` : ""}`);
    }
  }
  lines.push("", r.judgement);
  return lines.join("\n") + "\n";
}

function plain(text) {
  return String(text).replace(/\*\*(.+?)\*\*/g, "$1");
}

// Content blocks (see the framework schema) as indented plain-text lines.
function blocksText(blocks, indent = "") {
  const out = [];
  const items = (list, ordered) => list.forEach((item, i) => {
    const mark = ordered ? `${i + 1}.` : "-";
    if (typeof item === "string") out.push(`${indent}${mark} ${plain(item)}`);
    else {
      out.push(`${indent}${mark} ${plain(item.text)}`);
      out.push(...blocksText([{ list: item.items ?? [] }], `${indent}  `));
    }
  });
  for (const block of blocks) {
    if (typeof block === "string") out.push(`${indent}${plain(block)}`);
    else if (block.list) items(block.list, false);
    else if (block.ordered) items(block.ordered, true);
    else if (block.heading) out.push(`${indent}${plain(block.heading)}`);
    else if (block.note) out.push(`${indent}Note: ${plain(block.note)}`);
    else if (block.figure) out.push(`${indent}(Figure not reproduced: ${plain(block.figure)})`);
    else if (block.table) {
      const t = block.table;
      if (t.caption) out.push(`${indent}${plain(t.caption)}`);
      for (const row of [t.columns ?? [], ...(t.rows ?? [])]) out.push(`${indent}${row.map(plain).join(" | ")}`);
    }
  }
  return out;
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
