"""HTTP ingest: ``POST /articles`` validates RawArticle records and produces them to the raw topic.

A body is one JSON object (one article) or a JSON array of objects (a batch). A batch is
all-or-nothing at validation: if any item is invalid nothing is produced and the answer lists
every problem by index, so a client can fix and resend the whole batch. Each accepted article
is keyed by its id (the same id the worker computes) and acknowledged by Kafka before the
answer (202). Resending is safe: versions make a replay a no-op in the index.

Answers: 202 accepted · 400 body is not JSON / not an object or array / empty batch ·
401 missing or wrong token · 413 body or batch too large · 415 not application/json ·
422 an article fails validation · 503 Kafka did not acknowledge (retry later).

Authentication: ``Authorization: Bearer <token>`` against ``api.tokens`` (compared in constant
time); with no token configured the server refuses to start unless ``api.allow_anonymous``.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

import orjson
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest

from workers.core.errors import RejectedInput
from workers.core.fieldmap import apply_field_map
from workers.core.ingest import parse_raw
from workers.settings import Settings
from workers.stream.kafka import SendReport

log = logging.getLogger("newsflow.api")

REQUESTS = Counter("newsflow_api_requests_total", "Ingest API answers.", ["status"])
ARTICLES = Counter("newsflow_api_articles_total", "Articles by ingest outcome.", ["outcome"])


class Sender(Protocol):
    async def __call__(self, records: Sequence[tuple[bytes | None, bytes]]) -> SendReport: ...


class ApiError(web.HTTPException):
    """A JSON error answer: ``{"error": code, "message": …, "details": [...]}``."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: list[Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status_code = status
        body: dict[str, Any] = {"error": code, "message": message}
        if details:
            body["details"] = details
        super().__init__(
            headers=headers, text=orjson.dumps(body).decode(), content_type="application/json"
        )


def _json(status: int, body: dict[str, Any]) -> web.Response:
    return web.Response(status=status, body=orjson.dumps(body), content_type="application/json")


