"""The poll loops: fetch a feed (conditional GET), parse it, fetch the page of each item that is
new or whose feed entry changed, and publish it as a RawArticle keyed by its article id (the
hash of its canonical URL). Every problem is counted, logged with the feed and URL, and never
stops the loop: a feed that fails is polled again after a doubling back-off.

Transport-free: publishing, remembering and status reports are functions handed in, so the
logic is tested against a local HTTP server without Kafka.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import ValidationError

from schemas.models import RawArticle
from workers.core.ids import article_id, canonical_url
from workers.feeds import metrics
from workers.feeds.config import FeedsConfig, FeedSpec
from workers.feeds.fetching import Fetched, Fetcher, FetchError, decode_page
from workers.feeds.parsing import FeedFormatError, FeedItem, parse_feed
from workers.feeds.politeness import Politeness
from workers.feeds.seen import Remember, SeenEntry, SeenState, feed_key

log = logging.getLogger("newsflow.feeds")

Publish = Callable[[bytes, bytes], Awaitable[None]]
"""(key, RawArticle JSON) → acknowledged by Kafka (raises if it never is)."""
StatusSink = Callable[["PollReport"], None]

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
MAX_CHILD_SITEMAPS = 50


def transient(kind: str) -> bool:
    """Worth trying again next poll (the item is not remembered as failed)."""
    return kind in ("timeout", "connection", "http_429", "http_408") or kind.startswith("http_5")


def _now() -> datetime:
    return datetime.now(UTC)


def page_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:32]


@dataclass
class PollReport:
    """One poll of one feed: what the Kibana panel and /healthz show."""

    feed: str
    url: str
    started_at: datetime
    outcome: str = "ok"
    """ok · not_modified · error"""
    error_kind: str | None = None
    error: str | None = None
    format: str | None = None
    items: int = 0
    new: int = 0
    updated: int = 0
    seen: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: int = 0
    retry_later: int = 0
    duration_seconds: float = 0.0
    seconds_since_last_new: float | None = None
    next_poll_seconds: float = 0.0

    def count(self, state: str) -> None:
        setattr(self, state, getattr(self, state) + 1)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FeedRunner:
    config: FeedsConfig
    fetcher: Fetcher
    politeness: Politeness
    seen: SeenState
    publish: Publish
    remember: Remember
    status: StatusSink = lambda report: None
    started: float = field(default_factory=time.time)
    inflight: dict[str, asyncio.Event] = field(default_factory=dict)
    reports: dict[str, PollReport] = field(default_factory=dict)
    pages: asyncio.Semaphore = field(init=False)

    def __post_init__(self) -> None:
        self.pages = asyncio.Semaphore(self.config.defaults.concurrency)
        for feed in self.config.feeds:
            entry = self.seen.get(feed_key(feed.url))
            last = _parse_iso(entry.published_at) if entry else None
            metrics.LAST_NEW[feed.label] = last.timestamp() if last else self.started

    # ------------------------------------------------------------------ loops

    async def poll_all(self) -> list[PollReport]:
        """One poll of every feed, concurrently (``--once``)."""
        return list(await asyncio.gather(*(self.poll(f) for f in self.config.feeds)))

    async def run(self, stop: asyncio.Event) -> list[PollReport]:
        """Poll every feed until ``stop`` is set."""
        await asyncio.gather(*(self._loop(feed, stop) for feed in self.config.feeds))
        return list(self.reports.values())

    async def _loop(self, feed: FeedSpec, stop: asyncio.Event) -> None:
        failures = 0
        while not stop.is_set():
            report = await self.poll(feed)
            failures = failures + 1 if report.outcome == "error" else 0
            delay = self.next_delay(feed, failures)
            report.next_poll_seconds = delay
            try:
                self.status(report)
            except Exception as exc:  # ES down: the report is lost, polling goes on
                log.warning("status report failed", extra={"feed": feed.label, "error": repr(exc)})
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)

    def next_delay(self, feed: FeedSpec, failures: int) -> float:
        base = self.config.poll_seconds(feed)
        if failures == 0:
            return base
        backoff = min(self.config.defaults.backoff_max_seconds, base * 2**failures)
        return backoff * random.uniform(0.9, 1.1)  # spread feeds that failed together

    # ------------------------------------------------------------------ one poll

    async def poll(self, feed: FeedSpec) -> PollReport:
        report = PollReport(feed=feed.label, url=feed.url, started_at=_now())
        clock = time.monotonic()
        try:
            await self._poll(feed, report)
        except FetchError as exc:
            self._feed_error(feed, feed.url, report, exc.kind, str(exc))
        except FeedFormatError as exc:
            self._feed_error(feed, feed.url, report, exc.kind, str(exc))
        except Exception as exc:  # a bug must not stop the other feeds or the next poll
            log.exception("feed poll failed", extra={"feed": feed.label, "url": feed.url})
            self._feed_error(feed, feed.url, report, "internal", repr(exc))
        report.duration_seconds = round(time.monotonic() - clock, 4)
        report.seconds_since_last_new = round(time.time() - metrics.LAST_NEW[feed.label], 3)
        metrics.POLLS.labels(feed.label, report.outcome).inc()
        self.reports[feed.label] = report
        return report

    def _feed_error(
        self, feed: FeedSpec, url: str, report: PollReport, kind: str, message: str
    ) -> None:
        report.outcome = "error"
        report.error_kind = kind
        report.error = message[:500]
        metrics.ERRORS.labels(feed.label, "feed", kind).inc()
        log.warning(
            "feed poll failed",
            extra={"feed": feed.label, "url": url, "kind": kind, "error": message[:500]},
        )

    async def _fetch_document(self, feed: FeedSpec, url: str) -> tuple[Fetched, SeenEntry | None]:
        state = self.seen.get(feed_key(url))
        async with self.politeness.slot(url):
            fetched = await self.fetcher.get(
                url,
                max_bytes=self.config.defaults.max_feed_bytes,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
                accept=FEED_ACCEPT,
            )
        return fetched, state

    async def _poll(self, feed: FeedSpec, report: PollReport) -> None:
        fetched, state = await self._fetch_document(feed, feed.url)
        if fetched.not_modified:
            report.outcome = "not_modified"
            return
        parsed = parse_feed(fetched.body, fetched.content_type, fetched.url, feed.kind)
        report.format = parsed.format
        if parsed.problem:
            metrics.ERRORS.labels(feed.label, "feed", parsed.problem).inc()
            log.warning(
                "feed is defective; using the items that could be read",
                extra={
                    "feed": feed.label,
                    "url": feed.url,
                    "kind": parsed.problem,
                    "items": len(parsed.items),
                    "error": (parsed.detail or "")[:300],
                },
            )
        items = list(parsed.items)
        children: list[tuple[str, Fetched, SeenEntry | None]] = []
        for child in parsed.children[:MAX_CHILD_SITEMAPS]:
            try:
                child_fetched, child_state = await self._fetch_document(feed, child)
                if child_fetched.not_modified:
                    continue
                child_parsed = parse_feed(
                    child_fetched.body, child_fetched.content_type, child_fetched.url, "sitemap"
                )
            except (FetchError, FeedFormatError) as exc:
                metrics.ERRORS.labels(feed.label, "feed", exc.kind).inc()
                log.warning(
                    "child sitemap failed",
                    extra={"feed": feed.label, "url": child, "kind": exc.kind, "error": str(exc)},
                )
                report.retry_later += 1
                continue
            items.extend(child_parsed.items)
            children.append((child, child_fetched, child_state))
        newest_first = sorted(
            items,
            key=lambda i: i.published_at or i.updated_at or datetime.min.replace(tzinfo=UTC),
            reverse=True,
        )
        taken = newest_first[: self.config.defaults.max_items_per_poll]
        report.items = len(taken)
        states = await asyncio.gather(*(self._item(feed, item, report) for item in taken))
        for outcome in states:
            report.count(outcome)
            metrics.ITEMS.labels(feed.label, outcome).inc()
        if report.new or report.updated:
            metrics.LAST_NEW[feed.label] = time.time()
        if report.retry_later:
            return  # keep no validators: the next poll gets the full document and retries
        for url, document, old in [(feed.url, fetched, state), *children]:
            entry = replace(old) if old else SeenEntry()
            entry.etag, entry.last_modified = document.etag, document.last_modified
            if report.new or report.updated:
                entry.published_at = _now().isoformat()
            await self.remember(feed_key(url), entry)

    # ------------------------------------------------------------------ one item

    async def _item(self, feed: FeedSpec, item: FeedItem, report: PollReport) -> str:
        key = canonical_url(item.url)
        fingerprint = item.fingerprint
        while key in self.inflight:  # another feed is fetching it right now: wait for its result
            await self.inflight[key].wait()
        entry = self.seen.get(key)
        if entry is not None:
            if entry.fingerprints.get(feed.label) == fingerprint:
                return "seen"
            if entry.fingerprints and feed.label not in entry.fingerprints:
                # Published through another feed: note this feed's view, fetch nothing.
                known = replace(entry, fingerprints={**entry.fingerprints, feed.label: fingerprint})
                await self.remember(key, known)
                return "duplicate"
        self.inflight[key] = asyncio.Event()
        try:
            return await self._fetch_item(feed, item, key, entry, fingerprint, report)
        finally:
            self.inflight.pop(key).set()

    async def _fetch_item(
        self,
        feed: FeedSpec,
        item: FeedItem,
        key: str,
        entry: SeenEntry | None,
        fingerprint: str,
        report: PollReport,
    ) -> str:
        fingerprints = {**(entry.fingerprints if entry else {}), feed.label: fingerprint}
        published = entry is not None and entry.page is not None
        try:
            if not await self.politeness.allowed(item.url):
                raise FetchError("robots_disallowed", "robots.txt disallows this page")
            async with self.pages, self.politeness.slot(item.url):
                started = time.monotonic()
                fetched = await self.fetcher.get(
                    item.url,
                    max_bytes=self.config.defaults.max_page_bytes,
                    etag=entry.etag if published and entry else None,
                    last_modified=entry.last_modified if published and entry else None,
                    accept=PAGE_ACCEPT,
                )
                metrics.PAGE_SECONDS.observe(time.monotonic() - started)
            if fetched.not_modified and entry is not None:
                await self.remember(key, replace(entry, fingerprints=fingerprints))
                return "unchanged"
            html, encoding = decode_page(fetched.body, fetched.content_type)
        except FetchError as exc:
            metrics.ERRORS.labels(feed.label, "page", exc.kind).inc()
            log.warning(
                "page not fetched",
                extra={"feed": feed.label, "url": item.url, "kind": exc.kind, "error": str(exc)},
            )
            if transient(exc.kind):
                report.retry_later += 1
            else:
                failed = replace(entry) if entry else SeenEntry()
                failed.fingerprints, failed.error = fingerprints, exc.kind
                await self.remember(key, failed)
            return "failed"
        digest = page_hash(html)
        if entry is not None and entry.page == digest:
            await self.remember(key, replace(entry, fingerprints=fingerprints))
            return "unchanged"
        await self._publish(feed, item, fetched, html, encoding)
        await self.remember(
            key,
            SeenEntry(
                fingerprints=fingerprints,
                page=digest,
                etag=fetched.etag,
                last_modified=fetched.last_modified,
                published_at=_now().isoformat(),
            ),
        )
        return "updated" if published else "new"

    async def _publish(
        self, feed: FeedSpec, item: FeedItem, fetched: Fetched, html: str, encoding: str
    ) -> None:
        record: dict[str, Any] = {
            "id": article_id(None, item.url, None, ""),
            "url": item.url,
            "source": feed.source or item.site or feed.site,
            "title": item.title,
            "author": item.author,
            "published_at": item.published_at or item.updated_at,
            "html": html,
            "lang": feed.lang,
            "fetched_at": _now(),
            "metadata": {
                "feed": feed.label,
                "feed_url": feed.url,
                "final_url": fetched.url,
                "charset": encoding,
            },
        }
        record = {k: v for k, v in record.items() if v is not None}
        try:
            payload = RawArticle.model_validate(record).model_dump_json(exclude_none=True)
        except ValidationError as exc:
            # Published anyway: the worker dead-letters it with the reason and the payload.
            metrics.ERRORS.labels(feed.label, "page", "invalid_article").inc()
            log.warning(
                "article fails validation; the worker will dead-letter it",
                extra={"feed": feed.label, "url": item.url, "error": str(exc)[:300]},
            )
            payload = orjson.dumps(record).decode()
        await self.publish(record["id"].encode(), payload.encode())

    def health(self) -> dict[str, Any]:
        return {
            "feeds": {
                label: {
                    "outcome": r.outcome,
                    "error_kind": r.error_kind,
                    "polled_at": r.started_at.isoformat(),
                    "seconds_since_last_new": r.seconds_since_last_new,
                }
                for label, r in self.reports.items()
            },
            "seen_entries": len(self.seen),
        }


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
