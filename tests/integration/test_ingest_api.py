"""`newsflow api` for real: HTTP → Kafka raw topic → worker → Elasticsearch."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from workers.ops.synthetic import synthetic_articles

TOKEN = "integration-token"


def _post(port: int, body: Any, token: str | None = TOKEN) -> tuple[int, dict[str, Any]]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/articles", data=orjson.dumps(body), headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, orjson.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, orjson.loads(exc.read())


@pytest.fixture(scope="module")
def server(pipeline) -> Iterator[int]:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    env = {**pipeline.env, "NEWSFLOW_API__TOKENS": f'["{TOKEN}"]'}
    log = (pipeline.tmp / "api.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "workers", "api", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                break
        except OSError:
            assert process.poll() is None, (pipeline.tmp / "api.log").read_text()
            time.sleep(0.3)
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_posted_articles_reach_the_index(pipeline, server) -> None:  # type: ignore[no-untyped-def]
    pipeline.start_worker()
    articles = list(synthetic_articles(6, prefix="api"))
    single_status, single = _post(server, articles[0])
    batch_status, batch = _post(server, articles[1:])
    assert (single_status, single) == (202, {"accepted": 1, "ids": ["api-0"]})
    assert batch_status == 202 and batch["ids"] == [a["id"] for a in articles[1:]]
    pipeline.wait_for_count(len(articles), timeout=120)
    assert pipeline.get_article("api-3")["title"] == articles[3]["title"]


def test_rejections_are_clear_and_produce_nothing(pipeline, server) -> None:  # type: ignore[no-untyped-def]
    pipeline.wait_for_count(6, timeout=120)
    assert _post(server, {"id": "x", "text": "body"}, token=None)[0] == 401
    status, body = _post(server, [{"id": "ok-1", "text": "fine text"}, {"id": "no-body"}])
    assert status == 422
    assert body["details"] == [
        {"index": 1, "reason": "missing_content", "message": "article has neither text nor html"}
    ]
    time.sleep(3)
    assert pipeline.count() == 6  # nothing of the rejected batch was produced
