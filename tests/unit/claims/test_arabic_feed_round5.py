"""Arabic constructions met in the sixth tuning batch of real feed articles (issue 11, round
5) and in the earlier batches, each fixed as a class and tested on sentences written for
these tests."""

from __future__ import annotations

from schemas.models import Label, Stance


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, title)


# ---- opening phrases before the clause's verb -----------------------------------------
def test_opening_prepositional_phrases_are_no_subject_of_a_later_cue(kit, extractor) -> None:
    body = (
        "وفي أعقاب فوز الفريق بالكأس، الأحد، عقب المباراة النهائية، أثار سامي حداد الجدل "
        'حول مستقبله، عندما قال: "سأعلن قراري خلال أيام".'
    )
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.text == "سأعلن قراري خلال أيام"
    assert claim.speaker.text == "سامي حداد"


# ---- a nationality before a name ------------------------------------------------------
def test_a_nationality_before_the_callers_name_is_part_of_the_speaker(kit, extractor) -> None:
    body = "وخلال التمرين دعا الهولندي يان بيترز رفاقه في الفريق إلى حضور حفل زفافه."
    table = [
        ("الهولندي", Label.NORP, "N1", "هولندا"),
        ("يان بيترز", Label.PERSON, "Q1", "يان بيترز"),
    ]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "يان بيترز"
    assert claim.text == "رفاقه في الفريق إلى حضور حفل زفافه"


# ---- findings and fears ---------------------------------------------------------------
def test_a_study_showing_that_is_a_claim_of_the_study(kit, extractor) -> None:
    body = "وأظهرت دراسة جامعية حديثة أن الطلاب ينامون أقل من ست ساعات في الليلة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "دراسة جامعية حديثة"
    assert claim.text == "الطلاب ينامون أقل من ست ساعات في الليلة"


def test_a_poll_with_a_long_subject_shows_its_finding(kit, extractor) -> None:
    body = (
        'وأظهر استطلاع أجراه مركز الدراسات ونشرته صحيفة "الصباح" أن ثلث السكان فقط '
        "يؤيدون خطة الحكومة."
    )
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text.startswith("استطلاع")
    assert claim.text == "ثلث السكان فقط يؤيدون خطة الحكومة"


def test_an_intransitive_appears_is_no_cue(kit, extractor) -> None:
    body = (
        "ومن بين الأسماء الجديدة يظهر اسم المهاجم الشاب في القائمة، خصوصا بعد أن "
        "تألق في المباريات الودية."
    )
    assert _claims(kit, extractor, body) == []


def test_appears_before_a_clause_of_another_cue_does_not_split_it(kit, extractor) -> None:
    body = (
        "وأكدت الباحثة أن التجار نقلوا الأبجدية عبر البحر لتظهر بعدها لغات "
        "يعتقد أنها نشأت في الساحل."
    )
    (claim,) = _claims(kit, extractor, body)
    assert claim.text.endswith("يعتقد أنها نشأت في الساحل")


def test_what_seems_to_be_is_no_complement_of_showed(kit, extractor) -> None:
    body = "وأظهر مقطع مصور رجلا يحمل ما يبدو أنه سكين قرب المتجر."
    assert _claims(kit, extractor, body) == []


def test_a_fear_that_is_a_warning_of_those_who_fear(kit, extractor) -> None:
    body = "ويخشى المزارعون من أن يؤدي الجفاف إلى ارتفاع أسعار القمح."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "المزارعون"
    assert claim.stance is Stance.WARN
    assert claim.text == "يؤدي الجفاف إلى ارتفاع أسعار القمح"


def test_a_denied_fear_or_an_impersonal_one_is_no_claim(kit, extractor) -> None:
    assert _claims(kit, extractor, "والحكومة لا تخشى أن ترتفع الأسعار في الشتاء.") == []
    assert _claims(kit, extractor, "ويخشى أن تتسع رقعة الاحتجاجات في المدن.") == []


# ---- "in response to" inside and outside what was said --------------------------------
def test_a_reason_given_by_the_speaker_stays_in_the_content(kit, extractor) -> None:
    body = "وقالت الحكومة إن رفع الرسوم يأتي ردا على تراجع عائدات النفط."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "رفع الرسوم يأتي ردا على تراجع عائدات النفط"


