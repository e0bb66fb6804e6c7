#!/usr/bin/env python3
"""`make bench`: run every benchmark in turn and print their figures.

    .venv/bin/python tests/bench/run.py [--only build,weight,explorer]

Runs bench_validate.py and bench_hostile.py (validate on large and hostile files), bench_build.py (build time against the number of frameworks), bench_weight.py (what a cold visit
transfers) and, when it is present, bench_explorer.py (the explorer's start-up and assess times), each
as its own process with this Python. Benchmarks print figures and assert nothing; this exits non-zero
only when one of them fails to run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BENCHES = {"validate": "bench_validate.py", "hostile": "bench_hostile.py", "build": "bench_build.py", "weight": "bench_weight.py",
           "explorer": "bench_explorer.py"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated: " + ", ".join(BENCHES))
    args = parser.parse_args(argv)
    failed = []
    for name in args.only.split(","):
        script = HERE / BENCHES[name]
        if not script.is_file():
            print(f"== {script.name}: not present, skipped\n", flush=True)
            continue
        print(f"== {script.relative_to(ROOT)}", flush=True)
        t0 = time.perf_counter()
        code = subprocess.run([sys.executable, str(script)], cwd=ROOT).returncode
        print(f"== {script.name}: {'done' if code == 0 else f'FAILED (exit {code})'} in {time.perf_counter() - t0:.0f} s\n",
              flush=True)
        if code:
            failed.append(script.name)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
