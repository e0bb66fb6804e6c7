"""The framework model: plain dataclasses built from validated data, with cross-reference checks.

Standard library only: this module runs in CPython (build, CLI) and in Pyodide (the browser).
Type and shape checks belong to the JSON Schema (build side); this module checks what a schema
cannot: that ids are unique and that every reference points at something that exists.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import FrameworkError, Problem, UnknownIdError

# A run of content: paragraphs (str) and structured blocks (dicts), as in the schema's "blocks".
Blocks = list[Any]
Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """Render a field path the way publishers read it: ``indicators[3].level``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def line_of(lines: Mapping[Path, int], path: Path) -> int | None:
    """The line of a field, or of the nearest enclosing field that has one."""
    probe = tuple(path)
    while True:
        if probe in lines:
            return lines[probe]
        if not probe:
            return None
        probe = probe[:-1]


@dataclass(frozen=True)
class Level:
    id: str
    rank: int
    name: str
    title: str
    definition: Blocks
    service: str = ""
    guidance: Blocks = field(default_factory=list)
    response: Blocks = field(default_factory=list)
    consent: Blocks = field(default_factory=list)
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Domain:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Indicator:
    id: str
    level: str
    domain: str
    text: str
    subheading: str = ""
    tags: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()  # ids from the shared vocabulary (thresholds.concerns)


@dataclass(frozen=True)
class Rule:
    """A declarative rule: fires on a count of ticked indicators, or on any one of a set."""

    id: str
    level: str
    explanation: str
    count_at_or_above: str | None = None
    min: int = 1
    min_domains: int = 1
    any_of: tuple[str, ...] = ()
    act_now: bool = False
    quote: str = ""


@dataclass(frozen=True)
class Phone:
    number: str
    label: str = ""


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    description: str = ""
    phones: tuple[Phone, ...] = ()
    emails: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    address: str = ""


