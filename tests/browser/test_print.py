"""Print: each authority's indicator pages printed to A4 PDF (as a practitioner would print them).

Checks, per printed page: every indicator of the page is in the PDF's text; every PDF page carries the
authority, the edition and the page's address (the print footer, overrides/main.html); nothing is
printed under that footer; and, in print layout at the A4 content width, no table is clipped or runs
past the page's right edge. The checkers are shown to fail on deliberately broken pages.
"""

from __future__ import annotations

import html as htmllib
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from thresholds import html
from thresholds.catalog import load_file

from .conftest import ROOT, SITE, in_ci

pytestmark = pytest.mark.browser

FRAMEWORKS_DIR = ROOT / "frameworks"
INDICATOR_PAGES = sorted(p.relative_to(SITE).parent.as_posix() + "/"
                         for p in SITE.glob("frameworks/*/indicators/*/index.html")) if SITE.is_dir() else []
MM = 96 / 25.4  # CSS px per mm
A4_WIDTH_MM = 210


# Tools -----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pdftotext() -> str:
    exe = shutil.which("pdftotext")
    if not exe:
        reason = "pdftotext is missing (apt-get install poppler-utils; .ci/run installs it)"
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return exe


def pdf_text(pdf: Path, page: int | None = None, *, mode: str = "-raw") -> str:
    args = ["pdftotext", "-enc", "UTF-8", mode]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def pdf_words(pdf: Path, page: int) -> list[Word]:
    out = pdf_text(pdf, page, mode="-bbox")
    return [Word(float(a), float(b), float(c), float(d), htmllib.unescape(t)) for a, b, c, d, t in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out)]


def squash(text: str) -> str:
    """Text for comparison: NFKC (ligatures), no soft hyphens, no whitespace at all (a PDF breaks lines
    anywhere a browser may: after a slash, inside an id)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).replace("\u00ad", ""))


def contains(haystack: str, needle: str) -> bool:
    """needle's text is in haystack, allowing a hyphen added where a line was broken."""
    return squash(needle) in squash(haystack) or squash(needle) in squash(re.sub(r"-[ \t]*\n", "", haystack))


def plain(markdownish: str) -> str:
    """An indicator's text as a reader sees it: the site's inline rendering without its tags."""
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html.inline(markdownish)))


# Checkers (shared with the negative tests) ------------------------------------------------------


def footer_problems(pdf: Path, expected: list[str]) -> list[str]:
    """Per PDF page: each expected footer part present, and no other text printed in the footer's band."""
    problems = []
    for n in range(1, pdf_pages(pdf) + 1):
        text = pdf_text(pdf, n)
        problems += [f"page {n}: no {part!r}" for part in expected if not contains(text, part)]
        words = pdf_words(pdf, n)
        anchor = [w for w in words if squash(expected[-1]) in squash(w.text)]
        if not anchor:
            continue
        band = min(w.y0 for w in words if abs(w.y0 - anchor[-1].y0) < 1) - 2  # the footer line, less its rule
        footer_line = [w for w in words if abs(w.y0 - anchor[-1].y0) < 1]
        under = [w.text for w in words if w.y1 > band and w not in footer_line]
        if under:
            problems.append(f"page {n}: printed under the footer: {' '.join(under)[:120]}")
    return problems


_TABLES = """(width) => [...document.querySelectorAll("article table, .md-content table")].map((t, i) => {
  const wrap = t.closest(".table-wrap, .md-typeset__scrollwrap");
  const r = t.getBoundingClientRect();
  const problems = [];
  if (t.scrollWidth > t.clientWidth + 1) problems.push(`scrolls: ${t.scrollWidth} > ${t.clientWidth}`);
  if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) problems.push(`wrapper scrolls: ${wrap.scrollWidth} > ${wrap.clientWidth}`);
  if (r.right > width + 1) problems.push(`right edge ${Math.round(r.right)}px beyond the page's ${Math.round(width)}px`);
  return problems.length ? `table ${i + 1} (${(t.tHead?.innerText || t.innerText).slice(0, 40).trim()}): ${problems.join("; ")}` : null;
}).filter(Boolean)"""


@cache
def page_content_width_px() -> float:
    """A4 width less the @page side margins that the built site's print CSS sets."""
    css = (SITE / "stylesheets" / "site.css").read_text(encoding="utf-8")
    m = re.search(r"@page\s*{[^}]*\bsize:\s*A4;[^}]*\bmargin:\s*([\d.]+)mm(?:\s+([\d.]+)mm)?", css)
    assert m, "site.css has no A4 @page rule with margins in mm"
    side = float(m.group(2) or m.group(1))
    return (A4_WIDTH_MM - 2 * side) * MM


