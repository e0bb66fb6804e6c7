// Toolkit templates filled in in the browser: print, or download as Markdown, CSV or HTML.
// The form is plain HTML and works without this script (fill in and print with the browser).
// Files are made in the page (Blob + object URL + <a download>): nothing is sent, nothing is stored —
// no cookies, localStorage, sessionStorage or IndexedDB. Closing the tab forgets what was typed.

const form = document.getElementById("tk-template");
if (form) start(form);

function start(form) {
  const status = document.getElementById("tk-status");
  const actions = document.getElementById("tk-actions");
  const title = form.dataset.title || document.title;
  const id = form.dataset.template || "template";
  const from = form.dataset.toolkit ? `the ${form.dataset.toolkit} template` : "the template";
  const say = (text) => { if (status) status.textContent = text; };

  form.addEventListener("submit", (event) => event.preventDefault()); // nothing is ever submitted
  form.addEventListener("reset", () => {
    for (const row of form.querySelectorAll("tr[data-added]")) row.remove();
    setTimeout(() => { sizeAll(); markDates(); say("The form is cleared."); }, 0);
  });

  // Text areas grow with what is typed, so nothing is hidden on screen or on paper.
  const size = (area) => { area.style.height = "auto"; area.style.height = `${area.scrollHeight + 2}px`; };
  const sizeAll = () => form.querySelectorAll("textarea").forEach(size);
  form.addEventListener("input", (event) => { if (event.target.matches("textarea")) size(event.target); });
  // Empty dates are marked so that print shows a blank line rather than the date format.
  const markDates = () => form.querySelectorAll('input[type="date"]').forEach((d) => { d.toggleAttribute("data-empty", !d.value); });
  form.addEventListener("input", markDates);
  form.addEventListener("change", markDates);
  window.addEventListener("beforeprint", () => { sizeAll(); markDates(); });
  markDates();

  for (const button of form.querySelectorAll("button.tk-add-row")) {
    button.hidden = false;
    button.addEventListener("click", () => addRow(button));
  }

  actions?.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const record = collect();
    const now = new Date(); // the local date, as the user reads it
    const stamp = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
    const action = button.dataset.action;
    if (action === "print") {
      sizeAll();
      window.print();
    } else if (action === "markdown") {
      save(`${id}-${stamp}.md`, "text/markdown;charset=utf-8", toMarkdown(record, stamp, from));
    } else if (action === "csv") {
      save(`${id}-${stamp}.csv`, "text/csv;charset=utf-8", toCsv(record));
    } else if (action === "html") {
      save(`${id}-${stamp}.html`, "text/html;charset=utf-8", toHtml(record, stamp, from));
    }
  });
  if (actions) actions.hidden = false;

  function save(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    say(`Made ${name} on this computer. Nothing was sent anywhere.`);
  }

  // A table with fixed rows (e.g. topics) gets a row whose label is typed in; a table of entries, a blank row.
  function addRow(button) {
    const table = document.getElementById(button.dataset.table);
    const body = table?.tBodies[0];
    if (!body) return;
    const fixed = table.dataset.kind === "fixed";
    const n = body.querySelectorAll("tr[data-added]").length + 1;
    const rowKey = fixed ? `added-${n}` : String(body.rows.length + 1);
    const columns = [...table.tHead.rows[0].cells].slice(fixed ? 1 : 0).map((th) => th.textContent.trim());
    const samples = [...body.rows[0].querySelectorAll("td input, td textarea")]; // one per column
    const row = document.createElement("tr");
    row.dataset.added = "";
    row.dataset.rowId = rowKey;
    let first = null;
    if (fixed) {
      const th = document.createElement("th");
      th.scope = "row";
      const input = field("input", `${table.id}-${rowKey}-topic`, `New ${button.textContent.replace(/^Add an? /, "")} ${n}`);
      input.type = "text";
      input.dataset.rowLabel = "";
      th.append(input.label, input);
      row.append(th);
      first = input;
    }
    columns.forEach((column, i) => {
      const sample = samples[i];
      const tag = sample?.tagName === "TEXTAREA" ? "textarea" : "input";
      const control = field(tag, `${table.id}-${rowKey}-${i}`, fixed ? `New topic ${n}: ${column}` : `${column}, row ${rowKey}`);
      if (tag === "input") control.type = sample?.type || "text";
      else control.rows = 3;
      control.dataset.column = column;
      control.dataset.label = column;
      const section = table.closest("[data-section]")?.dataset.section;
      if (section) control.dataset.section = section;
      if (!fixed) control.dataset.row = rowKey;
      const td = document.createElement("td");
      td.append(control.label, control);
      row.append(td);
      first ??= control;
    });
    body.append(row);
    first?.focus();
    say(`Added a ${fixed ? "topic" : "row"}.`);
  }

  function field(tag, fieldId, labelText) {
    const control = document.createElement(tag);
    control.id = fieldId;
    control.name = fieldId;
    const label = document.createElement("label");
    label.className = "tk-vh";
    label.htmlFor = fieldId;
    label.textContent = labelText;
    control.label = label;
    return control;
  }

  // The record, read from the form as it stands: sections of fields and tables, in page order.
  function collect() {
    const sections = [];
    for (const element of form.querySelectorAll(".tk-section")) {
      const section = { title: element.dataset.section || "", fields: [], tables: [] };
      for (const wrap of element.querySelectorAll(".tk-field")) {
        const control = wrap.querySelector("input, textarea");
        if (control) section.fields.push({ label: control.dataset.label || "", value: control.value });
      }
      for (const table of element.querySelectorAll("table.tk-form-table")) {
        const fixed = table.dataset.kind === "fixed";
        const headers = [...table.tHead.rows[0].cells].map((th) => clean(th.textContent));
        const rows = [];
        for (const tr of table.tBodies[0].rows) {
          const labelInput = tr.querySelector("input[data-row-label]");
          const th = tr.querySelector("th[scope=row]");
          const label = fixed ? (labelInput ? labelInput.value : clean(th?.textContent ?? "")) : "";
          const values = [...tr.querySelectorAll("td input, td textarea")].map((c) => c.value);
          if (!fixed && values.every((v) => !v.trim())) continue; // blank entry rows are left out
          if (labelInput && !label.trim() && values.every((v) => !v.trim())) continue;
          rows.push({ label, values });
        }
        section.tables.push({ fixed, headers, columns: fixed ? headers.slice(1) : headers, rows });
      }
      sections.push(section);
    }
    return { title, sections };
  }
}

