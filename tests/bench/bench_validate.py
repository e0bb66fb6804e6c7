#!/usr/bin/env python3
"""How long `thresholds validate` takes on large framework files (figures only, no asserts).

Generates frameworks of 1,000, 5,000 and 10,000 indicators from the tiny fixture and times the
command a publisher runs, end to end (process start, YAML, schema, references).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"


def generate(n: int, folder: Path) -> Path:
    # Levels 1 to 3 only: a level 4 indicator must lead to act now (thresholds.safety), and the
    # benchmark times a file that validates, not one that stops at its first safety error.
    rows = "".join(
        f"  - {{id: gen-{i:05d}, level: level-{i % 3 + 1}, domain: {'health' if i % 2 else 'home'}, "
        f"text: Generated indicator number {i} worded like a real one with several words}}\n"
        for i in range(n)
    )
    text = TINY.read_text(encoding="utf-8").replace("id: tiny\n", f"id: big-{n}\n", 1)
    path = folder / f"big-{n}.yaml"
    path.write_text(text.replace("indicators:\n", "indicators:\n" + rows, 1), encoding="utf-8")
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'indicators':>10} {'file KB':>8} {'validate s':>11}")
        for n in (1_000, 5_000, 10_000):
            path = generate(n, Path(tmp))
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "thresholds", "validate", str(path)],
                                      capture_output=True, text=True, cwd=ROOT)
                best = min(best, time.perf_counter() - t0)
                if done.returncode:
                    print(done.stderr, file=sys.stderr)
                    return 1
            print(f"{n:>10} {path.stat().st_size // 1024:>8} {best:>11.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
