"""Arabic constructions met in the third tuning batch of real feed articles (issue 11), each on
sentences written for these tests: requests with an addressee, colon-only continuations,
nested reports, according-to phrases, speaker noun phrases that must stop, accusations,
and words that look like cues but are not."""

from __future__ import annotations

import pytest

from schemas.models import ClaimKind, Label, Stance, TextField


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, title)


def _title_claims(kit, extractor, title, body, table):  # type: ignore[no-untyped-def]
    article = kit.make_article(body, title=title)
    entities = [
        kit.mention(title, surface, label, entity_id, name, field=TextField.TITLE)
        for surface, label, entity_id, name in table
    ]
    claims = extractor(article, entities)
    kit.assert_offsets(article, claims)
    return [c for c in claims if c.field is TextField.TITLE]


# ---- new cues ----------------------------------------------------------------
def test_request_keeps_its_addressee_in_the_content(kit, extractor) -> None:
    body = "وطلبت الحكومة من المحكمة أن تلغي قرار الإغلاق."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الحكومة"
    assert claim.text == "من المحكمة أن تلغي قرار الإغلاق"
    assert claim.stance is Stance.CALL


def test_request_after_its_subject_with_kana(kit, extractor) -> None:
    body = "وكانت الإدارة المحلية طلبت من السكان مغادرة المنطقة فورا."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الإدارة المحلية"
    assert claim.text == "من السكان مغادرة المنطقة فورا"


def test_asking_not_to_be_named_is_no_request(kit, extractor) -> None:
    body = "وقال مسؤول في الوزارة، طالبا عدم كشف اسمه، إن المحادثات تعثرت."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "المحادثات تعثرت"


@pytest.mark.parametrize(
    ("body", "speaker", "content", "stance"),
    [
        ("وبينت الوزيرة أن الأسعار ستنخفض قريبا.", "الوزيرة", "الأسعار ستنخفض قريبا", "assert"),
        ("واعترف المدرب أن الفريق لعب بشكل سيئ.", "المدرب", "الفريق لعب بشكل سيئ", "assert"),
        ("وينصح الطبيب بشرب الماء بكثرة في الصيف.", "الطبيب", "بشرب الماء بكثرة", "call"),
        ("واستبعد المحلل أن ترتفع الأسعار هذا العام.", "المحلل", "ترتفع الأسعار", "estimate"),
    ],
)
def test_more_reporting_verbs(kit, extractor, body, speaker, content, stance) -> None:
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == speaker
    assert content in claim.text
    assert claim.stance.value == stance


def test_question_whether(kit, extractor) -> None:
    body = "وقال الطيار إنه بخير. كما تساءل فيما إذا كانت الشركة ستعيده إلى عمله."
    claims = _claims(kit, extractor, body)
    asked = kit.by_content(claims, "ستعيده إلى عمله")
    assert asked.stance is Stance.QUESTION
    assert asked.speaker.text == "الطيار"


def test_continuation_verbs_only_before_a_colon(kit, extractor) -> None:
    said = _claims(kit, extractor, "وزادت الصحيفة: الفريق سيخسر نجمه الأول هذا الموسم.")
    assert [(c.speaker.text, c.text) for c in said] == [
        ("الصحيفة", "الفريق سيخسر نجمه الأول هذا الموسم")
    ]
    assert _claims(kit, extractor, "وزادت التكهنات بأن الرئيس سيترشح لولاية ثانية.") == []
    assert _claims(kit, extractor, "وواصلت الأسعار ارتفاعها أن تراجع الطلب.") == []


def test_present_cue_after_lam(kit, extractor) -> None:
    body = 'وسئل الوزير عن الخطة، ليقول الوزير: "نحن مستعدون للحوار مع الجميع".'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الوزير"
    assert claim.text == "نحن مستعدون للحوار مع الجميع"
    assert claim.kind is ClaimKind.DIRECT


def test_participle_after_a_word_when_speech_follows(kit, extractor) -> None:
    body = 'وعبر اللاعب عن حزنه قائلا "إنها لحظة صعبة جدا علينا".'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "اللاعب"
    assert claim.text == "إنها لحظة صعبة جدا علينا"
    # … but an adjective stays an adjective
    assert _claims(kit, extractor, "وفرضت الدول عقوبات دولية مشددة على الشركة.") == []


def test_plural_present_after_its_subject(kit, extractor) -> None:
    (claim,) = _claims(kit, extractor, "المتمردون يعلنون مقتل قائد بارز في غارة جوية.")
    assert claim.speaker.text == "المتمردون"
    assert claim.text == "مقتل قائد بارز في غارة جوية"
    assert claim.stance is Stance.ANNOUNCE


