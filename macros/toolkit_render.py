"""Toolkit → page content. Plain functions returning Markdown with embedded, escaped HTML (like render.py).

Every string from the toolkit data passes through thresholds.html (escaped); headings go through
``md_heading``. No inline scripts and no event attributes: the two pages that do something in the
browser (the training planner and the templates) load a module script from the site and work without it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from macros.render import md_heading
from thresholds import html

if TYPE_CHECKING:  # pragma: no cover
    from thresholds.toolkit import Toolkit

e = html.escape
TICK = '<span aria-hidden="true">✓</span><span class="tk-vh">Yes</span>'
NOT_INCLUDED = '<span aria-hidden="true">–</span><span class="tk-vh">No</span>'
ENTRY_ROWS = 3  # blank rows printed in a table without fixed rows (the user can add more)

PRIVACY = (
    '<div class="admonition info privacy tk-privacy"><p class="admonition-title">Nothing is sent or stored</p>'
    "<p>What you type stays in this browser tab. Nothing is sent to any server and nothing is saved: not in "
    "cookies, local storage, session storage or IndexedDB. Print and the downloads (Word, spreadsheet) are made "
    "in the page, on your computer. Closing or reloading the tab forgets what you typed.</p>"
    "<p>A filled-in record about a child or a member of staff is personal information: save, share and "
    "destroy it as your organisation's data protection policy says.</p></div>"
)


def _raw(markup: str) -> str:
    # A raw HTML block must stand alone between blank lines for Markdown to leave it untouched.
    return "\n\n" + markup + "\n\n" if markup else ""


def _join(parts: Sequence[str]) -> str:
    return "\n\n".join(p.strip("\n") for p in parts if p and p.strip())


def header(tk: Toolkit, title: str, source_title: str | None = None) -> str:
    """The first heading (naming the toolkit) and where in the source the page comes from."""
    meta = f"From the {e(tk['title'])}"
    if source_title:
        meta += f": <em>{html.inline(source_title, links=False)}</em>"
    return md_heading(1, f"{tk.short_title}: {title}") + _raw(f'<p class="framework-meta tk-source">{meta}</p>')


def blocks(content: Sequence[Any], heading_level: int = 3) -> str:
    """Content blocks as HTML: thresholds.html.blocks plus quotes and text out of place in the source."""
    out: list[str] = []
    quote: list[str] = []

    def flush() -> None:
        if quote:
            out.append(f'<blockquote>{"".join(quote)}</blockquote>')
            quote.clear()

    for block in content:
        if isinstance(block, Mapping) and "quote" in block:
            quote.append(f"<p>{html.inline(block['quote'])}</p>")
            continue
        flush()
        if isinstance(block, Mapping) and "lines" in block:
            out.append("<p>" + "<br>".join(html.inline(line) for line in block["lines"]) + "</p>")
        elif isinstance(block, Mapping) and "misplaced" in block:
            out.append(
                '<div class="admonition warning tk-misplaced"><p class="admonition-title">Text out of place in the source</p>'
                "<p>The source has the following words here, though they seem to belong to other guidance. "
                f"They are kept so that nothing is lost:</p><p>{html.inline(block['misplaced'])}</p></div>"
            )
        else:
            out.append(html.blocks([block], heading_level=heading_level))
    flush()
    return "".join(out)


def _items(items: Sequence[str], ordered: bool = False, cls: str = "") -> str:
    tag = "ol" if ordered else "ul"
    attr = f' class="{cls}"' if cls else ""
    return f"<{tag}{attr}>" + "".join(f"<li>{html.inline(i)}</li>" for i in items) + f"</{tag}>"


def _section(section: Mapping[str, Any], level: int = 2) -> str:
    return md_heading(level, section["title"]) + _raw(blocks(section["body"], heading_level=level + 1))


def competency_html(c: Mapping[str, Any], with_id: bool = True) -> str:
    """One competency as a list item, with its scope (e.g. trustees only) in brackets."""
    scope = f' <em class="tk-scope">({html.inline(c["scope"])})</em>' if c.get("scope") else ""
    ident = f' id="{e(c["id"])}"' if with_id else ""
    return f"<li{ident}>{html.inline(c['text'])}{scope}</li>"


def _level_cumulative_name(tk: Toolkit, level_id: str) -> str:
    lower = [lv["name"] for lv in tk.levels_up_to(level_id)[:-1]]
    return ", ".join(lower)


# ----------------------------------------------------------------------------------------------- pages

def overview(tk: Toolkit, pages: Sequence[tuple[str, str, bool]]) -> str:
    """The toolkit's front page: what it is and where each part lives."""
    parts = "".join(f'<li><a href="{e(url)}">{e(title)}</a></li>' for url, title, is_template in pages if not is_template)
    templates = "".join(f'<li><a href="{e(url)}">{e(title)}</a></li>' for url, title, is_template in pages if is_template)
    src = tk["source"]
    counts = (
        f"<p>{len(tk.levels)} levels of responsibility, {len(tk.competencies())} competencies, "
        f"{len(tk['training_content']['elements'])} training content elements, "
        f"{len(tk['information_sharing']['steps'])} steps for sharing information, "
        f"{len(tk['learning_needs_analysis']['steps'])} steps for analysing learning needs, "
        + (f"{len(tk['evaluation_tools']['tools'])} evaluation tools, " if tk.data.get("evaluation_tools") else "")
        + (f"{sum(len(g.get('providers') or []) for g in tk['training_sources']['groups'])} sources of training, "
           if tk.data.get("training_sources") else "")
        + f"and {len(tk.templates)} templates you can fill in, print and download.</p>"
    )
    intro = (
        f"<p>The {e(tk['publisher'])}'s toolkit for organisations working with children: who needs which "
        "child protection competencies and training, how to share information, how to spot children who may "
        "need early help, and templates for the records that go with them. It is about your organisation's own "
        "safeguarding practice; the authorities' threshold guidance is under <em>Authorities</em>.</p>"
    )
    source = f"<p>Source: {e(src['document'])}" + (f", {e(src['section'])}" if src.get("section") else "") + ".</p>"
    notes = f"<p>{html.inline(src['notes'])}</p>" if src.get("notes") else ""
    return _join([
        header(tk, "Organisational safeguarding toolkit"),
        _raw(intro + counts),
        md_heading(2, "In this toolkit"),
        _raw(f'<ul class="tk-pages">{parts}</ul>'),
        md_heading(2, "Templates to fill in"),
        _raw("<p>Each template is a form you can fill in on screen, then print it or download it as a Word document "
             "or a spreadsheet (CSV). Nothing you type is sent or stored.</p>" + f'<ul class="tk-pages">{templates}</ul>'),
        md_heading(2, "Source"),
        _raw(source + notes + "<p>The text is the source's own; obvious typos are fixed. Where the source refers "
             "to a figure that did not survive, the page says so.</p>"),
    ])


