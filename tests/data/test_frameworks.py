"""Every framework in ./frameworks validates; the five seeds are also complete enough to publish.

Generic checks run on every file, so adding a valid framework never breaks the suite; what they
require is what the schema and the safety rules require. The completeness checks are written from
the five seed documents and apply to those files only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from thresholds import assess
from thresholds.catalog import framework_files, load_file

ROOT = Path(__file__).resolve().parents[2]
FILES = framework_files(ROOT / "frameworks")
SEEDS = ("blackburn-with-darwen", "kirklees", "worcestershire", "kent-and-medway", "norfolk")
SEED_FILES = [ROOT / "frameworks" / f"{s}.yaml" for s in SEEDS]


def test_the_five_seeds_are_present():
    assert set(SEEDS) <= {p.stem for p in FILES}


def check_publishable(path: Path) -> None:
    """What every framework file must meet: exactly what the schema, references and safety rules require."""
    fw = load_file(path).framework  # raises FrameworkError (located problems) otherwise
    assert fw.indicators and fw.rules and fw.contacts
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=framework.schema.json")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_framework_validates(path):
    check_publishable(path)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_is_complete(path):
    fw = load_file(path).framework
    assert fw.schema_version == 1 and [lv.rank for lv in fw.levels] == [1, 2, 3, 4]
    # Consent rules are per level where the source gives them per level, otherwise a consent section.
    assert any(lv.consent for lv in fw.levels) or any(s.get("page") == "consent" for s in fw.sections), \
        "the framework must say how consent and information sharing work"
    top = fw.levels[-1]
    assert top.act_now and top.contacts, "the act-now level must name who to call"
    # A number to call now — unless the source has none, which its notes must then say (Kent and Medway).
    assert any(c.phones for c in (fw.contact(i) for i in top.contacts)) or \
        "no telephone number" in fw.source.get("notes", ""), "the act-now level must give a number"
    assert fw.escalation, "each seed document sets out a route for resolving disagreement"


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_every_act_now_indicator_of_a_seed_means_act_now_on_its_own(path):
    fw = load_file(path).framework
    for ind in fw.indicators:
        if fw.level(ind.level).act_now:
            result = assess(fw, [ind.id])
            assert result.level == ind.level and result.act_now, ind.id
