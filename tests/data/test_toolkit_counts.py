"""Counts for frameworks/toolkit/nspcc.yaml, counted by hand in the source text
(../shared/seeds/003_e519ff4492d9dfa0.txt, the NSPCC safeguarding toolkit: everything before
"Example of threshold document", and everything after the Kent and Medway document's glossary, from
"Example of written agreement with a child" to the end; the Kent and Medway part between is
frameworks/kent-and-medway.yaml).

Each count names the section of the source it was counted in. The last test checks that nothing of the source
section is lost: every line and table cell of it is in the YAML, word for word, apart from a short list of
known differences (typos fixed, cells the YAML keeps in separate fields), each with its reason.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from thresholds import toolkit

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "frameworks" / "toolkit" / "nspcc.yaml"
# The seeds sit beside the repository (../shared/seeds), as on the developers' machines and in CI.
SOURCE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "003_e519ff4492d9dfa0.txt"
SOURCE_END = "Example of threshold document"
TAIL_START = "Example of written agreement with a child"  # after the Kent and Medway glossary (line 1005 of the seed)

# "Levels of responsibility – User Groups": Level 1, Level 2, Level 3, Level 4.
LEVELS = ["level-1", "level-2", "level-3", "level-4"]

# "Core Competency Framework" table (Competencies × Level of responsibility), bullets per column.
COMPETENCIES = {
    "level-1": 6,   # Level 1 column: 6 bullets ("Demonstrates a basic knowledge of child" / "development" is one, split by a page break)
    "level-2": 7,   # Level 2 (+ Level 1) column: 7 bullets
    "level-3": 9,   # Level 3 (+ Levels 1/2) column: 9 bullets
    "level-4": 12,  # Level 4 (+ Levels 1/2/3) column: 13 bullets, the first empty ("• •"): 12 competencies
}
# "The competencies are designed to build upon each other": Level 3 (+ Levels 1/2) and so on.
CUMULATIVE = {"level-1": 6, "level-2": 13, "level-3": 22, "level-4": 34}

# "Content of training programmes at Level 1, 2, 3 & 4": 30 content elements (table rows).
CONTENT_ELEMENTS = 30
CONTENT_PER_LEVEL = {
    "level-1": 10,  # the first 10 rows ("Definitions of abuse." … "How discrimination can impact …") tick all four levels
    "level-2": 20,  # + "Listening to children …" and the 9 rows "Impact of issues …" … "Definition of complex … abuse."
    "level-3": 27,  # + "Role of the named/designated officer" (named/designated officer only) and 6 rows "Developing, implementing …" … "Managing allegations …"
    "level-4": 29,  # Level 2's 20 + the 6 rows from "Developing, implementing …" + "Offering constructive challenge", "Legal context … trustees", "Role of senior/board level lead"
}
CONTENT_NOTES = {  # the ticks with a note in brackets
    ("tc-12", "level-3"): "named/ designated officer only",
    ("tc-29", "level-4"): "trustees only",
    ("tc-30", "level-4"): "senior lead only",
}

# "Part 3: Is your child protection training plan for your staff group working well?"
SIGNS_WORKING = 8   # "Positive indicators of a workforce that is competent …": 8 bullets
WARNING_SIGNS = 8   # "Warning signs that competence in child protection may be an issue …": 8 bullets

# "Information sharing procedural guidelines": points 1-9.
SHARING_STEPS = 9
SHARING_STEP_ITEMS = {1: 4,   # point 1 "This may be because:": 4 bullets
                      5: 6}   # point 5 "the following parameters of good practice": 6 bullets

# "Analysing the learning needs of your staff": headings 1-9.
LNA_STEPS = 9
LNA_LISTS = {3: [4],     # "3. Methods used in the analysis": 4 methods (a 5th bullet is misplaced text, below)
             5: [2],     # "5. Practical considerations": 2 bullets
             6: [3]}     # "6. How the learning needs will be met": 3 dated plan items
LNA_QUOTE_PARAGRAPHS = {2: 1, 4: 5}  # the example purpose (step 2) and the example findings, 5 paragraphs (step 4)
MISPLACED = 3  # step 3: the 5th bullet and "Make notes of your discussions …"; step 7: "Notes made during the investigation …"

# "Example of information that could be given to staff and volunteers about identifying children who may be in need of early help"
EARLY_HELP_STAGES = 3       # "Working Together 2013 pinpoints three stages": 3 bullets
EARLY_HELP_INDICATORS = 16  # "These needs … might be associated with:": 15 bullets, one of them two run together ("substance misuse anxiety or depression")
EARLY_HELP_STEPS = 4        # "What should I do …?": points 1-4
EARLY_HELP_QUESTIONS = 8    # point 3 "The discussion at this point should cover the following points:": 8 bullets

# "Example of a local learning and improvement framework" (Lancashire Safeguarding Children Board)
LI_PRINCIPLES = 8       # "Background": the principles "applied by LSCBs … to all reviews": 8 bullets
LI_OBJECTIVES = 6       # "Objectives": 6 bullets
LI_METHODS = 10         # "Methods of Learning" table: 10 rows (Serious Case Reviews … Focused Studies / Research)
LI_EVALUATION = {       # "Evaluation methods" column, lines per row
    "Serious Case Reviews, newsletters and subsequent briefings": 1,
    "Multi-agency learning reviews": 2,
    "Child Death Reviews (CDOP) CDOP e-learning CDOP briefings": 1,
    "Best Practice Panels": 1,
    "Quality Assurance & Performance Management activities (audits, surveys, data analysis, performance indicators)": 1,
    "Audits of single-agency training": 1,
    "LSCB conferences, seminars, courses and briefings": 1,
    "Guidance and Policy": 1,
    "Guidance and Policy briefings": 1,
    "Focused Studies / Research": 3,
}
LI_TRAINING_PRODUCTS = 5  # "The LSCB Learning & Development Unit": "short 2 hour sessions, 1 day courses, multi-day in depth courses, large practitioner conferences and eLearning"
LI_EXPECTATIONS = 9       # "Expectations of Single agencies": 9 bullets
LI_RECOMMENDATIONS = {"LSCB Agencies": 4, "LSCB": 6}  # "Recommendations": 4 + 6 bullets
FIGURES_MISSING = 3       # the 'windscreen' diagram (early help), the stakeholder map, the learning cycle diagram (learning and improvement)

# "Example of business plan with capacity for multi-agency work taken into account"
BP_AIMS = 8               # "We will seek to achieve this by:": 8 bullets
BP_OUTCOMES = 8           # Outcome / Measure / Activity / Indicators/Targets table: 8 rows (one repeated across a page break)
BP_MEASURES = [3, 4, 2, 2, 4, 1, 2, 4]
BP_ACTIVITIES = [4, 2, 2, 2, 3, 2, 4, 3]  # the numbered activities in each row
BP_TARGETS = [4, 2, 2, 2, 2, 2, 5, 4]
BP_STAFFING = 9           # "Staffing": 9 posts

# Templates: every field.
TEMPLATE_FIELDS = {
    # "Analysing the learning needs of your staff": one field per heading 1-9
    "learning-needs-analysis": 9,
    # "Early Help Intervention Record": child/young person's details 5 (name, date of birth, address, phone, email),
    # parent/carer 3 (name, address, phone), agency 5 (lead worker, agency, address, phone, email), start date and meeting
    # date 2, "1. New or emerging information …" 1 (relevant information or actions), outcomes plan 5 issues × 3 columns
    # = 15, name of worker, date, agreed date for review meeting 3: 34
    "early-help-intervention-record": 34,
    # "Example of information sheet about local services": 36 topics × 4 columns (name/address/website, contact details,
    # self-referrals accepted?, other information)
    "local-services-information-sheet": 144,
    # "Example of staff training record sheet": 7 rows (name … annual appraisal dates) + "Mandatory training | Date"
    # + "Post/role specific training | Date" (2 columns each, counted once per table)
    "staff-training-record": 11,
    # "Example of written agreement with a family" (seed lines 1065-1141): one field per heading of the example —
    # family 1, organisation and workers 3 (organisation, "Workers:", their numbers), work 1, reason 1, timescale 2
    # (from, to), aims 1, objectives 1, methods 1, reporting 1, information sharing 1 = 13 — and a "Signed" table
    # (name, date: 2), which the example lacks: 15
    "written-agreement-family": 15,
    # "Example of written agreement with a child" (seed lines 1005-1063): the two names, when and where, how many
    # times, what he can choose, the things to talk about, who brings him, talking to his Mum, not wanting to talk or
    # not feeling ok, if Sally is worried = 10, and "Signed:" (name, date: 2): 12
    "written-agreement-child": 12,
}
# The worked examples, word for word (seed lines 1005-1141).
CHILD_TALK_TOPICS = 6       # "They will do some talking about things like:": Home … And what he's scared or worried about
CHILD_SIGNATORIES = ["Simeon Hanna", "Sally Hunt"]  # "Signed:" each with "Date"
FAMILY_HEADINGS = 10        # Names and contact details of family … Information sharing and confidentiality
FAMILY_LISTS = {"Aims": 2, "Objectives – what we hope to achieve in the work": 5, "Methods": 4}  # "- " bullets

# "Examples of evaluation tools and impact measurement systems" (seed lines 1143-1161): two tools, each with
# its address on the line after its name, then 3 and 2 paragraphs.
EVALUATION_TOOLS = {"Outcomes stars": ("http://www.outcomesstar.org.uk/family-star/", 3),
                    "Strengths and Difficulties Questionnaire": ("http://www.sdqinfo.org/", 2)}

# "List of sources of useful training" (seed lines 1163-1217): three headings; under the second, five areas of work.
TRAINING_GROUPS = ["NSPCC training", "Safeguarding training for specific areas of work",
                   "Multi-agency and locally based training"]  # the last: one paragraph about the LSCB's multi-agency training
TRAINING_AREAS = ["Faith organisations", "Sports", "Arts", "Youth", "Online safety training"]
TRAINING_PROVIDERS = ["nspcc", "ccpas", "cpsu", "artswork", "ncvys", "swgfl"]  # NSPCC, CCPAS, CPSU, Artswork, NCVYS, SWGfL
CCPAS_COURSES = 6           # "For details of specific courses use the links below": 6 bullets
PHONES = {"nspcc": ["0808 800 5000"], "ccpas": ["0845 120 45 50"], "swgfl": ["0845 601 3203"]}  # "Call …", "Tel: …", "(tel: …)"
EMAILS = {"nspcc": ["help@nspcc.org.uk"], "ccpas": ["info@ccpas.co.uk"]}
URLS = 6                    # one web address per provider: the NSPCC calendar, CCPAS, CPSU contact, Artswork, NCVYS, SWGfL
LOCAL_SERVICE_TOPICS = 36  # "Topic" column: Advocacy … Young carers
OUTCOME_ISSUES = ["Self esteem and confidence", "Involvement in crime / ASB", "Cannabis Use", "Risky behaviours", "Other"]


@pytest.fixture(scope="module")
def tk() -> toolkit.Toolkit:
    return toolkit.load_file(FILE)


def test_the_file_names_its_schema():
    assert FILE.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=toolkit.schema.json\n")


def test_levels(tk):
    assert [lv["id"] for lv in tk.levels] == LEVELS
    assert [lv["grid_heading"] for lv in tk.levels] == ["Level 1", "Level 2 (+ Level 1)", "Level 3 (+ Levels 1/2)",
                                                        "Level 4 (+ Levels 1/2/3)"]


def test_competencies_are_stored_once_at_the_level_that_introduces_them(tk):
    assert {lv["id"]: len(lv["competencies"]) for lv in tk.levels} == COMPETENCIES
    texts = [c["text"] for _, c in tk.competencies()]
    assert len(texts) == len(set(texts)) == sum(COMPETENCIES.values())
    assert "did not survive" in tk.level("level-4")["competencies_note"]  # the empty first bullet


def test_cumulative_competencies(tk):
    assert {lid: len(tk.cumulative(lid)) for lid in LEVELS} == CUMULATIVE
    level3 = [lv["id"] for lv, _ in tk.cumulative("level-3")]
    assert level3 == ["level-1"] * 6 + ["level-2"] * 7 + ["level-3"] * 9  # lower levels first


def test_training_content_matrix(tk):
    elements = tk["training_content"]["elements"]
    assert len(elements) == CONTENT_ELEMENTS
    assert {lid: len(tk.content_for(lid)) for lid in LEVELS} == CONTENT_PER_LEVEL
    assert sum(len(e["levels"]) for e in elements) == sum(CONTENT_PER_LEVEL.values())  # 86 ticks
    notes = {(e["id"], lid): note for e in elements for lid, note in (e.get("notes") or {}).items()}
    assert notes == CONTENT_NOTES


def test_training_plan_check(tk):
    pc = tk["training_plan_check"]
    assert len(pc["working"]["items"]) == SIGNS_WORKING
    assert len(pc["warning"]["items"]) == WARNING_SIGNS


def test_information_sharing_procedure(tk):
    steps = tk["information_sharing"]["steps"]
    assert [s["number"] for s in steps] == list(range(1, SHARING_STEPS + 1))
    assert {s["number"]: len(s["items"]) for s in steps if s.get("items")} == SHARING_STEP_ITEMS


def test_consent_decision_quotes_every_outcome(tk):
    decision = tk["information_sharing"]["consent_decision"]
    ids = [b["id"] for b in decision["branches"]]
    assert ids == ["seek-consent", "share-without-consent"]
    outcomes = [o["id"] for o in decision["branches"][1]["outcomes"]]
    assert outcomes == ["do-not-share", "share"]
    # Record either way: before sharing (step 2), consent (steps 4, 5), not sharing (8), sharing without consent (9).
    steps = {q["step"] for q in decision["always_record"]}
    steps |= {q["step"] for b in decision["branches"] for q in b.get("record") or []}
    steps |= {q["step"] for o in decision["branches"][1]["outcomes"] for q in o["record"]}
    assert steps == {2, 4, 5, 8, 9}


def test_learning_needs_analysis(tk):
    steps = tk["learning_needs_analysis"]["steps"]
    assert [s["number"] for s in steps] == list(range(1, LNA_STEPS + 1))
    lists = {s["number"]: [len(b["list"]) for b in s["body"] if isinstance(b, dict) and "list" in b] for s in steps}
    assert {n: v for n, v in lists.items() if v} == LNA_LISTS
    quotes = {s["number"]: sum(1 for b in s["body"] if isinstance(b, dict) and "quote" in b) for s in steps}
    assert {n: v for n, v in quotes.items() if v} == LNA_QUOTE_PARAGRAPHS
    misplaced = sum(1 for s in steps for b in s["body"] if isinstance(b, dict) and "misplaced" in b)
    assert misplaced == MISPLACED


def test_early_help(tk):
    eh = tk["early_help"]
    stages = [b["list"] for b in eh["meaning"]["body"] if isinstance(b, dict) and "list" in b]
    assert [len(x) for x in stages] == [EARLY_HELP_STAGES]
    assert len(eh["indicators"]["items"]) == EARLY_HELP_INDICATORS
    assert {"substance misuse", "anxiety or depression"} <= set(eh["indicators"]["items"])
    steps = eh["what_to_do"]["steps"]
    assert [s["number"] for s in steps] == list(range(1, EARLY_HELP_STEPS + 1))
    assert sum(len(s.get("questions") or []) for s in steps) == EARLY_HELP_QUESTIONS
    assert len(steps[2]["questions"]) == EARLY_HELP_QUESTIONS


def test_learning_and_improvement(tk):
    li = tk["learning_improvement"]
    background = next(s for s in li["sections"] if s["title"] == "Background")
    assert [len(b["list"]) for b in background["body"] if isinstance(b, dict) and "list" in b] == [LI_PRINCIPLES]
    objectives = next(s for s in li["sections"] if s["title"] == "Objectives")
    assert [len(b["list"]) for b in objectives["body"] if isinstance(b, dict) and "list" in b] == [LI_OBJECTIVES]
    rows = li["methods"]["rows"]
    assert len(rows) == LI_METHODS
    assert {r["method"]: len(r["evaluation"]) for r in rows} == LI_EVALUATION
    assert len(li["methods"]["columns"]) == 5
    assert len(li["training_offer"]["products"]) == LI_TRAINING_PRODUCTS
    assert len(li["expectations"]["items"]) == LI_EXPECTATIONS
    assert {g["title"]: len(g["items"]) for g in li["recommendations"]["groups"]} == LI_RECOMMENDATIONS


def test_figures_that_did_not_survive_are_said_so(tk):
    figures = [b["figure"] for b in _blocks(tk.data) if "figure" in b]
    assert len(figures) == FIGURES_MISSING
    assert all("did not survive" in f for f in figures)


def test_business_plan(tk):
    bp = tk["business_plan"]
    assert len(bp["aims"]) == BP_AIMS
    assert len(bp["outcomes"]) == BP_OUTCOMES
    assert [len(o["measures"]) for o in bp["outcomes"]] == BP_MEASURES
    assert [len(o["activities"]) for o in bp["outcomes"]] == BP_ACTIVITIES
    assert [len(o["targets"]) for o in bp["outcomes"]] == BP_TARGETS
    assert len(bp["staffing"]) == BP_STAFFING


def test_template_fields(tk):
    counts = {}
    for t in tk.templates:
        single = sum(len(s.get("fields") or []) for s in t["sections"])
        cells = 0
        for s in t["sections"]:
            table = s.get("table")
            if table:
                cells += len(table["columns"]) * len(table.get("rows") or [None])
        counts[t["id"]] = single + cells
    assert counts == TEMPLATE_FIELDS
    assert {t: len(tk.form_fields(t)) for t in TEMPLATE_FIELDS} == TEMPLATE_FIELDS
    services = tk.template("local-services-information-sheet")["sections"][0]["table"]
    assert len(services["rows"]) == LOCAL_SERVICE_TOPICS and services["extendable"]
    outcomes = next(s["table"] for s in tk.template("early-help-intervention-record")["sections"] if s.get("table"))
    assert [r["label"] for r in outcomes["rows"]] == OUTCOME_ISSUES


def test_written_agreement_examples(tk):
    child = tk.template("written-agreement-child")["example"]
    assert child["fictional"] == "(Please note that all names used and circumstances described are fictional)"
    assert [len(b["list"]) for b in child["body"] if isinstance(b, dict) and "list" in b] == [CHILD_TALK_TOPICS]
    assert [b["lines"][0] for b in child["body"] if isinstance(b, dict) and "lines" in b] == CHILD_SIGNATORIES
    family = tk.template("written-agreement-family")["example"]["body"]
    headings = [b["heading"] for b in family if isinstance(b, dict) and "heading" in b]
    assert len(headings) == FAMILY_HEADINGS
    lists = {headings[sum(1 for x in family[:i] if isinstance(x, dict) and "heading" in x) - 1]: len(b["list"])
             for i, b in enumerate(family) if isinstance(b, dict) and "list" in b}
    assert lists == FAMILY_LISTS


def test_evaluation_tools(tk):
    tools = tk["evaluation_tools"]["tools"]
    assert {t["name"]: (t["url"], len(t["body"])) for t in tools} == EVALUATION_TOOLS


def test_sources_of_training_is_a_directory_with_the_sources_contacts(tk):
    groups = tk["training_sources"]["groups"]
    assert [g["title"] for g in groups] == TRAINING_GROUPS
    providers = [p for g in groups for p in g.get("providers") or []]
    assert [p["id"] for p in providers] == TRAINING_PROVIDERS
    assert [p["area"] for p in providers if p.get("area")] == TRAINING_AREAS
    assert "providers" not in groups[-1] and len(groups[-1]["body"]) == 1 and "LSCB" in groups[-1]["body"][0]
    ccpas = next(p for p in providers if p["id"] == "ccpas")
    assert [len(b["list"]) for b in ccpas["body"] if isinstance(b, dict) and "list" in b] == [CCPAS_COURSES]
    assert {p["id"]: p["phones"] for p in providers if p.get("phones")} == PHONES
    assert {p["id"]: p["emails"] for p in providers if p.get("emails")} == EMAILS
    assert sum(len(p.get("urls") or []) for p in providers) == URLS == len(providers)


def test_every_template_field_label_is_unique_in_its_template(tk):
    for t in tk.templates:
        labels = [(f.section, f.label) for f in tk.form_fields(t["id"])]
        assert len(labels) == len(set(labels)), t["id"]


def test_typo_fixes_are_marked():
    text = FILE.read_text(encoding="utf-8")
    assert text.count("# typo fixed:") == len(TYPOS)


# ------------------------------------------------------------------------------------ nothing is lost

# Source text that is not in the YAML word for word, and what the YAML has instead. A source fragment passes
# when, with these replaced, it is in the YAML's text (all strings in file order, joined by spaces).
TYPOS = {  # typo fixed in the YAML (each marked "# typo fixed:")
    "framework will need to be used flexibly..": "framework will need to be used flexibly.",
    "the consequences of it's not being shared": "the consequences of its not being shared",
    "substance misuse anxiety or depression": "substance misuse anxiety or depression",  # now two items, in order
    "Issuespecific learning": "Issue specific learning",
    "provides a wide variety multi-agency training courses": "provides a wide variety of multi-agency training courses",
    "Supporting parenting with learning difficulties": "Supporting parents with learning difficulties",
    "Child / Young Persons details": "Child / Young Person's details",
    "Child / Young Persons Outcomes Plan": "Child / Young Person's Outcomes Plan",
}
KEPT_APART = {  # cells and sentences the YAML keeps in separate fields
    "Level 1 Examples: receptionists, community centre staff, recreation assistants": "receptionists, community centre staff, recreation assistants",
    "Level 2 (+ Level 1) Examples: face to face practitioners and volunteers in community and residential settings":
        "face to face practitioners and volunteers in community and residential settings",
    "Level 3 (+ Levels 1/2) Examples: frontline managers, policy development officers, named /designated leads for child protection":
        "frontline managers, policy development officers, named /designated leads for child protection",
    "Level 4 (+ Levels 1/2/3) Examples: senior managers and board members": "senior managers and board members",
    "to protect children from abuse (": "to protect children from abuse",  # the italic qualifier is the competency's scope
    "(note: this competency is for trustees only)": "note: this competency is for trustees only",
    # the training products are a list: before, the products, after
    "short 2 hour sessions, 1 day courses, multi-day in depth courses, large practitioner conferences and eLearning.":
        "short 2 hour sessions 1 day courses multi-day in depth courses large practitioner conferences eLearning",
    "LSCB, Partner Agencies": "LSCB Partner Agencies",  # a list of stakeholders, one per line elsewhere in the table
    # form labels: the colon or the dotted line to write on is the form's, not the label's
    "Start date of Early Help Intervention:": "Start date of Early Help Intervention",
    "Meeting Date:": "Meeting Date",
    "Relevant information or actions:": "Relevant information or actions",
    "Agreed date for review meeting.....": "Agreed date for review meeting",
}


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


def _blocks(value: Any) -> Iterator[dict]:
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _blocks(v)
    elif isinstance(value, list):
        for v in value:
            yield from _blocks(v)


def _norm(text: str) -> str:
    text = text.replace("**", "").replace("*", "")
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
    text = re.sub(r"\bexamples:\s*", "", text, flags=re.I)  # the YAML keeps a level's examples in their own field
    return re.sub(r"\s+", " ", text).strip().lower()


def source_fragments(text: str) -> list[str]:
    """The source section split into lines, table cells, list items and paragraphs of cells, as extracted."""
    text = re.sub(r"<(?!https?:)[^>]+>", "\n", text).replace("•", "\n")  # HTML tags go, <http://…> addresses stay
    out = []
    for line in text.split("\n"):
        for cell in line.split("\t"):
            for part in re.split(r"\s\d+\.\s", " " + cell):  # numbered items run together in one cell
                part = re.sub(r"^\s*(?:-|\d+\.)\s+", "", part).strip().strip("<>").strip()
                if part and not re.fullmatch(r"[-✓\s]+", part) and not re.fullmatch(r"✓\s*\(.*\)", part):
                    out.append(part)
    return out


def _source() -> str:
    if not SOURCE.is_file():  # CI has shared/ beside the clone: there a missing source is a failure
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"the source text is not on this machine ({SOURCE})")
    return SOURCE.read_text(encoding="utf-8")


def test_nothing_from_the_toolkit_after_the_kent_and_medway_document_is_lost():
    text = _source()
    tail = text[text.index(TAIL_START):]
    # <http://…> is the extraction's mark-up for a link: the YAML has the address itself.
    tail = re.sub(r"<(https?://[^>\s]+)>", r"\1", tail)
    hay = _norm(" ".join(_texts(yaml.safe_load(FILE.read_text(encoding="utf-8")))))
    lost = [f for f in source_fragments(tail) if _norm(f) not in hay]
    assert not lost, "in the source but not in nspcc.yaml:\n" + "\n".join(f[:160] for f in lost)
    assert tail.rstrip().endswith("need to work together.")  # the source's last words


def test_nothing_from_the_source_section_is_lost():
    text = _source()
    section = text[: text.index(SOURCE_END)]
    data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    hay = _norm(" ".join(_texts(data)))
    known = {**TYPOS, **KEPT_APART}
    used: set[str] = set()
    lost = []
    for fragment in source_fragments(section):
        if fragment == "NSPCC":  # the publisher's name heads some pages
            continue
        fixed = fragment
        for was, now in known.items():
            if was in fixed:
                used.add(was)
                fixed = fixed.replace(was, now)
        if _norm(fixed) not in hay:
            lost.append(fragment)
    assert not lost, "in the source but not in nspcc.yaml:\n" + "\n".join(f[:160] for f in lost)
    assert used == set(known), f"no longer needed: {set(known) - used}"
    # ticks with notes in the matrix: the notes are in the YAML
    for note in ("named/ designated officer only", "trustees only", "senior lead only"):
        assert note in hay


def test_the_completeness_check_can_fail():
    fragments = source_fragments("Heading\n• First bullet\tSecond cell 2. Third item\n✓\t✓ (trustees only)\n"
                                 "<p>In a cell</p>\n<http://example.org/x>\n")
    assert fragments == ["Heading", "First bullet", "Second cell", "Third item", "In a cell", "http://example.org/x"]
    assert _norm("“Quoted” **bold**") == '"quoted" bold'
