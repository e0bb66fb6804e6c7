"""A framework's indicators counted by level and domain, for the tests that compare them with
counts made by hand in the source documents (tests/data/test_counts_*.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml

FRAMEWORKS = Path(__file__).resolve().parents[2] / "frameworks"


def indicators(framework_id: str) -> list[dict[str, Any]]:
    """The framework's indicators as written in its YAML file."""
    return yaml.safe_load((FRAMEWORKS / f"{framework_id}.yaml").read_text(encoding="utf-8"))["indicators"]


def per_level(framework_id: str) -> Counter[str]:
    """How many indicators each level has."""
    return Counter(i["level"] for i in indicators(framework_id))


def per_level_domain(framework_id: str) -> Counter[tuple[str, str]]:
    """How many indicators each (level, domain) pair has."""
    return Counter((i["level"], i["domain"]) for i in indicators(framework_id))


def domains_add_up(by_level: dict[str, int], by_level_domain: dict[tuple[str, str], int]) -> bool:
    """True when each level's count is the sum of its domains' counts (the hand counts agree)."""
    return all(sum(n for (lv, _), n in by_level_domain.items() if lv == level) == total
               for level, total in by_level.items())
