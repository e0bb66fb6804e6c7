"""Indicator counts for norfolk.yaml, counted by hand in the source text
(../shared/seeds/004_d13a28f887039513.txt, Norfolk Guidance to Understanding Continuum of Needs, 2023 Edition).

Norfolk has no level x domain table of indicators. The indicators are (see the comment at the top of "indicators"
in norfolk.yaml): the circumstances the guidance text names as calling for a response at a level (presenting-needs);
the four cohorts in the three bullets of "Consideration of Additional Needs" (the second bullet names two: children
with long lasting and substantial disabilities, and those at risk of sustained neglect); and the 18 criteria in
"Section 47, Children Act 1989: Child Protection enquiries".

The 23 terms of the table "Language we may use to Describe Need" ("Establishing a Shared Language") are NOT indicators:
they are vocabulary for naming a level, not something a practitioner sees in a child's situation. The table is kept
verbatim as a section; test_shared_language_table_is_kept checks that it is all there. With them gone the universal
level has no indicators: it is the suggestion when nothing is ticked."""
import yaml

from .counting import FRAMEWORKS, per_level, per_level_domain

FRAMEWORK = "norfolk"

PER_LEVEL = {
    "early-help": 2,          # "Undertaking an Early Help Assessment & Plan (EHAP)" (1); "Using the Signs of Safety Framework" (1)
    "targeted": 11,           # guidance text (7); "Consideration of Additional Needs" (4)
    "child-protection": 24,   # guidance text (6); "Section 47, Children Act 1989: Child Protection enquiries" (18)
}

PER_LEVEL_DOMAIN = {
    ("early-help", "presenting-needs"): 2,       # "Undertaking an Early Help Assessment & Plan (EHAP)": "when they need extra support to flourish" (1); "Using the Signs of Safety Framework": "a family are not consenting to Early Help assistance" (1)
    ("targeted", "presenting-needs"): 7,         # "Who Should offer Early Help?" (1: EHAP reviewed, needs not met); "Family Help and High Needs": Family Support (1), FAST (1), Youth FAST (1); "Conversation Opportunities" (1: early help not working); "Using the Signs of Safety Framework" (2: universal / Early Help cannot meet needs; Family Support Plan not helping)
    ("targeted", "additional-needs"): 4,         # "Consideration of Additional Needs" bullets: privately fostered; long lasting and substantial disabilities; sustained periods of neglect (same bullet); young carers
    ("child-protection", "presenting-needs"): 6, # "The Children's Advice & Duty Service" (1: at risk of immediate harm); "The Multi-Agency Safeguarding Hub" (1: evidence about significant harm ... immediate safety); FAST (1: children at risk of significant harm); "Conversation Opportunities" (1: incident, injury or disclosure); "Section 47 Duty to Investigate" (2: immediate concerns for a child's safety; concerns immediate and serious)
    ("child-protection", "s47-criteria"): 18,    # "Section 47, Children Act 1989: Child Protection enquiries" bullet list, 18 criteria
}

# "Establishing a Shared Language": the table "Language we may use to Describe Need / Responses to Need / Resources to
# Support Presenting Needs", one row per term as extracted, the response and resources beside the first term of each group.
SHARED_LANGUAGE_TERMS = [
    # first group, beside "Universal: Services provided routinely ..." / "Norfolk Community Directory ..." (10)
    "Universal", "Thriving", "Community based", "Low Level", "Emerging Needs", "Primary Prevention", "Universal Plus",
    "Inclusion", "Getting Advice", "Secondary Prevention",
    # second group, beside "Early Help: Consider starting an Early Help Assessment & Plan ..." / "Early Help" (10)
    "Additional Need", "Early Help", "Getting Help", "Targeted", "Multiple Needs", "Complex", "Child in Need",
    "Getting more Help", "Statutory", "Specialist",
    # third group, beside "Children's Advice & Duty Service: CADS is ..." / "CADS Phone: 0344 800 8021" (3)
    "Acute", "Getting Risk Support", "Child Protection",
]


def _data():
    return yaml.safe_load((FRAMEWORKS / f"{FRAMEWORK}.yaml").read_text(encoding="utf-8"))


def test_counts_per_level():
    assert dict(per_level(FRAMEWORK)) == PER_LEVEL


def test_counts_per_level_and_domain():
    assert dict(per_level_domain(FRAMEWORK)) == PER_LEVEL_DOMAIN


def test_totals_agree():
    assert sum(PER_LEVEL_DOMAIN.values()) == sum(PER_LEVEL.values()) == 37


def test_shared_language_terms_are_not_indicators():
    data = _data()
    assert "shared-language" not in {d["id"] for d in data["domains"]}
    assert not {i["text"] for i in data["indicators"]} & set(SHARED_LANGUAGE_TERMS)


def test_shared_language_table_is_kept():
    section = next(s for s in _data()["sections"] if s["id"] == "establishing-a-shared-language")
    assert section["title"] == "Establishing a Shared Language"
    assert section.get("page") in ("overview", "guidance")
    table = next(b["table"] for b in section["body"] if isinstance(b, dict) and "table" in b)
    assert table["columns"] == ["Language we may use to Describe Need", "Responses to Need",
                                "Resources to Support Presenting Needs"]
    assert [row[0] for row in table["rows"]] == SHARED_LANGUAGE_TERMS  # 23 terms
    responses = {row[0]: row[1:] for row in table["rows"] if any(row[1:])}
    assert list(responses) == ["Universal", "Additional Need", "Acute"]
    assert responses["Universal"][0].startswith("Universal: Services provided routinely")
    assert responses["Additional Need"] == [
        "Early Help: Consider starting an Early Help Assessment & Plan or making a request for a consultation with an "
        "Early Help Advisor. Requests for Early Help advice can be completed by families or professionals on behalf of a "
        "family with consent. Families can also access this pathway if they go to a family hub site or ask a "
        "professional in the community for more support.",
        "Early Help",
    ]
    assert responses["Acute"][1] == "CADS Phone: 0344 800 8021"
