// Toolkit templates filled in in the browser: print, or download for Word (.docx) or a spreadsheet (.csv).
// The form is plain HTML and works without this script (fill in and print with the browser).
// Files are made in the page (Blob + object URL + <a download>): nothing is sent, nothing is stored —
// no cookies, localStorage, sessionStorage or IndexedDB. Closing the tab forgets what was typed.

const form = globalThis.document?.getElementById("tk-template");
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

  // "Clear the form" asks first, in the page: focus moves to the question, Escape or "No" keeps the form.
  const clear = form.querySelector("button.tk-reset");
  const confirmBox = document.getElementById("tk-confirm");
  if (clear && confirmBox) {
    const closeConfirm = (focusBack) => { confirmBox.hidden = true; if (focusBack) clear.focus(); };
    clear.hidden = false;
    clear.addEventListener("click", () => {
      confirmBox.hidden = false;
      confirmBox.querySelector("#tk-confirm-title")?.focus();
    });
    confirmBox.querySelector(".tk-confirm-yes")?.addEventListener("click", () => {
      closeConfirm(false);
      form.reset();
      clear.focus();
    });
    confirmBox.querySelector(".tk-confirm-no")?.addEventListener("click", () => { closeConfirm(true); say("Nothing was cleared."); });
    confirmBox.addEventListener("keydown", (event) => { if (event.key === "Escape") { closeConfirm(true); say("Nothing was cleared."); } });
  }

  // Text areas grow with what is typed, so nothing is hidden on screen or on paper.
  const size = (area) => { area.style.height = "auto"; area.style.height = `${area.scrollHeight + 2}px`; };
  const sizeAll = () => form.querySelectorAll("textarea").forEach(size);
  form.addEventListener("input", (event) => { if (event.target.matches("textarea")) size(event.target); });
  // Empty dates are marked so that print shows a blank line rather than the date format; a filled date is
  // printed in UK form (1 September 2023) whatever the browser's own date format.
  const markDates = () => form.querySelectorAll('input[type="date"]').forEach((d) => {
    d.toggleAttribute("data-empty", !d.value);
    let shown = d.nextElementSibling;
    if (!shown?.classList.contains("tk-date-print")) {
      shown = document.createElement("span");
      shown.className = "tk-date-print";
      shown.setAttribute("aria-hidden", "true"); // the input itself is what assistive technology reads
      d.after(shown);
    }
    shown.textContent = ukDate(d.value, "long");
  });
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
    const iso = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
    const action = button.dataset.action;
    // File names keep the sortable year-month-day; everything inside the files is in UK form.
    if (action === "print") {
      sizeAll();
      markDates();
      window.print();
    } else if (action === "docx") {
      save(`${id}-${iso}.docx`, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        toDocx(record, ukDate(iso, "long"), from));
    } else if (action === "csv") {
      save(`${id}-${iso}.csv`, "text/csv;charset=utf-8", toCsv(record));
    }
  });
  if (actions) actions.hidden = false;

  function save(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], { type }));
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
  function addRow(button, focus = true) {
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
      else control.rows = sample?.rows || 2;
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
    if (focus) {
      first?.focus();
      say(`Added a ${fixed ? "topic" : "row"}.`);
    }
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
        if (control) section.fields.push({ label: control.dataset.label || "", value: control.value, date: control.type === "date" });
      }
      for (const table of element.querySelectorAll("table.tk-form-table")) {
        const fixed = table.dataset.kind === "fixed";
        const headers = [...table.tHead.rows[0].cells].map((th) => clean(th.textContent));
        const rows = [];
        for (const tr of table.tBodies[0].rows) {
          const labelInput = tr.querySelector("input[data-row-label]");
          const th = tr.querySelector("th[scope=row]");
          const label = fixed ? (labelInput ? labelInput.value : clean(th?.textContent ?? "")) : "";
          const controls = [...tr.querySelectorAll("td input, td textarea")];
          const values = controls.map((c) => c.value);
          const dates = controls.map((c) => c.type === "date");
          if (!fixed && values.every((v) => !v.trim())) continue; // blank entry rows are left out
          if (labelInput && !label.trim() && values.every((v) => !v.trim())) continue;
          rows.push({ label, values, dates });
        }
        section.tables.push({ fixed, headers, columns: fixed ? headers.slice(1) : headers, rows });
      }
      sections.push(section);
    }
    return { title, sections };
  }

  // A link from the training planner fills the record in: #level=…&role=…&course=…&course=…
  // (a fragment never reaches a server). It is read once and taken out of the address.
  prefill();
  function prefill() {
    if (!location.hash.includes("=")) return;
    const params = new URLSearchParams(location.hash.slice(1));
    const role = params.get("role");
    const courses = params.getAll("course").filter((c) => c.trim());
    history.replaceState(null, "", location.pathname + location.search);
    if (!role && !courses.length) return;
    const post = form.querySelector("input[data-label='Title of post/role']");
    if (post && role) post.value = role;
    const table = form.querySelector("table.tk-form-table[data-kind='entries']");
    if (table && courses.length) {
      const button = form.querySelector(`button.tk-add-row[data-table="${table.id}"]`);
      while (button && table.tBodies[0].rows.length < courses.length) addRow(button, false);
      const firsts = [...table.tBodies[0].rows].map((tr) => tr.querySelector("td input, td textarea"));
      courses.forEach((course, i) => { if (firsts[i]) firsts[i].value = course; });
    }
    sizeAll();
    markDates();
    const level = params.get("level") || "";
    say(`Started a training record${role ? ` for ${role}` : ""}${level ? ` (${level})` : ""} from the training planner, `
      + `with ${courses.length} training content elements to date when done. Nothing was sent anywhere.`);
  }
}

