"""English constructions fixed in the fifth PolNeAR train round (issue 11), on sentences
written for these tests: quotation marks of mixed styles (``"A,” she said``)."""

from __future__ import annotations

from schemas.models import Label
from workers.core.claims.segment import find_quotes

PEOPLE = [
    ("Maria Lopez", Label.PERSON, "Q-lopez", "Maria Lopez"),
    ("Tom Harlow", Label.PERSON, "Q-harlow", "Tom Harlow"),
]


def _claims(extractor, kit, body: str):  # type: ignore[no-untyped-def]
    article = kit.make_article(body, title="Council vote", lang="en")
    claims = extractor(article, kit.mentions(body, PEOPLE))
    kit.assert_offsets(article, claims)
    return claims


def _inner(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text, 0, len(text))]


# ---- quotation marks ----------------------------------------------------------------------
def test_a_straight_mark_closed_by_a_curly_one_is_one_quotation() -> None:
    text = '"We lost the vote. We will try again,” Harlow said. "It is over."'
    assert _inner(text) == ["We lost the vote. We will try again,", "It is over."]


def test_a_curly_mark_closed_by_a_straight_one_is_one_quotation() -> None:
    text = '“The budget is late," Lopez said, “and nobody cares.”'
    assert _inner(text) == ["The budget is late,", "and nobody cares."]


def test_straight_marks_alone_still_pair_by_alternation() -> None:
    text = 'He called it "a farce" and "a waste" of time.'
    assert _inner(text) == ["a farce", "a waste"]


def test_a_mixed_style_quotation_of_several_sentences_is_one_claim(kit, extractor) -> None:
    body = (
        '"You have one plan that failed. That is the old plan. You have another that '
        "works,” Maria Lopez said. The room went quiet."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == (
        "You have one plan that failed. That is the old plan. You have another that works"
    )
    assert claim.speaker.name == "Maria Lopez"
