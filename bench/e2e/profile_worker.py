"""Where a streaming worker's CPU goes: py-spy on one worker draining a backlog.

    python -m bench.e2e.profile_worker --feed ../shared/data/feeds/ar-ant-news.jsonl.gz \\
        --articles 300 --bootstrap 127.0.0.1:19092 --es-url http://127.0.0.1:19200

One worker starts on empty topics of its own and becomes ready (model loading is off the
record); then the backlog is produced and py-spy samples the thread holding the GIL (``--gil``:
the Python work) until the backlog is searchable. Prints the worker's CPU ms per article (from
/proc), the share of samples per part of the worker and the functions with the most samples of
their own. The raw stacks stay in the work directory for a flame graph.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.e2e.bench import _cpu_seconds, articles_for, backlog
from bench.e2e.harness import Pipeline, wait_until
from workers.settings import get_settings

PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # (part, frames that mark it; the first part whose marker is on the stack wins)
    ("extract: entities + claims", ("enrich_batch (workers/core",)),
    ("extract: CleanArticle validation", ("extract_batch (workers/stream/app.py",)),
    ("clean stage", ("clean_batch (workers/stream/app.py",)),
    ("index: Elasticsearch documents", ("_actions (workers/stream/es.py",)),
    ("index: bulk and version checks", ("index (workers/stream/es.py",)),
    ("index: EnrichedArticle validation", ("index_events (workers/stream/app.py",)),
    ("hop: EnrichedArticle dump", ("forward_extract (workers/stream/app.py",)),
    ("hop: CleanArticle dump, observations", ("forward_clean (workers/stream/app.py",)),
    ("observations follower", ("follow_observations (",)),
    ("thread hand-off (asyncio.to_thread)", ("to_thread (", "concurrent/futures/thread.py")),
    ("faust: streams, acks, commit", ("faust/",)),
    ("aiokafka: fetch, produce", ("aiokafka/",)),
    ("metrics and logging", ("prometheus_client/", "logging/")),
    ("event loop (asyncio, selectors)", ("asyncio/", "selectors.py", "uvloop")),
)


def part_of(stack: str) -> str:
    # The main thread's stack starts inside Faust's command line and the event loop: library
    # markers count only in the frames the loop ran (after asyncio's last ``_run_once``; uvloop
    # runs its callbacks from C, right under the worker's ``execute_from_commandline``).
    ran = stack
    for loop_frame in ("BaseEventLoop._run_once", "Worker.execute_from_commandline"):
        if loop_frame in stack:
            ran = stack.rsplit(loop_frame, 1)[-1]
            break
    for part, markers in PARTS:
        where = ran if part.split(":")[0] in LIBRARY_PARTS else stack
        if any(marker in where for marker in markers):
            return part
    return "event loop (asyncio, selectors)" if ran != stack else "other"


LIBRARY_PARTS = frozenset(
    {"faust", "aiokafka", "metrics and logging", "event loop (asyncio, selectors)"}
)


def summarise(raw: Path, top: int = 25) -> tuple[dict[str, int], list[tuple[str, int]], int]:
    """Samples per part, and the leaf functions with the most samples of their own."""
    parts: collections.Counter[str] = collections.Counter()
    leaves: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        parts[part_of(stack)] += n
        leaves[stack.rsplit(";", 1)[-1]] += n
    return dict(parts.most_common()), leaves.most_common(top), total


def thread_cpu(pid: int) -> dict[str, tuple[float, float]]:
    """Per thread of ``pid``: (user, system) CPU seconds, by ``name/tid``."""
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[str, tuple[float, float]] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        found[f"{name}/{task.name}"] = (int(fields[11]) / ticks, int(fields[12]) / ticks)
    return found


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="python -m bench.e2e.profile_worker")
    parser.add_argument("--feed", type=Path, help="JSON-lines (.gz) feed (default: synthetic)")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--bootstrap", default=settings.kafka.bootstrap_servers)
    parser.add_argument("--es-url", default=settings.es.url)
    parser.add_argument(
        "--rate",
        type=int,
        default=50,
        help="py-spy samples per second (0: no profile, CPU figures only)",
    )
    args = parser.parse_args(argv)
    py_spy = shutil.which("py-spy")
    if py_spy is None:
        raise SystemExit("py-spy not found: pip install -e '.[dev]'")
    workdir = Path(tempfile.mkdtemp(prefix="newsflow-profile-"))
    articles = articles_for(args, args.articles, "prof")
    pipeline = Pipeline(args.bootstrap, args.es_url, workdir)
    raw = workdir / "worker.txt"
    try:
        pipeline.produce([])
        worker = pipeline.start_worker(timeout=600)
        time.sleep(2)
        command = [py_spy, "record", "-p", str(worker.process.pid), "--gil"]
        command += ["-r", str(args.rate), "-f", "raw", "-o", str(raw)]
        spy = None
        if args.rate > 0:
            spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(1)  # attached
        cpu_before = _cpu_seconds(worker.process.pid)
        threads_before = thread_cpu(worker.process.pid)
        started = time.monotonic()
        pipeline.produce(backlog(articles))
        wait_until(lambda: pipeline.count() >= len(articles), 3600, "backlog not drained")
        drained = time.monotonic() - started
        cpu = _cpu_seconds(worker.process.pid) - cpu_before
        threads = {
            name: (
                user - threads_before.get(name, (0, 0))[0],
                system - threads_before.get(name, (0, 0))[1],
            )
            for name, (user, system) in thread_cpu(worker.process.pid).items()
        }
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            spy.wait(timeout=60)
    finally:
        pipeline.stop_all()
        pipeline.remove()
    print(f"feed {args.feed or 'synthetic'}: {len(articles)} articles drained in {drained:.1f} s")
    print(f"worker CPU {cpu:.1f} s = {cpu / len(articles) * 1000:.1f} ms per article")
    print("\nCPU by thread, ms per article (user + system):")
    main_thread = f"/{worker.process.pid}"
    for name, (user, system) in sorted(threads.items(), key=lambda t: -sum(t[1])):
        if user + system >= 0.05:
            role = " (main: event loop)" if name.endswith(main_thread) else ""
            per = [round(x / len(articles) * 1000, 1) for x in (user, system)]
            print(f"  {name + role:<36} {per[0]:6.1f} + {per[1]:4.1f}")
    if spy is None:
        return 0
    parts, leaves, total = summarise(raw)
    print(f"\nGIL samples by part ({total}):")
    for part, n in parts.items():
        print(f"  {n / total:6.1%}  {part}")
    print("\nfunctions with the most samples of their own:")
    for leaf, n in leaves:
        print(f"  {n / total:6.1%}  {leaf}")
    print(f"\nraw stacks: {raw}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