def create_app(settings: Settings, send: Sender) -> web.Application:
    api = settings.api
    tokens = [t.get_secret_value().encode() for t in api.tokens]
    if not tokens and not api.allow_anonymous:
        raise ValueError(
            "no API token configured: set NEWSFLOW_API__TOKENS='[\"<token>\"]' "
            "(or NEWSFLOW_API__ALLOW_ANONYMOUS=true for a trusted local network)"
        )

    @web.middleware
    async def count_answers(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            REQUESTS.labels(str(exc.status)).inc()
            raise
        REQUESTS.labels(str(response.status)).inc()
        return response

    def authenticate(request: web.Request) -> None:
        if not tokens:
            return
        header = request.headers.get("Authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise ApiError(
                401,
                "unauthorized",
                "send 'Authorization: Bearer <token>'",
                headers={"WWW-Authenticate": 'Bearer realm="newsflow"'},
            )
        candidate = given.strip().encode()
        # Compare against every token (no early exit) so timing says nothing about which.
        matched = False
        for token in tokens:
            matched |= hmac.compare_digest(candidate, token)
        if not matched:
            raise ApiError(
                401,
                "unauthorized",
                "the token is not valid",
                headers={"WWW-Authenticate": 'Bearer realm="newsflow", error="invalid_token"'},
            )

    async def read_body(request: web.Request) -> Any:
        if request.content_length is not None and request.content_length > api.max_body_bytes:
            raise ApiError(
                413,
                "body_too_large",
                f"the body is {request.content_length} bytes; the limit is {api.max_body_bytes}",
            )
        if request.content_type != "application/json":
            raise ApiError(
                415,
                "unsupported_media_type",
                f"send Content-Type: application/json (got {request.content_type or 'none'})",
            )
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge as exc:  # chunked body over client_max_size
            raise ApiError(
                413, "body_too_large", f"the body exceeds the limit of {api.max_body_bytes} bytes"
            ) from exc
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise ApiError(400, "invalid_json", f"the body is not valid JSON: {exc}") from exc

    async def post_articles(request: web.Request) -> web.Response:
        authenticate(request)
        data = await read_body(request)
        single = isinstance(data, dict)
        if not single and not isinstance(data, list):
            raise ApiError(
                400,
                "invalid_body",
                f"send one article object or an array of them, not {type(data).__name__}",
            )
        items: list[Any] = [data] if single else data
        if not items:
            raise ApiError(400, "empty_batch", "the array holds no articles")
        if len(items) > api.max_batch:
            raise ApiError(
                413,
                "batch_too_large",
                f"the batch holds {len(items)} articles; the limit is {api.max_batch}",
            )
        records: list[tuple[bytes | None, bytes]] = []
        ids: list[str] = []
        problems: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            # Published as mapped, so the workers need not share the API's field map.
            if isinstance(item, dict) and settings.ingest.field_map:
                item = apply_field_map(item, settings.ingest.field_map)
            payload = orjson.dumps(item)
            try:
                raw = parse_raw(payload, settings.processing.max_input_bytes)
            except RejectedInput as exc:
                problem = {"index": index, "reason": exc.reason.value, "message": exc.message}
                problems.append(problem)
                continue
            article_id = raw.id or ""
            ids.append(article_id)
            records.append((article_id.encode(), payload))
        if problems:
            ARTICLES.labels("invalid").inc(len(problems))
            raise ApiError(
                422,
                "invalid_article" if single else "invalid_batch",
                problems[0]["message"]
                if single
                else f"{len(problems)} of {len(items)} articles are invalid; nothing was accepted",
                problems,
            )
        report = await send(records)
        if report.failed:
            failed = {index for index, _ in report.failed}
            ARTICLES.labels("not_acknowledged").inc(len(failed))
            ARTICLES.labels("accepted").inc(len(records) - len(failed))
            log.error(
                "kafka did not acknowledge articles",
                extra={"failed": len(failed), "error": report.failed[0][1]},
            )
            raise ApiError(
                503,
                "kafka_unavailable",
                f"{len(failed)} of {len(records)} articles were not acknowledged by Kafka; "
                "resend them (resending accepted ones is harmless)",
                [{"index": i, "id": ids[i]} for i in sorted(failed)],
                headers={"Retry-After": "5"},
            )
        ARTICLES.labels("accepted").inc(len(records))
        for article_id in ids:
            log.info("accepted", extra={"article_id": article_id})
        body: dict[str, Any] = {"accepted": len(ids), "ids": ids}
        if report.retries:
            body["retries"] = report.retries
        return _json(202, body)

    async def healthz(request: web.Request) -> web.Response:
        return _json(200, {"status": "ok"})

    async def metrics_view(request: web.Request) -> web.Response:
        return web.Response(body=generate_latest(), content_type=CONTENT_TYPE_LATEST.split(";")[0])

    app = web.Application(middlewares=[count_answers], client_max_size=api.max_body_bytes)
    app.router.add_post("/articles", post_articles)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_view)
    return app


async def kafka_sender(settings: Settings) -> tuple[Sender, Callable[[], Awaitable[None]]]:
    """A sender on one long-lived idempotent producer, and the function that closes it."""
    from workers.stream.kafka import ensure_topics, producer, send_all

    await ensure_topics(settings.kafka, ["raw"])
    # Short broker timeouts: a client waiting on an HTTP answer should get a 503 in seconds.
    context = producer(settings.kafka, request_timeout_ms=10_000)
    instance = await context.__aenter__()
    topic = settings.kafka.topic("raw")

    async def send(records: Sequence[tuple[bytes | None, bytes]]) -> SendReport:
        return await send_all(instance, topic, records, attempts=settings.api.send_attempts)

    async def close() -> None:
        await context.__aexit__(None, None, None)

    return send, close


def serve(settings: Settings) -> None:
    """Run the ingest API until interrupted (``newsflow api``)."""
    from workers import logs

    logs.configure(settings.log_format, settings.log_level)

    async def build() -> web.Application:
        send, close = await kafka_sender(settings)
        app = create_app(settings, send)

        async def on_cleanup(app: web.Application) -> None:
            await close()

        app.on_cleanup.append(on_cleanup)
        return app

    log.info(
        "ingest API listening",
        extra={"bind": settings.api.bind, "port": settings.api.port},
    )
    web.run_app(build(), host=settings.api.bind, port=settings.api.port, print=None)
