"""The filter's search terms: own words, domain and sub-heading, glossary expansions, plain words."""

from __future__ import annotations

import re

from thresholds.search import PlainWords, glossary_expansions, indicator_terms, normalise

from .conftest import load


def found(fw, query, vocabulary=()):
    words = normalise(query).split()  # as the page's filter does
    return {i.id for i in fw.indicators
            if all(f" {w}" in " " + indicator_terms(fw, i, vocabulary) for w in words)}


def test_terms_include_domain_level_and_plain_words(tiny):
    vocab = [PlainWords(("hurt",), ("injur",)), PlainWords(("gp",), ("gp",))]
    assert found(tiny, "hurt", vocab) == {"home-4-01"}
    assert found(tiny, "home") == {"home-2-01", "home-3-01", "home-4-01"}  # the domain's name
    assert found(tiny, "hurt") == set(), "without the vocabulary the plain word finds nothing"


def test_short_terms_match_whole_words_only(tiny):
    vocab = [PlainWords(("doctor",), ("gp",))]
    assert found(tiny, "doctor", vocab) == {"health-1-01"}
    vocab = [PlainWords(("doctor",), ("re",))]  # "re" must not match inside "Registered" or "reported"
    assert found(tiny, "doctor", vocab) == set()


def test_abbreviations_and_expansions_find_each_other(tiny):
    fw = tiny
    assert glossary_expansions(fw, "Needs an EHA") == ["EHA", "Early Help Assessment"]
    assert glossary_expansions(fw, "needs an early help assessment") == ["EHA", "Early Help Assessment"]
    assert glossary_expansions(fw, "theha") == []  # not inside a word


def test_worcestershire_domestic_finds_the_indicators_that_say_da():
    fw = load("worcestershire")
    says_da = {i.id for i in fw.indicators if re.search(r"\bDA\b", i.text)}
    assert len(says_da) >= 5
    assert says_da <= found(fw, "domestic")
    assert says_da <= found(fw, "domestic abuse")
    says_domestic = {i.id for i in fw.indicators if "domestic abuse" in i.text.lower()}
    assert says_domestic <= found(fw, "DA")


def test_every_frameworks_abbreviations_find_their_expansions(real):
    for g in real.glossary:
        if not g.get("abbreviation"):
            continue
        using = {i.id for i in real.indicators if re.search(r"(?<!\w)" + re.escape(g["term"]) + r"(?!\w)", i.text)}
        if using:
            assert using <= found(real, g["definition"]), g["term"]


def test_an_indicators_concerns_lend_it_their_labels_and_synonyms(real):
    from thresholds.concerns import Concern, Vocabulary

    # A made-up synonym, so that nothing but the concern can make it match.
    tagged = next(i for i in real.indicators if i.concerns)
    vocab = Vocabulary((Concern(tagged.concerns[0], "Zzlabel", "A test concern.", "child-development", ("qqsynonym phrase",)),))
    with_concerns = {i.id for i in real.indicators
                     if " qqsynonym" in " " + indicator_terms(real, i, (), vocab)}
    assert tagged.id in with_concerns
    assert with_concerns == {i.id for i in real.indicators if tagged.concerns[0] in i.concerns}
    assert not any(" qqsynonym" in " " + indicator_terms(real, i) for i in real.indicators), "no concerns, no match"
