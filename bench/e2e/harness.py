"""A real pipeline for chaos runs and benchmarks: worker subprocesses on a stack of our own.

``RunStack`` is a second local stack (other ports, other directory) that a chaos run may restart
without touching anyone's default stack. ``Pipeline`` is one isolated pipeline on it: its own
topic prefix, index prefix and consumer group, real ``newsflow worker`` processes, and helpers
to produce, count, read the DLQ, measure lag, scrape metrics and read RSS.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from workers.ops.stack import (
    StackConfig,
    es_health,
    kafka_healthy,
    spawn_worker,
    start_elasticsearch,
    start_kafka,
    stop_service,
    up,
    wait_healthy,
)
from workers.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(predicate: Callable[[], bool], timeout: float, message: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.3)
    raise TimeoutError(f"{message} (after {timeout:.0f}s)")


# ---------------------------------------------------------------------------------- stack


@dataclass
class RunStack:
    """A Kafka + Elasticsearch pair of our own; shares the download cache of ``cache_from``."""

    root: Path
    kafka_port: int = 19092
    controller_port: int = 19093
    es_port: int = 19200
    cache_from: Path = REPO / ".stack" / "cache"

    @property
    def cfg(self) -> StackConfig:
        return StackConfig(
            root=self.root,
            kafka_port=self.kafka_port,
            controller_port=self.controller_port,
            es_port=self.es_port,
        )

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def es_url(self) -> str:
        return f"http://127.0.0.1:{self.es_port}"

    def healthy(self) -> bool:
        return kafka_healthy(self.cfg) and es_health(self.cfg) in ("green", "yellow")

    def up(self) -> float:
        started = time.monotonic()
        self.root.mkdir(parents=True, exist_ok=True)
        cache = self.root / "cache"
        if not cache.exists() and self.cache_from.exists():
            cache.symlink_to(self.cache_from.resolve())
        if not self.healthy():
            up(self.cfg)
        return time.monotonic() - started

    def restart_kafka(self, down_seconds: float = 3.0) -> float:
        started = time.monotonic()
        stop_service(self.cfg, "kafka", timeout=30)  # then SIGKILL: an outage either way
        time.sleep(down_seconds)
        start_kafka(self.cfg)
        wait_until(lambda: kafka_healthy(self.cfg), 120, "kafka did not come back")
        return time.monotonic() - started

    def restart_elasticsearch(self, down_seconds: float = 3.0) -> float:
        started = time.monotonic()
        stop_service(self.cfg, "elasticsearch", timeout=30)
        time.sleep(down_seconds)
        start_elasticsearch(self.cfg)
        wait_healthy(self.cfg)
        return time.monotonic() - started

    def down(self) -> None:
        for service in ("elasticsearch", "kafka"):
            stop_service(self.cfg, service)


# ---------------------------------------------------------------------------------- pipeline


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    port: int
    log: Path


@dataclass
class Pipeline:
    """One isolated pipeline (topics, indices, group) with worker subprocesses."""

    bootstrap: str
    es_url: str
    workdir: Path
    tag: str = field(default_factory=lambda: f"r{uuid.uuid4().hex[:8]}")
    extra_env: dict[str, str] = field(default_factory=dict)
    workers: list[Worker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "NEWSFLOW_KAFKA__BOOTSTRAP_SERVERS": self.bootstrap,
            "NEWSFLOW_KAFKA__TOPIC_PREFIX": self.tag,
            "NEWSFLOW_ES__URL": self.es_url,
            "NEWSFLOW_ES__INDEX_PREFIX": self.tag,
            "NEWSFLOW_WORKER__APP_ID": self.tag,
            # A chaos run restarts the cluster: retry fast, then wait in short steps.
            "NEWSFLOW_WORKER__BACKOFF_MAX": "5",
            **self.extra_env,
        }
        self.settings = Settings(
            kafka={"bootstrap_servers": self.bootstrap, "topic_prefix": self.tag},
            es={"url": self.es_url, "index_prefix": self.tag},
            worker={"app_id": self.tag},
        )

    # -- workers
    def start_worker(self, wait_ready: bool = True, timeout: float = 180) -> Worker:
        port = free_port()
        number = len(self.workers)
        log_path = self.workdir / f"worker-{number}.log"
        process = spawn_worker(
            log_path,
            web_port=port,
            data_dir=self.workdir / f"data-{number}",
            env=self.env,
            cwd=REPO,
            new_session=True,
        )
        worker = Worker(process, port, log_path)
        self.workers.append(worker)
        if wait_ready:
            self.wait_ready(worker, timeout)
        return worker

    def ready(self, worker: Worker) -> dict[str, Any] | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{worker.port}/readyz", timeout=2) as r:
                return dict(orjson.loads(r.read()))
        except urllib.error.HTTPError as exc:
            try:  # a 503 names the failing checks; a 500 while starting up is not JSON
                return dict(orjson.loads(exc.read() or b"{}"))
            except ValueError:
                return None
        except OSError:
            return None

    def wait_ready(self, worker: Worker, timeout: float = 180) -> float:
        def is_ready() -> bool:
            if worker.process.poll() is not None:
                raise RuntimeError(f"worker exited: {self.tail(worker)}")
            state = self.ready(worker)
            return bool(state and state.get("ready") and state.get("kafka_assigned_partitions"))

        return wait_until(is_ready, timeout, f"worker not ready: {self.tail(worker)}")

    def alive(self) -> list[Worker]:
        return [w for w in self.workers if w.process.poll() is None]

    def tail(self, worker: Worker, chars: int = 3000) -> str:
        return worker.log.read_text(errors="replace")[-chars:]

    def kill(self, worker: Worker) -> None:
        """SIGKILL the worker and everything it started (HTML extraction pool)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.process.pid, signal.SIGKILL)
        worker.process.wait(timeout=30)

    def terminate(self, worker: Worker, timeout: float = 60) -> int:
        worker.process.send_signal(signal.SIGTERM)
        try:
            return worker.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill(worker)
            return -9

    def stop_all(self) -> None:
        for worker in self.alive():
            worker.process.send_signal(signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill(worker)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.process.pid, signal.SIGKILL)

    def remove(self) -> None:
        """Delete this pipeline's topics (its own and Faust's, all named after the tag) and
        indices: a benchmark makes a fresh pipeline per run, and topics left behind pile up
        until the local Kafka's heap runs out (seen after ~40 relay runs)."""
        from aiokafka.admin import AIOKafkaAdminClient
        from elasticsearch import NotFoundError

        from workers.stream.kafka import client_options

        async def drop_topics() -> None:
            admin = AIOKafkaAdminClient(**client_options(self.settings.kafka))
            await admin.start()
            try:
                ours = [t for t in await admin.list_topics() if t.startswith(self.tag)]
                if ours:
                    await admin.delete_topics(ours)
            finally:
                await admin.close()

        asyncio.run(drop_topics())
        client = self.es()
        try:  # by name: clusters with action.destructive_requires_name refuse wildcards
            names = list(client.indices.get(index=f"{self.tag}-*", expand_wildcards="all"))
            if names:
                with contextlib.suppress(NotFoundError):
                    client.indices.delete(index=",".join(names))
        finally:
            client.close()

    def metrics(self, worker: Worker) -> dict[str, float]:
        """Prometheus text → {'name{labels}': value} (samples only)."""
        with urllib.request.urlopen(f"http://127.0.0.1:{worker.port}/metrics", timeout=5) as r:
            text = r.read().decode()
        samples: dict[str, float] = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                with contextlib.suppress(ValueError):
                    samples[name] = float(value)
        return samples

    def rss_mib(self, worker: Worker) -> float:
        """Resident memory of the worker and its children (the HTML extraction pool)."""
        pids = [worker.process.pid, *_children(worker.process.pid)]
        return sum(_rss_kib(pid) for pid in pids) / 1024

    # -- data
    def produce(self, payloads: Iterable[tuple[bytes | None, bytes]], topic: str = "raw") -> float:
        from workers.stream.kafka import ensure_topics, producer

        items = list(payloads)

        async def run() -> float:
            await ensure_topics(self.settings.kafka)
            started = time.monotonic()
            async with producer(self.settings.kafka) as instance:
                name = self.settings.kafka.topic(topic)
                futures = [await instance.send(name, value=v, key=k) for k, v in items]
                await asyncio.gather(*futures)
            return time.monotonic() - started

        return asyncio.run(run())

    def es(self) -> Any:
        from elasticsearch import Elasticsearch

        return Elasticsearch(self.es_url, request_timeout=60)

    def count(self, kind: str = "articles") -> int:
        alias = self.settings.es.alias(kind)
        client = self.es()
        try:
            if not client.indices.exists_alias(name=alias):
                return 0
            client.indices.refresh(index=alias)
            return int(client.count(index=alias)["count"])
        except Exception:
            return -1  # the cluster is restarting
        finally:
            client.close()

    def documents(self, fields: list[str]) -> dict[str, dict[str, Any]]:
        """Every article document by ``_id`` (scrolled), with the given source fields."""
        from elasticsearch.helpers import scan

        client = self.es()
        try:
            alias = self.settings.es.alias("articles")
            client.indices.refresh(index=alias)
            return {
                hit["_id"]: {**hit["_source"], "_version": hit.get("_version")}
                for hit in scan(
                    client,
                    index=alias,
                    query={"query": {"match_all": {}}, "version": True},
                    _source=fields,
                    size=2000,
                )
            }
        finally:
            client.close()

    def claims(self) -> list[dict[str, Any]]:
        """Every claim document (scrolled): ``_id``, ``_index``, article id and version."""
        from elasticsearch.helpers import scan

        client = self.es()
        try:
            alias = self.settings.es.alias("claims")
            if not client.indices.exists_alias(name=alias):
                return []
            client.indices.refresh(index=alias)
            return [
                {"_id": hit["_id"], "_index": hit["_index"], **hit["_source"]}
                for hit in scan(
                    client,
                    index=alias,
                    query={"query": {"match_all": {}}},
                    _source=["article_id", "version"],
                    size=5000,
                )
            ]
        finally:
            client.close()

    def stall(self, worker: Worker) -> None:
        """SIGSTOP the worker and its children: a GC pause or frozen VM, as the group sees it."""
        os.killpg(worker.process.pid, signal.SIGSTOP)

    def wake(self, worker: Worker) -> None:
        os.killpg(worker.process.pid, signal.SIGCONT)

    def lag(self) -> int:
        """Messages of the consumed topics not yet committed by the worker group (-1 while
        Kafka does not answer, e.g. during a restart)."""
        from workers.stream.kafka import group_lag

        try:
            return asyncio.run(group_lag(self.settings.kafka, self.settings.worker.app_id))
        except Exception:
            return -1

    def progress(self) -> dict[str, tuple[int, int]]:
        """Per consumed topic: (offsets the worker group committed, log end offsets)."""
        from workers.stream.kafka import group_progress

        try:
            return asyncio.run(group_progress(self.settings.kafka, self.settings.worker.app_id))
        except Exception:
            return {}

    def dead_letters(self, unique: bool = True) -> list[Any]:
        """The dead-letter topic's letters; with ``unique``, each bad input once
        (``workers.stream.deadletters.letter_identity``), else every letter written."""
        from workers.stream.deadletters import read_dead_letters

        letters = read_dead_letters(self.settings, limit=10_000_000, unique=unique)
        return [letter for _, letter in asyncio.run(letters)]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        for task in tasks:
            for child in (task / "children").read_text().split():
                found.append(int(child))
                found.extend(_children(int(child)))
    except OSError:
        pass
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
