"""Arabic constructions met in the train2 batch of real feed articles (issue 11, round 8),
each fixed as a class and tested on sentences written for these tests."""

from __future__ import annotations

from schemas.models import ClaimKind, Label, Stance

HADDAD = [("سامي حداد", Label.PERSON, "Q1", "سامي حداد")]


def _claims(kit, extractor, body, table=(), title="عنوان"):  # type: ignore[no-untyped-def]
    return kit.arabic_claims(extractor, body, table, title)


# ---- an attribution set between commas inside a clause covers the whole clause ------------
def test_a_parenthetical_source_takes_the_clause_on_both_sides(kit, extractor) -> None:
    body = "وأوقف الحريق، بحسب الدفاع المدني، حركة القطارات بين المدينتين لساعات."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الدفاع المدني"
    assert claim.kind is ClaimKind.ACCORDING_TO
    assert claim.text.startswith("وأوقف الحريق")
    assert claim.text.endswith("حركة القطارات بين المدينتين لساعات")


def test_a_parenthesis_after_but_starts_the_clause_at_but(kit, extractor) -> None:
    body = (
        "ويتقرب الحزب من الحكومة في العلن، ولكنه يعمل في الواقع، وفق محللين، "
        "على إسقاطها في البرلمان."
    )
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "محللين"
    assert claim.text.startswith("يعمل في الواقع")
    assert claim.text.endswith("على إسقاطها في البرلمان")


def test_a_source_after_a_long_clause_still_takes_only_the_words_before_it(kit, extractor) -> None:
    body = (
        "ارتفعت أسعار الخبز في الأسواق الشعبية خلال الأشهر الثلاثة الماضية بنسبة كبيرة، "
        "بحسب تقرير رسمي، أعدته وزارة الاقتصاد بطلب من البرلمان."
    )
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "تقرير رسمي"
    assert claim.text.endswith("بنسبة كبيرة")


def test_a_source_before_a_new_clause_stays_with_the_clause_before(kit, extractor) -> None:
    body = "أغلقت الشرطة الطريق، بحسب شهود، وبدأت تفتيش السيارات."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "أغلقت الشرطة الطريق"


# ---- an expressed belief with a clause is a statement; a feeling alone is not --------------
def test_an_expressed_confidence_with_a_clause_is_a_claim(kit, extractor) -> None:
    body = "وأعرب الوزير سامي حداد عن ثقته بأن المفاوضات ستنتهي باتفاق قبل نهاية الشهر."
    (claim,) = _claims(kit, extractor, body, HADDAD)
    assert "سامي حداد" in claim.speaker.text
    assert claim.text == "المفاوضات ستنتهي باتفاق قبل نهاية الشهر"


def test_an_expressed_hope_with_in_that_and_an_adjective(kit, extractor) -> None:
    body = "عبّرت النقابة عن أملها الكبير في أن تستجيب الإدارة لمطالب العمال."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "النقابة"
    assert claim.text == "تستجيب الإدارة لمطالب العمال"


def test_an_expressed_feeling_without_a_clause_is_not_a_claim(kit, extractor) -> None:
    assert _claims(kit, extractor, "وأعرب الوزير عن حزنه لوفاة الشاعر الكبير.") == []
    assert _claims(kit, extractor, "وعبر المشجعون عن قلقهم من نتائج الفريق.") == []


def test_via_before_the_verb_is_no_cue(kit, extractor) -> None:
    body = "ونشرت الوزيرة عبر حسابها تغريدة عبرت فيها عن أملها في أن ينجح الموسم."
    (claim,) = _claims(kit, extractor, body)
    assert claim.cue == "عبرت"
    assert "حسابها" not in claim.speaker.text
    assert claim.text == "ينجح الموسم"