# ---- clause edges ----------------------------------------------------------------
def test_connector_before_the_next_cue_leaves_the_content(kit, extractor) -> None:
    body = "ورأى الوزير أن الخطة جيدة، إلا أنه قال إنها تحتاج إلى وقت."
    first, second = _claims(kit, extractor, body)
    assert first.text == "الخطة جيدة"
    assert second.text == "تحتاج إلى وقت"
    assert second.speaker.text == "الوزير"


def test_at_a_time_when_ends_the_content(kit, extractor) -> None:
    body = "وأكد الوزير أنه لن يترشح للانتخابات في الوقت الذي زادت فيه التكهنات بترشحه."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "لن يترشح للانتخابات"


def test_which_clause_ends_the_content_only_before_a_cue(kit, extractor) -> None:
    other = _claims(kit, extractor, "وقال المدير إن الشركة ستغلق، وهو ما تنفيه النقابة.")
    assert kit.by_content(other, "الشركة ستغلق").text == "الشركة ستغلق"
    same = _claims(kit, extractor, "وقال المدير إن الشركة ستغلق، وهو ما لا يريده أحد.")
    assert kit.by_content(same, "الشركة ستغلق").text == "الشركة ستغلق، وهو ما لا يريده أحد"


@pytest.mark.parametrize(
    "body",
    [
        "ويترتب على كشف أسمائهم فرض غرامات كبيرة.",
        "وفي إشارة محتملة إلى أن الحكومة ستستقيل، اجتمع الوزراء أمس.",
    ],
)
def test_verbal_nouns_that_are_no_cues(kit, extractor, body) -> None:
    assert _claims(kit, extractor, body) == []


def test_nominal_announcement_after_and(kit, extractor) -> None:
    body = "ويأتي ذلك وسط خلاف مالي وإعلان الشبكة أن برامجها تتعرض للقرصنة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الشبكة"
    assert claim.text == "برامجها تتعرض للقرصنة"
    assert claim.stance is Stance.ANNOUNCE


# ---- relays, nesting and according-to ------------------------------------------------------------
def test_outlet_relaying_a_pronoun_keeps_the_last_speaker(kit, extractor) -> None:
    body = (
        "وقال الناطق باسم الوزارة إن المفاوضات مستمرة. "
        'ونقلت الوكالة عنه قوله أيضا "لن نتراجع عن موقفنا أبدا".'
    )
    first, second = _claims(kit, extractor, body)
    assert second.speaker.text == first.speaker.text
    assert second.source is not None and second.source.text == "الوكالة"
    assert second.text == "لن نتراجع عن موقفنا أبدا"


def test_report_of_someone_elses_statement(kit, extractor) -> None:
    body = (
        "وكشفت صحيفة الوطن أن المدرب اعترف للمقربين منه بأنه سيغادر النادي، "
        "وأن إدارة النادي تبحث عن بديل."
    )
    table = [("صحيفة الوطن", Label.ORG, "nf:org:watan", "صحيفة الوطن")]
    claims = _claims(kit, extractor, body, table)
    inner = kit.by_content(claims, "سيغادر النادي")
    assert inner.speaker.text == "المدرب"
    assert inner.source is not None and inner.source.text == "صحيفة الوطن"
    assert inner.text == "سيغادر النادي"
    rest = kit.by_content(claims, "تبحث عن بديل")
    assert rest.speaker.text == "صحيفة الوطن"
    assert rest.text == "إدارة النادي تبحث عن بديل"
    assert len(claims) == 2  # the reporting clause itself is not a claim


def test_reported_denial_names_the_denier(kit, extractor) -> None:
    body = "وذكرت وسائل إعلام رسمية أن الحكومة نفت تقارير تفيد بتعاونها مع المتمردين."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الحكومة"
    assert claim.source is not None and claim.source.text == "وسائل إعلام رسمية"
    assert claim.stance is Stance.DENY
    assert claim.text == "تقارير تفيد بتعاونها مع المتمردين"


def test_according_to_what_was_announced_in_one_word(kit, extractor) -> None:
    body = 'والطائرة التي سقطت من طراز "كيو400" حسبما أعلنت شركة الطيران.'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "شركة الطيران"
    assert claim.kind is ClaimKind.ACCORDING_TO
    assert "كيو400" in claim.text


def test_according_to_his_words_is_the_last_speaker(kit, extractor) -> None:
    body = "وقال الطبيب سامر حداد إن الرياضة مفيدة. وعلى الناس تناول البروتين في كل وجبة، حسب قوله."
    claims = _claims(kit, extractor, body)
    said = kit.by_content(claims, "تناول البروتين")
    assert said.speaker.text == "سامر حداد"
    assert said.kind is ClaimKind.ACCORDING_TO


