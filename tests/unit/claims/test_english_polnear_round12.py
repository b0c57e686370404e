"""English constructions fixed in the twelfth PolNeAR train round (issue 11), on sentences
written for these tests: statements that mention a person before an inverted cue, fronted
participle clauses, occasions between the cue and its content, and where a content ends."""

from __future__ import annotations

from schemas.models import Claim, Label

ANN_COLE = ("Ann Cole", Label.PERSON, "Q-cole", "Ann Cole")
"""One more invented person, besides the shared cast (``kit.cast``)."""
DAILY_POST = ("the Daily Post", Label.ORG, "Q-daily-post", "Daily Post")


def _claims(kit, extractor, body: str, *extra: tuple[str, Label, str, str]) -> list[Claim]:
    """The claims of ``body`` with the invented people (by full name and by surname) and
    ``extra`` linked."""
    return kit.english_claims(extractor, body, [*kit.with_surnames([*kit.cast, ANN_COLE]), *extra])


def _pairs(kit, extractor, body: str, *extra) -> list[tuple[str, str]]:
    return [(c.speaker.text, c.text) for c in _claims(kit, extractor, body, *extra)]


# ---- "CONTENT, said X" when the statement itself names a person ----------------------------------
def test_a_statement_naming_a_person_before_an_inverted_cue_is_still_the_content(
    kit, extractor
) -> None:
    body = (
        "The cost of Harlow's road plan has pushed the council into debt, said Quorra Vell, "
        "a budget analyst at the county office."
    )
    assert _pairs(kit, extractor, body) == [
        ("Quorra Vell", "The cost of Harlow's road plan has pushed the council into debt")
    ]


def test_a_short_name_before_the_comma_still_speaks(kit, extractor) -> None:
    # "A spokeswoman for the club, Ann Cole, said …": the name is the apposition's, not a
    # statement before an inverted cue
    body = "A spokeswoman for the club, Ann Cole, said the doors would open at noon."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.name == "Ann Cole"
    assert claim.text == "the doors would open at noon"


def test_a_statement_naming_a_person_before_a_pronoun_cue_and_an_occasion(kit, extractor) -> None:
    body = "The mill stayed open while Peter Quinn was mayor, she said outside the old mill."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "The mill stayed open while Peter Quinn was mayor"


def test_a_gerund_occasion_after_the_cue_is_not_the_content(kit, extractor) -> None:
    body = (
        "Few farmers had heard of the levy before the vote, Maria Lopez said in opening the "
        "hearing."
    )
    assert _pairs(kit, extractor, body) == [
        ("Maria Lopez", "Few farmers had heard of the levy before the vote")
    ]


def test_a_year_after_an_inverted_cue_is_an_occasion(kit, extractor) -> None:
    body = "The firm closed its last depot after the strike, the Daily Post reported in 2019."
    assert _pairs(kit, extractor, body, DAILY_POST) == [
        ("the Daily Post", "The firm closed its last depot after the strike")
    ]


# ---- the hearer of "told" ------------------------------------------------------------------------
def test_told_with_a_hearer_then_a_subordinate_clause(kit, extractor) -> None:
    body = "This is not about the budget, Tom Harlow told his aides as he drafted the speech."
    assert _pairs(kit, extractor, body) == [("Tom Harlow", "This is not about the budget")]


def test_told_a_hearer_with_a_capitalised_word(kit, extractor) -> None:
    body = "The depot will need new pumps, Maria Lopez told a Senate panel on Wednesday."
    assert _pairs(kit, extractor, body) == [("Maria Lopez", "The depot will need new pumps")]


def test_an_occasion_between_the_hearer_and_that(kit, extractor) -> None:
    body = "Quorra Vell is telling voters after her win that the tram will be finished by May."
    assert _pairs(kit, extractor, body) == [("Quorra Vell", "the tram will be finished by May")]


# ---- fronted participle clauses ------------------------------------------------------------------
def test_a_fronted_participle_cue_belongs_to_the_main_subject(kit, extractor) -> None:
    body = (
        "Conceding that the levy would probably pass, Peter Quinn warned that farmers would "
        "lose money."
    )
    assert _pairs(kit, extractor, body) == [
        ("Peter Quinn", "the levy would probably pass"),
        ("Peter Quinn", "farmers would lose money"),
    ]


