"""Suggest a level of need from ticked indicators, and explain why.

The rules are data (each framework's ``rules``); this engine is generic. The suggested level is the
highest level any fired rule reaches, so ticking more indicators never lowers it. Act now is explicit:
the suggested level says so (``act_now``), a fired rule says so, or a ticked indicator says so —
never a rank number (version 1's rank 4 became ``act_now`` on the level when the model was built).
Standard library only: this runs in Pyodide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from .model import Blocks, Contact, Framework, Indicator, Rule

JUDGEMENT = (
    "This is a suggestion, not a decision. Indicators never replace professional judgement: "
    "discuss your concerns with your designated safeguarding lead or manager, and if you think a "
    "child is at immediate risk of significant harm, call the number below or 999 now."
)


@dataclass(frozen=True)
class Reason:
    """A rule that fired, with the ticked indicators behind it."""

    rule: str
    level: str
    rank: int
    explanation: str
    quote: str
    indicators: tuple[str, ...]
    act_now: bool


@dataclass(frozen=True)
class Assessment:
    """What the explorer shows: level, why, what to do, consent, who to call."""

    framework: str
    authority: str
    edition: str
    level: str
    level_name: str
    level_title: str
    rank: int
    act_now: bool
    reasons: tuple[Reason, ...]
    ticked: tuple[str, ...]
    response: Blocks
    consent: Blocks
    contacts: tuple[Contact, ...]
    judgement: str = JUDGEMENT
    next_steps: Blocks = field(default_factory=list)  # the level's "next steps", after response
    categories: tuple[str, ...] = ()  # the suggested level's service categories
    # Ticked indicators the source also lists at a level above the suggestion: (indicator id, level ids).
    also_at: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The documented, stable JSON shape (see docs/explorer.md)."""
        return {
            "framework": self.framework,
            "authority": self.authority,
            "edition": self.edition,
            "level": {"id": self.level, "name": self.level_name, "title": self.level_title, "rank": self.rank},
            "act_now": self.act_now,
            "reasons": [
                {**asdict(r), "indicators": list(r.indicators)} for r in self.reasons
            ],
            "ticked": list(self.ticked),
            "response": self.response,
            "next_steps": list(self.next_steps),
            "categories": list(self.categories),
            "also_at": [{"indicator": i, "levels": list(lvs)} for i, lvs in self.also_at],
            "consent": self.consent,
            "contacts": [c.to_dict() for c in self.contacts],
            "judgement": self.judgement,
        }


def _fires(framework: Framework, rule: Rule, ticked: list[Indicator]) -> tuple[str, ...]:
    """The indicator ids that make this rule fire, or () when it does not."""
    if rule.any_of:
        wanted = set(rule.any_of)
        return tuple(i.id for i in ticked if i.id in wanted)
    assert rule.count_at_or_above is not None
    floor = framework.rank_of(rule.count_at_or_above)
    hits = [i for i in ticked if framework.rank_of(i.level) >= floor]
    if len(hits) >= rule.min and len({i.domain for i in hits}) >= rule.min_domains:
        return tuple(i.id for i in hits)
    return ()


def assess(framework: Framework, ticked_ids: Iterable[str]) -> Assessment:
    """Suggest a level for the ticked indicators.

    Raises UnknownIdError (with close matches) for an id the framework does not have.
    Deterministic: the same set of ids, in any order, gives the same result.
    """
    wanted = set(ticked_ids)
    for indicator_id in sorted(wanted):
        framework.indicator(indicator_id)  # raises with suggestions
    # Framework order keeps explanations in the order the source lists indicators.
    ticked = [i for i in framework.indicators if i.id in wanted]

    reasons = []
    for rule in framework.rules:
        behind = _fires(framework, rule, ticked)
        if behind:
            reasons.append(
                Reason(rule.id, rule.level, framework.rank_of(rule.level), rule.explanation,
                       rule.quote, behind, rule.act_now)
            )
    # Highest level first; ties keep the framework's rule order (stable sort).
    reasons.sort(key=lambda r: -r.rank)

    level = framework.level(reasons[0].level) if reasons else framework.lowest()
    # Act now if any fired rule says so or reaches an act-now level, or a ticked indicator says so:
    # ticking more may move the suggestion past an act-now level (e.g. to looked after), never out of act now.
    sources = [framework.level(r.level) for r in reasons if r.act_now or framework.level(r.level).act_now]
    sources += [framework.level(i.level) for i in ticked if i.act_now]
    act_now = level.act_now or bool(sources)
    # Who to call: the suggested level's contacts, then those of any level the act now came from.
    contact_ids = list(dict.fromkeys([*level.contacts, *(c for lv in sources for c in lv.contacts)]))
    # An indicator the source lists at several levels counts at its lowest; say where else it appears.
    also_at = tuple(
        (i.id, higher) for i in ticked
        for higher in [tuple(x for x in i.levels if framework.rank_of(x) > level.rank)] if higher
    )
    return Assessment(
        framework=framework.id,
        authority=framework.authority,
        edition=framework.edition,
        level=level.id,
        level_name=level.name,
        level_title=level.title,
        rank=level.rank,
        act_now=act_now,
        reasons=tuple(reasons),
        ticked=tuple(i.id for i in ticked),
        response=level.response,
        consent=level.consent,
        contacts=tuple(framework.contact(c) for c in contact_ids),
        next_steps=level.next_steps,
        categories=level.categories,
        also_at=also_at,
    )
