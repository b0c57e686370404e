"""The stream app. It reads like the data flow:

    <prefix>.articles.raw ──clean──▶ <prefix>.articles.clean ──extract──▶
    <prefix>.articles.enriched ──index──▶ Elasticsearch
                     any stage ──▶ <prefix>.articles.dlq  (original payload + reason)

Delivery: at-least-once consumption plus idempotent Elasticsearch writes (``_id`` = article id,
external version), so the index ends exactly-once. An input offset is committed only when what
it produced is safe: the output or dead letter acknowledged by Kafka, or the document
acknowledged by Elasticsearch. Faust acks an event in a ``finally`` (also when its processing
was cancelled by a shutdown or rebalance, and a ``take()`` batch when the body raised), so every
agent *holds* one extra reference on each message while it works and one per message it sends;
only completed work releases them (``hold``/``release``/``send_held`` below). Agents run with
concurrency 1 (more would commit past unfinished messages) and catch errors inside their loop.

State: the clean stage's learned chrome and duplicate index change only through observations,
which every worker publishes to ``<prefix>.articles.observations`` and reads in full
(``follow_observations``), so a partition moving to another worker on a rebalance finds the same
state there. Scale with partitions and worker processes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from datetime import UTC, datetime
from typing import Any

import faust
import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import ValidationError

from schemas.models import CleanArticle, EnrichedArticle, RejectReason
from workers import logs
from workers.core.deadletter import Stage, dead_letter
from workers.core.errors import RejectedInput
from workers.core.factory import build_pipeline
from workers.core.ingest import parse_raw
from workers.settings import Settings, get_settings
from workers.stream import metrics
from workers.stream.batching import take_batches
from workers.stream.es import ArticleIndexer, install, make_client
from workers.stream.kafka import MAX_MESSAGE_BYTES, client_options, ssl_context, topic_partitions
from workers.stream.threads import ProcessingThread

log = logging.getLogger("newsflow.worker")


def broker_credentials(settings: Settings) -> Any:
    kafka = settings.kafka
    context = ssl_context(kafka)
    if kafka.security_protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=kafka.sasl_username,
            password=kafka.sasl_password.get_secret_value() if kafka.sasl_password else None,
            ssl_context=context,
            mechanism=kafka.sasl_mechanism or "PLAIN",
        )
    if context is not None:
        return faust.SSLCredentials(context)
    return None


EXIT_SEND_FAILED = 70
EXIT_SHUTDOWN_TIMEOUT = 75
"""Exit code when SIGTERM could not finish in-flight work within ``worker.shutdown_timeout``."""


def arm_shutdown_deadline(seconds: float) -> None:
    """Exit after ``seconds`` if the graceful stop has not ended by then: a Kafka or
    Elasticsearch that does not answer would otherwise hold the producer flush, the last
    commit or the wait for held messages for minutes. Exiting is safe at any point: only
    finished work was committed, the rest is redelivered to the next owner of the partitions."""

    def expire() -> None:
        unfinished = len(getattr(app.consumer, "_unacked_messages", ()) or ())
        log.warning(
            "shutdown did not finish in time; exiting without committing unfinished work",
            extra={"seconds": seconds, "unfinished": unfinished},
        )
        logging.shutdown()
        os._exit(EXIT_SHUTDOWN_TIMEOUT)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()


class NewsflowApp(faust.App):
    async def on_stop(self) -> None:
        """The app's stop starts the deadline: SIGTERM, or any other way the worker stops."""
        arm_shutdown_deadline(settings.worker.shutdown_timeout)
        await super().on_stop()


settings = get_settings()
app = NewsflowApp(
    settings.worker.app_id,
    broker=[f"kafka://{h.strip()}" for h in settings.kafka.bootstrap_servers.split(",")],
    broker_credentials=broker_credentials(settings),
    store="memory://",
    topic_partitions=settings.kafka.partitions,
    topic_replication_factor=settings.kafka.replication_factor,
    processing_guarantee="at_least_once",
    consumer_auto_offset_reset="earliest",
    producer_acks=-1,
    producer_linger=settings.worker.producer_linger,
    producer_max_request_size=MAX_MESSAGE_BYTES,
    consumer_max_fetch_size=MAX_MESSAGE_BYTES,
    # Commit on the interval only. Faust also commits from its fetch loop every N acks, and
    # stopping that loop (shutdown, rebalance) can cancel such a commit after it has taken the
    # acked offsets off its queue: they are then never committed and the partition stops
    # committing until the worker restarts, so its successor redoes all of that work.
    broker_commit_every=2**62,
    broker_session_timeout=settings.worker.session_timeout,
    broker_heartbeat_interval=min(3.0, settings.worker.session_timeout / 5),
    broker_commit_interval=1.0,
    web_enabled=settings.worker.web_enabled,
    web_port=settings.worker.web_port,
    web_bind=settings.worker.web_bind,
    datadir=str(settings.worker.data_dir),
    web_in_thread=False,
    logging_config=logs.logging_config(settings.log_format, settings.log_level),
)


