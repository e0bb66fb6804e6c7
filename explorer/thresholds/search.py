"""What the explorer's filter matches for each indicator, computed once at build time.

Beyond an indicator's own words, a practitioner may type its domain or sub-heading, an abbreviation
the framework spells out in its glossary ("DA" and "domestic abuse" find each other), or a plain word
for a common worry ("hungry" finds "food"; the vocabulary is data, frameworks/vocabulary/plain-words.yaml),
or a word for one of the indicator's concerns (labels and synonyms in frameworks/concerns/concerns.yaml:
"violence at home" finds an indicator tagged domestic-abuse whatever its own words).
The page's filter then only checks that every typed word is in this text. Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .concerns import EMPTY, Vocabulary
from .model import Framework, Indicator


@dataclass(frozen=True)
class PlainWords:
    """One vocabulary entry: the words people use, and the terms frameworks use for the same worry."""

    words: tuple[str, ...]
    terms: tuple[str, ...]


def normalise(text: str) -> str:
    """Lower case, with **bold** marks and punctuation runs as single spaces: "DA/neglect" → "da neglect".

    The page's filter treats what is typed the same way (explorer.js), then looks for each typed word
    at the start of a word of these terms."""
    return " ".join(re.sub(r"[^\w'&]+", " ", text.replace("**", " ").lower()).split())


def _has_word(text: str, term: str, case_sensitive: bool) -> bool:
    """True when ``term`` occurs in ``text`` starting at a word boundary (a prefix such as "bruis" counts)."""
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.search(r"(?<![\w])" + re.escape(term), text, flags) is not None


def _has_whole(text: str, term: str, case_sensitive: bool) -> bool:
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.search(r"(?<![\w])" + re.escape(term) + r"(?![\w])", text, flags) is not None


def _matches(text: str, term: str) -> bool:
    # A short term ("gp", "sen") inside a longer word ("gpa", "sent") is not that term.
    if len(term) <= 3:
        return _has_whole(text, term, case_sensitive=False)
    return _has_word(text, term, case_sensitive=False)


def glossary_expansions(fw: Framework, text: str) -> list[str]:
    """The framework's abbreviations found in the text, spelt out, and spelt-out forms, abbreviated."""
    out = []
    for g in fw.glossary:
        if not g.get("abbreviation"):
            continue  # a long definition would make every word of it match
        term, definition = str(g["term"]), str(g["definition"])
        # Abbreviations are matched as written ("DA", not "da" inside "day"); spelt-out forms in any case.
        if _has_whole(text, term, case_sensitive=True) or _has_whole(text, definition, case_sensitive=False):
            out += [term, definition]
    return out


def indicator_terms(fw: Framework, indicator: Indicator, vocabulary: Sequence[PlainWords] = (),
                    concerns: Vocabulary = EMPTY) -> str:
    """Everything the filter should match for one indicator, normalised to lower-case words."""
    level = fw.level(indicator.level)
    domain = fw.domain(indicator.domain)
    own = " ".join(x for x in (indicator.text, indicator.subheading, domain.name, level.name) if x)
    parts = [own, *glossary_expansions(fw, own)]
    known = " ".join(parts)
    for entry in vocabulary:
        if any(_matches(known, t) for t in entry.terms):
            parts += entry.words
    parts += concerns.words_for(indicator.concerns)
    return normalise(" ".join(_unique(parts)))


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def vocabulary_from_dict(data: Mapping[str, object]) -> list[PlainWords]:
    """The vocabulary's entries from schema-valid data ({"entries": [{"words": [...], "terms": [...]}]})."""
    entries = data.get("entries") or []
    assert isinstance(entries, list)
    return [PlainWords(tuple(e["words"]), tuple(e["terms"])) for e in entries]
