"""Index documents carry every name of every entity, so Putin finds بوتين."""

from datetime import UTC, datetime

import orjson

from schemas.documents import article_body, text_language, upgrade_article_source
from schemas.models import (
    Claim,
    ClaimKind,
    ClaimSource,
    EnrichedArticle,
    Entity,
    Label,
    ParagraphLanguage,
    Speaker,
    Stance,
    TextField,
)
from workers.core.claims import claim_id
from workers.core.documents import article_document, claim_documents

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def _article(version: int = 1) -> EnrichedArticle:
    body = "قال بوتين إن الاتفاق تاريخي. وقال بوتين أيضا إن التعاون سيستمر."
    putin = dict(
        label=Label.PERSON,
        field=TextField.BODY,
        entity_id="Q7747",
        name="Vladimir Putin",
        names={"en": "Vladimir Putin", "ar": "فلاديمير بوتين"},
    )
    return EnrichedArticle(
        id="a1",
        lang="ar",
        title="عنوان",
        body=body,
        fetched_at=NOW,
        version=version,
        content_hash="h",
        entities=[
            Entity(text="بوتين", start=4, end=9, **putin),
            Entity(text="بوتين", start=37, end=42, **putin),
        ],
        claims=[
            Claim(
                text="الاتفاق تاريخي",
                speaker=Speaker(text="بوتين", entity_id="Q7747", name="Vladimir Putin"),
                source=ClaimSource(text="رويترز", entity_id="Q130879", name="Reuters"),
                cue="قال",
                kind=ClaimKind.INDIRECT,
                stance=Stance.ASSERT,
                field=TextField.BODY,
                start=13,
                end=27,
            )
        ],
    )


def test_article_document_lists_names_in_all_languages_once() -> None:
    doc = article_document(_article(), NOW)
    assert doc.entity_ids == ["Q7747"]
    assert doc.entity_names == ["Vladimir Putin", "فلاديمير بوتين"]
    assert doc.entities[0].count == 2
    assert doc.persons == ["Vladimir Putin"]
    assert doc.speakers == ["Vladimir Putin"]
    assert doc.timestamp == NOW
    assert doc.body_ar is not None and doc.body_ar.startswith("قال بوتين إن")  # display form
    assert "body_match" not in doc.model_dump()  # no second analysed copy of the text


def test_article_text_goes_to_its_language_fields_once_and_others_are_absent() -> None:
    source = orjson.loads(article_document(_article(), NOW).model_dump_json(by_alias=True))
    texts = {k: v for k, v in source.items() if k.startswith(("title", "body"))}
    assert texts == {
        "title": "عنوان",
        "title_ar": "عنوان",
        "body_ar": _article().body,
        "title_derived": False,
    }  # no title_en/body_other keys at all (not even null), and the body once
    assert article_body(source) == _article().body


def test_an_arabic_article_with_an_english_paragraph_is_indexed_by_both_chains() -> None:
    mixed = _article().model_copy(
        update={
            "paragraph_langs": [
                ParagraphLanguage(index=0, lang="ar"),
                ParagraphLanguage(index=1, lang="en"),
            ]
        }
    )
    doc = article_document(mixed, NOW)
    assert doc.body_other == mixed.body and doc.body_ar is None and doc.title_other == "عنوان"


def test_text_language_of_articles() -> None:
    assert text_language("ar") == "ar"
    assert text_language("en", ["en", "und", "de"]) == "en"  # a third language does not count
    assert text_language("en", ["en", "ar"]) == "other"
    assert text_language("fr", ["fr"]) == "other"
    assert text_language("und") == "other"


def test_a_document_of_the_former_layout_is_upgraded_for_the_rebuilt_index() -> None:
    former = {"id": "x", "lang": "en", "paragraph_langs": ["en"], "title": "T", "body": "B b."}
    upgraded = upgrade_article_source(former)
    assert upgraded == {
        "id": "x",
        "lang": "en",
        "paragraph_langs": ["en"],
        "title": "T",
        "title_en": "T",
        "body_en": "B b.",
    }
    assert upgrade_article_source(upgraded) == upgraded  # the current layout passes as it is
    assert (
        upgrade_article_source({**former, "lang": "ar", "paragraph_langs": ["ar", "en"]})[
            "body_other"
        ]
        == "B b."
    )


def test_claim_documents_resolve_speaker_names_and_outlet() -> None:
    (doc,) = claim_documents(_article())
    assert doc.speaker_names == ["Vladimir Putin", "فلاديمير بوتين"]
    assert doc.outlet == "Reuters"
    assert doc.text == "الاتفاق تاريخي"
    assert "قال بوتين" in doc.snippet


def test_claim_id_is_stable_across_versions_and_differs_by_position() -> None:
    a, b = _article(1), _article(2)
    assert claim_id(a.id, a.claims[0]) == claim_id(b.id, b.claims[0])
    moved = a.claims[0].model_copy(update={"start": 50})
    assert claim_id(a.id, moved) != claim_id(a.id, a.claims[0])


def test_values_go_to_dates_and_amounts_not_to_the_entity_fields() -> None:
    article = _article()
    body = article.body + " يوم الأربعاء بقيمة 5 مليارات دولار"
    weekday_at = body.index("يوم الأربعاء")
    money_at = body.index("5 مليارات")

    def value(text: str, start: int, label: Label, entity_id: str, name: str) -> Entity:
        return Entity(
            text=text,
            label=label,
            field=TextField.BODY,
            start=start,
            end=start + len(text),
            entity_id=entity_id,
            name=name,
        )

    article = article.model_copy(
        update={
            "body": body,
            "entities": [
                *article.entities,
                value("يوم الأربعاء", weekday_at, Label.DATE, "date:wednesday", "Wednesday"),
                value(
                    "5 مليارات دولار",
                    money_at,
                    Label.MONEY,
                    "money:USD:5000000000",
                    "USD 5,000,000,000",
                ),
            ],
        }
    )
    doc = article_document(article, NOW)
    assert doc.dates == ["Wednesday"]
    assert doc.amounts == ["USD 5,000,000,000"]
    assert doc.entity_ids == ["Q7747"]
    assert doc.entity_labels == ["PERSON"]
    assert [e.entity_id for e in doc.entities] == ["Q7747"]
