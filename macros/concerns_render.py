"""Concerns → page content: the index of concerns, and one page per concern across every authority.

Plain functions returning Markdown with embedded HTML, like macros.render; every string from data passes
through thresholds.html. A concern page lines up each authority's own indicators for that concern under
its own level names, in its own words: a table on a wide screen, one card per authority on a phone
(docs/stylesheets/site.css).
"""

from __future__ import annotations

from collections.abc import Sequence

from thresholds import html
from thresholds.compare import NOTICE
from thresholds.concerns import Concern, Vocabulary
from thresholds.model import Framework, Indicator

from .render import md_heading

def _raw(markup: str) -> str:
    return "\n\n" + markup + "\n\n" if markup else ""


def indicators_for(fw: Framework, concern_id: str) -> list[Indicator]:
    """A framework's indicators that name this concern, in the framework's order."""
    return [i for i in fw.indicators if concern_id in i.concerns]


def _ranks(frameworks: Sequence[Framework]) -> list[int]:
    return sorted({lv.rank for fw in frameworks for lv in fw.levels})


def _cell(fw: Framework, rank: int, found: list[Indicator], site_root: str) -> str:
    e = html.escape
    parts = []
    for lv in (lv for lv in fw.levels if lv.rank == rank):
        here = [i for i in found if lv.id in (i.levels or (i.level,))]
        head = f'<p class="concern-level"><a href="{e(site_root)}frameworks/{e(fw.id)}/levels/#{e(lv.id)}"><strong>{e(lv.name)}</strong></a> <span class="concern-level-title">{html.inline(lv.title, links=False)}</span></p>'
        if here:
            items = "".join(
                f'<li><a href="{e(site_root)}frameworks/{e(fw.id)}/indicators/{e(lv.id)}/#{e(i.id)}">'
                f"{html.inline(i.text, links=False)}</a></li>" for i in here
            )
            parts.append(f'<div class="concern-cell-level">{head}<ul>{items}</ul></div>')
        else:
            parts.append(f'<div class="concern-cell-level concern-none">{head}<p>No indicator at this level.</p></div>')
    empty = not any(lv.id in (i.levels or (i.level,)) for lv in fw.levels if lv.rank == rank for i in found)
    return f'<td class="{"concern-empty" if empty else "concern-found"}">{"".join(parts)}</td>'


def concern_page(concern: Concern, frameworks: Sequence[Framework], site_root: str = "../../") -> str:
    """One concern: its definition and every authority's indicators for it, level by level, side by side."""
    e = html.escape
    ranks = _ranks(frameworks)
    with_it = [(fw, indicators_for(fw, concern.id)) for fw in sorted(frameworks, key=lambda f: f.authority.lower())]
    having = [(fw, found) for fw, found in with_it if found]
    lacking = [fw for fw, found in with_it if not found]
    intro = (f'<p class="concern-definition">{html.inline(concern.definition)}</p>'
             f'<p class="concern-meta">{e(concern.group_label)}'
             + (f" · also called: {e(', '.join(concern.synonyms))}" if concern.synonyms else "") + "</p>"
             f'<div class="admonition note"><p class="admonition-title">Each area in its own words</p>'
             "<p>Each authority is shown with its own indicators for this concern, under its own level names, "
             "lowest level first. Levels at the same rank are at the same place in each framework's order: they "
             f"need not mean the same service. {e(NOTICE)}</p></div>")
    out = [md_heading(1, f"Concern: {concern.label}"), _raw(intro)]
    if having:
        head = "".join(f'<th scope="col">Rank {r}{" (lowest)" if r == ranks[0] else " (highest)" if r == ranks[-1] else ""}</th>'
                       for r in ranks)
        rows = "".join(
            f'<tr class="concern-authority" id="{e(fw.id)}"><th scope="row"><a href="{e(site_root)}frameworks/{e(fw.id)}/">{e(fw.authority)}</a>'
            f'<br><small>{e(fw.edition)} · {len(found)} indicator{"s" if len(found) != 1 else ""}</small></th>'
            + "".join(_cell(fw, r, found, site_root) for r in ranks) + "</tr>"
            for fw, found in having
        )
        caption = f"{concern.label}: each authority's indicators by level"
        out.append(_raw(html.scroll_region(
            f'<table class="concern-table"><caption>{e(caption)}</caption><thead><tr><th scope="col">Authority</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>", caption)))
    if lacking:
        names = ", ".join(f'<a href="{e(site_root)}frameworks/{e(fw.id)}/">{e(fw.authority)}</a>' for fw in lacking)
        out.append(_raw(f'<p class="concern-lacking">No indicator names this concern in: {names}.</p>'))
    out.append(_raw(f'<p><a href="{e(site_root)}concerns/">All concerns</a></p>'))
    return "\n\n".join(out)


def concerns_index(vocabulary: Vocabulary, frameworks: Sequence[Framework], site_root: str = "../") -> str:
    """Every concern by side of the assessment triangle, with how many authorities and indicators name it."""
    e = html.escape
    out = [md_heading(1, "Concerns across authorities"), _raw(
        "<p>The same worry, read across every area's framework. Each concern's page shows every authority's "
        "indicators for it, in its own words and under its own level names. Concerns are grouped by the three "
        "sides of the assessment triangle.</p>")]
    for group, label, concerns in vocabulary.by_group():
        items = []
        for c in concerns:
            count = sum(len(indicators_for(fw, c.id)) for fw in frameworks)
            areas = sum(1 for fw in frameworks if indicators_for(fw, c.id))
            items.append(
                f'<li><a href="{e(site_root)}concerns/{e(c.id)}/"><strong>{e(c.label)}</strong></a>'
                f" <small>{areas} authorit{'ies' if areas != 1 else 'y'}, {count} indicator{'s' if count != 1 else ''}</small>"
                f"<br>{html.inline(c.definition)}</li>"
            )
        out.append(md_heading(2, label) + " {#" + group + "}")
        out.append(_raw(f'<ul class="concerns-index">{"".join(items)}</ul>'))
    return "\n\n".join(out)
