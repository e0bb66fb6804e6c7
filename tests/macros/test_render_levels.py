"""Version 2 shapes on the pages: categories, act now, bands, next steps, ages, other levels; compare by category."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from macros import render
from macros.pages import framework_pages
from thresholds.catalog import load_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def load(name):
    return load_file(FIXTURES / f"{name}.yaml").framework


@pytest.fixture(scope="module")
def shapes():
    return load("shapes")


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list", "admonition", "toc"])


def section(html: str, level_id: str) -> str:
    """The levels page from one level's heading to the next."""
    start = html.index(f'id="{level_id}"')
    nxt = html.find("<h2", start)
    return html[start: nxt if nxt != -1 else None]


def test_levels_page_names_categories_and_act_now_in_words(shapes):
    html = to_html(render.levels_page(shapes))
    statutory = section(html, "statutory")
    assert '<li class="category cat-child-in-need">Child in need (s.17)</li>' in statutory
    assert '<li class="category cat-child-protection">Child protection (s.47)</li>' in statutory
    assert "Act now" not in statutory
    assert "<strong>Act now</strong>" in section(html, "protection")


def test_levels_page_shows_bands_and_next_steps(shapes):
    targeted = section(to_html(render.levels_page(shapes)), "targeted")
    assert '<section class="band" id="targeted-a"><h4>Level 3a: Emerging</h4>' in targeted
    assert "Needs emerging across two areas." in targeted and targeted.count('class="band-count">1 indicator<') == 2
    assert re.search(r"<h3>Next steps</h3>\s*<p>Team around the family.</p>", targeted)
    assert "Next steps" not in section(to_html(render.levels_page(shapes)), "protection")


def test_an_indicator_at_two_levels_is_on_both_pages_saying_where_else(shapes):
    early = to_html(render.indicators_page(shapes, "early-help"))
    statutory = to_html(render.indicators_page(shapes, "statutory"))
    assert "Domestic abuse reported" in early and "Domestic abuse reported" in statutory
    assert "Also at: Statutory" in early and "Also at: Early Help" in statutory
    assert "Ages: Pre-birth, 0 to 4, 5 to 11, 12 to 17" in early
    assert "Band: Level 3a" in to_html(render.indicators_page(shapes, "targeted"))
    pages = {p.path for p in framework_pages(shapes)}
    assert "frameworks/shapes/indicators/statutory.md" in pages


def test_overview_act_now_box_comes_from_act_now_levels_not_rank_4(shapes):
    html = to_html(render.overview(shapes, []))
    assert "Worried a child is at risk of significant harm?" in html and 'href="tel:01234567890"' in html
    hampshire = load("hampshire")
    # No Hampshire level means act now as a whole; the act-now indicator's level gives the numbers.
    assert 'href="tel:03005551373"' in to_html(render.overview(hampshire, []))


def cells(html: str, authority: str) -> list[tuple[str, str]]:
    """(data-label, text) of each cell in one authority's row of the compare table."""
    row = re.search(rf"<tr><th scope=\"row\"><a [^>]*>{authority}</a>.*?</tr>", html, re.S).group(0)
    return [(label, re.sub(r"<[^>]+>", " ", body)) for label, body in
            re.findall(r'<td[^>]*data-label="([^"]+)"[^>]*>(.*?)</td>', row, re.S)]


def test_compare_lines_levels_up_by_category_in_each_authoritys_names():
    hampshire, tiny = load("hampshire"), load("tiny")
    html = to_html(render.compare_page([hampshire, tiny]))
    heads = re.findall(r'<th scope="col">([^<]+)</th>', html)
    assert heads == ["Authority", "Universal", "Early help", "Targeted early help", "Child in need (s.17)",
                     "Child protection (s.47)"]  # nobody uses looked-after: no empty column
    hants = cells(html, "Hampshire")
    assert [label for label, _ in hants] == ["Universal", "Early help", "Targeted early help",
                                            "Child in need (s.17) and Child protection (s.47)"]
    assert "Targeted Early Help" in hants[2][1] and "Level 3" in hants[2][1]
    assert 'colspan="2"' in html and "Social Care" in hants[3][1] and "Level 4" in hants[3][1]
    tinytown = cells(html, "Tinytown")
    # A version 1 file: rank 3 is child in need, and the targeted early help column is empty for it.
    assert [label for label, _ in tinytown] == ["Universal", "Early help", "Targeted early help",
                                               "Child in need (s.17)", "Child protection (s.47)"]
    assert "No level" in tinytown[2][1] and "Level 3" in tinytown[3][1] and "Act now" in tinytown[4][1]


def test_compare_a_level_in_two_categories_that_differ_from_the_next_gets_a_cell_each(shapes):
    html = to_html(render.compare_page([shapes]))
    labels = [label for label, _ in cells(html, "Shapeton")]
    assert labels == ["Universal", "Early help", "Targeted early help", "Child in need (s.17)",
                      "Child protection (s.47)", "Looked after"]
    cp = dict(cells(html, "Shapeton"))["Child protection (s.47)"]
    assert "Statutory" in cp and "Protection" in cp
