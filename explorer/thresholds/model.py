"""The framework model: plain dataclasses built from validated data, with cross-reference checks.

Standard library only: this module runs in CPython (build, CLI) and in Pyodide (the browser).
Type and shape checks belong to the JSON Schema (build side); this module checks what a schema
cannot: that ids are unique and that every reference points at something that exists.

Schema version 1 gave rank numbers fixed meanings (1 universal … 4 child protection, act now).
``framework_from_dict`` turns those into explicit service categories and ``act_now`` here, in one
place, so nothing downstream reads meaning into a rank: rank is order only.
"""

from __future__ import annotations

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


# The closed list of service categories a level may carry (schema $defs.category), in service order.
CATEGORIES: dict[str, str] = {
    "universal": "Universal",
    "early-help": "Early help",
    "targeted-early-help": "Targeted early help",
    "child-in-need": "Child in need (s.17)",
    "child-protection": "Child protection (s.47)",
    "looked-after": "Looked after",
}

# What a version 1 rank meant: the one place rank numbers carry meaning.
V1_CATEGORIES: dict[int, tuple[str, ...]] = {
    1: ("universal",), 2: ("early-help",), 3: ("child-in-need",), 4: ("child-protection",),
}
V1_ACT_NOW_RANK = 4

# Age and pre-birth groups indicators may name, unless a framework declares its own (age_groups).
AGE_GROUPS: dict[str, str] = {
    "pre-birth": "Pre-birth", "0-4": "0 to 4", "5-11": "5 to 11", "12-17": "12 to 17", "18-25": "18 to 25",
}

# Fields only version 2 understands: a version 1 file using one is told to say schema_version: 2.
_V2_LEVEL_FIELDS = ("categories", "act_now", "next_steps", "bands")
_V2_INDICATOR_FIELDS = ("levels", "band", "ages", "act_now")
_V2_TOP_FIELDS = ("age_groups",)


@dataclass(frozen=True)
class Band:
    """A sub-band within a level (e.g. Level 3a): order and wording only; rules suggest levels."""

    id: str
    name: str
    title: str = ""
    definition: Blocks = field(default_factory=list)


@dataclass(frozen=True)
class Level:
    """One level of need (e.g. Level 3, Child in Need): what it means, and what to do and whom to call at it."""

    id: str
    rank: int  # order only (1 = lowest); version 1's meanings are in categories and act_now
    name: str
    title: str
    definition: Blocks
    service: str = ""
    guidance: Blocks = field(default_factory=list)
    response: Blocks = field(default_factory=list)
    consent: Blocks = field(default_factory=list)
    contacts: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    act_now: bool = False
    next_steps: Blocks = field(default_factory=list)
    bands: tuple[Band, ...] = ()

    @property
    def category_names(self) -> tuple[str, ...]:
        """The categories in words, e.g. ("Child in need (s.17)", "Child protection (s.47)")."""
        return tuple(CATEGORIES.get(c, c) for c in self.categories)


@dataclass(frozen=True)
class Domain:
    """A domain of need (e.g. Health) under which the framework groups its indicators."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Indicator:
    """One indicator. ``level`` is the level it counts at: the lowest of ``levels`` where the
    source lists it at several, so a tick never counts higher than the source's lowest placing."""

    id: str
    level: str
    domain: str
    text: str
    subheading: str = ""
    tags: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()  # every level the source lists it at, lowest first (always includes level)
    band: str = ""
    ages: tuple[str, ...] = ()
    act_now: bool = False
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
    """A number to call, with what it is for (e.g. "Out of hours")."""

    number: str
    label: str = ""


