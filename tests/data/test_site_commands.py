"""Publishing without make: `thresholds diff` explains a missing edition, the venv stamp never reruns pip
when nothing changed, the search marks escape what they carry, and the site swap keeps a whole site."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from macros import search_index
from thresholds import site_cli

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thresholds", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


# diff: the guide's first example, before any edition has been saved -------------------------------


def test_diff_with_no_editions_folder_says_how_to_save_one(tmp_path):
    current = tmp_path / "frameworks" / "kirklees.yaml"
    current.parent.mkdir()
    shutil.copy(TINY, current)
    old = tmp_path / "frameworks" / "editions" / "kirklees" / "2016-08.yaml"
    result = run("diff", str(old), str(current))
    assert result.returncode == 1  # a missing file is a located problem (one line), then what to do
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{old}: (top level): there is no such file")
    assert "no earlier edition of this framework has been saved" in result.stderr
    assert "there is no folder" in result.stderr
    # Both shells get a command, naming the folder beside the framework.
    assert "mkdir -p " in result.stderr and "cp " in result.stderr
    assert "Copy-Item" in result.stderr and "New-Item -ItemType Directory" in result.stderr
    assert f"mkdir -p {(tmp_path / 'frameworks' / 'editions' / 'kirklees').as_posix()} && cp " in result.stderr


def test_diff_with_a_wrong_edition_name_lists_the_saved_ones():
    result = run("diff", "tests/fixtures/editions/tiny/2099-01.yaml", "tests/fixtures/tiny.yaml")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "the editions saved in tests/fixtures/editions/tiny are: 2024-01.yaml" in result.stderr


def test_diff_with_a_saved_edition_still_compares():
    result = run("diff", "tests/fixtures/editions/tiny/2024-01.yaml", "tests/fixtures/tiny.yaml")
    assert result.returncode == 0, result.stderr
    assert site_cli.missing_edition(ROOT / "tests/fixtures/editions/tiny/2024-01.yaml", TINY) is None


# make validate: no reinstall when pyproject.toml has not changed ----------------------------------


def _fake_project(tmp: Path, stamp: str) -> Path:
    """A copy of the Makefile and pyproject.toml with a stand-in venv: its python runs the real one,
    except that `python -m pip` only records that it was called; its thresholds only says it ran."""
    shutil.copy(ROOT / "Makefile", tmp / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    bin_dir = tmp / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "pip $*" >> "{tmp}/pip-calls"; exit 0; fi\n'
        f'exec "{sys.executable}" "$@"\n')
    (bin_dir / "thresholds").write_text("#!/bin/sh\necho validated\n")
    for script in bin_dir.iterdir():
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    (tmp / ".venv" / ".stamp").write_text(stamp)
    return tmp


def _make_validate(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", "validate"], cwd=project, capture_output=True, text=True,
                          check=False, env=dict(os.environ, MAKEFLAGS=""))


def test_make_validate_with_a_fresh_stamp_never_calls_pip(tmp_path):
    pyproject_hash = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    project = _fake_project(tmp_path, pyproject_hash + "\n")
    os.utime(project / "pyproject.toml")  # newer than the stamp, as after a checkout: same content
    os.utime(project / ".venv" / ".stamp", (1, 1))
    result = _make_validate(project)
    assert result.returncode == 0, result.stderr
    assert "validated" in result.stdout
    assert not (project / "pip-calls").exists(), (project / "pip-calls").read_text()
    again = _make_validate(project)
    assert again.returncode == 0 and not (project / "pip-calls").exists()


def test_make_validate_reinstalls_when_pyproject_changed(tmp_path):
    project = _fake_project(tmp_path, "a hash of some older pyproject.toml\n")
    os.utime(project / ".venv" / ".stamp", (1, 1))
    result = _make_validate(project)
    assert result.returncode == 0, result.stderr
    calls = (project / "pip-calls").read_text()
    assert "install" in calls and "-e .[dev]" in calls
    assert "--upgrade pip" not in calls  # nothing that needs the network only to print warnings offline
    # The stamp now holds this pyproject.toml's hash: the next run calls pip no more.
    (project / "pip-calls").unlink()
    assert _make_validate(project).returncode == 0 and not (project / "pip-calls").exists()


# The search marks: what is indexed, and nothing from YAML unescaped -------------------------------


def _page(src_uri: str, meta: dict, title: str = "Page") -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta=meta, title=title)


ARTICLE = '<main><article class="md-content__inner md-typeset"><h1>x</h1></article></main>'


def _authority_is(monkeypatch, authority: str) -> None:
    monkeypatch.setattr(search_index.CATALOGUE, "get", lambda fid: SimpleNamespace(id=fid, authority=authority))


def test_framework_pages_are_marked_with_their_authority_escaped_once(monkeypatch):
    from markupsafe import Markup

    hostile = 'Kirk"lees & <script>alert(1)</script>, North: East'
    _authority_is(monkeypatch, hostile)
    # page.meta's title comes escaped once already (macros/hooks.py): it must not be escaped again.
    title = Markup("Kirk&quot;lees &amp; &lt;script&gt;alert(1)&lt;/script&gt;, North: East: Levels")
    page = _page("frameworks/kirklees/levels.md", {"page_title": title})
    marked = search_index.mark_page(ARTICLE, page)
    assert "data-pagefind-body" in marked
    assert 'data-pagefind-filter="authority[data-search-authority]"' in marked
    assert 'data-search-authority="Kirk&quot;lees &amp; &lt;script&gt;alert(1)&lt;/script&gt;, North: East"' in marked
    assert f'data-search-title="{title}"' in marked and "&amp;amp;" not in marked
    assert "<script>" not in marked


def test_the_header_link_carries_the_authority_url_encoded(monkeypatch):
    _authority_is(monkeypatch, 'Kent & Medway "<x>"')
    assert search_index.search_query(_page("frameworks/kent-and-medway/index.md", {})) == \
        "?authority=Kent%20%26%20Medway%20%22%3Cx%3E%22"
    assert search_index.search_query(_page("privacy.md", {})) == ""


def test_explorer_and_404_pages_are_left_out_of_search():
    explorer = _page("frameworks/kirklees/explorer.md", {"search": {"exclude": True}})
    assert search_index.mark_page(ARTICLE, explorer) == ARTICLE
    assert search_index.mark_page(ARTICLE, _page("404.md", {})) == ARTICLE
    general = search_index.mark_page(ARTICLE, _page("privacy.md", {}, title="Privacy"))
    assert 'data-search-title="Privacy"' in general and "authority" not in general


# The swap: there is always one whole site folder ---------------------------------------------------


def test_swap_replaces_the_site_and_drops_the_old_one(tmp_path):
    site, new = tmp_path / "site", tmp_path / "new"
    site.mkdir()
    (site / "index.html").write_text("old")
    new.mkdir()
    (new / "index.html").write_text("new")
    site_cli.swap_in(new, site)
    assert (site / "index.html").read_text() == "new" and not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_swap_that_cannot_complete_puts_the_old_site_back(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    with pytest.raises(OSError):
        site_cli.swap_in(tmp_path / "never-built", site)
    assert (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
