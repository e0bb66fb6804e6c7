"""The page registry (macros/pages.py): every page kind renders, for every framework, the toolkit and the
concerns; the flags become front matter in one place; the hand-written pages' macros come from its table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from macros import pages
from macros.site import Catalogue
from thresholds.toolkit import TOOLKIT_FILE, Toolkit, load_file

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _catalogue(folder: Path) -> Catalogue:
    catalogue = Catalogue()
    catalogue.load(folder)
    return catalogue


@pytest.fixture(scope="module")
def site() -> Catalogue:
    return _catalogue(ROOT / "frameworks")


@pytest.fixture(scope="module")
def fixtures() -> Catalogue:
    return _catalogue(FIXTURES)


def _renders(page: pages.Page) -> str:
    md = page.render()
    assert md.strip(), page.path
    # Final Markdown, not a template: no macro call is left for mkdocs-macros to expand.
    assert not re.search(r"\{\{\s*\w+\(", md), page.path
    return md


@pytest.mark.parametrize("folder", ["site", "fixtures"])
def test_every_framework_page_kind_renders_for_every_framework(folder, request):
    catalogue: Catalogue = request.getfixturevalue(folder)
    assert catalogue.frameworks
    for fw in catalogue.frameworks:
        found = pages.framework_pages(fw, catalogue)
        kinds = [p.kind for p in found]
        assert kinds[:3] == ["overview", "explorer", "levels"] and kinds[-1] == "changes"
        assert {"consent", "escalation", "guidance", "contacts", "glossary", "indicators"} <= set(kinds)
        assert len({p.path for p in found}) == len(found)  # no two pages at one path
        for page in found:
            assert page.framework is fw and page.path.startswith(f"frameworks/{fw.id}/")
            assert page.title == f"{fw.authority}: {page.nav_title}"
            _renders(page)


def test_the_overview_links_to_each_of_its_frameworks_other_pages(fixtures):
    fw = fixtures.get("tiny")
    found = pages.framework_pages(fw, fixtures)
    overview = found[0].render()
    for page in found[1:]:
        assert f'href="{page.url.removeprefix("frameworks/tiny/")}"' in overview, page.path


def test_the_explorer_page_finds_data_runtime_and_worker_from_its_own_folder(fixtures):
    found = pages.framework_pages(fixtures.get("tiny"), fixtures)
    explorer = next(p for p in found if p.kind == "explorer")
    head = explorer.head()
    for url in ("../../../assets/explorer/explorer.js", "../../../data/tiny.json", "../../../assets/explorer/worker.mjs",
                "../../../pyodide/"):
        assert f'"{url}' in head, url
    assert "worker.mjs" not in explorer.render()
    # Only the explorer has a head of its own.
    assert [p.kind for p in found if p.head is not None] == ["explorer"]


def test_every_toolkit_page_kind_renders():
    for tk in (load_file(ROOT / "frameworks" / TOOLKIT_FILE), load_file(FIXTURES / "toolkit" / "tiny.yaml")):
        found = pages.toolkit_pages(tk)
        kinds = {p.kind for p in found}
        assert {k.kind for k in pages.TOOLKIT_KINDS} == kinds - {pages.TEMPLATE_KIND}
        assert sum(p.kind == pages.TEMPLATE_KIND for p in found) == len(tk.templates)
        for page in found:
            assert page.framework is None and page.title.startswith(f"{tk.short_title}: ")
            _renders(page)


def test_a_toolkit_page_kind_whose_section_is_missing_is_not_made():
    tk = load_file(FIXTURES / "toolkit" / "tiny.yaml")
    needing = {k.kind: k.needs for k in pages.TOOLKIT_KINDS if k.needs}
    assert needing
    for kind, section in needing.items():
        without = Toolkit({key: value for key, value in tk.data.items() if key != section})
        made = {p.kind for p in pages.toolkit_pages(without)}
        assert kind not in made and "overview" in made


def test_the_concern_pages_render_and_are_full_width(site):
    found = pages.concern_pages(site.concerns, site.frameworks)
    assert found[0].path == pages.CONCERNS_INDEX and found[0].nav_title == "Concerns"
    assert [p.path for p in found[1:]] == [f"concerns/{c.id}.md" for c in site.concerns.concerns]
    assert all(p.full_width and p.searchable for p in found[1:]) and not found[0].full_width
    index = _renders(found[0])
    for page in found[1:]:
        assert f'href="../{page.url}"' in index
        _renders(page)
    assert pages.concern_pages(Catalogue().concerns, site.frameworks) == []  # no vocabulary, no pages


def test_site_pages_is_every_group_in_nav_order(site):
    everything = pages.site_pages(site)
    assert everything.all == everything.frameworks + everything.toolkit + everything.concerns
    assert everything.toolkit and everything.concerns
    assert len({p.path for p in everything.all}) == len(everything.all)


def test_flags_become_front_matter_in_one_place(site):
    found = pages.site_pages(site).all
    explorer = [p for p in found if p.kind == "explorer"]
    assert explorer and all(p.front_matter() == {"render_macros": False, "hide": ["toc"], "search": {"exclude": True},
                                                 "theme_scripts_later": True}
                            for p in explorer)
    concern = next(p for p in found if p.kind == "concern")
    assert concern.front_matter() == {"render_macros": False, "hide": ["toc"]}
    levels = next(p for p in found if p.kind == "levels")
    assert levels.front_matter() == {"render_macros": False}
    # Only the explorer pages leave search, and only they load the theme's scripts themselves.
    assert {p.kind for p in found if not p.searchable} == {"explorer"}
    assert {p.kind for p in found if p.theme_scripts_later} == {"explorer"}


def test_urls():
    assert pages.url_of("index.md") == ""
    assert pages.url_of("frameworks/kirklees/index.md") == "frameworks/kirklees/"
    assert pages.url_of("frameworks/kirklees/indicators/level-1.md") == "frameworks/kirklees/indicators/level-1/"
    assert pages.url_of("toolkit/reindex.md") == "toolkit/reindex/"  # a name ending in "index" is not an index
    assert pages.root_of("") == "" and pages.root_of("explorer/") == "../"
    assert pages.root_of("frameworks/kirklees/explorer/") == "../../../"


# ------------------------------------------------------------------------------- the hand-written pages

def _macro_calls(folder: Path) -> set[str]:
    return {name for md in folder.rglob("*.md") for name in re.findall(r"\{\{-?\s*(\w+)\s*\(", md.read_text("utf-8"))}


def test_define_env_registers_exactly_the_macros_the_hand_written_pages_call():
    import macros

    class Env:
        def __init__(self) -> None:
            self.macros: dict = {}
            self.page = None

        def macro(self, function, name=None):
            self.macros[name or function.__name__] = function

    env = Env()
    macros.define_env(env)
    called = _macro_calls(ROOT / "docs")
    assert called and set(env.macros) == called == set(pages.MACROS)


def test_the_hand_written_pages_macros_link_from_the_page_they_are_on(site, monkeypatch):
    import macros
    from types import SimpleNamespace

    monkeypatch.setattr(pages, "CATALOGUE", site)
    registered: dict = {}
    env = SimpleNamespace(page=None, macro=lambda f, name: registered.__setitem__(name, f))
    macros.define_env(env)
    env.page = SimpleNamespace(url="")
    home = registered["authority_links"]()
    env.page = SimpleNamespace(url="explorer/")
    explorer = registered["authority_links"]("explorer/")
    fid = site.frameworks[0].id
    assert f'href="frameworks/{fid}/"' in home and f'href="../frameworks/{fid}/explorer/"' in explorer
    assert site.frameworks[0].authority.split()[0] in registered["compare_authorities"]()


# ----------------------------------------------------------------------------- one place for page paths

def _string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # (an f-string's literal parts are constants too)
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


THEME_PAGES = {"404.md"}  # the theme's error page: MkDocs names it so, with no source


def test_no_module_but_the_registry_names_a_page_source_path():
    """Generated pages' paths ("….md") are listed in macros/pages.py only: the hooks, the nav and the
    renderers take them from there. (A docstring may mention one, and code may name a hand-written page.)"""
    offenders = {}
    for module in sorted((ROOT / "macros").glob("*.py")):
        if module.name == "pages.py":
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        paths = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                 and id(n) not in docstrings and re.search(r"\w\.md\b", n.value)
                 and not (ROOT / "docs" / n.value).is_file() and n.value not in THEME_PAGES]
        if paths:
            offenders[module.name] = paths
    assert offenders == {}
    # The check can fail: the registry itself names its paths.
    assert any(".md" in s for s in _string_constants(ROOT / "macros" / "pages.py"))


def test_a_page_is_found_by_its_path(site):
    everything = pages.site_pages(site)
    levels = next(p for p in everything.frameworks if p.kind == "levels")
    assert everything.at(levels.path) is levels and everything.at("index.md") is None


def test_the_catalogue_loads_the_toolkit_only_where_the_folder_has_one(tmp_path):
    import shutil

    from thresholds.errors import FrameworkError

    shutil.copy(FIXTURES / "tiny.yaml", tmp_path / "tiny.yaml")
    assert _catalogue(tmp_path).toolkit is None
    assert pages.site_pages(_catalogue(tmp_path)).toolkit == []
    (tmp_path / TOOLKIT_FILE).parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "toolkit" / "tiny.yaml", tmp_path / TOOLKIT_FILE)
    assert _catalogue(tmp_path).toolkit.short_title == "Tiny toolkit"
    assert pages.site_pages(_catalogue(tmp_path)).toolkit[0].path == "toolkit/index.md"
    (tmp_path / TOOLKIT_FILE).write_text("short_title: [\n", encoding="utf-8")
    with pytest.raises(FrameworkError) as err:
        _catalogue(tmp_path)
    assert f"{tmp_path / TOOLKIT_FILE}:2: " in str(err.value)  # file:line, as for a framework