# ---- holding someone responsible is an accusation --------------------------------------------
def test_holding_an_object_responsible_is_an_accusation(kit, extractor) -> None:
    body = "وحمّلت رابطة الأهالي السلطات المحلية مسؤولية سلامة المعتقلين."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "رابطة الأهالي"
    assert claim.stance is Stance.ACCUSE
    assert claim.text == "السلطات المحلية مسؤولية سلامة المعتقلين"


def test_responsibility_right_after_the_speaker_goes_to_the_one_named_after(kit, extractor) -> None:
    body = "وحملت الحكومة المسؤولية للشركة المشغلة للمصنع."
    (claim,) = _claims(kit, extractor, body)
    assert claim.speaker.text == "الحكومة"
    assert claim.text == "المسؤولية للشركة المشغلة للمصنع"


def test_carrying_is_no_accusation(kit, extractor) -> None:
    assert _claims(kit, extractor, "وحمل المتظاهرون لافتات كتب عليها اسم القرية.") == []
    assert _claims(kit, extractor, "ويحمل الفريق مسؤولية كبيرة هذا الموسم.") == []


# ---- the journalist's framing after what was said is not part of it --------------------------
def test_in_a_step_that_ends_an_announcement(kit, extractor) -> None:
    body = "أعلن النادي تعيين مدرب جديد، في خطوة تأتي بعد ثلاث هزائم متتالية."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "تعيين مدرب جديد"


def test_as_he_put_it_ends_what_was_said(kit, extractor) -> None:
    body = "وكشف المستشار عن فرص عمل كثيرة للشباب على حد تعبيره، برعاية الحكومة."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "فرص عمل كثيرة للشباب"


def test_which_is_a_number_is_the_journalists_apposition(kit, extractor) -> None:
    body = "وأعلنت الشرطة توقيف 40 شخصا، وهو عدد أقل من التقديرات الأولى."
    (claim,) = _claims(kit, extractor, body)
    assert claim.text == "توقيف 40 شخصا"


# ---- reporting verbs the lexicon lacked ------------------------------------------------------
def test_reported_claimed_discovered_and_recommended(kit, extractor) -> None:
    cases = {
        "وأوردت الصحيفة أن الرئيس قرر تمديد الإعفاءات.": ("الصحيفة", Stance.ASSERT),
        "وادعت الممثلة حينها أن الشخصية مستوحاة منها.": ("الممثلة", Stance.ASSERT),
        "واكتشفت دراسة حديثة أن الأقفال يمكن اختراقها بسهولة.": ("دراسة حديثة", Stance.ASSERT),
        "وأوصت اللجنة بإلغاء عقوبة الإعدام.": ("اللجنة", Stance.CALL),
    }
    for body, (speaker, stance) in cases.items():
        (claim,) = _claims(kit, extractor, body)
        assert (claim.speaker.text, claim.stance) == (speaker, stance), body


def test_a_discovery_without_a_clause_is_an_event(kit, extractor) -> None:
    assert _claims(kit, extractor, "واكتشف العلماء كوكبا جديدا قرب الشمس.") == []


# ---- a role description refers to the person it introduced ---------------------------------
FAHD = [("عابد فهد", Label.PERSON, "Q2", "عابد فهد")]


def test_a_role_refers_to_the_name_it_introduced(kit, extractor) -> None:
    body = (
        "التقى الممثل السوري القدير عابد فهد بالصحفيين في دمشق. "
        "وأشار الممثل إلى أن المسلسل حل في المرتبة الأولى."
    )
    (claim,) = _claims(kit, extractor, body, FAHD)
    assert claim.speaker.text == "الممثل"
    assert claim.speaker.entity_id == "Q2"


def test_a_name_after_a_day_is_the_verbs_object_not_the_role(kit, extractor) -> None:
    body = (
        "كرّم الممثل، الخميس، عابد فهد في حفل بدمشق. "
        "وأشار الممثل إلى أن المسلسل حل في المرتبة الأولى."
    )
    (claim,) = _claims(kit, extractor, body, FAHD)
    assert claim.speaker.entity_id is None
