"""The same case elsewhere: how other authorities' own frameworks describe the ticked concerns.

Shared by ``thresholds compare`` and the explorer's "How other areas describe this". For each other
authority, the indicators that share the ticked indicators' concerns are matched, and that authority's
own rules (``assess``) suggest its level for them. It is a comparison, never a decision: the child's own
area's framework applies. Standard library only: this runs in Pyodide.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import html
from .assess import assess
from .concerns import Vocabulary, concerns_of
from .model import Contact, Framework, Indicator

NOTICE = ("A comparison, not a decision: the child's own area's framework applies. Use it to talk with "
          "colleagues in another area, never to choose a level.")


@dataclass(frozen=True)
class Elsewhere:
    """One other authority: the indicators it has for the concerns, and the level its own rules give them."""

    framework: str
    authority: str
    edition: str
    level: str
    level_name: str
    level_title: str
    rank: int
    act_now: bool
    matched: tuple[str, ...]
    contacts: tuple[Contact, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework, "authority": self.authority,
            "level": {"id": self.level, "name": self.level_name, "rank": self.rank},
            "matched": list(self.matched),
            "contacts": [c.to_dict() for c in self.contacts],
        }


@dataclass(frozen=True)
class Comparison:
    """The ticked case seen through every other authority's framework."""

    framework: str
    concerns: tuple[str, ...]
    authorities: tuple[Elsewhere, ...]

    def to_dict(self) -> dict[str, Any]:
        """The documented, stable JSON of ``thresholds compare --json`` (see README)."""
        return {"framework": self.framework, "concerns": list(self.concerns),
                "authorities": [a.to_dict() for a in self.authorities]}


def _levels_of(indicator: Indicator) -> tuple[str, ...]:
    # Version 2: an indicator may be listed at several levels (its lowest is ``level``).
    return indicator.levels or (indicator.level,)


def _nearest(candidates: Sequence[Indicator], framework: Framework, rank: int) -> list[Indicator]:
    """The candidates listed at the level nearest in rank to ``rank`` (the lower one on a tie)."""
    if not candidates:
        return []
    placed = {lv for i in candidates for lv in _levels_of(i)}
    level = min(placed, key=lambda lv: (abs(framework.rank_of(lv) - rank), framework.rank_of(lv)))
    return [i for i in candidates if level in _levels_of(i)]


def match(framework: Framework, ticked: Iterable[str], other: Framework) -> tuple[str, ...]:
    """The other framework's indicators that correspond to the ticked ones, in its own order.

    For each ticked indicator and each of its concerns: the other framework's indicators with that
    concern, at the level nearest in rank to the ticked one's. Nearest, not all: an authority that lists
    domestic abuse from its lowest level to "murder or attempted murder" would otherwise always come out
    at its highest level, whatever was ticked.
    """
    by_concern: dict[str, list[Indicator]] = {}
    for ind in other.indicators:
        for concern_id in ind.concerns:
            by_concern.setdefault(concern_id, []).append(ind)
    wanted: set[str] = set()
    for indicator_id in ticked:
        mine = framework.indicator(indicator_id)
        rank = framework.rank_of(mine.level)
        for concern_id in mine.concerns:
            wanted.update(i.id for i in _nearest(by_concern.get(concern_id, []), other, rank))
    return tuple(i.id for i in other.indicators if i.id in wanted)


def _front_door(other: Framework, level_id: str) -> tuple[Contact, ...]:
    # Who that authority says to call at that level; where its level names nobody (universal
    # services often do not), its highest level's contacts: the front door for a referral.
    ids = other.level(level_id).contacts or next((lv.contacts for lv in reversed(other.levels) if lv.contacts), ())
    return tuple(other.contact(c) for c in ids)


def compare(framework: Framework, ticked: Iterable[str], others: Iterable[Framework]) -> Comparison:
    """How each other authority's own rules place the ticked indicators' concerns.

    One entry per other authority, in the order given (the framework itself is skipped). Where that
    authority has no indicator for the concerns, its level is its lowest and ``matched`` is empty.
    Raises UnknownIdError for a ticked id the framework does not have.
    """
    ticked_ids = [i.id for i in framework.indicators if i.id in set(ticked)]
    for indicator_id in sorted(set(ticked) - set(ticked_ids)):
        framework.indicator(indicator_id)  # raises with close matches
    entries = []
    for other in others:
        if other.id == framework.id:
            continue
        matched = match(framework, ticked_ids, other)
        result = assess(other, matched)
        entries.append(Elsewhere(
            framework=other.id, authority=other.authority, edition=other.edition,
            level=result.level, level_name=result.level_name, level_title=result.level_title,
            rank=result.rank, act_now=result.act_now, matched=matched,
            contacts=_front_door(other, result.level),
        ))
    return Comparison(framework.id, concerns_of(framework, ticked_ids), tuple(entries))


