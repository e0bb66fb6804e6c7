"""The threshold explorer in Debian Chromium: every framework, ticks → level, nothing leaves the page."""

from __future__ import annotations

import json

import pytest

from thresholds import assess
from thresholds.catalog import framework_files, load_file

from ..site.nginx import running_nginx
from .conftest import ROOT, SITE, record, wait_explorer_ready, wait_result

FRAMEWORKS = [load_file(p).framework for p in framework_files(ROOT / "frameworks")]

STORAGE_PROBE = """async () => ({
  local: localStorage.length,
  session: sessionStorage.length,
  cookie: document.cookie,
  idb: (await indexedDB.databases()).length,
  caches: (await caches.keys()).length,
})"""


def pick(fw, rank: int) -> str:
    return next(i.id for i in fw.indicators if fw.rank_of(i.level) == rank)


def panel_rank(page) -> int:
    return int(page.get_attribute("#explorer-result .result", "data-rank"))


def tick(page, indicator_id: str) -> None:
    page.check(f'input[name="indicator"][value="{indicator_id}"]')


@pytest.mark.parametrize("fw", FRAMEWORKS, ids=lambda f: f.id)
def test_explorer_suggests_the_level_the_core_does_and_keeps_everything_in_the_page(page, server, fw):
    page.goto(f"{server}frameworks/{fw.id}/explorer/")
    wait_explorer_ready(page)
    loaded = len(page.requests)

    ticked: list[str] = []
    ranks = sorted({lv.rank for lv in fw.levels if any(i.level == lv.id for i in fw.indicators)})
    for rank in ranks:  # one indicator per level, lowest first: the panel follows the core each time
        ticked.append(pick(fw, rank))
        tick(page, ticked[-1])
        expected = assess(fw, ticked)
        page.wait_for_selector(f'#explorer-result .result[data-rank="{expected.rank}"]', timeout=15_000)
        text = wait_result(page)
        assert expected.level_name in text and expected.level_title in text
        assert "professional judgement" in text
    final = assess(fw, ticked)
    # Any framework, any levels: the panel says "Act now" exactly when the core does (never from rank 4).
    text = page.inner_text("#explorer-result")
    assert ("Act now" in text) == final.act_now
    numbers = [p.number for c in final.contacts for p in c.phones]
    assert all(n in text for n in numbers), "the result shows the numbers to call"

    # No request after load: ticking never touches the network; nothing left the origin at all.
    assert page.requests[loaded:] == []
    assert page.blocked == []
    assert all(url.startswith(server) for url in page.requests)
    assert page.evaluate(STORAGE_PROBE) == {"local": 0, "session": 0, "cookie": "", "idb": 0, "caches": 0}
    assert page.console_errors == [] and page.page_errors == []


def test_checklist_is_there_before_pyodide_and_filter_works(page, server):
    fw = next(f for f in FRAMEWORKS if f.id == "kirklees")
    page.route("**/pyodide/**", lambda route: None)  # hold the runtime back: the checklist must not need it
    page.goto(f"{server}frameworks/{fw.id}/explorer/", wait_until="domcontentloaded")
    assert page.locator('input[name="indicator"]').count() == len(fw.indicators)
    assert page.get_attribute("form#explorer", "data-state") == "loading"
    page.fill("#explorer-filter", "domestic")
    page.wait_for_selector("#explorer-filter-count:not(:empty)")  # the count is announced after typing pauses
    visible = page.locator(".indicator:visible").all_inner_texts()
    assert visible and all("domestic" in v.lower() for v in visible)
    assert str(len(visible)) in page.inner_text("#explorer-filter-count")


def test_clear_and_copy_summary(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = record(context)
    try:
        fw = next(f for f in FRAMEWORKS if f.id == "blackburn-with-darwen")
        page.goto(f"{server}frameworks/{fw.id}/explorer/")
        wait_explorer_ready(page)
        ids = [pick(fw, 3), next(i.id for i in fw.indicators if fw.rank_of(i.level) == 3 and i.id != pick(fw, 3))]
        for i in ids:
            tick(page, i)
        expected = assess(fw, ids)
        page.wait_for_selector(f'#explorer-result .result[data-rank="{expected.rank}"]')
        # The panel links to the framework's own escalation route.
        assert page.locator('#explorer-result a[href="../escalation/"]').count() == 1
        page.click("#explorer-copy")
        page.wait_for_selector("#explorer-status:has-text('copied')")
        summary = page.evaluate("navigator.clipboard.readText()")
        assert fw.authority in summary and fw.edition in summary
        assert expected.level_name in summary and fw.indicator(ids[0]).text in summary
        assert "name:" not in summary.lower(), "the summary has no field for a name"
        assert "Summary made " in summary
        page.click("#explorer-clear")
        assert page.locator('input[name="indicator"]:checked').count() == 0
        assert page.locator("#explorer-result .result[data-rank]").count() == 0
        assert page.evaluate(STORAGE_PROBE)["local"] == 0
        tick(page, ids[0])
        page.wait_for_selector("#explorer-result .result[data-rank]")
        page.click('#explorer-result a[href="../escalation/"]')
        page.wait_for_url("**/frameworks/blackburn-with-darwen/escalation/")
        assert page.inner_text("h1").startswith(f"{fw.authority}:")
    finally:
        context.close()


def test_without_webassembly_it_says_so_and_shows_no_result(browser, server):
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly;")
    page = record(context)
    try:
        fw = next(f for f in FRAMEWORKS if f.id == "kirklees")  # a seed: a new framework may have no rank 4
        page.goto(f"{server}frameworks/{fw.id}/explorer/")
        page.wait_for_selector('form#explorer[data-state="unavailable"]', timeout=10_000)
        status = page.inner_text("#explorer-status")
        assert "cannot run" in status.lower()
        tick(page, pick(fw, 4))
        page.wait_for_timeout(500)
        assert page.locator("#explorer-result .result[data-rank]").count() == 0, "never a wrong or partial result"
        assert page.is_checked(f'input[value="{pick(fw, 4)}"]'), "the checklist stays usable"
    finally:
        context.close()


def test_explorer_runs_under_the_shipped_nginx_csp(browser, tmp_path):
    with running_nginx(SITE, tmp_path) as url:
        context = browser.new_context()
        page = record(context)
        try:
            csp_headers = []
            page.on("response", lambda r: csp_headers.append(r.headers.get("content-security-policy"))
                    if r.url.endswith("/explorer/") else None)
            page.goto(f"{url}/frameworks/kirklees/explorer/")
            wait_explorer_ready(page)
            assert csp_headers and "'wasm-unsafe-eval'" in csp_headers[0]
            fw = next(f for f in FRAMEWORKS if f.id == "kirklees")
            tick(page, pick(fw, 4))
            page.wait_for_selector('#explorer-result .result[data-rank="4"]')
            assert page.blocked == [] and page.console_errors == [], (page.blocked, page.console_errors)
        finally:
            context.close()


def test_site_json_is_the_validated_framework(site_dir):
    for fw in FRAMEWORKS:
        data = json.loads((site_dir / "data" / f"{fw.id}.json").read_text(encoding="utf-8"))
        assert [i["id"] for i in data["indicators"]] == [i.id for i in fw.indicators]
