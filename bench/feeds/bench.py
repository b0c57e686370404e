"""Feed benchmark against a local site (bench/feeds/site.py) on 127.0.0.1.

1. **pages/s per feed process** (no Kafka): one RSS feed listing N article pages, one poll with
   publishing in memory; wall time, CPU time of the process (the server runs in threads of the
   same process, so CPU includes serving — an upper bound for the feed side), pages/s.
2. **fetch → searchable** (``--e2e``, needs ``newsflow stack up``): the same poll publishing to
   Kafka under a fresh topic/index prefix with a real worker; per article, the time from its
   ``fetched_at`` until it is found by search. p50/p90/max.

    python -m bench.feeds.bench --pages 400 [--e2e]

Figures on a shared 2-core box are noisy: compare ratios, rerun before believing a change.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from bench.feeds.site import Entry, FeedSite, article_page, rss
from workers.feeds.config import FeedDefaults, FeedsConfig, FeedSpec
from workers.feeds.fetching import Fetcher
from workers.feeds.politeness import Politeness
from workers.feeds.runner import FeedRunner
from workers.feeds.seen import SeenEntry, SeenState

PARAGRAPHS = [
    "The regional council approved the budget for the coming year after a long session, with "
    "most of the new spending going to schools, roads and the water network.",
    "Opposition members said the plan relied on optimistic revenue forecasts and asked for a "
    "review in six months; the council's finance chair agreed to report back in the autumn.",
    "Residents who attended the meeting asked about bus services to the outlying villages, "
    "which were cut last year and have not been restored.",
] * 6  # about 9 KB of HTML per page, a typical article page without its scripts


def build_site(pages: int) -> FeedSite:
    site = FeedSite().start()
    site.add("/robots.txt", body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
    entries = []
    for n in range(pages):
        path = f"/news/{n}"
        title = f"Council budget story number {n} {uuid.uuid4().hex[:6]}"
        site.add(path, body=article_page(title, PARAGRAPHS).encode())
        entries.append(Entry(site.url(path), title, "Bench Writer", 1_718_000_000 + n))
    site.add("/rss.xml", body=rss(entries), content_type="application/rss+xml")
    return site


def config(site: FeedSite, concurrency: int) -> FeedsConfig:
    return FeedsConfig(
        feed=[FeedSpec(url=site.url("/rss.xml"), name="bench")],
        defaults=FeedDefaults(
            host_delay_seconds=0,
            host_concurrency=concurrency,
            concurrency=concurrency,
            max_items_per_poll=100_000,
        ),
        status_index=False,
        web_port=0,
    )


async def pages_per_second(pages: int, concurrency: int) -> dict[str, Any]:
    site = build_site(pages)
    cfg = config(site, concurrency)
    fetcher = Fetcher(user_agent="bench", timeout=30, max_redirects=3)
    politeness = Politeness(
        fetcher, user_agent="bench", concurrency=concurrency, delay=0, respect_robots=True,
        robots_ttl=3600,
    )  # fmt: skip
    published: list[bytes] = []
    state = SeenState()

    async def publish(key: bytes, payload: bytes) -> None:
        published.append(payload)

    async def remember(key: str, entry: SeenEntry) -> None:
        state.put(key, entry)

    runner = FeedRunner(cfg, fetcher, politeness, state, publish, remember)
    cpu, wall = time.process_time(), time.perf_counter()
    [report] = await runner.poll_all()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    await fetcher.close()
    site.stop()
    assert report.new == pages, report
    return {
        "pages": pages,
        "host_concurrency": concurrency,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "pages_per_s": round(pages / wall, 1),
        "cpu_ms_per_page": round(1000 * cpu / pages, 2),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch_to_searchable(pages: int, concurrency: int) -> dict[str, Any]:
    from elasticsearch import Elasticsearch

    from workers.feeds.service import run_feeds
    from workers.ops.stack import spawn_worker
    from workers.settings import Settings

    tag = f"fb{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "NEWSFLOW_KAFKA__TOPIC_PREFIX": tag,
        "NEWSFLOW_ES__INDEX_PREFIX": tag,
        "NEWSFLOW_WORKER__APP_ID": tag,
    }
    os.environ.update({k: v for k, v in env.items() if k.startswith("NEWSFLOW_")})
    settings = Settings()
    tmp = Path(tempfile.mkdtemp(prefix="feeds-bench-"))
    port = _free_port()
    worker = spawn_worker(tmp / "worker.log", web_port=port, data_dir=tmp / "data", env=env)
    es = Elasticsearch(settings.es.url.split(",")[0])
    alias = settings.es.alias("articles")
    try:
        _wait_ready(port, worker)
        site = build_site(pages)
        started = time.time()
        asyncio.run(run_feeds(config(site, concurrency), settings, once=True))
        feed_done = time.time() - started
        found: dict[str, float] = {}
        fetched: dict[str, float] = {}
        deadline = time.time() + 300
        while len(found) < pages and time.time() < deadline:
            if es.indices.exists_alias(name=alias):
                es.indices.refresh(index=alias)
                hits = es.search(
                    index=alias, size=pages, source=["id", "fetched_at"], query={"match_all": {}}
                )["hits"]["hits"]
                now = time.time()
                for hit in hits:
                    doc = hit["_source"]
                    if doc["id"] not in found:
                        found[doc["id"]] = now
                        fetched[doc["id"]] = datetime.fromisoformat(doc["fetched_at"]).timestamp()
            time.sleep(0.2)
        site.stop()
        latencies = sorted(found[i] - fetched[i] for i in found)
        return {
            "pages": pages,
            "searchable": len(found),
            "poll_and_publish_s": round(feed_done, 2),
            "fetch_to_searchable_p50_s": round(statistics.median(latencies), 2),
            "fetch_to_searchable_p90_s": round(latencies[int(0.9 * (len(latencies) - 1))], 2),
            "fetch_to_searchable_max_s": round(latencies[-1], 2),
            "note": "search polled every ~0.2 s + refresh; worker defaults (bulk_seconds, refresh)",
        }
    finally:
        worker.terminate()
        worker.wait(timeout=60)


def _wait_ready(port: int, worker: Any) -> None:
    import urllib.request

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError("worker exited")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
                if r.status == 200 and orjson.loads(r.read())["kafka_assigned_partitions"]:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("worker not ready in 120 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8, help="host_concurrency")
    parser.add_argument("--e2e", action="store_true", help="also fetch→searchable (needs stack)")
    args = parser.parse_args(argv)
    for concurrency in sorted({1, args.concurrency}):
        result = asyncio.run(pages_per_second(args.pages, concurrency))
        print(orjson.dumps({"bench": "pages_per_s", **result}).decode())
    if args.e2e:
        result = fetch_to_searchable(args.pages, args.concurrency)
        print(orjson.dumps({"bench": "fetch_to_searchable", **result}).decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
