"""An assessment as the reader sees it: result panel, sticky summary, live-region line, act-now card,
print record and the plain-text summary. Presented once, here; the page script and the CLI only place it.

Standard library only: this runs in Pyodide. Every string from a framework reaches HTML through
``thresholds.html``. What the explorer shows on act-now never depends on the framework giving a
number: 999 is always a tap target, and a framework without one is said to give none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import html
from .assess import Assessment
from .model import Contact, Framework, Phone

LIVE_LIMIT = 300  # characters a screen reader reads after each tick: the short line, never the panel
_NAME_LIMIT = 90  # a level's name or title in the short line, clipped so the line stays short
EMERGENCY = Phone("999", "Emergency (police, ambulance)")
UNCONTROLLED = "Uncontrolled when printed: check the framework's current edition before relying on this record."
DO_NOW = (
    "If a child is in immediate danger, call 999 now.",
    "Otherwise call the number here now: do not wait until you have ticked anything else.",
    "Tell your designated safeguarding lead or manager as soon as you can.",
    "Write down what you saw or were told, in the words used, with the date and time.",
)


@dataclass(frozen=True)
class Presentation:
    """Everything the explorer page places after a tick (see browser.assess_json)."""

    panel: str  # the full result panel (HTML)
    summary: str  # the compact sticky summary (HTML): level, and for act-now the numbers to tap
    line: str  # the live-region line, at most LIVE_LIMIT characters
    record: str  # the print record (HTML): result, ticked indicators only, edition, date
    text: str  # the plain-text summary for copy (and the CLI's assess)


# Small helpers ---------------------------------------------------------------------------------


def plain(text: str) -> str:
    """Framework text without its **bold** marks, for plain-text output."""
    return re.sub(r"\*\*(.+?)\*\*", r"\1", str(text))


def clip(text: str, limit: int) -> str:
    """Text cut to at most ``limit`` characters, with an ellipsis where it was cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def uk_date(day: dt.date) -> str:
    """A date as UK readers write it: 1 December 2026."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def level_label(level_name: str, level_title: str) -> str:
    """A level in the framework's own words: "Level 3 — Child in Need"."""
    return f"{level_name} — {level_title}" if level_title and level_title != level_name else level_name


# Act now: who to call, and 999 whatever the framework says --------------------------------------


def _unique_contacts(fw: Framework, ids: Sequence[str]) -> list[Contact]:
    seen: dict[str, Contact] = {}
    for contact_id in ids:
        seen.setdefault(contact_id, fw.contact(contact_id))
    return list(seen.values())


def act_now_contacts(fw: Framework) -> list[Contact]:
    """The contacts of every level an act-now result can come from (``Framework.act_now_levels``), once
    each, in framework order: the danger card and the overview page's act-now box both offer these."""
    return _unique_contacts(fw, [c for lv in fw.act_now_levels() for c in lv.contacts])


def numbers(contacts: Sequence[Contact]) -> list[tuple[Contact, Phone]]:
    """Every phone number of these contacts, once each, except 999, which is always offered separately."""
    out, seen = [], {"999"}
    for c in contacts:
        for p in c.phones:
            digits = re.sub(r"\D", "", p.number)
            if digits not in seen:
                seen.add(digits)
                out.append((c, p))
    return out


def no_number_notice(fw: Framework) -> str:
    """What to say when the framework's act-now level gives no number to call."""
    return (f"{fw.authority}'s guidance gives no referral number: call 999 if a child is in immediate danger, "
            "or your local children's social care front door.")


def call_buttons(fw: Framework, contacts: Sequence[Contact], limit: int | None = None) -> str:
    """Large tel: tap targets: the framework's numbers, then 999 (always)."""
    e = html.escape
    out = []
    for c, p in numbers(contacts)[:limit]:
        label = c.name + (f" ({p.label})" if p.label else "")
        out.append(f'<a class="call-button" href="{e(html.tel_href(p.number))}">'
                   f'<span class="call-name">{e(label)}</span> <span class="call-number">{e(p.number)}</span></a>')
    out.append(f'<a class="call-button call-999" href="tel:999"><span class="call-name">Immediate danger</span> '
               f'<span class="call-number">999</span></a>')
    return f'<div class="call-buttons">{"".join(out)}</div>'


