"""Escaping by construction: a framework and a toolkit with markup in every text field build into a
site that shows all of it as text, escaped exactly once, and whose CSP trusts none of it."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from macros import csp
from thresholds import toolkit
from thresholds.catalog import load_file

from .markup import PAYLOAD, TAG, build_markup_site, field_of, text_fields, write_fixtures
from .scan import html_leaks, site_leaks

DOUBLE_ESCAPED = re.compile(r"&amp;(#x?[0-9a-fA-F]+|[a-z]+);")


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    return build_markup_site(tmp_path_factory.mktemp("markup"))


def test_the_fixtures_are_valid_and_plant_markup_in_every_text_field(tmp_path):
    from thresholds.schema import schema as framework_schema

    planted = write_fixtures(tmp_path)
    fw = load_file(tmp_path / "markup.yaml").framework
    tk = toolkit.load_file(tmp_path / toolkit.TOOLKIT_FILE)
    assert fw.authority == PAYLOAD.format(tag=TAG.search(fw.authority).group(0))
    assert TAG.search(fw.edition) and TAG.search(fw.levels[0].name) and TAG.search(tk.short_title)
    assert all(TAG.search(t["title"]) for t in tk.templates)
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.yaml"))
    for prefix, schema in (("framework ", framework_schema()), ("toolkit ", toolkit.schema())):
        fields = {field_of(path.removeprefix(prefix)) for tag, path in planted.items()
                  if path.startswith(prefix) and tag in written}
        assert text_fields(schema) - fields == set(), prefix  # every free-text field holds a payload
    # ids stay ids, and every payload is unique.
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i.id) for i in fw.indicators)
    assert len(set(planted)) == len(planted)


def test_a_field_added_to_the_schema_gets_planted_markup_too():
    from thresholds.schema import schema as framework_schema

    from .markup import Generator

    schema = copy.deepcopy(framework_schema())  # the loaded schema is shared: never change it
    schema["$defs"]["level"]["properties"]["new_words"] = {"$ref": "#/$defs/text"}
    gen = Generator(schema, "mf")
    data = gen.generate(schema)
    assert all(TAG.search(lv["new_words"]) for lv in data["levels"])
    assert "levels.new_words" in text_fields(schema)
    assert "levels.new_words" in {field_of(p) for p in gen.planted.values()}


def test_no_planted_markup_appears_unescaped_anywhere_in_the_site(markup_site):
    site, planted = markup_site
    assert site_leaks(site) == []
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    everything = "".join(pages.values()) + "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.json"))
    shown = [t for t in planted if t in everything]
    missing = {t: planted[t] for t in planted if t not in everything}
    # Nearly every field is shown (and so tested); the few that are not are named here.
    assert len(shown) >= 0.95 * len(planted), missing
    # The fields that reached pages raw before: <title>, nav, aria-label, print footer, toolkit nav.
    fw = load_file(site.parent / "frameworks" / "markup.yaml").framework
    overview = pages[site / "frameworks" / "markup" / "index.html"]
    expected = PAYLOAD.format(tag=TAG.search(fw.authority).group(0))
    escaped = expected.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    escaped = escaped.replace("{", "&#123;").replace("}", "&#125;")
    assert f'<title>{escaped}: Overview - Continuum of Need</title>' in overview
    assert f'aria-label="{escaped}"' in overview
    assert re.search(r'class="print-only print-footer">' + re.escape(escaped) + " · ", overview)


def test_every_link_in_the_markup_site_resolves(markup_site):
    from .links import check_links

    assert check_links(markup_site[0]) == []


def test_planted_text_is_shown_as_the_words_typed(markup_site):
    """Escaped once: the words come back exactly as typed, never as &amp;lt; or &#x27; on screen."""
    import html

    site, _ = markup_site
    overview = (site / "frameworks" / "markup" / "index.html").read_text(encoding="utf-8")
    fw = load_file(site.parent / "frameworks" / "markup.yaml").framework
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", overview, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", h1)) == f"{fw.authority}: Overview"
    toc = [html.unescape(t) for t in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', overview, re.S)]
    titles = [s["title"] for s in fw.sections if s.get("page") == "overview"]
    assert titles and all(t in toc for t in titles), toc  # the table of contents: escaped once
    assert not DOUBLE_ESCAPED.search(overview)


def test_the_leak_scanner_finds_markup_that_got_through():
    tag = "mf0042z"
    assert html_leaks(f'<p>&lt;script&gt;alert("{tag}")&lt;/script&gt;</p>') == []
    assert html_leaks(f'<nav aria-label="x&quot; data-planted=&quot;{tag}">') == []
    assert html_leaks(f"<title>{PAYLOAD.format(tag=tag)}</title>")  # raw <script> and <img>
    assert html_leaks(f'<nav aria-label="x" data-planted="{tag}">')  # an attribute broke out
    assert html_leaks(f"<td>Tinytown & 49 {tag}</td>")  # a template ran {{ 7*7 }}


def test_no_text_is_escaped_twice_in_the_site(site):
    twice = {str(p.relative_to(site)): DOUBLE_ESCAPED.findall(p.read_text(encoding="utf-8"))
             for p in site.rglob("*.html")}
    assert {p: m for p, m in twice.items() if m} == {}
    assert DOUBLE_ESCAPED.search("Norfolk&amp;#x27;s Vision")  # what the check catches


# ---------------------------------------------------------------------------------------- the CSP


def _theme() -> csp.ThemeScripts:
    from mkdocs.config import load_config

    from .conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    return csp.ThemeScripts(config.theme.get_env(), config)


def _policy_of(page_html: str) -> str:
    return re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page_html).group(1)


