"""Arabic constructions met in the train1 batch of real feed articles (issue 11, round 7),
each fixed as a class and tested on sentences written for these tests."""

from __future__ import annotations

from schemas.models import Label, Stance
from workers.core.claims.segment import split_paragraphs

HADDAD = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, title)


# ---- a wire dateline is not the subject of the first cue ----------------------------------
def test_a_dateline_is_a_sentence_of_its_own() -> None:
    text = "عمان، الأردن (CNN)-- نفت الحكومة وجود أي نقص في القمح."
    (paragraph,) = split_paragraphs(text)
    first, second = paragraph.sentences
    assert first.value == "عمان، الأردن (CNN)--"
    assert second.value.startswith("نفت الحكومة")


def test_a_verb_after_a_dateline_takes_the_subject_after_it(kit, extractor) -> None:
    body = (
        "دبي، الإمارات العربية المتحدة (CNN)-- "
        "نفت وزارة الزراعة، الخميس، وجود أي نقص في مخزون القمح."
    )
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "وزارة الزراعة"
    assert claim.stance is Stance.DENY
    assert claim.text == "وجود أي نقص في مخزون القمح"


def test_a_spaced_dash_dateline_leaves_a_suggestion_with_its_proposer(kit, extractor) -> None:
    body = "بيروت، لبنان (CNN) – اقترح الوزير سامي حداد تعديل قانون الإيجارات القديمة."
    (claim,) = _claims(kit, extractor, body, HADDAD)
    assert "سامي حداد" in claim.speaker.text
    assert claim.stance is Stance.CALL
    assert claim.text == "تعديل قانون الإيجارات القديمة"


def test_a_parenthesis_later_in_a_paragraph_is_no_dateline() -> None:
    text = "قال الوزير إن المعبر (الحدودي) - وهو الأهم - سيفتح غدا."
    (paragraph,) = split_paragraphs(text)
    assert len(paragraph.sentences) == 1


# ---- a verbal noun after the speaker is what a proposal or call asks for -----------------
def test_a_proposal_with_a_verbal_noun_content(kit, extractor) -> None:
    body = "اقترح الوزير سامي حداد تأجيل الانتخابات البلدية إلى الربيع."
    (claim,) = _claims(kit, extractor, body, HADDAD)
    assert "سامي حداد" in claim.speaker.text
    assert claim.text == "تأجيل الانتخابات البلدية إلى الربيع"


# ---- ل written onto an outlet's name: who heard the words, not who said them -------------
def test_an_elided_speaker_talking_to_the_bbc_stays_the_earlier_speaker(kit, extractor) -> None:
    body = (
        "وقال الوزير سامي حداد إن المفاوضات متعثرة. وأضاف لبي بي سي أن الوفد سيعود إلى بلاده غدا."
    )
    first, second = _claims(kit, extractor, body, HADDAD)
    assert second.speaker.text == first.speaker.text == "سامي حداد"
    assert second.text == "الوفد سيعود إلى بلاده غدا"


def test_sources_talking_to_cnn_are_the_speaker(kit, extractor) -> None:
    body = "كشفت مصادر مسؤولة لـCNN أن الجيش سيغلق المعبر الشمالي."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "مصادر مسؤولة"
    assert claim.text == "الجيش سيغلق المعبر الشمالي"


def test_a_reuters_hearer_after_a_named_speaker(kit, extractor) -> None:
    body = "وقال الوزير سامي حداد لرويترز إن المصنع سيغلق أبوابه."
    (claim,) = _claims(kit, extractor, body, HADDAD)
    assert claim.speaker.text == "سامي حداد"
    assert claim.text == "المصنع سيغلق أبوابه"


# ---- headline speakers: institutions, and a surname the body names in full ---------------
def _title_claims(kit, extractor, title, body, table=()):  # type: ignore[no-untyped-def]
    return [c for c in _claims(kit, extractor, body, table, title) if c.field.value == "title"]


