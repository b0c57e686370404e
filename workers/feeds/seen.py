"""What the feed processes have already published, without a local database.

``SeenState`` is the in-memory view (pure). ``KafkaSeenLog`` keeps it in a compacted Kafka topic
(``<prefix>.feeds.seen``): key = canonical URL of an item (or ``feed|<url>`` for a feed's
conditional-GET state), value = a small JSON ``SeenEntry``. A process reads the topic fully
before its first poll, so a restart does not refetch, then keeps tailing it, so several feed
processes share what each of them published. Compaction keeps only the newest value per key.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from workers.settings import KafkaSettings
from workers.stream.kafka import client_options, producer, send_with_retry, topic_partitions

log = logging.getLogger("newsflow.feeds")

FEED_KEY_PREFIX = "feed|"


def seen_topic(settings: KafkaSettings) -> str:
    return f"{settings.topic_prefix}.feeds.seen"


def feed_key(url: str) -> str:
    return FEED_KEY_PREFIX + url


@dataclass
class SeenEntry:
    """An item (or a feed document) as last handled."""

    fingerprints: dict[str, str] = field(default_factory=dict)
    """Per feed: the fingerprint of what that feed said about the item. A change means the
    item may have new content; a feed that is not listed yet found a duplicate."""
    page: str | None = None
    """Hash of the page text last published (None: never published, see ``error``)."""
    etag: str | None = None
    last_modified: str | None = None
    published_at: str | None = None
    """When it was last produced (ISO 8601); for feeds: when the last new item was found."""
    error: str | None = None
    """A permanent failure (http_404, too_large, …): not fetched again until the feed changes."""

    def to_bytes(self) -> bytes:
        data = {k: v for k, v in self.__dict__.items() if v not in (None, {}, "")}
        return orjson.dumps(data)

    @classmethod
    def from_bytes(cls, raw: bytes) -> SeenEntry:
        data = orjson.loads(raw)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


class SeenState:
    """Canonical URL (or feed key) → ``SeenEntry``."""

    def __init__(self) -> None:
        self.entries: dict[str, SeenEntry] = {}

    def get(self, key: str) -> SeenEntry | None:
        return self.entries.get(key)

    def put(self, key: str, entry: SeenEntry | None) -> None:
        if entry is None:
            self.entries.pop(key, None)
        else:
            self.entries[key] = entry

    def apply(self, key: bytes | None, value: bytes | None) -> None:
        """One record of the seen topic (a tombstone deletes)."""
        if key is None:
            return
        try:
            self.put(key.decode("utf-8"), SeenEntry.from_bytes(value) if value else None)
        except (UnicodeDecodeError, orjson.JSONDecodeError, TypeError) as exc:
            log.warning(
                "unreadable seen record skipped", extra={"key": repr(key), "error": str(exc)}
            )

    def __len__(self) -> int:
        return len(self.entries)


Remember = Callable[[str, SeenEntry], Awaitable[None]]


class KafkaSeenLog:
    """The compacted topic behind a ``SeenState``: ``start`` creates the topic if needed,
    reads it to its end offsets, and keeps tailing it; ``remember`` writes one entry."""

    def __init__(self, settings: KafkaSettings, state: SeenState) -> None:
        self.settings = settings
        self.state = state
        self.topic = seen_topic(settings)
        self.loaded = asyncio.Event()
        self._consumer: AIOKafkaConsumer | None = None
        self._producer_context: Any = None
        self._producer: Any = None
        self._tail: asyncio.Task[None] | None = None

    async def ensure_topic(self) -> None:
        admin = AIOKafkaAdminClient(**client_options(self.settings))
        await admin.start()
        try:
            if self.topic in set(await admin.list_topics()):
                return
            new = NewTopic(
                self.topic,
                self.settings.partitions,
                self.settings.replication_factor,
                topic_configs={
                    "cleanup.policy": "compact",
                    # Small segments so compaction actually runs on a modest topic.
                    "segment.ms": str(6 * 3600 * 1000),
                    "min.cleanable.dirty.ratio": "0.2",
                },
            )
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics([new])
        finally:
            await admin.close()

    async def start(self) -> int:
        """Read the topic fully; returns the number of entries known afterwards."""
        await self.ensure_topic()
        self._producer_context = producer(self.settings)
        self._producer = await self._producer_context.__aenter__()
        consumer = AIOKafkaConsumer(
            **client_options(self.settings), enable_auto_commit=False, group_id=None
        )
        await consumer.start()
        self._consumer = consumer  # stopped by stop(), also when loading fails
        partitions: list[int] = []
        for _ in range(50):  # metadata of a just-created topic may lag a moment
            partitions = await topic_partitions(self.settings, self.topic)
            if partitions:
                break
            await asyncio.sleep(0.1)
        if not partitions:
            raise RuntimeError(f"seen topic {self.topic} has no partitions")
        assigned = [TopicPartition(self.topic, p) for p in partitions]
        consumer.assign(assigned)
        await consumer.seek_to_beginning(*assigned)
        ends = await consumer.end_offsets(assigned)
        remaining = {tp for tp, end in ends.items() if end > 0}
        while remaining:
            batches = await consumer.getmany(timeout_ms=500, max_records=5000)
            for tp, records in batches.items():
                for record in records:
                    self.state.apply(record.key, record.value)
                if records and records[-1].offset + 1 >= ends[tp]:
                    remaining.discard(tp)
            for tp in list(remaining):
                if await consumer.position(tp) >= ends[tp]:
                    remaining.discard(tp)
        self.loaded.set()
        self._tail = asyncio.create_task(self._follow(), name="feeds-seen-tail")
        return len(self.state)

    async def _follow(self) -> None:
        """Entries other feed processes write while this one runs."""
        assert self._consumer is not None
        while True:
            try:
                batches = await self._consumer.getmany(timeout_ms=1000, max_records=1000)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a broker restart: keep tailing
                log.warning("seen topic read failed; retrying", extra={"error": repr(exc)})
                await asyncio.sleep(1)
                continue
            for records in batches.values():
                for record in records:
                    self.state.apply(record.key, record.value)

    async def remember(self, key: str, entry: SeenEntry) -> None:
        self.state.put(key, entry)
        await send_with_retry(self._producer, self.topic, key.encode("utf-8"), entry.to_bytes())

    async def stop(self) -> None:
        if self._tail:
            self._tail.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._tail
        if self._consumer:
            await self._consumer.stop()
        if self._producer_context:
            await self._producer_context.__aexit__(None, None, None)
