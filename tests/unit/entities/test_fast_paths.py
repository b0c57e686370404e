"""The entity stage's fast paths give exactly what the plain versions they replaced give: each
is checked against a straightforward reference on generated inputs."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.models import Label, TextField
from workers.core.entities import values
from workers.core.entities.coref import ShortFormResolver
from workers.core.entities.gazetteer import _previous_word
from workers.core.entities.spans import FieldText, Mention, longest_first
from workers.core.entities.values import ValueFinder
from workers.core.text import _MATCH_TABLE, match_form_with_offsets

FAST = settings(max_examples=300, deadline=None)


# --------------------------------------------------------------------- previous word


def _previous_word_by_regex(text: str, end: int) -> tuple[int, int] | None:
    found = re.search(r"(\w+)[ ]+$", text[:end])
    return found.span(1) if found else None


@FAST
@given(st.text(alphabet="aZ_7é ك\n.,-", max_size=14), st.data())
def test_previous_word_is_the_regex_search(text: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(0, len(text)))
    assert _previous_word(text, end) == _previous_word_by_regex(text, end)


# --------------------------------------------------------------------- longest first


def _longest_first_pairwise(mentions: list[Mention]) -> list[Mention]:
    chosen: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-m.length, m.field, m.start)):
        if not any(mention.overlaps(c) for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: (m.field != TextField.TITLE, m.start))


_spans = st.lists(
    st.tuples(
        st.sampled_from([TextField.TITLE, TextField.BODY]),
        st.integers(0, 30),
        st.integers(0, 6),
    ),
    max_size=25,
)


@FAST
@given(_spans)
def test_longest_first_matches_the_pairwise_version(
    spans: list[tuple[TextField, int, int]],
) -> None:
    mentions = [
        Mention(field, start, start + length, Label.ORG, f"id{i}", "x")
        for i, (field, start, length) in enumerate(spans)
    ]
    fast = longest_first(mentions)
    assert [id(m) for m in fast] == [id(m) for m in _longest_first_pairwise(mentions)]


# --------------------------------------------------------------------- matching-form offsets


def _offsets_per_character(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for mapped in _MATCH_TABLE[ord(ch)]:
            out.append(mapped)
            offsets.append(i)
    return "".join(out), offsets


# Diacritics and tatweel (dropped), lam-alef and fi ligatures (expand), zero-width space
# (dropped), Arabic-Indic digits, letters of both scripts, brackets a class would need escaped.
_MIXED = "اأبةى\u064b\u0651\u0640\ufefb\ufb01\u200b١٢ aZß^]\\-\n"


@FAST
@given(st.text(alphabet=_MIXED, max_size=30))
def test_offsets_match_the_per_character_mapping(text: str) -> None:
    assert match_form_with_offsets(text) == _offsets_per_character(text)


# --------------------------------------------------------------------- value patterns


def _without_lookaheads(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(re.sub(r"\(\?=\[[a-z]+\]\)", "", pattern.pattern), pattern.flags)


_EN_WORDS = [
    "in", "since", "of", "by", "early", "mid", "Monday", "sunday", "SEPT.", "May", "march",
    "June", "dec", "2024", "19th", "5", "million", "dollars", "per", "cent", "%", ",", "Jan",
    "ſince", "Ѕunday", "\u212aJune", "İn", "ın", "july",
]  # fmt: skip
_FOLDED = ["ſunday", "ſept", "ſince"]
"""Letters that fold to ASCII ones under IGNORECASE (long s); not given to the value finder:
``WEEKDAYS["ſunday"]`` raises KeyError there, a separate bug."""
_AR_WORDS = [
    "في",
    "يونيو",
    "عام",
    "يوم",
    "الثلاثاء",
    "،",
    "دولار",
    "مليار",
    "٢٠٢٤",
    "بـ5",
    "الماضي",
]


@FAST
@given(
    st.lists(st.sampled_from(_EN_WORDS + _AR_WORDS + _FOLDED), max_size=12),
    st.sampled_from([" ", ""]),
)
def test_value_patterns_find_what_the_plain_patterns_find(words: list[str], joint: str) -> None:
    text = joint.join(words) if joint else " ".join(words).replace(" ,", ",")
    for patterns, _ in values.KINDS:
        for pattern in patterns:
            fast = [m.span() for m in pattern.finditer(text)]
            assert fast == [m.span() for m in _without_lookaheads(pattern).finditer(text)]


@FAST
@given(st.lists(st.sampled_from(_EN_WORDS + _AR_WORDS), max_size=12))
def test_skipping_patterns_by_script_changes_no_value(words: list[str]) -> None:
    field = FieldText(TextField.BODY, " ".join(words))
    found = ValueFinder().find(field)
    saved = values._NEEDS_ARABIC, values._NEEDS_LATIN
    values._NEEDS_ARABIC, values._NEEDS_LATIN = set(), set()
    try:
        every_pattern = ValueFinder().find(field)
    finally:
        values._NEEDS_ARABIC, values._NEEDS_LATIN = saved
    assert found == every_pattern


def test_pre_checks_skip_the_other_scripts_patterns() -> None:
    """The English month patterns are not run on Arabic text, nor the Arabic ones on English:
    a value of the other script inside such a text is still found by the patterns it needs."""
    english = FieldText(TextField.BODY, "Talks resumed on June 19, 2024 in Lisbon.")
    arabic = FieldText(TextField.BODY, "استؤنفت المحادثات في 19 يونيو 2024 بكلفة $5 million.")
    assert [m.entity_id for m in ValueFinder().find(english)] == ["date:2024-06-19"]
    assert [m.entity_id for m in ValueFinder().find(arabic)] == [
        "date:2024-06-19",
        "money:USD:5000000",
    ]


# --------------------------------------------------------------------- coreference


def test_short_forms_found_by_the_word_scan_keep_their_offsets() -> None:
    text = "Pieter Jansen and سلمى الحارثي met. Jansen's plan, وللحارثي رأي, jansen no."
    field = FieldText(TextField.BODY, text)
    people = [
        Mention(TextField.BODY, 0, 13, Label.PERSON, "p1", "Pieter Jansen"),
        Mention(TextField.BODY, 18, 30, Label.PERSON, "p2", "سلمى الحارثي"),
    ]
    found = ShortFormResolver().find([field], people)
    assert [(text[m.start : m.end], m.entity_id) for m in found] == [
        ("Jansen", "p1"),  # the possessive 's is left out
        ("للحارثي", "p2"),  # و is left out; ل fused with the article stays
    ]
