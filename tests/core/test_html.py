"""Text from data is escaped; only our own markup reaches a page."""

from __future__ import annotations

from thresholds import html


def test_markup_in_data_is_escaped():
    out = html.blocks(['<script>alert(1)</script> & "x"', {"list": ["<b>bold?</b>", {"text": "a", "items": ["<i>"]}]}])
    assert "<script>" not in out and "<b>" not in out and "<i>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in out


def test_bold_and_web_addresses_are_the_only_markup():
    out = html.inline("For **single** need see www.example.org/path.")
    assert "<strong>single</strong>" in out
    assert '<a href="https://www.example.org/path" class="external" rel="noopener">www.example.org/path</a>.' in out


def test_javascript_urls_are_not_links():
    assert "<a" not in html.inline("javascript:alert(1)")


def test_abbreviations_skip_links_code_and_headings():
    abbr = html.Abbreviations({"CAF": "Common Assessment Framework", "A&C SW": "Advice & Consultation Social Worker"})
    out = abbr.apply('<p>Use the CAF. Ask the A&amp;C SW.</p><h2>CAF</h2><a href="/CAF">CAF</a><code>CAF</code>')
    assert out.count("<abbr") == 2
    assert '<abbr title="Common Assessment Framework">CAF</abbr>.' in out
    assert '<abbr title="Advice &amp; Consultation Social Worker">A&amp;C SW</abbr>' in out
    assert "<h2>CAF</h2>" in out and ">CAF</a>" in out


def test_abbreviations_match_whole_words_only():
    abbr = html.Abbreviations({"CP": "Child Protection"})
    assert "<abbr" not in abbr.apply("<p>CPR and ACP and CP-1</p>")


def test_tables_have_scoped_headers():
    out = html.table({"columns": ["A"], "rows": [["<x>"]]})
    assert '<th scope="col">A</th>' in out and "<td>&lt;x&gt;</td>" in out


def test_tel_href_keeps_digits_and_plus():
    assert html.tel_href("(01254) 666 400") == "tel:01254666400"


def test_an_abbreviation_never_breaks_an_entity_into_visible_text():
    abbr = html.Abbreviations({"x27": "not a word", "amp": "ampere", "quot": "quotation"})
    page = "<p>Children&#x27;s &amp; families &quot;first&quot;</p>"
    assert abbr.apply(page) == page
    marked = abbr.apply("<p>Children&#x27;s x27 form &amp; amp</p>")
    assert marked == ('<p>Children&#x27;s <abbr title="not a word">x27</abbr> form &amp; '
                      '<abbr title="ampere">amp</abbr></p>')


def test_an_abbreviation_holding_markup_characters_stays_text():
    abbr = html.Abbreviations({"<b>": 'a "bold" tag', "A&E": "Accident & Emergency"})
    out = abbr.apply("<p>Go to A&amp;E, not &lt;b&gt;.</p>")
    assert out == ('<p>Go to <abbr title="Accident &amp; Emergency">A&amp;E</abbr>, not '
                   '<abbr title="a &quot;bold&quot; tag">&lt;b&gt;</abbr>.</p>')
