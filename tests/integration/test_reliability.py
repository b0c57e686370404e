"""Delivery on the real stack: SIGTERM drains and commits and leaves the group; dead letters
can be inspected and replayed after a fix; workers expose health, readiness, metrics and
JSON logs carrying the article id."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
import urllib.request

import orjson

from workers.ops.synthetic import synthetic_articles

COUNT = 1200
DELIVERY_WORDS = "commit|seek|rebalanc|assign|revoke|signal|shutdown|unfinished|error|warn"


def _metrics(port: int) -> dict[str, float]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    samples: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            samples[name] = float(value)
    return samples


def _port(process: subprocess.Popen[bytes]) -> int:
    args = process.args
    assert isinstance(args, list)
    return int(args[args.index("--web-port") + 1])


def _group_members(pipeline) -> int:  # type: ignore[no-untyped-def]
    from aiokafka.admin import AIOKafkaAdminClient

    from workers.stream.kafka import client_options

    async def run() -> int:
        admin = AIOKafkaAdminClient(**client_options(pipeline.settings.kafka))
        await admin.start()
        try:
            described = await admin.describe_consumer_groups([pipeline.settings.worker.app_id])
            return len(described[0].groups[0][5]) if described[0].groups else 0
        finally:
            await admin.close()

    return asyncio.run(run())


def _committed_of_ends(pipeline) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Per consumed topic: the group's committed offsets summed over partitions / log ends."""
    from workers.stream.kafka import group_progress

    progress = asyncio.run(group_progress(pipeline.settings.kafka, pipeline.settings.worker.app_id))
    return {name: f"{done}/{end}" for name, (done, end) in progress.items()}


def test_sigterm_finishes_in_flight_work_commits_and_leaves_the_group(pipeline) -> None:  # type: ignore[no-untyped-def]
    articles = list(synthetic_articles(COUNT, prefix="term"))
    pipeline.produce([(a["id"].encode(), orjson.dumps(a)) for a in articles])
    worker = pipeline.start_worker()
    deadline = time.monotonic() + 120
    while pipeline.count() < COUNT // 5 and time.monotonic() < deadline:
        time.sleep(0.1)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=60) == 0, pipeline.worker_log(worker)
    stopped_at = pipeline.count()
    assert 0 < stopped_at < COUNT, "SIGTERM must land mid-stream"
    # Left the group on the way out: nobody waits for a session timeout to take over.
    assert _group_members(pipeline) == 0
    committed_at_stop = _committed_of_ends(pipeline)

    successor = pipeline.start_worker()
    pipeline.wait_for_count(COUNT, timeout=300)
    pipeline.wait_for_lag_zero()
    assert pipeline.count() == COUNT
    # Everything the first worker indexed was committed: nothing was indexed a second time.
    replays = _metrics(_port(successor))["newsflow_es_version_conflicts_total"]
    assert replays == 0, (
        f"{replays:.0f} of the {stopped_at} articles indexed before SIGTERM were indexed again;"
        f" committed/produced per topic when the first worker had stopped: {committed_at_stop}"
        f"\nfirst worker:\n{pipeline.worker_log(worker, matching=DELIVERY_WORDS)}"
        f"\nsuccessor:\n{pipeline.worker_log(successor, matching=DELIVERY_WORDS)}"
    )

    # Operations surface of a live worker.
    port = _port(successor)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
        assert orjson.loads(response.read()) == {"status": "ok"}
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
        ready = orjson.loads(response.read())
    assert ready["ready"] and ready["state_recovered"] and not ready["es_paused"]
    samples = _metrics(port)
    assert samples['newsflow_articles_total{outcome="ok",stage="index"}'] > 0
    assert any(k.startswith("newsflow_consumer_lag{") for k in samples)
    assert samples["newsflow_es_bulk_seconds_count"] > 0


def test_dead_letters_are_shown_and_replayed_after_a_fix(pipeline, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    isolated = type(pipeline)(tmp_path_factory.mktemp("replay"))  # a pipeline of its own
    # A misconfigured worker: every article is "too short" and goes to the DLQ.
    isolated.env["NEWSFLOW_PROCESSING__MIN_BODY_CHARS"] = "100000"
    articles = list(synthetic_articles(20, prefix="replay"))
    try:
        isolated.produce([(a["id"].encode(), orjson.dumps(a)) for a in articles])
        broken = isolated.start_worker()
        letters = isolated.dead_letters(len(articles))
        assert {letter.reason.value for letter in letters} == {"empty_after_cleaning"}
        assert {letter.article_id for letter in letters} == {a["id"] for a in articles}
        broken.send_signal(signal.SIGTERM)
        broken.wait(timeout=60)

        def cli(*args: str) -> str:
            result = subprocess.run(
                [sys.executable, "-m", "workers", "dlq", *args],
                env=isolated.env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 0, result.stderr
            return result.stdout

        shown = cli("show", "--reason", "empty_after_cleaning", "--limit", "100")
        assert "replay-0" in shown and "empty_after_cleaning" in shown
        # The fix: the default minimum body length. Then replay, and everything is indexed.
        del isolated.env["NEWSFLOW_PROCESSING__MIN_BODY_CHARS"]
        isolated.start_worker()
        assert "replayed 20 dead letters" in cli("replay", "--reason", "empty_after_cleaning")
        isolated.wait_for_count(len(articles), timeout=120)
        assert isolated.count() == len(articles)
    finally:
        isolated.stop_all()


def test_worker_logs_are_json_lines_with_the_article_id(pipeline) -> None:  # type: ignore[no-untyped-def]
    pipeline.produce([(b"bad-log-1", b'{"id": "bad-log-1", "title": "no body"}')])
    pipeline.dead_letters(1)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = [
            orjson.loads(line)
            for log in pipeline.tmp.glob("worker-*.log")
            for line in log.read_text(errors="replace").splitlines()
            if line.startswith("{")
        ]
        hits = [entry for entry in lines if entry.get("article_id") == "bad-log-1"]
        if hits:
            assert hits[0]["reason"] == "missing_content"
            assert hits[0]["level"] == "warning" and hits[0]["ts"]
            return
        time.sleep(0.5)
    raise AssertionError("no JSON log line carried the article id")


def test_a_fresh_worker_recovers_the_clean_stage_state(pipeline, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    """Duplicate marks need the memory of earlier articles. A worker that never saw the
    original (as after a rebalance or a restart) must still mark its copy: the state comes
    from the observations topic, not from the process that cleaned the original."""
    isolated = type(pipeline)(tmp_path_factory.mktemp("state"))
    text = (
        "The harbour authority said on Monday that container traffic rose by a fifth in the "
        "third quarter, the strongest growth since the new terminal opened two years ago.\n\n"
        "Officials said the figures reflected new shipping routes to East Africa."
    )
    original = {
        "id": "state-original",
        "title": "Harbour traffic up by a fifth",
        "text": text,
        "fetched_at": "2026-01-01T10:00:00+00:00",
    }
    copy = {**original, "id": "state-copy", "fetched_at": "2026-01-01T11:00:00+00:00"}
    try:
        isolated.produce([(b"state-original", orjson.dumps(original))])
        first = isolated.start_worker()
        isolated.wait_for_count(1)
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=60) == 0
        isolated.start_worker()  # a new process: empty memory until it reads the topic
        isolated.produce([(b"state-copy", orjson.dumps(copy))])
        isolated.wait_for_count(2)
        marked = isolated.get_article("state-copy")
        assert marked is not None and marked["duplicate_of"] == "state-original"
    finally:
        isolated.stop_all()
