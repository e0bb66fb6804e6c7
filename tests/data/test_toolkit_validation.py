"""The toolkit file validates; a broken copy fails with file:line: field.path: message, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from thresholds import toolkit
from thresholds.errors import FrameworkError

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "frameworks" / "toolkit" / "nspcc.yaml"
FIXTURE = ROOT / "tests" / "fixtures" / "toolkit" / "tiny.yaml"


def test_the_toolkit_and_the_fixture_validate():
    assert toolkit.load_file(FILE).short_title == "NSPCC toolkit"
    assert toolkit.load_file(FIXTURE).short_title == "Tiny toolkit"


def test_the_schema_is_a_valid_json_schema():
    schema = json.loads(toolkit.SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def problems(tmp_path: Path, old: str, new: str) -> list[str]:
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "toolkit.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FrameworkError) as err:
        toolkit.load_file(path)
    return [str(p).replace(str(path), "FILE") for p in err.value.problems]


def line_of(text: str) -> int:
    return FIXTURE.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_an_unknown_level_is_named_with_its_line(tmp_path):
    line = line_of("    - {id: tc-02, text: Trustee law, levels: [level-2], notes: {level-2: \"trustees & <b>only</b>\"}}")
    got = problems(tmp_path, "levels: [level-2], notes", "levels: [level-5], notes")
    assert f"FILE:{line}: training_content.elements[1].levels[0]: no level has id 'level-5' (known: level-1, level-2)" in got
    assert f"FILE:{line}: training_content.elements[1].notes.level-2: a note for 'level-2', but this element is not in that level's training" in got


def test_a_quote_that_is_not_word_for_word_is_caught(tmp_path):
    got = problems(tmp_path, 'quote: "consult your manager"', 'quote: "consult your line manager"')
    assert len(got) == 1 and "information_sharing.consent_decision.branches[1].do[0].quote: these words are not in step 3 word for word" in got[0]
    assert got[0].startswith(f"FILE:{line_of('        do: [{step: 3, quote: \"consult your manager\"}]')}:")


def test_a_missing_field_and_a_misspelt_field(tmp_path):
    got = problems(tmp_path, "  procedure_title: Procedure\n", "  procedure_titel: Procedure\n")
    line = line_of("  procedure_title: Procedure")
    assert f"FILE:{line}: information_sharing.procedure_titel: unknown field 'procedure_titel'; did you mean 'procedure_title'?" in got
    assert any(p.endswith("information_sharing: missing required field 'procedure_title'") for p in got)


def test_duplicate_ids_and_steps_out_of_order(tmp_path):
    got = problems(tmp_path, "{id: l1-02, text: Reports concerns}", "{id: l1-01, text: Reports concerns}")
    assert any("levels[0].competencies[1].id: the competency id 'l1-01' is used twice" in p for p in got)
    got = problems(tmp_path, "{number: 2, title: Purpose", "{number: 3, title: Purpose")
    assert any("learning_needs_analysis.steps[1].number: expected step 2 here" in p for p in got)


def test_a_role_must_be_the_sources_words(tmp_path):
    got = problems(tmp_path, "roles: [Practitioners]", "roles: [Social workers]")
    assert any("levels[1].roles[0]: the role 'Social workers' is not word for word" in p for p in got)


def test_a_hint_must_be_the_steps_words(tmp_path):
    got = problems(tmp_path, 'hint: "List the job titles & roles."', 'hint: "List the roles."')
    assert any("templates[1].sections[0].fields[0].hint: the hint is not word for word in step 1" in p for p in got)


def test_unsafe_yaml_is_refused(tmp_path):
    got = problems(tmp_path, "title: Tiny toolkit\n", "title: !!python/object:os.system Tiny\n")
    assert any("the YAML tag" in p for p in got)


# ------------------------------------------------------------------ `thresholds validate` checks the toolkit

def _validate(capsys, *argv: str) -> tuple[int, str, str]:
    from thresholds.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _frameworks(tmp_path: Path, toolkit_text: str, framework_text: str | None = None) -> Path:
    folder = tmp_path / "frameworks"
    (folder / "toolkit").mkdir(parents=True)
    (folder / "tiny.yaml").write_text(framework_text or (ROOT / "tests" / "fixtures" / "tiny.yaml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    (folder / "toolkit" / "nspcc.yaml").write_text(toolkit_text, encoding="utf-8")
    return folder


def test_validate_checks_the_toolkit_beside_the_frameworks(tmp_path, capsys):
    folder = _frameworks(tmp_path, FIXTURE.read_text(encoding="utf-8"))
    code, out, err = _validate(capsys, "--frameworks", str(folder), "validate")
    assert code == 0, err
    assert f"{folder / 'tiny.yaml'}: ok" in out
    assert f"{folder / 'toolkit' / 'nspcc.yaml'}: ok (toolkit: " in out


def test_validate_reports_a_broken_toolkit_with_file_and_line_in_the_same_run_as_the_frameworks(tmp_path, capsys):
    text = FIXTURE.read_text(encoding="utf-8").replace("levels: [level-2], notes", "levels: [level-9], notes")
    framework = (ROOT / "tests" / "fixtures" / "tiny.yaml").read_text(encoding="utf-8").replace("edition: March 2025", "edition: ''")
    folder = _frameworks(tmp_path, text, framework)
    code, out, err = _validate(capsys, "--frameworks", str(folder), "validate")
    assert code == 1 and "Traceback" not in err
    lines = err.splitlines()
    assert f"{folder / 'toolkit' / 'nspcc.yaml'}:50: training_content.elements[1].levels[0]: no level has id 'level-9'" in err
    assert any(line.startswith(f"{folder / 'tiny.yaml'}:") and "edition" in line for line in lines)  # both files, one run
    assert lines[-1] == f"{len(lines) - 1} problems found."
    # Named on the command line, a file in a toolkit/ folder is checked as a toolkit.
    code, _, err = _validate(capsys, "validate", str(folder / "toolkit" / "nspcc.yaml"))
    assert code == 1 and ":50: training_content.elements[1].levels[0]:" in err