def act_now_card(fw: Framework, contacts: Sequence[Contact] | None = None, heading_level: int = 2,
                 card_id: str = "") -> str:
    """The act-now card: the numbers to tap, 999, and what to do now. Rendered on the page (it works
    before the engine loads and without JavaScript) and in the result panel."""
    e = html.escape
    contacts = act_now_contacts(fw) if contacts is None else list(contacts)
    h = f"h{heading_level}"
    attr = f' id="{e(card_id)}"' if card_id else ""
    notice = "" if numbers(contacts) else f'<p class="no-number"><strong>{e(no_number_notice(fw))}</strong></p>'
    steps = "".join(f"<li>{e(s)}</li>" for s in DO_NOW)
    more = ""
    if contacts:
        more = f"<details class=\"act-now-contacts\"><summary>Who these are</summary>{contacts_list(contacts)}</details>"
    return (f'<div class="act-now-card"{attr}><{h} class="act-now-title">Act now: call</{h}>'
            f"{notice}{call_buttons(fw, contacts)}<p><strong>What to do now</strong></p><ol>{steps}</ol>{more}</div>")


def contacts_list(contacts: Sequence[Contact]) -> str:
    """Contacts with tel: and mailto: links."""
    e = html.escape
    items = []
    for c in contacts:
        phones = "".join(
            f'<li>{e(p.label + ": ") if p.label else ""}<a href="{e(html.tel_href(p.number))}">{e(p.number)}</a></li>'
            for p in c.phones
        )
        emails = "".join(f'<li><a href="mailto:{e(m)}">{e(m)}</a></li>' for m in c.emails)
        desc = f"<p>{html.inline(c.description)}</p>" if c.description else ""
        items.append(f'<li class="contact"><strong>{e(c.name)}</strong>{desc}<ul>{phones}{emails}</ul></li>')
    return f'<ul class="contacts">{"".join(items)}</ul>'


# Why not higher ---------------------------------------------------------------------------------


def why_not(fw: Framework, result: Assessment) -> list[str]:
    """Count rules for a higher level that the ticks fall short of, in the framework's own terms:
    "1 Level 3 need ticked; Kirklees suggests Level 3 (Child in Need) for 2 or more".

    Generic over any framework: a rule is reported when at least one ticked indicator counts towards
    it but fewer than its ``min`` do, or they span fewer than its ``min_domains`` domains."""
    out: list[str] = []
    ticked = [fw.indicator(i) for i in result.ticked]
    for rule in fw.rules:
        if rule.count_at_or_above is None or fw.rank_of(rule.level) <= result.rank:
            continue
        floor = fw.level(rule.count_at_or_above)
        top = max(lv.rank for lv in fw.levels)
        hits = [i for i in ticked if fw.rank_of(i.level) >= floor.rank]
        domains = {i.domain for i in hits}
        if not hits or (len(hits) >= rule.min and len(domains) >= rule.min_domains):
            continue
        target = fw.level(rule.level)
        kind = floor.name if floor.rank == top else f"{floor.name} (or higher)"
        need = "need" if len(hits) == 1 else "needs"
        said = f"{len(hits)} {kind} {need} ticked"
        wants = f"for {rule.min} or more" if rule.min > 1 else "for 1 or more"
        if rule.min_domains > 1:
            said += f" in {_plural(len(domains), 'area')}"
            wants += f" across {rule.min_domains} or more areas"
        title = f" ({target.title})" if target.title and target.title != target.name else ""
        line = f"{said}; {fw.authority} suggests {target.name}{title} {wants}."
        if line not in out:
            out.append(line)
    return out


# The pieces of a result ----------------------------------------------------------------------------


