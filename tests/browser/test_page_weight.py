"""Page weight: guidance pages never fetch the explorer's runtime (Pyodide is for explorer pages only).

Transfer sizes are measured by the benchmark (tests/bench/bench_weight.py), not asserted here.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def _pyodide(urls: list[str]) -> list[str]:
    return [u for u in urls if urlsplit(u).path.startswith("/pyodide/") or "/pyodide/" in urlsplit(u).path]


def test_guidance_pages_request_nothing_under_pyodide(site_tour):
    guidance = [v for v in site_tour.visits.values() if not v.is_explorer and not v.path.startswith("search:")]
    assert len(guidance) >= 50
    fetched = {v.path: _pyodide(v.requests) for v in guidance}
    assert {k: u for k, u in fetched.items() if u} == {}


def test_the_pyodide_check_sees_explorer_fetches(site_tour):
    """The same check flags the explorer pages, which do load Pyodide: it can fail."""
    explorers = [v for v in site_tour.visits.values() if v.is_explorer]
    assert explorers and all(_pyodide(v.requests) for v in explorers)
