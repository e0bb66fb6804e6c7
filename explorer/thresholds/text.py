"""Characters a publisher cannot see: name them, refuse the dangerous ones, keep them off terminals.

Standard library only (core module). Text pasted from Word and PDF brings non-breaking spaces,
zero-width spaces and soft hyphens; hostile text brings terminal escape codes and direction
overrides. The reader (``source``) uses ``describe`` to name them with their column; the CLI and
every Problem use ``printable`` so that nothing from a framework file can drive a terminal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class CharInfo:
    """What a hidden or forbidden character is, in a publisher's words, and what to do about it."""

    name: str  # "a non-breaking space (U+00A0)"
    hint: str  # "probably pasted from Word: replace it with a normal space"
    forbidden: bool  # True: an error wherever it is; False: a warning inside text

    def hint_suffix(self) -> str:
        """The hint as it follows "... at column N"."""
        return f", {self.hint}" if self.hint.startswith("probably") else f": {self.hint}"


_WORD = "probably pasted from Word"
_HIDDEN: dict[str, tuple[str, str]] = {
    "\u00a0": ("a non-breaking space", f"{_WORD}: replace it with a normal space"),
    "\u202f": ("a narrow non-breaking space", f"{_WORD}: replace it with a normal space"),
    "\u2007": ("a figure space", f"{_WORD}: replace it with a normal space"),
    "\u00ad": ("a soft hyphen", f"{_WORD}; it is invisible unless the word breaks: delete it"),
    "\u200b": ("a zero-width space", "it is invisible and stops search finding the words: delete it"),
    "\u200c": ("a zero-width non-joiner", "it is invisible: delete it"),
    "\u200d": ("a zero-width joiner", "it is invisible: delete it"),
    "\u2060": ("a word joiner", "it is invisible: delete it"),
    "\ufeff": ("a byte order mark", "it is invisible: delete it"),
    "\u200e": ("a left-to-right mark", "it is invisible: delete it"),
    "\u200f": ("a right-to-left mark", "it is invisible: delete it"),
    "\u2028": ("a line separator", "replace it with a normal line break"),
    "\u2029": ("a paragraph separator", "replace it with a normal line break"),
}

_CONTROL_NAMES = {
    "\x00": "a null character",
    "\x1b": "an escape character",
    "\r": "a carriage return",
    "\x7f": "a delete character",
}


def _code(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _is_direction_control(o: int) -> bool:
    return 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069


def describe(ch: str) -> CharInfo | None:
    """Name a hidden or forbidden character; None for ordinary characters, newline and tab."""
    if ch in "\n\t":
        return None
    o = ord(ch)
    if o < 0x20 or 0x7F <= o <= 0x9F:
        name = _CONTROL_NAMES.get(ch, "a control character")
        why = ", used for terminal escape codes" if ch == "\x1b" else ""
        return CharInfo(f"{name} ({_code(ch)}{why})", "control characters are not allowed in a framework file: delete it", True)
    if 0xD800 <= o <= 0xDFFF:
        return CharInfo(f"an unpaired surrogate ({_code(ch)})", "it is not a character: delete it", True)
    if _is_direction_control(o):
        return CharInfo(f"a text direction control ({_code(ch)})",
                        "it can make text display in another order than it is written: delete it", True)
    if ch in _HIDDEN:
        name, hint = _HIDDEN[ch]
        return CharInfo(f"{name} ({_code(ch)})", hint, False)
    if 0xE000 <= o <= 0xF8FF:
        return CharInfo(f"a private-use character ({_code(ch)})",
                        f"{_WORD} (a symbol-font bullet?): delete it or use a normal character", False)
    return None


# The JSON Schema's "text" pattern: at least one character that is neither white space nor invisible.
# Kept here so the Python side and the published schema say the same (a test holds them equal).
VISIBLE_PATTERN = "[^\\s\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ue000-\\uf8ff]"


def has_visible(value: str) -> bool:
    """True if the text has at least one character a reader can see."""
    return any(not ch.isspace() and describe(ch) is None and not _other_invisible(ord(ch)) for ch in value)


def _other_invisible(o: int) -> bool:
    # Format characters not named above: invisible operators, Mongolian vowel separator,
    # interlinear annotation marks, tag characters.
    return 0x2061 <= o <= 0x2064 or o == 0x180E or 0xFFF9 <= o <= 0xFFFB or 0xE0000 <= o <= 0xE007F


def without_hidden(value: str) -> str:
    """The text with hidden and forbidden characters removed and spaces trimmed (for showing a key)."""
    return "".join(ch for ch in value if describe(ch) is None).strip()


_CURLY_PAIRS = (("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u201e", "\u201c"), ("\u201e", "\u201d"))
CURLY_WARNING = ("the whole text is in curly quotes (\u201c\u2026\u201d), which are published as part of it: "
                 "remove them, or use straight quotes (\"\u2026\") if you meant YAML quoting")


def curly_wrapped(value: str) -> bool:
    """True if the whole text is wrapped in one pair of curly quotes, as Word writes them."""
    s = value.strip()
    if len(s) < 2:
        return False
    for left, right in _CURLY_PAIRS:
        if s[0] == left and s[-1] == right and left not in s[1:-1] and right not in s[1:-1]:
            return True
    return False


# Fields whose value is one line of text: a line break or tab there is a mistake.
SINGLE_LINE_FIELDS = frozenset({
    "id", "authority", "partnership", "title", "short_title", "edition", "name", "term", "label",
    "number", "emails", "urls", "url", "level", "domain", "date", "published", "review_date",
})


# Compiled on first use (re caches them): only problems and the CLI print through them, and a character
# class this wide costs the explorer several milliseconds at start-up in Pyodide.
_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
_UNSAFE_WITH_LINES = "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"


def printable(value: str, keep_lines: bool = False) -> str:
    """Text safe to print on a terminal: control, direction and surrogate characters as \\uXXXX.

    ``keep_lines`` leaves newline and tab (the CLI's output); a Problem keeps none, so it stays one line.
    """
    pattern = re.compile(_UNSAFE if keep_lines else _UNSAFE_WITH_LINES)
    return pattern.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
