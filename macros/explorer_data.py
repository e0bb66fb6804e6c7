"""The framework data the explorer downloads (``data/<id>.json``): what the engine uses, no more.

The explorer's Python (thresholds.browser) assesses ticks and presents the result: it needs the
levels (with their response, consent and next steps), indicators, domains, rules, contacts and
glossary. The long page-only parts stay on the framework's own pages: the guidance sections,
checklists, timescales and change log, and the escalation procedure's text (its titles stay: the
result links to the escalation page when the framework has one). tests/site/test_explorer_data.py
checks the engine answers exactly the same from this data as from the whole framework.
"""

from __future__ import annotations

import json
from typing import Any

PAGE_ONLY = ("sections", "checklists", "timescales", "changelog")


def explorer_data(data: dict[str, Any]) -> dict[str, Any]:
    """A framework's validated data without its page-only parts."""
    out = {key: value for key, value in data.items() if key not in PAGE_ONLY}
    if data.get("escalation"):
        out["escalation"] = [{k: step[k] for k in ("id", "title") if k in step} for step in data["escalation"]]
    return out


def explorer_json(data: dict[str, Any]) -> str:
    """explorer_data as compact JSON."""
    return json.dumps(explorer_data(data), ensure_ascii=False, separators=(",", ":"))
