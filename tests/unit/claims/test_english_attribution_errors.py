"""The English error kinds seen on PolNeAR political news, on sentences written for these
tests: nested attribution, speakers that swallow a clause, duplicates, acts that are not
statements, and quotations typed as two apostrophes."""

from __future__ import annotations

from schemas.models import ClaimKind, Label, Stance

PEOPLE = [
    ("Maria Lopez", Label.PERSON, "Q-lopez", "Maria Lopez"),
    ("Reuters", Label.ORG, "Q130879", "Reuters"),
    ("Interior Ministry", Label.ORG, "Q-interior", "Interior Ministry"),
    ("John Carter", Label.PERSON, "Q-carter", "John Carter"),
    ("Tom Harlow", Label.PERSON, "Q-harlow", "Tom Harlow"),
]


def _claims(extractor, kit, body: str):  # type: ignore[no-untyped-def]
    return kit.english_claims(extractor, body, PEOPLE, title="Plant closure")


# ---- nested and chained attribution ------------------------------------------------------------
def test_told_outlet_that_officials_said_gives_the_officials_the_statement(kit, extractor) -> None:
    body = "Senator Maria Lopez told Reuters that officials said the plant would close in May."
    claims = _claims(extractor, kit, body)
    # Round 9: both levels are claims; the teller's holds the officials' attribution
    assert len(claims) == 2
    outer, claim = claims
    assert (outer.speaker.name, outer.text) == (
        "Maria Lopez",
        "officials said the plant would close in May",
    )
    assert claim.text == "the plant would close in May"
    assert claim.speaker.text == "officials"
    assert claim.source is not None and claim.source.text == "Maria Lopez"


def test_outlet_reporting_what_a_minister_said(kit, extractor) -> None:
    body = "Reuters reported that the minister said the deal was dead."
    outer, claim = _claims(extractor, kit, body)  # round 9: both levels
    assert outer.speaker.name == "Reuters"
    assert claim.text == "the deal was dead"
    assert claim.speaker.text == "the minister"
    assert claim.source is not None and claim.source.name == "Reuters"


def test_pronoun_teller_relays_through_the_outlet(kit, extractor) -> None:
    body = (
        "Maria Lopez visited the site on Monday. She told Reuters that aides had said the "
        "talks were over."
    )
    outer, claim = _claims(extractor, kit, body)  # round 9: both levels
    assert outer.speaker.name == "Maria Lopez"
    assert claim.text == "the talks were over"
    assert claim.speaker.text == "aides"
    assert claim.source is not None and claim.source.name == "Reuters"


def test_according_to_a_statement_from_names_who_made_it(kit, extractor) -> None:
    for body in (
        "According to a statement from the Interior Ministry, three people were arrested.",
        "Three people were arrested, according to a statement issued by the Interior Ministry.",
    ):
        (claim,) = _claims(extractor, kit, body)
        assert claim.text.casefold() == "three people were arrested"
        assert claim.speaker.text == "the Interior Ministry"
        assert claim.source is not None and claim.source.text == "a statement"


# ---- speaker spans are noun phrases -------------------------------------------------------------
def test_speaker_stops_before_a_relative_clause(kit, extractor) -> None:
    body = (
        "Police spokesman John Carter, who arrived at the scene after the blast, said the "
        "road was closed."
    )
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.text == "John Carter"
    assert claim.speaker.role == "Police spokesman"
    assert claim.text == "the road was closed"


def test_speaker_stops_before_a_time_clause(kit, extractor) -> None:
    body = "The mayor of the town after the vote on Monday said the result was fair."
    (claim,) = _claims(extractor, kit, body)
    assert claim.speaker.text == "The mayor of the town"


def test_inverted_speaker_keeps_the_title_full_stop(kit, extractor) -> None:
    body = '"The roads are getting better every month," said Gov. Tom Harlow of Ohio.'
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "The roads are getting better every month"
    assert "Tom Harlow" in claim.speaker.text
    assert claim.speaker.text not in ("Gov", "Gov.")


def test_parenthetical_pronoun_is_the_speaker_not_the_subject_before_it(kit, extractor) -> None:
    body = 'Tom Harlow spoke in Dayton. "We lost," he said. The solution, he said, was simple.'
    claims = _claims(extractor, kit, body)
    claim = kit.by_content(claims, "was simple")
    assert claim.speaker.name == "Tom Harlow"
    assert claim.text == "The solution, he said, was simple"


