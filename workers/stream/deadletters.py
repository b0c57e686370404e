"""Read and replay the dead-letter topic.

Delivery is at-least-once, so an input redelivered after a crash can be dead-lettered twice.
A letter is identified by the input record it came from (origin topic, partition, offset):
readers keep the first letter of each origin, so ``dlq show`` lists and ``dlq replay``
republishes every bad input exactly once. A later stage's input can itself be written twice
(a worker killed after producing a clean record and before committing its raw input cleans it
again, at a new offset): there a letter is the article version that failed the stage.
"""

from __future__ import annotations

import time

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition

from schemas.models import DeadLetter
from workers.core.deadletter import decode_payload
from workers.settings import Settings
from workers.stream.kafka import (
    client_options,
    ensure_topics,
    producer,
    send_with_retry,
    topic_partitions,
)


def letter_identity(letter: DeadLetter) -> tuple[object, ...] | None:
    if letter.origin_topic is None:
        return None  # written outside the stream (batch mode): no redelivery to collapse
    if letter.stage in LATER_STAGES and letter.article_id is not None:
        version = _payload_version(letter)
        if version is not None:
            return (letter.stage, letter.reason.value, letter.article_id, version)
    return (letter.origin_topic, letter.origin_partition, letter.origin_offset)


LATER_STAGES = frozenset({"extract", "index"})
"""Stages whose input is our own record (clean, enriched), which a redelivery upstream can
write twice at different offsets."""


def _payload_version(letter: DeadLetter) -> int | None:
    try:
        record = orjson.loads(decode_payload(letter))
    except orjson.JSONDecodeError:
        return None
    version = record.get("version") if isinstance(record, dict) else None
    return version if isinstance(version, int) else None


async def read_dead_letters(
    settings: Settings,
    limit: int = 100,
    reason: str | None = None,
    timeout: float = 30,
    unique: bool = True,
) -> list[tuple[int, DeadLetter]]:
    """Dead letters currently in the topic (up to ``limit``), in partition order; reading stops
    at the end offsets seen at start, or after ``timeout`` seconds. With ``unique``, a letter
    written again for the same input record (a redelivery) is skipped."""
    await ensure_topics(settings.kafka, ["dlq"])
    topic = settings.kafka.topic("dlq")
    consumer = AIOKafkaConsumer(
        **client_options(settings.kafka), enable_auto_commit=False, group_id=None
    )
    await consumer.start()
    letters: list[tuple[int, DeadLetter]] = []
    seen: set[tuple[object, ...]] = set()
    try:
        partitions = [
            TopicPartition(topic, p) for p in await topic_partitions(settings.kafka, topic)
        ]
        if not partitions:
            return []
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        end = await consumer.end_offsets(partitions)
        remaining = {tp for tp in partitions if end[tp] > 0}
        deadline = time.monotonic() + timeout
        while remaining and len(letters) < limit and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500, max_records=500)
            for tp, messages in batch.items():
                for message in messages:
                    letter = DeadLetter.model_validate_json(message.value or b"{}")
                    identity = letter_identity(letter)
                    repeated = identity is not None and identity in seen
                    if identity is not None:
                        seen.add(identity)
                    if (not unique or not repeated) and (
                        reason is None or letter.reason.value == reason
                    ):
                        letters.append((message.offset, letter))
                    if message.offset + 1 >= end[tp]:
                        remaining.discard(tp)
    finally:
        await consumer.stop()
    return letters[:limit]


async def replay_dead_letters(
    settings: Settings, reason: str | None = None, limit: int = 100_000
) -> int:
    letters = await read_dead_letters(settings, limit=limit, reason=reason)
    topic = settings.kafka.topic("raw")
    async with producer(settings.kafka) as instance:
        for _, letter in letters:
            key = letter.article_id.encode() if letter.article_id else None
            await send_with_retry(instance, topic, key, decode_payload(letter))
    return len(letters)
