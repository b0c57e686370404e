"""Elasticsearch edge: client from settings, template/alias installation, idempotent bulk
indexing with external versioning, and search.

Delivery contract of ``ArticleIndexer.index``: every article passed in ends in exactly one of
*indexed* (acknowledged by Elasticsearch, including 409 "a newer or equal version is already
there") or *rejected* (a per-document error Elasticsearch will never accept, returned for the
dead-letter topic). Transient failures (connection errors, timeouts, 429, 5xx) are retried with
exponential backoff and jitter; after ``bulk_max_retries`` attempts the indexer keeps waiting
for the cluster instead of dropping anything, which pauses consumption (backpressure). A write
block (``cluster_block_exception``: flood-stage disk watermark, ``index.blocks.*``, a read-only
cluster) pauses at once and is retried every ``blocked_retry_seconds`` until it is lifted.

Claims of an article follow its newest version (``_settle_claims``): a writer whose version lost
to a newer one removes the claims it wrote, and a writer that replaced an older version removes
that version's claims, so concurrent, replayed or stalled writers leave no stale claim behind.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

import orjson
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout
from elasticsearch import (
    ApiError,
    AsyncElasticsearch,
    BadRequestError,
    NotFoundError,
    OrjsonSerializer,
)

from schemas.documents import language_fields
from schemas.mappings import INDEX_KINDS, SOURCE_UPGRADES, analysis_fingerprint, index_template
from schemas.models import EnrichedArticle
from workers.core.documents import article_document, claim_documents
from workers.settings import ElasticsearchSettings, WorkerSettings
from workers.stream import metrics

log = logging.getLogger(__name__)

TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})


class TransientItems(Exception):
    """Some items of a bulk got 429/5xx: retry the whole (idempotent) call."""


def transient_cause(exc: BaseException) -> str | None:
    """A short label when ``exc`` is worth retrying (the cluster is busy, restarting or
    unreachable), None when retrying cannot help."""
    if isinstance(exc, TransientItems):
        return "item_transient"
    if isinstance(exc, (TransportConnectionError, ConnectionTimeout)):
        return type(exc).__name__
    if isinstance(exc, ApiError) and exc.meta.status in TRANSIENT_STATUS:
        return f"http_{exc.meta.status}"
    return None


def block_reason(error: Any) -> str | None:
    """The block named by an Elasticsearch error (a bulk item's ``error`` dict or an
    ``ApiError``), e.g. ``index [x] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded
    flood-stage watermark, index has read-only-allow-delete block]``; None for other errors.
    Blocks come as 403 or 429 depending on the block: the type, not the status, tells."""
    if isinstance(error, ApiError):
        body = error.body if isinstance(error.body, dict) else {}
        error = body.get("error", {})
        if not isinstance(error, dict):
            return None
    if not isinstance(error, dict):
        return None
    causes = [error, *(error.get("root_cause") or [])]
    for cause in causes:
        if isinstance(cause, dict) and cause.get("type") == "cluster_block_exception":
            return str(cause.get("reason") or "cluster_block_exception")
    return None


class WriteBlocked(Exception):
    """Elasticsearch refuses writes until an operator (or the disk watermark) lifts a block."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def make_client(settings: ElasticsearchSettings) -> AsyncElasticsearch:
    kwargs: dict[str, Any] = {"request_timeout": settings.request_timeout}
    if settings.api_key:
        kwargs["api_key"] = settings.api_key.get_secret_value()
    elif settings.username and settings.password:
        kwargs["basic_auth"] = (settings.username, settings.password.get_secret_value())
    if settings.ca_certs:
        kwargs["ca_certs"] = str(settings.ca_certs)
    # orjson reads the responses (bulk replies on the hot path) at a fraction of the standard
    # json module's cost; what orjson cannot encode falls back to the client's own encoder.
    kwargs["serializer"] = OrjsonSerializer()
    return AsyncElasticsearch([u.strip() for u in settings.url.split(",")], **kwargs)


# ---------------------------------------------------------------------------------- templates


