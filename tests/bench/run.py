#!/usr/bin/env python3
"""`make bench`: run every benchmark in turn and print their figures.

    .venv/bin/python tests/bench/run.py [--only build,weight,explorer]

Runs bench_validate.py and bench_hostile.py (validate on large and hostile files), bench_build.py (build time against the number of frameworks), bench_weight.py (what a cold visit
transfers) and, when it is present, bench_explorer.py (the explorer's start-up and assess times), each
as its own process with this Python. Benchmarks print figures and assert nothing; this exits non-zero
only when one of them fails to run. Lines a benchmark starts with "@figure " (JSON: name, value,
target, unit, note) are gathered into one summary at the end: the explorer's transfer, start-up ratio
and slow-link time side by side with their targets, all from this run.
"""

from __future__ import annotations

import argparse
import json
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
    figures: list[dict] = []
    for name in args.only.split(","):
        script = HERE / BENCHES[name]
        if not script.is_file():
            print(f"== {script.name}: not present, skipped\n", flush=True)
            continue
        print(f"== {script.relative_to(ROOT)}", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-u", str(script)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for line in proc.stdout:
            if line.startswith("@figure "):
                figures.append(json.loads(line.removeprefix("@figure ")))
            else:
                sys.stdout.write(line)
                sys.stdout.flush()
        code = proc.wait()
        print(f"== {script.name}: {'done' if code == 0 else f'FAILED (exit {code})'} in {time.perf_counter() - t0:.0f} s\n",
              flush=True)
        if code:
            failed.append(script.name)
    summary(figures)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


def summary(figures: list[dict]) -> None:
    """The headline figures of this run, each beside its target."""
    if not figures:
        return
    print("== summary (this run)")
    width = max(len(f["name"]) for f in figures)
    for f in figures:
        value = f"{f['value']:g} {f['unit']}".strip()
        if f.get("target") is None:
            verdict = ""
        else:
            verdict = f"target <= {f['target']:g} {f['unit']}".strip() + ("  met" if f["value"] <= f["target"] else "  NOT met")
        print(f"  {f['name']:{width}}  {value:>10}   {verdict:28} {f.get('note', '')}")
    print()


if __name__ == "__main__":
    sys.exit(main())
