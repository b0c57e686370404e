"""Bad input is rejected with a specific reason; the cleaner keeps working."""

import pytest

from schemas.models import RejectReason
from workers.core.cleaning import ArticleCleaner, InlineHtmlExtractor
from workers.core.errors import RejectedInput

GOOD = "Title\nThe council approved the budget on Tuesday after a long debate among members."


def _reason(cleaner: ArticleCleaner, raw) -> RejectReason:
    with pytest.raises(RejectedInput) as caught:
        cleaner(raw)
    return caught.value.reason


def test_lone_surrogates_are_invalid_utf8(cleaner, make_raw) -> None:
    assert _reason(cleaner, make_raw(text=GOOD + "\udcff\udcfe")) is RejectReason.INVALID_UTF8


def test_lossy_decoding_is_invalid_utf8(cleaner, make_raw) -> None:
    assert _reason(cleaner, make_raw(text="\ufffd" * 30 + GOOD)) is RejectReason.INVALID_UTF8


def test_non_text_is_binary_payload(cleaner, make_raw) -> None:
    blob = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA" * 20
    assert _reason(cleaner, make_raw(text=blob)) is RejectReason.BINARY_PAYLOAD
    numbers = "\n".join(f"{i}\t{i * 3.14:.2f}\t{i * 7}" for i in range(200))
    assert _reason(cleaner, make_raw(text=numbers)) is RejectReason.BINARY_PAYLOAD


def test_oversize_text(make_raw) -> None:
    small = ArticleCleaner(html_extractor=InlineHtmlExtractor(), max_text_chars=100)
    assert _reason(small, make_raw(text=GOOD * 5)) is RejectReason.OVERSIZE


def test_near_empty_after_cleaning(cleaner, make_raw) -> None:
    assert _reason(cleaner, make_raw(text="Title\nShort.")) is RejectReason.EMPTY_AFTER_CLEANING


def test_cleaner_keeps_working_after_rejections(cleaner, make_raw) -> None:
    for bad in ("\ufffd" * 40, "Title\nx"):
        with pytest.raises(RejectedInput):
            cleaner(make_raw(text=bad))
    assert cleaner(make_raw(text=GOOD)).title == "Title"


def test_html_in_the_text_field_is_extracted(cleaner, make_raw) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Budget approved</title></head><body>"
        "<nav><a href='/'>Home</a><a href='/news'>News</a></nav><article><h1>Budget approved</h1>"
        "<p>The council approved the budget on Tuesday after a long debate among its members, "
        "who argued for hours over the cost of new roads and schools.</p>"
        "<p>The vote was nine to four, with two members absent because of illness.</p>"
        "</article><footer><p>© 2024 Example News</p></footer></body></html>"
    )
    article = cleaner(make_raw(text=page))
    assert article.title == "Budget approved"
    assert "Home" not in article.body and "<p>" not in article.body
    assert "nine to four" in article.body
