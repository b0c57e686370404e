"""Where a discovered name starts and stops: reporting verbs, titles, particles, employers
and organisation tails, on fixtures written for these tests."""

from __future__ import annotations

import pytest

from schemas.models import Entity, Label, TextField
from workers.core.entities.extractor import RuleEntityExtractor
from workers.core.entities.kb import KnowledgeBase

from .conftest import make_article


@pytest.fixture(scope="module")
def extract(kb: KnowledgeBase):  # type: ignore[no-untyped-def]
    extractor = RuleEntityExtractor(kb)

    def run(body: str, lang: str = "ar") -> list[Entity]:
        article = make_article("عنوان" if lang == "ar" else "Headline", body, lang)
        entities = [e for e in extractor(article) if e.field == TextField.BODY]
        for e in entities:
            assert body[e.start : e.end] == e.text
        return entities

    return run


def labelled(entities: list[Entity]) -> set[tuple[str, str]]:
    return {(e.text, e.label.value) for e in entities}


def test_an_arabic_name_stops_before_a_reporting_verb(extract) -> None:  # type: ignore[no-untyped-def]
    got = labelled(
        extract(
            "رئيس مجلس الشيوخ فريد العتيبي اعتبر أن الجلسة ستعقد، والنائب سمير خوري رأى عكس ذلك."
        )
    )
    assert ("فريد العتيبي", "PERSON") in got
    assert ("سمير خوري", "PERSON") in got
    assert not any("اعتبر" in text or "رأى" in text for text, _ in got)


def test_an_english_name_stops_before_a_reporting_verb(extract) -> None:  # type: ignore[no-untyped-def]
    got = labelled(extract("Senate Speaker Farid Otaibi Says the vote will go ahead.", lang="en"))
    assert ("Farid Otaibi", "PERSON") in got


def test_surname_with_article_before_an_outlet_in_quotes(extract) -> None:  # type: ignore[no-untyped-def]
    got = labelled(extract("وقال الخبير الاقتصادي سامر الحلبي لـ“الجزيرة نت” إن الأسعار سترتفع."))
    assert ("سامر الحلبي", "PERSON") in got
    assert not any(text.endswith("لـ") for text, _ in got)


def test_role_in_foreign_named_organisation_then_person(extract) -> None:  # type: ignore[no-untyped-def]
    got = labelled(
        extract(
            "وقالت الباحثة في معهد فالنبرغ لينا هورست إن العدوى تنتشر. "
            "وأوضح المحلل لدى شركة كوبرتال ديفيد مارش أن الأسهم تراجعت."
        )
    )
    assert ("معهد فالنبرغ", "ORG") in got
    assert ("لينا هورست", "PERSON") in got
    assert ("شركة كوبرتال", "ORG") in got
    assert ("ديفيد مارش", "PERSON") in got


def test_foreign_organisation_name_without_a_role_is_not_split(extract) -> None:  # type: ignore[no-untyped-def]
    got = labelled(extract("وأعلنت شركة كوبرتال فينانس غروب أن أرباحها ارتفعت."))
    assert ("شركة كوبرتال فينانس غروب", "ORG") in got
    assert not any(label == "PERSON" for _, label in got)


def test_role_at_known_organisation_then_person(extract) -> None:  # type: ignore[no-untyped-def]
    got = labelled(extract("وقال المحلل لدى غولدمان ساكس جون ميرفي إن الطلب ضعيف."))
    assert ("جون ميرفي", "PERSON") in got


def test_organisation_tail_stops_at_the_verbs_object(extract) -> None:  # type: ignore[no-untyped-def]
    got = labelled(
        extract(
            "اتهمت وزارة الداخلية الحركة بتهريب السلاح، فيما أعلنت هيئة الأركان العامة للجيش "
            "رفع الجاهزية."
        )
    )
    assert ("وزارة الداخلية", "ORG") in got
    assert ("هيئة الأركان العامة للجيش", "ORG") in got


def test_a_title_alone_is_no_person(extract) -> None:  # type: ignore[no-untyped-def]
    entities = extract("NATO Secretary General Jens Stoltenberg said allies were ready.", lang="en")
    persons = [e for e in entities if e.label == Label.PERSON]
    assert [(e.text, e.entity_id) for e in persons] == [("Jens Stoltenberg", "Q57286")]


def test_title_inside_a_capitalised_run(extract) -> None:  # type: ignore[no-untyped-def]
    got = labelled(
        extract(
            "Lebanese Parliament Speaker Farid Otaibi said the session would open. "
            "Later, Harbor Logistics Chief Executive Anna Kowalczyk said profits fell. "
            "General Motors said sales rose.",
            lang="en",
        )
    )
    assert ("Farid Otaibi", "PERSON") in got
    assert ("Anna Kowalczyk", "PERSON") in got
    assert ("General Motors", "ORG") in got
    assert not any(text in ("General", "Motors") for text, _ in got)


def test_lowercase_particles_inside_a_name(extract) -> None:  # type: ignore[no-untyped-def]
    got = labelled(
        extract(
            "A spokeswoman for the dockers, Marieke van den Broek, said talks would resume.",
            lang="en",
        )
    )
    assert ("Marieke van den Broek", "PERSON") in got


def test_plural_role_before_an_employer(extract) -> None:  # type: ignore[no-untyped-def]
    got = labelled(extract("Strategists at Kestrel said the rally was fragile.", lang="en"))
    assert ("Kestrel", "ORG") in got


def test_a_smaller_city_listed_with_a_known_place_is_a_place(extract) -> None:  # type: ignore[no-untyped-def]
    english = extract(
        "Trains were cancelled between Utrecht and Hamburg. Later, Utrecht reopened.", lang="en"
    )
    assert [e.text for e in english if e.entity_id == "geonames:2745912"] == ["Utrecht"] * 2
    arabic = extract("وألغيت الرحلات بين أوترخت وهامبورغ.")
    assert any(e.entity_id == "geonames:2745912" for e in arabic)
    alone = extract("Porto reopened the bridge.", lang="en")
    assert not any(e.entity_id == "geonames:2735943" for e in alone)  # no evidence
