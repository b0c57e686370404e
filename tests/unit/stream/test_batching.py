"""take_batches: Faust's take_events contract (batch sizes, acks after the body) without the
idle wake-ups. Runs Faust agents in their test context (no broker)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import faust
import pytest

from workers.stream.batching import take_batches, window_left

Batcher = Callable[[Any, int, float], AsyncIterator[list[Any]]]


def faust_take_events(stream: Any, size: int, within: float) -> AsyncIterator[list[Any]]:
    return stream.take_events(size, within=within)  # type: ignore[no-any-return]


def run_agent(
    batcher: Batcher, values: list[int], size: int, within: float, idle: float = 0.0
) -> dict[str, Any]:
    """Put ``values`` into an agent that batches with ``batcher``; what it saw."""
    app = faust.App(f"test-batches-{id(batcher)}", broker="kafka://127.0.0.1:1")
    seen: dict[str, Any] = {"batches": [], "acked_in_body": [], "waits": 0}

    @app.agent()
    async def agent(stream: Any) -> None:
        wait_for_stopped = stream.wait_for_stopped

        async def counted(*args: Any, **kwargs: Any) -> Any:
            seen["waits"] += 1
            return await wait_for_stopped(*args, **kwargs)

        stream.wait_for_stopped = counted
        async for batch in batcher(stream, size, within):
            seen["batches"].append([event.value for event in batch])
            seen["acked_in_body"].extend(event.message.acked for event in batch)
            seen.setdefault("events", []).extend(batch)

    async def main() -> None:
        async with agent.test_context() as running:
            await asyncio.sleep(idle)
            seen["waits_idle"] = seen["waits"]
            for value in values:
                await running.put(value)
            await asyncio.sleep(within * 4)

    asyncio.run(main())
    return seen


@pytest.mark.parametrize("batcher", [take_batches, faust_take_events])
def test_full_batches_then_the_rest_after_the_window(batcher: Batcher) -> None:
    seen = run_agent(batcher, list(range(7)), size=3, within=0.05)
    assert seen["batches"] == [[0, 1, 2], [3, 4, 5], [6]]


def test_events_are_acked_only_after_the_body_is_done_with_their_batch() -> None:
    seen = run_agent(take_batches, list(range(5)), size=2, within=0.05)
    assert seen["acked_in_body"] == [False] * 5
    # all acked once their batches were done (the last one when the window closed)
    assert all(event.message.acked for event in seen["events"])


def test_an_idle_stream_does_not_wake_the_agent() -> None:
    idle = 0.3
    ours = run_agent(take_batches, [], size=16, within=0.01, idle=idle)
    faust_own = run_agent(faust_take_events, [], size=16, within=0.01, idle=idle)
    assert ours["waits_idle"] <= 1  # waiting for the first event, without a timeout
    assert faust_own["waits_idle"] >= 10  # what it replaces: a wake-up every ``within``


def test_the_first_event_after_idle_waits_the_rest_of_the_running_window() -> None:
    # windows of 0.05 s from t=10: an event at 10.12 waits until 10.15, as with Faust's loop
    assert window_left(10.12, 10.0, 0.05) == pytest.approx(0.03)
    assert window_left(10.0, 10.0, 0.05) == pytest.approx(0.05)  # right after a batch: a whole one
    assert window_left(9.9, 10.0, 0.05) == pytest.approx(0.05)  # clock before the start
    assert window_left(11.0, 10.0, 0.0) == 0.0
