"""Schema version 2 and version 1 side by side: each file is checked against the version it names."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from thresholds import schema
from thresholds.source import read

ROOT = Path(__file__).resolve().parents[2]


def data_of(name):
    return read(ROOT / "tests" / "fixtures" / f"{name}.yaml")[0]


def messages(data):
    return {p.path: p.message for p in schema.check(data, "t.yaml", {})}


def test_both_fixtures_are_valid():
    assert messages(data_of("shapes")) == {} and messages(data_of("hampshire")) == {} and messages(data_of("tiny")) == {}


def test_version_2_takes_2_to_6_levels():
    data = data_of("shapes")
    more = copy.deepcopy(data)
    more["levels"].append({**more["levels"][0], "id": "seventh"})
    assert messages(more) == {"levels": "must have at most 6 entries"}
    fewer = copy.deepcopy(data)
    fewer["levels"] = fewer["levels"][:1]
    assert messages(fewer)["levels"] == "must have at least 2 entries"


def test_version_2_levels_need_categories_from_the_closed_list():
    data = data_of("shapes")
    del data["levels"][0]["categories"]
    data["levels"][1]["categories"] = ["early help"]
    found = messages(data)
    assert found["levels[0]"] == "missing required field 'categories'"
    assert found["levels[1].categories[0]"].startswith("expected one of universal, early-help, targeted-early-help")


def test_version_1_keeps_its_four_ranks():
    data = data_of("tiny")
    data["levels"][3]["rank"] = 5
    del data["levels"][0]["rank"]
    found = messages(data)
    assert found["levels[3].rank"] == "expected a number from … to 4, got 5"
    assert found["levels[0]"] == "missing required field 'rank'"


def test_an_unknown_version_is_refused():
    data = data_of("tiny")
    data["schema_version"] = 3
    assert messages(data)["schema_version"].startswith("expected one of 1, 2")


@pytest.mark.parametrize("name", ["tiny", "version-1", "shapes", "hampshire"])
def test_fixtures_name_the_schema_for_editors(name):
    first = (ROOT / "tests" / "fixtures" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../frameworks/framework.schema.json"
