"""Indicator counts for kent-and-medway, counted by hand in the source text
(../shared/seeds/003_e519ff4492d9dfa0.txt, Kent and Medway Inter-Agency Threshold Criteria for
Children in Need, Appendix 1 Threshold Matrix), not in the YAML."""
from .counting import domains_add_up, per_level, per_level_domain

FRAMEWORK = "kent-and-medway"

# Indicators per level (tier).
EXPECTED_PER_LEVEL = {
    # Appendix 1, "Tier 1 – Universal Needs" matrix: 3 + 6 + 22
    "tier-1": 31,
    # Appendix 1, "Tier 2 – Low to Vulnerable" matrix: 15 + 19 + 27
    "tier-2": 61,
    # Appendix 1, Tier 3 page: did not survive extraction, so 0 indicators in the source text.
    "tier-3": 0,
    # Appendix 1, "Tier 4 – Complex or Acute: Threshold for Child Protection" matrix: 18 + 9 + 16
    "tier-4": 43,
}

# Indicators per (level, domain). Domains: parenting = Parents or Carers Capacity,
# family = Family and Environmental factors, development = Child or Young Person's Developmental Needs.
EXPECTED_PER_LEVEL_DOMAIN = {
    # Tier 1 matrix, Parents or Carers Capacity: Basic Care, Safety and Protection 1;
    # Emotional Warmth and Stability 1; Guidance Boundaries and Stimulation 1
    ("tier-1", "parenting"): 3,
    # Tier 1 matrix, Family and Environmental factors: Family History and Well-Being 1;
    # Housing, Employment and Finance 2; Social and Community Resources 3
    ("tier-1", "family"): 6,
    # Tier 1 matrix, Child or Young Person's Developmental Needs: Learning/Education 5; Health 3;
    # Social, Emotional, Behavioural, Identity 6; Family and Social Relationships 3; Self-Care and Independence 5
    ("tier-1", "development"): 22,
    # Tier 2 matrix, Parents or Carers Capacity: Basic Care, Safety and Protection 9;
    # Emotional Warmth and Stability 2; Guidance Boundaries and Stimulation 4
    ("tier-2", "parenting"): 15,
    # Tier 2 matrix, Family and Environmental factors: Family and Social Relationships and Family Well-Being 8;
    # Housing, Employment and Finance 5; Social integration and Community Resources 6
    ("tier-2", "family"): 19,
    # Tier 2 matrix, Child or Young Person's Developmental Needs: Learning/Education 10; Health 5;
    # Social, Emotional, Behavioural, Identity 10; Self-Care and Independence 2
    ("tier-2", "development"): 27,
    # Tier 4 matrix, Parents or Carers Capacity: Basic Care, Safety and Protection 12;
    # Emotional Warmth and Stability 3; Guidance Boundaries and Stimulation 3
    ("tier-4", "parenting"): 18,
    # Tier 4 matrix, Family and Environmental factors: Family and Social Relationships and Family Well-Being 8;
    # Housing, Employment and Finance 1
    ("tier-4", "family"): 9,
    # Tier 4 matrix, Child or Young Person's Developmental Needs: Health 6;
    # Social, Emotional, Behavioural, Identity 8; Self-Care and Independence 2
    ("tier-4", "development"): 16,
}


def test_counts_per_level():
    counts = per_level(FRAMEWORK)
    for level, expected in EXPECTED_PER_LEVEL.items():
        assert counts.get(level, 0) == expected, (level, counts.get(level, 0), expected)
    assert sum(counts.values()) == sum(EXPECTED_PER_LEVEL.values()) == 135


def test_counts_per_level_and_domain():
    assert dict(per_level_domain(FRAMEWORK)) == EXPECTED_PER_LEVEL_DOMAIN


def test_per_domain_sums_match_per_level():
    assert domains_add_up(EXPECTED_PER_LEVEL, EXPECTED_PER_LEVEL_DOMAIN)
