"""Build the site once per test session (mkdocs build --strict) into a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def build_site(out: Path, frameworks: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real build; returns the finished process (check returncode yourself)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if frameworks is not None:
        env["THRESHOLDS_FRAMEWORKS"] = str(frameworks)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build_site(out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out
