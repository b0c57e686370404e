"""Read and replay the dead-letter topic."""

from __future__ import annotations

import time

from aiokafka import AIOKafkaConsumer, TopicPartition

from schemas.models import DeadLetter
from workers.core.deadletter import decode_payload
from workers.kafka import (
    client_options,
    ensure_topics,
    producer,
    send_with_retry,
    topic_partitions,
)
from workers.settings import Settings


async def read_dead_letters(
    settings: Settings, limit: int = 100, reason: str | None = None, timeout: float = 30
) -> list[tuple[int, DeadLetter]]:
    """Dead letters currently in the topic (up to ``limit``), in partition order; reading stops
    at the end offsets seen at start, or after ``timeout`` seconds."""
    await ensure_topics(settings.kafka, ["dlq"])
    topic = settings.kafka.topic("dlq")
    consumer = AIOKafkaConsumer(
        **client_options(settings.kafka), enable_auto_commit=False, group_id=None
    )
    await consumer.start()
    letters: list[tuple[int, DeadLetter]] = []
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
                    if reason is None or letter.reason.value == reason:
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
