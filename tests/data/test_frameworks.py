"""Every framework in ./frameworks validates, and its structure is complete enough to publish."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresholds import assess
from thresholds.catalog import framework_files, load_file

ROOT = Path(__file__).resolve().parents[2]
FILES = framework_files(ROOT / "frameworks")
EXPECTED = {"blackburn-with-darwen", "kirklees", "worcestershire", "kent-and-medway", "norfolk"}


def test_all_five_authorities_are_present():
    assert {p.stem for p in FILES} == EXPECTED


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_framework_validates_and_is_complete(path):
    fw = load_file(path).framework
    assert [lv.rank for lv in fw.levels] == [1, 2, 3, 4]
    assert fw.indicators and fw.rules and fw.contacts
    # Consent rules are per level where the source gives them per level, otherwise a consent section.
    assert any(lv.consent for lv in fw.levels) or any(s.get("page") == "consent" for s in fw.sections), \
        "the framework must say how consent and information sharing work"
    top = fw.levels[-1]
    assert top.contacts, "level 4 must name who to call"
    # A number to call now — unless the source has none, which its notes must then say (Kent and Medway).
    assert any(c.phones for c in (fw.contact(i) for i in top.contacts)) or \
        "no telephone number" in fw.source.get("notes", ""), "level 4 must give a number"
    assert fw.escalation, "every framework has a route for resolving disagreement"
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=framework.schema.json")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_level_4_indicator_means_act_now(path):
    fw = load_file(path).framework
    for ind in fw.indicators:
        if fw.rank_of(ind.level) == 4:
            result = assess(fw, [ind.id])
            assert result.rank == 4 and result.act_now, ind.id
