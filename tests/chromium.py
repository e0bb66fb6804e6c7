"""Debian's Chromium as every browser test and benchmark starts it: one executable and one set of flags.

The executable is /usr/bin/chromium unless CHROMIUM names another, as a path or a command on PATH;
either way CHROMIUM here is the path Playwright is given.
"""

from __future__ import annotations

import os
import shutil

_NAMED = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM = shutil.which(_NAMED) or _NAMED

# Playwright passes Chromium a --disable-features list of its own, and Chromium keeps only the last
# --disable-features on its command line: a second one would silently drop Playwright's. So the list
# here repeats Playwright's (1.65, chromiumSwitches.ts: no HTTPS upgrades of the loopback server, no
# paint holding, no calls home) and adds this project's, and comes last. tests/browser/test_harness.py
# checks on the running browser that no feature Playwright disables is lost.
PLAYWRIGHT_DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin", "OptimizationHints", "NetworkTimeServiceQuerying",
    "AimEnabled", "PreconnectToSearch", "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion",
]
# Each browser context opens a window of its own, and for each new window Chromium 156 builds its
# address bar's suggestion popup (chrome://omnibox-popup.top-chrome, a WebUI page in a renderer of its
# own): measured in a trace, about 1 s of CPU in the first 1.5 s of every context, while the page under
# test loads. On 2 cores it made a cold explorer start about 300 ms slower and a stock loadPyodide()
# about 170 ms slower. A practitioner's browser already has its window; neither a test nor a benchmark
# of the page should carry Chromium's own user interface. Both are needed: with either one alone the
# popup is still built.
OWN_DISABLED_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"]

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps",
    "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + OWN_DISABLED_FEATURES),
]
