"""The NSPCC toolkit in Chromium: fill a template, download it (CSV, Markdown, HTML) made in the page, nothing
sent or stored; print to A4 with no field clipped; the training planner by keyboard, and without JavaScript."""

from __future__ import annotations

import csv
import io
import re

import pytest

from .conftest import is_loopback, record

pytestmark = pytest.mark.browser

EARLY_HELP = "toolkit/templates/early-help-intervention-record/"
SERVICES = "toolkit/templates/local-services-information-sheet/"
TEMPLATES = ["toolkit/templates/learning-needs-analysis/", EARLY_HELP, SERVICES, "toolkit/templates/staff-training-record/"]
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
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Section", "Row", "Field", "Value"]
    assert ["Child / Young Person's details", "", "Name", "Alex Example"] in rows
    assert ["Child / Young Person's details", "", "Date of birth", "2014-05-06"] in rows
    assert ["Child / Young Person's details", "", "Current address (inc postcode)", "1 High Street\nTinytown TT1 1TT"] in rows
    assert ["Agency details", "", "Lead Worker", 'Sam "Lead", Worker'] in rows
    assert ["Child / Young Person's Outcomes Plan", "Cannabis Use", "Describe key areas of concern and / or successful outcomes",
            "Less often | weekly <not daily>"] in rows
    assert ["", "", "Agreed date for review meeting", "2025-07-01"] in rows
    assert len(rows) == 1 + 34  # a row per field of the template, filled or not
    # a value that a spreadsheet would run as a formula is written as text
    assert ["Agency details", "", "Name of agency", """'=HYPERLINK("http://example.org")"""] in rows

    name, text = download(page, "markdown")
    assert name.endswith(".md")
    assert text.startswith("# Early Help Intervention Record\n\nFilled in on ")
    assert "Made in the browser from the NSPCC toolkit template." in text
    assert "## Child / Young Person's details" in text
    assert "- **Name:** Alex Example" in text
    assert "- **Current address (inc postcode):** 1 High Street\n  Tinytown TT1 1TT" in text
    assert "| Cannabis Use |  |  | Less often \\| weekly \\<not daily\\> |" in text

    name, text = download(page, "html")
    assert name.endswith(".html") and text.startswith("<!doctype html>")
    assert "<dt>Name</dt><dd>Alex Example</dd>" in text
    assert "Less often | weekly &lt;not daily&gt;" in text and "<script" not in text

    nothing_left_the_origin_or_was_stored(page, server)
    assert "Nothing was sent anywhere" in page.inner_text("#tk-status")


def test_add_a_topic_to_the_local_services_sheet(page, server):
    open_page(page, server, SERVICES)
    page.fill("#tk-local-services-information-sheet-services-advocacy-agency", "Advocacy Service, 2 Road")
    page.click("button.tk-add-row")
    focused = page.evaluate("document.activeElement.id")
    assert focused.endswith("-added-1-topic")
    page.keyboard.type("Allotments")
    page.fill(f"#{focused.removesuffix('-topic')}-2", "Yes")
    _, text = download(page, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert ["", "Advocacy", "Name, postal address, website address of agency", "Advocacy Service, 2 Road"] in rows
    assert ["", "Allotments", "Self-referrals accepted?", "Yes"] in rows
    nothing_left_the_origin_or_was_stored(page, server)


def test_clear_empties_the_form(page, server):
    open_page(page, server, EARLY_HELP)
    fill_early_help(page)
    page.click("button.tk-reset")
    assert page.input_value("#tk-early-help-intervention-record-child-name") == ""
    _, text = download(page, "markdown")
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
        page.goto(server + EARLY_HELP)
        assert page.is_hidden("#tk-actions") and page.is_visible("button.tk-reset")
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
