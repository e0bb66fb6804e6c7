"""The NSPCC toolkit in Chromium: fill a template, download it (Word .docx, CSV) made in the page, nothing
sent or stored; print to A4 with no field clipped; clearing asks first; the training planner by keyboard, its
"start a training record" link, and both without JavaScript."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from .conftest import is_loopback, record

pytestmark = pytest.mark.browser

EARLY_HELP = "toolkit/templates/early-help-intervention-record/"
SERVICES = "toolkit/templates/local-services-information-sheet/"
RECORD = "toolkit/templates/staff-training-record/"
CHILD = "toolkit/templates/written-agreement-child/"
FAMILY = "toolkit/templates/written-agreement-family/"
TEMPLATES = ["toolkit/templates/learning-needs-analysis/", EARLY_HELP, SERVICES, RECORD, CHILD, FAMILY]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PLANNER = "toolkit/planner/"
A4_CONTENT_WIDTH_PX = round((210 - 2 * 12) / 25.4 * 96)  # A4 less the 12 mm side margins of @page, in CSS px (703)

LONG = ("A long note that must wrap inside its box rather than run off the edge of the printed page, "
        "written twice. " * 2).strip()


def open_page(page, server, path):
    page.goto(server + path)
    page.wait_for_selector("#tk-actions:not([hidden])")  # the module script has run


def nothing_left_the_origin_or_was_stored(page, server):
    assert page.blocked == []
    assert all(is_loopback(u) or u.startswith(("blob:" + server.rstrip("/"), "data:")) for u in page.requests), page.requests
    assert all(u.startswith(server) or u.startswith(("blob:", "data:")) for u in page.requests)
    storage = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
        idb: (await indexedDB.databases()).length })""")
    assert storage == {"local": 0, "session": 0, "cookie": "", "idb": 0}
    assert page.console_errors == [] and page.page_errors == []


def download(page, action: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(f'#tk-actions button[data-action="{action}"]')
    dl = info.value
    return dl.suggested_filename, open(dl.path(), encoding="utf-8-sig").read()


def download_docx(page) -> tuple[str, list[str], zipfile.ZipFile]:
    """The .docx made in the page: its name, its paragraphs' text (table cells included), and the package."""
    with page.expect_download() as info:
        page.click('#tk-actions button[data-action="docx"]')
    dl = info.value
    package = zipfile.ZipFile(dl.path())
    assert package.testzip() is None  # every entry's CRC is right
    names = set(package.namelist())
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} <= names
    types = ET.fromstring(package.read("[Content_Types].xml"))
    assert any(o.get("PartName") == "/word/document.xml" and o.get("ContentType", "").endswith("document.main+xml")
               for o in types)
    rels = ET.fromstring(package.read("_rels/.rels"))
    assert [r.get("Target") for r in rels] == ["word/document.xml"]
    document = ET.fromstring(package.read("word/document.xml"))
    assert document.tag == f"{W}document"
    paragraphs = ["".join((el.text or "") if el.tag == f"{W}t" else "\n" for el in p.iter() if el.tag in (f"{W}t", f"{W}br"))
                  for p in document.iter(f"{W}p")]
    size = document.find(f"{W}body/{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4
    return dl.suggested_filename, paragraphs, package


def csv_blocks(text: str) -> list[list[list[str]]]:
    """The CSV's blocks (a header row, then one row per entry), split at the blank rows between them."""
    blocks: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text)):
        if not row:
            blocks.append([])
        else:
            blocks[-1].append(row)
    return [b for b in blocks if b]


def fill_early_help(page):
    page.fill("#tk-early-help-intervention-record-child-name", "Alex Example")
    page.fill("#tk-early-help-intervention-record-child-dob", "2014-05-06")
    page.fill("#tk-early-help-intervention-record-child-address", "1 High Street\nTinytown TT1 1TT")
    page.fill("#tk-early-help-intervention-record-lead-worker", 'Sam "Lead", Worker')
    page.fill("#tk-early-help-intervention-record-outcomes-cannabis-concerns", "Less often | weekly <not daily>")
    page.fill("#tk-early-help-intervention-record-review-date", "2025-07-01")
    page.fill("#tk-early-help-intervention-record-agency-name", '=HYPERLINK("http://example.org")')


