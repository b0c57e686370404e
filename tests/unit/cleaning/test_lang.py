"""Article and paragraph language."""

import importlib.util

import pytest

from workers.core.lang import LanguageDetector, detect_language

HAS_MODEL = any(
    importlib.util.find_spec(m) is not None for m in ("fasttext", "py3langid", "lingua")
)
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="no statistical language model installed")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("أعلنت الحكومة اليوم عن خطة جديدة لدعم الشركات الناشئة في قطاع التكنولوجيا", "ar"),
        ("The central bank kept its benchmark rate unchanged on Wednesday.", "en"),
        pytest.param(
            "Le gouvernement a annoncé mardi une hausse du salaire minimum.",
            "fr",
            marks=needs_model,
        ),
        ("دولت روز سه‌شنبه از افزایش حداقل دستمزد کارگران خبر داد.", "fa"),
        ("حکومت نے منگل کو پٹرول کی قیمتوں میں کمی کا اعلان کیا۔", "ur"),
        ("Share", "und"),
        ("12:45", "und"),
        ("Talks with Mohammed bin Salman (محمد بن سلمان) ended on Tuesday evening.", "en"),
    ],
)
def test_detect(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_script_backend_needs_no_model() -> None:
    d = LanguageDetector("script")
    assert d.detect("أعلنت الحكومة اليوم عن خطة جديدة") == "ar"
    assert d.detect("The central bank kept its rate unchanged.") == "en"


def test_paragraphs_too_short_take_the_default() -> None:
    d = LanguageDetector()
    assert d.detect_paragraphs(
        ["أعلنت الحكومة اليوم عن خطة جديدة", "OK", "Hello there, world!"], default="ar"
    ) == ["ar", "ar", "en"]
