"""The threshold explorer in Debian Chromium: every framework, ticks → level, nothing leaves the page.

The result stays in view at phone and desktop sizes, the danger question leads to numbers to tap, the
filter understands abbreviations and plain words, printing gives a short record, and nothing ticked
survives leaving the page (back/forward cache included) or can be submitted with JavaScript off."""

from __future__ import annotations

import json
import re

import pytest

from thresholds import assess
from thresholds.catalog import framework_files, load_file

from ..site.nginx import running_nginx
from .conftest import ROOT, SITE, in_ci, record, wait_explorer_ready, wait_result
from .test_print import contains, pdf_pages, pdf_text, pdftotext, plain, squash  # noqa: F401 - pdftotext is a fixture

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
    page.check(f'input.indicator-box[value="{indicator_id}"]')


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
    assert page.locator("input.indicator-box").count() == len(fw.indicators)
    assert page.get_attribute("form#explorer", "data-state") == "loading"
    page.fill("#explorer-filter", "domestic")
    page.wait_for_selector("#explorer-filter-count:not(:empty)")  # the count is announced after typing pauses
    visible = page.locator(".indicator:visible").all_inner_texts()
    literal = [i.text for i in fw.indicators if "domestic" in i.text.lower()]
    assert literal and len(literal) <= len(visible) < len(fw.indicators)
    assert all(any(html_text in v for v in visible) for html_text in literal)
    assert str(len(visible)) in page.inner_text("#explorer-filter-count")
    # The danger question and its act-now card work before the engine loads.
    assert not page.is_visible("#act-now")
    page.check("#danger-yes")
    assert page.is_visible('#act-now a[href="tel:999"]')


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
        assert "Made " in summary and "Uncontrolled when printed" in summary
        others = [i for i in fw.indicators if i.id not in ids and i.text not in " ".join(fw.indicator(x).text for x in ids)]
        assert not [i.id for i in others if i.text in summary], "the summary holds only the ticked indicators"
        # Remove in the list of ticks unticks that indicator.
        page.click(f'#explorer-result button[data-untick="{ids[0]}"]')
        page.wait_for_selector("#explorer-summary .summary-count:text-is('1 tick')")
        assert not page.is_checked(f'input.indicator-box[value="{ids[0]}"]')
        page.click("#explorer-clear")
        assert page.locator("input.indicator-box:checked").count() == 0
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


# Every framework the site was built with, read back from the site's own JSON: a new framework is tested too.
def _site_frameworks():
    from thresholds.model import framework_from_dict

    # One per explorer page (data/ holds other files too, such as the concerns index).
    ids = sorted(p.parent.parent.name for p in SITE.glob("frameworks/*/explorer/index.html"))
    return [framework_from_dict(json.loads((SITE / "data" / f"{i}.json").read_text(encoding="utf-8")), file=f"{i}.json")
            for i in ids]


SITE_FRAMEWORKS = _site_frameworks()
VIEWPORTS = [(390, 844), (1280, 900)]
LIVE_LIMIT = 300

# Plain words a practitioner might type, with an indicator each should find whose own words do not
# include the typed word (seed-specific; a framework not listed gets checks derived from its data).
PLAIN_WORDS = {
    "blackburn-with-darwen": {"hitting": "health-4-01", "drugs": "parenting-capacity-2-04", "missing school": "education-2-01"},
    "kent-and-medway": {"hungry": "development-1-07", "money": "family-1-02"},
    "kirklees": {"hitting": "health-4-01", "dirty": "health-2-06", "missing school": "education-2-01"},
    "norfolk": {"hitting": "presenting-needs-4-04", "grooming": "s47-criteria-4-16", "left alone": "s47-criteria-4-14"},
    "worcestershire": {"hitting": "domestic-abuse-4-04", "homeless": "housing-4-01", "left alone": "neglect-4-01"},
}

IN_VIEW = """(selector) => {
  const top = document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0;
  return [...document.querySelectorAll(selector)].some((el) => {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.top < top - 1 || r.bottom > innerHeight + 1 || r.left < 0 || r.right > innerWidth + 1) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === el || el.contains(hit));  // on screen and not covered
  });
}"""