def test_fill_a_template_and_download_it_made_in_the_page(page, server):
    open_page(page, server, EARLY_HELP)
    fill_early_help(page)

    name, text = download(page, "csv")
    assert re.fullmatch(r"early-help-intervention-record-\d{4}-\d{2}-\d{2}\.csv", name)
    blocks = csv_blocks(text)
    child = blocks[0]  # one row for the section's fields, under a header of their labels
    assert child[0] == ["Section", "Name", "Date of birth", "Current address (inc postcode)", "Phone number", "Email address"]
    assert child[1:] == [["Child / Young Person's details", "Alex Example", "06/05/2014", "1 High Street\nTinytown TT1 1TT", "", ""]]
    agency = next(b for b in blocks if b[1][0] == "Agency details")
    assert agency[1][1:3] == ['Sam "Lead", Worker', """'=HYPERLINK("http://example.org")"""]  # a formula is made text
    outcomes = next(b for b in blocks if b[0][1] == "Issue")  # one row per issue of the outcomes plan
    assert [r[1] for r in outcomes[1:]] == ["Self esteem and confidence", "Involvement in crime / ASB", "Cannabis Use",
                                            "Risky behaviours", "Other"]
    assert outcomes[3] == ["Child / Young Person's Outcomes Plan", "Cannabis Use", "", "", "Less often | weekly <not daily>"]
    last = blocks[-1]
    assert last[0][-1] == "Agreed date for review meeting" and last[1][-1] == "01/07/2025"  # UK dates
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", cell) for b in blocks for r in b for cell in r)

    name, paragraphs, _ = download_docx(page)
    assert re.fullmatch(r"early-help-intervention-record-\d{4}-\d{2}-\d{2}\.docx", name)
    assert paragraphs[0] == "Early Help Intervention Record"
    assert re.fullmatch(r"Filled in on \d{1,2} [A-Z][a-z]+ \d{4}\. Made in the browser from the NSPCC toolkit template\.",
                        paragraphs[1])
    assert "Alex Example" in paragraphs and "6 May 2014" in paragraphs and "1 July 2025" in paragraphs
    assert "1 High Street\nTinytown TT1 1TT" in paragraphs  # a line break in a cell, not a lost line
    assert "Less often | weekly <not daily>" in paragraphs

    nothing_left_the_origin_or_was_stored(page, server)
    assert "Nothing was sent anywhere" in page.inner_text("#tk-status")


def test_written_agreement_with_a_child_filled_in_and_downloaded_for_word(page, server):
    open_page(page, server, CHILD)
    assert "They will meet nine times." in page.inner_text("section.tk-worked-example")  # the source's example
    page.fill("#tk-written-agreement-child-child", "Jo")
    page.fill("#tk-written-agreement-child-worker", "Sam & <Alex>")
    page.fill("#tk-written-agreement-child-when-where", "Tuesdays after school, 4pm, in the play room")
    page.fill("#tk-written-agreement-child-how-many", "six times")
    page.fill("#tk-written-agreement-child-signed-1-name", "Jo")
    page.fill("#tk-written-agreement-child-signed-1-date", "2026-09-01")
    _, paragraphs, package = download_docx(page)
    assert paragraphs[0] == "Written agreement with a child"
    i = paragraphs.index("This is an agreement between")
    assert paragraphs[i + 1:i + 5] == ["Child's name", "Jo", "Worker's name", "Sam & <Alex>"]
    assert "Tuesdays after school, 4pm, in the play room" in paragraphs and "six times" in paragraphs
    j = paragraphs.index("Signed")
    assert paragraphs[j + 1:j + 5] == ["Name", "Date", "Jo", "1 September 2026"]
    assert "They will meet nine times." not in paragraphs  # the example is not part of the record
    assert b"Sam &amp; &lt;Alex&gt;" in package.read("word/document.xml")
    nothing_left_the_origin_or_was_stored(page, server)


