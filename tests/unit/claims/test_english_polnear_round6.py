"""English constructions fixed in the sixth PolNeAR train round (issue 11), on sentences
written for these tests: unnamed questioners, periphrastic cues, gendered pronoun speakers,
subjects after conjunctions, datelines and dashes, and where a content stops."""

from __future__ import annotations

from schemas.models import Label, Stance
from workers.core.claims.segment import split_paragraphs

PEOPLE = [
    ("Maria Lopez", Label.PERSON, "Q-lopez", "Maria Lopez"),
    ("Tom Harlow", Label.PERSON, "Q-harlow", "Tom Harlow"),
]


def _claims(extractor, kit, body: str):  # type: ignore[no-untyped-def]
    return kit.english_claims(extractor, body, PEOPLE)


# ---- questions without a named asker ------------------------------------------------------
def test_an_agentless_asked_clause_is_a_question_of_an_unnamed_asker(kit, extractor) -> None:
    body = "Asked whether the bridge would reopen, Tom Harlow said it would."
    claims = _claims(extractor, kit, body)
    question = kit.by_content(claims, "the bridge would reopen")
    assert question.text == "whether the bridge would reopen"
    assert question.stance is Stance.QUESTION and question.speaker.text == "?"
    assert kit.by_content(claims, "it would").speaker.name == "Tom Harlow"


def test_when_asked_by_someone_that_someone_asks(kit, extractor) -> None:
    body = "When asked by a reporter about the budget gap, Tom Harlow laughed."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "about the budget gap"
    assert claim.speaker.text == "a reporter"


def test_the_clause_before_when_asked_is_no_speaker(kit, extractor) -> None:
    body = "Maria Lopez defended the vote when asked at the hearing about the delay."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "about the delay"
    assert claim.speaker.text == "?"


def test_an_unnamed_asker_is_not_the_referent_of_a_later_pronoun(kit, extractor) -> None:
    body = "Tom Harlow said the vote was close. Asked about the recount, he said it was not needed."
    claims = _claims(extractor, kit, body)
    assert kit.by_content(claims, "it was not needed").speaker.name == "Tom Harlow"


# ---- periphrastic cues --------------------------------------------------------------------
def test_went_on_to_say_keeps_its_subject(kit, extractor) -> None:
    body = "Tom Harlow praised the staff. The report went on to say that costs had doubled."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "costs had doubled"
    assert claim.speaker.text == "The report"


def test_quoted_as_saying_ends_the_speaker_before_its_auxiliary(kit, extractor) -> None:
    body = "“We will not sell,” Tom Harlow is quoted as saying."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "We will not sell"
    assert claim.speaker.text == "Tom Harlow"


# ---- where a content stops ----------------------------------------------------------------
def test_a_participle_after_a_closing_quotation_ends_the_content(kit, extractor) -> None:
    body = 'Maria Lopez said the process was "rigged," noting that two members had left.'
    claims = _claims(extractor, kit, body)
    first = kit.by_content(claims, "the process")
    assert first.text == 'the process was "rigged,"'
    assert kit.by_content(claims, "two members").text == "two members had left"


# ---- pronoun speakers and gender ----------------------------------------------------------
def test_she_skips_a_last_speaker_who_is_a_man_for_a_woman_named_just_before(
    kit, extractor
) -> None:
    body = (
        "Tom Harlow said the vote was close. Maria Lopez arrived an hour later. "
        "“We will win this,” she said."
    )
    claims = _claims(extractor, kit, body)
    assert kit.by_content(claims, "We will win").speaker.name == "Maria Lopez"


def test_he_still_goes_to_the_last_speaker_when_the_gender_agrees(kit, extractor) -> None:
    body = (
        "Tom Harlow said the vote was close. Maria Lopez arrived an hour later. "
        "“We will win this,” he said."
    )
    claims = _claims(extractor, kit, body)
    assert kit.by_content(claims, "We will win").speaker.name == "Tom Harlow"


