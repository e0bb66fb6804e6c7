"""The headline figures a benchmark prints for run.py's summary: one "@figure " line of JSON each."""

from __future__ import annotations

import json


def figure(name: str, value: float, target: float | None = None, unit: str = "", note: str = "") -> None:
    """Print one headline figure (readable here too); run.py sets it beside its target.

    The summary judges ``value`` against ``target`` as given: round it finely (3 decimals), or a figure
    just over its target (0.4547 against 0.45) is rounded onto it and called met.
    """
    print("@figure " + json.dumps({"name": name, "value": value, "target": target, "unit": unit, "note": note}), flush=True)
