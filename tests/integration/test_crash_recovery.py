"""A worker killed with SIGKILL mid-stream and restarted: every article indexed exactly once."""

from __future__ import annotations

import signal
import time

import orjson

from workers.ops.synthetic import synthetic_articles

COUNT = 1500


def test_sigkill_mid_stream_loses_and_duplicates_nothing(pipeline) -> None:  # type: ignore[no-untyped-def]
    articles = list(synthetic_articles(COUNT, prefix="crash"))
    pipeline.produce([(a["id"].encode(), orjson.dumps(a)) for a in articles])
    worker = pipeline.start_worker()
    deadline = time.monotonic() + 120
    while pipeline.count() < COUNT // 10 and time.monotonic() < deadline:
        time.sleep(0.1)
    indexed_at_kill = pipeline.count()
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    assert 0 < indexed_at_kill < COUNT, "the kill must land mid-stream"

    pipeline.start_worker()
    pipeline.wait_for_count(COUNT, timeout=300)
    pipeline.wait_for_lag_zero()
    assert pipeline.count() == COUNT
    ids = set()
    for hit in pipeline.es.search(
        index=pipeline.settings.es.alias("articles"), size=COUNT, source_includes=["id", "title"]
    )["hits"]["hits"]:
        ids.add(hit["_source"]["id"])
    assert ids == {a["id"] for a in articles}