async def install(client: AsyncElasticsearch, settings: ElasticsearchSettings) -> dict[str, Any]:
    """Put index templates and create the first index behind each alias. Idempotent, and
    migrates: an existing write index gets new (additive) fields through put_mapping; one built
    with other analysis (analyzers cannot change on an index) is replaced by a new rollover
    index that every document is copied into (see ``_rebuild``)."""
    report: dict[str, Any] = {"analysis": analysis_fingerprint(), "indices": {}, "migrated": {}}
    for kind in INDEX_KINDS:
        template = index_template(
            kind,
            settings.index_prefix,
            shards=settings.shards,
            replicas=settings.replicas,
            refresh_interval=settings.refresh_interval,
        )
        alias = settings.alias(kind)
        await client.indices.put_index_template(name=alias, **template)
        try:
            current = await client.indices.get_alias(name=alias)
        except NotFoundError:
            first = f"{alias}-000001"
            try:
                await client.indices.create(index=first, aliases={alias: {"is_write_index": True}})
            except BadRequestError as exc:
                if "resource_already_exists_exception" not in str(exc):
                    raise
            report["indices"][alias] = first
            continue
        indices = sorted(current.body)
        write_index = next(
            (i for i, v in current.body.items() if v["aliases"][alias].get("is_write_index")),
            indices[-1],
        )
        mapping = await client.indices.get_mapping(index=indices)
        stale = [
            index
            for index in indices
            if mapping[index]["mappings"].get("_meta", {}).get("analysis") != analysis_fingerprint()
        ]
        if stale:
            upgrade = _upgrade(kind, set(template["template"]["mappings"]["properties"]))
            write_index, copied = await _rebuild(
                client, alias, indices, write_index, stale, upgrade
            )
            report["migrated"][alias] = copied
        else:
            mappings = template["template"]["mappings"]
            # A dynamic setting: a changed es.refresh_interval applies without a new index.
            await client.indices.put_settings(
                index=write_index, settings={"refresh_interval": settings.refresh_interval}
            )
            await client.indices.put_mapping(
                index=write_index,
                properties=mappings["properties"],
                dynamic=mappings["dynamic"],
                meta=mappings["_meta"],
            )
        report["indices"][alias] = write_index
    return report


def next_index_name(alias: str, indices: Sequence[str]) -> str:
    """``<alias>-NNNNNN`` one past the highest existing number (rollover's naming)."""
    numbers = [int(i.rsplit("-", 1)[1]) for i in indices if i.rsplit("-", 1)[-1].isdigit()]
    return f"{alias}-{max(numbers, default=0) + 1:06d}"


async def _rebuild(
    client: AsyncElasticsearch,
    alias: str,
    indices: list[str],
    write_index: str,
    stale: list[str],
    upgrade: Callable[[dict[str, Any]], dict[str, Any]],
) -> tuple[str, dict[str, int]]:
    """Move the alias onto a new index from the current template and copy every document of
    the stale indices into it, keeping each document's external version; ``upgrade`` turns a
    document of an earlier layout into one of the current (``_upgrade``).

    Order matters for not losing writes: the new index becomes the write index first, so
    workers write there while the copy runs; the copy uses ``version_type=external``, so a
    document a worker rewrote meanwhile (a higher version) wins over its old copy (409, skipped).
    The alias keeps the old indices for search until the copy is verified; then they leave the
    alias and are deleted. Scroll + bulk rather than _reindex: the local build has no reindex
    module. Interrupted, the next ``es init`` finds the stale indices still behind the alias and
    resumes (copying is idempotent); so does a worker racing another's (each worker runs
    ``install`` at start and retries it until it succeeds)."""
    new_index = write_index if write_index not in stale else next_index_name(alias, indices)
    if new_index not in indices:
        try:
            await client.indices.create(index=new_index)
        except BadRequestError as exc:  # another worker's es init got there first
            if "resource_already_exists_exception" not in str(exc):
                raise
        await client.indices.update_aliases(
            actions=[
                {"add": {"index": new_index, "alias": alias, "is_write_index": True}},
                *({"add": {"index": i, "alias": alias, "is_write_index": False}} for i in indices),
            ]
        )
    copied: dict[str, int] = {}
    for index in stale:
        copied[index] = await _copy_documents(client, index, new_index, upgrade)
    await client.indices.refresh(index=new_index)
    for index in stale:
        ids = await _all_ids(client, index)
        present = await _all_ids(client, new_index)
        missing = ids - present
        if missing:
            raise RuntimeError(
                f"migration of {index} into {new_index} is missing {len(missing)} documents "
                f"(e.g. {sorted(missing)[:3]}); {index} is kept behind {alias}. Rerun es init."
            )
    await client.indices.update_aliases(
        actions=[{"remove": {"index": i, "alias": alias}} for i in stale]
    )
    await client.options(ignore_status=404).indices.delete(index=",".join(stale))
    return new_index, copied


