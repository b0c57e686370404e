"""Arabic constructions met in the fifth tuning batch of real feed articles (issue 11, round
4), each fixed as a class, not as one sentence, and each tested on sentences written for
these tests."""

from __future__ import annotations

from schemas.models import Label


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    article = kit.make_article(body, title=title)
    claims = extractor(article, kit.mentions(body, list(table)))
    kit.assert_offsets(article, claims)
    return claims


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
    body = "وأضاف سامر: أتمنى له التوفيق. رغبته هي الاستمرار في اللعب."
    table = [("سامر", Label.PERSON, "Q1", "سامر")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.text == "أتمنى له التوفيق. رغبته هي الاستمرار في اللعب"


# ---- time and occasion phrases after the cue ----------------------------------------
def test_time_phrase_right_after_the_cue_is_no_speaker(kit, extractor) -> None:
    body = "إلا أن الراحل قد صرح قبيل وفاته بأنه نقل الأخبار كما وصلته."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الراحل"
    assert claim.text == "نقل الأخبار كما وصلته"


def test_time_phrase_after_the_speaker_is_cut(kit, extractor) -> None:
    body = "وقال سامي حداد عند وصوله إلى المطار إن الزيارة ناجحة."
    table = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "سامي حداد"