def _topic(name: str) -> faust.TopicT:
    return app.topic(
        settings.kafka.topic(name),
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
        partitions=settings.kafka.partitions,
    )


raw_topic = _topic("raw")
clean_topic = _topic("clean")
enriched_topic = _topic("enriched")
dlq_topic = _topic("dlq")
observations_topic = _topic("observations")

pipeline = build_pipeline(settings.processing)
es_client = make_client(settings.es)
indexer = ArticleIndexer(es_client, settings.es, settings.worker)
processing_thread = ProcessingThread()
"""Runs the clean and extract batches, one at a time (``workers/stream/threads.py``)."""
metrics.PROCESSING_CPU.set_function(lambda: processing_thread.cpu_seconds)
es_installed = asyncio.Event()
state_recovered = asyncio.Event()
"""Set once this worker has read every observation published before it started."""


# ---------------------------------------------------------------------------------- delivery
# Everything that decides when an input may be committed, and what is counted, lives here.


def hold(event: faust.EventT) -> None:
    """Keep ``event`` from being committed until a matching ``release``."""
    event.message.incref()


def release(event: faust.EventT) -> None:
    event.ack()


async def send_held(topic: faust.TopicT, key: bytes | None, value: bytes, event: Any) -> None:
    """Send, holding ``event`` until Kafka acknowledged the record. The producer retries for
    ``producer_request_timeout``; a record that still fails stops the worker at once, before
    anything could commit past it, and its input is redelivered to whoever takes over."""
    hold(event)
    future: Any = await topic.send(key=key, value=value)  # a FutureMessage (asyncio.Future)

    def delivered(done: asyncio.Future[Any]) -> None:
        if done.cancelled() or done.exception() is not None:
            error = "cancelled" if done.cancelled() else repr(done.exception())
            log.critical(
                "kafka did not accept a record; exiting so its input is redelivered",
                extra={"topic": topic.get_topic_name(), "key": key, "error": error},
            )
            logging.shutdown()
            os._exit(EXIT_SEND_FAILED)
        release(event)

    future.add_done_callback(delivered)


async def send_dead_letter(
    stage: Stage, event: faust.EventT, error: BaseException, article_id: str | None = None
) -> None:
    message = event.message
    letter = dead_letter(
        stage,
        message.value if message.value is not None else b"",
        error,
        article_id=article_id,
        origin=(message.topic, message.partition, message.offset),
    )
    metrics.DEAD_LETTERS.labels(stage, letter.reason.value).inc()
    # The stage an article leaves by a dead letter (an ingest rejection leaves the clean stage).
    metrics.ARTICLES.labels("clean" if stage == "ingest" else stage, "dead_letter").inc()
    log.warning(
        "dead-lettered",
        extra={
            "stage": stage,
            "reason": letter.reason.value,
            "article_id": letter.article_id,
            "error": letter.message,
        },
    )
    key = (letter.article_id or "").encode() or message.key
    await send_held(dlq_topic, key, letter.model_dump_json().encode(), event)


def passed(stage: str, seconds: float, count: int = 1) -> None:
    """An article (or ``count`` of them) left ``stage`` downstream."""
    metrics.ARTICLES.labels(stage, "ok").inc(count)
    observe = metrics.STAGE_SECONDS.labels(stage).observe
    for _ in range(count):
        observe(seconds)


def batches(stream: faust.StreamT[bytes], size: int, within: float) -> Any:
    """Up to ``size`` events, or what arrived within ``within`` seconds of the first. A batch
    is acked when the loop body is done with it, also when it was cancelled: callers hold each
    event until its output is safe, so only finished work is committed. (Faust's
    ``take_events`` with no wake-ups while the stream is idle: ``workers/stream/batching.py``.)"""
    return take_batches(stream, size, within)


# ---------------------------------------------------------------------------------- agents
# A batch crosses to the processing thread once (the event loop keeps fetching, sending and
# heartbeating meanwhile); each result comes back with its own outcome, so one bad article is
# dead-lettered alone and the rest of its batch goes on.


