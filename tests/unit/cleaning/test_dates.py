"""Publication dates in Arabic and English forms, timezone-aware, never after the fetch."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from workers.core.dates import choose_published_at, find_dates, parse_datetime

REF = datetime(2024, 6, 21, 12, 0, tzinfo=UTC)
AST = timezone(timedelta(hours=3))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الخميس ٢٠ حزيران ٢٠٢٤ - 10:45 م بتوقيت مكة", datetime(2024, 6, 20, 22, 45, tzinfo=AST)),
        ("نشر في 20 يونيو 2024", datetime(2024, 6, 20, tzinfo=UTC)),
        ("20 يونيه 2024", datetime(2024, 6, 20, tzinfo=UTC)),
        ("الأربعاء، 19 جوان 2024", datetime(2024, 6, 19, tzinfo=UTC)),
        ("5 كانون الثاني 2024", datetime(2024, 1, 5, tzinfo=UTC)),
        ("12 تشرين الأول 2023", datetime(2023, 10, 12, tzinfo=UTC)),
        ("١ آب ٢٠٢٤", datetime(2024, 8, 1, tzinfo=UTC)),
        ("3 أيار 2024", datetime(2024, 5, 3, tzinfo=UTC)),
        ("7 دجنبر 2023", datetime(2023, 12, 7, tzinfo=UTC)),
        (
            "Published June 20, 2024 at 3:15 pm EDT",
            datetime(2024, 6, 20, 15, 15, tzinfo=timezone(timedelta(hours=-4))),
        ),
        ("updated 20th of June 2024 10:00 GMT+3", datetime(2024, 6, 20, 10, 0, tzinfo=AST)),
        ("2024-06-20T10:30:00+03:00", datetime(2024, 6, 20, 10, 30, tzinfo=AST)),
        ("20/06/2024 14:05", datetime(2024, 6, 20, 14, 5, tzinfo=UTC)),
        ("06/20/2024", datetime(2024, 6, 20, tzinfo=UTC)),
        ("Jun. 3, 2024", datetime(2024, 6, 3, tzinfo=UTC)),
        ("منذ ساعتين", REF - timedelta(hours=2)),
        ("منذ 3 أيام", REF - timedelta(days=3)),
        ("5 minutes ago", REF - timedelta(minutes=5)),
        ("أمس", datetime(2024, 6, 20, tzinfo=UTC)),
    ],
)
def test_text_dates(text: str, expected: datetime) -> None:
    found = find_dates(text, reference=REF)
    assert found, text
    assert found[0].value == expected
    assert found[0].value.tzinfo is not None


@pytest.mark.parametrize("text", ["في فبراير 2022", "العام 2024", "page 12 of 30", "31/02/2024"])
def test_not_full_dates(text: str) -> None:
    assert find_dates(text, reference=REF) == []


def test_metadata_formats() -> None:
    assert parse_datetime("Thu, 20 Jun 2024 10:00:00 +0300") == datetime(
        2024, 6, 20, 10, tzinfo=AST
    )
    assert parse_datetime("2024-06-20") == datetime(2024, 6, 20, tzinfo=UTC)
    assert parse_datetime("2024-06-20T10:00:00Z") == datetime(2024, 6, 20, 10, tzinfo=UTC)
    assert parse_datetime("garbage") is None


def test_never_after_fetch_time_and_priority_order() -> None:
    fetched = datetime(2024, 6, 21, 8, 0, tzinfo=UTC)
    future = datetime(2024, 7, 1, tzinfo=UTC)
    good = datetime(2024, 6, 20, 9, 0, tzinfo=UTC)
    ancient = datetime(1970, 1, 1, tzinfo=UTC)
    assert choose_published_at([None, future, ancient, good], fetched) == good
    assert choose_published_at([future], fetched) is None
    naive = datetime(2024, 6, 20, 9, 0)
    assert choose_published_at([naive], fetched) == good
