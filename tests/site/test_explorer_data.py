"""The explorer's framework data (macros/explorer_data.py) is smaller and the engine answers the same from it."""

from __future__ import annotations

import json

import pytest

from macros.explorer_data import PAGE_ONLY, explorer_data, explorer_json
from thresholds import browser
from thresholds.catalog import framework_files, load_file, to_json

from .nginx import ROOT

ITEMS = [load_file(p) for p in framework_files(ROOT / "frameworks")]


def tick_sets(data: dict) -> list[list[str]]:
    ids = [i["id"] for i in data["indicators"]]
    return [[], ids, *([i] for i in ids), ids[::2], ids[1::3], ids[-5:]]


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.framework.id)
def test_the_engine_answers_the_same_from_the_explorer_data(item):
    answers = {}
    for name, text in (("full", to_json(item)), ("explorer", explorer_json(item.data))):
        browser.load_framework(text)
        answers[name] = [browser.assess_json(json.dumps(ticked)) for ticked in tick_sets(item.data)]
    assert answers["explorer"] == answers["full"]


def test_page_only_parts_are_left_out():
    saved = 0
    for item in ITEMS:
        trimmed = explorer_data(item.data)
        assert not set(PAGE_ONLY) & set(trimmed)
        assert all(set(step) <= {"id", "title"} for step in trimmed.get("escalation", []))
        for key in ("levels", "indicators", "rules", "contacts", "glossary"):
            assert trimmed.get(key) == item.data.get(key), key
        saved += len(to_json(item)) - len(explorer_json(item.data))
    assert saved > 50_000, "the page-only parts were not left out"


def test_the_site_serves_the_explorer_data():
    site = ROOT / "site" / "data"
    if not site.is_dir():
        pytest.fail("run `make build` first")
    for item in ITEMS:
        served = json.loads((site / f"{item.framework.id}.json").read_text(encoding="utf-8"))
        assert served == explorer_data(item.data)
