"""Arabic error kinds seen on real news (issue 11), on sentences written for these tests:
nested attribution, speakers that swallowed a clause, the same framing emitted twice,
actions and bare stance verbs read as statements, and the journalist's own voice."""

from __future__ import annotations

import pytest

from schemas.models import ClaimKind, Label, Stance, TextField


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, title)


# ---- nested attribution ----------------------------------------------------------------------
def test_outlet_relaying_sources_gives_the_sources_as_speaker(kit, extractor) -> None:
    body = "وذكرت وكالة الأنباء المحلية نقلا عن مصادر مطلعة أن المفاوضات ستستأنف الأسبوع المقبل."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "مصادر مطلعة"
    assert claim.source is not None and claim.source.text == "وكالة الأنباء المحلية"
    assert claim.text == "المفاوضات ستستأنف الأسبوع المقبل"
    assert claim.stance is Stance.ASSERT


def test_relay_verb_with_speech_noun(kit, extractor) -> None:
    body = "ونقلت صحيفة الشروق عن مصادر حكومية قولها إن الميزانية ستقر قبل نهاية الشهر."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "مصادر حكومية"
    assert claim.source is not None and claim.source.text == "صحيفة الشروق"
    assert claim.text == "الميزانية ستقر قبل نهاية الشهر"


@pytest.mark.parametrize(
    ("body", "speaker", "content"),
    [
        (
            "ارتفع عدد الضحايا إلى عشرة، بحسب ما أعلنت وزارة الصحة.",
            "وزارة الصحة",
            "ارتفع عدد الضحايا إلى عشرة",
        ),
        (
            "وانخفضت الصادرات بنسبة خمسة في المئة، وفقا لما ذكرته هيئة الإحصاء.",
            "هيئة الإحصاء",
            "وانخفضت الصادرات بنسبة خمسة في المئة",
        ),
        (
            "وتراجع التضخم للشهر الثالث، وذلك وفقا للبنك المركزي.",
            "للبنك المركزي",
            "وتراجع التضخم للشهر الثالث",
        ),
    ],
)
def test_according_to_what_someone_said(kit, extractor, body, speaker, content) -> None:  # type: ignore[no-untyped-def]
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == speaker
    assert claim.text == content
    assert claim.kind is ClaimKind.ACCORDING_TO


# ---- speakers are noun phrases ---------------------------------------------------------------
def test_speaker_stops_before_a_temporal_clause(kit, extractor) -> None:
    body = "وقال الحكم سامي ناصر بعد مراجعة اللقطة من قبل حكم الفيديو إن القرار كان صحيحا."
    table = [("سامي ناصر", Label.PERSON, "nf:person:sami", "سامي ناصر")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "سامي ناصر"
    assert claim.speaker.role == "الحكم"
    assert claim.text == "القرار كان صحيحا"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "وقال المطرب كريم فؤاد بعد انتهاء أغنيته الأولى والتي أهداها لجمهوره إنه سعيد.",
            "المطرب كريم فؤاد",
        ),
        ("وقال السفير الذي وصل أمس إلى العاصمة إن الزيارة كانت ناجحة.", "السفير"),
        ("وقال وزير الري ردا على أسئلة النواب إن السد آمن.", "وزير الري"),
    ],
)
def test_speaker_stops_before_relative_and_reply_clauses(kit, extractor, body, speaker) -> None:  # type: ignore[no-untyped-def]
    (claim,) = _claims(kit, extractor, body)
    written = " ".join(filter(None, (claim.speaker.role, claim.speaker.text)))
    assert written == speaker


def test_subject_before_kana_speaks_not_the_object(kit, extractor) -> None:
    body = "وكان وزير الخارجية حذر الجارة الشمالية من مغبة التصعيد على الحدود."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "وزير الخارجية"
    assert claim.stance is Stance.WARN
    assert "مغبة التصعيد" in claim.text


def test_a_leading_time_phrase_is_not_a_speaker(kit, extractor) -> None:
    body = "قال رئيس البلدية إن الطرق ستفتح غدا.\nوفي وقت سابق، قال في مقابلة إن الأمطار ستتوقف."
    first, second = _claims(kit, extractor, body)
    assert second.speaker.text == first.speaker.text == "رئيس البلدية"


# ---- each statement once -----------------------------------------------------------------------
def test_a_cross_head_alone_is_still_traced(kit, extractor) -> None:
    body = "“أزمة عابرة”\nوقالت الوزيرة منى سالم: “ما نعيشه أزمة عابرة وستنتهي قريبا”."
    claims = _claims(kit, extractor, body)
    framed = [c for c in claims if c.text == "أزمة عابرة"]
    assert [c.field for c in framed] == [TextField.BODY]
    assert framed[0].speaker.text == "منى سالم"


def test_a_title_quotation_must_quote_the_claims_words(kit, extractor) -> None:
    body = "وقال الوزير إن البلاد تحتاج إلى إصلاح اقتصادي شامل."
    claims = _claims(kit, extractor, body, title="الحكومة تبدأ “الإصلاح الشامل”")
    assert [c.field for c in claims] == [TextField.BODY]


