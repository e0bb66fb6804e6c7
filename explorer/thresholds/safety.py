"""Safety rules a valid framework must also meet, so the explorer never gives a wrong or empty "act now".

The schema and the model check shape and references; these check what the rules *do*:
- ``level-reachable``: every level above the lowest can be suggested by some rule that can fire;
- ``act-now-reachable``: every indicator at an act-now level can lead to act now;
- ``act-now-contact``: every level an act-now result can show lists a contact with a phone number;
- ``rule-never-fires``: a count rule asks for more indicators (or domains) than the framework has;
- ``rule-lowers-level``: a rule sends an indicator, or a count from a level, to a lower level;
- ``duplicate-contact`` (same name and number) and ``duplicate-glossary-term``.

Each is an error unless the framework records an exception for that rule with the source's reason
(``exceptions: [{rule: act-now-contact, reason: "…"}]``); it is then a warning that quotes the reason.
Standard library only (a core module), though only the build side runs it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from .errors import Problem
from .model import Framework, Level, Path, Rule, format_path, line_of

RULES = (
    "level-reachable", "act-now-reachable", "act-now-contact", "rule-never-fires",
    "rule-lowers-level", "duplicate-contact", "duplicate-glossary-term",
)


def _can_fire(fw: Framework, rule: Rule) -> bool:
    """Whether some set of ticks makes this rule fire."""
    if rule.any_of:
        return True
    assert rule.count_at_or_above is not None
    floor = fw.rank_of(rule.count_at_or_above)
    pool = [i for i in fw.indicators if fw.rank_of(i.level) >= floor]
    return len(pool) >= rule.min and len({i.domain for i in pool}) >= rule.min_domains


def _counts(fw: Framework, rule: Rule, level_id: str) -> bool:
    """Whether an indicator counting at ``level_id`` can be one of the ticks that make the rule fire."""
    if rule.any_of:
        return False
    assert rule.count_at_or_above is not None
    return fw.rank_of(level_id) >= fw.rank_of(rule.count_at_or_above) and _can_fire(fw, rule)


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Found:
    def __init__(self, fw: Framework, file: str, lines: Mapping[Path, int]):
        self.fw, self.file, self.lines = fw, file, lines
        self.problems: list[tuple[str, Problem]] = []

    def add(self, rule: str, path: Path, message: str) -> None:
        self.problems.append((rule, Problem(self.file, line_of(self.lines, path), format_path(path), message)))


def _act_now_levels(fw: Framework) -> dict[str, str]:
    """Levels an act-now result can show, each with why it is one."""
    out: dict[str, str] = {}
    for lv in fw.levels:
        if lv.act_now:
            out.setdefault(lv.id, "means act now")
    # An act-now result also shows the contacts of the level the act now came from (assess), so the
    # levels above an act-now level need not repeat them; the source level is what must have a number.
    for rule in fw.rules:
        if rule.act_now and _can_fire(fw, rule):
            out.setdefault(rule.level, f"is where the act-now rule '{rule.id}' leads")
    for ind in fw.indicators:
        if ind.act_now:
            out.setdefault(ind.level, f"holds the act-now indicator '{ind.id}'")
    return out


def check(fw: Framework, file: str = "<framework>", lines: Mapping[Path, int] | None = None) -> list[Problem]:
    """Every safety problem in a framework: errors, or warnings where an exception is recorded."""
    found = _Found(fw, file, lines or {})
    index = {lv.id: i for i, lv in enumerate(fw.levels)}
    lowest = fw.lowest()

    def name(level_id: str) -> str:
        lv = fw.level(level_id)
        return f"{lv.name} ({lv.id})"

    for i, rule in enumerate(fw.rules):
        if not _can_fire(fw, rule):
            assert rule.count_at_or_above is not None
            floor = fw.rank_of(rule.count_at_or_above)
            pool = [x for x in fw.indicators if fw.rank_of(x.level) >= floor]
            found.add("rule-never-fires", ("rules", i, "when"),
                      f"this rule can never fire: it needs {rule.min} ticked indicator(s) at or above "
                      f"{name(rule.count_at_or_above)} across {rule.min_domains} domain(s), and the framework has "
                      f"{len(pool)} in {len({x.domain for x in pool})} domain(s)")
        target = fw.rank_of(rule.level)
        for j, ind_id in enumerate(rule.any_of):
            ind = fw.indicator(ind_id)
            if fw.rank_of(ind.level) > target:
                found.add("rule-lowers-level", ("rules", i, "when", "any_of", j),
                          f"sends '{ind_id}', an indicator at {name(ind.level)}, to the lower {name(rule.level)}: "
                          "move it to a rule for its own level or higher")
        if rule.count_at_or_above and fw.rank_of(rule.count_at_or_above) > target:
            found.add("rule-lowers-level", ("rules", i, "level"),
                      f"counts indicators at or above {name(rule.count_at_or_above)} but suggests the lower "
                      f"{name(rule.level)}")

    for i, lv in enumerate(fw.levels):
        if lv.id != lowest.id and not any(r.level == lv.id and _can_fire(fw, r) for r in fw.rules):
            found.add("level-reachable", ("levels", i),
                      f"no rule can suggest {name(lv.id)}: add a rule whose level is '{lv.id}'")

    act_now = _act_now_levels(fw)
    for k, ind in enumerate(fw.indicators):
        if not fw.level(ind.level).act_now or ind.act_now:
            continue
        leads = any(
            (r.act_now or fw.level(r.level).act_now) and (ind.id in r.any_of or _counts(fw, r, ind.level))
            for r in fw.rules
        )
        if not leads:
            path: Path = ("indicators", k, "levels" if len(ind.levels) > 1 else "level")
            found.add("act-now-reachable", path,
                      f"'{ind.id}' is at {name(ind.level)}, which means act now, but no rule leads from it to act now: "
                      "add it to an act-now rule's any_of, or give the indicator act_now: true")

    for level_id, why in act_now.items():
        lv: Level = fw.level(level_id)
        i = index[level_id]
        if not lv.contacts:
            found.add("act-now-contact", ("levels", i),
                      f"{name(level_id)} {why} but lists no contacts: the explorer would say 'call now' with no "
                      "number; add contacts: [id of a contact with a phone number]")
        elif not any(fw.contact(c).phones for c in lv.contacts):
            found.add("act-now-contact", ("levels", i, "contacts"),
                      f"{name(level_id)} {why} but none of its contacts has a phone number to call now")

    seen: dict[tuple[str, str], int] = {}
    for j, c in enumerate(fw.contacts):
        for p in c.phones:
            key = (_norm(c.name), _digits(p.number))
            if key in seen and seen[key] != j:
                first = line_of(found.lines, ("contacts", seen[key]))
                at = f" (line {first})" if first else ""
                found.add("duplicate-contact", ("contacts", j),
                          f"'{c.name}' with {p.number} is already contacts[{seen[key]}]{at}: list it once and "
                          "refer to that id")
                break
            seen.setdefault(key, j)
    terms: dict[str, int] = {}
    for j, g in enumerate(fw.glossary):
        key = _norm(str(g.get("term", "")))
        if key in terms:
            found.add("duplicate-glossary-term", ("glossary", j, "term"),
                      f"the term '{g.get('term')}' is already defined at glossary[{terms[key]}]")
        else:
            terms[key] = j

    reasons = {str(e.get("rule")): str(e.get("reason", "")) for e in fw.exceptions}
    out = []
    for rule_name, problem in found.problems:
        if rule_name in reasons:
            problem = replace(problem, severity="warning",
                              message=f"{problem.message} (allowed by exceptions: {rule_name}: {reasons[rule_name]})")
        out.append(problem)
    used = {rule_name for rule_name, _ in found.problems}
    for k, e in enumerate(fw.exceptions):
        if e.get("rule") not in used:
            path = ("exceptions", k)
            out.append(Problem(file, line_of(found.lines, path), format_path(path),
                               f"the exception for '{e.get('rule')}' is not needed: the framework meets that rule; "
                               "remove the exception", severity="warning"))
    out.sort(key=lambda p: (p.line or 0, p.path))
    return out
