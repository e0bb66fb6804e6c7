"""Cross-reference checks: every problem reported with its line and field path."""

from __future__ import annotations

import copy

import pytest

from thresholds import FrameworkError, framework_from_dict

from .conftest import fixture_data


def problems_of(data, lines=None):
    with pytest.raises(FrameworkError) as err:
        framework_from_dict(data, file="f.yaml", lines=lines)
    return err.value.problems


def test_tiny_builds(tiny):
    assert tiny.authority == "Tinytown"
    assert [lv.rank for lv in tiny.levels] == [1, 2, 3, 4]
    assert tiny.indicator("home-4-01").tags == ("non-accidental-injury",)


def test_duplicate_indicator_id_names_both_lines():
    data = copy.deepcopy(fixture_data("tiny"))
    data["indicators"][2]["id"] = "health-2-01"
    lines = {("indicators", 1, "id"): 40, ("indicators", 2, "id"): 41}
    [p] = problems_of(data, lines)
    assert (p.line, p.path) == (41, "indicators[2].id")
    assert "duplicate indicator id 'health-2-01'" in p.message and "line 40" in p.message


def test_unknown_level_and_domain_are_all_reported_with_suggestions():
    data = copy.deepcopy(fixture_data("tiny"))
    data["indicators"][0]["level"] = "level-5"
    data["indicators"][1]["domain"] = "helth"
    data["rules"][3]["when"]["any_of"] = ["home-4-02"]
    data["levels"][3]["contacts"] = ["front-dor"]
    found = {p.path: p.message for p in problems_of(data)}
    assert "did you mean 'health'" in found["indicators[1].domain"]
    assert "no level has id 'level-5'" in found["indicators[0].level"]
    assert "did you mean 'home-4-01'" in found["rules[3].when.any_of[0]"]
    assert "did you mean 'front-door'" in found["levels[3].contacts[0]"]


def test_levels_must_go_up_in_rank():
    data = copy.deepcopy(fixture_data("tiny"))
    data["levels"][1]["rank"] = 1
    [p] = problems_of(data)
    assert p.path == "levels[1].rank"


def test_problem_line_falls_back_to_the_enclosing_field():
    data = copy.deepcopy(fixture_data("tiny"))
    data["indicators"][0]["level"] = "nope"
    [p] = problems_of(data, {("indicators", 0): 33})
    assert p.line == 33 and str(p).startswith("f.yaml:33: indicators[0].level: ")
