"""Write JSON copies of the frameworks, fixtures and golden cases for the core tests in Pyodide.

Pyodide has no PyYAML; the core tests read these copies when THRESHOLDS_JSON_DIR names the folder.
Usage: python tests/pyodide/export_json.py OUT_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from thresholds.source import read

ROOT = Path(__file__).resolve().parents[2]


def main(out: Path) -> None:
    sources = {
        "frameworks": sorted((ROOT / "frameworks").glob("*.yaml")),
        "fixtures": sorted((ROOT / "tests" / "fixtures").glob("*.yaml")),
        "golden": sorted((ROOT / "tests" / "core" / "golden").glob("*.yaml")),
    }
    for kind, paths in sources.items():
        (out / kind).mkdir(parents=True, exist_ok=True)
        for path in paths:
            data, _lines = read(path)
            (out / kind / f"{path.stem}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
