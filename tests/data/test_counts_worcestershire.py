"""Indicator counts for worcestershire.yaml, counted by hand in the source text
(../shared/seeds/002_64edb3115718e1e5.txt), section 6, table "Examples to illustrate the threshold for
accessing Children's Social Care services at Tier 3 and Tier 4" (columns "Tier 3: Complex needs" and
"Tier 4: Critical and Acute needs"). The source gives no Tier 1 or Tier 2 examples."""
from .counting import per_level, per_level_domain

FRAMEWORK = "worcestershire"

PER_LEVEL = {
    "tier-3": 41,  # section 6 table, "Tier 3: Complex needs" column, all rows
    "tier-4": 43,  # section 6 table, "Tier 4: Critical and Acute needs" column, all rows
}

PER_LEVEL_DOMAIN = {
    ("tier-3", "domestic-abuse"): 7,       # section 6 table, Domestic Abuse row, Tier 3 cell
    ("tier-4", "domestic-abuse"): 6,       # section 6 table, Domestic Abuse row, Tier 4 cell
    ("tier-3", "neglect"): 5,              # section 6 table, Neglect row, Tier 3 cell (2) + unlabelled continuation row after the page break (3)
    ("tier-4", "neglect"): 5,              # section 6 table, Neglect row, Tier 4 cell (4, the last split over the page break) + continuation row (1)
    ("tier-3", "emotional"): 5,            # section 6 table, Emotional Abuse/ emotional and behavioural development row, Tier 3 cell
    ("tier-4", "emotional"): 5,            # section 6 table, Emotional Abuse/ emotional and behavioural development row, Tier 4 cell
    ("tier-3", "drugs-alcohol"): 4,        # section 6 table, Drugs/alcohol use row, Tier 3 cell
    ("tier-4", "drugs-alcohol"): 3,        # section 6 table, Drugs/alcohol use row, Tier 4 cell
    ("tier-3", "mental-health"): 2,        # section 6 table, Mental Health issues row, Tier 3 cell
    ("tier-4", "mental-health"): 5,        # section 6 table, Mental Health issues row, Tier 4 cell
    ("tier-3", "sexual-abuse"): 4,         # section 6 table, Sexual Abuse row, Tier 3 cell
    ("tier-4", "sexual-abuse"): 6,         # section 6 table, Sexual Abuse row, Tier 4 cell
    ("tier-3", "physical-abuse"): 5,       # section 6 table, Physical Abuse row, Tier 3 cell
    ("tier-4", "physical-abuse"): 6,       # section 6 table, Physical Abuse row, Tier 4 cell
    ("tier-3", "housing"): 2,              # section 6 table, Housing row, Tier 3 cell
    ("tier-4", "housing"): 1,              # section 6 table, Housing row, Tier 4 cell
    ("tier-3", "disability"): 6,           # section 6 table, Disability row, Tier 3 cell (split at each capital letter)
    ("tier-4", "disability"): 3,           # section 6 table, Disability row, Tier 4 cell
    ("tier-3", "other-safeguarding"): 1,   # section 6 table, Other areas of safeguarding row, Tier 3 cell
    ("tier-4", "other-safeguarding"): 3,   # section 6 table, Other areas of safeguarding row, Tier 4 cell
}


def test_counts_per_level():
    assert dict(per_level(FRAMEWORK)) == PER_LEVEL


def test_counts_per_level_and_domain():
    assert dict(per_level_domain(FRAMEWORK)) == PER_LEVEL_DOMAIN


def test_totals_agree():
    assert sum(PER_LEVEL_DOMAIN.values()) == sum(PER_LEVEL.values()) == 84
