"""Arabic constructions met in the sixth tuning batch of real feed articles (issue 11, round
5) and in the earlier batches, each fixed as a class and tested on sentences written for
these tests."""

from __future__ import annotations

from schemas.models import Label


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    article = kit.make_article(body, title=title)
    claims = extractor(article, kit.mentions(body, list(table)))
    kit.assert_offsets(article, claims)
    return claims


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
