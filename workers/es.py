"""Elasticsearch edge: client from settings, template/alias installation, idempotent bulk
indexing with external versioning, and search.

Delivery contract of ``ArticleIndexer.index``: every article passed in ends in exactly one of
*indexed* (acknowledged by Elasticsearch, including 409 "a newer or equal version is already
there") or *rejected* (a per-document error Elasticsearch will never accept, returned for the
dead-letter topic). Transient failures (connection errors, timeouts, 429, 5xx) are retried with
exponential backoff and jitter; after ``bulk_max_retries`` attempts the indexer keeps waiting
for the cluster instead of dropping anything, which pauses consumption (backpressure).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout
from elasticsearch import ApiError, AsyncElasticsearch, BadRequestError, NotFoundError

from schemas.mappings import INDEX_KINDS, index_template
from schemas.models import EnrichedArticle
from workers import metrics
from workers.core.documents import article_document, claim_documents
from workers.core.text import match_form
from workers.settings import ElasticsearchSettings, WorkerSettings

log = logging.getLogger(__name__)

TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})


def transient_cause(exc: BaseException) -> str | None:
    """A short label when ``exc`` is worth retrying (the cluster is busy, restarting or
    unreachable), None when retrying cannot help."""
    if isinstance(exc, (TransportConnectionError, ConnectionTimeout)):
        return type(exc).__name__
    if isinstance(exc, ApiError) and exc.meta.status in TRANSIENT_STATUS:
        return f"http_{exc.meta.status}"
    return None


def make_client(settings: ElasticsearchSettings) -> AsyncElasticsearch:
    kwargs: dict[str, Any] = {"request_timeout": settings.request_timeout}
    if settings.api_key:
        kwargs["api_key"] = settings.api_key.get_secret_value()
    elif settings.username and settings.password:
        kwargs["basic_auth"] = (settings.username, settings.password.get_secret_value())
    if settings.ca_certs:
        kwargs["ca_certs"] = str(settings.ca_certs)
    return AsyncElasticsearch([u.strip() for u in settings.url.split(",")], **kwargs)


# ---------------------------------------------------------------------------------- templates


async def has_language_analyzers(client: AsyncElasticsearch) -> bool:
    """True when the cluster has analysis-common (the integ-test build does not)."""
    try:
        await client.indices.analyze(analyzer="arabic", text="اختبار")
        await client.indices.analyze(analyzer="english", text="testing")
        return True
    except BadRequestError:
        return False


async def install(client: AsyncElasticsearch, settings: ElasticsearchSettings) -> dict[str, Any]:
    """Put index templates and create the first index behind each alias. Idempotent: an
    existing write index gets any new (additive) fields through put_mapping."""
    analyzers = await has_language_analyzers(client)
    report: dict[str, Any] = {"language_analyzers": analyzers, "indices": {}}
    for kind in INDEX_KINDS:
        template = index_template(
            kind,
            settings.index_prefix,
            language_analyzers=analyzers,
            shards=settings.shards,
            replicas=settings.replicas,
        )
        alias = settings.alias(kind)
        await client.indices.put_index_template(name=alias, **template)
        try:
            current = await client.indices.get_alias(name=alias)
            indices = list(current.body)
            write_index = next(
                (i for i, v in current.body.items() if v["aliases"][alias].get("is_write_index")),
                indices[-1],
            )
            mappings = template["template"]["mappings"]
            await client.indices.put_mapping(
                index=write_index, properties=mappings["properties"], dynamic=mappings["dynamic"]
            )
            report["indices"][alias] = write_index
        except NotFoundError:
            first = f"{alias}-000001"
            try:
                await client.indices.create(index=first, aliases={alias: {"is_write_index": True}})
            except BadRequestError as exc:
                if "resource_already_exists_exception" not in str(exc):
                    raise
            report["indices"][alias] = first
    return report


# ---------------------------------------------------------------------------------- indexing


@dataclass
class Rejection:
    article: EnrichedArticle
    status: int
    error: dict[str, Any]


@dataclass
class IndexOutcome:
    indexed: list[EnrichedArticle] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    attempts: int = 0
    version_conflicts: int = 0


@dataclass
class _Operations:
    """An article's bulk lines, serialized once (reused on retries), and its claim ids."""

    lines: list[bytes]
    claim_ids: set[str]


