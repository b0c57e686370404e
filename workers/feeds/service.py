"""``newsflow feeds run``: the feed runner wired to Kafka (raw topic, seen topic),
Elasticsearch (status index) and a small web server (/healthz, /metrics)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from dataclasses import dataclass
from typing import Any

import orjson
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from workers.feeds.config import FeedsConfig
from workers.feeds.fetching import Fetcher
from workers.feeds.politeness import Politeness
from workers.feeds.runner import FeedRunner, PollReport
from workers.feeds.seen import KafkaSeenLog, SeenState
from workers.feeds.status import StatusWriter
from workers.settings import Settings
from workers.stream.kafka import ensure_topics, producer, send_with_retry

log = logging.getLogger("newsflow.feeds")


@dataclass
class RunSummary:
    reports: list[PollReport]
    seen_at_start: int


def _web_app(runner: FeedRunner, seen: KafkaSeenLog) -> web.Application:
    async def healthz(request: web.Request) -> web.Response:
        healthy = seen.loaded.is_set()
        body = {"status": "ok" if healthy else "starting", **runner.health()}
        return web.Response(
            status=200 if healthy else 503,
            body=orjson.dumps(body),
            content_type="application/json",
        )

    async def metrics_view(request: web.Request) -> web.Response:
        return web.Response(body=generate_latest(), content_type=CONTENT_TYPE_LATEST.split(";")[0])

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_view)
    return app


async def run_feeds(
    config: FeedsConfig,
    settings: Settings,
    *,
    once: bool = False,
    stop: asyncio.Event | None = None,
) -> RunSummary:
    """Poll until ``stop`` is set (SIGINT/SIGTERM when run from the CLI), or one round."""
    stop = stop or asyncio.Event()
    await ensure_topics(settings.kafka, ["raw"])
    state = SeenState()
    seen = KafkaSeenLog(settings.kafka, state)
    defaults = config.defaults
    fetcher = Fetcher(
        user_agent=defaults.user_agent,
        timeout=defaults.timeout_seconds,
        max_redirects=defaults.max_redirects,
    )
    politeness = Politeness(
        fetcher,
        user_agent=defaults.user_agent,
        concurrency=defaults.host_concurrency,
        delay=defaults.host_delay_seconds,
        respect_robots=defaults.respect_robots,
        robots_ttl=defaults.robots_ttl_seconds,
    )
    status = StatusWriter(settings.es) if config.status_index else None
    raw_topic = settings.kafka.topic("raw")
    site: web.AppRunner | None = None
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(fetcher.close)
        kafka = await stack.enter_async_context(producer(settings.kafka))
        stack.push_async_callback(seen.stop)
        known = await seen.start()
        log.info("seen state loaded", extra={"entries": known, "topic": seen.topic})
        if status:
            await status.start()
            stack.push_async_callback(status.stop)

        async def publish(key: bytes, payload: bytes) -> None:
            await send_with_retry(kafka, raw_topic, key, payload)

        runner = FeedRunner(
            config=config,
            fetcher=fetcher,
            politeness=politeness,
            seen=state,
            publish=publish,
            remember=seen.remember,
            status=status or (lambda report: None),
        )
        if config.web_port and not once:
            site = web.AppRunner(_web_app(runner, seen), access_log=None)
            await site.setup()
            await web.TCPSite(site, config.web_bind, config.web_port).start()
            stack.push_async_callback(site.cleanup)
        if once:
            reports = await runner.poll_all()
            if status:
                for report in reports:
                    status(report)
        else:
            reports = await runner.run(stop)
        return RunSummary(reports, known)


def run_until_signalled(config: FeedsConfig, settings: Settings, once: bool) -> RunSummary:
    from workers import logs

    logs.configure(settings.log_format, settings.log_level)

    async def main() -> RunSummary:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
        return await run_feeds(config, settings, once=once, stop=stop)

    return asyncio.run(main())


def summary_lines(summary: RunSummary) -> list[str]:
    lines = []
    for r in summary.reports:
        detail: Any = f"{r.error_kind}: {r.error}" if r.outcome == "error" else r.format
        lines.append(
            f"{r.feed}: {r.outcome} ({detail}) items={r.items} new={r.new} "
            f"updated={r.updated} seen={r.seen} duplicate={r.duplicate} failed={r.failed}"
        )
    return lines
