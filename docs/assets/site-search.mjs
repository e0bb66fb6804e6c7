// Site search: Pagefind's index (built by macros/search_index.py into /pagefind/), read a fragment at
// a time, so a search fetches tens of kilobytes however many authorities the site holds.
//
// Results from the authority the reader came from (?authority=Name, written by the header's link on a
// framework's pages) come first; choosing an authority keeps to its pages. Everything is fetched from
// this site's own origin. The query is never put in the address or stored: it may describe a child.

const root = document.getElementById("site-search");
const input = document.getElementById("site-search-input");
const authoritySelect = document.getElementById("site-search-authority");
const status = document.getElementById("site-search-status");
const list = document.getElementById("site-search-results");

const MAX_RESULTS = 20;
const DEBOUNCE_MS = 250;
const siteRoot = new URL("../", import.meta.url); // this file is <site>/assets/site-search.mjs
const from = new URLSearchParams(location.search).get("authority") || "";

let pagefind = null;
let latest = 0; // each search's number: only the newest one may write the results

function say(text) {
  status.textContent = text;
}

// An excerpt is Pagefind's text with <mark> around the words found. Only those two kinds of node are
// copied into the page: nothing in an indexed page can become markup here.
function excerptNodes(excerpt) {
  const template = document.createElement("template");
  template.innerHTML = excerpt;
  const out = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.localName === "mark") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

function resultItem(data) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.className = "site-search__title";
  link.href = data.url; // a path from the origin, under baseUrl (the site's folder)
  link.textContent = data.meta.title || data.url;
  item.append(link);
  const authority = (data.filters.authority || [])[0];
  if (authority) {
    const tag = document.createElement("span");
    tag.className = "site-search__authority";
    tag.textContent = authority;
    item.append(tag);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "site-search__excerpt";
  excerpt.append(excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

// The results in order: the chosen authority's only; otherwise the reader's own authority's first,
// then everyone else's (two searches: each loads only the index fragments it needs, once).
async function ordered(term, chosen) {
  if (chosen) {
    return (await pagefind.search(term, { filters: { authority: chosen } })).results;
  }
  const everything = (await pagefind.search(term)).results;
  if (!from) return everything;
  const own = (await pagefind.search(term, { filters: { authority: from } })).results;
  const first = new Set(own.map((r) => r.id));
  return [...own, ...everything.filter((r) => !first.has(r.id))];
}

async function run() {
  const number = ++latest;
  const term = input.value.trim();
  const chosen = authoritySelect.value;
  if (!term) {
    list.replaceChildren();
    say("Type a word or two to search.");
    return;
  }
  const results = await ordered(term, chosen);
  const shown = await Promise.all(results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (number !== latest) return; // a newer search has started
  list.replaceChildren(...shown.map(resultItem));
  const where = chosen ? ` in ${chosen}` : from ? ` (${from} first)` : "";
  const count = results.length === 1 ? "1 result" : `${results.length} results`;
  const more = results.length > MAX_RESULTS ? `; the first ${MAX_RESULTS} are shown` : "";
  say(results.length ? `${count} for “${term}”${where}${more}.` : `No results for “${term}”${where}.`);
}

let timer = 0;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(() => run().catch(failed), DEBOUNCE_MS);
}

function failed(error) {
  root.dataset.state = "unavailable";
  say("Search is not available: its index could not be loaded. The list of authorities leads to every page.");
  console.error(error);
}

async function start() {
  say("Loading search…");
  pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
  await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
  const filters = await pagefind.filters();
  const names = Object.keys(filters.authority || {}).sort((a, b) => a.localeCompare(b, "en"));
  for (const name of names) {
    authoritySelect.append(new Option(name, name));
  }
  input.disabled = false;
  authoritySelect.disabled = false;
  input.addEventListener("input", soon);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(timer);
      run().catch(failed);
    }
  });
  authoritySelect.addEventListener("change", () => run().catch(failed));
  root.dataset.state = "ready";
  say(from ? `Type a word or two to search. Results from ${from} come first.` : "Type a word or two to search.");
  input.focus();
}

start().catch(failed);