def test_quotation_after_an_according_to_source_is_its_content(kit, extractor) -> None:
    body = 'وشارك فيه آلاف المطورين، ليكون الحدث وفقا لمنظميه "أكبر حدث تقني في المنطقة".'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "منظميه"
    assert claim.text == "أكبر حدث تقني في المنطقة"


# ---- speaker noun phrases ----------------------------------------------------------------
def test_speaker_stops_at_an_aside_and_an_audience(kit, extractor) -> None:
    body = 'وكتبت المغنية سارة (31 عاما) لجمهورها "أنا حزينة لأنني ألغيت الحفلات".'
    (claim,) = _claims(kit, extractor, body, [("سارة", Label.PERSON, "nf:person:sara", "سارة")])
    assert claim.speaker.text == "سارة"
    assert claim.speaker.role == "المغنية"


def test_her_talk_is_no_speaker(kit, extractor) -> None:
    body = (
        'وقالت الفنانة هند إنها سعيدة بالحفل. وتابعت حديثها في المؤتمر: "الجمهور هنا رائع ومتحمس".'
    )
    claims = _claims(kit, extractor, body, [("هند", Label.PERSON, "nf:person:hind", "هند")])
    assert kit.by_content(claims, "الجمهور هنا رائع").speaker.text == "هند"


def test_accuser_with_a_quoted_name_and_a_late_charge(kit, extractor) -> None:
    body = 'واتهمت شركة الهاتف "نور" شبكة "سما سبورت" بقطع الإشارة عن الزبائن، إثر توقف البث السبت.'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == 'شركة الهاتف "نور"'
    assert claim.text == 'شبكة "سما سبورت" بقطع الإشارة عن الزبائن'
    assert claim.stance is Stance.ACCUSE


def test_charge_with_the_article(kit, extractor) -> None:
    (claim,) = _claims(kit, extractor, "واتهم وزير الخارجية روسيا بالتدخل في الانتخابات.")
    assert claim.speaker.text == "وزير الخارجية"
    assert claim.text == "روسيا بالتدخل في الانتخابات"


# ---- titles ----------------------------------------------------------------
def test_quoted_names_in_a_title_are_no_framings(kit, extractor) -> None:
    title = 'مقتل رئيس "المجلس الأعلى" في غارة'
    body = 'وقالت الجماعة إن رئيس "المجلس الأعلى" قتل في غارة جوية ليلة أمس.'
    assert _title_claims(kit, extractor, title, body, []) == []


def test_quoted_speech_in_a_title_is_still_a_framing(kit, extractor) -> None:
    title = 'الوزير "متفائل" بعد الاجتماع'
    body = 'وقال الوزير إنه "متفائل" بنتائج الاجتماع مع النقابات.'
    (claim,) = _title_claims(kit, extractor, title, body, [])
    assert claim.text == "متفائل"
    assert claim.speaker.text == "الوزير"


def test_country_speaking_in_the_first_person_in_a_headline(kit, extractor) -> None:
    title = "كوريا الشمالية: لا صلة لنا بالصواريخ المفقودة"
    table = [("كوريا الشمالية", Label.LOC, "kb:loc:north-korea", "North Korea")]
    (claim,) = _title_claims(kit, extractor, title, "نص المقال.", table)
    assert claim.speaker.text == "كوريا الشمالية"
    assert claim.text == "لا صلة لنا بالصواريخ المفقودة"
    dateline = "غزة: قصف متواصل على الأحياء الشرقية"
    place = [("غزة", Label.LOC, "kb:loc:gaza", "Gaza")]
    assert _title_claims(kit, extractor, dateline, "نص المقال.", place) == []


def test_headline_speaker_whose_mention_swallowed_the_verb(kit, extractor) -> None:
    title = "ميسي يفجر مفاجأة: رحيل زميله محزن للغاية"
    table = [("ميسي يفجر", Label.PERSON, "kb:person:messi", "Lionel Messi")]
    (claim,) = _title_claims(kit, extractor, title, "نص المقال.", table)
    assert claim.speaker.text == "ميسي"
    assert claim.text == "رحيل زميله محزن للغاية"


def test_what_was_not_said_is_no_claim(kit, extractor) -> None:
    assert _claims(kit, extractor, "ولم يعلن البيت الأبيض حتى الآن موعد اللقاء.") == []
    assert _claims(kit, extractor, "ولن يعلن الاتحاد أسماء اللاعبين قبل الشهر المقبل.") == []
    (claim,) = _claims(kit, extractor, "ولا تستبعد اللجنة أن تتأخر النتائج.")
    assert claim.stance is Stance.ESTIMATE


