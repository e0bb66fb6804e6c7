"""The schemas are package data (real files in explorer/thresholds/), and the copies beside the YAML that
editors read (``# yaml-language-server: $schema=…``) are identical real files: no symlink, which a Windows
clone without symlink support would check out as a one-line text file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "explorer" / "thresholds"
COPIES = [(PACKAGE / "framework.schema.json", ROOT / "frameworks" / "framework.schema.json"),
          (PACKAGE / "toolkit.schema.json", ROOT / "frameworks" / "toolkit" / "toolkit.schema.json"),
          (PACKAGE / "concerns.schema.json", ROOT / "frameworks" / "concerns" / "concerns.schema.json")]


@pytest.mark.parametrize("package, editors", COPIES, ids=lambda p: p.name)
def test_the_editors_copy_is_the_package_schema(package, editors):
    assert package.read_bytes() == editors.read_bytes(), (
        f"{editors.relative_to(ROOT)} and {package.relative_to(ROOT)} differ: edit one, then copy it over the other")


@pytest.mark.parametrize("path", [p for pair in COPIES for p in pair], ids=lambda p: str(p.relative_to(ROOT)))
def test_no_schema_is_a_symlink(path):
    assert not path.is_symlink()
    listed = subprocess.run(["git", "ls-files", "-s", str(path.relative_to(ROOT))], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout:
        assert not listed.stdout.startswith("120000"), f"{path.name} is committed as a symlink"


def test_the_installed_package_reads_its_own_copies():
    from thresholds import schema, toolkit

    assert schema.SCHEMA_FILE.parent == toolkit.SCHEMA_FILE.parent == PACKAGE.resolve()
    assert schema.schema()["$id"] and toolkit.schema()["$id"] == "toolkit.schema.json"
