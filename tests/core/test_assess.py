"""The level engine on a small fixture: each rule kind, explanations, contacts, errors."""

from __future__ import annotations

import json

import pytest

from thresholds import JUDGEMENT, UnknownIdError, assess


def test_nothing_ticked_is_the_universal_level_with_no_reasons(tiny):
    result = assess(tiny, [])
    assert (result.level, result.rank, result.act_now) == ("level-1", 1, False)
    assert result.reasons == ()
    assert result.judgement == JUDGEMENT


def test_a_single_need_suggests_level_2_and_names_the_indicator(tiny):
    result = assess(tiny, ["health-2-01"])
    assert result.level == "level-2"
    top = [r for r in result.reasons if r.rank == result.rank]
    assert [r.rule for r in top] == ["single-need"]
    assert top[0].indicators == ("health-2-01",)
    assert top[0].quote == "For single unmet need, signposting."


def test_a_cluster_must_span_the_domains_the_rule_asks_for(tiny):
    # cluster-3 needs two level-3 indicators across two domains.
    assert assess(tiny, ["health-3-01"]).level == "level-2"
    result = assess(tiny, ["health-3-01", "home-3-01"])
    assert result.level == "level-3"
    assert result.reasons[0].rule == "cluster-3"
    assert set(result.reasons[0].indicators) == {"health-3-01", "home-3-01"}


def test_an_indicator_sufficient_on_its_own_means_act_now_with_the_number(tiny):
    result = assess(tiny, ["home-4-01"])
    assert (result.level, result.rank, result.act_now) == ("level-4", 4, True)
    assert result.reasons[0].rule == "protection"
    assert [c.id for c in result.contacts] == ["front-door", "police"]
    assert "999" in [p.number for c in result.contacts for p in c.phones]


def test_result_carries_the_levels_own_response_and_consent(tiny):
    result = assess(tiny, ["health-2-01"])
    assert result.response == ["Start an Early Help Assessment (EHA)."]
    assert result.consent == ["Informed and explicit consent required."]


def test_order_and_repetition_of_ids_do_not_matter(tiny):
    a = assess(tiny, ["home-3-01", "health-3-01", "health-2-01"])
    b = assess(tiny, ["health-2-01", "health-3-01", "home-3-01", "home-3-01"])
    assert a == b
    assert a.ticked == ("health-2-01", "health-3-01", "home-3-01")  # framework order


def test_unknown_indicator_names_close_matches(tiny):
    with pytest.raises(UnknownIdError) as err:
        assess(tiny, ["home-4-1"])
    assert err.value.kind == "indicator"
    assert "home-4-01" in err.value.suggestions
    assert "home-4-01" in str(err.value)


def test_json_shape_is_stable(tiny):
    data = assess(tiny, ["home-4-01", "health-2-01"]).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"framework", "authority", "edition", "level", "act_now", "reasons", "ticked",
                         "response", "next_steps", "categories", "also_at", "consent", "contacts", "judgement"}
    assert data["categories"] == ["child-protection"] and data["next_steps"] == [] and data["also_at"] == []
    assert data["level"] == {"id": "level-4", "name": "Level 4", "title": "Child protection", "rank": 4}
    assert set(data["reasons"][0]) == {"rule", "level", "rank", "explanation", "quote", "indicators", "act_now"}
    assert data["contacts"][1]["phones"] == [{"number": "999", "label": "Emergency"}]