# ---- each statement once -------------------------------------------------------------------------
def test_nested_statement_is_emitted_once_per_level(kit, extractor) -> None:
    # Round 9: once for the teller (with the inner attribution), once for the officials
    body = "Maria Lopez told Reuters that officials said the plant would close."
    claims = _claims(extractor, kit, body)
    assert [c.text for c in claims] == [
        "officials said the plant would close",
        "the plant would close",
    ]


def test_split_quote_is_one_claim_over_both_parts(kit, extractor) -> None:
    # PolNeAR annotates “A,” X said, “B.” as one relation whose content is A and B.
    body = "“We will not back down,” John Carter said, “and we will keep talking.”"
    claims = _claims(extractor, kit, body)
    assert [c.text for c in claims] == [
        "We will not back down,” John Carter said, “and we will keep talking"
    ]
    assert claims[0].speaker.text == "John Carter"


def test_quote_continued_in_the_next_sentence_joins_the_claim(kit, extractor) -> None:
    body = (
        "“The port is losing money every day,” said Inez Moreau, a trader. "
        "“Nobody can wait much longer.”\n\n“Talks resume on Friday.”"
    )
    claims = _claims(extractor, kit, body)
    joined = kit.by_content(claims, "losing money")
    assert joined.text.endswith("Nobody can wait much longer")
    # A quotation in its own paragraph stays a claim of its own, by the same speaker.
    own = kit.by_content(claims, "Talks resume")
    assert own.speaker.text == joined.speaker.text == "Inez Moreau"


def test_speaker_with_long_appositions_is_the_name(kit, extractor) -> None:
    body = (
        "Nadia Perrin, director of the Coastal Freight Council, a lobby group funded by "
        "shipping firms, said the backlog would last into spring."
    )
    claims = _claims(extractor, kit, body)
    assert [c.text for c in claims] == ["the backlog would last into spring"]
    assert claims[0].speaker.text == "Nadia Perrin"


def test_long_speaker_after_quote_keeps_the_claim(kit, extractor) -> None:
    body = (
        "“Freight rates will keep rising,” said Tomas Lind, a former adviser to the transport "
        "ministry who now runs a consultancy for regional ports."
    )
    claims = _claims(extractor, kit, body)
    assert [c.speaker.text for c in claims] == ["Tomas Lind"]


def test_quotation_ending_in_a_modal_word_still_has_its_cue(kit, extractor) -> None:
    body = "“We will do whatever we can,” said Tomas Lind."
    assert [c.text for c in _claims(extractor, kit, body)] == ["We will do whatever we can"]


def test_that_clause_opening_with_a_subordinator_is_the_content(kit, extractor) -> None:
    body = "On Monday, Tomas Lind said that while rates were high, demand would hold."
    claims = _claims(extractor, kit, body)
    assert [c.text for c in claims] == ["while rates were high, demand would hold"]


# ---- acts are not statements ---------------------------------------------------------------------
def test_acts_without_a_reported_statement_are_not_claims(kit, extractor) -> None:
    for body in (
        "The union rejected the pay offer on Tuesday.",
        "The council approved the budget, and the mayor signed the decree.",
        "The company launched a new phone in March.",
        "The board dismissed the chief executive in June.",
    ):
        assert _claims(extractor, kit, body) == [], body


def test_rejection_with_a_reported_reason_is_a_claim(kit, extractor) -> None:
    body = "The union rejected claims that it had broken the law."
    (claim,) = _claims(extractor, kit, body)
    assert claim.stance is Stance.DENY
    body = "The opposition dismissed the target as unrealistic."
    (claim,) = _claims(extractor, kit, body)
    assert claim.stance is Stance.DENY


def test_promises_take_an_infinitive(kit, extractor) -> None:
    body = "Maria Lopez vowed to keep the plant open."
    (claim,) = _claims(extractor, kit, body)
    assert claim.text == "to keep the plant open"
    assert claim.speaker.name == "Maria Lopez"
    assert _claims(extractor, kit, "Maria Lopez vowed revenge.") == []


# ---- typewriter quotation marks ------------------------------------------------------------------
def test_two_apostrophes_quote_like_curly_quotes(kit, extractor) -> None:
    body = "''We are ready,'' said John Carter, a union official."
    (claim,) = _claims(extractor, kit, body)
    assert claim.kind is ClaimKind.DIRECT
    assert claim.text == "We are ready"
    assert claim.speaker.text == "John Carter"
    assert claim.speaker.role == "a union official"