def short_line(fw: Framework, result: Assessment) -> str:
    """The live-region line: level, act-now number, tick count, first reason it is not higher."""
    count = len(result.ticked)
    level = f"{clip(result.level_name, _NAME_LIMIT)}, {clip(result.level_title, _NAME_LIMIT)}"
    if not count:
        line = f"No indicators ticked. Suggested: {level}."
    elif result.act_now:
        phones = numbers(result.contacts)
        call = f"call {phones[0][1].number}" if phones else "the framework gives no number: call 999 if a child is in immediate danger"
        line = f"Act now: {level}; {call}. {_plural(count, 'indicator')} ticked."
    else:
        line = f"Suggested: {level}. {_plural(count, 'indicator')} ticked."
        short = why_not(fw, result)
        if short and len(line) + 1 + len(short[0]) <= LIVE_LIMIT:
            line += " " + short[0]
    return clip(line, LIVE_LIMIT)


def summary_html(fw: Framework, result: Assessment) -> str:
    """The compact sticky summary: the level in the framework's own name, the count, for act-now the
    numbers to tap, and a link to the full explanation that follows it."""
    e = html.escape
    count = len(result.ticked)
    act = " act-now" if result.act_now else ""
    out = [f'<div class="summary rank-{result.rank}{act}" data-rank="{result.rank}" '
           f'data-act-now="{"true" if result.act_now else "false"}">']
    lead = "Act now" if result.act_now else "Suggested"
    out.append(f'<p class="summary-line"><span class="summary-level">{lead}: <strong>{e(result.level_name)}</strong>'
               f'<span class="summary-title"> {e(result.level_title)}</span></span> '
               f"<span class=\"summary-count\">{e(_plural(count, 'tick'))}</span> "
               '<a class="summary-more" href="#explorer-result">Why, and what to do</a></p>')
    if result.act_now:
        if not numbers(result.contacts):
            out.append(f'<p class="no-number">{e(no_number_notice(fw))}</p>')
        out.append(call_buttons(fw, result.contacts, limit=2))
    else:
        short = why_not(fw, result)
        if short:
            out.append(f'<p class="summary-why-not">{e(short[0])}</p>')
    out.append("</div>")
    return "".join(out)


def empty_summary() -> str:
    """The summary before anything is ticked (also rendered on the page itself)."""
    return ('<div class="summary" data-rank="0"><p class="summary-line">Nothing ticked yet. '
            "Tick what you see: the suggested level shows here.</p></div>")


def ticked_list(fw: Framework, result: Assessment) -> str:
    """The ticks so far as a summary list, each with a Remove button that unticks it."""
    e = html.escape
    if not result.ticked:
        return ""
    rows = []
    for i in result.ticked:
        ind = fw.indicator(i)
        where = f"{fw.level(ind.level).name} · {fw.domain(ind.domain).name}"
        rows.append(
            f'<div class="summary-list-row"><dt>{e(where)}</dt><dd>{html.inline(ind.text, links=False)}</dd>'
            f'<dd class="summary-list-actions"><button type="button" class="remove-tick" data-untick="{e(i)}">'
            f'Remove<span class="visually-hidden"> {e(clip(plain(ind.text), 80))}</span></button></dd></div>'
        )
    return f'<h3>What you ticked ({len(result.ticked)})</h3><dl class="summary-list">{"".join(rows)}</dl>'


