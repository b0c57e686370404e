"""English constructions fixed in the eighth PolNeAR train round (issue 11), on sentences
written for these tests."""

from __future__ import annotations

from workers.core.claims import CueClaimExtractor


# ---- she/he after a speaker of the other gender: a person of unknown gender named since -----
def test_she_after_a_male_speaker_goes_to_a_person_of_unknown_gender_named_since(
    kit, extractor
) -> None:
    body = (
        '"The roads will be fixed by June," Tom Harlow said.\n\n'
        "Across town, Quorra Vell runs the only bakery on the high street. "
        '"Nobody has asked us what we need," she said.'
    )
    claims = kit.english_claims(extractor, body)
    assert [c.speaker.name for c in claims] == ["Tom Harlow", "Quorra Vell"]


def test_she_after_a_male_speaker_with_no_other_person_stays_with_him(kit, extractor) -> None:
    # Nobody else is named: the last speaker is still the best guess.
    body = (
        '"The roads will be fixed by June," Tom Harlow said.\n\n'
        '"Nobody has asked us what we need," she said.'
    )
    claims = kit.english_claims(extractor, body)
    assert [c.speaker.name for c in claims] == ["Tom Harlow", "Tom Harlow"]


# ---- the subject of a sentence that a participle or "and said" goes on with -----------------
def test_a_time_phrase_before_the_subject_is_not_the_speaker(kit, extractor) -> None:
    body = (
        '"We need more buses," Tom Harlow said.\n\n'
        "This spring, he backed the fare rise, saying it would pay for night routes."
    )
    claims = kit.english_claims(extractor, body)
    assert claims[-1].text == "it would pay for night routes"
    assert claims[-1].speaker.name == "Tom Harlow"


