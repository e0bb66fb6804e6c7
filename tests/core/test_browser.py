"""The Pyodide entry points: JSON in, JSON and escaped HTML out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from thresholds import browser

from .conftest import fixture_data

PACKAGE = Path(browser.__file__).resolve().parent


@pytest.fixture()
def loaded():
    browser.load_framework(json.dumps(fixture_data("tiny")))


def test_assess_json_returns_result_and_panel(loaded):
    out = json.loads(browser.assess_json(json.dumps(["home-4-01", "home-3-01"])))
    assert out["result"]["level"]["rank"] == 4 and out["result"]["act_now"] is True
    assert out["result"]["reasons"][0]["indicator_texts"] == ["Injury with no explanation"]
    panel = out["html"]
    assert 'data-rank="4"' in panel and "Act now" in panel
    assert 'href="tel:01234567890"' in panel and 'href="tel:999"' in panel
    assert "professional judgement" in panel
    assert "March 2025" in panel  # the edition
    assert 'href="../escalation/"' in panel and 'href="../levels/#level-4"' in panel


def test_panel_escapes_indicator_text(loaded):
    panel = json.loads(browser.assess_json(json.dumps(["home-3-01", "health-3-01"])))["html"]
    assert "&lt;b&gt;reported&lt;/b&gt; &amp; repeated" in panel
    assert "<b>" not in panel


def test_panel_marks_the_frameworks_abbreviations(loaded):
    panel = json.loads(browser.assess_json(json.dumps(["health-2-01"])))["html"]
    assert '<abbr title="Early Help Assessment">EHA</abbr>' in panel


def test_nothing_ticked_says_so(loaded):
    out = json.loads(browser.assess_json("[]"))
    assert out["result"]["level"]["rank"] == 1
    assert "No indicators ticked" in out["html"]


def test_ticks_that_reach_no_higher_level_are_listed_not_called_nothing():
    data = fixture_data("tiny")
    browser.load_framework(json.dumps({**data, "rules": [r for r in data["rules"] if r["id"] != "universal"]}))
    out = json.loads(browser.assess_json(json.dumps(["health-1-01"])))
    assert out["result"]["level"]["rank"] == 1
    assert "No indicators ticked" not in out["html"]
    assert "Nothing ticked reaches a higher level" in out["html"] and "Registered with a GP" in out["html"]


def test_assess_json_gives_every_view_the_page_places(loaded):
    out = json.loads(browser.assess_json(json.dumps(["home-4-01"]), "2026-03-07"))
    assert set(out) == {"result", "html", "summary", "line", "record", "text"}
    assert out["line"].startswith("Act now:") and len(out["line"]) <= 300
    assert 'href="tel:999"' in out["summary"]
    assert "7 March 2026" in out["text"] and "7 March 2026" in out["record"]
    assert "Injury with no explanation" in out["text"]


# What presents a result is imported after ready (browser.warm_up), not on the path to it: the modules
# that importing thresholds.browser runs, following every top-level import (not those inside functions).
def _imported_at_load(module: str, seen: set[str] | None = None) -> set[str]:
    import ast

    seen = set() if seen is None else seen
    if module in seen:
        return seen
    seen.add(module)
    path = PACKAGE / ("__init__.py" if module == "thresholds" else f"{module.split('.', 1)[1]}.py")
    for node in ast.parse(path.read_text(encoding="utf-8")).body:  # top level only
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = "thresholds" + (f".{node.module}" if node.module else "")
            names = [base] if node.module else [f"thresholds.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module]
        for name in names:
            if name.startswith("thresholds.") and (PACKAGE / f"{name.split('.', 1)[1]}.py").is_file():
                _imported_at_load(name, seen)
            else:
                seen.add(name)
    return seen


def test_loading_a_framework_imports_nothing_that_only_presents_a_result():
    at_load = _imported_at_load("thresholds") | _imported_at_load("thresholds.browser")
    assert "thresholds.model" in at_load  # (the walk follows the package's imports)
    early = at_load & {"thresholds.present", "thresholds.html", "html", "datetime"}
    assert not early, f"imported on the way to ready: {sorted(early)}; import them in warm_up or assess_json"
    browser.load_framework(json.dumps(fixture_data("tiny")))
    browser.warm_up()
    assert {"thresholds.present", "thresholds.html"} <= set(sys.modules)


def test_a_new_framework_gets_its_own_abbreviations():
    tiny = fixture_data("tiny")
    browser.load_framework(json.dumps(tiny))
    browser.warm_up()
    assert "<abbr" in json.loads(browser.assess_json(json.dumps(["health-2-01"])))["html"]
    browser.load_framework(json.dumps({**tiny, "glossary": []}))
    assert "<abbr" not in json.loads(browser.assess_json(json.dumps(["health-2-01"])))["html"]


def test_warm_up_needs_a_framework():
    browser._current.clear()
    with pytest.raises(RuntimeError, match="load_framework"):
        browser.warm_up()
