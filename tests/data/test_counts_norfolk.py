"""Indicator counts for norfolk.yaml, counted by hand in the source text
(/work/shared/seeds/004_d13a28f887039513.txt, Norfolk Guidance to Understanding Continuum of Needs, 2023 Edition).

Norfolk has no level x domain table of indicators. The indicators are (see the comment at the top of "indicators"
in norfolk.yaml): the 23 terms of the table "Language we may use to Describe Need" (Establishing a Shared Language),
split by the "Responses to Need" cell they sit beside, with the middle (Early Help) group split between early help and
targeted; the circumstances the guidance text names as calling for a response at a level (presenting-needs); the three
cohorts in "Consideration of Additional Needs"; and the 18 criteria in "Section 47, Children Act 1989: Child Protection
enquiries"."""
import collections
import pathlib

import yaml

FILE = pathlib.Path(__file__).resolve().parents[2] / "frameworks" / "norfolk.yaml"

PER_LEVEL = {
    "universal": 10,          # "Language we may use to Describe Need" table: Universal ... Secondary Prevention (beside the Universal / Self-Help response)
    "early-help": 5,          # language table: Additional Need, Early Help, Getting Help (3); EHAP section (1); Signs of Safety section (1)
    "targeted": 17,           # language table: Targeted ... Specialist (7); guidance text (7); Consideration of Additional Needs (3)
    "child-protection": 27,   # language table: Acute, Getting Risk Support, Child Protection (3); guidance text (6); S47 criteria (18)
}

PER_LEVEL_DOMAIN = {
    ("universal", "shared-language"): 10,        # language table, first group (Universal, Thriving, Community based, Low Level, Emerging Needs, Primary Prevention, Universal Plus, Inclusion, Getting Advice, Secondary Prevention)
    ("early-help", "shared-language"): 3,        # language table, second group, first three terms (Additional Need, Early Help, Getting Help)
    ("early-help", "presenting-needs"): 2,       # "Undertaking an Early Help Assessment & Plan (EHAP)": "when they need extra support to flourish" (1); "Using the Signs of Safety Framework": "a family are not consenting to Early Help assistance" (1)
    ("targeted", "shared-language"): 7,          # language table, second group, remaining terms (Targeted, Multiple Needs, Complex, Child in Need, Getting more Help, Statutory, Specialist)
    ("targeted", "presenting-needs"): 7,         # "Who Should offer Early Help?" (1: EHAP reviewed, needs not met); "Family Help and High Needs": Family Support (1), FAST (1), Youth FAST (1); "Conversation Opportunities" (1: early help not working); "Using the Signs of Safety Framework" (2: universal / Early Help cannot meet needs; Family Support Plan not helping)
    ("targeted", "additional-needs"): 3,         # "Consideration of Additional Needs" bullets: privately fostered, long lasting and substantial disabilities, young carers
    ("child-protection", "shared-language"): 3,  # language table, third group (Acute, Getting Risk Support, Child Protection)
    ("child-protection", "presenting-needs"): 6, # "The Children's Advice & Duty Service" (1: at risk of immediate harm); "The Multi-Agency Safeguarding Hub" (1: evidence about significant harm ... immediate safety); FAST (1: children at risk of significant harm); "Conversation Opportunities" (1: incident, injury or disclosure); "Section 47 Duty to Investigate" (2: immediate concerns for a child's safety; concerns immediate and serious)
    ("child-protection", "s47-criteria"): 18,    # "Section 47, Children Act 1989: Child Protection enquiries" bullet list, 18 criteria
}


def _indicators():
    data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    return data["indicators"]


def test_counts_per_level():
    got = collections.Counter(i["level"] for i in _indicators())
    assert dict(got) == PER_LEVEL


def test_counts_per_level_and_domain():
    got = collections.Counter((i["level"], i["domain"]) for i in _indicators())
    assert dict(got) == PER_LEVEL_DOMAIN


def test_totals_agree():
    assert sum(PER_LEVEL_DOMAIN.values()) == sum(PER_LEVEL.values()) == 59
