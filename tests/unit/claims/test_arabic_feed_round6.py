"""Arabic constructions met in the seventh tuning batch of real feed articles and in
unlabelled feed text (issue 11, round 6), each fixed as a class and tested on sentences
written for these tests."""

from __future__ import annotations

from schemas.models import Label, Stance

# The minister, coach or critic most tests name, as the entity stage would find him.
HADDAD = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, title)


# ---- an elided subject continues the person who acted in the sentence before ------------
def test_an_elided_cue_continues_the_person_who_acted_just_before(kit, extractor) -> None:
    body = (
        "زارت الوزيرة ريم سالم مدينة حمص صباح الأحد.\n"
        "وأكدت أن الحكومة ستعيد بناء المدارس قبل نهاية العام."
    )
    table = [("ريم سالم", Label.PERSON, "Q1", "ريم سالم")]
    (claim,) = _claims(kit, extractor, body, table)
    assert "ريم سالم" in claim.speaker.text
    assert claim.text == "الحكومة ستعيد بناء المدارس قبل نهاية العام"


def test_the_acting_person_outranks_an_earlier_speaker(kit, extractor) -> None:
    body = (
        "قال الوزير سامي حداد إن الطرق ستفتح غدا. "
        "وأدان الرئيس كمال ناصر في كلمة مقتضبة الهجوم على القافلة. "
        "وقال إن الجناة سيحاسبون."
    )
    table = [
        ("سامي حداد", Label.PERSON, "Q1", "سامي حداد"),
        ("كمال ناصر", Label.PERSON, "Q2", "كمال ناصر"),
    ]
    first, second = _claims(kit, extractor, body, table)
    assert first.speaker.text == "سامي حداد"
    assert second.text == "الجناة سيحاسبون"
    assert "كمال ناصر" in second.speaker.text


def test_a_team_that_lost_is_not_whom_a_later_said_continues(kit, extractor) -> None:
    body = (
        "قال المدرب سامي حداد إن فريقه جاهز. "
        "ولم يخسر النادي الأحمر أمام منافسه منذ عامين. "
        'وقال: "سنلعب للفوز".'
    )
    table = [
        ("سامي حداد", Label.PERSON, "Q1", "سامي حداد"),
        ("النادي الأحمر", Label.ORG, "Q2", "النادي الأحمر"),
    ]
    claims = _claims(kit, extractor, body, table)
    assert [c.speaker.text for c in claims] == ["سامي حداد", "سامي حداد"]


def test_a_thing_that_happened_names_no_speaker(kit, extractor) -> None:
    body = "ارتفعت أسعار الخبز في الأسواق الشعبية. وقالت إن الحكومة ستتدخل."
    assert _claims(kit, extractor, body) == []


# ---- a share of a group speaks ---------------------------------------------------------
def test_a_percentage_of_a_group_is_the_speaker(kit, extractor) -> None:
    body = "وفي الاستطلاع نفسه، قال 40 في المائة من الطلاب إنهم يدرسون ليلا."
    table = [("40 في المائة", Label.PERCENT, "P1", "40 في المائة")]
    (claim,) = _claims(kit, extractor, body, table)
    assert claim.speaker.text == "40 في المائة من الطلاب"
    assert claim.text == "يدرسون ليلا"


# ---- a concessive opening is no clause with a subject ----------------------------------
def test_a_concessive_opening_is_no_subject_of_the_cue_after_it(kit, extractor) -> None:
    body = (
        "قال الوزير سامي حداد إن الطرق ستفتح غدا. "
        "وعلى الرغم من أن الأمطار كانت غزيرة، فقد أكد أن الجسور صامدة."
    )
    _first, second = _claims(kit, extractor, body, HADDAD)
    assert second.text == "الجسور صامدة"
    assert second.speaker.text == "سامي حداد"


# ---- a participle right after the cue says how, not who --------------------------------
def test_a_participle_after_the_cue_is_not_the_speaker(kit, extractor) -> None:
    body = "سامي حداد قال معلقا على نتيجة السباق، إن الفوز ليس كل شيء."
    (claim,) = _claims(kit, extractor, body, HADDAD)
    assert claim.speaker.text == "سامي حداد"
    assert claim.text == "الفوز ليس كل شيء"


