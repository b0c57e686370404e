"""End-to-end benchmark on a running stack; prints figures and ratios (never asserts a time).

    python -m bench.e2e.bench                 (or: newsflow bench)
    python -m bench.e2e.bench --articles 3000 --bootstrap 127.0.0.1:19092 --es-url http://127.0.0.1:19200

Parts, each on fresh topics, indices and consumer groups:

1. **Throughput**, 1 worker and then 2 workers: a backlog of ``--articles`` synthetic ar/en
   articles is produced first, then the workers start; articles/s is the drain rate from the
   first to the last article searchable (worker start-up excluded).
2. **Bare relay** on the same backlog: an aiokafka consumer bulk-indexing the raw records into
   Elasticsearch without any processing, batches and commits like the worker. The ratio
   pipeline/relay says what the processing costs against the transport alone.
3. **Latency**: one worker fed at a steady ``--latency-rate`` (below capacity); each article's
   produce→searchable time (searchable = found by a search, i.e. after the index refresh).
4. **Stages**: in-process micro-benchmark of parse, clean (text and HTML), entities, claims and
   document building on one core.
5. **Memory**: resident memory of each worker (with its HTML extraction process) after its run.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from bench.e2e.harness import Pipeline, wait_until
from workers.ops.synthetic import synthetic_articles
from workers.settings import get_settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "feed"


def backlog(count: int, prefix: str) -> list[tuple[bytes | None, bytes]]:
    return [(a["id"].encode(), orjson.dumps(a)) for a in synthetic_articles(count, prefix=prefix)]


# ---------------------------------------------------------------------------------- throughput


def throughput(args: argparse.Namespace, workers: int, workdir: Path) -> dict[str, Any]:
    pipeline = Pipeline(args.bootstrap, args.es_url, workdir / f"workers-{workers}")
    try:
        pipeline.produce(backlog(args.articles, f"tp{workers}"))
        started_workers = time.monotonic()
        running = [pipeline.start_worker(wait_ready=False) for _ in range(workers)]
        # The drain starts at the first indexed article: start-up (imports, KB load, group
        # join) is not throughput.
        wait_until(lambda: pipeline.count() > 0, 300, "nothing indexed")
        first = time.monotonic()
        wait_until(lambda: pipeline.count() >= args.articles, 1800, "backlog not drained")
        drained = time.monotonic()
        rss = [round(pipeline.rss_mib(w)) for w in running]
        cpu = [_cpu_seconds(w.process.pid) for w in running]
        return {
            "workers": workers,
            "articles": args.articles,
            "startup_s": round(first - started_workers, 1),
            "drain_s": round(drained - first, 1),
            "articles_per_s": round(args.articles / (drained - first), 1),
            "rss_mib": rss,
            "worker_cpu_s": [round(c, 1) for c in cpu],
        }
    finally:
        pipeline.stop_all()


def _cpu_seconds(pid: int) -> float:
    """User+system CPU of a process and its reaped children, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    import os

    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(v) for v in fields[11:15]) / ticks


# ---------------------------------------------------------------------------------- relay


def _relay_index_body(analyzed: bool) -> dict[str, Any]:
    """The raw records' title and text as full text (other strings as keywords): with the
    standard analyzer only, or also with the index template's Arabic and English sub-fields
    (what an article's title and body get), to measure what the language analysis costs."""
    from schemas.mappings import ANALYSIS, LANGUAGE_ANALYZERS

    text: dict[str, Any] = {"type": "text", "analyzer": "standard"}
    settings: dict[str, Any] = {}
    if analyzed:
        text["fields"] = {
            lang: {"type": "text", "analyzer": name} for lang, name in LANGUAGE_ANALYZERS.items()
        }
        settings["analysis"] = ANALYSIS
    return {
        "settings": settings,
        "mappings": {
            "dynamic_templates": [
                {
                    "prose": {
                        "match_mapping_type": "string",
                        "match_pattern": "regex",
                        "match": "^(title|text)$",
                        "mapping": text,
                    }
                },
                {"strings": {"match_mapping_type": "string", "mapping": {"type": "keyword"}}},
            ]
        },
    }