def test_the_planner_starts_a_training_record_for_the_role(page, server):
    page.goto(server + PLANNER)
    page.wait_for_selector("#tk-planner-controls:not([hidden])")
    page.select_option("#tk-planner-select", label="trustees")
    link = page.locator("#plan-level-4 a[data-record]")
    assert link.inner_text() == "Start a training record for trustees"
    courses = page.eval_on_selector_all("#plan-level-4 h3 + ul > li", "lis => lis.map(li => li.textContent.replace(/\\s+/g, ' ').trim())")
    assert len(courses) == 29
    link.click()
    page.wait_for_selector("#tk-actions:not([hidden])")
    assert page.url == server + RECORD  # the role travelled in the fragment, which is then taken out of the address
    assert page.input_value("#tk-staff-training-record-post") == "trustees"
    rows = page.eval_on_selector_all("#tk-staff-training-record-mandatory tbody tr td:first-child textarea",
                                     "inputs => inputs.map(i => i.value)")
    assert rows == courses
    assert "Started a training record for trustees" in page.inner_text("#tk-status")
    page.fill("#tk-staff-training-record-name", "A Trustee")
    page.fill("#tk-staff-training-record-start-post", "2023-09-01")
    page.fill("#tk-staff-training-record-mandatory-1-date", "2024-01-31")

    _, text = download(page, "csv")
    blocks = csv_blocks(text)
    assert blocks[0][0][:3] == ["Section", "Name of staff member or volunteer", "Title of post/role"]
    assert blocks[0][1][1:5] == ["A Trustee", "trustees", "", "01/09/2023"]
    mandatory = blocks[1]
    assert mandatory[0] == ["Section", "Entry", "Mandatory training", "Date"]
    assert len(mandatory) == 1 + 29  # one row per course, not per field
    assert mandatory[1] == ["Mandatory training", "1", courses[0], "31/01/2024"]
    assert [r[2] for r in mandatory[1:]] == courses

    _, paragraphs, _ = download_docx(page)
    assert paragraphs[0] == "Staff training record sheet"
    assert "A Trustee" in paragraphs and "trustees" in paragraphs and "1 September 2023" in paragraphs
    k = paragraphs.index(courses[0])
    assert paragraphs[k + 1] == "31 January 2024"
    assert all(c in paragraphs for c in courses)
    nothing_left_the_origin_or_was_stored(page, server)


def test_add_a_topic_to_the_local_services_sheet(page, server):
    open_page(page, server, SERVICES)
    page.fill("#tk-local-services-information-sheet-services-advocacy-agency", "Advocacy Service, 2 Road")
    page.click("button.tk-add-row")
    focused = page.evaluate("document.activeElement.id")
    assert focused.endswith("-added-1-topic")
    page.keyboard.type("Allotments")
    page.fill(f"#{focused.removesuffix('-topic')}-2", "Yes")
    _, text = download(page, "csv")
    (topics,) = csv_blocks(text)  # one block: a row per topic
    assert topics[0] == ["Section", "Topic", "Name, postal address, website address of agency",
                         "Contact details of agency (email address, phone number)", "Self-referrals accepted?",
                         "Other information (eg criteria, type of support, referral route)"]
    assert len(topics) == 1 + 36 + 1
    assert topics[1] == ["", "Advocacy", "Advocacy Service, 2 Road", "", "", ""]
    assert topics[-1] == ["", "Allotments", "", "", "Yes", ""]
    nothing_left_the_origin_or_was_stored(page, server)


def test_clear_asks_first_then_empties_the_form(page, server):
    open_page(page, server, EARLY_HELP)
    fill_early_help(page)
    name = "#tk-early-help-intervention-record-child-name"
    page.click("button.tk-reset")
    assert page.is_visible("#tk-confirm") and page.evaluate("document.activeElement.id") == "tk-confirm-title"
    page.click("#tk-confirm .tk-confirm-no")
    assert page.input_value(name) == "Alex Example" and page.is_hidden("#tk-confirm")
    assert page.evaluate("document.activeElement.classList.contains('tk-reset')")
    page.click("button.tk-reset")
    page.keyboard.press("Escape")
    assert page.input_value(name) == "Alex Example" and page.is_hidden("#tk-confirm")
    page.click("button.tk-reset")
    page.click("#tk-confirm .tk-confirm-yes")
    assert page.input_value(name) == ""
    assert page.input_value("#tk-early-help-intervention-record-child-dob") == ""
    page.wait_for_function("document.getElementById('tk-status').textContent.includes('cleared')")
    _, text = download(page, "csv")
    assert "Alex Example" not in text