LIVE_TEXTS = """() => [...document.querySelectorAll('[aria-live], [role=status], [role=alert]')]
  .map((el) => el.textContent.trim())"""


def in_view(page, selector: str) -> bool:
    return page.evaluate(IN_VIEW, selector)


def wait_count(page, n: int) -> None:
    label = f"{n} tick" + ("" if n == 1 else "s")
    page.wait_for_selector(f"#explorer-summary .summary-count:text-is('{label}')", timeout=15_000)


def visible_ids(page) -> set[str]:
    return set(page.eval_on_selector_all(".indicator:not([hidden]) input.indicator-box", "els => els.map((e) => e.value)"))


def filter_for(page, text: str) -> set[str]:
    page.fill("#explorer-filter", text)
    return visible_ids(page)


def test_site_frameworks_are_all_the_frameworks():
    assert {f.id for f in SITE_FRAMEWORKS} == {f.id for f in FRAMEWORKS}


def _act_now_ids(fw) -> list[str]:
    return [i.id for i in fw.indicators if assess(fw, [i.id]).act_now]


def _quiet_ids(fw) -> list[str]:
    return [i.id for i in fw.indicators if not assess(fw, [i.id]).act_now]


def print_problems(page, fw, ticked: list[str], pdf) -> list[str]:
    """Print the page to A4 PDF; list what is wrong with it as a record of these ticks."""
    page.pdf(path=str(pdf), format="A4", print_background=True)
    problems = []
    pages = pdf_pages(pdf)
    if not 1 <= pages <= 2:
        problems.append(f"printed on {pages} pages")
    text = pdf_text(pdf)
    if "Uncontrolled when printed" not in text.replace("\n", " ") or not contains(text, fw.edition):
        problems.append("no edition or 'uncontrolled when printed'")
    problems += [f"ticked {i} missing" for i in ticked if not contains(text, plain(fw.indicator(i).text))]
    # Text the record itself says (an explanation may quote an indicator's words) is not a leak.
    said = squash(" ".join(plain(fw.indicator(i).text) for i in ticked) + page.inner_text("#explorer-record")
                  + page.inner_text("h1") + page.inner_text(".framework-meta"))
    leaked = [i.id for i in fw.indicators if i.id not in ticked and squash(plain(i.text)) not in said
              and contains(text, plain(i.text))]
    if leaked:
        problems.append(f"{len(leaked)} unticked indicators printed, e.g. {leaked[:3]}")
    return problems


