"""Integration tests run against the real local stack (`newsflow stack up`), never mocks.

Each test module gets its own topic prefix, index prefix and consumer group, so tests do not
see each other's data. Workers run as real `newsflow worker` subprocesses.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from elasticsearch import Elasticsearch

from workers.ops.stack import StackConfig, es_health, kafka_healthy, spawn_worker
from workers.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session", autouse=True)
def stack() -> None:
    cfg = StackConfig.from_settings(Settings())
    if not (kafka_healthy(cfg) and es_health(cfg) in ("green", "yellow")):
        pytest.fail("the local stack is not running: start it with `newsflow stack up`")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Isolated:
    """Environment and helpers for one isolated pipeline (topics, indices, group)."""

    def __init__(self, tmp: Path) -> None:
        tag = f"t{uuid.uuid4().hex[:10]}"
        self.tmp = tmp
        self.env = {
            **os.environ,
            "NEWSFLOW_KAFKA__TOPIC_PREFIX": tag,
            "NEWSFLOW_ES__INDEX_PREFIX": tag,
            "NEWSFLOW_WORKER__APP_ID": tag,
        }
        base = Settings()
        self.settings = base.model_copy(
            update={
                "kafka": base.kafka.model_copy(update={"topic_prefix": tag}),
                "es": base.es.model_copy(update={"index_prefix": tag}),
                "worker": base.worker.model_copy(update={"app_id": tag}),
            }
        )
        self.es = Elasticsearch(base.es.url.split(",")[0])
        self.workers: list[subprocess.Popen[bytes]] = []

    # -- workers
    def start_worker(self) -> subprocess.Popen[bytes]:
        port = free_port()
        number = len(self.workers)
        process = spawn_worker(
            self.tmp / f"worker-{number}.log",
            web_port=port,
            data_dir=self.tmp / f"data-{number}",
            env=self.env,
        )
        self.workers.append(process)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"worker exited: {self.worker_log(process)}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
                    if r.status == 200 and orjson.loads(r.read())["kafka_assigned_partitions"]:
                        return process
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"worker not ready in 90s: {self.worker_log(process)}")

    def worker_log(self, process: subprocess.Popen[bytes], *, matching: str = "") -> str:
        """The log's tail, or only its lines containing one of the |-separated words."""
        index = self.workers.index(process)
        text = (self.tmp / f"worker-{index}.log").read_text(errors="replace")
        if matching:
            words = matching.lower().split("|")
            text = "\n".join(
                line[:400] for line in text.splitlines() if any(w in line.lower() for w in words)
            )
        return text[-3000:]

    def stop_all(self) -> None:
        for process in self.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.workers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    # -- data
    def produce(self, payloads: list[tuple[bytes | None, bytes]]) -> None:
        from workers.stream.kafka import ensure_topics, producer, send_with_retry

        async def run() -> None:
            await ensure_topics(self.settings.kafka)
            async with producer(self.settings.kafka) as instance:
                for key, value in payloads:
                    await send_with_retry(instance, self.settings.kafka.topic("raw"), key, value)

        asyncio.run(run())

    def count(self, kind: str = "articles", query: dict[str, Any] | None = None) -> int:
        alias = self.settings.es.alias(kind)
        if not self.es.indices.exists_alias(name=alias):
            return 0
        self.es.indices.refresh(index=alias)
        return int(self.es.count(index=alias, query=query or {"match_all": {}})["count"])

    def wait_for_count(self, expected: int, timeout: float = 120, kind: str = "articles") -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.count(kind) >= expected:
                return time.monotonic() - started
            time.sleep(0.25)
        raise AssertionError(f"{self.count(kind)} of {expected} {kind} indexed after {timeout}s")

    def lag(self) -> int:
        """Messages of the pipeline topics not yet committed by the worker group."""
        from workers.stream.kafka import group_lag

        return asyncio.run(group_lag(self.settings.kafka, self.settings.worker.app_id))

    def wait_for_lag_zero(self, timeout: float = 120) -> None:
        wait_until(lambda: self.lag() == 0, timeout, "consumer lag did not reach zero")

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        self.es.indices.refresh(index=self.settings.es.alias("articles"))
        hits = self.es.search(
            index=self.settings.es.alias("articles"), query={"term": {"id": article_id}}
        )["hits"]["hits"]
        return hits[0]["_source"] if hits else None

    def dead_letters(self, expected: int, timeout: float = 60) -> list[Any]:
        from workers.stream.deadletters import read_dead_letters

        deadline = time.monotonic() + timeout
        letters: list[Any] = []
        while time.monotonic() < deadline:
            letters = asyncio.run(read_dead_letters(self.settings, limit=10_000))
            if len(letters) >= expected:
                return [letter for _, letter in letters]
            time.sleep(0.5)
        raise AssertionError(f"{len(letters)} of {expected} dead letters after {timeout}s")


def wait_until(predicate: Any, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"{message} (after {timeout}s)")


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Isolated]:
    isolated = Isolated(tmp_path_factory.mktemp("pipeline"))
    try:
        yield isolated
    finally:
        isolated.stop_all()
