"""The ingest API's contract, with a recording sender in place of Kafka (the real Kafka path is
covered by tests/integration/test_ingest_api.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

import orjson
import pytest
from aiohttp.test_utils import TestClient, TestServer

from workers.settings import Settings
from workers.stream.api import create_app
from workers.stream.kafka import SendReport

TOKEN = "t0ken-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "id": "api-1",
    "title": "Port reopens after the storm",
    "text": "The port of Rotterdam reopened on Tuesday after a two-day closure, officials said.",
}


class RecordingSender:
    def __init__(self, fail: set[int] | None = None) -> None:
        self.records: list[tuple[bytes | None, bytes]] = []
        self.fail = fail or set()

    async def __call__(self, records: Sequence[tuple[bytes | None, bytes]]) -> SendReport:
        report = SendReport()
        for index, record in enumerate(records):
            if index in self.fail:
                report.failed.append((index, "KafkaTimeoutError()"))
            else:
                self.records.append(record)
                report.sent += 1
        return report


def settings(**api: object) -> Settings:
    return Settings(api={"tokens": [TOKEN], "max_body_bytes": 4096, "max_batch": 3, **api})


@pytest.fixture
def sender() -> RecordingSender:
    return RecordingSender()


@pytest.fixture
async def client(sender: RecordingSender) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    async with TestClient(TestServer(create_app(settings(), sender))) as test_client:
        yield test_client


async def test_single_article_is_produced_keyed_by_its_id(client, sender) -> None:  # type: ignore[no-untyped-def]
    response = await client.post("/articles", json=ARTICLE, headers=AUTH)
    assert response.status == 202
    assert await response.json() == {"accepted": 1, "ids": ["api-1"]}
    assert sender.records == [(b"api-1", orjson.dumps(ARTICLE))]


async def test_batch_without_ids_gets_the_ids_the_worker_will_compute(client, sender) -> None:  # type: ignore[no-untyped-def]
    batch = [{"url": f"https://news.example/a/{n}", "text": ARTICLE["text"]} for n in range(3)]
    response = await client.post("/articles", json=batch, headers=AUTH)
    assert response.status == 202
    ids = (await response.json())["ids"]
    assert len(set(ids)) == 3 and all(ids)
    assert [key for key, _ in sender.records] == [i.encode() for i in ids]


async def test_missing_or_wrong_token_is_401(client, sender) -> None:  # type: ignore[no-untyped-def]
    missing = await client.post("/articles", json=ARTICLE)
    wrong = await client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert (missing.status, wrong.status) == (401, 401)
    assert "Bearer" in missing.headers["WWW-Authenticate"]
    assert (await wrong.json())["message"] == "the token is not valid"
    assert sender.records == []


async def test_invalid_article_in_a_batch_rejects_the_batch(client, sender) -> None:  # type: ignore[no-untyped-def]
    batch = [ARTICLE, {"id": "x", "title": "no body"}, {"text": "fine", "title": "t" * 1001}]
    response = await client.post("/articles", json=batch, headers=AUTH)
    assert response.status == 422
    body = await response.json()
    assert body["error"] == "invalid_batch"
    assert [(d["index"], d["reason"]) for d in body["details"]] == [
        (1, "missing_content"),
        (2, "title_too_long"),
    ]
    assert sender.records == []


async def test_body_limits_and_media_type_have_clear_answers(client) -> None:  # type: ignore[no-untyped-def]
    too_big = await client.post("/articles", json={**ARTICLE, "text": "x" * 5000}, headers=AUTH)
    too_many = await client.post("/articles", json=[ARTICLE] * 4, headers=AUTH)
    not_json = await client.post(
        "/articles", data=b"{oops", headers={**AUTH, "Content-Type": "application/json"}
    )
    form = await client.post("/articles", data={"a": "b"}, headers=AUTH)
    scalar = await client.post("/articles", json="hello", headers=AUTH)
    empty = await client.post("/articles", json=[], headers=AUTH)
    assert (too_big.status, (await too_big.json())["error"]) == (413, "body_too_large")
    assert (too_many.status, (await too_many.json())["error"]) == (413, "batch_too_large")
    assert (not_json.status, (await not_json.json())["error"]) == (400, "invalid_json")
    assert (form.status, (await form.json())["error"]) == (415, "unsupported_media_type")
    assert (scalar.status, (await scalar.json())["error"]) == (400, "invalid_body")
    assert (empty.status, (await empty.json())["error"]) == (400, "empty_batch")


async def test_unacknowledged_records_are_reported_as_503_with_retry_after() -> None:
    sender = RecordingSender(fail={1})
    batch = [{**ARTICLE, "id": f"a{n}"} for n in range(3)]
    async with TestClient(TestServer(create_app(settings(), sender))) as client:
        response = await client.post("/articles", json=batch, headers=AUTH)
        assert response.status == 503
        assert response.headers["Retry-After"]
        assert (await response.json())["details"] == [{"index": 1, "id": "a1"}]


def test_refuses_to_start_without_tokens_unless_anonymous_is_allowed() -> None:
    with pytest.raises(ValueError, match="NEWSFLOW_API__TOKENS"):
        create_app(Settings(), RecordingSender())
    create_app(Settings(api={"allow_anonymous": True}), RecordingSender())


def test_tokens_never_appear_in_settings_output() -> None:
    assert TOKEN not in repr(settings()) and TOKEN not in settings().model_dump_json()
