"""One thread for the processing of both stages (clean and extract).

The clean and extract agents hand each batch to a thread so that the event loop keeps fetching,
sending and heartbeating. ``asyncio.to_thread`` uses the loop's default pool, so the two stages'
batches may run on two threads at once. Both are CPU-bound Python: two threads cannot run
Python at the same time (the GIL), so a second one buys no throughput, only GIL hand-offs
between them and the event loop and a batch that waits for the GIL instead of in a queue. One
worker thread runs the batches one after the other instead; a worker that needs more processing
runs as more processes (docs/operations.md "Sizing").
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class ProcessingThread:
    """A single worker thread that runs blocking calls for coroutines, in submission order,
    with the caller's context variables (as ``asyncio.to_thread`` does)."""

    def __init__(self, name: str = "newsflow-processing") -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self.cpu_seconds = 0.0
        """CPU time the calls took on this thread: the worker's processing, against which
        the rest of the process's CPU is what the streaming costs (metric and benchmark)."""

    async def run(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        loop = asyncio.get_running_loop()
        call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        return await loop.run_in_executor(self._executor, functools.partial(self._timed, call))

    def _timed(self, call: Callable[[], R]) -> R:
        started = time.thread_time()
        try:
            return call()
        finally:
            self.cpu_seconds += time.thread_time() - started  # only this thread writes it