# ---- actions and bare stance verbs are not claims ------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "ورفضت النقابة عرض الأجور الجديد.",
        "ووقع الرئيس الاتفاق في القصر.",
        "ووافق البرلمان على القانون بالأغلبية.",
        "وأطلقت الشركة هاتفا جديدا.",
        "وحذر الخبراء.",
        "ونفى الوزير.",
        "ودعا المتظاهرون.",
        "ويذكر أن المدينة شهدت احتجاجات مماثلة العام الماضي.",
        "ويتوقع أن يرتفع الطلب على الوقود.",
        "ودفعت الشركة تعويضات تقدر بحوالي مليار دولار.",
    ],
)
def test_no_claim_without_a_reported_statement(kit, extractor, body) -> None:  # type: ignore[no-untyped-def]
    assert _claims(kit, extractor, body) == []


# ---- content boundaries --------------------------------------------------------------------------
def test_quotation_after_the_speaker_zone_is_the_content(kit, extractor) -> None:
    body = "وقال الوزير في مؤتمر صحفي “لن نتراجع عن هذا القرار أبدا”."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الوزير"
    assert claim.text == "لن نتراجع عن هذا القرار أبدا"
    assert claim.kind is ClaimKind.DIRECT


def test_the_journalists_tail_is_not_content(kit, extractor) -> None:
    body = "وقال المتحدث إن بلاده “ملتزمة بالاتفاق”، وذلك في تغريدة على حسابه الرسمي."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "بلاده “ملتزمة بالاتفاق”"


def test_another_partys_insistence_ends_the_content(kit, extractor) -> None:
    body = "وقال الخبير إن الضريبة ستضر الفقراء رغم إصرار الحكومة على أنها عادلة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "الضريبة ستضر الفقراء"


def test_threat_with_its_content(kit, extractor) -> None:
    body = "وهدد الرئيس باستخدام حق النقض ضد مشروع القانون."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الرئيس"
    assert claim.stance is Stance.WARN
    assert claim.text == "باستخدام حق النقض ضد مشروع القانون"


def test_unquoted_speech_after_a_colon_goes_on_over_the_paragraph(kit, extractor) -> None:
    body = (
        "وقال المدرب في مؤتمر صحفي: المباراة مهمة للجميع. أعتقد أن الضغط على الفريقين.\n"
        "وتستضيف المدينة اللقاء يوم الأحد."
    )
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "المباراة مهمة للجميع. أعتقد أن الضغط على الفريقين"


def test_a_confirmation_by_another_party_ends_a_denial(kit, extractor) -> None:
    body = "وتنكر الحركة أي صلة بالهجوم، وهو ما تؤكده الحكومة المجاورة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.stance is Stance.DENY
    assert claim.text == "أي صلة بالهجوم"


@pytest.mark.parametrize(
    ("title", "speaker", "content"),
    [
        ("بغداد لأنقرة: احترموا الحدود", "بغداد", "احترموا الحدود"),
        ("شاهد.. الوزير: الأسعار ستنخفض قريبا", "الوزير", "الأسعار ستنخفض قريبا"),
        ("الوزير يرد على منتقديه: لن أستقيل", "الوزير", "لن أستقيل"),
    ],
)
def test_headline_speaker_without_rubric_addressee_or_verb(
    kit, extractor, title, speaker, content
) -> None:  # type: ignore[no-untyped-def]
    article = kit.make_article("وتستمر الاجتماعات.", title=title)
    entities = kit.mentions(title, [("بغداد", Label.LOC, "kb:loc:baghdad", "Baghdad")])
    entities = [e.model_copy(update={"field": TextField.TITLE}) for e in entities]
    claims = extractor(article, entities)
    kit.assert_offsets(article, claims)
    (claim,) = claims
    assert claim.field is TextField.TITLE
    assert claim.speaker.text == speaker
    assert claim.text == content


def test_a_verbal_noun_with_its_speaker_and_complementizer(kit, extractor) -> None:
    body = (
        "وارتفعت الأسهم بعد إعلان الشركة أنها ستوزع أرباحا إضافية، في أعقاب تأكيد "
        "وزير المالية أن الضرائب لن ترتفع."
    )
    claims = _claims(kit, extractor, body)
    announce = kit.by_content(claims, "أرباحا إضافية")
    assert announce.speaker.text == "الشركة"
    assert announce.stance is Stance.ANNOUNCE
    assert announce.text == "ستوزع أرباحا إضافية"
    confirm = kit.by_content(claims, "الضرائب لن ترتفع")
    assert confirm.speaker.text == "وزير المالية"
    assert confirm.stance is Stance.CONFIRM


def test_a_verbal_noun_without_a_statement_is_no_claim(kit, extractor) -> None:
    assert _claims(kit, extractor, "ونشرت الشركة إعلان وظائف جديدا على موقعها.") == []
