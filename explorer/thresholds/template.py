"""The commented starting file that ``thresholds new ID`` writes: valid, buildable, and self-explaining.

It is schema version 2 (levels carry service categories; act now is explicit, on an indicator here; next steps
sit on the levels that have them), so a publisher starts from the shape the compare page and the engine read.
"""

from __future__ import annotations

TEMPLATE = """\
# yaml-language-server: $schema=framework.schema.json
# A new continuum-of-need framework. Replace every example below with your partnership's own words,
# copied exactly from your published guidance. Check it with:  thresholds validate   Preview it with:  thresholds serve
# Lines starting with # are comments: they are not published.
# validate prints errors (the file cannot be published until you fix them) and warnings (worth a look; they never
# stop publishing). A new file gets one warning, "no golden cases", until you add tests/core/golden/{id}.yaml.

schema_version: 2                         # version 2: each level says what it means (categories); keep this line
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

# The levels (or tiers) of need, lowest first, as many as your document has (2 to 6), in its order.
# categories says what each level means, whatever you call it: one or more of universal, early-help,
# targeted-early-help, child-in-need (s.17), child-protection (s.47), looked-after. The compare page lines
# authorities up by these. A level covering two (like Level 4 below) lists both.
# act_now: true on a level means every result at that level says "act now: call today". Set it only where your
# document says so (e.g. a level that is child protection alone). Nothing is "act now" because of its number.
levels:
  - id: level-1
    name: Level 1                         # your own name: Level 1, Tier 1, Universal ...
    title: Universal
    categories: [universal]
    service: Universal services
    definition:                           # paragraphs; a list is written  - list: [first item, second item]
      - Children whose needs are met by universal services.
    response:                             # what practitioners should do at this level
      - Signpost to universal services.
    consent:                              # information sharing and consent at this level
      - Informed and explicit consent is required.
    contacts: [front-door]                # ids from contacts below
  - id: level-2
    name: Level 2
    title: Early help
    categories: [early-help]
    definition:
      - Children with additional needs that a single agency can meet.
    response:
      - Talk to the family about the help they need.
    next_steps:                           # only where your document lists "next steps" for the level
      - Start an Early Help Assessment with the family's consent.
    consent:
      - Informed and explicit consent is required.
    contacts: [front-door]
  - id: level-3
    name: Level 3
    title: Targeted early help
    categories: [targeted-early-help]
    definition:
      - Children with multiple needs that call for a coordinated multi-agency response.
    response:
      - Agree a lead professional and a team around the family.
    next_steps:
      - Hold a team around the family meeting.
    consent:
      - Informed and explicit consent is required.
    contacts: [front-door]
  - id: level-4
    name: Level 4
    title: Children's social care
    categories: [child-in-need, child-protection]
    service: Child in Need (s.17) and Child Protection (s.47), Children Act 1989
    definition:
      - Children with complex needs who need a social work assessment, or who are in need of protection.
    response:
      - Contact the front door to discuss a referral. If a child is in immediate danger, call 999.
    next_steps:
      - Complete the referral form.
    consent:
      - Seek consent unless doing so would place the child at risk of significant harm.
    contacts: [front-door]                # an act-now result shows these numbers: list one with a phone number

# Domains (the columns of your indicator table, or need categories).
domains:
  - id: health
    name: Health
  - id: family-and-environment
    name: Family and environment

# Every indicator, one observation each, exactly as your document words it.
# id: <domain>-<level number>-<number>; never reuse or renumber an id once published.
# concerns: ids from frameworks/concerns/concerns.yaml, so the compare page can find the same concern elsewhere.
# act_now: true on an indicator where your document says that sign alone means protection (call today).
# Also possible: levels: [level-2, level-4] for an indicator your document lists at several levels;
# ages: [pre-birth, 0-4, 5-11, 12-17, 18-25]; band: for a sub-band (Level 3a, 3b) declared under the level's bands.
indicators:
  - id: health-1-01
    level: level-1
    domain: health
    text: Registered with a GP and dentist
    concerns: [physical-health]
  - id: health-2-01
    level: level-2
    domain: health
    text: Missed health appointments
    concerns: [physical-health]
  - id: family-and-environment-3-01
    level: level-3
    domain: family-and-environment
    text: Family relationships under strain
    concerns: [family-relationships]
  - id: health-4-01
    level: level-4
    domain: health
    text: Chronic health problems not being treated
    concerns: [physical-health, neglect]
  - id: family-and-environment-4-01
    level: level-4
    domain: family-and-environment
    text: Injury with no plausible explanation
    concerns: [physical-abuse, significant-harm]
    act_now: true                         # this sign alone means the child may be at risk of significant harm

# How the explorer suggests a level. The result is the highest level any rule reaches.
# count_at_or_above: at least `min` ticked indicators at this level or higher (optionally over `min_domains`);
# any_of: any one of these indicators is enough on its own. Quote your document's words for each rule.
# act_now: true on a rule where your document says that combination means protection.
rules:
  - id: single-need
    level: level-2
    when: {{count_at_or_above: level-2, min: 1}}
    explanation: A single unmet need calls for early help from a single agency.
    # quote: "The sentence of your document this rule comes from."
  - id: multiple-needs
    level: level-3
    when: {{count_at_or_above: level-3, min: 1}}
    explanation: A level 3 need calls for a coordinated multi-agency response (targeted early help).
  - id: complex-needs-or-protection
    level: level-4
    when: {{count_at_or_above: level-4, min: 1}}
    explanation: Complex needs, or a need for protection, call for a referral to children's social care.

# Routes for resolving professional disagreement, as ordered steps (optional).
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
      - number: "01234 567890"            # in quotes, so it stays text
      - label: Out of hours
        number: "01234 567891"
    emails: [front.door@example.org]

glossary:
  - term: CIN
    definition: Child in Need
    abbreviation: true

# Where your document cannot meet one of the safety rules `thresholds validate` checks (for example it gives no
# telephone number for a referral), record why, in the document's terms; the error then becomes a warning:
# exceptions:
#   - rule: act-now-contact
#     reason: "The source gives no telephone number for making a referral."
"""


def render(framework_id: str, authority: str, edition: str, today: str) -> str:
    """The template for a new framework file."""
    return TEMPLATE.format(id=framework_id, authority=authority, edition=edition, today=today)
