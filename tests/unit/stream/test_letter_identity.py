"""Which dead letters readers count as one bad input (``dlq show``, ``dlq replay``)."""

from __future__ import annotations

import orjson

from schemas.models import DeadLetter, RejectReason
from workers.core.deadletter import dead_letter
from workers.stream.deadletters import letter_identity


def _clean_record(version: int, removed_lines: int = 0) -> bytes:
    record = {"id": "a-17", "version": version, "title": "t", "body": "b"}
    return orjson.dumps({**record, "removed_lines": removed_lines})


def _extract_letter(payload: bytes, offset: int) -> DeadLetter:
    return dead_letter(
        "extract",
        payload,
        TimeoutError("extraction took longer than 3 s"),
        article_id="a-17",
        origin=("nf.articles.clean", 2, offset),
        reason=RejectReason.EXTRACTION_TIMEOUT,
    )


def test_a_later_stage_letter_is_the_article_version_whatever_record_carried_it() -> None:
    # The clean record written twice (a redelivery upstream), at two offsets, with a
    # learned-state detail that differs: one bad input.
    first = _extract_letter(_clean_record(3), offset=40)
    again = _extract_letter(_clean_record(3, removed_lines=2), offset=91)
    assert letter_identity(first) == letter_identity(again)


def test_another_version_of_the_article_is_another_letter() -> None:
    old = _extract_letter(_clean_record(3), offset=40)
    new = _extract_letter(_clean_record(4), offset=41)
    assert letter_identity(old) != letter_identity(new)


def test_a_raw_input_letter_is_its_record() -> None:
    def raw(offset: int) -> DeadLetter:
        return dead_letter(
            "ingest",
            b"\xff\xfe not utf-8",
            ValueError("invalid UTF-8"),
            origin=("nf.articles.raw", 0, offset),
            reason=RejectReason.INVALID_UTF8,
        )

    assert letter_identity(raw(5)) == letter_identity(raw(5))
    assert letter_identity(raw(5)) != letter_identity(raw(6))


def test_a_letter_written_outside_the_stream_has_no_identity() -> None:
    letter = dead_letter("clean", b"{}", ValueError("empty"), reason=RejectReason.MISSING_CONTENT)
    assert letter_identity(letter) is None
