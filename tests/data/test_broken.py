"""Broken framework files: each problem reported once, at its file, line and field, with no traceback.

Each file in tests/data/broken/ starts with one ``# expect: LINE: PATH: MESSAGE`` line per problem
it must produce (MESSAGE may be the start of the message).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from thresholds.catalog import load_file
from thresholds.errors import FrameworkError

BROKEN = Path(__file__).resolve().parent / "broken"
CASES = sorted(BROKEN.glob("*.yaml"))


def expectations(path: Path) -> list[tuple[int, str, str]]:
    out = []
    for line in path.read_bytes().decode("latin-1").splitlines():
        m = re.match(r"# expect: (\d+): ([^:]*): (.*)$", line)
        if not m:
            break
        out.append((int(m.group(1)), m.group(2), m.group(3)))
    return out


def test_the_corpus_covers_every_error_class():
    names = {p.stem for p in CASES}
    assert {"yaml-syntax", "wrong-type", "unknown-field", "missing-field", "missing-rules", "empty-text",
            "duplicate-id", "unknown-level", "unknown-domain", "unknown-indicator", "unsafe-tag",
            "not-utf8", "empty", "duplicate-field", "bad-date", "id-mismatch"} <= names


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_each_problem_is_reported_at_its_line_and_path(path):
    with pytest.raises(FrameworkError) as err:
        load_file(path)
    got = [(p.line, p.path, p.message) for p in err.value.problems]
    want = expectations(path)
    assert want, f"{path.name} has no '# expect:' line"
    assert len(got) == len(want), got
    for (line, field, message), (got_line, got_path, got_message) in zip(want, got, strict=True):
        assert (got_line, got_path) == (line, field), got
        assert got_message.startswith(message), got_message


def test_cli_prints_file_line_path_message_and_no_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "thresholds", "validate", *map(str, CASES)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    expected = sum(len(expectations(p)) for p in CASES)
    assert lines[-1] == f"{expected} problems found."
    for path in CASES:
        for line, field, message in expectations(path):
            prefix = f"{path}:{line}: {field or '(top level)'}: {message}"
            assert any(out.startswith(prefix) for out in lines), prefix


def test_a_good_file_passes_the_cli(tmp_path):
    result = subprocess.run([sys.executable, "-m", "thresholds", "validate", "tests/fixtures/tiny.yaml"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "ok (6 indicators, 4 levels)" in result.stdout
