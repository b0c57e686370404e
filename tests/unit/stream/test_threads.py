"""ProcessingThread: both stages' batches on one thread, one at a time, off the event loop."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
import time

from workers.stream.threads import ProcessingThread

request = contextvars.ContextVar("request", default="none")


def test_calls_from_two_coroutines_share_one_thread_that_is_not_the_loops() -> None:
    thread = ProcessingThread()
    running = 0
    most_at_once = 0
    lock = threading.Lock()

    def work(seconds: float) -> str:
        nonlocal running, most_at_once
        with lock:
            running += 1
            most_at_once = max(most_at_once, running)
        time.sleep(seconds)
        with lock:
            running -= 1
        return threading.current_thread().name

    async def main() -> tuple[list[str], str]:
        names = await asyncio.gather(*(thread.run(work, 0.02) for _ in range(4)))
        return list(names), threading.current_thread().name

    names, loop_thread = asyncio.run(main())
    assert len(set(names)) == 1
    assert names[0] != loop_thread
    assert names[0].startswith("newsflow-processing")
    assert most_at_once == 1


def test_results_come_back_in_submission_order_with_the_callers_context() -> None:
    thread = ProcessingThread()
    order: list[int] = []

    def step(n: int, *, tag: str) -> str:
        order.append(n)
        return f"{tag}:{n}:{request.get()}"

    async def call(n: int) -> str:
        request.set(f"r{n}")
        return await thread.run(step, n, tag="t")

    async def main() -> list[str]:
        return list(await asyncio.gather(*(call(n) for n in range(5))))

    assert asyncio.run(main()) == [f"t:{n}:r{n}" for n in range(5)]
    assert order == list(range(5))


def test_an_exception_reaches_the_caller_and_the_thread_goes_on() -> None:
    thread = ProcessingThread()

    def fail() -> None:
        raise ValueError("bad article")

    async def main() -> int:
        try:
            await thread.run(fail)
        except ValueError as exc:
            assert str(exc) == "bad article"
        else:
            raise AssertionError("the error was lost")
        return await thread.run(len, "four")

    assert asyncio.run(main()) == 4


def test_it_counts_the_cpu_its_calls_used_and_not_their_waiting() -> None:
    thread = ProcessingThread()

    def spin(seconds: float) -> None:
        end = time.thread_time() + seconds
        while time.thread_time() < end:
            pass

    def fail_after_spinning() -> None:
        spin(0.05)
        raise ValueError("bad article")

    async def main() -> None:
        await thread.run(spin, 0.1)
        await thread.run(time.sleep, 0.2)  # waiting costs no CPU
        with contextlib.suppress(ValueError):
            await thread.run(fail_after_spinning)

    asyncio.run(main())
    assert 0.15 <= thread.cpu_seconds < 0.3
