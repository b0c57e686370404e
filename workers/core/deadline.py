"""A wall-clock limit on pure-Python work in the calling thread (the extract stage's limit per
article).

One watchdog thread keeps the deadlines of all limited calls. When a deadline passes it raises
``TimeLimitExceeded`` *inside the limited thread* (``PyThreadState_SetAsyncExc``), the same
mechanism that delivers ``KeyboardInterrupt``: the interpreter raises it at the next bytecode
boundary, so any Python loop, however deep, stops within microseconds.

What it cannot interrupt: one single call into C that runs long without returning to the
interpreter, above all one ``re`` match (the regex engine holds the GIL and never checks for
pending exceptions). Such a call is interrupted when it returns. No in-process mechanism does
better (``signal.alarm`` handlers also run between bytecodes, and only in the main thread); a
hard limit on C code needs a separate process, as the HTML pool does
(``workers/core/cleaning/html.py``). The extract stage's patterns are therefore kept linear
(``tests/unit/core/test_extract_time_limit.py`` feeds them pathological inputs) and this limit
is the guard for Python-level blow-ups.

``TimeLimitExceeded`` derives from ``BaseException`` so a broad ``except Exception`` inside the
limited code cannot swallow it.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

REFIRE_SECONDS = 0.1
"""How often a fired limit is raised again while the limited block has not ended."""


class TimeLimitExceeded(BaseException):
    """Raised inside a thread whose time limit passed."""


_prototype = ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
_set_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(_prototype)
_clear_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(_prototype)


class _Watchdog:
    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._heap: list[tuple[float, int]] = []
        self._active: dict[int, int] = {}  # token -> thread ident, while the limited code runs
        self._fired: set[int] = set()
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, deadline: float) -> int:
        with self._lock:
            token = next(self._tokens)
            self._active[token] = threading.get_ident()
            heapq.heappush(self._heap, (deadline, token))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="time-limit-watchdog", daemon=True
                )
                self._thread.start()
            self._lock.notify()
            return token

    def disarm(self, token: int) -> bool:
        """Stop watching ``token``; True when its deadline had fired. A fired exception that
        is still pending (the code finished in between) is withdrawn here, under the lock, so
        it can never surface later in unrelated code of this thread."""
        with self._lock:
            ident = self._active.pop(token, None)
            fired = token in self._fired
            self._fired.discard(token)
            if fired and ident is not None:
                _clear_async_exc(ident, None)  # NULL: withdraw
            return fired

    def _run(self) -> None:
        with self._lock:
            while True:
                while self._heap and self._heap[0][1] not in self._active:
                    heapq.heappop(self._heap)  # finished in time
                if not self._heap:
                    self._lock.wait()
                    continue
                deadline, token = self._heap[0]
                now = time.monotonic()
                if now < deadline:
                    self._lock.wait(deadline - now)
                    continue
                heapq.heappop(self._heap)
                self._fired.add(token)
                _set_async_exc(self._active[token], TimeLimitExceeded)
                # Again until the block ends: an exception delivered inside a destructor or a
                # weakref callback is printed and dropped by the interpreter, and the limited
                # code would then run on unbounded.
                heapq.heappush(self._heap, (now + REFIRE_SECONDS, token))


_watchdog = _Watchdog()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in this thread if the block runs longer than ``seconds``."""
    token = _watchdog.arm(time.monotonic() + seconds)
    fired = False
    try:
        yield
    finally:
        try:
            fired = _watchdog.disarm(token)
        except TimeLimitExceeded:  # delivered between the block's end and the disarm
            _watchdog.disarm(token)
            fired = True
    if fired:
        # The deadline passed just as the block finished: over the limit all the same.
        raise TimeLimitExceeded
