"""English constructions fixed in the third PolNeAR train round (issue 11), on sentences
written for these tests: asides between the subject and the cue, long subjects, party labels
in speaker names, conjoined verbs after ``but``, a bare weekday after the cue."""

from __future__ import annotations

from schemas.models import Label

PEOPLE = [
    ("Maria Lopez", Label.PERSON, "Q-lopez", "Maria Lopez"),
    ("Tom Harlow", Label.PERSON, "Q-harlow", "Tom Harlow"),
    ("Ann Reyes", Label.PERSON, "Q-reyes", "Ann Reyes"),
]


def _claims(extractor, kit, body: str):  # type: ignore[no-untyped-def]
    return kit.english_claims(extractor, body, PEOPLE)


def test_an_aside_between_subject_and_cue_is_skipped(kit, extractor) -> None:
    for aside in ("for example", "in a statement on Friday", "however", "after the vote"):
        body = f"Maria Lopez, {aside}, said the council had lost its way."
        (claim,) = _claims(extractor, kit, body)
        assert claim.text == "the council had lost its way"
        assert claim.speaker.text == "Maria Lopez"
        assert claim.speaker.role is None  # the aside is no role


def test_an_introductory_phrase_before_an_aside_is_no_subject(kit, extractor) -> None:
    body = "In March, after the vote, the party said the count was wrong."
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.text == "the party"


def test_a_long_subject_after_but_is_still_a_subject(kit, extractor) -> None:
    body = "But a lawyer familiar with the long internal review said the files were gone."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the files were gone"
    assert claim.speaker.text == "a lawyer familiar with the long internal review"


