"""Per-language analyzers measured against the template's one-pass ``newsflow_text`` (issue 12:
indexing with the language analysis at ≥ 0.8 × the throughput without it).

The worker knows each article's language, so its text could go to a field analysed by that
language's chain alone instead of through both chains. These analyzers exist only for the
measurements of bench/search (``analysis_cost``, ``evaluate``); the template does not use them
(bench/search/README.md, "Per-language fields" says why). Every filter here is an
analysis-common type the local plugin also provides, so each variant could run on both targets.
"""

from __future__ import annotations

from typing import Any

from schemas.mappings import ANALYSIS, ARABIC_FILTERS, ENGLISH_FILTERS

ARABIC_NISBA_REVERSED = "^ه?ي(?=\\p{L}{3})"
"""``schemas.mappings.ARABIC_NISBA`` for the reversed word (its ي, then ه or nothing, at the end
with three letters before the ي): anchored at ``^``, Java tries it at the first position only,
where the template's form is tried at every position of every token."""
ARABIC_PATTERNS = ("newsflow_arabic_nisba", "newsflow_arabic_proclitics")

LANGUAGE_ANALYZERS: dict[str, list[str]] = {
    # the two chains of the template, each alone (the same tokens for text in its own script)
    "newsflow_arabic": ARABIC_FILTERS,
    "newsflow_english": ENGLISH_FILTERS,
    # cheaper, and not the same tokens: what reaching 0.8 would take (recall: README)
    "newsflow_arabic_light": [f for f in ARABIC_FILTERS if f not in ARABIC_PATTERNS],
    "newsflow_arabic_no_nisba": [f for f in ARABIC_FILTERS if f != "newsflow_arabic_nisba"],
    "newsflow_arabic_no_proclitics": [
        f for f in ARABIC_FILTERS if f != "newsflow_arabic_proclitics"
    ],
    "newsflow_english_function_words": [
        "newsflow_english_function_words" if f == "newsflow_english_stop" else f
        for f in ENGLISH_FILTERS
    ],
    # the same tokens as newsflow_arabic: the nisba pattern on the reversed word, anchored
    "newsflow_arabic_reversed_nisba": [
        g
        for f in ARABIC_FILTERS
        for g in (
            ["reverse", "newsflow_arabic_nisba_reversed", "reverse"]
            if f == "newsflow_arabic_nisba"
            else [f]
        )
    ],
    "newsflow_english_minimal": [
        "newsflow_english_minimal_stem" if f == "newsflow_english_stem" else f
        for f in ENGLISH_FILTERS
    ],
}
"""Analyzer name → filters after the standard tokenizer."""

_FUNCTION_WORDS_TEXT = """
    a an the this that these those some any each every both either neither such
    i me my mine we our ours you your yours he him his she her hers it its
    they them their theirs myself ourselves yourself himself herself itself
    themselves what which whom whose whoever whatever
    am is are was were be been being have has had having do does did doing
    would should could might must shall will
    and but or nor if then than because as until while so though although
    of at by for with about against between into through during before after
    above below to from up down in out on off over under again further once
    here there when where why how all most other own same too very just
    no not only also
"""
ENGLISH_FUNCTION_WORDS = sorted(set(_FUNCTION_WORDS_TEXT.split()))
"""Function words, written for this measurement: pronouns, determiners, auxiliaries,
conjunctions, prepositions (four times ``_english_``'s 33; without *who* (WHO), *us* (US),
*may* (May), *can*, which are also names or nouns in news text). Only to measure whether
dropping more tokens pays for KStem in Elasticsearch; not the template's list."""

LANGUAGE_ANALYSIS: dict[str, Any] = {
    "filter": {
        **ANALYSIS["filter"],
        "newsflow_arabic_stop": {"type": "stop", "stopwords": "_arabic_"},
        "newsflow_english_stop": {"type": "stop", "stopwords": "_english_"},
        "newsflow_english_minimal_stem": {"type": "stemmer", "language": "minimal_english"},
        "newsflow_arabic_nisba_reversed": {
            "type": "pattern_replace",
            "pattern": ARABIC_NISBA_REVERSED,
            "replacement": "",
            "all": False,
        },
        "newsflow_english_function_words": {"type": "stop", "stopwords": ENGLISH_FUNCTION_WORDS},
    },
    "analyzer": {
        name: {"type": "custom", "tokenizer": "standard", "filter": filters}
        for name, filters in LANGUAGE_ANALYZERS.items()
    },
}