def test_pronoun_subject_continues_the_last_speaker(kit, extractor) -> None:
    body = "وقال الرئيس سامي العلي إن البلاد قوية. وهو أعلن الحفاظ على الاقتصاد قويا."
    claims = _claims(kit, extractor, body)
    assert kit.by_content(claims, "الحفاظ على الاقتصاد").speaker.text == "سامي العلي"


def test_lam_cue_without_a_written_subject(kit, extractor) -> None:
    body = (
        "وقال المتهم إنه بريء. "
        'ثم سافر إلى تونس ليقول بعد وصوله إلى المطار: "أنا في طريقي إلى العمل هناك".'
    )
    claims = _claims(kit, extractor, body)
    assert kit.by_content(claims, "في طريقي إلى العمل").speaker.text == "المتهم"


def test_time_after_an_according_to_source(kit, extractor) -> None:
    body = "ووافق الأعضاء على مشروع العقد، وفق ما أعلن الحزب الأحد."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الحزب"
    assert claim.text == "ووافق الأعضاء على مشروع العقد"


def test_according_to_an_outlet_relaying_someone(kit, extractor) -> None:
    body = "واجتذب المهرجان آلاف الزوار، بحسب ما نقلت وكالة الأنباء المحلية عن مخرج الحدث."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "مخرج الحدث"
    assert claim.source is not None and claim.source.text == "وكالة الأنباء المحلية"


def test_relayed_speaker_stops_at_a_relative_verb(kit, extractor) -> None:
    body = "ونقلت الوكالة عن موظفين طلبوا إخفاء أسمائهم أن الحكومة ستعمل بسرعة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "موظفين"
    assert claim.text == "الحكومة ستعمل بسرعة"


def test_a_short_quoted_name_inside_the_clause_is_no_content(kit, extractor) -> None:
    body = 'وأعلنت مجموعة "سما سبورت" الأردنية الخميس عدم التوصل إلى تسوية مع الشركة.'
    assert all(c.text != "سما سبورت" for c in _claims(kit, extractor, body))
    said = _claims(kit, extractor, 'وقال الوزير في تغريدة "نحن مستعدون للحوار مع الجميع".')
    assert [c.text for c in said] == ["نحن مستعدون للحوار مع الجميع"]


def test_this_week_is_not_part_of_the_speaker(kit, extractor) -> None:
    body = "وطلبت شبكة الأخبار هذا الأسبوع من الاتحاد اتخاذ إجراءات قانونية."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "شبكة الأخبار"


def test_warning_after_its_subject_keeps_whom_it_warns(kit, extractor) -> None:
    body = "وكان الرئيس الفرنسي حذر الجزائر من مغبة إغلاق الحدود."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الرئيس الفرنسي"
    assert claim.text == "الجزائر من مغبة إغلاق الحدود"
    assert claim.stance is Stance.WARN


def test_request_ends_before_the_next_act(kit, extractor) -> None:
    body = "وطلبت الحكومة من الشركات وقف التصدير، وتجري محادثات مع الدول المجاورة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "من الشركات وقف التصدير"


def test_noun_content_after_the_speaker_and_a_comma(kit, extractor) -> None:
    body = "أعلن رئيس الوزراء سامر حداد، قبول استقالة الوزيرة، لتنتشر بعض الأقاويل عن نيتها الترشح."
    table = [("سامر حداد", Label.PERSON, "Q1", "سامر حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "سامر حداد"
    assert claim.text.startswith("قبول استقالة الوزيرة")
    assert claim.stance is Stance.ANNOUNCE
    proposal = "كما تقترح الوثيقة، الاطلاع على الإعلانات السياسية، وتسريع إغلاق الحسابات."
    (claim,) = _claims(kit, extractor, proposal)
    assert claim.speaker.text == "الوثيقة"
    assert claim.text == "الاطلاع على الإعلانات السياسية، وتسريع إغلاق الحسابات"
    assert claim.stance is Stance.CALL


def test_members_named_after_a_comma_are_no_content(kit, extractor) -> None:
    body = (
        "واقترح مسؤولون كبار، بينهم نائب رئيس الوزراء، سامي العلي، "
        "ووزير الخارجية، إقامة تحالف بين البلدين."
    )
    table = [("سامي العلي", Label.PERSON, "nf:person:sami", "سامي العلي")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "مسؤولون كبار"
    assert claim.text == "إقامة تحالف بين البلدين"
