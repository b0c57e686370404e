"""Publish inputs to the raw topic, keyed by article id so one article always lands on one
partition. Records that cannot be parsed are still published (unkeyed): the worker dead-letters
them with the reason, which keeps one validation path."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from workers.core.errors import RejectedInput
from workers.core.ingest import parse_raw
from workers.core.inputs import read_inputs
from workers.settings import Settings
from workers.stream.kafka import ensure_topics, producer, send_all


class ProduceError(RuntimeError):
    """Some records were never acknowledged by Kafka (after retries)."""


def record_key(payload: bytes, max_bytes: int) -> bytes | None:
    try:
        return (parse_raw(payload, max_bytes).id or "").encode() or None
    except RejectedInput:
        return None


async def produce_inputs(paths: Iterable[Path], settings: Settings) -> int:
    """Publish every input; transient failures (a restarting broker) are retried. Returns the
    number published, or raises ``ProduceError`` naming the inputs Kafka never acknowledged
    (publishing them again is harmless: versions make replays no-ops)."""
    records = list(read_inputs(paths))
    await ensure_topics(settings.kafka)
    topic = settings.kafka.topic("raw")
    keyed = [
        (record_key(r.payload, settings.processing.max_input_bytes), r.payload) for r in records
    ]
    async with producer(settings.kafka) as instance:
        report = await send_all(instance, topic, keyed)
    if report.failed:
        origins = ", ".join(records[i].origin for i, _ in report.failed[:5])
        raise ProduceError(
            f"{len(report.failed)} of {len(records)} records were not acknowledged by Kafka "
            f"({report.failed[0][1]}), e.g. {origins}; the others were published"
        )
    return len(records)
