"""Batches of stream events that cost nothing while the stream is idle.

Faust's ``Stream.take_events(max_, within)`` waits for a full buffer with a timeout of ``within``
in a loop, also when the buffer is empty: every agent wakes 1/``within`` times a second (20 a
second at the default 0.05 s) and each wake-up creates futures and tasks for ``wait_first``. The
three agents of an idle worker spent most of its idle CPU there (profile of an idle worker,
docs/operations.md "Sizing"), a fixed cost per second that a slow feed pays per article.

``take_batches`` is the same generator with one change: while the buffer is empty it waits for
the first event without a timeout, and then only for the rest of the window Faust's loop would
have been in (windows of ``within`` back to back from the end of the previous batch), so an
event waits what it waited before (0 to ``within``, a full buffer ends it sooner).

Everything that decides what is committed is Faust's, unchanged: acks are off while buffering,
and the events of a batch are acked after the loop body is done with them, also when it raised
or was cancelled (the ``finally``), so callers hold each event until its output is safe, as with
``take_events``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from mode.utils.aiter import aiter
from mode.utils.futures import notify


def window_left(now: float, windows_from: float, within: float) -> float:
    """Seconds until the end of the current window, windows of ``within`` seconds running back
    to back from ``windows_from``; a whole window when ``now`` is on a boundary."""
    if within <= 0:
        return 0.0
    return within - (max(0.0, now - windows_from) % within)


def take_batches(stream: Any, size: int, within: float) -> AsyncIterator[list[Any]]:
    """Up to ``size`` events of ``stream``: a full buffer, or what arrived within ``within``
    seconds of the first buffered event. Events are acked once the caller is done with their
    batch (Faust's ``take_events`` contract)."""
    batches = _take_batches(stream, size, within)
    # As Faust registers its own buffering generators: the stream closes what is left of them
    # when it stops, which runs the acks and detaches the processor.
    active = getattr(stream, "_active_agens", None)
    if active is not None:
        active.add(batches)
    return batches


async def _take_batches(stream: Any, size: int, within: float) -> AsyncIterator[list[Any]]:
    events: list[Any] = []
    has_events = asyncio.Event()
    full = asyncio.Event()
    consumed = asyncio.Event()
    consuming: asyncio.Future[None] | None = None
    enable_acks: bool = stream.enable_acks

    async def add_to_buffer(value: Any) -> Any:
        # A processor: runs for each event the stream's passive drainer takes from the channel.
        nonlocal consuming
        try:
            if consuming is not None:  # the caller is reading the buffer: wait until it is done
                try:
                    await consuming
                finally:
                    consuming = None
            event = stream.current_event
            if event is None:
                raise RuntimeError("take_batches found no current event")
            events.append(event)
            has_events.set()
            if len(events) >= size:
                full.set()
                consumed.clear()
                await stream.wait(consumed)  # never more than ``size`` in one batch
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            stream.log.exception("Error adding to take buffer: %r", exc)
            await stream.crash(exc)
        return value

    stream.enable_acks = False  # acked below, after the caller is done with the batch
    stream.add_processor(add_to_buffer)
    stream._enable_passive(aiter(stream.channel))
    try:
        windows_from = stream.loop.time()
        while not stream.should_stop:
            await stream.wait_for_stopped(has_events)  # idle: no timeout, no wake-ups
            left = window_left(stream.loop.time(), windows_from, within)
            await stream.wait_for_stopped(full, timeout=left)
            if not events:
                continue
            consuming = stream.loop.create_future()
            try:
                yield list(events)
            finally:
                batch = list(events)
                events.clear()
                has_events.clear()
                for event in batch:
                    await stream.ack(event)
                notify(consuming)
                full.clear()
                consumed.set()
                windows_from = stream.loop.time()
    finally:
        stream.enable_acks = enable_acks
        stream._processors.remove(add_to_buffer)
