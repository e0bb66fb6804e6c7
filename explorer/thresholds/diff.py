"""What changed between two editions of a framework: indicators added, removed, reworded or moved,
and changes to levels, rules and contacts. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Framework


@dataclass(frozen=True)
class Change:
    """One difference, in words a publisher can check against the approved amendment."""

    kind: str  # added | removed | reworded | moved | changed
    section: str  # indicator | level | rule | contact | escalation | framework
    id: str
    before: Any = None
    after: Any = None

    def describe(self) -> str:
        """One line for the terminal and the amendments page."""
        if self.kind == "added":
            return f"{self.section} {self.id} added: {_short(self.after)}"
        if self.kind == "removed":
            return f"{self.section} {self.id} removed: {_short(self.before)}"
        return f"{self.section} {self.id} {self.kind}: {_short(self.before)} → {_short(self.after)}"


@dataclass(frozen=True)
class Diff:
    old_edition: str
    new_edition: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def of(self, section: str, kind: str | None = None) -> list[Change]:
        return [c for c in self.changes if c.section == section and (kind is None or c.kind == kind)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_edition": self.old_edition, "new_edition": self.new_edition,
            "changes": [{"kind": c.kind, "section": c.section, "id": c.id, "before": c.before, "after": c.after}
                        for c in self.changes],
        }


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 160 else text[:157] + "…"


def _by_id(items: Any) -> dict[str, Any]:
    return {item.id if hasattr(item, "id") else item["id"]: item for item in items}


def _compare(section: str, old: dict[str, Any], new: dict[str, Any], fields: tuple[str, ...]) -> list[Change]:
    out = []
    for key in old.keys() - new.keys():
        out.append(Change("removed", section, key, before=_label(old[key])))
    for key in new.keys() - old.keys():
        out.append(Change("added", section, key, after=_label(new[key])))
    for key in old.keys() & new.keys():
        for name in fields:
            a, b = _get(old[key], name), _get(new[key], name)
            if a != b:
                out.append(Change("changed", section, f"{key}.{name}", before=a, after=b))
    return out


def _get(item: Any, name: str) -> Any:
    return _plain(item.get(name) if isinstance(item, dict) else getattr(item, name))


def _plain(value: Any) -> Any:
    """Values as a publisher reads them: lists joined, phone numbers with their labels."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_plain(v)) for v in value)
    if hasattr(value, "number") and hasattr(value, "label"):
        return f"{value.label}: {value.number}" if value.label else value.number
    if isinstance(value, dict):
        return " ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return value


def _label(item: Any) -> str:
    for name in ("text", "title", "name"):
        value = _get(item, name) if (isinstance(item, dict) and name in item) or hasattr(item, name) else None
        if value:
            return str(value)
    return ""


def diff(old: Framework, new: Framework) -> Diff:
    """Every change from ``old`` to ``new``, in a stable order (section, then id)."""
    changes: list[Change] = []
    old_i, new_i = _by_id(old.indicators), _by_id(new.indicators)
    for key in sorted(old_i.keys() - new_i.keys()):
        changes.append(Change("removed", "indicator", key, before=old_i[key].text))
    for key in sorted(new_i.keys() - old_i.keys()):
        changes.append(Change("added", "indicator", key, after=new_i[key].text))
    for key in sorted(old_i.keys() & new_i.keys()):
        a, b = old_i[key], new_i[key]
        if a.text != b.text:
            changes.append(Change("reworded", "indicator", key, before=a.text, after=b.text))
        if (a.levels, a.domain) != (b.levels, b.domain):
            changes.append(Change("moved", "indicator", key, before=f"{', '.join(a.levels)} / {a.domain}",
                                  after=f"{', '.join(b.levels)} / {b.domain}"))
        if a.act_now != b.act_now:
            changes.append(Change("changed", "indicator", key, before=f"act_now: {a.act_now}", after=f"act_now: {b.act_now}"))
    changes += _compare("level", _by_id(old.levels), _by_id(new.levels),
                        ("rank", "name", "title", "categories", "act_now", "service", "definition", "guidance",
                         "response", "next_steps", "consent", "contacts"))
    changes += _compare("rule", _by_id(old.rules), _by_id(new.rules),
                        ("level", "count_at_or_above", "min", "min_domains", "any_of", "act_now", "explanation"))
    changes += _compare("contact", _by_id(old.contacts), _by_id(new.contacts),
                        ("name", "description", "phones", "emails", "urls", "address"))
    changes += _compare("escalation", _by_id(old.escalation), _by_id(new.escalation), ("title", "intro", "steps", "outro"))
    for name in ("authority", "title", "edition", "review_date"):
        if getattr(old, name) != getattr(new, name):
            changes.append(Change("changed", "framework", name, getattr(old, name), getattr(new, name)))
    order = {"indicator": 0, "level": 1, "rule": 2, "contact": 3, "escalation": 4, "framework": 5}
    changes.sort(key=lambda c: (order[c.section], c.id, c.kind))
    return Diff(old.edition, new.edition, tuple(changes))