async def _scroll(client: AsyncElasticsearch, index: str, **kwargs: Any) -> Any:
    response = await client.search(index=index, scroll="2m", size=500, sort=["_doc"], **kwargs)
    scroll_id = response.get("_scroll_id")
    try:
        while response["hits"]["hits"]:
            yield response["hits"]["hits"]
            response = await client.scroll(scroll_id=scroll_id, scroll="2m")
            scroll_id = response.get("_scroll_id")
    finally:
        if scroll_id:
            await client.clear_scroll(scroll_id=scroll_id)


def _upgrade(kind: str, fields: set[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """The kind's layout upgrade (``schemas.mappings.SOURCE_UPGRADES``: the former single
    ``body`` moved into its language's field), then only the top-level fields the template
    has: the template is strict, and fields the current documents no longer have (the former
    ``*_match`` copies) held nothing the fields that stay do not."""
    layout = SOURCE_UPGRADES.get(kind, lambda source: source)

    def upgrade(source: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in layout(source).items() if k in fields}

    return upgrade


async def _copy_documents(
    client: AsyncElasticsearch,
    source: str,
    target: str,
    upgrade: Callable[[dict[str, Any]], dict[str, Any]],
) -> int:
    copied = 0
    async for hits in _scroll(client, source, version=True):
        operations: list[dict[str, Any]] = []
        for hit in hits:
            action = {"_index": target, "_id": hit["_id"]}
            if hit.get("_version", -1) > 0:
                action.update(version=hit["_version"], version_type="external")
            document = upgrade(hit["_source"])
            operations += [{"index": action}, document]
        response = await client.bulk(operations=operations)
        for item in response["items"]:
            status = item["index"]["status"]
            if status >= 300 and status != 409:  # 409: a newer version is already there
                raise RuntimeError(f"copying {item['index']['_id']} into {target}: {item}")
        copied += len(hits)
    return copied


async def _all_ids(client: AsyncElasticsearch, index: str) -> set[str]:
    ids: set[str] = set()
    async for hits in _scroll(client, index, source=False):
        ids.update(hit["_id"] for hit in hits)
    return ids


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
    version_conflicts: int = 0


@dataclass
class _Operations:
    """An article's bulk lines, serialized once (reused on retries), and its claim ids."""

    lines: list[bytes]
    claim_ids: list[str]


BULK_REPLY_FIELDS = "items.*.status,items.*.result,items.*.error"
"""What the indexer reads of a bulk reply: every item keeps its status, so replies still line
up with the request's documents; the rest (shards, sequence numbers) is not sent."""


def _index_line(index: str, doc_id: str, version: int) -> bytes:
    return orjson.dumps(
        {"index": {"_index": index, "_id": doc_id, "version": version, "version_type": "external"}}
    )


def _actions(
    article: EnrichedArticle, articles_alias: str, claims_alias: str, indexed_at: datetime
) -> _Operations:
    # Serialized by pydantic-core and orjson straight to the NDJSON body: no Python dicts for
    # the client to encode again with the standard json module.
    lines = [
        _index_line(articles_alias, article.id, article.version),
        article_document(article, indexed_at).model_dump_json(by_alias=True).encode(),
    ]
    claim_ids: list[str] = []
    for claim in claim_documents(article):
        claim_ids.append(claim.claim_id)
        lines.append(_index_line(claims_alias, claim.claim_id, article.version))
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
        self.blocked_retry_seconds = worker.blocked_retry_seconds
        self.paused = False
        """True while the cluster keeps failing: readiness reports it, consumption waits."""
        self.write_block: str | None = None
        """The block Elasticsearch named while it refuses writes (None when it accepts)."""

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
        replaced: set[str] = set()
        """Ids whose article write did not create the document: an older version (or this
        version, written by an interrupted earlier attempt) may have left claims."""
        indexed_at = datetime.now(UTC)
        operations = {
            article_id: _actions(article, self.articles_alias, self.claims_alias, indexed_at)
            for article_id, article in pending.items()
        }
        while pending:
            batch = list(pending.values())
            body: list[bytes] = []
            owners: list[str] = []
            is_article: list[bool] = []
            for article in batch:
                lines = operations[article.id].lines
                body.extend(lines)
                owners.extend([article.id] * (len(lines) // 2))
                is_article.extend([True] + [False] * (len(lines) // 2 - 1))
            # The client passes bytes lines through as NDJSON (its stub only names dicts).
            bulk = partial(
                self.client.bulk,
                operations=body,  # type: ignore[arg-type]
                filter_path=BULK_REPLY_FIELDS,
            )
            response = await self._retrying(bulk)
            retry: set[str] = set()
            failed: dict[str, tuple[int, dict[str, Any]]] = {}
            blocks: set[str] = set()
            for owner, article_line, item in zip(
                owners, is_article, response["items"], strict=True
            ):
                result = item["index"]
                status = int(result.get("status", 500))
                if article_line and not (status < 300 and result.get("result") == "created"):
                    replaced.add(owner)
                if status < 300:
                    continue
                if status == 409:
                    outcome.version_conflicts += 1  # newer or equal version already indexed
                    continue
                block = block_reason(result.get("error"))
                if block is not None:
                    blocks.add(block)
                    retry.add(owner)
                elif status in TRANSIENT_STATUS:
                    metrics.BULK_RETRIES.labels(f"item_{status}").inc()
                    retry.add(owner)
                else:
                    failed.setdefault(owner, (status, result.get("error", {})))
            for article_id, (status, error) in failed.items():
                outcome.rejected.append(Rejection(pending.pop(article_id), status, error))
                retry.discard(article_id)
            done = [a for a in batch if a.id in pending and a.id not in retry]
            claim_ids = {a.id: operations[a.id].claim_ids for a in done}
            await self._retrying(self._settle_claims, done, replaced, claim_ids)
            for article in done:
                outcome.indexed.append(pending.pop(article.id))
            if blocks:
                await self._blocked(sorted(blocks)[0])
            elif pending:
                await self._wait(attempt, f"{len(pending)} documents got 429/5xx")
                attempt += 1
        self._set_paused(False)
        self._set_blocked(None)
        return outcome

    async def _retrying(self, call: Callable[..., Awaitable[Any]], *args: Any) -> Any:
        """``call`` until it succeeds or fails for good; transient failures wait like bulks."""
        attempt = 0
        while True:
            try:
                return await call(*args)
            except WriteBlocked as exc:
                await self._blocked(exc.reason)
                continue
            except Exception as exc:
                block = block_reason(exc)
                if block is not None:
                    await self._blocked(block)
                    continue
                cause = transient_cause(exc)
                if cause is None:
                    raise
                metrics.BULK_RETRIES.labels(cause).inc()
                await self._wait(attempt, f"{cause}: {exc}")
                attempt += 1

    def _set_paused(self, paused: bool) -> None:
        self.paused = paused
        metrics.ES_PAUSED.set(1 if paused else 0)

    def _set_blocked(self, reason: str | None) -> None:
        if reason is not None and self.write_block != reason:
            log.warning(
                "elasticsearch refuses writes (write block), pausing consumption: %s",
                reason,
                extra={"block": reason},
            )
        elif reason is None and self.write_block is not None:
            log.info("elasticsearch accepts writes again; the block was lifted")
        self.write_block = reason
        metrics.ES_WRITE_BLOCKED.set(0 if reason is None else 1)

    async def _blocked(self, reason: str) -> None:
        """Nothing is dead-lettered for a block: wait in short steps (resume soon after it is
        lifted) and retry the same documents."""
        metrics.BULK_RETRIES.labels("cluster_block").inc()
        self._set_blocked(reason)
        self._set_paused(True)
        await asyncio.sleep(self.blocked_retry_seconds)

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

    async def _settle_claims(
        self,
        articles: Sequence[EnrichedArticle],
        replaced: set[str],
        claim_ids: dict[str, list[str]],
    ) -> None:
        """Make the claims index follow the newest version of each written article.

        * Lost: Elasticsearch holds a newer version of the article (realtime GET) than the one
          written here: a replay, a stale revision or a stalled worker. Its claims are
          removed, each only while it still carries this version (``external_gte``), so a
          claim the newer version shares and already rewrote stays.
        * Replaced an older version: that version's claims the new one lacks are removed. The
          claims index is refreshed first so claims written a moment ago are found too. (A
          write that *created* the article needs no search: an older writer comes later, loses,
          and cleans up after itself.)

        ``claim_ids``: each article's claim ids, as written by the bulk.
        (delete_by_query needs the reindex module, absent from minimal builds: search+bulk.)
        """
        with_claims = {a.id: a for a in articles if a.claims}
        stored: dict[str, int] = {}
        if with_claims:
            found = await self.client.mget(
                index=self.articles_alias, ids=list(with_claims), source=False, realtime=True
            )
            stored = {d["_id"]: int(d["_version"]) for d in found["docs"] if d.get("found")}
        deletes: list[dict[str, Any]] = []
        for article in with_claims.values():
            if stored.get(article.id, article.version) > article.version:
                deletes += [
                    _guarded_delete(self.claims_alias, claim_id, article.version)
                    for claim_id in claim_ids[article.id]
                ]
        winners = {
            a.id: a.version
            for a in articles
            if a.id in replaced and stored.get(a.id, a.version) <= a.version
        }
        if winners:
            current = {c for a in articles if a.id in winners for c in claim_ids[a.id]}
            hits: list[dict[str, Any]] = []
            try:
                await self.client.indices.refresh(index=self.claims_alias)
                found = await self.client.search(
                    index=self.claims_alias,
                    query={"terms": {"article_id": list(winners)}},
                    source_includes=["article_id", "version"],
                    size=10_000,
                )
                hits = found["hits"]["hits"]
            except NotFoundError:
                pass
            deletes += [
                _guarded_delete(hit["_index"], hit["_id"], hit["_source"]["version"])
                for hit in hits
                if hit["_id"] not in current
                and hit["_source"]["version"] < winners[hit["_source"]["article_id"]]
            ]
        if not deletes:
            return
        response = await self.client.bulk(operations=deletes)
        for item in response["items"]:
            result = item["delete"]
            status = int(result.get("status", 500))
            if status < 300 or status in (404, 409):  # gone, or rewritten by a newer version
                continue
            block = block_reason(result.get("error"))
            if block is not None:
                raise WriteBlocked(block)
            if status in TRANSIENT_STATUS:
                raise TransientItems(f"claim delete got HTTP {status}")
            log.error("stale claim not deleted", extra={"claim": result.get("_id"), **result})


def _guarded_delete(index: str, claim_id: str, version: int) -> dict[str, Any]:
    """Delete a claim only while its version is at most ``version``."""
    return {
        "delete": {
            "_index": index,
            "_id": claim_id,
            "version": version,
            "version_type": "external_gte",
        }
    }


# ---------------------------------------------------------------------------------- search


@dataclass
class SearchRequest:
    query: str | None = None
    lang: str | None = None
    entity: str | None = None
    speaker: str | None = None
    since: datetime | None = None
    size: int = 10
    lenient: bool = False
    """Parse ``query`` as simple_query_string (set after a query_string syntax error)."""


def _text_query(
    query: str, fields: list[str], names_field: str | None = None, *, lenient: bool = False
) -> dict[str, Any]:
    """Kibana's Lucene query syntax (``"exact phrase"``, ``a OR b``, ``-x``, ``field:value``,
    ``wild*``) over the analysed text fields, every term required
    unless OR says otherwise; optionally also the names of linked entities in every language
    (so 'Putin' finds articles saying بوتين). ``lenient`` is the fallback for text that is not
    valid syntax (an unbalanced quote): simple_query_string never fails to parse."""
    text: dict[str, Any]
    if lenient:
        text = {
            "simple_query_string": {"query": query, "fields": fields, "default_operator": "and"}
        }
    else:
        # cross_fields: every word must be somewhere (title or body), not all in one field
        text = {
            "query_string": {
                "query": query,
                "fields": fields,
                "default_operator": "AND",
                "type": "cross_fields",
            }
        }
    should: list[dict[str, Any]] = [text]
    if names_field:
        should.append({"match": {names_field: {"query": query, "operator": "and", "boost": 2}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _name_filter(value: str, id_field: str, text_fields: list[str]) -> dict[str, Any]:
    """An entity or speaker by id, or by all words of any of its names in any language."""
    should: list[dict[str, Any]] = [{"term": {id_field: value}}]
    should += [{"match": {f: {"query": value, "operator": "and"}}} for f in text_fields]
    return {"bool": {"should": should, "minimum_should_match": 1}}


ARTICLE_TITLE_FIELDS = language_fields("title")
ARTICLE_BODY_FIELDS = language_fields("body")
ARTICLE_TEXT_FIELDS = (*(f"{f}^3" for f in ARTICLE_TITLE_FIELDS), *ARTICLE_BODY_FIELDS)
"""Every language's title and body fields: each analyses the query in its own language, and a
document has text in one language's fields only."""
HIGHLIGHT_TAGS = ("\x02", "\x03")
"""Control characters that never occur in cleaned text, so a page's own <em> is not taken for
a match."""


def _highlight(fields: list[str]) -> dict[str, Any]:
    """Fragments around the matched words of each field: the analysed field marks the form the
    text has (اتفاق highlighted as والاتفاق, talks as talked)."""
    return {
        "fields": {f: {} for f in fields},
        "pre_tags": [HIGHLIGHT_TAGS[0]],
        "post_tags": [HIGHLIGHT_TAGS[1]],
        "fragment_size": 160,
        "number_of_fragments": 2,
    }


def _since(request: SearchRequest) -> list[dict[str, Any]]:
    if not request.since:
        return []
    return [{"range": {"@timestamp": {"gte": request.since.isoformat()}}}]


async def with_lenient_fallback(
    search: Callable[[AsyncElasticsearch, ElasticsearchSettings, SearchRequest], Awaitable[Any]],
    client: AsyncElasticsearch,
    es: ElasticsearchSettings,
    request: SearchRequest,
) -> dict[str, Any]:
    """Run ``search``; when the query is not valid query string syntax, run it again as
    simple_query_string and say so in ``response["lenient"]``."""
    try:
        return dict(await search(client, es, request))
    except BadRequestError as exc:
        if not request.query or request.lenient:
            raise
        reason = str(exc)
        if "parse" not in reason and "query_shard_exception" not in reason:
            raise
    request = SearchRequest(**{**request.__dict__, "lenient": True})
    return {**dict(await search(client, es, request)), "lenient": True}


async def search_articles(
    client: AsyncElasticsearch, es: ElasticsearchSettings, request: SearchRequest
) -> dict[str, Any]:
    must: list[dict[str, Any]] = []
    filters: list[dict[str, Any]] = _since(request)
    if request.query:
        must.append(
            _text_query(
                request.query,
                list(ARTICLE_TEXT_FIELDS),
                "entity_names.text",
                lenient=request.lenient,
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
            highlight=_highlight([*ARTICLE_TITLE_FIELDS, *ARTICLE_BODY_FIELDS]),
            source_excludes=["enriched"],
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
        must.append(_text_query(request.query, ["text"], lenient=request.lenient))
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
            highlight=_highlight(["text"]),
            size=request.size,
            sort=["_score", {"@timestamp": "desc"}],
        )
    )