def levels_page(tk: Toolkit, planner_url: str = "../planner/") -> str:
    """Part 1: roles and responsibilities, the user groups, and the competencies introduced at each level."""
    grid = tk["competency_grid"]
    out = [header(tk, "Levels of responsibility and competencies", grid["part_title"]),
           _raw(blocks(grid["intro"])), md_heading(2, grid["part_title"])]
    out += [_section(s, 3) for s in grid["sections"]]
    out.append(md_heading(2, grid["user_groups_title"]))
    for lv in tk.levels:
        body = blocks(lv["user_group"])
        if lv.get("examples"):
            body += f"<p><strong>Examples:</strong> {html.inline(lv['examples'])}</p>"
        if lv.get("examples_after"):
            body += f"<p>{html.inline(lv['examples_after'])}</p>"
        out.append(md_heading(3, lv["name"]) + " {#group-" + lv["id"] + "}" + _raw(body))
    out.append(md_heading(2, grid["framework_title"]))
    out.append(_raw(blocks(grid["framework_intro"])))
    out.append(_section(grid["policy_statement"], 3))
    out.append(md_heading(2, "Competencies by level of responsibility"))
    out.append(_raw(
        "<p>Each competency is listed once, at the level that introduces it. Someone working at a level must "
        f'also demonstrate the competencies of every level below it: the <a href="{e(planner_url)}">training planner</a> '
        "shows each level's full list.</p>"))
    total = 0
    for lv in tk.levels:
        total += len(lv["competencies"])
        below = _level_cumulative_name(tk, lv["id"])
        parts = []
        if lv.get("grid_examples"):
            parts.append(f"<p><strong>Examples:</strong> {html.inline(lv['grid_examples'])}</p>")
        if lv.get("competencies_note"):
            parts.append('<div class="admonition info figure-missing"><p class="admonition-title">Not in the source text</p>'
                         f"<p>{html.inline(lv['competencies_note'])}</p></div>")
        parts.append(f'<ul class="tk-competencies">{"".join(competency_html(c) for c in lv["competencies"])}</ul>')
        summary = f"{len(lv['competencies'])} introduced at {e(lv['name'])}"
        if below:
            summary += f"; with those of {e(below)}, {total} in all"
        parts.append(f'<p class="tk-count">{summary}.</p>')
        out.append(md_heading(3, lv["grid_heading"]) + " {#" + lv["id"] + "}" + _raw("".join(parts)))
    out.append(_raw('<p class="tk-refs">' + "<br>".join(html.inline(r) for r in grid["references"]) + "</p>"))
    return _join(out)