@app.agent(raw_topic, concurrency=1)
async def clean(stream: faust.StreamT[bytes]) -> None:
    """Raw payload → validated RawArticle → CleanArticle on the clean topic."""
    await state_recovered.wait()
    async for events in batches(stream, settings.worker.batch_size, settings.worker.batch_seconds):
        for event in events:
            hold(event)
        inputs = [(event.value, _received_at(event)) for event in events]
        results = await processing_thread.run(clean_batch, inputs)
        for event, (result, seconds) in zip(events, results, strict=True):
            await forward_clean(event, result, seconds)
            release(event)


Cleaned = tuple[CleanArticle, dict[str, Any] | None]


def clean_batch(inputs: list[tuple[bytes, datetime]]) -> list[tuple[Cleaned | Exception, float]]:
    """Parse and clean each payload in order (so duplicates within the batch are seen), with
    the seconds each took."""
    results: list[tuple[Cleaned | Exception, float]] = []
    for payload, received_at in inputs:
        started = time.perf_counter()
        result: Cleaned | Exception
        try:
            raw = parse_raw(
                payload, settings.processing.max_input_bytes, received_at, settings.ingest.field_map
            )
            result = clean_article(raw)
        except Exception as exc:  # never let an error escape: it becomes a dead letter
            result = exc
        results.append((result, time.perf_counter() - started))
    return results


def clean_article(raw: Any) -> Cleaned:
    """Clean one article; with a cleaner that learns from observations, also return the
    observation to publish (applied locally at once: applying is idempotent)."""
    cleaner: Any = pipeline.cleaner
    if hasattr(cleaner, "apply_observation"):
        result = cleaner.clean(raw)
        cleaner.apply(result)
        return result.article, result.observation()
    return pipeline.clean(raw), None


async def forward_clean(event: faust.EventT, result: Cleaned | Exception, seconds: float) -> None:
    if isinstance(result, Exception):
        ingest = isinstance(result, RejectedInput) and result.reason in INGEST_REASONS
        await send_dead_letter("ingest" if ingest else "clean", event, result)
        return
    article, observation = result
    if observation is not None:
        # Keyed per article, so a compacted topic keeps its newest record.
        key = f"article:{article.id}".encode()
        await send_held(observations_topic, key, orjson.dumps(observation), event)
    if article.duplicate_of:
        kind = "exact" if article.duplicate_similarity == 1.0 else "near"
        metrics.DUPLICATES.labels(kind).inc()
        log.debug(
            "duplicate", extra={"article_id": article.id, "duplicate_of": article.duplicate_of}
        )
        if settings.processing.duplicates == "drop":
            metrics.ARTICLES.labels("clean", "dropped_duplicate").inc()
            return
    await send_held(clean_topic, article.id.encode(), article.model_dump_json().encode(), event)
    passed("clean", seconds)
    log.debug("cleaned", extra={"article_id": article.id, "lang": article.lang})


INGEST_REASONS = frozenset(
    {
        RejectReason.INVALID_UTF8,
        RejectReason.BINARY_PAYLOAD,
        RejectReason.INVALID_JSON,
        RejectReason.SCHEMA_VALIDATION,
        RejectReason.UNSUPPORTED_SCHEMA_VERSION,
        RejectReason.MISSING_CONTENT,
        RejectReason.OVERSIZE,
        RejectReason.TITLE_TOO_LONG,
    }
)


@app.agent(clean_topic, concurrency=1)
async def extract(stream: faust.StreamT[bytes]) -> None:
    """CleanArticle → entities and claims → EnrichedArticle on the enriched topic. A batch
    goes to the entity backend at once (one model call where the backend supports it)."""
    async for events in batches(stream, settings.worker.batch_size, settings.worker.batch_seconds):
        for event in events:
            hold(event)
        results, seconds = await processing_thread.run(extract_batch, [e.value for e in events])
        for event, result in zip(events, results, strict=True):
            await forward_extract(event, result, seconds)
            release(event)


def extract_batch(payloads: list[bytes]) -> tuple[list[EnrichedArticle | Exception], float]:
    """Validate and enrich a batch; returns each outcome and the seconds per article."""
    started = time.perf_counter()
    outcomes: list[EnrichedArticle | Exception | None] = []
    articles: list[CleanArticle] = []
    for payload in payloads:
        try:
            articles.append(CleanArticle.model_validate_json(payload))
            outcomes.append(None)  # filled in below
        except ValidationError as exc:
            outcomes.append(exc)
    enriched = iter(pipeline.enrich_batch(articles))
    results = [next(enriched) if outcome is None else outcome for outcome in outcomes]
    return results, (time.perf_counter() - started) / max(1, len(payloads))


