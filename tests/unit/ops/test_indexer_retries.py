"""ArticleIndexer under a failing cluster: bounded exponential backoff with jitter, then a
paused state that resumes by itself; nothing transient is ever reported as rejected."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import orjson
import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elastic_transport import ConnectionError as TransportConnectionError
from elasticsearch import ApiError

from schemas.models import EnrichedArticle
from workers.settings import ElasticsearchSettings, WorkerSettings
from workers.stream import es as es_module
from workers.stream import metrics
from workers.stream.es import ArticleIndexer, block_reason, transient_cause


def article(n: int, version: int = 1) -> EnrichedArticle:
    return EnrichedArticle(
        id=f"a{n}",
        lang="en",
        title=f"Title {n}",
        body="A body long enough to be an article body for the tests here.",
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        version=version,
        content_hash=f"h{n}",
    )


def api_error(status: int, body: dict[str, Any] | None = None) -> ApiError:
    meta = ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("http", "localhost", 9200),
    )
    return ApiError(f"HTTP {status}", meta, body or {})


FLOOD_STAGE = {
    "type": "cluster_block_exception",
    "reason": "index [x-articles-000001] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded "
    "flood-stage watermark, index has read-only-allow-delete block];",
}
WRITE_BLOCK = {
    "type": "cluster_block_exception",
    "reason": "index [x-articles-000001] blocked by: [FORBIDDEN/8/index write (api)];",
}


class FlakyCluster:
    """Fails the first ``outages`` bulk calls (and one search), then answers per document
    with the statuses in ``item_status`` (default 201), once each."""

    def __init__(self, outages: int, item_status: dict[str, list[int]] | None = None) -> None:
        self.outages = outages
        self.item_status = item_status or {}
        self.bulks: list[list[str]] = []
        self.search_failed = False
        self.request_errors: list[Exception] = []
        self.indices = SimpleNamespace(refresh=self._refresh)

    async def _refresh(self, **kwargs: Any) -> None:
        return None

    async def bulk(self, operations: list[bytes], filter_path: str | None = None) -> dict[str, Any]:
        if self.outages:
            self.outages -= 1
            raise TransportConnectionError("connection refused")
        if self.request_errors:
            raise self.request_errors.pop(0)
        # The indexer sends NDJSON lines already serialized: every line must be valid JSON.
        lines = [orjson.loads(line) for line in operations]
        ids = [op["index"]["_id"] for op in lines[::2]]
        self.bulks.append(ids)
        items = []
        for doc_id in ids:
            queue = self.item_status.get(doc_id, [])
            status = queue.pop(0) if queue else 201
            error = {"type": "mapper_parsing_exception", "reason": "bad"} if status == 400 else {}
            if status in (403, 430):  # 430: the flood-stage block, which ES answers with 429
                error, status = (WRITE_BLOCK, 403) if status == 403 else (FLOOD_STAGE, 429)
            items.append({"index": {"_id": doc_id, "status": status, "error": error}})
        if filter_path:  # answer only what the indexer asked for, as Elasticsearch does
            kept = {path.rsplit(".", 1)[-1] for path in filter_path.split(",")}
            items = [{"index": {k: v for k, v in i["index"].items() if k in kept}} for i in items]
        return {"items": items}

    async def search(self, **kwargs: Any) -> dict[str, Any]:
        if not self.search_failed:
            self.search_failed = True
            raise api_error(503)
        return {"hits": {"hits": []}}


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    recorded: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(es_module.asyncio, "sleep", fake_sleep)
    return recorded


def indexer(cluster: FlakyCluster, max_retries: int = 3) -> ArticleIndexer:
    worker = WorkerSettings(bulk_max_retries=max_retries, backoff_initial=0.5, backoff_max=8)
    return ArticleIndexer(cluster, ElasticsearchSettings(), worker)  # type: ignore[arg-type]


async def test_outage_backs_off_exponentially_with_jitter_then_pauses_and_resumes(
    sleeps: list[float],
) -> None:
    cluster = FlakyCluster(outages=6)
    target = indexer(cluster, max_retries=3)
    outcome = await target.index([article(1), article(2)])
    assert [a.id for a in outcome.indexed] == ["a1", "a2"] and not outcome.rejected
    # attempts 0..2 back off within [ceiling/2, ceiling] of 0.5·2^n; then paused waits.
    for attempt, delay in enumerate(sleeps[:3]):
        ceiling = min(8, 0.5 * 2**attempt)
        assert ceiling / 2 <= delay <= ceiling
    assert sleeps[3:6] == [8, 8, 8]
    # The stale-claims lookup failed once with 503 and was retried, not raised.
    assert cluster.search_failed and len(sleeps) == 7
    assert target.paused is False
    assert metrics.ES_PAUSED._value.get() == 0


async def test_paused_state_is_visible_while_the_cluster_is_down(sleeps: list[float]) -> None:
    cluster = FlakyCluster(outages=3)
    target = indexer(cluster, max_retries=1)
    seen: list[bool] = []
    original = target._wait

    async def spy(attempt: int, reason: str) -> None:
        await original(attempt, reason)
        seen.append(target.paused)

    target._wait = spy  # type: ignore[method-assign]
    await target.index([article(1)])
    assert seen[:3] == [False, True, True]
    assert target.paused is False


async def test_per_document_outcomes(sleeps: list[float]) -> None:
    cluster = FlakyCluster(
        outages=0, item_status={"a1": [429, 201], "a2": [409], "a3": [400], "a4": [201]}
    )
    outcome = await indexer(cluster).index([article(1), article(2), article(3), article(4)])
    assert sorted(a.id for a in outcome.indexed) == ["a1", "a2", "a4"]  # 409 = already newer
    assert [(r.article.id, r.status) for r in outcome.rejected] == [("a3", 400)]
    assert outcome.version_conflicts == 1
    assert cluster.bulks[1] == ["a1"]  # only the 429 document was sent again


async def test_one_write_per_id_keeps_the_highest_version(sleeps: list[float]) -> None:
    cluster = FlakyCluster(outages=0)
    outcome = await indexer(cluster).index([article(1, 5), article(1, 9), article(1, 7)])
    assert cluster.bulks == [["a1"]]
    assert [a.version for a in outcome.indexed] == [9]


def test_transient_causes() -> None:
    assert transient_cause(TransportConnectionError("x")) == "ConnectionError"
    assert transient_cause(api_error(429)) == "http_429"
    assert transient_cause(api_error(503)) == "http_503"
    assert transient_cause(api_error(400)) is None
    assert transient_cause(ValueError("bug")) is None


async def test_write_block_pauses_without_dead_letters_and_resumes(sleeps: list[float]) -> None:
    """A block on the index (flood stage: 429, index.blocks.write: 403) is not a rejection:
    the documents wait, readiness says paused and names the block, then all are indexed."""
    cluster = FlakyCluster(outages=0, item_status={"a1": [430, 430, 201], "a2": [403, 201]})
    target = indexer(cluster, max_retries=1)
    seen: list[tuple[bool, str | None, float]] = []
    original = target._blocked

    async def spy(reason: str) -> None:
        await original(reason)
        seen.append((target.paused, target.write_block, metrics.ES_WRITE_BLOCKED._value.get()))

    target._blocked = spy  # type: ignore[method-assign]
    outcome = await target.index([article(1), article(2)])
    assert sorted(a.id for a in outcome.indexed) == ["a1", "a2"] and not outcome.rejected
    assert [s[0] for s in seen] == [True, True] and all(s[2] == 1 for s in seen)
    assert "read-only-allow-delete" in (seen[0][1] or "") or "index write" in (seen[0][1] or "")
    assert target.paused is False and target.write_block is None
    assert metrics.ES_WRITE_BLOCKED._value.get() == 0
    # Blocks retry at the short fixed interval (the other sleep: the one failed search).
    assert sleeps.count(2.0) == 2 and len(sleeps) == 3


async def test_whole_request_block_is_retried_not_raised(sleeps: list[float]) -> None:
    cluster = FlakyCluster(outages=0)
    cluster.request_errors = [api_error(403, {"error": {**WRITE_BLOCK, "root_cause": []}})] * 3
    outcome = await indexer(cluster, max_retries=0).index([article(1)])
    assert [a.id for a in outcome.indexed] == ["a1"] and not outcome.rejected
    assert sleeps[:3] == [2.0, 2.0, 2.0]


def test_block_reason_names_the_block() -> None:
    assert "flood-stage" in (block_reason(FLOOD_STAGE) or "")
    assert block_reason({"type": "mapper_parsing_exception", "reason": "x"}) is None
    assert block_reason(api_error(403, {"error": {"type": "security_exception"}})) is None
    nested = {"error": {"type": "x", "root_cause": [WRITE_BLOCK]}}
    assert "FORBIDDEN/8" in (block_reason(api_error(403, nested)) or "")
