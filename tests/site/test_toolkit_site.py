"""The built toolkit pages: titles and first headings naming the toolkit, scripts that exist, the content counted."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

from thresholds import toolkit

from .conftest import ROOT, build_site
from .test_build import parse

TK = toolkit.load_file(ROOT / "frameworks" / "toolkit" / "nspcc.yaml")
PAGES = ["", "levels/", "training-content/", "planner/", "training-plan-check/", "information-sharing/", "learning/",
         "early-help/", "business-plan/", "evaluation-tools/", "training-sources/"] + [
            f"templates/{t['id']}/" for t in TK.templates]


def html_of(site: Path, page: str) -> str:
    return (site / "toolkit" / page / "index.html").read_text(encoding="utf-8")


def test_every_toolkit_page_is_built_and_names_the_toolkit(site):
    for page in PAGES:
        parsed = parse(site / "toolkit" / page / "index.html")
        assert parsed.title.startswith("NSPCC toolkit: "), (page, parsed.title)
        assert parsed.h1.strip().startswith("NSPCC toolkit: "), (page, parsed.h1)
    built = {p.parent.relative_to(site / "toolkit").as_posix() for p in (site / "toolkit").rglob("index.html")}
    assert built == {p.rstrip("/") or "." for p in PAGES}


def test_the_toolkit_is_in_the_navigation(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Organisational toolkit" in home
    assert 'href="toolkit/"' in home
    assert '<a href="templates/early-help-intervention-record/">' in html_of(site, "")


def test_module_scripts_resolve_to_shipped_files(site):
    for page, script in (("planner/", "planner.mjs"), *((f"templates/{t['id']}/", "templates.mjs") for t in TK.templates)):
        markup = html_of(site, page)
        srcs = re.findall(r'<script type="module" src="([^"]+)"', markup)
        assert len(srcs) == 1 and srcs[0].endswith(script), (page, srcs)
        target = urljoin(f"http://x/toolkit/{page}", srcs[0]).removeprefix("http://x/")
        assert (site / target).is_file(), target
        assert not re.search(r"<[^>]+\son[a-z]+=", markup), page  # no event-handler attributes


def test_the_pages_carry_every_counted_item(site):
    matrix = html_of(site, "training-content/")
    assert len(re.findall(r'<tr id="tc-\d+">', matrix)) == 30
    levels = html_of(site, "levels/")
    assert len(re.findall(r'<li id="l\d-\d+">', levels)) == 34
    sharing = html_of(site, "information-sharing/")
    assert re.findall(r'<li id="step-(\d+)"', sharing) == [str(n) for n in range(1, 10)]
    planner = html_of(site, "planner/")
    assert re.findall(r'<section class="tk-plan" id="plan-(level-\d)"', planner) == ["level-1", "level-2", "level-3", "level-4"]
    for t in TK.templates:
        markup = re.search(r'<form class="tk-template".*?</form>', html_of(site, f"templates/{t['id']}/"), re.S).group(0)
        ids = set(re.findall(r'<(?:input|textarea)[^>]*\sid="([^"]+)"', markup))
        labelled = set(re.findall(r'<label[^>]*\sfor="([^"]+)"', markup))
        assert ids and ids <= labelled, t["id"]
    # the sections after the Kent and Medway document (counts: tests/data/test_toolkit_counts.py)
    tools = html_of(site, "evaluation-tools/")
    assert re.findall(r'<h2 id="([a-z-]+)">', tools) == ["outcomes-stars", "sdq"]
    assert 'href="http://www.sdqinfo.org/"' in tools
    sources = html_of(site, "training-sources/")
    assert re.findall(r'<h3 id="([a-z]+)">', sources) == ["nspcc", "ccpas", "cpsu", "artswork", "ncvys", "swgfl"]
    assert re.findall(r'href="tel:(\d+)"', sources) == ["08088005000", "08451204550", "08456013203"]
    assert re.findall(r'href="mailto:([^"]+)"', sources) == ["help@nspcc.org.uk", "info@ccpas.co.uk"]
    assert "Multi-agency and locally based training" in sources and "partnerships from" in sources
    for tid, words in (("written-agreement-child", "They will meet nine times."),
                       ("written-agreement-family", "Objectives – what we hope to achieve in the work")):
        page = html_of(site, f"templates/{tid}/")
        example = re.search(r'<section class="tk-worked-example".*?</section>', page, re.S).group(0)
        assert words in example and "fictional" in example


def test_the_site_builds_without_the_toolkit(tmp_path):
    folder = tmp_path / "frameworks"  # a frameworks folder with no toolkit/nspcc.yaml
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "tiny.yaml", folder / "tiny.yaml")
    out = tmp_path / "site"
    result = build_site(out, folder)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (out / "toolkit").exists()
    assert "Organisational toolkit" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_broken_toolkit_stops_the_build_and_names_the_problem(tmp_path):
    folder = tmp_path / "frameworks"
    (folder / "toolkit").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "fixtures" / "tiny.yaml", folder / "tiny.yaml")
    text = (ROOT / "tests" / "fixtures" / "toolkit" / "tiny.yaml").read_text(encoding="utf-8")
    (folder / "toolkit" / "nspcc.yaml").write_text(text.replace("levels: [level-2], notes", "levels: [level-9], notes"),
                                                  encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(out, folder)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "nspcc.yaml:50: training_content.elements[1].levels[0]: no level has id 'level-9'" in result.stderr
    assert not (out / "index.html").exists()
