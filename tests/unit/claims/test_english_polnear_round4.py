"""English constructions fixed in the fourth PolNeAR train round (issue 11), on sentences
written for these tests: he/she and first-name gender, pronoun subjects with contractions or
adverbs, auxiliaries detached by an aside, subjects after introductory phrases, content
boundaries (``, but``, ``, and has …``, a participle clause's own quotation) and gerund cues
(``responded by saying``)."""

from __future__ import annotations

from schemas.models import Label, Speaker
from workers.core.claims.english_gender import first_names, speaker_gender

PEOPLE = [
    ("Maria Lopez", Label.PERSON, "Q-lopez", "Maria Lopez"),
    ("Tom Harlow", Label.PERSON, "Q-harlow", "Tom Harlow"),
    ("Ann Reyes", Label.PERSON, "Q-reyes", "Ann Reyes"),
    ("Tom Reed", Label.PERSON, "Q-reed", "Tom Reed"),
]


def _claims(extractor, kit, body: str):  # type: ignore[no-untyped-def]
    return kit.english_claims(extractor, body, PEOPLE)


# ---- gender -------------------------------------------------------------------------------
def test_first_name_list_knows_common_names() -> None:
    names = first_names()
    assert names["maria"] == "f"
    assert names["tom"] == "m"


def test_speaker_gender_reads_honorifics_nouns_and_first_names() -> None:
    assert speaker_gender(Speaker(text="Ms. Okafor")) == "f"
    assert speaker_gender(Speaker(text="Mr. Okafor")) == "m"
    assert speaker_gender(Speaker(text="the spokeswoman")) == "f"
    assert speaker_gender(Speaker(text="Lopez", name="Maria Lopez")) == "f"
    assert speaker_gender(Speaker(text="Sen. Tom Harlow")) == "m"
    assert speaker_gender(Speaker(text="the committee")) is None
    assert speaker_gender(Speaker(text="the senator")) is None


def test_she_skips_the_nearest_man_for_the_woman_named_before_him(kit, extractor) -> None:
    body = "Maria Lopez met Tom Harlow at the depot. “We will win this fight,” she said."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "We will win this fight"
    assert claim.speaker.name == "Maria Lopez"


def test_he_still_takes_the_nearest_man(kit, extractor) -> None:
    body = "Maria Lopez met Tom Harlow at the depot. “We will win this fight,” he said."
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.name == "Tom Harlow"


# ---- speakers -----------------------------------------------------------------------------
def test_a_pronoun_with_a_contraction_or_adverb_is_the_last_speaker(kit, extractor) -> None:
    for subject in ("he’s", "He then", "he later"):
        body = (
            "Tom Harlow said the depot was late. "
            f"The mayor agreed, and {subject} said the budget was fine."
        )
        claim = kit.by_content(_claims(extractor, kit, body), "budget")
        assert claim.speaker.text == "Tom Harlow", subject


def test_an_auxiliary_detached_by_an_aside_is_no_speaker(kit, extractor) -> None:
    body = (
        "The ministry, in a move that has angered unions across the country, has said it "
        "would cut pensions."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "it would cut pensions"
    assert claim.speaker.text == "The ministry"


def test_a_participle_speaker_follows_an_introductory_phrase(kit, extractor) -> None:
    for body in (
        "In a statement released Monday, Maria Lopez criticised the plan, saying: “This is a "
        "disgrace.”",
        "At a rally in Ames, Iowa, on Sunday, Maria Lopez defended her vote, saying that the "
        "deal was fair.",
    ):
        (claim,) = _claims(extractor, kit, body)
        assert claim.speaker.text == "Maria Lopez", body


def test_a_subject_before_a_participle_aside_speaks_for_and_said(kit, extractor) -> None:
    body = (
        "Senate Republicans, looking for a way to change the debate, seized the floor on "
        "Wednesday and said they would stay."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "they would stay"
    assert claim.speaker.text == "Senate Republicans"


def test_a_quotation_after_said_is_content_not_an_inverted_speaker(kit, extractor) -> None:
    body = (
        "Judge Ann Reyes, writing for the majority, said the remaining period “is really "
        "quite generous.”"
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the remaining period “is really quite generous.”"
    assert claim.speaker.name == "Ann Reyes"


def test_a_name_ending_in_ed_is_no_verb(kit, extractor) -> None:
    body = "Mayor Tom Reed spoke for an hour, saying that he expects to win."
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.text == "Tom Reed"


# ---- content ------------------------------------------------------------------------------
def test_a_participle_clause_keeps_its_own_quotation(kit, extractor) -> None:
    body = "“He is honest,” Ann Reyes said, adding that Harlow is “the most trustworthy of all.”"
    claims = _claims(extractor, kit, body)
    assert [c.text for c in claims] == [
        "He is honest",
        "Harlow is “the most trustworthy of all.”",
    ]


def test_a_split_quotation_is_still_one_claim(kit, extractor) -> None:
    body = "“He is honest,” Ann Reyes said, “and he works hard.”"
    (claim,) = _claims(extractor, kit, body)
    assert claim.text.startswith("He is honest") and claim.text.endswith("he works hard")


def test_reported_content_ends_before_but(kit, extractor) -> None:
    body = "Maria Lopez said the emails were personal, but for her rivals, they prove a plot."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the emails were personal"


def test_reported_content_ends_before_and_has_done(kit, extractor) -> None:
    body = "Tom Harlow said the party must offer ideas, and has championed an agenda of cuts."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the party must offer ideas"


def test_gerund_cues_after_by_and_also(kit, extractor) -> None:
    body = "A Danish official responded by saying the ferry should stay in port."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the ferry should stay in port"
    assert claim.speaker.text == "A Danish official"
    body = "Tom Harlow spoke for an hour, also saying that he expects to win."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "he expects to win"
    assert claim.speaker.text == "Tom Harlow"
