"""Arabic constructions from the tuned-on batches (issue 11, round 13): a verbal-noun content
past a time or an aside, after a verb or the noun إعلان, and where a content ends (a whole
quotation, a participle of the speaker's circumstance, في إشارة). Sentences written for these
tests."""

from __future__ import annotations

from schemas.models import Label, Stance

SALEM = [("سامي سالم", Label.PERSON, "Q7", "سامي سالم")]


def _claims(kit, extractor, body, table=()):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, "عنوان")


# ---- a verbal noun after the speaker, past a time or an aside -------------------------------
def test_a_time_between_speaker_and_verbal_noun(kit, extractor) -> None:
    body = "وأعلن سامي سالم قبل أيام سحب ترشحه لرئاسة النادي."
    (claim,) = _claims(kit, extractor, body, SALEM)
    assert claim.speaker.text == "سامي سالم"
    assert claim.text == "سحب ترشحه لرئاسة النادي"
    assert claim.stance is Stance.ANNOUNCE


def test_a_weekday_and_an_aside_before_the_content(kit, extractor) -> None:
    body = "وأكدت وزارة الصحة من جهتها الاثنين إصابة ثلاثة عمال في الحادث."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "وزارة الصحة"
    assert claim.text == "إصابة ثلاثة عمال في الحادث"


def test_not_doing_is_a_verbal_noun_content(kit, extractor) -> None:
    body = "وأعلنت النقابة عدم مشاركتها في المفاوضات المقبلة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "النقابة"
    assert claim.text == "عدم مشاركتها في المفاوضات المقبلة"


def test_a_plain_noun_after_the_speaker_is_no_content(kit, extractor) -> None:
    # النتائج is no verbal noun: the announcement of a thing, not of something that happened
    body = "وأعلنت اللجنة الاثنين النتائج النهائية."
    assert _claims(kit, extractor, body) == []


def test_a_time_after_a_fronted_subject_is_not_the_content(kit, extractor) -> None:
    body = "وكانت الشركة أعلنت في 3 مايو، استحواذها على المصنع القديم."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الشركة"
    assert claim.text == "استحواذها على المصنع القديم"


def test_one_month_in_two_calendars_is_a_time(kit, extractor) -> None:
    body = "وأعلنت الحكومة في أيار/مايو الماضي تجميد الأسعار."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "تجميد الأسعار"


# ---- the noun إعلان with a verbal-noun content ----------------------------------------------
def test_after_the_announcement_of_a_verbal_noun(kit, extractor) -> None:
    body = "وارتفعت الأسهم بعد إعلان البنك المركزي خفض سعر الفائدة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "البنك المركزي"
    assert claim.text == "خفض سعر الفائدة"
    assert claim.cue == "إعلان"
    assert claim.stance is Stance.ANNOUNCE


def test_the_announcement_of_a_thing_is_no_claim(kit, extractor) -> None:
    body = "وارتفعت الأسهم بعد إعلان البنك المركزي الأرقام الجديدة."
    assert _claims(kit, extractor, body) == []


# ---- where a content ends -------------------------------------------------------------------
def test_a_whole_quotation_ends_before_the_journalists_gloss(kit, extractor) -> None:
    body = 'وقال المدرب: "لن نفرط في أي نقطة هذا الموسم"، في إشارة إلى خسارة الأسبوع الماضي.'
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "لن نفرط في أي نقطة هذا الموسم"


def test_a_gloss_ends_a_reported_content_too(kit, extractor) -> None:
    body = "وقال الوزير إن بعض الدول لا تفي بوعودها، في إشارة إلى جيران بلاده."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "بعض الدول لا تفي بوعودها"


def test_a_short_quoted_phrase_goes_on(kit, extractor) -> None:
    # two quoted words are a phrase of the statement, which goes on after the comma
    body = 'وكشف الوزير عن "خطة جديدة"، تهدف إلى خفض البطالة خلال عامين.'
    (claim,) = _claims(kit, extractor, body)
    assert claim.text.endswith("تهدف إلى خفض البطالة خلال عامين")


def test_a_participle_of_the_speakers_circumstance_ends_the_content(kit, extractor) -> None:
    body = "وأكد المحافظ أن المشروع سينتهي في موعده، معلقا على تأخر الأعمال في الشهر الماضي."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "المشروع سينتهي في موعده"


def test_a_passive_participle_noun_is_not_a_tail(kit, extractor) -> None:
    # مرسوما is the object of the attributed sentence (مفعول), not the speaker's circumstance
    body = "وأصدر الرئيس، الاثنين، مرسوما بتعيين محافظ جديد، وفقا لوكالة الأنباء الرسمية."
    (claim,) = _claims(kit, extractor, body)
    assert "مرسوما بتعيين محافظ جديد" in claim.text