def training_matrix(tk: Toolkit) -> str:
    """The training content matrix: one row per content element, one column per level, notes in the cell."""
    tc = tk["training_content"]
    levels = tk.levels
    head = f'<th scope="col" class="tk-element">{html.inline(tc["column"])}</th>' + "".join(
        f'<th scope="col" class="tk-level">{e(lv["name"])}</th>' for lv in levels)
    rows = []
    for el in tc["elements"]:
        cells = []
        for lv in levels:
            if lv["id"] in el["levels"]:
                note = (el.get("notes") or {}).get(lv["id"])
                note_html = f'<br><small class="tk-note">({html.inline(note)})</small>' if note else ""
                cells.append(f'<td class="tk-yes">{TICK}{note_html}</td>')
            else:
                cells.append(f'<td class="tk-no">{NOT_INCLUDED}</td>')
        rows.append(f'<tr id="{e(el["id"])}"><th scope="row">{html.inline(el["text"])}</th>{"".join(cells)}</tr>')
    foot = '<th scope="row">Elements at this level</th>' + "".join(
        f"<td>{len(tk.content_for(lv['id']))}</td>" for lv in levels)
    return html.scroll_region(
        '<table class="tk-matrix">'
        f"<caption>{html.inline(tc['table_title'])}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody><tfoot><tr>{foot}</tr></tfoot></table>",
        tc["table_title"])


def training_content_page(tk: Toolkit, planner_url: str = "../planner/") -> str:
    """Part 2: the user guide and the content matrix."""
    tc = tk["training_content"]
    return _join([
        header(tk, "Content of child protection training by level", tc["title"]),
        md_heading(2, tc["user_guide_title"]),
        _raw(blocks(tc["user_guide"])),
        md_heading(2, tc["table_title"]),
        _raw(f'<p>✓ means the level\'s training covers the element. The <a href="{e(planner_url)}">training planner</a> '
             "lists a single level's content with its competencies.</p>" + training_matrix(tk)),
    ])


def plan_section(tk: Toolkit, level_id: str, record_url: str | None = None) -> str:
    """One level's plan: its roles, its cumulative competencies (grouped by the level introducing them) and content."""
    lv = tk.level(level_id)
    lid = e(level_id)
    comps = tk.cumulative(level_id)
    content = tk.content_for(level_id)
    groups = []
    for lower in tk.levels_up_to(level_id):
        items = "".join(competency_html(c, with_id=False) for c in lower["competencies"])
        groups.append(f"<h4>From {e(lower['name'])}</h4><ul>{items}</ul>")
    content_items = "".join(
        f"<li>{html.inline(el['text'])}" + (f' <small class="tk-note">({html.inline(note)})</small>' if note else "") + "</li>"
        for el, note in content)
    roles = f"<p><strong>Roles:</strong> {'; '.join(html.inline(r) for r in lv['roles'])}</p>" if lv.get("roles") else ""
    heading = lv.get("grid_heading") or lv["name"]
    # The record opens prefilled from the link's fragment (#level=…&role=…): a fragment is never sent to the
    # server, and the script adds the role chosen. Without the script the link opens a blank record.
    record = (f'<p class="tk-start-record"><a class="md-button md-button--primary" href="{e(record_url)}#level={lid}" '
              f'data-record="{e(record_url)}">Start a training record for this role</a></p>') if record_url else ""
    return (
        f'<section class="tk-plan" id="plan-{lid}" data-level="{lid}" aria-labelledby="plan-{lid}-title">'
        f'<h2 id="plan-{lid}-title">{html.inline(heading, links=False)}</h2>{roles}'
        f'<h3>Competencies <span class="tk-count">({len(comps)})</span></h3>{"".join(groups)}'
        f'<h3>Training content <span class="tk-count">({len(content)})</span></h3><ul>{content_items}</ul>'
        f"{record}</section>"
    )