async def forward_extract(
    event: faust.EventT, result: EnrichedArticle | Exception, seconds: float
) -> None:
    if isinstance(result, Exception):
        await send_dead_letter("extract", event, result, _key(event))
        return
    await send_held(enriched_topic, result.id.encode(), result.model_dump_json().encode(), event)
    passed("extract", seconds)
    log.debug(
        "enriched",
        extra={
            "article_id": result.id,
            "entities": len(result.entities),
            "claims": len(result.claims),
        },
    )


@app.agent(enriched_topic, concurrency=1)
async def index(stream: faust.StreamT[bytes]) -> None:
    """Bulk-write batches (size and time bound). The batch is released only after
    Elasticsearch acknowledged every article or it went to the DLQ; a batch interrupted by a
    shutdown or rebalance stays uncommitted and is redelivered (replays are version no-ops)."""
    await es_installed.wait()
    async for events in batches(stream, settings.worker.bulk_size, settings.worker.bulk_seconds):
        for event in events:
            hold(event)
        try:
            await index_events(events)
        except Exception as exc:  # a bug or a whole-bulk 4xx: dead-letter, never drop
            log.exception("index batch failed", extra={"batch": len(events)})
            for event in events:
                await send_dead_letter("index", event, exc, _key(event))
        for event in events:
            release(event)


async def index_events(events: list[faust.EventT]) -> None:
    articles: list[EnrichedArticle] = []
    by_id: dict[str, faust.EventT] = {}
    for event in events:
        try:
            article = EnrichedArticle.model_validate_json(event.value)
        except ValidationError as exc:
            await send_dead_letter("index", event, exc, _key(event))
            continue
        articles.append(article)
        by_id[article.id] = event
    if not articles:
        return
    started = time.perf_counter()
    outcome = await indexer.index(articles)
    elapsed = time.perf_counter() - started
    metrics.BULK_SECONDS.observe(elapsed)
    metrics.VERSION_CONFLICTS.inc(outcome.version_conflicts)
    passed("index", elapsed / len(articles), len(outcome.indexed))
    if log.isEnabledFor(logging.DEBUG):
        for article in outcome.indexed:
            log.debug("indexed", extra={"article_id": article.id, "version": article.version})
    for rejection in outcome.rejected:
        metrics.BULK_ERRORS.labels(str(rejection.status)).inc()
        error = RejectedInput(
            RejectReason.INDEX_REJECTED,
            f"elasticsearch rejected the document (HTTP {rejection.status}): "
            f"{rejection.error.get('type')}: {rejection.error.get('reason')}",
            rejection.article.id,
        )
        await send_dead_letter("index", by_id[rejection.article.id], error)


def _received_at(event: faust.EventT) -> datetime:
    """The record's Kafka timestamp: the same on every redelivery, so a replayed message gets
    the same default version and can never overwrite a newer one."""
    return datetime.fromtimestamp(event.message.timestamp, UTC)


def _key(event: faust.EventT) -> str | None:
    key = event.message.key
    return key.decode("utf-8", "replace") if isinstance(key, bytes) else None


@app.task
async def install_index_templates() -> None:
    """Templates and aliases before the first bulk; retried until Elasticsearch answers."""
    delay = 1.0
    while True:
        try:
            report = await install(es_client, settings.es)
            log.info("elasticsearch ready: %s", report)
            es_installed.set()
            return
        except Exception as exc:
            log.warning("installing index templates failed (%s); retrying in %.0fs", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30)


