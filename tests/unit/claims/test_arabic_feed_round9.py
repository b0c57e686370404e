"""Arabic constructions met in the train3 batch of real feed articles (issue 11, round 9),
each fixed as a class and tested on sentences written for these tests."""

from __future__ import annotations

from schemas.models import ClaimKind, Label

HADDAD = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, title)


# ---- what a document says: جاء في البيان أن … ---------------------------------------------
def test_what_came_in_the_statement_is_the_statements_claim(kit, extractor) -> None:
    body = "وأصدرت البلدية بيانا مساء الأحد. وجاء في البيان أن أعمال الصيانة ستنتهي قبل الصيف."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "البيان"
    assert claim.text == "أعمال الصيانة ستنتهي قبل الصيف"


def test_a_quotation_after_the_letters_colon_is_direct(kit, extractor) -> None:
    body = 'ووصلت إلى المجلس رسالة من السكان. وورد في الرسالة: "نطالب بإعادة فتح المدرسة فورا".'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الرسالة"
    assert claim.kind is ClaimKind.DIRECT
    assert claim.text == "نطالب بإعادة فتح المدرسة فورا"


def test_a_statement_that_came_in_it_speaks_through_the_noun_before(kit, extractor) -> None:
    body = 'ونشرت النقابة بيانا جاء فيه: "لن نوقع أي اتفاق قبل رفع الأجور".'
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "بيانا"
    assert claim.text == "لن نوقع أي اتفاق قبل رفع الأجور"


def test_what_came_in_a_match_is_no_claim(kit, extractor) -> None:
    body = "وجاء في المباراة أن الفريق خسر بهدفين بعد طرد حارسه."
    assert _claims(kit, extractor, body) == []


# ---- a headline line's speaker stops before its topic or occasion -------------------------
def test_a_headline_speaker_stops_before_about(kit, extractor) -> None:
    body = (
        "وقال الوزير إن المحادثات مستمرة.\n\n"
        "الأمين العام للجامعة حول الأزمة في الجنوب: الحل بيد الأطراف وحدها"
    )
    claims = _claims(kit, extractor, body)
    headline = next(c for c in claims if c.cue == ":")
    assert headline.speaker.text == "الأمين العام للجامعة"
    assert headline.text == "الحل بيد الأطراف وحدها"


def test_a_headline_speaker_stops_before_after(kit, extractor) -> None:
    body = (
        "وأعلنت الحكومة تعيين الوزير سامي حداد سفيرا.\n\n"
        "سامي حداد بعد تعيينه: سأعمل على خدمة بلدي حتى آخر يوم"
    )
    claims = _claims(kit, extractor, body, HADDAD)
    headline = next(c for c in claims if c.cue == ":")
    assert headline.speaker.text == "سامي حداد"
    assert headline.text == "سأعمل على خدمة بلدي حتى آخر يوم"


def test_a_headline_after_a_slash_rubric_is_read(kit, extractor) -> None:
    # حداد is no entity here: the headline's speaker is known as the body's speaker, once
    # the rubric before the slash is cut off.
    body = "وقال حداد إن الخطة جاهزة.\n\nقد يهمك/ حداد: لن نرفع أسعار الوقود هذا العام"
    claims = _claims(kit, extractor, body)
    headline = next(c for c in claims if c.cue == ":")
    assert headline.speaker.text == "حداد"
    assert headline.text == "لن نرفع أسعار الوقود هذا العام"


def test_a_second_headline_after_two_dots_loses_its_conjunction(kit, extractor) -> None:
    body = (
        "وقال المتحدث إن الاجتماع انتهى.\n\n"
        'المجلس ينشر "نص القرار".. ووزير الخارجية: القرار خطوة إلى الأمام'
    )
    claims = _claims(kit, extractor, body)
    headline = next(c for c in claims if c.cue == ":")
    assert headline.speaker.text == "وزير الخارجية"
    assert headline.text == "القرار خطوة إلى الأمام"
