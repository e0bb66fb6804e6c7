"""Golden cases per framework, written from each source's own words (tests/core/golden/ID.yaml)."""

from __future__ import annotations

import pytest

from thresholds import assess

from .conftest import framework_ids, golden_cases, load

CASES = [
    pytest.param(fid, case, id=f"{fid}: {case['name']}")
    for fid in framework_ids()
    for case in golden_cases(fid)["cases"]
]


def test_every_framework_has_golden_cases():
    have = {fid for fid, *_ in (p.values for p in CASES)}
    assert have == set(framework_ids())
    for fid in framework_ids():
        names = " ".join(c["name"].lower() for c in golden_cases(fid)["cases"])
        assert "nothing" in names and "single" in names and "cluster" in names, fid
        assert any(c.get("act_now") for c in golden_cases(fid)["cases"]), f"{fid}: no act-now case"


@pytest.mark.parametrize(("framework_id", "case"), CASES)
def test_golden_case(framework_id, case):
    fw = load(framework_id)
    result = assess(fw, case["ticked"])
    assert result.level == case["expect_level"], case.get("because")
    assert result.act_now == bool(case.get("act_now", False))
    if case["ticked"] and result.rank > 1:
        drivers = {i for r in result.reasons if r.rank == result.rank for i in r.indicators}
        assert drivers and drivers <= set(case["ticked"])
