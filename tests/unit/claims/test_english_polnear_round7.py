"""English constructions fixed in the seventh PolNeAR train round (issue 11), on sentences
written for these tests."""

from __future__ import annotations

from schemas.models import Label

PEOPLE = [
    ("Maria Lopez", Label.PERSON, "Q-lopez", "Maria Lopez"),
    ("Tom Harlow", Label.PERSON, "Q-harlow", "Tom Harlow"),
]


def _claims(extractor, kit, body: str):  # type: ignore[no-untyped-def]
    return kit.english_claims(extractor, body, PEOPLE)


# ---- a post-posed speaker with one long apposition ----------------------------------------
def test_a_name_with_a_long_role_after_the_cue_speaks_the_content_before(kit, extractor) -> None:
    body = (
        "The plan to raise the levy has little support among farmers, said Tom Harlow, "
        "director of the Rural Policy Project at the University of Kent at Canterbury."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "The plan to raise the levy has little support among farmers"
    assert claim.speaker.name == "Tom Harlow"


# ---- a poll's group before a participle cue -------------------------------------------------
def test_a_poll_group_before_saying_is_its_speaker(kit, extractor) -> None:
    body = "The closures have left 58 percent of residents saying the council is failing them."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the council is failing them"
    assert claim.speaker.text == "58 percent of residents"


# ---- a content ends before a relative clause that runs to the sentence's end ---------------
def test_a_trailing_which_clause_is_not_part_of_the_content(kit, extractor) -> None:
    body = "Tom Harlow said he backs the new budget, which adds money for rural clinics."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "he backs the new budget"


def test_a_which_clause_between_commas_stays_in_the_content(kit, extractor) -> None:
    body = "Tom Harlow said the plan, which was approved in May, would fail."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the plan, which was approved in May, would fail"
