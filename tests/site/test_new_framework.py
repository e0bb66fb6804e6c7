"""A publisher adds a valid framework that none of the seeds look like: it builds, compares and assesses.

The folder holds the Hampshire chart (version 2: Level 3 still early help, Level 4 child in need and
child protection), the shapes fixture (six levels, bands, ages, an indicator at two levels) and the
version 1 fixture. None has golden cases in the folder and none has a disagreement route; the generic
data and site checks run on them exactly as they run on ./frameworks.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
from pathlib import Path

import pytest

from thresholds import assess
from thresholds.catalog import framework_files, load_file
from tests.data.test_frameworks import check_publishable

from .conftest import ROOT, build_site

NAMES = ("hampshire", "shapes", "tiny")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("publisher") / "frameworks"
    folder.mkdir()
    for name in NAMES:
        text = (ROOT / "tests" / "fixtures" / f"{name}.yaml").read_text(encoding="utf-8")
        # As a publisher's file in frameworks/ would be: the schema sits beside it.
        (folder / f"{name}.yaml").write_text(text.replace("../../frameworks/framework.schema.json",
                                                          "framework.schema.json"), encoding="utf-8")
    shutil.copy(ROOT / "frameworks" / "framework.schema.json", folder / "framework.schema.json")
    out = folder.parent / "site"
    result = build_site(out, folder)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder, out


def test_the_new_frameworks_pass_the_generic_data_checks(built):
    folder, _ = built
    files = framework_files(folder)
    assert [p.stem for p in files] == sorted(NAMES)
    for path in files:
        check_publishable(path)
        fw = load_file(path).framework
        if fw.id != "tiny":
            assert not fw.escalation  # optional in the schema, so optional in the tests
        assert not (folder.parent / "tests" / "core" / "golden" / f"{fw.id}.yaml").exists()


def test_every_level_with_indicators_gets_a_page_listing_them(built):
    folder, site = built
    for path in framework_files(folder):
        fw = load_file(path).framework
        base = site / "frameworks" / fw.id
        for page in ("index.html", "levels/index.html", "explorer/index.html", "contacts/index.html"):
            assert (base / page).is_file(), f"{fw.id}/{page}"
            assert fw.authority in (base / page).read_text(encoding="utf-8")
        for lv in fw.levels:
            page = base / "indicators" / lv.id / "index.html"
            assert page.is_file() == bool(fw.indicators_at(lv.id)), (fw.id, lv.id)
            if page.is_file():
                text = htmllib.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
                for ind in fw.indicators_at(lv.id):
                    assert ind.text in text, (fw.id, lv.id, ind.id)
        data = json.loads((site / "data" / f"{fw.id}.json").read_text(encoding="utf-8"))
        assert data["schema_version"] == fw.schema_version and len(data["indicators"]) == len(fw.indicators)


def test_the_built_compare_page_lines_hampshire_up_by_category(built):
    _, site = built
    page = (site / "compare" / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr><th scope="row"><a href="../frameworks/hampshire/">Hampshire</a>.*?</tr>', page, re.S).group(0)
    labels = re.findall(r'data-label="([^"]+)"', row)
    assert labels == ["Universal", "Early help", "Targeted early help",
                      "Child in need (s.17) and Child protection (s.47)", "Looked after"]
    assert re.search(r'data-label="Targeted early help"><p><a href="../frameworks/hampshire/levels/#level-3">', row)
    assert 'colspan="2"' in row.split('data-label="Child in need')[1].split(">")[0]


def test_the_built_levels_page_shows_next_steps_and_categories(built):
    _, site = built
    page = (site / "frameworks" / "hampshire" / "levels" / "index.html").read_text(encoding="utf-8")
    assert "Go direct to the Family Information and Services Hub (FISH)." in page
    assert page.count("<h3>Next steps</h3>") == 4
    assert '<li class="category cat-targeted-early-help">Targeted early help</li>' in page


def test_the_browser_copy_assesses_as_the_source_says(built):
    # The explorer builds its framework from the site's JSON: the same normalisation, the same answer.
    from thresholds.browser import assess_json, load_framework

    _, site = built
    load_framework((site / "data" / "hampshire.json").read_text(encoding="utf-8"))
    disabled = json.loads(assess_json(json.dumps(["developmental-4-05"])))["result"]
    assert disabled["level"]["id"] == "level-4" and disabled["act_now"] is False
    assert disabled["categories"] == ["child-in-need", "child-protection"]
    under_13 = json.loads(assess_json(json.dumps(["developmental-4-06"])))
    assert under_13["result"]["act_now"] is True and "0300 555 1373" in under_13["html"]
    # And the v1 fixture in the same folder still means what it meant.
    load_framework((site / "data" / "tiny.json").read_text(encoding="utf-8"))
    assert json.loads(assess_json(json.dumps(["home-4-01"])))["result"]["act_now"] is True
    assert assess(load_file(ROOT / "tests" / "fixtures" / "tiny.yaml").framework, ["home-3-01"]).act_now is False
