"""Build DeadLetter records: the original payload is always kept, base64 when not UTF-8."""

from __future__ import annotations

import base64
from typing import Literal

from schemas.models import DeadLetter, RejectReason
from workers.core.errors import RejectedInput

Stage = Literal["ingest", "clean", "extract", "index"]


def encode_payload(payload: bytes | str) -> tuple[str, Literal["utf-8", "base64"]]:
    if isinstance(payload, str):
        return payload, "utf-8"
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return base64.b64encode(payload).decode("ascii"), "base64"
    if "\x00" in text:
        return base64.b64encode(payload).decode("ascii"), "base64"
    return text, "utf-8"


def decode_payload(letter: DeadLetter) -> bytes:
    if letter.payload_encoding == "base64":
        return base64.b64decode(letter.payload)
    return letter.payload.encode("utf-8")


def dead_letter(
    stage: Stage,
    payload: bytes | str,
    error: BaseException,
    *,
    article_id: str | None = None,
    origin: tuple[str, int, int] | None = None,
    reason: RejectReason | None = None,
) -> DeadLetter:
    """A DeadLetter for ``error`` at ``stage``; RejectedInput carries its own reason."""
    if isinstance(error, RejectedInput):
        reason = reason or error.reason
        article_id = article_id or error.article_id
        message = error.message
    else:
        reason = reason or RejectReason.PROCESSING_ERROR
        message = str(error) or type(error).__name__
    text, encoding = encode_payload(payload)
    topic, partition, offset = origin if origin else (None, None, None)
    return DeadLetter(
        stage=stage,
        reason=reason,
        error_type=type(error).__name__,
        message=message[:4000],
        article_id=article_id,
        payload=text,
        payload_encoding=encoding,
        origin_topic=topic,
        origin_partition=partition,
        origin_offset=offset,
    )
