"""The same case elsewhere: compare() names every other authority, with a level from its own rules."""

from __future__ import annotations

import pytest

from thresholds.assess import assess
from thresholds.compare import NOTICE, compare, comparison_html, match
from thresholds.concerns import Concern, Vocabulary
from thresholds.errors import UnknownIdError

from .conftest import framework_ids, load

SEEDS = ["blackburn-with-darwen", "kent-and-medway", "kirklees", "norfolk", "worcestershire"]

# Cases written from the sources' own words: (framework, ticked ids).
CASES = {
    "domestic abuse with parental substance misuse": [
        ("kirklees", ["parenting-capacity-3-08", "parenting-capacity-3-06"]),  # DA identified; problematic substance misuse
        ("blackburn-with-darwen", ["parenting-capacity-2-07", "parenting-capacity-2-04"]),
        ("worcestershire", ["domestic-abuse-3-01", "drugs-alcohol-3-01"]),
        ("kent-and-medway", ["family-2-06", "parenting-2-06"]),
        ("norfolk", ["s47-criteria-4-06"]),
    ],
    "neglect": [
        ("worcestershire", ["neglect-3-01"]),  # accumulating concerns about basic care
        ("kirklees", ["parenting-capacity-4-01"]),  # failure to provide adequate basic care
        ("kent-and-medway", ["parenting-4-02"]),
        ("norfolk", ["s47-criteria-4-08"]),
        ("blackburn-with-darwen", ["parenting-capacity-4-01"]),
    ],
    "a disclosure of sexual abuse": [
        ("norfolk", ["s47-criteria-4-10"]),  # direct allegation of sexual abuse made by child
        ("worcestershire", ["sexual-abuse-4-04"]),
        ("kent-and-medway", ["family-4-01"]),
    ],
}


@pytest.fixture(scope="module")
def seeds():
    assert set(SEEDS) <= set(framework_ids())
    return [load(fid) for fid in SEEDS]


@pytest.mark.parametrize("case", [(name, fid, ids) for name, runs in CASES.items() for fid, ids in runs],
                         ids=lambda c: f"{c[0]}-{c[1]}")
def test_every_other_authority_is_named_with_a_level_and_matched_where_it_has_the_concern(seeds, case):
    _name, fid, ticked = case
    mine = next(fw for fw in seeds if fw.id == fid)
    result = compare(mine, ticked, seeds)
    assert [a.framework for a in result.authorities] == [fw.id for fw in seeds if fw.id != fid]
    assert result.concerns and set(result.concerns) <= {c for i in ticked for c in mine.indicator(i).concerns}
    for entry in result.authorities:
        other = next(fw for fw in seeds if fw.id == entry.framework)
        assert other.level(entry.level).name == entry.level_name
        has_concern = any(set(i.concerns) & set(result.concerns) for i in other.indicators)
        assert bool(entry.matched) == has_concern, entry.framework
        for i in entry.matched:
            assert set(other.indicator(i).concerns) & set(result.concerns)
        # The level is that authority's own rules applied to its matched indicators.
        assert entry.level == assess(other, entry.matched).level
        assert entry.contacts, f"{entry.framework}: a front door to call"


def test_the_sexual_abuse_disclosure_reaches_child_protection_wherever_the_concern_is_listed(seeds):
    norfolk = next(fw for fw in seeds if fw.id == "norfolk")
    result = compare(norfolk, ["s47-criteria-4-10"], seeds)
    for entry in result.authorities:
        assert entry.matched and entry.rank == 4 and entry.act_now, entry.framework


def test_matching_takes_the_nearest_level_not_every_level(seeds):
    # Kirklees level 2 "Domestic abuse identified in family": Worcestershire lists domestic abuse at
    # Tier 3 and Tier 4 ("Murder or attempted murder ..."); only its Tier 3 indicators correspond.
    kirklees = next(fw for fw in seeds if fw.id == "kirklees")
    worcs = next(fw for fw in seeds if fw.id == "worcestershire")
    matched = match(kirklees, ["parenting-capacity-2-07"], worcs)
    assert matched and {worcs.indicator(i).level for i in matched} == {"tier-3"}
    assert "domestic-abuse-4-02" not in matched
    entry = next(a for a in compare(kirklees, ["parenting-capacity-2-07"], seeds).authorities if a.framework == "worcestershire")
    assert entry.rank == 3 and not entry.act_now


