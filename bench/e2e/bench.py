"""End-to-end benchmark on a running stack; prints figures and ratios (never asserts a time).

    python -m bench.e2e.bench                 (or: newsflow bench)
    newsflow bench --feed ../shared/data/feeds/en-news.jsonl.gz --articles 600
    python -m bench.e2e.bench --articles 3000 --bootstrap 127.0.0.1:19092 --es-url http://127.0.0.1:19200

Articles come from ``--feed`` (a JSON-lines file, gzip or not, of RawArticle-shaped records: a
real feed replayed in file order) or, by default, from the synthetic ar/en generator.

Parts, each on fresh topics, indices and consumer groups:

1. **Throughput**, 1 worker and then 2 workers: the workers start on empty topics and become
   ready; then ``--articles`` articles are produced at once and drained. articles/s and
   characters/s run from the first produce to the last article searchable; the workers' CPU
   (user+system from /proc, robust to a loaded machine) is read when they are ready and after
   the drain, so CPU ms per article is the streaming worker's whole cost, start-up excluded.
   Per-stage ms come from the workers' own ``newsflow_stage_seconds``. Before the backlog,
   the ready workers are watched idle for ``--idle-seconds``: their idle CPU rate is reported,
   and a CPU per article without it (idle-corrected) next to the raw one.
2. **In process** on the same articles: parse, clean, entities, claims and the Elasticsearch
   documents in one process (CPU time), before the first worker run and after each
   (``--repeats`` repeats the worker runs). The ratio of the medians, worker/in-process, is
   the streaming overhead (raw: the issue's figure; idle-corrected: without the fixed rate).
   The host's speed drifts between runs (the same in-process run measured 30–40 ms an Arabic
   article within an hour here), so each worker run also reports its whole CPU against its
   own processing thread's (``newsflow_processing_cpu_seconds``): both from one run.
3. **Bare relay** on the same backlog: an aiokafka consumer bulk-indexing the raw records into
   Elasticsearch without any processing, batches and commits like the worker; each record's
   text in the fields the worker's document has (its language decided before the clock), with
   the standard analyzer and then as the template analyses them.
4. **Latency**: one worker fed at a steady rate (``--latency-rate``; default half the rate one
   worker sustained in part 1); each article's produce→searchable time (searchable = found by a
   search, i.e. after the index refresh), and where it went, hop by hop (``_hops``).
5. **Stages**: in-process micro-benchmark of each stage, also HTML pages from samples/.
6. **Memory**: resident memory of each worker (with its HTML extraction process) after its run.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import itertools
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from bench.e2e.harness import Pipeline, wait_until
from bench.search.language_chains import LANGUAGE_ANALYSIS, LANGUAGE_ANALYZERS
from workers.ops.synthetic import synthetic_articles
from workers.settings import get_settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "feed"


def read_feed(path: Path, count: int, skip: int = 0) -> list[dict[str, Any]]:
    """``count`` records of a JSON-lines feed (gzip or plain), after the first ``skip``.

    Metadata values that are not strings are dropped: RawArticle's metadata is a string map
    and a null there would dead-letter the whole article (en-news has ``date_raw: null``)."""
    opener: Any = gzip.open if path.suffix == ".gz" else open
    records: list[dict[str, Any]] = []
    with opener(path, "rb") as lines:
        for line in itertools.islice(lines, skip, skip + count):
            record = orjson.loads(line)
            metadata = record.get("metadata")
            if isinstance(metadata, dict):
                record["metadata"] = {k: v for k, v in metadata.items() if isinstance(v, str)}
            records.append(record)
    if len(records) < count:
        raise SystemExit(f"{path} has {len(records) + skip} records, {count + skip} needed")
    return records


def articles_for(args: argparse.Namespace, count: int, prefix: str, skip: int = 0) -> list[Any]:
    if args.feed:
        return read_feed(args.feed, count, skip)
    return list(synthetic_articles(count, prefix=prefix, seed=3 + skip))


def backlog(articles: list[dict[str, Any]]) -> list[tuple[bytes | None, bytes]]:
    return [(a["id"].encode(), orjson.dumps(a)) for a in articles]


def characters(articles: list[dict[str, Any]]) -> int:
    return sum(
        len(a.get("title") or "") + len(a.get("text") or a.get("html") or "") for a in articles
    )


# ---------------------------------------------------------------------------------- throughput


def throughput(
    args: argparse.Namespace, workers: int, workdir: Path, articles: list[dict[str, Any]]
) -> dict[str, Any]:
    pipeline = Pipeline(args.bootstrap, args.es_url, workdir / f"workers-{workers}")
    try:
        pipeline.produce([])  # topics, so the workers can join and get ready
        running = [pipeline.start_worker(wait_ready=False) for _ in range(workers)]
        for worker in running:
            pipeline.wait_ready(worker, timeout=600)
        time.sleep(2)  # let the group settle (the second worker's join rebalances)
        # The idle rate, before any backlog exists: what a worker spends per second with
        # nothing to do (heartbeats, fetch polls, commits, the lag timer), so a fixed cost per
        # second is not taken for a cost per article.
        idle_started = [_cpu_seconds(w.process.pid) for w in running]
        idle_clock = time.monotonic()
        time.sleep(args.idle_seconds)
        idle_rates = idle_cpu_rates(
            idle_started,
            [_cpu_seconds(w.process.pid) for w in running],
            time.monotonic() - idle_clock,
        )
        cpu_ready = [_cpu_seconds(w.process.pid) for w in running]
        processing_ready = _processing_cpu(pipeline, running)
        services_ready = _service_cpu(args)
        started = time.monotonic()
        pipeline.produce(backlog(articles))
        wait_until(lambda: pipeline.count() >= len(articles), 3600, "backlog not drained")
        drained = time.monotonic() - started
        cpu = [_cpu_seconds(w.process.pid) - c for w, c in zip(running, cpu_ready, strict=True)]
        processing = _processing_cpu(pipeline, running) - processing_ready
        services = {
            name: round((seconds - services_ready[name]) / len(articles) * 1000, 1)
            for name, seconds in _service_cpu(args).items()
            if name in services_ready
        }
        rss = [round(pipeline.rss_mib(w)) for w in running]
        stage_ms = _stage_ms(pipeline, running)
        bulks = _bulks(pipeline, running)
        return {
            "workers": workers,
            "articles": len(articles),
            "drain_s": round(drained, 1),
            "articles_per_s": round(len(articles) / drained, 2),
            "characters_per_s": round(characters(articles) / drained),
            "worker_cpu_s": [round(c, 1) for c in cpu],
            "worker_cores_busy": [round(c / drained, 2) for c in cpu],
            "cpu_ms_per_article": round(sum(cpu) / len(articles) * 1000, 1),
            "idle_cpu_ms_per_s": [round(r * 1000, 2) for r in idle_rates],
            "cpu_ms_per_article_idle_corrected": round(
                idle_corrected_ms_per_article(cpu, idle_rates, drained, len(articles)), 1
            ),
            "processing_cpu_ms_per_article": round(processing / len(articles) * 1000, 1),
            "worker_cpu_per_processing_cpu": round(sum(cpu) / processing, 3)
            if processing
            else None,
            "stage_ms_in_worker": stage_ms,
            "articles_per_bulk": round(len(articles) / bulks, 1) if bulks else None,
            "service_cpu_ms_per_article": services,
            "rss_mib": rss,
            "load_average": _load(),
        }
    finally:
        pipeline.stop_all()
        pipeline.remove()


def idle_cpu_rates(before: list[float], after: list[float], seconds: float) -> list[float]:
    """CPU seconds per second of each worker between two readings taken ``seconds`` apart."""
    if seconds <= 0:
        return [0.0 for _ in before]
    return [max(0.0, b - a) / seconds for a, b in zip(before, after, strict=True)]


def idle_corrected_ms_per_article(
    cpu_seconds: list[float], idle_rates: list[float], drain_seconds: float, articles: int
) -> float:
    """Worker CPU ms per article without what the workers would have spent idle over the
    drain (each worker's idle rate × the drain time). An upper bound on the fixed part: some
    idle work (fetch polls) is replaced by useful work under load, so the truth lies between
    this and the raw figure."""
    fixed = sum(idle_rates) * drain_seconds
    return max(0.0, sum(cpu_seconds) - fixed) / articles * 1000


def cpu_ratios(worker_ms: list[float], in_process_ms: list[float]) -> tuple[float, float, float]:
    """(median worker, median in process, their ratio): medians, so one run disturbed by
    the host does not decide the ratio."""
    worker, reference = statistics.median(worker_ms), statistics.median(in_process_ms)
    return worker, reference, round(worker / reference, 3)


QUIET_CORE_SHARE = 0.05
"""Elasticsearch counts as idle below this share of a core (over half a second)."""


def _service_cpu(args: argparse.Namespace) -> dict[str, float]:
    """CPU seconds of the local stack's Kafka and Elasticsearch (``newsflow stack`` on the
    benchmarked ports), to show what indexing and transport cost them; empty elsewhere."""
    from workers.ops.stack import StackConfig, read_pid
    from workers.settings import Settings

    cfg = StackConfig.from_settings(
        Settings(kafka={"bootstrap_servers": args.bootstrap}, es={"url": args.es_url})
    )
    found: dict[str, float] = {}
    for service in ("kafka", "elasticsearch"):
        pid = read_pid(cfg.pid_file(service))
        if pid is not None:
            found[service] = _cpu_seconds(pid)
    return found


def _summed_metric(pipeline: Pipeline, running: list[Any], name: str) -> float:
    """A metric summed over the workers (one that does not answer counts 0)."""
    total = 0.0
    for worker in running:
        try:
            total += pipeline.metrics(worker).get(name, 0.0)
        except OSError:
            continue
    return total


def _bulks(pipeline: Pipeline, running: list[Any]) -> float:
    """Bulk requests the workers sent."""
    return _summed_metric(pipeline, running, "newsflow_es_bulk_seconds_count")


def _processing_cpu(pipeline: Pipeline, running: list[Any]) -> float:
    """CPU seconds the workers' processing threads spent: the processing measured inside the
    worker, in the same run and under the same load as the worker's whole CPU."""
    return _summed_metric(pipeline, running, "newsflow_processing_cpu_seconds")


