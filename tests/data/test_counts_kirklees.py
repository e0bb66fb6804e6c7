"""Indicator counts for Kirklees, counted by hand in the source text
(../shared/seeds/001_65b803e84db13b17.txt, section 7 "Appendix – Indicators of Need and Risk"),
not in the YAML."""
from .counting import domains_add_up, indicators, per_level, per_level_domain

FRAMEWORK = "kirklees"

# Per (level, domain), in the order of the appendix tables' columns.
EXPECTED_BY_LEVEL_DOMAIN = {
    # Appendix table "LEVEL 1: Needs & Negligible Risk Universal Services"
    ("level-1", "health"): 6,                  # Registered and accesses GP ... / Meeting developmental (physical and mental) milestones
    ("level-1", "education"): 6,               # Regular attendance ... / Has access to appropriate stimulation through books, toys, play
    ("level-1", "emotional-behavioural"): 6,   # Appropriate responses ... / Able to adapt to change
    ("level-1", "identity"): 6,                # Secure sense of self ... / Age appropriate ability to voice opinion ...
    ("level-1", "family-environmental"): 4,    # Accessing universal services ... / Good, ordered and sociable family networks ...
    ("level-1", "parenting-capacity"): 6,      # Good protective factors ... / Parents and carers seek and access support ...
    # Appendix table "LEVEL 2: Evidence of Some Unmet Need(s) & Low Risk Single Agency Targeted Services or EARLY HELP"
    ("level-2", "health"): 10,                 # Not registered with GP ... / Identification of unmet health needs requiring co-ordination
    ("level-2", "education"): 6,               # Poor attendance ... / Low level learning difficulties and disabilities
    ("level-2", "emotional-behavioural"): 6,   # Withdrawn, not in normal company ... / Episodes of missing from home
    ("level-2", "identity"): 10,               # Low self-esteem ... / Parental health and social needs require the support of the child as a carer
    ("level-2", "family-environmental"): 8,    # Isolation and social exclusion ... / Lack of wider family and community support
    ("level-2", "parenting-capacity"): 8,      # Parenting requiring support ... / Parents and carers do not consistently seek ...
                                               # (the garbled run-on "Parental learning difficulties ... affecting parents require support
                                               # for substance dependency" counted as the two indicators it contains)
    # Appendix table "LEVEL 3: Higher Levels of Unmet Needs & Medium Risk CIN"
    ("level-3", "health"): 10,                 # Identified health needs ... / Teenage pregnancy
    ("level-3", "education"): 5,               # Persistent absence from education / Poor home and school links
    ("level-3", "emotional-behavioural"): 7,   # Presents as very anxious and withdrawn / Unable to demonstrate empathy
    ("level-3", "identity"): 10,               # Poor sense of belonging within the family / Cannot maintain appropriate sibling ... relationships
    ("level-3", "family-environmental"): 9,    # Poverty / No wider family and community support
    ("level-3", "parenting-capacity"): 10,     # Poor experience of parenting / Learning difficulties affecting parenting
    # Appendix table "LEVEL 4: Significant Unmet Needs & High Risk CP & LAC"
    ("level-4", "health"): 9,                  # Repeated injuries, infections, infestations / Fabricating or Inducing illness
    ("level-4", "education"): 5,               # Significant delay in cognitive ... / High levels of transience ...
    ("level-4", "emotional-behavioural"): 7,   # Persistent high levels of agitation ... / Cognitive distortions ...
    ("level-4", "identity"): 11,               # Lack of secure sense of self ... / Involved in, or at risk of, child sexual exploitation
    ("level-4", "family-environmental"): 8,    # Absence of warmth ... / Forced Marriage, Honour-Based Violence
    ("level-4", "parenting-capacity"): 9,      # Failure to provide adequate basic care / Co-morbidity of issues ...
}

EXPECTED_BY_LEVEL = {
    "level-1": 34,  # Appendix, LEVEL 1 table: 6 + 6 + 6 + 6 + 4 + 6
    "level-2": 48,  # Appendix, LEVEL 2 table: 10 + 6 + 6 + 10 + 8 + 8
    "level-3": 51,  # Appendix, LEVEL 3 table: 10 + 5 + 7 + 10 + 9 + 10
    "level-4": 49,  # Appendix, LEVEL 4 table: 9 + 5 + 7 + 11 + 8 + 9
}


def test_expected_tables_are_consistent():
    assert domains_add_up(EXPECTED_BY_LEVEL, EXPECTED_BY_LEVEL_DOMAIN)


def test_counts_per_level():
    assert dict(per_level(FRAMEWORK)) == EXPECTED_BY_LEVEL


def test_counts_per_level_and_domain():
    assert dict(per_level_domain(FRAMEWORK)) == EXPECTED_BY_LEVEL_DOMAIN


def test_total():
    assert len(indicators(FRAMEWORK)) == 182
