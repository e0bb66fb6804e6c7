"""`thresholds build` and `thresholds serve`, as a publisher runs them without make.

Nothing lost on failure: a build that fails (a broken framework) exits non-zero with the located
message and leaves the last good site exactly as it was; a build that succeeds replaces it whole,
search index included. `make build` and `make serve` are these commands.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .conftest import ROOT

TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"


def thresholds(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thresholds", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False, env=dict(os.environ, **(env or {})))


def good_frameworks(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(TINY, folder / "tiny.yaml")
    return folder


def broken_frameworks(folder: Path) -> tuple[Path, int]:
    """A folder whose one framework has a misspelt field; returns the file and the line of the mistake."""
    folder.mkdir(parents=True)
    lines = TINY.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("authority:"))
    lines.insert(at, "nmae: Tinytown\n")
    broken = folder / "tiny.yaml"
    broken.write_text("".join(lines), encoding="utf-8")
    return broken, at + 1


def last_good_site(site: Path) -> dict[str, str]:
    """Stands in for yesterday's published site: a few files with known content."""
    (site / "frameworks" / "tiny").mkdir(parents=True)
    files = {"index.html": "<p>last good home</p>", "frameworks/tiny/index.html": "<p>last good tiny</p>",
             "only-in-the-old-site.txt": "old"}
    for name, text in files.items():
        (site / name).write_text(text, encoding="utf-8")
    return files


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site-building-", ".site-previous-")))


def test_a_failed_build_leaves_the_last_good_site_untouched(tmp_path):
    site = tmp_path / "site"
    before = last_good_site(site)
    broken, line = broken_frameworks(tmp_path / "frameworks")
    result = thresholds("build", "--site-dir", str(site), env={"THRESHOLDS_FRAMEWORKS": str(tmp_path / "frameworks")})
    assert result.returncode != 0
    assert f"{broken}:{line}: nmae:" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert f"the site in {site} was left as it was" in result.stderr
    after = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert leftovers(tmp_path) == []


