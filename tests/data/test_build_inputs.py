"""The build refuses what validate refuses, located, and prints warnings without failing on them."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.site.conftest import build_site

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"


def test_an_empty_frameworks_folder_stops_the_build(tmp_path):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    out = tmp_path / "site"
    result = build_site(out, folder)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"{folder}: (top level): this folder has no framework files (*.yaml)" in result.stderr
    assert not (out / "index.html").exists()


def test_a_yml_only_folder_stops_the_build(tmp_path):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "tiny.yaml", folder / "tiny.yml")
    result = build_site(tmp_path / "site", folder)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "tiny.yml: (top level): framework files must end in .yaml: rename it to tiny.yaml" in result.stderr


def test_an_impossible_date_stops_the_build_with_its_line(tmp_path):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    shutil.copy(HOSTILE / "impossible-date.yaml", folder / "impossible-date.yaml")
    result = build_site(tmp_path / "site", folder)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert ("impossible-date.yaml:10: review_date: expected a real date written YYYY-MM-DD, got '2025-02-30'"
            in result.stderr)


def test_warnings_are_printed_and_the_strict_build_still_succeeds(tmp_path):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    shutil.copy(HOSTILE / "curly-quotes.yaml", folder / "curly-quotes.yaml")
    out = tmp_path / "site"
    result = build_site(out, folder)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "curly-quotes.yaml:74: rules[3].explanation: warning: the whole text is in curly quotes" in result.stderr
    assert (out / "frameworks" / "curly-quotes" / "index.html").exists()