def test_our_correspondent_is_a_speaker_not_a_participle(kit, extractor) -> None:
    body = "وقال مراسلنا إن القوات تقدمت نحو المطار."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "مراسلنا"
    assert claim.text == "القوات تقدمت نحو المطار"


# ---- words that open no speaker ----------------------------------------------------------
def test_a_particle_read_as_subject_gives_way_to_the_speaker_before(kit, extractor) -> None:
    body = "قال الوزير سامي حداد إن المصانع ستغلق يومين. وذكرت بشدة أن الوضع خطير."
    claims = _claims(kit, extractor, body, HADDAD)
    assert all(c.speaker.text == "سامي حداد" for c in claims)


def test_where_he_wrote_is_no_speaker(kit, extractor) -> None:
    body = (
        'قال الرئيس سامي حداد إن المفاوضات انتهت. وكتب على صفحته في تويتر: "لن نتراجع عن حقوقنا".'
    )
    claims = _claims(kit, extractor, body, HADDAD)
    assert [c.speaker.text for c in claims] == ["سامي حداد", "سامي حداد"]


# ---- نبه إلى أن: a warning ------------------------------------------------------------
def test_alerted_to_is_a_warning(kit, extractor) -> None:
    body = "نبهت دراسة طبية حديثة إلى أن قلة النوم تضر القلب."
    (claim,) = _claims(kit, extractor, body)
    assert claim.stance is Stance.WARN
    assert claim.speaker.text == "دراسة طبية حديثة"
    assert claim.text == "قلة النوم تضر القلب"


# ---- whom and where from: no part of the speaker -------------------------------------------
def test_whom_the_speaker_told_is_no_speaker(kit, extractor) -> None:
    body = "قال المتهم سامي حداد إنه بريء. وبعد الجلسة أكد للمحققين أنه لم يغادر منزله تلك الليلة."
    claims = _claims(kit, extractor, body, HADDAD)
    assert [c.speaker.text for c in claims] == ["سامي حداد", "سامي حداد"]


def test_a_statement_issued_for_an_army_keeps_the_army_as_speaker(kit, extractor) -> None:
    body = "وأفاد بيان للجيش الوطني أن قواته سيطرت على التلال المحيطة بالمدينة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "للجيش الوطني"


def test_where_a_headline_speaker_spoke_from_is_no_part_of_them(kit, extractor) -> None:
    title = 'منى خالد من عمّان: "لن أعتزل الغناء"'
    body = "وقالت منى خالد في الحفل إنها ستصدر ألبوما جديدا."
    table = [("منى خالد", Label.PERSON, "Q1", "منى خالد")]
    claims = _claims(kit, extractor, body, table, title=title)
    headline = next(c for c in claims if c.field.value == "title")
    assert headline.speaker.text == "منى خالد"
    assert headline.text == "لن أعتزل الغناء"


# ---- a participle with its object pronoun ---------------------------------------------------
def test_an_accusing_participle_with_its_object_pronoun_is_a_claim(kit, extractor) -> None:
    body = "ورفعت الحكومة دعوى قضائية ضد الشركة متهمة إياها بتلويث مياه النهر."
    (claim,) = _claims(kit, extractor, body)
    assert claim.stance is Stance.ACCUSE
    assert claim.speaker.text == "الحكومة"
    assert claim.text == "إياها بتلويث مياه النهر"


def test_an_adjective_after_a_noun_is_still_no_participle_cue(kit, extractor) -> None:
    body = "وفرضت الحكومة عقوبات مشددة على الشركات المخالفة."
    assert _claims(kit, extractor, body) == []