def planner_page(tk: Toolkit, script_url: str, record_url: str | None = None) -> str:
    """Choose a role or level and see what it needs. Every level is rendered; the script shows one."""
    options = ['<option value="">All levels</option>', '<optgroup label="Levels">']
    options += [f'<option value="{e(lv["id"])}">{e(lv.get("grid_heading") or lv["name"])}</option>' for lv in tk.levels]
    options.append("</optgroup>")
    for lv in tk.levels:
        if lv.get("roles"):
            options.append(f'<optgroup label="{e(lv["name"])} roles">')
            options += [f'<option value="{e(lv["id"])}:{i}" data-level="{e(lv["id"])}">{e(role)}</option>'
                        for i, role in enumerate(lv["roles"])]
            options.append("</optgroup>")
    controls = (
        '<div class="tk-planner-controls" id="tk-planner-controls" hidden>'
        '<label for="tk-planner-select">Role or level of responsibility</label> '
        f'<select id="tk-planner-select" aria-describedby="tk-planner-status">{"".join(options)}</select>'
        '<p id="tk-planner-status" class="tk-status" role="status" aria-live="polite"></p></div>'
    )
    intro = (
        "<p>Choose a role or a level of responsibility to see the competencies it needs (its own and every "
        "lower level's: the competencies build on each other) and the content its child protection training "
        "should cover. Roles are the source's examples for each level; where a role is not listed, choose the "
        "level whose description fits. All levels are shown below when the chooser is not available.</p>"
    )
    sections = "".join(plan_section(tk, lv["id"], record_url) for lv in tk.levels)
    return _join([
        header(tk, "Training planner"),
        _raw(intro),
        _raw(f'<div class="tk-planner" id="tk-planner">{controls}<div class="tk-plans">{sections}</div></div>'),
        _raw(f'<script type="module" src="{e(script_url)}"></script>'),
    ])


def training_plan_check_page(tk: Toolkit) -> str:
    """Part 3: signs the training plan is working, and warning signs."""
    pc = tk["training_plan_check"]
    return _join([
        header(tk, "Is your training plan working?", pc["title"]),
        md_heading(2, "Signs it is working") + _raw(
            f'<p class="tk-lead">{html.inline(pc["working"]["heading"])}</p>' + _items(pc["working"]["items"], cls="tk-signs tk-good")),
        md_heading(2, "Warning signs") + _raw(
            f'<p class="tk-lead">{html.inline(pc["warning"]["heading"])}</p>' + _items(pc["warning"]["items"], cls="tk-signs tk-warning")),
    ])


def _quotes(refs: Sequence[Mapping[str, Any]]) -> str:
    return "".join(f'<li>“{html.inline(q["quote"])}” <a class="tk-step-ref" href="#step-{int(q["step"])}">step {int(q["step"])}</a></li>'
                   for q in refs)


def _branch(b: Mapping[str, Any], level: int = 3) -> str:
    parts = [f'<h{level} id="decision-{e(b["id"])}">{html.inline(b["label"], links=False)}</h{level}>']
    if b.get("when"):
        parts.append(f"<p><strong>When</strong></p><ul>{_quotes(b['when'])}</ul>")
    if b.get("do"):
        parts.append(f"<p><strong>What to do</strong></p><ul>{_quotes(b['do'])}</ul>")
    if b.get("record"):
        parts.append(f"<p><strong>What to record</strong></p><ul>{_quotes(b['record'])}</ul>")
    if b.get("outcomes"):
        parts.append('<div class="tk-outcomes">' + "".join(
            f'<div class="tk-outcome">{_branch(o, level + 1)}</div>' for o in b["outcomes"]) + "</div>")
    return f'<div class="tk-branch" data-branch="{e(b["id"])}">{"".join(parts)}</div>'


def procedure_html(tk: Toolkit) -> str:
    """The information sharing procedure as an ordered list, each step with its reasons or parameters."""
    steps = []
    for s in tk["information_sharing"]["steps"]:
        items = _items(s["items"]) if s.get("items") else ""
        note = (f'<div class="admonition info figure-missing"><p class="admonition-title">Not in the source</p>'
                f"<p>{html.inline(s['note'])}</p></div>") if s.get("note") else ""
        steps.append(f'<li id="step-{int(s["number"])}" value="{int(s["number"])}"><p>{html.inline(s["text"])}</p>{items}{note}</li>')
    return f'<ol class="steps tk-procedure" id="information-sharing-steps">{"".join(steps)}</ol>'


def consent_decision_html(tk: Toolkit) -> str:
    cd = tk["information_sharing"]["consent_decision"]
    branches = "".join(_branch(b) for b in cd["branches"])
    record = list(cd.get("always_record") or [])
    for b in cd["branches"]:
        record += list(b.get("record") or [])
        for o in b.get("outcomes") or []:
            record += list(o.get("record") or [])
    either = (f'<div class="tk-branch tk-record" data-branch="record"><h3 id="decision-record">Record either way</h3>'
              f"<ul>{_quotes(record)}</ul></div>") if record else ""
    return ('<p>The consent decision in the steps above, step by step. The headings are this site\'s; everything '
            "in quotation marks is the procedure's own words, with the step it comes from.</p>"
            f'<div class="tk-decision">{branches}{either}</div>')


