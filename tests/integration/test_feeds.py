"""`newsflow feeds run` for real: a local news site → feed process → Kafka raw topic → worker →
Elasticsearch; a restarted feed process fetches nothing twice (server hits are counted), and a
story rewritten later is indexed as its new version."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from bench.feeds.site import Entry, FeedSite, article_page, json_feed, rss
from schemas.documents import article_body

STORIES = {
    "/world/dam": (
        "River dam talks resume in the capital",
        "Amal Nasser",
        [
            "Negotiators from the three river states met again on Tuesday to discuss how the new "
            "dam will be filled, the first round of talks since the spring.",
            "The water minister said both sides had agreed to share flow data every week and to "
            "meet again before the rainy season begins.",
        ],
    ),
    "/economy/rail": (
        "Freight rail line doubles its cargo",
        None,
        [
            "The northern freight line carried twice as many containers this quarter as a year "
            "ago, the rail operator said in its quarterly report.",
            "Most of the new traffic comes from the port, which opened two more berths in March.",
        ],
    ),
    "/ar/bread": (
        "أسعار الخبز تبقى مستقرة",
        "سعاد يوسف",
        [
            "قالت وزارة التموين إن أسعار الخبز ستبقى مستقرة حتى نهاية العام، بعد أن تجاوز محصول "
            "القمح المحلي التوقعات بفضل الأمطار الغزيرة في الشتاء.",
            "وأضاف المتحدث باسم الوزارة أن المخازن الحكومية استقبلت كميات أكبر من العام الماضي.",
        ],
    ),
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def site() -> Iterator[FeedSite]:
    with FeedSite() as running:
        running.add("/robots.txt", body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
        for path, (title, _, paragraphs) in STORIES.items():
            encoding = "cp1256" if path.startswith("/ar/") else "utf-8"
            running.add(
                path,
                body=article_page(title, paragraphs).encode(encoding),
                content_type=f"text/html; charset={encoding}",
                etag=f'"{path}-1"',
            )
        entries = [
            Entry(running.url(path), title, author, 1_718_000_000 + n * 3600)
            for n, (path, (title, author, _)) in enumerate(STORIES.items())
        ]
        running.add("/rss.xml", body=rss(entries), content_type="application/rss+xml", etag='"r1"')
        # The JSON Feed repeats the first story: a duplicate across feeds (whichever feed
        # fetches it first gives its metadata, so both say the same here).
        running.add("/feed.json", body=json_feed(entries[:1]), content_type="application/feed+json")
        yield running


def _config(tmp: Path, site: FeedSite, web_port: int = 0) -> Path:
    path = tmp / "FEEDS.toml"
    path.write_text(
        f"""
web_port = {web_port}
status_index = true

[defaults]
poll_seconds = 0.5
host_delay_seconds = 0.0
timeout_seconds = 5

[[feed]]
url = "{site.url("/rss.xml")}"
name = "wire"
source = "wire.test"

