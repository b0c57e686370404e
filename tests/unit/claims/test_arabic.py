"""Arabic attributions, on texts written for these tests (the seed's constructions and more)."""

from __future__ import annotations

from schemas.models import ClaimKind, Label, Stance, TextField

AGENCIES = [
    ("وكالة الأنباء الألمانية", Label.ORG, "Q327182", "Deutsche Presse-Agentur"),
    ("فاينانشال تايمز", Label.ORG, "Q183399", "Financial Times"),
    ("بي بي سي", Label.ORG, "Q9531", "BBC"),
    ("رويترز", Label.ORG, "Q130879", "Reuters"),
    ("ماريو دراغي", Label.PERSON, "Q57268", "Mario Draghi"),
    ("أنقرة", Label.LOC, "Q3640", "Ankara"),
    ("أثينا", Label.LOC, "Q1524", "Athens"),
]

BODY = "\n\n".join(
    [
        "ونقلت صحيفة “فاينانشال تايمز” البريطانية، في تقرير لها عن دبلوماسيين أوروبيين، أن "
        "المفوضية تدرس فرض رسوم إضافية على واردات الصلب.",
        "وأشار اقتصاديون أوروبيون إلى أن الرسوم قد ترفع أسعار السيارات، وفق الصحيفة.",
        "وذكرت وكالة الأنباء الألمانية، الجمعة، أن برلين تعارض الخطة بصيغتها الحالية.",
        "وقالت الوكالة إن الحكومة الألمانية تخشى إجراءات انتقامية.",
        "وقالت شبكة “بي بي سي” البريطانية، في تقرير حول الخطة إنها الأوسع منذ عقد.",
        "قال رئيس الوزراء الإيطالي السابق، ماريو دراغي، الثلاثاء، إن أوروبا تحتاج إلى "
        "استثمارات ضخمة.",
        "وأوضح في كلمة أمام البرلمان الأوروبي: “لا يمكننا أن ننتظر أكثر، فالمنافسة لا تنتظر أحدا”.",
        "وقال مسؤولون أوروبيون للصحيفة إن القرار سيصدر قبل نهاية الشهر، مضيفين أن التفاصيل لم "
        "تحسم.",
        "وقالت الخبيرة في معهد بروغل، سارة لامبرت، لشبكة “بي بي سي” إن “هذه الخطوة قد تشعل "
        "حربا تجارية”.",
        "وتقول أنقرة وأثينا إنهما ستتابعان المفاوضات عن كثب، واتهمتا المفوضية بتجاهل مصالح "
        "الدول الصغيرة.",
        "وتنفي أنقرة وأثينا وجود أي خلاف بينهما بشأن الملف.",
        "وتتزايد واردات الصلب الآسيوي إلى القارة منذ سنوات، وفق رويترز.",
    ]
)


def _claims(extractor, kit):  # type: ignore[no-untyped-def]
    article = kit.make_article(BODY)
    claims = extractor(article, kit.mentions(BODY, AGENCIES))
    kit.assert_offsets(article, claims)
    return claims


def test_relay_names_the_officials_as_speaker_and_the_paper_as_source(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "المفوضية تدرس فرض رسوم")
    assert claim.speaker.text == "دبلوماسيين أوروبيين"
    assert claim.source is not None and claim.source.entity_id == "Q183399"
    assert claim.cue == "ونقلت"
    assert claim.kind is ClaimKind.INDIRECT


def test_trailing_wafq_is_the_source_of_the_clause(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "الرسوم قد ترفع أسعار السيارات")
    assert claim.speaker.text == "اقتصاديون أوروبيون"
    assert claim.text == "الرسوم قد ترفع أسعار السيارات"
    assert claim.source is not None and claim.source.entity_id == "Q183399"  # الصحيفة


def test_definite_noun_refers_back_to_the_agency(kit, extractor) -> None:
    claims = _claims(extractor, kit)
    assert kit.by_content(claims, "برلين تعارض").speaker.entity_id == "Q327182"
    later = kit.by_content(claims, "تخشى إجراءات انتقامية")
    assert later.speaker.text == "الوكالة"
    assert later.speaker.entity_id == "Q327182"


def test_inna_inside_a_quoted_outlet_name_is_not_the_complementizer(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "الأوسع منذ عقد")
    assert claim.speaker.entity_id == "Q9531"
    assert claim.text == "الأوسع منذ عقد"


def test_role_apposition_and_time_are_separated(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "أوروبا تحتاج")
    assert claim.speaker.text == "ماريو دراغي"
    assert claim.speaker.entity_id == "Q57268"
    assert claim.speaker.role == "رئيس الوزراء الإيطالي السابق"


def test_continuation_with_colon_quote_keeps_the_last_speaker(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "لا يمكننا أن ننتظر")
    assert claim.kind is ClaimKind.DIRECT
    assert claim.speaker.entity_id == "Q57268"
    assert claim.cue == "وأوضح"
    assert claim.text.startswith("لا يمكننا") and claim.text.endswith("أحدا")


def test_hearer_outlet_and_participle_continuation(kit, extractor) -> None:
    claims = _claims(extractor, kit)
    first = kit.by_content(claims, "القرار سيصدر")
    assert first.speaker.text == "مسؤولون أوروبيون"
    assert first.speaker.entity_id is None  # a group, not an entity
    assert first.source is not None and first.source.entity_id == "Q183399"
    second = kit.by_content(claims, "التفاصيل لم تحسم")
    assert second.speaker.text == "مسؤولون أوروبيون"


