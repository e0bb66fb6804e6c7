"""thresholds: what a continuum-of-need framework means, and how a level is suggested.

The core (errors, model, assess) imports only the standard library so the same code runs in
CPython and in Pyodide. Reading YAML and checking the JSON Schema are build-side (``thresholds.source``,
``thresholds.schema``) and are never imported by the core.
"""

from __future__ import annotations

from .assess import JUDGEMENT, Assessment, Reason, assess
from .errors import FrameworkError, Problem, UnknownIdError
from .model import Framework, framework_from_dict

__all__ = [
    "JUDGEMENT", "Assessment", "Framework", "FrameworkError", "Problem", "Reason",
    "UnknownIdError", "assess", "framework_from_dict",
]
__version__ = "0.1.0"
