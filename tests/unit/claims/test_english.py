"""English attributions, on texts written for these tests."""

from __future__ import annotations

from schemas.models import ClaimKind, Label, Stance

ENTITIES = [
    ("Reuters", Label.ORG, "Q130879", "Reuters"),
    ("CNN", Label.ORG, "Q48340", "CNN"),
    ("Jens Stoltenberg", Label.PERSON, "Q57286", "Jens Stoltenberg"),
    ("NATO", Label.ORG, "Q7826", "NATO"),
]

BODY = "\n\n".join(
    [
        "Port workers will extend their strike into a second week, the dockers' union said on "
        "Tuesday, after talks with employers collapsed.",
        '"We have been patient for months," said Lotte Visser, a spokeswoman for the union. '
        '"Patience has limits."',
        "The employers' federation accused the union of holding the economy hostage. Its "
        "chairman, Ruud Smit, told Reuters that the offer was final.",
        "A prolonged stoppage could cost the economy 40 million euros a day, according to "
        "analysts at a Rotterdam bank.",
        '"If this goes on, supply chains across Europe will feel it," NATO Secretary General '
        "Jens Stoltenberg said. He added that allies were watching the port closely.",
        "“We will not back down,” Visser said, “and we will keep talking.”",
        "The Financial Times reported, citing two people familiar with the talks, that a "
        "mediator could be named on Thursday.",
        "The government denied that it planned to intervene, and urged both sides to resume talks.",
        "“Nobody wins a long strike.”",
        "Freight rates rose sharply. Shipping lines declined to comment, and the port "
        "authority's forecast for next year was unchanged.",
    ]
)


def _claims(extractor, kit):  # type: ignore[no-untyped-def]
    article = kit.make_article(BODY, title="Dock strike drags on", lang="en")
    claims = extractor(article, kit.mentions(BODY, ENTITIES))
    kit.assert_offsets(article, claims)
    return claims


def test_post_posed_reported_speech_with_trailing_subordinate_clause(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "extend their strike")
    assert claim.speaker.text == "the dockers' union"
    assert claim.text == "Port workers will extend their strike into a second week"
    assert claim.kind is ClaimKind.INDIRECT


def test_quote_then_inverted_attribution_with_role(kit, extractor) -> None:
    claims = _claims(extractor, kit)
    claim = kit.by_content(claims, "patient for months")
    assert claim.kind is ClaimKind.DIRECT
    # The quotation goes on after the attribution in the next sentence: one statement.
    assert claim.text.startswith("We have been patient for months")
    assert claim.text.endswith("Patience has limits")
    assert claim.speaker.text == "Lotte Visser"
    assert claim.speaker.role == "a spokeswoman for the union"


def test_accusation_and_told_outlet(kit, extractor) -> None:
    claims = _claims(extractor, kit)
    accused = kit.by_content(claims, "holding the economy hostage")
    assert accused.stance is Stance.ACCUSE
    assert accused.text == "the union of holding the economy hostage"
    told = kit.by_content(claims, "the offer was final")
    assert told.speaker.text == "Ruud Smit"
    assert told.speaker.role == "Its chairman"
    assert told.source is not None and told.source.entity_id == "Q130879"


def test_according_to_after_the_content(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "40 million euros")
    assert claim.kind is ClaimKind.ACCORDING_TO
    assert claim.speaker.text == "analysts at a Rotterdam bank"


def test_title_before_name_and_he_added(kit, extractor) -> None:
    claims = _claims(extractor, kit)
    quote = kit.by_content(claims, "supply chains across Europe")
    assert quote.speaker.entity_id == "Q57286"
    assert quote.speaker.role == "NATO Secretary General"
    added = kit.by_content(claims, "allies were watching")
    assert added.speaker.entity_id == "Q57286"
    assert added.cue == "added"


def test_split_quote_is_one_claim_by_one_speaker(kit, extractor) -> None:
    claims = _claims(extractor, kit)
    claim = kit.by_content(claims, "We will not back down")
    assert claim.text == "We will not back down,” Visser said, “and we will keep talking"
    assert claim.speaker.text == "Visser"
    assert claim.kind is ClaimKind.DIRECT


def test_citing_makes_the_cited_people_the_speaker_and_the_paper_the_source(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "a mediator could be named")
    assert claim.speaker.text == "two people familiar with the talks"
    assert claim.source is not None and claim.source.text == "The Financial Times"


def test_denial_then_coordinated_call(kit, extractor) -> None:
    claims = _claims(extractor, kit)
    denied = kit.by_content(claims, "planned to intervene")
    assert denied.stance is Stance.DENY
    assert denied.text == "it planned to intervene"
    urged = kit.by_content(claims, "resume talks")
    assert urged.stance is Stance.CALL
    assert urged.speaker.text == "The government"


def test_quote_only_paragraph_takes_the_previous_speaker(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "Nobody wins a long strike")
    assert claim.speaker.text == "The government"
    assert claim.kind is ClaimKind.DIRECT


def test_no_claims_from_declined_to_comment_or_noun_forecast(kit, extractor) -> None:
    claims = _claims(extractor, kit)
    assert not [c for c in claims if "Freight" in c.text or "unchanged" in c.text]
    assert len(claims) == 12  # two split quotations are one claim each


def test_attribution_then_quote_and_statement_source(kit, extractor) -> None:
    body = (
        'The ministry said in a statement: "Supplies are secure."\n\n'
        "Oil prices fell, the agency said, citing weaker demand."
    )
    claims = extractor(kit.make_article(body, lang="en"), [])
    first = kit.by_content(claims, "Supplies are secure")
    assert first.kind is ClaimKind.DIRECT
    assert first.speaker.text == "The ministry"
    assert first.source is not None and first.source.text == "a statement"
