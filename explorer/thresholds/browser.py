"""The explorer's entry points inside Pyodide: load a framework from JSON, assess ticked ids.

The Web Worker calls only these two functions. Standard library only; nothing here touches
the network or storage — the ticked ids arrive from the page and the result goes straight back.
"""

from __future__ import annotations

import json

from . import html
from .assess import Assessment, assess
from .model import Framework, framework_from_dict

_current: dict[str, object] = {}


def load_framework(json_text: str) -> None:
    """Build the framework the page will assess against (from the site's validated JSON)."""
    data = json.loads(json_text)
    framework = framework_from_dict(data, file=f"{data.get('id', 'framework')}.json")
    _current["framework"] = framework
    _current["abbr"] = html.Abbreviations(
        {g["term"]: g["definition"] for g in framework.glossary if g.get("abbreviation")}
    )


def assess_json(ticked_json: str) -> str:
    """Assess a JSON list of ticked indicator ids; return JSON ``{"result": …, "html": …}``."""
    framework = _current.get("framework")
    if not isinstance(framework, Framework):
        raise RuntimeError("load_framework must be called first")
    result = assess(framework, json.loads(ticked_json))
    abbr = _current["abbr"]
    assert isinstance(abbr, html.Abbreviations)
    payload = result.to_dict()
    payload["reasons"] = [
        {**r, "indicator_texts": [framework.indicator(i).text for i in r["indicators"]]} for r in payload["reasons"]
    ]
    return json.dumps({"result": payload, "html": abbr.apply(result_panel(framework, result))}, ensure_ascii=False)


def result_panel(framework: Framework, result: Assessment) -> str:
    """The live result panel: level, act-now call, why, what to do, consent, who to call."""
    e = html.escape
    out = [f'<div class="result rank-{result.rank}" data-level="{e(result.level)}" data-rank="{result.rank}">']
    out.append(f'<h2 class="result-level">Suggested: {e(result.level_name)} — {e(result.level_title)}</h2>')
    if result.act_now:
        out.append('<div class="admonition danger act-now"><p class="admonition-title">Act now</p>'
                   "<p>This suggests a child may be suffering, or at risk of, significant harm. Do not wait: "
                   "call now. If a child is in immediate danger call 999.</p>")
        out.append(contacts_list(result.contacts))
        out.append("</div>")
    out.append(f'<p class="judgement">{e(result.judgement)}</p>')
    out.append("<h3>Why</h3>")
    # The rules that set the level explain it; lower ones that also fired stay in the JSON result.
    deciding = [r for r in result.reasons if r.rank == result.rank]
    if deciding:
        out.append("<ul class=\"reasons\">")
        for reason in deciding:
            texts = "".join(f"<li>{html.inline(framework.indicator(i).text)} <code>{e(i)}</code></li>"
                            for i in reason.indicators)
            quote = f'<blockquote>{html.inline(reason.quote)}</blockquote>' if reason.quote else ""
            out.append(f"<li><strong>{html.inline(reason.explanation)}</strong>{quote}<ul>{texts}</ul></li>")
        out.append("</ul>")
    elif result.ticked:
        names = "".join(f"<li>{html.inline(framework.indicator(i).text)} <code>{e(i)}</code></li>" for i in result.ticked)
        out.append("<p>Nothing ticked reaches a higher level than this one under this framework's rules:</p>"
                   f"<ul>{names}</ul>")
    else:
        out.append("<p>No indicators ticked yet: with nothing ticked the framework starts at its universal level.</p>")
    if result.response:
        out.append("<h3>What to do next</h3>" + html.blocks(result.response, heading_level=4))
    if result.next_steps:
        out.append("<h3>Next steps</h3>" + html.blocks(result.next_steps, heading_level=4))
    if result.also_at:
        # An indicator the source lists at several levels counts at its lowest: say where else it appears.
        also = "".join(
            f"<li>{html.inline(framework.indicator(i).text)}: also listed at "
            f"{e(', '.join(framework.level(x).name for x in levels))}</li>" for i, levels in result.also_at)
        out.append(f'<p>The framework also lists these at a higher level; use your judgement:</p><ul class="also-at">{also}</ul>')
    if result.consent:
        out.append("<h3>Consent and information sharing at this level</h3>" + html.blocks(result.consent, heading_level=4))
    if result.contacts and not result.act_now:
        out.append("<h3>Who to call</h3>" + contacts_list(result.contacts))
    # The panel sits in frameworks/<id>/explorer/: its sibling pages are one level up.
    links = [f'<li><a href="../levels/#{e(result.level)}">{e(result.level_name)} in full: definition, guidance and response</a></li>']
    if framework.escalation:
        links.append('<li><a href="../escalation/">If you disagree with a decision about the level: resolving professional disagreement</a></li>')
    links.append('<li><a href="../contacts/">All contacts</a></li>')
    out.append(f'<h3>More</h3><ul class="result-links">{"".join(links)}</ul>')
    out.append(f'<p class="edition">{e(framework.authority)} — {e(framework.title)}, {e(framework.edition)}.</p>')
    out.append("</div>")
    return "".join(out)


def contacts_list(contacts: tuple) -> str:
    """Contacts with tel: and mailto: links."""
    e = html.escape
    items = []
    for c in contacts:
        phones = "".join(
            f'<li>{e(p.label + ": ") if p.label else ""}<a href="{e(html.tel_href(p.number))}">{e(p.number)}</a></li>'
            for p in c.phones
        )
        emails = "".join(f'<li><a href="mailto:{e(m)}">{e(m)}</a></li>' for m in c.emails)
        desc = f"<p>{e(c.description)}</p>" if c.description else ""
        items.append(f'<li class="contact"><strong>{e(c.name)}</strong>{desc}<ul>{phones}{emails}</ul></li>')
    return f'<ul class="contacts">{"".join(items)}</ul>'