def test_the_csp_allows_the_theme_scripts_each_page_carries_and_nothing_planted(markup_site, site):
    theme = _theme().all_hashes()
    for built in (site, markup_site[0]):
        for path in built.rglob("*.html"):
            page = path.read_text(encoding="utf-8")
            policy = _policy_of(page)
            listed = set(re.findall(r"'sha256-[^']+'", policy))
            assert listed <= theme, path  # only the theme's scripts are ever trusted
            for body in csp.inline_scripts(page):
                assert csp.script_hash(body) in listed, (path, body[:60])  # and the theme still works


def test_a_script_planted_in_a_page_is_not_allowed(markup_site):
    """Were a script to get into a page (escaping broken, a template printing data raw), the policy
    built for that page still does not trust it."""
    import sys

    from .conftest import ROOT

    sys.path.insert(0, str(ROOT / "macros"))
    import hooks  # the MkDocs hooks module, by path, as MkDocs loads it

    site, planted = markup_site
    page = (site / "frameworks" / "markup" / "levels" / "index.html").read_text(encoding="utf-8")
    tag = next(iter(planted))
    planted_body = f'alert("{tag}")'
    tampered = page.replace("</h1>", f"</h1><script>{planted_body}</script>", 1)
    hooks._THEME["scripts"] = _theme()
    policy = hooks.content_security_policy(tampered, "../../..")
    assert csp.script_hash(planted_body) not in policy
    assert all(csp.script_hash(b) in policy for b in csp.inline_scripts(page))  # the theme's still run
    # The old way (hash whatever the page holds) would have trusted it: the check can fail.
    assert csp.script_hash(planted_body) in csp.page_policy({csp.script_hash(b) for b in csp.inline_scripts(tampered)})


def test_the_header_policy_allows_every_script_a_page_policy_allows(site):
    """One policy: what nginx sends (csp.site_header_policy, `python -m macros.csp`) is the page
    policy plus frame-ancestors, and lists every theme script hash any page uses."""
    header = csp.site_header_policy()
    assert "frame-ancestors 'self'" in header and "unsafe-inline" not in header and "http" not in header
    for path in site.rglob("*.html"):
        policy = _policy_of(path.read_text(encoding="utf-8"))
        for directive in policy.split("; "):
            name, *sources = directive.split(" ")
            header_sources = next(d for d in header.split("; ") if d.split(" ")[0] == name).split(" ")[1:]
            assert set(sources) <= set(header_sources), (path, name)


def test_theme_scripts_are_read_from_templates_and_rendered_for_the_page_base_url():
    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({
        "partials/javascripts/base.html": '<script>scope=new URL("{{ base_url }}",location)</script>',
        "partials/javascripts/page.html": "<script>go({{ page.meta.location }})</script>",  # needs a page
        "partials/javascripts/data.html": '<script type="application/json">{"a": 1}</script>',
        "main.html": "<script>notTheThemesScriptFolder()</script>",
    }), undefined=jinja2.StrictUndefined)
    theme = csp.ThemeScripts(env, config={})
    assert theme.bodies("../..") == ['scope=new URL("../..",location)']
    assert theme.hashes("..") == {csp.script_hash('scope=new URL("..",location)')}
    assert csp.script_hash('scope=new URL("..",location)') not in theme.hashes("../..")
