"""``newsflow demo``: the main job end to end on the local stack.

Starts Kafka and Elasticsearch (downloading them the first time), installs the index templates,
starts one worker in the background, produces the sample feed (and ``../shared/seeds`` when
present), waits until every article is searchable, and prints a few searches.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from pathlib import Path

from elasticsearch import Elasticsearch
from rich.console import Console

from workers.cli.render import render_article_hit, render_claim_hit
from workers.core.inputs import read_inputs
from workers.ops.stack import StackConfig, read_pid, spawn_worker, stop_service, up
from workers.settings import Settings
from workers.stream.es import SearchRequest, make_client, search_articles, search_claims
from workers.stream.producing import produce_inputs, record_key

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_FEED = ROOT / "samples" / "feed"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
DEMO_SEARCHES: list[SearchRequest] = [
    SearchRequest(entity="Putin", size=5),
    SearchRequest(query="تحلية مياه البحر", size=3),
    SearchRequest(query="strike", lang="en", size=3),
]
DEMO_CLAIMS = SearchRequest(speaker="Stoltenberg", size=5)


DEMO_WORKER = "worker-demo"
"""Its pid file sits beside the stack's, so `newsflow stack down` can stop it the same way."""


def worker_pid_file(settings: Settings) -> Path:
    return StackConfig.from_settings(settings).pid_file(DEMO_WORKER)


def start_background_worker(settings: Settings, console: Console) -> None:
    pid_file = worker_pid_file(settings)
    if read_pid(pid_file):
        console.print(f"worker already running (pid {pid_file.read_text().strip()})")
        return
    log_path = settings.stack_dir.resolve() / "worker-demo.log"
    process = spawn_worker(log_path, new_session=True, detach_stdin=True)
    pid_file.write_text(str(process.pid))
    url = f"http://127.0.0.1:{settings.worker.web_port}/readyz"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the worker exited; see {log_path}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    console.print(f"worker ready (pid {process.pid}, log {log_path})")
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the worker was not ready within 120 s; see {log_path}")


def stop_background_worker(settings: Settings) -> bool:
    return stop_service(StackConfig.from_settings(settings), DEMO_WORKER)


def wait_until_searchable(settings: Settings, ids: set[str], timeout: float = 180) -> float:
    client = Elasticsearch(settings.es.url.split(",")[0])
    alias = settings.es.alias("articles")
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if client.indices.exists_alias(name=alias):
            client.indices.refresh(index=alias)
            found = client.search(
                index=alias, query={"ids": {"values": sorted(ids)}}, size=0, track_total_hits=True
            )
            if found["hits"]["total"]["value"] >= len(ids):
                return time.monotonic() - started
        time.sleep(0.5)
    raise RuntimeError(f"not all {len(ids)} articles were indexed within {timeout:.0f} s")


def refresh_all(settings: Settings) -> None:
    """Claims are written in the same bulk as their article; make them visible now too."""
    client = Elasticsearch(settings.es.url.split(",")[0])
    client.indices.refresh(index=f"{settings.es.alias('articles')},{settings.es.alias('claims')}")


async def _print_searches(settings: Settings, console: Console) -> None:
    client = make_client(settings.es)
    try:
        for request in DEMO_SEARCHES:
            label = " ".join(
                f"{k}={v!r}" for k, v in vars(request).items() if v is not None and k != "size"
            )
            response = await search_articles(client, settings.es, request)
            console.rule(f"[bold]newsflow search {label}")
            console.print(f"{response['hits']['total']['value']} articles found")
            for hit in response["hits"]["hits"]:
                console.print(render_article_hit(hit))
        response = await search_claims(client, settings.es, DEMO_CLAIMS)
        console.rule(f"[bold]newsflow search --speaker {DEMO_CLAIMS.speaker}")
        console.print(f"{response['hits']['total']['value']} claims found")
        for hit in response["hits"]["hits"]:
            console.print(render_claim_hit(hit))
    finally:
        await client.close()


def run_demo(settings: Settings, console: Console) -> None:
    cfg = StackConfig.from_settings(settings)
    with console.status("starting Kafka and Elasticsearch (first run downloads them)…"):
        timings = up(cfg)
    console.print(f"stack up in {timings['total_s']:.1f}s")
    start_background_worker(settings, console)
    inputs = [SAMPLE_FEED] + ([SHARED_SEEDS] if SHARED_SEEDS.is_dir() else [])
    records = list(read_inputs(inputs))
    ids = {
        key.decode()
        for r in records
        if (key := record_key(r.payload, settings.processing.max_input_bytes))
    }
    produced = asyncio.run(produce_inputs(inputs, settings))
    console.print(f"produced {produced} articles from {', '.join(str(p) for p in inputs)}")
    waited = wait_until_searchable(settings, ids)
    console.print(f"all {len(ids)} articles searchable {waited:.1f}s after produce")
    refresh_all(settings)
    asyncio.run(_print_searches(settings, console))
    console.rule()
    console.print(
        "The worker keeps running. Try `newsflow search …`, `newsflow produce PATH`, "
        "`newsflow dlq show`; stop everything with `newsflow stack down`.",
        highlight=False,
    )
