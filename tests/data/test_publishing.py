"""Publishing: `thresholds new` makes a valid framework; `thresholds diff` reports exactly the changes made."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from macros import render
from thresholds.catalog import load_file, previous_edition
from thresholds.diff import diff

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"
OLD = ROOT / "tests" / "fixtures" / "editions" / "tiny" / "2024-01.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thresholds", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_diff_reports_exactly_the_changes_made_between_two_editions():
    d = diff(load_file(OLD, check_name=False).framework, load_file(TINY).framework)
    got = {(c.kind, c.section, c.id, c.before, c.after) for c in d.changes}
    assert got == {
        ("reworded", "indicator", "health-2-01", "Missed appointments", "Missed health appointments"),
        ("removed", "indicator", "health-3-02", "Frequent hospital admissions", None),
        ("added", "indicator", "home-2-01", None, "Debt affecting the child"),
        ("changed", "rule", "cluster-3.min", 3, 2),
        ("changed", "rule", "cluster-3.min_domains", 1, 2),
        ("changed", "contact", "front-door.phones", "01234 111111; Out of hours: 01234 000000",
         "01234 567890; Out of hours: 01234 000000"),
        ("changed", "framework", "edition", "January 2024", "March 2025"),
    }


def test_diff_of_a_file_with_itself_is_empty():
    fw = load_file(TINY).framework
    assert diff(fw, fw).changes == ()


def test_diff_cli_text_and_json():
    text = run("diff", str(OLD), str(TINY))
    assert text.returncode == 0, text.stderr
    assert "Changes from January 2024 to March 2025: 7" in text.stdout
    assert "indicator home-2-01 added: Debt affecting the child" in text.stdout
    data = json.loads(run("diff", "--json", str(OLD), str(TINY)).stdout)
    assert data["old_edition"] == "January 2024" and len(data["changes"]) == 7


def test_amendments_page_shows_the_changelog_and_the_diff():
    folder = ROOT / "tests" / "fixtures"
    previous = previous_edition(folder, "tiny")
    assert previous is not None and previous.framework.edition == "January 2024"
    md = render.changes_page(load_file(TINY).framework, previous.framework)
    assert "Changes since the January 2024 edition" in md
    assert "Debt affecting the child" in md and "Frequent hospital admissions" in md


def test_new_writes_a_template_that_validates_and_builds(tmp_path):
    folder = tmp_path / "frameworks"
    result = run("--frameworks", str(folder), "new", "north-yorkshire", "--authority", "North Yorkshire")
    assert result.returncode == 0, result.stderr
    written = folder / "north-yorkshire.yaml"
    assert written.read_text().startswith("# yaml-language-server: $schema=framework.schema.json")
    # Beside the real vocabulary of concerns, so the template's concern ids are checked as a publisher's are.
    shutil.copytree(ROOT / "frameworks" / "concerns", folder / "concerns")
    checked = run("--frameworks", str(folder), "validate")
    assert checked.returncode == 0, checked.stderr
    # Its one warning is the one its header comment explains; warnings never fail validate.
    warnings = [line for line in checked.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and "no golden cases (tests/core/golden/north-yorkshire.yaml)" in warnings[0]
    assert checked.stderr.splitlines()[-1] == "1 warning; nothing stops publishing."
    assert '"no golden cases"' in written.read_text()

    def assessed(*ids: str) -> dict:
        out = run("--frameworks", str(folder), "assess", "--json", "north-yorkshire", *ids)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    # Act now is explicit: the one protection indicator, never Level 4 as such.
    injury = assessed("family-and-environment-4-01")
    assert injury["level"]["id"] == "level-4" and injury["act_now"]
    complex_needs = assessed("health-4-01")
    assert complex_needs["level"]["id"] == "level-4" and not complex_needs["act_now"]
    assert complex_needs["next_steps"] == ["Complete the referral form."]
    assert assessed("family-and-environment-3-01")["level"]["id"] == "level-3"
    # It builds into pages, with no code change.
    from tests.site.conftest import build_site
    out = tmp_path / "site"
    built = build_site(out, folder)
    assert built.returncode == 0, built.stderr[-2000:]
    assert "North Yorkshire" in (out / "frameworks" / "north-yorkshire" / "index.html").read_text()
    # It refuses to overwrite, and rejects a bad id.
    assert run("--frameworks", str(folder), "new", "north-yorkshire").returncode == 2
    assert run("--frameworks", str(folder), "new", "North Yorkshire").returncode == 2


def test_the_template_is_version_2_with_categories_explicit_act_now_and_next_steps():
    from thresholds import template
    from thresholds.source import parse

    text = template.render("x-town", "X Town", "May 2026", "2026-05-01")
    data, _ = parse(text, "x-town.yaml")
    assert data["schema_version"] == 2
    levels = data["levels"]
    assert [lv["categories"] for lv in levels] == [
        ["universal"], ["early-help"], ["targeted-early-help"], ["child-in-need", "child-protection"]]
    assert not any("rank" in lv for lv in levels)  # order is the rank in version 2
    # Act now on what means protection, not on a level that also covers child in need, nor on every rule.
    assert not any(lv.get("act_now") for lv in levels) and not any(r.get("act_now") for r in data["rules"])
    assert [i["id"] for i in data["indicators"] if i.get("act_now")] == ["family-and-environment-4-01"]
    # Next steps sit on the levels whose step is a named task, not on the universal level.
    assert [lv["id"] for lv in levels if lv.get("next_steps")] == ["level-2", "level-3", "level-4"]
    # The comments name every category the schema allows, so a publisher can choose without the schema.
    schema = json.loads((ROOT / "frameworks" / "framework.schema.json").read_text(encoding="utf-8"))
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    for category in schema["$defs"]["category"]["enum"]:
        assert category in comments, category


def test_unknown_ids_exit_2_with_close_matches():
    r = run("--frameworks", "tests/fixtures", "assess", "tinny", "x")
    assert r.returncode == 2 and "unknown framework 'tinny'" in r.stderr and "tiny" in r.stderr
    r = run("--frameworks", "tests/fixtures", "assess", "tiny", "home-4-1")
    assert r.returncode == 2 and "Did you mean: home-4-01" in r.stderr
    r = run("--frameworks", "tests/fixtures", "indicators", "tiny", "--json")
    rows = json.loads(r.stdout)
    assert rows[0] == {"id": "health-1-01", "level": "level-1", "rank": 1, "domain": "health", "subheading": "",
                       "text": "Registered with a GP", "concerns": []}


def test_a_past_review_date_puts_a_notice_on_every_page(tmp_path):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    text = TINY.read_text().replace("review_date: 2099-03-01", "review_date: 2020-01-31")
    (folder / "tiny.yaml").write_text(text)
    from tests.site.conftest import build_site
    out = tmp_path / "site"
    assert build_site(out, folder).returncode == 0
    pages = list((out / "frameworks" / "tiny").rglob("index.html"))
    assert pages and all("Review overdue" in p.read_text() for p in pages)
    shutil.rmtree(out)


def test_the_guide_explains_warnings_and_every_exception_it_can_record():
    from thresholds.safety import RULES

    guide = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Read a warning"):guide.index("## Change a rule and check it")]
    assert "never\n  stops a build" in section and "warning:" in section
    for rule in RULES:  # every rule an exception may name is named where the guide says how to record one
        assert f"`{rule}`" in section, rule
    # The frameworks it points to as examples do record an exception, with a reason.
    for name in ("kent-and-medway", "worcestershire"):
        assert f"frameworks/{name}.yaml" in section
        fw = load_file(ROOT / "frameworks" / f"{name}.yaml").framework
        assert fw.exceptions and all(e.get("reason") for e in fw.exceptions)
