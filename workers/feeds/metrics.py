"""Prometheus metrics of a feed process (served at /metrics next to /healthz)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from prometheus_client import REGISTRY, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

POLLS = Counter("newsflow_feed_polls_total", "Feed polls by outcome.", ["feed", "outcome"])
ITEMS = Counter(
    "newsflow_feed_items_total",
    "Feed items by what happened: new, updated (content changed, produced again), seen, "
    "unchanged (feed entry changed, page did not), duplicate (already from another feed), "
    "failed.",
    ["feed", "state"],
)
ERRORS = Counter(
    "newsflow_feed_errors_total",
    "Feed and page fetch problems by kind (timeout, http_404, malformed_xml, too_large, …).",
    ["feed", "stage", "kind"],
)
PAGE_SECONDS = Histogram(
    "newsflow_feed_page_fetch_seconds",
    "Time to fetch one article page (after politeness waits).",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)

LAST_NEW: dict[str, float] = {}
"""Feed label → Unix time of its last new item (or of the process start, until one comes)."""


class _SinceLastNew(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        gauge = GaugeMetricFamily(
            "newsflow_feed_seconds_since_last_new_item",
            "Seconds since the feed last gave a new item (since start if none yet).",
            labels=["feed"],
        )
        now = time.time()
        for feed, at in sorted(LAST_NEW.items()):
            gauge.add_metric([feed], max(0.0, now - at))
        yield gauge


REGISTRY.register(_SinceLastNew())