def test_a_failed_build_with_no_site_yet_says_nothing_was_written(tmp_path):
    broken_frameworks(tmp_path / "frameworks")
    result = thresholds("--frameworks", str(tmp_path / "frameworks"), "build", "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0 and "nothing was written to" in result.stderr
    assert not (tmp_path / "site").exists() and leftovers(tmp_path) == []


def test_a_good_build_replaces_the_site_whole_with_its_search_index(tmp_path):
    site = tmp_path / "site"
    last_good_site(site)
    result = thresholds("--frameworks", str(good_frameworks(tmp_path / "frameworks")), "build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Tinytown" in (site / "frameworks" / "tiny" / "index.html").read_text(encoding="utf-8")
    assert not (site / "only-in-the-old-site.txt").exists()
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()
    assert leftovers(tmp_path) == []
    # Readable by a web server running as another user (a private temporary folder would not be).
    assert site.stat().st_mode & 0o005 == 0o005


def test_build_outside_the_project_says_where_to_run_it(tmp_path):
    result = subprocess.run([sys.executable, "-m", "thresholds", "build"], cwd=tmp_path, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 2 and "no mkdocs.yml" in result.stderr and "Traceback" not in result.stderr


def test_make_build_and_serve_are_the_thresholds_commands():
    dry = subprocess.run(["make", "-n", "-W", "mkdocs.yml", "build", "serve"], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert dry.returncode == 0, dry.stderr
    assert "thresholds build" in dry.stdout and "thresholds serve" in dry.stdout
    assert "mkdocs build" not in dry.stdout  # no second way of building that skips the swap


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_previews_the_site(tmp_path):
    port = _free_port()
    frameworks = good_frameworks(tmp_path / "frameworks")
    proc = subprocess.Popen([sys.executable, "-m", "thresholds", "--frameworks", str(frameworks), "serve",
                             "--address", f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        body = ""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/frameworks/tiny/", timeout=5) as response:
                    body = response.read().decode()
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        assert "Tinytown" in body, proc.stdout.read() if proc.poll() is not None else "no answer in time"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/pagefind/pagefind.js", timeout=5) as response:
            assert response.status == 200  # search works in the preview too
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)  # as Ctrl+C does: the preview and its MkDocs child
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


# The publishing guide: commands for both shells, that the program knows -------------------------

GUIDE = ROOT / "docs" / "publishing.md"


def _blocks(markdown: str, language: str) -> list[str]:
    import re

    return re.findall(rf"^```{language}\n(.*?)^```", markdown, flags=re.S | re.M)


def test_the_guide_gives_every_command_for_powershell_and_for_macos_linux():
    text = GUIDE.read_text(encoding="utf-8")
    posix = [line for block in _blocks(text, "sh") for line in block.splitlines()]
    windows = [line for block in _blocks(text, "powershell") for line in block.splitlines()]
    commands = [line for line in posix if line.startswith(".venv/bin/thresholds ")]
    assert len(commands) >= 7
    for line in commands:  # the same command, in PowerShell's spelling
        twin = ".venv\\Scripts\\thresholds " + line.removeprefix(".venv/bin/thresholds ").replace("/", "\\")
        assert twin in windows, f"no PowerShell twin for: {line}"
    assert len(_blocks(text, "powershell")) == len(_blocks(text, "sh"))


def test_the_guides_commands_are_ones_the_program_has():
    from thresholds.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    text = GUIDE.read_text(encoding="utf-8")
    used = {line.split()[1] for block in _blocks(text, "sh") for line in block.splitlines()
            if line.startswith(".venv/bin/thresholds ")}
    assert used >= {"validate", "diff", "assess", "indicators", "new", "serve", "build"}
    assert used <= set(sub.choices), used - set(sub.choices)


def test_the_guide_is_organised_by_task_and_links_nowhere_local(site):
    html = (site / "publishing" / "index.html").read_text(encoding="utf-8")
    for heading in ("change-a-phone-number", "add-a-new-edition", "change-a-rule-and-check-it",
                    "turn-a-documents-words-into-rules", "add-a-new-authority", "build-and-deploy"):
        assert f'id="{heading}"' in html, heading
    assert "127.0.0.1:8000" in html  # named, as text: the preview's address
    assert 'href="http://127.0.0.1' not in html and 'href="http://localhost' not in html


def test_the_guide_sits_under_for_publishers_not_the_practitioners_menu(site):
    import re

    def primary_nav(page: str) -> str:
        html = (site / page).read_text(encoding="utf-8")
        start = html.index('class="md-nav md-nav--primary"')
        return html[start:html.index("md-sidebar--secondary", start)]

    def links(nav: str) -> list[tuple[str, str]]:
        return [(href, " ".join(re.sub(r"<[^>]+>", " ", text).split()))
                for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', nav, flags=re.S)]

    # From the home page, the only way to the guide is the "For publishers" section.
    home = links(primary_nav("index.html"))
    assert [text for href, text in home if href == "publishing/"] == ["For publishers"]
    assert not [text for href, text in home if "Publishing" in text]
    # Opened, that section holds the guide.
    nav = primary_nav("publishing/index.html")
    assert "For publishers" in nav and nav.index("For publishers") < nav.index("Publishing guide")


def test_a_site_that_cannot_be_replaced_is_explained_not_a_traceback(tmp_path, monkeypatch, capsys):
    from thresholds import site_cli

    def refuse(new, site):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(site_cli, "swap_in", refuse)
    site = tmp_path / "site"
    before = last_good_site(site)
    monkeypatch.setenv("THRESHOLDS_FRAMEWORKS", str(good_frameworks(tmp_path / "frameworks")))
    code = site_cli.build(ROOT / "mkdocs.yml", site)
    err = capsys.readouterr().err
    assert code == 1 and "could not be replaced (Permission denied)" in err
    assert {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} == set(before)
    assert leftovers(tmp_path) == []


def test_make_build_that_fails_leaves_the_last_good_site_untouched(tmp_path):
    site = tmp_path / "site"
    before = last_good_site(site)
    broken, line = broken_frameworks(tmp_path / "frameworks")
    result = subprocess.run(["make", "--no-print-directory", "build", f"SITE_DIR={site}"], cwd=ROOT,
                            capture_output=True, text=True, check=False,
                            env=dict(os.environ, THRESHOLDS_FRAMEWORKS=str(tmp_path / "frameworks"), MAKEFLAGS=""))
    assert result.returncode != 0
    assert f"{broken}:{line}: nmae:" in result.stderr, result.stderr[-2000:]
    assert f"the site in {site} was left as it was" in result.stderr
    after = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file()}
    assert after == before and leftovers(tmp_path) == []