def relay(args: argparse.Namespace, workdir: Path, analyzed: bool = False) -> dict[str, Any]:
    """aiokafka consumer → Elasticsearch bulk of the same records, no processing."""
    from aiokafka import AIOKafkaConsumer
    from elasticsearch import AsyncElasticsearch

    from workers.stream.kafka import client_options

    name = "relay-analyzed" if analyzed else "relay"
    pipeline = Pipeline(args.bootstrap, args.es_url, workdir / name)
    pipeline.produce(backlog(args.articles, name))
    index = f"{pipeline.tag}-{name}"
    batch_size = get_settings().worker.bulk_size

    async def run() -> float:
        client = AsyncElasticsearch(args.es_url, request_timeout=60)
        consumer = AIOKafkaConsumer(
            pipeline.settings.kafka.topic("raw"),
            **client_options(pipeline.settings.kafka),
            group_id=f"{pipeline.tag}-relay",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        await client.indices.create(index=index, **_relay_index_body(analyzed))
        await consumer.start()
        cpu_before = await _es_cpu_ms(client)
        done, first = 0, 0.0
        try:
            while done < args.articles:
                batches = await consumer.getmany(timeout_ms=500, max_records=batch_size)
                records = [m for messages in batches.values() for m in messages]
                if not records:
                    continue
                first = first or time.monotonic()
                operations: list[dict[str, Any]] = []
                for record in records:
                    document = orjson.loads(record.value or b"{}")
                    operations.append({"index": {"_index": index, "_id": document["id"]}})
                    operations.append(document)
                await client.bulk(operations=operations)
                await consumer.commit()
                done += len(records)
            await client.indices.refresh(index=index)
            cpu_ms.append(await _es_cpu_ms(client) - cpu_before)
            return time.monotonic() - first
        finally:
            await consumer.stop()
            await client.close()

    cpu_ms: list[int] = []
    drain = asyncio.run(run())
    return {
        "articles": args.articles,
        "drain_s": round(drain, 2),
        "articles_per_s": round(args.articles / drain, 1),
        # CPU the Elasticsearch process spent meanwhile: steadier than wall time on a busy host
        "es_cpu_ms_per_article": round(cpu_ms[0] / args.articles, 3),
    }


async def _es_cpu_ms(client: Any) -> int:
    stats = await client.nodes.stats(metric="process")
    return sum(node["process"]["cpu"]["total_in_millis"] for node in stats["nodes"].values())


# ---------------------------------------------------------------------------------- latency


def latency(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    pipeline = Pipeline(args.bootstrap, args.es_url, workdir / "latency")
    total = int(args.latency_rate * args.latency_seconds)
    articles = list(synthetic_articles(total, prefix="lat", seed=3))
    sent_at: dict[str, float] = {}
    seen_at: dict[str, float] = {}
    try:
        pipeline.produce([])  # topics
        pipeline.start_worker()
        stop = threading.Event()
        poller = threading.Thread(target=_poll, args=(pipeline, seen_at, stop), daemon=True)
        poller.start()

        async def feed() -> None:
            from workers.stream.kafka import producer

            topic = pipeline.settings.kafka.topic("raw")
            async with producer(pipeline.settings.kafka) as instance:
                interval = 1 / args.latency_rate
                began = time.monotonic()
                for n, article in enumerate(articles):
                    await asyncio.sleep(max(0.0, began + n * interval - time.monotonic()))
                    await instance.send_and_wait(
                        topic, key=article["id"].encode(), value=orjson.dumps(article)
                    )
                    sent_at[article["id"]] = time.time()

        asyncio.run(feed())
        wait_until(lambda: len(seen_at) >= total, 300, "latency articles not all searchable")
        stop.set()
        poller.join()
    finally:
        pipeline.stop_all()
    samples = sorted(seen_at[i] - sent_at[i] for i in sent_at if i in seen_at)
    return {
        "articles": total,
        "rate_per_s": args.latency_rate,
        "p50_s": round(_quantile(samples, 0.50), 3),
        "p90_s": round(_quantile(samples, 0.90), 3),
        "p99_s": round(_quantile(samples, 0.99), 3),
        "max_s": round(samples[-1], 3),
        "note": "searchable = returned by a search (index refresh interval 1 s included); "
        "polled every 0.1 s",
    }


def _poll(pipeline: Pipeline, seen_at: dict[str, float], stop: threading.Event) -> None:
    client = pipeline.es()
    alias = pipeline.settings.es.alias("articles")
    try:
        while not stop.is_set():
            try:
                hits = client.search(
                    index=alias,
                    query={"range": {"indexed_at": {"gte": "now-20s"}}},
                    source_includes=["id"],
                    size=5000,
                )["hits"]["hits"]
            except Exception:
                hits = []
            now = time.time()
            for hit in hits:
                seen_at.setdefault(hit["_source"]["id"], now)
            time.sleep(0.1)
    finally:
        client.close()


def _quantile(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    return samples[min(len(samples) - 1, int(q * len(samples)))]


# ---------------------------------------------------------------------------------- stages


def stages(count: int) -> dict[str, Any]:
    """Per-article milliseconds of each stage, in process on one core."""
    from datetime import UTC, datetime

    from workers.core.documents import article_document, claim_documents
    from workers.core.factory import build_pipeline
    from workers.core.ingest import parse_raw
    from workers.core.inputs import read_inputs

    pipeline = build_pipeline(get_settings().processing)
    payloads = [orjson.dumps(a) for a in synthetic_articles(count, prefix="stage", seed=9)]
    html = [r.payload for r in read_inputs([SAMPLES]) if b'"html"' in r.payload]
    results: dict[str, Any] = {}

    def timed(name: str, items: list[Any], fn: Callable[[Any], Any]) -> list[Any]:
        fn(items[0])  # warm caches and lazy loads outside the measurement
        started = time.perf_counter()
        out = [fn(item) for item in items]
        per = (time.perf_counter() - started) / len(items)
        results[name] = {"ms_per_article": round(per * 1000, 3), "per_s": round(1 / per, 1)}
        return out

    raws = timed("parse+validate", payloads, lambda p: parse_raw(p, 2_000_000))
    cleaned = timed("clean (text)", raws, pipeline.clean)
    if html:
        html_raws = [parse_raw(p, 2_000_000) for p in html] * max(1, 30 // len(html))
        timed("clean (html page)", html_raws, pipeline.clean)
    entities = timed("entities", cleaned, pipeline.entity_extractor)
    timed(
        "claims",
        list(zip(cleaned, entities, strict=True)),
        lambda pair: pipeline.claim_extractor(*pair),
    )
    enriched = [pipeline.enrich(c) for c in cleaned]
    now = datetime.now(UTC)
    timed(
        "ES documents",
        enriched,
        lambda a: (article_document(a, now).model_dump_json(), list(claim_documents(a))),
    )
    timed("whole pipeline", raws, pipeline.process)
    return results


# ---------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(
        prog="newsflow bench", description="newsflow end-to-end benchmark"
    )
    parser.add_argument("--articles", type=int, default=2000, help="backlog size per run")
    parser.add_argument("--bootstrap", default=settings.kafka.bootstrap_servers)
    parser.add_argument("--es-url", default=settings.es.url)
    parser.add_argument("--latency-rate", type=float, default=10.0, help="articles/s")
    parser.add_argument("--latency-seconds", type=float, default=30.0)
    parser.add_argument("--stage-articles", type=int, default=300)
    parser.add_argument(
        "--only",
        choices=["throughput", "relay", "latency", "stages"],
        action="append",
        help="run only these parts (repeatable)",
    )
    args = parser.parse_args(argv)
    parts = set(args.only or ["throughput", "relay", "latency", "stages"])
    workdir = Path(tempfile.mkdtemp(prefix="newsflow-bench-"))
    report: dict[str, Any] = {}
    print(f"stack: kafka {args.bootstrap}, elasticsearch {args.es_url}; work dir {workdir}")
    if "stages" in parts:
        report["stages"] = stages(args.stage_articles)
        _print("stage micro-benchmarks (one core, in process)", report["stages"])
    if "throughput" in parts:
        for n in (1, 2):
            report[f"pipeline_{n}_worker"] = throughput(args, n, workdir)
            _print(f"pipeline, {n} worker(s)", report[f"pipeline_{n}_worker"])
    if "relay" in parts:
        report["relay"] = relay(args, workdir)
        _print("bare relay (aiokafka → ES bulk, no processing)", report["relay"])
        report["relay_analyzed"] = relay(args, workdir, analyzed=True)
        _print(
            "bare relay into text fields with the Arabic/English analyzers",
            report["relay_analyzed"],
        )
    if "latency" in parts:
        report["latency"] = latency(args, workdir)
        _print("produce → searchable latency (1 worker)", report["latency"])
    one, two = report.get("pipeline_1_worker"), report.get("pipeline_2_worker")
    ratios: dict[str, Any] = {}
    if one and two:
        ratios["2 workers / 1 worker"] = round(two["articles_per_s"] / one["articles_per_s"], 2)
    if "relay_analyzed" in report:
        plain, analyzed = report["relay"], report["relay_analyzed"]
        ratios["relay with language analyzers / without"] = round(
            analyzed["articles_per_s"] / plain["articles_per_s"], 3
        )
        ratios["same, by ES CPU per article (without / with)"] = round(
            plain["es_cpu_ms_per_article"] / analyzed["es_cpu_ms_per_article"], 3
        )
    if one and "relay" in report:
        ratios["pipeline (1 worker) / bare relay"] = round(
            one["articles_per_s"] / report["relay"]["articles_per_s"], 3
        )
    if two and "relay" in report:
        ratios["pipeline (2 workers) / bare relay"] = round(
            two["articles_per_s"] / report["relay"]["articles_per_s"], 3
        )
    if ratios:
        _print("ratios", ratios)
    (workdir / "report.json").write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2))
    print(f"\nfull report: {workdir / 'report.json'}")
    return 0


def _print(title: str, figures: dict[str, Any]) -> None:
    print(f"\n{title}")
    for key, value in figures.items():
        print(f"  {key:<36} {value}")


if __name__ == "__main__":
    sys.exit(main())
