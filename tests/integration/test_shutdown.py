"""SIGTERM while Kafka or Elasticsearch does not answer: the worker still exits promptly (within
``worker.shutdown_timeout``, 20 s by default), commits nothing it has not finished, and a
successor indexes every article once the service is back.

This test stops and restarts a service of the configured stack (`newsflow stack up`); other
tests running at the same moment against that stack would see the outage.
"""

from __future__ import annotations

import signal
import time

import orjson
import pytest

from workers.ops.stack import (
    StackConfig,
    es_health,
    kafka_healthy,
    start_elasticsearch,
    start_kafka,
    stop_service,
)
from workers.ops.synthetic import synthetic_articles
from workers.settings import Settings

COUNT = 600
EXIT_BOUND_S = 60  # generous: the deadline is 20 s; the figure is printed


def _restart(cfg: StackConfig, service: str) -> None:
    if service == "kafka":
        start_kafka(cfg)
    else:
        start_elasticsearch(cfg)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if kafka_healthy(cfg) and es_health(cfg) in ("green", "yellow"):
            return
        time.sleep(1)
    raise AssertionError(f"{service} did not come back")


@pytest.mark.parametrize("service", ["kafka", "elasticsearch"])
def test_sigterm_exits_promptly_when_a_service_is_down_and_commits_nothing_unfinished(
    pipeline, tmp_path, service: str
) -> None:  # type: ignore[no-untyped-def]
    isolated = type(pipeline)(tmp_path)
    cfg = StackConfig.from_settings(Settings())
    articles = list(synthetic_articles(COUNT, prefix=f"down-{service[:2]}"))
    try:
        isolated.produce([(a["id"].encode(), orjson.dumps(a)) for a in articles])
        worker = isolated.start_worker()
        deadline = time.monotonic() + 120
        while isolated.count() < COUNT // 5 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert isolated.count() < COUNT, "the outage must land mid-stream"
        try:
            stop_service(cfg, service)
            stopped = time.monotonic()
            worker.send_signal(signal.SIGTERM)
            try:
                code = worker.wait(timeout=EXIT_BOUND_S)
            except Exception:
                worker.kill()
                raise AssertionError(
                    f"worker still running {EXIT_BOUND_S}s after SIGTERM with {service} down:\n"
                    + isolated.worker_log(worker)
                ) from None
            took = time.monotonic() - stopped
            print(f"\nSIGTERM with {service} down: exited with {code} after {took:.1f}s")
            assert code in (0, 75), isolated.worker_log(worker)
        finally:
            _restart(cfg, service)
        indexed_at_stop = isolated.count()
        # Nothing was committed past unfinished work: a successor finds and indexes the rest.
        isolated.start_worker()
        isolated.wait_for_count(COUNT, timeout=300)
        isolated.wait_for_lag_zero()
        assert isolated.count() == COUNT
        print(f"indexed before the stop: {indexed_at_stop}; all {COUNT} after the successor")
    finally:
        isolated.stop_all()
