"""The stream app. It reads like the data flow:

    <prefix>.articles.raw ──clean──▶ <prefix>.articles.clean ──extract──▶
    <prefix>.articles.enriched ──index──▶ Elasticsearch
                     any stage ──▶ <prefix>.articles.dlq  (original payload + reason)

Delivery: at-least-once consumption (Faust commits offsets only after the producer buffer is
flushed) plus idempotent Elasticsearch writes (``_id`` = article id, external version), so the
index ends exactly-once. Every agent runs with concurrency 1 and catches errors *inside* its loop:
Faust acks a ``take()`` batch in a ``finally`` even when the body raised, so an escaped exception
would lose the batch. Scale with partitions and worker processes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime
from typing import Any

import faust
from faust.web import Request, Response, View
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import ValidationError

from schemas.models import CleanArticle, EnrichedArticle, RejectReason
from workers import metrics
from workers.core.deadletter import Stage, dead_letter
from workers.core.errors import RejectedInput
from workers.core.factory import build_pipeline
from workers.core.ingest import parse_raw
from workers.es import ArticleIndexer, install, make_client
from workers.kafka import MAX_MESSAGE_BYTES, ssl_context
from workers.settings import Settings, get_settings

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


settings = get_settings()
app = faust.App(
    settings.worker.app_id,
    broker=[f"kafka://{h.strip()}" for h in settings.kafka.bootstrap_servers.split(",")],
    broker_credentials=broker_credentials(settings),
    store="memory://",
    topic_partitions=settings.kafka.partitions,
    topic_replication_factor=settings.kafka.replication_factor,
    processing_guarantee="at_least_once",
    consumer_auto_offset_reset="earliest",
    producer_acks=-1,
    producer_max_request_size=MAX_MESSAGE_BYTES,
    consumer_max_fetch_size=MAX_MESSAGE_BYTES,
    broker_commit_every=100,
    broker_commit_interval=1.0,
    web_enabled=settings.worker.web_enabled,
    web_port=settings.worker.web_port,
    web_bind=settings.worker.web_bind,
    datadir=str(settings.worker.data_dir),
    web_in_thread=False,
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

pipeline = build_pipeline(settings.processing)
es_client = make_client(settings.es)
indexer = ArticleIndexer(es_client, settings.es, settings.worker)
es_installed = asyncio.Event()


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
    await dlq_topic.send(key=key, value=letter.model_dump_json().encode())


# ---------------------------------------------------------------------------------- agents


@app.agent(raw_topic, concurrency=1)
async def clean(stream: faust.StreamT[bytes]) -> None:
    """Raw payload → validated RawArticle → CleanArticle on the clean topic."""
    async for event in stream.events():
        started = time.perf_counter()
        try:
            raw = parse_raw(event.value, settings.processing.max_input_bytes, _received_at(event))
            article = await asyncio.to_thread(pipeline.clean, raw)
        except Exception as exc:  # never let an error escape the loop
            stage: Stage = (
                "ingest"
                if isinstance(exc, RejectedInput) and exc.reason in INGEST_REASONS
                else "clean"
            )
            await send_dead_letter(stage, event, exc)
            metrics.ARTICLES.labels("clean", "dead_letter").inc()
            continue
        if article.duplicate_of:
            metrics.DUPLICATES.labels(
                "exact" if article.duplicate_similarity == 1.0 else "near"
            ).inc()
            if settings.processing.duplicates == "drop":
                metrics.ARTICLES.labels("clean", "dropped_duplicate").inc()
                continue
        await clean_topic.send(key=article.id.encode(), value=article.model_dump_json().encode())
        metrics.STAGE_SECONDS.labels("clean").observe(time.perf_counter() - started)
        metrics.ARTICLES.labels("clean", "ok").inc()


INGEST_REASONS = frozenset(
    {
        RejectReason.INVALID_UTF8,
        RejectReason.BINARY_PAYLOAD,
        RejectReason.INVALID_JSON,
        RejectReason.SCHEMA_VALIDATION,
        RejectReason.UNSUPPORTED_SCHEMA_VERSION,
        RejectReason.MISSING_CONTENT,
        RejectReason.OVERSIZE,
    }
)


@app.agent(clean_topic, concurrency=1)
async def extract(stream: faust.StreamT[bytes]) -> None:
    """CleanArticle → entities and claims → EnrichedArticle on the enriched topic."""
    async for event in stream.events():
        started = time.perf_counter()
        try:
            article = CleanArticle.model_validate_json(event.value)
            enriched = await asyncio.to_thread(pipeline.enrich, article)
        except Exception as exc:
            await send_dead_letter("extract", event, exc, _key(event))
            metrics.ARTICLES.labels("extract", "dead_letter").inc()
            continue
        await enriched_topic.send(
            key=enriched.id.encode(), value=enriched.model_dump_json().encode()
        )
        metrics.STAGE_SECONDS.labels("extract").observe(time.perf_counter() - started)
        metrics.ARTICLES.labels("extract", "ok").inc()


@app.agent(enriched_topic, concurrency=1)
async def index(stream: faust.StreamT[bytes]) -> None:
    """Bulk-write batches (size and time bound). The batch is acked when this body returns:
    only after Elasticsearch acknowledged every article or it went to the DLQ."""
    await es_installed.wait()
    async for events in stream.take_events(  # type: ignore[attr-defined]
        settings.worker.bulk_size, within=settings.worker.bulk_seconds
    ):
        try:
            await index_events(events)
        except Exception as exc:  # a bug or a whole-bulk 4xx: dead-letter, never drop
            log.exception("index batch failed")
            for event in events:
                await send_dead_letter("index", event, exc, _key(event))


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
    metrics.ES_PAUSED.set(0)
    outcome = await indexer.index(articles)
    metrics.BULK_SECONDS.observe(time.perf_counter() - started)
    metrics.VERSION_CONFLICTS.inc(outcome.version_conflicts)
    metrics.ARTICLES.labels("index", "ok").inc(len(outcome.indexed))
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
            "es_templates_installed": es_installed.is_set(),
            "es_paused": indexer.paused,
        }
        ready = es_installed.is_set() and not indexer.paused
        return self.json({"ready": ready, **checks}, status=200 if ready else 503)


@app.page("/metrics")
class Metrics(View):
    async def get(self, request: Request) -> Response:
        return self.bytes(generate_latest(), content_type=CONTENT_TYPE_LATEST)
