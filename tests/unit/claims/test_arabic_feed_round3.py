"""Arabic constructions met in the fourth tuning batch of real feed articles (issue 11, round
3), each on sentences written for these tests: headlines ``X عن Y: …`` and names the body
quotes, an event (جاء ذلك) that is no speaker, descriptions (وصف X Y بأنه …), and
announcements whose content is a bare verbal noun."""

from __future__ import annotations

import pytest

from schemas.models import Label, Stance, TextField


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, title)


def _title_claims(kit, extractor, title, body):  # type: ignore[no-untyped-def]
    article = kit.make_article(body, title=title)
    claims = extractor(article, [])
    kit.assert_offsets(article, claims)
    return [c for c in claims if c.field is TextField.TITLE]


# ---- headlines -----------------------------------------------------------------


def test_headline_speaker_named_by_the_body(kit, extractor) -> None:
    body = 'وقال سالم للصحافيين "سنقاتل حتى النهاية".'
    table = [("سالم", Label.PERSON, "Q1", "سالم")]
    claims = _claims(kit, extractor, body, table, title="سالم: سنفوز في المباراة المقبلة")
    (title,) = [c for c in claims if c.field is TextField.TITLE]
    assert title.speaker.text == "سالم"
    assert title.text == "سنفوز في المباراة المقبلة"


def test_headline_unknown_word_before_a_colon_is_no_speaker(kit, extractor) -> None:
    body = 'وقال سالم للصحافيين "سنقاتل حتى النهاية".'
    table = [("سالم", Label.PERSON, "Q1", "سالم")]
    claims = _claims(kit, extractor, body, table, title="حصري: سنفوز في المباراة المقبلة")
    assert [c for c in claims if c.field is TextField.TITLE] == []


def test_headline_topic_after_the_speaker_is_cut(kit, extractor) -> None:
    body = "وقال الوزير سالم إن الاجتماع لم ينجح."
    table = [("سالم", Label.PERSON, "Q1", "سالم")]
    claims = _claims(
        kit, extractor, body, table, title="سالم عن اجتماع المانحين في جنيف: فرصة ضائعة"
    )
    (title,) = [c for c in claims if c.field is TextField.TITLE]
    assert title.speaker.text == "سالم"
    assert title.text == "فرصة ضائعة"


# ---- speakers ------------------------------------------------------------------
def test_the_event_of_a_statement_is_no_speaker(kit, extractor) -> None:
    body = (
        "قال الوزير سامي حداد إن المفاوضات متعثرة. "
        'جاء ذلك في مقابلة مع صحيفة محلية، حيث قال: "لا نرى أي تقدم حتى الآن".'
    )
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    claims = _claims(kit, extractor, body, table)
    quoted = kit.by_content(claims, "لا نرى أي تقدم حتى الآن")
    assert quoted.speaker.text == "سامي حداد"


# ---- descriptions --------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "speaker", "content"),
    [
        ('ووصف الوزير الخطة بأنها "خطيرة جدا".', "الوزير", 'الخطة بأنها "خطيرة جدا"'),
        (
            'ووصف المدير، يوم الأحد، ما جرى في الاجتماع الأخير مع النقابات بأنه "مؤسف".',
            "المدير",
            'ما جرى في الاجتماع الأخير مع النقابات بأنه "مؤسف"',
        ),
    ],
)
def test_description_holds_its_object_and_charge(kit, extractor, body, speaker, content) -> None:
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == speaker
    assert claim.text == content
    assert claim.stance is Stance.ASSERT


def test_description_with_a_long_object_still_finds_its_charge(kit, extractor) -> None:
    body = (
        "وصف رئيس الحكومة المحلية اليوم الخميس، ما تقدمه الشركات الكبرى والمصارف في المدينة "
        'من تبرعات بأنه "قليل"، قبل أسبوع من الانتخابات.'
    )
    (claim,) = _claims(kit, extractor, body)
    assert claim.text.startswith("ما تقدمه الشركات")
    assert '"قليل"' in claim.text


