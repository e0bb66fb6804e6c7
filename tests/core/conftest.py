"""Data for the core tests, in CPython and in Pyodide.

The core tests also run inside Pyodide, which has no PyYAML: there they read JSON copies made by
tests/pyodide/export_json.py and named by THRESHOLDS_JSON_DIR. In CPython they read the YAML directly.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from thresholds import Framework, framework_from_dict

ROOT = Path(__file__).resolve().parents[2]
JSON_DIR = Path(os.environ["THRESHOLDS_JSON_DIR"]) if os.environ.get("THRESHOLDS_JSON_DIR") else None


def _yaml(path: Path) -> Any:
    from thresholds.source import read  # build side (PyYAML): only in CPython

    return read(path)[0]


def framework_ids() -> list[str]:
    """Ids of the real frameworks in ./frameworks."""
    if JSON_DIR:
        return sorted(p.stem for p in (JSON_DIR / "frameworks").glob("*.json"))
    return sorted(p.stem for p in (ROOT / "frameworks").glob("*.yaml"))


def framework_data(framework_id: str) -> dict[str, Any]:
    """A real framework's data (validated by the data tests)."""
    if JSON_DIR:
        return json.loads((JSON_DIR / "frameworks" / f"{framework_id}.json").read_text(encoding="utf-8"))
    return _yaml(ROOT / "frameworks" / f"{framework_id}.yaml")


def fixture_data(name: str) -> dict[str, Any]:
    """A test fixture framework (tests/fixtures/NAME.yaml)."""
    if JSON_DIR:
        return json.loads((JSON_DIR / "fixtures" / f"{name}.json").read_text(encoding="utf-8"))
    return _yaml(ROOT / "tests" / "fixtures" / f"{name}.yaml")


def golden_ids() -> list[str]:
    """Ids with golden cases: optional per framework (a new framework without them still passes)."""
    folder = JSON_DIR / "golden" if JSON_DIR else ROOT / "tests" / "core" / "golden"
    return sorted(p.stem for p in folder.glob("*.json" if JSON_DIR else "*.yaml"))


def fixture_ids() -> list[str]:
    """Names of the fixture frameworks in tests/fixtures."""
    if JSON_DIR:
        return sorted(p.stem for p in (JSON_DIR / "fixtures").glob("*.json"))
    return sorted(p.stem for p in (ROOT / "tests" / "fixtures").glob("*.yaml"))


def load_any(framework_id: str) -> Framework:
    """A real framework, or else a fixture framework, by id (golden cases exist for both)."""
    if framework_id in framework_ids():
        return load(framework_id)
    return framework_from_dict(fixture_data(framework_id), file=f"{framework_id}.yaml")


def golden_cases(framework_id: str) -> dict[str, Any]:
    """Golden cases written from a framework's own words (tests/core/golden/ID.yaml)."""
    if JSON_DIR:
        return json.loads((JSON_DIR / "golden" / f"{framework_id}.json").read_text(encoding="utf-8"))
    return _yaml(ROOT / "tests" / "core" / "golden" / f"{framework_id}.yaml")


def load(framework_id: str) -> Framework:
    return framework_from_dict(framework_data(framework_id), file=f"{framework_id}.yaml")


@pytest.fixture(scope="session")
def tiny() -> Framework:
    return framework_from_dict(fixture_data("tiny"), file="tiny.yaml")


@pytest.fixture(scope="session", params=framework_ids())
def real(request: pytest.FixtureRequest) -> Framework:
    return load(request.param)
