"""Arabic constructions of issue 11, round 11: where a statement was posted (على تويتر، عبر
حسابه) and participles after a reporting verb that reported nothing itself. Sentences written
for these tests."""

from __future__ import annotations

import pytest


def _claims(kit, extractor, body):
    return kit.arabic_claims(extractor, body, (), "عنوان")


# ---- a posting phrase ends the speaker and names the platform as the source ------------------
def test_a_platform_between_commas_is_no_speaker(kit, extractor) -> None:
    body = "وقال المحافظ، على تويتر، إن الجسر سيغلق يومين للصيانة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "المحافظ"
    assert claim.source is not None and claim.source.text == "تويتر"
    assert claim.text == "الجسر سيغلق يومين للصيانة"


def test_the_account_phrase_stays_out_of_the_speaker(kit, extractor) -> None:
    body = "وكتب المحافظ على صفحته في فيس بوك أن الجسر سيغلق يومين للصيانة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "المحافظ"
    assert claim.source is not None and claim.source.text == "فيس بوك"


def test_the_platform_after_the_account_is_the_source(kit, extractor) -> None:
    body = "وقال المحافظ عبر حسابه على تويتر إن الجسر سيغلق يومين للصيانة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "المحافظ"
    assert claim.source is not None and claim.source.text == "تويتر"


def test_ala_of_a_posting_phrase_is_no_marker_of_confirm(kit, extractor) -> None:
    # أكد على … opens what was stressed; أكد … على إنستغرام أن … does not
    body = "وأكد المهاجم، عبر حسابه على إنستغرام، أنه باق مع الفريق حتى نهاية عقده."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "المهاجم"
    assert claim.text == "باق مع الفريق حتى نهاية عقده"
    assert claim.source is not None and claim.source.text == "إنستغرام"


def test_a_company_after_in_is_where_the_speaker_works(kit, extractor) -> None:
    # في + a platform's name with no account noun: the employer, part of the role
    body = "وقال مدير التسويق في فيسبوك إن الشركة ستغير سياستها."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "مدير التسويق في فيسبوك"
    assert claim.source is None


def test_a_channel_noun_stays_the_source_without_a_platform(kit, extractor) -> None:
    body = "وقال المحافظ في بيان إن الجسر سيغلق يومين للصيانة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.source is not None and claim.source.text == "بيان"


# ---- a participle after a reporting verb that reported nothing speaks for its subject --------
MAYOR_FIRST = "قال رئيس البلدية إن الطريق سيفتح الشهر المقبل. "
QUOTE = '"الحكومة ستدفع كلفة الطريق كاملة".'


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("وعلق الوزير على القرار قائلا: ", "الوزير"),  # commented on the decision, saying
        ("وغردت الوزيرة قائلة: ", "الوزيرة"),  # tweeted, saying
        # ويوضح الأمر قائلا: the verb's subject is elided; الأمر is what he explains
        ("ويوضح الأمر قائلا: ", "رئيس البلدية"),
    ],
)
def test_a_participle_after_a_verb_that_reported_nothing(
    kit, extractor, sentence: str, speaker: str
) -> None:
    quote = kit.by_content(_claims(kit, extractor, MAYOR_FIRST + sentence + QUOTE), "كلفة")
    assert quote.speaker.text == speaker


def test_what_may_happen_is_no_nested_statement(kit, extractor) -> None:
    # إن X قد تدعو …: a possibility inside the minister's statement, not X's call
    body = "وقال الوزير إن الحكومة قد تدعو الشركات إلى تقديم عروض جديدة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الوزير"
    assert claim.text == "الحكومة قد تدعو الشركات إلى تقديم عروض جديدة"
