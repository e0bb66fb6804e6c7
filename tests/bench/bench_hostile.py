#!/usr/bin/env python3
"""How long `thresholds validate` takes, and how much memory, on each hostile file (figures only, no asserts).

tests/data/test_hostile.py checks the messages under a 1 GB limit; this prints the time and the
peak resident memory of each run, so a slow or hungry reader shows up here.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"


def run(path: Path) -> tuple[float, float, int]:
    """Seconds, peak MB and exit code of one validate run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    code = subprocess.run([sys.executable, "-m", "thresholds", "validate", str(path)], cwd=ROOT,
                          capture_output=True, check=False).returncode
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux; max over all children so far
    return elapsed, max(peak, before) / 1024, code


def main() -> int:
    print(f"{'file':<22} {'KB':>7} {'seconds':>8} {'peak MB':>8} {'exit':>5}")
    worst = 0.0
    for path in sorted(HOSTILE.glob("*.yaml")):
        elapsed, peak, code = run(path)
        worst = max(worst, elapsed)
        print(f"{path.stem:<22} {path.stat().st_size / 1024:>7.1f} {elapsed:>8.2f} {peak:>8.0f} {code:>5}")
    print(f"slowest: {worst:.2f} s (peak MB is the running maximum over all runs so far)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
