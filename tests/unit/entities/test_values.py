"""Dates, money, percentages and quantities: found in both scripts, with canonical ids that
link the same value across languages, and narrow enough not to take verbs or counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from schemas.models import Entity, Label, TextField
from workers.core.entities.extractor import RuleEntityExtractor
from workers.core.entities.kb import KnowledgeBase
from workers.core.entities.spans import FieldText
from workers.core.entities.values import ValueFinder, parse_number

from .conftest import make_article


def values(text: str) -> list[tuple[str, str, str]]:
    """(text as written, label, canonical id) of every value in ``text``."""
    field = FieldText(TextField.BODY, text)
    return [(text[m.start : m.end], m.label.value, m.entity_id) for m in ValueFinder().find(field)]


def test_the_same_date_written_in_arabic_and_english_gets_one_id() -> None:
    english = values("The pact was signed on June 19, 2024 in Pyongyang.")
    arabic = values("وُقّع الاتفاق في 19 يونيو 2024 في بيونغ يانغ.")
    levantine = values("ووقع الاتفاق في 19 حزيران/يونيو 2024.")
    assert english == [("June 19, 2024", "DATE", "date:2024-06-19")]
    assert arabic == [("19 يونيو 2024", "DATE", "date:2024-06-19")]
    assert levantine == [("19 حزيران/يونيو 2024", "DATE", "date:2024-06-19")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks resume on 3rd of March 2025.", ("3rd of March 2025", "date:2025-03-03")),
        ("The law took effect in July 2023.", ("July 2023", "date:2023-07")),
        ("Prices have fallen since December.", ("December", "date:--12")),
        ("Deliveries start Sept. 3, officials said.", ("Sept. 3", "date:--09-03")),
        ("The figure doubled in 2022 alone.", ("2022", "date:2022")),
        ("The report is dated 2024-11-05.", ("2024-11-05", "date:2024-11-05")),
        ("تراجع التضخم في يوليو بعد زيادة الفائدة.", ("يوليو", "date:--07")),
        ("ارتفعت الصادرات عام 2023 بشكل ملحوظ.", ("عام 2023", "date:2023")),
        ("وقال المتحدث يوم الأربعاء إن المفاوضات مستمرة.", ("يوم الأربعاء", "date:wednesday")),
        ("أعلن الجيش، الثلاثاء، أنه أسقط مسيرات.", ("الثلاثاء", "date:tuesday")),
        ("The minister resigned on Friday.", ("Friday", "date:friday")),
    ],
)
def test_dates(text: str, expected: tuple[str, str]) -> None:
    assert values(text) == [(expected[0], "DATE", expected[1])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They pledged $5 billion in aid.", ("$5 billion", "money:USD:5000000000")),
        ("تعهدوا بتقديم 5 مليارات دولار مساعدات.", ("5 مليارات دولار", "money:USD:5000000000")),
        ("Brent settled at $72.40 a barrel.", ("$72.40", "money:USD:72.4")),
        ("بلغ سعر خام برنت 86 دولارا للبرميل.", ("86 دولارا", "money:USD:86")),
        ("The fund holds 300 million euros.", ("300 million euros", "money:EUR:300000000")),
        (
            "خصصت الحكومة 200 مليون جنيه إسترليني.",
            ("200 مليون جنيه إسترليني", "money:GBP:200000000"),
        ),
        ("وقدمت قطر قرضا بـ7 مليارات ريال قطري.", ("7 مليارات ريال قطري", "money:QAR:7000000000")),
    ],
)
def test_money_gets_a_currency_code_and_an_exact_amount(
    text: str, expected: tuple[str, str]
) -> None:
    assert values(text) == [(expected[0], "MONEY", expected[1])]


def test_percentages_and_quantities_in_both_scripts() -> None:
    assert values("Inflation slowed to 2.2% in the quarter.") == [
        ("2.2%", "PERCENT", "percent:2.2")
    ]
    assert values("ارتفع التضخم إلى 25,7 في المئة.") == [
        ("25,7 في المئة", "PERCENT", "percent:25.7")
    ]
    assert values("The missile flew about 1,000 km.") == [
        ("1,000 km", "QUANTITY", "quantity:km:1000")
    ]
    assert values("بطاقة تبلغ 150 ألف متر مكعب يوميا.") == [
        ("150 ألف متر مكعب", "QUANTITY", "quantity:m3:150000")
    ]
    assert values("The reserve covers 2,400 square kilometres.") == [
        ("2,400 square kilometres", "QUANTITY", "quantity:km2:2400")
    ]
    assert values("يبلغ طول الخط ١٢٠٠ كيلومتر.") == [
        ("١٢٠٠ كيلومتر", "QUANTITY", "quantity:km:1200")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Officials may 5 times reconsider.",  # "may" the verb
        "Protesters march 5 miles to the square every week.",  # a distance, not a date
        "مارس الضغط على الحكومة لسنوات.",  # مارس the verb (exercised)
        "The army shot down 38 drones and 142,000 people fled.",  # counts are not values here
        "The 2020-2021 season was cancelled in part.",  # a range, not the year 2020
        "صلاة الجمعة أقيمت في المسجد.",  # Friday prayer, no date meant
    ],
)
def test_verbs_counts_and_ranges_are_not_values(text: str) -> None:
    found = values(text)
    assert all(label != "DATE" for _, label, _ in found), found
    if "miles" in text:
        assert found == [("5 miles", "QUANTITY", "quantity:mi:5")]
    else:
        assert found == []


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("1,200.5", "1200.5"),
        ("3,5", "3.5"),
        ("١٢٫٥", "12.5"),
        ("12,000,000", "12000000"),
        ("7", "7"),
    ],
)
def test_parse_number_reads_separators_and_arabic_indic_digits(written: str, number: str) -> None:
    assert parse_number(written) == Decimal(number)


def test_values_do_not_become_names_and_names_survive_beside_them(kb: KnowledgeBase) -> None:
    extractor = RuleEntityExtractor(kb)
    article = make_article(
        "Talks in Moscow",
        "On June 19, 2024, Vladimir Putin signed a pact worth $2 billion with Kim Jong Un.",
        "en",
    )
    entities: list[Entity] = extractor(article)
    by_label = {(e.text, e.label) for e in entities}
    assert ("June 19, 2024", Label.DATE) in by_label
    assert ("$2 billion", Label.MONEY) in by_label
    assert ("Vladimir Putin", Label.PERSON) in by_label
    assert not any(e.label == Label.PERSON and "June" in e.text for e in entities)


def test_letters_the_pattern_folds_still_find_their_value() -> None:
    """``re`` matches ſ, K (Kelvin sign) and ı case-insensitively; the lookup must too, or
    scraped text with them crashes the stage."""
    assert values("The vote is on ſunday.") == [("ſunday", "DATE", "date:sunday")]
    assert values("Signed on June 19, 2024 and ratified on ſeptember 2, 2024.")[1][2] == (
        "date:2024-09-02"
    )
    found = values("It raised 4 bıllion dollars and 12 \u212am of road.")
    assert found and all(label in {"MONEY", "QUANTITY"} for _, label, _ in found)
