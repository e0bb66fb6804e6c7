"""Golden cases written from each source's own words (tests/core/golden/ID.yaml).

Golden cases are optional per framework (`thresholds validate` warns when a framework has none);
where they exist they run, and must cover nothing ticked, a single need, a cluster and act now.
They exist for the real frameworks and for fixture frameworks (tests/fixtures/ID.yaml).
"""

from __future__ import annotations

import pytest

from thresholds import assess

from .conftest import fixture_ids, framework_ids, golden_cases, golden_ids, load_any

CASES = [
    pytest.param(fid, case, id=f"{fid}: {case['name']}")
    for fid in golden_ids()
    for case in golden_cases(fid)["cases"]
]


def test_golden_files_name_a_known_framework_and_cover_the_basics():
    assert golden_ids(), "the seeds' golden cases are missing"
    for fid in golden_ids():
        assert fid in framework_ids() or fid in fixture_ids(), f"golden cases for unknown framework {fid}"
        assert golden_cases(fid)["framework"] == fid
        names = " ".join(c["name"].lower() for c in golden_cases(fid)["cases"])
        assert "nothing" in names and "single" in names and "cluster" in names, fid
        assert any(c.get("act_now") for c in golden_cases(fid)["cases"]), f"{fid}: no act-now case"


@pytest.mark.parametrize(("framework_id", "case"), CASES)
def test_golden_case(framework_id, case):
    fw = load_any(framework_id)
    result = assess(fw, case["ticked"])
    assert result.level == case["expect_level"], case.get("because")
    assert result.act_now == bool(case.get("act_now", False))
    if case["ticked"] and result.level != fw.lowest().id:
        drivers = {i for r in result.reasons if r.rank == result.rank for i in r.indicators}
        assert drivers and drivers <= set(case["ticked"])
