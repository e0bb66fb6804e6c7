"""Render functions on the small fixture: what each page says, escaped, accessible, linked."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markdown
import pytest

from macros import render
from macros.site import framework_pages
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
        render.explorer_page(fw, "d.json", "py/", "w/worker.mjs"),
    ]
    for md in pages:
        first = md.splitlines()[0]
        assert first.startswith("# Tinytown: "), first
        assert to_html(md).startswith("<h1")


def test_markup_in_framework_text_is_escaped_everywhere(fw):
    for md in (render.indicators_page(fw, "level-3"), render.explorer_page(fw, "d.json", "py/", "w/worker.mjs")):
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


def test_explorer_checklist_is_plain_html_with_a_label_per_checkbox(fw):
    html = to_html(render.explorer_page(fw, "../data/tiny.json", "../pyodide/", "../assets/explorer/worker.mjs"))
    boxes = re.findall(r'<input type="checkbox" class="indicator-box" id="([^"]+)" value="([^"]+)">', html)
    assert len(boxes) == len(fw.indicators)
    for box_id, _value in boxes:
        assert f'<label for="{box_id}">' in html
    assert 'aria-live="polite"' in html and 'role="status"' in html
    assert 'data-framework-url="../data/tiny.json"' in html
    assert "Nothing is saved or sent" in html
    assert '<script type="module" src="../assets/explorer/explorer.mjs">' in html


def test_explorer_form_can_never_submit_a_tick(fw):
    html = to_html(render.explorer_page(fw, "d.json", "p/", "w.mjs"))
    form = html[html.index('<form id="explorer"'):html.index("</form>")]
    assert re.search(r"<form[^>]*\b(action|method)=", form) is None
    # A control is only ever submitted under a name: no checkbox, radio or filter inside the form has one.
    assert re.findall(r"<(?:input|select|textarea|button)[^>]*\bname=", form) == []
    # The danger question sits outside the form, so its answer has no form to go with.
    assert html.index('id="danger-yes"') < html.index('<form id="explorer"')
    # Negative: the check above does see a name.
    assert re.findall(r"<(?:input)[^>]*\bname=", '<input type="checkbox" name="indicator">')


def test_explorer_danger_card_is_on_the_page_with_numbers_and_999(fw):
    html = to_html(render.explorer_page(fw, "d.json", "p/", "w.mjs"))
    card = html[html.index('id="act-now"'):]
    card = card[:card.index('<p class="danger-link">')]
    assert 'href="tel:01234567890"' in card and 'href="tel:999"' in card
    assert "What to do now" in card and "gives no referral number" not in card


def test_explorer_danger_card_says_when_the_framework_gives_no_number(fw):
    from dataclasses import replace
    bare = replace(fw, contacts=tuple(replace(c, phones=()) for c in fw.contacts))
    html = to_html(render.explorer_page(bare, "d.json", "p/", "w.mjs"))
    assert "Tinytown&#x27;s guidance gives no referral number: call 999" in html
    assert 'href="tel:999"' in html and 'href="tel:0' not in html


def test_explorer_indicators_carry_their_search_terms_escaped(fw):
    from thresholds.search import PlainWords
    words = [PlainWords(("hurt", "r&r \"quoted\""), ("injur",))]
    html = to_html(render.explorer_page(fw, "d.json", "p/", "w.mjs", vocabulary=words))
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