def test_direct_quote_after_inna_with_role_and_outlet(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "حربا تجارية")
    assert claim.kind is ClaimKind.DIRECT
    assert claim.text == "هذه الخطوة قد تشعل حربا تجارية"
    assert claim.speaker.text == "سارة لامبرت"
    assert claim.speaker.role == "الخبيرة في معهد بروغل"
    assert claim.source is not None and claim.source.entity_id == "Q9531"


def test_plural_verb_continues_the_coordinated_speaker(kit, extractor) -> None:
    claims = _claims(extractor, kit)
    said = kit.by_content(claims, "ستتابعان المفاوضات")
    assert said.speaker.text == "أنقرة وأثينا"
    accused = kit.by_content(claims, "بتجاهل مصالح")
    assert accused.stance is Stance.ACCUSE
    assert accused.speaker.text == "أنقرة وأثينا"
    assert accused.text.startswith("المفوضية بتجاهل")


def test_denial_without_complementizer(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "وجود أي خلاف")
    assert claim.stance is Stance.DENY
    assert claim.speaker.text == "أنقرة وأثينا"
    assert claim.speaker.entity_id == "Q3640"


def test_sentence_final_wafq_alone_is_an_according_to_claim(kit, extractor) -> None:
    claim = kit.by_content(_claims(extractor, kit), "واردات الصلب الآسيوي")
    assert claim.kind is ClaimKind.ACCORDING_TO
    assert claim.speaker.entity_id == "Q130879"


def test_no_claim_from_narration_scare_quotes_or_quoted_wafqan(kit, extractor) -> None:
    body = (
        "ووقع الزعيمان اتفاقا “تاريخيا” في العاصمة، تحت عقوبات دولية مشددة.\n\n"
        "وقال الوزير إن “الطرفين سيفسران البند وفقا لرغباتهما”."
    )
    claims = extractor(kit.make_article(body), [])
    assert len(claims) == 1
    assert claims[0].speaker.text == "الوزير"
    assert claims[0].kind is ClaimKind.DIRECT


def test_subject_first_with_apposition(kit, extractor) -> None:
    body = "لكن رئيس الهيئة المستقلة، سامي بن علي، نفى أن تكون القرارات سياسية."
    claims = extractor(kit.make_article(body), [])
    assert len(claims) == 1
    assert claims[0].speaker.text == "سامي بن علي"
    assert claims[0].speaker.role == "رئيس الهيئة المستقلة"
    assert claims[0].stance is Stance.DENY
    assert claims[0].text == "تكون القرارات سياسية"


def test_according_to_first_then_fa_inna(kit, extractor) -> None:
    body = "وبحسب وزارة الصحة، فإن عدد الإصابات تضاعف خلال أسبوع."
    claims = extractor(kit.make_article(body), [])
    assert [c.text for c in claims] == ["عدد الإصابات تضاعف خلال أسبوع"]
    assert claims[0].speaker.text == "وزارة الصحة"


def test_cues_match_with_diacritics_and_hamza_variants(kit, extractor) -> None:
    body = "وأكَّد المتحدثُ باسم الجيش ان القوات انسحبت من المدينة."
    claims = extractor(kit.make_article(body), [])
    assert len(claims) == 1
    assert claims[0].cue == "وأكَّد"
    assert claims[0].stance is Stance.CONFIRM
    assert claims[0].text == "القوات انسحبت من المدينة"


def test_quote_only_paragraph_takes_the_previous_speaker_and_cataphora_overrides(
    kit,
    extractor,
) -> None:
    body = "\n\n".join(
        [
            "وقال الوزير إن المفاوضات ستستأنف الأسبوع المقبل.",
            "“لن نقبل بأي حل مؤقت مهما كانت الضغوط”.",
            "“نحن أمام لحظة فارقة في تاريخ البلاد”.",
            "هكذا علق زعيم المعارضة في مقابلة مع قناة محلية، مطالبا بانتخابات مبكرة.",
        ]
    )
    claims = extractor(kit.make_article(body), [])
    assert kit.by_content(claims, "لن نقبل").speaker.text == "الوزير"
    named = kit.by_content(claims, "لحظة فارقة")
    assert named.speaker.text == "زعيم المعارضة"
    call = kit.by_content(claims, "بانتخابات مبكرة")
    assert call.stance is Stance.CALL
    assert call.speaker.text == "زعيم المعارضة"


def test_title_and_crosshead_quotes_are_traced_to_the_body_claim(kit, extractor) -> None:
    title = "“عاصفة اقتصادية” تهدد موازنة العام المقبل"
    body = "\n\n".join(
        [
            "“عاصفة اقتصادية”",
            "وقال وزير المالية، خالد العمري، إن البلاد مقبلة على عاصفة اقتصادية ما لم تخفض "
            "النفقات.",
        ]
    )
    article = kit.make_article(body, title=title)
    claims = extractor(article, [])
    kit.assert_offsets(article, claims)
    framed = [c for c in claims if c.text == "عاصفة اقتصادية"]
    # The cross-head repeats the title's framing of the same statement: emitted once.
    assert [c.field for c in framed] == [TextField.TITLE]
    assert framed[0].speaker.text == "خالد العمري"
    assert framed[0].confidence < 0.7


def test_a_headline_with_its_own_cue_is_a_claim_of_the_title(kit, extractor) -> None:
    article = kit.make_article(
        "وقال الوزير إن النفقات ستخفض.", title="الوزير يحذر من “عاصفة اقتصادية”"
    )
    claims = extractor(article, [])
    kit.assert_offsets(article, claims)
    title = [c for c in claims if c.field is TextField.TITLE]
    assert len(title) == 1
    assert title[0].speaker.text == "الوزير"
    assert title[0].stance is Stance.WARN
