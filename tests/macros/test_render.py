"""Render functions on the small fixture: what each page says, escaped, accessible, linked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import markdown
import pytest

from macros import render
from macros.pages import framework_pages
from thresholds.catalog import load_file

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "tiny.yaml"


@pytest.fixture(scope="module")
def fw():
    return load_file(FIXTURE).framework


def to_html(md: str) -> str:
    """Render as MkDocs would (same extensions), to check the Markdown/HTML mix survives."""
    return markdown.markdown(md, extensions=["attr_list", "admonition", "toc"])


def test_every_page_starts_with_a_heading_naming_the_authority(fw):
    pages = [
        render.overview(fw, [("levels/", "Levels")]), render.levels_page(fw),
        render.indicators_page(fw, "level-2"), render.consent_page(fw), render.escalation_page(fw),
        render.contacts_page(fw), render.glossary_page(fw), render.guidance_page(fw), render.changes_page(fw),
        render.explorer_page(fw),
    ]
    for md in pages:
        first = md.splitlines()[0]
        assert first.startswith("# Tinytown: "), first
        assert to_html(md).startswith("<h1")


def test_markup_in_framework_text_is_escaped_everywhere(fw):
    for md in (render.indicators_page(fw, "level-3"), render.explorer_page(fw)):
        html = to_html(md)
        assert "<b>reported</b>" not in html
        assert "&lt;b&gt;reported&lt;/b&gt; &amp; repeated" in html


def test_heading_text_cannot_inject_markdown_or_html():
    html = to_html(render.md_heading(2, "A *b* [c](javascript:x) <i>d</i> #e"))
    assert "<em>" not in html and "<a" not in html and "<i>" not in html
    assert "A *b* [c](javascript:x) &lt;i&gt;d&lt;/i&gt; #e" in html


def test_indicator_page_groups_by_domain_with_ids(fw):
    html = to_html(render.indicators_page(fw, "level-2"))
    assert re.search(r'<h2 id="health">Health</h2>', html)
    assert re.search(r'<h2 id="home">Home &amp; family</h2>', html)
    assert 'id="health-2-01"' in html and 'id="home-2-01"' in html
    assert "health-3-01" not in html  # other levels stay on their own page


def test_contacts_have_tel_and_mailto_links(fw):
    html = to_html(render.contacts_page(fw))
    assert '<a href="tel:01234567890">01234 567890</a>' in html
    assert 'Out of hours: <a href="tel:01234000000">' in html
    assert '<a href="mailto:front.door@example.org">' in html


def test_escalation_is_an_ordered_list_of_steps(fw):
    html = to_html(render.escalation_page(fw))
    steps = re.search(r'<ol class="steps" id="disagree-steps">(.*?)</ol>', html, re.S).group(1)
    assert steps.count("<li>") == 2
    assert "<dt>Who</dt><dd>Practitioner</dd>" in steps and "<dt>When</dt><dd>Within 2 working days</dd>" in steps


def test_review_notice_only_when_overdue(fw):
    assert "Review overdue" not in render.overview(fw, [], today=dt.date(2099, 3, 1))
    assert "Review overdue" in render.overview(fw, [], today=dt.date(2099, 3, 2))


def test_overview_shows_levels_at_a_glance_and_who_to_call_now(fw):
    html = to_html(render.overview(fw, [("levels/", "Levels and responses")]))
    assert html.count('<tr class="rank-') == 4
    assert "Worried a child is at risk of significant harm?" in html and 'href="tel:999"' in html


def test_overview_says_so_when_the_act_now_level_gives_no_number(fw):
    no_phones = dataclasses.replace(fw, contacts=tuple(dataclasses.replace(c, phones=()) for c in fw.contacts))
    html = to_html(render.overview(no_phones, []))
    assert "guidance gives no referral number" in html and 'href="tel:999"' in html
    assert "guidance gives no referral number" not in to_html(render.overview(fw, []))


def test_explorer_checklist_is_plain_html_with_a_label_per_checkbox(fw):
    html = to_html(render.explorer_page(fw))
    boxes = re.findall(r'<input type="checkbox" class="indicator-box" id="([^"]+)" value="([^"]+)">', html)
    assert len(boxes) == len(fw.indicators)
    for box_id, _value in boxes:
        assert f'<label for="{box_id}">' in html
    assert 'aria-live="polite"' in html and 'role="status"' in html
    assert "Nothing is saved or sent" in html
    # No URLs in the form, and nothing that starts the engine in the body: that is the head's job.
    assert re.search(r'<form id="explorer" data-state="loading" autocomplete="off">', html)
    assert "data-worker-url" not in html and "<script" not in html and "preload" not in html


def test_explorer_head_names_the_engine_urls_on_a_classic_page_script():
    head = render.explorer_head("../assets/explorer/explorer.js", "../data/a&b.json", "../pyodide/v-1/",
                                "../assets/explorer/worker.mjs")
    # A plain script (not async, not a module): it runs before the body is parsed.
    assert head == ('<script src="../assets/explorer/explorer.js" data-framework-url="../data/a&amp;b.json" '
                    'data-pyodide-url="../pyodide/v-1/" data-worker-url="../assets/explorer/worker.mjs"></script>')


def test_explorer_form_can_never_submit_a_tick(fw):
    html = to_html(render.explorer_page(fw))
    form = html[html.index('<form id="explorer"'):html.index("</form>")]
    assert re.search(r"<form[^>]*\b(action|method)=", form) is None
    # A control is only ever submitted under a name: no checkbox, radio or filter inside the form has one.
    assert re.findall(r"<(?:input|select|textarea|button)[^>]*\bname=", form) == []
    # The danger question sits outside the form, so its answer has no form to go with.
    assert html.index('id="danger-yes"') < html.index('<form id="explorer"')
    # Negative: the check above does see a name.
    assert re.findall(r"<(?:input)[^>]*\bname=", '<input type="checkbox" name="indicator">')


def test_explorer_danger_card_is_on_the_page_with_numbers_and_999(fw):
    html = to_html(render.explorer_page(fw))
    card = html[html.index('id="act-now"'):]
    card = card[:card.index('<p class="danger-link">')]
    assert 'href="tel:01234567890"' in card and 'href="tel:999"' in card
    assert "What to do now" in card and "gives no referral number" not in card


def test_explorer_danger_card_says_when_the_framework_gives_no_number(fw):
    from dataclasses import replace
    bare = replace(fw, contacts=tuple(replace(c, phones=()) for c in fw.contacts))
    html = to_html(render.explorer_page(bare))
    assert "Tinytown&#x27;s guidance gives no referral number: call 999" in html
    assert 'href="tel:999"' in html and 'href="tel:0' not in html


def test_explorer_indicators_carry_their_search_terms_escaped(fw):
    from thresholds.search import PlainWords
    words = [PlainWords(("hurt", "r&r \"quoted\""), ("injur",))]
    html = to_html(render.explorer_page(fw, vocabulary=words))
    terms = {i: t for t, i in re.findall(r'data-terms="([^"]*)"><input type="checkbox" class="indicator-box" id="i-([^"]+)"', html)}
    assert len(terms) == len(fw.indicators)
    assert "hurt" in terms["home-4-01"]  # "Injury with no explanation" is found by a plain word
    assert "hurt" not in terms["health-1-01"]
    assert "r&amp;r" in terms["home-4-01"]  # escaped in the attribute, which stays well formed
    assert "health" in terms["health-1-01"]  # the domain's name


def test_compare_page_puts_each_framework_in_its_own_words(fw):
    html = to_html(render.compare_page([fw]))
    assert "Tinytown" in html
    for lv in fw.levels:
        assert f'levels/#{lv.id}"><strong>{lv.name}</strong>' in html


def test_each_framework_gets_its_pages_without_markdown(fw):
    paths = [p.path for p in framework_pages(fw)]
    assert paths[0] == "frameworks/tiny/index.md"
    assert {"frameworks/tiny/indicators/level-1.md", "frameworks/tiny/indicators/level-4.md",
            "frameworks/tiny/explorer.md", "frameworks/tiny/contacts.md"} <= set(paths)


# ------------------------------------------------------------------------------- honest pages (issue 12)

CHECKED_ON = dt.date(2026, 12, 1)  # the day the five frameworks' age was counted by hand, below


def test_age_notice_appears_on_exactly_the_frameworks_it_should():
    from thresholds.catalog import load_all

    root = Path(__file__).resolve().parents[2] / "frameworks"
    frameworks = {x.framework.id: x.framework for x in load_all(root)}
    shown = {fid for fid, fw in frameworks.items() if "age-notice" in render.overview(fw, [], today=CHECKED_ON)}
    # Blackburn with Darwen and Worcestershire: "Undated". Kirklees: August 2016. Kent and Medway: April 2012, review
    # due January 2014. Norfolk: "2023 Edition", less than three years before 1 December 2026 (counted from the end of 2023).
    expected = {"blackburn-with-darwen", "worcestershire", "kirklees", "kent-and-medway"}
    five = expected | {"norfolk"}  # the rule was counted on these five; a framework added later is not judged here
    assert five <= set(frameworks)
    assert shown & five == expected
    words = {fid: to_html(render.overview(fw, [], today=CHECKED_ON)) for fid, fw in frameworks.items()}
    assert "Undated." in words["blackburn-with-darwen"] and "Undated." in words["worcestershire"]
    assert "More than 3 years old.</strong> This edition is from August 2016." in words["kirklees"]
    assert "Review overdue.</strong> This guidance was due for review in January 2014." in words["kent-and-medway"]
    # Each of the four refers to a Safeguarding Children Board or an LSCB: the notice says boards are gone.
    for fid in expected:
        assert "replaced by local safeguarding children partnerships in 2019" in words[fid], fid
        # On the overview the "call now" box comes first, then the notice.
        assert words[fid].index("act-now") < words[fid].index("age-notice"), fid
    # A board that no longer exists is not who to check with.
    assert "Check with the Worcestershire safeguarding children partnership" in words["worcestershire"]
    # The same rule puts it on Norfolk once 2023 is more than three years ago.
    assert "age-notice" in render.overview(frameworks["norfolk"], [], today=dt.date(2027, 1, 1))
    assert "age-notice" not in render.overview(frameworks["norfolk"], [], today=dt.date(2026, 12, 31))


def test_age_rule_counts_from_the_last_day_a_date_can_mean(fw):
    undated = dataclasses.replace(fw, published="", edition="Undated", review_date="")
    assert render.edition_date(undated) == "" and "Undated." in render.age_notice(undated, CHECKED_ON)
    from_edition = dataclasses.replace(fw, published="", edition="2023 Edition", review_date="")
    assert render.edition_date(from_edition) == "2023"
    assert not render.too_old(from_edition, dt.date(2026, 12, 31)) and render.too_old(from_edition, dt.date(2027, 1, 1))
    month = dataclasses.replace(fw, published="2016-08", review_date="")
    assert not render.too_old(month, dt.date(2019, 8, 31)) and render.too_old(month, dt.date(2019, 9, 1))
    assert render.age_notice(dataclasses.replace(fw, review_date=""), dt.date(2025, 6, 1)) == ""  # recent: no notice
    # The fixture's text names no board, so its notice does not mention them.
    assert "2019" not in render.age_notice(undated, CHECKED_ON)


def test_every_page_says_it_is_a_transcription_and_when_it_was_checked(fw):
    checked = dataclasses.replace(fw, source={"document": "Tinytown Threshold Guide", "checked": "2026-12-01",
                                              "websites": ["www.example.org"]})
    for md in (render.overview(checked, []), render.levels_page(checked), render.indicators_page(checked, "level-2"),
               render.changes_page(checked)):
        html = to_html(md)
        assert "transcribed from <cite>Tinytown Threshold Guide</cite>" in html
        assert "Checked against the document on 1 December 2026." in html
        assert '<a href="https://www.example.org"' in html


def test_transcriber_notes_are_on_the_editions_page_not_the_overview(fw):
    noted = dataclasses.replace(fw, source={"document": "Guide", "notes": "The flow chart did not survive."})
    assert "The flow chart did not survive." not in render.overview(noted, [("changes/", "Editions and amendments")])
    assert 'href="changes/">Editions and amendments</a>' in render.overview(noted, [("changes/", "Editions and amendments")])
    assert "The flow chart did not survive." in render.changes_page(noted)


def test_no_page_shows_field_paths_or_seed_file_names():
    from thresholds.catalog import load_all

    root = Path(__file__).resolve().parents[2] / "frameworks"
    leaks = re.compile(r"\w\[\]|\b\d{3}_[0-9a-f]{16}\b|\bseed\b")
    for item in load_all(root):
        f = item.framework
        for md in (render.overview(f, []), render.changes_page(f)):
            assert not leaks.search(md), (f.id, leaks.search(md).group(0))
    assert leaks.search("carried in levels[].definition") and leaks.search("seed 003_e519ff4492d9dfa0.txt")


def test_indicator_tables_have_no_id_column_but_keep_the_ids(fw):
    html = to_html(render.indicators_page(fw, "level-2"))
    assert "<th scope=\"col\">Id</th>" not in html and 'class="indicator-id"' not in html
    assert '<tr id="health-2-01" data-id="health-2-01">' in html
    ids = re.search(r'<details class="indicator-ids">(.*?)</details>', html, re.S).group(1)
    assert '<a href="#health-2-01"><code>health-2-01</code></a>' in ids
