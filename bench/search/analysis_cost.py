"""What the template's text analysis costs Elasticsearch to index, measured on its own process.

``python -m bench.search.analysis_cost --es-url http://127.0.0.1:9200 [--runs 3] [--feeds DIR]
[--ar N --en N] [--variants standard,arabic,…]``

Bulk-indexes one fixed slice of ``../shared/data/feeds`` (title and body, nothing else; ``--ar
0`` or ``--en 0`` for one feed alone) into a fresh index per run, once per variant: with the
``standard`` analyzer, with both chains in one pass (``newsflow_text``) or with one of the
language chains of ``bench.search.language_chains`` (``arabic`` and ``english`` are the
template's per-language fields). ``--runs`` rounds, alternating the order. Reports
per variant the median wall time and the median CPU the Elasticsearch process spent (user +
system from ``/proc/<pid>/stat`` of the local stack's node; what the node reports about itself
elsewhere), and the ratios first variant / each other one, both as the ratio of the medians and
as the median of the per-round ratios (the two rounds of a pair share the host's load).

The relay benchmark (``newsflow bench --only relay``) measures the same question end to end
through Kafka, but on a shared 2-core host its wall figure moves by ±30 % between runs; the
bulk bodies here are serialized once, before any clock starts, so the client costs nothing
while a run is measured and the CPU figure is Elasticsearch's alone.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from elasticsearch import Elasticsearch

from bench.e2e.bench import QUIET_CORE_SHARE, _cpu_seconds
from bench.search.evaluate import FEEDS, load_slice
from bench.search.language_chains import LANGUAGE_ANALYSIS, LANGUAGE_ANALYZERS
from schemas.mappings import ANALYSIS, TEXT_ANALYZER
from workers.ops.stack import StackConfig, read_pid
from workers.settings import Settings

BULK_DOCS = 250
"""Documents per bulk request (the worker's default bulk size is of this order)."""


def text_index_body(text_field: dict[str, Any], analysis: dict[str, Any] | None) -> dict[str, Any]:
    settings: dict[str, Any] = {"number_of_shards": 1, "number_of_replicas": 0}
    if analysis is not None:
        settings["analysis"] = analysis
    return {
        "settings": settings,
        "mappings": {"properties": {"title": text_field, "body": text_field}},
    }


def variants() -> dict[str, dict[str, Any]]:
    """``standard``: no language analysis; ``both_chains``: ``newsflow_text`` (the template's
    text field before per-language fields, still the analyzer of ``title_other``/``body_other``);
    the others: one language's chain alone (``bench.search.language_chains``, named without
    their ``newsflow_`` prefix): ``arabic`` and ``english`` are what the template gives an
    article in that language, the rest cheaper chains that were measured and not taken."""
    found = {
        "standard": text_index_body({"type": "text", "analyzer": "standard"}, None),
        "both_chains": text_index_body({"type": "text", "analyzer": TEXT_ANALYZER}, ANALYSIS),
    }
    for analyzer in LANGUAGE_ANALYZERS:
        if analyzer == TEXT_ANALYZER:  # that is both_chains
            continue
        field = {"type": "text", "analyzer": analyzer}
        found[analyzer.removeprefix("newsflow_")] = text_index_body(field, LANGUAGE_ANALYSIS)
    return found


def bulk_bodies(docs: list[dict[str, str]]) -> list[bytes]:
    """NDJSON bulk bodies (index name in the URL), built once for every run."""
    bodies = []
    for start in range(0, len(docs), BULK_DOCS):
        lines = []
        for doc in docs[start : start + BULK_DOCS]:
            lines.append(orjson.dumps({"index": {"_id": doc["id"]}}))
            lines.append(orjson.dumps({"title": doc["title"], "body": doc["body"]}))
        bodies.append(b"\n".join(lines) + b"\n")
    return bodies


def es_cpu_reader(es: Elasticsearch, settings: Settings) -> Callable[[], float]:
    """CPU seconds of the Elasticsearch process: exact from /proc when it is the local stack's
    node, else the node's own ``process.cpu.total_in_millis`` (updated about once a second)."""
    pid = read_pid(StackConfig.from_settings(settings).pid_file("elasticsearch"))
    if pid is not None:
        return lambda: _cpu_seconds(pid)

    def reported() -> float:
        stats = es.nodes.stats(metric="process")
        return sum(n["process"]["cpu"]["total_in_millis"] for n in stats["nodes"].values()) / 1e3

    return reported


def wait_until_quiet(cpu: Callable[[], float], limit_s: float = 20.0) -> None:
    """Merges and collections left over from the previous run would otherwise be billed to
    the next one."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = cpu()
        time.sleep(0.5)
        if cpu() - before < QUIET_CORE_SHARE * 0.5:
            return


def index_once(
    es: Elasticsearch,
    index: str,
    body: dict[str, Any],
    bulks: list[bytes],
    cpu: Callable[[], float],
) -> tuple[float, float]:
    """(wall seconds, ES CPU seconds) to bulk-index and refresh the slice into a fresh index."""
    es.options(ignore_status=404).indices.delete(index=index)
    es.indices.create(index=index, **body)
    wait_until_quiet(cpu)
    cpu_before, began = cpu(), time.perf_counter()
    for payload in bulks:
        response = es.perform_request(
            "POST",
            f"/{index}/_bulk",
            headers={"content-type": "application/x-ndjson", "accept": "application/json"},
            body=payload,
        )
        if response.body.get("errors"):
            raise RuntimeError(f"bulk into {index} reported errors")
    es.indices.refresh(index=index)
    wall, spent = time.perf_counter() - began, cpu() - cpu_before
    es.indices.delete(index=index)
    return wall, spent


def measure(
    es: Elasticsearch,
    bodies: dict[str, dict[str, Any]],
    bulks: list[bytes],
    runs: int,
    cpu: Callable[[], float],
    prefix: str = "analysis-cost",
    warmups: int = 1,
) -> dict[str, dict[str, list[float]]]:
    """Each variant ``runs`` times after ``warmups`` unmeasured rounds of the whole slice (the
    JIT compiles each chain's filters only once they run; a short warm-up left the first
    measured rounds up to twice as slow), the order reversed on every other round so that no
    variant always follows another."""
    names = list(bodies)
    for _ in range(warmups):
        for name in names:
            index_once(es, f"{prefix}-{name}", bodies[name], bulks, cpu)
    found: dict[str, dict[str, list[float]]] = {n: {"wall_s": [], "cpu_s": []} for n in names}
    for round_ in range(runs):
        for name in names if round_ % 2 == 0 else names[::-1]:
            wall, spent = index_once(es, f"{prefix}-{name}", bodies[name], bulks, cpu)
            found[name]["wall_s"].append(round(wall, 3))
            found[name]["cpu_s"].append(round(spent, 3))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    parser.add_argument("--feeds", type=Path, default=FEEDS)
    parser.add_argument("--ar", type=int, default=5000, help="Arabic articles (first N)")
    parser.add_argument("--en", type=int, default=2000, help="English articles (first N)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmups", type=int, default=1, help="unmeasured rounds first")
    parser.add_argument(
        "--variants",
        default="standard,both_chains,arabic,english",
        help=f"comma-separated, the first is the baseline; of {', '.join(variants())}",
    )
    args = parser.parse_args(argv)

    docs = load_slice(args.feeds, "ar-ant-news.jsonl.gz", args.ar) if args.ar else []
    docs += load_slice(args.feeds, "en-news.jsonl.gz", args.en) if args.en else []
    es = Elasticsearch(args.es_url, request_timeout=300)
    cpu = es_cpu_reader(es, Settings(es={"url": args.es_url}))
    chosen = {name: variants()[name] for name in args.variants.split(",")}
    found = measure(es, chosen, bulk_bodies(docs), args.runs, cpu, warmups=args.warmups)
    for name, figures in found.items():
        print(
            f"{name:10} wall median {statistics.median(figures['wall_s']):7.2f} s "
            f"{figures['wall_s']}  ES CPU median {statistics.median(figures['cpu_s']):7.2f} s "
            f"{figures['cpu_s']}"
        )
    baseline, *others = found
    for other in others:
        for key, label in (("wall_s", "wall"), ("cpu_s", "ES CPU")):
            plain, analysed = found[baseline][key], found[other][key]
            ratio = statistics.median(plain) / statistics.median(analysed)
            paired = [round(b / o, 3) for b, o in zip(plain, analysed, strict=True)]
            print(
                f"{label} ratio {baseline} / {other} (throughput with / without): {ratio:.3f}"
                f"   per round {paired}, median {statistics.median(paired):.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
