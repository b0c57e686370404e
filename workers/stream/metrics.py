"""Prometheus metrics of a worker (served at /metrics)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

ARTICLES = Counter("newsflow_articles_total", "Articles leaving a stage.", ["stage", "outcome"])
STAGE_SECONDS = Histogram(
    "newsflow_stage_seconds",
    "Processing time per article and stage.",
    ["stage"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DEAD_LETTERS = Counter(
    "newsflow_dead_letters_total", "Records sent to the dead-letter topic.", ["stage", "reason"]
)
DUPLICATES = Counter("newsflow_duplicates_total", "Articles marked as duplicates.", ["kind"])
BULK_SECONDS = Histogram(
    "newsflow_es_bulk_seconds",
    "Elasticsearch bulk request latency (incl. retries).",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
BULK_ERRORS = Counter(
    "newsflow_es_bulk_errors_total", "Documents Elasticsearch rejected for good.", ["status"]
)
BULK_RETRIES = Counter(
    "newsflow_es_bulk_retries_total",
    "Transient bulk failures retried (timeouts, connection errors, 429/5xx).",
    ["cause"],
)
VERSION_CONFLICTS = Counter(
    "newsflow_es_version_conflicts_total", "Replays skipped because ES had a newer/equal version."
)
CONSUMER_LAG = Gauge(
    "newsflow_consumer_lag",
    "Messages behind the log end, per assigned topic partition (end offset minus committed).",
    ["topic", "partition"],
)
ES_PAUSED = Gauge("newsflow_es_paused", "1 while indexing waits for Elasticsearch.")
ES_WRITE_BLOCKED = Gauge(
    "newsflow_es_write_blocked",
    "1 while Elasticsearch refuses writes with a cluster or index block (e.g. flood-stage disk "
    "watermark); the log names the block.",
)
PROCESSING_CPU = Gauge(
    "newsflow_processing_cpu_seconds",
    "CPU seconds the processing thread spent cleaning and extracting (only grows). The "
    "process's CPU minus this is what the streaming itself costs.",
)
