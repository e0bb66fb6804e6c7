"""The vocabulary of concerns: valid, used by every indicator of the five frameworks, and checked like them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from thresholds.catalog import framework_files, load_all, load_file, load_concerns
from thresholds.concerns import GROUPS
from thresholds.errors import FrameworkError

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ROOT / "frameworks"
SEEDS = {"blackburn-with-darwen", "kirklees", "worcestershire", "kent-and-medway", "norfolk"}
VOCABULARY = FRAMEWORKS / "concerns" / "concerns.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thresholds", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_the_vocabulary_is_valid_and_covers_the_three_sides_of_the_triangle():
    vocabulary = load_concerns(FRAMEWORKS)
    assert vocabulary is not None
    assert 30 <= len(vocabulary.concerns) <= 60
    assert {c.group for c in vocabulary.concerns} == set(GROUPS)
    for c in vocabulary.concerns:
        assert c.label and c.definition and c.synonyms, c.id
        assert "\n" not in c.definition, f"{c.id}: the definition is one line"


def test_every_seed_indicator_has_a_known_concern_and_every_concern_is_used():
    vocabulary = load_concerns(FRAMEWORKS)
    used = set()
    seeds = [p for p in framework_files(FRAMEWORKS) if p.stem in SEEDS]
    assert {p.stem for p in seeds} == SEEDS
    for path in seeds:
        item = load_file(path, vocabulary=vocabulary)
        assert not [w for w in item.warnings if "names no concern" in w.message], item.warnings[:3]
        for ind in item.framework.indicators:
            assert ind.concerns, f"{path.stem} {ind.id} names no concern"
            assert set(ind.concerns) <= set(vocabulary.ids()), ind.id
            used |= set(ind.concerns)
    assert set(vocabulary.ids()) - used == set(), "every concern is used by some indicator"


def test_the_free_form_tags_agree_with_the_concerns_where_they_name_the_same_thing():
    # The old tags were the hints: where a tag names a concern, the indicator carries that concern.
    renamed = {"substance-misuse": {"parental-substance-misuse", "child-substance-misuse"},
               "mental-health": {"emotional-wellbeing"}, "missing": {"missing-from-home"},
               "non-accidental-injury": {"physical-abuse"}, "attendance": {"school-attendance"},
               "unborn": {"unborn-baby"}, "homelessness": {"housing"},
               "sexual-exploitation": {"child-sexual-exploitation"}}
    vocabulary = load_concerns(FRAMEWORKS)
    for item in load_all(FRAMEWORKS):
        for ind in item.framework.indicators:
            for tag in ind.tags:
                want = renamed.get(tag, {tag} if tag in vocabulary else set())
                if want:
                    assert want & set(ind.concerns), f"{item.framework.id} {ind.id}: tag {tag} but concerns {ind.concerns}"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "frameworks"
    (folder / "concerns").mkdir(parents=True)
    shutil.copy(VOCABULARY, folder / "concerns" / "concerns.yaml")
    shutil.copy(FRAMEWORKS / "norfolk.yaml", folder / "norfolk.yaml")
    return folder


def test_an_unknown_concern_is_a_located_error_with_a_suggestion(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "norfolk.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.strip() == "concerns: [sexual-abuse]")
    lines[at] = lines[at].replace("sexual-abuse", "sexual-abuce")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(FrameworkError) as err:
        load_all(folder)
    [problem] = err.value.problems
    assert problem.line == at + 1
    assert problem.path.endswith(".concerns[0]") and problem.path.startswith("indicators[")
    assert "no concern has id 'sexual-abuce'" in problem.message and "did you mean 'sexual-abuse'?" in problem.message
    result = run("--frameworks", str(folder), "validate")
    assert result.returncode == 1 and f"norfolk.yaml:{at + 1}: indicators[" in result.stderr


def test_an_indicator_without_a_concern_is_a_warning_and_the_file_still_validates(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "norfolk.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    concerns: [private-fostering]\n", "", 1), encoding="utf-8")
    [item] = load_all(folder)
    [warning] = item.warnings
    assert warning.severity == "warning" and "names no concern" in warning.message
    result = run("--frameworks", str(folder), "validate")
    assert result.returncode == 0, result.stderr
    assert re.search(r"norfolk.yaml:\d+: indicators\[\d+\]: warning: indicator .* names no concern", result.stderr)
    assert "ok (37 indicators" in result.stdout


def test_the_vocabulary_is_validated_with_file_line_and_field_path(tmp_path):
    folder = _copy(tmp_path)
    vocab = folder / "concerns" / "concerns.yaml"
    lines = vocab.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.strip() == "group: child-development")
    lines[at] = lines[at].replace("child-development", "the-child")
    first_id = next(n for n, line in enumerate(lines) if line.strip().startswith("- id: development"))
    lines[first_id] = lines[first_id].replace("development", "physical-health")  # a duplicate id too
    vocab.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(FrameworkError) as err:
        load_concerns(folder)
    [problem] = err.value.problems
    assert problem.file.endswith("concerns.yaml") and problem.line == at + 1
    assert problem.path == "concerns[0].group" and "expected one of child-development" in problem.message
    lines[at] = lines[at].replace("the-child", "child-development")
    vocab.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(FrameworkError) as err:
        load_concerns(folder)
    [problem] = err.value.problems
    assert problem.path == "concerns[1].id" and "duplicate concern id 'physical-health'" in problem.message


def test_the_editor_copy_of_the_schema_is_the_packaged_one():
    import thresholds.catalog as catalog

    assert json.loads(catalog.CONCERNS_SCHEMA.read_text()) == json.loads((FRAMEWORKS / "concerns" / "concerns.schema.json").read_text())
    assert VOCABULARY.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=concerns.schema.json")


def test_cli_concerns_json_is_the_documented_shape():
    result = run("concerns", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0].keys() == {"id", "label", "definition", "synonyms", "group"}
    assert any(r["id"] == "domestic-abuse" and "DV" in r["synonyms"] for r in rows)


def test_cli_indicators_json_carries_concerns():
    rows = json.loads(run("indicators", "worcestershire", "--json").stdout)
    assert all(r["concerns"] for r in rows)
    assert next(r for r in rows if r["id"] == "domestic-abuse-3-07")["concerns"] == ["domestic-abuse", "unborn-baby"]


def test_cli_compare_json_names_every_other_authority_with_its_own_level():
    result = run("compare", "kirklees", "parenting-capacity-3-08", "parenting-capacity-3-06", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["framework"] == "kirklees"
    assert out["concerns"] == ["parental-substance-misuse", "domestic-abuse"]
    assert [a["framework"] for a in out["authorities"]] == sorted(SEEDS - {"kirklees"})
    for entry in out["authorities"]:
        assert entry["level"]["id"] and entry["level"]["name"] and entry["matched"]
    text = run("compare", "kirklees", "parenting-capacity-3-08")
    assert text.returncode == 0 and "A comparison, not a decision" in text.stdout and "Worcestershire: Tier 3" in text.stdout
    bad = run("compare", "kirklees", "parenting-capacity-3-8")
    assert bad.returncode == 2 and "unknown indicator" in bad.stderr and "Traceback" not in bad.stderr


def test_words_for_gives_the_filter_the_plain_words_of_an_indicators_concerns():
    vocabulary = load_concerns(FRAMEWORKS)
    worcs = load_file(FRAMEWORKS / "worcestershire.yaml").framework
    words = vocabulary.words_for(worcs.indicator("domestic-abuse-3-02").concerns)  # "... incidents of DA ..."
    assert "Domestic abuse" in words and "violence at home" in words and "domestic violence" in words
    assert vocabulary.words_for(()) == ()
    assert len({w.lower() for w in vocabulary.words_for(["neglect", "safety-supervision"])}) == \
        len(vocabulary.words_for(["neglect", "safety-supervision"])), "each word once"