def information_sharing_page(tk: Toolkit) -> str:
    """The information-sharing procedural guidelines and the consent decision."""
    sharing = tk["information_sharing"]
    return _join([
        header(tk, "Information sharing procedure", sharing["title"]),
        _raw(blocks(sharing["intro"])),
        md_heading(2, sharing["procedure_title"]) + " {#procedure}",
        _raw(procedure_html(tk)),
        md_heading(2, sharing["consent_decision"]["title"]) + " {#consent-decision}",
        _raw(consent_decision_html(tk)),
    ])


def lna_steps_html(tk: Toolkit) -> str:
    out = []
    for s in tk["learning_needs_analysis"]["steps"]:
        out.append(f'<li id="lna-step-{int(s["number"])}" value="{int(s["number"])}">'
                   f'<strong class="step-title">{html.inline(s["title"], links=False)}</strong>{blocks(s["body"], heading_level=4)}</li>')
    return f'<ol class="steps tk-lna">{"".join(out)}</ol>'


def methods_table(tk: Toolkit) -> str:
    m = tk["learning_improvement"]["methods"]
    head = "".join(f'<th scope="col">{html.inline(c)}</th>' for c in m["columns"])

    def cell(values: Sequence[str]) -> str:
        return "<br>".join(html.inline(v) for v in values)

    rows = []
    for r in m["rows"]:
        note = f'<br><small class="tk-note">{html.inline(r["evaluation_note"])}</small>' if r.get("evaluation_note") else ""
        rows.append(f'<tr><th scope="row">{html.inline(r["method"])}</th><td>{cell(r["learn"])}</td>'
                    f'<td>{cell(r["evaluation"])}{note}</td><td>{cell(r["stakeholders"])}</td><td>{cell(r["sub_groups"])}</td></tr>')
    return html.scroll_region(f'<table class="tk-methods"><thead><tr>{head}</tr></thead>'
                              f"<tbody>{''.join(rows)}</tbody></table>", "Training methods")


def _products_sentence(products: Sequence[str]) -> str:
    items = [html.inline(p) for p in products]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def learning_page(tk: Toolkit, template_url: str | None = None) -> str:
    """The learning-needs analysis (steps 1-9) and the example learning and improvement framework."""
    lna = tk["learning_needs_analysis"]
    li = tk["learning_improvement"]
    tpl = (f'<p>To write your own analysis, fill in the <a href="{e(template_url)}">learning needs analysis template</a>.</p>'
           if template_url else "")
    out = [header(tk, "Learning needs analysis, learning and improvement"),
           md_heading(2, lna["title"]) + " {#learning-needs-analysis}",
           _raw(blocks(lna["intro"]) + tpl + lna_steps_html(tk)),
           md_heading(2, li["title"]) + " {#learning-and-improvement}"]
    meta = ""
    if li.get("acknowledgement"):
        meta += f"<p>{html.inline(li['acknowledgement'])}</p>"
    if li.get("version"):
        meta += f'<p class="framework-meta">Lancashire Safeguarding Children Board document: {e(li["version"])}</p>'
    out.append(_raw(meta))
    out += [_section(s, 3) for s in li["sections"]]
    m = li["methods"]
    out.append(md_heading(3, m["title"]) + " {#methods}" + _raw(blocks(m.get("intro") or []) + methods_table(tk)))
    out += [_section(s, 3) for s in li["sections_after"]]
    offer = li["training_offer"]
    out.append(_raw(
        f'<p id="sources-of-training">{html.inline(offer["before"])} {_products_sentence(offer["products"])}. '
        f'{html.inline(offer["after"])}</p>'))
    ex = li["expectations"]
    out.append(md_heading(3, ex["title"]) + _raw(_items(ex["items"])))
    rec = li["recommendations"]
    recs = f"<p>{html.inline(rec['intro'])}</p>" if rec.get("intro") else ""
    recs += "".join(f"<h4>{html.inline(g['title'], links=False)}</h4>{_items(g['items'])}" for g in rec["groups"])
    out.append(md_heading(3, rec["title"]) + _raw(recs))
    return _join(out)


