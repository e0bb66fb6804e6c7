"""Presenting an assessment once: panel, sticky summary, live line, act-now card, record, plain text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from thresholds import present
from thresholds.assess import assess
from thresholds.model import Phone

from .conftest import load

DAY = dt.date(2026, 3, 7)


def shown(fw, ids):
    return present.present(fw, assess(fw, ids), DAY)


def test_short_line_names_the_level_and_count(tiny):
    p = shown(tiny, ["health-3-01", "home-3-01"])
    assert p.line == "Suggested: Level 3, Child in need. 2 indicators ticked."


def test_short_line_for_act_now_gives_the_number(tiny):
    p = shown(tiny, ["home-4-01"])
    assert p.line.startswith("Act now: Level 4") and "01234 567890" in p.line


def test_short_line_is_bounded_whatever_the_names(tiny):
    long = replace(tiny, levels=tuple(replace(lv, name="N" * 500, title="T" * 500) for lv in tiny.levels))
    for ids in ([], ["health-2-01"], ["home-4-01"]):
        assert len(shown(long, ids).line) <= present.LIVE_LIMIT


@pytest.mark.parametrize("ids", [[], ["health-2-01"], ["health-3-01"], ["home-4-01", "health-3-01"]])
def test_every_real_framework_line_is_short(real, ids):
    picked = [i.id for i in real.indicators[:3]] + [real.indicators[-1].id]
    for chosen in ([], picked[:1], picked):
        assert len(shown(real, chosen).line) <= present.LIVE_LIMIT


def test_why_not_says_what_the_rule_needs(tiny):
    result = assess(tiny, ["health-3-01"])
    assert result.rank == 2
    assert present.why_not(tiny, result) == [
        "1 Level 3 (or higher) need ticked in 1 area; Tinytown suggests Level 3 (Child in need) for 2 or more "
        "across 2 or more areas."
    ]


def test_why_not_is_silent_when_nothing_counts_or_the_rule_fired(tiny):
    assert present.why_not(tiny, assess(tiny, ["health-2-01"])) == []  # no level-3 tick counts towards it
    assert present.why_not(tiny, assess(tiny, ["health-3-01", "home-3-01"])) == []  # the cluster rule fired
    # Two level-3 ticks in one domain: short on domains, not on count.
    two = replace(tiny, indicators=tiny.indicators + (replace(tiny.indicator("health-3-01"), id="health-3-02"),))
    assert present.why_not(two, assess(two, ["health-3-01", "health-3-02"])) == [
        "2 Level 3 (or higher) needs ticked in 1 area; Tinytown suggests Level 3 (Child in need) for 2 or more "
        "across 2 or more areas."
    ]


def test_kirklees_single_level_3_tick_says_why_it_is_level_2():
    fw = load("kirklees")
    one = next(i.id for i in fw.indicators if i.level == "level-3")
    p = shown(fw, [one])
    assert "1 Level 3 (or higher) need ticked; Kirklees suggests Level 3" in p.panel
    assert "for 2 or more" in p.summary and "for 2 or more" in p.line and "Why not higher" in p.text


def test_act_now_summary_and_panel_give_tel_links_and_999(tiny):
    p = shown(tiny, ["home-4-01"])
    assert 'href="tel:01234567890"' in p.summary and 'href="tel:999"' in p.summary
    assert 'data-act-now="true"' in p.summary
    assert 'href="tel:999"' in p.panel and "What to do now" in p.panel
    buttons = re.findall(r'<a class="call-button[^"]*" href="([^"]+)"', p.panel)
    assert buttons == ["tel:01234567890", "tel:01234000000", "tel:999"], "999 once, not again for the contact whose number it is"


def test_act_now_without_a_number_says_so_and_offers_999(tiny):
    bare = replace(tiny, contacts=tuple(replace(c, phones=()) for c in tiny.contacts))
    p = shown(bare, ["home-4-01"])
    notice = "Tinytown's guidance gives no referral number: call 999 if a child is in immediate danger"
    assert notice in p.text and notice.replace("'", "&#x27;") in p.summary
    assert re.findall(r'href="(tel:[^"]+)"', p.summary) == ["tel:999"]
    assert "no number" in p.line and "999" in p.line
    # Negative: a framework that gives numbers gets no such notice.
    assert "gives no referral number" not in shown(tiny, ["home-4-01"]).text


def test_kent_and_medway_act_now_has_999_and_says_it_gives_no_number():
    fw = load("kent-and-medway")
    top = next(i.id for i in fw.indicators if fw.rank_of(i.level) == max(lv.rank for lv in fw.levels))
    p = shown(fw, [top])
    assert assess(fw, [top]).act_now
    assert "Kent and Medway&#x27;s guidance gives no referral number" in p.summary
    assert 'href="tel:999"' in p.summary


def test_the_record_holds_only_the_ticked_indicators_with_edition_and_uk_date(tiny):
    p = shown(tiny, ["health-2-01"])
    assert "Missed health appointments" in p.text
    for other in ("Registered with a GP", "Debt affecting the child", "Injury with no explanation"):
        assert other not in p.text and other not in p.record
    assert "March 2025" in p.text and "7 March 2026" in p.text and "Uncontrolled when printed" in p.text
    assert "7 March 2026" in p.record and "Uncontrolled when printed" in p.record


def test_the_record_names_each_level_once_lowest_first_with_each_indicators_domain_and_id(tiny):
    p = shown(tiny, ["home-3-01", "health-2-01", "health-3-01"])
    ticked = p.text[p.text.index("Ticked indicators (3):"):p.text.index("Who to call:")].splitlines()
    assert ticked[1:6] == [
        "  Level 2 — Early help (1):",
        "  - Missed health appointments (Health; health-2-01)",
        "  Level 3 — Child in need (2):",
        "  - Untreated chronic condition (Health; health-3-01)",
        "  - Domestic abuse <b>reported</b> & repeated (Home & family; home-3-01)",
    ]
    # Print HTML: one heading a level, its indicators under it, and no level named again on a line.
    assert re.findall(r"<h4>([^<]+)</h4>", p.record) == ["Level 2 — Early help (1)", "Level 3 — Child in need (2)"]
    assert "Level 3, " not in p.record and "Level 2, " not in p.record
    assert shown(tiny, []).text.count("- None.") == 1


def test_record_escapes_framework_text(tiny):
    p = shown(tiny, ["home-3-01"])
    assert "&lt;b&gt;reported&lt;/b&gt;" in p.record and "<b>" not in p.record
    assert "Domestic abuse <b>reported</b> & repeated" in p.text  # plain text is not HTML


def test_ticked_list_has_a_remove_button_per_tick(tiny):
    p = shown(tiny, ["health-2-01", "home-2-01"])
    assert re.findall(r'data-untick="([^"]+)"', p.panel) == ["health-2-01", "home-2-01"]
    assert 'data-untick' not in shown(tiny, []).panel


def test_act_now_card_lists_the_act_now_levels_numbers(tiny):
    card = present.act_now_card(tiny, card_id="act-now")
    assert 'id="act-now"' in card and 'href="tel:01234567890"' in card and 'href="tel:999"' in card


def test_the_danger_card_offers_the_number_of_every_level_an_act_now_result_comes_from(tiny):
    # An act-now indicator at level 3 makes level 3 a source of act-now results, so "Yes, a child is in
    # danger" must offer level 3's number too, as the overview page's act-now box does.
    duty = replace(tiny.contact("front-door"), id="duty-team", name="Duty team", phones=(Phone("01234 333333"),))
    urgent = replace(tiny.indicator("home-3-01"), act_now=True)
    fw = replace(tiny, contacts=tiny.contacts + (duty,),
                 levels=tuple(replace(lv, contacts=("duty-team",)) if lv.id == "level-3" else lv for lv in tiny.levels),
                 indicators=tuple(urgent if i.id == urgent.id else i for i in tiny.indicators))
    assert [c.id for c in present.act_now_contacts(fw)] == ["duty-team", "front-door", "police"]
    assert 'href="tel:01234333333"' in present.act_now_card(fw)
    assert 'href="tel:01234333333"' not in present.act_now_card(tiny)


def test_uk_date():
    assert present.uk_date(dt.date(2026, 1, 9)) == "9 January 2026"