def clipped_tables(page, url: str) -> list[str]:
    """Lay the page out as printed on A4 (print media, viewport = the page's content width) and list
    tables that scroll or run past the right edge of the page."""
    width = page_content_width_px()
    page.set_viewport_size({"width": int(width), "height": 1000})
    page.emulate_media(media="print")
    page.goto(url)
    return page.evaluate(_TABLES, width)


# The site --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def print_page(browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def test_indicator_pages_found():
    assert len(INDICATOR_PAGES) >= 10, INDICATOR_PAGES
    assert {p.split("/")[1] for p in INDICATOR_PAGES} == {p.stem for p in FRAMEWORKS_DIR.glob("*.yaml")}


@pytest.mark.parametrize("path", INDICATOR_PAGES or ["(no built site)"])
def test_printed_indicator_page(print_page, server, site_dir, pdftotext, tmp_path, path):
    if path not in INDICATOR_PAGES:
        pytest.fail("no built indicator pages")
    _, framework_id, _, level_id, _ = path.split("/")
    fw = load_file(FRAMEWORKS_DIR / f"{framework_id}.yaml").framework
    url = server + path

    assert clipped_tables(print_page, url) == []

    pdf = tmp_path / "page.pdf"
    print_page.pdf(path=str(pdf), format="A4", print_background=True)
    text = pdf_text(pdf)
    expected = [i for i in fw.indicators if i.level == level_id]
    assert expected, f"no indicators for {level_id} in {fw.id}"
    missing = [f"{i.id}: {plain(i.text)[:80]}" for i in expected
               if not (contains(text, plain(i.text)) and contains(text, i.id))]
    assert missing == [], f"{len(missing)} of {len(expected)} indicators missing from the PDF"

    assert footer_problems(pdf, [fw.authority, fw.edition, "/" + path]) == []


# The checkers fail when they should -------------------------------------------------------------


WIDE_TABLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wide</title>
<link rel="stylesheet" href="../stylesheets/site.css"></head><body><article class="md-typeset">
<div class="table-wrap"><table><thead><tr><th>Indicator</th><th>Id</th></tr></thead><tbody>
<tr><td style="white-space: nowrap">{cell}</td><td>wide-1</td></tr></tbody></table></div>
<p class="print-footer">Nowhere · 2025 · /__test__/wide.html</p></article></body></html>"""


def test_clip_checker_catches_a_wide_table(print_page, serve_html):
    cell = "A deliberately long indicator that must not wrap, " * 6
    url = serve_html("wide.html", WIDE_TABLE.format(cell=cell))
    problems = clipped_tables(print_page, url)
    assert len(problems) == 1 and ("beyond the page" in problems[0] or "scrolls" in problems[0]), problems
    # …and passes the same page once the cell may wrap.
    url = serve_html("narrow.html", WIDE_TABLE.format(cell=cell).replace("white-space: nowrap", "white-space: normal"))
    assert clipped_tables(print_page, url) == []


def test_print_checkers_catch_missing_footer_and_text(print_page, serve_html, pdftotext, tmp_path):
    # A long page whose footer lacks the edition, and with text printed under the footer's band.
    rows = "".join(f"<p>Line {n} of the page.</p>" for n in range(200))
    url = serve_html("footer.html", f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>F</title>
<style>@page {{ size: A4; margin: 15mm 12mm; }} p {{ margin: 0; font: 10pt sans-serif; }}
.f {{ position: fixed; bottom: 0; left: 0; right: 0; font: 8pt sans-serif; border-top: 1px solid #999; }}</style></head>
<body>{rows}<p class="f">Somewhere · /__test__/footer.html</p></body></html>""")
    print_page.emulate_media(media="print")
    print_page.goto(url)
    pdf = tmp_path / "bad.pdf"
    print_page.pdf(path=str(pdf), format="A4", print_background=True)
    problems = footer_problems(pdf, ["Somewhere", "Edition 9", "/__test__/footer.html"])
    assert any("no 'Edition 9'" in p for p in problems)
    assert any("printed under the footer" in p for p in problems), problems
    text = pdf_text(pdf)
    assert contains(text, "Line 199 of the page.") and not contains(text, "Line 200 of the page.")
