"""Hostile and mistaken framework files: each answered with its exact located message, never a traceback.

Each file in tests/data/hostile/ is tests/fixtures/tiny.yaml with one hostile or careless edit
(an alias bomb, keys that are not words, hidden characters pasted from Word, ...). EXPECTED
holds the exact lines `thresholds validate` must print for it. Every file is validated in its own
process under a 1 GB address-space limit, so a memory blow-up fails the test (a timing assertion
would be flaky; the figures are in tests/bench/bench_hostile.py).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from thresholds import schema, source
from thresholds.catalog import load_file
from thresholds.errors import FrameworkError
from thresholds.text import VISIBLE_PATTERN

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = Path(__file__).resolve().parent / "hostile"
MEMORY_LIMIT = 1 << 30  # 1 GB

WORD = "probably pasted from Word: replace it with a normal space"
NOT_YAML = "check quotes, colons and indentation on this line and the one before"

def golden(name: str) -> str:
    return (f" (top level): warning: no golden cases (tests/core/golden/{name}.yaml): add some to check that the "
            "rules suggest what the source says")


# file stem → the exact problem lines (without the "tests/data/hostile/NAME.yaml:" prefix).
EXPECTED: dict[str, list[str]] = {
    "alias-bomb": ["17: lol6[1]: the alias *lol5 makes the file more than 250,000 values long (an 'alias bomb'): "
                   "write the values out in full instead of using aliases"],
    "recursive-alias": ["13: source.notes: the alias *src is inside the value it names (a recursive alias), so it "
                        "never ends: write the value out in full"],
    "too-many-aliases": ["92: x-many[1000]: the file uses more than 1,000 aliases (*name): write the values out in full"],
    "int-key": ["25: levels[1]: the field name '2' is read as a number: field names are words such as name or text; "
                "check the spelling and the indentation"],
    "null-key": ["25: levels[1]: the field name '~' is read as empty (null): field names are words such as name or "
                 "text; check the spelling and the indentation"],
    "list-key": ["25: levels[1]: a field name must be a plain word, not a list or a set of fields"],
    "tagged-key": ["25: levels[1]: the YAML tag '!note' is not allowed on a field name: write plain words only"],
    "merge-key": ["23: levels[1]: merge keys (<<) are not supported: write the fields out in full"],
    "deep-nesting": ["13: (top level): the fields and lists here are nested far too deep; a framework needs a few "
                     "levels: check the indentation and brackets"],
    "nesting-60": ["13: source.notes[0][0][0][0][0][0][0][0][0][0]…: the fields and lists here are nested more than "
                   "50 deep; a framework needs far fewer: check the indentation and brackets"],
    "huge-number": ["23: levels[1].rank: this number has 5,000 digits: put it in quotes if it is text"],
    "long-email": ["86: contacts[0].emails[0]: is 100,006 characters long; at most 254 are allowed here",
                   "86: contacts[0].emails[0]: expected an email address such as name@example.org, "
                   "got 'x@a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.'"],
    "impossible-date": ["10: review_date: expected a real date written YYYY-MM-DD, got '2025-02-30': "
                        "February 2025 has 28 days"],
    "zero-width-text": ["52: indicators[2].text: must not be blank: it holds only invisible characters; "
                        "it has a zero-width space (U+200B)"],
    "control-chars": ["5: authority: an escape character (U+001B, used for terminal escape codes) at character 1 of "
                      "the text: control characters are not allowed in a framework file: delete it"],
    "raw-control-char": ["7: (top level): a control character (U+0007) at column 16: control characters are not "
                         "allowed in a framework file: delete it"],
    "surrogate": [f"8: (top level): this is not valid YAML (while parsing a quoted scalar found invalid Unicode "
                  f"character escape code): {NOT_YAML}"],
    "direction-override": ["25: levels[1].title: a text direction control (U+202E) at column 19: it can make text "
                           "display in another order than it is written: delete it"],
    "line-break-in-name": ["5: authority: a line break at character 5 of the text: this field must be one line of text"],
    "nbsp-indent": [f"33: (top level): a non-breaking space (U+00A0) at column 1, {WORD}",
                    f"34: (top level): this is not valid YAML (mapping values are not allowed in this context): {NOT_YAML}"],
    "nbsp-key": [f"32: levels[2].name: the field name has a non-breaking space (U+00A0) at column 9, {WORD}"],
    "nbsp-value": [f"69: rules[2].explanation: warning: a non-breaking space (U+00A0) at column 38, {WORD}",
                  golden("nbsp-value")],
    "tab-indent": ["12: (top level): a tab at column 1: YAML indents with spaces, not tabs: replace it with spaces",
                   "12: (top level): this is not valid YAML (while scanning for the next token found character that "
                   f"cannot start any token): {NOT_YAML}"],
    "curly-quotes": ["74: rules[3].explanation: warning: the whole text is in curly quotes (\u201c\u2026\u201d), which "
                     "are published as part of it: remove them, or use straight quotes (\"\u2026\") if you meant "
                     "YAML quoting",
                    golden("curly-quotes")],
    "symbol-bullet": ["50: indicators[0].text: warning: a private-use character (U+F0B7) at column 61, probably pasted "
                      "from Word (a symbol-font bullet?): delete it or use a normal character",
                     golden("symbol-bullet")],
    "int-phone": ["90: contacts[1].phones[0].number: expected text, got a whole number: put the number in quotes: "
                  "number: \"999\""],
    "octal-phone": ["85: contacts[0].phones[1].number: expected text, got a whole number: put the number in quotes: "
                    "number: \"01234000\""],
    # next_steps is a field since schema version 2: a version 1 file is told how to switch, and a
    # misspelling is pointed at it (where a schema has no next_steps, the hint names `response`).
    "next-steps": ["21: levels[0].next_steps: 'next_steps' needs schema_version: 2 at the top of the file "
                   "(version 2 levels also need categories)"],
    "next-steps-spelt": ["21: levels[0].Next-Steps: unknown field 'Next-Steps': put next steps in `next_steps`"],
    "one-round": ["23: levels[1].rank: expected a whole number, got 'two'",
                  "52: indicators[2].domain: no domain has id 'hom' (known: health, home); did you mean 'home'?"],
    "wrong-shapes": ["22: levels[1]: expected a set of fields, got 'just text'",
                     "73: rules[3].when: expected a set of fields, got a list"],
}
CASES = sorted(HOSTILE.glob("*.yaml"))


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def validate(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`thresholds validate ARGS` in its own process, with at most 1 GB of address space."""
    return subprocess.run([sys.executable, "-m", "thresholds", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", check=False, timeout=120, preexec_fn=_limit_memory)


def test_every_hostile_file_has_its_expected_messages():
    assert {p.stem for p in CASES} == set(EXPECTED)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_validate_answers_with_the_exact_located_messages_and_no_traceback(path):
    result = validate("validate", str(path.relative_to(ROOT)))
    assert "Traceback" not in result.stderr + result.stdout
    assert "MemoryError" not in result.stderr
    prefix = f"{path.relative_to(ROOT)}:"
    got = [line.removeprefix(prefix) for line in result.stderr.splitlines() if line.startswith(prefix)]
    assert got == EXPECTED[path.stem], result.stderr
    warnings_only = all(": warning: " in line for line in EXPECTED[path.stem])
    assert result.returncode == (0 if warnings_only else 1), result.stderr
    # The summary line counts errors and warnings apart; a warning alone never fails validate.
    last = result.stderr.strip().splitlines()[-1]
    if warnings_only:
        assert last == f"{len(got)} warning{'s' if len(got) != 1 else ''}; nothing stops publishing."
        assert f"{path.relative_to(ROOT)}: ok" in result.stdout
    else:
        assert last.endswith("found.") and result.stdout == ""


def test_the_memory_limit_is_real():
    """The guard can fail: the same limit stops a process that does blow up."""
    result = subprocess.run([sys.executable, "-c", "x = bytearray(2 << 30)"], capture_output=True, text=True,
                            check=False, preexec_fn=_limit_memory)
    assert result.returncode != 0 and "MemoryError" in result.stderr


def test_problems_are_located_in_process_too():
    """The library raises the same located FrameworkError (the build uses it, not the CLI)."""
    with pytest.raises(FrameworkError) as err:
        load_file(HOSTILE / "alias-bomb.yaml")
    (problem,) = err.value.problems
    assert (problem.line, problem.path) == (17, "lol6[1]")


def test_warnings_come_with_the_loaded_framework():
    item = load_file(HOSTILE / "curly-quotes.yaml")
    assert [(w.line, w.path, w.is_warning) for w in item.warnings] == [(74, "rules[3].explanation", True)]
    assert str(item.warnings[0]).startswith(f"{HOSTILE / 'curly-quotes.yaml'}:74: rules[3].explanation: warning: ")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * source.MAX_FILE_BYTES + b"\n")
    result = validate("validate", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}: (top level): the file is 4.0 MB; a framework file is at most 4 MB" in result.stderr


def test_too_many_values_are_refused_while_composing(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("notes: [" + ",".join(["a"] * (source.MAX_VALUES + 10)) + "]\n", encoding="utf-8")
    result = validate("validate", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"{path}:1: notes[{source.MAX_VALUES - 3}]: the file has more than 250,000 values; a framework needs far "
            "fewer (the largest real one has about 3,000)") in result.stderr


def test_many_unhashable_tags_do_not_make_unique_items_quadratic(tmp_path):
    """jsonschema compares every pair of unhashable items for uniqueItems; ours hashes them."""
    text = (ROOT / "tests" / "fixtures" / "tiny.yaml").read_text(encoding="utf-8").replace("id: tiny\n", "id: tags\n", 1)
    tags = ", ".join(f"{{n: {i}}}" for i in range(30_000))
    path = tmp_path / "tags.yaml"
    path.write_text(text.replace("tags: [domestic-abuse]", f"tags: [{tags}]"), encoding="utf-8")
    result = validate("validate", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"{path}:54: indicators[4].tags[0]: expected text, got a set of fields"
    # 30,000 problems: the first 200 and a count of the rest.
    assert lines[-2] == f"{path}: (top level): … and 29,800 more problems in this file: fix these first"


def test_the_next_steps_hint_names_the_first_field_allowed_here():
    assert schema._field_hint("next_steps", ["definition", "response"]) == "put next steps in `response`"
    assert schema._field_hint("Next steps", ["response", "next_steps"]) == "put next steps in `next_steps`"
    assert schema._field_hint("actions", ["definition"]) is None
    assert schema._field_hint("nmae", ["name", "response"]) is None


def test_the_schema_text_pattern_is_the_reader_s_idea_of_visible():
    for name in ("frameworks/framework.schema.json", "frameworks/toolkit/toolkit.schema.json"):
        schema = json.loads((ROOT / name).read_text(encoding="utf-8"))
        assert schema["$defs"]["text"]["pattern"] == VISIBLE_PATTERN, name


def test_every_pattern_in_the_schemas_is_fast_on_100_kb_of_its_worst_input():
    """No pattern backtracks: each is matched against long near-misses (a benchmark would time them; this
    counts steps instead, by running each match under a tight CPU limit in a child process)."""
    code = """
import json, re, resource, sys
resource.setrlimit(resource.RLIMIT_CPU, (5, 5))
patterns = set()
def walk(node):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            patterns.add(node["pattern"])
        for v in node.values(): walk(v)
    elif isinstance(node, list):
        for v in node: walk(v)
for name in sys.argv[1:]:
    walk(json.load(open(name, encoding="utf-8")))
worst = ["a@" + "a." * 50000 + ".", "a" * 100000 + "@", "https://" + "a" * 100000 + " ", "1" * 100000 + "x",
         "a-" * 50000 + "-", " " * 100000, "2025-" * 20000, "\\u200b" * 100000]
for p in sorted(patterns):
    for s in worst:
        re.search(p, s)
print(len(patterns))
"""
    result = subprocess.run([sys.executable, "-c", code, "frameworks/framework.schema.json",
                             "frameworks/toolkit/toolkit.schema.json"], cwd=ROOT, capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 6