def test_description_without_a_charge_is_no_claim(kit, extractor) -> None:
    assert _claims(kit, extractor, "ووصف الوزير إلى العاصمة مساء أمس.") == []


# ---- announcements of a verbal noun ---------------------------------------------
@pytest.mark.parametrize(
    ("body", "table", "speaker", "content"),
    [
        (
            "أعلنت جمعية الصيادين المحليين إطلاق حملة لتنظيف الشواطئ.",
            [("جمعية الصيادين المحليين", Label.ORG, "Q1", "جمعية الصيادين")],
            "جمعية الصيادين المحليين",
            "إطلاق حملة لتنظيف الشواطئ",
        ),
        (
            "وأعلن الرئيس سامي حداد تغيير اسم الحزب إلى حزب الغد.",
            [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")],
            "سامي حداد",
            "تغيير اسم الحزب إلى حزب الغد",
        ),
        ("وأعلنت الحكومة إلغاء القرار المثير للجدل.", [], "الحكومة", "إلغاء القرار المثير للجدل"),
        ("وأعلن المدرب انسحاب الفريق من البطولة.", [], "المدرب", "انسحاب الفريق من البطولة"),
    ],
)
def test_announcement_of_a_verbal_noun(kit, extractor, body, table, speaker, content) -> None:
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == speaker
    assert claim.text == content
    assert claim.stance is Stance.ANNOUNCE


def test_a_construct_with_a_verbal_noun_is_one_speaker(kit, extractor) -> None:
    # هيئة تنظيم الاتصالات: تنظيم is the body's name, not what was announced
    claims = _claims(kit, extractor, "وأعلنت هيئة تنظيم الاتصالات حظر التطبيق.")
    assert all(c.text != "تنظيم الاتصالات حظر التطبيق" for c in claims)


def test_declared_since_is_no_announcement(kit, extractor) -> None:
    body = "وهو القصف الأعنف منذ أعلنت المنطقة منطقة آمنة العام الماضي."
    assert _claims(kit, extractor, body) == []


# ---- relative clauses and replies --------------------------------------------------
def test_relative_clause_speaks_for_the_name_before_it(kit, extractor) -> None:
    body = (
        "وقال الرئيس سامي حداد إن الحوار مستمر. "
        "وردا على سؤال عن انتقادات سلفه كمال نادر الذي اعتبر أن الحكومة تأخرت كثيرا، "
        "رفض حداد التعليق. "
        'وقال "لكل شخص رأيه في هذه المسألة".'
    )
    table = [
        ("سامي حداد", Label.PERSON, "Q1", "سامي حداد"),
        ("كمال نادر", Label.PERSON, "Q2", "كمال نادر"),
        ("حداد", Label.PERSON, "Q1", "سامي حداد"),
    ]
    claims = _claims(kit, extractor, body, table)
    aside = kit.by_content(claims, "الحكومة تأخرت كثيرا")
    assert aside.speaker.text == "كمال نادر"
    # the relative clause's speaker is not who the next elided subject continues
    quoted = kit.by_content(claims, "لكل شخص رأيه في هذه المسألة")
    assert quoted.speaker.entity_id == "Q1"
    assert all(c.speaker.text != "على" for c in claims)


@pytest.mark.parametrize(
    "body",
    ['ورد الوزير "لن نتراجع عن هذا القرار أبدا".', 'وردت الوزيرة: "لن نتراجع عن هذا القرار".'],
)
def test_a_reply_with_a_quotation_is_a_claim(kit, extractor, body) -> None:
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text in ("الوزير", "الوزيرة")
    assert claim.text.startswith("لن نتراجع")


@pytest.mark.parametrize(
    "body",
    [
        "ورد الجيش على مصادر النيران بالمثل.",
        'وورد في أحد المنشورات "الحرب اقتربت من نهايتها يا أهلنا".',
    ],
)
def test_replying_in_kind_or_what_a_leaflet_read_is_no_reply(kit, extractor, body) -> None:
    assert _claims(kit, extractor, body) == []


# ---- relayed statements: how it was said ------------------------------------------
@pytest.mark.parametrize(
    ("body", "speaker", "content", "stance"),
    [
        (
            "ونقلت صحف محلية عن النادي تأكيده أن الحساب تعرض للاختراق.",
            "النادي",
            "الحساب تعرض للاختراق",
            Stance.CONFIRM,
        ),
        (
            "ونقلت الإذاعة عن خبير في البنك تحذيره من أن الأسعار سترتفع.",
            "خبير في البنك",
            "الأسعار سترتفع",
            Stance.WARN,
        ),
        (
            "ونقلت الإذاعة عن مصادر مطلعة قولها إن المحادثات توقفت.",
            "مصادر مطلعة",
            "المحادثات توقفت",
            Stance.ASSERT,
        ),
    ],
)
def test_relayed_speech_noun_gives_the_stance(kit, extractor, body, speaker, content, stance):  # type: ignore[no-untyped-def]
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == speaker
    assert claim.text == content
    assert claim.stance is stance
    assert claim.source is not None


# ---- where content ends, who goes on ------------------------------------------------
def test_an_earlier_statement_opens_its_own_claim(kit, extractor) -> None:
    body = (
        "لكن الشركة تنفي تورطها في تسريب البيانات، وسبق أن أعلنت الشركة أنها تحمي "
        "خصوصية المستخدمين."
    )
    claims = _claims(kit, extractor, body)
    denial = kit.by_content(claims, "تورطها في تسريب البيانات")
    assert denial.stance is Stance.DENY
    earlier = kit.by_content(claims, "تحمي خصوصية المستخدمين")
    assert earlier.stance is Stance.ANNOUNCE


def test_feminine_present_opening_a_sentence_goes_on_with_its_subject(kit, extractor) -> None:
    body = (
        "وتتوقع الشركة أن تنمو السوق خلال العامين المقبلين. "
        "وتتوقع أن يتضاعف عدد المشتركين بحلول ذلك الوقت."
    )
    claims = _claims(kit, extractor, body)
    second = kit.by_content(claims, "يتضاعف عدد المشتركين بحلول ذلك الوقت")
    assert second.speaker.text == "الشركة"
    assert second.stance is Stance.ESTIMATE


def test_masculine_impersonal_present_is_still_no_claim(kit, extractor) -> None:
    body = "وتتوقع الشركة أن تنمو السوق. ويتوقع أن يرتفع عدد المشتركين."
    claims = _claims(kit, extractor, body)
    assert [c.text for c in claims] == ["تنمو السوق"]


# ---- accusations and descriptions with a pronoun object ------------------------------
def test_accusation_with_a_pronoun_object_continues_the_subject(kit, extractor) -> None:
    body = "رفعت الشركة دعوى ضد المورد واتهمته بالإخلال بالعقد."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الشركة"
    assert claim.text == "بالإخلال بالعقد"
    assert claim.stance is Stance.ACCUSE


def test_description_with_a_pronoun_object_names_its_speaker(kit, extractor) -> None:
    body = 'وسيكرم النادي لاعبه القديم الذي وصفه المدرب سامي حداد بأنه "أفضل من لعب هنا".'
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "سامي حداد"
    assert claim.text == 'بأنه "أفضل من لعب هنا"'


def test_a_possessed_noun_after_a_preposition_is_no_description(kit, extractor) -> None:
    # في وصفها: "in describing it", a verbal noun after a preposition, not a cue
    assert _claims(kit, extractor, "وأسهب الكاتب في وصفها بالتفصيل الممل.") == []


def test_headline_second_verb_goes_on_with_the_opening_subject(kit, extractor) -> None:
    title = "الشركة تقاضي المورد أمام المحكمة وتتهمه بالإخلال بالعقد"
    claims = _title_claims(kit, extractor, title, "بدأت الشركة إجراءات قضائية.")
    (claim,) = claims
    assert claim.speaker.text == "الشركة"
    assert claim.text == "بالإخلال بالعقد"
    assert claim.stance is Stance.ACCUSE


def test_headline_second_verb_of_the_other_gender_names_no_subject(kit, extractor) -> None:
    title = "الشركة تقاضي المورد أمام المحكمة ويتهمه بالإخلال بالعقد"
    claims = _title_claims(kit, extractor, title, "بدأت الشركة إجراءات قضائية.")
    assert all(c.speaker.text != "الشركة" for c in claims)


def test_one_of_a_group_is_a_speaker_no_later_verb_continues(kit, extractor) -> None:
    body = (
        "وقال الوزير سامي حداد إن الخطة جيدة. "
        'لكن نوابا كثيرين عارضوا الخطة، ووصف أحدهم المشروع بـ "الكارثي". '
        "وفي وقت لاحق، قال إنه سيوقع المشروع."
    )
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    claims = _claims(kit, extractor, body, table)
    described = kit.by_content(claims, 'المشروع بـ "الكارثي"')
    assert described.speaker.text == "أحدهم"
    later = kit.by_content(claims, "سيوقع المشروع")
    assert later.speaker.text == "سامي حداد"


# ---- new cues ---------------------------------------------------------------------
def test_speculation_with_ba_is_an_estimate(kit, extractor) -> None:
    (claim,) = _claims(kit, extractor, "وتكهنت صحف محلية بانتقاله إلى نادي العاصمة.")
    assert claim.speaker.text == "صحف محلية"
    assert claim.text == "بانتقاله إلى نادي العاصمة"
    assert claim.stance is Stance.ESTIMATE


def test_subject_after_a_concessive_connector(kit, extractor) -> None:
    body = (
        "وقال المدرب إن اللاعب سيبقى. وتقيم عائلته في المدينة ورغم ارتباطه بالرحيل "
        "إلا أن تقارير صحافية تكهنت بانتقاله إلى نادي العاصمة."
    )
    claims = _claims(kit, extractor, body)
    guess = kit.by_content(claims, "بانتقاله إلى نادي العاصمة")
    assert guess.speaker.text == "تقارير صحافية"


def test_a_quoted_question_is_a_question(kit, extractor) -> None:
    body = 'وسأل أحد المتابعين "هل يمكن لأحد أن يشرح ما يجري هنا؟".'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "أحد المتابعين"
    assert claim.stance is Stance.QUESTION


def test_asking_someone_about_something_is_no_claim(kit, extractor) -> None:
    assert _claims(kit, extractor, "وسأل الصحفي الوزير عن موعد الانتخابات.") == []


def test_description_of_a_pronoun_right_before_its_charge(kit, extractor) -> None:
    body = 'وأشاد الرئيس بالعمال ووصفهم بأنهم "العمود الفقري للبلاد".'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الرئيس"
    assert claim.text == 'بأنهم "العمود الفقري للبلاد"'


def test_description_in_a_text_speaks_for_its_author(kit, extractor) -> None:
    body = 'ونشر الرئيس تغريدة وصف فيها اجتماعه بالنجمة بأنه "اجتماع كبير".'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الرئيس"
    assert claim.text == 'اجتماعه بالنجمة بأنه "اجتماع كبير"'


def test_a_verbal_noun_with_a_pronoun_is_no_description(kit, extractor) -> None:
    assert _claims(kit, extractor, 'وذهب الوزير إلى حد وصفها بـ"نوع من أنواع الاحتكار".') == []


def test_replied_by_saying(kit, extractor) -> None:
    (claim,) = _claims(kit, extractor, "ورد الوزير بالقول إن خصومه يغيرون مواقفهم كل يوم.")
    assert claim.speaker.text == "الوزير"
    assert claim.text == "خصومه يغيرون مواقفهم كل يوم"


def test_headline_topic_sharing_a_word_with_a_speaker_is_no_speaker(kit, extractor) -> None:
    body = "وقالت لجنة الانتخابات المحلية إن الإقبال كان مرتفعا."
    claims = _claims(kit, extractor, body, title="الانتخابات المحلية: إقبال مرتفع وفرز بطيء")
    assert [c for c in claims if c.field is TextField.TITLE] == []
