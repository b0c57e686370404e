"""Display form stays faithful; matching form unifies what should match."""

import re

import pytest

from workers.core.text import (
    match_form,
    match_form_with_offsets,
    normalize_display,
)

ARABIC = "السلام عليكم ورحمة الله، مرحبا؟"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252", "cp1256"])
def test_arabic_mojibake_is_repaired(codec: str) -> None:
    import ftfy.bad_codecs  # noqa: F401

    broken = ARABIC.encode("utf-8").decode("sloppy-windows-1252" if codec == "cp1252" else codec)
    assert broken != ARABIC
    assert normalize_display(broken) == ARABIC


def test_english_mojibake_and_entities_are_repaired() -> None:
    assert normalize_display("The companyâ€™s naÃ¯ve l&#8217;idée") == "The company’s naïve l’idée"


def test_invisible_characters_go_and_spaces_unify() -> None:
    text = "a\u200bb\u00a0c\u2009d\u200fe\ufeff  f\r\ng\tz\u00adz"
    assert normalize_display(text) == "ab c de f\ng zz"


def test_display_keeps_quotes_diacritics_digits_and_persian_zwnj() -> None:
    text = "«قالَ» “hello” — ١٢٣ می\u200cخواهم"
    assert normalize_display(text) == text


def test_presentation_forms_become_letters() -> None:
    assert normalize_display("ﺍﻟﺴﻼﻡ") == "السلام"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("أحمد", "احمد"),
        ("إسرائيل", "اسراييل"),
        ("آمال", "امال"),
        ("مسؤول", "مسوول"),
        ("مدرسة", "مدرسه"),
        ("مستشفى", "مستشفي"),
        ("الْعَرَبِيَّةُ", "العربيه"),
        ("عـــاجل", "عاجل"),
        ("٢٠٢٤", "2024"),
        ("«خبر»", '"خبر"'),
        ("“news”", '"news"'),
        ("2020–2024", "2020-2024"),
        ("NEWS", "news"),
        ("پ\u200cکی", "پكي"),
    ],
)
def test_match_form_unifies(a: str, b: str) -> None:
    assert match_form(a) == b


@pytest.mark.parametrize(
    "text",
    ["قالَ  «أحمد»\n\tإنّ ١٢٣", "ﻻ ﺍﻟﺴﻼﻡ", "x\u200by  z", "Straße ﬁ", ARABIC],
)
def test_offsets_form_agrees_with_match_form(text: str) -> None:
    norm, offsets = match_form_with_offsets(text)
    assert re.sub(r"\s+", " ", norm).strip() == match_form(text)
    assert len(offsets) == len(norm)
    assert offsets == sorted(offsets)
