"""Records shaped like real feeds and crawlers are accepted and normalized on the way in; what
is still rejected says which field, what it got and what it expected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import orjson
import pytest

from schemas.models import RawArticle, RejectReason
from workers.core.errors import RejectedInput
from workers.core.ingest import parse_raw

LIMIT = 100_000
BODY = "The harbour authority approved plans for a new ferry terminal on Monday, its chairman said."


def parse(**fields: object) -> RawArticle:
    return parse_raw(orjson.dumps({"text": BODY, **fields}), LIMIT)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # RFC 2822, as RSS sends it
        (
            "Sat, 31 Mar 2018 11:39:55 +0400",
            datetime(2018, 3, 31, 11, 39, 55, tzinfo=timezone(timedelta(hours=4))),
        ),
        ("Sat, 31 Mar 2018 07:39:55 GMT", datetime(2018, 3, 31, 7, 39, 55, tzinfo=UTC)),
        # ISO 8601 with zone, with Z, without zone (UTC), date only
        (
            "2018-03-31T11:39:55+04:00",
            datetime(2018, 3, 31, 11, 39, 55, tzinfo=timezone(timedelta(hours=4))),
        ),
        ("2018-03-31T07:39:55Z", datetime(2018, 3, 31, 7, 39, 55, tzinfo=UTC)),
        ("2018-03-31T07:39:55.250", datetime(2018, 3, 31, 7, 39, 55, 250000, tzinfo=UTC)),
        ("2018-03-31 07:39", datetime(2018, 3, 31, 7, 39, tzinfo=UTC)),
        ("2018-03-31", datetime(2018, 3, 31, tzinfo=UTC)),
        ("20180331", datetime(2018, 3, 31, tzinfo=UTC)),
        # epoch seconds and milliseconds, as numbers and as strings
        (1522481995, datetime(2018, 3, 31, 7, 39, 55, tzinfo=UTC)),
        (1522481995.5, datetime(2018, 3, 31, 7, 39, 55, 500000, tzinfo=UTC)),
        (1522481995000, datetime(2018, 3, 31, 7, 39, 55, tzinfo=UTC)),
        ("1522481995000", datetime(2018, 3, 31, 7, 39, 55, tzinfo=UTC)),
        # news forms the text date parser reads
        ("31 March 2018 11:39", datetime(2018, 3, 31, 11, 39, tzinfo=UTC)),
        ("March 31, 2018 11:39 pm", datetime(2018, 3, 31, 23, 39, tzinfo=UTC)),
        ("31/03/2018", datetime(2018, 3, 31, tzinfo=UTC)),
        ("31 آذار 2018", datetime(2018, 3, 31, tzinfo=UTC)),
        ("السبت ٣١ مارس ٢٠١٨", datetime(2018, 3, 31, tzinfo=UTC)),
    ],
)
def test_published_at_in_every_feed_form(value: object, expected: datetime) -> None:
    published = parse(published_at=value).published_at
    assert published == expected
    assert published is not None and published.utcoffset() == expected.utcoffset()


def test_fetched_at_takes_the_same_forms() -> None:
    raw = parse(fetched_at="Sat, 31 Mar 2018 07:39:55 GMT")
    assert raw.fetched_at == datetime(2018, 3, 31, 7, 39, 55, tzinfo=UTC)
    assert raw.version == int(raw.fetched_at.timestamp() * 1_000_000)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jane Doe", "Jane Doe"),
        (["Jane Doe", "John Roe"], "Jane Doe, John Roe"),
        (["John Roe", "Jane Doe"], "John Roe, Jane Doe"),
        (["Jane Doe", "", None, "Jane Doe"], "Jane Doe"),
        (
            [{"name": "Jane Doe", "url": "https://x.test"}, {"name": "John Roe"}],
            "Jane Doe, John Roe",
        ),
        ([], None),
        ("  ", None),
        (None, None),
    ],
)
def test_author_as_string_or_list_keeps_order(value: object, expected: str | None) -> None:
    assert parse(author=value).author == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(12345, "12345"), (12345.0, "12345"), ("a-1", "a-1"), (" b ", "b")]
)
def test_id_as_string_or_number(value: object, expected: str) -> None:
    assert parse(id=value).id == expected


def test_metadata_is_any_json_object_kept_as_it_came() -> None:
    metadata = {"tags": ["a", "b"], "score": 3, "nested": {"x": 1, "y": [True, None]}, "n": None}
    assert parse(metadata=metadata).metadata == metadata


def test_null_wherever_a_field_is_optional() -> None:
    raw = parse(
        id=None,
        source=None,
        url=None,
        title=None,
        html=None,
        lang=None,
        author=None,
        published_at=None,
        fetched_at=None,
        version=None,
        metadata=None,
    )
    assert raw.text == BODY and raw.metadata == {} and raw.published_at is None
    assert raw.id and raw.fetched_at is not None and raw.version is not None  # defaults filled


def test_unknown_keys_are_kept_in_metadata_not_dropped() -> None:
    raw = parse(cat="sport", metadata={"category": "sport", "cat": "given"}, extra={"k": [1]})
    assert raw.metadata == {"category": "sport", "cat": "given", "extra": {"k": [1]}}
    assert raw.model_extra == {}


def test_text_as_a_list_of_paragraphs() -> None:
    assert parse(text=["First paragraph.", "Second one."]).text == (
        "First paragraph.\n\nSecond one."
    )


@pytest.mark.parametrize(
    ("fields", "field", "got", "expected"),
    [
        ({"published_at": "sometime soon"}, "published_at", "got string 'sometime soon'", "a date"),
        ({"published_at": True}, "published_at", "got boolean True", "a date"),
        ({"published_at": [2018, 3, 31]}, "published_at", "got array", "a date"),
        ({"author": 42}, "author", "got number 42", "a string, a list of strings"),
        ({"author": [["nested"]]}, "author", "got array", "a string, a list of strings"),
        ({"metadata": "tags=a"}, "metadata", "got string 'tags=a'", "a JSON object"),
        ({"id": {"n": 1}}, "id", "got object", "a string or a number"),
        ({"text": 42}, "text", "got number 42", "a string"),
        ({"version": "new"}, "version", "got string 'new'", "a valid integer"),
        ({"title": ["a", "b"]}, "title", "got array", "a string or null"),
    ],
)
def test_remaining_errors_name_field_type_and_expectation(
    fields: dict[str, object], field: str, got: str, expected: str
) -> None:
    with pytest.raises(RejectedInput) as caught:
        parse(**fields)
    assert caught.value.reason is RejectReason.SCHEMA_VALIDATION
    message = caught.value.message
    assert f"{field}: {got}; expected {expected}" in message, message


def test_missing_content_names_the_keys_that_might_hold_the_text() -> None:
    with pytest.raises(RejectedInput) as caught:
        parse_raw(orjson.dumps({"headline": "A title", "content": "The story."}), LIMIT)
    assert caught.value.reason is RejectReason.MISSING_CONTENT
    assert "content, headline" in caught.value.message and "field_map" in caught.value.message