# ---- nested attribution: who made the statement speaks, the reporter is the source ---------
def test_a_group_quoted_inside_a_report_is_the_speaker(kit, extractor) -> None:
    body = "وذكرت وكالة الأنباء أن مسؤولين أوروبيين قالوا إن الاتفاق بات قريبا."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "مسؤولين أوروبيين"
    assert claim.source is not None and "وكالة الأنباء" in claim.source.text
    assert claim.text == "الاتفاق بات قريبا"


def test_a_document_accusing_inside_a_statement_is_the_speaker(kit, extractor) -> None:
    body = "وأوضحت وزارة العدل في بيان أن الدعوى تتهم الشركة بإخفاء الأرباح."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الدعوى"
    assert claim.stance is Stance.ACCUSE
    assert claim.text == "الشركة بإخفاء الأرباح"


def test_an_expectation_inside_a_statement_stays_the_reporters(kit, extractor) -> None:
    body = "وقال المحلل سامي حداد إن الخلاف الحاد يتوقع أن يستمر أسابيع."
    (claim,) = _claims(kit, extractor, body, HADDAD)
    assert claim.speaker.text == "سامي حداد"


def test_a_request_of_someone_named_by_a_pronoun_holds_the_request(kit, extractor) -> None:
    body = "وقال الباحث إن الحكومة طلبت منه الحفر في عدد من المواقع الأثرية."
    claims = _claims(kit, extractor, body)
    request = next(c for c in claims if c.stance is Stance.CALL)
    assert request.text == "منه الحفر في عدد من المواقع الأثرية"


# ---- a two-letter cue after و ------------------------------------------------------------
def test_urged_after_and_is_a_call(kit, extractor) -> None:
    body = "وحث الأطباء المراهقين على الابتعاد عن التدخين."
    (claim,) = _claims(kit, extractor, body)
    assert claim.stance is Stance.CALL
    assert claim.speaker.text == "الأطباء"
    assert claim.text == "المراهقين على الابتعاد عن التدخين"


def test_was_mentioned_stays_no_reply(kit, extractor) -> None:
    body = "وورد اسم اللاعب في قائمة المنتخب للمباراة المقبلة."
    assert _claims(kit, extractor, body) == []


# ---- what is habitually asked or said -----------------------------------------------------
def test_what_is_usually_asked_is_nobodys_statement(kit, extractor) -> None:
    body = "وعادة ما يطلب من المسافرين تقديم جوازاتهم عند البوابة."
    assert _claims(kit, extractor, body) == []


def test_always_inside_a_reported_clause_keeps_the_claim(kit, extractor) -> None:
    body = "وقال الوزير إن الحكومة تحرص دائما على الشفافية."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "الحكومة تحرص دائما على الشفافية"


# ---- what an announcement or a confirmation says happened -----------------------------------
def test_announcing_a_killing_is_an_announcement(kit, extractor) -> None:
    body = "أعلنت الشرطة المحلية مقتل ثلاثة مسلحين في اشتباك قرب الحدود."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الشرطة المحلية"
    assert claim.text == "مقتل ثلاثة مسلحين في اشتباك قرب الحدود"


def test_confirming_a_continuation_is_a_confirmation(kit, extractor) -> None:
    body = "وأكد المدرب سامي حداد استمرار اللاعب مع الفريق حتى نهاية الموسم."
    (claim,) = _claims(kit, extractor, body, HADDAD)
    assert claim.stance is Stance.CONFIRM
    assert claim.text == "استمرار اللاعب مع الفريق حتى نهاية الموسم"


def test_a_confirmed_win_on_the_field_is_no_statement(kit, extractor) -> None:
    body = "وأكد الفريق تفوقه في المباراة الأخيرة."
    assert _claims(kit, extractor, body) == []


def test_a_pronoun_after_a_preposition_is_no_speaker(kit, extractor) -> None:
    body = (
        "وأصدر حداد، الذي كان أسير حرب وعذبه سجانوه، بياناً، الأربعاء، دعا فيه زملاءه "
        "النواب إلى رفض التعيين."
    )
    table = [("حداد", Label.PERSON, "Q1", "سامي حداد")]
    claims = _claims(kit, extractor, body, table)
    assert all(c.speaker.text != "فيه" for c in claims)
