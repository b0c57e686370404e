"""English speaker spans fixed in the eleventh PolNeAR train round (issue 11), on sentences
written for these tests."""

from __future__ import annotations

from schemas.models import Claim, Label

PAXWELL = ("Paxwell", Label.ORG, "Q-paxwell", "Paxwell")
DUNMORE = ("Dunmore", Label.LOC, "Q-dunmore", "Dunmore")


def _claims(kit, extractor, body: str, *extra: tuple[str, Label, str, str]) -> list[Claim]:
    """The claims of ``body`` with the invented people (by full name and by surname) and
    ``extra`` linked."""
    return kit.english_claims(extractor, body, [*kit.with_surnames(kit.cast), *extra])


def _speakers(kit, extractor, body: str) -> list[tuple[str | None, str]]:
    return [(c.speaker.name or c.speaker.text, c.cue) for c in _claims(kit, extractor, body)]


# ---- "X, whose town, Dunmore, is …, argues": a relative clause over its own commas -----------
def test_a_relative_clause_with_inner_commas_is_not_the_speaker(kit, extractor) -> None:
    body = (
        "Tom Harlow, whose home town, Dunmore, is expected to lose its mill next year, argues "
        "that the tariffs will hurt workers."
    )
    claims = _claims(kit, extractor, body, DUNMORE)
    assert [(c.speaker.name, c.text) for c in claims] == [
        ("Tom Harlow", "the tariffs will hurt workers")
    ]


def test_a_short_relative_clause_still_leaves_the_name(kit, extractor) -> None:
    # one comma piece: the loop over the pieces skips it, as before
    body = "Tom Harlow, who was elected last year, said the roads would be fixed."
    assert _speakers(kit, extractor, body) == [("Tom Harlow", "said")]


# ---- "X — who … — told": an aside between dashes right before the cue ------------------------
def test_the_subject_before_a_dash_aside_speaks(kit, extractor) -> None:
    body = (
        "Reached by phone, Tom Harlow — who is registered as a lawyer but no longer takes "
        "cases — told reporters he would not appeal the ruling."
    )
    (claim,) = _claims(kit, extractor, body)
    assert (claim.speaker.text, claim.text) == ("Tom Harlow", "he would not appeal the ruling")


def test_a_role_noun_before_a_hyphen_aside_speaks(kit, extractor) -> None:
    body = (
        "A spokeswoman for the club - a small charity known as the farmers' friend - noted "
        "that the club pays its staff well."
    )
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "A spokeswoman for the club"


def test_a_dash_aside_is_cut_from_a_name(kit, extractor) -> None:
    (claim,) = _claims(kit, extractor, "Harlow — the mayor — told reporters it was safe.")
    assert claim.speaker.text == "Harlow"


# ---- "His critics, many of them teachers, argue" / "A forecast by X, prepared for Y," ---------
def test_a_quantified_apposition_describes_the_subject(kit, extractor) -> None:
    body = "His critics in the city, many of them retired teachers, argue that the plan fails."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "His critics in the city"


def test_a_quantifier_alone_is_the_subject(kit, extractor) -> None:
    body = "And until the vote, most of them said they liked the plan."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "most of them"


def test_a_past_participle_aside_describes_the_subject(kit, extractor) -> None:
    body = (
        "A forecast by the research firm Paxwell, prepared for the city council, predicted "
        "that prices would rise."
    )
    (claim,) = _claims(kit, extractor, body, PAXWELL)
    words = f"{claim.speaker.role} {claim.speaker.text}"
    assert "Paxwell" in words and "forecast" in words and "prepared" not in words


# ---- "a Democrat who described himself as a Methodist" / "But Mr. Quinn, a Democrat," -------
def test_as_after_described_himself_opens_no_clause(kit, extractor) -> None:
    body = (
        "But Peter Quinn, a Democrat who described himself as a devout Methodist, said he "
        "would oppose the new budget."
    )
    (claim,) = _claims(kit, extractor, body)
    assert (claim.speaker.name, claim.speaker.role) == ("Peter Quinn", "a Democrat")


def test_a_conjunction_opening_the_sentence_keeps_name_and_role(kit, extractor) -> None:
    body = "But Mr. Quinn, a Democrat, said he would oppose the new budget."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.name == "Peter Quinn"


def test_a_conjoined_name_inside_an_opening_phrase_is_no_speaker(kit, extractor) -> None:
    body = (
        "Standing beside Tom Harlow, who founded the club, and the coach Quorra Vell, Peter "
        "Quinn said the season would start in May."
    )
    assert _speakers(kit, extractor, body) == [("Peter Quinn", "said")]


# ---- "Even with X's lead, some leaders said" / "Through a spokesman, X said" ----------------
def test_an_introductory_preposition_phrase_is_no_apposition(kit, extractor) -> None:
    body = (
        "Even with the latest setback in Harlow's campaign, some party leaders said he could "
        "still win."
    )
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "some party leaders"


def test_a_name_after_an_introductory_phrase_still_speaks(kit, extractor) -> None:
    body = "Through a spokesman, Quinn said the report was wrong."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.name == "Peter Quinn"


