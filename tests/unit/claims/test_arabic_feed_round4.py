"""Arabic constructions met in the fifth tuning batch of real feed articles (issue 11, round
4), each fixed as a class, not as one sentence, and each tested on sentences written for
these tests."""

from __future__ import annotations

from schemas.models import Label, Stance


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, title)


# ---- complementizers with any attached pronoun ---------------------------------------
def test_complementizer_with_a_feminine_plural_pronoun(kit, extractor) -> None:
    body = "وقالت ثلاث موظفات أمام اللجنة إنهن تعرضن لضغوط كبيرة في العمل."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "تعرضن لضغوط كبيرة في العمل"
    assert "موظفات" in claim.speaker.text


def test_complementizer_with_a_second_person_pronoun(kit, extractor) -> None:
    body = "وقال سامي حداد إنكم تتحملون مسؤولية ما جرى."
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.text == "تتحملون مسؤولية ما جرى"
    assert claim.speaker.text == "سامي حداد"


def test_a_noun_starting_like_a_complementizer_is_not_one(kit, extractor) -> None:
    # أنكر (denied) begins with أن + ك…: only whole words are complementizers.
    body = "وأنكر الوزير سامي حداد أي صلة له بالصفقة."
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.text.startswith("أي صلة")


# ---- unquoted speech after a colon ---------------------------------------------------
def test_colon_speech_stops_at_a_narrative_sentence(kit, extractor) -> None:
    body = (
        "وقال المدرب سامر للصحافيين: الفريق جاهز للمباراة. "
        "ويجب أن يختار سامر قائمته النهائية قبل الموعد."
    )
    table = [("سامر", Label.PERSON, "Q1", "سامر")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.text == "الفريق جاهز للمباراة"


def test_colon_speech_goes_on_in_the_speakers_voice(kit, extractor) -> None:
    body = "وأضاف سامر: أتمنى له النجاح. حلمه هو البقاء في الفريق."
    table = [("سامر", Label.PERSON, "Q1", "سامر")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.text == "أتمنى له النجاح. حلمه هو البقاء في الفريق"


# ---- time and occasion phrases after the cue ----------------------------------------
def test_time_phrase_right_after_the_cue_is_no_speaker(kit, extractor) -> None:
    body = "إلا أن الراحل قد صرح قبيل مرضه بأنه كتب التقارير كما سمعها."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الراحل"
    assert claim.text == "كتب التقارير كما سمعها"


def test_time_phrase_after_the_speaker_is_cut(kit, extractor) -> None:
    body = "وقال سامي حداد عند وصوله إلى المطار إن الزيارة ناجحة."
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "سامي حداد"


# ---- calls: fronted subjects, name then role, a request glued to لـ --------------------
def test_fronted_subject_with_an_aside_calls_on_the_object(kit, extractor) -> None:
    body = "الشيخ سالم حمد، عضو المجلس، من جهته، دعا العشائر إلى عدم بيع أراضيها للشركات."
    table = [("سالم حمد", Label.PERSON, "Q1", "سالم حمد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "الشيخ سالم حمد"
    assert claim.stance is Stance.CALL
    assert claim.text == "العشائر إلى عدم بيع أراضيها للشركات"


def test_fronted_clause_that_is_no_subject_is_left_alone(kit, extractor) -> None:
    # A clause before the cue is no subject: only a name or a role opens one.
    body = "الاجتماع كان ناجحا، قال الوزير سامي حداد."
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    claims = _claims(kit, extractor, body, table)
    assert all(c.speaker.text != "الاجتماع كان ناجحا" for c in claims)


def test_name_then_one_of_role_keeps_the_name_as_speaker(kit, extractor) -> None:
    body = "الشيخ سالم حمد، أحد مشايخ القبيلة، اعتبر أن الحرب انتهت."
    table = [("سالم حمد", Label.PERSON, "Q1", "سالم حمد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "الشيخ سالم حمد"
    assert claim.speaker.role is not None and claim.speaker.role.startswith("أحد مشايخ")


def test_call_with_name_role_and_addressee_between_commas(kit, extractor) -> None:
    body = "من جانبه، دعا الشيخ سالم حمد، أحد مشايخ القبيلة، جميع أبناء القبائل للترحيب بالجيش."
    table = [("سالم حمد", Label.PERSON, "Q1", "سالم حمد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "الشيخ سالم حمد"
    assert claim.text == "جميع أبناء القبائل للترحيب بالجيش"


def test_call_request_glued_to_lam(kit, extractor) -> None:
    body = "ودعا المجلس المحلي السكان للابتعاد عن مناطق الاشتباك."
    (claim,) = _claims(kit, extractor, body)
    assert claim.stance is Stance.CALL
    assert claim.text == "السكان للابتعاد عن مناطق الاشتباك"
    assert claim.speaker.text == "المجلس المحلي"


def test_ila_marker_wins_over_a_lam_word_in_the_speaker(kit, extractor) -> None:
    body = "ودعا مستشار الرئيس للتجارة الخارجية إلى الحوار."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text.endswith("الحوار")
    assert "مستشار" in claim.speaker.text


def test_leading_topic_phrase_is_no_fronted_subject(kit, extractor) -> None:
    body = "وبشأن الأزمة السورية، قال سامي حداد إن الحل سياسي."
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "سامي حداد"


def test_call_without_a_speaker_apart_from_the_addressee_is_dropped(kit, extractor) -> None:
    # Nothing tells the speaker from the addressee: no claim rather than إيران as the caller.
    claims = _claims(kit, extractor, "", title="مجلس الأمن يدعو إيران للتحقيق في الحادثة")
    assert all(c.speaker.text != "إيران" for c in claims)


# ---- title quotations that the body marks as a term ------------------------------------
def test_title_term_the_body_also_marks_is_no_framing(kit, extractor) -> None:
    title = 'جدل حول صور "الأبطال" في الشوارع'
    body = 'وانتشرت صور "الأبطال" في المدن. وقال سامي حداد "لن نسمح برمي صور الأبطال في الشارع".'
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    claims = _claims(kit, extractor, body, table, title=title)
    assert [c for c in claims if c.field.value == "title"] == []


def test_title_quoting_words_of_a_longer_body_quotation_is_a_framing(kit, extractor) -> None:
    title = '"لن نسمح" برمي الصور في الشوارع'
    body = 'وقال سامي حداد "لن نسمح برمي صور الأبطال في الشارع".'
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    claims = _claims(kit, extractor, body, table, title=title)
    assert any(c.field.value == "title" and c.speaker.text == "سامي حداد" for c in claims)


def test_title_verdict_quoted_as_the_whole_body_content_stays_a_framing(kit, extractor) -> None:
    title = 'المعارضة: الاتفاق "خيانة"'
    body = 'ووصف زعيم المعارضة سامي حداد الاتفاق بأنه "خيانة".'
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    claims = _claims(kit, extractor, body, table, title=title)
    assert any(c.field.value == "title" for c in claims)


# ---- belief and finding verbs; estimate participles ----------------------------------
def test_belief_verb_with_its_subject(kit, extractor) -> None:
    body = "ويعتقد العلماء أن النهر جف قبل آلاف السنين."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "العلماء"
    assert claim.text == "النهر جف قبل آلاف السنين"


def test_first_person_belief_inside_speech_is_no_cue(kit, extractor) -> None:
    # أعتقد (I believe) shares its matching form with اعتقد (he believed).
    body = "وقال المدرب سامر: المباراة صعبة. أعتقد أن الضغط على الفريقين كبير."
    table = [("سامر", Label.PERSON, "Q1", "سامر")]
    claims = _claims(kit, extractor, body, table)
    assert len(claims) == 1
    assert claims[0].text.startswith("المباراة صعبة")


def test_impersonal_belief_is_the_journalists_voice(kit, extractor) -> None:
    body = "ويعتقد أن النهر جف قبل آلاف السنين."
    assert _claims(kit, extractor, body) == []


def test_finding_verbs_with_ila_anna(kit, extractor) -> None:
    body = "وتوصلت دراسة أجراها باحثون إلى أن النهر جف قبل آلاف السنين."
    (claim,) = _claims(kit, extractor, body)
    assert "دراسة" in claim.speaker.text
    assert claim.text == "النهر جف قبل آلاف السنين"


def test_reaching_an_agreement_is_no_claim(kit, extractor) -> None:
    body = "وتوصل الطرفان إلى اتفاق لوقف إطلاق النار."
    assert _claims(kit, extractor, body) == []


def test_estimate_participle_after_a_kana_subject(kit, extractor) -> None:
    body = "وكانت الصحف قد استقبلت البيان بالكثير من الشكوك، مرجحة تعرض الموقع للاختراق."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الصحف"
    assert claim.stance is Stance.ESTIMATE
    assert claim.text == "تعرض الموقع للاختراق"


def test_impersonal_belief_after_but_is_no_claim(kit, extractor) -> None:
    # لكن right before the verb leaves it without a subject: "but it is believed that".
    body = "وأنقذت السلطات عشرين شخصا من القارب، لكن يعتقد أن آخرين غرقوا."
    assert _claims(kit, extractor, body) == []


def test_negated_and_generic_beliefs_are_no_claims(kit, extractor) -> None:
    body = "ولا يعتقد أن المتهم كان معروفا لدى الأمن. ويحق للمحكمة ملاحقة من تعتقد أنهم ساعدوه."
    assert _claims(kit, extractor, body) == []


# ---- according to a measure is no source ------------------------------------------
def test_according_to_a_measure_is_no_source(kit, extractor) -> None:
    body = "وقد تبلغ كلفة الدعم مليارات الدولارات وفقا لحجم المساعدة الحكومية."
    assert _claims(kit, extractor, body) == []


def test_according_to_data_stays_a_source(kit, extractor) -> None:
    body = "وارتفعت الأسعار بنسبة خمسة بالمئة، وفقا لبيانات رسمية."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "بيانات رسمية"


# ---- noun contents end before their channel; relative cues after an apposition -----------
def test_noun_content_after_an_marker_ends_before_the_channel(kit, extractor) -> None:
    body = 'وكشف المهندس سامي حداد عن فكرة بناء "جسر القرن" في مقال نشره في مجلة علمية.'
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.text == 'فكرة بناء "جسر القرن"'


def test_clause_content_keeps_a_trailing_channel_phrase(kit, extractor) -> None:
    # After أن the content is a clause: في مقال belongs to what was said.
    body = "وقال سامي حداد إن الفكرة ظهرت أول مرة في مقال علمي."
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.text == "الفكرة ظهرت أول مرة في مقال علمي"


def test_relative_cue_after_an_apposition_comma(kit, extractor) -> None:
    body = "وانتقد الرئيس قرار سامي حداد، الذي قال إن الاتفاق انتهى."
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    claims = _claims(kit, extractor, body, table)
    said = kit.by_content(claims, "الاتفاق انتهى")
    assert said.speaker.text == "سامي حداد"
