"""The explorer's entry points inside Pyodide: load a framework from JSON, assess ticked ids.

The Web Worker calls only the functions here. Standard library only; nothing here touches
the network or storage — the ticked ids arrive from the page and the result goes straight back.
What the page shows is presented by ``thresholds.present``; this module only translates JSON.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .assess import assess
from .model import Framework, framework_from_dict

if TYPE_CHECKING:
    from . import html

# Python start-up is on the path to "ready", and importing costs time there (each dataclass compiles
# its methods). So this module imports only what loading a framework needs. What presents a result
# (thresholds.present, thresholds.html, the standard library's html and datetime) is imported by
# warm_up, which the worker calls just after ready, and which assess_json calls itself if it has not
# run; thresholds.compare and thresholds.concerns are imported by load_others, also after ready.
# The build's trace calls all of them, so every module they import is shipped.

_current: dict[str, object] = {}


def load_framework(json_text: str) -> None:
    """Build the framework the page will assess against (from the site's validated JSON)."""
    data = json.loads(json_text)
    framework = framework_from_dict(data, file=f"{data.get('id', 'framework')}.json")
    _current["framework"] = framework
    _current.pop("abbr", None)  # (the new framework's are made when first asked for)


def warm_up() -> None:
    """Import what presents a result and mark the loaded framework's abbreviations, ahead of the first tick.

    Optional: ``assess_json`` does it the first time if it has not been done.
    """
    from . import present  # noqa: F401  (imported now, so the first tick does not wait for it)

    _abbreviations()


def assess_json(ticked_json: str, today: str | None = None) -> str:
    """Assess a JSON list of ticked indicator ids.

    Returns JSON ``{"result", "html", "summary", "line", "record", "text"}``: the stable result
    (docs/explorer.md) and the views of ``present.Presentation`` the page places as they are.
    ``today`` (YYYY-MM-DD) dates the record; by default the browser's own date.
    """
    import datetime as dt

    from . import present

    framework = _loaded()
    result = assess(framework, json.loads(ticked_json))
    payload = result.to_dict()
    payload["reasons"] = [
        {**r, "indicator_texts": [framework.indicator(i).text for i in r["indicators"]]} for r in payload["reasons"]
    ]
    day = dt.date.fromisoformat(today) if today else dt.date.today()
    shown = dict(present.as_dict(present.present(framework, result, day, _abbreviations())))
    # "How other areas describe this" (issue 11) follows the panel, in this one place, and not
    # through this framework's abbreviations: it quotes other authorities' words.
    shown["html"] += elsewhere_html(framework, result.ticked)
    return json.dumps({"result": payload, **shown}, ensure_ascii=False)


def _abbreviations() -> html.Abbreviations:
    """The loaded framework's abbreviations, made the first time they are asked for."""
    from . import html

    abbr = _current.get("abbr")
    if not isinstance(abbr, html.Abbreviations):
        framework = _loaded()
        abbr = _current["abbr"] = html.Abbreviations(
            {g["term"]: g["definition"] for g in framework.glossary if g.get("abbreviation")}
        )
    return abbr


def _loaded() -> Framework:
    framework = _current.get("framework")
    if not isinstance(framework, Framework):
        raise RuntimeError("load_framework must be called first")
    return framework


def load_others(json_text: str) -> None:
    """Load the other authorities' compact frameworks and the vocabulary (site data/concerns-index.json)."""
    from .concerns import vocabulary_from_dict

    data = json.loads(json_text)
    _current["vocabulary"] = vocabulary_from_dict(data, file="concerns-index.json")
    _current["others"] = [framework_from_dict(d, file=f"{d.get('id', 'framework')}.json") for d in data["frameworks"]]


def elsewhere_html(framework: Framework, ticked: tuple[str, ...] | list[str]) -> str:
    """The comparison section for these ticks, or "" before load_others or with nothing ticked."""
    others = _current.get("others")
    vocabulary = _current.get("vocabulary")
    if not isinstance(others, list) or vocabulary is None:  # (set together by load_others)
        return ""
    from .compare import compare, comparison_html

    return comparison_html(compare(framework, ticked, others), others, vocabulary)
