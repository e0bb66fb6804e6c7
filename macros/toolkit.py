"""The NSPCC organisational safeguarding toolkit, from YAML (issue: organisational toolkit).

Extension points used by macros/hooks.py and macros/__init__.py:
- ``load(root)``: read and validate the toolkit data (raise thresholds.errors.FrameworkError on problems);
- ``pages()``: the generated pages (macros.site.PageSpec) for the toolkit;
- ``nav()``: the nav entries for those pages;
- ``register(env)``: register the toolkit's macros with mkdocs-macros.
"""

from __future__ import annotations

from pathlib import Path

from macros.site import PageSpec


def load(root: Path) -> None:
    """Read and validate the toolkit data under ``root`` (the frameworks folder)."""


def pages() -> list[PageSpec]:
    """The toolkit's generated pages, in nav order."""
    return []


def nav() -> list[dict[str, str]]:
    """Nav entries ({title: path}) for the toolkit's pages."""
    return [{p.nav_title: p.path} for p in pages()]


def register(env) -> None:  # noqa: ANN001
    """Register the toolkit's macros."""