[[feed]]
url = "{site.url("/feed.json")}"
name = "wire-json"
source = "wire.test"
""",
        encoding="utf-8",
    )
    return path


def _feeds_once(pipeline: Any, config: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "workers", "feeds", "run", str(config), "--once"],
        env={**pipeline.env, "NEWSFLOW_LOG_FORMAT": "text"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _counts(summary: str) -> dict[str, dict[str, int]]:
    """``feed: outcome (format) items=3 new=2 …`` lines → feed → counter → value."""
    counts: dict[str, dict[str, int]] = {}
    for line in summary.splitlines():
        feed, _, rest = line.partition(": ")
        counts[feed] = {
            key: int(value)
            for key, _, value in (word.partition("=") for word in rest.split())
            if value.isdigit()
        }
    return counts


def _search(pipeline: Any, text: str) -> list[dict[str, Any]]:
    alias = pipeline.settings.es.alias("articles")
    pipeline.es.indices.refresh(index=alias)
    hits = pipeline.es.search(index=alias, query={"match": {"title": text}})["hits"]["hits"]
    return [hit["_source"] for hit in hits]


def test_feed_articles_are_searchable_and_a_restart_fetches_nothing(pipeline, site, tmp_path):
    config = _config(tmp_path, site)
    first = _counts(_feeds_once(pipeline, config))
    # Both feeds poll at once; whichever fetches the shared story first, it is fetched once.
    assert first["wire"]["items"] == 3 and first["wire-json"]["items"] == 1, first
    assert sum(c["new"] for c in first.values()) == 3, first
    assert sum(c["duplicate"] for c in first.values()) == 1, first
    pipeline.start_worker()
    pipeline.wait_for_count(3, timeout=120)

    [dam] = _search(pipeline, "dam talks resume")
    assert dam["source"] == "wire.test" and dam["author"] == "Amal Nasser"
    assert dam["published_at"].startswith("2024-06-10T06:13:20")
    assert "flow data every week" in article_body(dam)
    [bread] = _search(pipeline, "أسعار الخبز")
    assert "محصول القمح" in article_body(bread)  # windows-1256 page decoded
    page_hits = {path: site.hits[path] for path in STORIES}
    assert set(page_hits.values()) == {1}

    # Restart: the new process reads the seen topic and fetches no page again.
    second = _feeds_once(pipeline, config)
    assert "wire: not_modified" in second, second  # conditional GET on the RSS feed (ETag)
    assert "wire-json: ok (jsonfeed) items=1 new=0 updated=0 seen=1" in second, second
    assert {path: site.hits[path] for path in STORIES} == page_hits

    # The rail story is rewritten and the feed says so: indexed again as a new version.
    rail = STORIES["/economy/rail"]
    site.routes["/economy/rail"].body = article_page(
        "Freight rail line triples its cargo", [*rail[2], "Update: the figure was revised up."]
    ).encode()
    site.routes["/economy/rail"].etag = '"/economy/rail-2"'
    entries = [
        Entry(site.url(path), title, author, 1_718_000_000 + n * 3600)
        for n, (path, (title, author, _)) in enumerate(STORIES.items())
    ]
    entries[1] = Entry(site.url("/economy/rail"), "Freight rail line triples its cargo")
    site.routes["/rss.xml"].body = rss(entries)
    site.routes["/rss.xml"].etag = '"r2"'
    third = _feeds_once(pipeline, config)
    assert "wire: ok (rss20) items=3 new=0 updated=1 seen=2" in third, third
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _search(pipeline, "triples"):
        time.sleep(0.5)
    [updated] = _search(pipeline, "triples")
    assert "revised up" in article_body(updated)
    assert pipeline.count() == 3  # the same article id, a newer version: no new document
    assert site.hits["/world/dam"] == 1 and site.hits["/ar/bread"] == 1

    # Every poll left a status document for the Kibana feed-health panel.
    assert pipeline.count("feeds") >= 6


def test_long_running_feed_process_serves_health_and_metrics(pipeline, site, tmp_path):
    port = _free_port()
    config = _config(tmp_path, site, web_port=port)
    log = (tmp_path / "feeds.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "workers", "feeds", "run", str(config)],
        env=pipeline.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        health: dict[str, Any] = {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    health = orjson.loads(r.read())
                    if len(health.get("feeds", {})) == 2:
                        break
            except OSError:
                assert process.poll() is None, (tmp_path / "feeds.log").read_text()
            time.sleep(0.3)
        assert health["status"] == "ok" and set(health["feeds"]) == {"wire", "wire-json"}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
            metrics = r.read().decode()
        assert 'newsflow_feed_polls_total{feed="wire"' in metrics
        assert 'newsflow_feed_seconds_since_last_new_item{feed="wire"}' in metrics
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0, (tmp_path / "feeds.log").read_text()[-2000:]


def test_two_feed_processes_share_the_seen_topic_while_running(pipeline):
    import asyncio

    from workers.feeds.seen import KafkaSeenLog, SeenEntry, SeenState

    async def run() -> None:
        first_state, second_state = SeenState(), SeenState()
        first = KafkaSeenLog(pipeline.settings.kafka, first_state)
        second = KafkaSeenLog(pipeline.settings.kafka, second_state)
        await first.start()
        await second.start()
        try:
            entry = SeenEntry(fingerprints={"wire": "abc"}, page="p1")
            await first.remember("https://shared.test/story", entry)
            for _ in range(100):  # the second process follows the topic while it runs
                if second_state.get("https://shared.test/story") == entry:
                    break
                await asyncio.sleep(0.1)
            assert second_state.get("https://shared.test/story") == entry
        finally:
            await first.stop()
            await second.stop()
        # A third process started afterwards reads it at start.
        third_state = SeenState()
        third = KafkaSeenLog(pipeline.settings.kafka, third_state)
        try:
            assert await third.start() >= 1
            assert third_state.get("https://shared.test/story") is not None
        finally:
            await third.stop()

    async def cleanup_policy() -> str:
        from aiokafka.admin import AIOKafkaAdminClient
        from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

        from workers.feeds.seen import seen_topic
        from workers.stream.kafka import client_options

        admin = AIOKafkaAdminClient(**client_options(pipeline.settings.kafka))
        await admin.start()
        try:
            topic = seen_topic(pipeline.settings.kafka)
            [described] = await admin.describe_configs(
                [ConfigResource(ConfigResourceType.TOPIC, topic)]
            )
        finally:
            await admin.close()
        [resource] = described.resources
        return next(str(c[1]) for c in resource[4] if c[0] == "cleanup.policy")

    asyncio.run(run())
    assert asyncio.run(cleanup_policy()) == "compact"
