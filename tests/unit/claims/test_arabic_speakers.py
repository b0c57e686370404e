"""Arabic speakers, outlets and continuations: لـ“…” outlets, plural verbs after a clause
without a cue, subject-first denials, occasions and channels — on texts written for these
tests."""

from __future__ import annotations

from schemas.models import ClaimKind, Label, Stance, TextField

JAZEERA = ("الجزيرة نت", Label.ORG, "kb:org:al-jazeera", "Al Jazeera")


def _claims(kit, extractor, body, table=()):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table)


def test_outlet_after_a_detached_lam_is_the_source_verb_first(kit, extractor) -> None:
    body = "وقال الخبير الاقتصادي سامر الحلبي لـ“الجزيرة نت” إن الأسعار سترتفع."
    table = [JAZEERA, ("سامر الحلبي", Label.PERSON, "nf:person:samer", "سامر الحلبي")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "سامر الحلبي"
    assert claim.speaker.role == "الخبير الاقتصادي"
    assert claim.source is not None and claim.source.text == "الجزيرة نت"
    assert claim.source.entity_id == "kb:org:al-jazeera"
    assert claim.text == "الأسعار سترتفع"


def test_outlet_after_a_detached_lam_is_the_source_subject_first(kit, extractor) -> None:
    body = "سامر الحلبي قال لـ“الجزيرة نت” إن الأسعار سترتفع."
    (claim,) = _claims(kit, extractor, body, [JAZEERA])
    assert claim.speaker.text == "سامر الحلبي"
    assert claim.source is not None and claim.source.entity_id == "kb:org:al-jazeera"


def test_outlet_in_guillemets_or_straight_quotes(kit, extractor) -> None:
    body = (
        "وأوضح وزير الاقتصاد لـ«العربية» أن الحكومة لن ترفع الضرائب.\n\n"
        'وقال النائب فادي حداد لـ"النهار" إن الجلسة ستعقد.'
    )
    first, second = _claims(kit, extractor, body)
    assert first.speaker.text == "وزير الاقتصاد"
    assert first.source is not None and first.source.text == "العربية"
    assert second.speaker.text == "فادي حداد"
    assert second.source is not None and second.source.text == "النهار"


def test_plural_verb_after_a_clause_without_cue_takes_its_subject(kit, extractor) -> None:
    body = (
        "قال وزير المالية سامي العلي إن العجز سينخفض.\n\n"
        "وانتقد نواب المعارضة الخطة، ورأوا أنها تثقل كاهل الفقراء.\n\n"
        "واعترض أعضاء النقابة على القرار بشدة. وقالوا إنه صدر دون تشاور."
    )
    claims = _claims(kit, extractor, body)
    assert kit.by_content(claims, "العجز سينخفض").speaker.text == "سامي العلي"
    assert kit.by_content(claims, "كاهل الفقراء").speaker.text == "نواب المعارضة"
    assert kit.by_content(claims, "دون تشاور").speaker.text == "أعضاء النقابة"


def test_plural_verb_never_continues_a_named_person(kit, extractor) -> None:
    body = "قال وزير المالية سامي العلي إن العجز سينخفض. ورأوا أن الخطة متسرعة."
    table = [("سامي العلي", Label.PERSON, "nf:person:sami", "سامي العلي")]
    claims = _claims(kit, extractor, body, table)
    assert [c.speaker.text for c in claims] == ["سامي العلي"]


def test_subject_first_denial_then_continuation(kit, extractor) -> None:
    body = (
        "قال سكان إن القصف استمر طوال الليل. لكن الجيش نفى هذه الرواية.\n\n"
        "وأضاف أن قواته ردت على مصادر النيران.\n\n"
        "قالت وزارة الصحة إن 12 شخصا قتلوا. والشرطة نفت ذلك، مؤكدة أن الحصيلة أقل."
    )
    claims = _claims(kit, extractor, body)
    denial = kit.by_content(claims, "هذه الرواية")
    assert (denial.speaker.text, denial.stance) == ("الجيش", Stance.DENY)
    assert kit.by_content(claims, "مصادر النيران").speaker.text == "الجيش"
    police = [c for c in claims if c.speaker.text == "الشرطة"]
    assert [c.text for c in police] == ["ذلك", "الحصيلة أقل"]


def test_denial_content_stops_before_the_channel(kit, extractor) -> None:
    (claim,) = _claims(kit, extractor, "ونفت الحركة ذلك في بيان مقتضب.")
    assert claim.text == "ذلك"
    assert claim.source is not None and claim.source.text == "بيان مقتضب"


def test_participle_after_a_clause_without_cue_speaks_for_its_subject(kit, extractor) -> None:
    body = (
        "في المقابل، انتقد نواب من كتل المعارضة تجميد الرواتب، معتبرين أن "
        "“الطبقة الوسطى تدفع الثمن”."
    )
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "نواب من كتل المعارضة"
    assert claim.text == "الطبقة الوسطى تدفع الثمن"


def test_the_speakers_own_occasion_is_not_part_of_the_speaker(kit, extractor) -> None:
    body = (
        "وقال وزير المالية في رده على مداخلات النواب إن الحكومة ملتزمة بخفض العجز.\n\n"
        "وقال رئيس البلدية في كلمة خلال حفل الافتتاح إن المسرح ذاكرة المدينة."
    )
    finance, mayor = _claims(kit, extractor, body)
    assert finance.speaker.text == "وزير المالية"
    assert finance.speaker.role is None
    assert mayor.speaker.text == "رئيس البلدية"
    assert mayor.source is not None and mayor.source.text == "كلمة"


def test_a_group_with_its_field_is_one_speaker(kit, extractor) -> None:
    body = "وحذر خبراء في مجال المياه من أن الجفاف سيطول."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "خبراء في مجال المياه"
    assert claim.speaker.role is None
    assert claim.stance is Stance.WARN


def test_wafq_before_a_plan_is_no_attribution(kit, extractor) -> None:
    assert _claims(kit, extractor, "وأعيد تأهيل 640 مقعدا وفق التصميم الأصلي.") == []


def test_the_organisation_is_not_its_quoted_official(kit, extractor) -> None:
    body = (
        "أعلنت وزارة الإسكان المصرية إطلاق مشروع جديد.\n\n"
        "وقال وزير الإسكان إن المشروع سيوفر المياه.\n\n"
        "وقال المدير الإقليمي للمنظمة في أفريقيا، كمال بنعلي: “الوضع خطير”.\n\n"
        "وأشارت المنظمة إلى أن التمويل تراجع."
    )
    table = [
        ("وزارة الإسكان المصرية", Label.ORG, "nf:org:housing", "وزارة الإسكان المصرية"),
        ("منظمة الصحة العالمية", Label.ORG, "Q7817", "World Health Organization"),
        ("كمال بنعلي", Label.PERSON, "nf:person:kamal", "كمال بنعلي"),
    ]
    body = "حذرت منظمة الصحة العالمية من تفشي الكوليرا.\n\n" + body
    claims = _claims(kit, extractor, body, table)
    minister = kit.by_content(claims, "سيوفر المياه")
    assert minister.speaker.entity_id is None  # the minister, not the ministry
    organisation = kit.by_content(claims, "التمويل تراجع")
    assert organisation.speaker.entity_id == "Q7817"  # not the regional director


def test_unmarked_quotation_named_by_hatha_ma_qalathu(kit, extractor) -> None:
    body = (
        "أعيد افتتاح المسرح بعد ترميمه.\n\n"
        "كبرنا على هذه الخشبة، وعودتها إلى الحياة أجمل هدية\n\n"
        "هذا ما قالته الممثلة المخضرمة سلمى الخطيب، التي بدأت مسيرتها على المسرح نفسه."
    )
    table = [("سلمى الخطيب", Label.PERSON, "nf:person:salma", "سلمى الخطيب")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.text == "كبرنا على هذه الخشبة، وعودتها إلى الحياة أجمل هدية"
    assert claim.kind is ClaimKind.DIRECT
    assert claim.speaker.text == "سلمى الخطيب"
    assert claim.speaker.role == "الممثلة المخضرمة"


def test_coordinated_cue_shares_the_subject_of_the_clause_before(kit, extractor) -> None:
    body = (
        "قالت الشركة المالكة إن الطاقم بخير.\n\n"
        "من جهتها، توعدت البحرية الفرنسية بالرد، واتهمت الجماعة بتهديد الملاحة.\n\n"
        "قال الوزير إن النمو مستمر. وارتفعت الأسعار بشدة، وقال إن التضخم مؤقت."
    )
    table = [("الفرنسية", Label.NORP, "Q142", "France")]
    claims = _claims(kit, extractor, body, table)
    accused = kit.by_content(claims, "بتهديد الملاحة")
    assert accused.speaker.text == "البحرية الفرنسية"
    assert accused.speaker.entity_id is None  # a nationality inside the name is not France
    # ارتفعت (feminine) does not agree with قال: the minister goes on speaking.
    assert kit.by_content(claims, "التضخم مؤقت").speaker.text == "الوزير"


def test_subject_first_bare_noun_content_up_to_the_next_clause(kit, extractor) -> None:
    title = "أنقرة تعلن إغلاق المعبر الحدودي ودمشق تتحدث عن خرق للاتفاق"
    table = [
        ("أنقرة", Label.LOC, "Q3640", "Ankara"),
        ("دمشق", Label.LOC, "Q3766", "Damascus"),
    ]
    article = kit.make_article("وفي بروكسل، حثت المفوضية الدول الأعضاء على “ضبط النفس”.", title)
    entities = [
        kit.mention(title, surface, label, entity_id, name, field=TextField.TITLE)
        for surface, label, entity_id, name in table
    ]
    claims = extractor(article, entities)
    kit.assert_offsets(article, claims)
    announced = next(c for c in claims if c.field is TextField.TITLE)
    assert (announced.speaker.text, announced.stance) == ("أنقرة", Stance.ANNOUNCE)
    assert announced.text == "إغلاق المعبر الحدودي"
    urged = next(c for c in claims if c.field is TextField.BODY)
    assert urged.speaker.text == "المفوضية"  # a fronted place is not the subject
    assert urged.stance is Stance.CALL


def test_issuer_of_a_statement_speaks_and_names_ending_in_alef(kit, extractor) -> None:
    body = (
        "وذكر بيان صادر عن الرئاسة أن الرئيس استقبل الوفد.\n\n"
        "وأفاد تقرير لوزارة الصحة بأن الإصابات تراجعت.\n\n"
        "وقالت الناطقة باسم المفوضية، رانيا حداد، للصحفيين إن الاتحاد سيرد."
    )
    table = [
        ("وزارة الصحة", Label.ORG, "nf:org:health", "وزارة الصحة"),
        ("رانيا حداد", Label.PERSON, "nf:person:rania", "رانيا حداد"),
    ]
    presidency, report, spokeswoman = _claims(kit, extractor, body, table)
    assert presidency.speaker.text == "الرئاسة"
    assert presidency.source is not None and presidency.source.text == "بيان"
    assert report.speaker.entity_id == "nf:org:health"
    assert report.source is not None and report.source.text == "تقرير"
    assert spokeswoman.speaker.text == "رانيا حداد"  # not a participle like طالبا
    assert spokeswoman.speaker.role == "الناطقة باسم المفوضية"
