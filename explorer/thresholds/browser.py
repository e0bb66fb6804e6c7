"""The explorer's entry points inside Pyodide: load a framework from JSON, assess ticked ids.

The Web Worker calls only these two functions. Standard library only; nothing here touches
the network or storage — the ticked ids arrive from the page and the result goes straight back.
What the page shows is presented by ``thresholds.present``; this module only translates JSON.
"""

from __future__ import annotations

import datetime as dt
import json

from . import html, present
from .assess import assess
from .model import Framework, framework_from_dict

_current: dict[str, object] = {}


def load_framework(json_text: str) -> None:
    """Build the framework the page will assess against (from the site's validated JSON)."""
    data = json.loads(json_text)
    framework = framework_from_dict(data, file=f"{data.get('id', 'framework')}.json")
    _current["framework"] = framework
    _current["abbr"] = html.Abbreviations(
        {g["term"]: g["definition"] for g in framework.glossary if g.get("abbreviation")}
    )


def assess_json(ticked_json: str, today: str | None = None) -> str:
    """Assess a JSON list of ticked indicator ids.

    Returns JSON ``{"result", "html", "summary", "line", "record", "text"}``: the stable result
    (docs/explorer.md) and the views of ``present.Presentation`` the page places as they are.
    ``today`` (YYYY-MM-DD) dates the record; by default the browser's own date.
    """
    framework = _current.get("framework")
    if not isinstance(framework, Framework):
        raise RuntimeError("load_framework must be called first")
    result = assess(framework, json.loads(ticked_json))
    abbr = _current["abbr"]
    assert isinstance(abbr, html.Abbreviations)
    payload = result.to_dict()
    payload["reasons"] = [
        {**r, "indicator_texts": [framework.indicator(i).text for i in r["indicators"]]} for r in payload["reasons"]
    ]
    day = dt.date.fromisoformat(today) if today else dt.date.today()
    shown = present.present(framework, result, day, abbr)
    return json.dumps({"result": payload, **present.as_dict(shown)}, ensure_ascii=False)
