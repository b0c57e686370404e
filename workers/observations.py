"""Share what the clean stage learns (per-source chrome statistics, near-duplicate signatures)
between all worker processes, through Kafka.

Every worker publishes the observations it makes to ``<prefix>.articles.observations`` and
*every* worker reads that whole topic (no consumer group: each process assigns itself all
partitions), applying each observation to its in-memory models. Applying is idempotent per
(source, article), so at-least-once redelivery and a worker's own echo are harmless, and after a
restart or rebalance a worker rebuilds the same state by replaying the topic (bounded by the
topic's retention). This avoids Faust tables, whose recovery has known problems with several
workers, and keeps the models pure and testable without Kafka.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition

from workers.kafka import client_options, ensure_topics, topic_partitions
from workers.settings import KafkaSettings

log = logging.getLogger(__name__)

TOPIC = "observations"


class ObservationLog:
    """Background reader of the observations topic feeding ``apply``."""

    def __init__(
        self,
        settings: KafkaSettings,
        apply: Callable[[dict[str, Any]], object],
        executor: Executor | None = None,
    ):
        """``apply`` runs on ``executor`` (give it the clean stage's single-thread executor so
        the models are never read and updated at the same time)."""
        self.settings = settings
        self.executor = executor
        self.topic = settings.topic(TOPIC)
        self.apply = apply
        self.caught_up = asyncio.Event()
        """Set once everything that was in the topic at start has been applied."""
        self.applied = 0
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await ensure_topics(self.settings, [TOPIC])
        self._task = asyncio.create_task(self._run(), name="observation-log")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                await self._consume()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("observation log failed; restarting in 5 s")
                await asyncio.sleep(5)

    async def _consume(self) -> None:
        consumer = AIOKafkaConsumer(
            **client_options(self.settings), group_id=None, enable_auto_commit=False
        )
        await consumer.start()
        try:
            partitions = [
                TopicPartition(self.topic, p)
                for p in await topic_partitions(self.settings, self.topic)
            ]
            consumer.assign(partitions)
            await consumer.seek_to_beginning(*partitions)
            targets = await consumer.end_offsets(partitions)
            pending = {tp for tp, end in targets.items() if end > 0}
            if not pending:
                self.caught_up.set()
            while True:
                batch = await consumer.getmany(timeout_ms=1000, max_records=1000)
                values = [m.value for messages in batch.values() for m in messages]
                if values:
                    loop = asyncio.get_running_loop()
                    await loop.run_in_executor(self.executor, self._apply_all, values)
                for tp, messages in batch.items():
                    if tp in pending and messages and messages[-1].offset + 1 >= targets[tp]:
                        pending.discard(tp)
                if pending:
                    continue
                if not self.caught_up.is_set():
                    log.info("observation log caught up: %d applied", self.applied)
                    self.caught_up.set()
        finally:
            await consumer.stop()

    def _apply_all(self, values: list[bytes | None]) -> None:
        for value in values:
            if not value:
                continue
            try:
                self.apply(orjson.loads(value))
                self.applied += 1
            except Exception:  # a malformed observation must not stop learning
                log.warning("skipped a malformed observation", exc_info=True)


def encode(observation: dict[str, Any]) -> bytes:
    return orjson.dumps(observation)