def test_an_authority_without_the_concern_gets_its_lowest_level_and_no_match(seeds):
    worcs = next(fw for fw in seeds if fw.id == "worcestershire")
    result = compare(worcs, ["other-safeguarding-4-02"], seeds)  # unaccompanied asylum-seeking child
    assert result.concerns == ("unaccompanied-asylum",)
    for entry in result.authorities:
        other = next(fw for fw in seeds if fw.id == entry.framework)
        assert entry.matched == () and entry.level == other.levels[0].id


def test_nothing_ticked_compares_nothing_and_an_unknown_id_lists_close_matches(seeds):
    kirklees = next(fw for fw in seeds if fw.id == "kirklees")
    result = compare(kirklees, [], seeds)
    assert result.concerns == () and all(not a.matched for a in result.authorities)
    with pytest.raises(UnknownIdError) as err:
        compare(kirklees, ["health-4-0l"], seeds)
    assert err.value.suggestions and err.value.wanted == "health-4-0l"


def test_to_dict_is_the_documented_shape(seeds):
    kirklees = next(fw for fw in seeds if fw.id == "kirklees")
    out = compare(kirklees, ["parenting-capacity-3-08"], seeds).to_dict()
    assert out.keys() == {"framework", "concerns", "authorities"}
    entry = out["authorities"][0]
    assert entry.keys() == {"framework", "authority", "level", "matched", "contacts"}
    assert entry["level"].keys() == {"id", "name", "rank"}


def test_the_section_escapes_data_and_says_it_is_a_comparison(tiny):
    from dataclasses import replace

    vocabulary = Vocabulary((Concern("x", "<b>Label</b>", "d", "child-development"),))
    mine = replace(tiny, indicators=tuple(replace(i, concerns=("x",)) for i in tiny.indicators))
    other = replace(mine, id="other", authority="<script>alert(1)</script>")
    first = mine.indicators[0].id
    result = compare(mine, [first], [mine, other])
    markup = comparison_html(result, [mine, other], vocabulary)
    assert "How other areas describe this" in markup and NOTICE.split(":")[0] in markup
    assert "<script>alert" not in markup and "&lt;script&gt;" in markup and "&lt;b&gt;Label" in markup
    assert f'href="../../../frameworks/other/indicators/' in markup and f"#{first}" in markup
    assert comparison_html(compare(mine, [], [mine, other]), [mine, other], vocabulary) == ""


def test_the_compact_index_gives_the_browser_the_same_comparison_as_the_full_frameworks(seeds):
    import json

    from thresholds import browser
    from thresholds.compare import compact, index_json

    from .conftest import framework_data

    datas = [framework_data(fid) for fid in SEEDS]
    vocabulary = Vocabulary(tuple(Concern(c, c.title(), "d", "child-development")
                                  for c in sorted({c for fw in seeds for i in fw.indicators for c in i.concerns})))
    text = index_json(datas, vocabulary)
    assert len(text) < sum(len(json.dumps(d)) for d in datas) / 2, "the index is much lighter than the frameworks"
    for data in datas:
        assert "sections" not in compact(data) and all("definition" not in lv for lv in compact(data)["levels"])
    browser.load_framework(json.dumps(datas[2]))  # kirklees
    browser.load_others(text)
    ticked = ["parenting-capacity-3-08", "parenting-capacity-3-06"]
    out = json.loads(browser.assess_json(json.dumps(ticked)))
    expected = compare(seeds[2], ticked, seeds)
    assert 'class="elsewhere"' in out["html"]
    # Other authorities' words are not marked up with this framework's glossary ("MASH" is in both).
    section = out["html"][out["html"].index('<section class="elsewhere"'):]
    assert "MASH" in section and "<abbr" not in section
    for entry in expected.authorities:
        assert f'data-framework="{entry.framework}" data-level="{entry.level}" data-matched="{len(entry.matched)}"' in out["html"]
    assert 'class="elsewhere"' not in json.loads(browser.assess_json("[]"))["html"]


def test_an_indicator_listed_at_several_levels_matches_at_the_nearest_of_them(tiny):
    from dataclasses import replace

    # Version 2: one indicator listed at levels 2 and 4 ("levels"); ticked at level 4 elsewhere, it matches there.
    mine = replace(tiny, indicators=tuple(replace(i, concerns=("x",) if i.id == "home-4-01" else ()) for i in tiny.indicators))
    other = replace(tiny, id="other", indicators=tuple(
        replace(i, concerns=("x",), levels=("level-2", "level-4")) if i.id == "home-2-01" else replace(i, concerns=())
        for i in tiny.indicators))
    assert match(mine, ["home-4-01"], other) == ("home-2-01",)
    entry = compare(mine, ["home-4-01"], [mine, other]).authorities[0]
    assert entry.matched == ("home-2-01",)