// ---- Dates: UK form (1 September 2023, or 01/09/2023 in a spreadsheet) ----
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];
export function ukDate(value, style = "long") {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  if (!m) return String(value);
  const [, y, mo, d] = m;
  if (Number(mo) < 1 || Number(mo) > 12) return String(value);
  return style === "short" ? `${d}/${mo}/${y}` : `${Number(d)} ${MONTHS[Number(mo) - 1]} ${y}`;
}

const clean = (text) => text.replace(/\s+/g, " ").trim();

// ---- CSV (RFC 4180; a byte order mark so spreadsheet programs read UTF-8) ----
// One row per entry: a section's fields are one row (a header row of their labels above it); a table gives one
// row per course, topic or entry (its columns as the header). Blocks are separated by a blank row.
function csvCell(value) {
  let text = String(value);
  // A cell starting like a formula would run as one in a spreadsheet: make it text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const shown = (value, isDate, style) => (isDate ? ukDate(value, style) : value);
export function toCsv(record) {
  const blocks = [];
  for (const section of record.sections) {
    if (section.fields.length) {
      blocks.push([["Section", ...section.fields.map((f) => f.label)],
        [section.title, ...section.fields.map((f) => shown(f.value, f.date, "short"))]]);
    }
    for (const t of section.tables) {
      const rows = [["Section", t.fixed ? t.headers[0] : "Entry", ...t.columns]];
      t.rows.forEach((r, i) => rows.push([section.title, t.fixed ? r.label : String(i + 1),
        ...t.columns.map((_, j) => shown(r.values[j] ?? "", r.dates?.[j], "short"))]));
      blocks.push(rows);
    }
  }
  const lines = [];
  blocks.forEach((rows, i) => {
    if (i) lines.push("");
    for (const r of rows) lines.push(r.map(csvCell).join(","));
  });
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

// ---- Word (.docx): a minimal WordprocessingML package, zipped here with stored (uncompressed) entries ----
function xml(text) {
  // Escape, and drop characters XML 1.0 cannot carry (control characters other than tab and newlines).
  return String(text).replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}
function run(text, { bold = false, size = 0 } = {}) {
  const props = (bold ? "<w:b/>" : "") + (size ? `<w:sz w:val="${size}"/>` : "");
  const lines = String(text).split(/\r?\n/);
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}`
    + lines.map((line, i) => (i ? "<w:br/>" : "") + `<w:t xml:space="preserve">${xml(line)}</w:t>`).join("") + "</w:r>";
}
const para = (text, opts = {}) => `<w:p>${opts.style ? `<w:pPr><w:pStyle w:val="${opts.style}"/></w:pPr>` : ""}${run(text, opts)}</w:p>`;
const BORDER = ["top", "left", "bottom", "right", "insideH", "insideV"]
  .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>`).join("");
function wordTable(header, rows) {
  const cell = (text, bold) => `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${para(text, { bold })}</w:tc>`;
  const tr = (cells, bold, isHeader) => `<w:tr>${isHeader ? "<w:trPr><w:tblHeader/></w:trPr>" : ""}`
    + cells.map((c, i) => cell(c, bold || (bold === null && i === 0))).join("") + "</w:tr>";
  return `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${BORDER}</w:tblBorders>`
    + `<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>`
    + `<w:tblGrid>${header.map(() => "<w:gridCol/>").join("")}</w:tblGrid>`
    + (header.length ? tr(header, true, true) : "")
    + rows.map((r) => tr(r, null, false)).join("") + "</w:tbl><w:p/>";
}
export function documentXml(record, stamp = "", from = "the template") {
  const body = [para(record.title, { style: "Title" })];
  if (stamp) body.push(para(`Filled in on ${stamp}. Made in the browser from ${from}.`));
  for (const section of record.sections) {
    if (section.title) body.push(para(section.title, { style: "Heading1" }));
    if (section.fields.length) {
      body.push(wordTable([], section.fields.map((f) => [f.label, shown(f.value, f.date, "long")])));
    }
    for (const t of section.tables) {
      const rows = t.rows.map((r) => [...(t.fixed ? [r.label] : []), ...r.values.map((v, j) => shown(v, r.dates?.[j], "long"))]);
      body.push(wordTable(t.headers, rows.length ? rows : [t.headers.map(() => "")]));
    }
  }
  // A4 with 2 cm margins.
  const page = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" '
    + 'w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>';
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    + `<w:body>${body.join("")}${page}</w:body></w:document>`;
}
const STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
  + '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="22"/>'
  + '<w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>'
  + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
  + '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
  + '<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>'
  + '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
  + '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>'
  + "</w:styles>";
const DOCX_PARTS = {
  "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    + '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    + "</Types>",
  "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    + "</Relationships>",
  "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    + "</Relationships>",
  "word/styles.xml": STYLES,
};
export function toDocx(record, stamp = "", from = "the template") {
  return zipStored({ ...DOCX_PARTS, "word/document.xml": documentXml(record, stamp, from) });
}

// ---- ZIP with stored entries (no compression, so no library): local headers, central directory, end record ----
let CRC_TABLE = null;
function crc32(bytes) {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
export function zipStored(files) {
  const encoder = new TextEncoder();
  const chunks = [];
  const central = [];
  let offset = 0;
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (2020 - 1980) << 9 | 1 << 5 | 1; // a fixed date: the file carries no clue of when it was made
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = encoder.encode(name);
    const data = encoder.encode(text);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed
    local.setUint16(6, 0x0800, true); // UTF-8 names
    local.setUint16(8, 0, true); // stored
    local.setUint16(10, DOS_TIME, true);
    local.setUint16(12, DOS_DATE, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    local.setUint16(28, 0, true);
    chunks.push(new Uint8Array(local.buffer), nameBytes, data);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(4, 20, true);
    entry.setUint16(6, 20, true);
    entry.setUint16(8, 0x0800, true);
    entry.setUint16(10, 0, true);
    entry.setUint16(12, DOS_TIME, true);
    entry.setUint16(14, DOS_DATE, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, data.length, true);
    entry.setUint32(24, data.length, true);
    entry.setUint16(28, nameBytes.length, true);
    entry.setUint32(42, offset, true);
    central.push(new Uint8Array(entry.buffer), nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, Object.keys(files).length, true);
  end.setUint16(10, Object.keys(files).length, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  const parts = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of parts) { out.set(c, at); at += c.length; }
  return out;
}
