"""Poll reports → the ``<prefix>-feeds`` index (one document per poll; its template is
generated from ``schemas.documents.FeedPollDocument``), for the Kibana feed-health panels.
Reports are buffered and bulk-written every few seconds; Elasticsearch being down loses
reports (logged), never stops polling."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from typing import Any

from elasticsearch import AsyncElasticsearch
from elasticsearch.helpers import async_bulk

from schemas.documents import FeedPollDocument
from workers.feeds.runner import PollReport
from workers.settings import ElasticsearchSettings
from workers.stream.es import install, make_client

log = logging.getLogger("newsflow.feeds")

MAX_BUFFERED = 10_000


def poll_document(report: PollReport, process: str) -> dict[str, Any]:
    data = report.as_dict()
    data["@timestamp"] = data.pop("started_at")
    document = FeedPollDocument.model_validate({**data, "process": process})
    return document.model_dump(mode="json", by_alias=True, exclude_none=True)


class StatusWriter:
    def __init__(self, settings: ElasticsearchSettings, flush_seconds: float = 2.0) -> None:
        self.settings = settings
        self.alias = settings.alias("feeds")
        self.flush_seconds = flush_seconds
        self.process = socket.gethostname()
        self.buffer: list[dict[str, Any]] = []
        self.client: AsyncElasticsearch | None = None
        self._task: asyncio.Task[None] | None = None
        self.written = 0

    async def start(self) -> None:
        self.client = make_client(self.settings)
        try:
            await install(self.client, self.settings)
        except Exception as exc:  # ES down at start: templates are installed by es init/worker
            log.warning("feed status index not installed", extra={"error": repr(exc)})
        self._task = asyncio.create_task(self._flush_loop(), name="feeds-status")

    def __call__(self, report: PollReport) -> None:
        if len(self.buffer) < MAX_BUFFERED:
            self.buffer.append(poll_document(report, self.process))

    async def flush(self) -> None:
        if not self.buffer or self.client is None:
            return
        batch, self.buffer = self.buffer, []
        actions = [{"_index": self.alias, "_source": doc} for doc in batch]
        try:
            ok, _ = await async_bulk(self.client, actions, raise_on_error=False)
            self.written += int(ok)
        except Exception as exc:
            log.warning(
                "feed status reports not written",
                extra={"reports": len(batch), "error": repr(exc)},
            )

    async def _flush_loop(self) -> None:
        while True:
            await asyncio.sleep(self.flush_seconds)
            await self.flush()

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.flush()
        if self.client:
            await self.client.close()