# ---- ", which Mr. Quinn called …" / "so bitter … that X said" --------------------------------
def test_the_name_after_which_speaks(kit, extractor) -> None:
    body = 'Paxwell put his fortune at two billion dollars, which Mr. Quinn called "an insult."'
    claims = _claims(kit, extractor, body, PAXWELL)
    assert [(c.speaker.name, c.cue) for c in claims] == [("Peter Quinn", "called")]


def test_the_name_after_so_that_speaks(kit, extractor) -> None:
    body = (
        "The fight between Harlow and Quinn grew so bitter over the bill that Quorra Vell "
        'said, "I need a referee."'
    )
    claims = _claims(kit, extractor, body)
    assert [(c.speaker.name, c.text) for c in claims] == [("Quorra Vell", "I need a referee")]


def test_a_long_title_and_name_after_so_that_speaks(kit, extractor) -> None:
    body = (
        "The fight between Harlow and Quinn grew so heated over who backed which bill that New "
        'Jersey Gov. Quorra Vell said, "I need a referee."'
    )
    claims = _claims(kit, extractor, body)
    assert [(c.speaker.name, c.speaker.role) for c in claims] == [("Quorra Vell", "New Jersey Gov")]


# ---- "as she angrily said" ------------------------------------------------------------------
def test_an_adverb_after_a_subordinate_pronoun_keeps_the_pronoun(kit, extractor) -> None:
    body = (
        "Quorra Vell spoke first. Two weeks after the vote, waving at a heckler as she angrily "
        'said, "I am tired of the lies," the mayor left the hall.'
    )
    claims = [c for c in _claims(kit, extractor, body) if c.cue == "said"]
    assert [c.speaker.name for c in claims] == ["Quorra Vell"]


# ---- "…, but Quinn pulled him back …, asking" ------------------------------------------------
def test_a_participle_goes_with_the_nearest_coordinated_subject(kit, extractor) -> None:
    body = (
        "Harlow quickly turned to talking about roads, but Quinn pulled him back to the "
        "budget, asking Harlow to explain the deficit."
    )
    assert _speakers(kit, extractor, body) == [("Peter Quinn", "asking")]


def test_a_coordinated_clause_after_and_without_comma(kit, extractor) -> None:
    body = (
        "Over the past month, the auditors charged the treasurer with fraud and Vell fired "
        "her deputy, Tom Harlow, admitting that the office had lost the public's trust."
    )
    assert _speakers(kit, extractor, body) == [("Quorra Vell", "admitting")]


def test_a_conjoined_object_is_no_coordinated_subject(kit, extractor) -> None:
    body = "Harlow criticised the plan and Quinn, saying the numbers did not add up."
    assert _speakers(kit, extractor, body) == [("Tom Harlow", "saying")]


# ---- "…, as X, contradicting Y, said": a participle aside before the cue ---------------------
def test_a_participle_aside_after_a_clause_subject_is_not_the_speaker(kit, extractor) -> None:
    body = (
        "The quarrel began before he left the hall, as Quorra Vell, contradicting Harlow, said "
        "the deal was dead."
    )
    assert _speakers(kit, extractor, body) == [("Quorra Vell", "said")]


# ---- "“…?” said X, a role and role who has accused …": the relative clause describes X -------
def test_a_relative_clause_after_an_inverted_speaker_describes_that_speaker(kit, extractor) -> None:
    body = (
        "Peter Quinn spoke first. “Do these people read the papers?” said Tom Harlow, a local "
        "official and Vell supporter who has accused Quinn of lying. “Are they reading some "
        "chain email?”"
    )
    claims = _claims(kit, extractor, body)
    assert [(c.speaker.name, c.cue) for c in claims] == [
        ("Tom Harlow", "said"),
        ("Tom Harlow", "accused"),
        ("Tom Harlow", ""),
    ]


def test_a_relative_clause_of_a_plain_subject_keeps_its_antecedent(kit, extractor) -> None:
    body = "Harlow won among the voters who said the roads mattered most."
    claims = _claims(kit, extractor, body)
    assert [(c.speaker.text, c.cue) for c in claims] == [("the voters", "said")]


# ---- "“…,” like the swings of the markets, said X, an economist" ----------------------------
def test_an_aside_between_quotation_and_inverted_cue_is_no_speaker(kit, extractor) -> None:
    body = (
        "''The best part has been a new calm among shoppers,'' like the recent swings of the "
        "markets, said Tom Harlow, the chief economist for the state survey of consumers."
    )
    claims = _claims(kit, extractor, body)
    assert [(c.speaker.name, c.text) for c in claims] == [
        ("Tom Harlow", "The best part has been a new calm among shoppers")
    ]


def test_a_speaker_between_quotation_and_cue_still_speaks(kit, extractor) -> None:
    body = '"The roads are fine," the mayor, Tom Harlow, said Tuesday.'
    claims = _claims(kit, extractor, body)
    assert [(c.speaker.name, c.speaker.role) for c in claims] == [("Tom Harlow", "the mayor")]
