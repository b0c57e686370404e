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
    return kit.english_claims(extractor, body, PEOPLE)


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


# ---- speakers -----------------------------------------------------------------------------
def test_a_name_and_role_before_said_that_is_the_speaker_not_the_content(kit, extractor) -> None:
    body = "Tom Harlow, a spokesman for the council, said on Tuesday that the firm felt cheated."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the firm felt cheated"
    assert claim.speaker.name == "Tom Harlow"


def test_the_noun_phrase_of_an_absolute_with_clause_speaks(kit, extractor) -> None:
    body = "Democrats went further, with Senator Tom Harlow calling the plan a disgrace."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the plan a disgrace"
    assert claim.speaker.name == "Tom Harlow"
    body = "Most voters shrugged, with three in ten saying the choice did not matter."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the choice did not matter"
    assert claim.speaker.text == "three in ten"


def test_an_absolute_with_clause_content_ends_before_a_second_participle_cue(
    kit, extractor
) -> None:
    body = (
        "Rivals reacted at once, with Maria Lopez tweeting that the vote was a farce and "
        "asking why nobody had noticed."
    )
    claim = _claims(extractor, kit, body)[0]
    assert claim.text == "the vote was a farce"
    assert claim.speaker.name == "Maria Lopez"


def test_with_and_an_object_pronoun_or_a_clause_is_no_speaker(kit, extractor) -> None:
    assert _claims(extractor, kit, "The mayor left the hall with him saying nothing.") == []
    assert _claims(extractor, kit, "He spoke with reporters waiting outside the hall.") == []


def test_a_quotation_before_a_long_name_and_role_is_that_name_s(kit, extractor) -> None:
    body = (
        "“Nothing we could do now would change the result,” Tom Harlow, director of the "
        "transport programme at the Institute for Rural Policy Studies, said in an interview."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "Nothing we could do now would change the result"
    assert claim.speaker.name == "Tom Harlow"


# ---- content ------------------------------------------------------------------------------
def test_a_statement_split_by_its_attribution_before_by_is_one_claim(kit, extractor) -> None:
    body = "Tom Harlow spoke first. The plan would be helped, Harlow said, by the new budget."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "The plan would be helped, Harlow said, by the new budget"
    assert claim.speaker.text == "Harlow"


def test_a_video_message_is_a_channel_not_content(kit, extractor) -> None:
    body = (
        "Tom Harlow spoke first. The depot had “never run so smoothly” before, he said in a "
        "short video to the council."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "The depot had “never run so smoothly” before"


def test_an_inverted_speaker_may_carry_a_relative_clause(kit, extractor) -> None:
    body = (
        "That is not good enough, said Tom Harlow, an analyst at the bank, who notes that "
        "the firm has vowed to cut costs."
    )
    claims = _claims(extractor, kit, body)
    assert claims[0].text == "That is not good enough"
    assert claims[0].speaker.name == "Tom Harlow"


def test_a_subject_before_an_irregular_past_verb_speaks_for_and_said(kit, extractor) -> None:
    body = (
        "Maria Lopez opened the session. The governor met the victims and said the state must act."
    )
    claim = kit.by_content(_claims(extractor, kit, body), "must act")
    assert claim.speaker.text == "The governor"


def test_reported_content_ends_before_however_and_even_though(kit, extractor) -> None:
    body = "Maria Lopez denied that the fund was empty, however, pointing to the audit."
    assert _claims(extractor, kit, body)[0].text == "the fund was empty"
    body = "Tom Harlow said the bridge must close, even though the repairs were cheap."
    assert _claims(extractor, kit, body)[0].text == "the bridge must close"


def test_reported_content_ends_before_and_he_did_something_else(kit, extractor) -> None:
    body = "Tom Harlow said the tax was unfair, and he criticised the council for its delay."
    assert _claims(extractor, kit, body)[0].text == "the tax was unfair"


# ---- cue forms ----------------------------------------------------------------------------
def test_participles_of_reporting_verbs_report_in_their_own_clause(kit, extractor) -> None:
    for cue, content in (
        ("vowing", "to rebuild the bridge"),
        ("alleging", "that the count was rigged"),
        ("remarking", "that the hall was half empty"),
        ("writing", "that the toll must go"),
    ):
        body = f"Tom Harlow spoke at the depot on Monday, {cue} {content}."
        (claim,) = _claims(extractor, kit, body)
        assert claim.cue == cue
        assert claim.speaker.name == "Tom Harlow", cue


def test_bare_present_cues_need_a_that_clause(kit, extractor) -> None:
    body = "Local farmers suggest that the drought will last another year."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the drought will last another year"
    assert _claims(extractor, kit, "They made a promise to the town.") == []
    assert _claims(extractor, kit, "Farmers suggest changes to the plan.") == []


def test_a_participle_after_a_document_noun_is_its_issuer_s_claim(kit, extractor) -> None:
    body = "Maria Lopez sent an email on Friday saying the campaign needed money."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the campaign needed money"
    assert claim.speaker.name == "Maria Lopez"


def test_a_sentence_subject_follows_a_time_phrase(kit, extractor) -> None:
    body = "Hours later, Maria Lopez released a statement saying the road would reopen."
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.name == "Maria Lopez"
    body = "Shortly after the vote, the council sent an email saying the budget had passed."
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.text == "the council"


def test_a_pronoun_after_a_subordinator_is_the_cue_s_subject(kit, extractor) -> None:
    for opener in ("where", "in which", "when"):
        body = f"Tom Harlow spoke. He toured the county last week, {opener} he says he can win."
        claim = kit.by_content(_claims(extractor, kit, body), "can win")
        assert claim.text == "he can win", opener
        assert claim.speaker.name == "Tom Harlow", opener


def test_a_second_participle_of_the_same_clause_is_a_cue(kit, extractor) -> None:
    body = "Tom Harlow left early, pointing to his record and saying that the plan had worked."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the plan had worked"
    assert claim.speaker.name == "Tom Harlow"


def test_reported_content_ends_before_a_comparison_or_another_speaker(kit, extractor) -> None:
    body = "Sixty percent of farmers said the subsidy helped, compared with 40 percent last year."
    assert _claims(extractor, kit, body)[0].text == "the subsidy helped"
    body = "Some members said the vote was fair, while other members said it was rushed."
    claims = _claims(extractor, kit, body)
    assert [c.text for c in claims] == ["the vote was fair", "it was rushed"]


def test_said_by_telephone_is_no_passive(kit, extractor) -> None:
    body = "Maria Lopez said by phone that the deal was off."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the deal was off"
    assert _claims(extractor, kit, "The appeal was denied by the court.") == []


def test_a_content_may_open_with_a_subordinate_clause(kit, extractor) -> None:
    body = "One candidate, Maria Lopez, says despite the cost, she plans to stay in the race."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "despite the cost, she plans to stay in the race"
    for body in (
        "Prices will rise, the union said, after talks broke down.",
        "Prices will rise, the union said after talks broke down.",
    ):
        (claim,) = _claims(extractor, kit, body)
        assert claim.text == "Prices will rise", body


def test_a_plural_noun_after_an_adjective_is_no_cue(kit, extractor) -> None:
    assert _claims(extractor, kit, "Western states Maria Lopez won last year are close.") == []
    body = "Maria Lopez states the plan is dead."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the plan is dead"


def test_last_week_after_the_cue_is_one_time_modifier(kit, extractor) -> None:
    body = "As Maria Lopez said last week in Ohio, “The county is the centre of the future.”"
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "The county is the centre of the future"
    assert claim.speaker.name == "Maria Lopez"