def early_help_page(tk: Toolkit, template_url: str | None = None) -> str:
    """What early help means, the indicators, and what to do (with the questions for the family)."""
    eh = tk["early_help"]
    ind = eh["indicators"]
    steps = []
    for s in eh["what_to_do"]["steps"]:
        body = f"<p>{html.inline(s['text'])}</p>"
        if s.get("example"):
            body += f'<blockquote class="tk-example"><p>{html.inline(s["example"])}</p></blockquote>'
        if s.get("questions"):
            body += _items(s["questions"], cls="tk-questions")
        steps.append(f'<li value="{int(s["number"])}">{body}</li>')
    tpl = (f'<p>To record early help work, use the <a href="{e(template_url)}">Early Help Intervention Record</a> template.</p>'
           if template_url else "")
    return _join([
        header(tk, "Early help: indicators and what to do", eh["title"]),
        _section(eh["meaning"]),
        md_heading(2, ind["title"]) + " {#indicators}" + _raw(
            blocks(ind.get("intro") or []) + _items(ind["items"], cls="tk-indicators") + blocks(ind.get("outro") or [])),
        md_heading(2, eh["what_to_do"]["title"]) + " {#what-to-do}" + _raw(
            f'<ol class="steps tk-early-help-steps">{"".join(steps)}</ol>{tpl}'),
        _section(eh["further"]),
    ])


def business_plan_page(tk: Toolkit) -> str:
    """The example business plan: mission, aims, outcomes table, staffing."""
    bp = tk["business_plan"]
    head = "".join(f'<th scope="col">{html.inline(c)}</th>' for c in bp["columns"])
    rows = "".join(
        f'<tr><th scope="row">{html.inline(o["outcome"])}</th><td>{_items(o["measures"])}</td>'
        f'<td>{_items(o["activities"], ordered=True)}</td><td>{_items(o["targets"])}</td></tr>'
        for o in bp["outcomes"])
    staffing = "".join(f'<tr><th scope="row">{html.inline(s["role"])}</th><td>{html.inline(s["fte"])}</td></tr>'
                       for s in bp["staffing"])
    return _join([
        header(tk, "Example business plan with capacity for multi-agency work", bp["title"]),
        md_heading(2, bp.get("service_title") or "Name of service") + _raw(f"<p>{html.inline(bp['service'])}</p>"),
        md_heading(2, bp.get("mission_title") or "Mission") + _raw(
            f"<p>{html.inline(bp['mission'])}</p>" + (f"<p>{html.inline(bp['aims_intro'])}</p>" if bp.get("aims_intro") else "")
            + _items(bp["aims"])),
        md_heading(2, "Outcomes, measures, activities and targets") + _raw(
            html.scroll_region(f'<table class="tk-business"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>',
                               "Outcomes, measures, activities and targets")),
        md_heading(2, bp.get("staffing_title") or "Staffing") + _raw(
            html.scroll_region('<table class="tk-staffing"><thead><tr><th scope="col">Post</th><th scope="col">Full-time equivalent</th></tr></thead>'
                               f"<tbody>{staffing}</tbody></table>", bp.get("staffing_title") or "Staffing")
            + (f"<p>{html.inline(bp['staffing_note'])}</p>" if bp.get("staffing_note") else "")),
    ])


def evaluation_tools_page(tk: Toolkit) -> str:
    """Examples of evaluation tools and impact measurement systems: each tool, its address and description."""
    ev = tk["evaluation_tools"]
    out = [header(tk, "Examples of evaluation tools and impact measurement systems", ev["title"])]
    for tool in ev["tools"]:
        url = f'<p class="tk-tool-url">Web: {html.inline(tool["url"])}</p>' if tool.get("url") else ""
        out.append(md_heading(2, tool["name"]) + " {#" + tool["id"] + "}" + _raw(url + blocks(tool["body"])))
    return _join(out)


def provider_contacts(p: Mapping[str, Any]) -> str:
    """A provider's phones, emails and web addresses as links (each one the source's text gives)."""
    rows = [f'<li>Phone: <a href="{e(html.tel_href(n))}">{e(n)}</a></li>' for n in p.get("phones") or []]
    rows += [f'<li>Email: <a href="mailto:{e(m)}">{e(m)}</a></li>' for m in p.get("emails") or []]
    rows += [f"<li>Web: {html.inline(u)}</li>" for u in p.get("urls") or []]
    return f'<ul class="tk-provider-contacts">{"".join(rows)}</ul>' if rows else ""


