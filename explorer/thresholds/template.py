"""The commented starting file that ``thresholds new ID`` writes: valid, buildable, and self-explaining."""

from __future__ import annotations

TEMPLATE = """\
# yaml-language-server: $schema=framework.schema.json
# A new continuum-of-need framework. Replace every example below with your partnership's own words,
# copied exactly from your published guidance. Check it with:  thresholds validate   Preview it with:  thresholds serve
# Lines starting with # are comments: they are not published.

schema_version: 1
id: {id}                                  # must match the file name ({id}.yaml); never change it once published
authority: {authority}                    # as practitioners say it
partnership: {authority} Safeguarding Children Partnership
title: Continuum of Need and Response Framework
edition: "{edition}"                      # as your document says it, e.g. "August 2016" or "2023 edition"
# published: 2025-01                      # optional: YYYY-MM or YYYY-MM-DD
# review_date: 2026-01-31                 # optional: a date in the past puts a "review overdue" notice on every page
source:
  document: The title of your published document
  # section: the section, where the framework is part of a larger document
  # url: https://www.example.org/threshold-guidance.pdf

changelog:                                # newest first: what changed, when, approved by whom
  - date: "{today}"
    edition: "{edition}"
    summary: First published on this site.
    # approved_by: The partnership's executive group

# The levels (or tiers) of need, lowest first. rank: 1 universal, 2 early help, 3 child in need, 4 child protection.
levels:
  - id: level-1
    rank: 1
    name: Level 1                         # your own name: Level 1, Tier 1, Universal ...
    title: Universal
    service: Universal services
    definition:                           # paragraphs; a list is written  - list: [first item, second item]
      - Children whose needs are met by universal services.
    response:                             # what practitioners should do at this level
      - Signpost to universal services.
    consent:                              # information sharing and consent at this level
      - Informed and explicit consent is required.
    contacts: [front-door]                # ids from contacts below
  - id: level-2
    rank: 2
    name: Level 2
    title: Early help
    definition:
      - Children with additional needs that a single agency or early help can meet.
    response:
      - Discuss an Early Help Assessment with the family.
    consent:
      - Informed and explicit consent is required.
    contacts: [front-door]
  - id: level-3
    rank: 3
    name: Level 3
    title: Child in need
    service: Child in Need (CIN) - s.17 Children Act 1989
    definition:
      - Children with complex needs who need a coordinated multi-agency response led by a social worker.
    response:
      - Contact the front door to discuss a referral.
    consent:
      - Seek consent unless doing so would place the child at risk of significant harm.
    contacts: [front-door]
  - id: level-4
    rank: 4
    name: Level 4
    title: Child protection
    service: Child Protection - s.47 Children Act 1989
    definition:
      - Children who are suffering, or are likely to suffer, significant harm.
    response:
      - Call the front door now. If a child is in immediate danger, call 999.
    consent:
      - Share information without consent where seeking it would place the child at risk.
    contacts: [front-door]

# Domains (the columns of your indicator table, or need categories).
domains:
  - id: health
    name: Health
  - id: family-and-environment
    name: Family and environment

# Every indicator, one observation each, exactly as your document words it.
# id: <domain>-<rank>-<number>; never reuse or renumber an id once published.
indicators:
  - id: health-1-01
    level: level-1
    domain: health
    text: Registered with a GP and dentist
  - id: health-2-01
    level: level-2
    domain: health
    text: Missed health appointments
  - id: health-3-01
    level: level-3
    domain: health
    text: Chronic health problems not being treated
  - id: family-and-environment-4-01
    level: level-4
    domain: family-and-environment
    text: Injury with no plausible explanation
    tags: [non-accidental-injury]

# How the explorer suggests a level. The result is the highest level any rule reaches.
# count_at_or_above: at least `min` ticked indicators at this level or higher (optionally over `min_domains`);
# any_of: any one of these indicators is enough on its own. Quote your document's words for each rule.
rules:
  - id: single-need
    level: level-2
    when: {{count_at_or_above: level-2, min: 1}}
    explanation: A single unmet need calls for signposting or single-agency support.
  - id: cluster-of-level-3-needs
    level: level-3
    when: {{count_at_or_above: level-3, min: 2}}
    explanation: A cluster of level 3 needs calls for a Child in Need assessment.
  - id: any-level-4-indicator
    level: level-4
    when: {{count_at_or_above: level-4, min: 1}}
    act_now: true
    explanation: Any level 4 indicator means a child may be at risk of significant harm. Act now.

# Routes for resolving professional disagreement, as ordered steps.
escalation:
  - id: resolving-disagreement
    title: Resolving professional disagreement
    steps:
      - title: Stage 1
        who: The practitioners involved
        what: [Discuss the disagreement directly.]
        when: Within 2 working days
        next: Escalate to your line manager.
      - title: Stage 2
        who: Line managers
        what: [Managers discuss and agree a way forward.]

contacts:
  - id: front-door
    name: Children's Services Front Door
    description: Advice and referrals for professionals.
    phones:
      - number: "01234 567890"
      - label: Out of hours
        number: "01234 567891"
    emails: [front.door@example.org]

glossary:
  - term: CIN
    definition: Child in Need
    abbreviation: true
"""


def render(framework_id: str, authority: str, edition: str, today: str) -> str:
    """The template for a new framework file."""
    return TEMPLATE.format(id=framework_id, authority=authority, edition=edition, today=today)
