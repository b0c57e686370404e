"""A huge title is its own dead-letter reason, not a generic schema error."""

from __future__ import annotations

import orjson
import pytest

from schemas.models import MAX_TITLE_CHARS, RejectReason
from workers.core.errors import RejectedInput
from workers.core.ingest import parse_raw


def test_title_at_the_limit_is_accepted() -> None:
    raw = parse_raw(orjson.dumps({"title": "t" * MAX_TITLE_CHARS, "text": "body " * 20}), 10**6)
    assert raw.title is not None and len(raw.title) == MAX_TITLE_CHARS


def test_title_over_the_limit_is_rejected_with_its_own_reason() -> None:
    payload = orjson.dumps({"id": "a1", "title": "ع" * (MAX_TITLE_CHARS + 1), "text": "نص " * 20})
    with pytest.raises(RejectedInput) as caught:
        parse_raw(payload, 10**6)
    assert caught.value.reason is RejectReason.TITLE_TOO_LONG
    assert caught.value.article_id == "a1"
    assert str(MAX_TITLE_CHARS + 1) in caught.value.message