def training_sources_page(tk: Toolkit) -> str:
    """List of sources of useful training, as a directory: each provider's text, then its contact links."""
    ts = tk["training_sources"]
    out = [header(tk, "Sources of useful training", ts["title"]),
           _raw("<p>The providers the toolkit lists, in its words. The contacts under each are the ones its text "
                "gives, as links. The toolkit is not new: check an address or number before you rely on it.</p>")]
    directory = []
    for group in ts["groups"]:
        directory.append(f"<li>{html.inline(group['title'], links=False)}"
                         + ("<ul>" + "".join(f'<li><a href="#{e(p["id"])}">{e(p.get("area") or p["name"])}</a></li>'
                                             for p in group.get("providers") or []) + "</ul>" if group.get("providers") else "")
                         + "</li>")
    out.append(_raw(f'<nav aria-label="Providers" class="tk-directory-index"><ul>{"".join(directory)}</ul></nav>'))
    for group in ts["groups"]:
        out.append(md_heading(2, group["title"]))
        if group.get("body"):
            out.append(_raw(blocks(group["body"])))
        if group.get("note"):
            out.append(_raw('<div class="admonition note tk-reader-note"><p class="admonition-title">Since the toolkit was written</p>'
                            f"<p>{html.inline(group['note'])}</p></div>"))
        for p in group.get("providers") or []:
            title = p.get("area") or p["name"]
            name = f'<p class="tk-provider-name"><strong>{html.inline(p["name"], links=False)}</strong></p>' if p.get("area") else ""
            note = (f'<div class="admonition info figure-missing"><p class="admonition-title">Not in the source text</p>'
                    f"<p>{html.inline(p['note'])}</p></div>") if p.get("note") else ""
            contacts = provider_contacts(p)
            contacts = f'<div class="tk-provider-contact"><p class="tk-lead">Contact</p>{contacts}</div>' if contacts else ""
            level = 3
            out.append(md_heading(level, title) + " {#" + p["id"] + "}"
                       + _raw(f'<div class="tk-provider">{name}{blocks(p["body"], heading_level=level + 1)}{note}{contacts}</div>'))
    return _join(out)


# ------------------------------------------------------------------------------------------- templates

def _control(fid: str, ftype: str, label: str, section: str | None, row: str | None = None,
             column: str | None = None, described_by: str | None = None, lines: int = 3) -> str:
    data = f' data-label="{e(label)}"'
    if section:
        data += f' data-section="{e(section)}"'
    if row is not None:
        data += f' data-row="{e(row)}"'
    if column is not None:
        data += f' data-column="{e(column)}"'
    aria = f' aria-describedby="{e(described_by)}"' if described_by else ""
    if ftype == "textarea":
        return f'<textarea id="{e(fid)}" name="{e(fid)}" rows="{lines}"{data}{aria}></textarea>'
    return f'<input type="{e(ftype)}" id="{e(fid)}" name="{e(fid)}"{data}{aria}>'


def _date_class(column: Mapping[str, Any]) -> str:
    return ' class="tk-col-date"' if column.get("type") == "date" else ""


def _form_table(tk: Toolkit, tid: str, section_title: str | None, table: Mapping[str, Any]) -> str:
    base = f"tk-{tid}-{table['id']}"
    cols = table["columns"]
    rows = table.get("rows")
    head = (f'<th scope="col" class="tk-row-header">{html.inline(table["row_header"])}</th>' if rows else "") + "".join(
        f'<th scope="col"{_date_class(c)}>{html.inline(c["label"])}</th>' for c in cols)
    body = []
    if rows:
        for r in rows:
            cells = []
            for c in cols:
                fid = f"{base}-{r['id']}-{c['id']}"
                label = f"{r['label']}: {c['label']}"
                cells.append(f'<td><label class="tk-vh" for="{e(fid)}">{e(label)}</label>'
                             f"{_control(fid, c.get('type', 'text'), label, section_title, r['label'], c['label'], lines=2)}</td>")
            body.append(f'<tr data-row-id="{e(r["id"])}"><th scope="row">{html.inline(r["label"])}</th>{"".join(cells)}</tr>')
    else:
        for n in range(1, ENTRY_ROWS + 1):
            cells = []
            for c in cols:
                fid = f"{base}-{n}-{c['id']}"
                label = f"{c['label']}, row {n}"
                cells.append(f'<td><label class="tk-vh" for="{e(fid)}">{e(label)}</label>'
                             f"{_control(fid, c.get('type', 'text'), c['label'], section_title, str(n), c['label'], lines=2)}</td>")
            body.append(f'<tr data-row-id="{n}">{"".join(cells)}</tr>')
    kind = "fixed" if rows else "entries"
    add = ""
    if table.get("extendable") or not rows:
        what = "topic" if rows else "row"
        add = (f'<button type="button" class="md-button tk-add-row" data-table="{e(base)}" hidden>'
               f"Add a {what}</button>")
    # The section's legend names the table; the column headers name each cell's field.
    return html.scroll_region(f'<table class="tk-form-table" id="{e(base)}" data-kind="{kind}">'
                              f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>",
                              section_title or "Form") + add


