"""Framework → page content. Plain functions returning Markdown with embedded, escaped HTML.

No MkDocs here: these functions are the whole of what a page says, so they can be tested on small
fixtures and kept if the site generator is ever swapped (Material for MkDocs ends in 2027).
Every string from a framework passes through thresholds.html (escaped); headings go through
``md_heading`` so they reach the table of contents as text, never markup.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from thresholds import html, present, search
from thresholds.diff import Change, diff
from thresholds.model import CATEGORIES, Framework, Level
from thresholds.concerns import EMPTY, Vocabulary
from thresholds.search import PlainWords

_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def md_heading(level: int, text: str) -> str:
    """A Markdown heading whose text is literal (HTML-escaped, Markdown specials backslashed).

    Escaped once: &, < and > become entities that Markdown keeps as they are; quotes need none, and
    an entity for one (``&#x27;``) would show as text in the table of contents.
    """
    return "#" * level + " " + _MD_SPECIALS.sub(r"\\\1", html.escape_text(text).replace("\n", " "))


def _raw(markup: str) -> str:
    # A raw HTML block must stand alone between blank lines for Markdown to leave it untouched.
    return "\n\n" + markup + "\n\n" if markup else ""


AGE_LIMIT_YEARS = 3  # older guidance than this carries a notice (issue 12): thresholds and services change
BOARDS_REPLACED = 2019  # Local Safeguarding Children Boards gave way to safeguarding partnerships (Children and Social Work Act 2017)
_BOARDS = re.compile(r"\bLSCBs?\b|Safeguarding Children Boards?\b", re.I)
_YEAR = re.compile(r"\b(19[89][0-9]|20[0-9]{2})\b")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def uk_date(value: str) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD date in UK words: "2014", "January 2014", "1 September 2023"."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return value
    year, month, day = m.groups()
    if not month:
        return year
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}" if day else f"{_MONTHS[int(month) - 1]} {year}"


def _last_day(value: str) -> dt.date | None:
    """The last day a YYYY, YYYY-MM or YYYY-MM-DD date can mean (so that a partial date is never aged early)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2) or 12)
    day = int(m.group(3) or calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def edition_date(fw: Framework) -> str:
    """When the framework was published: its ``published`` date, else a year its edition names, else "" (undated)."""
    if fw.published:
        return fw.published
    m = _YEAR.search(fw.edition or "")
    return m.group(1) if m else ""


def review_overdue(fw: Framework, today: dt.date | None = None) -> bool:
    """True when the framework's review date has passed."""
    if not fw.review_date:
        return False
    parts = [int(p) for p in fw.review_date.split("-")]
    due = dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    return (today or dt.date.today()) > due


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def too_old(fw: Framework, today: dt.date | None = None) -> bool:
    """True when the framework is more than AGE_LIMIT_YEARS old, counted from the last day its date can mean."""
    last = _last_day(edition_date(fw))
    return last is not None and (today or dt.date.today()) > _add_years(last, AGE_LIMIT_YEARS)


def _framework_texts(value: Any) -> Iterator[str]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "source":  # the transcriber's notes are not the guidance's own words
                yield from _framework_texts(getattr(value, f.name))
    elif isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _framework_texts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _framework_texts(v)


def refers_to_boards(fw: Framework) -> bool:
    """True when the guidance's text names a Local Safeguarding Children Board (LSCB)."""
    return any(_BOARDS.search(text) for text in _framework_texts(fw))


def age_notice(fw: Framework, today: dt.date | None = None) -> str:
    """A warning when the guidance is undated, more than three years old, or past its review date (else "")."""
    e = html.escape
    # A board named as the publisher no longer exists: send the reader to today's partnership instead.
    board = bool(fw.partnership and _BOARDS.search(fw.partnership))
    who = e(fw.partnership if fw.partnership and not board else f"the {fw.authority} safeguarding children partnership")
    reasons = []
    published = edition_date(fw)
    if not published:
        reasons.append("<li><strong>Undated.</strong> The document gives no date or edition, so its age is not known.</li>")
    elif too_old(fw, today):
        reasons.append(f"<li><strong>More than {AGE_LIMIT_YEARS} years old.</strong> This edition is from "
                       f"{e(uk_date(published))}.</li>")
    if review_overdue(fw, today):
        reasons.append(f"<li><strong>Review overdue.</strong> This guidance was due for review in "
                       f"{e(uk_date(fw.review_date))}.</li>")
    if not reasons:
        return ""
    boards = ""
    if refers_to_boards(fw):
        boards = (f"<p>The text refers to a Local Safeguarding Children Board (LSCB). Boards were replaced by "
                  f"local safeguarding children partnerships in {BOARDS_REPLACED}: the names, procedures and contacts "
                  "may have changed.</p>")
    return ('<div class="admonition warning age-notice review-overdue"><p class="admonition-title">'
            "Check that this guidance is still current</p>"
            f"<ul>{''.join(reasons)}</ul>{boards}"
            f"<p>Check with {who} that it is still in use before you rely on it.</p></div>")


def transcription_note(fw: Framework) -> str:
    """What every page says about its source: a transcription of the partnership's document, and when it was checked."""
    e = html.escape
    src = fw.source
    doc = f"<cite>{e(src.get('document') or fw.title)}</cite>"
    text = f"This page is transcribed from {doc}: the partnership's own document is the authoritative version."
    if src.get("url"):
        text += f" The document: {html.inline(src['url'])}."
    sites = src.get("websites") or []
    if sites:
        what = "website as the document gives it" if len(sites) == 1 else "websites as the document gives them"
        text += f" The partnership's {what}: " + ", ".join(html.inline(u) for u in sites) + "."
    if src.get("checked"):
        text += f" Checked against the document on {e(uk_date(src['checked']))}."
    return f'<p class="framework-meta framework-source">{text}</p>'


def header(fw: Framework, title: str, today: dt.date | None = None, notice: bool = True) -> str:
    """The first heading (naming the authority), edition line, what the page is a transcription of, any age notice
    (``notice=False``: the caller places it, as the overview does below its "call now" box)."""
    e = html.escape
    out = [md_heading(1, f"{fw.authority}: {title}")]
    bits = [f"{e(fw.title)}", f"edition: {e(fw.edition)}"]
    if fw.partnership:
        bits.append(e(fw.partnership))
    if fw.review_date:
        bits.append(f"review due: {e(uk_date(fw.review_date))}")
    meta = f'<p class="framework-meta">{" · ".join(bits)}</p>' + transcription_note(fw)
    if notice:
        meta += age_notice(fw, today)
    return out[0] + _raw(meta)


def judgement_note() -> str:
    """The reminder every level and indicator page carries."""
    return _raw(
        '<div class="admonition tip judgement"><p class="admonition-title">Professional judgement</p>'
        "<p>Indicators are examples, not a checklist to score. They never replace professional judgement: "
        "talk to your designated safeguarding lead or manager. If a child is in immediate danger, call 999.</p></div>"
    )


def _contact_ids_for(fw: Framework, level: Level) -> list[str]:
    return list(level.contacts)


def contacts_html(fw: Framework, ids: Sequence[str] | None = None) -> str:
    """Contacts as a list with tel:, mailto: and web links."""
    e = html.escape
    chosen = [fw.contact(i) for i in ids] if ids is not None else list(fw.contacts)
    items = []
    for c in chosen:
        rows = []
        for p in c.phones:
            label = f"{e(p.label)}: " if p.label else "Phone: "
            rows.append(f'<li>{label}<a href="{e(html.tel_href(p.number))}">{e(p.number)}</a></li>')
        rows += [f'<li>Email: <a href="mailto:{e(m)}">{e(m)}</a></li>' for m in c.emails]
        rows += [f"<li>Web: {html.inline(u)}</li>" for u in c.urls]
        if c.address:
            rows.append(f"<li>Address: {e(c.address)}</li>")
        desc = f"<p>{html.inline(c.description)}</p>" if c.description else ""
        items.append(f'<li class="contact" id="contact-{e(c.id)}"><strong>{e(c.name)}</strong>{desc}<ul>{"".join(rows)}</ul></li>')
    return f'<ul class="contacts">{"".join(items)}</ul>'


def _sections(fw: Framework, page: str) -> str:
    out = []
    for s in fw.sections:
        if s.get("page", "guidance") == page:
            out.append(md_heading(2, s["title"]) + _raw(html.blocks(s["body"])))
    return "\n\n".join(out)


def levels_table(fw: Framework, link_prefix: str = "") -> str:
    """Levels at a glance: name, title, service response — each linking to its detail."""
    e = html.escape
    rows = "".join(
        f'<tr class="rank-{lv.rank}"><th scope="row"><a href="{e(link_prefix)}levels/#{e(lv.id)}">{e(lv.name)}</a></th>'
        f"<td>{html.inline(lv.title)}</td><td>{html.inline(lv.service)}</td>"
        f"<td>{len(fw.indicators_at(lv.id))}</td></tr>"
        for lv in fw.levels
    )
    return html.scroll_region(
        '<table class="levels"><thead><tr><th scope="col">Level</th><th scope="col">Need and risk</th>'
        f'<th scope="col">Service response</th><th scope="col">Indicators</th></tr></thead><tbody>{rows}</tbody></table>',
        f"{fw.authority}: levels at a glance")


def overview(fw: Framework, pages: Sequence[tuple[str, str]], today: dt.date | None = None) -> str:
    """The authority's front page: levels at a glance, where to go next, and the overview sections."""
    e = html.escape
    links = "".join(f'<li><a href="{e(url)}">{e(title)}</a></li>' for url, title in pages)
    urgent = present.act_now_contacts(fw)
    urgent_html = ""
    if fw.act_now_levels():
        # As in the explorer: act now always comes with a number to tap, and where the framework gives
        # none, the page says so rather than pointing at a list with no number in it.
        missing = "" if present.numbers(urgent) else (
            f'<p class="no-number"><strong>{e(present.no_number_notice(fw))}</strong></p>')
        urgent_html = ('<div class="admonition danger act-now"><p class="admonition-title">Worried a child is at risk of significant harm?</p>'
                       f'<p>Call now. In an emergency call <a href="tel:999">999</a>.</p>{missing}'
                       f"{contacts_html(fw, [c.id for c in urgent]) if urgent else ''}</div>")
    src = fw.source
    source = f"Source: {e(src.get('document', ''))}" + (f", {e(src['section'])}" if src.get("section") else "") + "."
    changes = next((url for url, title in pages if url.rstrip("/").endswith("changes")), "changes/")
    notes = (f'<p>What the transcription could not carry (figures, tables that lost their layout) is listed under '
             f'<a href="{e(changes)}">Editions and amendments</a>.</p>') if src.get("notes") else ""
    return "\n\n".join(x for x in [
        header(fw, "Overview", today, notice=False),
        _raw(urgent_html),
        _raw(age_notice(fw, today)),
        md_heading(2, "Levels at a glance"),
        _raw(levels_table(fw)),
        judgement_note(),
        md_heading(2, "In this framework"),
        _raw(f'<ul class="framework-pages">{links}</ul>'),
        _sections(fw, "overview"),
        md_heading(2, "Source"),
        _raw(f"<p>{source}</p>{notes}"),
    ] if x)


def categories_html(lv: Level) -> str:
    """A level's service categories and whether it means act now, in words (colour is never the only cue)."""
    e = html.escape
    cats = "".join(f'<li class="category cat-{e(c)}">{e(CATEGORIES.get(c, c))}</li>' for c in lv.categories)
    act = '<li class="category act-now-badge"><strong>Act now</strong></li>' if lv.act_now else ""
    return f'<ul class="categories" aria-label="Service categories">{cats}{act}</ul>' if cats or act else ""


def bands_html(fw: Framework, lv: Level) -> str:
    """A level's sub-bands (e.g. Level 3a, Level 3b), each with its definition and indicator count."""
    e = html.escape
    out = []
    for b in lv.bands:
        title = f": {html.inline(b.title)}" if b.title else ""
        count = sum(1 for i in fw.indicators_at(lv.id) if i.band == b.id)
        counted = f'<p class="band-count">{count} indicator{"s" if count != 1 else ""}</p>' if count else ""
        out.append(f'<section class="band" id="{e(b.id)}"><h4>{e(b.name)}{title}</h4>'
                   f"{html.blocks(b.definition, heading_level=5)}{counted}</section>")
    return "<h3>Bands within this level</h3>" + "".join(out) if out else ""


def levels_page(fw: Framework, today: dt.date | None = None) -> str:
    """Each level in full: categories, definition, bands, guidance, response, next steps, who to call."""
    out = [header(fw, "Levels of need and response", today), judgement_note()]
    for lv in fw.levels:
        out.append(md_heading(2, f"{lv.name}: {lv.title}") + " {#" + lv.id + "}")
        parts = [categories_html(lv)]
        if lv.service:
            parts.append(f'<p class="service"><strong>{html.inline(lv.service)}</strong></p>')
        parts.append(html.blocks(lv.definition, heading_level=4))
        parts.append(bands_html(fw, lv))
        if lv.guidance:
            parts.append("<h3>Guidance</h3>" + html.blocks(lv.guidance, heading_level=4))
        if lv.response:
            parts.append("<h3>Response by agencies</h3>" + html.blocks(lv.response, heading_level=4))
        if lv.next_steps:
            parts.append("<h3>Next steps</h3>" + html.blocks(lv.next_steps, heading_level=4))
        if lv.contacts:
            parts.append("<h3>Who to contact</h3>" + contacts_html(fw, lv.contacts))
        out.append(_raw("".join(parts)))
    return "\n\n".join(out)


def indicator_meta(fw: Framework, level_id: str, i) -> str:
    """What else the source says about an indicator: its band, age groups, other levels, act now."""
    e = html.escape
    bits = []
    if i.band:
        band = next((b for lv in fw.levels for b in lv.bands if b.id == i.band), None)
        bits.append(f"Band: {e(band.name if band else i.band)}")
    if i.ages:
        bits.append("Ages: " + ", ".join(e(fw.age_groups.get(a, a)) for a in i.ages))
    others = [fw.level(x).name for x in i.levels if x != level_id]
    if others:
        bits.append("Also at: " + ", ".join(e(n) for n in others))
    if i.act_now:
        bits.append("<strong>Act now</strong>")
    return f' <span class="indicator-meta">{" · ".join(bits)}</span>' if bits else ""


def indicator_table(fw: Framework, level_id: str, domain_id: str) -> str:
    """One level's indicators in one domain, grouped by sub-heading where the source has them."""
    e = html.escape
    items = [i for i in fw.indicators_at(level_id) if i.domain == domain_id]
    rows, current = [], None
    for i in items:
        if i.subheading and i.subheading != current:
            current = i.subheading
            rows.append(f'<tr class="subheading"><th scope="colgroup">{html.inline(i.subheading)}</th></tr>')
        # The id stays on the row (a link target, and data-id for the explorer and the thresholds command), not in a column.
        rows.append(f'<tr id="{e(i.id)}" data-id="{e(i.id)}"><td>{html.inline(i.text)}{indicator_meta(fw, level_id, i)}</td></tr>')
    return html.scroll_region(
        '<table class="indicators"><thead><tr><th scope="col">Indicator</th>'
        f'</tr></thead><tbody>{"".join(rows)}</tbody></table>',
        f"{fw.level(level_id).name} indicators: {fw.domain(domain_id).name}")


def indicator_ids(fw: Framework, level_id: str) -> str:
    """The level's indicator ids, folded away: for `thresholds assess` and people checking a rule."""
    e = html.escape
    items = "".join(f'<li><a href="#{e(i.id)}"><code>{e(i.id)}</code></a> {html.inline(i.text, links=False)}</li>'
                    for i in fw.indicators_at(level_id))
    if not items:
        return ""
    return ('<details class="indicator-ids"><summary>Indicator ids (for the <code>thresholds</code> command)</summary>'
            f"<ul>{items}</ul></details>")


def indicators_page(fw: Framework, level_id: str, today: dt.date | None = None) -> str:
    """A level's indicators by domain, with the level's guidance and response."""
    lv = fw.level(level_id)
    out = [header(fw, f"{lv.name} indicators — {lv.title}", today), judgement_note()]
    for d in fw.domains:
        if any(i.domain == d.id for i in fw.indicators_at(level_id)):
            out.append(md_heading(2, d.name) + " {#" + d.id + "}")
            desc = f"<p>{html.inline(d.description)}</p>" if d.description else ""
            out.append(_raw(desc + indicator_table(fw, level_id, d.id)))
    out.append(_raw(indicator_ids(fw, level_id)))
    if lv.guidance:
        out.append(md_heading(2, f"{lv.name} guidance") + _raw(html.blocks(lv.guidance, heading_level=3)))
    if lv.response:
        out.append(md_heading(2, "Response by agencies") + _raw(html.blocks(lv.response, heading_level=3)))
    return "\n\n".join(out)


def consent_page(fw: Framework, today: dt.date | None = None) -> str:
    """Information sharing and consent: the framework's general text, then the rules per level."""
    out = [header(fw, "Information sharing and consent", today), _sections(fw, "consent")]
    for lv in fw.levels:
        if lv.consent:
            out.append(md_heading(2, f"{lv.name}: {lv.title}") + _raw(html.blocks(lv.consent, heading_level=3)))
    return "\n\n".join(x for x in out if x)


def procedure_html(proc: Mapping[str, Any]) -> str:
    """One escalation procedure as an accessible ordered list of steps."""
    e = html.escape
    steps = []
    for n, step in enumerate(proc["steps"], 1):
        title = f'<strong class="step-title">{html.inline(step["title"])}</strong>' if step.get("title") else f"<strong>Step {n}</strong>"
        facts = []
        if step.get("who"):
            facts.append(f"<dt>Who</dt><dd>{html.inline(step['who'])}</dd>")
        if step.get("when"):
            facts.append(f"<dt>When</dt><dd>{html.inline(step['when'])}</dd>")
        if step.get("next"):
            facts.append(f"<dt>If not resolved</dt><dd>{html.inline(step['next'])}</dd>")
        dl = f"<dl>{''.join(facts)}</dl>" if facts else ""
        steps.append(f"<li>{title}{html.blocks(step['what'], heading_level=4)}{dl}</li>")
    intro = html.blocks(proc.get("intro") or [])
    outro = html.blocks(proc.get("outro") or [])
    url = f"<p>Full procedure: {html.inline(proc['url'])}</p>" if proc.get("url") else ""
    return f'{intro}<ol class="steps" id="{e(proc["id"])}-steps">{"".join(steps)}</ol>{outro}{url}'


def escalation_page(fw: Framework, today: dt.date | None = None) -> str:
    """Every disagreement-resolution procedure, step by step."""
    out = [header(fw, "Resolving professional disagreement", today), _sections(fw, "escalation")]
    for proc in fw.escalation:
        out.append(md_heading(2, proc["title"]) + " {#" + proc["id"] + "}" + _raw(procedure_html(proc)))
    if not fw.escalation:
        out.append(_raw("<p>This framework does not set out an escalation procedure.</p>"))
    return "\n\n".join(x for x in out if x)


def contacts_page(fw: Framework, today: dt.date | None = None) -> str:
    """Every contact with tel: and mailto: links."""
    return "\n\n".join(x for x in [header(fw, "Contacts", today), _raw(contacts_html(fw)), _sections(fw, "contacts")] if x)


def glossary_page(fw: Framework, today: dt.date | None = None) -> str:
    """The glossary as a definition list."""
    e = html.escape
    items = "".join(
        f'<dt id="term-{e(re.sub(r"[^a-z0-9]+", "-", g["term"].lower()).strip("-"))}">{e(g["term"])}</dt><dd>{html.inline(g["definition"])}</dd>'
        for g in sorted(fw.glossary, key=lambda g: g["term"].lower())
    )
    body = f'<dl class="glossary">{items}</dl>' if items else "<p>This framework has no glossary.</p>"
    return header(fw, "Glossary", today) + _raw(body)


def checklist_html(cl: Mapping[str, Any]) -> str:
    """A checklist: intro, items, outro."""
    return html.blocks(cl.get("intro") or []) + html.list_items(cl["items"]) + html.blocks(cl.get("outro") or [])


def guidance_page(fw: Framework, today: dt.date | None = None) -> str:
    """Everything else the framework says: prose sections, checklists, timescales."""
    e = html.escape
    out = [header(fw, "Guidance", today), _sections(fw, "guidance")]
    for cl in fw.checklists:
        out.append(md_heading(2, cl["title"]) + " {#" + cl["id"] + "}" + _raw(checklist_html(cl)))
    if fw.timescales:
        rows = "".join(
            f"<tr><td>{html.inline(t['stage'])}</td><td>{html.inline(t['timescale'])}</td><td>{html.inline(t.get('notes', '')) if t.get('notes') else ''}</td></tr>"
            for t in fw.timescales
        )
        out.append(md_heading(2, "Timescales") + _raw(
            html.scroll_region('<table><thead><tr><th scope="col">Stage</th><th scope="col">Timescale</th>'
                               f'<th scope="col">Notes</th></tr></thead><tbody>{rows}</tbody></table>', "Timescales")))
    del e
    return "\n\n".join(x for x in out if x)


def _change_rows(changes: Sequence[Change]) -> str:
    e = html.escape

    def show(value: Any) -> str:
        if value is None:
            return ""
        return html.inline(value) if isinstance(value, str) else f"<code>{e(repr(value))}</code>"

    rows = "".join(
        f"<tr><td>{e(c.kind)}</td><td><code>{e(c.id)}</code></td><td>{show(c.before)}</td><td>{show(c.after)}</td></tr>"
        for c in changes
    )
    return html.scroll_region(
        '<table class="changes"><thead><tr><th scope="col">Change</th><th scope="col">Id</th>'
        f'<th scope="col">Before</th><th scope="col">After</th></tr></thead><tbody>{rows}</tbody></table>',
        "Changes")


def changes_page(fw: Framework, previous: Framework | None = None, today: dt.date | None = None) -> str:
    """Editions and amendments (the changelog), and what changed since the previous edition."""
    e = html.escape
    out = [header(fw, "Editions and amendments", today)]
    if fw.changelog:
        rows = "".join(
            f"<tr><td>{e(uk_date(c['date']))}</td><td>{e(c.get('edition', ''))}</td><td>{html.inline(c['summary'])}</td><td>{e(c.get('approved_by', ''))}</td></tr>"
            for c in fw.changelog
        )
        out.append(_raw(html.scroll_region(
            '<table><thead><tr><th scope="col">Date</th><th scope="col">Edition</th>'
            f'<th scope="col">What changed</th><th scope="col">Approved by</th></tr></thead><tbody>{rows}</tbody></table>',
            "Amendments")))
    else:
        out.append(_raw(f"<p>No amendments recorded since the {e(fw.edition)} edition.</p>"))
    if previous is not None:
        d = diff(previous, fw)
        out.append(md_heading(2, f"Changes since the {previous.edition} edition"))
        if not d.changes:
            out.append(_raw("<p>No differences in indicators, levels, rules, contacts or escalation routes.</p>"))
        titles = {"indicator": "Indicators", "level": "Levels", "rule": "How a level is suggested",
                  "contact": "Contacts", "escalation": "Escalation routes", "framework": "About the framework"}
        for section, title in titles.items():
            changes = d.of(section)
            if changes:
                out.append(md_heading(3, title) + _raw(_change_rows(changes)))
    out.append(md_heading(2, "About this transcription") + " {#transcription}")
    out.append(_raw(transcription_html(fw)))
    return "\n\n".join(out)


def transcription_html(fw: Framework) -> str:
    """The transcriber's notes, for readers: what the source is and what its text could not carry."""
    e = html.escape
    src = fw.source
    parts = [f"<p>These pages are transcribed word for word from <cite>{e(src.get('document') or fw.title)}</cite>"
             + (f" ({e(src['section'])})" if src.get("section") else "") + ". Obvious typing errors are corrected. "
             "Where the document has a figure or a table that did not survive as text, the page says so rather than "
             "guess at it.</p>"]
    if src.get("checked"):
        parts.append(f"<p>Last checked against the document on {e(uk_date(src['checked']))}.</p>")
    if src.get("notes"):
        parts.append(f'<div class="transcriber-notes"><p>{html.inline(src["notes"])}</p></div>')
    return "".join(parts)


def explorer_head(script_url: str, data_url: str, pyodide_url: str, worker_url: str) -> str:
    """What the explorer page puts in its ``<head>``: the page script, which starts the engine at once.

    The script is a plain (classic, not ``async``) script at the top of the head, so it runs before the
    parser reaches the body: the Web Worker starts, and fetches the runtime, while the rest of the page
    is still arriving and being laid out. (An ``async`` script waited for the parser to yield: measured,
    the worker got its first message 130-300 ms after navigation rather than about 40 ms.) It is small
    and loads while the stylesheets, which also hold up the first paint, are loading. The runtime is not
    preloaded: the worker asks for each file once. Preloading copied the 9.6 MB wasm on the page's main
    thread (measured: ready about 50 ms later on a fast link, for under 0.1 s gained on a 10 Mbit/s
    one) and, from a server that sends no cache headers, downloaded it twice.
    The URLs are the script's own attributes; the form only shows the state.
    """
    e = html.escape
    return (f'<script src="{e(script_url)}" data-framework-url="{e(data_url)}" data-pyodide-url="{e(pyodide_url)}" '
            f'data-worker-url="{e(worker_url)}"></script>')


def explorer_page(fw: Framework, today: dt.date | None = None, vocabulary: Sequence[PlainWords] = (),
                  concerns: Vocabulary = EMPTY) -> str:
    """The threshold explorer: the danger question and act-now card, a plain HTML checklist (usable before
    Pyodide loads and without JavaScript), the sticky summary, the result panel and the print record.

    Each indicator carries its search terms (``data-terms``: own words, domain, sub-heading, glossary
    expansions, plain words from ``vocabulary``, the labels and synonyms of its ``concerns``), so the page's
    filter is a plain substring match.
    Checkboxes have no ``name`` and the form no action: no submission can ever carry a tick.
    """
    e = html.escape
    groups = []
    for lv in fw.levels:
        for d in fw.domains:
            items = [i for i in fw.indicators if i.level == lv.id and i.domain == d.id]
            if not items:
                continue
            boxes = []
            for i in items:
                sub = f'<span class="subheading">{e(i.subheading)}: </span>' if i.subheading else ""
                boxes.append(
                    f'<div class="indicator" data-terms="{e(search.indicator_terms(fw, i, vocabulary, concerns))}">'
                    f'<input type="checkbox" class="indicator-box" id="i-{e(i.id)}" value="{e(i.id)}">'
                    f'<label for="i-{e(i.id)}">{sub}{html.inline(i.text, links=False)}</label></div>'
                )
            groups.append(
                f'<fieldset class="indicator-group rank-{lv.rank}" data-level="{e(lv.id)}" data-domain="{e(d.id)}">'
                f"<legend>{e(lv.name)} · {e(d.name)}</legend>{''.join(boxes)}</fieldset>"
            )
    # Outside the form, so the answer has no form to be submitted with; shown by CSS alone (:has), so it
    # works before the engine loads and without JavaScript.
    danger = (
        '<section class="danger-first" aria-labelledby="danger-question">'
        '<fieldset class="danger-question"><legend><h2 id="danger-question">Is a child in immediate danger, '
        "or has a child told you they are being harmed?</h2></legend>"
        '<div class="danger-radios">'
        '<div class="radio"><input type="radio" name="danger" id="danger-yes" value="yes" autocomplete="off" '
        'aria-controls="act-now"><label for="danger-yes">Yes</label></div>'
        '<div class="radio"><input type="radio" name="danger" id="danger-no" value="no" autocomplete="off">'
        '<label for="danger-no">No, go to the checklist</label></div></div></fieldset>'
        f"{present.act_now_card(fw, card_id='act-now')}"
        '<p class="danger-link"><a href="#act-now">Who to call now</a></p></section>'
    )
    form = (
        # The engine is started by the page script in the head (explorer_head); the form shows its state.
        '<form id="explorer" data-state="loading" autocomplete="off">'
        # A disabled default button: pressing Enter in the filter submits nothing, even without JavaScript.
        '<button type="submit" disabled hidden>Nothing to submit</button>'
        '<div class="explorer-layout"><div class="explorer-main"><div class="explorer-controls">'
        '<label for="explorer-filter">Filter indicators</label>'
        '<p class="filter-hint" id="explorer-filter-hint">Words, abbreviations or everyday words, such as '
        "“hungry”, “bruises” or “drugs”.</p>"
        '<input type="search" id="explorer-filter" enterkeyhint="search" aria-describedby="explorer-filter-hint explorer-filter-count">'
        '<p id="explorer-filter-count" class="filter-count" aria-live="polite"></p>'
        '<p id="explorer-status" role="status" class="explorer-status">Starting the explorer… The checklist below works now; '
        "the suggestion appears when the explorer has loaded.</p>"
        '<div class="explorer-buttons">'
        '<button type="button" id="explorer-copy" class="md-button">Copy summary</button> '
        '<button type="button" id="explorer-print" class="md-button">Print record</button> '
        '<button type="button" id="explorer-clear" class="md-button">Clear</button></div></div>'
        '<div class="explorer-checklist" id="explorer-checklist">'
        f"{''.join(groups)}</div></div>"
        '<div class="explorer-aside">'
        f'<div id="explorer-summary" class="explorer-summary">{present.empty_summary()}</div>'
        '<p id="explorer-live" class="visually-hidden" aria-live="polite"></p>'
        '<section id="explorer-result" class="explorer-result" aria-label="Suggested level" tabindex="-1">'
        "<p>Tick what you see. The suggested level, why, what to do next and who to call appear here.</p>"
        "</section></div></div>"
        '<div id="explorer-record" class="explorer-record print-only"><p>Nothing is ticked: this printout holds no result.</p></div>'
        "</form>"
    )
    privacy = (
        '<div class="admonition info privacy"><p class="admonition-title">Nothing is saved or sent</p>'
        "<p>What you tick stays in this browser tab. Nothing is sent to any server, nothing is saved, and leaving "
        "the page forgets it. Do not type a child's name anywhere: the summary has no place for one.</p></div>"
    )
    return "\n\n".join([
        header(fw, "Threshold explorer", today),
        _raw(danger),
        judgement_note(),
        _raw(privacy),
        _raw(form),
        _raw('<noscript><p>Without JavaScript the explorer cannot suggest a level. Use the checklist with the <a href="../levels/">levels guidance</a>.</p></noscript>'),
    ])


def compare_page(frameworks: Sequence[Framework]) -> str:
    """Every framework's levels lined up by service category, each in the authority's own names.

    Columns are the categories any framework uses, in service order; a level covering adjacent
    categories spans them. At narrow widths the CSS stacks each authority as a card (data-label
    names each cell's categories), so nothing breaks mid-word on a phone.
    """
    e = html.escape
    used = [c for c in CATEGORIES if any(fw.levels_in(c) for fw in frameworks)]
    head = "".join(f'<th scope="col">{e(CATEGORIES[c])}</th>' for c in used)
    rows = []
    for fw in frameworks:
        cells: list[tuple[list[str], tuple[Level, ...]]] = []
        for c in used:
            lvs = fw.levels_in(c)
            if cells and lvs and cells[-1][1] == lvs:
                cells[-1][0].append(c)  # the same level(s) cover this category too: one wider cell
            else:
                cells.append(([c], lvs))
        tds = []
        for cats, lvs in cells:
            label = " and ".join(CATEGORIES[c] for c in cats)
            span = f' colspan="{len(cats)}"' if len(cats) > 1 else ""
            if not lvs:
                tds.append(f'<td class="none" data-label="{e(label)}"{span}><span class="visually-hidden">No level</span>'
                           '<span aria-hidden="true">—</span></td>')
                continue
            body = "".join(
                f'<p><a href="../frameworks/{e(fw.id)}/levels/#{e(lv.id)}"><strong>{e(lv.name)}</strong></a><br>{html.inline(lv.title)}'
                + (f"<br><small>{html.inline(lv.service)}</small>" if lv.service else "")
                + (' <strong class="act-now-badge">Act now</strong>' if lv.act_now else "") + "</p>"
                for lv in lvs)
            tds.append(f'<td data-label="{e(label)}"{span}>{body}</td>')
        rows.append(f'<tr><th scope="row"><a href="../frameworks/{e(fw.id)}/">{e(fw.authority)}</a> '
                    f'<small>{e(fw.edition)}</small></th>{"".join(tds)}</tr>')
    table = html.scroll_region(f'<table class="compare"><thead><tr><th scope="col">Authority</th>{head}</tr></thead>'
                               f"<tbody>{''.join(rows)}</tbody></table>", "Levels by authority and service category")
    intro = ("<p>Each authority's levels, in its own names, lined up by the service each level leads to: universal "
             "services, early help, targeted early help, child in need (s.17 Children Act 1989), child protection (s.47) "
             "and looked-after children. A level that covers more than one service spans them.</p>")
    return md_heading(1, "Compare authorities' levels") + _raw(intro + table)


def authority_links(frameworks: Sequence[Framework], suffix: str = "", prefix: str = "frameworks/") -> str:
    """A list of authorities linking to one page of each (for the home and explorer pages)."""
    e = html.escape
    items = "".join(
        f'<li><a href="{e(prefix)}{e(fw.id)}/{e(suffix)}">{e(fw.authority)}</a> <small>{e(fw.edition)}</small></li>'
        for fw in sorted(frameworks, key=lambda f: f.authority.lower())
    )
    return f'<ul class="authorities">{items}</ul>'