const clean = (text) => text.replace(/\s+/g, " ").trim();

// ---- Markdown ----
function mdText(text) {
  return String(text).replace(/([\\`*_[\]<>|#])/g, "\\$1");
}
function mdCell(text) {
  return mdText(text).replace(/\r?\n/g, "<br>");
}
export function toMarkdown(record, stamp = "", from = "the template") {
  const out = [`# ${mdText(record.title)}`, ""];
  if (stamp) out.push(`Filled in on ${stamp}. Made in the browser from ${mdText(from)}.`, "");
  for (const section of record.sections) {
    if (section.title) out.push(`## ${mdText(section.title)}`, "");
    for (const f of section.fields) {
      const lines = String(f.value).split(/\r?\n/);
      out.push(`- **${mdText(f.label)}:** ${mdText(lines[0])}`);
      for (const line of lines.slice(1)) out.push(`  ${mdText(line)}`);
    }
    if (section.fields.length) out.push("");
    for (const t of section.tables) {
      out.push(`| ${t.headers.map(mdCell).join(" | ")} |`);
      out.push(`| ${t.headers.map(() => "---").join(" | ")} |`);
      for (const r of t.rows) {
        const cells = t.fixed ? [r.label, ...r.values] : r.values;
        out.push(`| ${cells.map(mdCell).join(" | ")} |`);
      }
      out.push("");
    }
  }
  return out.join("\n");
}

// ---- CSV (RFC 4180; a byte order mark so spreadsheet programs read UTF-8) ----
function csvCell(value) {
  let text = String(value);
  // A cell starting like a formula would run as one in a spreadsheet: make it text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
export function toCsv(record) {
  const rows = [["Section", "Row", "Field", "Value"]];
  for (const section of record.sections) {
    for (const f of section.fields) rows.push([section.title, "", f.label, f.value]);
    for (const t of section.tables) {
      t.rows.forEach((r, i) => {
        t.columns.forEach((column, j) => rows.push([section.title, t.fixed ? r.label : String(i + 1), column, r.values[j] ?? ""]));
      });
    }
  }
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

// ---- HTML (a standalone document: no scripts, everything escaped) ----
function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
const multiline = (text) => esc(text).replace(/\r?\n/g, "<br>");
export function toHtml(record, stamp = "", from = "the template") {
  const body = [`<h1>${esc(record.title)}</h1>`];
  if (stamp) body.push(`<p class="meta">Filled in on ${esc(stamp)}. Made in the browser from ${esc(from)}.</p>`);
  for (const section of record.sections) {
    if (section.title) body.push(`<h2>${esc(section.title)}</h2>`);
    if (section.fields.length) {
      body.push("<dl>" + section.fields.map((f) => `<dt>${esc(f.label)}</dt><dd>${multiline(f.value) || "&nbsp;"}</dd>`).join("") + "</dl>");
    }
    for (const t of section.tables) {
      const head = t.headers.map((h) => `<th scope="col">${esc(h)}</th>`).join("");
      const rows = t.rows.map((r) => "<tr>" + (t.fixed ? `<th scope="row">${esc(r.label)}</th>` : "")
        + r.values.map((v) => `<td>${multiline(v)}</td>`).join("") + "</tr>").join("");
      body.push(`<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`);
    }
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(record.title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; }
th, td { border: 1px solid #999; padding: .3rem; text-align: left; vertical-align: top; }
dt { font-weight: 700; } dd { margin: 0 0 .6rem; }
.meta { color: #555; }
@media print { @page { size: A4; margin: 15mm 12mm; } body { margin: 0; max-width: none; } }
</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
