"""Concern pages on small fixtures: each authority's own words under its own level names, escaped, linked."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import markdown
import pytest

from macros import concerns_render
from thresholds.concerns import Concern, Vocabulary
from thresholds.model import framework_from_dict
from thresholds.source import read

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "tiny.yaml"
HOSTILE = '<script>alert("x")</script>'


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list", "admonition", "toc"])


@pytest.fixture(scope="module")
def frameworks():
    data, _ = read(TINY)
    concerns = {"health-1-01": ["physical-health"], "health-2-01": ["physical-health"],
                "home-2-01": ["poverty"], "health-3-01": ["physical-health"],
                "home-3-01": ["domestic-abuse"], "home-4-01": ["physical-abuse"]}
    for ind in data["indicators"]:
        ind["concerns"] = concerns[ind["id"]]
    tiny = framework_from_dict(data, "tiny.yaml")
    other = copy.deepcopy(data)
    other.update(id="other", authority=f"Other {HOSTILE}")
    other["levels"][2]["name"] = f"Tier <i>3</i>"
    other["indicators"] = [i for i in other["indicators"] if i["id"] != "home-3-01"]  # no domestic abuse
    other["indicators"][0]["text"] = f"GP {HOSTILE} **registered**"
    return [tiny, framework_from_dict(other, "other.yaml")]


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary((
        Concern("physical-health", "Physical health", "Health & care <b>", "child-development", ("GP",)),
        Concern("domestic-abuse", f"Domestic abuse {HOSTILE}", "Violence between adults.", "family-and-environment", ("DA", "DV")),
        Concern("poverty", "Poverty", "Money.", "family-and-environment"),
        Concern("physical-abuse", "Physical abuse", "Hitting.", "parenting-capacity"),
    ))


def test_a_concern_page_lines_up_each_authority_by_level_in_its_own_words(frameworks, vocabulary):
    md = concerns_render.concern_page(vocabulary.get("physical-health"), frameworks)
    out = to_html(md)
    assert out.count('<tr class="concern-authority"') == 2
    # Under each authority's own level names, linked to its own pages and indicator anchors.
    assert "Tier &lt;i&gt;3&lt;/i&gt;" in out and "<i>3</i>" not in out
    assert 'href="../../frameworks/tiny/indicators/level-3/#health-3-01"' in out
    assert 'href="../../frameworks/other/levels/#level-1"' in out
    assert 'href="../../frameworks/tiny/"' in out and 'href="../../concerns/"' in out
    # Their own words: escaped, with the source's **bold** kept as emphasis.
    assert "<script>" not in out and "&lt;script&gt;" in out and "<strong>registered</strong>" in out
    assert "Health &amp; care &lt;b&gt;" in out and "also called: GP" in out
    assert "not a decision" in out
    # A column per rank, a level with nothing for the concern says so (hidden on a phone).
    assert len(re.findall(r'<th scope="col">Rank \d', out)) == 4
    assert 'class="concern-empty"' in out and "No indicator at this level." in out


def test_an_authority_without_the_concern_is_named_not_tabulated(frameworks, vocabulary):
    out = to_html(concerns_render.concern_page(vocabulary.get("domestic-abuse"), frameworks))
    assert out.count('<tr class="concern-authority"') == 1 and 'id="tiny"' in out
    lacking = re.search(r'<p class="concern-lacking">(.*?)</p>', out).group(1)
    assert "Other &lt;script&gt;" in lacking and 'href="../../frameworks/other/"' in lacking
    assert "<h1" in out and "Concern: Domestic abuse &lt;script&gt;" in out


def test_the_index_groups_concerns_by_the_assessment_triangle_with_counts(frameworks, vocabulary):
    out = to_html(concerns_render.concerns_index(vocabulary, frameworks))
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", out)
    assert len(headings) == 3 and headings[0].endswith("developmental needs")
    assert headings[1:] == ["Parenting capacity", "Family and environmental factors"]
    assert 'href="../concerns/physical-health/"' in out
    assert "2 authorities, 6 indicators" in out  # physical-health: 3 in each
    assert "1 authority, 1 indicator" in out  # domestic abuse: tiny only
    assert "&lt;script&gt;" in out and "<script>" not in out
