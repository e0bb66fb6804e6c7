"""Properties of the engine on every real and fixture framework: monotonic, deterministic, explained."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from thresholds import assess

from .conftest import fixture_ids, framework_ids, load_any

FRAMEWORKS = {fid: load_any(fid) for fid in sorted(set(framework_ids()) | set(fixture_ids()))}


@st.composite
def framework_and_ticks(draw):
    fw = FRAMEWORKS[draw(st.sampled_from(sorted(FRAMEWORKS)))]
    ids = [i.id for i in fw.indicators]
    smaller = draw(st.sets(st.sampled_from(ids), max_size=12))
    extra = draw(st.sets(st.sampled_from(ids), max_size=12))
    return fw, smaller, smaller | extra


@settings(max_examples=300, deadline=None)
@given(framework_and_ticks())
def test_ticking_more_never_lowers_the_rank(case):
    fw, smaller, larger = case
    small, large = assess(fw, smaller), assess(fw, larger)
    assert large.rank >= small.rank
    assert large.act_now or not small.act_now


@settings(max_examples=200, deadline=None)
@given(framework_and_ticks(), st.randoms(use_true_random=False))
def test_results_are_deterministic_whatever_the_order(case, rnd: random.Random):
    fw, _, ticked = case
    shuffled = list(ticked)
    rnd.shuffle(shuffled)
    assert assess(fw, ticked) == assess(fw, shuffled) == assess(fw, sorted(ticked))


@settings(max_examples=300, deadline=None)
@given(framework_and_ticks())
def test_every_result_names_the_indicators_that_drove_it(case):
    fw, _, ticked = case
    result = assess(fw, ticked)
    for reason in result.reasons:
        assert reason.indicators, reason
        assert set(reason.indicators) <= set(ticked)
    if result.rank > min(lv.rank for lv in fw.levels):
        deciding = [r for r in result.reasons if r.rank == result.rank]
        assert deciding and all(r.level == result.level for r in deciding)
    if result.act_now:
        assert result.contacts, "an act-now result must say who to call"