def test_an_institution_speaks_in_a_headline(kit, extractor) -> None:
    title = "التحالف: عشرة آلاف تصريح لدخول شاحنات الإغاثة"
    (claim,) = _title_claims(kit, extractor, title, "وصلت القوافل إلى الميناء صباح الأحد.")
    assert claim.speaker.text == "التحالف"
    assert claim.text == "عشرة آلاف تصريح لدخول شاحنات الإغاثة"


def test_a_ministry_named_by_its_country_speaks_but_the_country_alone_does_not(
    kit, extractor
) -> None:
    table = [("كندا", Label.LOC, "Q16", "كندا")]
    body = "وصل الوفد إلى العاصمة مساء الاثنين."
    (claim,) = _title_claims(kit, extractor, "خارجية كندا: حاولنا وقف الصفقة", body, table)
    assert claim.speaker.text == "خارجية كندا"
    assert _title_claims(kit, extractor, "كندا: ارتفاع أسعار الوقود", body, table) == []


def test_a_headline_surname_the_body_names_in_full(kit, extractor) -> None:
    table = [("سامي الحداد", Label.PERSON, "Q1", "سامي الحداد")]
    body = "التقى سامي الحداد وفد النقابات في مكتبه أمس."
    (claim,) = _title_claims(kit, extractor, "الحداد: لن نقبل بتقسيم الوزارة", body, table)
    assert claim.speaker.text == "الحداد"
    assert claim.text == "لن نقبل بتقسيم الوزارة"


def test_a_definite_topic_before_a_colon_is_no_speaker(kit, extractor) -> None:
    table = [("سامي الحداد", Label.PERSON, "Q1", "سامي الحداد")]
    body = "التقى سامي الحداد وفد النقابات في مكتبه أمس."
    assert _title_claims(kit, extractor, "الانتخابات: موعد جديد للتصويت", body, table) == []


# ---- لكنها + cue: the pronoun is the subject, not the clause before ----------------------
def test_but_with_a_pronoun_leaves_no_clause_as_the_speaker(kit, extractor) -> None:
    body = (
        "قال الوزير سامي حداد إن التحقيق مستمر. "
        "واتصلت الصحيفة بالشركة للتعليق، لكنها أصرت على أن منتجاتها آمنة."
    )
    claims = _claims(kit, extractor, body, HADDAD)
    assert claims[-1].text == "منتجاتها آمنة"
    assert "اتصلت" not in claims[-1].speaker.text


# ---- a statement that "contained" what a spokesman said ---------------------------------
def test_a_statement_that_contained_a_claim_names_its_issuer(kit, extractor) -> None:
    body = (
        "وتضمن بيان للمتحدث باسم الجيش سامي حداد أن الدفاعات أسقطت طائرة مسيرة. "
        "وتابع أن الحطام سقط في منطقة خالية."
    )
    first, second = _claims(kit, extractor, body, HADDAD)
    assert "سامي حداد" in first.speaker.text
    assert first.text == "الدفاعات أسقطت طائرة مسيرة"
    assert "سامي حداد" in second.speaker.text


def test_a_plan_that_contained_items_is_no_claim(kit, extractor) -> None:
    assert _claims(kit, extractor, "وتضمنت الخطة بنودا كثيرة عن الضرائب والرسوم.") == []


# ---- a channel between the speaker and a verbal-noun content ----------------------------
def test_a_confirmation_in_a_statement_with_a_verbal_noun_content(kit, extractor) -> None:
    body = "فيما أكد الوزير سامي حداد في بيان اعتراض ثلاث طائرات مسيرة فوق المدينة."
    (claim,) = _claims(kit, extractor, body, HADDAD)
    assert "سامي حداد" in claim.speaker.text
    assert claim.stance is Stance.CONFIRM
    assert claim.text == "اعتراض ثلاث طائرات مسيرة فوق المدينة"