def template_form(tk: Toolkit, template_id: str) -> str:
    """A template as a plain HTML form: a visible label for every field, tables with a hidden label per cell."""
    tpl = tk.template(template_id)
    tid = tpl["id"]
    sections = []
    for section in tpl["sections"]:
        title = section.get("title")
        parts = []
        for f in section.get("fields") or []:
            fid = f"tk-{tid}-{f['id']}"
            label = tk.field_label(f)
            hint_id = f"{fid}-hint" if f.get("hint") else None
            hint = f'<p class="tk-hint" id="{e(hint_id)}">{html.inline(f["hint"], links=False)}</p>' if hint_id else ""
            parts.append(f'<div class="tk-field tk-field-{e(f.get("type", "text"))}"><label for="{e(fid)}">{e(label)}</label>{hint}'
                         f"{_control(fid, f.get('type', 'text'), label, title, described_by=hint_id)}</div>")
        if section.get("table"):
            parts.append(_form_table(tk, tid, title, section["table"]))
        if title:
            sections.append(f'<fieldset class="tk-section" data-section="{e(title)}">'
                            f'<legend>{html.inline(title, links=False)}</legend>{"".join(parts)}</fieldset>')
        else:
            sections.append(f'<div class="tk-section">{"".join(parts)}</div>')
    actions = (
        '<div class="tk-actions" id="tk-actions" hidden>'
        '<button type="button" class="md-button md-button--primary" data-action="print">Print</button> '
        '<button type="button" class="md-button" data-action="docx">Download for Word (.docx)</button> '
        '<button type="button" class="md-button" data-action="csv">Download for a spreadsheet (.csv)</button></div>'
    )
    # Clearing asks first: the button shows only with the script, which asks in the page (no reset without asking).
    confirm = (
        '<div class="tk-confirm" id="tk-confirm" role="group" aria-labelledby="tk-confirm-title" hidden>'
        '<p class="tk-confirm-title" id="tk-confirm-title" tabindex="-1"><strong>Clear everything you typed in this form?</strong></p>'
        "<p>This cannot be undone. Print or download first if you want to keep it.</p>"
        '<button type="button" class="md-button md-button--primary tk-confirm-yes">Yes, clear the form</button> '
        '<button type="button" class="md-button tk-confirm-no">No, keep it</button></div>'
    )
    return (
        f'<form class="tk-template" id="tk-template" data-template="{e(tid)}" data-title="{e(tpl["title"])}" '
        f'data-toolkit="{e(tk.short_title)}" '
        f'autocomplete="off" novalidate>{"".join(sections)}'
        f'<div class="tk-form-end">{actions}'
        '<button type="button" class="md-button tk-reset" hidden>Clear the form</button>'
        f'{confirm}<p class="tk-status" id="tk-status" role="status" aria-live="polite"></p></div></form>'
    )


def worked_example(tpl: Mapping[str, Any]) -> str:
    """The source's worked example of a template, word for word, in its own section (not printed with the form)."""
    ex = tpl.get("example")
    if not ex:
        return ""
    fictional = f'<p class="tk-fictional"><em>{html.inline(ex["fictional"])}</em></p>' if ex.get("fictional") else ""
    return (f'<section class="tk-worked-example" aria-labelledby="tk-worked-example-title">'
            f'<h2 id="tk-worked-example-title">{html.inline(ex["title"], links=False)}</h2>'
            f'{fictional}<div class="tk-example-body">{blocks(ex["body"], heading_level=3)}</div></section>')


def template_page(tk: Toolkit, template_id: str, script_url: str) -> str:
    """One template: what it is, the privacy note, the form, and the module script that prints and downloads."""
    tpl = tk.template(template_id)
    intro = blocks(tpl["intro"]) if tpl.get("intro") else ""
    how = ("<p>Fill in the form, then print it or download it as a Word document (.docx, which Word, LibreOffice "
           "and Google Docs open) or a spreadsheet (.csv, one row per entry). Printing a blank form gives a paper "
           "copy to fill in by hand.</p>")
    noscript = ("<noscript><p>Without JavaScript you can still fill in the form and print it with your browser's "
                "print command; the downloads need JavaScript.</p></noscript>")
    return _join([
        header(tk, f"Template: {tpl['title']}", tpl["source_title"]),
        _raw(intro + how),
        _raw(PRIVACY),
        _raw(template_form(tk, template_id)),
        _raw(worked_example(tpl)),
        _raw(noscript + f'<script type="module" src="{e(script_url)}"></script>'),
    ])
