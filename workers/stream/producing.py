"""Publish inputs to the raw topic, keyed by article id so one article always lands on one
partition. Records that cannot be parsed are still published (unkeyed): the worker dead-letters
them with the reason, which keeps one validation path.

Backfill: inputs stream (a large ``.jsonl.gz`` is never held in memory) and go out in chunks;
``limit`` stops after that many records and ``rate`` paces them (records per second, to replay
a feed for a demo or a benchmark). A field map renames a foreign record's fields before it is
published, so the workers read it without a map of their own.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import orjson

from workers.core.errors import RejectedInput
from workers.core.fieldmap import apply_field_map
from workers.core.ingest import parse_raw
from workers.core.inputs import InputRecord, read_inputs
from workers.settings import Settings
from workers.stream.kafka import ensure_topics, producer, send_all

CHUNK = 1000
"""Records handed to Kafka at once when not paced (also the in-flight window)."""


class ProduceError(RuntimeError):
    """Some records were never acknowledged by Kafka (after retries)."""


@dataclass
class ProduceProgress:
    """Callbacks for a progress display: bytes of input read, records acknowledged."""

    on_bytes: Callable[[int], None] | None = None
    on_records: Callable[[int], None] | None = None


def record_key(payload: bytes, max_bytes: int) -> bytes | None:
    try:
        return (parse_raw(payload, max_bytes).id or "").encode() or None
    except RejectedInput:
        return None


def mapped_payload(payload: bytes, field_map: Mapping[str, str]) -> bytes:
    """The payload with the field map applied; anything that is not a JSON object is left as
    it is (the worker dead-letters it with the reason)."""
    if not field_map:
        return payload
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return payload
    if not isinstance(data, dict):
        return payload
    return orjson.dumps(apply_field_map(data, field_map))


def chunk_size(rate: float | None) -> int:
    """Paced runs send about ten chunks a second, so the pace is smooth."""
    if rate is None:
        return CHUNK
    return max(1, min(CHUNK, int(rate / 10)))


async def produce_inputs(
    paths: Iterable[Path],
    settings: Settings,
    *,
    field_map: Mapping[str, str] | None = None,
    limit: int | None = None,
    rate: float | None = None,
    progress: ProduceProgress | None = None,
) -> int:
    """Publish every input (or the first ``limit``); transient failures (a restarting broker)
    are retried. Returns the number published, or raises ``ProduceError`` naming the inputs
    Kafka never acknowledged (publishing them again is harmless: versions make replays
    no-ops)."""
    if rate is not None and rate <= 0:
        raise ValueError("rate must be a positive number of records per second")
    mapping = field_map if field_map is not None else settings.ingest.field_map
    max_bytes = settings.processing.max_input_bytes
    watch = progress or ProduceProgress()
    records: Iterable[InputRecord] = read_inputs(paths, watch.on_bytes)
    if limit is not None:
        records = itertools.islice(records, limit)
    await ensure_topics(settings.kafka)
    topic = settings.kafka.topic("raw")
    size = chunk_size(rate)
    sent = 0
    failed: list[tuple[str, str]] = []
    started = time.monotonic()
    async with producer(settings.kafka) as instance:
        iterator = iter(records)
        while chunk := list(itertools.islice(iterator, size)):
            if rate is not None:  # send record n at started + n / rate
                delay = started + sent / rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            keyed = []
            for record in chunk:
                payload = mapped_payload(record.payload, mapping)
                keyed.append((record_key(payload, max_bytes), payload))
            report = await send_all(instance, topic, keyed, window=size)
            failed += [(chunk[i].origin, error) for i, error in report.failed]
            sent += len(chunk)
            if watch.on_records:
                watch.on_records(len(chunk) - len(report.failed))
    if failed:
        origins = ", ".join(origin for origin, _ in failed[:5])
        raise ProduceError(
            f"{len(failed)} of {sent} records were not acknowledged by Kafka "
            f"({failed[0][1]}), e.g. {origins}; the others were published"
        )
    return sent
