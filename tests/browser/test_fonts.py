"""The fonts the layout is tested with are the ones .ci/run installs.

Material's font stack (no web fonts: the site makes no request off its origin) ends in Helvetica,
Arial, sans-serif. Which font that resolves to decides where lines wrap and which tables scroll, so
the browser tests (axe's scrollable-region rule, print page counts) depend on it. A machine without
Liberation Sans renders in DejaVu Sans, which is wider: this test says so instead of letting a layout
test fail somewhere else for a reason nobody can see.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import in_ci

EXPECTED = {"Helvetica": "Liberation Sans", "Arial": "Liberation Sans"}


def resolved_family(family: str) -> str:
    """The font family fontconfig (and so Chromium on Linux) uses for a requested family."""
    out = subprocess.run(["fc-match", "--format=%{family[0]}", family], capture_output=True, text=True, check=True)
    return out.stdout.strip()


@pytest.mark.parametrize("family", sorted(EXPECTED))
def test_layout_fonts_are_installed(family):
    if shutil.which("fc-match") is None:
        if in_ci():
            pytest.fail("fc-match (fontconfig) is missing: .ci/run should install the fonts", pytrace=False)
        pytest.skip("fontconfig is not installed")
    got = resolved_family(family)
    assert got == EXPECTED[family], (
        f"{family} resolves to {got!r}, not {EXPECTED[family]!r}: install fonts-liberation2 "
        "(.ci/run does) so the layout is tested with the fonts it was designed for")


def test_an_unknown_family_falls_back_to_another_font():
    # The check can fail: a family nobody has resolves to some other font, not to itself.
    if shutil.which("fc-match") is None:
        if in_ci():
            pytest.fail("fc-match (fontconfig) is missing: .ci/run should install the fonts", pytrace=False)
        pytest.skip("fontconfig is not installed")
    assert resolved_family("No Such Font Family 7f3a") != "No Such Font Family 7f3a"