@app.task
async def follow_observations() -> None:
    """Read every worker's clean-stage observations (all partitions, no consumer group) and
    fold them into this worker's cleaner. The clean agent starts once the backlog present at
    start-up is applied, so a fresh or rebalanced worker judges with the shared state."""
    cleaner: Any = pipeline.cleaner
    if not hasattr(cleaner, "apply_observation"):
        state_recovered.set()
        return
    topic = settings.kafka.topic("observations")
    consumer = AIOKafkaConsumer(
        **client_options(settings.kafka),
        group_id=None,
        enable_auto_commit=False,
        max_partition_fetch_bytes=MAX_MESSAGE_BYTES,
    )
    delay = 1.0
    while True:
        try:
            await consumer.start()
            numbers = await topic_partitions(settings.kafka, topic)
            partitions = [TopicPartition(topic, p) for p in numbers]
            break
        except Exception as exc:
            log.warning("observations consumer cannot start (%s); retrying in %.0fs", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30)
    try:
        if not partitions:
            state_recovered.set()
            return
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        end = await consumer.end_offsets(partitions)
        behind = {tp for tp in partitions if end[tp] > 0}
        started, applied = time.monotonic(), 0
        if not behind:
            state_recovered.set()
        while True:
            batch = await consumer.getmany(timeout_ms=1000, max_records=2000)
            for tp, messages in batch.items():
                for message in messages:
                    try:
                        if cleaner.apply_observation(orjson.loads(message.value or b"{}")):
                            applied += 1
                    except Exception as exc:  # one bad record must not stop the follower
                        log.warning(
                            "skipped an observation",
                            extra={"offset": message.offset, "error": repr(exc)},
                        )
                    if tp in behind and message.offset + 1 >= end[tp]:
                        behind.discard(tp)
            if behind or state_recovered.is_set():
                continue
            state_recovered.set()
            log.info(
                "clean-stage state recovered",
                extra={"observations": applied, "seconds": round(time.monotonic() - started, 2)},
            )
    finally:
        await consumer.stop()


LAG_TOPICS = frozenset(settings.kafka.topic(name) for name in ("raw", "clean", "enriched"))


@app.on_before_shutdown.connect  # type: ignore[arg-type]
async def close_clients(app: Any, *args: Any, **kwargs: Any) -> None:
    """After the streams drained (the consumer stops first): commit once more, then close."""
    await commit_finished_work(app.consumer)
    await es_client.close()


async def commit_finished_work(consumer: Any) -> None:
    """Faust's last commit on shutdown returns without committing when its periodic commit is
    in flight at that moment, and that one may predate the last acks: the work finished just
    before the shutdown would then be redone by the next owner of the partitions. Wait for any
    commit in flight and commit what is acked now."""
    await consumer.maybe_wait_for_commit_to_finish()
    if await consumer.commit():
        log.info("committed the work finished during shutdown")
    unfinished = len(getattr(consumer, "_unacked_messages", ()))
    if unfinished:
        log.warning(
            "stopping with unfinished messages; they will be redone", extra={"count": unfinished}
        )


@app.timer(interval=5.0)
async def report_lag() -> None:
    """Consumer lag of this worker's partitions (log end minus the group's committed offset),
    the figure an autoscaler or an alert watches."""
    try:
        assigned = app.consumer.assignment()
    except Exception:
        return
    if not assigned:
        metrics.CONSUMER_LAG.clear()
        return
    admin = AIOKafkaAdminClient(**client_options(settings.kafka), request_timeout_ms=5000)
    try:
        await admin.start()
        committed = await admin.list_consumer_group_offsets(
            settings.worker.app_id, partitions=list(assigned)
        )
    except Exception as exc:
        log.debug("lag not measured: %r", exc)
        return
    finally:
        await admin.close()
    metrics.CONSUMER_LAG.clear()
    for tp in assigned:
        if tp.topic not in LAG_TOPICS:
            continue  # Faust's internal assignor topic
        try:
            end = app.consumer.highwater(tp)
        except Exception:
            continue
        if end is None:
            continue
        meta = committed.get(TopicPartition(tp.topic, tp.partition))
        done = meta.offset if meta is not None and meta.offset >= 0 else 0
        metrics.CONSUMER_LAG.labels(tp.topic, str(tp.partition)).set(max(0, end - done))


# ---------------------------------------------------------------------------------- web


@app.page("/healthz")
class Health(View):
    """Liveness: the event loop answers."""

    async def get(self, request: Request) -> Response:
        return self.json({"status": "ok"})


@app.page("/readyz")
class Ready(View):
    """Readiness: partitions assigned, templates installed and indexing not paused."""

    async def get(self, request: Request) -> Response:
        assigned = len(app.consumer.assignment()) if app.consumer else 0
        checks = {
            "kafka_assigned_partitions": assigned,
            "state_recovered": state_recovered.is_set(),
            "es_templates_installed": es_installed.is_set(),
            "es_paused": indexer.paused,
            "es_write_block": indexer.write_block,
        }
        ready = state_recovered.is_set() and es_installed.is_set() and not indexer.paused
        return self.json({"ready": ready, **checks}, status=200 if ready else 503)


@app.page("/metrics")
class Metrics(View):
    async def get(self, request: Request) -> Response:
        # aiohttp refuses a charset inside content_type; the exposition format is UTF-8 anyway.
        content_type = CONTENT_TYPE_LATEST.split("; charset")[0]
        return self.bytes(generate_latest(), content_type=content_type)
