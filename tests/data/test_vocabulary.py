"""The explorer filter's plain-words vocabulary: valid as shipped; a broken copy fails at its line and field."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from thresholds import vocabulary
from thresholds.errors import FrameworkError

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "frameworks" / vocabulary.FOLDER


def test_the_shipped_vocabulary_is_valid_and_its_schema_is_a_schema():
    schema = json.loads((FOLDER / vocabulary.SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    entries = vocabulary.load(FOLDER / vocabulary.FILE)
    assert len(entries) >= 20
    assert all(e.words and e.terms for e in entries)
    words = [w for e in entries for w in e.words]
    assert "hungry" in words and "hitting" in words and "drugs" in words


def _copy(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / vocabulary.FOLDER
    folder.mkdir()
    shutil.copy(FOLDER / vocabulary.SCHEMA, folder / vocabulary.SCHEMA)
    (folder / vocabulary.FILE).write_text(text, encoding="utf-8")
    return folder / vocabulary.FILE


@pytest.mark.parametrize("text, line, path, message", [
    ("schema_version: 1\nentries:\n  - words: [hungry]\n    term: [food]\n", 4, "entries[0]", "unknown field 'term'"),
    ("schema_version: 1\nentries:\n  - words: [\"<b>x</b>\"]\n    terms: [food]\n", 3, "entries[0].words[0]", ""),
    ("schema_version: 1\nentries:\n  - words: [hungry]\n", 3, "entries[0]", ""),
])
def test_a_broken_vocabulary_is_reported_at_its_line(tmp_path, text, line, path, message):
    with pytest.raises(FrameworkError) as caught:
        vocabulary.load(_copy(tmp_path, text))
    problems = caught.value.problems
    assert any(p.line == line and p.path.startswith(path) and message in p.message for p in problems), problems


def test_no_vocabulary_file_is_an_empty_vocabulary(tmp_path):
    assert vocabulary.load(vocabulary.vocabulary_file(tmp_path)) == []


def test_validate_reports_a_broken_vocabulary_with_its_line(tmp_path):
    # `thresholds validate` checks the plain words as the build does, so a publisher hears of a mistake there.
    shutil.copy(ROOT / "tests" / "fixtures" / "tiny.yaml", tmp_path / "tiny.yaml")
    _copy(tmp_path, "schema_version: 1\nentries:\n  - words: [hungry]\n    term: [food]\n")
    run = subprocess.run([sys.executable, "-m", "thresholds", "--frameworks", str(tmp_path), "validate"],
                         capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"{tmp_path / vocabulary.FOLDER / vocabulary.FILE}:4: entries[0].term: unknown field 'term'; did you mean 'terms'?" in run.stderr
    (tmp_path / vocabulary.FOLDER / vocabulary.FILE).write_text(
        "schema_version: 1\nentries:\n  - words: [hungry]\n    terms: [food]\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "thresholds", "--frameworks", str(tmp_path), "validate"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "plain words: 1 entries" in run.stdout
