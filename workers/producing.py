"""Publish inputs to the raw topic, keyed by article id so one article always lands on one
partition. Records that cannot be parsed are still published (unkeyed): the worker dead-letters
them with the reason, which keeps one validation path."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from workers.core.errors import RejectedInput
from workers.core.ingest import parse_raw
from workers.inputs import read_inputs
from workers.kafka import ensure_topics, producer, send_with_retry
from workers.settings import Settings


def record_key(payload: bytes, max_bytes: int) -> bytes | None:
    try:
        return (parse_raw(payload, max_bytes).id or "").encode() or None
    except RejectedInput:
        return None


async def produce_inputs(paths: Iterable[Path], settings: Settings) -> int:
    records = list(read_inputs(paths))
    await ensure_topics(settings.kafka)
    topic = settings.kafka.topic("raw")
    async with producer(settings.kafka) as instance:
        for record in records:
            key = record_key(record.payload, settings.processing.max_input_bytes)
            await send_with_retry(instance, topic, key, record.payload)
    return len(records)