def test_introductory_phrase_before_the_subject_is_not_the_speaker(kit, extractor) -> None:
    for body, speaker in (
        ("Additionally, Carla Mendes said the ferry would run twice a day.", "Carla Mendes"),
        (
            "Around that time, 40 percent of riders said fares were too high.",
            "40 percent of riders",
        ),
        ("On May 3, 2019, the harbour board said the pier was unsafe.", "the harbour board"),
    ):
        claims = _claims(extractor, kit, body)
        assert [c.speaker.text for c in claims] == [speaker], body


def test_name_and_role_around_a_comma_stay_one_speaker(kit, extractor) -> None:
    claims = _claims(extractor, kit, "Its chairman, Ruud Smit, said the offer was final.")
    assert claims[0].speaker.text == "Ruud Smit"
    assert claims[0].speaker.role == "Its chairman"


# ---- cue forms seen in PolNeAR train -------------------------------------------------------------
def test_quotation_before_a_titled_speaker(kit, extractor) -> None:
    claims = _claims(extractor, kit, "''The harbour needs a second crane,'' Mr. Okafor said.")
    assert [(c.text, c.speaker.text) for c in claims] == [
        ("The harbour needs a second crane", "Mr. Okafor")
    ]


def test_quotation_ending_in_a_nested_quotation(kit, extractor) -> None:
    body = (
        "Rosa Quint said the ferry line would close.\n\n"
        "“They told us, ‘Wait until spring,’ ” she said."
    )
    claims = _claims(extractor, kit, body)
    nested = kit.by_content(claims, "Wait until spring")
    assert nested.text == "They told us, ‘Wait until spring,’"
    assert nested.speaker.text == "Rosa Quint"


def test_according_to_a_common_noun_source(kit, extractor) -> None:
    body = "Ticket sales fell by a third, according to harbour records."
    claims = _claims(extractor, kit, body)
    assert [(c.text, c.speaker.text) for c in claims] == [
        ("Ticket sales fell by a third", "harbour records")
    ]


def test_called_with_a_quoted_verdict_is_a_claim(kit, extractor) -> None:
    claims = _claims(extractor, kit, "Ana Ruiz called the new timetable “a disgrace.”")
    assert [c.text for c in claims] == ["the new timetable “a disgrace.”"]
    assert claims[0].stance is Stance.ASSERT


def test_called_as_a_name_or_a_phone_call_is_not_a_claim(kit, extractor) -> None:
    for body in (
        "She joined a group called “Harbour Friends” last year.",
        "Ana Ruiz called the mayor on Tuesday.",
        "The strike called attention to the backlog.",
    ):
        assert _claims(extractor, kit, body) == [], body


def test_participle_after_a_named_subject_and_its_own_verb(kit, extractor) -> None:
    for body in (
        "Ada Lind toured the harbour on Monday, saying the cranes were too old.",
        "Ada Lind defended the “harbour plan,” saying the cranes were too old.",
    ):
        claims = _claims(extractor, kit, body)
        assert [(c.text, c.speaker.text) for c in claims] == [
            ("the cranes were too old", "Ada Lind")
        ], body


# ---- where reported content ends -----------------------------------------------------------------
def test_content_ends_before_a_second_speakers_attribution(kit, extractor) -> None:
    body = "Two in five riders said fares were too high, and one in four said trains were late."
    claims = _claims(extractor, kit, body)
    assert [c.text for c in claims] == ["fares were too high", "trains were late"]


def test_content_ends_before_a_participle_and_a_dash_aside(kit, extractor) -> None:
    body = "Ada Lind said the pier would reopen in May, telling reporters that repairs were done."
    assert _claims(extractor, kit, body)[0].text == "the pier would reopen in May"
    body = "Ada Lind said she was encouraged by the plan — a rare show of support."
    assert [c.text for c in _claims(extractor, kit, body)] == ["she was encouraged by the plan"]


def test_attribution_in_a_subordinate_clause_ends_at_its_comma(kit, extractor) -> None:
    body = "While Ada Lind said that the pier was safe, she did not walk on it."
    assert [c.text for c in _claims(extractor, kit, body)] == ["the pier was safe"]


def test_a_long_clause_before_the_cue_is_not_cut_into_a_speaker(kit, extractor) -> None:
    body = (
        "The ferry service was in trouble on Friday after a small union of deckhands "
        "threatened to walk out over pay."
    )
    assert _claims(extractor, kit, body) == []
