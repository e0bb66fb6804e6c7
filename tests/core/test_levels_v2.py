"""Schema version 2 in the model and the engine: categories, explicit act now, the shapes real documents have."""

from __future__ import annotations

import copy
import itertools

import pytest

from thresholds import FrameworkError, assess, framework_from_dict

from .conftest import fixture_data


@pytest.fixture(scope="module")
def shapes():
    return framework_from_dict(fixture_data("shapes"), file="shapes.yaml")


@pytest.fixture(scope="module")
def hampshire():
    return framework_from_dict(fixture_data("hampshire"), file="hampshire.yaml")


def build(data):
    return framework_from_dict(data, file="t.yaml")


def test_levels_carry_their_categories_and_rank_is_order_only(shapes):
    assert [lv.rank for lv in shapes.levels] == [1, 2, 3, 4, 5, 6]
    assert shapes.level("statutory").categories == ("child-in-need", "child-protection")
    assert shapes.level("statutory").category_names == ("Child in need (s.17)", "Child protection (s.47)")
    assert [lv.id for lv in shapes.levels_in("child-protection")] == ["statutory", "protection"]
    assert [lv.act_now for lv in shapes.levels] == [False, False, False, False, True, False]


def test_act_now_comes_from_the_level_or_an_indicator_never_from_rank(shapes, hampshire):
    assert assess(shapes, ["health-4"]).act_now is False  # rank 4, but the source does not say act now
    assert assess(shapes, ["home-4"]).act_now is True  # the indicator says so
    assert assess(shapes, ["home-5"]).act_now is True  # the level says so
    # The real chart: complex disabilities alone is Children's Social Care (a child in need), not act now.
    result = assess(hampshire, ["developmental-4-05"])
    assert (result.level, result.act_now, result.categories) == ("level-4", False, ("child-in-need", "child-protection"))


def test_next_steps_come_with_the_suggestion(shapes, hampshire):
    assert assess(shapes, ["health-4"]).next_steps == ["Complete the referral form."]
    assert assess(hampshire, []).next_steps == ["No formal assessment", "Go direct to the Family Information and Services Hub (FISH)."]
    assert assess(shapes, ["home-5"]).to_dict()["next_steps"] == []


def test_an_indicator_at_two_levels_counts_at_the_lowest_and_says_where_else(shapes):
    ind = shapes.indicator("home-2")
    assert (ind.level, ind.levels) == ("early-help", ("early-help", "statutory"))
    result = assess(shapes, ["home-2"])
    assert result.level == "early-help" and result.also_at == (("home-2", ("statutory",)),)
    # Once the suggestion reaches the higher level, there is nothing more to say.
    assert assess(shapes, ["home-2", "health-4"]).also_at == ()
    assert [i.id for i in shapes.indicators_at("statutory")] == ["home-2", "health-4", "home-4"]


def test_levels_are_sorted_whatever_order_the_file_lists_them(shapes):
    data = copy.deepcopy(fixture_data("shapes"))
    data["indicators"][2]["levels"] = ["statutory", "early-help"]
    assert build(data).indicator("home-2").levels == ("early-help", "statutory")


def test_ticking_more_never_lowers_the_suggestion_or_clears_act_now(shapes):
    ids = [i.id for i in shapes.indicators]
    for n in range(len(ids)):
        for combo in itertools.combinations(ids, n):
            base = assess(shapes, combo)
            for extra in ids:
                more = assess(shapes, combo + (extra,))
                assert more.rank >= base.rank, (combo, extra)
                assert more.act_now >= base.act_now, (combo, extra)


def test_bands_and_ages(shapes):
    assert [b.name for b in shapes.level("targeted").bands] == ["Level 3a", "Level 3b"]
    assert shapes.indicator("health-3a").band == "targeted-a"
    assert shapes.indicator("home-4").ages == ("pre-birth",)


def test_wrong_band_age_and_both_level_fields_are_located():
    data = copy.deepcopy(fixture_data("shapes"))
    data["indicators"][3]["band"] = "targeted-c"
    data["indicators"][1]["ages"] = ["teen"]
    data["indicators"][0]["levels"] = ["universal", "early-help"]
    del data["indicators"][5]["level"]
    with pytest.raises(FrameworkError) as err:
        build(data)
    found = {p.path: p.message for p in err.value.problems}
    assert "targeted-a" in found["indicators[3].band"]
    assert "no age group has id 'teen'" in found["indicators[1].ages[0]"]
    assert "not both" in found["indicators[0].levels"]
    assert "missing required field 'level'" in found["indicators[5]"]


def test_a_framework_may_declare_its_own_age_groups():
    data = copy.deepcopy(fixture_data("shapes"))
    data["age_groups"] = [{"id": "under-5", "name": "Under 5"}]
    data["indicators"][1]["ages"] = ["under-5"]
    for ind in data["indicators"][2:]:
        ind.pop("ages", None)
    assert build(data).age_groups == {"under-5": "Under 5"}


def test_a_version_1_file_using_version_2_fields_is_told_to_switch():
    data = copy.deepcopy(fixture_data("tiny"))
    data["levels"][0]["next_steps"] = ["Signpost."]
    data["indicators"][0]["ages"] = ["0-4"]
    with pytest.raises(FrameworkError) as err:
        build(data)
    assert {p.path for p in err.value.problems} == {"levels[0].next_steps", "indicators[0].ages"}
    assert all("schema_version: 2" in p.message for p in err.value.problems)


def test_the_explorer_panel_shows_next_steps_and_where_else_an_indicator_is_listed(shapes):
    from thresholds.present import panel_html as result_panel  # the panel is presented once, in present

    panel = result_panel(shapes, assess(shapes, ["home-2"]))
    assert "<h3>Next steps</h3><p>Start an early help assessment.</p>" in panel
    assert "Domestic abuse reported: also listed at Statutory" in panel
    assert "Next steps" not in result_panel(shapes, assess(shapes, ["home-5"]))
