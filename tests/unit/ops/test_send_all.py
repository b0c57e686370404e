"""Producers retry what a restarting broker did not acknowledge and report what never was."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiokafka.errors import KafkaTimeoutError, MessageSizeTooLargeError, NotLeaderForPartitionError

from workers.stream import kafka
from workers.stream.kafka import retriable, send_all


class FakeProducer:
    """Fails each value's first ``failures[value]`` sends with the given error."""

    def __init__(self, failures: dict[bytes, list[Exception]]) -> None:
        self.failures = failures
        self.delivered: list[bytes] = []

    async def send(self, topic: str, value: bytes, key: bytes | None = None) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        queue = self.failures.get(value, [])
        if queue:
            error = queue.pop(0)
            if isinstance(error, KafkaTimeoutError):
                raise error  # raised by send() itself while metadata is unavailable
            future.set_exception(error)
        else:
            self.delivered.append(value)
            future.set_result(None)
        return future


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    async def instant(seconds: float) -> None:
        return None

    monkeypatch.setattr(kafka.asyncio, "sleep", instant)


async def test_transient_failures_are_retried_until_acknowledged() -> None:
    fake = FakeProducer(
        {b"a": [KafkaTimeoutError(), NotLeaderForPartitionError()], b"b": [KafkaTimeoutError()]}
    )
    records = [(b"k", b"a"), (b"k", b"b"), (b"k", b"c")]
    report = await send_all(fake, "t", records, window=2)  # type: ignore[arg-type]
    assert sorted(fake.delivered) == [b"a", b"b", b"c"]
    assert (report.sent, report.retries, report.failed) == (3, 3, [])


async def test_permanent_and_exhausted_failures_are_reported_by_index() -> None:
    fake = FakeProducer({b"big": [MessageSizeTooLargeError()], b"down": [KafkaTimeoutError()] * 5})
    records = [(None, b"ok"), (None, b"big"), (None, b"down")]
    report = await send_all(fake, "t", records, attempts=3)  # type: ignore[arg-type]
    assert fake.delivered == [b"ok"]
    assert report.sent == 1
    assert [index for index, _ in report.failed] == [1, 2]
    assert "MessageSizeTooLarge" in report.failed[0][1]


def test_what_counts_as_transient() -> None:
    assert retriable(KafkaTimeoutError()) and retriable(NotLeaderForPartitionError())
    assert not retriable(MessageSizeTooLargeError()) and not retriable(ValueError())
