"""Every way a raw payload can be bad gets its own reason; good ones get stable defaults."""

from datetime import UTC, datetime

import orjson
import pytest

from schemas.models import RejectReason
from workers.core.errors import RejectedInput
from workers.core.ingest import parse_raw

LIMIT = 10_000


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"{not json", RejectReason.INVALID_JSON),
        (b'\xff\xfe{"text": "x"}', RejectReason.INVALID_UTF8),
        (b"\x00\x01\x02\x03binary", RejectReason.BINARY_PAYLOAD),
        (b"[1, 2]", RejectReason.SCHEMA_VALIDATION),
        (b'{"title": "only a title"}', RejectReason.MISSING_CONTENT),
        (b'{"text": "   ", "html": ""}', RejectReason.MISSING_CONTENT),
        (b'{"text": 42}', RejectReason.SCHEMA_VALIDATION),
        (b'{"text": "x", "schema_version": 7}', RejectReason.UNSUPPORTED_SCHEMA_VERSION),
        (b'{"text": "' + b"a" * LIMIT + b'"}', RejectReason.OVERSIZE),
    ],
)
def test_bad_payloads_are_rejected_with_a_specific_reason(
    payload: bytes, reason: RejectReason
) -> None:
    with pytest.raises(RejectedInput) as caught:
        parse_raw(payload, LIMIT)
    assert caught.value.reason == reason
    assert caught.value.message


def test_id_prefers_given_then_url_then_content() -> None:
    given = parse_raw(orjson.dumps({"id": "a-1", "url": "https://x.org/a", "text": "t"}), LIMIT)
    by_url = parse_raw(
        orjson.dumps({"url": "https://www.X.org/a/?utm_source=z#top", "text": "t"}), LIMIT
    )
    same_url = parse_raw(orjson.dumps({"url": "http://x.org/a", "text": "other"}), LIMIT)
    by_content = parse_raw(orjson.dumps({"text": "Same   words"}), LIMIT)
    same_content = parse_raw(orjson.dumps({"text": "same words"}), LIMIT)
    assert given.id == "a-1"
    assert by_url.id == same_url.id and by_url.id.startswith("url-")
    assert by_content.id == same_content.id and by_content.id.startswith("content-")


def test_version_defaults_to_receipt_time_so_redeliveries_agree() -> None:
    received = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    payload = orjson.dumps({"text": "body text"})
    first, again = parse_raw(payload, LIMIT, received), parse_raw(payload, LIMIT, received)
    assert first.version == again.version == int(received.timestamp() * 1_000_000)
    explicit = parse_raw(orjson.dumps({"text": "b", "version": 5}), LIMIT, received)
    assert explicit.version == 5