def panel_html(fw: Framework, result: Assessment) -> str:
    """The full result panel: level, act-now card, why, why not higher, what to do, consent, contacts."""
    e = html.escape
    out = [f'<div class="result rank-{result.rank}" data-level="{e(result.level)}" data-rank="{result.rank}">']
    out.append(f'<h2 class="result-level">Suggested: {e(result.level_name)} — {e(result.level_title)}</h2>')
    if result.act_now:
        out.append('<div class="admonition danger act-now"><p class="admonition-title">Act now</p>'
                   "<p>This suggests a child may be suffering, or at risk of, significant harm. Do not wait: "
                   "call now. If a child is in immediate danger call 999.</p>")
        out.append(act_now_card(fw, result.contacts, heading_level=3))
        out.append("</div>")
    out.append(f'<p class="judgement">{e(result.judgement)}</p>')
    out.append("<h3>Why</h3>")
    deciding = deciding_reasons(result)
    if deciding:
        out.append('<ul class="reasons">')
        for reason in deciding:
            texts = "".join(f"<li>{html.inline(fw.indicator(i).text)}</li>" for i in reason.indicators)
            quote = f"<blockquote>{html.inline(reason.quote)}</blockquote>" if reason.quote else ""
            out.append(f"<li><strong>{html.inline(reason.explanation)}</strong>{quote}<ul>{texts}</ul></li>")
        out.append("</ul>")
    elif result.ticked:
        names = "".join(f"<li>{html.inline(fw.indicator(i).text)}</li>" for i in result.ticked)
        out.append("<p>Nothing ticked reaches a higher level than this one under this framework's rules:</p>"
                   f"<ul>{names}</ul>")
    else:
        out.append("<p>No indicators ticked yet: with nothing ticked the framework starts at its universal level.</p>")
    short = why_not(fw, result)
    if short:
        out.append('<h3>Why not higher</h3><ul class="why-not">' + "".join(f"<li>{e(s)}</li>" for s in short) + "</ul>")
    out.append(ticked_list(fw, result))
    if result.response:
        out.append("<h3>What to do next</h3>" + html.blocks(result.response, heading_level=4))
    if result.next_steps:
        out.append("<h3>Next steps</h3>" + html.blocks(result.next_steps, heading_level=4))
    if result.also_at:
        # An indicator the source lists at several levels counts at its lowest: say where else it appears.
        also = "".join(
            f"<li>{html.inline(fw.indicator(i).text)}: also listed at "
            f"{e(', '.join(fw.level(x).name for x in levels))}</li>" for i, levels in result.also_at)
        out.append(f'<p>The framework also lists these at a higher level; use your judgement:</p><ul class="also-at">{also}</ul>')
    if result.consent:
        out.append("<h3>Consent and information sharing at this level</h3>" + html.blocks(result.consent, heading_level=4))
    if result.contacts and not result.act_now:
        out.append("<h3>Who to call</h3>" + contacts_list(result.contacts))
    # Seam: further sections (e.g. "How other areas describe this") go here, before the links.
    out.extend(extra_sections(fw, result))
    # The panel sits in frameworks/<id>/explorer/: its sibling pages are one level up.
    links = [f'<li><a href="../levels/#{e(result.level)}">{e(result.level_name)} in full: definition, guidance and response</a></li>']
    if fw.escalation:
        links.append('<li><a href="../escalation/">If you disagree with a decision about the level: resolving professional disagreement</a></li>')
    links.append('<li><a href="../contacts/">All contacts</a></li>')
    out.append(f'<h3>More</h3><ul class="result-links">{"".join(links)}</ul>')
    out.append(f'<p class="edition">{e(fw.authority)} — {e(fw.title)}, {e(fw.edition)}.</p>')
    out.append("</div>")
    return "".join(out)


def extra_sections(fw: Framework, result: Assessment) -> list[str]:
    """Sections other modules add to the panel (none yet): each an HTML string, placed before "More"."""
    return []


def deciding_reasons(result: Assessment) -> list[Any]:
    """The rules that set the level; lower ones that also fired stay in the JSON result."""
    return [r for r in result.reasons if r.rank == result.rank]


# The record: one structure, rendered as plain text (copy, CLI) and as print HTML ------------------


@dataclass(frozen=True)
class Section:
    """A record's titled lines, then titled groups of lines (the ticked indicators by level)."""

    title: str
    lines: tuple[str, ...] = ()
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Record:
    """What a printout or a copied summary says: a heading, when, and titled sections of lines."""

    heading: str
    made: str
    sections: tuple[Section, ...]


