"""Per-host politeness: at most ``host_concurrency`` requests in flight to a host, at least
``host_delay_seconds`` (or the robots.txt Crawl-delay, if larger) between two request starts,
and pages robots.txt disallows for our user agent are not fetched.

robots.txt answers follow RFC 9309: a 4xx (no robots.txt) allows everything; a 5xx or an
unreachable server disallows everything until the next try (``robots_retry_seconds``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego

from workers.feeds.fetching import Fetcher, FetchError

log = logging.getLogger("newsflow.feeds")

ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_RETRY_SECONDS = 300.0


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass
class _Robots:
    rules: Protego | None
    """None: allow everything (no robots.txt)."""
    disallow_all: bool
    expires: float


@dataclass
class _Host:
    slots: asyncio.Semaphore
    next_start: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    robots: _Robots | None = None
    robots_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Politeness:
    def __init__(
        self,
        fetcher: Fetcher,
        *,
        user_agent: str,
        concurrency: int,
        delay: float,
        respect_robots: bool,
        robots_ttl: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.fetcher = fetcher
        self.user_agent = user_agent
        self.concurrency = concurrency
        self.delay = delay
        self.respect_robots = respect_robots
        self.robots_ttl = robots_ttl
        self.clock = clock
        self.hosts: dict[str, _Host] = {}
        self.robots_fetches = 0

    def _host(self, url: str) -> _Host:
        key = host_of(url)
        if key not in self.hosts:
            self.hosts[key] = _Host(asyncio.Semaphore(self.concurrency))
        return self.hosts[key]

    def _delay(self, host: _Host) -> float:
        robots = host.robots
        crawl_delay = None
        if robots and robots.rules is not None:
            crawl_delay = robots.rules.crawl_delay(self.user_agent)
        return max(self.delay, float(crawl_delay or 0))

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        """Hold one of the host's request slots, started no sooner than its delay allows."""
        host = self._host(url)
        async with host.slots:
            async with host.lock:
                now = self.clock()
                start = max(now, host.next_start)
                host.next_start = start + self._delay(host)
            if start > now:
                await asyncio.sleep(start - now)
            yield

    async def allowed(self, url: str) -> bool:
        if not self.respect_robots:
            return True
        host = self._host(url)
        async with host.robots_lock:
            if host.robots is None or host.robots.expires <= self.clock():
                host.robots = await self._fetch_robots(url)
        robots = host.robots
        if robots.disallow_all:
            return False
        return robots.rules is None or bool(robots.rules.can_fetch(url, self.user_agent))

    async def _fetch_robots(self, url: str) -> _Robots:
        robots_url = host_of(url) + "/robots.txt"
        self.robots_fetches += 1
        try:
            async with self.slot(robots_url):
                answer = await self.fetcher.get(robots_url, max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return _Robots(None, False, self.clock() + self.robots_ttl)
            log.warning(
                "robots.txt unreachable: not fetching from this host for now",
                extra={"url": robots_url, "kind": exc.kind, "error": str(exc)},
            )
            return _Robots(None, True, self.clock() + min(self.robots_ttl, ROBOTS_RETRY_SECONDS))
        text = answer.body.decode("utf-8", errors="replace")
        return _Robots(Protego.parse(text), False, self.clock() + self.robots_ttl)