def comparison_html(comparison: Comparison, frameworks: Sequence[Framework], vocabulary: Vocabulary,
                    site_root: str = "../../../") -> str:
    """The explorer's "How other areas describe this" section (empty when nothing is ticked).

    ``site_root`` is the relative path from the page to the site root (the explorer is at
    frameworks/<id>/explorer/). Every string from data is escaped here.
    """
    if not comparison.concerns:
        return ""
    e = html.escape
    by_id = {fw.id: fw for fw in frameworks}
    labels = [vocabulary.get(c).label if c in vocabulary else c for c in comparison.concerns]
    concern_links = ", ".join(
        f'<a href="{e(site_root)}concerns/{e(c)}/">{e(label)}</a>' for c, label in zip(comparison.concerns, labels)
    )
    out = ['<section class="elsewhere" aria-labelledby="elsewhere-title">',
           '<h3 id="elsewhere-title">How other areas describe this</h3>',
           f'<p class="elsewhere-notice"><strong>{e(NOTICE)}</strong></p>',
           f"<p>The indicators ticked here concern: {concern_links}. Each other area's own indicators for these "
           "concerns, and the level its own rules suggest for them:</p>",
           '<ul class="elsewhere-list">']
    for entry in comparison.authorities:
        other = by_id.get(entry.framework)
        base = f"{site_root}frameworks/{entry.framework}/"
        head = f'<a href="{e(base)}">{e(entry.authority)}</a>'
        if not entry.matched or other is None:
            out.append(f'<li class="elsewhere-authority" data-framework="{e(entry.framework)}" data-matched="0">'
                       f"<h4>{head}</h4><p>No indicator in {e(entry.authority)}'s framework names these concerns, "
                       "so it suggests no level for them.</p></li>")
            continue
        items = "".join(
            f'<li><a href="{e(base)}indicators/{e(other.indicator(i).level)}/#{e(i)}">'
            f"{html.inline(other.indicator(i).text, links=False)}</a> "
            f"<small>({e(other.level(other.indicator(i).level).name)})</small></li>"
            for i in entry.matched
        )
        phones = "; ".join(
            f"{e(c.name)}: " + ", ".join(
                f'<a href="{e(html.tel_href(p.number))}">{e(p.number)}</a>' for p in c.phones)
            for c in entry.contacts if c.phones
        )
        call = f'<p class="elsewhere-contacts">Front door: {phones}</p>' if phones else ""
        count = len(entry.matched)
        out.append(
            f'<li class="elsewhere-authority" data-framework="{e(entry.framework)}" data-level="{e(entry.level)}" '
            f'data-matched="{count}"><h4>{head}</h4>'
            f'<p class="elsewhere-level">Its own rules suggest: <a href="{e(base)}levels/#{e(entry.level)}">'
            f"<strong>{e(entry.level_name)}</strong> — {e(entry.level_title)}</a></p>{call}"
            f"<details><summary>Its {count} indicator{'s' if count != 1 else ''} for these concerns</summary>"
            f"<ul>{items}</ul></details></li>"
        )
    out.append("</ul></section>")
    return "".join(out)


# What compare() needs of a framework, and nothing else: the explorer loads every authority's copy, so
# the long text (level definitions, guidance, glossary, procedures) stays in each framework's own JSON.
_DROP = {"sections", "glossary", "escalation", "checklists", "timescales", "changelog"}
_DROP_LEVEL = {"definition", "guidance", "response", "consent"}
_DROP_INDICATOR = {"tags", "subheading"}
_DROP_CONTACT = {"description", "emails", "urls", "address"}


def compact(data: Mapping[str, Any]) -> dict[str, Any]:
    """A framework's validated data cut down to what a comparison uses (still valid for framework_from_dict)."""
    out = {k: v for k, v in data.items() if k not in _DROP}
    out["levels"] = [{k: v for k, v in lv.items() if k not in _DROP_LEVEL} for lv in data.get("levels") or []]
    out["indicators"] = [{k: v for k, v in i.items() if k not in _DROP_INDICATOR} for i in data.get("indicators") or []]
    out["contacts"] = [{k: v for k, v in c.items() if k not in _DROP_CONTACT} for c in data.get("contacts") or []]
    out["source"] = {}
    return out


def index_json(frameworks_data: Sequence[Mapping[str, Any]], vocabulary: Vocabulary) -> str:
    """The explorer's one file for comparing: the vocabulary and every framework, compacted."""
    return json.dumps({"concerns": [c.to_dict() for c in vocabulary.concerns],
                       "frameworks": [compact(d) for d in frameworks_data]},
                      ensure_ascii=False, separators=(",", ":"))
