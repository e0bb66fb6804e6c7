"""mkdocs-macros module: registers the render functions. The work lives in macros.render."""

from __future__ import annotations

from . import concerns_render, render, toolkit
from .runtime import pyodide_path
from .site import CATALOGUE, framework_pages, root_of


def define_env(env) -> None:  # noqa: ANN001 - mkdocs-macros passes its own environment type
    """Register one macro per page kind; each looks the framework up and calls a render function."""
    get = CATALOGUE.get

    def pages_of(fid: str) -> list[tuple[str, str]]:
        # Overview links are relative to frameworks/<id>/.
        fw = get(fid)
        return [(p.url.removeprefix(f"frameworks/{fid}/") or "./", p.nav_title) for p in framework_pages(fw)[1:]]

    macros = {
        "framework_overview": lambda fid: render.overview(get(fid), pages_of(fid)),
        "framework_levels": lambda fid: render.levels_page(get(fid)),
        "framework_indicators": lambda fid, level: render.indicators_page(get(fid), level),
        "framework_consent": lambda fid: render.consent_page(get(fid)),
        "framework_escalation": lambda fid: render.escalation_page(get(fid)),
        "framework_guidance": lambda fid: render.guidance_page(get(fid)),
        "framework_contacts": lambda fid: render.contacts_page(get(fid)),
        "framework_glossary": lambda fid: render.glossary_page(get(fid)),
        "framework_changes": lambda fid: render.changes_page(get(fid), CATALOGUE.previous.get(fid)),
        "framework_explorer": lambda fid: render.explorer_page(
            get(fid), data_url=f"../../../data/{fid}.json", pyodide_url="../../../" + pyodide_path(),
            worker_url="../../../assets/explorer/worker.mjs", vocabulary=CATALOGUE.vocabulary,
            concerns=CATALOGUE.concerns),
        "compare_authorities": lambda: render.compare_page(CATALOGUE.frameworks),
        "concerns_index": lambda: concerns_render.concerns_index(CATALOGUE.concerns, CATALOGUE.frameworks),
        "concern_page": lambda cid: concerns_render.concern_page(CATALOGUE.concerns.get(cid), CATALOGUE.frameworks),
        # Links relative to the page the macro is on (home, /explorer/, /authorities/ differ in depth).
        "authority_links": lambda suffix="": render.authority_links(
            CATALOGUE.frameworks, suffix, root_of(env.page.url) + "frameworks/"),
    }
    for name, function in macros.items():
        env.macro(function, name)
    toolkit.register(env)
