"""Kafka edge: connection options from settings, topic creation, and a retrying producer."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import (
    KafkaConnectionError,
    KafkaError,
    KafkaTimeoutError,
    TopicAlreadyExistsError,
)

from workers.settings import KafkaSettings

log = logging.getLogger(__name__)

STAGE_TOPICS = ("raw", "clean", "enriched", "dlq", "observations")
"""``observations`` carries the clean stage's learned state (read in full by every worker)."""
MAX_MESSAGE_BYTES = 32 * 1024 * 1024
"""Topic and producer limit: above the article size limit (and its base64 dead letter), so
oversize input reaches a worker and is dead-lettered with its reason instead of failing here."""


def ssl_context(settings: KafkaSettings) -> ssl.SSLContext | None:
    if settings.security_protocol not in ("SSL", "SASL_SSL"):
        return None
    return ssl.create_default_context(
        cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None
    )


def client_options(settings: KafkaSettings) -> dict[str, Any]:
    """aiokafka keyword arguments for bootstrap, TLS and SASL."""
    options: dict[str, Any] = {
        "bootstrap_servers": settings.bootstrap_servers,
        "security_protocol": settings.security_protocol,
    }
    context = ssl_context(settings)
    if context:
        options["ssl_context"] = context
    if settings.security_protocol.startswith("SASL"):
        options["sasl_mechanism"] = settings.sasl_mechanism or "PLAIN"
        options["sasl_plain_username"] = settings.sasl_username
        options["sasl_plain_password"] = (
            settings.sasl_password.get_secret_value() if settings.sasl_password else None
        )
    return options


async def ensure_topics(settings: KafkaSettings, names: Iterable[str] = STAGE_TOPICS) -> list[str]:
    """Create the pipeline topics with the configured partitions; existing ones are kept."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [settings.topic(n) for n in names]
        missing = [t for t in wanted if t not in existing]
        if missing:
            new = [
                NewTopic(
                    t,
                    settings.partitions,
                    settings.replication_factor,
                    topic_configs={"max.message.bytes": str(MAX_MESSAGE_BYTES)},
                )
                for t in missing
            ]
            # Another process may create them meanwhile.
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(new)
        return missing
    finally:
        await admin.close()


async def topic_partitions(settings: KafkaSettings, topic: str) -> list[int]:
    """Partition numbers of ``topic`` (empty if it does not exist)."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        described = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return sorted(
        p["partition"] for t in described if t.get("error_code", 0) == 0 for p in t["partitions"]
    )


@asynccontextmanager
async def producer(
    settings: KafkaSettings, retries: int = 10, **options: Any
) -> AsyncIterator[AIOKafkaProducer]:
    """A started idempotent producer (acks=all); start is retried while Kafka is down.
    ``options`` override aiokafka producer arguments (e.g. ``request_timeout_ms``)."""
    instance = AIOKafkaProducer(
        **{
            **client_options(settings),
            "acks": "all",
            "enable_idempotence": True,
            "linger_ms": 5,
            "max_request_size": MAX_MESSAGE_BYTES,
            **options,
        }
    )
    for attempt in range(retries + 1):
        try:
            await instance.start()
            break
        except KafkaConnectionError as exc:
            if attempt == retries:
                raise
            delay = min(10.0, 0.5 * 2**attempt)
            log.warning("kafka unreachable (%s); retrying in %.1fs", exc, delay)
            await asyncio.sleep(delay)
    try:
        yield instance
    finally:
        await instance.stop()


def retriable(exc: BaseException) -> bool:
    """Worth another try: the broker may be restarting or electing a leader. aiokafka marks
    most such errors ``retriable``, but not a timeout waiting for an unreachable broker."""
    return isinstance(exc, (KafkaTimeoutError, KafkaConnectionError)) or bool(
        getattr(exc, "retriable", False)
    )


def _backoff(attempt: int) -> float:
    return min(10.0, 0.25 * 2**attempt)


async def send_with_retry(
    instance: AIOKafkaProducer, topic: str, key: bytes | None, value: bytes, attempts: int = 8
) -> None:
    """Send and wait for the broker's acknowledgement, retrying transient errors."""
    for attempt in range(attempts):
        try:
            await instance.send_and_wait(topic, value=value, key=key)
            return
        except KafkaError as exc:
            if not retriable(exc) or attempt == attempts - 1:
                raise
            log.warning("send failed (%r); retrying", exc, extra={"topic": topic})
            await asyncio.sleep(_backoff(attempt))


@dataclass
class SendReport:
    """What happened to a batch of records: every record is either sent or listed failed."""

    sent: int = 0
    retries: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    """(index in the batch, error) of records Kafka never acknowledged."""


async def send_all(
    instance: AIOKafkaProducer,
    topic: str,
    records: Sequence[tuple[bytes | None, bytes]],
    attempts: int = 8,
    window: int = 1000,
) -> SendReport:
    """Send many records with up to ``window`` in flight; records whose send failed with a
    transient error are sent again (with backoff) up to ``attempts`` times. Records of one key
    may be reordered by a retry: article versions, not arrival order, decide what is kept."""
    report = SendReport()
    pending = list(range(len(records)))
    for attempt in range(attempts):
        again: list[int] = []
        for start in range(0, len(pending), window):
            futures: list[tuple[int, Any]] = []
            for i in pending[start : start + window]:
                key, value = records[i]
                try:
                    futures.append((i, await instance.send(topic, value=value, key=key)))
                except KafkaError as exc:
                    futures.append((i, exc))
            waiting = [f for _, f in futures if not isinstance(f, BaseException)]
            results = iter(await asyncio.gather(*waiting, return_exceptions=True))
            for i, future in futures:
                outcome = future if isinstance(future, BaseException) else next(results)
                if not isinstance(outcome, BaseException):
                    report.sent += 1
                elif retriable(outcome) and attempt < attempts - 1:
                    again.append(i)
                else:
                    report.failed.append((i, repr(outcome)))
        if not again:
            break
        report.retries += len(again)
        log.warning("%d records not acknowledged; retrying", len(again), extra={"topic": topic})
        await asyncio.sleep(_backoff(attempt))
        pending = again
    return report


CONSUMED_TOPICS = ("raw", "clean", "enriched")


async def group_progress(settings: KafkaSettings, group_id: str) -> dict[str, tuple[int, int]]:
    """Per consumed pipeline topic: (offsets committed by ``group_id``, log end offsets),
    each summed over the topic's partitions."""
    from aiokafka import AIOKafkaConsumer, TopicPartition

    options = client_options(settings)
    admin = AIOKafkaAdminClient(**options)
    consumer = AIOKafkaConsumer(**options)
    await admin.start()
    await consumer.start()
    try:
        committed = await admin.list_consumer_group_offsets(group_id)
        progress: dict[str, tuple[int, int]] = {}
        for name in CONSUMED_TOPICS:
            partitions = [
                TopicPartition(settings.topic(name), p) for p in range(settings.partitions)
            ]
            ends = await consumer.end_offsets(partitions)
            done = 0
            for tp in partitions:
                meta = committed.get(tp)
                done += meta.offset if meta is not None and meta.offset >= 0 else 0
            progress[name] = (done, sum(ends.values()))
        return progress
    finally:
        await consumer.stop()
        await admin.close()


async def group_lag(settings: KafkaSettings, group_id: str) -> int:
    """Messages of the consumed pipeline topics not yet committed by ``group_id``: zero once
    every input has been processed and its offset committed."""
    progress = await group_progress(settings, group_id)
    return sum(end - done for done, end in progress.values())