@pytest.mark.parametrize("path", TEMPLATES)
def test_print_to_a4_clips_no_field(page, server, path):
    open_page(page, server, path)
    for area in page.query_selector_all("form.tk-template textarea")[:3]:
        area.fill(LONG)
    for box in page.query_selector_all("form.tk-template input[type=text]")[:3]:
        box.fill(LONG[:60])
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert re.search(rb"/MediaBox \[0 0 59[45](?:\.\d+)? 84[12](?:\.\d+)?\]", pdf), "A4 pages"
    # Lay the page out at the printed width and check every field sits inside it.
    page.set_viewport_size({"width": A4_CONTENT_WIDTH_PX, "height": 1100})
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    clipped = page.evaluate("""(width) => [...document.querySelectorAll('form.tk-template input, form.tk-template textarea')]
        .map((el) => { const r = el.getBoundingClientRect(); return {id: el.id, left: r.left, right: r.right, w: r.width}; })
        .filter((r) => r.left < 0 || r.right > width + 0.5 || r.w < 40)""", A4_CONTENT_WIDTH_PX)
    assert clipped == [], clipped[:5]
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_CONTENT_WIDTH_PX
    hidden = page.evaluate("""() => [...document.querySelectorAll('.tk-actions, .tk-reset, .md-sidebar')]
        .filter((el) => getComputedStyle(el).display !== 'none').length""")
    assert hidden == 0  # buttons and navigation are not printed
    # A filled date prints in UK form, whatever the browser's own date format.
    dates = page.query_selector_all("form.tk-template input[type=date]")
    if dates:
        dates[0].fill("2023-09-01")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        shown = dates[0].evaluate("d => [getComputedStyle(d).display, getComputedStyle(d.nextElementSibling).display, d.nextElementSibling.textContent]")
        assert shown == ["none", "block", "1 September 2023"]
    assert page.console_errors == [] and page.page_errors == []


def test_training_planner_by_keyboard(page, server):
    page.goto(server + PLANNER)
    page.wait_for_selector("#tk-planner-controls:not([hidden])")
    visible = lambda: page.eval_on_selector_all("section.tk-plan", "els => els.filter(e => !e.hidden).map(e => e.dataset.level)")  # noqa: E731
    assert visible() == ["level-1", "level-2", "level-3", "level-4"]
    # Tab to the chooser, then the arrow keys move through the options.
    page.focus("body")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "tk-planner-select":
            break
    assert page.evaluate("document.activeElement.id") == "tk-planner-select"
    page.keyboard.press("ArrowDown")
    assert visible() == ["level-1"]
    assert "Level 1: 6 competencies and 10 training content elements" in page.inner_text("#tk-planner-status")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert visible() == ["level-3"]
    assert "22 competencies and 27 training content elements" in page.inner_text("#tk-planner-status")
    # A role shows its level.
    page.select_option("#tk-planner-select", label="trustees")
    assert visible() == ["level-4"]
    status = page.inner_text("#tk-planner-status")
    assert status.startswith("trustees: Level 4") and "34 competencies and 29 training content elements" in status
    plan = page.inner_text("#plan-level-4")
    assert "Alert to potential indicators of abuse or neglect" in plan  # a Level 1 competency, cumulative
    assert "Legal context of safeguarding for trustees (trustees only)" in plan
    page.select_option("#tk-planner-select", value="")
    assert len(visible()) == 4
    assert page.console_errors == [] and page.page_errors == []


def test_planner_and_templates_work_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = record(context)
        page.goto(server + PLANNER)
        assert page.is_hidden("#tk-planner-controls")
        assert all(page.is_visible(f"#plan-level-{n}") for n in range(1, 5))
        assert page.is_visible("#plan-level-4 a[data-record]")  # the record link still opens the (blank) record
        page.goto(server + EARLY_HELP)
        assert page.is_hidden("#tk-actions") and page.is_hidden("button.tk-reset")  # no clearing without asking
        page.fill("#tk-early-help-intervention-record-child-name", "Typed without JavaScript")
        assert page.input_value("#tk-early-help-intervention-record-child-name") == "Typed without JavaScript"
        assert page.blocked == []
    finally:
        context.close()


@pytest.mark.parametrize("path, table", [("toolkit/training-content/", "table.tk-matrix"),
                                         ("toolkit/learning/", "table.tk-methods"),
                                         ("toolkit/business-plan/", "table.tk-business")])
def test_tables_fit_a4_printed(page, server, path, table):
    page.goto(server + path)
    page.emulate_media(media="print")
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.set_viewport_size({"width": A4_CONTENT_WIDTH_PX, "height": 1100})
    right = page.eval_on_selector(table, "t => t.getBoundingClientRect().right")
    assert right <= A4_CONTENT_WIDTH_PX + 0.5
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_CONTENT_WIDTH_PX
    if table == "table.tk-matrix":  # every row and all four level columns are there, the ticks readable
        assert page.eval_on_selector_all(f"{table} tbody tr", "rows => rows.length") == 30
        widths = page.eval_on_selector_all(f"{table} thead th", "ths => ths.map(th => th.getBoundingClientRect().width)")
        assert len(widths) == 5 and min(widths[1:]) >= 50
