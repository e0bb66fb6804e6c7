"""The Chromium that every browser test and benchmark starts (tests/chromium.py): it runs the pages under
test and nothing of its own, and it keeps every flag Playwright gives it."""

from __future__ import annotations

from pathlib import Path


def test_a_fresh_context_builds_no_page_of_chromiums_own_interface(browser, server):
    # A page of Chromium's user interface built alongside would share the CPU with the page measured
    # (on 2 cores it made a cold explorer start about 300 ms slower).
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server)
        session = browser.new_browser_cdp_session()
        try:
            # An empty filter lists every kind of target, the browser's own interface pages included.
            targets = session.send("Target.getTargets", {"filter": [{}]})["targetInfos"]
        finally:
            session.detach()
    finally:
        context.close()
    interface = [t["url"] for t in targets if t["type"] == "browser_ui"]
    assert not interface, (f"Chromium built {interface} for the new context's window: "
                           "see OWN_DISABLED_FEATURES in tests/chromium.py")
    assert any(t["type"] == "page" and t["url"] == server for t in targets)


def browser_command_lines() -> list[list[str]]:
    """The arguments of each Chromium browser process Playwright is driving now (not its renderers)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = [a.decode(errors="replace") for a in cmdline.read_bytes().split(b"\0") if a]
        except OSError:  # (the process has ended)
            continue
        if (args and "chromium" in Path(args[0]).name and "--remote-debugging-pipe" in args
                and not any(a.startswith("--type=") for a in args)):
            found.append(args)
    return found


def test_no_feature_playwright_disables_is_dropped(browser):
    # Chromium applies only the last --disable-features it is given, so tests/chromium.py's list (passed
    # after Playwright's) has to carry every name of Playwright's too.
    command_lines = browser_command_lines()
    assert command_lines, "no running Chromium browser process found in /proc"
    for args in command_lines:
        lists = [a.split("=", 1)[1].split(",") for a in args if a.startswith("--disable-features=")]
        assert lists, args
        dropped = sorted({name for names in lists[:-1] for name in names} - set(lists[-1]))
        assert not dropped, (f"Chromium would not apply {dropped}, disabled by an earlier --disable-features: "
                             "add them to PLAYWRIGHT_DISABLED_FEATURES in tests/chromium.py")