@dataclass(frozen=True)
class Contact:
    """A service to contact: its numbers, email and web addresses, and postal address."""

    id: str
    name: str
    description: str = ""
    phones: tuple[Phone, ...] = ()
    emails: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    address: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of a contact, shared by ``assess --json`` and ``compare --json``."""
        return {
            "id": self.id, "name": self.name, "description": self.description,
            "phones": [{"number": p.number, "label": p.label} for p in self.phones],
            "emails": list(self.emails), "urls": list(self.urls),
        }


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
    schema_version: int = 1
    age_groups: Mapping[str, str] = field(default_factory=lambda: dict(AGE_GROUPS))
    exceptions: tuple[Mapping[str, Any], ...] = ()

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
        """The order of a level (1 = lowest). Order only: meaning is in categories and act_now."""
        return self.level(level_id).rank

    def lowest(self) -> Level:
        """The lowest level: the suggestion when nothing ticked reaches any rule."""
        return min(self.levels, key=lambda lv: lv.rank)

    def levels_in(self, category: str) -> tuple[Level, ...]:
        """The levels carrying a service category, lowest first."""
        return tuple(lv for lv in self.levels if category in lv.categories)

    def act_now_levels(self) -> tuple[Level, ...]:
        """Levels an act-now result comes from: act-now levels, and levels of act-now rules or indicators."""
        ids = {lv.id for lv in self.levels if lv.act_now}
        ids |= {r.level for r in self.rules if r.act_now}
        ids |= {i.level for i in self.indicators if i.act_now}
        return tuple(lv for lv in self.levels if lv.id in ids)

    def indicators_at(self, level_id: str) -> tuple[Indicator, ...]:
        """Indicators the source lists at this level (including those listed at several levels)."""
        return tuple(i for i in self.indicators if level_id in (i.levels or (i.level,)))

    def _indicator_index(self) -> dict[str, Indicator]:
        # Frozen dataclass: cache the index on the instance without tripping immutability.
        index = self.__dict__.get("_index")
        if index is None:
            index = {i.id: i for i in self.indicators}
            object.__setattr__(self, "_index", index)
        return index


def close_matches(wanted: str, choices: Sequence[str], n: int = 5) -> list[str]:
    """Up to n ids that look like the one asked for, best first."""
    import difflib  # (here, not at the top: only errors need it, and the explorer imports this module at start-up)

    return difflib.get_close_matches(wanted, list(choices), n=n, cutoff=0.5)


class _Checker:
    """Collects problems with their lines so a publisher sees them all in one run."""

    def __init__(self, file: str, lines: Mapping[Path, int] | None):
        self.file = file
        self.lines = lines or {}
        self.problems: list[Problem] = []
        self.suggested = 0

    def line(self, path: Path) -> int | None:
        return line_of(self.lines, path)

    def add(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.file, self.line(path), format_path(path), message))

    def unique(self, items: Sequence[Mapping[str, Any]], section: str | Path, kind: str) -> dict[str, int]:
        base: Path = (section,) if isinstance(section, str) else tuple(section)
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            item_id = item.get("id") if isinstance(item, Mapping) else None
            if not isinstance(item_id, str):
                continue  # not the expected shape: the schema says so
            if item_id in seen:
                first = self.line(base + (seen[item_id], "id"))
                where = f" (first used at line {first})" if first else ""
                self.add(base + (i, "id"), f"duplicate {kind} id '{item_id}'{where}")
            else:
                seen[item_id] = i
        return seen

    def ref(self, path: Path, value: str, known: Mapping[str, Any], kind: str) -> None:
        if not isinstance(value, str) or len(value) > _MAX_ID:
            return  # not an id at all: the schema says so
        if value not in known:
            # "Did you mean" compares with every known id: bound the work on a hostile file.
            self.suggested += 1
            hint = close_matches(value, list(known)) if self.suggested <= _MAX_SUGGESTIONS else []
            did = f"; did you mean '{hint[0]}'?" if hint else ""
            names = list(known)
            shown = ", ".join(names[:_MAX_KNOWN]) + (f", … ({len(names)} in all)" if len(names) > _MAX_KNOWN else "")
            self.add(path, f"no {kind} has id '{value}' (known: {shown or 'none'}){did}")


_MAX_ID = 200
_MAX_SUGGESTIONS = 100
_MAX_KNOWN = 12


def _list(data: Any, key: str) -> list[Any]:
    """data[key] if data is a mapping and that is a list, else []: the checks run on unchecked data."""
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, list) else []


def _map(data: Any, key: str) -> Mapping[str, Any]:
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def _tuple(data: Mapping[str, Any], key: str) -> tuple[Any, ...]:
    return tuple(data.get(key) or ())


def check_references(
    data: Any, file: str = "<framework>", lines: Mapping[Path, int] | None = None
) -> list[Problem]:
    """Every id and reference problem: unique ids, and every reference points at something that exists.

    Safe on data that failed the schema (it runs in the same pass, so a publisher sees schema and
    reference problems together): parts that are not the expected shape are skipped, as the schema
    reports them. Returns Problems (errors; warnings in future checks), never raises.
    """
    check = _Checker(file, lines)
    levels_data = _list(data, "levels")
    levels = check.unique(levels_data, "levels", "level")
    ranks = [lv.get("rank") if isinstance(lv, Mapping) else None for lv in levels_data]
    for i, rank in enumerate(ranks):
        if i and isinstance(rank, int) and isinstance(ranks[i - 1], int) and rank <= ranks[i - 1]:
            check.add(("levels", i, "rank"), f"levels must go lowest rank first, each higher than the last; got {rank} after {ranks[i - 1]}")
    domains = check.unique(_list(data, "domains"), "domains", "domain")
    contacts = check.unique(_list(data, "contacts"), "contacts", "contact")
    indicators_data = _list(data, "indicators")
    indicators = check.unique(indicators_data, "indicators", "indicator")
    check.unique(_list(data, "rules"), "rules", "rule")
    for section in ("escalation", "checklists", "sections"):
        check.unique(_list(data, section), section, section.rstrip("s"))

    version = data.get("schema_version", 1) if isinstance(data, Mapping) else 1
    if version != 2:
        _v1_only(check, data if isinstance(data, Mapping) else {},
                 [lv for lv in levels_data if isinstance(lv, Mapping)],
                 [ind for ind in indicators_data if isinstance(ind, Mapping)])
    age_groups = {g["id"]: g.get("name") for g in _list(data, "age_groups")
                  if isinstance(g, Mapping) and isinstance(g.get("id"), str)} or dict(AGE_GROUPS)
    bands_of: dict[str, set[str]] = {}
    for i, lv in enumerate(levels_data):
        band_ids = check.unique(_list(lv, "bands"), ("levels", i, "bands"), "band")
        if isinstance(lv, Mapping) and isinstance(lv.get("id"), str):
            bands_of[lv["id"]] = set(band_ids)
    for i, ind in enumerate(indicators_data):
        if not isinstance(ind, Mapping):
            continue  # not the expected shape: the schema says so
        if "level" in ind and "levels" in ind:
            check.add(("indicators", i, "levels"), "give either level (one level) or levels (several), not both")
        elif "levels" in ind:
            for j, level_id in enumerate(_list(ind, "levels")):
                check.ref(("indicators", i, "levels", j), level_id, levels, "level")
        elif "level" in ind:
            check.ref(("indicators", i, "level"), ind.get("level"), levels, "level")
        else:
            check.add(("indicators", i), "missing required field 'level' (the id of the level the source lists it at)")
        check.ref(("indicators", i, "domain"), ind.get("domain"), domains, "domain")
        if ind.get("band"):
            own_levels = _list(ind, "levels") or [ind.get("level")]
            own = set().union(*(bands_of.get(x, set()) for x in own_levels if isinstance(x, str)))
            check.ref(("indicators", i, "band"), ind["band"], {b: 1 for b in sorted(own)}, "band of this indicator's level")
        for j, age in enumerate(_list(ind, "ages")):
            check.ref(("indicators", i, "ages", j), age, age_groups, "age group")
    for i, lv in enumerate(levels_data):
        for j, contact_id in enumerate(_list(lv, "contacts")):
            check.ref(("levels", i, "contacts", j), contact_id, contacts, "contact")
    for i, rule in enumerate(_list(data, "rules")):
        if not isinstance(rule, Mapping):
            continue
        check.ref(("rules", i, "level"), rule.get("level"), levels, "level")
        when = _map(rule, "when")
        if "count_at_or_above" in when:
            check.ref(("rules", i, "when", "count_at_or_above"), when["count_at_or_above"], levels, "level")
        for j, ind_id in enumerate(_list(when, "any_of")):
            check.ref(("rules", i, "when", "any_of", j), ind_id, indicators, "indicator")
    return check.problems


def framework_from_dict(
    data: Mapping[str, Any], file: str = "<framework>", lines: Mapping[Path, int] | None = None
) -> Framework:
    """Build a Framework from schema-valid data, checking ids and references.

    Raises FrameworkError listing every problem (file, line, field path, message).
    ``lines`` maps field paths to source lines, where the data came from a file.
    """
    errors = [p for p in check_references(data, file, lines) if not p.is_warning]
    if errors:
        raise FrameworkError(errors)
    levels_data = list(data.get("levels") or [])
    indicators_data = list(data.get("indicators") or [])
    version = data.get("schema_version", 1)
    age_groups = {g["id"]: g["name"] for g in data.get("age_groups") or []} or dict(AGE_GROUPS)

    def blocks(d: Mapping[str, Any], key: str) -> Blocks:
        return list(d.get(key) or [])

    built_levels = tuple(_level(lv, i, version, blocks) for i, lv in enumerate(levels_data))
    order = {lv.id: lv.rank for lv in built_levels}

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
        levels=built_levels,
        domains=tuple(Domain(d["id"], d["name"], d.get("description", "")) for d in data.get("domains") or []),
        indicators=tuple(
            Indicator(
                id=i["id"], level=placed[0], domain=i["domain"], text=i["text"],
                subheading=i.get("subheading", ""), tags=_tuple(i, "tags"), levels=placed,
                band=i.get("band", ""), ages=_tuple(i, "ages"), act_now=bool(i.get("act_now", False)),
                concerns=_tuple(i, "concerns"),
            )
            for i in indicators_data
            for placed in [tuple(sorted(i.get("levels") or [i["level"]], key=order.__getitem__))]
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
        schema_version=version,
        age_groups=age_groups,
        exceptions=_tuple(data, "exceptions"),
    )


def _level(lv: Mapping[str, Any], index: int, version: int, blocks: Any) -> Level:
    """One level, with version 1's rank meanings made explicit (the only place they are read)."""
    if version == 2:
        rank = index + 1  # the source's order; any rank given is order only and already checked
        categories = tuple(lv.get("categories") or ())
        act_now = bool(lv.get("act_now", False))
    else:
        rank = lv["rank"]
        categories = V1_CATEGORIES.get(rank, ())
        act_now = rank == V1_ACT_NOW_RANK
    return Level(
        id=lv["id"], rank=rank, name=lv["name"], title=lv["title"],
        definition=blocks(lv, "definition"), service=lv.get("service", ""),
        guidance=blocks(lv, "guidance"), response=blocks(lv, "response"),
        consent=blocks(lv, "consent"), contacts=_tuple(lv, "contacts"),
        categories=categories, act_now=act_now, next_steps=blocks(lv, "next_steps"),
        bands=tuple(Band(b["id"], b["name"], b.get("title", ""), list(b.get("definition") or []))
                    for b in lv.get("bands") or ()),
    )


def _v1_only(check: _Checker, data: Mapping[str, Any], levels_data: list[Any], indicators_data: list[Any]) -> None:
    """A version 1 file using a version 2 field is told how to switch, rather than silently ignored."""
    hint = "needs schema_version: 2 at the top of the file (version 2 levels also need categories)"
    for key in _V2_TOP_FIELDS:
        if key in data:
            check.add((key,), f"'{key}' {hint}")
    for i, lv in enumerate(levels_data):
        for key in _V2_LEVEL_FIELDS:
            if key in lv:
                check.add(("levels", i, key), f"'{key}' {hint}")
    for i, ind in enumerate(indicators_data):
        for key in _V2_INDICATOR_FIELDS:
            if key in ind:
                check.add(("indicators", i, key), f"'{key}' {hint}")
