"""Headlines of the form "Speaker: what they said", on titles written for these tests."""

from __future__ import annotations

import pytest

from schemas.models import ClaimKind, Label, TextField


def _title_claims(kit, extractor, title, table=(), lang="ar"):  # type: ignore[no-untyped-def]
    article = kit.make_article("نص المقال." if lang == "ar" else "Body text.", title, lang)
    entities = [
        kit.mention(title, surface, label, entity_id, name, field=TextField.TITLE)
        for surface, label, entity_id, name in table
    ]
    claims = [c for c in extractor(article, entities) if c.field is TextField.TITLE]
    kit.assert_offsets(article, claims)
    return claims


def test_arabic_person_colon_is_an_indirect_claim(kit, extractor) -> None:
    title = "غوتيريش: الوضع الإنساني في غزة كارثي"
    table = [("غوتيريش", Label.PERSON, "Q311440", "António Guterres")]
    (claim,) = _title_claims(kit, extractor, title, table)
    assert claim.speaker.text == "غوتيريش"
    assert claim.speaker.entity_id == "Q311440"
    assert claim.text == "الوضع الإنساني في غزة كارثي"
    assert claim.kind is ClaimKind.INDIRECT
    assert claim.cue == ":"


def test_english_person_colon(kit, extractor) -> None:
    title = "Lagarde: inflation fight is not over"
    table = [("Lagarde", Label.PERSON, "kb:person:christine-lagarde", "Christine Lagarde")]
    (claim,) = _title_claims(kit, extractor, title, table, lang="en")
    assert claim.speaker.entity_id == "kb:person:christine-lagarde"
    assert claim.text == "inflation fight is not over"


def test_quoted_words_after_the_colon_are_direct(kit, extractor) -> None:
    title = "وزير الخارجية الأردني: “لا حل عسكريا في السودان”"
    (claim,) = _title_claims(kit, extractor, title)
    assert claim.kind is ClaimKind.DIRECT
    assert claim.text == "لا حل عسكريا في السودان"
    assert claim.speaker.text == "وزير الخارجية الأردني"


def test_role_and_name_before_the_colon(kit, extractor) -> None:
    title = "Fed chair Jerome Powell: rate cuts are not imminent"
    table = [("Jerome Powell", Label.PERSON, "Q1685373", "Jerome Powell")]
    (claim,) = _title_claims(kit, extractor, title, table, lang="en")
    assert (claim.speaker.text, claim.speaker.role) == ("Jerome Powell", "Fed chair")


@pytest.mark.parametrize(
    ("title", "table", "lang"),
    [
        ("عاجل: انفجار قرب مرفأ بيروت", [], "ar"),
        ("Live: markets slide as oil jumps", [], "en"),
        ("Gaza: dozens killed in overnight strikes", [("Gaza", Label.LOC, "Q39760", "Gaza")], "en"),
        ("Big Tech: the reckoning", [], "en"),
    ],
)
def test_rubrics_places_and_plain_phrases_are_no_speakers(
    kit, extractor, title: str, table: list[tuple[str, Label, str, str]], lang: str
) -> None:  # type: ignore[no-untyped-def]
    assert _title_claims(kit, extractor, title, table, lang) == []


def test_a_cue_in_the_headline_wins_over_the_colon(kit, extractor) -> None:
    title = "Ukraine: Kyiv says it downed 40 drones"
    table = [("Kyiv", Label.LOC, "Q1899", "Kyiv")]
    claims = _title_claims(kit, extractor, title, table, lang="en")
    assert [(c.speaker.text, c.text) for c in claims] == [("Kyiv", "it downed 40 drones")]
