"""Resident memory of one streaming worker over a long feed: articles seen → RSS.

    python -m bench.e2e.memory_curve --feed ../shared/data/feeds/ar-ant-news.jsonl.gz:10000 \\
        --feed ../shared/data/feeds/en-news.jsonl.gz:2000 --every 30 \\
        --bootstrap 127.0.0.1:19092 --es-url http://127.0.0.1:19200

One worker with the default settings (both entity models load at start) on topics of its own.
The feeds are produced in order, in chunks that keep at most ``--ahead`` articles waiting for
the worker (a catching-up worker, not one buried under the whole feed at once), and every
``--every`` seconds the worker's resident memory (with its children: the HTML extraction
process) is printed next to the articles its clean stage has passed on so far. What grows with
articles seen is the clean stage's shared state (duplicate index, learned chrome), bounded by
``processing.duplicate_window`` and ``processing.chrome_sources``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench.e2e.bench import backlog, read_feed
from bench.e2e.harness import Pipeline, Worker
from workers.settings import get_settings


def feed_spec(text: str) -> tuple[Path, int]:
    """``PATH:COUNT`` → (path, count)."""
    path, _, count = text.rpartition(":")
    return Path(path), int(count)


def articles_seen(pipeline: Pipeline, worker: Worker) -> int:
    """Articles that left the clean stage (passed on, dead-lettered or dropped)."""
    samples = pipeline.metrics(worker)
    return round(
        sum(
            value
            for name, value in samples.items()
            if name.startswith("newsflow_articles_total{") and 'stage="clean"' in name
        )
    )


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="memory_curve", description=__doc__)
    parser.add_argument("--feed", action="append", type=feed_spec, required=True)
    parser.add_argument("--every", type=float, default=30.0, help="seconds between samples")
    parser.add_argument("--ahead", type=int, default=2000, help="most articles waiting")
    parser.add_argument("--chunk", type=int, default=500, help="articles produced at a time")
    parser.add_argument("--bootstrap", default=settings.kafka.bootstrap_servers)
    parser.add_argument("--es-url", default=settings.es.url)
    args = parser.parse_args(argv)
    articles = [a for path, count in args.feed for a in read_feed(path, count)]
    workdir = Path(tempfile.mkdtemp(prefix="newsflow-memory-"))
    pipeline = Pipeline(args.bootstrap, args.es_url, workdir)
    print(f"{len(articles)} articles: {', '.join(f'{p.name} {n}' for p, n in args.feed)}")
    try:
        pipeline.produce([])
        worker = pipeline.start_worker(wait_ready=False)
        pipeline.wait_ready(worker, timeout=600)
        print(f"ready: rss {pipeline.rss_mib(worker):.0f} MiB; load {os.getloadavg()[0]:.1f}")
        print("elapsed_s  articles_seen  rss_mib  load1")
        started = last_sample = time.monotonic()
        produced = 0
        while True:
            seen = articles_seen(pipeline, worker)
            while produced < len(articles) and produced - seen < args.ahead:
                chunk = articles[produced : produced + args.chunk]
                pipeline.produce(backlog(chunk))
                produced += len(chunk)
            now = time.monotonic()
            done = seen >= len(articles)
            if done or now - last_sample >= args.every:
                last_sample = now
                print(
                    f"{now - started:9.0f}  {seen:13d}  {pipeline.rss_mib(worker):7.0f}  "
                    f"{os.getloadavg()[0]:5.1f}",
                    flush=True,
                )
            if done:
                break
            if not pipeline.alive():
                raise SystemExit(f"the worker stopped:\n{pipeline.tail(worker)}")
            time.sleep(1.0)
        time.sleep(args.every)  # the last batches through extract and index
        print(f"indexed so far {pipeline.count()}; rss {pipeline.rss_mib(worker):.0f} MiB")
    finally:
        pipeline.stop_all()
        pipeline.remove()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