# ---- subjects -----------------------------------------------------------------------------
def test_a_participle_subject_skips_a_leading_conjunction(kit, extractor) -> None:
    body = (
        "Maria Lopez spoke first. Yet she didn't stop there, also calling on the board to resign."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.name == "Maria Lopez"


def test_but_has_said_continues_the_subject(kit, extractor) -> None:
    body = "Tom Harlow has raised doubts but has said the plan can go ahead."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the plan can go ahead"
    assert claim.speaker.name == "Tom Harlow"


def test_a_participle_phrase_opening_the_sentence_is_no_speaker(kit, extractor) -> None:
    body = "Rattling off promises to cut fees, Tom Harlow promised a cheaper city."
    claims = _claims(extractor, kit, body)
    assert all(c.speaker.text != "Rattling off" for c in claims)


def test_a_subject_after_where_speaks(kit, extractor) -> None:
    body = "The clip came from a rally, where the city treasurer said the fund was empty."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the fund was empty"
    assert claim.speaker.text == "the city treasurer"


def test_a_dateline_before_the_subject_is_skipped(kit, extractor) -> None:
    body = (
        "LYON, France (City Wire Service) - Tom Harlow toured the plant on Monday and said "
        "the jobs would stay."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the jobs would stay"
    assert claim.speaker.name == "Tom Harlow"


def test_a_long_apposition_before_says_is_no_inverted_attribution(kit, extractor) -> None:
    body = (
        "Tom Harlow, the owner of the local club who refused calls from donors to run "
        "for mayor, says he's open to running next year."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "he's open to running next year"
    assert claim.speaker.name == "Tom Harlow"


# ---- sentences ----------------------------------------------------------------------------
def test_a_dotted_acronym_before_a_lower_case_word_ends_no_sentence() -> None:
    text = "The audit was plain, and the F.B.I. has written so. He works for the F.B.I. It is big."
    sentences = [s.value for p in split_paragraphs(text) for s in p.sentences]
    assert sentences == [
        "The audit was plain, and the F.B.I. has written so.",
        "He works for the F.B.I.",
        "It is big.",
    ]


def test_three_apostrophes_close_an_inner_and_the_outer_quotation(kit, extractor) -> None:
    body = "''We used the word 'final,''' said Tom Harlow. The talks went on."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text.startswith("We used the word 'final,")
    assert claim.speaker.name == "Tom Harlow"


def test_an_adverb_after_said_is_no_inverted_speaker(kit, extractor) -> None:
    body = "“Who is calling?” Tom Harlow, a volunteer, said quietly into the phone."
    claims = _claims(extractor, kit, body)
    assert claims and all(c.speaker.name == "Tom Harlow" for c in claims)


def test_a_participle_cue_after_before_speaks_for_the_subject(kit, extractor) -> None:
    body = "Tom Harlow told reporters the deal was off before insisting he had done nothing wrong."
    claims = _claims(extractor, kit, body)
    assert kit.by_content(claims, "the deal").text == "the deal was off"
    insisted = kit.by_content(claims, "done nothing wrong")
    assert insisted.text == "he had done nothing wrong"
    assert insisted.speaker.name == "Tom Harlow"


def test_a_noun_like_cue_after_a_quotation_and_its_subject_is_a_verb(kit, extractor) -> None:
    body = "“Nobody else can fix the roads,” a voice in the new ad states."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "Nobody else can fix the roads"
    assert claim.speaker.text == "a voice in the new ad"


def test_a_pronoun_cue_in_a_parenthesis_reports_the_sentence(kit, extractor) -> None:
    body = "Tom Harlow toured the port. A new terminal, he vowed, would bring jobs."
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.name == "Tom Harlow"
    assert "would bring jobs" in claim.text


def test_a_belief_in_a_parenthesis_is_no_claim(kit, extractor) -> None:
    body = "Tom Harlow toured the port. The terminal, they believe, will bring jobs."
    assert _claims(extractor, kit, body) == []


def test_a_question_quoted_before_a_named_speaker_is_one_sentence(kit, extractor) -> None:
    body = "Tom Harlow spoke first. “Would you run again?” Maria Lopez asked. “No,” he said."
    claims = _claims(extractor, kit, body)
    question = kit.by_content(claims, "run again")
    assert question.speaker.name == "Maria Lopez"
    sentences = [s.value for p in split_paragraphs(body) for s in p.sentences]
    assert "“Would you run again?” Maria Lopez asked." in sentences
