"""Framework text to safe HTML: every string from data is escaped; only our own markup is emitted.

Standard library only, so the browser's result panel and the site's pages share one renderer.
Framework text may use ``**bold**`` (the sources use it for emphasis); nothing else is markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_URL = re.compile(r"\b((?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:)])")


def escape(text: str) -> str:
    """Escape text for HTML element content or a quoted attribute."""
    return html.escape(str(text), quote=True)


def escape_text(text: str) -> str:
    """Escape text for element content only (&, <, >), leaving quotes as they are.

    For text that passes through Markdown (headings): an entity such as ``&#x27;`` there would be
    taken apart by Markdown's backslash escapes and reach the table of contents escaped twice.
    """
    return html.escape(str(text), quote=False)


class Abbreviations:
    """Wraps known abbreviations in <abbr title=…> so they show a tooltip on every page."""

    # Inside these an <abbr> would break a link, a code sample or a heading's table-of-contents entry.
    _SKIP = {"a", "abbr", "code", "pre", "script", "style", "title", "h1", "h2", "h3", "h4", "h5", "h6", "textarea", "label", "button"}

    def __init__(self, terms: Mapping[str, str] | None = None):
        self.terms = dict(terms or {})
        # Matched in text as a reader sees it (entities decoded), so a term such as "x27" can never
        # match inside "&#x27;", and "A&C" matches however the page spells the ampersand.
        alternatives = "|".join(re.escape(t) for t in sorted(self.terms, key=len, reverse=True))
        self._pattern = re.compile(r"(?<![\w&/.-])(" + alternatives + r")(?![\w-])") if self.terms else None
        self._titles = {t: escape(d) for t, d in self.terms.items()}

    def apply(self, markup: str) -> str:
        """Mark the first-class abbreviations in HTML, in text outside links, code and headings."""
        if self._pattern is None:
            return markup
        parts = re.split(r"(<[^>]+>)", markup)
        skipping: list[str] = []
        for i, part in enumerate(parts):
            if part.startswith("<"):
                name = re.match(r"</?([a-zA-Z0-9]+)", part)
                tag = name.group(1).lower() if name else ""
                if tag in self._SKIP and not part.endswith("/>"):
                    if part.startswith("</"):
                        if tag in skipping:
                            del skipping[len(skipping) - 1 - skipping[::-1].index(tag)]
                    else:
                        skipping.append(tag)
            elif part and not skipping:
                parts[i] = self._mark(part)
        return "".join(parts)

    def _mark(self, text_node: str) -> str:
        text = html.unescape(text_node)
        pieces, last = [], 0
        for m in self._pattern.finditer(text):
            pieces += [escape(text[last:m.start()]), f'<abbr title="{self._titles[m.group(1)]}">{escape(m.group(1))}</abbr>']
            last = m.end()
        if not pieces:
            return text_node  # untouched: the page keeps its own spelling of every character
        return "".join(pieces) + escape(text[last:])


NO_ABBREVIATIONS = Abbreviations()


def inline(text: str, links: bool = True) -> str:
    """One run of text: escaped, with **bold** and web addresses as links."""
    out = escape(text)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    if links:
        out = _URL.sub(lambda m: _link(m.group(1)), out)
    return out


def _link(escaped_url: str) -> str:
    href = escaped_url if not escaped_url.startswith("www.") else "https://" + escaped_url
    return f'<a href="{href}" class="external" rel="noopener">{escaped_url}</a>'


def list_items(items: Sequence[Any], ordered: bool = False) -> str:
    """A (possibly nested) list of items as <ul> or <ol>."""
    tag = "ol" if ordered else "ul"
    out = [f"<{tag}>"]
    for item in items:
        if isinstance(item, Mapping):
            out.append(f"<li>{inline(item['text'])}{list_items(item['items'])}</li>")
        else:
            out.append(f"<li>{inline(item)}</li>")
    out.append(f"</{tag}>")
    return "".join(out)


def blocks(content: Sequence[Any], heading_level: int = 3) -> str:
    """A run of content blocks (paragraphs, lists, headings, notes, figures, tables) as HTML."""
    out = []
    for block in content:
        if isinstance(block, str):
            out.append(f"<p>{inline(block)}</p>")
        elif "list" in block:
            out.append(list_items(block["list"]))
        elif "ordered" in block:
            out.append(list_items(block["ordered"], ordered=True))
        elif "heading" in block:
            out.append(f"<h{heading_level}>{inline(block['heading'], links=False)}</h{heading_level}>")
        elif "note" in block:
            out.append(f'<div class="admonition note"><p class="admonition-title">Note</p><p>{inline(block["note"])}</p></div>')
        elif "figure" in block:
            out.append(
                '<div class="admonition info figure-missing"><p class="admonition-title">Figure not reproduced</p>'
                f"<p>{inline(block['figure'])}</p></div>"
            )
        elif "table" in block:
            out.append(table(block["table"]))
    return "".join(out)


def table(spec: Mapping[str, Any]) -> str:
    """A data table with header cells scoped for screen readers."""
    caption = f"<caption>{inline(spec['caption'])}</caption>" if spec.get("caption") else ""
    head = "".join(f'<th scope="col">{inline(c)}</th>' for c in spec["columns"])
    rows = "".join(
        "<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in spec["rows"]
    )
    label = spec.get("caption") or ", ".join(str(c) for c in spec["columns"])
    return scroll_region(f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>", label)


def scroll_region(table_html: str, label: str) -> str:
    """A wide table in a region that scrolls sideways on a phone.

    A region that scrolls must be reachable and named for keyboard and screen-reader users
    (WCAG 2.1.1; axe: scrollable-region-focusable), whether or not it overflows with the reader's
    fonts, so every wrapper is focusable and labelled. ``label`` is plain text; it is escaped here.
    """
    return f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(label)}">{table_html}</div>'


def tel_href(number: str) -> str:
    """A tel: link target from a number as printed (spaces and brackets removed)."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)
