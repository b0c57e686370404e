"""English speaker spans fixed in the tenth PolNeAR train round (issue 11), on sentences
written for these tests."""

from __future__ import annotations


# ---- "The contrast with X, said Y, would …": an inverted cue inside the statement -----------
def test_an_inverted_cue_inside_the_statement_gives_the_name_after_it(kit, extractor) -> None:
    body = "The difference with Harlow, said Quorra Vell and two aides, would be plain by March."
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.text == "Quorra Vell and two aides"
    assert claim.text.startswith("The difference with Harlow")
    assert claim.text.endswith("would be plain by March")


def test_an_inverted_cue_with_a_role_after_the_name(kit, extractor) -> None:
    body = (
        "The real puzzle about Harlow, says Peter Quinn, a historian at the town museum, "
        "is why the voters forgave him."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.name == "Peter Quinn"
    assert claim.text.endswith("is why the voters forgave him")


def test_a_statement_before_an_inverted_cue_stays_the_content(kit, extractor) -> None:
    # a clause before the comma is the whole statement; the relative clause describes Vell
    body = "The budget is dead, said Quorra Vell, who was furious about the vote."
    (claim,) = kit.english_claims(extractor, body)
    assert kit.speaker_pairs([claim]) == [("Quorra Vell", "The budget is dead")]


# ---- "9:12PMHarlow Says …": a live blog's time stamp run into its headline --------------------
def test_a_time_stamp_glued_to_a_headline_subject_is_not_the_speaker(kit, extractor) -> None:
    body = "Evening Updates 9:12PMHarlow Says The Bridge Will Reopen In March"
    claims = kit.english_claims(extractor, body)
    assert [(c.speaker.text, c.cue) for c in claims] == [("Harlow", "Says")]


# ---- "Likewise, X went after Y … and called …": a one-word opener is no subject ---------------
def test_a_one_word_opener_is_not_the_subject_a_later_verb_continues(kit, extractor) -> None:
    body = (
        "Likewise, Tom Harlow went after Peter Quinn over the budget and called for him to "
        "resign his seat."
    )
    claims = [c for c in kit.english_claims(extractor, body) if c.cue == "called"]
    assert [c.speaker.name for c in claims] == ["Tom Harlow"]


# ---- "… but in a later interview said …": an occasion between the conjunction and the cue ---
def test_an_occasion_phrase_after_but_continues_the_subject(kit, extractor) -> None:
    body = (
        "Quorra Vell first said she had never seen the memo, but in a later interview said "
        "she had read it twice."
    )
    claims = kit.english_claims(extractor, body)
    assert [(c.speaker.name, c.text) for c in claims] == [
        ("Quorra Vell", "she had never seen the memo"),
        ("Quorra Vell", "she had read it twice"),
    ]


# ---- "Almost a month after X visited …, a newspaper said": no name-role apposition ----------
def test_a_long_phrase_mentioning_a_person_is_no_name_of_an_apposition(kit, extractor) -> None:
    body = (
        "Almost a month after Tom Harlow brought food to the flooded towns, a local "
        "newspaper said the governor should visit the region."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.text == "a local newspaper"


def test_a_name_and_its_role_stay_one_speaker(kit, extractor) -> None:
    body = "The party chair, Maria Lopez, said the count was fair."
    (claim,) = kit.english_claims(extractor, body)
    assert (claim.speaker.name, claim.text) == ("Maria Lopez", "the count was fair")


# ---- "Friday, the state, leading a group …, asked a judge to …" ------------------------------
def test_a_weekday_and_a_participle_aside_are_not_the_speaker(kit, extractor) -> None:
    body = (
        "Friday, the state of Ohio, leading a group of nine states, asked a judge to halt "
        "the rules."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.text == "the state of Ohio"
    assert claim.text == "a judge to halt the rules"


def test_a_weekday_opener_before_a_plain_subject(kit, extractor) -> None:
    body = "Friday, the state of Ohio said the rules were unlawful."
    (claim,) = kit.english_claims(extractor, body)
    assert (claim.speaker.text, claim.text) == ("the state of Ohio", "the rules were unlawful")


# ---- "(She said …" / "Then she tells …": a pronoun after a parenthesis or an adverb ----------
def test_a_pronoun_after_then_is_resolved_not_kept_as_a_name(kit, extractor) -> None:
    body = "Quorra Vell spoke first. Then she tells the voters the plan is fair."
    claims = [c for c in kit.english_claims(extractor, body) if c.cue == "tells"]
    assert [c.speaker.name for c in claims] == ["Quorra Vell"]


def test_a_pronoun_after_an_opening_parenthesis_is_resolved(kit, extractor) -> None:
    body = "Quorra Vell spoke first. (She said the plan was fair.)"
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.name == "Quorra Vell"


def test_there_with_a_comma_opens_no_subject(kit, extractor) -> None:
    body = (
        "There, the party chairman Tom Harlow declined to name the delegates but said one "
        "was a loyal supporter."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert (claim.speaker.name, claim.text) == ("Tom Harlow", "one was a loyal supporter")


# ---- "its show “Title,” and on Monday, X said …": the quotation is not X's ------------------
def test_a_quoted_title_before_a_new_clause_is_not_the_statement(kit, extractor) -> None:
    body = (
        "The city is closing its old “Harbor Museum,” and on Monday, the council said it "
        "was selling the building."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert (claim.speaker.text, claim.text) == ("the council", "it was selling the building")


def test_a_quotation_before_its_speaker_still_is_the_statement(kit, extractor) -> None:
    body = "“The building will be sold,” the council said on Monday."
    (claim,) = kit.english_claims(extractor, body)
    assert (claim.speaker.text, claim.text) == ("the council", "The building will be sold")


# ---- "Inside the hall - which … - X said": the name after a dash aside speaks ----------------
def test_the_name_after_a_dash_aside_speaks_not_the_opening_phrase(kit, extractor) -> None:
    body = (
        "Inside the hall - which resembles an old barn - Tom Harlow said he and his friends "
        "were raising money."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.name == "Tom Harlow"


def test_two_named_senators_stay_the_subject_before_their_aside(kit, extractor) -> None:
    # a name piece of ten words without a clause is still a name of an apposition
    body = (
        "Sens. Tom Harlow of Ohio and Peter Quinn of Utah, both up for reelection in rural "
        "districts, said they would vote no."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert "Quinn" in claim.speaker.text and "reelection" not in claim.speaker.text


def test_a_participle_phrase_before_after_is_no_noun_it_describes(kit, extractor) -> None:
    body = (
        "Quinn had a strong night in the debate, forcefully denouncing the plan after Tom "
        "Harlow said he is open to a deal."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert (claim.speaker.name, claim.text) == ("Tom Harlow", "he is open to a deal")


# ---- "X, who …, warned against Y.": a preposition after the cue opens no inverted speaker --
def test_a_subject_with_a_relative_clause_warning_against_something(kit, extractor) -> None:
    body = (
        "In her spring speech, Maria Lopez, who has backed one of the most open policies "
        "toward farm workers, warned against the forces of fear once again rising in Spain."
    )
    (claim,) = kit.english_claims(extractor, body)
    assert claim.speaker.name == "Maria Lopez"
    assert claim.text == "the forces of fear once again rising in Spain"


def test_an_inverted_speaker_after_the_cue_still_speaks(kit, extractor) -> None:
    body = "The town will recover, said Maria Lopez, the head of the council."
    (claim,) = kit.english_claims(extractor, body)
    assert (claim.speaker.name, claim.text) == ("Maria Lopez", "The town will recover")
