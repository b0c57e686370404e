"""Language chains measured against the template's (issue 12: indexing with the language
analysis at ≥ 0.8 × the throughput without it).

The template gives each article's text to its language's chain alone (per-language fields,
``schemas.documents``). These variants exist only for the measurements of bench/search
(``analysis_cost``, ``evaluate``) and the relay's ``--relay-analyzer``: cheaper chains that
were measured and not taken, and the nisba pattern as it was before it moved onto the reversed
word (bench/search/README.md, "Per-language fields"). Every filter here is an analysis-common
type the local plugin also provides, so each variant could run on both targets.
"""

from __future__ import annotations

from typing import Any

from schemas.mappings import (
    ANALYSIS,
    ARABIC_FILTERS,
    ARABIC_NISBA_FILTERS,
    ENGLISH_FILTERS,
    TEXT_FILTERS,
)

ARABIC_PATTERNS = ("newsflow_arabic_nisba", "newsflow_arabic_proclitics")
_NISBA = set(ARABIC_NISBA_FILTERS)


def _arabic_without(*removed: str) -> list[str]:
    """The Arabic chain without some filters (the nisba's ``reverse`` pair goes with it)."""
    gone = set(removed) | (_NISBA if "newsflow_arabic_nisba" in removed else set())
    return [f for f in ARABIC_FILTERS if f not in gone]


LANGUAGE_ANALYZERS: dict[str, list[str]] = {
    # the template's own per-language chains (the product since per-language fields)
    "newsflow_arabic": ARABIC_FILTERS,
    "newsflow_english": ENGLISH_FILTERS,
    # both chains in one pass: every article's text before per-language fields (A/B runs)
    "newsflow_text": TEXT_FILTERS,
    # cheaper, and not the same tokens: what reaching 0.8 would have taken (recall: README)
    "newsflow_arabic_light": _arabic_without(*ARABIC_PATTERNS),
    "newsflow_arabic_no_nisba": _arabic_without("newsflow_arabic_nisba"),
    "newsflow_arabic_no_proclitics": _arabic_without("newsflow_arabic_proclitics"),
    "newsflow_arabic_forward_nisba": [
        g
        for f in ARABIC_FILTERS
        if f != "reverse"
        for g in (["newsflow_arabic_nisba_forward"] if f == "newsflow_arabic_nisba" else [f])
    ],
    "newsflow_english_function_words": [
        "newsflow_english_function_words" if f == "newsflow_english_stop" else f
        for f in ENGLISH_FILTERS
    ],
    "newsflow_english_minimal": [
        "newsflow_english_minimal_stem" if f == "newsflow_english_stem" else f
        for f in ENGLISH_FILTERS
    ],
}
"""Analyzer name → filters after the standard tokenizer."""

ARABIC_NISBA_FORWARD = "ي(?<=\\p{L}{4})ه?$"
"""The nisba pattern on the word as written, before it moved onto the reversed word (the same
tokens, about 1.7 × the cost): to measure what the move gained."""

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
        "newsflow_english_minimal_stem": {"type": "stemmer", "language": "minimal_english"},
        "newsflow_arabic_nisba_forward": {
            "type": "pattern_replace",
            "pattern": ARABIC_NISBA_FORWARD,
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
