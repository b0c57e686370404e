"""Turn raw bytes from a topic, a file or the HTTP API into a validated ``RawArticle``.

Every failure raises ``RejectedInput`` with a specific reason; nothing here touches Kafka.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import ValidationError

from schemas.models import MAX_TITLE_CHARS, SCHEMA_VERSION, RawArticle, RejectReason
from workers.core.errors import RejectedInput
from workers.core.ids import article_id

_CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 13}


def looks_binary(payload: bytes) -> bool:
    """NUL bytes, or many control bytes in the first 4 KiB, mean this is not text."""
    head = payload[:4096]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    return bool(head) and controls / len(head) > 0.05


def decode_payload(payload: bytes, max_bytes: int) -> dict[str, Any]:
    """Bytes → JSON object, with a specific reason for each way it can fail."""
    if len(payload) > max_bytes:
        raise RejectedInput(
            RejectReason.OVERSIZE, f"payload is {len(payload)} bytes; the limit is {max_bytes}"
        )
    if looks_binary(payload):
        raise RejectedInput(RejectReason.BINARY_PAYLOAD, "payload is binary, not UTF-8 JSON text")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RejectedInput(
            RejectReason.INVALID_UTF8, f"payload is not valid UTF-8 at byte {exc.start}"
        ) from exc
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise RejectedInput(RejectReason.INVALID_JSON, f"payload is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise RejectedInput(
            RejectReason.SCHEMA_VALIDATION,
            f"payload must be a JSON object, got {type(data).__name__}",
        )
    return data


def validate_raw(data: dict[str, Any]) -> RawArticle:
    version = data.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise RejectedInput(
            RejectReason.UNSUPPORTED_SCHEMA_VERSION,
            f"schema_version {version!r} is not supported (this worker reads {SCHEMA_VERSION})",
            article_id=_maybe_id(data),
        )
    try:
        return RawArticle.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        if any("neither text nor html" in str(e.get("msg", "")) for e in errors):
            raise RejectedInput(
                RejectReason.MISSING_CONTENT,
                "article has neither text nor html",
                article_id=_maybe_id(data),
            ) from exc
        if any(e["loc"] == ("title",) and e["type"] == "string_too_long" for e in errors):
            raise RejectedInput(
                RejectReason.TITLE_TOO_LONG,
                f"title is {len(data['title'])} characters; the limit is {MAX_TITLE_CHARS}",
                _maybe_id(data),
            ) from exc
        detail = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '<root>'}: {e['msg']}" for e in errors[:5]
        )
        raise RejectedInput(
            RejectReason.SCHEMA_VALIDATION, f"invalid RawArticle: {detail}", _maybe_id(data)
        ) from exc


def _maybe_id(data: dict[str, Any]) -> str | None:
    value = data.get("id")
    return value if isinstance(value, str) else None


def with_defaults(raw: RawArticle, received_at: datetime | None = None) -> RawArticle:
    """Fill id, fetched_at and version so every later stage and replay agrees on them."""
    fetched = raw.fetched_at or received_at or datetime.now(UTC)
    if fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=UTC)
    version = raw.version if raw.version is not None else int(fetched.timestamp() * 1_000_000)
    ident = article_id(raw.id, raw.url, raw.title, raw.text or raw.html or "")
    return raw.model_copy(update={"id": ident, "fetched_at": fetched, "version": version})


def parse_raw(payload: bytes, max_bytes: int, received_at: datetime | None = None) -> RawArticle:
    return with_defaults(validate_raw(decode_payload(payload, max_bytes)), received_at)
