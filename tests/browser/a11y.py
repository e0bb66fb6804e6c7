"""Accessibility checks shared by the browser tests: axe-core, and keyboard checks for forms.

Each check returns a list of problems (empty when the page passes), so the same helper can be run on
the site and on a deliberately broken page to show that it catches what it should.
"""

from __future__ import annotations

from .conftest import AXE_JS

# best-practice too: it holds rules such as aria-dialog-name that catch real problems for screen readers.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING_IMPACTS = {"serious", "critical"}

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), impact: n.impact, summary: n.failureSummary })),
  }));
}"""


def axe_violations(page, impacts: set[str] = FAILING_IMPACTS) -> list[dict]:
    """Run axe-core (node_modules, pinned) on the page; the violations of the given impacts.

    axe is injected with add_script_tag, which writes an inline script: the site's
    Content-Security-Policy blocks that, so the page's context must be opened with bypass_csp=True.
    """
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    found = page.evaluate(_RUN_AXE, AXE_TAGS)
    return [v for v in found if v["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for n in v["nodes"][:5]:
            lines.append(f"    {n['target']}: {(n['summary'] or '').splitlines()[-1].strip() if n['summary'] else ''}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


# Keyboard --------------------------------------------------------------------------------------

# A stable description of the focused element and its focus-relevant computed style.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (!el.dataset.kbd) el.dataset.kbd = String(window.__kbd = (window.__kbd || 0) + 1);
  const s = getComputedStyle(el);
  return { key: el.dataset.kbd, id: el.id, tag: el.tagName.toLowerCase(), type: el.type || "",
           style: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join("|") };
}"""

_UNFOCUSED_STYLES = """(keys) => {
  document.activeElement?.blur();
  return keys.map((k) => {
    const s = getComputedStyle(document.querySelector(`[data-kbd="${k}"]`));
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join("|");
  });
}"""


def tab_walk(page, until_ids: list[str], max_steps: int) -> list[dict]:
    """Press Tab from the top of the page until every element id in until_ids has had focus (or
    max_steps); returns what had focus after each press, with its computed focus style."""
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    remaining = set(until_ids)
    steps: list[dict] = []
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None:
            continue
        steps.append(focused)
        remaining.discard(focused["id"])
        if not remaining:
            break
    return steps


def order_problems(steps: list[dict], expected_ids: list[str]) -> list[str]:
    """Problems with the Tab order: expected ids never focused, or focused out of order."""
    seen = [s["id"] for s in steps if s["id"] in set(expected_ids)]
    first = list(dict.fromkeys(seen))  # first focus of each, in order
    problems = [f"never reached by Tab: #{i}" for i in expected_ids if i not in first]
    reached = [i for i in expected_ids if i in first]
    if first != reached:
        for pos, (got, want) in enumerate(zip(first, reached)):
            if got != want:
                problems.append(f"Tab order differs from document order at position {pos}: #{got} before #{want}")
                break
    return problems


def focus_style_problems(page, steps: list[dict], ids: set[str]) -> list[str]:
    """Elements (by id) whose outline/box-shadow does not change when they have keyboard focus."""
    chosen = {}
    for s in steps:
        if s["id"] in ids and s["id"] not in chosen:
            chosen[s["id"]] = s
    keys = [s["key"] for s in chosen.values()]
    unfocused = page.evaluate(_UNFOCUSED_STYLES, keys)
    return [f"no visible focus on #{s['id']} (outline/box-shadow unchanged: {u})"
            for s, u in zip(chosen.values(), unfocused) if s["style"] == u]


_UNLABELLED = """(selector) => [...document.querySelectorAll(selector)].filter((el) => {
  const byLabel = [...(el.labels || [])].map((l) => l.textContent).join(" ");
  const byRef = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent || "").join(" ");
  return !(byLabel + byRef + (el.getAttribute("aria-label") || "")).trim();
}).map((el) => el.id || el.outerHTML.slice(0, 80))"""


def unlabelled(page, selector: str) -> list[str]:
    """Form controls matching selector that have no accessible label (label, aria-labelledby, aria-label)."""
    return page.evaluate(_UNLABELLED, selector)
