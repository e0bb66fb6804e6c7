"""Toolkit render functions on a small fixture: headings, escaping, form labels, the ordered procedure, the planner."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from macros import pages
from thresholds.toolkit import load_file
from macros import toolkit_render as r

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "toolkit" / "tiny.yaml"


@pytest.fixture(scope="module")
def tk():
    return load_file(FIXTURE)


def to_html(md: str) -> str:
    """Render as MkDocs would (same extensions), to check the Markdown/HTML mix survives."""
    return markdown.markdown(md, extensions=["attr_list", "admonition", "toc"])


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each <label for=…>."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.labels: dict[str, list[str]] = {}
        self._label: str | None = None
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "label":
            self._label = a.get("for")
            self.labels.setdefault(self._label, []).append("")

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None

    def handle_data(self, data):
        if self._label is not None:
            self.labels[self._label][-1] += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def all_pages(tk) -> list[str]:
    return [
        r.overview(tk, [("levels/", "Levels", False), ("templates/record/", "Record", True)]),
        r.levels_page(tk), r.training_content_page(tk), r.planner_page(tk, "../../assets/explorer/planner.mjs"),
        r.training_plan_check_page(tk), r.information_sharing_page(tk), r.learning_page(tk, "t/"),
        r.early_help_page(tk, "t/"), r.business_plan_page(tk), r.evaluation_tools_page(tk), r.training_sources_page(tk),
        r.planner_page(tk, "../../assets/explorer/planner.mjs", record_url="../templates/record/"),
        r.template_page(tk, "record", "../../../assets/explorer/templates.mjs"),
        r.template_page(tk, "analysis", "../../../assets/explorer/templates.mjs"),
    ]


def test_every_page_starts_with_a_heading_naming_the_toolkit(tk):
    for md in all_pages(tk):
        first = md.splitlines()[0]
        assert first.startswith("# Tiny toolkit: "), first
        assert to_html(md).startswith("<h1")


def test_markup_in_toolkit_text_is_escaped_everywhere(tk):
    html = "".join(to_html(md) for md in all_pages(tk))
    for raw in ("<script>alert", "<b>cleaners</b>", "<i>what</i>", "<abuse>", "<em>some</em>", "<b>only</b>",
                "<first>", "<issues>", "<involved>", "<esteem>", "<details>", "<what>", "<needs>", "<text>", "<Org>",
                "<analysis>", "<made up>", "<Road>", "<tools>", "<b>stripes", "<scale>", "<training>", "<clubs>",
                "<today>", "<LSCB>"):
        assert raw not in html, raw
    for escaped in ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;cleaners&lt;/b&gt;", "Knows &lt;i&gt;what&lt;/i&gt;",
                    "Definitions of &lt;abuse&gt;", "trustees &amp; &lt;b&gt;only&lt;/b&gt;", "Self &lt;esteem&gt;",
                    "Jack &amp; Jill.", "Stray &lt;text&gt;."):
        assert escaped in html, escaped


def test_no_inline_script_or_event_handler_in_any_page(tk):
    for md in all_pages(tk):
        page = Elements(to_html(md))
        for tag, attrs in page.tags:
            assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
            if tag == "script":
                assert attrs.get("type") == "module" and attrs.get("src"), attrs
        assert "javascript:" not in md


def test_every_form_field_has_exactly_one_label(tk):
    for tid in ("record", "analysis"):
        page = Elements(to_html(r.template_page(tk, tid, "t.mjs")))
        controls = [a for t, a in page.tags if t in ("input", "textarea", "select")]
        ids = [a["id"] for a in controls]
        assert len(ids) == len(set(ids)) and all(ids)
        for fid in ids:
            assert len(page.labels.get(fid, [])) == 1, fid
            assert page.labels[fid][0].strip(), fid
        # one control per field of the data (blank-row tables: ENTRY_ROWS rows of their columns)
        fields = tk.form_fields(tid)
        entry_cells = sum(len(s["table"]["columns"]) for s in tk.template(tid)["sections"]
                          if s.get("table") and not s["table"].get("rows"))
        assert len(ids) == len(fields) + entry_cells * (r.ENTRY_ROWS - 1)


def test_form_labels_say_what_each_cell_is(tk):
    page = Elements(to_html(r.template_page(tk, "record", "t.mjs")))
    assert page.labels["tk-record-name"] == ["Name & surname"]
    assert page.labels["tk-record-plan-esteem-progress"] == ["Self <esteem>: Progress"]
    assert page.labels["tk-record-training-2-date"] == ["Date, row 2"]
    dob = page.find("input", id="tk-record-dob")[0]
    assert dob["type"] == "date"
    notes = page.find("textarea", id="tk-record-notes")[0]
    assert notes["aria-describedby"] == "tk-record-notes-hint" and page.find("p", id="tk-record-notes-hint")
    # the analysis template's labels are the steps' titles
    analysis = Elements(to_html(r.template_page(tk, "analysis", "t.mjs")))
    assert analysis.labels["tk-analysis-whose"] == ["1. Whose <needs>?"]
    assert analysis.labels["tk-analysis-purpose"] == ["2. Purpose"]


def test_template_form_is_never_submitted_and_says_nothing_is_stored(tk):
    md = r.template_page(tk, "record", "../../../assets/explorer/templates.mjs")
    page = Elements(to_html(md))
    form = page.find("form", id="tk-template")[0]
    assert "action" not in form and "method" not in form and form["autocomplete"] == "off"
    assert not page.find("button", type="submit") and not page.find("button", type="reset")
    assert all(b.get("type") == "button" for b in page.find("button"))
    actions = page.find("div", id="tk-actions")[0]
    assert "hidden" in actions  # the buttons appear only when the script runs
    assert {b["data-action"] for b in page.find("button") if b.get("data-action")} == {"print", "docx", "csv"}
    # Clearing asks first: without the script there is no clear button at all (a reset would not ask).
    clear = [b for b in page.find("button") if "tk-reset" in b.get("class", "")]
    assert len(clear) == 1 and "hidden" in clear[0]
    confirm = page.find("div", id="tk-confirm")[0]
    assert "hidden" in confirm and confirm["role"] == "group" and confirm["aria-labelledby"] == "tk-confirm-title"
    assert "Nothing is sent or stored" in md and "local storage" in md
    assert page.find("script", src="../../../assets/explorer/templates.mjs", type="module")


def test_information_sharing_is_an_ordered_procedure_with_the_consent_decision(tk):
    html = to_html(r.information_sharing_page(tk))
    steps = re.search(r'<ol class="steps tk-procedure" id="information-sharing-steps">(.*?)</ol>\s*<h2', html, re.S).group(1)
    assert re.findall(r'<li id="step-(\d+)" value="\d+">', steps) == ["1", "2", "3"]
    assert "<ul><li>a reason</li><li>another reason</li></ul>" in steps
    decision = html[html.index('id="consent-decision"'):]
    titles = re.findall(r'<h(\d) id="decision-([a-z-]+)">([^<]+)</h\d>', decision)
    assert titles == [("3", "seek", "Seek consent"), ("3", "without", "Share without consent"),
                      ("4", "dont-share", "Do not share"), ("3", "record", "Record either way")]
    assert '“Seek consent unless it would place someone at risk.” <a class="tk-step-ref" href="#step-2">step 2</a>' in decision
    record = decision[decision.index('id="decision-record"'):]
    assert "Record what you wish to share &lt;first&gt;." in record and 'href="#step-1"' in record


def test_training_matrix_ticks_notes_and_counts(tk):
    html = to_html(r.training_content_page(tk))
    table = re.search(r'<table class="tk-matrix">.*?</table>', html, re.S).group(0)
    rows = re.findall(r'<tr id="(tc-\d+)">(.*?)</tr>', table, re.S)
    assert [rid for rid, _ in rows] == ["tc-01", "tc-02"]
    assert rows[0][1].count('class="tk-yes"') == 2
    assert rows[1][1].count('class="tk-yes"') == 1 and rows[1][1].count('class="tk-no"') == 1
    assert "(trustees &amp; &lt;b&gt;only&lt;/b&gt;)" in rows[1][1]
    assert '<span class="tk-vh">Yes</span>' in table and '<span class="tk-vh">No</span>' in table
    assert re.search(r"<tfoot><tr><th scope=\"row\">Elements at this level</th><td>1</td><td>2</td></tr></tfoot>", table)


def test_planner_renders_every_level_cumulatively_and_works_without_script(tk):
    md = r.planner_page(tk, "../../assets/explorer/planner.mjs")
    page = Elements(to_html(md))
    sections = page.find("section")
    assert [s["data-level"] for s in sections] == ["level-1", "level-2"]
    assert not any("hidden" in s for s in sections)  # all visible without the script
    assert "hidden" in page.find("div", id="tk-planner-controls")[0]  # the chooser appears with the script
    level2 = to_html(md).split('id="plan-level-2"')[1]
    assert "Knows &lt;i&gt;what&lt;/i&gt; abuse is" in level2 and "Works with other agencies" in level2
    assert "Competencies <span class=\"tk-count\">(3)</span>" in level2
    assert "Training content <span class=\"tk-count\">(2)</span>" in level2
    level1 = to_html(md).split('id="plan-level-1"')[1].split('id="plan-level-2"')[0]
    assert "Works with other agencies" not in level1 and "Trustee law" not in level1
    values = [o.get("value") for o in page.find("option")]
    assert values == ["", "level-1", "level-2", "level-1:0", "level-1:1", "level-2:0"]
    assert page.find("label", **{"for": "tk-planner-select"})


def test_levels_page_lists_each_competency_once_with_cumulative_counts(tk):
    html = to_html(r.levels_page(tk, planner_url="../planner/"))
    assert html.count("Reports concerns") == 1
    assert "1 introduced at Level 2; with those of Level 1, 3 in all." in html
    assert "<em class=\"tk-scope\">(for &lt;em&gt;some&lt;/em&gt; roles)</em>" in html
    assert '<a href="../planner/">training planner</a>' in html


def test_missing_figures_and_misplaced_text_are_flagged(tk):
    assert "Figure not reproduced" in to_html(r.early_help_page(tk))
    assert "Text out of place in the source" in to_html(r.learning_page(tk))


def test_toolkit_is_optional():
    assert pages.toolkit_pages(None) == [] and pages.toolkit_nav([]) == []


def test_pages_and_nav_from_the_toolkit(tk):
    found = pages.toolkit_pages(tk)
    assert found[0].path == "toolkit/index.md" and all(p.title.startswith("Tiny toolkit: ") for p in found)
    assert [p.path for p in found if p.path.startswith("toolkit/templates/")] == [
        "toolkit/templates/record.md", "toolkit/templates/analysis.md"]
    nav = pages.toolkit_nav(found)
    assert nav[0] == {"Overview": "toolkit/index.md"}
    assert nav[-1] == {"Templates to fill in": [{"Record <form>": "toolkit/templates/record.md"},
                                                {"Analysis": "toolkit/templates/analysis.md"}]}
    by_path = {p.path: p for p in found}
    md = by_path["toolkit/templates/record.md"].render()
    assert '<script type="module" src="../../../assets/explorer/templates.mjs"></script>' in md
    assert 'src="../../assets/explorer/planner.mjs"' in by_path["toolkit/planner.md"].render()
    overview = by_path["toolkit/index.md"].render()
    assert '<a href="levels/">' in overview and '<a href="templates/record/">' in overview
    assert '<a href="./">' not in overview  # the overview lists the other pages, not itself


def test_relative_links():
    assert pages.relative("toolkit/index.md", "toolkit/levels.md") == "levels/"
    assert pages.relative("toolkit/levels.md", "toolkit/index.md") == "../"
    assert pages.relative("toolkit/levels.md", "toolkit/levels.md") == "./"
    assert pages.relative("toolkit/templates/x.md", "toolkit/planner.md") == "../../planner/"
    assert pages.relative("toolkit/templates/x.md", "assets/explorer/templates.mjs") == "../../../assets/explorer/templates.mjs"