def ticked_groups(fw: Framework, ticked: Sequence[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The ticked indicators grouped by level, lowest first, each with its domain and id.

    Each level is named once, as a heading, rather than after every indicator: on a busy case (20 or
    more ticks) that made most lines wrap and the record run to three or four pages.
    """
    chosen = [fw.indicator(i) for i in ticked]
    groups = []
    for lv in sorted(fw.levels, key=lambda lv: lv.rank):
        lines = tuple(f"{plain(i.text)} ({fw.domain(i.domain).name}; {i.id})" for i in chosen if i.level == lv.id)
        if lines:
            groups.append((f"{plain(level_label(lv.name, lv.title))} ({len(lines)})", lines))
    return tuple(groups)


def record(fw: Framework, result: Assessment, today: dt.date) -> Record:
    """The one-page record: result, why, only the ticked indicators, who to call, edition and date."""
    sections = [Section("Suggested level", (plain(level_label(result.level_name, result.level_title)),))]
    if result.act_now:
        lines = ["ACT NOW: a child may be suffering, or at risk of, significant harm. Call now; "
                 "if a child is in immediate danger call 999."]
        if not numbers(result.contacts):
            lines.append(no_number_notice(fw))
        sections.append(Section("Act now", tuple(lines)))
    why = tuple(plain(r.explanation) for r in deciding_reasons(result))
    if not why:
        why = ("No indicators ticked.",) if not result.ticked else ("Nothing ticked reaches a higher level under this framework's rules.",)
    sections.append(Section("Why", why))
    short = why_not(fw, result)
    if short:
        sections.append(Section("Why not higher", tuple(short)))
    sections.append(Section(f"Ticked indicators ({len(result.ticked)})", () if result.ticked else ("None.",),
                            ticked_groups(fw, result.ticked)))
    contacts = []
    for c in result.contacts:
        ways = [f"{p.label}: {p.number}" if p.label else p.number for p in c.phones] + list(c.emails)
        contacts.append(f"{c.name}: {'; '.join(ways)}" if ways else c.name)
    if result.act_now:
        contacts.append("Immediate danger: 999")
    if contacts:
        sections.append(Section("Who to call", tuple(contacts)))
    sections.append(Section("Professional judgement", (result.judgement,)))
    return Record(
        heading=f"{fw.authority}: {fw.title}, {fw.edition}",
        made=(f"Made {uk_date(today)} with the threshold explorer (nothing was saved or sent). "
              f"{UNCONTROLLED}"),
        sections=tuple(sections),
    )


def record_text(rec: Record) -> str:
    """The record as plain text, one line per item (a group's lines indented under its title)."""
    lines = [rec.heading, rec.made]
    for section in rec.sections:
        lines += ["", f"{section.title}:"] + [f"- {item}" for item in section.lines]
        for title, items in section.groups:
            lines += [f"  {title}:"] + [f"  - {item}" for item in items]
    return "\n".join(lines) + "\n"


def record_html(rec: Record) -> str:
    """The record as print HTML (shown only when printing)."""
    e = html.escape
    parts = [f'<h2 class="record-heading">{e(rec.heading)}</h2><p class="record-made">{e(rec.made)}</p>']

    def items(lines: Sequence[str]) -> str:
        return f"<ul>{''.join(f'<li>{e(i)}</li>' for i in lines)}</ul>" if lines else ""

    for section in rec.sections:
        parts.append(f"<h3>{e(section.title)}</h3>{items(section.lines)}")
        parts += [f"<h4>{e(title)}</h4>{items(lines)}" for title, lines in section.groups]
    return "".join(parts)


def present(fw: Framework, result: Assessment, today: dt.date | None = None,
            abbreviations: html.Abbreviations = html.NO_ABBREVIATIONS) -> Presentation:
    """Every view of one assessment (abbreviations marked in the panel only)."""
    rec = record(fw, result, today or dt.date.today())
    return Presentation(
        panel=abbreviations.apply(panel_html(fw, result)),
        summary=summary_html(fw, result),
        line=short_line(fw, result),
        record=record_html(rec),
        text=record_text(rec),
    )


def as_dict(p: Presentation) -> Mapping[str, str]:
    """The presentation as the JSON fields the page script places."""
    return {"html": p.panel, "summary": p.summary, "line": p.line, "record": p.record, "text": p.text}