def _stage_ms(pipeline: Pipeline, running: list[Any]) -> dict[str, float]:
    """Mean ms per article and stage from the workers' newsflow_stage_seconds."""
    sums: dict[str, float] = {}
    counts: dict[str, float] = {}
    for worker in running:
        try:
            samples = pipeline.metrics(worker)
        except OSError:
            continue
        for key, value in samples.items():
            for stage in ("clean", "extract", "index"):
                label = f'{{stage="{stage}"}}'
                if key == f"newsflow_stage_seconds_sum{label}":
                    sums[stage] = sums.get(stage, 0.0) + value
                elif key == f"newsflow_stage_seconds_count{label}":
                    counts[stage] = counts.get(stage, 0.0) + value
    return {s: round(sums[s] / counts[s] * 1000, 2) for s in sums if counts.get(s)}


def in_process(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """What the worker's processing costs without any transport: parse, clean, entities,
    claims and the Elasticsearch documents, in this process, on the same articles."""
    from datetime import UTC, datetime

    from workers.core.documents import article_document, claim_documents
    from workers.core.factory import build_pipeline
    from workers.core.ingest import parse_raw

    pipeline = build_pipeline(get_settings().processing)
    payloads = [orjson.dumps(a) for a in articles]
    now = datetime.now(UTC)

    def run(payload: bytes) -> None:
        enriched = pipeline.process(parse_raw(payload, 2_000_000))
        article_document(enriched, now).model_dump_json(by_alias=True)
        for claim in claim_documents(enriched):
            claim.model_dump_json(by_alias=True)

    run(orjson.dumps(next(iter(synthetic_articles(1, prefix="warm")))))  # lazy loads, off the clock
    failed = 0
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    for payload in payloads:
        try:
            run(payload)
        except Exception:
            failed += 1
    cpu = time.process_time() - cpu_started
    wall = time.perf_counter() - wall_started
    return {
        "articles": len(articles),
        "failed": failed,
        "cpu_ms_per_article": round(cpu / len(articles) * 1000, 1),
        "wall_ms_per_article": round(wall / len(articles) * 1000, 1),
        "load_average": _load(),
    }


def _load() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` prints them."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _cpu_seconds(pid: int) -> float:
    """User+system CPU of a process and its reaped children, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(v) for v in fields[11:15]) / ticks


# ---------------------------------------------------------------------------------- relay


RELAY_TEXT = ("title", "text")
"""The raw record's fields the relay turns into the article document's text fields."""


def relay_languages(articles: list[dict[str, Any]]) -> dict[str, str]:
    """Each record's text-field language as the worker decides it (``schemas.documents.
    text_language`` of the detected article and paragraph languages), before the clock: the
    relay measures indexing, not language detection."""
    from schemas.documents import text_language
    from workers.core.lang import get_detector

    detector = get_detector()
    languages: dict[str, str] = {}
    for record in articles:
        title, text = record.get("title") or "", record.get("text") or ""
        lang = record.get("lang") or detector.detect(f"{title}\n{text}")
        paragraphs = [p for p in text.split("\n") if p.strip()]
        languages[record["id"]] = text_language(lang, detector.detect_paragraphs(paragraphs, lang))
    return languages


def relay_document(record: dict[str, Any], language: str) -> dict[str, Any]:
    """A raw record with its text where the worker's article document has it: ``title`` as
    written plus ``title_<language>`` and ``body_<language>`` (schemas.documents)."""
    from schemas.documents import text_fields

    title, body = record.get("title") or "", record.get("text") or ""
    document = {k: v for k, v in record.items() if k not in RELAY_TEXT}
    return document | {"title": title} | text_fields(language, title, body)


def _relay_index_body(analyzed: bool, analyzer: str = "template") -> dict[str, Any]:
    """The relay documents' text fields (``relay_document``), other strings as keywords: with
    the standard analyzer only, or mapped as the articles template maps them (``title`` by its
    words, each language's fields by that language's analyzer), to measure what the language
    analysis costs. ``analyzer`` other than ``template``: every language field analysed by one
    of ``bench.search.language_chains.LANGUAGE_ANALYZERS`` instead (bench/search/README.md,
    Per-language fields)."""
    from schemas.mappings import ANALYSIS, article_text_properties

    text_fields = article_text_properties()
    settings: dict[str, Any] = {}
    if not analyzed:
        text_fields = {f: {"type": "text", "analyzer": "standard"} for f in text_fields}
    elif analyzer == "template":
        settings["analysis"] = ANALYSIS
    else:
        text_fields = {
            f: spec if f == "title" else {"type": "text", "analyzer": analyzer}
            for f, spec in text_fields.items()
        }
        settings["analysis"] = LANGUAGE_ANALYSIS
    return {
        "settings": settings,
        "mappings": {
            "properties": text_fields,
            "dynamic_templates": [
                {"strings": {"match_mapping_type": "string", "mapping": {"type": "keyword"}}},
            ],
        },
    }


def relay(
    args: argparse.Namespace,
    workdir: Path,
    articles: list[dict[str, Any]],
    languages: dict[str, str],
    analyzed: bool = False,
) -> dict[str, Any]:
    """aiokafka consumer → Elasticsearch bulk of the same records, no processing."""
    from aiokafka import AIOKafkaConsumer
    from elasticsearch import AsyncElasticsearch

    from workers.stream.kafka import client_options

    name = "relay-analyzed" if analyzed else "relay"
    pipeline = Pipeline(args.bootstrap, args.es_url, workdir / name)
    pipeline.produce(backlog(articles))
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
        await client.indices.create(index=index, **_relay_index_body(analyzed, args.relay_analyzer))
        await es_quiet()
        await consumer.start()
        cpu_before = await es_cpu_ms(client)
        done, first = 0, 0.0
        try:
            while done < len(articles):
                batches = await consumer.getmany(timeout_ms=500, max_records=batch_size)
                records = [m for messages in batches.values() for m in messages]
                if not records:
                    continue
                first = first or time.monotonic()
                operations: list[dict[str, Any]] = []
                for record in records:
                    document = orjson.loads(record.value or b"{}")
                    operations.append({"index": {"_index": index, "_id": document["id"]}})
                    operations.append(relay_document(document, languages[document["id"]]))
                await client.bulk(operations=operations)
                await consumer.commit()
                done += len(records)
            await client.indices.refresh(index=index)
            cpu_ms.append(await es_cpu_ms(client) - cpu_before)
            drained = time.monotonic() - first
            await client.indices.delete(index=index)  # repeated runs: keep the disk small
            return drained
        finally:
            await consumer.stop()
            await client.close()

    async def es_quiet() -> None:
        """Wait (up to 20 s) until the local Elasticsearch idles, so merges and collections
        left by the previous run are not billed to this one (no-op on a remote cluster)."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            before = _service_cpu(args).get("elasticsearch")
            await asyncio.sleep(0.5)
            after = _service_cpu(args).get("elasticsearch")
            if before is None or after is None or after - before < QUIET_CORE_SHARE * 0.5:
                return

    async def es_cpu_ms(client: Any) -> float:
        # The local stack's process from /proc (exact); else what the node reports (cached for
        # about a second, too coarse for a short run)
        local = _service_cpu(args).get("elasticsearch")
        return local * 1000 if local is not None else await _es_cpu_ms(client)

    cpu_ms: list[float] = []
    try:
        drain = asyncio.run(run())
    finally:
        pipeline.remove()
    return {
        "articles": len(articles),
        "drain_s": round(drain, 2),
        "articles_per_s": round(len(articles) / drain, 1),
        # CPU the Elasticsearch process spent meanwhile: steadier than wall time on a busy host
        "es_cpu_ms_per_article": round(cpu_ms[0] / len(articles), 3),
    }


def relay_pairs(
    args: argparse.Namespace, workdir: Path, articles: list[dict[str, Any]]
) -> dict[str, Any]:
    """``--relay-runs`` pairs of relay runs, without and with the analysis, alternating which
    goes first (after one unmeasured warm-up of each, so neither pays the JVM's warm-up): the
    medians of articles/s and ES CPU per article, and the ratios of the medians."""
    analyzer = (
        "the template's analysis"
        if args.relay_analyzer == "template"
        else f"{args.relay_analyzer} alone"
    )
    languages = relay_languages(articles)
    warm = articles[: min(len(articles), 300)]
    relay(args, workdir, warm, languages)
    relay(args, workdir, warm, languages, analyzed=True)
    runs: dict[bool, list[dict[str, Any]]] = {False: [], True: []}
    for n in range(args.relay_runs):
        for analyzed in (False, True) if n % 2 == 0 else (True, False):
            runs[analyzed].append(relay(args, workdir, articles, languages, analyzed=analyzed))
    out: dict[str, Any] = {"relay_text_languages": dict(Counter(languages.values()))}
    for analyzed, key, title in (
        (False, "relay", "bare relay (aiokafka → ES bulk, no processing), standard analyzer"),
        (True, "relay_analyzed", f"bare relay into text fields analysed by {analyzer}"),
    ):
        done = runs[analyzed]
        out[key] = {
            "runs": len(done),
            "articles": len(articles),
            "articles_per_s": statistics.median(r["articles_per_s"] for r in done),
            "es_cpu_ms_per_article": statistics.median(r["es_cpu_ms_per_article"] for r in done),
            "articles_per_s_each": [r["articles_per_s"] for r in done],
            "es_cpu_ms_per_article_each": [r["es_cpu_ms_per_article"] for r in done],
        }
        _print(title, out[key])
    plain, analyzed_run = out["relay"], out["relay_analyzed"]
    out["relay_ratios"] = {
        "relay with language analyzers / without": round(
            analyzed_run["articles_per_s"] / plain["articles_per_s"], 3
        ),
        "same, by ES CPU per article (without / with)": round(
            plain["es_cpu_ms_per_article"] / analyzed_run["es_cpu_ms_per_article"], 3
        ),
    }
    return out


async def _es_cpu_ms(client: Any) -> int:
    stats = await client.nodes.stats(metric="process")
    return sum(node["process"]["cpu"]["total_in_millis"] for node in stats["nodes"].values())


# ---------------------------------------------------------------------------------- latency


def latency(args: argparse.Namespace, workdir: Path, rate: float) -> dict[str, Any]:
    pipeline = Pipeline(args.bootstrap, args.es_url, workdir / "latency")
    total = max(10, int(rate * args.latency_seconds))
    # Articles after the throughput backlog: none of them was seen before.
    articles = articles_for(args, total, "lat", skip=args.articles)
    sent_at: dict[str, float] = {}
    seen_at: dict[str, float] = {}
    try:
        pipeline.produce([])  # topics
        pipeline.start_worker()
        stop = threading.Event()
        poller = threading.Thread(target=_poll, args=(pipeline, seen_at, stop), daemon=True)
        poller.start()
        services_started = _service_cpu(args)

        async def feed() -> None:
            from workers.stream.kafka import producer

            topic = pipeline.settings.kafka.topic("raw")
            async with producer(pipeline.settings.kafka) as instance:
                interval = 1 / rate
                began = time.monotonic()
                for n, article in enumerate(articles):
                    await asyncio.sleep(max(0.0, began + n * interval - time.monotonic()))
                    await instance.send_and_wait(
                        topic, key=article["id"].encode(), value=orjson.dumps(article)
                    )
                    sent_at[article["id"]] = time.time()

        asyncio.run(feed())
        wait_until(lambda: len(seen_at) >= total, 300, "latency articles not all searchable")
        services = {
            name: round((seconds - services_started[name]) / total * 1000, 1)
            for name, seconds in _service_cpu(args).items()
            if name in services_started
        }
        stop.set()
        poller.join()
        hops = _hops(pipeline, seen_at)
        bulks = _bulks(pipeline, pipeline.workers)
    finally:
        pipeline.stop_all()
        pipeline.remove()
    samples = sorted(seen_at[i] - sent_at[i] for i in sent_at if i in seen_at)
    return {
        "articles": total,
        "rate_per_s": round(rate, 2),
        "p50_s": round(_quantile(samples, 0.50), 3),
        "p90_s": round(_quantile(samples, 0.90), 3),
        "p99_s": round(_quantile(samples, 0.99), 3),
        "max_s": round(samples[-1], 3),
        "hops_p50_p99_s": hops,
        "articles_per_bulk": round(total / bulks, 1) if bulks else None,
        "refresh_interval": pipeline.settings.es.refresh_interval,
        "bulk_seconds": pipeline.settings.worker.bulk_seconds,
        # with the search poll's own cost in Elasticsearch
        "service_cpu_ms_per_article": services,
        "note": "searchable = returned by a search (index refresh interval included); "
        "polled every 0.1 s",
    }


HOPS = ("raw→clean", "clean→enriched", "enriched→bulk", "bulk→searchable")


def _hops(pipeline: Pipeline, seen_at: dict[str, float]) -> dict[str, list[float]]:
    """Where the produce→searchable time goes, per article: the Kafka timestamps of its raw,
    clean and enriched records (stamped by each producer when it sends), the document's
    ``indexed_at`` (stamped when its bulk request is built) and the moment a search found it.
    raw→clean is the clean stage's batch wait, cleaning and the Kafka hop; clean→enriched
    the same for extraction; enriched→bulk the index stage's bulk window; bulk→searchable the
    bulk request, the index refresh and the 0.1 s search poll. p50 and p99 of each, seconds."""
    from datetime import datetime

    stamps = {name: _record_times(pipeline, name) for name in ("raw", "clean", "enriched")}
    indexed = {
        i: datetime.fromisoformat(d["indexed_at"]).timestamp()
        for i, d in pipeline.documents(["indexed_at"]).items()
    }
    points = [stamps["raw"], stamps["clean"], stamps["enriched"], indexed, seen_at]
    found: dict[str, list[float]] = {}
    for n, hop in enumerate(HOPS):
        start, end = points[n], points[n + 1]
        samples = sorted(end[i] - start[i] for i in seen_at if i in start and i in end)
        if samples:
            found[hop] = [round(_quantile(samples, 0.5), 3), round(_quantile(samples, 0.99), 3)]
    return found


def _record_times(pipeline: Pipeline, topic: str) -> dict[str, float]:
    """Record key → Kafka timestamp (seconds) of the last record per key on ``topic``."""
    from aiokafka import AIOKafkaConsumer, TopicPartition

    from workers.stream.kafka import client_options, topic_partitions

    name = pipeline.settings.kafka.topic(topic)

    async def run() -> dict[str, float]:
        consumer = AIOKafkaConsumer(**client_options(pipeline.settings.kafka), group_id=None)
        await consumer.start()
        try:
            partitions = [
                TopicPartition(name, p)
                for p in await topic_partitions(pipeline.settings.kafka, name)
            ]
            consumer.assign(partitions)
            await consumer.seek_to_beginning(*partitions)
            end = await consumer.end_offsets(partitions)
            left = {tp for tp in partitions if end[tp] > 0}
            times: dict[str, float] = {}
            while left:
                for tp, records in (await consumer.getmany(timeout_ms=1000)).items():
                    for record in records:
                        if record.key is not None:
                            times[record.key.decode()] = record.timestamp / 1000
                        if record.offset + 1 >= end[tp]:
                            left.discard(tp)
            return times
        finally:
            await consumer.stop()

    return asyncio.run(run())


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


def stages(args: argparse.Namespace) -> dict[str, Any]:
    """Per-article milliseconds of each stage, in process on one core."""
    from datetime import UTC, datetime

    from workers.core.documents import article_document, claim_documents
    from workers.core.factory import build_pipeline
    from workers.core.ingest import parse_raw
    from workers.core.inputs import read_inputs

    pipeline = build_pipeline(get_settings().processing)
    payloads = [orjson.dumps(a) for a in articles_for(args, args.stage_articles, "stage")]
    html = [r.payload for r in read_inputs([SAMPLES]) if b'"html"' in r.payload]
    results: dict[str, Any] = {}

    def timed(name: str, items: list[Any], fn: Callable[[Any], Any]) -> list[Any]:
        fn(items[0])  # warm caches and lazy loads outside the measurement
        started, cpu_started = time.perf_counter(), time.process_time()
        out = [fn(item) for item in items]
        per = (time.perf_counter() - started) / len(items)
        cpu = (time.process_time() - cpu_started) / len(items)
        results[name] = {
            "cpu_ms_per_article": round(cpu * 1000, 3),
            "wall_ms_per_article": round(per * 1000, 3),
        }
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
    parser.add_argument(
        "--feed",
        type=Path,
        help="JSON-lines (.gz) feed of RawArticle records to replay, e.g. "
        "../shared/data/feeds/en-news.jsonl.gz (default: synthetic ar/en articles)",
    )
    parser.add_argument("--bootstrap", default=settings.kafka.bootstrap_servers)
    parser.add_argument("--es-url", default=settings.es.url)
    parser.add_argument(
        "--latency-rate",
        type=float,
        help="articles/s for the latency run (default: half of what one worker sustained, else 10)",
    )
    parser.add_argument("--latency-seconds", type=float, default=30.0)
    parser.add_argument("--stage-articles", type=int, default=300)
    parser.add_argument(
        "--relay-runs",
        type=int,
        default=3,
        help="relay runs without and with the analysis (medians reported; default 3)",
    )
    parser.add_argument(
        "--relay-analyzer",
        default="template",
        choices=["template", *LANGUAGE_ANALYZERS],
        help="the analysed relay's language fields: as the template maps them (default) or all "
        "with one analyzer of bench/search/language_chains.py, to compare chains",
    )
    parser.add_argument(
        "--workers",
        type=int,
        action="append",
        help="worker counts for the throughput runs (repeatable; default 1 and 2)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="throughput runs per worker count, each followed by an in-process run "
        "(ratios use medians; default 1)",
    )
    parser.add_argument(
        "--idle-seconds",
        type=float,
        default=10.0,
        help="seconds the ready workers are watched idle before the backlog, for their idle "
        "CPU rate (default 10)",
    )
    parser.add_argument(
        "--only",
        choices=["throughput", "inprocess", "relay", "latency", "stages"],
        action="append",
        help="run only these parts (repeatable)",
    )
    args = parser.parse_args(argv)
    parts = set(args.only or ["throughput", "inprocess", "relay", "latency", "stages"])
    workdir = Path(tempfile.mkdtemp(prefix="newsflow-bench-"))
    report: dict[str, Any] = {}
    articles = articles_for(args, args.articles, "tp")
    print(f"stack: kafka {args.bootstrap}, elasticsearch {args.es_url}; work dir {workdir}")
    print(
        f"feed: {args.feed or 'synthetic ar/en'}; {len(articles)} articles, "
        f"{characters(articles) // len(articles)} characters each on average; "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    if "stages" in parts:
        report["stages"] = stages(args)
        _print("stage micro-benchmarks (one core, in process)", report["stages"])
    # In process before the first worker run and after each one: the reference drifts with
    # the host (36 → 31 ms on one quiet run), so it is measured next to every worker run and
    # the ratio uses medians.
    in_process_runs: list[dict[str, Any]] = []
    worker_runs: dict[int, list[dict[str, Any]]] = {}

    def measure_in_process(title: str) -> None:
        run = in_process(articles)
        in_process_runs.append(run)
        _print(f"in-process pipeline on the same articles (+ ES documents), {title}", run)

    if "inprocess" in parts:
        measure_in_process("run 1")
    if "throughput" in parts:
        for repeat in range(args.repeats):
            for n in args.workers or [1, 2]:
                run = throughput(args, n, workdir, articles)
                worker_runs.setdefault(n, []).append(run)
                _print(f"pipeline, {n} worker(s), run {repeat + 1}", run)
                if "inprocess" in parts:
                    measure_in_process(f"run {len(in_process_runs) + 1}")
    if in_process_runs:
        report["in_process_runs"] = in_process_runs
        report["in_process"] = in_process_runs[0]
    for n, runs in worker_runs.items():
        report[f"pipeline_{n}_worker_runs"] = runs
        report[f"pipeline_{n}_worker"] = median_run(runs)
    if "relay" in parts:
        report.update(relay_pairs(args, workdir, articles))
    one, two = report.get("pipeline_1_worker"), report.get("pipeline_2_worker")
    if "latency" in parts:
        rate = args.latency_rate or (one["articles_per_s"] / 2 if one else 10.0)
        report["latency"] = latency(args, workdir, rate)
        _print("produce → searchable latency (1 worker)", report["latency"])
    ratios: dict[str, Any] = {}
    inproc = [r["cpu_ms_per_article"] for r in in_process_runs]
    if inproc:
        ratios["in-process CPU ms/article, runs (median)"] = (
            f"{inproc} ({statistics.median(inproc):.1f})"
        )
    for n, runs in worker_runs.items():
        if not inproc:
            continue
        raw = [r["cpu_ms_per_article"] for r in runs]
        corrected = [r["cpu_ms_per_article_idle_corrected"] for r in runs]
        worker, _, ratio = cpu_ratios(raw, inproc)
        ratios[f"worker CPU ms/article, {n} worker(s), runs (median)"] = f"{raw} ({worker:.1f})"
        ratios[f"RAW worker CPU / in-process CPU ({n} worker(s); the target's figure)"] = ratio
        ratios[f"idle-corrected worker CPU / in-process CPU ({n} worker(s))"] = cpu_ratios(
            corrected, inproc
        )[2]
        ratios[f"worker idle CPU ms per second ({n} worker(s))"] = [
            r["idle_cpu_ms_per_s"] for r in runs
        ]
    for n, runs in worker_runs.items():
        same_run = [r["worker_cpu_per_processing_cpu"] for r in runs]
        if all(same_run):
            # Both figures from one run: what the host's speed does to one it does to the other.
            ratios[f"worker CPU / its processing thread's CPU, same run ({n} worker(s))"] = (
                f"{same_run} ({statistics.median(same_run):.3f})"
            )
    if one and two:
        ratios["2 workers / 1 worker (articles/s)"] = round(
            two["articles_per_s"] / one["articles_per_s"], 2
        )
        ratios["2 workers / 1 worker (cores busy)"] = round(
            sum(two["worker_cores_busy"]) / sum(one["worker_cores_busy"]), 2
        )
    if "relay_analyzed" in report:
        ratios.update(report["relay_ratios"])
    if one and "relay" in report:
        ratios["pipeline (1 worker) / bare relay"] = round(
            one["articles_per_s"] / report["relay"]["articles_per_s"], 3
        )
    rss = [m for run in (one, two) if run for m in run["rss_mib"]]
    if rss:
        ratios["max worker RSS (MiB)"] = max(rss)
    if ratios:
        _print("ratios", ratios)
    report["load_average_end"] = list(os.getloadavg())
    (workdir / "report.json").write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2))
    print(f"\nfull report: {workdir / 'report.json'}")
    return 0


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median worker CPU per article (the lower middle of an even count),
    so the figures printed together come from one run."""
    ordered = sorted(runs, key=lambda r: r["cpu_ms_per_article"])
    return ordered[(len(ordered) - 1) // 2]


def _print(title: str, figures: dict[str, Any]) -> None:
    print(f"\n{title}")
    for key, value in figures.items():
        print(f"  {key:<36} {value}")


if __name__ == "__main__":
    sys.exit(main())
