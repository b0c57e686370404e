"""Turn raw bytes from a topic, a file or the HTTP API into a validated ``RawArticle``.

The one parser of every entry point (``newsflow process``, ``newsflow produce``, the HTTP API
and the clean stage): decode, apply the field map of foreign records, validate (RawArticle
normalizes the harmless shapes feeds send), fill defaults. Every failure raises
``RejectedInput`` with a specific reason naming the field, the value's type and what was
expected; nothing here touches Kafka.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import ValidationError

from schemas.lenient import json_type
from schemas.models import MAX_TITLE_CHARS, SCHEMA_VERSION, RawArticle, RejectReason
from workers.core.errors import RejectedInput
from workers.core.fieldmap import apply_field_map
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
                "article has neither text nor html" + _unknown_keys_hint(data),
                article_id=_maybe_id(data),
            ) from exc
        if any(e["loc"] == ("title",) and e["type"] == "string_too_long" for e in errors):
            raise RejectedInput(
                RejectReason.TITLE_TOO_LONG,
                f"title is {len(data['title'])} characters; the limit is {MAX_TITLE_CHARS}",
                _maybe_id(data),
            ) from exc
        detail = "; ".join(describe_error(e) for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise RejectedInput(
            RejectReason.SCHEMA_VALIDATION, f"invalid RawArticle: {detail}{more}", _maybe_id(data)
        ) from exc


def describe_error(error: Mapping[str, Any]) -> str:
    """``published_at: got string 'soon'; expected a date: …`` — field, the value's JSON type
    (and a short excerpt) and what would have been accepted."""
    field = ".".join(str(p) for p in error["loc"]) or "<record>"
    message = str(error.get("msg", ""))
    for prefix in ("Value error, ", "Input should be "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    if not message.startswith("expected"):
        message = f"expected {message[:1].lower()}{message[1:]}"
    value = error.get("input")
    if error.get("type") == "missing":
        return f"{field}: missing; {message}"
    shown = repr(value) if not isinstance(value, dict | list) else ""
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"{field}: got {json_type(value)}{' ' + shown if shown else ''}; {message}"


def _unknown_keys_hint(data: Mapping[str, Any]) -> str:
    unknown = sorted(k for k in data if k not in RawArticle.model_fields)
    if not unknown:
        return ""
    return (
        f" (the record has {', '.join(unknown[:8])}: if one of them holds the text, map it "
        "with ingest.field_map / --field-map, e.g. text=" + unknown[0] + ")"
    )


def _maybe_id(data: dict[str, Any]) -> str | None:
    value = data.get("id")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def with_defaults(raw: RawArticle, received_at: datetime | None = None) -> RawArticle:
    """Fill id, fetched_at and version so every later stage and replay agrees on them."""
    fetched = raw.fetched_at or received_at or datetime.now(UTC)
    if fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=UTC)
    version = raw.version if raw.version is not None else int(fetched.timestamp() * 1_000_000)
    ident = article_id(raw.id, raw.url, raw.title, raw.text or raw.html or "")
    return raw.model_copy(update={"id": ident, "fetched_at": fetched, "version": version})


def parse_raw(
    payload: bytes,
    max_bytes: int,
    received_at: datetime | None = None,
    field_map: Mapping[str, str] | None = None,
) -> RawArticle:
    data = decode_payload(payload, max_bytes)
    if field_map:
        data = apply_field_map(data, field_map)
    return with_defaults(validate_raw(data), received_at)
