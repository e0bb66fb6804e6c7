"""Every `thresholds` command answers a missing file, a folder, a bad --frameworks with one clear line.

Exit 1: a framework file or folder has problems (missing, unreadable, invalid). Exit 2: a usage
mistake (unknown id, bad id for `new`, file exists). Never a traceback; never a raw escape code.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from thresholds import cli

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"
OLD = ROOT / "tests" / "fixtures" / "editions" / "tiny" / "2024-01.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thresholds", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", check=False)


def one_problem(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr


@pytest.mark.parametrize("command", [["validate"], ["list"], ["indicators", "tiny"], ["assess", "tiny", "x"]])
def test_a_missing_frameworks_folder_is_an_error_for_every_command(tmp_path, command):
    err = one_problem(run("--frameworks", str(tmp_path / "nowhere"), *command), 1)
    assert f"{tmp_path / 'nowhere'}: (top level): there is no frameworks folder here" in err


@pytest.mark.parametrize("command", [["validate"], ["list"]])
def test_an_empty_frameworks_folder_is_an_error(tmp_path, command):
    err = one_problem(run("--frameworks", str(tmp_path), *command), 1)
    assert f"{tmp_path}: (top level): this folder has no framework files (*.yaml)" in err


def test_yml_files_are_named_with_the_fix(tmp_path):
    shutil.copy(TINY, tmp_path / "tiny.yml")
    err = one_problem(run("--frameworks", str(tmp_path), "validate"), 1)
    assert f"{tmp_path / 'tiny.yml'}: (top level): framework files must end in .yaml: rename it to tiny.yaml" in err
    # A .yml beside good .yaml files is not silently left out of the site either.
    shutil.copy(TINY, tmp_path / "tiny.yaml")
    assert "rename it to tiny.yaml" in one_problem(run("--frameworks", str(tmp_path), "list"), 1)


def test_a_file_given_as_the_frameworks_folder(tmp_path):
    err = one_problem(run("--frameworks", str(TINY), "list"), 1)
    assert f"{TINY}: (top level): this is a file, not a folder" in err
    err = one_problem(run("--frameworks", str(TINY), "new", "north-yorkshire"), 1)
    assert f"{TINY}: (top level): this is a file, not a folder" in err


def test_validate_a_missing_file_or_a_folder(tmp_path):
    err = one_problem(run("validate", str(tmp_path / "gone.yaml")), 1)
    assert f"{tmp_path / 'gone.yaml'}: (top level): there is no such file: check the name and the folder" in err
    err = one_problem(run("validate", str(tmp_path)), 1)
    assert f"{tmp_path}: (top level): this is a folder, not a framework file: give a .yaml file" in err


def test_diff_a_missing_file_a_folder_and_a_broken_file(tmp_path):
    err = one_problem(run("diff", str(tmp_path / "old.yaml"), str(TINY)), 1)
    assert f"{tmp_path / 'old.yaml'}: (top level): there is no such file" in err
    err = one_problem(run("diff", str(OLD), str(tmp_path)), 1)
    assert f"{tmp_path}: (top level): this is a folder, not a framework file" in err
    err = one_problem(run("diff", str(OLD), str(ROOT / "tests" / "data" / "hostile" / "alias-bomb.yaml")), 1)
    assert "alias-bomb.yaml:17: lol6[1]: the alias *lol5" in err


def test_new_refuses_text_that_would_not_read_back(tmp_path):
    err = one_problem(run("--frameworks", str(tmp_path), "new", "x-town", "--authority", 'X: "town'), 2)
    assert "cannot use this --authority or --edition" in err
    err = one_problem(run("--frameworks", str(tmp_path), "new", "x-town", "--edition", "\x1b[2J"), 2)
    assert "\x1b" not in err and "an escape character (U+001B" in err
    assert not (tmp_path / "x-town.yaml").exists()
    assert one_problem(run("--frameworks", str(tmp_path), "new", "x-town", "--authority", "X Town"), 0) == ""


def test_unknown_ids_exit_2():
    err = one_problem(run("--frameworks", str(ROOT / "tests" / "fixtures"), "assess", "tiny", "nope"), 2)
    assert err.startswith("thresholds: unknown indicator 'nope'")
    assert one_problem(run("--frameworks", str(ROOT / "tests" / "fixtures"), "indicators", "tinny"), 2).startswith(
        "thresholds: unknown framework 'tinny'. Did you mean: tiny?")


def test_escape_codes_from_a_file_are_never_printed_raw(tmp_path):
    text = TINY.read_text(encoding="utf-8").replace("id: tiny\n", "id: esc\n", 1)
    path = tmp_path / "esc.yaml"
    path.write_text(text.replace("    rank: 2\n", '    rank: "\\e[2J\\e]0;owned\\a"\n', 1), encoding="utf-8")
    result = run("validate", str(path))
    err = one_problem(result, 1)
    assert "\x1b" not in err and "\x07" not in err
    assert f"{path}:23: levels[1].rank: expected a whole number, got '\\u001b[2J\\u001b]0;owned\\u0007'" in err
    # A file name is printed the same way.
    err = one_problem(run("validate", str(tmp_path / "\x1b[31mred.yaml")), 1)
    assert "\x1b" not in err and "\\u001b[31mred.yaml: (top level): there is no such file" in err


def test_output_of_any_command_goes_through_the_filter(monkeypatch, capsys):
    def shout(args):
        print("\x1b[2Jcleared\x9b31m\u202eevil\nnext line\tok")
        return 0

    monkeypatch.setattr(cli, "_cmd_list", shout)
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    assert out == "\\u001b[2Jcleared\\u009b31m\\u202eevil\nnext line\tok\n"


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "load_all", broken)
    monkeypatch.delenv("THRESHOLDS_DEBUG", raising=False)
    assert cli.main(["list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("thresholds: unexpected error (RuntimeError: boom). This is a bug in thresholds")
    assert "Traceback" not in err
