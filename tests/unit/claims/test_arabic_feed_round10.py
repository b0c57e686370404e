"""Arabic constructions met in the train4 batch of real feed articles (issue 11, round 10):
objects read as speakers. Each class is fixed as a whole and tested on sentences written for
these tests."""

from __future__ import annotations

from schemas.models import Label

NASSER = [("كريم ناصر", Label.PERSON, "Q2", "كريم ناصر")]


def _claims(kit, extractor, body, table=()):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, "عنوان")


# ---- a pronoun glued to لكن / إلا أن is the subject: the noun after the verb is its object --
def test_but_he_called_on_an_addressee(kit, extractor) -> None:
    body = "وقال المحافظ إن الطريق سيفتح قريبا، لكنه دعا السائقين إلى الحذر في الأيام الأولى."
    call = kit.by_content(_claims(kit, extractor, body), "الحذر")
    assert call.speaker.text == "المحافظ"
    assert call.text == "السائقين إلى الحذر في الأيام الأولى"


def test_except_that_he_accused(kit, extractor) -> None:
    body = "وقال المدرب إن الفريق جاهز، إلا أنه اتهم الاتحاد بإهمال الفريق."
    accusation = kit.by_content(_claims(kit, extractor, body), "بإهمال")
    assert accusation.speaker.text == "المدرب"
    assert accusation.text == "الاتحاد بإهمال الفريق"


# ---- a verbal noun right after the verb opens what was said --------------------------------
def test_a_fronted_subject_denied_a_verbal_noun(kit, extractor) -> None:
    body = "إلا أن قائد الفريق كريم ناصر نفى حصول أي خلاف مع الإدارة."
    (claim,) = _claims(kit, extractor, body, NASSER)
    assert claim.speaker.text == "كريم ناصر"
    assert claim.text == "حصول أي خلاف مع الإدارة"


def test_an_elided_subject_denied_a_verbal_noun(kit, extractor) -> None:
    body = "وقال الوزير إن الميزانية متوازنة. ونفى حصول أي عجز هذا العام."
    denial = kit.by_content(_claims(kit, extractor, body), "عجز")
    assert denial.speaker.text == "الوزير"
    assert denial.text == "حصول أي عجز هذا العام"


def test_a_report_after_the_verb_still_speaks(kit, extractor) -> None:
    # تقرير has the letters of a verbal noun but names who speaks
    body = "وأفاد تقرير حكومي بأن الصادرات ارتفعت."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "تقرير حكومي"


def test_a_plural_with_the_letters_of_a_verbal_noun_still_speaks(kit, extractor) -> None:
    # أعضاء (members) is written like إعلان or إرسال without its hamza
    body = "وأعلن أعضاء المجلس انسحاب الحزب من الحكومة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "أعضاء المجلس"
    assert claim.text == "انسحاب الحزب من الحكومة"


# ---- adverbs read where the subject was expected --------------------------------------------
def test_an_adverb_after_the_verb_is_no_speaker(kit, extractor) -> None:
    body = "وقال المحافظ إن الطريق سيفتح قريبا. وتحدث كذلك عن المطار، واصفا إياه بأنه متأخر."
    description = kit.by_content(_claims(kit, extractor, body), "متأخر")
    assert description.speaker.text == "المحافظ"


# ---- an indefinite document before a present verb speaks ----------------------------------
def test_a_draft_resolution_that_calls_for(kit, extractor) -> None:
    body = "وقدمت الدول الثلاث مشروع قرار يدعو إلى وقف القتال فورا."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "مشروع قرار"
    assert claim.text == "وقف القتال فورا"


def test_a_definite_noun_before_a_present_verb_is_not_taken(kit, extractor) -> None:
    body = "وزار الوزير المشروع الجديد يؤكد أن العمل سينتهي قريبا."
    claims = _claims(kit, extractor, body)
    assert all(c.speaker.text != "المشروع الجديد" for c in claims)


# ---- a declared stance with its owner's pronoun is no part of the speaker ----------------
def test_responsibility_is_what_the_group_declared(kit, extractor) -> None:
    body = "وأعلنت الجماعة المسلحة مسؤوليتها عن الهجوم على الحاجز."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الجماعة المسلحة"


# ---- objects of accusations and descriptions ------------------------------------------------
def test_two_joined_countries_are_whom_he_accused(kit, extractor) -> None:
    body = "وقال الوزير إن المحادثات فشلت. واتهم الحكومة والبرلمان بعرقلة الاتفاق."
    accusation = kit.by_content(_claims(kit, extractor, body), "بعرقلة")
    assert accusation.speaker.text == "الوزير"
    assert accusation.text == "الحكومة والبرلمان بعرقلة الاتفاق"


def test_joined_subjects_before_an_object_keep_their_speaker(kit, extractor) -> None:
    # only joined nouns right before the charge are one object; here the object follows
    body = "وهددت فرنسا والولايات المتحدة خلال الأسبوع الماضي الحكومة بفرض عقوبات جديدة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "فرنسا"
    assert claim.text.endswith("الحكومة بفرض عقوبات جديدة")


def test_a_name_that_starts_with_waw_is_no_joined_object(kit, extractor) -> None:
    body = "واتهم الكرملين واشنطن بتجاهل الحقائق."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الكرملين"
    assert claim.text == "واشنطن بتجاهل الحقائق"


def test_what_is_described_is_the_object(kit, extractor) -> None:
    body = "وقال الوزير إن المحادثات مفيدة. كما وصف العلاقات مع الجيران بأنها ممتازة."
    description = kit.by_content(_claims(kit, extractor, body), "ممتازة")
    assert description.speaker.text == "الوزير"
    assert description.text.startswith("العلاقات مع الجيران")


# ---- a participle's content may be a verbal noun --------------------------------------------
def test_pointing_to_a_verbal_noun(kit, extractor) -> None:
    body = "وقال المتحدث إن الشركة ستفتح فرعا جديدا، لافتا إلى حصولها على ترخيص العمل."
    pointed = kit.by_content(_claims(kit, extractor, body), "ترخيص")
    assert pointed.speaker.text == "المتحدث"
    assert pointed.text == "حصولها على ترخيص العمل"


def test_confirming_a_negated_intention(kit, extractor) -> None:
    body = "وقال الوزير إن الأزمة انتهت، مؤكدا عدم نية الحكومة الاستقالة."
    confirmed = kit.by_content(_claims(kit, extractor, body), "الاستقالة")
    assert confirmed.speaker.text == "الوزير"
    assert confirmed.text == "عدم نية الحكومة الاستقالة"


def test_a_participle_before_a_plain_noun_says_nothing(kit, extractor) -> None:
    body = "وقال الوزير إن الأزمة انتهت، مؤكدا ذلك أمام النواب."
    claims = _claims(kit, extractor, body)
    assert [c.text for c in claims] == ["الأزمة انتهت"]


def test_a_word_glued_to_bal_is_how_not_who(kit, extractor) -> None:
    body = (
        "وقالت الوزيرة إن الخطة جاهزة. واستطردت بالحديث عن الميزانية، لافتة إلى استمرار "
        "العجز هذا العام."
    )
    pointed = kit.by_content(_claims(kit, extractor, body), "العجز")
    assert pointed.speaker.text == "الوزيرة"
