"""Version 1 files mean exactly what they meant before schema version 2.

tests/data/v1_assessments.json was recorded from the engine as it was before version 2 (rank 4
meant act now): for every seed framework and the v1 fixture, nothing ticked, every indicator on its
own and 200 seeded random combinations; for tests/fixtures/version-1.yaml (ranks 1, 2 and 4, recorded
with the engine before version 2), every combination. Each must give the same level, act now,
contacts and rules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thresholds import assess
from thresholds.catalog import load_file

ROOT = Path(__file__).resolve().parents[2]
RECORDED = json.loads((ROOT / "tests" / "data" / "v1_assessments.json").read_text(encoding="utf-8"))
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ("blackburn-with-darwen", "kent-and-medway", "kirklees", "norfolk", "worcestershire")
FILES = {s: ROOT / "frameworks" / f"{s}.yaml" for s in SEEDS} | {
    "tiny": FIXTURES / "tiny.yaml", "version-1": FIXTURES / "version-1.yaml"}


@pytest.mark.parametrize("framework_id", sorted(RECORDED))
def test_v1_assessments_are_unchanged(framework_id):
    fw = load_file(FILES[framework_id], check_name=False).framework
    assert fw.schema_version == 1
    for case in RECORDED[framework_id]:
        r = assess(fw, case["ticked"])
        got = {"level": r.level, "act_now": r.act_now, "contacts": [c.id for c in r.contacts],
               "rules": [x.rule for x in r.reasons]}
        assert got == {k: case[k] for k in got}, case["ticked"]


def test_v1_ranks_become_categories_and_act_now_in_the_model():
    fw = load_file(FILES["tiny"], check_name=False).framework
    assert [lv.categories for lv in fw.levels] == [("universal",), ("early-help",), ("child-in-need",), ("child-protection",)]
    assert [lv.act_now for lv in fw.levels] == [False, False, False, True]


def test_the_recording_covers_every_v1_file():
    # A negative check on the recording itself: it must not be empty or miss a seed.
    assert set(RECORDED) == set(FILES)
    assert all(len(rows) > 100 for fid, rows in RECORDED.items() if fid != "version-1")
    assert len(RECORDED["version-1"]) == 2 ** 5  # every combination of its five indicators


def test_a_v1_file_without_rank_3_still_acts_now_only_at_rank_4():
    fw = load_file(FILES["version-1"], check_name=False).framework
    assert [(lv.rank, lv.categories, lv.act_now) for lv in fw.levels] == [
        (1, ("universal",), False), (2, ("early-help",), False), (4, ("child-protection",), True)]
    assert assess(fw, ["home-2", "health-2"]).act_now is False and assess(fw, ["home-4"]).act_now is True