def test_having_and_a_past_participle_cue_belongs_to_the_main_subject(kit, extractor) -> None:
    body = (
        "Having announced that the bridge would close, Ann Cole went on to list the detours "
        "for the harvest."
    )
    assert _pairs(kit, extractor, body) == [("Ann Cole", "the bridge would close")]


def test_a_fronted_gerund_clause_ends_at_its_comma(kit, extractor) -> None:
    body = "After saying he was nervous, the farmer asked the mayor about the levy."
    claims = _claims(kit, extractor, body)
    assert claims[0].text == "he was nervous"
    assert claims[0].speaker.text == "the farmer"


def test_a_capitalised_noun_in_ing_opening_a_sentence_is_no_participle(kit, extractor) -> None:
    body = "Nothing about the plan is new, Tom Harlow said."
    assert _pairs(kit, extractor, body) == [("Tom Harlow", "Nothing about the plan is new")]


# ---- participles and periphrases -----------------------------------------------------------------
def test_a_participle_after_a_dash_reports(kit, extractor) -> None:
    body = "Maria Lopez changed her vote at the last minute - saying the levy had been rewritten."
    assert _pairs(kit, extractor, body) == [("Maria Lopez", "the levy had been rewritten")]


def test_a_participle_after_an_adverb_reports(kit, extractor) -> None:
    body = (
        "Tom Harlow has raised doubts about the audit, falsely suggesting that the auditors "
        "were paid by the council."
    )
    assert _pairs(kit, extractor, body) == [("Tom Harlow", "the auditors were paid by the council")]


def test_a_hyphenated_word_before_a_participle_is_no_dash(kit, extractor) -> None:
    body = "The anti-tax group kept collecting signatures in the square on Sunday."
    assert _claims(kit, extractor, body) == []


def test_continue_to_and_a_cue(kit, extractor) -> None:
    body = "Quorra Vell is continuing to insist the tram will be finished by May."
    assert _pairs(kit, extractor, body) == [("Quorra Vell", "the tram will be finished by May")]


def test_began_to_and_a_cue(kit, extractor) -> None:
    body = "Peter Quinn began to argue that the levy was unfair."
    assert _pairs(kit, extractor, body) == [("Peter Quinn", "the levy was unfair")]


# ---- "As reported by X," and "(According to X, …)" -----------------------------------------------
def test_as_reported_by_opens_the_sources_statement(kit, extractor) -> None:
    body = "As reported by the Daily Post, the mayor was told about the leak in March."
    (claim,) = _claims(kit, extractor, body, DAILY_POST)
    assert (claim.speaker.text, claim.text) == (
        "the Daily Post",
        "the mayor was told about the leak in March",
    )


def test_a_passive_reported_by_is_no_claim(kit, extractor) -> None:
    body = "The leak was reported by the Daily Post."
    assert _claims(kit, extractor, body, DAILY_POST) == []


def test_a_parenthesis_before_according_to_is_no_content(kit, extractor) -> None:
    body = "(According to the Daily Post, the depot keeps no records of the spill.)"
    (claim,) = _claims(kit, extractor, body, DAILY_POST)
    assert claim.text.startswith("the depot keeps no records of the spill")


# ---- where a content ends ------------------------------------------------------------------------
def test_a_second_predicate_after_an_object_content_ends_it(kit, extractor) -> None:
    body = "Ann Cole mentioned the levy twice and seemed to fault the council for it."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "the levy twice"


def test_a_second_verb_of_a_reported_clause_stays_in_it(kit, extractor) -> None:
    body = "Ann Cole said she was tired of the delays and wanted a new contractor."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "she was tired of the delays and wanted a new contractor"


def test_an_adjective_after_and_is_no_second_predicate(kit, extractor) -> None:
    body = "Maria Lopez said the cold and unsettled nights could go on until Friday."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "the cold and unsettled nights could go on until Friday"


def test_a_clause_with_as_and_a_pronoun_ends_the_content(kit, extractor) -> None:
    body = "Peter Quinn says he is excited about the vote as he faces a hard test in March."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "he is excited about the vote"


# ---- a verdict without a quotation ---------------------------------------------------------------
def test_called_an_object_pronoun_a_verdict(kit, extractor) -> None:
    body = "They called him a careless steward of the county's money."
    (claim,) = _claims(kit, extractor, body)
    assert claim.cue == "called"
    assert claim.text.startswith("him a careless steward")


def test_called_him_back_is_a_phone_call(kit, extractor) -> None:
    assert _claims(kit, extractor, "She called him back on Monday.") == []
