"""English speaker phrases: titles before names, hearers of 'told', subordinate clauses and
auxiliaries around the subject — on sentences written for these tests."""

from __future__ import annotations

from schemas.models import Label, Stance


def _one(kit, extractor, body, table=()):  # type: ignore[no-untyped-def]
    article = kit.make_article(body, title="Headline", lang="en")
    claims = extractor(article, kit.mentions(body, list(table)))
    kit.assert_offsets(article, claims)
    return claims


def test_title_before_name_even_when_a_bare_title_was_tagged_as_a_person(kit, extractor) -> None:
    body = "NATO Secretary General Jens Stoltenberg said the pact showed that allies must unite."
    table = [
        ("NATO", Label.ORG, "Q7826", "NATO"),
        ("General", Label.PERSON, "nf:person:general", "General"),  # an upstream mistake
        ("Jens Stoltenberg", Label.PERSON, "Q57286", "Jens Stoltenberg"),
    ]
    (claim,) = _one(kit, extractor, body, table)
    assert claim.speaker.text == "Jens Stoltenberg"
    assert claim.speaker.entity_id == "Q57286"
    assert claim.speaker.role == "NATO Secretary General"


def test_nationality_and_title_before_a_known_name(kit, extractor) -> None:
    body = "Russian President Vladimir Putin said the West had provoked the crisis."
    table = [
        ("Russian", Label.NORP, "Q159", "Russia"),
        ("Vladimir Putin", Label.PERSON, "Q7747", "Vladimir Putin"),
    ]
    (claim,) = _one(kit, extractor, body, table)
    assert (claim.speaker.text, claim.speaker.role) == ("Vladimir Putin", "Russian President")
    assert claim.speaker.entity_id == "Q7747"


def test_title_before_an_unknown_name(kit, extractor) -> None:
    (claim,) = _one(kit, extractor, "Foreign Minister Leila Haddad said the border would reopen.")
    assert (claim.speaker.text, claim.speaker.role) == ("Leila Haddad", "Foreign Minister")


def test_told_a_news_conference_is_the_occasion_not_the_content(kit, extractor) -> None:
    body = (
        "Central bank governor Pieter Jansen told a news conference in Utrecht that rates "
        "would stay high. He told a parliamentary committee the outlook was uncertain."
    )
    first, second = _one(kit, extractor, body)
    assert first.text == "rates would stay high"
    assert first.speaker.text == "Pieter Jansen"
    assert first.source is None
    assert second.text == "the outlook was uncertain"
    assert second.speaker.text == "Pieter Jansen"


def test_role_first_then_name_in_apposition(kit, extractor) -> None:
    body = "A spokeswoman for the dockers' union, Marieke van den Broek, said the strike goes on."
    (claim,) = _one(kit, extractor, body)
    assert claim.speaker.text == "Marieke van den Broek"
    assert claim.speaker.role == "A spokeswoman for the dockers' union"


def test_company_named_with_a_title_word_is_not_split(kit, extractor) -> None:
    body = "General Motors said it would cut 2,000 jobs."
    table = [("General Motors", Label.ORG, "Q81965", "General Motors")]
    (claim,) = _one(kit, extractor, body, table)
    assert claim.speaker.text == "General Motors"
    assert claim.speaker.role is None


def test_subject_after_and_or_though_still_speaks(kit, extractor) -> None:
    body = (
        "Demand hit a record as temperatures climbed, and the grid operator warned that "
        "supplies could run short. Two coal units were kept warm, though the operator said "
        "it did not expect to use them."
    )
    warned, said = _one(kit, extractor, body)
    assert (warned.speaker.text, warned.stance) == ("the grid operator", Stance.WARN)
    assert warned.text == "supplies could run short"
    assert said.speaker.text == "the operator"
    assert said.text == "it did not expect to use them"


def test_auxiliaries_are_not_part_of_the_speaker(kit, extractor) -> None:
    body = (
        "Ukraine and its partners have accused Minsk of hosting the launchers. "
        "Moscow and Minsk have denied any such deployment."
    )
    accused, denied = _one(kit, extractor, body)
    assert accused.speaker.text == "Ukraine and its partners"
    assert accused.text == "Minsk of hosting the launchers"
    assert (denied.speaker.text, denied.speaker.role) == ("Moscow and Minsk", None)


def test_headline_subject_after_a_subordinator(kit, extractor) -> None:
    title = "Fares rise again as rail regulator warns of cuts to services"
    article = kit.make_article("Trains ran late.", title=title, lang="en")
    (claim,) = extractor(article, [])
    assert claim.speaker.text == "rail regulator"
    assert claim.text == "cuts to services"


def test_content_then_said_then_the_speaker(kit, extractor) -> None:
    body = (
        "The ceasefire is holding, said Foreign Minister Leila Haddad. "
        "Dairy farmers, who export mostly to Asia, urged Canberra to reopen talks. "
        "Exports fell sharply, the ministry said, adding that prices would recover."
    )
    claims = _one(kit, extractor, body)
    holding = kit.by_content(claims, "ceasefire is holding")
    assert (holding.speaker.text, holding.speaker.role) == ("Leila Haddad", "Foreign Minister")
    urged = kit.by_content(claims, "reopen talks")
    assert urged.speaker.text.startswith("Dairy farmers")
    assert urged.stance is Stance.CALL
    fell = kit.by_content(claims, "Exports fell sharply")
    assert fell.speaker.text == "the ministry"
    assert kit.by_content(claims, "prices would recover").speaker.text == "the ministry"


def test_citing_a_reason_is_not_citing_a_source(kit, extractor) -> None:
    body = (
        "Margins narrowed, the company said, citing higher energy costs. "
        "A merger is close, Bloomberg reported, citing two people briefed on the talks."
    )
    margins, merger = _one(kit, extractor, body)
    assert margins.speaker.text == "the company"
    assert margins.source is None
    assert merger.speaker.text == "two people briefed on the talks"
    assert merger.source is not None and merger.source.text == "Bloomberg"