def test_a_subject_longer_than_a_speaker_is_cut_before_its_participle(kit, extractor) -> None:
    body = (
        "Large shares of the older farmers in the three northern valleys heading to the "
        "polls on Sunday said they backed the canal."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "they backed the canal"
    assert claim.speaker.text == "Large shares of the older farmers in the three northern valleys"


def test_a_clause_before_the_cue_is_still_no_speaker(kit, extractor) -> None:
    body = (
        "The town was in a deep crisis for many long months after the old mill owner "
        "threatened that he would leave."
    )
    # Round 9: the subject of the clause after "after" speaks; the main clause never does.
    assert [(c.speaker.text, c.text) for c in _claims(extractor, kit, body)] == [
        ("the old mill owner", "he would leave")
    ]


def test_party_label_with_a_state_abbreviation_stays_in_the_speaker(kit, extractor) -> None:
    for body in (
        "“The canal will pay for itself,” Rep. Tom Harlow (D-Ore.) said.",
        "“The canal will pay for itself,” said Rep. Tom Harlow (D-Ore.).",
    ):
        (claim,) = _claims(extractor, kit, body)
        assert claim.text == "The canal will pay for itself"
        assert claim.speaker.name == "Tom Harlow"


def test_a_name_after_a_clause_and_comma_is_the_speaker(kit, extractor) -> None:
    body = (
        "The flyer shows a canal drawn over the old town map, Council Speaker Ann Reyes (D) "
        "said “that map is a fake.”"
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "that map is a fake"
    assert claim.speaker.name == "Ann Reyes"


def test_but_told_continues_the_subject_of_the_sentence(kit, extractor) -> None:
    body = (
        "Tom Harlow did not name his rivals, but told his supporters, “the valley is in trouble.”"
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the valley is in trouble"
    assert claim.speaker.name == "Tom Harlow"


def test_content_ends_before_but_said(kit, extractor) -> None:
    body = "Ann Reyes admitted that the map was wrong, but said the canal was still needed."
    first, second = _claims(extractor, kit, body)
    assert first.text == "the map was wrong"
    assert second.text == "the canal was still needed"
    assert second.speaker.name == "Ann Reyes"


def test_a_quoted_title_before_a_that_clause_is_no_quotation(kit, extractor) -> None:
    body = "Speaking on “Morning Desk,” Ann Reyes admitted that the map was wrong."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the map was wrong"
    assert claim.speaker.name == "Ann Reyes"


def test_a_bare_weekday_after_the_cue_is_not_content(kit, extractor) -> None:
    body = "Maria Lopez said Tuesday that the vote was rigged."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the vote was rigged"
    body = "Maria Lopez said Monday's vote was rigged."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "Monday's vote was rigged"


def test_a_past_verb_right_after_its_subject_needs_no_that(kit, extractor) -> None:
    body = "Maria Lopez suggested the council should meet again in May."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the council should meet again in May"
    assert claim.speaker.name == "Maria Lopez"
    body = "Maria Lopez spoke for an hour. She recalled her first day on the council."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "her first day on the council"
    assert claim.speaker.name == "Maria Lopez"


def test_a_gated_form_after_a_determiner_is_still_no_cue(kit, extractor) -> None:
    body = "The suggested changes were rejected by the council in May."
    assert _claims(extractor, kit, body) == []


def test_according_to_inside_the_statement_spans_both_sides(kit, extractor) -> None:
    body = "At the root of the dispute, according to Tom Harlow, was a map drawn in haste."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text.startswith("At the root of the dispute")
    assert claim.text.endswith("was a map drawn in haste")
    assert claim.speaker.name == "Tom Harlow"


def test_according_to_a_long_source(kit, extractor) -> None:
    body = (
        "According to early figures from the survey carried out by the state university "
        "for the regional papers and the two local radio stations, turnout fell."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "turnout fell"
    assert claim.speaker.text.startswith("early figures from the survey")


def test_content_ends_before_a_second_verb_of_saying(kit, extractor) -> None:
    body = "Ann Reyes says she respects the mayor but argues that the canal is too costly."
    first, second = _claims(extractor, kit, body)
    assert first.text == "she respects the mayor"
    assert second.text == "the canal is too costly"
    body = "Ann Reyes said the vote was fair but did not say who had won."
    (first, *_rest) = _claims(extractor, kit, body)
    assert first.text == "the vote was fair"


def test_calling_with_an_object_and_a_verdict(kit, extractor) -> None:
    body = "Tom Harlow attacked the plan on Monday, calling it a disgrace and vowing to stop it."
    claims = _claims(extractor, kit, body)
    assert claims[0].text == "it a disgrace"
    assert claims[0].speaker.name == "Tom Harlow"
    assert _claims(extractor, kit, "Tom Harlow was busy, calling him back twice.") == []


def test_a_quoted_verdict_ends_with_its_quotation(kit, extractor) -> None:
    body = "Tom Harlow called the map “a fraud” and left the hall."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the map “a fraud”"


def test_a_subject_before_has_said_after_but(kit, extractor) -> None:
    body = "Ann Reyes did not testify, but she has said that the canal is worth it."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the canal is worth it"
    assert claim.speaker.name == "Ann Reyes"


def test_progressive_cues_speak_in_the_present(kit, extractor) -> None:
    body = "Tom Harlow is telling voters in Salem that the canal is a bargain."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the canal is a bargain"
    assert claim.speaker.name == "Tom Harlow"
    body = "Ann Reyes is calling for the council to resign."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the council to resign"
    assert claim.speaker.name == "Ann Reyes"


def test_a_relative_clause_of_saying_is_its_antecedents_claim(kit, extractor) -> None:
    body = "Tom Harlow, who said he usually votes for the party, said Ann Reyes was his pick."
    first, second = _claims(extractor, kit, body)
    assert first.text == "he usually votes for the party"
    assert first.speaker.name == "Tom Harlow"
    assert second.text == "Ann Reyes was his pick"
    body = "Ann Reyes won by 40 points among the 20 percent of farmers who said the canal helps."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the canal helps"
    assert claim.speaker.text == "farmers"


def test_a_relative_clause_of_intent_is_no_claim(kit, extractor) -> None:
    body = "Tom Harlow, who vowed revenge, left the hall."
    assert _claims(extractor, kit, body) == []
    body = "Two aides, who asked not to be named, told reporters the canal was dead."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "the canal was dead"


def test_quote_only_verbs_report_a_quotation_before_them(kit, extractor) -> None:
    body = "“They stole the valley,” the man shouted, waving a sign."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "They stole the valley"
    assert claim.speaker.text == "the man"
    body = "“You broke every promise,” Ann Reyes charged in the debate."
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.name == "Ann Reyes"


def test_quote_only_verbs_without_a_quotation_are_acts(kit, extractor) -> None:
    body = "The man shouted at the crowd and charged the stage."
    assert _claims(extractor, kit, body) == []
    body = "Ann Reyes answered the phone and continued the meeting."
    assert _claims(extractor, kit, body) == []
