"""Debian's Chromium as every browser test and benchmark starts it: one executable and one set of flags.

The executable is /usr/bin/chromium unless CHROMIUM names another (Playwright is always given the path).
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps",
]