def test_print_and_view_checkers_catch_a_printed_checklist_and_an_off_screen_summary(browser, server, pdftotext, tmp_path):
    fw = next(f for f in SITE_FRAMEWORKS if f.id == "kirklees")
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = record(context)
    try:
        page.goto(f"{server}frameworks/{fw.id}/explorer/")
        wait_explorer_ready(page)
        ticked = [_quiet_ids(fw)[0]]
        tick(page, ticked[0])
        wait_count(page, 1)
        assert in_view(page, "#explorer-summary .summary-line")
        assert print_problems(page, fw, ticked, tmp_path / "good.pdf") == []
        # Broken on purpose: the summary no longer sticks, and the checklist prints.
        page.add_style_tag(content=".explorer-summary { position: static !important; }"
                                   "@media print { .explorer-layout { display: block !important; } }")
        page.evaluate("window.scrollTo(0, 0)")
        assert not in_view(page, "#explorer-summary .summary-line")
        problems = print_problems(page, fw, ticked, tmp_path / "bad.pdf")
        assert any("pages" in p for p in problems) and any("unticked" in p for p in problems), problems
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
@pytest.mark.parametrize("fw", SITE_FRAMEWORKS, ids=lambda f: f.id)
def test_result_stays_in_view_and_prints_a_short_record(browser, server, pdftotext, tmp_path, fw, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = record(context)
    try:
        page.goto(f"{server}frameworks/{fw.id}/explorer/")
        wait_explorer_ready(page)
        quiet, urgent = _quiet_ids(fw), _act_now_ids(fw)
        assert urgent, f"{fw.id}: no indicator leads to act-now"
        # Any tick, near the top and half way down: the summary line is on screen, the live line short.
        chosen = [quiet[0], quiet[len(quiet) // 2]] if len(quiet) > 1 else quiet[:1]
        for n, indicator_id in enumerate(chosen, 1):
            tick(page, indicator_id)
            wait_count(page, n)
            assert in_view(page, "#explorer-summary .summary-line"), f"after ticking {indicator_id} the summary is off screen"
            assert max(map(len, page.evaluate(LIVE_TEXTS))) <= LIVE_LIMIT
            expected = assess(fw, chosen[:n])
            assert expected.level_name in page.inner_text("#explorer-summary")
        # An act-now tick, the last in the list: a tel: link is on screen without scrolling back.
        tick(page, urgent[-1])
        ticked = [*chosen, urgent[-1]]
        wait_count(page, len(ticked))
        assert page.get_attribute("#explorer-summary .summary", "data-act-now") == "true"
        assert in_view(page, '#explorer-summary a[href^="tel:"]'), "after an act-now tick no number to tap is on screen"
        assert in_view(page, "#explorer-summary .summary-line")
        # Who each number reaches is shown whole: "(Professionals)" and "(Members of the public)" were
        # cut to "Norfolk County Council Cu…" on a phone.
        clipped = page.evaluate("""() => [...document.querySelectorAll('#explorer-summary .call-name')]
            .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
            .map((el) => el.textContent)""")
        assert clipped == [], f"call names cut short in the summary: {clipped}"
        live = page.evaluate(LIVE_TEXTS)
        assert max(map(len, live)) <= LIVE_LIMIT, live
        assert page.inner_text("#explorer-live").startswith("Act now")
        shot = tmp_path / f"{fw.id}-{viewport[0]}.png"
        page.screenshot(path=str(shot))

        # Print: one or two A4 pages, the ticked indicators and no other.
        assert print_problems(page, fw, ticked, tmp_path / "record.pdf") == []
        assert page.console_errors == [] and page.page_errors == [] and page.blocked == []
    finally:
        context.close()


# Ticks in a busy case. Before the compact record (each level named once, tighter print spacing),
# 3 of the 5 frameworks printed 20 ticks on 3 pages.
BUSY_CASE = 20


@pytest.mark.parametrize("fw", SITE_FRAMEWORKS, ids=lambda f: f.id)
def test_a_busy_case_still_prints_on_one_or_two_pages(browser, server, pdftotext, tmp_path, fw):
    """Twenty ticks spread over the checklist (every indicator, in a smaller framework) print on one
    or two A4 pages, with every ticked indicator and no other."""
    ticked = [i.id for i in fw.indicators[:: max(1, len(fw.indicators) // BUSY_CASE)][:BUSY_CASE]]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = record(context)
    try:
        page.goto(f"{server}frameworks/{fw.id}/explorer/")
        wait_explorer_ready(page)
        for indicator_id in ticked:
            tick(page, indicator_id)
        wait_count(page, len(ticked))
        assert print_problems(page, fw, ticked, tmp_path / "busy.pdf") == []
        assert page.console_errors == [] and page.page_errors == [] and page.blocked == []
    finally:
        context.close()


@pytest.mark.parametrize("fw", SITE_FRAMEWORKS, ids=lambda f: f.id)
def test_filter_finds_abbreviations_and_plain_words(page, server, fw):
    from thresholds.search import indicator_terms, normalise
    from thresholds.vocabulary import load as load_vocabulary, vocabulary_file

    page.route("**/pyodide/**", lambda route: route.abort())  # the filter needs no engine
    page.goto(f"{server}frameworks/{fw.id}/explorer/", wait_until="domcontentloaded")
    # Abbreviations from the framework's glossary: typing the words finds the indicators that abbreviate them.
    checked = 0
    for g in fw.glossary:
        if not g.get("abbreviation"):
            continue
        using = {i.id for i in fw.indicators if re.search(r"(?<!\w)" + re.escape(g["term"]) + r"(?!\w)", i.text)}
        if not using:
            continue
        shown = filter_for(page, g["definition"])
        assert using <= shown, f"{g['definition']!r} does not find the indicators saying {g['term']!r}"
        checked += 1
        if checked == 3:
            break
    # Plain words: the seed's own list, or for a new framework the first plain word its terms give.
    expectations = dict(PLAIN_WORDS.get(fw.id, {}))
    if not expectations:
        vocabulary = load_vocabulary(vocabulary_file(ROOT / "frameworks"))
        for entry in vocabulary:
            word = entry.words[0]
            hits = [i.id for i in fw.indicators if f" {normalise(word)}" in " " + indicator_terms(fw, i, vocabulary)
                    and f" {normalise(word)}" not in " " + normalise(i.text)]
            if hits:
                expectations[word] = hits[0]
                break
    for word, indicator_id in expectations.items():
        assert word.split()[0] not in fw.indicator(indicator_id).text.lower(), "the word must be a synonym, not the text"
        shown = filter_for(page, word)
        assert indicator_id in shown, f"{word!r} does not find {indicator_id}"
        assert len(shown) < len(fw.indicators), f"{word!r} finds everything"
        page.wait_for_selector(f"#explorer-filter-count:has-text('{len(shown)} of {len(fw.indicators)}')")
    assert filter_for(page, "zzqx") == set()  # negative: nonsense finds nothing
    assert filter_for(page, "") == {i.id for i in fw.indicators}


def test_worcestershire_domestic_finds_what_says_da(page, server):
    fw = next((f for f in SITE_FRAMEWORKS if f.id == "worcestershire"), None)
    if fw is None:  # a build of other frameworks (THRESHOLDS_SITE_DIR); the seeds are always in CI's build
        if in_ci():
            pytest.fail("no Worcestershire in this build: CI builds the seed frameworks", pytrace=False)
        pytest.skip("no Worcestershire in this build")
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto(f"{server}frameworks/{fw.id}/explorer/", wait_until="domcontentloaded")
    says_da = {i.id for i in fw.indicators if re.search(r"\bDA\b", i.text)}
    assert says_da and says_da <= filter_for(page, "domestic")
    assert {i.id for i in fw.indicators if "domestic abuse" in i.text.lower()} <= filter_for(page, "DA")


def test_with_javascript_off_nothing_can_be_submitted_and_the_danger_card_works(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = record(context)
    try:
        fw = FRAMEWORKS[0]
        url = f"{server}frameworks/{fw.id}/explorer/"
        page.goto(url)
        ids = [pick(fw, 2), pick(fw, 4)]
        for i in ids:
            tick(page, i)
        page.fill("#explorer-filter", "health")
        page.focus("#explorer-filter")
        page.keyboard.press("Enter")  # implicit submission: the default button is disabled, the CSP allows none
        page.wait_for_timeout(500)
        assert page.url == url, page.url
        assert all(i not in r for r in page.requests for i in ids), "no request carries a ticked id"
        assert page.console_errors == [], "not even an attempt to submit (the CSP would report it)"
        # The danger question works as plain HTML: "Yes" shows the card with numbers to tap.
        assert not page.is_visible("#act-now")
        page.check("#danger-yes")
        assert page.is_visible('#act-now a[href="tel:999"]')
    finally:
        context.close()


PAGESHOWS = "window.__pageshows = []; addEventListener('pageshow', (e) => window.__pageshows.push(e.persisted));"


def test_ticks_do_not_survive_back_with_the_back_forward_cache_on(browser, server):
    # Playwright turns the cache off by default; this browser keeps it on, as a shared computer's would.
    from tests.chromium import CHROMIUM, CHROMIUM_ARGS

    cached = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                         ignore_default_args=["--disable-back-forward-cache"])
    try:
        context = cached.new_context()
        context.add_init_script(PAGESHOWS)
        page = context.new_page()
        fw = next(f for f in FRAMEWORKS if f.id == "kirklees")
        page.goto(f"{server}frameworks/{fw.id}/explorer/")
        wait_explorer_ready(page)
        page.check("#danger-yes")
        page.fill("#explorer-filter", "health")
        tick(page, pick(fw, 4))
        wait_count(page, 1)
        page.click('#explorer-result a[href="../contacts/"]')
        page.wait_for_url("**/contacts/")
        page.go_back(wait_until="commit")  # a page restored from the cache fires no "load"
        page.wait_for_url("**/explorer/", wait_until="commit")
        page.wait_for_function("document.readyState === 'complete' && (window.__pageshows || []).length > 0")
        page.wait_for_timeout(200)  # the restored page's pageshow, if there is one
        assert page.evaluate("window.__pageshows") == [False, True], "the page did not come back from the back/forward cache"
        assert page.locator("input.indicator-box:checked").count() == 0
        assert page.locator('input[name="danger"]:checked').count() == 0
        assert page.locator("#explorer-result .result[data-rank]").count() == 0
        assert page.get_attribute("#explorer-summary .summary", "data-rank") == "0"
        assert page.input_value("#explorer-filter") == ""
        assert page.inner_text("#explorer-live") == ""
        assert "Nothing is ticked" in page.inner_text("#explorer-record")
    finally:
        cached.close()


# The theme's scripts wait for the explorer (overrides/main.html, explorer.js loadThemeScripts) ------------

THEME_STARTED = """() => new Promise((resolve) => {
  if (!window.document$) return resolve(false);  // the bundle has not run
  const subscription = window.document$.subscribe(() => resolve(true));  // it has seen DOMContentLoaded
  setTimeout(() => { subscription.unsubscribe(); resolve(false); }, 1000);
})"""


def _bundle_requests(page) -> list[str]:
    return [u for u in page.requests if re.search(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$", u)]


def test_the_theme_scripts_wait_until_the_explorer_is_ready_then_start(page, server):
    page.goto(server + "frameworks/kirklees/explorer/")
    wait_explorer_ready(page)
    for _ in range(100):  # (polled: the page's CSP forbids the eval wait_for_function needs)
        if page.evaluate(THEME_STARTED):
            break
        page.wait_for_timeout(50)
    assert page.evaluate(THEME_STARTED), "Material's bundle did not start after the explorer was ready"
    assert len(_bundle_requests(page)) == 1 and page.locator("template#theme-scripts").count() == 0
    assert not page.page_errors, page.page_errors


def test_while_the_explorer_loads_the_theme_scripts_wait_unless_the_reader_reaches_for_the_header(page, server):
    held = []
    page.route("**/pyodide/**", lambda route: held.append(route))  # the runtime never arrives: it stays loading
    page.goto(server + "frameworks/kirklees/explorer/")
    page.wait_for_selector('form#explorer[data-state="loading"]', state="attached")
    page.wait_for_timeout(300)
    assert not _bundle_requests(page) and page.evaluate("window.document$ === undefined")
    assert page.get_attribute("form#explorer", "data-network") is None, "too slow to tell: loading was already slow"
    reached = page.evaluate("performance.now()")
    page.locator(".md-header").dispatch_event("pointerdown")
    for _ in range(100):
        if page.evaluate(THEME_STARTED):
            break
        page.wait_for_timeout(50)
    assert page.evaluate(THEME_STARTED), "reaching for the header did not start the theme's scripts"
    requested = page.evaluate("""() => performance.getEntriesByType("resource")
        .find((e) => /javascripts\\/bundle\\./.test(e.name)).startTime""")
    assert requested - reached < 1000, "the theme's scripts came with the slow-loading fallback, not the header"
    assert page.get_attribute("form#explorer", "data-state") == "loading"
    assert len(_bundle_requests(page)) == 1


def test_other_pages_run_the_theme_scripts_as_the_theme_does(site_dir):
    levels = (site_dir / "frameworks" / "kirklees" / "levels" / "index.html").read_text(encoding="utf-8")
    explorer = (site_dir / "frameworks" / "kirklees" / "explorer" / "index.html").read_text(encoding="utf-8")
    bundle = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
    assert bundle.search(levels) and 'id="theme-scripts"' not in levels
    template = re.search(r'<template id="theme-scripts">(.*?)</template>', explorer, re.S)
    assert template and bundle.search(template.group(1)) and len(bundle.findall(explorer)) == 1