def _actions(
    article: EnrichedArticle, articles_alias: str, claims_alias: str, indexed_at: datetime
) -> _Operations:
    # Serialized by pydantic-core and orjson straight to the NDJSON body: no Python dicts for
    # the client to encode again with the standard json module.
    lines = [
        orjson.dumps(
            {
                "index": {
                    "_index": articles_alias,
                    "_id": article.id,
                    "version": article.version,
                    "version_type": "external",
                }
            }
        ),
        article_document(article, indexed_at).model_dump_json(by_alias=True).encode(),
    ]
    claim_ids: set[str] = set()
    for claim in claim_documents(article):
        claim_ids.add(claim.claim_id)
        lines.append(
            orjson.dumps(
                {
                    "index": {
                        "_index": claims_alias,
                        "_id": claim.claim_id,
                        "version": article.version,
                        "version_type": "external",
                    }
                }
            )
        )
        lines.append(claim.model_dump_json(by_alias=True).encode())
    return _Operations(lines, claim_ids)


class ArticleIndexer:
    def __init__(
        self, client: AsyncElasticsearch, es: ElasticsearchSettings, worker: WorkerSettings
    ) -> None:
        self.client = client
        self.articles_alias = es.alias("articles")
        self.claims_alias = es.alias("claims")
        self.max_retries = worker.bulk_max_retries
        self.backoff_initial = worker.backoff_initial
        self.backoff_max = worker.backoff_max
        self.paused = False
        """True while the cluster keeps failing: readiness reports it, consumption waits."""

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.backoff_max, self.backoff_initial * 2**attempt)
        return random.uniform(ceiling / 2, ceiling)  # jitter spreads retries of many workers

    async def index(self, articles: Sequence[EnrichedArticle]) -> IndexOutcome:
        outcome = IndexOutcome()
        pending: dict[str, EnrichedArticle] = {}
        for article in articles:  # one write per id: the highest version in the batch
            if article.id not in pending or article.version >= pending[article.id].version:
                pending[article.id] = article
        attempt = 0
        indexed_at = datetime.now(UTC)
        operations = {
            article_id: _actions(article, self.articles_alias, self.claims_alias, indexed_at)
            for article_id, article in pending.items()
        }
        while pending:
            outcome.attempts += 1
            batch = list(pending.values())
            body: list[bytes] = []
            owners: list[str] = []
            for article in batch:
                lines = operations[article.id].lines
                body.extend(lines)
                owners.extend([article.id] * (len(lines) // 2))
            try:
                # The client passes bytes lines through as NDJSON (its stub only names dicts).
                response = await self.client.bulk(operations=body)  # type: ignore[arg-type]
            except Exception as exc:
                cause = transient_cause(exc)
                if cause is None:
                    raise
                metrics.BULK_RETRIES.labels(cause).inc()
                await self._wait(attempt, f"bulk {cause}: {exc}")
                attempt += 1
                continue
            retry: set[str] = set()
            failed: dict[str, tuple[int, dict[str, Any]]] = {}
            for owner, item in zip(owners, response["items"], strict=True):
                result = item["index"]
                status = int(result.get("status", 500))
                if status < 300:
                    continue
                if status == 409:
                    outcome.version_conflicts += 1  # newer or equal version already indexed
                    continue
                if status in TRANSIENT_STATUS:
                    metrics.BULK_RETRIES.labels(f"item_{status}").inc()
                    retry.add(owner)
                else:
                    failed.setdefault(owner, (status, result.get("error", {})))
            for article_id, (status, error) in failed.items():
                outcome.rejected.append(Rejection(pending.pop(article_id), status, error))
                retry.discard(article_id)
            done = [a for a in batch if a.id in pending and a.id not in retry]
            current = {claim for a in done for claim in operations[a.id].claim_ids}
            await self._retrying(self._delete_stale_claims, done, current)
            for article in done:
                outcome.indexed.append(pending.pop(article.id))
            if pending:
                await self._wait(attempt, f"{len(pending)} documents got 429/5xx")
                attempt += 1
        self._set_paused(False)
        return outcome

    async def _retrying(self, call: Callable[..., Awaitable[Any]], *args: Any) -> Any:
        """``call`` until it succeeds or fails for good; transient failures wait like bulks."""
        attempt = 0
        while True:
            try:
                return await call(*args)
            except Exception as exc:
                cause = transient_cause(exc)
                if cause is None:
                    raise
                metrics.BULK_RETRIES.labels(cause).inc()
                await self._wait(attempt, f"{cause}: {exc}")
                attempt += 1

    def _set_paused(self, paused: bool) -> None:
        self.paused = paused
        metrics.ES_PAUSED.set(1 if paused else 0)

    async def _wait(self, attempt: int, reason: str) -> None:
        if attempt >= self.max_retries:
            if not self.paused:
                log.warning("elasticsearch unavailable, pausing consumption: %s", reason)
            self._set_paused(True)
            await asyncio.sleep(self.backoff_max)
            return
        delay = self._backoff(attempt)
        log.info("bulk retry %d in %.1fs: %s", attempt + 1, delay, reason)
        await asyncio.sleep(delay)

    async def _delete_stale_claims(
        self, articles: Sequence[EnrichedArticle], current: set[str]
    ) -> None:
        """Claims of an older version of an article that the new version no longer has.
        (delete_by_query needs the reindex module, absent from minimal builds: search+bulk.)
        ``current``: the claim ids the new versions produced. The search may still see the
        previous revision of a claim just rewritten under the same _id (refresh lag): those
        are never deleted."""
        if not articles:
            return
        versions = {a.id: a.version for a in articles}
        try:
            found = await self.client.search(
                index=self.claims_alias,
                query={"terms": {"article_id": list(versions)}},
                source_includes=["article_id", "version"],
                size=10_000,
            )
        except NotFoundError:
            return
        stale = [
            {"delete": {"_index": hit["_index"], "_id": hit["_id"]}}
            for hit in found["hits"]["hits"]
            if hit["_id"] not in current
            and hit["_source"]["version"] < versions[hit["_source"]["article_id"]]
        ]
        if stale:
            await self.client.bulk(operations=stale)


# ---------------------------------------------------------------------------------- search


@dataclass
class SearchRequest:
    query: str | None = None
    lang: str | None = None
    entity: str | None = None
    speaker: str | None = None
    since: datetime | None = None
    size: int = 10


def _text_query(
    query: str, fields: list[str], match_fields: list[str], names_field: str | None = None
) -> dict[str, Any]:
    """Full text in the display fields and in the Python matching form; optionally also the
    names of linked entities in every language (so 'Putin' finds articles saying بوتين)."""
    should: list[dict[str, Any]] = [
        {"multi_match": {"query": query, "fields": fields, "type": "best_fields"}},
        {"multi_match": {"query": match_form(query), "fields": match_fields}},
    ]
    if names_field:
        should.append({"match": {names_field: {"query": query, "operator": "and", "boost": 2}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _name_filter(value: str, id_field: str, text_fields: list[str]) -> dict[str, Any]:
    """An entity or speaker by id, or by all words of any of its names in any language."""
    should: list[dict[str, Any]] = [{"term": {id_field: value}}]
    should += [{"match": {f: {"query": value, "operator": "and"}}} for f in text_fields]
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _since(request: SearchRequest) -> list[dict[str, Any]]:
    if not request.since:
        return []
    return [{"range": {"@timestamp": {"gte": request.since.isoformat()}}}]


async def search_articles(
    client: AsyncElasticsearch, es: ElasticsearchSettings, request: SearchRequest
) -> dict[str, Any]:
    must: list[dict[str, Any]] = []
    filters: list[dict[str, Any]] = _since(request)
    if request.query:
        must.append(
            _text_query(
                request.query,
                ["title^3", "body", "title.*^3", "body.*"],
                ["title_match^3", "body_match"],
                "entity_names.text",
            )
        )
    if request.lang:
        filters.append({"term": {"lang": request.lang}})
    if request.entity:
        filters.append(_name_filter(request.entity, "entity_ids", ["entity_names.text"]))
    if request.speaker:
        filters.append(_name_filter(request.speaker, "speaker_ids", ["speakers.text"]))
    return dict(
        await client.search(
            index=es.alias("articles"),
            query={"bool": {"must": must or [{"match_all": {}}], "filter": filters}},
            highlight={
                "fields": {"body": {}, "body.*": {}, "title": {}},
                "fragment_size": 160,
                "number_of_fragments": 1,
            },
            source_excludes=["enriched", "body_match", "title_match"],
            size=request.size,
            sort=["_score", {"@timestamp": "desc"}],
        )
    )


async def search_claims(
    client: AsyncElasticsearch, es: ElasticsearchSettings, request: SearchRequest
) -> dict[str, Any]:
    must: list[dict[str, Any]] = []
    filters: list[dict[str, Any]] = _since(request)
    if request.query:
        must.append(_text_query(request.query, ["text", "text.*"], ["text_match"]))
    if request.lang:
        filters.append({"term": {"lang": request.lang}})
    if request.speaker:
        filters.append(
            _name_filter(
                request.speaker,
                "speaker_id",
                ["speaker_names.text", "speaker_text.text", "speaker_role.text"],
            )
        )
    return dict(
        await client.search(
            index=es.alias("claims"),
            query={"bool": {"must": must or [{"match_all": {}}], "filter": filters}},
            size=request.size,
            sort=["_score", {"@timestamp": "desc"}],
        )
    )
