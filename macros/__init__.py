"""mkdocs-macros module: registers the macros that the hand-written pages under docs/ call.

Generated pages (frameworks, toolkit, concerns) are not templates: the hooks fill them from the page
registry (macros/pages.py) and mark them ``render_macros: false``. The work lives in the render functions.
"""

from __future__ import annotations

from collections.abc import Callable

from .pages import MACROS


def _on_page(env, function: Callable[..., str]) -> Callable[..., str]:  # noqa: ANN001
    """``function`` as a macro: called with the URL of the page being rendered, then the macro's arguments."""
    def macro(*args: str) -> str:
        return function(env.page.url, *args)
    macro.__name__ = function.__name__
    macro.__doc__ = function.__doc__
    return macro


def define_env(env) -> None:  # noqa: ANN001 - mkdocs-macros passes its own environment type
    """Register each macro of the registry's table (pages.MACROS) under its name."""
    for name, function in MACROS.items():
        env.macro(_on_page(env, function), name)
