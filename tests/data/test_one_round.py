"""Schema and reference problems in one round: the reference check never crashes on schema-invalid data."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from thresholds import source
from thresholds.catalog import load_file
from thresholds.errors import FrameworkError
from thresholds.model import check_references

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"
WRONG = [None, 7, True, "text", "", [], {}, [1, [2]], {"id": ["not", "an", "id"]}, "x" * 100_000]


def paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths(v, path + (i,))
    return out


def replaced(data: Any, path: tuple, new: Any) -> Any:
    data = copy.deepcopy(data)
    if not path:
        return new
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
    return data


def test_the_reference_check_survives_a_wrong_value_anywhere():
    data, lines = source.read(TINY)
    count = 0
    for path in paths(data):
        for wrong in WRONG:
            problems = check_references(replaced(data, path, wrong), "tiny.yaml", lines)
            assert isinstance(problems, list)
            count += 1
    assert count > 1000


def test_a_wrong_shape_and_a_wrong_reference_are_reported_together(tmp_path):
    text = TINY.read_text(encoding="utf-8").replace("id: tiny\n", "id: both\n", 1)
    text = text.replace("  - {id: health, name: Health}\n", "  - health\n", 1)  # a domain that is not a mapping
    text = text.replace("when: {any_of: [home-4-01]}", "when: {any_of: [home-4-1]}", 1)  # an unknown indicator
    path = tmp_path / "both.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError) as err:
        load_file(path)
    got = [(p.line, p.path, p.message.split(";")[0]) for p in err.value.problems]
    assert (47, "domains[0]", "expected a set of fields, got 'health'") in got
    assert (72, "rules[3].when.any_of[0]", "no indicator has id 'home-4-1' (known: health-1-01, health-2-01, "
            "home-2-01, health-3-01, home-3-01, home-4-01)") in got
    # The indicators whose domain no longer exists are named too, in the same run.
    assert (50, "indicators[0].domain", "no domain has id 'health' (known: home)") in got
