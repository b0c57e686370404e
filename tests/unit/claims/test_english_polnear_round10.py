"""English speaker spans fixed in the tenth PolNeAR train round (issue 11), on sentences
written for these tests."""

from __future__ import annotations

from schemas.models import Label

PEOPLE = [
    ("Tom Harlow", Label.PERSON, "Q-harlow", "Tom Harlow"),
    ("Quorra Vell", Label.PERSON, "Q-vell", "Quorra Vell"),
    ("Peter Quinn", Label.PERSON, "Q-quinn", "Peter Quinn"),
    ("Maria Lopez", Label.PERSON, "Q-lopez", "Maria Lopez"),
]


def _claims(extractor, kit, body: str):  # type: ignore[no-untyped-def]
    return kit.english_claims(extractor, body, PEOPLE)


def _pairs(claims) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(c.speaker.text, c.text) for c in claims]


# ---- "The contrast with X, said Y, would …": an inverted cue inside the statement -----------
def test_an_inverted_cue_inside_the_statement_gives_the_name_after_it(kit, extractor) -> None:
    body = "The difference with Harlow, said Quorra Vell and two aides, would be plain by March."
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.text == "Quorra Vell and two aides"
    assert claim.text.startswith("The difference with Harlow")
    assert claim.text.endswith("would be plain by March")


def test_an_inverted_cue_with_a_role_after_the_name(kit, extractor) -> None:
    body = (
        "The real puzzle about Harlow, says Peter Quinn, a historian at the town museum, "
        "is why the voters forgave him."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.name == "Peter Quinn"
    assert claim.text.endswith("is why the voters forgave him")


def test_a_statement_before_an_inverted_cue_stays_the_content(kit, extractor) -> None:
    # a clause before the comma is the whole statement; the relative clause describes Vell
    body = "The budget is dead, said Quorra Vell, who was furious about the vote."
    (claim,) = _claims(extractor, kit, body)
    assert _pairs([claim]) == [("Quorra Vell", "The budget is dead")]


# ---- "9:12PMHarlow Says …": a live blog's time stamp run into its headline --------------------
def test_a_time_stamp_glued_to_a_headline_subject_is_not_the_speaker(kit, extractor) -> None:
    body = "Evening Updates 9:12PMHarlow Says The Bridge Will Reopen In March"
    claims = _claims(extractor, kit, body)
    assert [(c.speaker.text, c.cue) for c in claims] == [("Harlow", "Says")]