def test_an_adjective_in_ed_after_the_article_stays_in_the_subject(kit, extractor) -> None:
    body = (
        "The retired engineer has kept out of the race, saying only that he "
        "would vote for whoever fixes the bridge."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.text == "The retired engineer"


def test_a_person_in_apposition_to_a_long_subject_speaks(kit, extractor) -> None:
    body = (
        "One of the shop owners, Peter Quinn, 58, had closed early for the storm and said "
        "the council should have warned them sooner."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert claim.text == "the council should have warned them sooner"
    assert claim.speaker.name == "Peter Quinn"


# ---- he/she after a sentence about a person, not the last speaker -----------------------------
def test_she_refers_to_the_subject_of_the_sentence_before(kit) -> None:
    # The rule alone: the learned speaker choice (speaker_choice_en.json) prefers the last
    # speaker when she is known to be a woman and the subject's gender is unknown, as here.
    body = (
        '"The clinic will stay open," Maria Lopez said.\n\n'
        "Quorra Vell disagrees. She said the budget leaves the clinic short by March."
    )
    claims = kit.english_claims(CueClaimExtractor(speaker_model=None), body)
    assert [c.speaker.name for c in claims] == ["Maria Lopez", "Quorra Vell"]


def test_a_subject_of_the_other_gender_is_not_the_referent(kit, extractor) -> None:
    body = (
        '"The clinic will stay open," Maria Lopez said.\n\n'
        "Tom Harlow disagrees. She said the budget had been approved in full."
    )
    claims = kit.english_claims(extractor, body)
    assert [c.speaker.name for c in claims] == ["Maria Lopez", "Maria Lopez"]


def test_a_subject_two_paragraphs_back_is_no_longer_the_referent(kit, extractor) -> None:
    body = (
        '"The clinic will stay open," Maria Lopez said.\n\n'
        "Quorra Vell disagrees.\n\n"
        "The council meets again in June.\n\n"
        "She said the budget had been approved in full."
    )
    claims = kit.english_claims(extractor, body)
    assert [c.speaker.name for c in claims] == ["Maria Lopez", "Maria Lopez"]


# ---- words that are no speaker ----------------------------------------------------------------
def test_all_told_is_no_cue_and_the_according_to_source_speaks(kit, extractor) -> None:
    body = (
        "All told, the two parties spent more than $3 million on leaflets, according to "
        "an analysis by the Herald."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert claim.cue == "according to"
    assert claim.speaker.text.endswith("Herald")


def test_an_auxiliary_with_both_after_an_apposition_is_not_the_speaker(kit, extractor) -> None:
    body = (
        "Her two rivals, Maria Lopez of Leeds and Tom Harlow of York, have both urged the "
        "council to publish the audit."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert "have" not in claim.speaker.text.split()
    assert claim.speaker.name in ("Maria Lopez", "Tom Harlow")


def test_a_modal_after_a_relative_clause_is_not_the_speaker(kit, extractor) -> None:
    body = (
        "It is not clear whether Tom Harlow, who leads the growers' union, will ever tell "
        "his members to accept the deal."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.name == "Tom Harlow"


# ---- "a contractor that inspectors said was unlicensed": the speaker inside the relative -----
def test_a_relative_clause_with_a_gap_has_the_noun_after_that_as_speaker(kit, extractor) -> None:
    body = "The county hired a builder that inspectors said was unlicensed."
    (claim,) = kit.english_claims(extractor, body)
    assert claim.text == "was unlicensed"
    assert claim.speaker.text == "inspectors"


def test_a_gap_without_that_has_the_last_noun_phrase_as_speaker(kit, extractor) -> None:
    body = "The audit traced a scheme the regulator said had cost pensioners millions."
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.text == "the regulator"


def test_a_name_and_its_apposition_before_a_gap_stay_whole(kit, extractor) -> None:
    body = "Maria Lopez, a lawyer in Leeds, said was the wrong week for a vote."
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.name == "Maria Lopez"


# ---- "STATEMENT, X said during a visit": the occasion is not what was said ------------------
def test_an_occasion_after_a_post_posed_cue_is_not_the_content(kit, extractor) -> None:
    body = "Bus fares have doubled in two years, Maria Lopez said during a hearing at the hall."
    (claim,) = kit.english_claims(extractor, body)
    assert claim.text == "Bus fares have doubled in two years"
    assert claim.speaker.name == "Maria Lopez"


def test_a_place_then_a_clause_after_the_cue_is_still_the_content(kit, extractor) -> None:
    body = "At the hearing, Maria Lopez said in Leeds the fares would fall by May."
    (claim,) = kit.english_claims(extractor, body)
    assert "fares would fall" in claim.text


def test_called_on_is_no_occasion(kit, extractor) -> None:
    body = "After the flood, Maria Lopez called on the council to repair the dikes."
    (claim,) = kit.english_claims(extractor, body)
    assert "the council to repair the dikes" in claim.text


# ---- "were more likely to say": a poll's comparison keeps its subject -----------------------
def test_more_likely_to_say_reports_the_groups_statement(kit, extractor) -> None:
    body = "Renters were far more likely to say the housing plan is failing them."
    (claim,) = kit.english_claims(extractor, body)
    assert claim.text == "the housing plan is failing them"
    assert claim.speaker.text == "Renters"


def test_likely_to_without_a_cue_is_no_claim(kit, extractor) -> None:
    body = "Renters are more likely to move out of the city next year."
    assert kit.english_claims(extractor, body) == []


# ---- "he said" with nobody named before it ----------------------------------------------------
def test_a_pronoun_with_no_referent_keeps_the_claim_with_an_unknown_speaker(kit, extractor) -> None:
    body = (
        "Rising rents have pushed young families out of the centre, he said.\n\n"
        '"It is worse every year," Tom Harlow said. "Nobody listens," he added.'
    )
    claims = kit.english_claims(extractor, body)
    assert [c.speaker.text for c in claims[:1]] == ["?"]
    assert claims[0].text == "Rising rents have pushed young families out of the centre"
    # the unknown speaker is not a referent: the later "he" is the man named since
    assert [c.speaker.name for c in claims[1:]] == ["Tom Harlow", "Tom Harlow"]