@dataclass(frozen=True)
class Framework:
    """One authority's continuum of need, as published."""

    id: str
    authority: str
    title: str
    edition: str
    levels: tuple[Level, ...]
    domains: tuple[Domain, ...]
    indicators: tuple[Indicator, ...]
    rules: tuple[Rule, ...]
    contacts: tuple[Contact, ...]
    partnership: str = ""
    published: str = ""
    review_date: str = ""
    source: Mapping[str, Any] = field(default_factory=dict)
    changelog: tuple[Mapping[str, Any], ...] = ()
    escalation: tuple[Mapping[str, Any], ...] = ()
    checklists: tuple[Mapping[str, Any], ...] = ()
    timescales: tuple[Mapping[str, Any], ...] = ()
    sections: tuple[Mapping[str, Any], ...] = ()
    glossary: tuple[Mapping[str, Any], ...] = ()

    def level(self, level_id: str) -> Level:
        """The level with this id."""
        for level in self.levels:
            if level.id == level_id:
                return level
        raise UnknownIdError("level", level_id, close_matches(level_id, [lv.id for lv in self.levels]))

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; an UnknownIdError lists close matches."""
        found = self._indicator_index().get(indicator_id)
        if found is None:
            raise UnknownIdError(
                "indicator", indicator_id, close_matches(indicator_id, [i.id for i in self.indicators])
            )
        return found

    def contact(self, contact_id: str) -> Contact:
        """The contact with this id."""
        for contact in self.contacts:
            if contact.id == contact_id:
                return contact
        raise UnknownIdError("contact", contact_id, close_matches(contact_id, [c.id for c in self.contacts]))

    def domain(self, domain_id: str) -> Domain:
        """The domain with this id."""
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise UnknownIdError("domain", domain_id, close_matches(domain_id, [d.id for d in self.domains]))

    def rank_of(self, level_id: str) -> int:
        """The rank (1 universal … 4 protection) of a level id."""
        return self.level(level_id).rank

    def _indicator_index(self) -> dict[str, Indicator]:
        # Frozen dataclass: cache the index on the instance without tripping immutability.
        index = self.__dict__.get("_index")
        if index is None:
            index = {i.id: i for i in self.indicators}
            object.__setattr__(self, "_index", index)
        return index


def close_matches(wanted: str, choices: Sequence[str], n: int = 5) -> list[str]:
    """Up to n ids that look like the one asked for, best first."""
    return difflib.get_close_matches(wanted, list(choices), n=n, cutoff=0.5)


class _Checker:
    """Collects problems with their lines so a publisher sees them all in one run."""

    def __init__(self, file: str, lines: Mapping[Path, int] | None):
        self.file = file
        self.lines = lines or {}
        self.problems: list[Problem] = []

    def line(self, path: Path) -> int | None:
        return line_of(self.lines, path)

    def add(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.file, self.line(path), format_path(path), message))

    def unique(self, items: Sequence[Mapping[str, Any]], section: str, kind: str) -> dict[str, int]:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            item_id = item.get("id")
            if item_id in seen:
                first = self.line((section, seen[item_id], "id"))
                where = f" (first used at line {first})" if first else ""
                self.add((section, i, "id"), f"duplicate {kind} id '{item_id}'{where}")
            else:
                seen[item_id] = i
        return seen

    def ref(self, path: Path, value: str, known: Mapping[str, Any], kind: str) -> None:
        if value not in known:
            hint = close_matches(value, list(known))
            did = f"; did you mean '{hint[0]}'?" if hint else ""
            self.add(path, f"no {kind} has id '{value}' (known: {', '.join(known) or 'none'}){did}")


def _tuple(data: Mapping[str, Any], key: str) -> tuple[Any, ...]:
    return tuple(data.get(key) or ())


def framework_from_dict(
    data: Mapping[str, Any], file: str = "<framework>", lines: Mapping[Path, int] | None = None
) -> Framework:
    """Build a Framework from schema-valid data, checking ids and references.

    Raises FrameworkError listing every problem (file, line, field path, message).
    ``lines`` maps field paths to source lines, where the data came from a file.
    """
    check = _Checker(file, lines)
    levels_data = list(data.get("levels") or [])
    levels = check.unique(levels_data, "levels", "level")
    ranks = [lv.get("rank") for lv in levels_data]
    for i, rank in enumerate(ranks):
        if i and isinstance(rank, int) and isinstance(ranks[i - 1], int) and rank <= ranks[i - 1]:
            check.add(("levels", i, "rank"), f"levels must go lowest rank first, each higher than the last; got {rank} after {ranks[i - 1]}")
    domains = check.unique(list(data.get("domains") or []), "domains", "domain")
    contacts = check.unique(list(data.get("contacts") or []), "contacts", "contact")
    indicators_data = list(data.get("indicators") or [])
    indicators = check.unique(indicators_data, "indicators", "indicator")
    check.unique(list(data.get("rules") or []), "rules", "rule")
    for section in ("escalation", "checklists", "sections"):
        check.unique(list(data.get(section) or []), section, section.rstrip("s"))

    for i, ind in enumerate(indicators_data):
        check.ref(("indicators", i, "level"), ind.get("level"), levels, "level")
        check.ref(("indicators", i, "domain"), ind.get("domain"), domains, "domain")
    for i, lv in enumerate(levels_data):
        for j, contact_id in enumerate(lv.get("contacts") or []):
            check.ref(("levels", i, "contacts", j), contact_id, contacts, "contact")
    for i, rule in enumerate(data.get("rules") or []):
        check.ref(("rules", i, "level"), rule.get("level"), levels, "level")
        when = rule.get("when") or {}
        if "count_at_or_above" in when:
            check.ref(("rules", i, "when", "count_at_or_above"), when["count_at_or_above"], levels, "level")
        for j, ind_id in enumerate(when.get("any_of") or []):
            check.ref(("rules", i, "when", "any_of", j), ind_id, indicators, "indicator")

    if check.problems:
        raise FrameworkError(check.problems)

    def blocks(d: Mapping[str, Any], key: str) -> Blocks:
        return list(d.get(key) or [])

    return Framework(
        id=data["id"],
        authority=data["authority"],
        title=data["title"],
        edition=data["edition"],
        partnership=data.get("partnership", ""),
        published=data.get("published", ""),
        review_date=data.get("review_date", ""),
        source=dict(data.get("source") or {}),
        changelog=_tuple(data, "changelog"),
        levels=tuple(
            Level(
                id=lv["id"], rank=lv["rank"], name=lv["name"], title=lv["title"],
                definition=blocks(lv, "definition"), service=lv.get("service", ""),
                guidance=blocks(lv, "guidance"), response=blocks(lv, "response"),
                consent=blocks(lv, "consent"), contacts=_tuple(lv, "contacts"),
            )
            for lv in levels_data
        ),
        domains=tuple(Domain(d["id"], d["name"], d.get("description", "")) for d in data.get("domains") or []),
        indicators=tuple(
            Indicator(
                id=i["id"], level=i["level"], domain=i["domain"], text=i["text"],
                subheading=i.get("subheading", ""), tags=_tuple(i, "tags"),
                concerns=_tuple(i, "concerns"),
            )
            for i in indicators_data
        ),
        rules=tuple(
            Rule(
                id=r["id"], level=r["level"], explanation=r["explanation"],
                count_at_or_above=(r["when"].get("count_at_or_above")),
                min=r["when"].get("min", 1), min_domains=r["when"].get("min_domains", 1),
                any_of=tuple(r["when"].get("any_of") or ()), act_now=bool(r.get("act_now", False)),
                quote=r.get("quote", ""),
            )
            for r in data.get("rules") or []
        ),
        contacts=tuple(
            Contact(
                id=c["id"], name=c["name"], description=c.get("description", ""),
                phones=tuple(Phone(p["number"], p.get("label", "")) for p in c.get("phones") or []),
                emails=_tuple(c, "emails"), urls=_tuple(c, "urls"), address=c.get("address", ""),
            )
            for c in data.get("contacts") or []
        ),
        escalation=_tuple(data, "escalation"),
        checklists=_tuple(data, "checklists"),
        timescales=_tuple(data, "timescales"),
        sections=_tuple(data, "sections"),
        glossary=_tuple(data, "glossary"),
    )
