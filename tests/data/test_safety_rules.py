"""`thresholds validate` runs the safety rules: located errors, warnings only for recorded exceptions."""

from __future__ import annotations

import shutil
from pathlib import Path

from thresholds.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_seeds_pass_with_exactly_their_recorded_exceptions(capsys):
    code, out, err = run(capsys, "--frameworks", str(ROOT / "frameworks"), "validate")
    assert code == 0, err
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    kent = [w for w in warnings if "kent-and-medway.yaml" in w]
    worcs = [w for w in warnings if "worcestershire.yaml" in w]
    assert len(kent) == 1 and "levels[3].contacts: warning: Tier 4 (tier-4) means act now" in kent[0]
    assert "The source gives no telephone number" in kent[0]
    assert len(worcs) == 1 and "levels[1]: warning: no rule can suggest Tier 2" in worcs[0]
    seeds = ("blackburn-with-darwen", "kent-and-medway", "kirklees", "norfolk", "worcestershire")
    # The seeds all have golden cases: no other warning for them (another framework may add its own).
    assert len([w for w in warnings if any(f"{s}.yaml" in w for s in seeds)]) == 2, warnings


def test_an_unsafe_rule_fails_validate_with_its_line(tmp_path, capsys):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    text = (ROOT / "tests" / "fixtures" / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("    when: {any_of: [home-4-01]}\n    act_now: true\n    explanation: A level 4 indicator means act now.",
                        "    when: {any_of: [home-4-01]}\n    explanation: A level 4 indicator means act now.\n"
                        "  - id: oops\n    level: level-1\n    when: {any_of: [home-4-01]}\n    explanation: Wrong.")
    (folder / "tiny.yaml").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--frameworks", str(folder), "validate")
    assert code == 1
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t == "  - id: oops") + 2
    assert f"tiny.yaml:{line}: rules[4].when.any_of[0]: sends 'home-4-01', an indicator at Level 4 (level-4), " \
           "to the lower Level 1 (level-1)" in err
    assert "1 problem found." in err


def test_a_framework_without_golden_cases_validates_with_a_warning(tmp_path, capsys):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "version-1.yaml", folder / "version-1.yaml")
    code, out, err = run(capsys, "--frameworks", str(folder), "validate")
    assert code == 0 and "version-1.yaml: ok" in out
    assert "warning: no golden cases (tests/core/golden/version-1.yaml)" in err
