"""Safety rules: each is an error on a mistaken framework, a warning only where an exception is recorded."""

from __future__ import annotations

import copy

import pytest

from thresholds import framework_from_dict
from thresholds.safety import check

from .conftest import fixture_data


def problems(data):
    return check(framework_from_dict(data, file="t.yaml"), "t.yaml")


@pytest.fixture
def data():
    return copy.deepcopy(fixture_data("tiny"))


def test_the_fixture_is_safe(data):
    assert problems(data) == []


def test_a_rule_sending_a_protection_indicator_to_level_1_is_an_error(data):
    data["rules"].append({"id": "wrong", "level": "level-1", "when": {"any_of": ["home-4-01"]}, "explanation": "x"})
    [p] = problems(data)
    assert (p.path, p.severity) == ("rules[4].when.any_of[0]", "error")
    assert "home-4-01" in p.message and "lower Level 1" in p.message


def test_a_count_from_a_higher_level_suggesting_a_lower_one_is_an_error(data):
    data["rules"].append({"id": "wrong", "level": "level-2", "when": {"count_at_or_above": "level-3", "min": 1},
                          "explanation": "x"})
    assert [p.path for p in problems(data)] == ["rules[4].level"]


def test_a_rule_that_can_never_fire_and_the_level_it_leaves_unreachable(data):
    data["rules"][2]["when"] = {"count_at_or_above": "level-3", "min": 5}
    found = {p.path: p.message for p in problems(data)}
    assert "can never fire" in found["rules[2].when"] and "has 3 in 2 domain(s)" in found["rules[2].when"]
    assert "no rule can suggest Level 3" in found["levels[2]"]


def test_an_act_now_indicator_with_no_way_to_act_now_is_an_error(data):
    data["rules"][3]["when"] = {"any_of": ["home-3-01"]}  # the level 4 indicator no longer leads anywhere
    found = {p.path: p.message for p in problems(data)}
    assert "'home-4-01'" in found["indicators[5].level"]


def test_an_act_now_level_needs_a_contact_with_a_number(data):
    data["levels"][3]["contacts"] = []
    [p] = problems(data)
    assert p.path == "levels[3]" and "no contacts" in p.message
    data["levels"][3]["contacts"] = ["nophone"]
    data["contacts"].append({"id": "nophone", "name": "Social care"})
    [p] = problems(data)
    assert p.path == "levels[3].contacts" and "phone number" in p.message


def test_a_recorded_exception_turns_the_error_into_a_warning_quoting_the_reason(data):
    data["levels"][3]["contacts"] = []
    data["exceptions"] = [{"rule": "act-now-contact", "reason": "The source gives no number."}]
    [p] = problems(data)
    assert p.severity == "warning" and "The source gives no number." in p.message
    assert str(p).startswith("t.yaml: levels[3]: warning: ")


def test_an_exception_that_is_not_needed_is_a_warning(data):
    data["exceptions"] = [{"rule": "duplicate-contact", "reason": "x"}]
    [p] = problems(data)
    assert (p.path, p.severity) == ("exceptions[0]", "warning") and "not needed" in p.message


def test_duplicate_contacts_and_glossary_terms(data):
    data["contacts"].append({"id": "police-again", "name": "police ", "phones": [{"number": "9 9 9"}]})
    data["glossary"].append({"term": "eha", "definition": "again"})
    found = {p.path: p.message for p in problems(data)}
    assert "already contacts[1]" in found["contacts[2]"]
    assert "already defined at glossary[0]" in found["glossary[2].term"]


def test_same_name_with_a_different_number_is_not_a_duplicate(data):
    data["contacts"].append({"id": "police-2", "name": "Police", "phones": [{"number": "101"}]})
    assert problems(data) == []