def test_replying_to_a_question_is_the_occasion_not_the_content(kit, extractor) -> None:
    body = "وقال الوزير إن الحكومة ستدرس الطلب ردا على سؤال حول الرسوم."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "الحكومة ستدرس الطلب"


# ---- a quoted name inside an according-to source --------------------------------------
def test_a_short_quoted_name_at_the_end_is_part_of_the_source(kit, extractor) -> None:
    body = 'وتراجعت صادرات القمح بنحو الربع، بحسب أرقام لمركز "كي إل إم" الزراعي.'
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "وتراجعت صادرات القمح بنحو الربع"
    assert claim.speaker.text == 'أرقام لمركز "كي إل إم" الزراعي'


def test_a_quotation_after_the_source_is_still_what_it_said(kit, extractor) -> None:
    body = 'وفقا لمنظميه "أكبر معرض للكتاب في تاريخ المدينة".'
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "أكبر معرض للكتاب في تاريخ المدينة"


# ---- quoted names in titles -------------------------------------------------------------
def test_a_quoted_construct_name_in_a_title_is_no_framing(kit, extractor) -> None:
    title = 'مقاتلو "لواء الشمال" يغادرون المدينة'
    body = "وقال المتحدث إن عناصر لواء الشمال بدأوا مغادرة المدينة صباح اليوم."
    claims = _claims(kit, extractor, body, title=title)
    assert [c for c in claims if c.field.value == "title"] == []


def test_a_quoted_verdict_in_a_title_is_still_a_framing(kit, extractor) -> None:
    title = 'المعارضة: الخطة "فشل ذريع"'
    body = 'ووصف زعيم المعارضة سامي حداد الخطة بأنها "فشل ذريع".'
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    claims = _claims(kit, extractor, body, table, title=title)
    assert any(c.field.value == "title" and c.text == "فشل ذريع" for c in claims)


# ---- the time's pronoun after a cue ------------------------------------------------------
def test_the_subject_after_the_times_pronoun_speaks(kit, extractor) -> None:
    body = "وجاءت تصريحات الوزيرة في وقت كشف فيه مسؤولون عن خطة دعم جديدة للمزارعين."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text.startswith("مسؤولون")
    assert claim.text == "خطة دعم جديدة للمزارعين"


# ---- who issued the document the speaker spoke in -----------------------------------------
def test_the_issuer_of_a_statement_is_the_speaker(kit, extractor) -> None:
    body = "وأصدرت النقابة بيانا أكدت فيه أن الإضراب سيستمر حتى الأحد."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "النقابة"
    assert claim.text == "الإضراب سيستمر حتى الأحد"


def test_a_named_poster_of_a_tweet_is_the_speaker(kit, extractor) -> None:
    body = "ونشر اللاعب سامي حداد تغريدة قال فيها إن الفريق يستحق الفوز."
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "سامي حداد"


def test_a_recent_report_keeps_its_adjective(kit, extractor) -> None:
    body = "وحذر تقرير حديث من أن الجفاف سيضرب المنطقة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "تقرير حديث"


# ---- laying the blame ---------------------------------------------------------------------
def test_laying_the_blame_is_an_accusation(kit, extractor) -> None:
    body = "وألقت النقابة باللائمة على الإدارة في تأخير صرف الرواتب."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "النقابة"
    assert claim.stance is Stance.ACCUSE
    assert claim.text == "على الإدارة في تأخير صرف الرواتب"


def test_a_blaming_participle_after_a_warning_is_its_own_claim(kit, extractor) -> None:
    body = 'وحذر الوزير من أن الاقتصاد "في خطر"، منحيا باللائمة في ذلك على الفساد.'
    warning, blame = _claims(kit, extractor, body)
    assert warning.stance is Stance.WARN and warning.text == 'الاقتصاد "في خطر"'
    assert blame.stance is Stance.ACCUSE and blame.speaker.text == "الوزير"


def test_delivering_a_speech_is_no_cue_and_keeps_its_subject(kit, extractor) -> None:
    body = "وألقى الرئيس كلمة في المؤتمر قال فيها إن الاقتصاد قوي."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الرئيس"
    assert claim.text == "الاقتصاد قوي"


# ---- reports that talk about an event ------------------------------------------------------
def test_reports_talking_about_an_event_report_it(kit, extractor) -> None:
    body = "وتحدثت وسائل إعلام محلية عن انهيار جسر قديم في المدينة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "وسائل إعلام محلية"
    assert claim.text == "انهيار جسر قديم في المدينة"


def test_reports_talking_about_that_start_after_the_complementizer(kit, extractor) -> None:
    body = "وتحدثت تقارير عن أن الفيضانات شردت آلاف العائلات."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "الفيضانات شردت آلاف العائلات"


def test_a_minister_talking_about_a_topic_is_no_claim(kit, extractor) -> None:
    assert _claims(kit, extractor, "وتحدث الوزير عن أهمية التعاون بين البلدين.") == []


# ---- complaints, answers, what an outlet learned ------------------------------------------
def test_a_complaint_about_something_is_a_claim(kit, extractor) -> None:
    body = "ويشكو المزارعون من ارتفاع أسعار الأسمدة، وأعلنت الحكومة خطة دعم جديدة."
    claims = _claims(kit, extractor, body)
    complaint = next(c for c in claims if c.speaker.text == "المزارعون")
    assert complaint.text == "ارتفاع أسعار الأسمدة"


def test_a_denied_complaint_is_no_claim(kit, extractor) -> None:
    assert _claims(kit, extractor, "ولا يشكو الفريق من أي إصابات قبل المباراة.") == []


def test_an_answer_in_quotation_marks(kit, extractor) -> None:
    body = 'وأجاب المدرب "كنا الأفضل في الشوط الثاني".'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "المدرب"
    assert claim.text == "كنا الأفضل في الشوط الثاني"


def test_what_an_outlet_learned(kit, extractor) -> None:
    body = "لكن الصحيفة علمت أن الوزير قدم استقالته."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الصحيفة"
    assert claim.text == "الوزير قدم استقالته"


def test_a_narrator_who_learned_is_no_speaker(kit, extractor) -> None:
    assert _claims(kit, extractor, "وعلمت الأمر كله أن الرجال دخلوا المتجر.") == []


# ---- "what X described as" ---------------------------------------------------------------
def test_what_someone_described_as_is_their_claim(kit, extractor) -> None:
    body = "وأصيب العمال بما وصفته الشرطة المحلية بأنه تسمم غذائي."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الشرطة المحلية"
    assert claim.text == "بأنه تسمم غذائي"


def test_a_description_as_a_noun_after_a_preposition_stays_no_claim(kit, extractor) -> None:
    assert _claims(kit, extractor, "وذهب النائب إلى حد وصفها بالفاشلة.") == []


# ---- sub-headings written like headlines ---------------------------------------------------
def test_a_colon_subheading_in_the_body_is_read_as_a_headline(kit, extractor) -> None:
    body = (
        "وتصاعد التوتر بين البلدين خلال الأسبوع الماضي.\n\n"
        "سامي حداد للمعارضة: لن نقبل بأي تأجيل للانتخابات\n\n"
        "وتجري الانتخابات في موعدها المحدد."
    )
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.field.value == "body"
    assert claim.speaker.text == "سامي حداد"
    assert claim.text == "لن نقبل بأي تأجيل للانتخابات"


def test_a_sentence_with_a_colon_and_a_full_stop_is_no_subheading(kit, extractor) -> None:
    body = "وتضم القائمة ثلاثة أسماء: سامي ونادر وسليم."
    assert _claims(kit, extractor, body) == []


# ---- pronouns glued to لكن; asides closing a speaker -----------------------------------
def test_a_pronoun_glued_to_but_is_the_last_speaker(kit, extractor) -> None:
    body = "وقالت الوزيرة سلمى حداد إن الحكومة مستقرة. لكنها قالت إنها سترد على الدعوة قريبا."
    table = [("سلمى حداد", Label.PERSON, "Q1", "سلمى حداد")]
    _first, second = _claims(kit, extractor, body, table)
    assert second.speaker.text == "سلمى حداد"
    assert second.text == "سترد على الدعوة قريبا"


def test_an_aside_after_the_speaker_is_not_part_of_it(kit, extractor) -> None:
    body = "وقالت وكالة الأنباء الرسمية من جهتها إن ثلاثة أشخاص أصيبوا في الحادث."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "وكالة الأنباء الرسمية"
